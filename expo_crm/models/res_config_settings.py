from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    expo_active_window_months = fields.Integer(
        string="Active window (months)",
        config_parameter="expo_crm.active_window_months",
        default=18,
        help="A contact who attended two or more editions is in trust while its "
        "last attendance is inside this window.",
    )
    expo_dissolution_window_months = fields.Integer(
        string="Dissolution window (months)",
        config_parameter="expo_crm.dissolution_window_months",
        default=24,
        help="With no attendance inside this window a relationship is dissolved.",
    )
    expo_decline_ratio = fields.Float(
        string="Decline ratio",
        config_parameter="expo_crm.decline_ratio",
        default=0.5,
        help="Booth area or fee under this share of the previous edition's is a "
        "weakening signal (0.5 = fell by half or more).",
    )
    expo_weakening_activity = fields.Boolean(
        string="Activity on weakening",
        config_parameter="expo_crm.weakening_activity",
        default=True,
        help="Schedule an activity for the owner when a relationship starts weakening.",
    )
    expo_weakening_activity_type_id = fields.Many2one(
        "mail.activity.type",
        string="Weakening activity type",
        config_parameter="expo_crm.weakening_activity_type_id",
        domain="[('res_model', 'in', (False, 'res.partner'))]",
    )
