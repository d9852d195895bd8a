from odoo import api, models

from ..tools.queries import low_satisfaction_sql


class ExpoLifecycle(models.AbstractModel):
    """The lifecycle's low satisfaction signal: a relationship weakens when
    its latest overall satisfaction in that company (by fair date, survey
    date, id) is under the threshold (Settings). One query for all pairs."""

    _inherit = "expo.lifecycle"

    @api.model
    def _signals(self, pairs):
        signals = super()._signals(pairs)
        if not pairs:
            return signals
        threshold = self.env["expo.loyalty"]._params()["expo_crm_loyalty.satisfaction_threshold"]
        self.env["expo.satisfaction"].flush_model(
            ["partner_id", "company_id", "overall", "fair_date", "date"]
        )
        self.env.cr.execute(low_satisfaction_sql(pairs, threshold))
        limit = "%g" % threshold
        template = self.env["expo.stage.history"]._expo_rule_messages()["low_satisfaction"]
        for partner_id, company_id, overall in self.env.cr.fetchall():
            values = {"score": overall, "threshold": limit}
            signals.setdefault(
                (partner_id, company_id), ("low_satisfaction", template % values, values)
            )
        return signals
