"""Phone numbers of a contact file, in plain Python: E.164 normalisation
(the one rule of the import and of the matching API) and the spellings of a
number as people type it (to find it in the phone columns of the database).
"""

import re

from odoo.addons.phone_validation.tools import phone_validation
from odoo.exceptions import UserError

try:
    import phonenumbers
except ImportError:  # pragma: no cover - phonenumbers is an Odoo requirement
    phonenumbers = None

# what people put between digits: removed before comparing stored numbers
SEPARATORS_SQL_RE = r"[\s\\./\(\)\-]"


def parse_phone(number, country_code=None):
    """(E.164, international format) of a number typed in ``country_code``'s
    national format or in international format; (False, False) when it
    cannot be understood."""
    if not number:
        return False, False
    if not phonenumbers:
        digits = re.sub(r"[^\d+]", "", number)
        return digits or False, number
    try:
        parsed = phone_validation.phone_parse(number, country_code or None)
    except UserError:
        return False, False
    if not parsed:
        return False, False
    return (
        phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164),
        phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL),
    )


def phone_variants(numbers):
    """The spellings of these E.164 numbers once separators are removed:
    as is, with 00 or without +, national with or without the trunk 0."""
    variants = set()
    for number in numbers:
        variants.update({number, "00" + number[1:], number[1:]})
        if phonenumbers:
            try:
                national = str(phonenumbers.parse(number).national_number)
            except phonenumbers.NumberParseException:
                continue
            variants.update({national, "0" + national})
    return variants
