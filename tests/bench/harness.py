"""Benchmark harness for Expo CRM.

Each job runs in its own child process (so that "peak memory" is the peak
resident memory of the process that did the job) inside one transaction that
is rolled back: every job starts from the same synthetic data set.

A job module ``tests/bench/jobs_<name>.py`` defines ``JOBS``, a list of
:class:`Job`. For each job the harness runs, in the same child process and the
same data: ``prepare(env, scale)`` (not timed), then ``run(env, scale)`` (timed,
memory measured), then in a fresh child ``prepare`` + ``reference(env, scale)``,
the way Odoo itself (or plain SQL) does the same job. The table reports both
and the ratio job / reference.

``scale`` is a dict: partners, participations, companies (1, or 2: the
two-company variant, half the series and their fairs in a second company
whose currency is the euro, half of its fairs invoiced in US dollars), and
anything a job module adds.
"""

import dataclasses
import json
import resource
import time
from collections.abc import Callable

BASE_SCALE = {"partners": 100_000, "series": 20, "editions": 5, "companies": 1}  # participations = partners × editions


@dataclasses.dataclass
class Job:
    name: str
    run: Callable
    reference: Callable
    reference_name: str
    prepare: Callable | None = None
    size: Callable | None = None  # scale -> label, e.g. "100,000 partners"
    target: str = ""  # e.g. "≤ 10×"
    repeat: int = 3  # runs of which the fastest is kept (1 for the long jobs)


def build_base_data(env, scale):
    """Synthetic data in realistic proportions, with set-based SQL: ``series``
    fair series of ``editions`` yearly editions each, ``partners`` companies,
    partners × editions participations (exhibitors and trade visitors, attended,
    registered, no-show, cancelled), idempotent."""
    cr = env.cr
    cr.execute("SELECT COUNT(*) FROM res_partner WHERE ref LIKE 'bench-%%'")
    if cr.fetchone()[0] >= scale["partners"]:
        return
    company_id = env.company.id
    uid = env.uid
    roles = {r.code: r.id for r in env["expo.role"].search([])}
    cr.execute(
        """
        INSERT INTO expo_series (name, periodicity, company_id, active, create_uid, create_date, write_uid, write_date)
        SELECT jsonb_build_object('en_US', 'Bench series ' || s), 'annual', %s, TRUE, %s, now(), %s, now()
          FROM generate_series(1, %s) s
        RETURNING id
        """,
        [company_id, uid, uid, scale["series"]],
    )
    series_ids = [r[0] for r in cr.fetchall()]
    cr.execute(
        """
        INSERT INTO expo_fair (name, series_id, date_begin, date_end, fair_type, scope, fair_format,
                               expo_our_part, company_id, currency_id, state,
                               create_uid, create_date, write_uid, write_date)
        SELECT jsonb_build_object('en_US', 'Bench fair ' || s.id || '/' || e),
               s.id,
               (CURRENT_DATE - make_interval(years => %s - e, days => (s.id %% 200)))::date,
               (CURRENT_DATE - make_interval(years => %s - e, days => (s.id %% 200) - 3))::date,
               'trade', 'international', 'physical', 'exhibit', %s, %s,
               CASE WHEN e = %s THEN 'planned' ELSE 'closed' END, %s, now(), %s, now()
          FROM expo_series s, generate_series(1, %s) e
         WHERE s.id = ANY(%s)
        """,
        [scale["editions"] - 1, scale["editions"] - 1, company_id, env.company.currency_id.id,
         scale["editions"], uid, uid, scale["editions"], series_ids],
    )
    cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, ref, email, is_company, active, type, company_id,
                                 lang, create_uid, create_date, write_uid, write_date)
        SELECT 'Bench company ' || g, 'Bench company ' || g, 'bench-' || g,
               'contact' || g || '@bench.example.com', TRUE, TRUE, 'contact', NULL, 'en_US',
               %s, now(), %s, now()
          FROM generate_series(1, %s) g
        """,
        [uid, uid, scale["partners"]],
    )
    # Each partner follows one series and has one participation per edition
    # of it (participations / partners of them): the latest edition is still
    # planned (registered), earlier ones mostly attended, some no-shows and
    # skipped editions; one partner in five exhibits (booth area and fee).
    cr.execute(
        """
        WITH p AS (
            SELECT id, row_number() OVER (ORDER BY id) AS n FROM res_partner WHERE ref LIKE 'bench-%%'
        ), f AS (
            SELECT id, series_id, date_begin,
                   row_number() OVER (PARTITION BY series_id ORDER BY date_begin) AS e,
                   dense_rank() OVER (ORDER BY series_id) AS s
              FROM expo_fair WHERE series_id = ANY(%(series_ids)s)
        )
        INSERT INTO expo_participation (partner_id, fair_id, role_id, role_code, series_id, fair_date, state,
                                        area_sqm, fee_amount, source, company_id, user_id,
                                        create_uid, create_date, write_uid, write_date)
        SELECT p.id, f.id,
               CASE WHEN p.n %% 5 = 0 THEN %(exhibitor)s ELSE %(visitor)s END,
               CASE WHEN p.n %% 5 = 0 THEN 'exhibitor' ELSE 'trade_visitor' END,
               f.series_id, f.date_begin,
               CASE WHEN f.e = %(editions)s THEN 'registered'
                    WHEN (p.n + f.e) %% 11 = 0 THEN 'no_show'
                    WHEN (p.n + f.e) %% 7 = 0 THEN 'cancelled'
                    ELSE 'attended' END,
               CASE WHEN p.n %% 5 = 0 THEN 9 + ((p.n + f.e) %% 7) * 9 ELSE 0 END,
               CASE WHEN p.n %% 5 = 0 THEN 1000 + ((p.n + f.e) %% 13) * 500 ELSE 0 END,
               'manual', %(company)s, %(uid)s, %(uid)s, now(), %(uid)s, now()
          FROM p JOIN f ON f.s = 1 + (p.n %% %(series)s)
        """,
        {
            "series_ids": series_ids, "series": scale["series"], "editions": scale["editions"],
            "exhibitor": roles["exhibitor"], "visitor": roles["trade_visitor"],
            "company": company_id, "uid": uid,
        },
    )
    if scale.get("companies", 1) > 1:
        _second_company(env, series_ids)
    cr.execute("ANALYZE expo_participation; ANALYZE res_partner; ANALYZE expo_fair")
    env.invalidate_all()


def _second_company(env, series_ids):
    """The two-company variant: every other series, with its fairs and
    participations, belongs to a second company (in euros, one US dollar
    rate); half of that company's fairs are invoiced in US dollars."""
    eur, usd = env.ref("base.EUR"), env.ref("base.USD")
    (eur | usd).active = True
    company = env["res.company"].create({"name": "Bench company B", "currency_id": eur.id})
    env["res.currency.rate"].create(
        {"currency_id": usd.id, "rate": 1.08, "name": "2000-01-01", "company_id": company.id}
    )
    env.flush_all()
    cr = env.cr
    moved = series_ids[1::2]
    cr.execute("UPDATE expo_series SET company_id = %s WHERE id = ANY(%s)", [company.id, moved])
    cr.execute(
        """UPDATE expo_fair SET company_id = %s,
                  currency_id = CASE WHEN id %% 2 = 0 THEN %s ELSE %s END
            WHERE series_id = ANY(%s)""",
        [company.id, usd.id, eur.id, moved],
    )
    cr.execute(
        "UPDATE expo_participation SET company_id = %s WHERE series_id = ANY(%s)",
        [company.id, moved],
    )


def plain_aggregate(env, scale):
    """The reference: one plain SQL aggregate over the participation table."""
    env.cr.execute(
        """SELECT partner_id, COUNT(*), MIN(fair_date), MAX(fair_date), SUM(fee_amount)
             FROM expo_participation WHERE state = 'attended' GROUP BY partner_id"""
    )
    return len(env.cr.fetchall())


def peak_rss_mib():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def measure(func, env, scale, repeat=3):
    """Run ``func`` ``repeat`` times, each inside a savepoint rolled back
    afterwards (same data every time, caches warm after the first), and keep
    the fastest wall time: the usual way to take noise out of a benchmark."""
    walls = []
    result = None
    for _i in range(repeat):
        env.flush_all()
        env.invalidate_all()
        env.cr.execute("SAVEPOINT expo_bench")
        start = time.perf_counter()
        result = func(env, scale)
        env.flush_all()
        walls.append(time.perf_counter() - start)
        env.cr.execute("ROLLBACK TO SAVEPOINT expo_bench")
        env.invalidate_all()
    return {"wall": min(walls), "walls": walls, "peak_rss_mib": peak_rss_mib(),
            "result": result if isinstance(result, int | float | str) else None}


def dump(obj):
    print("BENCH-RESULT " + json.dumps(obj), flush=True)
