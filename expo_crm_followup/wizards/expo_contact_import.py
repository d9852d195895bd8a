"""Import of scanned contacts (badge scanners, business-card apps) into a fair.

The wizard reads a CSV or XLSX file (through base_import's readers), finds
the columns by their English or Chinese names, validates every row, merges
the rows that describe the same person, matches them against the existing
contacts (normalised email, then E.164 phone, then company + name) and
finally creates or completes the partners and their participations.

Everything is set-based: one query per kind of lookup whatever the number of
rows, batched creates, and the grouped UPDATEs of the ORM flush. If the
batch fails, every contact is written again in its own savepoint so that one
bad record never leaves another one half-written.
"""


import base64
import json
import os

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools.contact_file import clean_cell, detect_encoding, header_key, read_csv, read_xlsx
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
    file_name = fields.Char()
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
    detected_encoding = fields.Char(readonly=True)
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
    error_report_name = fields.Char(readonly=True)

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

    def action_preview(self):
        self.ensure_one()
        analysis = self.with_context(expo_phone_cache={})._analyse()
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
        importer = self.with_context(expo_phone_cache={})
        analysis = importer._analyse()
        result = importer._execute(analysis)
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
    # Reading the file
    # ------------------------------------------------------------------

    def _file_type(self):
        extension = os.path.splitext(self.file_name or "")[1].lower()
        return {
            ".csv": "text/csv",
            ".txt": "text/csv",
            ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ".xls": "application/vnd.ms-excel",
            ".ods": "application/vnd.oasis.opendocument.spreadsheet",
        }.get(extension, "text/csv")

    def _read_rows(self):
        """Return (rows, encoding, altered): rows are (row number in the file,
        cells) for every non-blank row; altered holds the row numbers whose
        control characters were removed. CSV and XLSX are read here so that
        the row numbers are the ones the user sees in a spreadsheet; XLS and
        ODS go through base_import's readers (blank rows are then not
        counted)."""
        self.ensure_one()
        if not self.file:
            raise UserError(_("Choose the file to import first."))
        data = base64.b64decode(self.file)
        file_type = self._file_type()
        encoding = False
        try:
            if file_type == "text/csv" and not data.startswith(b"PK\x03\x04"):
                encoding = self.encoding if self.encoding != "auto" else detect_encoding(data)
                rows = self._read_csv(data, encoding)
            elif file_type.endswith(".sheet") or data.startswith(b"PK\x03\x04"):
                rows = read_xlsx(data)
            else:
                reader = self.env["base_import.import"].new(
                    {
                        "res_model": "res.partner",
                        "file": data,
                        "file_name": self.file_name or "contacts",
                        "file_type": file_type,
                    }
                )
                __, cells = reader._read_file({"quoting": '"', "has_headers": True})
                rows = list(enumerate(cells, start=1))
        except UserError:
            raise
        except Exception as error:  # noqa: BLE001 - any unreadable file
            raise UserError(
                _(
                    "The file %(name)s cannot be read: %(error)s",
                    name=self.file_name or "",
                    error=error,
                )
            ) from error
        cleaned = []
        altered = set()
        for number, cells in rows:
            cells = [clean_cell(cell) for cell in cells]
            if any(changed for __, changed in cells):
                altered.add(number)
            cells = [text for text, __ in cells]
            if any(cells):
                cleaned.append((number, cells))
        return cleaned, encoding, altered

    @api.model
    def _read_csv(self, data, encoding):
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError) as error:
            raise UserError(
                _(
                    "The file cannot be read as %(encoding)s: choose its encoding and try again.",
                    encoding=encoding,
                )
            ) from error
        return read_csv(text)

    @api.model
    def _map_header(self, rows):
        """Find the header among the first rows: the first one where at least
        two columns are recognised (card apps often add a title line).
        Returns (position of the header in rows, {column: contact field})."""
        for index, (__, row) in enumerate(rows[:5]):
            mapping = {}
            for col, value in enumerate(row):
                key = header_key(value)
                if key and key not in mapping.values():
                    mapping[col] = key
            if len(mapping) >= 2 or (mapping and set(mapping.values()) & {"name", "email"}):
                return index, mapping
        raise UserError(
            _(
                "No known column in this file. Name the columns e.g. Name / 姓名, "
                "Company / 公司, Email / 邮箱, Mobile / 手机, Country / 国家."
            )
        )

    @api.model
    def _column_label(self, key):
        return {
            "name": _("Name"),
            "first_name": _("First name"),
            "last_name": _("Last name"),
            "company": _("Company"),
            "email": _("Email"),
            "mobile": _("Mobile"),
            "phone": _("Phone"),
            "country": _("Country"),
            "function": _("Job position"),
            "notes": _("Notes"),
            "booth": _("Booth"),
            "city": _("City"),
            "website": _("Website"),
            "met_date": _("Met on"),
        }[key]

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
                    "status": data["status"],
                    "partner_id": data.get("partner_id") or False,
                    "match_rule": data.get("match_rule") or False,
                    "problem": "; ".join(data["errors"] or data["warnings"]) or False,
                    "raw_cells": json.dumps(data["raw"]) if data["status"] == "skip" else False,
                }
                for data in rows
            ]
        )

    # ------------------------------------------------------------------
    # Error report
    # ------------------------------------------------------------------

    def _write_error_report(self, analysis):
        bad = [data for data in analysis["rows"] if data["status"] == "skip"]
        if not bad:
            self.write({"error_report": False, "error_report_name": False})
            return
        rows = [[_("Row"), *analysis["header"], _("Reason")]]
        rows += [[data["row"], *data["raw"], "; ".join(data["errors"])] for data in bad]
        stem = os.path.splitext(self.file_name or "contacts")[0]
        self.write(
            {
                # escaped cells (no formula), BOM for the Chinese text
                "error_report": base64.b64encode(csv_bytes(rows)),
                "error_report_name": _("%(file)s-errors.csv", file=stem),
            }
        )
