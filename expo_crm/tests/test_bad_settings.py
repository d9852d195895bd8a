from freezegun import freeze_time

from odoo.tests import tagged

from ..tools.stages import PARAM_DEFAULTS
from .common import TODAY, ExpoCrmCommon

BAD_VALUES = ("abc", "-5", "nan", "1e308")
SETTINGS_LOGGER = "odoo.addons.expo_crm.tools.settings"


@tagged("post_install", "-at_install")
class TestBadSettings(ExpoCrmCommon):
    """A system parameter set to nonsense never breaks the lifecycle cron:
    the default is used and a warning logged."""

    @freeze_time(TODAY)
    def test_lifecycle_cron_uses_defaults_for_bad_values(self):
        partner = self._partner("Steady Exhibitor Co.")
        self._take_part(partner, self.ed_2025, area_sqm=20)
        self._take_part(partner, self.ed_2026, area_sqm=18)
        self._cron()
        self.assertEqual(partner.expo_stage, "trust")
        history = partner.expo_stage_history_ids
        icp = self.env["ir.config_parameter"].sudo()
        for key, default in PARAM_DEFAULTS.items():
            for bad in BAD_VALUES:
                icp.set_param(key, bad)
                with self.assertLogs(SETTINGS_LOGGER, "WARNING") as logs:
                    self._cron()
                self.assertIn(key, logs.output[0])
                self.assertEqual(partner.expo_stage, "trust", f"{key} = {bad}")
                self.assertEqual(partner.expo_stage_history_ids, history, "no stage change")
            icp.set_param(key, default)

    def test_weakening_activity_settings_read_safely(self):
        icp = self.env["ir.config_parameter"].sudo()
        icp.set_param("expo_crm.weakening_activity", "maybe")
        icp.set_param("expo_crm.weakening_activity_type_id", "nan")
        partner = self._partner("Weakening Co.")
        with self.assertLogs(SETTINGS_LOGGER, "WARNING"):
            activities = self.env["expo.lifecycle"]._schedule_weakening_activities(
                partner._expo_ensure_relationship()
            )
        self.assertEqual(activities.activity_type_id, self.activity_type)
