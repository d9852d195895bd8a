from odoo import _, api, models
from odoo.exceptions import UserError

MANAGER = "expo_crm.group_expo_manager"


class ExpoParticipation(models.Model):
    """Deleting a participation deletes what hangs on it (follow-ups,
    satisfaction surveys...), also when it goes with its contact or its fair.
    Participations that are history (attended, followed up, surveyed) are
    cancelled by users and deleted only by managers; what was sent or
    answered is never deleted by such a cascade (addons add their rules to
    ``_expo_unlink_errors``)."""

    _inherit = "expo.participation"  # pylint: disable=consider-merging-classes-inherited

    @api.model
    def _expo_is_manager(self):
        return self.env.su or self.env.user.has_group(MANAGER)

    @api.model
    def _expo_names(self, records, limit=5):
        names = records[:limit].mapped("display_name")
        if len(records) > limit:
            names.append("…")
        return ", ".join(names)

    def _expo_unlink_errors(self, is_manager):
        """Why these participations may not be deleted: a list of messages,
        empty when they may. Called as superuser (the caller may not read
        everything that hangs on them); ``is_manager`` is the caller's."""
        errors = []
        attended = self.filtered(lambda p: p.state == "attended")
        if attended and not is_manager:
            errors.append(
                _(
                    "Only exhibition managers can delete attended participations "
                    "(%(participations)s): cancel them instead.",
                    participations=self._expo_names(attended),
                )
            )
        return errors

    def _expo_check_unlink(self):
        errors = self.sudo()._expo_unlink_errors(self._expo_is_manager())
        if errors:
            raise UserError("\n".join(errors))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_history(self):
        self._expo_check_unlink()


class ExpoFair(models.Model):
    _inherit = "expo.fair"  # pylint: disable=consider-merging-classes-inherited

    @api.ondelete(at_uninstall=False)
    def _unlink_except_participation_history(self):
        """The fair's participations go with it (database cascade): same rules."""
        participations = self.env["expo.participation"].sudo().search(
            [("fair_id", "in", self.ids)]
        )
        participations.with_env(self.env)._expo_check_unlink()


class ResPartner(models.Model):
    _inherit = "res.partner"  # pylint: disable=consider-merging-classes-inherited

    @api.ondelete(at_uninstall=False)
    def _unlink_except_participation_history(self):
        """The contact's participations go with it (database cascade): same rules."""
        participations = self.env["expo.participation"].sudo().search(
            [("partner_id", "in", self.ids)]
        )
        participations.with_env(self.env)._expo_check_unlink()
