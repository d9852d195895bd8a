from odoo import _, models

from .expo_followup import OPEN_STATES

# Follow-ups that have not reached anyone yet (nor been cancelled after
# being sent): the only ones a participation may take with it.
UNSENT_STATES = OPEN_STATES + ("cancelled",)


class ExpoParticipation(models.Model):
    _inherit = "expo.participation"  # pylint: disable=consider-merging-classes-inherited

    def _expo_unlink_errors(self, is_manager):
        """A participation with a follow-up is deleted by managers only; one
        whose follow-up was sent (or queued, or answered) is kept by everyone:
        the email is the contact's history."""
        errors = super()._expo_unlink_errors(is_manager)
        followups = self.env["expo.followup"].sudo().search(
            [("participation_id", "in", self.ids)]
        )
        if not followups:
            return errors
        sent = followups.filtered(
            lambda f: f.state not in UNSENT_STATES
            or f.sent_date
            or f.mail_message_id
            or f.mail_mail_id
        )
        if sent:
            errors.append(
                _(
                    "The follow-up of %(participations)s was already sent: it stays in the "
                    "contact's history. Cancel the participation instead.",
                    participations=self._expo_names(
                        self.filtered(lambda p: p in sent.participation_id)
                    ),
                )
            )
        elif not is_manager:
            errors.append(
                _(
                    "Only exhibition managers can delete participations that have a "
                    "follow-up (%(participations)s): cancel them instead.",
                    participations=self._expo_names(
                        self.filtered(lambda p: p in followups.participation_id)
                    ),
                )
            )
        return errors
