"""Reading a contact file (CSV in any encoding a scanner or a spreadsheet
program writes, or XLSX) and recognising its columns, in plain Python.

Row numbers are the ones a spreadsheet shows; cells are cleaned (NFKC,
spaces collapsed, control characters removed)."""

import codecs
import csv
import datetime
import io
import re
import unicodedata

try:
    import chardet
except ImportError:  # pragma: no cover - chardet is an Odoo requirement
    chardet = None

# ---------------------------------------------------------------------------
# Column recognition
# ---------------------------------------------------------------------------

# Column names as written by scanners and card apps, in English, Simplified
# and Traditional Chinese, once normalised by ``_normalize_header``.
COLUMN_ALIASES = {
    "name": [
        "name", "fullname", "contactname", "contact", "attendee", "attendeename",
        "visitor", "visitorname", "person", "姓名", "名字", "全名", "联系人",
        "联系人姓名", "聯絡人", "聯繫人", "聯絡人姓名",
    ],
    "first_name": ["firstname", "givenname", "forename", "名"],
    "last_name": ["lastname", "surname", "familyname", "姓"],
    "company": [
        "company", "companyname", "organization", "organisation", "org",
        "employer", "account", "accountname", "公司", "公司名称", "公司名", "单位",
        "单位名称", "工作单位", "企业", "企业名称", "机构", "公司名稱", "單位",
        "單位名稱", "企業", "機構",
    ],
    "email": [
        "email", "mail", "emailaddress", "mailaddress", "邮箱", "邮箱地址",
        "电子邮件", "电子邮箱", "邮件", "郵箱", "電子郵件", "電子郵箱", "電郵",
        "電子信箱",
    ],
    "mobile": [
        "mobile", "mobilephone", "mobileno", "mobilenumber", "cell", "cellphone",
        "cellular", "handphone", "手机", "手机号", "手机号码", "移动电话", "手機",
        "手機號碼", "行動電話",
    ],
    "phone": [
        "phone", "phonenumber", "telephone", "tel", "officephone", "workphone",
        "businessphone", "电话", "电话号码", "座机", "固话", "办公电话", "電話",
        "電話號碼", "辦公電話",
    ],
    "country": [
        "country", "countryregion", "nation", "国家", "国家地区", "国别", "國家",
        "國家地區", "國別",
    ],
    "function": [
        "jobtitle", "title", "position", "function", "designation", "jobposition",
        "职位", "职务", "职称", "头衔", "職位", "職務", "職稱", "頭銜",
    ],
    "notes": [
        "notes", "note", "comment", "comments", "remark", "remarks", "memo",
        "备注", "说明", "留言", "備註", "說明",
    ],
    "booth": [
        "booth", "boothno", "boothnumber", "stand", "standno", "standnumber",
        "展位", "展位号", "展台", "攤位", "攤位號", "展位號",
    ],
    "city": ["city", "town", "城市", "市"],
    "website": ["website", "web", "url", "homepage", "网站", "网址", "網站", "網址"],
    "met_date": [
        "metdate", "meton", "scandate", "scantime", "scannedat", "scannedon",
        "date", "日期", "扫描时间", "扫描日期", "見面日期", "掃描時間", "掃描日期",
    ],
}
HEADER_INDEX = {alias: key for key, aliases in COLUMN_ALIASES.items() for alias in aliases}
HEADER_STRIP_RE = re.compile(r"[\s_\-.:：*#()（）\[\]【】/|\\]+")
HEADER_SPLIT_RE = re.compile(r"[/|()（）\[\]【】\s]+")

# A few common spellings that are not in res.country's name in any language.
COUNTRY_ALIASES = {
    "prc": "CN", "prchina": "CN", "mainlandchina": "CN", "chinamainland": "CN",
    "中国大陆": "CN", "大陆": "CN", "中國大陸": "CN", "chn": "CN",
    "usa": "US", "us": "US", "america": "US", "unitedstatesofamerica": "US", "美國": "US",
    "uk": "GB", "greatbritain": "GB", "england": "GB", "gbr": "GB",
    "korea": "KR", "southkorea": "KR", "republicofkorea": "KR", "kor": "KR", "韩国": "KR",
    "hongkong": "HK", "hongkongsar": "HK", "hkg": "HK", "中国香港": "HK", "香港特别行政区": "HK",
    "macao": "MO", "macau": "MO", "中国澳门": "MO",
    "taiwan": "TW", "中国台湾": "TW", "台湾": "TW", "台灣": "TW", "twn": "TW",
    "russia": "RU", "deu": "DE", "germany": "DE", "jpn": "JP", "sgp": "SG", "ind": "IN",
    "vietnam": "VN", "uae": "AE", "fra": "FR", "ita": "IT", "esp": "ES",
}


TEXT_FIELDS = ("name", "company", "function", "notes", "booth", "city", "website")


# C0 and C1 control characters except the tab, line feed and carriage
# return (which are spaces in a cell): a NUL cannot even be stored.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def normalize_header(value):
    value = unicodedata.normalize("NFKC", str(value or "")).casefold()
    return HEADER_STRIP_RE.sub("", value)


def header_key(value):
    """Return the contact field of a column header, or None."""
    key = HEADER_INDEX.get(normalize_header(value))
    if key:
        return key
    # bilingual headers: "姓名 Name", "公司(Company)", "E-mail/邮箱"
    for part in HEADER_SPLIT_RE.split(unicodedata.normalize("NFKC", str(value or ""))):
        key = HEADER_INDEX.get(normalize_header(part))
        if key:
            return key
    return None


def normalize_country(value):
    value = unicodedata.normalize("NFKC", str(value or "")).casefold()
    return re.sub(r"[\s.'’,\-()]+", "", value)


def clean_cell(value):
    """(text, changed): the cell's text with spaces collapsed and the
    control characters removed; changed tells whether some were removed."""
    if value is None:
        return "", False
    value = unicodedata.normalize("NFKC", str(value)) if not isinstance(value, str) else value
    value, removed = CONTROL_RE.subn("", value)
    return " ".join(value.replace("\u3000", " ").split()), bool(removed)


def has_cjk(value):
    return any("\u4e00" <= char <= "\u9fff" for char in value)


def decodes(data, encoding):
    try:
        data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def _utf16_without_bom(data):
    """"utf-16-le" or "utf-16-be" when the file looks like UTF-16 without a
    byte order mark, else None. Such a file is valid UTF-8 when its text is
    ASCII (every other byte is a NUL), so it must be recognised before: the
    separators and line ends of a CSV file are ASCII, whose high byte is NUL,
    which no real text file holds in such numbers."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    for zeros, others, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros >= half / 10 and others <= zeros / 10 and decodes(data, encoding):
            return encoding
    return None


def detect_encoding(data):
    """Encoding of a CSV file: BOMs, UTF-16 without BOM, then strict UTF-8,
    then chardet's guess when it decodes, with GB18030 (a superset of GB2312
    and GBK) for Chinese and as the last resort."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return encoding
    utf16 = _utf16_without_bom(data)
    if utf16:
        return utf16
    if decodes(data, "utf-8"):
        return "utf-8"
    candidates = []
    if chardet:
        guess = chardet.detect(data[:200000])
        encoding = (guess.get("encoding") or "").lower()
        if encoding in ("gb2312", "gbk", "gb18030", "hz-gb-2312"):
            encoding = "gb18030"
        elif encoding == "big5":
            encoding = "cp950"
        if encoding and (encoding in ("gb18030", "cp950", "euc-tw") or guess["confidence"] >= 0.5):
            candidates.append(encoding)
    candidates += ["gb18030", "cp1252"]
    return next((encoding for encoding in candidates if decodes(data, encoding)), "latin-1")


def detect_separator(text):
    first_line = text.lstrip("\ufeff").split("\n", 1)[0]
    counts = {sep: first_line.count(sep) for sep in (",", ";", "\t", "|")}
    separator = max(counts, key=counts.get)
    return separator if counts[separator] else ","


def read_csv(text):
    """[(row number, cells)] of a decoded CSV text."""
    text = text.lstrip("\ufeff")
    reader = csv.reader(io.StringIO(text), delimiter=detect_separator(text), quotechar='"')
    return list(enumerate(reader, start=1))


def xlsx_cell(value):
    """Text of an XLSX cell value as a person reads it in a spreadsheet."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time():
            return value.date().isoformat()
        return value.isoformat(" ", "seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def read_xlsx(data):
    """[(row number, cells)] of the first sheet of an XLSX file."""
    import openpyxl  # noqa: PLC0415 - only needed here

    book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        return [
            (number, [xlsx_cell(value) for value in values])
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
        ]
    finally:
        book.close()
