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
        "expo.participation", required=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        related="participation_id.partner_id", string="Contact", store=True, precompute=True
    )
    fair_id = fields.Many2one(
        related="participation_id.fair_id", store=True, precompute=True
    )
    role_id = fields.Many2one(
        related="participation_id.role_id", store=True, precompute=True
    )
    user_id = fields.Many2one(
        related="participation_id.user_id", string="Owner", store=True, precompute=True
    )
    order_signed = fields.Boolean(
        related="participation_id.order_signed", store=True, precompute=True
    )
    samples_requested = fields.Boolean(
        related="participation_id.samples_requested", store=True, precompute=True
    )
    price_disputed = fields.Boolean(
        related="participation_id.price_disputed", store=True, precompute=True
    )
    catalogue_requested = fields.Boolean(
        related="participation_id.catalogue_requested", store=True, precompute=True
    )
    followup_state = fields.Selection(
        related="participation_id.followup_state", store=True, precompute=True
    )
    suggested_class_id = fields.Many2one(
        "expo.followup.class", string="Suggested", readonly=True
    )
    class_id = fields.Many2one("expo.followup.class")
    use_hesitation = fields.Boolean(related="class_id.use_hesitation", store=True)
    hesitation_reason = fields.Selection(HESITATION_REASONS, string="Hesitation")
    note = fields.Char()
