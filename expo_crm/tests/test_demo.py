from odoo.tests import tagged

from .common import ExpoCrmCommon


@tagged("post_install", "-at_install")
class TestDemo(ExpoCrmCommon):
    """The demo database shows every lifecycle stage (when demo data is loaded)."""

    def test_demo_contacts_cover_every_stage(self):
        series = self.env.ref("expo_crm.demo_series_machinery", raise_if_not_found=False)
        if not series:
            self.skipTest("demo data not loaded")
        self.assertEqual(series.fair_count, 3)
        self.assertEqual(
            sorted(series.fair_ids.mapped("state")), ["closed", "closed", "planned"]
        )
        demo_ids = self.env["ir.model.data"].search(
            [("module", "=", "expo_crm"), ("model", "=", "res.partner")]
        ).mapped("res_id")
        partners = self.env["res.partner"].browse(demo_ids)
        self.assertEqual(
            set(partners.mapped("expo_stage")) - {False},
            {"cultivation", "confirmation", "trust", "weakening", "dissolution"},
        )
        for xmlid, stage in (
            ("expo_crm.demo_partner_hengli", "trust"),
            ("expo_crm.demo_partner_kaiyuan", "confirmation"),
            ("expo_crm.demo_partner_zhongshan", "cultivation"),
            ("expo_crm.demo_partner_meridian", "weakening"),
            ("expo_crm.demo_partner_evergreen", "dissolution"),
        ):
            self.assertEqual(self.env.ref(xmlid).expo_stage, stage, xmlid)
        lost = self.env.ref("expo_crm.demo_partner_lost")
        self.assertTrue(lost.expo_stage_locked)
        self.assertTrue(lost.expo_lost_reason)

    def test_demo_history_is_dated_after_its_fairs(self):
        """The demo's stage changes carry the dates of the fairs that caused
        them, over the past years, with the days spent in each stage; its
        series, editions and cities read in Chinese."""
        hengli = self.env.ref("expo_crm.demo_partner_hengli")
        fair_1 = self.env.ref("expo_crm.demo_fair_machinery_1")
        fair_2 = self.env.ref("expo_crm.demo_fair_machinery_2")
        changes = hengli.expo_stage_history_ids.filtered(
            lambda h: h.rule in ("first_attendance", "repeat_attendance")
        ).sorted("date")
        self.assertEqual(changes.mapped("date")[0].date(), fair_1.date_end)
        self.assertEqual(changes.mapped("date")[1].date(), fair_2.date_end)
        self.assertEqual(changes[1].days_in_previous_stage, (fair_2.date_end - fair_1.date_end).days)
        self.assertEqual(hengli.expo_stage_date, fair_2.date_end)
        dates = self.env["expo.stage.history"].search([]).mapped("date")
        self.assertGreater((max(dates) - min(dates)).days, 2 * 365)
        self.assertTrue(fair_2.with_context(lang="zh_CN").name.startswith("珠江国际机械展"))
        self.assertEqual(fair_2.with_context(lang="zh_TW").city, "廣州")
