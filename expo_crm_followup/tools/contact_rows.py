"""Validating the rows of a contact file, in plain Python: names (first and
last name columns, Chinese order), emails, countries, phones and dates.

A row's problems are (code, parameters) pairs: ``errors`` skip the row,
``warnings`` only tell what was adjusted. The importer service turns them
into messages in the user's language.
"""

import datetime
import re

from odoo.tools import email_normalize

from .contact_country import normalize_country
from .contact_email import is_valid_email, split_email_cell
from .contact_merge import row_keys

# cells copied as they are (after cleaning)
TEXT_FIELDS = ("name", "company", "function", "notes", "booth", "city", "website", "badge_code")
DATE_SEPARATORS_RE = re.compile(r"[/.年月]")


def has_cjk(value):
    return any("\u4e00" <= char <= "\u9fff" for char in value)


def full_name(first, last):
    """A person's name from first and last name: family name first and no
    space in Chinese, "first last" otherwise."""
    if has_cjk(first + last):
        return f"{last}{first}"
    return " ".join(part for part in (first, last) if part)


def parse_date(value):
    """The date of a cell written 2031-04-16, 2031/4/16, 2031.04.16 or
    2031年4月16日 (a time after it is ignored), or None."""
    text = DATE_SEPARATORS_RE.sub("-", value[:10]).rstrip("日")
    try:
        return datetime.datetime.strptime(text[:10], "%Y-%m-%d").date()
    except ValueError:
        return None


def parse_row(row, mapping, countries, parse_phone):
    """The row's cleaned values, matching keys and problems.

    ``mapping`` is {column: field}; ``countries`` {normalised name or code:
    country id}; ``parse_phone(number, country id or False)`` returns
    (E.164, international format) or (False, False)."""
    values = {key: row[col] if col < len(row) else "" for col, key in mapping.items()}
    data = {"errors": [], "warnings": []}
    for key in TEXT_FIELDS:
        data[key] = values.get(key, "")
    if not data["name"] and (values.get("first_name") or values.get("last_name")):
        data["name"] = full_name(values.get("first_name", ""), values.get("last_name", ""))
    # email: taken as typed or refused, never fixed
    raw_email = values.get("email", "")
    data["raw_email"] = raw_email
    data["email"] = data["email_normalized"] = False
    if raw_email:
        address, several = split_email_cell(raw_email)
        normalized = is_valid_email(address) and email_normalize(address)
        if not normalized:
            data["errors"].append(("invalid_email", {"email": raw_email}))
        elif several:
            data["email"] = data["email_normalized"] = normalized
            data["warnings"].append(("several_emails", {"email": normalized}))
        else:
            data["email"] = address
            data["email_normalized"] = normalized
    if not data["name"] and not raw_email:
        data["errors"].append(("no_name", {}))
    # country
    data["country_id"] = False
    raw_country = values.get("country", "")
    if raw_country:
        data["country_id"] = countries.get(normalize_country(raw_country), False)
        if not data["country_id"]:
            data["errors"].append(("unknown_country", {"country": raw_country}))
    data["country_label"] = raw_country
    # phones, in E.164 with the row's country or the default one
    data["e164"] = []
    for key in ("mobile", "phone"):
        raw = values.get(key, "")
        data[key] = raw or False
        if not raw:
            continue
        e164, formatted = parse_phone(raw, data["country_id"])
        if e164:
            data[key] = formatted
            data["e164"].append(e164)
        else:
            data["warnings"].append(("bad_phone", {"phone": raw}))
    data["phone_label"] = values.get("mobile") or values.get("phone") or ""
    # date met
    data["met_date"] = False
    raw_date = values.get("met_date", "")
    if raw_date:
        data["met_date"] = parse_date(raw_date) or False
        if not data["met_date"]:
            data["warnings"].append(("bad_date", {"date": raw_date}))
    return data


def with_keys(data):
    """The row with its matching keys (see ``contact_merge.row_keys``)."""
    data["keys"] = row_keys(data["email_normalized"], data["e164"], data["name"], data["company"])
    return data
