from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    expo_followup_sender = fields.Selection(
        related="company_id.expo_followup_sender", readonly=False
    )
    expo_followup_auto_send = fields.Boolean(
        related="company_id.expo_followup_auto_send", readonly=False
    )
    expo_followup_working_days = fields.Boolean(
        related="company_id.expo_followup_working_days", readonly=False
    )
    expo_followup_escalation_days = fields.Integer(
        related="company_id.expo_followup_escalation_days", readonly=False
    )
    expo_followup_escalation_user_id = fields.Many2one(
        related="company_id.expo_followup_escalation_user_id", readonly=False
    )
    expo_followup_mailing_list_id = fields.Many2one(
        related="company_id.expo_followup_mailing_list_id", readonly=False
    )
