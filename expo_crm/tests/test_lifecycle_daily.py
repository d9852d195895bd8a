from datetime import date
from unittest.mock import patch

from freezegun import freeze_time

from odoo.tests import tagged

from ..tools.stages import RUN_STATE_PARAM
from .common import ExpoCrmCommon


@tagged("post_install", "-at_install")
class TestLifecycleDailyRun(ExpoCrmCommon):
    """The daily cron recomputes what a day changes by itself, and every
    relationship when it must (first run, settings or rates changed, a week
    gone by)."""

    def _cron_looking_at(self):
        """Run the cron; returns (stage changes, the contacts it recomputed:
        None for every relationship)."""
        Lifecycle = type(self.env["expo.lifecycle"])
        seen = []
        run = Lifecycle._run

        def spy(records, partner_ids=None):
            seen.append(None if partner_ids is None else set(partner_ids))
            return run(records, partner_ids)

        with patch.object(Lifecycle, "_run", spy):
            changes = self._cron()
        self.assertEqual(len(seen), 1)
        return changes, seen[0]

    def test_day_after_an_edition_recomputes_its_series_only(self):
        regular = self._partner("Series Regular Co.")
        elsewhere = self._partner("Other Fairs Co.")
        with freeze_time("2026-05-12"):
            self._take_part(regular, self.ed_2024)
            self._take_part(regular, self.ed_2025)
            self._take_part(elsewhere, self.solo_2024_10)
            self._take_part(elsewhere, self.solo_2025_01)
            _changes, looked_at = self._cron_looking_at()
            self.assertIsNone(looked_at, "the first run computes every relationship")
            self.assertEqual((regular.expo_stage, elsewhere.expo_stage), ("trust", "trust"))
        # The 2026 edition ended on 05-13 without the regular.
        with freeze_time("2026-05-14"):
            changes, looked_at = self._cron_looking_at()
        self.assertEqual(changes, 1)
        self.assertIn(regular.id, looked_at)
        self.assertNotIn(elsewhere.id, looked_at)
        self.assertEqual(regular.expo_stage, "weakening")
        self.assertEqual(self._history(regular)[-1].rule, "skipped_edition")
        self.assertEqual(elsewhere.expo_stage, "trust")
        self.assertTrue(self._weakening_activities(regular))

    def test_windows_crossed_by_the_days_alone(self):
        trusted = self._partner("Quiet Regular Co.")
        once = self._partner("One Visit Co.")
        with freeze_time("2026-04-09"):
            self._take_part(trusted, self.solo_2024_03)
            self._take_part(trusted, self.solo_2024_10)
            self._take_part(once, self.solo_2024_03)
            self._cron()
        # 2024-10-10 leaves the 18-month window on 2026-04-11; 2024-03-07
        # the 24-month one on 2026-03-08 (already dissolved at the first run).
        with freeze_time("2026-04-11"):
            _changes, looked_at = self._cron_looking_at()
        self.assertEqual(looked_at, {trusted.id})
        self.assertEqual(trusted.expo_stage, "weakening")
        self.assertEqual(once.expo_stage, "dissolution")

    def test_full_run_after_a_settings_change_a_new_rate_or_a_week(self):
        partner = self._partner("Steady Exhibitor Co.")
        with freeze_time("2026-06-15"):
            self._take_part(partner, self.ed_2025)
            self._take_part(partner, self.ed_2026)
            self._cron()
            self.assertIsNotNone(self._cron_looking_at()[1], "same day, nothing to do")
            self.env["ir.config_parameter"].sudo().set_param("expo_crm.decline_ratio", "0.4")
            self.assertIsNone(self._cron_looking_at()[1], "a rule's setting changed")
            self.assertIsNotNone(self._cron_looking_at()[1])
            usd = self.env.ref("base.USD")
            self.env["res.currency.rate"].create(
                {"currency_id": usd.id, "name": "2026-05-10", "rate": 1.3,
                 "company_id": self.env.company.id}
            )
            self.assertIsNone(self._cron_looking_at()[1], "a currency rate was entered")
            # Written without the ORM (an outside sync): the daily run does not see it...
            self.env.cr.execute(
                "UPDATE expo_participation SET state = 'no_show' WHERE partner_id = %s"
                " AND fair_id = %s", [partner.id, self.ed_2026.id],
            )
        with freeze_time("2026-06-21"):
            self.assertIsNotNone(self._cron_looking_at()[1])
            self.env.invalidate_all()
            self.assertEqual(partner.expo_stage, "trust")
        # ... the weekly full run does.
        with freeze_time("2026-06-22"):
            self.assertIsNone(self._cron_looking_at()[1])
            self.env.invalidate_all()
            self.assertEqual(partner.expo_stage, "weakening")

    def test_unreadable_memory_means_a_full_run(self):
        with freeze_time("2026-06-15"):
            self._cron()
            state = self.env["ir.config_parameter"].sudo().get_param(RUN_STATE_PARAM)
            self.assertIn('"date": "2026-06-15"', state)
            self.env["ir.config_parameter"].sudo().set_param(RUN_STATE_PARAM, "{not json")
            self.assertIsNone(self._cron_looking_at()[1])
        # A clock set back: a full run as well.
        with freeze_time(date(2026, 6, 1)):
            self.assertIsNone(self._cron_looking_at()[1])
