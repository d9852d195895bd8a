from odoo.addons.expo_crm_loyalty.tests.common import LoyaltyCase
from odoo.tests import Form, tagged

SCORES = {
    "overall": 5,
    "concept": 4,
    "behaviour": 3,
    "visual": 4,
    "product": 5,
    "service": 2,
    "expectation": 3,
    "experience": 5,
    "would_recommend": 10,
    "return_intent": 4,
}


@tagged("post_install", "-at_install")
class TestSurveyBridge(LoyaltyCase):
    """The satisfaction survey sent from a fair fills the participations'
    satisfaction; the fair's response rate."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.fair_survey = cls.env.ref("expo_crm_survey.survey_fair_satisfaction")
        cls.questions = {
            q.expo_satisfaction_field: q
            for q in cls.fair_survey.question_ids
            if q.expo_satisfaction_field
        }
        cls.fair = cls.e4
        cls.acme = cls.partner("Survey Acme", email="acme@example.com")
        cls.bolt = cls.partner("Survey Bolt", email="bolt@example.com")
        cls.cora = cls.partner("Survey Cora", email="cora@example.com")
        cls.dion = cls.partner("Survey Dion", email="dion@example.com")
        cls.p_acme = cls.attend(cls.acme, cls.fair)
        cls.p_bolt = cls.attend(cls.bolt, cls.fair)
        cls.p_cora = cls.attend(cls.cora, cls.fair, role=cls.role_visitor)
        # Registered but absent: not invited.
        cls.p_dion = cls.attend(cls.dion, cls.fair, state="no_show")
        cls.attended = cls.p_acme | cls.p_bolt | cls.p_cora

    def _send(self, roles=None):
        action = self.fair.action_expo_send_survey()
        self.assertEqual(action["res_model"], "survey.invite")
        wizard_form = Form(self.env["survey.invite"].with_context(**action["context"]))
        if roles:
            for role in roles:
                wizard_form.expo_role_ids.add(role)
        wizard = wizard_form.save()
        wizard.action_invite()
        return self._answers()

    def _answers(self, participations=None):
        return self.env["survey.user_input"].search(
            [("expo_participation_id", "in", (participations or self.attended | self.p_dion).ids)]
        )

    def _answer(self, answer, scores, comment=None, done=True):
        for name, value in scores.items():
            # as the survey form posts them: text, "" when left unanswered
            answer._save_lines(self.questions[name], "" if value is False else str(value))
        if comment is not None:
            answer._save_lines(self.questions["comment"], comment)
        if done:
            answer._mark_done()
        else:
            answer._mark_in_progress()

    def _satisfaction(self, participation):
        return self.Satisfaction.search([("participation_id", "=", participation.id)])

    def test_survey_data(self):
        """Every score of the satisfaction and the comment has its question."""
        self.assertEqual(set(self.questions), set(SCORES) | {"comment"})
        self.assertEqual(self.fair_survey.access_mode, "token")
        self.assertFalse(self.fair_survey.question_ids.filtered("constr_mandatory"))
        self.assertEqual(
            (self.questions["would_recommend"].scale_min, self.questions["would_recommend"].scale_max),
            (0, 10),
        )
        self.assertEqual(
            (self.questions["overall"].scale_min, self.questions["overall"].scale_max), (1, 5)
        )

    def test_send_one_answer_per_attended_participation(self):
        answers = self._send()
        self.assertEqual(len(answers), 3)
        self.assertEqual(answers.expo_participation_id, self.attended)
        self.assertEqual(answers.partner_id, self.attended.partner_id)
        self.assertEqual(set(answers.mapped("state")), {"new"})
        self.assertEqual(answers.survey_id, self.fair_survey)
        self.assertEqual(answers.expo_fair_id, self.fair)
        self.assertFalse(
            self.Satisfaction.search([("participation_id", "in", self.attended.ids)]),
            "an invitation fills nothing yet",
        )
        mails = self.env["mail.mail"].search([("recipient_ids", "in", self.attended.partner_id.ids)])
        self.assertEqual(mails.recipient_ids, self.attended.partner_id, "one invitation each")
        # Sending again re-uses the answers, never duplicates them.
        self.assertEqual(self._send(), answers)

    def test_send_by_role(self):
        answers = self._send(roles=self.role_visitor)
        self.assertEqual(answers.expo_participation_id, self.p_cora)

    def test_complete_answer_fills_satisfaction(self):
        answer = self._send().filtered(lambda a: a.expo_participation_id == self.p_acme)
        self._answer(answer, SCORES, comment="Great aisles")
        self.assertEqual(answer.state, "done")
        satisfaction = self._satisfaction(self.p_acme)
        self.assertEqual(len(satisfaction), 1)
        for name, value in SCORES.items():
            self.assertEqual(satisfaction[name], value, name)
        self.assertEqual(satisfaction.comment, "Great aisles")
        self.assertEqual(satisfaction.gap, 2)
        self.assertEqual(satisfaction.nps_class, "promoter")
        self.assertEqual(self.fair.expo_satisfaction_count, 1)
        self.assertEqual(self.fair.expo_satisfaction_avg, 5.0)
        self.assertEqual(self.fair.expo_nps, 100.0)

    def test_partial_answer_counts_for_nps(self):
        answer = self._send().filtered(lambda a: a.expo_participation_id == self.p_bolt)
        self._answer(answer, {"would_recommend": 3}, done=False)
        satisfaction = self._satisfaction(self.p_bolt)
        self.assertEqual(len(satisfaction), 1)
        self.assertEqual(satisfaction.would_recommend, 3)
        self.assertEqual(satisfaction.nps_class, "detractor")
        for name in set(SCORES) - {"would_recommend"}:
            self.assertIs(satisfaction[name], False, f"{name} stays empty")
        self.assertFalse(satisfaction.comment)
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT overall, concept FROM expo_satisfaction WHERE id = %s", [satisfaction.id]
        )
        self.assertEqual(self.env.cr.fetchone(), (None, None), "NULL, not 0")
        self.assertEqual(self.fair.expo_satisfaction_count, 1)
        self.assertEqual(self.fair.expo_nps, -100.0)
        self.assertFalse(self.fair.expo_satisfaction_avg, "no overall score answered")

    def test_zero_would_recommend_is_an_answer(self):
        answer = self._send().filtered(lambda a: a.expo_participation_id == self.p_bolt)
        self._answer(answer, {"would_recommend": 0}, done=False)
        satisfaction = self._satisfaction(self.p_bolt)
        self.assertIs(satisfaction.would_recommend, 0)
        self.assertEqual(satisfaction.nps_class, "detractor")

    def test_reanswer_updates_never_duplicates(self):
        answer = self._send().filtered(lambda a: a.expo_participation_id == self.p_acme)
        self._answer(answer, SCORES)
        self._answer(answer, {"overall": 2, "would_recommend": 6, "concept": False})
        satisfaction = self._satisfaction(self.p_acme)
        self.assertEqual(len(satisfaction), 1)
        self.assertEqual(satisfaction.overall, 2)
        self.assertEqual(satisfaction.would_recommend, 6)
        self.assertIs(satisfaction.concept, False, "an answer taken back empties its score")
        self.assertEqual(satisfaction.product, 5)
        self.assertEqual(self.fair.expo_nps, -100.0)
        # A new invitation to the same participation updates the same satisfaction.
        wizard = self.env["survey.invite"].with_context(
            **self.fair.action_expo_send_survey()["context"]
        ).create({"existing_mode": "new"})
        wizard.action_invite()
        second = self._answers(self.p_acme) - answer
        self.assertEqual(len(second), 1, "a new answer for the done one")
        self._answer(second, {"overall": 4})
        self.assertEqual(self._satisfaction(self.p_acme), satisfaction)
        self.assertEqual(satisfaction.overall, 4)
        self.assertEqual(self.Satisfaction.search_count([("fair_id", "=", self.fair.id)]), 1)

    def test_existing_satisfaction_updated(self):
        """A satisfaction typed in by hand is updated by the answer."""
        manual = self.survey(self.p_cora, overall=1)
        answer = self._send().filtered(lambda a: a.expo_participation_id == self.p_cora)
        self.assertEqual(manual.overall, 1, "the invitation alone changes nothing")
        self._answer(answer, {"overall": 5})
        self.assertEqual(self._satisfaction(self.p_cora), manual)
        self.assertEqual(manual.overall, 5)

    def test_response_rate(self):
        self.assertEqual(self.fair.expo_survey_invited_count, 0)
        self.assertEqual(self.fair.expo_survey_response_rate, 0.0)
        answers = self._send()
        self.fair.invalidate_recordset()
        self.assertEqual(self.fair.expo_survey_invited_count, 3)
        self.assertEqual(self.fair.expo_survey_answered_count, 0)
        by_participation = {a.expo_participation_id: a for a in answers}
        self._answer(by_participation[self.p_acme], SCORES)
        self._answer(by_participation[self.p_bolt], {"would_recommend": 8}, done=False)
        self.fair.invalidate_recordset()
        self.assertEqual(self.fair.expo_survey_answered_count, 2)
        self.assertAlmostEqual(self.fair.expo_survey_response_rate, 2 / 3)
        action = self.fair.action_expo_view_survey_answers()
        self.assertEqual(self.env["survey.user_input"].search(action["domain"]), answers)

    def test_nobody_attended_yet_is_said_not_raised(self):
        fair = self.env["expo.fair"].create(
            {"name": "Survey Fair Not Begun", "date_begin": "2099-05-01", "date_end": "2099-05-03"}
        )
        action = fair.action_expo_send_survey()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("Nobody attended", action["params"]["message"])
        self.assertFalse(self.env["survey.user_input"].search([("expo_fair_id", "=", fair.id)]))
