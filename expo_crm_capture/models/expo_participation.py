from odoo import fields, models


class ExpoParticipation(models.Model):
    _inherit = "expo.participation"

    source = fields.Selection(
        selection_add=[("card", "Business card")], ondelete={"card": "set default"}
    )
    # also defined by expo_crm_followup (the contact import's badge-code
    # column): declared here too so that a badge is matched whatever the order
    badge_code = fields.Char(string="Badge code", index=True, copy=False)
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
