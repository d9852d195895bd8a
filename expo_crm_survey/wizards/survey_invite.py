from odoo import _, api, fields, models
from odoo.exceptions import UserError


class SurveyInvite(models.TransientModel):
    _inherit = "survey.invite"

    expo_fair_id = fields.Many2one(
        "expo.fair",
        string="Fair",
        readonly=True,
        help="The fair whose attended participants are invited, one answer per participation.",
    )
    expo_role_ids = fields.Many2many(
        "expo.role",
        string="Roles",
        help="Invite the attended participants of these roles only (all roles when empty).",
    )

    def _expo_participations(self):
        """The attended participations of the fair invited by the wizard."""
        self.ensure_one()
        domain = [("fair_id", "=", self.expo_fair_id.id), ("state", "=", "attended")]
        if self.expo_role_ids:
            domain.append(("role_id", "in", self.expo_role_ids.ids))
        return self.env["expo.participation"].search(domain)

    @api.onchange("expo_role_ids")
    def _onchange_expo_role_ids(self):
        for wizard in self.filtered("expo_fair_id"):
            wizard.partner_ids = wizard._expo_participations().partner_id

    def _prepare_answers(self, partners, emails):
        """From a fair: one answer per attended participation (of the chosen
        roles), linked to it; a participation already invited gets its answer
        again (a new one with the *New invite* mode when it is done)."""
        if not self.expo_fair_id:
            return super()._prepare_answers(partners, emails)
        participations = self._expo_participations().filtered(
            lambda p: p.partner_id in partners
        )
        if not participations:
            raise UserError(_("No attended participant of this fair to invite."))
        existing = self.env["survey.user_input"].search(
            [
                ("survey_id", "=", self.survey_id.id),
                ("expo_participation_id", "in", participations.ids),
                ("test_entry", "=", False),
            ],
            order="create_date desc, id desc",
        )
        answers = self.env["survey.user_input"]
        for participation in participations:
            previous = existing.filtered(
                lambda a, p=participation: a.expo_participation_id == p
            )[:1]
            if previous and (self.existing_mode == "resend" or previous.state != "done"):
                answers |= previous
                continue
            answers |= self.survey_id._create_answer(
                partner=participation.partner_id,
                check_attempts=False,
                expo_participation_id=participation.id,
                **self._get_answers_values(),
            )
        return answers
