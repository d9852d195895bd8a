"""Writing cells into the CSV and XLSX files the addons produce.

A spreadsheet program runs a cell that begins with ``=``, ``+``, ``-`` or
``@`` as a formula (and a leading tab or carriage return can hide one), so a
contact named ``=HYPERLINK(...)`` would become a live link in a downloaded
report. Following OWASP's advice on CSV injection, such cells are written
with a leading single quote, which spreadsheet programs show as text.
"""

import csv
import io

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value):
    """The value to write in a spreadsheet cell: text that a spreadsheet
    would run as a formula gets a leading single quote; anything else
    (numbers, dates, empty cells, plain text) is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def escape_row(values):
    """Every cell of a row escaped with :func:`escape_cell`."""
    return [escape_cell(value) for value in values]


def csv_bytes(rows, encoding="utf-8-sig"):
    """A CSV file of these rows, every cell escaped; by default in UTF-8
    with a BOM, so that spreadsheet programs read Chinese text right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(escape_row(row))
    return buffer.getvalue().encode(encoding)
