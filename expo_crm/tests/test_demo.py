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
