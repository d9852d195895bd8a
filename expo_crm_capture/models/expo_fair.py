from odoo import _, fields, models


class ExpoFair(models.Model):
    _inherit = "expo.fair"

    card_batch_ids = fields.One2many("expo.card.batch", "fair_id", string="Piles of cards")

    def action_expo_capture(self):
        """Open the capture screen on this fair."""
        self.ensure_one()
        return {
            "type": "ir.actions.client",
            "tag": "expo_crm_capture.capture",
            "name": _("Capture"),
            "params": {"fair_id": self.id},
            "context": {"expo_capture_fair_id": self.id},
        }

    def action_expo_card_batch(self):
        """Upload a pile of business cards for this fair."""
        self.ensure_one()
        # an empty pile this user started on this fair is opened again
        batch = self.env["expo.card.batch"].search(
            [("fair_id", "=", self.id), ("state", "=", "draft"), ("line_ids", "=", False),
             ("create_uid", "=", self.env.uid)],
            limit=1,
        ) or self.env["expo.card.batch"].create({"fair_id": self.id})
        return batch._action_open()
