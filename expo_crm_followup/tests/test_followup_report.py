from freezegun import freeze_time

from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import ExpoFollowupCommon


@tagged("post_install", "-at_install")
class TestFollowupReport(ExpoFollowupCommon):
    """The follow-up analysis (``expo.followup.report``): what each reader
    may see, the figures of a pivot, the overdue filter."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.p_other = cls._contact("Olga Others", owner=cls.user_other, samples_requested=True)
        cls.company_2 = cls.env["res.company"].create({"name": "Valves Europe GmbH"})
        cls.fair_2 = cls.env["expo.fair"].create(
            {
                "name": "Valve World Düsseldorf",
                "date_begin": "2026-03-02",
                "date_end": "2026-03-05",
                "state": "closed",
                "company_id": cls.company_2.id,
            }
        )
        cls.p_abroad = cls._contact("Anna Abroad", fair=cls.fair_2, samples_requested=True)
        cls.p_abroad.company_id = cls.company_2
        for participation, fclass in (
            (cls.p_signed, cls.class_a), (cls.p_samples, cls.class_b),
            (cls.p_other, cls.class_b), (cls.p_abroad, cls.class_b),
        ):
            participation.followup_class_id = fclass
        cls.followups = cls.env["expo.followup"]._expo_schedule(
            cls.p_signed | cls.p_samples | cls.p_other | cls.p_abroad
        )
        cls.user_manager.company_ids |= cls.company_2

    def _rows(self, user, **extra):
        return self.env["expo.followup.report"].with_user(user).search(
            [(key, "=", value) for key, value in extra.items()]
        )

    def test_each_reader_sees_what_they_may(self):
        Report = self.env["expo.followup.report"]
        with self.assertRaises(AccessError):
            Report.with_user(self.user_plain).search([])
        # A salesperson: their own follow-ups.
        mine = self._rows(self.user_owner)
        self.assertEqual(mine.user_id, self.user_owner)
        self.assertEqual(sum(mine.mapped("followup_count")), 2)
        # A manager: everyone's, in the company they work in...
        manager = self.user_manager.with_company(self.company)
        ours = [("fair_id", "in", (self.fair | self.fair_2).ids)]
        rows = Report.with_user(manager).with_company(self.company).search(ours)
        self.assertEqual(rows.fair_id, self.fair)
        self.assertEqual(sum(rows.mapped("followup_count")), 3)
        # ... and the other company's once it is allowed too.
        both = Report.with_user(manager).with_context(
            allowed_company_ids=[self.company.id, self.company_2.id]
        ).search(ours)
        self.assertEqual(both.fair_id, self.fair | self.fair_2)

    def test_pivot_figures(self):
        Report = self.env["expo.followup.report"].with_user(self.user_manager)
        groups = Report.read_group(
            [("fair_id", "=", self.fair.id)],
            ["followup_count:sum", "overdue_count:sum", "replied_count:sum"],
            ["class_id"],
        )
        by_class = {g["class_id"][0]: g for g in groups}
        self.assertEqual(by_class[self.class_a.id]["followup_count"], 1)
        self.assertEqual(by_class[self.class_b.id]["followup_count"], 2)
        self.assertEqual(by_class[self.class_b.id]["overdue_count"], 0)
        # Class A is due on the 11th at midnight: overdue the morning after,
        # in the analysis as in the follow-ups' "Overdue" filter.
        with freeze_time("2026-03-11 08:00:00"):
            groups = Report.read_group(
                [("fair_id", "=", self.fair.id), ("overdue_count", ">", 0)],
                ["overdue_count:sum"], ["class_id"],
            )
            self.assertEqual([(g["class_id"][0], g["overdue_count"]) for g in groups],
                             [(self.class_a.id, 1)])
            overdue = self.env["expo.followup"].with_user(self.user_manager).search(
                [("fair_id", "=", self.fair.id), ("is_overdue", "=", True)]
            )
            self.assertEqual(overdue.participation_id, self.p_signed)

    def test_analysis_menu_opens_the_report(self):
        action = self.env.ref("expo_crm_followup.expo_followup_analysis_action")
        self.assertEqual(action.res_model, "expo.followup.report")
        self.assertEqual(action.view_mode.split(",")[0], "pivot")
        # The follow-up form still shows whether it is late.
        signed = self.followups.filtered(lambda f: f.participation_id == self.p_signed)
        with freeze_time("2026-03-12 08:00:00"):
            form = Form(signed.with_user(self.user_owner))
            self.assertTrue(form.is_overdue)
