"""Merging the rows of a contact file that describe one person, and
choosing the existing contact a group of rows designates, in plain Python.

A row is identified by its keys: its normalised email, its phone numbers in
E.164, and its company + name (a bare name only for a row with nothing
else). Rows sharing a key are one contact. An existing contact is found by
email, then phone, then company + name; a name alone never designates one.
"""

from collections import defaultdict

MATCH_ORDER = ("email", "phone", "name")
# the values of a contact, merged from its rows: the first non-empty one
MERGED_FIELDS = (
    "name", "company", "function", "notes", "booth", "city", "website", "badge_code",
    "email", "mobile", "phone", "country_id", "met_date",
)


def row_keys(email_normalized, e164, name, company):
    """The matching keys of a row: ("email", address), ("phone", number),
    ("name", (name, company)) in lowercase."""
    keys = [("email", email_normalized)] if email_normalized else []
    keys += [("phone", number) for number in e164]
    if name and (company or not keys):
        # company + name; a bare name only identifies a row with nothing
        # else (no email, no phone, no company)
        keys.append(("name", (name.lower(), (company or "").lower())))
    return keys


def group_rows(rows):
    """Lists of the rows (dicts with ``keys``) sharing a key, directly or
    through other rows (union-find), in the order of their first row."""
    parent = list(range(len(rows)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_by_key = {}
    for i, data in enumerate(rows):
        for key in data["keys"]:
            if key in first_by_key:
                a, b = find(first_by_key[key]), find(i)
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                first_by_key[key] = i
    members = defaultdict(list)
    for i, data in enumerate(rows):
        members[find(i)].append(data)
    return [members[root] for root in sorted(members)]


def lookup_keys(rows):
    """(emails, phones, names, company names) to look up in the database
    for these rows."""
    emails = {key for d in rows for kind, key in d["keys"] if kind == "email"}
    phones = {key for d in rows for kind, key in d["keys"] if kind == "phone"}
    names = {key for d in rows for kind, key in d["keys"] if kind == "name"}
    companies = {d["company"].lower() for d in rows if d.get("company")}
    return emails, phones, names, companies


def find_match(rows, found):
    """(partner id, rule) of the existing contact these rows designate, or
    None. ``found`` is {rule: {key: partner id}} for email, phone, name."""
    for kind in MATCH_ORDER:
        lookup = found.get(kind) or {}
        for data in rows:
            for key_kind, key in data["keys"]:
                # a name alone never designates an existing contact
                if key_kind == kind and key in lookup and (kind != "name" or key[1]):
                    return lookup[key], kind
    return None


def find_namesake(rows, by_name):
    """An existing person with the bare name of one of these rows (a
    possible duplicate the user is warned of), or False."""
    return next(
        (by_name[key] for d in rows for kind, key in d["keys"]
         if kind == "name" and not key[1] and key in by_name),
        False,
    )


def match_groups(groups, found):
    """Groups ({"rows": [...]}) with their ``partner_id``, ``match_rule``
    and ``namesake``; groups of the file that found the same contact become
    one."""
    by_partner = {}
    merged = []
    for group in groups:
        match = find_match(group["rows"], found)
        group["partner_id"], group["match_rule"] = match or (False, False)
        group["namesake"] = False if match else find_namesake(group["rows"], found.get("name") or {})
        if match and match[0] in by_partner:
            by_partner[match[0]]["rows"] += group["rows"]
            continue
        if match:
            by_partner[match[0]] = group
        merged.append(group)
    return merged


def merge_values(rows):
    """The values of one contact from its rows (sorted): for each field the
    first non-empty value; the name defaults to the email; every E.164
    number of the rows."""
    merged = {key: next((d[key] for d in rows if d.get(key)), False) for key in MERGED_FIELDS}
    merged["name"] = merged["name"] or merged["email"]
    merged["e164"] = list(dict.fromkeys(n for d in rows for n in d["e164"]))
    return merged
