from odoo import api, fields, models

from ..tools.stages import EXPO_STAGES


class ExpoStageHistory(models.Model):
    _name = "expo.stage.history"
    _description = "Relationship Stage Change"
    _order = "date desc, id desc"
    _rec_name = "partner_id"

    relationship_id = fields.Many2one(
        "expo.relationship", required=True, index=True, ondelete="cascade",
    )
    partner_id = fields.Many2one(
        related="relationship_id.partner_id", store=True, index=True, string="Contact"
    )
    stage_from = fields.Selection(EXPO_STAGES, string="From stage")
    stage_to = fields.Selection(EXPO_STAGES, string="To stage")
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    rule = fields.Selection(
        [
            ("first_contact", "Known to the fair"),
            ("first_attendance", "First attendance"),
            ("repeat_attendance", "Repeat attendance"),
            ("skipped_edition", "Skipped the latest edition"),
            ("decline", "Smaller participation"),
            ("inactive", "No recent attendance"),
            ("dissolution_window", "Nothing attended in the dissolution window"),
            ("signal", "Other warning signal"),
            ("lost", "Marked as lost"),
            ("manual", "Manual change"),
            ("no_data", "No exhibition data"),
        ],
    )
    reason = fields.Char(
        string="Reason as written",
        help="The reason given by hand, or the rule's sentence in the language "
        "of whoever caused the change.",
    )
    reason_values = fields.Json(
        string="Reason values",
        help="The figures of an automatic rule (dates, counts): the sentence is "
        "written from the rule and these values in the reader's language.",
    )
    reason_text = fields.Char(compute="_compute_reason_text", string="Reason")
    user_id = fields.Many2one("res.users", string="By", default=lambda self: self.env.user)
    company_id = fields.Many2one(related="relationship_id.company_id", store=True, index=True)
    days_in_previous_stage = fields.Integer(
        string="Days in previous stage",
        help="How long the contact stayed in the stage it left, in days."
    )

    def _expo_rule_messages(self):
        """The sentence of each automatic rule, in the reader's language, with
        ``%(name)s`` placeholders for its ``reason_values``."""
        return {
            "first_contact": self.env._("Known to the fair, not attended yet"),
            "no_data": self.env._("No exhibition data"),
            "dissolution_window": self.env._("Nothing attended since %(date)s"),
            "skipped_edition": self.env._("Skipped the latest edition of a series"),
            "decline": self.env._("Booth area or fee fell sharply against the previous edition"),
            "repeat_attendance": self.env._("Attended %(count)s editions"),
            "inactive": self.env._("No attendance inside the active window"),
            "first_attendance": self.env._("First attended edition"),
        }

    @api.depends("rule", "reason", "reason_values")
    @api.depends_context("lang")
    def _compute_reason_text(self):
        messages = self._expo_rule_messages()
        for change in self:
            message = messages.get(change.rule)
            text = change.reason
            if message and change.reason_values is not None:
                try:
                    text = message % change.reason_values
                except (KeyError, TypeError, ValueError):
                    text = change.reason  # values of another version: as written
            change.reason_text = text
