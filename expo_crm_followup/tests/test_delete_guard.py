from contextlib import contextmanager

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import ExpoFollowupCommon


@tagged("post_install", "-at_install")
class TestFollowupDeleteGuard(ExpoFollowupCommon):
    """Follow-ups never vanish with a participation a user deletes; one
    already sent is kept whoever deletes."""

    @contextmanager
    def refused(self, exception, message):
        """Refused with ``message``, and nothing of the attempt kept (as the
        request's rollback would do)."""
        with self.assertRaisesRegex(exception, message), self.env.cr.savepoint():
            yield

    def _schedule(self, participation, fclass):
        participation.followup_class_id = fclass
        return self.env["expo.followup"]._expo_schedule(participation)

    def test_participation_with_followup_deleted_by_managers_only(self):
        registered = self._contact("Rita Registered", state="registered", samples_requested=True)
        followup = self._schedule(registered, self.class_b)
        self.assertEqual(followup.participation_id, registered)
        # The owner may edit the participation, not delete it with the follow-up.
        with self.refused(UserError, "Only exhibition managers can delete participations"):
            registered.with_user(self.user_owner).unlink()
        self.assertTrue(followup.exists())
        registered.with_user(self.user_owner).state = "cancelled"
        # A manager may: the follow-up, never sent, goes with it.
        registered.with_user(self.user_manager).unlink()
        self.assertFalse(followup.exists())

    def test_sent_followup_never_deleted_by_a_cascade(self):
        followup = self._schedule(self.p_samples, self.class_b)
        self.env["expo.followup"]._cron_send_followups()
        self.assertTrue(followup.mail_message_id)
        partner = self.p_samples.partner_id
        with self.refused(UserError, "already sent"):
            self.p_samples.with_user(self.user_manager).unlink()
        with self.refused(UserError, "already sent"):
            partner.with_user(self.user_manager).unlink()
        with self.refused(UserError, "already sent"):
            self.fair.with_user(self.user_manager).unlink()
        self.assertTrue(followup.exists())
        self.assertTrue(followup.mail_message_id.exists())
        # Cancelling the participation is what a user does.
        self.p_samples.with_user(self.user_owner).state = "cancelled"
        self.assertTrue(followup.exists())
