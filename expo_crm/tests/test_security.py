from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ExpoCrmCommon


@tagged("post_install", "-at_install")
class TestSecurity(ExpoCrmCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls._partner("Guarded Exhibitor Co.")
        cls.participation = cls._take_part(cls.partner, cls.ed_2026, booth="3.1 A12")
        cls.company_b = cls.env["res.company"].create({"name": "Company B Fairs"})
        cls.user_b = new_test_user(
            cls.env, "expo_user_b", groups="base.group_user,expo_crm.group_expo_user",
            company_id=cls.company_b.id, company_ids=[cls.company_b.id],
        )
        cls.fair_b = cls._fair(
            "Company B Expo", "2026-09-01", "2026-09-03", series=False, company_id=cls.company_b.id
        )

    def test_user_without_group_cannot_read_participations(self):
        Participation = self.env["expo.participation"].with_user(self.user_plain)
        with self.assertRaises(AccessError):
            Participation.search([])
        with self.assertRaises(AccessError):
            self.participation.with_user(self.user_plain).read(["booth"])
        with self.assertRaises(AccessError):
            self.partner.with_user(self.user_plain).read(["expo_participation_ids"])
        # Still a normal contact for them, without the Exhibition tab.
        arch = self.env["res.partner"].with_user(self.user_plain).get_views([(False, "form")])
        self.assertNotIn('name="expo_participation_ids"', arch["views"]["form"]["arch"])
        self.assertEqual(self.partner.with_user(self.user_plain).name, "Guarded Exhibitor Co.")

    def test_expo_user_works_with_fairs_and_participations(self):
        env = self.env(user=self.user_expo)
        fair = env["expo.fair"].create(
            {"name": "User Made Fair", "date_begin": "2026-11-01", "date_end": "2026-11-03"}
        )
        participation = env["expo.participation"].create(
            {"partner_id": self.partner.id, "fair_id": fair.id, "role_id": self.role_visitor.id}
        )
        participation.booth = "Hall 2"
        self.assertEqual(participation.user_id, self.user_expo)
        self.assertTrue(env["expo.stage.history"].search([("partner_id", "=", self.partner.id)]))
        with self.assertRaises(AccessError):
            fair.unlink()

    def test_company_b_user_cannot_see_company_a_fairs(self):
        Fair = self.env["expo.fair"].with_user(self.user_b)
        visible = Fair.search([])
        self.assertIn(self.fair_b, visible)
        self.assertNotIn(self.ed_2026, visible)
        with self.assertRaises(AccessError):
            self.ed_2026.with_user(self.user_b).read(["name"])
        self.assertNotIn(
            self.participation,
            self.env["expo.participation"].with_user(self.user_b).search([]),
        )
        self.assertNotIn(self.series, self.env["expo.series"].with_user(self.user_b).search([]))

    def test_only_managers_configure_roles_and_series(self):
        for model, vals in (
            ("expo.role", {"name": "Speaker", "code": "speaker"}),
            ("expo.series", {"name": "Speaker Summit"}),
        ):
            with self.subTest(model=model):
                with self.assertRaises(AccessError):
                    self.env[model].with_user(self.user_expo).create(vals)
                record = self.env[model].with_user(self.user_manager).create(vals)
                self.assertTrue(record.exists())
        # Users still read them (pick a role, a series).
        self.assertTrue(self.env["expo.role"].with_user(self.user_expo).search([("code", "=", "exhibitor")]))
        with self.assertRaises(AccessError):
            self.role_media.with_user(self.user_expo).write({"name": "Press"})

    def test_stage_history_is_read_only_for_users(self):
        self.partner.with_user(self.user_expo).write({"expo_stage": "trust"})
        history = self.env["expo.stage.history"].with_user(self.user_expo).search(
            [("partner_id", "=", self.partner.id)], limit=1
        )
        self.assertEqual(history.stage_to, "trust")
        with self.assertRaises(AccessError):
            history.write({"stage_to": "weakening"})
        with self.assertRaises(AccessError):
            history.unlink()
