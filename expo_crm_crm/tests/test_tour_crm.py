from odoo import fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestTourCrm(HttpCase):
    """From the classification wizard to the CRM pipeline in a real browser
    (tour ``expo_crm_crm_tour``): classify a contact B on the fair, apply,
    open the fair's pipeline and find the opportunity."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.admin = env.ref("base.user_admin")
        today = fields.Date.today()
        cls.fair = env["expo.fair"].create(
            {
                "name": "Pump Sourcing Fair (crm tour)",
                "date_begin": today,
                "date_end": today,
                "state": "open",
                "city": "Ningbo",
                "user_id": cls.admin.id,
            }
        )
        partner = env["res.partner"].create(
            {"name": "Tina Pipeline", "email": "tina@pumps-tour.example.com"}
        )
        cls.participation = env["expo.participation"].create(
            {
                "partner_id": partner.id,
                "fair_id": cls.fair.id,
                "role_id": env.ref("expo_crm.role_trade_visitor").id,
                "state": "attended",
                "user_id": cls.admin.id,
                "source": "scan",
            }
        )

    def test_crm_tour(self):
        self.start_tour(
            f"/odoo/action-expo_crm.expo_fair_action/{self.fair.id}",
            "expo_crm_crm_tour",
            login="admin",
        )
        lead = self.env["crm.lead"].search([("expo_fair_id", "=", self.fair.id)])
        self.assertEqual(len(lead), 1)
        self.assertEqual(lead.partner_id, self.participation.partner_id)
        self.assertEqual(lead.type, "opportunity")
        self.assertEqual(lead.tag_ids, self.env.ref("expo_crm_followup.followup_class_b").expo_crm_tag_id)
        self.assertEqual(lead.expo_followup_id.participation_id, self.participation)
