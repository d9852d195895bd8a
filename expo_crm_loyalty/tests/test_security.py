from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import LoyaltyCase


@tagged("post_install", "-at_install")
class TestSecurity(LoyaltyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = new_test_user(cls.env, "expo_plain", groups="expo_crm.group_expo_user")
        cls.analyst = new_test_user(cls.env, "expo_analyst", groups="expo_crm_loyalty.group_expo_analyst")
        cls.manager = new_test_user(cls.env, "loyalty_manager", groups="expo_crm.group_expo_manager")
        cls.contact = cls.partner("Secret figures")
        cls.participation = cls.attend(cls.contact, cls.e4, fee=5_000)
        cls.survey_record = cls.survey(cls.participation, overall=4)
        cls.cost_record = cls.cost(cls.contact, 700)

    def test_plain_user_refused(self):
        env = self.env(user=self.user)
        with self.assertRaises(AccessError):
            env["expo.satisfaction"].search([])
        with self.assertRaises(AccessError):
            env["expo.relation.cost"].browse(self.cost_record.id).read(["amount"])
        with self.assertRaises(AccessError):
            env["expo.relation.cost"].create({"partner_id": self.contact.id, "amount": 1})
        relationship = env["expo.relationship"].browse(self.rel(self.contact).id)
        with self.assertRaises(AccessError):
            relationship.read(["expo_loyalty_index"])
        with self.assertRaises(AccessError):
            relationship.read(["expo_economic_value"])
        with self.assertRaises(AccessError):
            env["expo.relationship"].search([("expo_pareto_tier", "=", "A")])
        with self.assertRaises(AccessError):
            env["res.partner"].browse(self.contact.id).read(["expo_pareto_tier"])
        with self.assertRaises(AccessError):
            env["expo.loyalty"]._recompute()
        # The relationship itself stays readable.
        self.assertEqual(relationship.stage, "confirmation")
        # The contact itself and its exhibition data stay readable.
        self.assertEqual(env["res.partner"].browse(self.contact.id).expo_attended_count, 1)
        # The figures are not in the views the plain user gets.
        arch = env["res.partner"].get_view(
            self.env.ref("base.view_partner_form").id, "form"
        )["arch"]
        self.assertNotIn("expo_pareto_tier", arch)
        self.assertIn("expo_referred_by_id", arch)
        arch = env["expo.relationship"].get_view(
            self.env.ref("expo_crm.expo_relationship_view_form").id, "form"
        )["arch"]
        self.assertNotIn("expo_loyalty_index", arch)

    def test_analyst_and_manager_allowed(self):
        self.assertTrue(self.manager.has_group("expo_crm_loyalty.group_expo_analyst"),
                        "managers are analysts")
        for user in (self.analyst, self.manager):
            env = self.env(user=user)
            self.assertEqual(env["expo.satisfaction"].search([("id", "=", self.survey_record.id)]).overall, 4)
            env["expo.relation.cost"].create({"partner_id": self.contact.id, "amount": 10})
            env["expo.loyalty"]._recompute([self.contact.id])
            partner = env["res.partner"].browse(self.contact.id)
            self.assertEqual(self.rel(partner).expo_pareto_tier, "A")
            arch = env["res.partner"].get_view(self.env.ref("base.view_partner_form").id, "form")["arch"]
            self.assertIn("expo_pareto_tier", arch)
            arch = env["expo.relationship"].get_view(
                self.env.ref("expo_crm.expo_relationship_view_form").id, "form"
            )["arch"]
            self.assertIn("expo_loyalty_index", arch)

    def test_multi_company_rules(self):
        other = self.env["res.company"].create({"name": "Other fair organizer"})
        fair = self.Fair.create(
            {"name": "Other company's fair", "date_begin": self.e4.date_begin,
             "date_end": self.e4.date_end, "company_id": other.id}
        )
        participation = self.attend(self.contact, fair)
        hidden_survey = self.survey(participation)
        hidden_cost = self.Cost.create(
            {"partner_id": self.contact.id, "amount": 99, "company_id": other.id}
        )
        self.assertEqual(hidden_survey.company_id, other)
        env = self.env(user=self.analyst)
        self.assertFalse(env["expo.satisfaction"].search([("id", "=", hidden_survey.id)]))
        self.assertFalse(env["expo.relation.cost"].search([("id", "=", hidden_cost.id)]))
        self.analyst.write({"company_ids": [(4, other.id)]})
        env = self.env(user=self.analyst, context={"allowed_company_ids": [other.id]})
        self.assertTrue(env["expo.satisfaction"].search([("id", "=", hidden_survey.id)]))
        self.assertTrue(env["expo.relation.cost"].search([("id", "=", hidden_cost.id)]))
