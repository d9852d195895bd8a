from contextlib import contextmanager

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import TODAY, ExpoCrmCommon


@tagged("post_install", "-at_install")
class TestDeleteGuard(ExpoCrmCommon):
    """An attended participation is history: users cancel it, managers
    alone delete it, also when it would go with its contact or its fair."""

    @contextmanager
    def refused(self, exception, message):
        """Refused with ``message``, and nothing of the attempt kept (as the
        request's rollback would do)."""
        with self.assertRaisesRegex(exception, message), self.env.cr.savepoint():
            yield

    @freeze_time(TODAY)
    def test_user_cancels_attended_participation_manager_deletes_it(self):
        partner = self._partner("Guarded History Co.")
        attended = self._take_part(partner, self.ed_2025)
        registered = self._take_part(partner, self.ed_2027, state="registered")
        with self.refused(UserError, "Only exhibition managers can delete attended"):
            attended.with_user(self.user_expo).unlink()
        self.assertTrue(attended.exists())
        # Deleting the contact would take the participation with it: refused too.
        with self.refused(UserError, "Only exhibition managers can delete attended"):
            partner.with_user(self.user_expo).unlink()
        self.assertTrue(partner.exists())
        self.assertEqual(partner.expo_attended_count, 1)
        # What a user may do: cancel it, delete one that is not history.
        attended.with_user(self.user_expo).state = "cancelled"
        self.assertEqual(partner.expo_attended_count, 0)
        registered.with_user(self.user_expo).unlink()
        self.assertFalse(registered.exists())
        # A manager deletes an attended participation.
        again = self._take_part(partner, self.ed_2026)
        again.with_user(self.user_manager).unlink()
        self.assertFalse(again.exists())

    @freeze_time(TODAY)
    def test_fair_deleted_by_manager_takes_its_participations(self):
        partner = self._partner("Solo Fair Exhibitor")
        fair = self._fair("Test Deleted Show", "2026-04-01", "2026-04-03", series=False)
        participation = self._take_part(partner, fair)
        fair.with_user(self.user_manager).unlink()
        self.assertFalse(participation.exists())
        self.assertFalse(partner.expo_stage)
