"""The contact importer service: reading a file and analysing its rows
(validate every row, merge the rows that describe one person, match them
against the existing contacts), without writing anything."""

import os

from odoo import _, api, models
from odoo.exceptions import UserError

from ..tools.contact_columns import map_header
from ..tools.contact_file import clean_cell, detect_encoding, read_csv, read_xlsx
from ..tools.contact_merge import group_rows, lookup_keys, match_groups, merge_values
from ..tools.contact_rows import parse_row, with_keys

FILE_TYPES = {
    ".csv": "text/csv",
    ".txt": "text/csv",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".xls": "application/vnd.ms-excel",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
}


class ExpoContactImporter(models.AbstractModel):
    _inherit = "expo.contact.importer"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # Reading the file
    # ------------------------------------------------------------------

    @api.model
    def _read_file(self, data, file_name, encoding="auto"):
        """The file's data rows: a dict with ``rows`` ((row number in the
        file, cells) after the header), ``header`` (its cells), ``mapping``
        ({column: contact field}), ``encoding`` (of a CSV file) and
        ``altered`` (row numbers whose control characters were removed)."""
        rows, encoding, altered = self._read_rows(data, file_name, encoding)
        if not rows:
            raise UserError(_("The file is empty."))
        found = map_header(rows)
        if not found:
            raise UserError(
                _(
                    "No known column in this file. Name the columns e.g. Name / 姓名, "
                    "Company / 公司, Email / 邮箱, Mobile / 手机, Country / 国家."
                )
            )
        header_index, mapping = found
        return {
            "rows": rows[header_index + 1:],
            "header": rows[header_index][1],
            "mapping": mapping,
            "encoding": encoding,
            "altered": altered,
        }

    @api.model
    def _read_rows(self, data, file_name, encoding="auto"):
        """Return (rows, encoding, altered): rows are (row number in the file,
        cells) for every non-blank row. CSV and XLSX are read here so that
        the row numbers are the ones the user sees in a spreadsheet; XLS and
        ODS go through base_import's readers (blank rows are then not
        counted)."""
        file_type = FILE_TYPES.get(os.path.splitext(file_name or "")[1].lower(), "text/csv")
        used_encoding = False
        try:
            if file_type == "text/csv" and not data.startswith(b"PK\x03\x04"):
                used_encoding = encoding if encoding and encoding != "auto" else detect_encoding(data)
                rows = self._read_csv(data, used_encoding)
            elif file_type.endswith(".sheet") or data.startswith(b"PK\x03\x04"):
                rows = read_xlsx(data)
            else:
                reader = self.env["base_import.import"].new(
                    {
                        "res_model": "res.partner",
                        "file": data,
                        "file_name": file_name or "contacts",
                        "file_type": file_type,
                    }
                )
                __, cells = reader._read_file({"quoting": '"', "has_headers": True})
                rows = list(enumerate(cells, start=1))
        except UserError:
            raise
        except Exception as error:  # noqa: BLE001 - any unreadable file
            raise UserError(
                _("The file %(name)s cannot be read: %(error)s", name=file_name or "", error=error)
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
        return cleaned, used_encoding, altered

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
    def _column_summary(self, header, mapping):
        recognised = [f"{header[col]} → {self._column_label(key)}" for col, key in sorted(mapping.items())]
        ignored = [value for col, value in enumerate(header) if col not in mapping and value]
        summary = _("Recognised: %(columns)s", columns=", ".join(recognised))
        if ignored:
            summary += "\n" + _("Ignored: %(columns)s", columns=", ".join(ignored))
        return summary

    # ------------------------------------------------------------------
    # Analysis: validate, merge, match (nothing is written)
    # ------------------------------------------------------------------

    @api.model
    def _default_phone_country(self, options):
        return options["fair"].company_id.country_id or self.env.company.country_id

    @api.model
    def _analyse_rows(self, parsed_file, options, rows=None):
        """The analysis of the data rows of ``parsed_file`` (see
        ``_read_file``), or of ``rows`` among them (a chunk of a background
        import). ``options`` are the import's settings (see ``_execute``).

        Returns a dict: ``rows`` (one dict per data row, with ``row``,
        ``status`` new/update/duplicate/skip, ``group``, ``errors``,
        ``warnings``), ``groups`` (one per contact to write: its rows, merged
        ``values`` and matched ``partner_id``), ``header``, ``stats``,
        ``encoding``, ``column_summary`` and ``companies`` (existing
        companies by lowercase name)."""
        importer = self._with_phone_cache()
        countries = importer._country_index()
        default_country = importer._default_phone_country(options)
        Country = self.env["res.country"]

        def phone(number, country_id):
            return importer._parse_phone(number, Country.browse(country_id) if country_id else default_country)

        altered = parsed_file["altered"]
        parsed = []
        for number, cells in parsed_file["rows"] if rows is None else rows:
            data = parse_row(cells, parsed_file["mapping"], countries, phone)
            data["errors"] = [importer._problem_text(problem) for problem in data["errors"]]
            data["warnings"] = [importer._problem_text(problem) for problem in data["warnings"]]
            data.update(row=number, raw=cells, status="skip" if data["errors"] else "new", group=None)
            if number in altered:
                data["warnings"].append(_("Control characters removed"))
            parsed.append(data)
        good = [with_keys(data) for data in parsed if data["status"] != "skip"]

        # 1. duplicates inside the file, 2. existing contacts (one query per
        # kind of key), groups of the file that found one contact merged
        groups = [{"rows": members} for members in group_rows(good)]
        emails, phones, names, company_names = lookup_keys(good)
        by_email, by_phone, by_name, companies = importer._match_existing(
            emails, phones, names, company_names, default_country
        )
        groups = match_groups(groups, {"email": by_email, "phone": by_phone, "name": by_name})

        # 3. merged values and row statuses
        for group in groups:
            group["rows"].sort(key=lambda d: d["row"])
            importer._merge_group(group)
        stats = dict.fromkeys(("new", "update", "duplicate", "skip"), 0)
        for data in parsed:
            stats[data["status"]] += 1
        stats["rows"] = len(parsed)
        return {
            "rows": parsed,
            "groups": groups,
            "header": parsed_file["header"],
            "stats": stats,
            "encoding": parsed_file["encoding"] or False,
            "column_summary": importer._column_summary(parsed_file["header"], parsed_file["mapping"]),
            "companies": companies,
        }

    @api.model
    def _merge_group(self, group):
        """The group's merged values; the statuses and warnings of its rows."""
        first = group["rows"][0]
        merged = group["values"] = merge_values(group["rows"])
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
                data["warnings"].insert(0, _("Same contact as row %(row)s: merged", row=first["row"]))
            else:
                data["status"] = "update" if group["partner_id"] else "new"
