"""Benchmark rows of expo_crm_loyalty: the full value and loyalty recompute.

On top of the base data (partners × editions participations), ``prepare``
adds, with set-based SQL: 100,000 satisfaction surveys (one per attended
participation, the first 100,000), one relationship cost per exhibitor, a
trust and belonging score on one partner in ten and a referrer on one
partner in twenty. The job recomputes the figures of every partner
(economic value, Pareto tier, RFM, retention, CLV, loyalty) and of every
edition, as the nightly cron does.
"""

from harness import Job, plain_aggregate

SURVEYS = 100_000


def prepare(env, scale):
    cr = env.cr
    cr.execute("SELECT COUNT(*) FROM expo_satisfaction")
    if cr.fetchone()[0] >= SURVEYS:
        return
    uid = env.uid
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
        UPDATE res_partner
           SET expo_trust = (1 + id % 5)::varchar, expo_belonging = (1 + (id / 10) % 5)::varchar
         WHERE ref LIKE 'bench-%' AND id % 10 = 0;
        UPDATE res_partner r
           SET expo_referred_by_id = (SELECT MIN(id) FROM res_partner WHERE ref LIKE 'bench-%') + r.id % 997
         WHERE ref LIKE 'bench-%' AND id % 20 = 0;
        ANALYZE expo_satisfaction; ANALYZE expo_relation_cost; ANALYZE res_partner;
        """
    )
    env.invalidate_all()


def recompute(env, scale):
    return env["res.partner"]._expo_loyalty_recompute()


def prepare_steady(env, scale):
    prepare(env, scale)
    # A first run writes every figure: the measured run is the next night's.
    env["res.partner"]._expo_loyalty_recompute()


def rewrite_partners(env, scale):
    """The floor of a first run: one plain UPDATE of one column on the same
    partner rows (every row rewritten with its 15 indexes, nothing computed)."""
    env.cr.execute("UPDATE res_partner SET expo_revenue = 1 WHERE ref LIKE 'bench-%%'")
    return env.cr.rowcount


def size(scale):
    return (f"{scale['partners']:,} partners, {scale['participations']:,} participations, "
            f"{SURVEYS:,} surveys")


JOBS = [
    Job(
        name="Loyalty floor: one plain UPDATE of every bench partner row",
        run=rewrite_partners,
        reference=plain_aggregate,
        reference_name="one SQL aggregate over participations",
        size=lambda scale: f"{scale['partners']:,} partners",
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
        name="Loyalty recompute, nightly run (figures up to date)",
        prepare=prepare_steady,
        run=recompute,
        reference=plain_aggregate,
        reference_name="one SQL aggregate over participations",
        size=size,
        target="≤ 10×, < 60 s, < 1 GiB",
    ),
]
