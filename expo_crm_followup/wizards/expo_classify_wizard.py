from collections import defaultdict

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

from ..models.expo_followup_class import HESITATION_REASONS
from .expo_classify_wizard_line import SIGNAL_FIELDS, SIGNAL_KEYS


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
    show_all_roles = fields.Boolean(
        string="All roles",
        help="List the contacts of every role at the fair, not only the roles "
        "the fair classifies (see the fair's “Roles to classify”).",
    )
    line_count = fields.Integer(compute="_compute_counts", string="Contacts count")
    classified_count = fields.Integer(compute="_compute_counts", string="Classified")
    counter_text = fields.Char(compute="_compute_counts", string="Progress")

    @api.depends("line_ids.class_id", "line_ids.participation_id.followup_class_id")
    def _compute_counts(self):
        for wizard in self:
            wizard.line_count = len(wizard.line_ids)
            wizard.classified_count = len(wizard.line_ids.filtered("class_id"))
            pending = len(
                wizard.line_ids.filtered(
                    lambda line: line.class_id
                    and line.class_id != line.participation_id.followup_class_id
                )
            )
            wizard.counter_text = _(
                "%(classified)s of %(total)s have a class, %(pending)s not applied yet",
                classified=wizard.classified_count,
                total=wizard.line_count,
                pending=pending,
            )

    @api.model
    def _line_values(self, participations, classes):
        """One line per contact and fair: its roles there, the signals
        captured on any of them, its current class or else the suggestion."""
        Followup = self.env["expo.followup"]
        suggest = self.env["expo.followup.class"]._suggest_for_signals
        vals_list = []
        for roles in Followup._expo_group_by_contact(participations).values():
            main = Followup._expo_main_participation(roles)
            signals = {field: any(roles.mapped(field)) for field in SIGNAL_FIELDS.values()}
            suggestion = suggest(
                {SIGNAL_KEYS[field] for field, ticked in signals.items() if ticked}, classes
            )
            vals = {
                "participation_id": main.id,
                "participation_ids": [Command.set(roles.ids)],
                "suggested_class_id": suggestion.id,
                "class_id": (main.followup_class_id or suggestion).id,
                "hesitation_reason": main.hesitation_reason,
                "note": main.followup_note,
            }
            vals.update({line_field: signals[field] for line_field, field in SIGNAL_FIELDS.items()})
            vals_list.append(vals)
        return vals_list

    @api.model
    def _action_open(self, participations, fair=None, all_roles=False):
        """Create a wizard with one line per contact (whatever the number of
        its roles at the fair), the class pre-filled with the current class or
        else the suggestion."""
        participations = participations._expo_to_classify(all_roles=all_roles)
        if not participations:
            raise UserError(
                _(
                    "There is no contact to classify: only the roles the fair "
                    "classifies are listed (see “Roles to classify” on the fair), "
                    "never contacts marked lost or only invited."
                )
            )
        participations.check_access("write")
        company = participations[:1].company_id or self.env.company
        wizard = self.create(
            {
                "fair_id": fair.id if fair else False,
                "company_id": company.id,
                "show_all_roles": all_roles,
            }
        )
        wizard._fill_lines(participations)
        return wizard._action_reopen()

    def _classes(self):
        return self.env["expo.followup.class"].search(
            [("company_id", "in", [False, self.company_id.id])]
        )

    def _fill_lines(self, participations):
        """Add a line for each contact of ``participations`` not listed yet."""
        listed = set(self.line_ids.mapped(lambda line: (line.partner_id.id, line.fair_id.id)))
        todo = participations.filtered(lambda p: (p.partner_id.id, p.fair_id.id) not in listed)
        vals_list = self._line_values(todo, self._classes())
        self.write({"line_ids": [Command.create(vals) for vals in vals_list]})

    def action_toggle_all_roles(self):
        """Show every role at the fair, or back to the roles it classifies
        (lines given a class are kept)."""
        self.ensure_one()
        if not self.fair_id:
            return self._action_reopen()
        self.show_all_roles = not self.show_all_roles
        participations = self.fair_id.participation_ids._expo_to_classify(
            all_roles=self.show_all_roles
        )
        if self.show_all_roles:
            self._fill_lines(participations)
        else:
            keep = participations.partner_id
            # Lines the user has not given a class of their own go.
            self.line_ids.filtered(
                lambda line: line.partner_id not in keep
                and (not line.class_id or line.class_id == line.suggested_class_id)
            ).unlink()
        return self._action_reopen()

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
        """Write the classes (and the signals edited here) on every role of
        each contact at the fair, then schedule one follow-up per classified
        contact (re-applying updates, never duplicates)."""
        self.ensure_one()
        lines = self.line_ids.filtered("class_id")
        if not lines:
            raise UserError(_("Give a class to at least one contact before applying."))
        participations = lines.participation_ids | lines.participation_id
        participations.check_access("write")
        groups = defaultdict(lambda: self.env["expo.participation"])
        notes = defaultdict(lambda: self.env["expo.participation"])
        signals = defaultdict(lambda: self.env["expo.participation"])
        for line in lines:
            roles = line.participation_ids | line.participation_id
            reason = line.hesitation_reason if line.class_id.use_hesitation else False
            groups[(line.class_id.id, reason or False)] |= roles
            if (line.note or False) != (line.participation_id.followup_note or False):
                notes[line.note or False] |= line.participation_id
            wanted = tuple(line[field] for field in SIGNAL_FIELDS)
            main = line.participation_id
            if wanted != tuple(main[field] for field in SIGNAL_FIELDS.values()):
                signals[wanted] |= main
        for (class_id, reason), records in groups.items():
            todo = records.filtered(
                lambda p, c=class_id, r=reason: p.followup_class_id.id != c
                or (p.hesitation_reason or False) != r
            )
            if todo:
                todo.write({"followup_class_id": class_id, "hesitation_reason": reason})
        for note, records in notes.items():
            records.write({"followup_note": note})
        for wanted, records in signals.items():
            records.write(dict(zip(SIGNAL_FIELDS.values(), wanted)))
        followups = self.env["expo.followup"]._expo_schedule(participations)
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "expo_crm_followup.expo_followup_action"
        )
        action["domain"] = [("participation_ids", "in", participations.ids)]
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
