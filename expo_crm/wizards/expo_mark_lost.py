from odoo import fields, models


class ExpoMarkLost(models.TransientModel):
    _name = "expo.mark.lost"
    _description = "Mark Relationships as Lost"

    partner_ids = fields.Many2many("res.partner", string="Contacts", required=True)
    reason = fields.Char(required=True, help="Why the relationship ended; kept in the history.")

    def action_confirm(self):
        self.ensure_one()
        self.partner_ids.with_context(
            expo_stage_reason=self.reason, expo_stage_rule="lost"
        ).write(
            {"expo_stage": "dissolution", "expo_stage_locked": True, "expo_lost_reason": self.reason}
        )
        return {"type": "ir.actions.act_window_close"}
