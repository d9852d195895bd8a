"""Checking the email addresses of a contact file, in plain Python.

An address is taken as typed or refused, never "fixed": spaces inside an
address, empty labels (``foo@bar..com``), leading, trailing or doubled dots
make the row's address invalid.
"""

import re

_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
EMAIL_RE = re.compile(rf"^{_ATOM}(?:\.{_ATOM})*@(?:{_LABEL}\.)+[A-Za-z]{{2,63}}$")
SEPARATOR_RE = re.compile(r"[,;]")


def is_valid_email(address):
    """Whether ``address`` is one well-formed address (ASCII, with a dotted
    domain), with nothing around it."""
    return bool(address) and len(address) <= 254 and bool(EMAIL_RE.match(address))


def split_email_cell(value):
    """(address, several) of an email cell: the single address as typed, or
    the first of several ones separated by commas or semicolons. The address
    is not checked."""
    value = (value or "").strip()
    if SEPARATOR_RE.search(value) and value.count("@") > 1:
        parts = [part.strip() for part in SEPARATOR_RE.split(value) if part.strip()]
        return parts[0], True
    return value, False
