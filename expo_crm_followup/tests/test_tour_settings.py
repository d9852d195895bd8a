from datetime import date, datetime

from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestTourFollowupSettings(HttpCase):
    """The administrator changes the follow-up rules in a real browser (tour
    ``expo_followup_settings_tour``); the next classification uses them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company = env.company
        cls.company.write(
            {"expo_followup_working_days": True, "expo_followup_escalation_days": 2}
        )
        cls.class_b = env.ref("expo_crm_followup.followup_class_b")
        cls.class_b.write(
            {
                "delay_hours": 48,
                "mail_template_id": env.ref("expo_crm_followup.mail_template_expo_followup_b").id,
            }
        )
        cls.template = env.ref("expo_crm_followup.mail_template_expo_followup_b").copy()
        cls.template.name = "Follow-up B: samples on their way"
        # Met on Friday 20 November 2026: the deadline counts from Saturday.
        cls.fair = env["expo.fair"].create(
            {
                "name": "Settings Tour Hardware Show",
                "date_begin": "2026-11-18",
                "date_end": "2026-11-20",
                "state": "closed",
            }
        )
        cls.participation = env["expo.participation"].create(
            {
                "partner_id": env["res.partner"].create(
                    {"name": "Tess Settings", "email": "tess@settings-tour.example.com"}
                ).id,
                "fair_id": cls.fair.id,
                "role_id": env.ref("expo_crm.role_trade_visitor").id,
                "state": "attended",
                "met_date": date(2026, 11, 20),
            }
        )

    def test_settings_tour(self):
        self.start_tour("/odoo/settings", "expo_followup_settings_tour", login="admin")

        self.assertFalse(self.company.expo_followup_working_days)
        self.assertEqual(self.company.expo_followup_escalation_days, 3)
        self.assertEqual(self.class_b.delay_hours, 96)
        self.assertEqual(self.class_b.mail_template_id, self.template)

        # The next classification: B, from the fair's "Classify contacts".
        action = self.fair.action_expo_classify()
        wizard = self.env["expo.classify.wizard"].browse(action["res_id"])
        wizard.line_ids.write({"class_id": self.class_b.id, "hesitation_reason": False})
        wizard.action_apply()
        followup = self.participation.followup_ids
        self.assertEqual(len(followup), 1)
        self.assertEqual(followup.template_id, self.template)
        # Saturday 21 November 00:00 + 96 calendar hours (weekend included).
        self.assertEqual(followup.due_date, datetime(2026, 11, 25, 0, 0))
