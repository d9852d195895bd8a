from odoo import _, api, fields, models
from odoo.tools import create_index


class ExpoParticipation(models.Model):
    _inherit = "expo.participation"

    satisfaction_ids = fields.One2many(
        "expo.satisfaction",
        "participation_id",
        string="Satisfaction surveys",
        groups="expo_crm_loyalty.group_expo_analyst",
    )

    def init(self):
        # The nightly loyalty run looks for the participations written since
        # the previous one.
        create_index(
            self.env.cr, "expo_participation_write_date_index", self._table, ["write_date"]
        )

    # Re-exhibit figures of an edition (and of the next one) follow its
    # participations at once; the nightly recompute catches everything else.
    _EXPO_EDITION_KEYS = frozenset({"state", "fair_id", "partner_id", "role_id"})

    @api.model_create_multi
    def create(self, vals_list):
        participations = super().create(vals_list)
        self.env["expo.fair"]._expo_recompute_edition_stats(participations.fair_id.ids)
        return participations

    def write(self, vals):
        fairs = self.fair_id if "fair_id" in vals else self.env["expo.fair"]
        res = super().write(vals)
        if self._EXPO_EDITION_KEYS & set(vals):
            self.env["expo.fair"]._expo_recompute_edition_stats((fairs | self.fair_id).ids)
        return res

    def unlink(self):
        fairs = self.fair_id
        self.env["expo.loyalty"]._expo_touch(self.partner_id.ids)
        res = super().unlink()
        self.env["expo.fair"]._expo_recompute_edition_stats(fairs.exists().ids)
        return res

    def _expo_unlink_errors(self, is_manager):
        """A satisfaction survey is the participant's answer: never deleted
        with its participation (the database refuses it too), whoever asks."""
        errors = super()._expo_unlink_errors(is_manager)
        surveys = self.env["expo.satisfaction"].sudo().search(
            [("participation_id", "in", self.ids)]
        )
        if surveys:
            errors.append(
                _(
                    "A satisfaction survey is kept with %(participations)s: cancel the "
                    "participation instead, or delete the survey first (analysts and "
                    "managers).",
                    participations=self._expo_names(surveys.participation_id),
                )
            )
        return errors
