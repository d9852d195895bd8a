from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged
from odoo.tests.common import freeze_time

from .common import TODAY, ExpoCrmCommon


@tagged("post_install", "-at_install")
class TestTwoCompanies(ExpoCrmCommon):
    """A contact shared by two companies, with fairs in both: each company
    sees its own relationship (stage, history, facts), computed from its own
    fairs only, with fees converted to its currency at each fair's date."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.eur = cls.env.ref("base.EUR")
        cls.usd = cls.env.ref("base.USD")
        (cls.eur | cls.usd).active = True
        cls.company_b = cls.env["res.company"].create(
            {"name": "Fair Services Europe", "currency_id": cls.eur.id}
        )
        cls.user_a = new_test_user(
            cls.env, "expo_user_a", groups="base.group_user,expo_crm.group_expo_user",
            company_id=cls.company.id, company_ids=[cls.company.id],
        )
        cls.user_b = new_test_user(
            cls.env, "expo_user_b", groups="base.group_user,expo_crm.group_expo_user",
            company_id=cls.company_b.id, company_ids=[cls.company_b.id],
        )
        # Company B: 1 EUR = 2 USD in 2025 (a rate of company B, whose currency is EUR).
        cls.env["res.currency.rate"].create(
            {"currency_id": cls.usd.id, "rate": 2.0, "name": "2025-01-01",
             "company_id": cls.company_b.id}
        )
        cls.shared = cls.env["res.partner"].create(
            {"name": "Shared Buyer Co.", "is_company": True, "company_id": False}
        )
        series_b = cls.env["expo.series"].create(
            {"name": "Euro Valve Days", "company_id": cls.company_b.id}
        )
        cls.b_2025 = cls._fair(
            "Euro Valve Days 2025", "2025-04-01", "2025-04-03", series=series_b,
            company_id=cls.company_b.id, currency_id=cls.usd.id,
        )
        cls.b_2026 = cls._fair(
            "Euro Valve Days 2026", "2026-04-01", "2026-04-03", series=series_b,
            company_id=cls.company_b.id,
        )

    @freeze_time(TODAY)
    def test_each_company_sees_its_own_relationship(self):
        # Company A: one fair, long ago → dissolution there.
        self._take_part(self.shared, self.solo_2024_03)
        # Company B: two editions, the latest recent → trust there. The fees
        # fall from 20,000 USD (10,000 EUR) to 6,000 EUR: not a sharp fall
        # once converted (it would be, added as plain numbers).
        self._take_part(self.shared, self.b_2025, fee_amount=20000, company_id=self.company_b.id)
        self._take_part(self.shared, self.b_2026, fee_amount=6000, company_id=self.company_b.id)
        self.env["expo.lifecycle"]._cron()

        as_a = self.shared.with_user(self.user_a)
        as_b = self.shared.with_user(self.user_b).with_company(self.company_b)
        self.assertEqual(as_a.expo_stage, "dissolution")
        self.assertEqual(as_a.expo_attended_count, 1)
        self.assertEqual(as_b.expo_stage, "trust")
        self.assertEqual(as_b.expo_attended_count, 2)
        self.assertEqual(str(as_b.expo_first_date), "2025-04-01")

        # Each sees its own history and relationship only.
        history_b = self.env["expo.stage.history"].with_user(self.user_b).search(
            [("partner_id", "=", self.shared.id)]
        )
        self.assertEqual(history_b.company_id, self.company_b)
        # 2025 alone: the 2026 edition was held without it (weakening), then trust.
        self.assertEqual(history_b.mapped("stage_to"), ["trust", "weakening"])
        self.assertEqual(as_a.expo_stage_history_ids.mapped("stage_to"), ["dissolution"])
        relationships_b = self.env["expo.relationship"].with_user(self.user_b).search(
            [("partner_id", "=", self.shared.id)]
        )
        self.assertEqual(relationships_b.company_id, self.company_b)
        rel_a = self.shared.expo_relationship_ids.filtered(
            lambda r: r.company_id == self.company
        )
        with self.assertRaises(AccessError):
            rel_a.with_user(self.user_b).read(["stage"])

    @freeze_time(TODAY)
    def test_fees_added_as_plain_numbers_would_have_weakened(self):
        """The same fees in one currency: the fall is sharp, weakening."""
        self.b_2025.currency_id = self.eur
        self._take_part(self.shared, self.b_2025, fee_amount=20000, company_id=self.company_b.id)
        self._take_part(self.shared, self.b_2026, fee_amount=6000, company_id=self.company_b.id)
        as_b = self.shared.with_user(self.user_b).with_company(self.company_b)
        self.assertEqual(as_b.expo_stage, "weakening")

    @freeze_time(TODAY)
    def test_setting_the_stage_touches_only_the_current_company(self):
        self._take_part(self.shared, self.ed_2026)
        self._take_part(self.shared, self.b_2026, company_id=self.company_b.id)
        self.shared.with_user(self.user_b).with_company(self.company_b).write(
            {"expo_stage": "trust"}
        )
        self.assertEqual(self.shared.with_user(self.user_a).expo_stage, "confirmation")
        self.assertFalse(self.shared.with_user(self.user_a).expo_stage_locked)
        as_b = self.shared.with_user(self.user_b).with_company(self.company_b)
        self.assertEqual((as_b.expo_stage, as_b.expo_stage_locked), ("trust", True))
        # Searching by stage follows the current company too.
        Partner = self.env["res.partner"]
        self.assertIn(self.shared, Partner.with_user(self.user_b).search([("expo_stage", "=", "trust")]))
        self.assertNotIn(self.shared, Partner.with_user(self.user_a).search([("expo_stage", "=", "trust")]))

    @freeze_time(TODAY)
    def test_mark_lost_from_relationships_keeps_their_company(self):
        """A user of both companies marks company B's relationship lost while
        working in company A: B's relationship is lost, A's is untouched."""
        self._take_part(self.shared, self.ed_2026)
        self._take_part(self.shared, self.b_2026, company_id=self.company_b.id)
        both = new_test_user(
            self.env, "expo_user_ab", groups="base.group_user,expo_crm.group_expo_user",
            company_id=self.company.id, company_ids=[self.company.id, self.company_b.id],
        )
        rel_b = self.shared.expo_relationship_ids.filtered(
            lambda r: r.company_id == self.company_b
        )
        env = self.env(user=both, context=dict(
            self.env.context, allowed_company_ids=[self.company.id, self.company_b.id]
        ))
        wizard = env["expo.mark.lost"].with_context(
            active_model="expo.relationship", active_ids=rel_b.ids
        ).create({"reason": "Chose another supplier"})
        self.assertEqual(wizard.partner_ids, self.shared)
        wizard.action_confirm()
        self.assertEqual((rel_b.stage, rel_b.stage_locked, rel_b.lost_reason),
                         ("dissolution", True, "Chose another supplier"))
        self.assertEqual(self.shared.with_user(self.user_a).expo_stage, "confirmation")
        self.assertEqual(rel_b.history_ids[:1].rule, "lost")
