"""The contact importer service: matching contacts, reading, analysing and
writing contact files.

SPECIFICATIONS

- ``expo_match_partner(values, company=None)`` (stable API, used by the
  capture screen and scripts): the existing contact that ``values`` (any of
  name, company_name, email, phone, mobile, country_code) designate, by the
  import's rules: normalised email (case-insensitive), then the phone or
  mobile in E.164 (typed in any format, national numbers read in the
  country's format, else the company's), then company + name (the company
  being the contact's parent or the company name typed on it). A name alone
  never designates a contact. Only active people shared or of ``company``
  (a res.company or its id; default: the current company) are found; the
  lowest id wins. Returns an empty recordset when nothing matches.
- The contact import (``expo.contact.import`` wizard and its background
  job) reads a file with ``_read_file``, analyses rows with ``_analyse_rows``
  (validation, merging of the rows of one person, matching against the
  database; nothing written) and writes the result with ``_execute``.
- One query per kind of lookup, whatever the number of rows.
"""

from odoo import _, api, models
from odoo.tools import SQL

from ..tools.contact_country import COUNTRY_ALIASES, normalize_country, shipped_country_names
from ..tools.contact_file import clean_cell
from ..tools.contact_merge import find_match, row_keys
from ..tools.contact_phone import SEPARATORS_SQL_RE, parse_phone, phone_variants
from ..tools.contact_rows import parse_row


class ExpoContactImporter(models.AbstractModel):
    _name = "expo.contact.importer"
    _description = "Contact Importer"

    # ------------------------------------------------------------------
    # Public API
    # ------------------------------------------------------------------

    @api.model
    def expo_match_partner(self, values, company=None):
        """The existing contact ``values`` designate (see SPECIFICATIONS),
        or an empty res.partner recordset."""
        if isinstance(company, int):
            company = self.env["res.company"].browse(company)
        company = company or self.env.company
        importer = self._with_phone_cache()
        code = (values.get("country_code") or "").strip().upper()
        country = code and self.env["res.country"].search([("code", "=", code)], limit=1)
        country = country or company.country_id
        fields_map = {"name": "name", "company_name": "company", "email": "email",
                      "mobile": "mobile", "phone": "phone"}
        # cleaned as the cells of a file
        row = [clean_cell(values.get(key) or "")[0] for key in fields_map]
        data = parse_row(
            row,
            dict(enumerate(fields_map.values())),
            {},
            lambda number, __: importer._parse_phone(number, country),
        )
        keys = row_keys(data["email_normalized"], data["e164"], data["name"], data["company"])
        if not keys:
            return self.env["res.partner"]
        data["keys"] = keys
        by_email, by_phone, by_name, __ = importer._match_existing(
            {key for kind, key in keys if kind == "email"},
            {key for kind, key in keys if kind == "phone"},
            {key for kind, key in keys if kind == "name" and key[1]},
            set(),
            country,
            companies=company,
        )
        match = find_match([data], {"email": by_email, "phone": by_phone, "name": by_name})
        return self.env["res.partner"].browse(match[0] if match else [])

    # ------------------------------------------------------------------
    # Messages
    # ------------------------------------------------------------------

    @api.model
    def _problem_text(self, problem):
        """The message of a row problem (code, parameters) of ``contact_rows``,
        in the user's language (``_`` is called here, where ``self`` gives
        the language: not in a lambda or a comprehension)."""
        code, params = problem
        if code == "invalid_email":
            return _("Invalid email address “%(email)s”", email=params["email"])
        if code == "several_emails":
            return _("Several addresses: only %(email)s is kept", email=params["email"])
        if code == "no_name":
            return _("No name and no email")
        if code == "unknown_country":
            return _("Unknown country “%(country)s”", country=params["country"])
        if code == "bad_phone":
            return _("Phone number “%(phone)s” not recognised: kept as written", phone=params["phone"])
        if code == "bad_date":
            return _("Date “%(date)s” not understood: the default date is used", date=params["date"])
        raise ValueError(code)

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
            "badge_code": _("Badge code"),
            "met_date": _("Met on"),
        }[key]

    # ------------------------------------------------------------------
    # Lookups (one query for all the rows)
    # ------------------------------------------------------------------

    def _with_phone_cache(self):
        if self.env.context.get("expo_phone_cache") is None:
            return self.with_context(expo_phone_cache={})
        return self

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
        for xmlid, names in shipped_country_names().items():
            if xmlid in by_xmlid:
                for name in names:
                    index.setdefault(normalize_country(name), by_xmlid[xmlid])
        for alias, code in COUNTRY_ALIASES.items():
            if code in by_code:
                index.setdefault(alias, by_code[code])
        return index

    @api.model
    def _parse_phone(self, number, country):
        """(E.164, international format) of a number in ``country`` (a
        res.country), (False, False) when it cannot be understood. Memoised
        in the ``expo_phone_cache`` of the context (same number, same
        country)."""
        if not number:
            return False, False
        code = country.code if country else None
        cache = self.env.context.get("expo_phone_cache")
        if cache is None:
            return parse_phone(number, code)
        key = (number, code)
        if key not in cache:
            cache[key] = parse_phone(number, code)
        return cache[key]

    def _partner_scope_sql(self, alias, companies=None):
        """Partners the user may match: active, and shared or of one of
        ``companies`` (default: the allowed companies)."""
        companies = companies if companies is not None else self.env.companies
        return SQL(
            "%(p)s.active AND (%(p)s.company_id IS NULL OR %(p)s.company_id = ANY(%(cids)s))",
            p=SQL.identifier(alias),
            cids=companies.ids,
        )

    def _match_existing(self, emails, numbers, name_keys, company_names, default_country,
                        companies=None):
        """Existing contacts for these keys, in one scan of res.partner:
        returns four dicts (lowest id wins)

        - {normalised email: partner id};
        - {E.164 number: partner id}, whatever the way the phone or mobile
          was typed: candidates come from ``phone_sanitized`` when
          phone_validation's mixin is on res.partner, and from the phone and
          mobile columns stripped of separators (the expression of the
          mixin's indexes) compared with the usual spellings of each number;
          they are confirmed in E.164 with their own country (else
          ``default_country``);
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
        variants = list(phone_variants(numbers))
        by_email = SQL("p.email_normalized = ANY(%s)", list(emails))
        by_phone = SQL(
            "(regexp_replace(p.phone, %s, '', 'g') = ANY(%s) OR regexp_replace(p.mobile, %s, '', 'g') = ANY(%s))",
            SEPARATORS_SQL_RE, variants, SEPARATORS_SQL_RE, variants,
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
        # only the kinds of key there are: each condition costs on every row
        people = [cond for keys, cond in ((emails, by_email), (numbers, by_phone), (name_keys, by_name)) if keys]
        people = SQL("(NOT p.is_company AND (%s))", SQL(" OR ").join(people)) if people else SQL("FALSE")
        firms = SQL("(p.is_company AND %s)", by_company) if company_names else SQL("FALSE")
        self.env.cr.execute(
            SQL(
                """SELECT p.id, p.is_company, p.email_normalized, p.phone, p.mobile, p.country_id,
                          lower(p.name), lower(COALESCE(c.name, p.company_name, '')),
                          COALESCE(%(by_email)s, FALSE), COALESCE(%(by_phone)s, FALSE)
                     FROM res_partner p LEFT JOIN res_partner c ON c.id = p.parent_id
                    WHERE %(scope)s AND (%(people)s OR %(firms)s)
                 ORDER BY p.id""",
                by_email=by_email,
                by_phone=by_phone,
                people=people,
                firms=firms,
                scope=self._partner_scope_sql("p", companies),
            )
        )
        rows = self.env.cr.fetchall()
        emails_found, phones_found, names_found, companies_found = {}, {}, {}, {}
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
