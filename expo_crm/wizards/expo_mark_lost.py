from odoo import _, fields, models
from odoo.exceptions import UserError


class ExpoMarkLost(models.TransientModel):
    _name = "expo.mark.lost"
    _description = "Mark Relationships as Lost"

    partner_ids = fields.Many2many("res.partner", string="Contacts", required=True)
    reason = fields.Char(required=True, help="Why the relationship ended; kept in the history.")

    def action_confirm(self):
        self.ensure_one()
        reason = (self.reason or "").strip()
        if not self.partner_ids:
            raise UserError(_("Select at least one contact to mark as lost."))
        if not reason:
            raise UserError(_("Say why the relationship ended: the reason is kept in the history."))
        self.partner_ids.with_context(
            expo_stage_reason=reason, expo_stage_rule="lost"
        ).write({"expo_stage": "dissolution", "expo_stage_locked": True, "expo_lost_reason": reason})
        return {"type": "ir.actions.act_window_close"}
