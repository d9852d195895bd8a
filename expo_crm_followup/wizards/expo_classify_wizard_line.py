from odoo import fields, models

from ..models.expo_followup_class import HESITATION_REASONS


class ExpoClassifyWizardLine(models.TransientModel):
    _name = "expo.classify.wizard.line"
    _description = "Contact to Classify"
    _order = "id"

    wizard_id = fields.Many2one(
        "expo.classify.wizard", required=True, ondelete="cascade", index=True
    )
    selected = fields.Boolean(string="Select")
    participation_id = fields.Many2one(
        "expo.participation", string="Participation", required=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(related="participation_id.partner_id", string="Contact")
    fair_id = fields.Many2one(related="participation_id.fair_id", string="Fair")
    role_id = fields.Many2one(related="participation_id.role_id", string="Role")
    user_id = fields.Many2one(related="participation_id.user_id", string="Owner")
    order_signed = fields.Boolean(related="participation_id.order_signed")
    samples_requested = fields.Boolean(related="participation_id.samples_requested")
    price_disputed = fields.Boolean(related="participation_id.price_disputed")
    catalogue_requested = fields.Boolean(related="participation_id.catalogue_requested")
    followup_state = fields.Selection(related="participation_id.followup_state")
    suggested_class_id = fields.Many2one(
        "expo.followup.class", string="Suggested", readonly=True
    )
    class_id = fields.Many2one("expo.followup.class", string="Class")
    use_hesitation = fields.Boolean(related="class_id.use_hesitation")
    hesitation_reason = fields.Selection(HESITATION_REASONS, string="Hesitation")
    note = fields.Char()
