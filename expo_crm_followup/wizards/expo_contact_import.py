"""Import of scanned contacts (badge scanners, business-card apps) into a fair.

The wizard is the screen: upload → preview → done (or queued and running in
the background for a large file, see ``expo_contact_import_job``). The work
is the ``expo.contact.importer`` service's: it reads the CSV or XLSX file,
finds the columns by their English or Chinese names, validates every row,
merges the rows that describe the same person, matches them against the
existing contacts (normalised email, then E.164 phone, then company + name)
and finally creates or completes the partners and their participations.
"""


import base64
import json
import os

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools.spreadsheet import csv_bytes


class ExpoContactImport(models.TransientModel):
    _name = "expo.contact.import"
    _description = "Import Scanned Contacts"

    state = fields.Selection(
        [
            ("upload", "Upload"),
            ("preview", "Preview"),
            ("queued", "Queued"),
            ("running", "Importing"),
            ("done", "Done"),
        ],
        default="upload",
        required=True,
    )
    fair_id = fields.Many2one(
        "expo.fair",
        required=True,
        default=lambda self: self._default_fair_id(),
        help="The fair where these contacts were met.",
    )
    role_id = fields.Many2one(
        "expo.role",
        required=True,
        default=lambda self: self._default_role_id(),
        help="Role of the imported contacts at this fair.",
    )
    source = fields.Selection(
        [("scan", "Badge scan"), ("import", "Import")],
        default="scan",
        required=True,
        help="Recorded on the participations: scanned at the booth, or imported from a list.",
    )
    participation_state = fields.Selection(
        [("attended", "Attended"), ("registered", "Registered"), ("invited", "Invited")],
        string="Participation status",
        default="attended",
        required=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Owner",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        help="Salesperson who follows these contacts up.",
    )
    met_date = fields.Date(
        string="Met on",
        compute="_compute_met_date",
        store=True,
        readonly=False,
        help="Used when the file has no date column: today during the fair, "
        "otherwise the first day of the fair.",
    )
    file = fields.Binary(attachment=False)
    file_name = fields.Char(string="File name")
    encoding = fields.Selection(
        [
            ("auto", "Detect"),
            ("utf-8", "UTF-8"),
            ("gb18030", "GBK / GB18030 (Simplified Chinese)"),
            ("cp950", "Big5 (Traditional Chinese)"),
            ("cp1252", "Windows Western (cp1252)"),
        ],
        default="auto",
        required=True,
        help="Encoding of a CSV file; Excel files need none.",
    )
    detected_encoding = fields.Char(string="Detected encoding", readonly=True)
    column_summary = fields.Text(string="Columns", readonly=True)
    line_ids = fields.One2many("expo.contact.import.line", "wizard_id", string="Rows")
    problem_line_ids = fields.One2many(
        "expo.contact.import.line",
        "wizard_id",
        string="Rows with problems",
        domain=[("problem", "!=", False)],
    )
    row_count = fields.Integer(string="Rows read", readonly=True)
    to_create_count = fields.Integer(string="New contacts", readonly=True)
    to_update_count = fields.Integer(string="Existing contacts", readonly=True)
    duplicate_count = fields.Integer(string="Duplicates merged", readonly=True)
    skipped_count = fields.Integer(string="Skipped rows", readonly=True)
    created_count = fields.Integer(string="Contacts created", readonly=True)
    updated_count = fields.Integer(string="Contacts updated", readonly=True)
    company_created_count = fields.Integer(string="Companies created", readonly=True)
    participation_created_count = fields.Integer(string="Participations created", readonly=True)
    participation_updated_count = fields.Integer(string="Participations updated", readonly=True)
    error_report = fields.Binary(string="Error report", readonly=True, attachment=True)
    error_report_name = fields.Char(string="Error report name", readonly=True)

    # ------------------------------------------------------------------
    # Defaults
    # ------------------------------------------------------------------

    @api.model
    def _default_fair_id(self):
        context = self.env.context
        if context.get("active_model") == "expo.fair" and context.get("active_id"):
            return context["active_id"]
        return False

    @api.model
    def _default_role_id(self):
        role = self.env.ref("expo_crm.role_trade_visitor", raise_if_not_found=False)
        if not role:
            role = self.env["expo.role"].search([("code", "=", "trade_visitor")], limit=1)
        return role.id

    @api.depends("fair_id")
    def _compute_met_date(self):
        today = fields.Date.context_today(self)
        for wizard in self:
            fair = wizard.fair_id
            if not fair:
                wizard.met_date = wizard.met_date or today
            elif fair.date_begin and fair.date_end and fair.date_begin <= today <= fair.date_end:
                wizard.met_date = today
            else:
                wizard.met_date = fair.date_begin or today

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def _reopen(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": _("Import contacts"),
            "context": dict(self.env.context),
        }

    def _importer(self):
        """The importer service, with one phone cache for this import."""
        return self.env["expo.contact.importer"].with_context(expo_phone_cache={})

    def _import_options(self):
        """The settings of this import, for the importer service."""
        self.ensure_one()
        return {
            "fair": self.fair_id,
            "role": self.role_id,
            "source": self.source,
            "state": self.participation_state,
            "user": self.user_id,
            "met_date": self.met_date,
        }

    def _parse_file(self):
        """The file read by the importer service (see its ``_read_file``)."""
        self.ensure_one()
        if not self.file:
            raise UserError(_("Choose the file to import first."))
        return self.env["expo.contact.importer"]._read_file(
            base64.b64decode(self.file), self.file_name, self.encoding
        )

    def _analyse(self, importer=None, parsed_file=None):
        importer = importer or self._importer()
        return importer._analyse_rows(parsed_file or self._parse_file(), self._import_options())

    def action_preview(self):
        self.ensure_one()
        return self._preview(self._parse_file())

    def _preview(self, parsed_file):
        analysis = self._analyse(parsed_file=parsed_file)
        self.line_ids.unlink()
        self._write_lines(analysis)
        stats = analysis["stats"]
        self.write(
            {
                "state": "preview",
                "detected_encoding": analysis["encoding"],
                "column_summary": analysis["column_summary"],
                "row_count": stats["rows"],
                "to_create_count": stats["new"],
                "to_update_count": stats["update"],
                "duplicate_count": stats["duplicate"],
                "skipped_count": stats["skip"],
            }
        )
        return self._reopen()

    def action_back(self):
        self.ensure_one()
        self.line_ids.unlink()
        self.write({"state": "upload", "column_summary": False})
        return self._reopen()

    def action_import(self):
        self.ensure_one()
        self.env["res.partner"].check_access("create")
        return self._import_now(self._parse_file())

    def _import_now(self, parsed_file):
        """Import the whole file while the user waits."""
        importer = self._importer()
        analysis = self._analyse(importer, parsed_file)
        result = importer._execute(analysis, self._import_options())
        if not self.line_ids or result["failed_rows"]:
            # imported without preview, or rows failed while writing: the
            # result shows the rows with a problem
            self.line_ids.unlink()
            self._write_lines(analysis, only_problems=True)
        stats = analysis["stats"]
        self.write(
            {
                "state": "done",
                "detected_encoding": analysis["encoding"],
                "column_summary": analysis["column_summary"],
                "row_count": stats["rows"],
                "duplicate_count": stats["duplicate"],
                "skipped_count": stats["skip"],
                "created_count": result["created"],
                "updated_count": result["updated"],
                "company_created_count": result["companies"],
                "participation_created_count": result["participations_created"],
                "participation_updated_count": result["participations_updated"],
            }
        )
        self._write_error_report(analysis)
        return self._reopen()

    def action_download_error_report(self):
        self.ensure_one()
        if not self.error_report:
            raise UserError(_("No row was skipped: there is no error report."))
        return {
            "type": "ir.actions.act_url",
            "url": f"/web/content/{self._name}/{self.id}/error_report/"
            f"{self.error_report_name}?download=true",
            "target": "self",
        }

    def action_view_participations(self):
        self.ensure_one()
        action = self.fair_id._action_participations()
        action["domain"] += [("role_id", "=", self.role_id.id)]
        return action

    # ------------------------------------------------------------------
    # Preview rows and error report
    # ------------------------------------------------------------------

    def _write_lines(self, analysis, only_problems=False):
        rows = analysis["rows"]
        if only_problems:
            rows = [data for data in rows if data["errors"] or data["warnings"]]
        self.env["expo.contact.import.line"].create(
            [
                {
                    "wizard_id": self.id,
                    "row_number": data["row"],
                    "name": data["name"],
                    "company_name": data["company"],
                    "email": data["email"] or data["raw_email"] or False,
                    "phone": data["phone_label"],
                    "country_name": data["country_label"],
                    "badge_code": data["badge_code"] or False,
                    "status": data["status"],
                    "partner_id": data.get("partner_id") or False,
                    "match_rule": data.get("match_rule") or False,
                    "problem": "; ".join(data["errors"] or data["warnings"]) or False,
                    "raw_cells": json.dumps(data["raw"]) if data["status"] == "skip" else False,
                }
                for data in rows
            ]
        )

    def _write_error_report(self, analysis):
        self.write(
            self._error_report_vals(
                analysis["header"],
                [
                    (data["row"], data["raw"], "; ".join(data["errors"]))
                    for data in analysis["rows"]
                    if data["status"] == "skip"
                ],
            )
        )

    def _error_report_vals(self, header, skipped):
        """The error report of the skipped rows [(row number, cells, reason)]:
        the header, then each row with its reason; none without skipped row."""
        if not skipped:
            return {"error_report": False, "error_report_name": False}
        rows = [[_("Row"), *header, _("Reason")]]
        rows += [[number, *cells, reason] for number, cells, reason in skipped]
        stem = os.path.splitext(self.file_name or "contacts")[0]
        return {
            # escaped cells (no formula), BOM for the Chinese text
            "error_report": base64.b64encode(csv_bytes(rows)),
            "error_report_name": _("%(file)s-errors.csv", file=stem),
        }
