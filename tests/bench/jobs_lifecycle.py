"""Benchmark rows of expo_crm: the lifecycle cron."""

import json

from harness import Job, plain_aggregate

from odoo.addons.expo_crm.tools.stages import RUN_STATE_PARAM


def lifecycle_first(env, scale):
    return env["expo.lifecycle"]._cron()


def prepare_steady(env, scale):
    # A first run sets every stage: the measured run is a later one.
    env["expo.lifecycle"]._cron()


def full_run(env, scale):
    return env["expo.lifecycle"]._run(None)


def prepare_day_after_fair(env, scale):
    """A first run, then the cron's memory set back to the day the latest
    past edition ended: the measured run is the next day's, which must
    recompute that series' attendees (one series in twenty)."""
    prepare_steady(env, scale)
    Param = env["ir.config_parameter"].sudo()
    state = json.loads(Param.get_param(RUN_STATE_PARAM))
    env.cr.execute(
        "SELECT MAX(date_end) FROM expo_fair WHERE date_end < CURRENT_DATE AND state != 'cancelled'"
    )
    ended = env.cr.fetchone()[0]
    state.update(date=str(ended))
    Param.set_param(RUN_STATE_PARAM, json.dumps(state))


def daily_run(env, scale):
    """The number of contacts the daily run looked at (its stage changes are
    what the day brings)."""
    Lifecycle = env["expo.lifecycle"]
    looked_at = []
    run = type(Lifecycle)._run

    def counting_run(self, partner_ids=None):
        looked_at.append(len(partner_ids) if partner_ids is not None else -1)
        return run(self, partner_ids)

    type(Lifecycle)._run = counting_run
    try:
        Lifecycle._cron()
    finally:
        type(Lifecycle)._run = run
    return looked_at[0]


def lifecycle_floor(env, scale):
    """What writing the first run's result costs at the least: every
    relationship row written once (inserted, or updated where the loyalty
    benchmark left them) and one history row each, in plain SQL."""
    cr = env.cr
    cr.execute("SELECT COUNT(*) FROM expo_relationship")
    if cr.fetchone()[0]:
        cr.execute(
            """UPDATE expo_relationship
                  SET stage = 'trust', stage_date = CURRENT_DATE, attended_count = 2,
                      first_date = CURRENT_DATE, last_date = CURRENT_DATE,
                      write_date = now(), write_uid = %s""",
            [env.uid],
        )
    else:
        cr.execute(
            """INSERT INTO expo_relationship
                   (partner_id, company_id, stage, stage_date, stage_locked, attended_count,
                    first_date, last_date, user_id, create_uid, create_date, write_uid, write_date)
               SELECT DISTINCT ON (partner_id, company_id) partner_id, company_id, 'trust',
                      CURRENT_DATE, FALSE, 2, CURRENT_DATE, CURRENT_DATE, user_id,
                      %s, now(), %s, now()
                 FROM expo_participation""",
            [env.uid, env.uid],
        )
    cr.execute(
        """INSERT INTO expo_stage_history
               (relationship_id, partner_id, company_id, stage_from, stage_to, rule, reason,
                reason_values, days_in_previous_stage, date, user_id,
                create_uid, create_date, write_uid, write_date)
           SELECT id, partner_id, company_id, NULL, 'trust', 'repeat_attendance',
                  'Attended 2 editions', '{"count": 2}'::jsonb, 0, now(), %s, %s, now(), %s, now()
             FROM expo_relationship""",
        [env.uid, env.uid, env.uid],
    )
    return cr.rowcount


def size(scale):
    label = f"{scale['partners']:,} partners, {scale['participations']:,} participations"
    return label + (", two companies" if scale.get("companies", 1) > 1 else "")


JOBS = [
    Job(
        name="Lifecycle floor: every relationship and one history row written in plain SQL",
        run=lifecycle_floor,
        reference=plain_aggregate,
        reference_name="one SQL aggregate over participations",
        size=size,
        target="(for comparison)",
    ),
    Job(
        name="Lifecycle cron, first run (every stage written)",
        run=lifecycle_first,
        reference=plain_aggregate,
        reference_name="one SQL aggregate over participations",
        size=size,
        target="≤ 10×",
    ),
    Job(
        name="Lifecycle full run, stages up to date (the cron's weekly run)",
        prepare=prepare_steady,
        run=full_run,
        reference=plain_aggregate,
        reference_name="one SQL aggregate over participations",
        size=size,
        target="(for comparison)",
    ),
    Job(
        name="Lifecycle cron, daily run the day after an edition ended (result: contacts recomputed)",
        prepare=prepare_day_after_fair,
        run=daily_run,
        reference=plain_aggregate,
        reference_name="one SQL aggregate over participations",
        size=size,
        target="≤ 5×",
    ),
]
