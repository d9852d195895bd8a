from odoo import fields, models


class ExpoParticipation(models.Model):
    _inherit = "expo.participation"

    source = fields.Selection(
        selection_add=[("card", "Business card")], ondelete={"card": "set default"}
    )
    interest_tag_ids = fields.Many2many(
        "expo.industry.tag",
        "expo_participation_interest_tag_rel",
        "participation_id",
        "tag_id",
        string="Interests",
        help="What the contact asked about at the booth.",
    )
    capture_log_ids = fields.One2many(
        "expo.capture.log", "participation_id", string="Captures", readonly=True
    )
