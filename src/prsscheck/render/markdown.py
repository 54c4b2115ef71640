"""Markdown: a clean, printable document (headings, paragraphs, pipe tables, lists)."""

from __future__ import annotations

from prsscheck.views import Document, Table


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def table(t: Table) -> list[str]:
    marks = ["≠ " if i in t.differing_rows else "" for i in range(len(t.rows))]
    lines = ["| " + " | ".join(_cell(c) for c in t.columns) + " |", "|" + "---|" * len(t.columns)]
    for mark, row in zip(marks, t.rows):
        cells = [_cell(c) for c in row]
        if mark:
            cells[0] = f"**{cells[0]}** ≠"
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def render(doc: Document) -> str:
    lines = [f"# {doc.title}", ""]
    for line in doc.lines:
        lines += [line, ""]
    for section in doc.sections:
        lines += [f"## {section.title}", ""]
        for i, line in enumerate(section.lines):
            if section.status and i == 0:  # the status sentence
                lines += [f"**Status: {section.status}** — {line}", ""]
                continue
            lines += [line, ""]
        for t in section.tables:
            lines += table(t) + [""]
        for heading, items in section.bullets.items():
            lines += [f"**{heading}**", ""] + [f"- {_cell(i)}" for i in items] + [""]
    for line in doc.footer:
        lines += [f"_{line}_", ""]
    return "\n".join(lines).rstrip() + "\n"
