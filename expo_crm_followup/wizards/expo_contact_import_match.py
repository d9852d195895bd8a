"""Contact import: the lookups in the database (countries, phone numbers,
existing contacts and companies), one query per kind whatever the number of
rows."""

import logging
import re
from collections import defaultdict

from odoo import api, models, tools
from odoo.addons.phone_validation.tools import phone_validation
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools.contact_file import COUNTRY_ALIASES, normalize_country

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
    _inherit = "expo.contact.import"  # pylint: disable=consider-merging-classes-inherited

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
