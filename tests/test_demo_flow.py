"""The exhibitor's first hour on the demo database's own records (not a
fixture): classify the latest demo fair with its suggestions, apply, send.

Runs on the database the README's test command installs (with demo data).
"""

from odoo.modules import module as odoo_module
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
class TestDemoFlow(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Odoo's runner sets this flag, pytest-odoo does not: without it the
        # mail queue would open a real SMTP connection.
        if not odoo_module.current_test:
            cls.classPatch(odoo_module, "current_test", cls)

    def test_classify_apply_send_the_demo_fair(self):
        fair = self.env.ref("expo_crm.demo_fair_machinery_2")
        nordwerk = self.env["res.partner"].search([("name", "=", "Nordwerk Präzision GmbH")])
        self.assertEqual(len(nordwerk), 1)
        roles = fair.participation_ids.filtered(lambda p: p.partner_id == nordwerk)
        self.assertGreater(len(roles), 1, "the demo's contact with two roles at this fair")

        action = fair.action_expo_classify()
        wizard = self.env["expo.classify.wizard"].browse(action["res_id"])
        partners = wizard.line_ids.partner_id
        self.assertEqual(len(partners), len(wizard.line_ids), "one line per contact")
        self.assertIn(nordwerk, partners)
        wizard.action_use_suggestions()
        wizard.action_apply()

        followups = self.env["expo.followup"].search([("fair_id", "=", fair.id)])
        self.assertEqual(
            sorted(followups.partner_id.ids), sorted(set(followups.partner_id.ids)),
            "one follow-up per contact and fair",
        )
        self.assertEqual(len(followups.filtered(lambda f: f.partner_id == nordwerk)), 1)
        self.assertEqual(fair.expo_classified_count, fair.expo_to_classify_count)
        self.assertEqual(fair.expo_classified_count, len(wizard.line_ids))
        # Bulk class: on the list, never "Sent".
        bulk = followups.filtered(lambda f: f.channel == "mailing_list")
        self.assertTrue(bulk)
        self.assertEqual(set(bulk.mapped("state")) - {"cancelled"}, {"listed"})

        # Send: the scheduler, then "Send now" on those waiting for review
        # (the demo already holds one email waiting in the queue).
        waiting = followups.filtered(lambda f: f.state == "queued")
        self.env["expo.followup"]._cron_send_followups(auto_commit=False)
        review = followups.filtered(lambda f: f.state == "draft" and f.channel == "email")
        review.action_send_now()
        queued = followups.filtered(lambda f: f.state == "queued") - waiting
        self.assertTrue(queued)
        with mute_logger("odoo.addons.mail.models.mail_mail"):
            queued.mail_mail_id.send()
        self.assertEqual(set(queued.mapped("state")), {"sent"})
        # Re-applying creates nothing.
        again = self.env["expo.classify.wizard"].browse(fair.action_expo_classify()["res_id"])
        again.action_apply()
        self.assertEqual(self.env["expo.followup"].search_count([("fair_id", "=", fair.id)]), len(followups))
