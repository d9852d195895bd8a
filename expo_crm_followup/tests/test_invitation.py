import pytz
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInvitation(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("zh_CN")
        cls.today = fields.Date.context_today(cls.env["expo.fair"])
        cls.exhibitor = cls.env.ref("expo_crm.role_exhibitor")
        cls.visitor = cls.env.ref("expo_crm.role_trade_visitor")
        cls.staff = cls.env["res.users"].create(
            {
                "name": "Stand Staff",
                "login": "expo_invitation_staff",
                "email": "staff@example.com",
                "tz": "Asia/Shanghai",
                "groups_id": [(4, cls.env.ref("expo_crm.group_expo_user").id)],
            }
        )
        series = cls.env["expo.series"].create({"name": "Guangzhou Lighting Expo"})
        cls.previous = cls.env["expo.fair"].create(
            {
                "name": "Guangzhou Lighting Expo 2030",
                "series_id": series.id,
                "date_begin": cls.today - relativedelta(years=1),
                "date_end": cls.today - relativedelta(years=1) + relativedelta(days=3),
                "state": "closed",
            }
        )
        cls.fair = cls.env["expo.fair"].create(
            {
                "name": "Guangzhou Lighting Expo 2031",
                "series_id": series.id,
                "date_begin": cls.today + relativedelta(days=90),
                "date_end": cls.today + relativedelta(days=93),
                "venue": "Pazhou Complex",
            }
        )
        Partner = cls.env["res.partner"]
        cls.en = Partner.create({"name": "Grace Lee", "email": "grace@lumen.example.com", "lang": "en_US"})
        cls.zh = Partner.create({"name": "周杰", "email": "zhoujie@guangming.example.cn", "lang": "zh_CN"})
        cls.blacklisted = Partner.create({"name": "No Mail Please", "email": "Stop@Optout.example.com"})
        cls.no_email = Partner.create({"name": "Paper Only"})
        cls.cancelled = Partner.create({"name": "Cancelled Exhibitor", "email": "c@example.com"})
        cls.env["mail.blacklist"]._add("stop@optout.example.com")
        Participation = cls.env["expo.participation"]
        for partner in cls.en | cls.zh | cls.blacklisted | cls.no_email:
            Participation.create(
                {"partner_id": partner.id, "fair_id": cls.previous.id, "role_id": cls.exhibitor.id,
                 "state": "attended"}
            )
        Participation.create(
            {"partner_id": cls.cancelled.id, "fair_id": cls.previous.id, "role_id": cls.exhibitor.id,
             "state": "cancelled"}
        )
        cls.template = cls.env.ref("expo_crm_followup.mail_template_expo_invitation")
        cls.template.with_context(lang="zh_CN").subject = "邀请：{{ object.fair_id.name }}"

    def _wizard(self, fair=None, **values):
        fair = fair or self.fair
        wizard_form = Form(
            self.env["expo.invitation.wizard"].with_context(active_model="expo.fair", active_id=fair.id)
        )
        wizard_form.user_id = self.staff
        wizard_form.booth = "11.2 C05"
        for name, value in values.items():
            setattr(wizard_form, name, value)
        return wizard_form.save()

    def _mails(self, participations):
        return self.env["mail.mail"].search(
            [("model", "=", "expo.participation"), ("res_id", "in", participations.ids)]
        )

    def _invited(self):
        return self.env["expo.participation"].search(
            [("fair_id", "=", self.fair.id), ("state", "=", "invited")]
        )

    # ------------------------------------------------------------------

    def test_defaults_previous_exhibitors_and_schedule(self):
        self.env.user.tz = "Asia/Shanghai"
        wizard = self._wizard()
        self.assertEqual(wizard.preset, "previous_exhibitors")
        self.assertEqual(wizard.role_id, self.exhibitor)
        # The blacklisted contact is left out of the preset (and counted so).
        self.assertEqual(wizard.partner_ids, self.en | self.zh | self.no_email)
        self.assertEqual(wizard.left_out_count, 1)
        self.assertEqual(wizard.template_id, self.template)
        self.assertEqual(wizard.proposed_date, self.fair.date_begin - relativedelta(months=1))
        # opened earlier than a month before: scheduled at 9:00 of the proposed day
        self.assertEqual(wizard.send_mode, "schedule")
        local = wizard.scheduled_date.replace(tzinfo=pytz.utc).astimezone(pytz.timezone("Asia/Shanghai"))
        self.assertEqual((local.date(), local.hour), (wizard.proposed_date, 9))

    def test_preset_leaves_out_lost_and_opted_out(self):
        """Lost or dissolved contacts and addresses opted out of the company's
        mailing list are not proposed; invited contacts are counted apart
        from the participants."""
        self.zh.write({"expo_stage": "dissolution", "expo_stage_locked": True})
        self.env["mailing.contact"].create(
            {
                "name": "Grace",
                "email": "grace@lumen.example.com",
                "subscription_ids": [
                    (0, 0, {"list_id": self.env.company._expo_followup_mailing_list().id,
                            "opt_out": True})
                ],
            }
        )
        wizard = self._wizard()
        self.assertEqual(wizard.partner_ids, self.no_email)
        self.assertEqual(wizard.left_out_count, 3)
        participants = self.fair.participation_count
        other = self.env["res.partner"].create({"name": "Ines Invited", "email": "ines@example.com"})
        wizard = self._wizard(preset="manual")
        wizard.partner_ids = other
        wizard.action_send()
        self.assertEqual(wizard.invited_partner_ids, other, "the result lists who was invited")
        self.assertEqual(self.fair.invited_count, 1)
        self.assertEqual(self.fair.participation_count, participants, "invited are not participants")
        self.assertEqual(self.fair.exhibitor_count, 0)

    def test_send_scheduled_invitations(self):
        wizard = self._wizard()
        # Added by hand, the blacklisted contact is still not emailed.
        wizard.partner_ids |= self.blacklisted
        wizard.action_send()
        self.assertEqual(wizard.state, "done")
        self.assertEqual(
            (wizard.invited_count, wizard.blacklisted_count, wizard.no_email_count, wizard.already_count),
            (2, 1, 1, 0),
        )
        self.assertEqual(wizard.blacklisted_partner_ids, self.blacklisted)
        invited = self._invited()
        self.assertEqual(invited.partner_id, self.en | self.zh)
        self.assertEqual(set(invited.mapped("role_id")), {self.exhibitor})
        self.assertEqual(set(invited.mapped("user_id")), {self.staff})
        self.assertEqual(self.fair.own_booth, "11.2 C05")
        # one mail each, in the queue, rendered in the contact's language
        mails = self._mails(invited)
        self.assertEqual(len(mails), 2)
        self.assertEqual(set(mails.mapped("state")), {"outgoing"})
        self.assertEqual(set(mails.mapped("scheduled_date")), {wizard.scheduled_date})
        by_partner = {mail.recipient_ids: mail for mail in mails}
        self.assertEqual(by_partner[self.zh].subject, "邀请：Guangzhou Lighting Expo 2031")
        self.assertEqual(by_partner[self.en].subject, "Invitation: meet us at Guangzhou Lighting Expo 2031")
        self.assertIn("11.2 C05", by_partner[self.en].body_html)
        self.assertIn("Stand Staff", by_partner[self.en].body_html)
        # traces: the partner's chatter; blacklisted and email-less contacts untouched
        note = self.en.message_ids.filtered(lambda m: "Guangzhou Lighting Expo 2031" in (m.body or ""))
        self.assertTrue(note)
        self.assertIn("scheduled", note[0].body)
        self.assertFalse(self.env["expo.participation"].search(
            [("fair_id", "=", self.fair.id), ("partner_id", "in", (self.blacklisted | self.no_email).ids)]
        ))
        self.assertFalse(self.env["mail.mail"].search([("email_to", "ilike", "optout.example.com")]))

    def test_send_as_exhibition_user(self):
        wizard = self._wizard().with_user(self.staff)
        wizard.action_send()
        self.assertEqual(wizard.invited_count, 2)
        self.assertEqual(len(self._mails(self._invited())), 2)
        self.assertEqual(set(self._invited().mapped("create_uid")), {self.staff})

    def test_second_run_invites_nobody_twice(self):
        self._wizard().action_send()
        invited = self._invited()
        mail_count = len(self._mails(invited))
        again = self._wizard()
        self.assertFalse(again.partner_ids & invited.partner_id, "the preset leaves them out")
        again.partner_ids |= invited.partner_id  # chosen by hand anyway
        again.action_send()
        self.assertEqual((again.invited_count, again.already_count), (0, 2))
        self.assertEqual(self._invited(), invited)
        self.assertEqual(len(self._mails(invited)), mail_count)

    def test_send_now_inside_the_last_month(self):
        soon = self.fair.copy({"name": "Lighting Expo Pop-up", "date_begin": self.today + relativedelta(days=10),
                               "date_end": self.today + relativedelta(days=12)})
        wizard = self._wizard(fair=soon, preset="manual")
        self.assertEqual(wizard.send_mode, "now")
        self.assertFalse(wizard.partner_ids)
        with self.assertRaises(UserError):
            wizard.action_send()
        wizard.partner_ids = self.en
        wizard.action_send()
        participation = self.env["expo.participation"].search([("fair_id", "=", soon.id)])
        self.assertEqual(participation.partner_id, self.en)
        self.assertEqual(participation.role_id, self.visitor)  # manual: trade visitors
        mail = self._mails(participation)
        self.assertEqual(mail.state, "outgoing")
        self.assertFalse(mail.scheduled_date)
        self.assertIn("sent", self.en.message_ids[0].body)

    def test_trust_preset_and_existing_participation(self):
        trusted = self.env["res.partner"].create({"name": "Loyal Buyer", "email": "loyal@example.com"})
        trusted.expo_stage = "trust"
        registered = self.env["res.partner"].create({"name": "Early Bird", "email": "early@example.com"})
        registered.expo_stage = "trust"
        self.env["expo.participation"].create(
            {"partner_id": registered.id, "fair_id": self.fair.id, "role_id": self.exhibitor.id,
             "state": "registered"}
        )
        self.fair.organizer_id = self.env["res.partner"].create(
            {"name": "Lighting Expo Organizer", "email": "org@example.com", "expo_stage": "trust"}
        )
        wizard = self._wizard(preset="trust")
        self.assertIn(trusted, wizard.partner_ids)
        self.assertNotIn(registered, wizard.partner_ids, "already registered: not proposed")
        self.assertNotIn(self.fair.organizer_id, wizard.partner_ids, "the fair's organizer")
        self.assertNotIn(self.no_email, wizard.partner_ids)
        wizard.partner_ids |= registered  # chosen by hand anyway
        wizard.action_send()
        self.assertGreaterEqual(wizard.already_count, 1)
        participations = self.env["expo.participation"].search(
            [("fair_id", "=", self.fair.id), ("partner_id", "=", registered.id)]
        )
        self.assertEqual(participations.state, "registered")  # untouched, not re-invited
        self.assertEqual(self._invited().filtered(lambda p: p.partner_id == trusted).role_id, self.visitor)
