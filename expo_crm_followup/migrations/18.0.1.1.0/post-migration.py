"""18.0.1.1.0: a follow-up lists every role of its contact at its fair, and
every company has its follow-up mailing list."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """INSERT INTO expo_followup_participation_rel (followup_id, participation_id)
           SELECT f.id, p.id
             FROM expo_followup f
             JOIN expo_participation p
               ON p.partner_id = f.partner_id AND p.fair_id = f.fair_id
            WHERE p.state != 'cancelled' OR p.id = f.participation_id
           ON CONFLICT DO NOTHING"""
    )
    cr.execute(
        """UPDATE ir_model_data SET noupdate = TRUE
            WHERE module = 'expo_crm_followup' AND name LIKE 'mail_template_expo_%%'"""
    )
    env = api.Environment(cr, SUPERUSER_ID, {})
    env["res.company"].search([])._expo_followup_mailing_list()
    participations = env["expo.participation"].search([("followup_ids", "!=", False)])
    participations.modified(["followup_ids"])
    env.flush_all()
