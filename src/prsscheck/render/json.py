"""JSON: the document's data, stable keys, two-space indent (docs/json.md documents the shapes)."""

from __future__ import annotations

import json

from prsscheck.views import Document


def render(doc: Document) -> str:
    return json.dumps(doc.data, indent=2, ensure_ascii=False) + "\n"
