from datetime import datetime

from freezegun import freeze_time

from odoo.tests import tagged

from .common import ExpoFollowupCommon

REPLY = """From: {sender}
To: {to}
Subject: Re: {subject}
Message-ID: <reply-{tag}@buyer.example.com>
In-Reply-To: {parent}
References: {parent}
Date: {date}
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"

Thank you, please send two samples to our Hamburg office.
"""


@tagged("post_install", "-at_install")
class TestReplyEscalation(ExpoFollowupCommon):
    def _send(self, mapping):
        """Classify, let the scheduler queue the emails and the mail queue
        hand them to the (test) mail server."""
        followups = self._classify(mapping)
        self.env["expo.followup"]._cron_send_followups()
        followups.mail_mail_id.filtered(lambda m: m.state == "outgoing").send()
        return followups

    def _reply(self, followup, sender, date, tag="1"):
        message = followup.mail_message_id
        raw = REPLY.format(
            sender=sender,
            to=self.user_owner.email,
            subject=message.subject,
            parent=message.message_id,
            date=date,
            tag=tag,
        )
        return self.env["mail.thread"].message_process(None, raw)

    def test_reply_marks_replied(self):
        followup = self._send({self.p_samples: self.class_b})
        self.assertEqual(followup.state, "sent")
        self._reply(followup, '"Sara Samples" <sara.samples@buyer.example.com>',
                    "Tue, 10 Mar 2026 14:30:00 +0000")
        self.assertEqual(followup.state, "replied")
        self.assertEqual(followup.replied_date, datetime(2026, 3, 10, 14, 30))
        self.assertAlmostEqual(followup.response_hours, 5.5)
        self.assertEqual(followup.reply_message_id.model, "res.partner")
        self.assertEqual(self.p_samples.followup_state, "replied")
        # The analysis shows the median response time of each fair, class
        # and owner (PostgreSQL's percentile_cont), not a mean dragged by
        # the one buyer who answers two days later.
        other = self._send({self.p_catalogue: self.class_d})
        self._reply(other, "cathy.catalogue@buyer.example.com",
                    "Tue, 10 Mar 2026 10:00:00 +0000", tag="2")
        third = self._send({self.p_evidence: self.class_b})
        self._reply(third, "eve.evidence@buyer.example.com",
                    "Thu, 12 Mar 2026 09:00:00 +0000", tag="3")
        fourth = self._send({self.p_price: self.class_b})
        self._reply(fourth, "paco.price@buyer.example.com",
                    "Tue, 10 Mar 2026 11:00:00 +0000", tag="4")
        rows = self.env["expo.followup.report"].search([("fair_id", "=", self.fair.id)])
        by_class = {row.class_id: row for row in rows}
        self.assertEqual(by_class[self.class_b].replied_count, 3)
        self.assertAlmostEqual(by_class[self.class_b].response_hours_median, 5.5)  # 2, 5.5, 48
        self.assertAlmostEqual(by_class[self.class_d].response_hours_median, 1.0)
        # No aggregate of Odoo's is patched: "median" is not one.
        for model, fname in (("expo.followup", "response_hours"), ("res.partner", "id")):
            with self.assertRaises(ValueError):
                self.env[model].read_group([], [f"{fname}:median"], [])

    def test_email_not_answering_the_followup_does_not_close(self):
        """Matched by the In-Reply-To / References headers: a new email from
        the contact (no reference to the follow-up) closes nothing."""
        followup = self._send({self.p_samples: self.class_b})
        raw = REPLY.format(
            sender="sara.samples@buyer.example.com", to=self.user_owner.email,
            subject="Another question", parent="<unrelated-123@elsewhere.example.com>",
            date="Tue, 10 Mar 2026 12:00:00 +0000", tag="9",
        )
        self.env["mail.thread"].with_context(
            default_model="res.partner", default_res_id=followup.partner_id.id
        ).message_process("res.partner", raw, custom_values={}, thread_id=followup.partner_id.id)
        self.assertEqual(followup.state, "sent")
        self.assertFalse(followup.replied_date)

    def test_email_from_someone_else_does_not_close(self):
        followup = self._send({self.p_samples: self.class_b})
        self._reply(followup, "stranger@elsewhere.example.com", "Tue, 10 Mar 2026 12:00:00 +0000")
        self.assertEqual(followup.state, "sent")
        self.assertFalse(followup.replied_date)

    def test_overdue_and_escalation(self):
        followups = self._classify({self.p_signed: self.class_a, self.p_price: self.class_c})
        signed = followups.filtered(lambda f: f.participation_id == self.p_signed)
        price = followups - signed
        self.assertEqual(signed.due_date, datetime(2026, 3, 11, 0, 0))
        self.assertEqual(price.due_date, datetime(2026, 3, 12, 0, 0))
        escalation_type = self.env.ref("expo_crm_followup.mail_activity_type_expo_escalation")
        Followup = self.env["expo.followup"]

        with freeze_time("2026-03-11 08:00:00"):
            Followup._cron_check_overdue()
            self.assertTrue(signed.is_overdue)
            self.assertFalse(price.is_overdue)
            self.assertEqual(self.p_signed.followup_state, "overdue")
            self.assertEqual(self.p_price.followup_state, "scheduled")
            analysis = self.env["expo.followup.report"].search(
                [("fair_id", "=", self.fair.id), ("class_id", "=", self.class_a.id)]
            )
            self.assertEqual(analysis.overdue_count, 1)
            self.assertEqual(
                Followup.search([("fair_id", "=", self.fair.id), ("is_overdue", "=", True)]),
                signed,
            )
            self.assertEqual(
                Followup.search([("fair_id", "=", self.fair.id), ("is_overdue", "!=", True)]),
                followups - signed,
            )
        self.assertFalse(signed.escalation_activity_id, "not yet two days late")

        # Two days after the deadline: the fair's responsible hears about it.
        with freeze_time("2026-03-13 01:00:00"):
            Followup._cron_check_overdue()
        activity = signed.escalation_activity_id
        self.assertTrue(activity)
        self.assertEqual(activity.user_id, self.user_manager)
        self.assertEqual(activity.activity_type_id, escalation_type)
        self.assertIn("Sam Signed", activity.summary)
        self.assertFalse(price.escalation_activity_id)
        # Re-running escalates nothing twice.
        with freeze_time("2026-03-14 02:00:00"):
            Followup._cron_check_overdue()
        self.assertEqual(
            self.env["mail.activity"].search_count(
                [("res_model", "=", "expo.followup"), ("res_id", "=", signed.id),
                 ("activity_type_id", "=", escalation_type.id)]
            ),
            1,
        )
        self.assertTrue(price.escalation_activity_id)
        # Sending it (late) clears the overdue flag.
        with freeze_time("2026-03-14 03:00:00"):
            signed.action_send_now()
            self.assertEqual(self.p_signed.followup_state, "queued")
            signed.mail_mail_id.send()
        self.assertFalse(signed.is_overdue)
        self.assertEqual(self.p_signed.followup_state, "sent")
        analysis = self.env["expo.followup.report"].search(
            [("fair_id", "=", self.fair.id), ("class_id", "=", self.class_a.id)]
        )
        self.assertEqual((analysis.reached_count, analysis.in_time_count), (1, 0),
                         "sent after its deadline")

    def test_escalation_target_and_switch(self):
        followup = self._classify({self.p_signed: self.class_a})
        # The owner is also the fair's responsible: an exhibition manager is asked.
        self.fair.user_id = self.user_owner
        escalation_user = self.env["expo.followup.outcome"]._escalation_user
        self.assertTrue(escalation_user(followup).has_group("expo_crm.group_expo_manager"))
        self.assertNotEqual(escalation_user(followup), self.user_owner)
        # An explicit escalation user wins.
        self.company.expo_followup_escalation_user_id = self.user_other
        self.assertEqual(escalation_user(followup), self.user_other)
        # 0 days: never escalate.
        self.company.expo_followup_escalation_days = 0
        with freeze_time("2026-04-01 00:00:00"):
            self.env["expo.followup"]._cron_check_overdue()
            self.assertTrue(followup.is_overdue)
        self.assertFalse(followup.escalation_activity_id)
