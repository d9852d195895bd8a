"""Contact fields from the text of a scanned badge (QR code or barcode).

SPECIFICATIONS
- ``parse_badge(text)`` returns a dict with those of ``name``,
  ``company_name``, ``function``, ``email``, ``phone``, ``mobile``,
  ``website``, ``street``, ``city``, ``country_code``, ``badge_code`` found;
  ``{}`` when the text cannot be understood (the caller keeps the raw text).
- vCard 2.1, 3.0 and 4.0: folded lines, ``ENCODING=QUOTED-PRINTABLE`` with
  soft line breaks, ``CHARSET=`` (UTF-8, GBK, GB2312, GB18030, Big5…),
  backslash escapes, ``TYPE=`` lists or bare 2.1 types, ``tel:`` URIs. The name
  is built from ``N`` (family;given;…) as "family+given" without space when
  Chinese, "given family" otherwise; a Latin ``FN`` wins over ``N``. ``ORG``'s
  first part is the company, ``TITLE`` the function; ``TEL`` typed ``CELL`` is
  the mobile, typed ``FAX`` is ignored, any other the phone.
- MECARD (``N:family,given;TEL:…;EMAIL:…;ORG:…;ADR:…;URL:…;;``) and BIZCARD
  (``N:given;X:family;T:title;C:company;A:address;B:phone;M:mobile;F:fax;E:…;;``).
- A bare e-mail address, a bare telephone number (written with ``+``/``tel:``,
  or a Chinese/Taiwanese mobile), several plain lines holding an e-mail
  address or a number (read as a card's lines).
- A URL or any other one-line code of printable characters (≤ 200) is
  ``{"badge_code": text}``: the fair's registration number.
"""

import quopri
import re
import unicodedata

from .card_parser import parse_card_lines
from .phones import normalize_phone
from .places import country_from_text

_CJK = re.compile(r"[\u3400-\u9fff]")
_EMAIL_ONLY = re.compile(r"(?:mailto:)?([A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})", re.I)
_PHONE_ONLY = re.compile(r"(?:tel:)?\+?[\d\s().\-]{7,22}", re.I)
_CODE = re.compile(r"[\x21-\x7e\u00a0-\uffff][\x20-\x7e\u00a0-\uffff]{0,199}")


def _unescape(value):
    return re.sub(r"\\([,;:\\nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def _split(value, sep):
    """Split on ``sep`` unless escaped by a backslash."""
    parts = re.split(r"(?<!\\)" + re.escape(sep), value)
    return [_unescape(p).strip() for p in parts]


def _name(family, given, full=None):
    family, given = (family or "").strip(), (given or "").strip()
    if full and not _CJK.search(full):
        return re.sub(r"\s+", " ", full).strip()
    if family or given:
        if _CJK.search(family + given):
            return family + given
        return " ".join(p for p in (given, family) if p)
    if full:
        return full.replace(" ", "") if re.fullmatch(r"[\u3400-\u9fff\s·]+", full) else full.strip()
    return None


def _put_phone(result, raw, kind):
    if kind == "fax":
        return
    parsed = normalize_phone(raw)
    number = parsed[0] if parsed else re.sub(r"[^\d+]", "", raw)
    if not number or len(number.lstrip("+")) < 5:
        return
    if kind is None and parsed:
        kind = "mobile" if parsed[1] == "mobile" else "phone"
    key = "mobile" if kind == "mobile" else "phone"
    if key in result and key == "mobile" and "phone" not in result:
        key = "phone"
    result.setdefault(key, number)


def _put_address(result, street, city, country):
    if street:
        result["street"] = street
    if city:
        result["city"] = city
    code = None
    if country:
        code = country.upper() if re.fullmatch(r"[A-Za-z]{2}", country) else country_from_text(country)
    code = code or country_from_text(" ".join(filter(None, [street, city])))
    if code:
        result["country_code"] = code


def _vcard_lines(text):
    lines = []
    for line in re.split(r"\r\n|\r|\n", text):
        if lines and line[:1] in (" ", "\t"):
            lines[-1] += line[1:]
        elif lines and lines[-1].endswith("=") and "QUOTED-PRINTABLE" in lines[-1].split(":", 1)[0].upper():
            lines[-1] = lines[-1][:-1] + line  # soft line break
        else:
            lines.append(line)
    return lines


def _vcard_value(params, value):
    charset = params.get("CHARSET", "utf-8")
    if params.get("ENCODING", "").upper() in ("QUOTED-PRINTABLE", "QP"):
        data = quopri.decodestring(value.encode("latin-1", "replace"))
        for enc in (charset, "utf-8", "gb18030", "big5"):
            try:
                return data.decode(enc)
            except (LookupError, UnicodeDecodeError):
                continue
        return data.decode("utf-8", "replace")
    return value


def _parse_vcard(text):
    result, fn, n_parts = {}, None, None
    for line in _vcard_lines(text):
        if ":" not in line:
            continue
        head, value = line.split(":", 1)
        parts = head.split(";")
        prop = parts[0].split(".")[-1].upper()  # item1.TEL -> TEL
        params, types = {}, set()
        for p in parts[1:]:
            key, _eq, val = p.partition("=")
            if _eq:
                params[key.upper()] = val.strip('"')
                if key.upper() == "TYPE":
                    types.update(t.strip().lower() for t in val.strip('"').split(","))
            else:
                types.add(key.lower())
                if key.upper() in ("QUOTED-PRINTABLE",):
                    params["ENCODING"] = "QUOTED-PRINTABLE"
        value = _vcard_value(params, value)
        if prop == "FN":
            fn = _unescape(value).strip()
        elif prop == "N":
            n_parts = _split(value, ";")
        elif prop == "ORG":
            org = [p for p in _split(value, ";") if p]
            if org:
                result.setdefault("company_name", org[0])
        elif prop == "TITLE" and value.strip():
            result.setdefault("function", _unescape(value).strip())
        elif prop == "EMAIL" and value.strip():
            result.setdefault("email", re.sub(r"^mailto:", "", value.strip(), flags=re.I))
        elif prop == "URL" and value.strip():
            result.setdefault("website", _unescape(value).strip())
        elif prop == "TEL" and value.strip():
            raw = re.sub(r"^tel:", "", value.strip(), flags=re.I)
            kind = "fax" if "fax" in types else "mobile" if types & {"cell", "mobile", "iphone"} else "phone"
            if not types - {"pref", "voice", "x-pref"}:
                kind = None  # untyped: the number's plan tells
            _put_phone(result, raw, kind)
        elif prop == "ADR" and "street" not in result:
            adr = _split(value, ";") + [""] * 7
            _put_address(result, ", ".join(p for p in adr[:3] if p), adr[3], adr[6])
    family, given = (n_parts + ["", ""])[:2] if n_parts else ("", "")
    name = _name(family, given, fn)
    if name:
        result["name"] = name
    return result


def _fields(body, sep=";"):
    out = []
    for part in _split(body, sep):
        key, _colon, value = part.partition(":")
        if _colon and value:
            out.append((key.strip().upper(), value.strip()))
    return out


def _parse_mecard(body):
    result = {}
    for key, value in _fields(body):
        if key == "N":
            family, _c, given = value.partition(",")
            result["name"] = _name(family, given)
        elif key == "ORG":
            result.setdefault("company_name", value)
        elif key == "TITLE":
            result.setdefault("function", value)
        elif key == "EMAIL":
            result.setdefault("email", value)
        elif key == "URL":
            result.setdefault("website", value)
        elif key in ("TEL", "TEL-AV"):
            _put_phone(result, value, None)
        elif key == "ADR":
            adr = [p.strip() for p in value.split(",")]
            if len(adr) >= 7:  # MECARD's ADR may use the vCard order with commas
                _put_address(result, ", ".join(p for p in adr[:3] if p), adr[3], adr[6])
            else:
                _put_address(result, value, None, None)
    return result


def _parse_bizcard(body):
    result, given, family = {}, "", ""
    for key, value in _fields(body):
        if key == "N":
            given = value
        elif key == "X":
            family = value
        elif key == "T":
            result["function"] = value
        elif key == "C":
            result["company_name"] = value
        elif key == "A":
            _put_address(result, value, None, None)
        elif key == "B":
            _put_phone(result, value, "phone")
        elif key == "M":
            _put_phone(result, value, "mobile")
        elif key == "E":
            result["email"] = value
    name = _name(family, given)
    if name:
        result["name"] = name
    return result


def parse_badge(text):
    """See the module's specifications."""
    if not isinstance(text, str):
        try:
            text = (text or b"").decode("utf-8")
        except (UnicodeDecodeError, AttributeError):
            return {}
    text = text.strip().lstrip("\ufeff")
    if not text:
        return {}
    upper = text[:12].upper()
    if "BEGIN:VCARD" in text[:200].upper():
        start = text.upper().index("BEGIN:VCARD")
        end = text.upper().find("END:VCARD", start)
        return {k: v for k, v in _parse_vcard(text[start: end if end > 0 else None]).items() if v}
    if upper.startswith("MECARD:"):
        return {k: v for k, v in _parse_mecard(text[7:]).items() if v}
    if upper.startswith("BIZCARD:"):
        return {k: v for k, v in _parse_bizcard(text[8:]).items() if v}
    single = unicodedata.normalize("NFKC", text)
    m = _EMAIL_ONLY.fullmatch(single)
    if m:
        return {"email": m.group(1)}
    if _PHONE_ONLY.fullmatch(single):
        parsed = normalize_phone(re.sub(r"^tel:", "", single, flags=re.I))
        explicit = single.lower().startswith(("tel:", "+", "00"))
        if parsed and (explicit or parsed[1] == "mobile"):
            return {"mobile" if parsed[1] == "mobile" else "phone": parsed[0], "country_code": parsed[2]}
    if "\n" in text:
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) <= 30:
            found = parse_card_lines(lines)
            found.pop("raw_text", None)
            if {"email", "phone", "mobile"} & set(found):
                return found
        return {}
    if _CODE.fullmatch(text) and not any(unicodedata.category(c)[0] == "C" for c in text):
        return {"badge_code": text}
    return {}
