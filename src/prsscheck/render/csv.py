"""CSV: the document's main table, one header row, for a spreadsheet.

Cells are guarded against formula injection: a cell a spreadsheet would run as a formula
(starting with =, +, -, @, a tab or a carriage return) gets a leading apostrophe, as OWASP
recommends; rule files may come from a stranger's pull request.
"""

from __future__ import annotations

import csv
import io

from prsscheck.views import Document

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe(value: object) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        try:
            float(text)  # a plain negative number is data, not a formula
            return text
        except ValueError:
            return "'" + text
    return text


def render(doc: Document) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    table = doc.main_table
    if table is not None:
        writer.writerow([safe(c) for c in table.columns])
        writer.writerows([safe(c) for c in row] for row in table.rows)
    return out.getvalue()
