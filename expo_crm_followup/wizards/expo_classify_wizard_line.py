from odoo import api, fields, models

from ..models.expo_followup_class import HESITATION_REASONS

# Line field -> participation field of the capture signals.
SIGNAL_FIELDS = {
    "order_signed": "order_signed",
    "samples_requested": "samples_requested",
    "price_disputed": "price_disputed",
    "catalogue_requested": "catalogue_requested",
}
# Participation field -> capture signal (keys of CAPTURE_SIGNALS).
SIGNAL_KEYS = {
    "order_signed": "signed",
    "samples_requested": "samples",
    "price_disputed": "price",
    "catalogue_requested": "catalogue",
}


class ExpoClassifyWizardLine(models.TransientModel):
    """One contact met at a fair, whatever the number of roles it holds
    there: its class, hesitation reason, note and the signals captured at the
    booth (editable: the suggestion follows them)."""

    _name = "expo.classify.wizard.line"
    _description = "Contact to Classify"
    _order = "id"

    wizard_id = fields.Many2one(
        "expo.classify.wizard", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="wizard_id.company_id", store=True)
    selected = fields.Boolean(string="Select")
    participation_id = fields.Many2one(
        "expo.participation", required=True, ondelete="cascade",
        help="The participation the follow-up hangs on.",
    )
    participation_ids = fields.Many2many(
        "expo.participation", string="Roles at the fair",
        help="Every role of the contact at this fair: they share one class and one follow-up.",
    )
    partner_id = fields.Many2one(
        related="participation_id.partner_id", string="Contact", store=True, precompute=True
    )
    fair_id = fields.Many2one(
        related="participation_id.fair_id", store=True, precompute=True
    )
    role_names = fields.Char(
        string="Roles", compute="_compute_role_names", store=True, precompute=True
    )
    user_id = fields.Many2one(
        related="participation_id.user_id", string="Owner", store=True, precompute=True
    )
    order_signed = fields.Boolean(string="Signed")
    samples_requested = fields.Boolean(string="Samples")
    price_disputed = fields.Boolean(string="Price")
    catalogue_requested = fields.Boolean(string="Catalogue")
    followup_state = fields.Selection(
        related="participation_id.followup_state", store=True, precompute=True
    )
    suggested_class_id = fields.Many2one(
        "expo.followup.class", string="Suggested", readonly=True
    )
    class_id = fields.Many2one("expo.followup.class")
    class_code = fields.Char(related="class_id.code")
    use_hesitation = fields.Boolean(related="class_id.use_hesitation", store=True)
    hesitation_reason = fields.Selection(HESITATION_REASONS, string="Hesitation")
    note = fields.Char()

    @api.depends("participation_ids.role_id")
    def _compute_role_names(self):
        for line in self:
            line.role_names = ", ".join(line.participation_ids.role_id.mapped("name"))

    def _signals(self):
        """The capture signals ticked on this line (keys of CAPTURE_SIGNALS)."""
        self.ensure_one()
        return {SIGNAL_KEYS[SIGNAL_FIELDS[name]] for name in SIGNAL_FIELDS if self[name]}

    @api.onchange(*SIGNAL_FIELDS)
    def _onchange_signals(self):
        """A signal changed: the suggestion follows, and so does the class
        unless the user chose another one."""
        Class = self.env["expo.followup.class"]
        classes_of = {}
        for line in self:
            company = line.company_id or self.env.company
            if company not in classes_of:
                classes_of[company] = Class.search([("company_id", "in", [False, company.id])])
            classes = classes_of[company]
            suggestion = Class._suggest_for_signals(line._signals(), classes)
            if not line.class_id or line.class_id == line.suggested_class_id:
                line.class_id = suggestion
            line.suggested_class_id = suggestion

    def action_set_class(self):
        """Big class buttons of the phone view: the button's context names the class."""
        class_id = self.env.context.get("expo_class_id")
        fclass = self.env["expo.followup.class"].browse(class_id).exists()
        if fclass:
            self.write({"class_id": fclass.id})
        return self.wizard_id._action_reopen()
