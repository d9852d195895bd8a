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
import logging
import os
import re
from collections import defaultdict

from odoo import _, api, fields, models, tools
from odoo.addons.phone_validation.tools import phone_validation
from odoo.exceptions import UserError
from odoo.tools import SQL, email_normalize, plaintext2html

from ..tools.contact_email import is_valid_email, split_email_cell
from ..tools.contact_file import (
    COUNTRY_ALIASES,
    TEXT_FIELDS,
    clean_cell,
    detect_encoding,
    has_cjk,
    header_key,
    normalize_country,
    read_csv,
    read_xlsx,
)
from ..tools.spreadsheet import csv_bytes

try:
    import phonenumbers
except ImportError:  # pragma: no cover - phonenumbers is an Odoo requirement
    phonenumbers = None

_logger = logging.getLogger(__name__)


PO_ENTRY_RE = re.compile(r"#: model:res\.country,name:base\.(\w+)")
PO_MSGSTR_RE = re.compile(r'^msgstr "(.*)"$', re.M)

# res.country names from the translations Odoo ships (zh_CN, zh_TW), so that
# "中国" is known even when Chinese is not installed: {xmlid name: [names]}.
_SHIPPED_COUNTRY_NAMES = None


def _shipped_country_names():
    global _SHIPPED_COUNTRY_NAMES  # noqa: PLW0603 - process-wide read-only cache
    if _SHIPPED_COUNTRY_NAMES is None:
        names = defaultdict(list)
        for lang in ("zh_CN", "zh_TW"):
            try:
                with tools.file_open(f"base/i18n/{lang}.po", "rb") as po:
                    content = po.read().decode("utf-8")
            except (OSError, ValueError):
                _logger.debug("No %s translation of the country names", lang)
                continue
            for block in content.split("\n\n"):
                xmlids = PO_ENTRY_RE.findall(block)
                msgstr = PO_MSGSTR_RE.search(block)
                if xmlids and msgstr and msgstr.group(1):
                    for xmlid in xmlids:
                        names[xmlid].append(msgstr.group(1))
        _SHIPPED_COUNTRY_NAMES = dict(names)
    return _SHIPPED_COUNTRY_NAMES


class ExpoContactImport(models.TransientModel):
    _name = "expo.contact.import"
    _description = "Import Scanned Contacts"

    state = fields.Selection(
        [("upload", "Upload"), ("preview", "Preview"), ("done", "Done")],
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

    # ------------------------------------------------------------------
    # Lookups (one query for all the rows)
    # ------------------------------------------------------------------

    @api.model
    def _country_index(self):
        """{normalised name or code: country id} for every country, in every
        language of the database, plus the Chinese names Odoo ships and a few
        common aliases."""
        index = {}
        self.env.cr.execute("SELECT id, code, name FROM res_country")
        by_code = {}
        for country_id, code, names in self.env.cr.fetchall():
            by_code[code.upper()] = country_id
            index[normalize_country(code)] = country_id
            for name in (names or {}).values():
                index.setdefault(normalize_country(name), country_id)
        self.env.cr.execute(
            "SELECT name, res_id FROM ir_model_data WHERE module = 'base' AND model = 'res.country'"
        )
        by_xmlid = dict(self.env.cr.fetchall())
        for xmlid, names in _shipped_country_names().items():
            if xmlid in by_xmlid:
                for name in names:
                    index.setdefault(normalize_country(name), by_xmlid[xmlid])
        for alias, code in COUNTRY_ALIASES.items():
            if code in by_code:
                index.setdefault(alias, by_code[code])
        return index

    def _default_phone_country(self):
        return self.fair_id.company_id.country_id or self.env.company.country_id

    @api.model
    def _parse_phone(self, number, country):
        """(E.164, international format) of a number, (False, False) when it
        cannot be understood. Memoised per import (same number, same country)."""
        if not number:
            return False, False
        cache = self.env.context.get("expo_phone_cache")
        if cache is None:
            return self._parse_phone_uncached(number, country)
        key = (number, country.code if country else None)
        if key not in cache:
            cache[key] = self._parse_phone_uncached(number, country)
        return cache[key]

    @api.model
    def _parse_phone_uncached(self, number, country):
        if not phonenumbers:
            digits = re.sub(r"[^\d+]", "", number)
            return digits or False, number
        try:
            parsed = phone_validation.phone_parse(number, country.code if country else None)
        except UserError:
            return False, False
        if not parsed:
            return False, False
        return (
            phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164),
            phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
        )

    def _partner_scope_sql(self, alias):
        """Partners the user may match: active, and shared or of an allowed company."""
        return SQL(
            "%(p)s.active AND (%(p)s.company_id IS NULL OR %(p)s.company_id = ANY(%(cids)s))",
            p=SQL.identifier(alias),
            cids=self.env.companies.ids,
        )

    def _match_existing(self, emails, numbers, name_keys, company_names):
        """Existing contacts for the keys of the file, in one scan of
        res.partner: returns four dicts (lowest id wins)

        - {normalised email: partner id};
        - {E.164 number: partner id}, whatever the way the phone or mobile
          was typed: candidates come from ``phone_sanitized`` when
          phone_validation's mixin is on res.partner, and from the phone and
          mobile columns stripped of separators (the expression of the
          mixin's indexes) compared with the usual spellings of each number;
          they are confirmed in E.164 with their own country;
        - {(name, company) lowercase: partner id}, the company being the
          parent's name or the company name typed on the contact; for a
          name without company, any person of that name;
        - {company name lowercase: company partner id}.
        The first three only look at people, the last one at companies.
        """
        if not (emails or numbers or name_keys or company_names):
            return {}, {}, {}, {}
        Partner = self.env["res.partner"]
        has_sanitized = "phone_sanitized" in Partner._fields and Partner._fields["phone_sanitized"].store
        Partner.flush_model(
            ["email_normalized", "phone", "mobile", "country_id", "name", "parent_id", "company_name",
             "active", "company_id", "is_company"]
            + (["phone_sanitized"] if has_sanitized else [])
        )
        variants = set()
        for number in numbers:
            variants.update({number, "00" + number[1:], number[1:]})
            if phonenumbers:
                try:
                    national = str(phonenumbers.parse(number).national_number)
                except phonenumbers.NumberParseException:
                    continue
                variants.update({national, "0" + national})
        strip = r"[\s\\./\(\)\-]"
        by_email = SQL("p.email_normalized = ANY(%s)", list(emails))
        by_phone = SQL(
            "(regexp_replace(p.phone, %s, '', 'g') = ANY(%s) OR regexp_replace(p.mobile, %s, '', 'g') = ANY(%s))",
            strip, list(variants), strip, list(variants),
        )
        if has_sanitized:
            # phone_sanitized holds one number (the mobile when both are
            # set): the typed numbers are only compared where it is not enough
            by_phone = SQL(
                """(p.phone_sanitized = ANY(%s) OR ((p.phone_sanitized IS NULL
                    OR (p.phone IS NOT NULL AND p.mobile IS NOT NULL)) AND %s))""",
                list(numbers), by_phone,
            )
        by_name = SQL("lower(p.name) = ANY(%s)", list({name for name, __ in name_keys}))
        by_company = SQL("lower(p.name) = ANY(%s)", list(company_names))
        self.env.cr.execute(
            SQL(
                """SELECT p.id, p.is_company, p.email_normalized, p.phone, p.mobile, p.country_id,
                          lower(p.name), lower(COALESCE(c.name, p.company_name, '')),
                          COALESCE(%(by_email)s, FALSE), COALESCE(%(by_phone)s, FALSE)
                     FROM res_partner p LEFT JOIN res_partner c ON c.id = p.parent_id
                    WHERE %(scope)s AND (
                          (NOT p.is_company AND (%(by_email)s OR %(by_phone)s OR %(by_name)s))
                          OR (p.is_company AND %(by_company)s))
                 ORDER BY p.id""",
                by_email=by_email,
                by_phone=by_phone,
                by_name=by_name,
                by_company=by_company,
                scope=self._partner_scope_sql("p"),
            )
        )
        rows = self.env.cr.fetchall()
        emails_found, phones_found, names_found, companies_found = {}, {}, {}, {}
        default_country = self._default_phone_country()
        wanted = set(numbers)
        for pid, is_company, email, phone, mobile, country_id, name, company, email_hit, phone_hit in rows:
            if is_company:
                companies_found.setdefault(name, pid)
                continue
            if email_hit:
                emails_found.setdefault(email, pid)
            if phone_hit:
                country = self.env["res.country"].browse(country_id) if country_id else default_country
                for value in (mobile, phone):
                    e164 = self._parse_phone(value, country)[0] if value else False
                    if e164 in wanted:
                        phones_found.setdefault(e164, pid)
            if name and (name, company) in name_keys:
                names_found.setdefault((name, company), pid)
            if name and company and (name, "") in name_keys:
                # a bare name: any person of that name (a possible duplicate)
                names_found.setdefault((name, ""), pid)
        return emails_found, phones_found, names_found, companies_found

    def _match_companies(self, names):
        """{lowercase name: company partner id} among existing companies."""
        if not names:
            return {}
        self.env["res.partner"].flush_model(["name", "is_company", "active", "company_id"])
        self.env.cr.execute(
            SQL(
                """SELECT lower(p.name), MIN(p.id) FROM res_partner p
                    WHERE p.is_company AND lower(p.name) = ANY(%s) AND %s
                 GROUP BY lower(p.name)""",
                list(names),
                self._partner_scope_sql("p"),
            )
        )
        return {name.lower(): partner_id for name, partner_id in self.env.cr.fetchall()}

    # ------------------------------------------------------------------
    # Analysis: validate, merge, match (nothing is written)
    # ------------------------------------------------------------------

    def _parse_row(self, row, mapping, countries, default_country):
        """Row dict with cleaned values, its matching keys and its problems."""
        values = {key: row[col] if col < len(row) else "" for col, key in mapping.items()}
        data = {"errors": [], "warnings": []}
        for key in TEXT_FIELDS:
            data[key] = values.get(key, "")
        if not data["name"] and (values.get("first_name") or values.get("last_name")):
            first, last = values.get("first_name", ""), values.get("last_name", "")
            if has_cjk(first + last):
                data["name"] = f"{last}{first}"
            else:
                data["name"] = " ".join(part for part in (first, last) if part)
        # email
        raw_email = values.get("email", "")
        data["raw_email"] = raw_email
        data["email"] = data["email_normalized"] = False
        if raw_email:
            address, several = split_email_cell(raw_email)
            normalized = is_valid_email(address) and email_normalize(address)
            if not normalized:
                data["errors"].append(_("Invalid email address “%(email)s”", email=raw_email))
            elif several:
                data["email"] = data["email_normalized"] = normalized
                data["warnings"].append(_("Several addresses: only %(email)s is kept", email=normalized))
            else:
                data["email"] = address
                data["email_normalized"] = normalized
        if not data["name"] and not raw_email:
            data["errors"].append(_("No name and no email"))
        # country
        data["country_id"] = False
        raw_country = values.get("country", "")
        if raw_country:
            data["country_id"] = countries.get(normalize_country(raw_country), False)
            if not data["country_id"]:
                data["errors"].append(_("Unknown country “%(country)s”", country=raw_country))
        data["country_label"] = raw_country
        # phones, in E.164 with the row's country or the company's
        country = (
            self.env["res.country"].browse(data["country_id"]) if data["country_id"] else default_country
        )
        data["e164"] = []
        for key in ("mobile", "phone"):
            raw = values.get(key, "")
            data[key] = raw or False
            if not raw:
                continue
            e164, formatted = self._parse_phone(raw, country)
            if e164:
                data[key] = formatted
                data["e164"].append(e164)
            else:
                data["warnings"].append(
                    _("Phone number “%(phone)s” not recognised: kept as written", phone=raw)
                )
        data["phone_label"] = values.get("mobile") or values.get("phone") or ""
        # date met
        data["met_date"] = False
        raw_date = values.get("met_date", "")
        if raw_date:
            try:
                data["met_date"] = fields.Date.to_date(
                    re.sub(r"[/.年月]", "-", raw_date[:10]).rstrip("日")
                )
            except ValueError:
                data["warnings"].append(
                    _("Date “%(date)s” not understood: the default date is used", date=raw_date)
                )
        return data

    def _analyse(self):
        """Read, validate, merge and match the file without writing anything.

        Returns a dict: ``rows`` (one dict per data row, with ``row``,
        ``status`` new/update/duplicate/skip, ``group``), ``groups`` (one per
        contact to write: its rows, merged values and matched partner),
        ``header``, ``stats``, ``encoding`` and ``column_summary``."""
        self.ensure_one()
        rows, encoding, altered = self._read_rows()
        if not rows:
            raise UserError(_("The file is empty."))
        header_index, mapping = self._map_header(rows)
        header = rows[header_index][1]
        countries = self._country_index()
        default_country = self._default_phone_country()

        parsed = []
        for number, row in rows[header_index + 1:]:
            data = self._parse_row(row, mapping, countries, default_country)
            data.update(row=number, raw=row, status="skip" if data["errors"] else "new", group=None)
            if number in altered:
                data["warnings"].append(_("Control characters removed"))
            parsed.append(data)
        good = [data for data in parsed if data["status"] != "skip"]

        # 1. duplicates inside the file: rows sharing an email, a phone or a
        #    company + name describe one contact (union-find over the keys)
        parent = list(range(len(good)))

        def find(i):
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        first_by_key = {}
        for i, data in enumerate(good):
            keys = [("email", data["email_normalized"])] if data["email_normalized"] else []
            keys += [("phone", number) for number in data["e164"]]
            if data["name"] and (data["company"] or not keys):
                # company + name; a bare name only identifies a row with
                # nothing else (no email, no phone, no company)
                keys.append(("name", (data["name"].lower(), data["company"].lower())))
            data["keys"] = keys
            for key in keys:
                if key in first_by_key:
                    a, b = find(first_by_key[key]), find(i)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
                else:
                    first_by_key[key] = i
        members = defaultdict(list)
        for i, data in enumerate(good):
            members[find(i)].append(data)
        groups = [{"rows": members[root]} for root in sorted(members)]

        # 2. existing contacts, one query per kind of key
        emails = {d["email_normalized"] for d in good if d["email_normalized"]}
        phones = {number for d in good for number in d["e164"]}
        names = {key[1] for d in good for key in d["keys"] if key[0] == "name"}
        company_names = {d["company"].lower() for d in good if d["company"]}
        by_email, by_phone, by_name, companies = self._match_existing(emails, phones, names, company_names)
        by_partner = {}
        merged_groups = []
        for group in groups:
            match = None
            for kind, lookup in (("email", by_email), ("phone", by_phone), ("name", by_name)):
                for data in group["rows"]:
                    for key_kind, key in data["keys"]:
                        # a name alone never designates an existing contact
                        if key_kind == kind and key in lookup and (kind != "name" or key[1]):
                            match = (lookup[key], kind)
                            break
                    if match:
                        break
                if match:
                    break
            group["partner_id"], group["match_rule"] = match or (False, False)
            if not match:
                group["namesake"] = next(
                    (by_name[key] for d in group["rows"] for kind, key in d["keys"]
                     if kind == "name" and not key[1] and key in by_name),
                    False,
                )
            if match and match[0] in by_partner:
                # two groups of the file found the same contact: one group
                by_partner[match[0]]["rows"] += group["rows"]
                continue
            if match:
                by_partner[match[0]] = group
            merged_groups.append(group)
        groups = merged_groups

        # 3. merged values and row statuses
        stats = defaultdict(int)
        for group in groups:
            group["rows"].sort(key=lambda d: d["row"])
            first = group["rows"][0]
            merged = {}
            for key in (*TEXT_FIELDS, "email", "mobile", "phone", "country_id", "met_date"):
                merged[key] = next((d[key] for d in group["rows"] if d[key]), False)
            merged["name"] = merged["name"] or merged["email"]
            kept = next((d["email_normalized"] for d in group["rows"] if d["email_normalized"]), False)
            for data in group["rows"]:
                if data["email_normalized"] and data["email_normalized"] != kept:
                    data["warnings"].append(
                        _(
                            "Email %(email)s not kept: the contact keeps %(kept)s",
                            email=data["email"],
                            kept=merged["email"],
                        )
                    )
            merged["e164"] = list(dict.fromkeys(n for d in group["rows"] for n in d["e164"]))
            group["values"] = merged
            if group.get("namesake"):
                namesake = self.env["res.partner"].browse(group["namesake"])
                first["warnings"].append(
                    _(
                        "Possible duplicate of the existing contact “%(name)s”: a name alone "
                        "is not enough to merge, a new contact is created",
                        name=namesake.display_name,
                    )
                )
            for data in group["rows"]:
                data["group"] = group
                data["partner_id"] = group["partner_id"]
                data["match_rule"] = group["match_rule"]
                if data is not first:
                    data["status"] = "duplicate"
                    data["warnings"].insert(
                        0, _("Same contact as row %(row)s: merged", row=first["row"])
                    )
                else:
                    data["status"] = "update" if group["partner_id"] else "new"
        for data in parsed:
            stats[data["status"]] += 1
        stats["rows"] = len(parsed)

        recognised = [f"{header[col]} → {self._column_label(key)}" for col, key in sorted(mapping.items())]
        ignored = [value for col, value in enumerate(header) if col not in mapping and value]
        summary = _("Recognised: %(columns)s", columns=", ".join(recognised))
        if ignored:
            summary += "\n" + _("Ignored: %(columns)s", columns=", ".join(ignored))
        return {
            "rows": parsed,
            "groups": groups,
            "header": header,
            "stats": stats,
            "encoding": encoding or False,
            "column_summary": summary,
            "companies": companies,
        }

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
                }
                for data in rows
            ]
        )

    # ------------------------------------------------------------------
    # Execution
    # ------------------------------------------------------------------

    def _execute(self, analysis):
        """Write the analysed groups: all at once, or group by group in a
        savepoint each when the batch fails."""
        result = defaultdict(int)
        groups = analysis["groups"]
        if not groups:
            return result
        # the partners a group matched: the ids given to new partners by a
        # write that is rolled back must not be kept
        matched = [group["partner_id"] for group in groups]
        try:
            with self.env.cr.savepoint():
                stats = self._write_groups(groups, companies=analysis["companies"])
        except Exception:  # noqa: BLE001 - any failure: retry row by row
            _logger.info("Contact import: batch failed, importing contact by contact", exc_info=True)
            for group, partner_id in zip(groups, matched):
                group["partner_id"] = partner_id
        else:
            result.update(stats)
            return result
        for group, partner_id in zip(groups, matched):
            try:
                with self.env.cr.savepoint():
                    stats = self._write_groups([group])
            except Exception as error:  # noqa: BLE001 - reported on the row
                group["partner_id"] = partner_id
                message = error.args[0] if isinstance(error, UserError) else str(error)
                for data in group["rows"]:
                    data["status"] = "skip"
                    data["errors"].append(_("Not imported: %(error)s", error=message))
                    result["failed_rows"] += 1
                group["failed"] = True
                continue
            for key, value in stats.items():
                result[key] += value
        stats = defaultdict(int)
        for data in analysis["rows"]:
            stats[data["status"]] += 1
        stats["rows"] = len(analysis["rows"])
        analysis["stats"] = stats
        return result

    def _write_groups(self, groups, companies=None):
        """Create or complete the partners of these groups, their companies
        and their participations, in bulk. Returns counters."""
        Partner = self.env["res.partner"].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
        )
        stats = defaultdict(int)
        role = self.role_id

        # companies: reuse by name, create the missing ones in one batch
        company_names = {}
        for group in groups:
            name = group["values"]["company"]
            if name:
                company_names.setdefault(name.lower(), group)
        if companies is None:  # contact by contact: see the ones just created
            companies = self._match_companies(set(company_names))
        companies = {key: companies[key] for key in company_names if key in companies}
        missing = [key for key in company_names if key not in companies]
        if missing:
            new_companies = Partner.create(
                [
                    {
                        "name": company_names[key]["values"]["company"],
                        "is_company": True,
                        "country_id": company_names[key]["values"]["country_id"],
                        "city": company_names[key]["values"]["city"] or False,
                        "website": company_names[key]["values"]["website"] or False,
                    }
                    for key in missing
                ]
            )
            companies.update(zip(missing, new_companies.ids))
            stats["companies"] += len(new_companies)

        # new partners in one batch
        old_groups = [group for group in groups if group["partner_id"]]
        new_groups = [group for group in groups if not group["partner_id"]]
        if new_groups:
            vals_list = []
            for group in new_groups:
                values = group["values"]
                company_id = companies.get((values["company"] or "").lower(), False)
                vals_list.append(
                    {
                        "name": values["name"],
                        "email": values["email"],
                        "mobile": values["mobile"],
                        "phone": values["phone"],
                        "country_id": values["country_id"],
                        "function": values["function"] or False,
                        "city": values["city"] or False,
                        "website": (values["website"] or False) if not company_id else False,
                        "parent_id": company_id,
                        "user_id": self.user_id.id,
                    }
                )
            partners = self._create_partners(vals_list)
            for group, partner in zip(new_groups, partners):
                group["partner_id"] = partner.id
            stats["created"] += len(partners)

        # existing partners: fill the empty fields, never blank one out
        if old_groups:
            existing = Partner.browse([group["partner_id"] for group in old_groups])
            existing.check_access("write")
            existing.fetch(
                ["email", "mobile", "phone", "country_id", "function", "city", "parent_id", "is_company"]
            )
            default_country = self._default_phone_country()
            updates = defaultdict(list)
            for group, partner in zip(old_groups, existing):
                values = group["values"]
                vals = {}
                if not partner.email and values["email"]:
                    vals["email"] = values["email"]
                if not partner.country_id and values["country_id"]:
                    vals["country_id"] = values["country_id"]
                for fname in ("function", "city"):
                    if not partner[fname] and values[fname]:
                        vals[fname] = values[fname]
                known = set()
                for fname in ("mobile", "phone"):
                    if partner[fname]:
                        known.add(
                            self._parse_phone(partner[fname], partner.country_id or default_country)[0]
                        )
                for fname in ("mobile", "phone"):
                    if partner[fname] or not values[fname]:
                        continue
                    # values are in international format when they were valid
                    number = self._parse_phone(values[fname], default_country)[0] or values[fname]
                    if number not in known:
                        vals[fname] = values[fname]
                        known.add(number)
                company_id = companies.get((values["company"] or "").lower())
                if company_id and not partner.parent_id and not partner.is_company:
                    vals["parent_id"] = company_id
                if vals:
                    updates[tuple(sorted(vals.items()))].append(partner.id)
            for items, ids in updates.items():
                Partner.sudo().browse(ids).write(dict(items))
            stats["updated"] += len(existing)

        # participations: reuse the existing one for partner + fair + role
        Participation = self.env["expo.participation"].with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True
        )
        partner_ids = [group["partner_id"] for group in groups]
        current = {
            participation.partner_id.id: participation
            for participation in Participation.search(
                [
                    ("partner_id", "in", partner_ids),
                    ("fair_id", "=", self.fair_id.id),
                    ("role_id", "=", role.id),
                ]
            )
        }
        to_create = []
        upgrade_ids = []
        fill = defaultdict(list)
        for group in groups:
            values = group["values"]
            participation = current.get(group["partner_id"])
            if not participation:
                to_create.append(
                    {
                        "partner_id": group["partner_id"],
                        "fair_id": self.fair_id.id,
                        "company_id": self.fair_id.company_id.id,
                        "role_id": role.id,
                        "state": self.participation_state,
                        "source": self.source,
                        "met_date": values["met_date"] or self.met_date,
                        "user_id": self.user_id.id,
                        "booth": values["booth"] or False,
                        "notes": plaintext2html(values["notes"]) if values["notes"] else False,
                    }
                )
                continue
            if self._state_rank(self.participation_state) > self._state_rank(participation.state):
                upgrade_ids.append(participation.id)
            vals = {}
            if not participation.booth and values["booth"]:
                vals["booth"] = values["booth"]
            if not participation.met_date:
                vals["met_date"] = values["met_date"] or self.met_date
            if not participation.notes and values["notes"]:
                vals["notes"] = plaintext2html(values["notes"])
            if vals:
                fill[tuple(sorted(vals.items()))].append(participation.id)
        if to_create:
            Participation.create(to_create)
            stats["participations_created"] += len(to_create)
        if upgrade_ids:
            Participation.browse(upgrade_ids).write({"state": self.participation_state})
        for items, ids in fill.items():
            Participation.browse(ids).write(dict(items))
        stats["participations_updated"] += len(
            set(upgrade_ids) | {pid for ids in fill.values() for pid in ids}
        )
        return stats

    @api.model
    def _create_partners(self, vals_list):
        """Create contacts in one batch.

        res.partner's create synchronises each new contact with its company
        one by one (commercial fields, address, language: a write per
        contact). The same synchronisation is done here once per company, by
        putting the company's values in the create values, with Odoo's own
        ``_partners_skip_fields_sync`` switch."""
        Partner = self.env["res.partner"].with_context(
            tracking_disable=True,
            mail_create_nolog=True,
            mail_create_nosubscribe=True,
            _partners_skip_fields_sync=True,
        )
        companies = Partner.browse({vals["parent_id"] for vals in vals_list if vals.get("parent_id")})
        commercial_fields = Partner._commercial_fields()
        address_fields = Partner._address_fields()
        synced = {}
        for company in companies:
            values = company.commercial_partner_id._update_fields_values(commercial_fields)
            if any(company[fname] for fname in address_fields):
                values.update(company._update_fields_values(address_fields))
            if company.lang:
                values["lang"] = company.lang
            synced[company.id] = values
        for vals in vals_list:
            if vals.get("parent_id"):
                vals.update(synced[vals["parent_id"]])
        partners = Partner.create(vals_list)
        if companies and Partner._company_dependent_commercial_fields():
            by_company = defaultdict(list)
            for partner in partners.filtered("parent_id"):
                by_company[partner.parent_id].append(partner.id)
            for children in by_company.values():
                Partner.browse(children).sudo()._company_dependent_commercial_sync()
        # a company without address takes the one of its first contact
        bare = companies.filtered(lambda c: not any(c[fname] for fname in address_fields))
        if bare:
            counts = dict(
                Partner.with_context(active_test=False)._read_group(
                    [("parent_id", "in", bare.ids)], ["parent_id"], ["__count"]
                )
            )
            by_address = defaultdict(list)
            for partner in partners:
                if counts.get(partner.parent_id) == 1 and any(partner[f] for f in address_fields):
                    address = partner._update_fields_values(address_fields)
                    by_address[tuple(sorted(address.items()))].append(partner.parent_id.id)
            for address, company_ids in by_address.items():
                Partner.browse(company_ids).update_address(dict(address))
        return partners

    @api.model
    def _state_rank(self, state):
        return {"cancelled": 0, "no_show": 0, "invited": 1, "registered": 2, "attended": 3}.get(
            state, 0
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
