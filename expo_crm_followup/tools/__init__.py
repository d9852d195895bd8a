"""Plain-Python helpers (no ORM) of the contact import, one concern each:

- ``contact_file``: reading CSV (any encoding) and XLSX files, cleaning cells;
- ``contact_columns``: recognising the columns (header aliases);
- ``contact_country``, ``contact_email``, ``contact_phone``: the rules of a
  country, an email and a phone cell;
- ``contact_rows``: validating one row;
- ``contact_merge``: merging the rows of one person, choosing the existing
  contact they designate;
- ``spreadsheet``: writing spreadsheet cells safely.
"""
