"""Run the Expo CRM benchmark: ``tools/bench.sh [--partners N] [--job NAME]``.

Builds (once) a scratch database with the three addons and synthetic data,
then runs every job of ``jobs_*.py`` and its reference in child processes and
prints a table: job, size, wall time, peak memory, reference, ratio.
"""

import argparse
import glob
import importlib
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import harness  # noqa: E402


def load_jobs():
    jobs = []
    for path in sorted(glob.glob(os.path.join(HERE, "jobs_*.py"))):
        module = importlib.import_module(os.path.basename(path)[:-3])
        jobs.extend(module.JOBS)
    return jobs


def odoo_env(conf, db):
    import odoo
    from odoo import SUPERUSER_ID, api

    odoo.tools.config.parse_config(["-c", conf, "-d", db, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(db)
    cr = registry.cursor()
    return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})


def child(args):
    env = odoo_env(args.conf, args.db)
    scale = json.loads(args.scale)
    job = {j.name: j for j in load_jobs()}[args.child]
    try:
        if job.prepare:
            job.prepare(env, scale)
        func = job.run if args.which == "run" else job.reference
        harness.dump(harness.measure(func, env, scale, repeat=job.repeat))
    finally:
        env.cr.rollback()
        env.cr.close()


def build(args, scale):
    env = odoo_env(args.conf, args.db)
    try:
        harness.build_base_data(env, scale)
        env.cr.commit()
    finally:
        env.cr.close()


def vacuum(args):
    """The jobs run in rolled-back transactions: what they wrote stays in
    the tables as dead rows (millions after a few jobs) and their pages stay
    allocated. Compact those tables before each job: a live database, where
    autovacuum keeps up, does not carry the garbage of many rolled-back
    runs."""
    import psycopg2

    import odoo

    # The configuration is loaded (``build``).
    _name, info = odoo.sql_db.connection_info_for(args.db)
    cnx = psycopg2.connect(**info)
    cnx.autocommit = True
    try:
        with cnx.cursor() as cr:
            cr.execute("SELECT relname FROM pg_stat_user_tables WHERE n_dead_tup > 1000")
            for (table,) in cr.fetchall():
                cr.execute(f'VACUUM FULL ANALYZE "{table}"')
    finally:
        cnx.close()


def spawn(args, scale, name, which):
    cmd = [sys.executable, __file__, "--conf", args.conf, "--db", args.db,
           "--child", name, "--which", which, "--scale", json.dumps(scale)]
    out = subprocess.run(cmd, capture_output=True, text=True, check=False)
    for line in out.stdout.splitlines():
        if line.startswith("BENCH-RESULT "):
            return json.loads(line[len("BENCH-RESULT "):])
    sys.stderr.write(out.stdout[-3000:] + out.stderr[-5000:])
    raise SystemExit(f"benchmark job {name} ({which}) failed")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conf", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--partners", type=int, default=harness.BASE_SCALE["partners"])
    parser.add_argument("--editions", type=int, default=harness.BASE_SCALE["editions"])
    parser.add_argument("--companies", type=int, choices=(1, 2), default=1,
                        help="2: half the fairs in a second company (use another --db)")
    parser.add_argument("--job", action="append", help="run only these jobs (substring)")
    parser.add_argument("--child")
    parser.add_argument("--which", default="run")
    parser.add_argument("--scale")
    args = parser.parse_args()
    if args.child:
        return child(args)
    scale = dict(harness.BASE_SCALE, partners=args.partners, editions=args.editions,
                 companies=args.companies)
    scale["participations"] = scale["partners"] * scale["editions"]
    build(args, scale)
    rows = []
    for job in load_jobs():
        if args.job and not any(j in job.name for j in args.job):
            continue
        vacuum(args)
        res = spawn(args, scale, job.name, "run")
        vacuum(args)
        ref = spawn(args, scale, job.name, "reference")
        rows.append((job, res, ref))
        print(f"  done: {job.name}: {res['wall']:.2f} s ({res['peak_rss_mib']:.0f} MiB) "
              f"vs {ref['wall']:.2f} s", flush=True)
    head = ("| job | size | wall (s) | peak memory (MiB) | reference | ref. wall (s) | ratio | target |\n"
            "|---|---|---:|---:|---|---:|---:|---|")
    print()
    print(head)
    for job, res, ref in rows:
        size = job.size(scale) if job.size else f"{scale['partners']:,} partners"
        ratio = res["wall"] / ref["wall"] if ref["wall"] else float("inf")
        print(f"| {job.name} | {size} | {res['wall']:.2f} | {res['peak_rss_mib']:.0f} | "
              f"{job.reference_name} | {ref['wall']:.2f} | {ratio:.2f}× | {job.target} |")


if __name__ == "__main__":
    main()
