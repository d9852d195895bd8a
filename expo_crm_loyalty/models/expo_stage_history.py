from odoo import fields, models


class ExpoStageHistory(models.Model):
    _inherit = "expo.stage.history"

    rule = fields.Selection(
        selection_add=[("low_satisfaction", "Low satisfaction")],
        ondelete={"low_satisfaction": "set null"},
    )
