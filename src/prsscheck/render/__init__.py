"""One renderer per output format. Each takes a views.Document and returns or prints text."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prsscheck.views import Document


def emit(doc: Document, fmt: str) -> None:
    """Print a document in one format; imports only that format's renderer."""
    if fmt == "json":
        from prsscheck.render.json import render
    elif fmt == "markdown":
        from prsscheck.render.markdown import render
    elif fmt == "csv":
        from prsscheck.render.csv import render
    else:
        from prsscheck.render.terminal import print_document

        print_document(doc)
        return
    sys.stdout.write(render(doc))
