from datetime import datetime

from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from ..models.expo_followup_class import add_delay
from .common import ExpoFollowupCommon


@tagged("post_install", "-at_install")
class TestClassifyWizard(ExpoFollowupCommon):
    def test_suggestion_from_capture(self):
        """What was captured at the booth suggests the class; the first class
        (by sequence) whose signal matches wins; nothing captured gives E."""
        wizard = self._open_wizard(self.participations)
        suggested = {line.participation_id: line.suggested_class_id for line in wizard.line_ids}
        self.assertEqual(suggested[self.p_signed], self.class_a)
        self.assertEqual(suggested[self.p_samples], self.class_b)
        self.assertEqual(suggested[self.p_price], self.class_c)
        self.assertEqual(suggested[self.p_catalogue], self.class_d)
        self.assertEqual(suggested[self.p_casual], self.class_e)
        # Unclassified contacts start with the suggestion as their class.
        for line in wizard.line_ids:
            self.assertEqual(line.class_id, line.suggested_class_id)
        # Signed and disputing the price: signed comes first.
        self.p_price.order_signed = True
        wizard = self._open_wizard(self.p_price)
        self.assertEqual(wizard.line_ids.suggested_class_id, self.class_a)
        # A contact already classified keeps its class, the suggestion is shown.
        self.p_casual.followup_class_id = self.class_d
        wizard = self._open_wizard(self.p_casual)
        self.assertEqual(wizard.line_ids.class_id, self.class_d)
        self.assertEqual(wizard.line_ids.suggested_class_id, self.class_e)

    def test_fair_button_opens_all_contacts(self):
        cancelled = self._contact("Cancelled Visitor")
        cancelled.state = "cancelled"
        action = self.fair.with_user(self.user_owner).action_expo_classify()
        self.assertEqual(action["res_model"], "expo.classify.wizard")
        wizard = self.env["expo.classify.wizard"].browse(action["res_id"])
        self.assertEqual(wizard.fair_id, self.fair)
        self.assertEqual(wizard.line_ids.participation_id, self.participations)
        self.assertEqual(wizard.line_count, 6)

    def test_list_action_opens_selection(self):
        action = self.env.ref("expo_crm_followup.expo_participation_action_classify")
        result = action.with_context(
            active_model="expo.participation",
            active_ids=(self.p_signed | self.p_price).ids,
            active_id=self.p_signed.id,
        ).run()
        wizard = self.env["expo.classify.wizard"].browse(result["res_id"])
        self.assertEqual(wizard.line_ids.participation_id, self.p_signed | self.p_price)

    def test_bulk_and_per_line_classes(self):
        wizard = self._open_wizard(self.participations, user=self.user_owner)
        lines = {line.participation_id: line for line in wizard.line_ids}
        # Bulk: three contacts ticked, all become D.
        for participation in (self.p_price, self.p_catalogue, self.p_casual):
            lines[participation].selected = True
        wizard.bulk_class_id = self.class_d
        wizard.action_set_class_selected()
        self.assertEqual(
            wizard.line_ids.filtered(lambda line: line.class_id == self.class_d).participation_id,
            self.p_price | self.p_catalogue | self.p_casual,
        )
        self.assertFalse(wizard.line_ids.filtered("selected"), "ticks are cleared")
        # Per line: B with a hesitation reason, and E for the casual one.
        lines[self.p_evidence].write(
            {"class_id": self.class_b.id, "hesitation_reason": "needs_evidence", "note": "wants cases"}
        )
        lines[self.p_casual].class_id = self.class_e
        self.assertEqual(wizard.classified_count, 6)
        wizard.action_apply()

        self.assertEqual(self.p_price.followup_class_id, self.class_d)
        self.assertEqual(self.p_casual.followup_class_id, self.class_e)
        self.assertEqual(self.p_evidence.hesitation_reason, "needs_evidence")
        self.assertEqual(self.p_evidence.followup_note, "wants cases")
        followups = self.env["expo.followup"].search(
            [("participation_id", "in", self.participations.ids)]
        )
        self.assertEqual(len(followups), 6, "one follow-up per classified contact")
        by_participation = {f.participation_id: f for f in followups}

        signed = by_participation[self.p_signed]
        self.assertEqual(signed.class_id, self.class_a)
        self.assertEqual(signed.state, "draft", "class A waits for the owner's review")
        self.assertEqual(signed.user_id, self.user_owner)
        # Fair closed on 9 March: deadline = end of that day + 24 h.
        self.assertEqual(signed.due_date, datetime(2026, 3, 11, 0, 0))
        self.assertEqual(signed.activity_id.user_id, self.user_owner)
        self.assertEqual(signed.activity_id.date_deadline.isoformat(), "2026-03-11")
        self.assertEqual(self.p_signed.followup_state, "scheduled")
        self.assertEqual(self.p_signed.followup_deadline, signed.due_date)

        evidence = by_participation[self.p_evidence]
        self.assertEqual(
            evidence.template_id,
            self.env.ref("expo_crm_followup.mail_template_expo_followup_b_evidence"),
        )
        self.assertEqual(evidence.state, "scheduled", "class B is sent automatically")
        self.assertEqual(
            by_participation[self.p_samples].template_id,
            self.env.ref("expo_crm_followup.mail_template_expo_followup_b"),
        )

        casual = by_participation[self.p_casual]
        self.assertEqual(casual.channel, "mailing_list")
        self.assertEqual(casual.state, "listed", "class E reads “Added to the mailing list”, not “Sent”")
        self.assertFalse(casual.activity_id, "no personal time for bulk classes")
        subscribed = self.mailing_list.contact_ids.filtered(
            lambda c: c.email_normalized == "carl.casual@buyer.example.com"
        )
        self.assertEqual(len(subscribed), 1)

    def test_reapply_is_idempotent(self):
        mapping = {
            self.p_signed: self.class_a,
            self.p_samples: (self.class_b, "current_supplier"),
            self.p_casual: self.class_e,
        }
        followups = self._classify(mapping)
        self.assertEqual(len(followups), 3)
        activities = followups.activity_ids
        self.assertEqual(len(activities), 2)
        list_contacts = self.mailing_list.contact_count

        again = self._classify(mapping)
        self.assertEqual(again, followups, "re-applying creates nothing")
        self.assertEqual(again.activity_ids, activities)
        self.assertEqual(self.mailing_list.contact_count, list_contacts)

        # Changing the class of an open follow-up updates it in place.
        samples = followups.filtered(lambda f: f.participation_id == self.p_samples)
        again = self._classify({self.p_samples: self.class_c, self.p_signed: self.class_a})
        self.assertEqual(len(again), 2)
        self.assertEqual(samples.class_id, self.class_c)
        self.assertEqual(
            samples.template_id, self.env.ref("expo_crm_followup.mail_template_expo_followup_c")
        )
        self.assertFalse(self.p_samples.hesitation_reason, "C records no hesitation")
        self.assertEqual(len(samples.activity_ids), 1)
        # Only added to the mailing list, the contact now asks for the
        # catalogue: the same follow-up becomes a personal email (no second one).
        casual = followups.filtered(lambda f: f.participation_id == self.p_casual)
        again = self._classify({self.p_casual: self.class_d})
        self.assertEqual(again, casual)
        self.assertEqual(casual.class_id, self.class_d)
        self.assertEqual((casual.channel, casual.state), ("email", "scheduled"))
        # A follow-up already sent is left alone.
        signed = followups.filtered(lambda f: f.participation_id == self.p_signed)
        signed.write({"state": "sent"})
        self._classify({self.p_signed: self.class_d})
        self.assertEqual(signed.class_id, self.class_a)

    def test_owner_follows_without_one_email_per_followup(self):
        """A manager classifies the owner's contacts: the owner follows each
        follow-up and finds them as activities, without an "assigned to you"
        message per follow-up."""
        owner_partner = self.user_owner.partner_id
        mapping = {
            self.p_signed: self.class_a,
            self.p_samples: (self.class_b, "current_supplier"),
            self.p_catalogue: self.class_d,
            self.p_casual: self.class_e,
        }
        followups = self._classify(mapping, user=self.user_manager)
        casual = followups.filtered(lambda f: f.channel == "mailing_list")
        followups -= casual
        self.assertEqual(len(followups), 3)
        # The contact added to the list: nobody follows its mailing contact.
        contact = self.mailing_list.contact_ids.filtered(
            lambda c: c.email_normalized == casual.partner_id.email_normalized
        )
        self.assertEqual(len(contact), 1)
        self.assertFalse(contact.message_partner_ids)
        self.assertEqual(followups.user_id, self.user_owner)
        for followup in followups:
            self.assertIn(owner_partner, followup.message_partner_ids)
        self.assertEqual(followups.activity_ids.user_id, self.user_owner)
        notified = self.env["mail.message"].search(
            [
                ("model", "=", "expo.followup"),
                ("res_id", "in", followups.ids),
                ("partner_ids", "in", owner_partner.ids),
            ]
        )
        self.assertFalse(notified)
        self.assertFalse(
            self.env["mail.mail"].search([("recipient_ids", "in", owner_partner.ids)])
        )

    def test_activity_titled_in_the_owners_language(self):
        """An English-speaking manager classifies a Chinese-speaking owner's
        contact: the owner's activity names the class in Chinese; re-applying
        keeps it so."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["expo_crm_followup"], ["zh_CN"], overwrite=True
        )
        self.user_owner.lang = "zh_CN"
        self.user_manager.lang = "en_US"
        followup = self._classify({self.p_price: self.class_c}, user=self.user_manager)
        self.assertEqual(followup.activity_ids.summary, "C – 条款有歧议")
        self._classify({self.p_price: self.class_d}, user=self.user_manager)
        self.assertEqual(followup.activity_ids.summary, "D – 索要资料")

    def test_working_day_deadlines(self):
        # Friday 18:00 + 24 h: Saturday 18:00, or Monday 18:00 in working days.
        friday = datetime(2026, 3, 13, 18, 0)
        self.assertEqual(add_delay(friday, 24), datetime(2026, 3, 14, 18, 0))
        self.assertEqual(add_delay(friday, 24, True), datetime(2026, 3, 16, 18, 0))
        self.assertEqual(add_delay(friday, 8, True), datetime(2026, 3, 16, 2, 0))
        self.assertEqual(add_delay(datetime(2026, 3, 14, 10, 0), 48, True),
                         datetime(2026, 3, 18, 0, 0))
        # On a fair closing on a Friday (met on Friday 13 March).
        self.company.expo_followup_working_days = True
        self.p_signed.met_date = "2026-03-13"
        followup = self._classify({self.p_signed: self.class_a})
        # End of Friday = Saturday 00:00 -> Monday 00:00, + 24 h = Tuesday.
        self.assertEqual(followup.due_date, datetime(2026, 3, 17, 0, 0))
        self.company.expo_followup_working_days = False
        self.p_samples.met_date = "2026-03-13"
        followup = self._classify({self.p_samples: self.class_a})
        self.assertEqual(followup.due_date, datetime(2026, 3, 15, 0, 0))

    def test_global_auto_send_off_means_review(self):
        self.company.expo_followup_auto_send = False
        followup = self._classify({self.p_samples: self.class_b})
        self.assertFalse(followup.auto_send)
        self.assertEqual(followup.state, "draft")

    def test_bad_input_writes_nothing(self):
        wizard = self._open_wizard(self.p_casual | self.p_signed)
        wizard.line_ids.write({"class_id": False})
        with self.assertRaises(UserError):
            wizard.action_apply()
        with self.assertRaises(UserError):
            wizard.action_set_class_selected()
        self.assertFalse(
            self.env["expo.followup"].search(
                [("participation_id", "in", wizard.line_ids.participation_id.ids)]
            )
        )
        self.assertFalse(self.p_signed.followup_class_id, "no class written either")

    def test_bulk_class_without_mailing_list_creates_one(self):
        """No list chosen in Settings: the company's follow-up list is created
        on the first Apply (and at install), never an error."""
        self.company.expo_followup_mailing_list_id = False
        followup = self._classify({self.p_casual: self.class_e})
        mailing_list = self.company.expo_followup_mailing_list_id
        self.assertTrue(mailing_list)
        self.assertIn(self.company.name, mailing_list.name)
        self.assertEqual(followup.state, "listed")
        self.assertEqual(followup.mailing_list_id, mailing_list)
        # A company created later gets its own list at once.
        other = self.env["res.company"].create({"name": "Later Valves Ltd."})
        self.assertTrue(other.expo_followup_mailing_list_id)
        self.assertNotEqual(other.expo_followup_mailing_list_id, mailing_list)

    def test_class_picker_finds_the_letter(self):
        """Typing the letter shown on the badges finds the class first."""
        Class = self.env["expo.followup.class"].with_user(self.user_owner)
        found = [name for _id, name in Class.name_search("C")]
        self.assertTrue(found[0].startswith("C "), found)
        self.assertEqual(Class.name_search("Disputed")[0][0], self.class_c.id)

    def test_wizard_form(self):
        """The wizard works through its form like a user does."""
        wizard = self._open_wizard(self.p_samples | self.p_evidence)
        with Form(wizard) as form:
            with form.line_ids.edit(1) as line:
                line.class_id = self.class_b
                line.hesitation_reason = "current_supplier"
        wizard.action_apply()
        followup = self.p_evidence.followup_ids
        self.assertEqual(
            followup.template_id,
            self.env.ref("expo_crm_followup.mail_template_expo_followup_b_supplier"),
        )
