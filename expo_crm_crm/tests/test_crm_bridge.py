from psycopg2 import IntegrityError

from odoo.addons.expo_crm_followup.tests.common import ExpoFollowupCommon
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestCrmBridge(ExpoFollowupCommon):
    """Classified fair contacts become opportunities; won and lost come back
    to the follow-ups; the fair's figures."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.source = cls.env.ref("expo_crm_crm.utm_source_trade_fair")
        cls.role_media = cls.env.ref("expo_crm.role_media")
        cls.team = cls.env["crm.team"].create({"name": "Valve exports"})
        cls.env["crm.team.member"].create(
            {"crm_team_id": cls.team.id, "user_id": cls.user_owner.id}
        )

    def _leads(self, participations=None):
        participations = participations or self.participations
        return self.env["crm.lead"].with_context(active_test=False).search(
            [("partner_id", "in", participations.partner_id.ids)]
        )

    def _lead(self, participation):
        leads = self._leads(participation)
        self.assertEqual(len(leads), 1, "one opportunity for %s" % participation.partner_id.name)
        return leads

    def _classify_all(self):
        return self._classify(
            {
                self.p_signed: self.class_a,
                self.p_samples: self.class_b,
                self.p_evidence: (self.class_b, "needs_evidence"),
                self.p_price: self.class_c,
                self.p_catalogue: self.class_d,
                self.p_casual: self.class_e,
            }
        )

    def test_default_classes(self):
        self.assertTrue(self.class_a.expo_open_opportunity)
        self.assertTrue(self.class_b.expo_open_opportunity)
        for fclass in (self.class_c, self.class_d, self.class_e):
            self.assertFalse(fclass.expo_open_opportunity)

    def test_classify_opens_opportunities(self):
        """A and B open one opportunity per contact, C, D and E none."""
        self.p_evidence.followup_note = "Wants references in Chile"
        followups = self._classify_all()
        leads = self._leads()
        self.assertEqual(
            leads.partner_id, (self.p_signed | self.p_samples | self.p_evidence).partner_id
        )
        self.assertEqual(len(leads), 3)
        campaign = self.fair.expo_campaign_id
        self.assertTrue(campaign)
        self.assertEqual(campaign.title, "Test Valve Expo 2026")
        for lead in leads:
            followup = followups.filtered(lambda f, lead=lead: f.partner_id == lead.partner_id)
            self.assertEqual(lead.type, "opportunity")
            self.assertEqual(lead.expo_followup_id, followup)
            self.assertEqual(followup.lead_id, lead, "the follow-up points at its opportunity")
            self.assertEqual(lead.expo_fair_id, self.fair)
            self.assertEqual(lead.user_id, self.user_owner)
            self.assertEqual(lead.team_id, self.team, "the owner's sales team")
            self.assertEqual(lead.company_id, self.company)
            self.assertEqual(lead.campaign_id, campaign, "the fair is the campaign")
            self.assertEqual(lead.source_id, self.source)
            self.assertEqual(lead.tag_ids, followup.class_id.expo_crm_tag_id)
        self.assertEqual(self._lead(self.p_signed).tag_ids.name, "A – Signed")
        self.assertEqual(self._lead(self.p_samples).tag_ids.name, "B – Strong intent")
        evidence = self._lead(self.p_evidence)
        self.assertIn("Needs market evidence", evidence.description)
        self.assertIn("Wants references in Chile", evidence.description)
        self.assertEqual(evidence.priority, self.class_b.priority)
        # The class tags are made once: the next fair reuses them.
        self.assertEqual(
            self.env["crm.tag"].search_count([("name", "=", "A – Signed")]), 1
        )
        self.assertEqual(self.fair.expo_opportunity_count, 3)

    def test_class_without_flag(self):
        self.class_b.expo_open_opportunity = False
        self._classify({self.p_samples: self.class_b, self.p_price: self.class_c})
        self.assertFalse(self._leads())
        self.class_c.expo_open_opportunity = True
        self._classify({self.p_price: self.class_c})
        self.assertEqual(self._lead(self.p_price).tag_ids.name, "C – Disputed terms")

    def test_reclassify_updates_the_same_opportunity(self):
        self._classify({self.p_samples: self.class_b})
        lead = self._lead(self.p_samples)
        # Re-applied unchanged: nothing new.
        self._classify({self.p_samples: self.class_b})
        self.assertEqual(self._lead(self.p_samples), lead)
        # Reclassified A with a note, from the fair's wizard.
        self.p_samples.followup_note = "Order of 200 valves agreed by phone"
        self._classify({self.p_samples: self.class_a})
        self.assertEqual(self._lead(self.p_samples), lead, "never a second opportunity")
        self.assertEqual(lead.tag_ids, self.class_a.expo_crm_tag_id)
        self.assertIn("Order of 200 valves", lead.description)
        self.assertIn("A – Signed", lead.description)
        # A tag of the salesperson's own is kept.
        own_tag = self.env["crm.tag"].create({"name": "Key account"})
        lead.tag_ids |= own_tag
        self._classify({self.p_samples: (self.class_b, "current_supplier")})
        self.assertEqual(lead.tag_ids, own_tag | self.class_b.expo_crm_tag_id)
        self.assertIn("Tied to a current supplier", lead.description)
        # Down to D: the opportunity stays, with the new class.
        self._classify({self.p_samples: self.class_d})
        self.assertEqual(self._lead(self.p_samples), lead)
        self.assertIn(self.class_d.expo_crm_tag_id, lead.tag_ids)

    def test_two_roles_one_opportunity(self):
        media = self.env["expo.participation"].create(
            {
                "partner_id": self.p_samples.partner_id.id,
                "fair_id": self.fair.id,
                "role_id": self.role_media.id,
                "state": "attended",
                "user_id": self.user_owner.id,
            }
        )
        wizard = self._open_wizard(self.p_samples | media)
        wizard.line_ids.class_id = self.class_b
        wizard.action_apply()
        self.assertEqual(len(self._leads(self.p_samples)), 1)
        (self.p_samples | media).followup_class_id = self.class_a
        self.env["expo.followup"]._expo_schedule(self.p_samples | media)
        self.assertEqual(len(self._leads(self.p_samples)), 1)

    def test_unique_per_followup(self):
        followup = self._classify({self.p_signed: self.class_a})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            self.env["crm.lead"].create(
                {"name": "Copy", "type": "opportunity", "expo_followup_id": followup.id}
            )

    def test_won(self):
        """Won: the follow-up is done, the contact's roles class A."""
        media = self.env["expo.participation"].create(
            {
                "partner_id": self.p_samples.partner_id.id,
                "fair_id": self.fair.id,
                "role_id": self.role_media.id,
                "state": "attended",
            }
        )
        self._classify({self.p_samples: (self.class_b, "needs_evidence")})
        followup = self.env["expo.followup"].search(
            [("partner_id", "=", self.p_samples.partner_id.id)]
        )
        self.assertTrue(followup.activity_id)
        lead = self._lead(self.p_samples)
        lead.with_user(self.env.ref("base.user_admin")).action_set_won()
        self.assertEqual(followup.state, "done")
        self.assertEqual(followup.class_id, self.class_a)
        self.assertEqual(self.p_samples.followup_class_id, self.class_a)
        self.assertEqual(media.followup_class_id, self.class_a, "every role of the contact")
        self.assertFalse(self.p_samples.hesitation_reason)
        self.assertFalse(followup.activity_id, "the owner's activity is closed")
        self.assertEqual(lead.tag_ids, self.class_a.expo_crm_tag_id)

    def test_won_company_class_a(self):
        """The company's own class A when the shared one was archived."""
        self.class_a.active = False
        own_a = self.class_a.copy(
            {"code": "a", "company_id": self.company.id, "name": "Ours", "active": True}
        )
        self._classify({self.p_samples: self.class_b})
        self._lead(self.p_samples).action_set_won()
        self.assertEqual(self.p_samples.followup_class_id, own_a)

    def test_won_by_stage(self):
        """Dragged into the won column of the pipeline."""
        self._classify({self.p_samples: self.class_b})
        lead = self._lead(self.p_samples)
        won_stage = self.env["crm.stage"].search([("is_won", "=", True)], limit=1)
        lead.stage_id = won_stage
        self.assertEqual(lead.expo_followup_id.state, "done")
        self.assertEqual(self.p_samples.followup_class_id, self.class_a)

    def test_lost(self):
        """Lost: the follow-up is cancelled with the lost reason."""
        self._classify({self.p_samples: self.class_b, self.p_signed: self.class_a})
        reason = self.env["crm.lost.reason"].create({"name": "Chose a cheaper supplier"})
        lead = self._lead(self.p_samples)
        followup = lead.expo_followup_id
        lead.action_set_lost(lost_reason_id=reason.id)
        self.assertEqual(followup.state, "cancelled")
        self.assertEqual(followup.failure_code, "crm_lost")
        self.assertEqual(followup.failure_reason, "Chose a cheaper supplier")
        self.assertFalse(followup.activity_id)
        self.assertEqual(followup.lead_id, lead, "a lost opportunity is still shown")
        other = self._lead(self.p_signed).expo_followup_id
        self.assertNotEqual(other.state, "cancelled", "only the lost one")
        # Re-classified later: still that one (archived) opportunity.
        self._classify({self.p_samples: self.class_a})
        self.assertEqual(self._lead(self.p_samples), lead)

    def test_fair_figures(self):
        self._classify(
            {self.p_signed: self.class_a, self.p_samples: self.class_b,
             self.p_evidence: self.class_b}
        )
        signed, samples, evidence = (
            self._lead(self.p_signed), self._lead(self.p_samples), self._lead(self.p_evidence)
        )
        signed.expected_revenue = 30000
        samples.expected_revenue = 12000
        evidence.expected_revenue = 5000
        # Another fair's opportunity does not count.
        other = self.env["crm.lead"].create(
            {"name": "Walk-in", "type": "opportunity", "expected_revenue": 99000}
        )
        self.assertFalse(other.expo_fair_id)
        self.fair.invalidate_recordset()
        self.assertEqual(self.fair.expo_pipeline_amount, 47000)
        self.assertEqual(self.fair.expo_won_amount, 0)
        self.assertEqual(self.fair.expo_return_on_cost, 0, "no cost, no ratio")
        signed.action_set_won()
        evidence.action_set_lost()
        self.fair.expo_cost = 12000
        self.fair.invalidate_recordset()
        self.assertEqual(self.fair.expo_pipeline_amount, 12000)
        self.assertEqual(self.fair.expo_won_amount, 30000)
        self.assertAlmostEqual(self.fair.expo_return_on_cost, 2.5)
        self.assertEqual(self.fair.expo_opportunity_count, 2, "lost ones are not counted")
        action = self.fair.action_expo_view_won()
        self.assertEqual(self.env["crm.lead"].search(action["domain"]), signed)
        action = self.fair.action_expo_view_pipeline()
        self.assertEqual(self.env["crm.lead"].search(action["domain"]), samples)
        # The pipeline's "From fairs" filter and group-by fair.
        arch = self.env["crm.lead"].get_view(
            self.env.ref("crm.view_crm_case_opportunities_filter").id, "search"
        )["arch"]
        self.assertIn('name="expo_from_fairs"', arch)
        self.assertIn("'group_by': 'expo_fair_id'", arch)
        groups = self.env["crm.lead"]._read_group(
            [("expo_fair_id", "!=", False), ("partner_id", "in", self.participations.partner_id.ids)],
            ["expo_fair_id"],
            ["__count"],
        )
        self.assertEqual(groups, [(self.fair, 2)])

    def test_rights(self):
        """An exhibitions user without CRM rights classifies; a salesperson
        without exhibition rights wins the opportunity: both work."""
        self.assertFalse(self.user_owner.has_group("sales_team.group_sale_salesman"))
        self._classify({self.p_samples: self.class_b}, user=self.user_owner)
        lead = self._lead(self.p_samples)
        salesman = new_test_user(
            self.env, "crm_sales", groups="base.group_user,sales_team.group_sale_salesman",
            name="Sally Sales",
        )
        self.assertFalse(salesman.has_group("expo_crm.group_expo_user"))
        lead.user_id = salesman
        lead.with_user(salesman).action_set_won()
        self.assertEqual(lead.expo_followup_id.state, "done")
        self.assertEqual(self.p_samples.followup_class_id, self.class_a)
        # Their screens open: the lead form without the fair's fields, the
        # follow-up form without the opportunity.
        lead.with_user(salesman).get_views([(False, "form"), (False, "search")])
        lead.with_user(salesman).read(["name", "stage_id"])
        followup = lead.expo_followup_id.with_user(self.user_owner)
        followup.get_views([(False, "form")])
        followup.read(["state", "class_id"])

    def test_multi_company(self):
        """A fair of another company: the opportunity belongs to that
        company; an owner who does not work there is not its salesperson."""
        company_2 = self.env["res.company"].create({"name": "Valves Europe GmbH"})
        fair_2 = self.env["expo.fair"].create(
            {"name": "Hannover Valve Days", "date_begin": "2026-03-02",
             "date_end": "2026-03-05", "company_id": company_2.id}
        )
        team_2 = self.env["crm.team"].create({"name": "Europe", "company_id": company_2.id})
        p_2 = self._contact("Hans Hanover", fair=fair_2, owner=self.user_manager)
        p_2.followup_class_id = self.class_b
        self.env["expo.followup"]._expo_schedule(p_2)
        lead = self._lead(p_2)
        self.assertEqual(lead.company_id, company_2)
        self.assertFalse(lead.user_id)
        self.assertEqual(lead.team_id, team_2)
        self.assertEqual(lead.expo_fair_id, fair_2)
