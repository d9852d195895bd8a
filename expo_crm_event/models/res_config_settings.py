from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    expo_event_draft_state = fields.Selection(
        [("invited", "Invited"), ("registered", "Registered")],
        string="Unconfirmed registrations",
        default="invited",
        config_parameter="expo_crm_event.draft_state",
        help="The participation in the fair of a contact whose registration in "
        "the linked event is not confirmed yet: invited (not counted as a "
        "participant) or already registered.",
    )
