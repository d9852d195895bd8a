from odoo import fields, models


class ExpoStageHistory(models.Model):
    _inherit = "expo.stage.history"

    rule = fields.Selection(
        selection_add=[("low_satisfaction", "Low satisfaction")],
        ondelete={"low_satisfaction": "set null"},
    )

    def _expo_rule_messages(self):
        messages = super()._expo_rule_messages()
        messages["low_satisfaction"] = self.env._(
            "Latest satisfaction %(score)s/5 is under %(threshold)s"
        )
        return messages
