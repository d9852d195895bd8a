"""Suite-level scenario: one fair series over two editions, seen by the
organizer (lifecycle, retention), the sales team (classification, follow-up
sent once) and the analyst (satisfaction, loyalty, value), across the three
addons installed together."""

from freezegun import freeze_time

from odoo.modules import module as odoo_module
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestFairCycleScenario(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Odoo's runner sets this flag, pytest-odoo does not: without it the
        # mail queue would try a real SMTP server.
        if not odoo_module.current_test:
            cls.classPatch(odoo_module, "current_test", cls)
        cls.env = cls.env(context=dict(cls.env.context, mail_create_nolog=True))
        cls.exhibitor = cls.env.ref("expo_crm.role_exhibitor")
        cls.visitor = cls.env.ref("expo_crm.role_trade_visitor")
        cls.sales = new_test_user(
            cls.env, "scenario_sales", groups="base.group_user,expo_crm.group_expo_user",
            name="Sally Sales", email="sally@organizer.example.com",
        )
        cls.env.company.write({
            "email": "fairs@organizer.example.com",
            "expo_followup_sender": "owner",
            "expo_followup_auto_send": True,
            "expo_followup_working_days": False,
            "expo_followup_mailing_list_id": cls.env["mailing.list"].create({"name": "Scenario list"}).id,
        })
        cls.series = cls.env["expo.series"].create({"name": "Scenario Pump Fair"})
        cls.ed1 = cls.env["expo.fair"].create({
            "name": "Scenario Pump Fair 2025", "series_id": cls.series.id,
            "date_begin": "2025-04-01", "date_end": "2025-04-03", "state": "closed",
        })
        cls.ed2 = cls.env["expo.fair"].create({
            "name": "Scenario Pump Fair 2026", "series_id": cls.series.id,
            "date_begin": "2026-04-01", "date_end": "2026-04-03", "state": "closed",
        })
        Partner = cls.env["res.partner"]
        cls.loyal, cls.gone, cls.newcomer = Partner.create([
            {"name": "Loyal Pumps Ltd", "is_company": True, "email": "info@loyal.example.com"},
            {"name": "Gone Valves Ltd", "is_company": True, "email": "info@gone.example.com"},
            {"name": "Newcomer Seals Ltd", "is_company": True, "email": "info@newcomer.example.com"},
        ])
        cls.buyer = Partner.create({"name": "Bella Buyer", "email": "bella@buyer.example.com"})

    def _participate(self, partner, fair, role, **vals):
        return self.env["expo.participation"].create(dict({
            "partner_id": partner.id, "fair_id": fair.id, "role_id": role.id,
            "state": "attended", "user_id": self.sales.id,
        }, **vals))

    def test_two_editions_from_booth_to_loyalty(self):
        # Edition 1: two exhibitors, recorded after it. Edition 2 (a year
        # later): one comes back, one newcomer.
        with freeze_time("2025-04-05 09:00:00"):
            self._participate(self.loyal, self.ed1, self.exhibitor, area_sqm=36, fee_amount=9000)
            self._participate(self.gone, self.ed1, self.exhibitor, area_sqm=18, fee_amount=4500)
            self.assertEqual(self.gone.expo_stage, "confirmation")
        with freeze_time("2026-04-05 09:00:00"):
            self._second_edition()

    def _second_edition(self):
        p_loyal2 = self._participate(self.loyal, self.ed2, self.exhibitor, area_sqm=36, fee_amount=9500)
        self._participate(self.newcomer, self.ed2, self.exhibitor, area_sqm=9, fee_amount=2000)
        self.env["res.partner"]._cron_expo_lifecycle()

        # Organizer: stages follow the rules of domain.md.
        self.assertEqual(self.loyal.expo_stage, "trust")
        self.assertEqual(self.gone.expo_stage, "weakening", "skipped the latest edition")
        self.assertEqual(self.newcomer.expo_stage, "confirmation")
        self.assertEqual((self.ed2.returning_partner_count, self.ed2.new_partner_count), (1, 1))
        activity_type = self.env.ref("expo_crm.mail_activity_type_expo_weakening")
        # Moved into weakening: an activity on the company's relationship.
        self.assertTrue(
            self.gone.expo_relationship_id.activity_ids.filtered(
                lambda a: a.activity_type_id == activity_type
            )
        )

        # Sales: a buyer met at the booth of edition 2 asked for samples.
        met = self._participate(self.buyer, self.ed2, self.visitor, samples_requested=True,
                                products_discussed="Centrifugal pumps")
        action = met.action_expo_classify()
        wizard = self.env["expo.classify.wizard"].browse(action["res_id"])
        class_b = self.env.ref("expo_crm_followup.followup_class_b")
        self.assertEqual(wizard.line_ids.suggested_class_id, class_b, "samples asked: strong intent")
        wizard.action_apply()
        wizard.action_apply()  # applying twice schedules nothing more
        followup = self.env["expo.followup"].search([("participation_id", "=", met.id)])
        self.assertEqual(len(followup), 1)
        self.assertEqual(followup.user_id, self.sales)
        self.env["expo.followup"]._cron_send_followups()
        self.env["expo.followup"]._cron_send_followups()  # a re-run sends nothing twice
        self.assertEqual(followup.state, "queued")
        self.assertEqual(
            self.env["mail.mail"].search_count([("recipient_ids", "in", self.buyer.ids)]), 1
        )

        # Analyst: the returning exhibitor is unhappy with edition 2.
        self.env["expo.satisfaction"].create({
            "participation_id": p_loyal2.id, "overall": 2, "expectation": 4, "experience": 2,
            "would_recommend": 3, "return_intent": 2,
            "concept": 2, "behaviour": 2, "visual": 3, "product": 2, "service": 2,
        })
        self.env["expo.loyalty"]._recompute()
        self.env["res.partner"]._cron_expo_lifecycle()
        self.assertEqual(self.loyal.expo_stage, "weakening", "low satisfaction is a signal")
        self.assertEqual(self.loyal.expo_stage_history_ids[:1].rule, "low_satisfaction")
        self.ed2.invalidate_recordset()
        self.assertAlmostEqual(self.ed2.expo_retention_rate, 50.0, msg="1 of 2 exhibitors came back")
        self.assertEqual(self.ed2.expo_nps, -100.0, "a single detractor")
        self.assertEqual(self.buyer.expo_pareto_tier, "C", "paid nothing: in the tail")
        self.assertIn(self.loyal.expo_pareto_tier, ("A", "B"))
