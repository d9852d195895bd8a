import smtplib
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.addons.base.models.ir_mail_server import IrMailServer
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ExpoFollowupCommon


def _smtp_down(*args, **kwargs):
    raise smtplib.SMTPConnectError(421, b"Service not available: test SMTP server down")


@tagged("post_install", "-at_install")
class TestFollowupCron(ExpoFollowupCommon):
    def _run_cron(self):
        return self.env["expo.followup"]._cron_send_followups()

    def _deliver(self, followups):
        """What the mail queue cron does with the queued emails."""
        with mute_logger("odoo.addons.mail.models.mail_mail"):
            followups.mail_mail_id.filtered(lambda m: m.state == "outgoing").send()

    def test_cron_sends_once_even_when_rerun(self):
        followups = self._classify(
            {
                self.p_samples: self.class_b,
                self.p_catalogue: self.class_d,
                self.p_signed: self.class_a,
            }
        )
        auto = followups.filtered("auto_send")
        self.assertEqual(len(auto), 2)
        self.assertEqual(self._run_cron(), 2)
        for followup in auto:
            self.assertEqual(followup.state, "queued", "in the mail queue, not sent yet")
            self.assertFalse(followup.sent_date)
            messages = self._followup_messages(followup.partner_id)
            self.assertEqual(len(messages), 1, "posted once in the contact's chatter")
            self.assertEqual(followup.mail_message_id, messages)
            self.assertEqual(followup.mail_mail_id.state, "outgoing", "queued, not sent inline")
            self.assertEqual(followup.mail_mail_id.recipient_ids, followup.partner_id)
            self.assertEqual(followup.mail_mail_id.email_from, self.user_owner.email_formatted)
            self.assertFalse(followup.activity_id.exists(), "the owner's activity is done")
        samples = auto.filtered(lambda f: f.participation_id == self.p_samples)
        html = samples.mail_mail_id.body_html
        # The mail server accepts the emails: now they are sent.
        self._deliver(auto)
        for followup in auto:
            self.assertEqual(followup.state, "sent")
            self.assertEqual(followup.sent_date.isoformat(), "2026-03-10T09:00:00")
        body = samples.mail_message_id.body
        self.assertIn("Sara Samples", body)
        self.assertIn("Test Valve Expo 2026", body)
        self.assertIn("H4-B12", body, "our booth")
        self.assertIn("DN50 ball valves", body, "products discussed")
        self.assertIn("Olivia Owner", body, "owner's signature")
        analysis = self.env["expo.followup.report"].search(
            [("fair_id", "=", self.fair.id), ("class_id", "=", samples.class_id.id)]
        )
        sent_b = auto.filtered(lambda f: f.class_id == samples.class_id)
        self.assertEqual(analysis.reached_count, len(sent_b))
        self.assertEqual(analysis.in_time_count, len(sent_b), "all sent inside their deadline")
        self.assertIn("DN50 ball valves", html)
        self.assertIn(self.company.name, html, "company footer of the layout")
        self.assertNotIn(samples.display_name, html, "the contact never sees its class")
        # Class A waits for review: the cron leaves it alone.
        signed = followups - auto
        self.assertEqual(signed.state, "draft")
        self.assertFalse(self._followup_messages(self.p_signed.partner_id))
        # Re-run (e.g. after a crash and a restart): nothing new.
        self.assertEqual(self._run_cron(), 0)
        for followup in auto:
            self.assertEqual(len(self._followup_messages(followup.partner_id)), 1)
        # The owner reviews A and sends it.
        signed.with_user(self.user_owner).action_send_now()
        self.assertEqual(signed.state, "queued", "“Send now” shows queued until the server accepts")
        self.assertEqual(len(self._followup_messages(self.p_signed.partner_id)), 1)
        with self.assertRaises(UserError):
            signed.with_user(self.user_owner).action_send_now()
        self.assertEqual(len(self._followup_messages(self.p_signed.partner_id)), 1)

    def test_company_sender(self):
        self.company.expo_followup_sender = "company"
        followup = self._classify({self.p_catalogue: self.class_d})
        self._run_cron()
        self.assertEqual(followup.mail_mail_id.email_from, self.company.email_formatted)
        self.assertEqual(followup.mail_message_id.author_id, self.company.partner_id)

    def test_blacklisted_and_opted_out_are_skipped(self):
        self.env["mail.blacklist"]._add("paco.price@buyer.example.com")
        self.env["mailing.contact"].create(
            {"name": "Cathy", "email": "cathy.catalogue@buyer.example.com",
             "subscription_ids": [(0, 0, {"list_id": self.mailing_list.id, "opt_out": True})]}
        )
        followups = self._classify(
            {self.p_price: self.class_b, self.p_catalogue: self.class_d, self.p_samples: self.class_b}
        )
        self._run_cron()
        by_participation = {f.participation_id: f for f in followups}
        price = by_participation[self.p_price]
        self.assertEqual(price.state, "cancelled")
        self.assertEqual(price.failure_code, "blacklisted")
        self.assertFalse(price.activity_id.exists())
        catalogue = by_participation[self.p_catalogue]
        self.assertEqual(catalogue.state, "cancelled")
        self.assertEqual(catalogue.failure_code, "opted_out")
        self.assertFalse(self._followup_messages(self.p_price.partner_id))
        self.assertFalse(self._followup_messages(self.p_catalogue.partner_id))
        self.assertEqual(by_participation[self.p_samples].state, "queued")
        self.assertEqual(self.p_price.followup_state, "none")
        # Bulk class: a blacklisted contact is not added to the list.
        self.env["mail.blacklist"]._add("carl.casual@buyer.example.com")
        casual = self._classify({self.p_casual: self.class_e})
        self.assertEqual(casual.state, "cancelled")
        self.assertNotIn(
            "carl.casual@buyer.example.com", self.mailing_list.contact_ids.mapped("email_normalized")
        )

    def test_mail_server_failure_then_retry(self):
        followup = self._classify({self.p_samples: self.class_b})
        self._run_cron()
        mail = followup.mail_mail_id
        with patch.object(IrMailServer, "send_email", side_effect=_smtp_down):
            self._deliver(followup)
        self.assertEqual(followup.state, "failed")
        # What the user reads, in their language; the server's words kept apart.
        self.assertEqual(followup.failure_code, "mail_smtp")
        label = dict(followup._fields["failure_code"]._description_selection(self.env))
        self.assertIn("outgoing mail server", label["mail_smtp"])
        self.assertIn("Service not available", followup.failure_reason)
        self.assertEqual(mail.state, "exception", "the email is kept for the retry")
        self.assertEqual(self.p_samples.followup_state, "failed")

        # The cron retries: same email back in the queue, server still down.
        self.assertEqual(self._run_cron(), 1)
        self.assertEqual(followup.mail_mail_id, mail)
        self.assertEqual(followup.retry_count, 1)
        with patch.object(IrMailServer, "send_email", side_effect=_smtp_down):
            self._deliver(followup)
        self.assertEqual(followup.state, "failed")

        # The owner presses Retry once the server is back.
        followup.with_user(self.user_owner).action_retry()
        self._deliver(followup)
        self.assertEqual(followup.state, "sent")
        self.assertFalse(followup.failure_reason)
        self.assertEqual(mail.exists().state if mail.exists() else "sent", "sent")
        self.assertEqual(
            len(self._followup_messages(self.p_samples.partner_id)), 1,
            "one message in the chatter whatever the retries",
        )

    def test_failed_retries_are_bounded(self):
        followup = self._classify({self.p_samples: self.class_b})
        self._run_cron()
        for _attempt in range(5):
            with patch.object(IrMailServer, "send_email", side_effect=_smtp_down):
                self._deliver(followup)
            self._run_cron()
        self.assertEqual(followup.state, "failed")
        self.assertEqual(followup.retry_count, 3, "the cron stops retrying after three attempts")

    def test_partner_language(self):
        """A zh_CN contact receives the Chinese text shipped in zh_CN.po, an
        English one in the same run the English text."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["expo_crm_followup"], ["zh_CN"], overwrite=True
        )
        self.p_samples.partner_id.lang = "zh_CN"
        followups = self._classify({self.p_samples: self.class_b, self.p_evidence: self.class_b})
        self._run_cron()
        chinese = followups.filtered(lambda f: f.participation_id == self.p_samples)
        english = followups - chinese
        self.assertIn("您询问的详细信息", chinese.mail_message_id.subject)
        self.assertIn("Sara Samples", chinese.mail_message_id.body)
        self.assertIn("样品", chinese.mail_message_id.body)
        self.assertEqual(
            english.mail_message_id.subject, "Test Valve Expo 2026: the details you asked for"
        )
        self.assertNotIn("样品", english.mail_message_id.body)

    def test_two_workers_never_send_twice(self):
        """Real concurrency: two database transactions run the sending at the
        same time on committed follow-ups. Worker 1 claims two rows and is
        still busy when worker 2 runs the whole cron: worker 2 skips the
        locked rows, worker 1 sends its own, a third run finds nothing."""
        registry = self.registry
        with registry.cursor() as cr0:
            env0 = api.Environment(
                cr0, SUPERUSER_ID, {"tracking_disable": True, "mail_auto_subscribe_no_notify": True}
            )
            fair = env0["expo.fair"].create(
                {"name": "Concurrency Test Fair", "date_begin": "2026-03-06",
                 "date_end": "2026-03-09", "state": "closed"}
            )
            partners = env0["res.partner"].create(
                [{"name": f"Concurrent Buyer {i}", "email": f"concurrent.{i}@buyer.example.com"}
                 for i in range(4)]
            )
            participations = env0["expo.participation"].create(
                [{"partner_id": p.id, "fair_id": fair.id, "role_id": self.role_visitor.id,
                  "state": "attended", "user_id": env0.ref("base.user_admin").id,
                  "followup_class_id": self.class_d.id} for p in partners]
            )
            env0["expo.followup"]._expo_schedule(participations)
            followup_ids = env0["expo.followup"].search(
                [("participation_id", "in", participations.ids)]
            ).ids
            ids = {"fair": fair.id, "partners": partners.ids, "followups": followup_ids,
                   "participations": participations.ids}
        self.addCleanup(self._drop_committed, ids)
        self.assertEqual(len(ids["followups"]), 4)

        cr1, cr2 = registry.cursor(), registry.cursor()
        try:
            for cr in (cr1, cr2):
                cr.execute("SET lock_timeout = '30s'")
            env1 = api.Environment(cr1, SUPERUSER_ID, {})
            env2 = api.Environment(cr2, SUPERUSER_ID, {})
            claimed = env1["expo.followup.send"]._claim(limit=2)
            self.assertEqual(len(claimed), 2)
            # A user pressing "Send now" on a row worker 1 holds is refused.
            with self.assertRaises(UserError):
                env2["expo.followup"].browse(claimed[0].id).action_send_now()
            cr2.rollback()
            self.assertEqual(env2["expo.followup"]._cron_send_followups(batch_size=10), 2)
            cr2.commit()
            env1["expo.followup.send"]._send(claimed)
            cr1.commit()
        finally:
            cr1.close()
            cr2.close()
        with registry.cursor() as cr3:
            env3 = api.Environment(cr3, SUPERUSER_ID, {})
            self.assertEqual(env3["expo.followup"]._cron_send_followups(), 0)
            subtype = env3.ref("expo_crm_followup.mail_message_subtype_expo_followup")
            followups = env3["expo.followup"].browse(ids["followups"])
            self.assertEqual(set(followups.mapped("state")), {"queued"})
            for partner_id in ids["partners"]:
                messages = env3["mail.message"].search(
                    [("model", "=", "res.partner"), ("res_id", "=", partner_id),
                     ("subtype_id", "=", subtype.id)]
                )
                self.assertEqual(len(messages), 1, "exactly one follow-up per contact")
                mails = env3["mail.mail"].search([("mail_message_id", "in", messages.ids)])
                self.assertEqual(len(mails), 1)
            cr3.rollback()

    def _drop_committed(self, ids):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            env["mail.message"].search(
                ["|", "|",
                 "&", ("model", "=", "res.partner"), ("res_id", "in", ids["partners"]),
                 "&", ("model", "=", "expo.participation"), ("res_id", "in", ids["participations"]),
                 "&", ("model", "=", "expo.fair"), ("res_id", "=", ids["fair"])]
            ).unlink()
            followups = env["expo.followup"].browse(ids["followups"]).exists()
            env["mail.message"].search(
                [("model", "=", "expo.followup"), ("res_id", "in", followups.ids)]
            ).unlink()
            followups.unlink()
            env["expo.fair"].browse(ids["fair"]).exists().unlink()
            env["res.partner"].browse(ids["partners"]).exists().unlink()
