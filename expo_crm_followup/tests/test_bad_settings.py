from contextlib import contextmanager

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import ExpoFollowupCommon

BAD_VALUES = ("abc", "-5", "nan", "1e308")
SETTINGS_LOGGER = "odoo.addons.expo_crm.tools.settings"


@tagged("post_install", "-at_install")
class TestFollowupBadSettings(ExpoFollowupCommon):

    @contextmanager
    def refused(self, exception, message):
        """Refused with ``message``, and nothing of the attempt kept (as the
        request's rollback would do)."""
        with self.assertRaisesRegex(exception, message), self.env.cr.savepoint():
            yield
    def test_cron_runs_with_a_bad_batch_size(self):
        self.p_samples.followup_class_id = self.class_b
        self.p_catalogue.followup_class_id = self.class_d
        followups = self.env["expo.followup"]._expo_schedule(self.p_samples | self.p_catalogue)
        icp = self.env["ir.config_parameter"].sudo()
        sent = 0
        for bad in BAD_VALUES:
            icp.set_param("expo_crm_followup.send_batch_size", bad)
            with self.assertLogs(SETTINGS_LOGGER, "WARNING"):
                sent += self.env["expo.followup"]._cron_send_followups()
        self.assertEqual(sent, 2, "both sent by the first run, once")
        for followup in followups:
            self.assertEqual(len(self._followup_messages(followup.partner_id)), 1)
            self.assertNotIn(followup.state, ("scheduled", "failed"))

    def test_negative_escalation_days_refused(self):
        with self.refused(ValidationError, "Escalation cannot come -1 days"):
            self.company.expo_followup_escalation_days = -1
        settings = Form(self.env["res.config.settings"])
        settings.expo_followup_escalation_days = -3
        with self.assertRaises(ValidationError):
            settings.save().execute()
        self.assertEqual(self.company.expo_followup_escalation_days, 2)
        self.company.expo_followup_escalation_days = 0
        self.assertEqual(self.company.expo_followup_escalation_days, 0, "0: no escalation")
