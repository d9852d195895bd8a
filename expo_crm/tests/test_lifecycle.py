from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields
from odoo.tests import Form, tagged

from .common import TODAY, ExpoCrmCommon


@tagged("post_install", "-at_install")
class TestLifecycle(ExpoCrmCommon):
    """Each transition of the relationship lifecycle (domain.md)."""

    # ------------------------------------------------------------------
    # none -> cultivation -> confirmation -> trust
    # ------------------------------------------------------------------

    @freeze_time(TODAY)
    def test_no_exhibition_data_no_stage(self):
        partner = self._partner("Plain Contact Co.")
        self._cron()
        self.assertFalse(partner.expo_stage)
        self.assertFalse(self._history(partner))

    @freeze_time(TODAY)
    def test_role_puts_contact_in_cultivation(self):
        partner = self._partner("Future Exhibitor Co.")
        partner.expo_role_ids = self.role_exhibitor
        self.assertEqual(partner.expo_stage, "cultivation")
        self.assertEqual(partner.expo_stage_date, TODAY)
        history = self._history(partner)
        self.assertEqual(len(history), 1)
        self.assertFalse(history.stage_from)
        self.assertEqual(history.stage_to, "cultivation")
        self.assertEqual(history.rule, "first_contact")
        # Created directly with a role: cultivation at once as well.
        other = self._partner("Second Exhibitor Co.", expo_role_ids=[self.role_exhibitor.id])
        self.assertEqual(other.expo_stage, "cultivation")
        # Losing its only role and never having taken part: no stage again.
        partner.expo_role_ids = False
        self.assertFalse(partner.expo_stage)
        self.assertEqual(self._history(partner)[-1].rule, "no_data")

    @freeze_time(TODAY)
    def test_invitation_puts_contact_in_cultivation(self):
        partner = self._partner("Invited Buyer Co.")
        self._take_part(partner, self.ed_2027, state="invited", role=self.role_visitor)
        self.assertEqual(partner.expo_stage, "cultivation")
        self.assertEqual(partner.expo_attended_count, 0)

    @freeze_time(TODAY)
    def test_cancelled_participation_is_not_a_contact(self):
        partner = self._partner("Changed Its Mind Co.")
        self._take_part(partner, self.ed_2027, state="cancelled")
        self.assertFalse(partner.expo_stage)

    @freeze_time(TODAY)
    def test_first_attendance_confirms(self):
        partner = self._partner("First Timer Co.")
        participation = self._take_part(partner, self.ed_2026, state="registered")
        self.assertEqual(partner.expo_stage, "cultivation")
        participation.action_mark_attended()
        self.assertEqual(partner.expo_stage, "confirmation")
        self.assertEqual(partner.expo_attended_count, 1)
        self.assertEqual(partner.expo_first_date, self.ed_2026.date_begin)
        self.assertEqual(partner.expo_last_date, self.ed_2026.date_end)
        history = self._history(partner)
        self.assertEqual(history.mapped("stage_to"), ["cultivation", "confirmation"])
        self.assertEqual(history[-1].stage_from, "cultivation")
        self.assertEqual(history[-1].rule, "first_attendance")

    @freeze_time(TODAY)
    def test_no_show_stays_in_cultivation(self):
        partner = self._partner("No Show Co.")
        participation = self._take_part(partner, self.ed_2026, state="registered")
        participation.action_mark_no_show()
        self.assertEqual(partner.expo_stage, "cultivation")

    @freeze_time(TODAY)
    def test_second_edition_builds_trust(self):
        partner = self._partner("Loyal Exhibitor Co.")
        self._take_part(partner, self.ed_2025)
        self.assertEqual(partner.expo_stage, "weakening")  # 2026 was held without it
        self._take_part(partner, self.ed_2026)
        self.assertEqual(partner.expo_stage, "trust")
        self.assertEqual(partner.expo_attended_count, 2)
        self.assertEqual(self._history(partner)[-1].rule, "repeat_attendance")

    @freeze_time(TODAY)
    def test_two_roles_at_one_fair_count_once(self):
        partner = self._partner("Exhibitor And Sponsor Co.")
        self._take_part(partner, self.ed_2026, area_sqm=36, fee_amount=9000)
        self._take_part(partner, self.ed_2026, role=self.role_sponsor, fee_amount=20000)
        self.assertEqual(partner.expo_attended_count, 1)
        self.assertEqual(partner.expo_stage, "confirmation")

    @freeze_time(TODAY)
    def test_cancelled_fair_does_not_count(self):
        partner = self._partner("Cancelled Fair Visitor Co.")
        fair = self._fair("Test Cancelled Show", "2026-04-01", "2026-04-03", series=False)
        self._take_part(partner, fair)
        self.assertEqual(partner.expo_stage, "confirmation")
        fair.action_cancel()
        self.assertEqual(partner.expo_stage, "cultivation")
        self.assertEqual(partner.expo_attended_count, 0)

    # ------------------------------------------------------------------
    # weakening
    # ------------------------------------------------------------------

    def test_skipped_edition_weakens_when_it_is_held(self):
        partner = self._partner("Skipping Exhibitor Co.")
        with freeze_time("2026-05-01"):
            self._take_part(partner, self.ed_2024)
            self._take_part(partner, self.ed_2025)
            self.assertEqual(partner.expo_stage, "trust")
            self._cron()
            self.assertEqual(partner.expo_stage, "trust")
        # The 2026 edition ends on May 13 without this exhibitor.
        with freeze_time("2026-05-14"):
            self.assertGreaterEqual(self._cron(), 1)
            self.assertEqual(partner.expo_stage, "weakening")
            self.assertEqual(partner.expo_stage_date, fields.Date.from_string("2026-05-14"))
            last = self._history(partner)[-1]
            self.assertEqual((last.stage_from, last.stage_to, last.rule), ("trust", "weakening", "skipped_edition"))

    @freeze_time(TODAY)
    def test_area_decline_weakens(self):
        partner = self._partner("Shrinking Booth Co.")
        self._take_part(partner, self.ed_2026, area_sqm=18, fee_amount=10000)
        self.assertEqual(partner.expo_stage, "confirmation")
        self._take_part(partner, self.ed_2025, area_sqm=54, fee_amount=10000)
        self.assertEqual(partner.expo_stage, "weakening")
        self.assertEqual(self._history(partner)[-1].rule, "decline")

    @freeze_time(TODAY)
    def test_fee_decline_weakens_and_threshold_is_a_setting(self):
        partner = self._partner("Cheaper Package Co.")
        participation = self._take_part(partner, self.ed_2026, area_sqm=18, fee_amount=7000)
        self._take_part(partner, self.ed_2025, area_sqm=18, fee_amount=12000)
        # 7000 is more than half of 12000: no signal with the default ratio.
        self.assertEqual(partner.expo_stage, "trust")
        participation.fee_amount = 5000
        self.assertEqual(partner.expo_stage, "weakening")
        self.assertEqual(self._history(partner)[-1].rule, "decline")
        # With a laxer ratio (0.3) the same figures are no warning.
        self.env["ir.config_parameter"].sudo().set_param("expo_crm.decline_ratio", "0.3")
        self._cron()
        self.assertEqual(partner.expo_stage, "trust")

    def test_no_attendance_in_active_window_weakens(self):
        partner = self._partner("Quiet Regular Co.")
        with freeze_time("2024-11-01"):
            self._take_part(partner, self.solo_2024_03)
            self._take_part(partner, self.solo_2024_10)
            self.assertEqual(partner.expo_stage, "trust")
        # Last attended 2024-10-10: out of the 18-month window on 2026-04-11.
        with freeze_time("2026-04-10"):
            self._cron()
            self.assertEqual(partner.expo_stage, "trust")
        with freeze_time("2026-04-11"):
            self._cron()
            self.assertEqual(partner.expo_stage, "weakening")
            self.assertEqual(self._history(partner)[-1].rule, "inactive")

    @freeze_time(TODAY)
    def test_active_window_is_a_setting(self):
        partner = self._partner("Quarterly Regular Co.")
        self._take_part(partner, self.solo_2024_10)
        self._take_part(partner, self.solo_2025_01)
        self.assertEqual(partner.expo_stage, "trust")  # 2025-01-16 is within 18 months
        self.env["ir.config_parameter"].sudo().set_param("expo_crm.active_window_months", "12")
        self._cron()
        self.assertEqual(partner.expo_stage, "weakening")

    @freeze_time(TODAY)
    def test_extra_signal_hook_weakens(self):
        """Addons add signals through expo.lifecycle._signals (e.g. satisfaction)."""
        partner = self._partner("Unhappy Exhibitor Co.")
        self._take_part(partner, self.ed_2025)
        self._take_part(partner, self.ed_2026)
        self.assertEqual(partner.expo_stage, "trust")
        Lifecycle = type(self.env["expo.lifecycle"])
        calls = []
        key = (partner.id, self.env.company.id)

        def fake_signals(records, pairs):
            calls.append(list(pairs))
            return {key: ("signal", "Satisfaction fell to 2/5")}

        with patch.object(Lifecycle, "_signals", fake_signals):
            self._cron()
        self.assertEqual(len(calls), 1, "the hook is called once for all partners, not once each")
        self.assertIn(key, calls[0])
        self.assertEqual(partner.expo_stage, "weakening")
        last = self._history(partner)[-1]
        self.assertEqual((last.rule, last.reason), ("signal", "Satisfaction fell to 2/5"))

    # ------------------------------------------------------------------
    # dissolution, skipped steps
    # ------------------------------------------------------------------

    def test_confirmation_skips_to_dissolution(self):
        partner = self._partner("One Visit Only Co.")
        with freeze_time("2025-02-01"):
            self._take_part(partner, self.solo_2025_01)
            self.assertEqual(partner.expo_stage, "confirmation")
        with freeze_time("2026-12-31"):
            self._cron()
            self.assertEqual(partner.expo_stage, "confirmation")
        # Last attended 2025-01-16: outside the 24-month window on 2027-01-17.
        with freeze_time("2027-01-17"):
            self._cron()
            self.assertEqual(partner.expo_stage, "dissolution")
            last = self._history(partner)[-1]
            self.assertEqual((last.stage_from, last.stage_to), ("confirmation", "dissolution"))
            self.assertEqual(last.rule, "dissolution_window")
            self.assertEqual(
                last.days_in_previous_stage,
                (fields.Date.from_string("2027-01-17") - fields.Date.from_string("2025-02-01")).days,
            )

    def test_weakening_then_dissolution_then_back(self):
        partner = self._partner("Lapsed Regular Co.")
        with freeze_time("2024-11-01"):
            self._take_part(partner, self.solo_2024_03)
            self._take_part(partner, self.solo_2024_10)
        with freeze_time("2026-06-01"):
            self._cron()
            self.assertEqual(partner.expo_stage, "weakening")
        with freeze_time("2026-10-11"):
            self._cron()
            self.assertEqual(partner.expo_stage, "dissolution")
            # Comes back to the next fair: trusted again by the rules.
            fair = self._fair("Test Packaging Days 2026", "2026-10-01", "2026-10-03", series=False)
            self._take_part(partner, fair)
            self.assertEqual(partner.expo_stage, "trust")
        self.assertEqual(
            self._history(partner).mapped("stage_to"),
            ["confirmation", "trust", "weakening", "dissolution", "trust"],
        )

    # ------------------------------------------------------------------
    # manual stage, history written only on change
    # ------------------------------------------------------------------

    @freeze_time(TODAY)
    def test_kanban_move_locks_stage(self):
        partner = self._partner("Hand Managed Co.")
        self._take_part(partner, self.ed_2025)
        self._take_part(partner, self.ed_2026)
        self.assertEqual(partner.expo_stage, "trust")
        # What the kanban drag and drop sends.
        partner.with_user(self.user_expo).write({"expo_stage": "dissolution"})
        self.assertTrue(partner.expo_stage_locked)
        last = self._history(partner)[-1]
        self.assertEqual((last.stage_from, last.stage_to, last.rule), ("trust", "dissolution", "manual"))
        self.assertEqual(last.user_id, self.user_expo)
        # The cron and new participations leave a locked stage alone.
        count = len(self._history(partner))
        self._cron()
        self.assertEqual(partner.expo_stage, "dissolution")
        self.assertEqual(len(self._history(partner)), count)
        self._take_part(partner, self.ed_2024)
        self.assertEqual(partner.expo_stage, "dissolution")
        self.assertEqual(partner.expo_attended_count, 3, "facts are still kept up to date")
        # Unlock: the rules apply at once.
        partner.action_expo_unlock_stage()
        self.assertFalse(partner.expo_stage_locked)
        self.assertEqual(partner.expo_stage, "trust")
        last = self._history(partner)[-1]
        self.assertEqual((last.stage_from, last.stage_to, last.rule), ("dissolution", "trust", "repeat_attendance"))

    @freeze_time(TODAY)
    def test_same_stage_written_again_changes_nothing(self):
        partner = self._partner("Steady Co.")
        with freeze_time("2026-05-20"):
            self._take_part(partner, self.ed_2026)
        self.assertEqual(partner.expo_stage_date, fields.Date.from_string("2026-05-20"))
        count = len(self._history(partner))
        partner.write({"expo_stage": "confirmation"})
        self.assertEqual(len(self._history(partner)), count)
        self.assertEqual(partner.expo_stage_date, fields.Date.from_string("2026-05-20"))

    @freeze_time(TODAY)
    def test_cron_twice_writes_no_new_history(self):
        partners = self._partner("Repeat A Co.") | self._partner("Repeat B Co.")
        self._take_part(partners[0], self.ed_2026)
        self._take_part(partners[1], self.solo_2024_03)
        self._take_part(partners[1], self.solo_2024_10)
        History = self.env["expo.stage.history"]
        self._cron()
        count = History.search_count([])
        write_dates = partners.mapped("write_date")
        self.assertEqual(self._cron(), 0)
        self.assertEqual(History.search_count([]), count)
        partners.invalidate_recordset()
        self.assertEqual(partners.mapped("write_date"), write_dates)

    # ------------------------------------------------------------------
    # mark as lost
    # ------------------------------------------------------------------

    @freeze_time(TODAY)
    def test_mark_lost_wizard(self):
        partner_a = self._partner("Gone To Rival Co.")
        partner_b = self._partner("Closed Down Co.")
        self._take_part(partner_a, self.ed_2025)
        self._take_part(partner_a, self.ed_2026)
        self._take_part(partner_b, self.ed_2026)
        partners = partner_a | partner_b
        wizard_form = Form(
            self.env["expo.mark.lost"].with_user(self.user_expo).with_context(
                active_model="res.partner", default_partner_ids=partners.ids
            )
        )
        self.assertEqual(len(wizard_form.partner_ids), 2)
        wizard_form.reason = "Moved to a competing fair"
        wizard_form.save().action_confirm()
        for partner in partners:
            self.assertEqual(partner.expo_stage, "dissolution")
            self.assertTrue(partner.expo_stage_locked)
            self.assertEqual(partner.expo_lost_reason, "Moved to a competing fair")
            last = self._history(partner)[-1]
            self.assertEqual((last.stage_to, last.rule, last.reason), ("dissolution", "lost", "Moved to a competing fair"))
        self._cron()
        self.assertEqual(partners.mapped("expo_stage"), ["dissolution", "dissolution"])
        partner_a.action_expo_unlock_stage()
        self.assertEqual(partner_a.expo_stage, "trust")
        self.assertFalse(partner_a.expo_lost_reason)

    # ------------------------------------------------------------------
    # kanban columns
    # ------------------------------------------------------------------

    def test_kanban_shows_every_stage_column(self):
        groups = self.env["expo.relationship"].read_group(
            [("partner_id", "=", self.organizer.id)], ["stage"], ["stage"]
        )
        self.assertEqual(
            [g["stage"] for g in groups if g["stage"]],
            ["cultivation", "confirmation", "trust", "weakening", "dissolution"],
        )
