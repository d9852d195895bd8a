"""Benchmark rows of expo_crm_followup: the contact import wizard.

10,000 scanned contacts (CSV) are imported into a fair by
``expo.contact.import`` (preview, then import: validation, merging of the
duplicates inside the file, matching by email, E.164 phone and company +
name against 50,000 existing contacts, companies, participations), side by
side with Odoo's own base_import (``parse_preview`` then ``execute_import``)
of the same file into res.partner, which matches nothing.

The file: 3,000 rows find an existing contact by email (case and space
variants), 1,000 by mobile number only (national format), 500 by company and
name, 5,100 are new contacts (half of them in 800 new companies, half in
existing companies), 300 repeat a new contact of the file, 100 have an
invalid email. Countries are English names, so that base_import resolves
them too.
"""

import base64
import csv
import io
from datetime import date, timedelta

from harness import Job

EXISTING = 50_000
ROWS = 10_000
COUNTRIES = ["China", "Germany", "United States", "Japan", "France"]


def _mobile(number):
    digits = f"{number:08d}"
    return f"139{digits}"


def _csv_bytes():
    header = ["Name", "Company", "Email", "Mobile", "Country", "Job Title", "Notes"]
    rows = []
    for i in range(ROWS):
        if i < 3000:  # existing contact, by email (other case, spaces)
            g = i * 7 + 1
            rows.append([f"Bench person {g}", "", f" PERSON{g}@Imp.Example.com ", "", "China", "", ""])
        elif i < 4000:  # existing contact, by mobile only, typed another way
            g = 2 * i + 30000
            d = f"{g:08d}"
            rows.append([f"Bench person {g}", "", "", f"139-{d[:4]}-{d[4:]}", "China", "Engineer", ""])
        elif i < 4500:  # existing contact, by company and name
            g = 5 * (i - 4000 + 9000)
            rows.append([f"bench PERSON {g}", f"Bench company {g // 5}", "", "", "China", "", ""])
        elif i < 9600:  # new contacts
            company = f"New company {i % 800}" if i % 2 else f"Bench company {i}"
            rows.append([
                f"New buyer {i}", company, f"buyer{i}@new.example.org", f"+86 137 {i:04d} {i % 9999:04d}",
                COUNTRIES[i % len(COUNTRIES)], "Buyer", "Asked for the catalogue",
            ])
        elif i < 9900:  # the same new contact again, other spelling of the email
            j = i - 5000
            rows.append([f"New buyer {j}", "", f"Buyer{j}@NEW.example.org", "", COUNTRIES[j % len(COUNTRIES)], "", ""])
        else:  # invalid email: skipped by the wizard, imported as text by base_import
            rows.append([f"Broken {i}", "", f"broken{i}@", "", "China", "", ""])
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def prepare(env, scale):
    """50,000 existing people (not timed): emails, E.164 mobiles on half of
    them, a company on one in five, as plain SQL; and the target fair."""
    cr = env.cr
    china = env.ref("base.cn").id
    cr.execute(
        """
        INSERT INTO res_partner (name, complete_name, ref, email, email_normalized, mobile, phone_sanitized,
                                 country_id, parent_id, is_company, active, type, lang,
                                 create_uid, create_date, write_uid, write_date)
        SELECT 'Bench person ' || g, 'Bench person ' || g, 'bench-imp-' || g,
               'person' || g || '@imp.example.com', 'person' || g || '@imp.example.com',
               CASE WHEN g %% 2 = 0 THEN '+86 139 ' || substr(lpad(g::text, 8, '0'), 1, 4) || ' '
                                          || substr(lpad(g::text, 8, '0'), 5, 4) END,
               CASE WHEN g %% 2 = 0 THEN '+86139' || lpad(g::text, 8, '0') END,
               %s,
               CASE WHEN g %% 5 = 0 THEN (SELECT id FROM res_partner c WHERE c.ref = 'bench-' || (g / 5)) END,
               FALSE, TRUE, 'contact', 'en_US', %s, now(), %s, now()
          FROM generate_series(1, %s) g
        """,
        [china, env.uid, env.uid, EXISTING],
    )
    cr.execute(
        """UPDATE res_partner SET commercial_partner_id = COALESCE(parent_id, id)
            WHERE ref LIKE 'bench-imp-%%' OR (ref LIKE 'bench-%%' AND commercial_partner_id IS NULL)"""
    )
    cr.execute("ANALYZE res_partner")
    env.invalidate_all()
    scale["fair_id"] = env["expo.fair"].create(
        # a fair that has taken place: its contacts may be marked attended
        {"name": "Bench import fair", "date_begin": date.today() - timedelta(days=20),
         "date_end": date.today() - timedelta(days=16)}
    ).id


def prepare_foreground(env, scale):
    """``prepare``, and 10,000 rows imported while the user waits (a file
    above the threshold goes to the background job, which has its own row)."""
    prepare(env, scale)
    env["ir.config_parameter"].set_param("expo_crm_followup.import_background_rows", ROWS)


def _wizard(env, scale):
    return env["expo.contact.import"].create(
        {"fair_id": scale["fair_id"], "file": base64.b64encode(_csv_bytes()), "file_name": "scans.csv"}
    )


def _summary(wizard):
    assert wizard.state == "done", wizard.state
    return f"{wizard.created_count} new, {wizard.updated_count} matched, {wizard.skipped_count} skipped"


def expo_import(env, scale):
    """The wizard's "Import without preview" button."""
    wizard = _wizard(env, scale)
    wizard.action_import()
    return _summary(wizard)


def expo_preview_import(env, scale):
    """Preview (every row validated and matched, one line each), then Import."""
    wizard = _wizard(env, scale)
    wizard.action_preview()
    wizard.action_import()
    return _summary(wizard)


def base_import(env, scale, data=None):
    wizard = env["base_import.import"].create(
        {"res_model": "res.partner", "file": data or _csv_bytes(), "file_name": "scans.csv",
         "file_type": "text/csv"}
    )
    options = {
        "has_headers": True, "quoting": '"', "separator": ",", "encoding": "utf-8",
        "date_format": "", "datetime_format": "", "float_thousand_separator": ",",
        "float_decimal_separator": ".", "fallback_values": {}, "name_create_enabled_fields": {},
        "import_skip_records": [], "import_set_empty_fields": [],
    }
    preview = wizard.parse_preview(dict(options), count=10)
    assert not preview.get("error"), preview
    fields = ["name", "company_name", "email", "mobile", "country_id", "function", "comment"]
    result = wizard.execute_import(fields, preview["headers"], dict(options))
    errors = [m for m in result["messages"] if m.get("type") == "error"]
    assert not errors, errors[:3]
    return f"{len(result['ids'])} created"


# ---------------------------------------------------------------------------
# 100,000 rows: the background job (chunks of 1,000 rows) against base_import
# ---------------------------------------------------------------------------

BIG_ROWS = 100_000
_BIG_FILE = {}


def _big_csv_bytes():
    """100,000 rows against the 50,000 people of ``prepare``: 25,000 find a
    person by email (case and space variants), 10,000 by mobile only
    (national format), 3,000 by company and name, 58,000 are new contacts
    (half in 8,000 new companies, half in existing ones), 3,000 repeat a new
    contact of the file (other spelling of the email, often in a later
    chunk), 1,000 have an invalid email."""
    if "csv" in _BIG_FILE:
        return _BIG_FILE["csv"]
    header = ["Name", "Company", "Email", "Mobile", "Country", "Job Title", "Notes"]
    rows = []
    for i in range(BIG_ROWS):
        if i < 25_000:  # odd people, by email
            g = 2 * i + 1
            rows.append([f"Bench person {g}", "", f" PERSON{g}@Imp.Example.com ", "", "China", "", ""])
        elif i < 35_000:  # even people 2..20,000, by mobile only
            d = f"{2 * (i - 25_000) + 2:08d}"
            rows.append([f"Bench person {int(d)}", "", "", f"139-{d[:4]}-{d[4:]}", "China", "Engineer", ""])
        elif i < 38_000:  # even people of a company above 20,000, by company and name
            g = 20_010 + 10 * (i - 35_000)
            rows.append([f"bench PERSON {g}", f"Bench company {g // 5}", "", "", "China", "", ""])
        elif i < 96_000:  # new contacts
            company = f"New company {i % 8000}" if i % 2 else f"Bench company {i % 40_000 + 1}"
            d = f"{i:08d}"
            rows.append([
                f"New buyer {i}", company, f"buyer{i}@new.example.org", f"+86 137 {d[:4]} {d[4:]}",
                COUNTRIES[i % len(COUNTRIES)], "Buyer", "Asked for the catalogue",
            ])
        elif i < 99_000:  # a new contact of the file again, other spelling of the email
            j = 38_000 + (i - 96_000) * 19
            rows.append([f"New buyer {j}", "", f"Buyer{j}@NEW.example.org", "", COUNTRIES[j % len(COUNTRIES)], "", ""])
        else:  # invalid email
            rows.append([f"Broken {i}", "", f"broken{i}@", "", "China", "", ""])
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    _BIG_FILE["csv"] = buffer.getvalue().encode("utf-8")
    return _BIG_FILE["csv"]


def prepare_big(env, scale):
    prepare(env, scale)
    _big_csv_bytes()  # built once, not timed


def expo_background_import(env, scale):
    """Import on the 100,000-row file: queued, then the cron's calls until
    the job is done (no commit: the harness rolls back)."""
    Import = env["expo.contact.import"].with_context(expo_import_no_commit=True)
    wizard = Import.create(
        {"fair_id": scale["fair_id"], "file": base64.b64encode(_big_csv_bytes()), "file_name": "scans.csv"}
    )
    wizard.action_import()
    assert wizard.state == "queued", wizard.state
    while wizard.state != "done":
        Import._cron_import_contacts()
    return _summary(wizard)


def base_import_big(env, scale):
    return base_import(env, scale, data=_big_csv_bytes())


def size(scale):
    return f"{ROWS:,} rows vs {EXISTING:,} existing people (+{scale['partners']:,} companies)"


JOBS = [
    Job(
        name="Contact import: 10,000 scanned contacts into a fair, with matching",
        prepare=prepare_foreground,
        run=expo_import,
        reference=base_import,
        reference_name="base_import of the same file into res.partner (no matching)",
        size=size,
        target="≤ 1×",
    ),
    Job(
        name="Contact import with preview step: 10,000 scanned contacts",
        prepare=prepare_foreground,
        run=expo_preview_import,
        reference=base_import,
        reference_name="base_import of the same file into res.partner (no matching)",
        size=size,
        target="reported",
    ),
    Job(
        name="Contact import in the background: 100,000 scanned contacts, chunks of 1,000",
        prepare=prepare_big,
        run=expo_background_import,
        reference=base_import_big,
        reference_name="base_import of the same file into res.partner (no matching)",
        size=lambda scale: f"{BIG_ROWS:,} rows vs {EXISTING:,} existing people (+{scale['partners']:,} companies)",
        target="≤ 1×, ≤ 500 MiB",
        repeat=1,
    ),
]
