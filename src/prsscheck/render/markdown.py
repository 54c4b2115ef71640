"""Markdown: a clean, printable document (headings, paragraphs, pipe tables, lists).

Text from rule files is escaped so that it cannot open a heading, a table cell, a link or an
emphasis it does not mean; `assess --format markdown` is a one-page client report.
"""

from __future__ import annotations

import re

from prsscheck.views import Document, Table

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")


def escape(text: object) -> str:
    """One line of Markdown-safe text: special characters escaped, a leading list or heading
    marker neutralised, whitespace folded."""
    flat = " ".join(str(text).split())
    flat = _SPECIAL.sub(r"\\\1", flat)
    return re.sub(r"^([+\-]|\d+[.)])(\s)", r"\\\1\2", flat)


def table(t: Table) -> list[str]:
    lines = ["| " + " | ".join(escape(c) for c in t.columns) + " |", "|" + "---|" * len(t.columns)]
    for i, row in enumerate(t.rows):
        cells = [escape(c) for c in row]
        if i in t.differing_rows:
            cells[0] = f"**{cells[0]}** ≠"
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def render(doc: Document) -> str:
    lines = [f"# {escape(doc.title)}", ""]
    for line in doc.lines:
        lines += [escape(line), ""]
    for section in doc.sections:
        lines += [f"## {escape(section.title)}", ""]
        for i, line in enumerate(section.lines):
            if section.status and i == 0:  # the status sentence
                lines += [f"**Status: {section.status.replace('_', ' ')}** — {escape(line)}", ""]
                continue
            lines += [escape(line), ""]
        for t in section.tables:
            lines += table(t) + [""]
        for heading, items in section.bullets.items():
            numbered = heading in section.numbered
            marker = "1." if numbered else "-"
            lines += [f"**{escape(heading)}**", ""] + [f"{marker} {escape(_unnumbered(i) if numbered else i)}" for i in items] + [""]
    for line in doc.footer:
        lines += [f"_{escape(line)}_", ""]
    return "\n".join(lines).rstrip() + "\n"


def _unnumbered(item: str) -> str:
    return re.sub(r"^\d+\.\s+", "", item)
