from odoo import _, fields, models
from odoo.exceptions import UserError

EXPO_USER = "expo_crm.group_expo_user"


class CrmLead(models.Model):
    _inherit = "crm.lead"

    expo_followup_id = fields.Many2one(
        "expo.followup",
        string="Fair follow-up",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        check_company=True,
        groups=EXPO_USER,
        help="The post-fair follow-up this opportunity was opened from.",
    )
    expo_fair_id = fields.Many2one(
        "expo.fair",
        string="Fair",
        copy=False,
        index="btree_not_null",
        check_company=True,
        groups=EXPO_USER,
        help="The fair where the contact was met.",
    )
    expo_followup_state = fields.Selection(
        related="expo_followup_id.state",
        string="Follow-up status",
        groups=EXPO_USER,
    )
    expo_summary = fields.Text(
        string="Classification",
        readonly=True,
        copy=False,
        groups=EXPO_USER,
        help="The contact's class, hesitation and note when it was classified.",
    )

    _sql_constraints = [
        (
            "expo_followup_unique",
            "unique(expo_followup_id)",
            "This follow-up already has an opportunity.",
        ),
    ]

    def write(self, vals):
        res = super().write(vals)
        if {"stage_id", "active", "lost_reason_id", "probability"} & set(vals):
            self._expo_sync_followups()
        return res

    def _expo_sync_followups(self):
        """Won: the follow-up is done and the contact's roles at the fair
        become class A. Lost: the follow-up is cancelled with the lost
        reason. One write per group of follow-ups, as superuser (the
        salesperson may not manage fairs)."""
        leads = self.sudo().with_context(active_test=False).filtered("expo_followup_id")
        if not leads:
            return
        won = leads.filtered(lambda lead: lead.active and lead.stage_id.is_won)
        lost = leads.filtered(lambda lead: not lead.active)
        to_done = won.expo_followup_id.filtered(
            lambda f: f.state != "done" or f.class_code != "A"
        )
        if to_done:
            class_a_of = self.env["expo.followup.class"]._expo_class_a(to_done.company_id)
            for company, followups in to_done.grouped("company_id").items():
                class_a = class_a_of[company]
                vals = {"state": "done", "failure_code": False, "failure_reason": False}
                if class_a:
                    roles = followups.participation_ids | followups.participation_id
                    roles.filtered(lambda p, c=class_a: p.followup_class_id != c).write(
                        {"followup_class_id": class_a.id, "hesitation_reason": False}
                    )
                    vals.update(class_id=class_a.id, hesitation_reason=False)
                followups.write(vals)
            to_done._expo_close_activities(_("The opportunity was won."))
            won.expo_followup_id._expo_crm_sync_leads()
        to_cancel = lost.filtered(
            lambda lead: lead.expo_followup_id.state != "cancelled"
            or lead.expo_followup_id.failure_code != "crm_lost"
            or (lead.expo_followup_id.failure_reason or False)
            != (lead.lost_reason_id.name or False)
        )
        for reason, group in to_cancel.grouped(lambda lead: lead.lost_reason_id.name).items():
            group.expo_followup_id.write(
                {"state": "cancelled", "failure_code": "crm_lost", "failure_reason": reason or False}
            )
        if to_cancel:
            to_cancel.expo_followup_id._expo_close_activities(_("The opportunity was lost."))

    def action_expo_open_followup(self):
        self.ensure_one()
        if not self.expo_followup_id:
            raise UserError(_("This opportunity was not opened from a fair follow-up."))
        return {
            "type": "ir.actions.act_window",
            "res_model": "expo.followup",
            "res_id": self.expo_followup_id.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }
