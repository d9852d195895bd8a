from odoo import models
from odoo.tools import email_normalize


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _message_post_after_hook(self, message, msg_values):
        """An email from the contact in its own chatter (a reply routed by the
        mail gateway) closes its sent follow-ups as replied."""
        res = super()._message_post_after_hook(message, msg_values)
        if msg_values.get("message_type") == "email" and len(self) == 1:
            author_id = msg_values.get("author_id")
            sender = email_normalize(msg_values.get("email_from") or "")
            if author_id == self.id or (sender and sender == self.email_normalized):
                followups = self.env["expo.followup"].sudo().search(
                    [("partner_id", "=", self.id), ("state", "=", "sent")]
                )
                if followups:
                    followups._expo_mark_replied(message)
        return res
