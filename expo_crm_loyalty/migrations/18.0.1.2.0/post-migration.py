"""18.0.1.2.0: value and loyalty per relationship (contact × company).

The judgements entered by hand (trust and belonging with their dates,
demonstration and capability values, referrer) were columns of
``res_partner``, which the upgrade leaves in place (Odoo does not drop the
columns of removed fields). They are copied onto the relationship of the
contact's *main* company, the rule of expo_crm's migration: the company of
its latest participation, else its own company, else the first company (a
relationship is created there when missing). The other companies start
without judgements: they are theirs to give. Every figure is then
recomputed from each company's own fairs, and the nightly job runs the
``expo.loyalty`` service (its record is ``noupdate``: updated here).
"""

from odoo import SUPERUSER_ID, api

MANUAL_COLUMNS = [
    "expo_trust",
    "expo_trust_date",
    "expo_belonging",
    "expo_belonging_date",
    "expo_demonstration_value",
    "expo_capability_value",
    "expo_referred_by_id",
]


def _old_columns(cr):
    cr.execute(
        """SELECT column_name FROM information_schema.columns
            WHERE table_name = 'res_partner' AND column_name = ANY(%s)""",
        [MANUAL_COLUMNS],
    )
    return [row[0] for row in cr.fetchall()]


def migrate(cr, version):
    if not version:
        return
    columns = _old_columns(cr)
    if columns:
        has_data = " OR ".join(
            f"rp.{name} > 0" if name.endswith("_value") else f"rp.{name} IS NOT NULL"
            for name in columns
        )
        cr.execute(
            f"""
            CREATE TEMP TABLE expo_loyalty_judgement ON COMMIT DROP AS
            SELECT rp.id AS partner_id,
                   COALESCE(
                       (SELECT f.company_id FROM expo_participation p
                          JOIN expo_fair f ON f.id = p.fair_id
                         WHERE p.partner_id = rp.id
                      ORDER BY f.date_begin DESC, p.id DESC LIMIT 1),
                       rp.company_id,
                       (SELECT MIN(id) FROM res_company)) AS company_id
              FROM res_partner rp
             WHERE {has_data}
            """
        )
        cr.execute(
            """
            INSERT INTO expo_relationship (partner_id, company_id, stage_locked,
                                           create_date, write_date)
            SELECT j.partner_id, j.company_id, FALSE, now() at time zone 'UTC',
                   now() at time zone 'UTC'
              FROM expo_loyalty_judgement j
            ON CONFLICT (partner_id, company_id) DO NOTHING
            """
        )
        assignments = ", ".join(f"{name} = rp.{name}" for name in columns)
        cr.execute(
            f"""
            UPDATE expo_relationship r SET {assignments}
              FROM expo_loyalty_judgement j JOIN res_partner rp ON rp.id = j.partner_id
             WHERE r.partner_id = j.partner_id AND r.company_id = j.company_id
            """
        )
    env = api.Environment(cr, SUPERUSER_ID, {})
    cron = env.ref("expo_crm_loyalty.ir_cron_expo_loyalty_recompute", raise_if_not_found=False)
    if cron:
        cron.write({"model_id": env["ir.model"]._get_id("expo.loyalty"), "code": "model._cron()"})
    env["expo.loyalty"]._recompute()
