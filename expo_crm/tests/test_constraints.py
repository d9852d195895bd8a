from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.service.model import _as_validation_error
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import ExpoCrmCommon


@tagged("post_install", "-at_install")
class TestConstraints(ExpoCrmCommon):
    """Bad input is refused with a clear message and nothing half-written."""

    def _assert_sql_refused(self, message, create):
        """Run ``create`` in a savepoint; it must break the SQL constraint
        whose message (as the user sees it) contains ``message``."""
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError) as caught:
            with self.env.cr.savepoint():
                create()
        # The message the web client shows (odoo.service.model turns the
        # database error into this ValidationError).
        self.assertIn(message, str(_as_validation_error(self.env, caught.exception)))

    def test_duplicate_participation_refused(self):
        partner = self._partner("Double Booked Co.")
        self._take_part(partner, self.ed_2026)
        self._assert_sql_refused(
            "This contact already takes part in this fair in this role.",
            lambda: self._take_part(partner, self.ed_2026, state="registered"),
        )
        self.assertEqual(
            self.env["expo.participation"].search_count(
                [("partner_id", "=", partner.id), ("fair_id", "=", self.ed_2026.id)]
            ),
            1,
        )
        # Another role at the same fair is a different participation.
        self._take_part(partner, self.ed_2026, role=self.role_sponsor)
        self.assertEqual(len(partner.expo_participation_ids), 2)

    def test_negative_area_and_fee_refused(self):
        partner = self._partner("Negative Co.")
        self._assert_sql_refused(
            "The booth area cannot be negative.",
            lambda: self._take_part(partner, self.ed_2026, area_sqm=-9),
        )
        self._assert_sql_refused(
            "The fee cannot be negative.",
            lambda: self._take_part(partner, self.ed_2026, fee_amount=-100),
        )

    def test_duplicate_role_code_refused(self):
        self._assert_sql_refused(
            "Another exhibition role already uses this code.",
            lambda: self.env["expo.role"].create({"name": "Exhibitor (copy)", "code": "exhibitor"}),
        )

    def test_end_before_start_refused(self):
        with self.assertRaisesRegex(ValidationError, "cannot end .* before it starts"):
            self._fair("Backwards Fair", "2026-09-10", "2026-09-08", series=False)
        with self.assertRaises(ValidationError):
            self.ed_2027.write({"date_end": "2027-05-01"})
        self.ed_2027.invalidate_recordset()
        self.assertEqual(str(self.ed_2027.date_end), "2027-05-13")
        # A one-day fair is fine.
        fair = self._fair("One Day Fair", "2026-09-10", "2026-09-10", series=False)
        self.assertEqual(fair.date_begin, fair.date_end)

    def test_participation_in_other_company_fair_refused(self):
        company_b = self.env["res.company"].create({"name": "Other Organizer Branch"})
        fair_b = self._fair(
            "Branch Fair", "2026-09-01", "2026-09-03", series=False, company_id=company_b.id
        )
        partner = self._partner("Shared Contact Co.")
        # Filed under company A while the fair belongs to company B.
        with self.assertRaises(UserError):
            self._take_part(partner, fair_b, company_id=self.company.id)
        # A contact that belongs to company A cannot take part in B's fair.
        partner_a = self._partner("Company A Client", company_id=self.company.id)
        with self.assertRaises(UserError):
            self._take_part(partner_a, fair_b)
        # A shared contact (no company) can: the participation follows the fair.
        participation = self._take_part(partner, fair_b)
        self.assertEqual(participation.company_id, company_b)

    def test_fair_of_other_company_series_refused(self):
        company_b = self.env["res.company"].create({"name": "Series Owner Branch"})
        with self.assertRaises(UserError):
            self._fair("Wrong Series Fair", "2026-09-01", "2026-09-03", company_id=company_b.id)

    def test_bad_lifecycle_settings_refused(self):
        for values in (
            {"expo_decline_ratio": 1.5},
            {"expo_decline_ratio": -0.1},
            {"expo_active_window_months": 0},
            {"expo_active_window_months": 30, "expo_dissolution_window_months": 24},
        ):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                self.env["res.config.settings"].create(values)
        settings = Form(self.env["res.config.settings"])
        settings.expo_active_window_months = 12
        settings.expo_dissolution_window_months = 36
        settings.expo_decline_ratio = 0.4
        settings.save().execute()
        get = self.env["ir.config_parameter"].sudo().get_param
        self.assertEqual(
            (get("expo_crm.active_window_months"), get("expo_crm.dissolution_window_months"),
             get("expo_crm.decline_ratio")),
            ("12", "36", "0.4"),
        )

    def test_mark_lost_needs_contacts_and_reason(self):
        wizard = self.env["expo.mark.lost"].create({"reason": "No budget"})
        with self.assertRaisesRegex(UserError, "Select at least one contact"):
            wizard.action_confirm()
        partner = self._partner("Undecided Co.")
        wizard = self.env["expo.mark.lost"].create({"partner_ids": partner.ids, "reason": "   "})
        with self.assertRaisesRegex(UserError, "Say why the relationship ended"):
            wizard.action_confirm()
        self.assertFalse(partner.expo_stage)
        self.assertFalse(self._history(partner))
