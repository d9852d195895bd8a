from odoo import _, fields, models
from odoo.exceptions import UserError

SURVEY_USER = "survey.group_survey_user"


class ExpoFair(models.Model):
    _inherit = "expo.fair"

    expo_survey_invited_count = fields.Integer(
        compute="_compute_expo_survey_figures",
        string="Survey invitations",
        groups=SURVEY_USER,
        help="Participants invited to the fair's satisfaction survey.",
    )
    expo_survey_answered_count = fields.Integer(
        compute="_compute_expo_survey_figures",
        string="Survey answers",
        groups=SURVEY_USER,
        help="Invitations answered, completely or in part.",
    )
    expo_survey_response_rate = fields.Float(
        compute="_compute_expo_survey_figures",
        string="Response rate",
        groups=SURVEY_USER,
        help="Survey answers (complete or partial) divided by the participants invited.",
    )

    def _compute_expo_survey_figures(self):
        """Invited participations and answers started or completed: one
        grouped query."""
        invited, answered = {}, {}
        fairs = self.filtered("id")
        if fairs:
            for fair, state, count in self.env["survey.user_input"].sudo()._read_group(
                [("expo_fair_id", "in", fairs.ids), ("test_entry", "=", False)],
                ["expo_fair_id", "state"],
                ["expo_participation_id:count_distinct"],
            ):
                invited[fair.id] = invited.get(fair.id, 0) + count
                if state != "new":
                    answered[fair.id] = answered.get(fair.id, 0) + count
        for fair in self:
            fair.expo_survey_invited_count = invited.get(fair.id, 0)
            fair.expo_survey_answered_count = min(
                answered.get(fair.id, 0), fair.expo_survey_invited_count
            )
            fair.expo_survey_response_rate = (
                fair.expo_survey_answered_count / fair.expo_survey_invited_count
                if fair.expo_survey_invited_count
                else 0.0
            )

    def action_expo_send_survey(self):
        """Odoo's survey invitation, addressed to the attended participants
        (one answer per participation; the roles can be narrowed)."""
        self.ensure_one()
        survey = self.env.ref("expo_crm_survey.survey_fair_satisfaction", raise_if_not_found=False)
        if not survey or not survey.active:
            raise UserError(_("The fair satisfaction survey is missing or archived."))
        participations = self.participation_ids.filtered(lambda p: p.state == "attended")
        if not participations:
            # Said, not raised: nothing is wrong, there is just nobody to ask yet.
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "warning",
                    "message": _(
                        "Nobody attended %s yet: mark the participants attended first.",
                        self.display_name,
                    ),
                },
            }
        action = survey.action_send_survey()
        action["name"] = _("Send satisfaction survey")
        action["context"] = dict(
            action["context"],
            default_expo_fair_id=self.id,
            default_partner_ids=participations.partner_id.ids,
        )
        return action

    def action_expo_view_survey_answers(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("survey.action_survey_user_input")
        action.update(
            name=_("Survey answers of %s", self.display_name),
            domain=[("expo_fair_id", "=", self.id), ("test_entry", "=", False)],
            context={"create": False},
        )
        return action
