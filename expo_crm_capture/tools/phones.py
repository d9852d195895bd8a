"""Telephone numbers read from badges and business cards.

SPECIFICATIONS
- ``normalize_phone(raw, country=None)`` returns ``(e164, kind, country_code)``
  or ``None`` when ``raw`` holds no valid number. ``kind`` is ``"mobile"``,
  ``"fixed"`` or ``"unknown"`` (a number whose plan does not tell).
- A number written with ``+`` or ``00`` is read as international; otherwise the
  country is ``country`` if given, else guessed from the number's shape:
  ``1[3-9]`` + 9 digits is a Chinese mobile, ``09`` + 8 digits a Taiwanese
  mobile, ``0`` + 9 digits a Taiwanese landline (area code ``02``–``08``),
  ``0`` + 10/11 digits a Chinese landline with its area code, 8 digits starting
  ``2``/``3`` (fixed) or ``5``/``6``/``9`` (mobile) a Hong Kong number.
- An extension (``ext. 12``, ``x12``, ``转 12``, ``轉 12``) is dropped.
- Pure Python on top of ``phonenumbers``; no Odoo import.
"""

import re

try:
    import phonenumbers
    from phonenumbers import PhoneNumberType
except ImportError:  # pragma: no cover - phonenumbers is an Odoo requirement
    phonenumbers = None

_EXTENSION = re.compile(r"\s*(?:ext\.?|extn\.?|x|#|转|轉|分机|分機)\s*\d{1,6}\s*$", re.IGNORECASE)
_NOT_DIAL = re.compile(r"[^\d+]")
_DIGITS_RUN = re.compile(r"\+?\(?\d[\d\s().\-]{5,}\d")

_CN_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_TW_MOBILE = re.compile(r"^09\d{8}$")
_TW_FIXED = re.compile(r"^0[2-8]\d{7,8}$")
_CN_FIXED = re.compile(r"^0[1-9]\d{9,10}$")
_HK = re.compile(r"^[235689]\d{7}$")


def dial_digits(raw):
    """``raw`` without extension, keeping only digits and a leading ``+``
    (``00`` becomes ``+``)."""
    text = _EXTENSION.sub("", raw or "").strip()
    text = text.replace("(0)", "")
    digits = _NOT_DIAL.sub("", text)
    plus = digits.startswith("+")
    digits = digits.replace("+", "")
    if plus:
        return "+" + digits
    if digits.startswith("00") and len(digits) > 9:
        return "+" + digits[2:]
    return digits


def guess_region(digits):
    """The region a national number written without country code most likely
    belongs to, from its shape only, or ``None``."""
    if _CN_MOBILE.match(digits):
        return "CN"
    if _TW_MOBILE.match(digits):
        return "TW"
    if len(digits) == 10 and _TW_FIXED.match(digits):
        return "TW"
    if len(digits) == 9 and _TW_FIXED.match(digits) and digits[1] in "345678":
        return "TW"
    if _CN_FIXED.match(digits):
        return "CN"
    if _HK.match(digits):
        return "HK"
    return None


_KINDS = {}
if phonenumbers:
    _KINDS = {
        PhoneNumberType.MOBILE: "mobile",
        PhoneNumberType.FIXED_LINE: "fixed",
        PhoneNumberType.FIXED_LINE_OR_MOBILE: "unknown",
        PhoneNumberType.TOLL_FREE: "fixed",
        PhoneNumberType.SHARED_COST: "fixed",
        PhoneNumberType.VOIP: "fixed",
        PhoneNumberType.UAN: "fixed",
    }


def normalize_phone(raw, country=None):
    """See the module's specifications."""
    if not phonenumbers or not raw:
        return None
    digits = dial_digits(raw)
    if len(digits.lstrip("+")) < 6 or len(digits.lstrip("+")) > 15:
        return None
    regions = []
    if not digits.startswith("+"):
        guessed = guess_region(digits)
        for region in (country, guessed):
            if region and region not in regions:
                regions.append(region)
        if not regions:
            return None
    for region in regions or [None]:
        try:
            number = phonenumbers.parse(digits, region)
        except phonenumbers.NumberParseException:
            continue
        if not phonenumbers.is_valid_number(number):
            continue
        kind = _KINDS.get(phonenumbers.number_type(number), "unknown")
        return (
            phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
            kind,
            phonenumbers.region_code_for_number(number),
        )
    return None


def find_numbers(text):
    """The digit runs of ``text`` that may be telephone numbers, in order."""
    return [m.group(0) for m in _DIGITS_RUN.finditer(text or "")]
