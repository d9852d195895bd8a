from datetime import datetime, time, timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestTourExhibitor(HttpCase):
    """The exhibitor's day after a fair in a real browser (tour
    ``expo_exhibitor_tour``): import the scanner file, classify in bulk and
    per line, apply, send a follow-up from its form. The database is checked
    after the tour."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.admin = env.ref("base.user_admin")
        cls.admin.email = "admin@lumenfair.example.com"
        # The fixtures are dated by the server's (UTC) day: the browser's user
        # lives on the same day whatever the hour the suite runs.
        cls.admin.tz = "UTC"
        env.company.write(
            {
                "expo_followup_auto_send": True,
                "expo_followup_working_days": False,
                "expo_followup_sender": "owner",
            }
        )
        today = fields.Date.today()
        cls.fair = env["expo.fair"].create(
            {
                "name": "Lighting Sourcing Fair (tour)",
                # The fair ends today: the contacts are imported the evening
                # of its last day and met today.
                "date_begin": today - timedelta(days=3),
                "date_end": today,
                "state": "open",
                "city": "Guangzhou",
                "own_booth": "Hall 9, C12",
                "user_id": cls.admin.id,
            }
        )

    def test_exhibitor_tour(self):
        self.start_tour(
            f"/odoo/action-expo_crm.expo_fair_action/{self.fair.id}",
            "expo_exhibitor_tour",
            login="admin",
        )
        participations = self.fair.participation_ids
        self.assertEqual(
            sorted(participations.partner_id.mapped("name")),
            ["Ada Tourwright", "Bo Tourly", "Cyd Tourson"],
            "the bad row is skipped, the good ones are imported",
        )
        self.assertEqual(set(participations.mapped("source")), {"scan"})
        self.assertEqual(set(participations.mapped("state")), {"attended"})
        self.assertEqual(set(participations.mapped("met_date")), {fields.Date.today()})
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Dee Broken")]))
        ada = participations.partner_id.filtered(lambda p: p.name == "Ada Tourwright")
        self.assertEqual(ada.email, "ada@lumen-tour.example.com")
        self.assertEqual(ada.parent_id.name, "Lumen Lighting (tour)")

        followups = self.env["expo.followup"].search([("fair_id", "=", self.fair.id)])
        by_name = {f.partner_id.name: f for f in followups}
        self.assertEqual(len(followups), 3)
        classes = {name: (f.class_id.code, f.hesitation_reason or False) for name, f in by_name.items()}
        self.assertEqual(
            classes,
            {
                "Ada Tourwright": ("A", False),
                "Bo Tourly": ("B", "needs_evidence"),
                "Cyd Tourson": ("D", False),
            },
        )
        self.assertEqual(
            by_name["Bo Tourly"].template_id,
            self.env.ref("expo_crm_followup.mail_template_expo_followup_b_evidence"),
            "a B contact who needs evidence gets the evidence template",
        )
        # Deadlines: the day after the contact was met + the class's delay.
        for followup in followups:
            met = followup.participation_id.met_date
            start = datetime.combine(met + timedelta(days=1), time.min)
            self.assertEqual(
                followup.due_date, start + timedelta(hours=followup.class_id.delay_hours)
            )
        # Sent from the form: queued until the mail server accepts it, in the
        # contact's chatter, its activity closed.
        sent = by_name["Ada Tourwright"]
        self.assertEqual(sent.state, "queued")
        self.assertEqual(sent.mail_mail_id.state, "outgoing")
        self.assertTrue(sent.mail_message_id)
        self.assertEqual(sent.mail_message_id.model, "res.partner")
        self.assertEqual(sent.mail_message_id.res_id, ada.id)
        self.assertIn("next steps for your order", sent.mail_message_id.subject)
        self.assertFalse(sent.activity_id)
        for name in ("Bo Tourly", "Cyd Tourson"):
            followup = by_name[name]
            self.assertEqual(followup.state, "scheduled")
            self.assertEqual(followup.activity_id.user_id, self.admin)
            self.assertEqual(
                followup.activity_id.date_deadline,
                fields.Datetime.context_timestamp(
                    followup.with_context(tz=self.admin.tz or "UTC"), followup.due_date
                ).date(),
                "due on the deadline's day in the owner's time zone",
            )
