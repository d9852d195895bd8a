import ast

import psycopg2

from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import LoyaltyCase


@tagged("post_install", "-at_install")
class TestSatisfactionInput(LoyaltyCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contact = cls.partner("Survey contact")
        cls.participation = cls.attend(cls.contact, cls.e4)

    def count(self):
        return self.Satisfaction.search_count([("partner_id", "=", self.contact.id)])

    def test_out_of_range_refused_with_message(self):
        with self.assertRaisesRegex(ValidationError, "Overall must be between 1 and 5, not 6"):
            self.survey(self.participation, overall=6)
        with self.assertRaisesRegex(ValidationError, "Would recommend must be between 0 and 10, not 11"):
            self.survey(self.participation, would_recommend=11)
        with self.assertRaises(ValidationError) as error:
            self.survey(self.participation, concept=0, service=9, return_intent=-1)
        message = str(error.exception)
        for text in ("Concept must be between 1 and 5, not 0",
                     "Service must be between 1 and 5, not 9",
                     "Intent to return must be between 1 and 5, not -1"):
            self.assertIn(text, message)
        self.assertEqual(self.count(), 0, "nothing is written")
        survey = self.survey(self.participation, overall=4)
        with self.assertRaisesRegex(ValidationError, "Experience must be between 1 and 5, not 0"):
            survey.write({"experience": 0})
        self.assertEqual(survey.experience, 4)

    def test_check_constraint_in_database(self):
        survey = self.survey(self.participation)
        self.env.flush_all()
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.CheckViolation):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "UPDATE expo_satisfaction SET visual = 7 WHERE id = %s", [survey.id]
                )

    def test_duplicate_refused(self):
        self.survey(self.participation)
        with self.assertRaisesRegex(ValidationError, "one satisfaction survey only"):
            self.survey(self.participation, overall=2)
        other = self.attend(self.contact, self.e3)
        second = self.survey(other)
        with self.assertRaisesRegex(ValidationError, "one satisfaction survey only"):
            second.participation_id = self.participation
        self.assertEqual(self.count(), 2)
        # The database refuses it too.
        self.env.flush_all()
        with mute_logger("odoo.sql_db"), self.assertRaises(psycopg2.errors.UniqueViolation):
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "UPDATE expo_satisfaction SET participation_id = %s WHERE id = %s",
                    [self.participation.id, second.id],
                )

    def test_form_and_import(self):
        with Form(self.Satisfaction) as form:
            form.participation_id = self.participation
            for name, value in (("overall", 5), ("concept", 4), ("behaviour", 5), ("visual", 3),
                                ("product", 4), ("service", 5), ("expectation", 3),
                                ("experience", 5), ("would_recommend", 10), ("return_intent", 5)):
                setattr(form, name, value)
        survey = form.record
        self.assertEqual((survey.partner_id, survey.fair_id, survey.gap), (self.contact, self.e4, 2))
        # Standard import: the participation by its database ID.
        other = self.attend(self.contact, self.e3)
        fields_ = ["participation_id/.id", "overall", "concept", "behaviour", "visual", "product",
                   "service", "expectation", "experience", "would_recommend", "return_intent"]
        result = self.Satisfaction.load(fields_, [[str(other.id), "3", "3", "3", "3", "3", "3",
                                                   "4", "3", "6", "2"]])
        self.assertFalse(result["messages"])
        imported = self.Satisfaction.browse(result["ids"])
        self.assertEqual((imported.participation_id, imported.gap), (other, -1))
        # A bad row is reported and nothing of it is written.
        third = self.attend(self.contact, self.e2)
        result = self.Satisfaction.load(fields_, [[str(third.id), "9", "3", "3", "3", "3", "3",
                                                   "4", "3", "6", "2"]])
        self.assertFalse(result["ids"])
        self.assertIn("Overall must be between 1 and 5", result["messages"][0]["message"])
        self.assertEqual(self.count(), 2)


@tagged("post_install", "-at_install")
class TestSatisfactionSignal(LoyaltyCase):
    def test_low_satisfaction_moves_trusted_partner_to_weakening(self):
        # Attended e3 and e4 (the latest, 13 months ago): trust.
        partner = self.partner("Trusted")
        p3, p4 = self.attend(partner, self.e3 | self.e4)
        self.assertEqual(partner.expo_stage, "trust")
        # A survey at 3 is not under the threshold (3): still trust.
        survey = self.survey(p4, overall=3)
        self.assertEqual(partner.expo_stage, "trust")
        # The latest overall falls to 2: weakening, with the reason in the history.
        survey.overall = 2
        self.assertEqual(partner.expo_stage, "weakening")
        change = partner.expo_stage_history_ids[:1]
        self.assertEqual((change.stage_from, change.stage_to, change.rule),
                         ("trust", "weakening", "low_satisfaction"))
        self.assertIn("2/5", change.reason)
        # An older good survey does not hide the latest bad one.
        self.survey(p3, overall=5)
        self.assertEqual(partner.expo_stage, "weakening")
        # Back to 4: the signal is gone, trust again.
        survey.overall = 4
        self.assertEqual(partner.expo_stage, "trust")

    def test_threshold_from_settings_and_confirmed_partner(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "expo_crm_loyalty.satisfaction_threshold", 4
        )
        partner = self.partner("Confirmed")
        participation = self.attend(partner, self.e4)
        self.assertEqual(partner.expo_stage, "confirmation")
        self.survey(participation, overall=3)
        self.assertEqual(partner.expo_stage, "weakening")
        self.assertEqual(partner.expo_stage_history_ids[:1].rule, "low_satisfaction")

    def test_at_risk_filter(self):
        # Weakening (latest satisfaction 2 under 3) and falling (2 < 4): at risk.
        partner = self.partner("At risk")
        p3, p4 = self.attend(partner, self.e3 | self.e4)
        self.survey(p3, overall=4)
        self.survey(p4, overall=2)
        steady = self.partner("Steady")
        self.survey(self.attend(steady, self.e4), overall=4)
        self.recompute(partner | steady)
        view = self.env.ref("expo_crm_loyalty.res_partner_view_search_expo_loyalty")
        filters = {
            node.get("name"): node.get("domain")
            for node in view._get_combined_arch().iter("filter")
        }
        at_risk = self.Partner.search(
            ast.literal_eval(filters["expo_at_risk"]) + [("id", "in", (partner | steady).ids)]
        )
        self.assertEqual(at_risk, partner)
        key_accounts = self.Partner.search(
            ast.literal_eval(filters["expo_key_accounts"])
            + [("id", "in", (partner | steady).ids)]
        )
        self.assertFalse(key_accounts, "no fee: no tier")
