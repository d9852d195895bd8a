from freezegun import freeze_time

from odoo.tests import tagged

from .common import TODAY, ExpoCrmCommon


@tagged("post_install", "-at_install")
class TestFair(ExpoCrmCommon):
    """Edition order, figures per edition, smart buttons."""

    def test_editions_are_ordered(self):
        self.assertEqual(self.ed_2023.edition_number, 1)
        self.assertFalse(self.ed_2023.previous_fair_id)
        self.assertEqual(self.ed_2026.edition_number, 4)
        self.assertEqual(self.ed_2026.previous_fair_id, self.ed_2025)
        # A cancelled edition is not "the previous edition".
        self.ed_2025.action_cancel()
        self.ed_2026.invalidate_recordset(["previous_fair_id", "edition_number"])
        self.assertEqual(self.ed_2026.previous_fair_id, self.ed_2024)
        self.assertFalse(self.solo_2024_03.previous_fair_id)

    @freeze_time(TODAY)
    def test_participation_figures(self):
        returning = self._partner("Returning Exhibitor Co.")
        newcomer = self._partner("New Exhibitor Co.")
        buyer = self._partner("Buyer Co.")
        reporter = self._partner("Trade Magazine")
        self._take_part(returning, self.ed_2025, fee_amount=8000)
        self._take_part(returning, self.ed_2026, fee_amount=9000)
        self._take_part(newcomer, self.ed_2026, fee_amount=6000)
        self._take_part(buyer, self.ed_2026, role=self.role_visitor, state="registered")
        self._take_part(reporter, self.ed_2026, role=self.role_media)
        cancelled = self._take_part(self._partner("Dropped Out Co."), self.ed_2026, state="cancelled")
        fair = self.ed_2026
        self.assertEqual(fair.participation_count, 4, "cancelled participations are not counted")
        self.assertEqual(fair.attended_count, 3)
        self.assertEqual(fair.exhibitor_count, 2)
        self.assertEqual(fair.trade_visitor_count, 1)
        self.assertEqual(fair.media_count, 1)
        self.assertEqual(fair.fee_total, 15000)
        self.assertEqual((fair.new_partner_count, fair.returning_partner_count), (2, 1))
        cancelled.state = "attended"
        self.assertEqual(fair.participation_count, 5)
        exhibitors = self.env["expo.participation"].search(fair.action_view_exhibitors()["domain"])
        self.assertEqual(exhibitors.partner_id, returning | newcomer | cancelled.partner_id)
        attended = self.env["expo.participation"].search(fair.action_view_attended()["domain"])
        self.assertEqual(len(attended), 4)

    @freeze_time(TODAY)
    def test_fair_changes_update_stages(self):
        partner = self._partner("Moved Fair Co.")
        fair = self._fair("Test Rescheduled Show", "2026-04-01", "2026-04-03", series=False)
        self._take_part(partner, fair)
        self.assertEqual(partner.expo_stage, "confirmation")
        # Moved to 2023 by mistake: nothing attended for 24 months.
        fair.write({"date_begin": "2023-04-01", "date_end": "2023-04-03"})
        self.assertEqual(partner.expo_stage, "dissolution")
        self.assertEqual(partner.expo_last_date, fair.date_end)
        fair.unlink()
        self.assertFalse(partner.expo_stage)
        self.assertEqual(partner.expo_attended_count, 0)

    def test_series_smart_button(self):
        action = self.series.action_view_fairs()
        self.assertEqual(
            self.env["expo.fair"].search(action["domain"]),
            self.ed_2023 | self.ed_2024 | self.ed_2025 | self.ed_2026 | self.ed_2027,
        )
