from contextlib import contextmanager

import psycopg2

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import LoyaltyCase


@tagged("post_install", "-at_install")
class TestSurveyDeleteGuard(LoyaltyCase):
    """A satisfaction survey is never deleted with its participation, its
    contact or its fair, whoever deletes them."""

    @contextmanager
    def refused(self, exception, message):
        """Refused with ``message``, and nothing of the attempt kept (as the
        request's rollback would do)."""
        with self.assertRaisesRegex(exception, message), self.env.cr.savepoint():
            yield

    def test_survey_kept_when_participation_deleted(self):
        user = new_test_user(
            self.env, "loy_del_user", groups="base.group_user,expo_crm.group_expo_user"
        )
        manager = new_test_user(
            self.env, "loy_del_manager", groups="base.group_user,expo_crm.group_expo_manager"
        )
        partner = self.partner("Surveyed Exhibitor")
        participation = self.attend(partner, self.e4)
        survey = self.survey(participation, overall=2)
        for who in (user, manager):
            with self.refused(UserError, "satisfaction survey is kept"):
                participation.with_user(who).unlink()
        with self.refused(UserError, "satisfaction survey is kept"):
            partner.with_user(manager).unlink()
        with self.refused(UserError, "satisfaction survey is kept"):
            self.e4.with_user(manager).unlink()
        self.assertTrue(survey.exists())
        self.assertEqual(survey.overall, 2)
        # The database refuses it too.
        self.env.flush_all()
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.ForeignKeyViolation):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "DELETE FROM expo_participation WHERE id = %s", [participation.id]
                )
        # A user cancels the participation; a manager deletes the survey on
        # purpose, then the participation.
        participation.with_user(user).state = "cancelled"
        survey.with_user(manager).unlink()
        participation.with_user(manager).unlink()
        self.assertFalse(participation.exists())
