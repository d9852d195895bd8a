"""Benchmark rows of expo_crm_loyalty: the full value and loyalty recompute
(the ``expo.loyalty`` service).

On top of the base data (partners × editions participations), ``prepare``
adds, with set-based SQL: the relationships (contact × company) the
lifecycle would have created, 100,000 satisfaction surveys (one per
attended participation, the first 100,000), one relationship cost per
exhibitor, a trust and belonging score on one relationship in ten and a
referrer on one in twenty. The job recomputes the figures of every
relationship (economic value, Pareto tier, RFM, retention, CLV, loyalty)
and of every edition, as the nightly cron does. With ``--companies 2`` half
the fairs belong to a second company (in euros, some fairs in dollars).
"""

import json
from datetime import timedelta
from unittest.mock import patch

from harness import Job, plain_aggregate

from odoo import fields
from odoo.addons.expo_crm_loyalty.tools.figures import RUN_STATE_PARAM as LOYALTY_RUN_STATE
from odoo.addons.expo_crm_loyalty.tools.queries import ensure_relationships_sql

SURVEYS = 100_000


def prepare(env, scale):
    cr = env.cr
    uid = env.uid
    # The relationships exist before the figures (the lifecycle creates
    # them): kept with the base data, as in a real database.
    cr.execute(ensure_relationships_sql(None, uid, fields.Datetime.now()))
    if cr.rowcount:
        cr.execute("ANALYZE expo_relationship")
        cr.commit()
    cr.execute("SELECT COUNT(*) FROM expo_satisfaction")
    if cr.fetchone()[0] >= SURVEYS:
        return
    cr.execute(
        """
        INSERT INTO expo_satisfaction
               (participation_id, partner_id, fair_id, series_id, role_id, fair_date, company_id,
                date, overall, concept, behaviour, visual, product, service, expectation,
                experience, gap, would_recommend, nps_class, return_intent,
                create_uid, create_date, write_uid, write_date)
        SELECT p.id, p.partner_id, p.fair_id, p.series_id, p.role_id, p.fair_date, p.company_id,
               p.fair_date + 7, v.overall, 1 + (p.id + 1) %% 5, 1 + (p.id + 2) %% 5,
               1 + (p.id + 3) %% 5, 1 + (p.id + 4) %% 5, 1 + p.id %% 5, v.expectation,
               v.experience, v.experience - v.expectation, v.nps,
               CASE WHEN v.nps >= 9 THEN 'promoter' WHEN v.nps >= 7 THEN 'passive'
                    ELSE 'detractor' END,
               1 + (p.id * 7) %% 5, %(uid)s, now(), %(uid)s, now()
          FROM (SELECT * FROM expo_participation WHERE state = 'attended'
                 ORDER BY id LIMIT %(surveys)s) p
         CROSS JOIN LATERAL (SELECT 1 + (p.id * 3) %% 5 AS overall, 1 + (p.id * 5) %% 5 AS expectation,
                                    1 + (p.id * 11) %% 5 AS experience, (p.id * 13) %% 11 AS nps) v
        """,
        {"uid": uid, "surveys": SURVEYS},
    )
    cr.execute(
        """
        INSERT INTO expo_relation_cost (partner_id, fair_id, cost_type, amount, date, company_id,
                                        create_uid, create_date, write_uid, write_date)
        SELECT DISTINCT ON (p.partner_id) p.partner_id, p.fair_id,
               CASE WHEN p.partner_id %% 3 = 0 THEN 'initial' ELSE 'maintenance' END,
               200 + (p.partner_id %% 17) * 100, p.fair_date, p.company_id, %(uid)s, now(), %(uid)s, now()
          FROM expo_participation p
         WHERE p.role_code = 'exhibitor' AND p.state = 'attended'
      ORDER BY p.partner_id, p.fair_date
        """,
        {"uid": uid},
    )
    cr.execute(
        """
        UPDATE expo_relationship
           SET expo_trust = (1 + partner_id % 5)::varchar,
               expo_belonging = (1 + (partner_id / 10) % 5)::varchar
         WHERE partner_id % 10 = 0;
        UPDATE expo_relationship r
           SET expo_referred_by_id = (SELECT MIN(id) FROM res_partner WHERE ref LIKE 'bench-%')
                                     + r.partner_id % 997
         WHERE partner_id % 20 = 0;
        ANALYZE expo_satisfaction; ANALYZE expo_relation_cost; ANALYZE expo_relationship;
        """
    )
    env.invalidate_all()


def recompute(env, scale):
    return env["expo.loyalty"]._recompute()


def prepare_steady(env, scale):
    prepare(env, scale)
    # A first run writes every figure: the measured run is a later one.
    env["expo.loyalty"]._recompute()


CHANGED = 1_000


def prepare_next_night(env, scale):
    """Tonight's run done (every figure written), then a day in which the
    data of 1,000 contacts changed: the measured run is the next night's."""
    prepare(env, scale)
    env["expo.loyalty"]._cron()
    Param = env["ir.config_parameter"].sudo()
    state = json.loads(Param.get_param(LOYALTY_RUN_STATE))
    env.cr.execute("SELECT now() AT TIME ZONE 'UTC'")
    tonight = env.cr.fetchone()[0]
    # Everything prepared so far (in this transaction: surveys and costs of
    # a new benchmark database) was there before tonight's run.
    state["since"] = str(tonight + timedelta(minutes=1))
    Param.set_param(LOYALTY_RUN_STATE, json.dumps(state))
    env.cr.execute(
        """UPDATE expo_relationship SET write_date = %s
            WHERE id IN (SELECT id FROM expo_relationship ORDER BY id LIMIT %s)""",
        [tonight + timedelta(hours=1), CHANGED],
    )


def next_night(env, scale):
    """The nightly cron a day later (what depends on the day, such as the
    days since the last attended edition, moves on)."""
    tomorrow = fields.Date.context_today(env["expo.loyalty"]) + timedelta(days=1)
    with patch.object(fields.Date, "context_today", lambda *args, **kwargs: tomorrow):
        return env["expo.loyalty"]._cron()


def full_recompute(env, scale):
    return env["expo.loyalty"]._recompute()


def rewrite_relationships(env, scale):
    """The floor of a first run: one plain UPDATE of one column on every
    relationship row (nothing computed)."""
    env.cr.execute("UPDATE expo_relationship SET expo_revenue = 1")
    return env.cr.rowcount


def size(scale):
    return (f"{scale['partners']:,} partners, {scale['participations']:,} participations, "
            f"{SURVEYS:,} surveys, {scale.get('companies', 1)} companies")


JOBS = [
    Job(
        name="Loyalty floor: one plain UPDATE of every relationship row",
        prepare=prepare,
        run=rewrite_relationships,
        reference=plain_aggregate,
        reference_name="one SQL aggregate over participations",
        size=lambda scale: f"{scale['partners']:,} partners, {scale.get('companies', 1)} companies",
        target="(for comparison)",
    ),
    Job(
        name="Loyalty recompute, first run (every figure written)",
        prepare=prepare,
        run=recompute,
        reference=plain_aggregate,
        reference_name="one SQL aggregate over participations",
        size=size,
        target="≤ 10×, < 60 s, < 1 GiB",
    ),
    Job(
        name="Loyalty full recompute, figures up to date (the cron's weekly run)",
        prepare=prepare_steady,
        run=full_recompute,
        reference=plain_aggregate,
        reference_name="one SQL aggregate over participations",
        size=size,
        target="(for comparison)",
    ),
    Job(
        name="Loyalty nightly cron, the next night (1,000 contacts changed, everyone re-ranked)",
        prepare=prepare_next_night,
        run=next_night,
        reference=plain_aggregate,
        reference_name="one SQL aggregate over participations",
        size=size,
        target="≤ 5×, < 60 s, < 1 GiB",
    ),
]
