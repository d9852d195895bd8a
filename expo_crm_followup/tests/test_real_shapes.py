"""The exhibitor's flow on the shapes real data has: several roles per
contact, roles that are not classified, contacts marked lost, a fair not
begun yet, contacts from China and Taiwan, and no setting touched."""

from freezegun import freeze_time

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import ExpoFollowupCommon


@tagged("post_install", "-at_install")
class TestRealShapes(ExpoFollowupCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.role_sponsor = cls.env.ref("expo_crm.role_sponsor")
        cls.role_media = cls.env.ref("expo_crm.role_media")
        cls.role_organizer = cls.env.ref("expo_crm.role_organizer")
        cls.role_exhibitor = cls.env.ref("expo_crm.role_exhibitor")

    def _add_role(self, participation, role, **vals):
        return self.env["expo.participation"].create(
            dict(
                {
                    "partner_id": participation.partner_id.id,
                    "fair_id": participation.fair_id.id,
                    "role_id": role.id,
                    "state": "attended",
                },
                **vals,
            )
        )

    def test_two_roles_one_line_one_followup(self):
        """A visitor who also writes for a magazine: one line, one follow-up,
        re-applying never duplicates; the bulk class subscribes it once."""
        media = self._add_role(self.p_casual, self.role_media)
        wizard = self._open_wizard(self.p_casual | media)
        self.assertEqual(len(wizard.line_ids), 1, "one line per contact")
        line = wizard.line_ids
        self.assertEqual(line.participation_ids, self.p_casual | media)
        self.assertIn("Media", line.role_names)
        line.class_id = self.class_e
        wizard.action_apply()
        followups = self.env["expo.followup"].search([("partner_id", "=", self.p_casual.partner_id.id)])
        self.assertEqual(len(followups), 1)
        self.assertEqual(followups.participation_ids, self.p_casual | media)
        self.assertEqual(followups.state, "listed")
        self.assertEqual((self.p_casual | media).mapped("followup_state"), ["listed", "listed"])
        subscribed = self.mailing_list.contact_ids.filtered(
            lambda c: c.email_normalized == self.p_casual.partner_id.email_normalized
        )
        self.assertEqual(len(subscribed), 1)
        # Again, from the fair this time: nothing new.
        wizard = self._open_wizard(self.p_casual | media)
        wizard.line_ids.class_id = self.class_d
        wizard.action_apply()
        self.assertEqual(
            self.env["expo.followup"].search_count([("partner_id", "=", self.p_casual.partner_id.id)]), 1
        )

    def test_roles_flag_and_show_all(self):
        """Sponsors and organizers are not classified by default; the toggle
        lists them, and back."""
        self.assertFalse(self.role_sponsor.classify_after_fair)
        self.assertTrue(self.role_visitor.classify_after_fair)
        sponsor_only = self._contact("Sonia Sponsor")
        sponsor_only.role_id = self.role_sponsor
        self.assertNotIn(self.role_sponsor, self.fair.classify_role_ids)
        wizard = self.env["expo.classify.wizard"].browse(self.fair.action_expo_classify()["res_id"])
        partners = wizard.line_ids.partner_id
        self.assertNotIn(sponsor_only.partner_id, partners)
        self.assertIn(self.p_signed.partner_id, partners)
        wizard.action_toggle_all_roles()
        self.assertIn(sponsor_only.partner_id, wizard.line_ids.partner_id)
        wizard.action_toggle_all_roles()
        self.assertNotIn(sponsor_only.partner_id, wizard.line_ids.partner_id)
        # Visiting a fair, the exhibitors are the people we meet.
        self.fair.expo_our_part = "visit"
        self.assertEqual(self.fair.classify_role_ids, self.role_exhibitor)

    def test_lost_contacts_left_out_and_counters_agree(self):
        self.p_price.partner_id.write({"expo_stage": "dissolution", "expo_stage_locked": True})
        wizard = self.env["expo.classify.wizard"].browse(self.fair.action_expo_classify()["res_id"])
        self.assertNotIn(self.p_price.partner_id, wizard.line_ids.partner_id)
        total = len(wizard.line_ids)
        self.assertEqual(total, 5)
        wizard.line_ids.class_id = False
        wizard.line_ids[:2].class_id = self.class_d
        self.assertEqual(wizard.counter_text, "2 of 5 have a class, 2 not applied yet")
        wizard.action_apply()
        self.fair.invalidate_recordset()
        self.assertEqual(
            (self.fair.expo_classified_count, self.fair.expo_to_classify_count), (2, 5),
            "after Apply the overview says what the wizard said",
        )

    def test_signals_are_editable_and_resuggest(self):
        wizard = self._open_wizard(self.p_casual)
        with Form(wizard) as form:
            with form.line_ids.edit(0) as line:
                self.assertEqual(line.class_id, self.class_e)
                line.samples_requested = True
                self.assertEqual(line.suggested_class_id, self.class_b)
                self.assertEqual(line.class_id, self.class_b, "the class follows the suggestion")
        wizard.line_ids.hesitation_reason = "needs_evidence"
        wizard.action_apply()
        self.assertTrue(self.p_casual.samples_requested, "the signal is saved on the participation")
        self.assertEqual(self.p_casual.followup_class_id, self.class_b)

    def test_attended_refused_before_the_fair(self):
        future = self.env["expo.fair"].create(
            {"name": "Test Valve Expo 2027", "date_begin": "2027-03-06", "date_end": "2027-03-09"}
        )
        with self.assertRaises(ValidationError):
            self._contact("Fanny Future", fair=future)  # "attended" at creation
        participation = self._contact("Fred Future", fair=future, state="registered")
        with self.assertRaisesRegex(ValidationError, "only begins on 03/06/2027"):
            participation.state = "attended"
        with self.assertRaises(ValidationError):
            participation.action_mark_no_show()

    def test_language_from_country(self):
        """Met at the fair, a contact from China reads Simplified Chinese, one
        from Taiwan Traditional Chinese; one known before the fair keeps its
        language."""
        for code in ("zh_CN", "zh_TW"):
            self.env["res.lang"]._activate_lang(code)
        Partner = self.env["res.partner"]
        cn = Partner.create({"name": "王芳", "country_id": self.env.ref("base.cn").id})
        tw = Partner.create({"name": "林志明", "country_id": self.env.ref("base.tw").id})
        de = Partner.create({"name": "Jonas Weber", "country_id": self.env.ref("base.de").id})
        for partner in cn | tw | de:
            self.env["expo.participation"].create(
                {"partner_id": partner.id, "fair_id": self.fair.id, "role_id": self.role_visitor.id,
                 "state": "attended"}
            )
        self.assertEqual((cn.lang, tw.lang, de.lang), ("zh_CN", "zh_TW", "en_US"))
        older = Partner.create({"name": "Old Friend", "country_id": self.env.ref("base.cn").id})
        older.flush_recordset()
        self.env.cr.execute(
            "UPDATE res_partner SET create_date = '2025-01-01' WHERE id = %s", [older.id]
        )
        older.invalidate_recordset(["create_date"])
        self.env["expo.participation"].create(
            {"partner_id": older.id, "fair_id": self.fair.id, "role_id": self.role_visitor.id,
             "state": "attended"}
        )
        self.assertEqual(older.lang, "en_US", "known before the fair: language kept")

    def test_send_failure_reads_in_chinese(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["expo_crm_followup"], ["zh_CN"], overwrite=True
        )
        followup = self._classify({self.p_signed: self.class_a})
        followup.write({"state": "failed", "failure_code": "mail_smtp", "failure_reason": "421"})
        labels = dict(
            followup.with_context(lang="zh_CN")._fields["failure_code"]._description_selection(
                followup.with_context(lang="zh_CN").env
            )
        )
        self.assertIn("发件服务器", labels["mail_smtp"])

    def test_escalation_reads_in_the_managers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["expo_crm_followup"], ["zh_CN"], overwrite=True
        )
        self.user_manager.lang = "zh_CN"
        followup = self._classify({self.p_signed: self.class_a})
        with freeze_time("2026-03-14 03:00:00"):
            self.env["expo.followup"]._cron_check_overdue()
        activity = followup.escalation_activity_id
        self.assertEqual(activity.user_id, self.user_manager)
        self.assertIn("逾期跟进", activity.summary)
        self.assertIn("Sam Signed", activity.summary)
