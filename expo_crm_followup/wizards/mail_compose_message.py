from odoo import models


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _prepare_mail_values(self, res_ids):
        """Follow-up emails (``expo.followup.send``) are filed in the
        contact's chatter, authored by the sender the company's setting
        names, with the follow-up subtype: the values the emails and their
        messages are created with, nothing written afterwards."""
        values = super()._prepare_mail_values(res_ids)
        if not (
            self.env.context.get("expo_followup_chatter")
            and self.composition_mode == "mass_mail"
            and self.model == "expo.followup"
        ):
            return values
        subtype_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "expo_crm_followup.mail_message_subtype_expo_followup"
        )
        followups = self.env["expo.followup"].sudo().browse(list(values))
        for followup in followups:
            values[followup.id].update(
                model="res.partner",
                res_id=followup.partner_id.id,
                author_id=followup._get_author()[0].id,
                subtype_id=subtype_id,
            )
        return values
