from odoo import fields, models
from odoo.addons.expo_crm_loyalty.models.expo_satisfaction import SCORE_RANGES


def _satisfaction_fields(model):
    """The fields of expo.satisfaction a question can fill: the scores and
    the comment, with their labels."""
    satisfaction = model.env["expo.satisfaction"]
    return [
        (name, satisfaction._fields[name]._description_string(model.env))
        for name in [*SCORE_RANGES, "comment"]
    ]


class SurveyQuestion(models.Model):
    _inherit = "survey.question"

    expo_satisfaction_field = fields.Selection(
        selection=_satisfaction_fields,
        string="Fills the satisfaction score",
        help="The score of the participation's fair satisfaction that the answer to this "
        "question fills (for surveys sent from a fair). A scale or number answer fills a "
        "score, a text answer the comment.",
    )
