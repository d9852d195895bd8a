"""A contact shared by two companies, each with its own fairs and currency:
each company computes, shows and prints its own figures only."""

from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import LoyaltyCase


@tagged("post_install", "-at_install")
class TestTwoCompanies(LoyaltyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        usd, eur = env.ref("base.USD"), env.ref("base.EUR")
        (usd | eur).active = True
        # Rates of the test only (shared by the companies): 1 USD is 0.5 EUR
        # a year before the USD fair of company B, 0.8 EUR on its first day,
        # 0.2 EUR ten days later.
        env["res.currency.rate"].search([("currency_id", "in", (usd | eur).ids)]).unlink()
        cls.usd_fair_day = cls.today - relativedelta(months=1)
        env["res.currency.rate"].create(
            [
                {"currency_id": usd.id, "name": "2000-01-01", "rate": 1.0, "company_id": False},
                {"currency_id": eur.id, "name": cls.usd_fair_day - relativedelta(years=1),
                 "rate": 0.5, "company_id": False},
                {"currency_id": eur.id, "name": cls.usd_fair_day, "rate": 0.8,
                 "company_id": False},
                {"currency_id": eur.id, "name": cls.usd_fair_day + relativedelta(days=10),
                 "rate": 0.2, "company_id": False},
            ]
        )
        cls.company_a = env["res.company"].create({"name": "Fairs A (USD)", "currency_id": usd.id})
        cls.company_b = env["res.company"].create({"name": "Fairs B (EUR)", "currency_id": eur.id})
        groups = "base.group_user,expo_crm_loyalty.group_expo_analyst"
        cls.user_a = new_test_user(env, "analyst_a", groups=groups, company_id=cls.company_a.id,
                                   company_ids=[(6, 0, cls.company_a.ids)])
        cls.user_b = new_test_user(env, "analyst_b", groups=groups, company_id=cls.company_b.id,
                                   company_ids=[(6, 0, cls.company_b.ids)])

        def fair(name, company, months_ago, currency=None):
            start = cls.today - relativedelta(months=months_ago)
            return cls.Fair.create(
                {"name": name, "company_id": company.id, "state": "closed",
                 "date_begin": start, "date_end": start + relativedelta(days=3),
                 **({"currency_id": currency.id} if currency else {})}
            )

        cls.fair_a = fair("Fair of A", cls.company_a, 2)
        cls.fair_b = fair("Fair of B", cls.company_b, 3)
        cls.fair_b_usd = fair("Fair of B in dollars", cls.company_b, 1, usd)
        assert cls.fair_b_usd.date_begin == cls.usd_fair_day
        # Shared contact: 110,000 USD of fees in A; 100 EUR + 110 USD in B.
        cls.shared = cls.partner("Shared Exhibitor")
        cls.attend(cls.shared, cls.fair_a, fee=110_000)
        cls.attend(cls.shared, cls.fair_b, fee=100)
        cls.attend(cls.shared, cls.fair_b_usd, fee=110)
        # B's biggest contact makes the shared one a tail (tier C) in B.
        cls.big_b = cls.partner("Big in B")
        cls.attend(cls.big_b, cls.fair_b, fee=10_000)
        cls.small_a = cls.partner("Small in A")
        cls.attend(cls.small_a, cls.fair_a, fee=1_000)
        cls.env["expo.loyalty"]._recompute()

    def relationship(self, partner, company):
        return self.env["expo.relationship"].search(
            [("partner_id", "=", partner.id), ("company_id", "=", company.id)]
        )

    def test_figures_per_company_and_conversion(self):
        rel_a = self.relationship(self.shared, self.company_a)
        rel_b = self.relationship(self.shared, self.company_b)
        self.assertEqual(rel_a.currency_id, self.env.ref("base.USD"))
        self.assertEqual(rel_b.currency_id, self.env.ref("base.EUR"))
        # A: its own fair only.
        self.assertEqual(rel_a.expo_revenue, 110_000.0)
        self.assertEqual(rel_a.expo_rfm_frequency, 5)
        self.assertEqual(rel_a.expo_pareto_tier, "A")
        # B: 100 EUR + 110 USD at the USD fair's first day (0.8 EUR per USD,
        # not the rate of a year before, 0.5, nor of ten days later, 0.2) = 188.
        self.assertAlmostEqual(rel_b.expo_revenue, 188.0)
        # Pareto within B: 10,000 of 10,188 before it (98 %) → C.
        self.assertEqual(rel_b.expo_pareto_tier, "C")
        self.assertAlmostEqual(rel_b.expo_value_share, 100 * 188 / 10_188)
        self.assertEqual(self.relationship(self.big_b, self.company_b).expo_pareto_tier, "A")
        # A's share does not count B's contacts: 110,000 / 111,000.
        self.assertAlmostEqual(rel_a.expo_value_share, 100 * 110_000 / 111_000)

    def test_each_company_user_sees_its_own(self):
        for user, tier, revenue in ((self.user_a, "A", 110_000.0), (self.user_b, "C", 188.0)):
            env = self.env(user=user)
            partner = env["res.partner"].browse(self.shared.id)
            self.assertEqual(partner.expo_pareto_tier, tier, user.login)
            relationships = env["expo.relationship"].search([("partner_id", "=", self.shared.id)])
            self.assertEqual(relationships.company_id, user.company_id)
            self.assertAlmostEqual(relationships.expo_revenue, revenue)
            self.assertEqual(partner.expo_relationship_id, relationships)

    def test_other_company_relationship_refused(self):
        rel_a = self.relationship(self.shared, self.company_a)
        env_b = self.env(user=self.user_b)
        with self.assertRaises(AccessError):
            env_b["expo.relationship"].browse(rel_a.id).read(["expo_revenue"])
        with self.assertRaises(AccessError):
            env_b["expo.relationship"].browse(rel_a.id).stage  # noqa: B018

    def test_report_shows_the_readers_company(self):
        report = "expo_crm_loyalty.report_expo_partner_relationship"
        html_a = str(
            self.env["ir.actions.report"].with_user(self.user_a)
            .with_company(self.company_a)._render_qweb_html(report, self.shared.ids)[0]
        )
        html_b = str(
            self.env["ir.actions.report"].with_user(self.user_b)
            .with_company(self.company_b)._render_qweb_html(report, self.shared.ids)[0]
        )
        self.assertIn("110,000.00", html_a)
        self.assertNotIn("188.00", html_a)
        self.assertIn("Fair of A", html_a)
        self.assertNotIn("Fair of B", html_a)
        self.assertIn("188.00", html_b)
        self.assertNotIn("110,000.00", html_b)
        self.assertIn("Fair of B in dollars", html_b)
        self.assertNotIn("Fair of A", html_b)

    def test_low_satisfaction_weakens_that_company_only(self):
        participation = self.Participation.search(
            [("partner_id", "=", self.shared.id), ("fair_id", "=", self.fair_b_usd.id)]
        )
        self.survey(participation, overall=1)
        rel_a = self.relationship(self.shared, self.company_a)
        rel_b = self.relationship(self.shared, self.company_b)
        self.assertEqual(rel_a.stage, "confirmation")
        self.assertEqual(rel_b.stage, "weakening")
        self.assertEqual(rel_b.history_ids[:1].rule, "low_satisfaction")
        self.assertFalse(rel_a.history_ids.filtered(lambda h: h.rule == "low_satisfaction"))
