from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools.settings import read_param

WEAKENING_ACTIVITY_PARAM = "expo_crm.weakening_activity"


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
    # Not a plain config_parameter field: Odoo deletes the parameter of an
    # unticked boolean, which would bring back the default (on) at once.
    expo_weakening_activity = fields.Boolean(
        string="Activity on weakening",
        help="Schedule an activity for the owner when a relationship starts weakening.",
    )
    expo_weakening_activity_type_id = fields.Many2one(
        "mail.activity.type",
        string="Weakening activity type",
        config_parameter="expo_crm.weakening_activity_type_id",
        domain="[('res_model', 'in', (False, 'res.partner'))]",
    )

    @api.constrains(
        "expo_active_window_months", "expo_dissolution_window_months", "expo_decline_ratio"
    )
    def _check_expo_lifecycle_settings(self):
        for settings in self:
            if settings.expo_active_window_months < 1 or settings.expo_dissolution_window_months < 1:
                raise ValidationError(_("The active and dissolution windows must last at least one month."))
            if settings.expo_dissolution_window_months < settings.expo_active_window_months:
                raise ValidationError(
                    _(
                        "The dissolution window (%(dissolution)s months) cannot be shorter "
                        "than the active window (%(active)s months).",
                        dissolution=settings.expo_dissolution_window_months,
                        active=settings.expo_active_window_months,
                    )
                )
            if not 0 <= settings.expo_decline_ratio <= 1:
                raise ValidationError(_("The decline ratio must be between 0 and 1 (e.g. 0.5)."))

    @api.model
    def get_values(self):
        res = super().get_values()
        res["expo_weakening_activity"] = read_param(self.env, WEAKENING_ACTIVITY_PARAM, True)
        return res

    def set_values(self):
        res = super().set_values()
        self.env["ir.config_parameter"].sudo().set_param(
            WEAKENING_ACTIVITY_PARAM, "True" if self.expo_weakening_activity else "False"
        )
        return res
