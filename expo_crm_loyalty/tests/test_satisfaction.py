import ast
from contextlib import contextmanager

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
        view = self.env.ref("expo_crm_loyalty.expo_relationship_view_search_expo_loyalty")
        filters = {
            node.get("name"): node.get("domain")
            for node in view._get_combined_arch().iter("filter")
        }
        Relationship = self.env["expo.relationship"]
        mine = [("partner_id", "in", (partner | steady).ids)]
        at_risk = Relationship.search(ast.literal_eval(filters["expo_at_risk"]) + mine)
        self.assertEqual(at_risk, self.rel(partner))
        key_accounts = Relationship.search(ast.literal_eval(filters["expo_key_accounts"]) + mine)
        self.assertFalse(key_accounts, "no fee: no tier")


@tagged("post_install", "-at_install")
class TestPartialSurveys(LoyaltyCase):
    """Every score may be left empty: a partial survey counts for what was
    answered, and an empty score is missing, not 0."""

    @contextmanager
    def refused(self, exception, message):
        """Refused with ``message``, and nothing of the attempt kept (as the
        request's rollback would do)."""
        with self.assertRaisesRegex(exception, message), self.env.cr.savepoint():
            yield

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contact = cls.partner("Partial contact")
        cls.participation = cls.attend(cls.contact, cls.e4)

    def test_partial_surveys_in_averages_and_nps(self):
        full = self.survey(self.participation, overall=4, would_recommend=10)
        overall_only = self.Satisfaction.create(
            {"participation_id": self.attend(self.partner("Overall only"), self.e4).id,
             "overall": 2}
        )
        nps_only = self.Satisfaction.create(
            {"participation_id": self.attend(self.partner("Recommend only"), self.e4).id,
             "would_recommend": 3}
        )
        self.assertEqual((full.nps_class, full.gap), ("promoter", 0))
        self.assertEqual(overall_only.overall, 2)
        self.assertFalse(overall_only.nps_class, "no answer, no NPS class")
        self.assertIs(overall_only.gap, False)
        self.assertIs(nps_only.overall, False)
        self.assertEqual(nps_only.nps_class, "detractor")
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT overall, concept, gap FROM expo_satisfaction WHERE id = %s", [nps_only.id]
        )
        self.assertEqual(self.env.cr.fetchone(), (None, None, None), "stored empty, not 0")
        # Edition figures: the average counts the two overall answers, the NPS
        # the two would-recommend answers (one promoter, one detractor).
        self.assertEqual(self.e4.expo_satisfaction_count, 3)
        self.assertEqual(self.e4.expo_satisfaction_avg, 3.0)
        self.assertEqual((self.e4.expo_promoter_count, self.e4.expo_detractor_count), (1, 1))
        self.assertEqual(self.e4.expo_nps, 0.0)
        # Reports and lists group and average them the same way.
        groups = self.Satisfaction.read_group(
            [("fair_id", "=", self.e4.id)], ["overall:avg", "would_recommend:avg"], []
        )
        self.assertEqual((groups[0]["overall"], groups[0]["would_recommend"]), (3.0, 6.5))

    def test_latest_answered_overall_drives_the_contact(self):
        partner = self.partner("Falling silent")
        p3, p4 = self.attend(partner, self.e3 | self.e4)
        self.survey(p3, overall=2)
        # The latest survey answers would-recommend only: the latest overall
        # score is still 2 (not 0, not nothing).
        self.Satisfaction.create({"participation_id": p4.id, "would_recommend": 9})
        self.assertEqual(partner.expo_stage, "weakening")
        self.assertEqual(partner.expo_stage_history_ids[:1].rule, "low_satisfaction")
        self.recompute(partner)
        self.assertEqual(
            self.raw(partner, "expo_satisfaction_count", "expo_satisfaction_avg",
                     "expo_satisfaction_last", "expo_satisfaction_previous"),
            (2, 2.0, 2, None),
        )

    def test_scores_given_as_text(self):
        survey = self.survey(self.participation, overall="4", would_recommend=" 9 ", visual=5.0)
        self.assertEqual((survey.overall, survey.would_recommend, survey.visual), (4, 9, 5))
        self.assertEqual(survey.nps_class, "promoter")
        for name, value, message in (
            ("concept", "very good", "Concept must be a whole number between 1 and 5"),
            ("service", 3.5, "Service must be a whole number between 1 and 5"),
            ("would_recommend", "nan", "Would recommend must be a whole number"),
            ("visual", "7", "Visual must be between 1 and 5, not 7"),
        ):
            with self.refused(ValidationError, message):
                survey.write({name: value})
        self.assertEqual((survey.concept, survey.service, survey.visual), (4, 4, 5))
        with self.refused(ValidationError, "Overall must be a whole number"):
            self.Satisfaction.create(
                {"participation_id": self.attend(self.contact, self.e3).id, "overall": "abc"}
            )
        # An empty text is an empty answer.
        survey.write({"concept": "", "return_intent": False})
        self.assertIs(survey.concept, False)
        self.assertIs(survey.return_intent, False)

    def test_survey_needs_attended_participation(self):
        registered = self.attend(self.contact, self.e5, state="registered")
        no_show = self.attend(self.contact, self.e3, state="no_show")
        for participation in (registered, no_show):
            with self.refused(ValidationError, "needs an attended participation"):
                self.survey(participation)
        survey = self.survey(self.participation)
        with self.refused(ValidationError, "needs an attended participation"):
            survey.participation_id = no_show
        self.assertEqual(
            self.Satisfaction.search([("partner_id", "=", self.contact.id)]), survey
        )
