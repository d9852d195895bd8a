"""Reading a contact file (CSV in any encoding a scanner or a spreadsheet
program writes, or XLSX), in plain Python.

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

# C0 and C1 control characters except the tab, line feed and carriage
# return (which are spaces in a cell): a NUL cannot even be stored.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_cell(value):
    """(text, changed): the cell's text with spaces collapsed and the
    control characters removed; changed tells whether some were removed."""
    if value is None:
        return "", False
    value = unicodedata.normalize("NFKC", str(value)) if not isinstance(value, str) else value
    value, removed = CONTROL_RE.subn("", value)
    return " ".join(value.replace("\u3000", " ").split()), bool(removed)


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
