from odoo import models


class MailMail(models.Model):
    _inherit = "mail.mail"

    def _postprocess_sent_message(self, success_pids, failure_reason=False, failure_type=None):
        # Before super(): a successfully sent mail may be deleted there.
        self.env["expo.followup.outcome"]._mail_result(
            self, failure_type=failure_type, failure_reason=failure_reason
        )
        return super()._postprocess_sent_message(
            success_pids, failure_reason=failure_reason, failure_type=failure_type
        )
