from odoo.tests import TransactionCase, tagged

SUITE = ("expo_crm", "expo_crm_followup", "expo_crm_loyalty")


@tagged("post_install", "-at_install")
class TestOnboarding(TransactionCase):
    """A new user who opens an empty screen is told what to do first."""

    def test_every_main_action_explains_its_empty_screen(self):
        data = self.env["ir.model.data"].search(
            [("module", "in", SUITE), ("model", "=", "ir.actions.act_window")]
        )
        actions = self.env["ir.actions.act_window"].browse(data.mapped("res_id"))
        main = actions.filtered(lambda a: a.target not in ("new", "inline"))
        self.assertGreaterEqual(len(main), 6)
        for action in main:
            with self.subTest(action=action.name):
                self.assertIn("o_view_nocontent", action.help or "", f"{action.name} has no help")
                # a title and at least one sentence saying what to do
                self.assertGreaterEqual((action.help or "").count("<p"), 2)

    def test_demo_records_are_labelled(self):
        category = self.env.ref("expo_crm.demo_partner_category", raise_if_not_found=False)
        if not category:
            self.skipTest("demo data not loaded")
        demo_partners = self.env["ir.model.data"].search(
            [("module", "=", "expo_crm"), ("model", "=", "res.partner"),
             ("name", "=like", "demo_partner_%")]
        )
        partners = self.env["res.partner"].browse(demo_partners.mapped("res_id"))
        self.assertGreater(len(partners), 20)
        self.assertEqual(partners.filtered(lambda p: category not in p.category_id), self.env["res.partner"])
        fair = self.env.ref("expo_crm.demo_fair_machinery_2")
        self.assertIn("Demo data", str(fair.description))
