from odoo import fields, models


class ExpoFair(models.Model):
    _inherit = "expo.fair"

    own_booth = fields.Char(
        string="Our booth",
        help="Our own booth at this fair, quoted in invitations and follow-up emails.",
    )
    followup_count = fields.Integer(
        compute="_compute_followup_stats", string="Follow-ups"
    )
    followup_open_count = fields.Integer(
        compute="_compute_followup_stats", string="Follow-ups to do"
    )

    def _compute_followup_stats(self):
        stats = {fair: [0, 0] for fair in self}
        for fair, state, count in self.env["expo.followup"]._read_group(
            [("fair_id", "in", self.ids)], ["fair_id", "state"], ["__count"]
        ):
            stats[fair][0] += count
            if state in ("draft", "scheduled", "failed"):
                stats[fair][1] += count
        for fair in self:
            fair.followup_count, fair.followup_open_count = stats[fair]

    def action_expo_classify(self):
        """Open the classification wizard on this fair's contacts."""
        self.ensure_one()
        return self.env["expo.classify.wizard"]._action_open(
            self.env["expo.participation"].search(
                [("fair_id", "=", self.id), ("state", "!=", "cancelled")]
            ),
            fair=self,
        )

    def action_expo_view_followups(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "expo_crm_followup.expo_followup_action"
        )
        action["domain"] = [("fair_id", "=", self.id)]
        action["context"] = {"search_default_group_state": 1}
        return action
