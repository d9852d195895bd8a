from odoo import _, api, fields, models
from odoo.exceptions import UserError


class ExpoMarkLost(models.TransientModel):
    """Mark relationships as lost: from the Relationships views (the selected
    relationships, whatever their company) or from contacts (the current
    company's relationships with them, created when missing)."""

    _name = "expo.mark.lost"
    _description = "Mark Relationships as Lost"
    _check_company_auto = True

    partner_ids = fields.Many2many("res.partner", string="Contacts")
    relationship_ids = fields.Many2many("expo.relationship", string="Relationships")
    reason = fields.Char(required=True, help="Why the relationship ended; kept in the history.")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, readonly=True
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if context.get("active_model") == "expo.relationship" and context.get("active_ids"):
            relationships = self.env["expo.relationship"].browse(context["active_ids"]).exists()
            values["relationship_ids"] = [(6, 0, relationships.ids)]
            values["partner_ids"] = [(6, 0, relationships.partner_id.ids)]
        return values

    def action_confirm(self):
        self.ensure_one()
        reason = (self.reason or "").strip()
        if not self.partner_ids and not self.relationship_ids:
            raise UserError(_("Select at least one contact to mark as lost."))
        if not reason:
            raise UserError(_("Say why the relationship ended: the reason is kept in the history."))
        relationships = self.relationship_ids | self.partner_ids.filtered(
            lambda p: p not in self.relationship_ids.partner_id
        )._expo_ensure_relationship()
        relationships.with_context(expo_stage_reason=reason, expo_stage_rule="lost").write(
            {"stage": "dissolution", "stage_locked": True, "lost_reason": reason}
        )
        return {"type": "ir.actions.act_window_close"}
