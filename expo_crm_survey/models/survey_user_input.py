from odoo import api, fields, models
from odoo.addons.expo_crm_loyalty.models.expo_satisfaction import SCORE_RANGES


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    expo_participation_id = fields.Many2one(
        "expo.participation",
        string="Fair participation",
        index="btree_not_null",
        ondelete="set null",
        readonly=True,
        help="The participation whose satisfaction this answer fills (surveys sent from a "
        "fair).",
    )
    expo_fair_id = fields.Many2one(
        related="expo_participation_id.fair_id",
        store=True,
        index="btree_not_null",
        string="Fair",
        help="The fair of the participation this answer is about.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        answers = super().create(vals_list)
        answers.filtered("expo_participation_id")._expo_sync_satisfaction()
        return answers

    def write(self, vals):
        res = super().write(vals)
        if {"state", "expo_participation_id"} & set(vals):
            self.filtered("expo_participation_id")._expo_sync_satisfaction()
        return res

    def _expo_satisfaction_values(self):
        """{satisfaction field: value} of the answer: every question mapped to
        a satisfaction field, None when the question is unanswered."""
        self.ensure_one()
        questions = self.survey_id.question_ids.filtered("expo_satisfaction_field")
        values = dict.fromkeys(questions.mapped("expo_satisfaction_field"))
        for line in self.user_input_line_ids:
            name = line.question_id.expo_satisfaction_field
            if not name or line.skipped:
                continue
            if name in SCORE_RANGES:
                if line.answer_type == "scale":
                    values[name] = line.value_scale
                elif line.answer_type == "numerical_box":
                    values[name] = line.value_numerical_box
                elif line.answer_type == "suggestion" and line.suggested_answer_id:
                    values[name] = line.suggested_answer_id.value
            elif line.answer_type in ("text_box", "char_box"):
                values[name] = line.value_text_box or line.value_char_box
        return values

    def _expo_sync_satisfaction(self):
        """Create or update the satisfaction of each answer's participation
        from what was answered so far (an unanswered question leaves its
        score empty). An answer without any mapped answer, a test entry or
        the answer of a participation that did not attend fills nothing."""
        Satisfaction = self.env["expo.satisfaction"].sudo()
        for answer in self.sudo():
            participation = answer.expo_participation_id
            if answer.test_entry or not participation or participation.state != "attended":
                continue
            values = answer._expo_satisfaction_values()
            answered = {name: value for name, value in values.items() if value not in (None, "")}
            if not answered:
                continue
            existing = Satisfaction.search([("participation_id", "=", participation.id)])
            if existing:
                existing.write(
                    {name: False if value is None else value for name, value in values.items()}
                )
            else:
                Satisfaction.create(dict(answered, participation_id=participation.id))

class SurveyUserInputLine(models.Model):
    _inherit = "survey.user_input.line"

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.user_input_id.filtered("expo_participation_id")._expo_sync_satisfaction()
        return lines

    def write(self, vals):
        res = super().write(vals)
        self.user_input_id.filtered("expo_participation_id")._expo_sync_satisfaction()
        return res
