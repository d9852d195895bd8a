"""Contact fields from the text lines of a business card.

SPECIFICATIONS
- ``parse_card_lines(lines)`` takes the lines read from a card, top to bottom
  (OCR output or typed text), and returns a dict with ``raw_text`` (the lines
  joined by newlines) and those of ``name``, ``company_name``, ``function``,
  ``email``, ``phone``, ``mobile``, ``website``, ``street``, ``city``,
  ``country_code`` that were found.
- Lines are NFKC-normalised first (full-width ``：，＠．（）`` and digits become
  ASCII), spaces that OCR inserts between Chinese characters or around the
  ``@`` and dots of an e-mail address or website are removed.
- A line may hold several labelled parts (``Tel: … Fax: …``); a label alone on
  its line labels the next line. Labels are those of :mod:`.lexicon`, in
  简体, 繁體 and English.
- A number labelled fax (传真, 傳真, Fax, F) is never a phone or mobile; nor is
  a number labelled WeChat, QQ, LINE or postcode, nor one inside an address.
- phone/mobile are E.164 when the country is known or guessable (see
  :mod:`.phones`); a number labelled mobile is the mobile, one labelled
  telephone the phone unless it is a mobile number and no mobile was labelled;
  an unlabelled number goes by its plan.
- On bilingual cards the Chinese name, company and title win over the English.
- ``country_code`` comes from the address, else from the first international
  number, else from the shape of local numbers. ``default_country`` (e.g. the
  fair's country) is the country of local numbers when nothing else tells.
"""

import re
import unicodedata

from . import lexicon
from .phones import find_numbers, normalize_phone
from .places import country_from_text, split_address
from .script import is_traditional, to_traditional

CJK = r"\u3400-\u9fff"
_CJK_RE = re.compile("[%s]" % CJK)
_CJK_SPACE = re.compile(r"(?<=[%s])\s+(?=[%s])" % (CJK, CJK))
_EMAIL = re.compile(r"[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_URL = re.compile(
    r"(?:https?://)?(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:com|net|org|cn|tw|hk|de|sg|biz|info|io|co|"
    r"uk|jp|kr|fr|it|es|nl|ch|us|ca|au|eu|vn|my|asia|group|tech|com\.cn|com\.tw|com\.hk)(?:/[^\s]*)?",
    re.IGNORECASE,
)
_ADDRESS_CJK = re.compile(r"(?:省|市|区|區|县|縣|镇|鎮|路|街|道|号|號|大厦|大廈|楼|樓|室|巷|弄|段|村|园|園)")
_ADDRESS_LATIN = re.compile(
    r"\b(?:street|st\.|road|rd\.?|avenue|ave\.?|boulevard|blvd\.?|lane|ln\.|drive|dr\.|suite|floor|fl\.|"
    r"building|bldg\.?|district|industrial park|zone|park|room|rm\.?|no\.|p\.?o\.? box|straße|strasse|str\.|"
    r"way|highway|plaza|tower|centre|center)(?=\W|$)",
    re.IGNORECASE,
)
_LATIN_NAME = re.compile(
    r"^(?:(?i:mr|ms|mrs|dr|prof)\.?\s+)?([A-Z\u00c0-\u00de][^\W\d_'\-]*[.'\-]?[^\W\d_]*"
    r"(?:\s+[A-Z\u00c0-\u00de][^\W\d_'\-]*[.'\-]?[^\W\d_]*){1,3})$"
)


_GLUED_WORDS = re.compile(r"(?<=[a-z]{2})(?<!Gmb)(?<!Linked)(?<!You)(?=[A-Z])")
_GLUED_OF = re.compile(r"(?<=[a-z]{3})(of|and|for)(?= [A-Z])")


def _unglue(token):
    """'JuliaTaylor' -> 'Julia Taylor', 'HeadofProcurement' -> 'Head of
    Procurement' (OCR loses spaces in Latin text); not in addresses of the web."""
    if "@" in token or "www" in token.lower() or "://" in token:
        return token
    return _GLUED_OF.sub(r" \1", _GLUED_WORDS.sub(" ", token))


def _normalize(line):
    text = unicodedata.normalize("NFKC", str(line)).replace("\u3000", " ")
    text = text.replace("|", " | ").replace("•", " ")
    text = " ".join(_unglue(t) for t in text.split())
    return _CJK_SPACE.sub("", text)


def _segments(lines):
    """[field or None, value, line index] for each labelled or bare part."""
    out = []
    for idx, line in enumerate(lines):
        matches = list(lexicon.LABEL_RE.finditer(line))
        if not matches:
            out.append([None, line, idx])
            continue
        if matches[0].start() > 0:
            head = line[: matches[0].start()].strip(" |,;/")
            if head:
                out.append([None, head, idx])
        for i, m in enumerate(matches):
            end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
            label = re.sub(r"\s", "", (m.group(1) or m.group(2))).lower()
            value = line[m.end(): end].strip(" |,;/:")
            out.append([lexicon.LABEL_FIELD.get(label, "other"), value, idx])
    # a label alone labels the next bare part
    for i, seg in enumerate(out):
        if seg[0] and not seg[1] and i + 1 < len(out) and out[i + 1][0] is None:
            seg[1] = out[i + 1][1]
            out[i + 1][0] = "used"
    return [s for s in out if s[1] and s[0] != "used"]


def _fix_spaces(text):
    return re.sub(r"\s*([@.])\s*", r"\1", text)


_GLUED_LABEL = re.compile(r"^(?:E|Email|E-mail|Mail)(?=[a-z0-9][a-z0-9._%+-]*@[a-z0-9.-]+$)")


def _find_email(text):
    m = _EMAIL.search(_fix_spaces(text))
    if not m:
        return None
    # 'Ejulia@x.com': the label 'E' glued to a lower-case address by OCR
    return _GLUED_LABEL.sub("", m.group(0).strip("."))


def _find_url(text, labelled=False):
    cleaned = _fix_spaces(text).replace(" ", "") if labelled else _fix_spaces(text)
    www = cleaned.lower().find("www.")
    if www > 0 and cleaned[www - 1] not in "/.":
        cleaned = cleaned[www:]  # 'Wwww.x.com': the label 'W' glued by OCR
    for m in _URL.finditer(cleaned):
        start, end = m.span()
        if start > 0 and cleaned[start - 1] in "@.":
            continue
        if end < len(cleaned) and cleaned[end] == "@":
            continue
        url = m.group(0).rstrip("/.")
        if labelled or url.lower().startswith(("www.", "http")):
            return url.lower() if not url.lower().startswith("http") else url
    return None


def _is_address(text):
    if _CJK_RE.search(text):
        return len(text) >= 7 and len(_ADDRESS_CJK.findall(text)) >= 2 and bool(re.search(r"\d", text))
    return bool(_ADDRESS_LATIN.search(text)) and bool(re.search(r"\d", text)) or bool(
        re.search(r"\b\d{4,6}\b", text) and country_from_text(text) and "," in text
    )


def _company_score(text):
    if re.search(r"\d{3,}|@|www\.", text):
        return 0
    if _CJK_RE.search(text):
        compact = text.replace(" ", "")
        for i, suffix in enumerate(lexicon.COMPANY_SUFFIXES_CJK):
            if compact.endswith(suffix) or (i < 8 and suffix in compact):
                return 10 - (i >= 8) * 3 if len(compact) > len(suffix) + 1 else 0
        return 0
    if lexicon.COMPANY_STRONG_LATIN_RE.search(text):
        return 8
    if lexicon.COMPANY_LATIN_RE.search(text) and len(text.split()) >= 2:
        return 4
    return 0


def _is_title(text):
    if re.search(r"\d|@", text) or len(text) > 60:
        return False
    if _CJK_RE.search(text):
        return bool(lexicon.TITLE_CJK_RE.search(text)) and len(text.replace(" ", "")) <= 16
    return bool(lexicon.TITLE_LATIN_RE.search(text)) and len(text.split()) <= 7


def _cjk_name(text):
    compact = re.sub(r"[\s·•]", "", text)
    if not re.fullmatch("[%s]{2,4}" % CJK, compact):
        return None, 0
    if lexicon.TITLE_CJK_RE.search(compact) or _company_score(compact):
        return None, 0
    if compact[:2] in lexicon.COMPOUND_SURNAMES or compact[0] in lexicon.SURNAMES:
        return compact, 3 if len(compact) <= 3 else 2
    return compact, 1


def _latin_name(text):
    text = text.strip(" ,")
    if text.isupper() and len(text) > 3:
        text = text.title()
    m = _LATIN_NAME.match(text)
    if not m:
        return None
    name = m.group(1)
    if lexicon.TITLE_LATIN_RE.search(name) or _company_score(name) or country_from_text(name):
        return None
    if _ADDRESS_LATIN.search(name):
        return None
    return name


def _split_name_title(text):
    """'张伟明 销售总监' -> ('张伟明', '销售总监'); 'John Smith, Sales Manager' too."""
    for sep in (" | ", ", ", " / ", " - ", " "):
        if sep in text:
            head, tail = text.split(sep, 1)
            if sep == " " and not _cjk_name(head)[0]:
                continue
            if _is_title(tail) and not _is_title(head) and (_cjk_name(head)[0] or _latin_name(head)):
                return head.strip(), tail.strip()
    if _CJK_RE.match(text) and _is_title(text):
        # '陳怡君業務經理': a name with its surname, then the title
        cuts = []
        for cut in (2, 3, 4):
            head, tail = text[:cut], text[cut:]
            if _cjk_name(head)[1] >= 2 and _is_title(tail) and not lexicon.TITLE_CJK_RE.search(head):
                starts = tail.startswith(lexicon.TITLE_STARTS_CJK) or lexicon.TITLE_CJK_RE.match(tail)
                cuts.append((not starts, cut != 3, cut))
        if cuts:
            cut = min(cuts)[2]
            return text[:cut], text[cut:]
    return text, None


def _cjk_restore(text):
    if _CJK_RE.search(text):
        return text.replace("(", "（").replace(")", "）")
    return text


def parse_card_lines(lines, default_country=None):
    """See the module's specifications."""
    raw = [str(line).strip() for line in (lines or []) if line and str(line).strip()]
    result = {"raw_text": "\n".join(raw)}
    if not raw:
        return result
    segs = _segments([_normalize(line) for line in raw])
    used = set()

    def take(key, value):
        if value and key not in result:
            result[key] = value

    # e-mail addresses and websites
    for i, (field, value, _idx) in enumerate(segs):
        if field in (None, "email", "website") and "@" in value:
            email = _find_email(value)
            if email:
                take("email", email)
                used.add(i)
                continue
        if field == "website" or (field is None and re.search(r"www\.|https?://", value, re.IGNORECASE)):
            url = _find_url(value, labelled=field == "website")
            if url:
                take("website", url)
                used.add(i)
    # addresses: labelled, continued on the next bare line, or recognisable
    addresses = []
    for i, (field, value, idx) in enumerate(segs):
        if i in used:
            continue
        if field == "address" or (field is None and _is_address(value)):
            if field == "address" and i + 1 < len(segs) and segs[i + 1][0] is None and segs[i + 1][2] == idx + 1:
                nxt = segs[i + 1][1]
                if _is_address(nxt) or (re.search(r"\d{4,6}", nxt) and country_from_text(nxt)):
                    value = value + ("" if _CJK_RE.search(value) else ", ") + nxt
                    used.add(i + 1)
            addresses.append(value)
            used.add(i)
    hint = country_from_text(" ".join(addresses)) if addresses else None
    if not hint:
        for _field, value, _idx in segs:
            m = re.search(r"\+\s*(\d{1,3})", value)
            parsed = normalize_phone(value[m.start():], None) if m else None
            if parsed:
                hint = parsed[2]
                break
    hint = hint or default_country
    # telephone numbers
    labelled_mobile = False
    pending_phone = []
    for i, (field, value, _idx) in enumerate(segs):
        if i in used or field not in (None, "mobile", "phone", "fax"):
            continue
        numbers = [n for n in (normalize_phone(raw_n, hint) for raw_n in find_numbers(value)) if n]
        if not numbers:
            continue
        used.add(i)
        if field == "fax":
            continue
        e164, kind, region = numbers[0]
        hint = hint or region
        if field == "mobile":
            if "mobile" in result and result["mobile"] != e164 and "phone" not in result and kind != "mobile":
                take("phone", e164)
            take("mobile", e164)
            labelled_mobile = True
        elif kind == "mobile":
            pending_phone.append((field, e164))
        else:
            take("phone", e164)
    for field, e164 in pending_phone:
        if "mobile" not in result and not (labelled_mobile and field == "phone"):
            take("mobile", e164)
        elif field == "phone":
            take("phone", e164)
    # company, title, name among the bare parts left
    bare = [(i, value) for i, (field, value, _idx) in enumerate(segs) if i not in used and field is None]
    companies = sorted(
        ((_company_score(v) + (2 if _CJK_RE.search(v) else 0), -i, i, v) for i, v in bare if _company_score(v)),
        reverse=True,
    )
    if companies:
        _s, _n, ci, company = companies[0]
        result["company_name"] = _cjk_restore(company.strip(" ,"))
        used.add(ci)
        for _s2, _n2, cj, _v in companies[1:]:
            used.add(cj)  # the other language's company name
    names, titles = [], []
    for i, value in bare:
        if i in used:
            continue
        head, tail = _split_name_title(value)
        if tail:
            titles.append((i, tail))
            value = head
        elif _is_title(value):
            titles.append((i, value))
            continue
        cjk, score = _cjk_name(value)
        if cjk:
            names.append((10 + score, -i, cjk))
            continue
        latin = _latin_name(value)
        if latin:
            names.append((5, -i, latin))
    if names:
        names.sort(reverse=True)
        result["name"] = names[0][2]
    if titles:
        cjk_first = "name" not in result or bool(_CJK_RE.search(result["name"]))
        titles.sort(key=lambda t: (bool(_CJK_RE.search(t[1])) != cjk_first, t[0]))
        result["function"] = titles[0][1]
    if addresses:
        street, city, country = split_address(addresses[0])
        take("street", street)
        take("city", city)
        take("country_code", country)
    if "country_code" not in result:
        for key in ("mobile", "phone"):
            if key in result:
                parsed = normalize_phone(result[key])
                if parsed:
                    result["country_code"] = parsed[2]
                    break
    if "country_code" not in result and hint:
        result["country_code"] = hint
    if result.get("country_code") in ("TW", "HK", "MO") or is_traditional(result["raw_text"]):
        for key in ("name", "company_name", "function", "street", "city"):
            if key in result:
                result[key] = to_traditional(result[key])
    return result

