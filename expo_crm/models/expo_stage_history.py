from odoo import fields, models

from .res_partner import EXPO_STAGES


class ExpoStageHistory(models.Model):
    _name = "expo.stage.history"
    _description = "Relationship Stage Change"
    _order = "date desc, id desc"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", string="Contact", required=True, index=True, ondelete="cascade"
    )
    stage_from = fields.Selection(EXPO_STAGES, string="From stage")
    stage_to = fields.Selection(EXPO_STAGES, string="To stage")
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    rule = fields.Selection(
        [
            ("first_contact", "Known to the fair"),
            ("first_attendance", "First attendance"),
            ("repeat_attendance", "Repeat attendance"),
            ("skipped_edition", "Skipped the latest edition"),
            ("decline", "Smaller participation"),
            ("inactive", "No recent attendance"),
            ("dissolution_window", "Nothing attended in the dissolution window"),
            ("signal", "Other warning signal"),
            ("lost", "Marked as lost"),
            ("manual", "Manual change"),
            ("no_data", "No exhibition data"),
        ],
    )
    reason = fields.Char()
    user_id = fields.Many2one("res.users", string="By", default=lambda self: self.env.user)
    company_id = fields.Many2one(
        "res.company", related="partner_id.company_id", store=True, index=True
    )
    days_in_previous_stage = fields.Integer(
        help="How long the contact stayed in the stage it left, in days."
    )
