from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..models.expo_followup_class import HESITATION_REASONS


class ExpoClassifyWizard(models.TransientModel):
    _name = "expo.classify.wizard"
    _description = "Classify Fair Contacts"
    _check_company_auto = True

    fair_id = fields.Many2one("expo.fair", readonly=True, check_company=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    line_ids = fields.One2many("expo.classify.wizard.line", "wizard_id", string="Contacts")
    bulk_class_id = fields.Many2one(
        "expo.followup.class",
        string="Class for selected",
        help="Class given to every ticked line by “Set class for selected”.",
    )
    bulk_use_hesitation = fields.Boolean(related="bulk_class_id.use_hesitation")
    bulk_hesitation_reason = fields.Selection(
        HESITATION_REASONS, string="Hesitation for selected"
    )
    line_count = fields.Integer(compute="_compute_counts", string="Contacts count")
    classified_count = fields.Integer(compute="_compute_counts", string="Classified")

    @api.depends("line_ids.class_id")
    def _compute_counts(self):
        for wizard in self:
            wizard.line_count = len(wizard.line_ids)
            wizard.classified_count = len(wizard.line_ids.filtered("class_id"))

    @api.model
    def _action_open(self, participations, fair=None):
        """Create a wizard with one line per participation, the class
        pre-filled with the current class or else the suggestion."""
        if not participations:
            raise UserError(_("There is no contact to classify."))
        participations.check_access("write")
        classes = self.env["expo.followup.class"].search(
            [("company_id", "in", [False, participations[:1].company_id.id])]
        )
        suggest = self.env["expo.followup.class"]._suggest_for_signals
        line_vals = []
        for participation in participations:
            suggestion = suggest(participation._expo_capture_signals(), classes)
            line_vals.append(
                {
                    "participation_id": participation.id,
                    "suggested_class_id": suggestion.id,
                    "class_id": (participation.followup_class_id or suggestion).id,
                    "hesitation_reason": participation.hesitation_reason,
                    "note": participation.followup_note,
                }
            )
        wizard = self.create(
            {
                "fair_id": fair.id if fair else False,
                "company_id": participations[:1].company_id.id or self.env.company.id,
                "line_ids": [(0, 0, vals) for vals in line_vals],
            }
        )
        return wizard._action_reopen()

    def _action_reopen(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Classify contacts"),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "context": dict(self.env.context, dialog_size="extra-large"),
        }

    def action_set_class_selected(self):
        self.ensure_one()
        selected = self.line_ids.filtered("selected")
        if not selected:
            raise UserError(_("Tick the contacts that should get the class first."))
        if not self.bulk_class_id:
            raise UserError(_("Choose the class to give to the selected contacts."))
        selected.write(
            {
                "class_id": self.bulk_class_id.id,
                "hesitation_reason": (
                    self.bulk_hesitation_reason if self.bulk_class_id.use_hesitation else False
                ),
                "selected": False,
            }
        )
        return self._action_reopen()

    def action_select_all(self):
        self.ensure_one()
        self.line_ids.write({"selected": True})
        return self._action_reopen()

    def action_use_suggestions(self):
        """Replace every class by the suggested one."""
        self.ensure_one()
        for suggestion, lines in self.line_ids.grouped("suggested_class_id").items():
            lines.write({"class_id": suggestion.id})
        return self._action_reopen()

    def action_apply(self):
        """Write the classes on the participations and schedule one follow-up
        per classified contact (re-applying updates, never duplicates)."""
        self.ensure_one()
        lines = self.line_ids.filtered("class_id")
        if not lines:
            raise UserError(_("Give a class to at least one contact before applying."))
        participations = lines.participation_id
        participations.check_access("write")
        self.env["expo.followup"]._expo_check_mailing_list(
            lines.filtered(lambda line: line.class_id.bulk).participation_id.company_id
        )
        groups = defaultdict(lambda: self.env["expo.participation"])
        notes = defaultdict(lambda: self.env["expo.participation"])
        for line in lines:
            reason = line.hesitation_reason if line.class_id.use_hesitation else False
            groups[(line.class_id.id, reason or False)] |= line.participation_id
            if (line.note or False) != (line.participation_id.followup_note or False):
                notes[line.note or False] |= line.participation_id
        for (class_id, reason), records in groups.items():
            todo = records.filtered(
                lambda p, c=class_id, r=reason: p.followup_class_id.id != c
                or (p.hesitation_reason or False) != r
            )
            if todo:
                todo.write({"followup_class_id": class_id, "hesitation_reason": reason})
        for note, records in notes.items():
            records.write({"followup_note": note})
        followups = self.env["expo.followup"]._expo_schedule(participations)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "expo_crm_followup.expo_followup_action"
        )
        action["domain"] = [("participation_id", "in", participations.ids)]
        action["context"] = {"search_default_group_state": 1}
        if not followups:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "info",
                    "message": _("Classes saved; every follow-up was already up to date."),
                    "next": {"type": "ir.actions.act_window_close"},
                },
            }
        return action
