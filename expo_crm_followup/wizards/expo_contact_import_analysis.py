"""Contact import: the analysis of the file (validate every row, merge the
rows that describe one person, match them against the existing contacts),
without writing anything."""

import re
from collections import defaultdict

from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize

from ..tools.contact_email import is_valid_email, split_email_cell
from ..tools.contact_file import TEXT_FIELDS, has_cjk, normalize_country


class ExpoContactImport(models.TransientModel):
    _inherit = "expo.contact.import"  # pylint: disable=consider-merging-classes-inherited


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
        return self._analyse_rows(
            rows[header_index + 1:], rows[header_index][1], mapping, encoding, altered
        )

    def _analyse_rows(self, rows, header, mapping, encoding=False, altered=()):
        """The analysis of these data rows ((row number, cells) after the
        header): the whole file, or one chunk of a background import."""
        countries = self._country_index()
        default_country = self._default_phone_country()

        parsed = []
        for number, row in rows:
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

        return {
            "rows": parsed,
            "groups": groups,
            "header": header,
            "stats": stats,
            "encoding": encoding or False,
            "column_summary": self._column_summary(header, mapping),
            "companies": companies,
        }

    def _column_summary(self, header, mapping):
        recognised = [f"{header[col]} → {self._column_label(key)}" for col, key in sorted(mapping.items())]
        ignored = [value for col, value in enumerate(header) if col not in mapping and value]
        summary = _("Recognised: %(columns)s", columns=", ".join(recognised))
        if ignored:
            summary += "\n" + _("Ignored: %(columns)s", columns=", ".join(ignored))
        return summary
