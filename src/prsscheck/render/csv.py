"""CSV: the document's main table, one header row, for a spreadsheet."""

from __future__ import annotations

import csv
import io

from prsscheck.views import Document


def render(doc: Document) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    table = doc.main_table
    if table is not None:
        writer.writerow(table.columns)
        writer.writerows(table.rows)
    return out.getvalue()
