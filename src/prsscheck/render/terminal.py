"""The terminal: rich tables and panels that wrap at any width, plain with NO_COLOR."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from prsscheck.views import Document, Table

STATUS_STYLE = {
    "eligible": "bold green",
    "likely_eligible": "bold green",
    "in_progress": "bold cyan",
    "needs_review": "bold yellow",
    "not_yet": "bold magenta",
    "not_eligible": "dim",
}


class _Console(Console):
    def on_broken_pipe(self) -> None:
        # rich exits 1 here; the reader going away (`| head`) is not an error: let the CLI
        # stop quietly with 0.
        import errno

        raise BrokenPipeError(errno.EPIPE, "Broken pipe")


def console() -> Console:
    return _Console(highlight=False, soft_wrap=False)


def rich_table(t: Table) -> RichTable:
    out = RichTable(title=t.title, show_lines=False, expand=False)
    for i, column in enumerate(t.columns):
        out.add_column(column, overflow="fold", style="bold" if i == 0 else None)
    for i, row in enumerate(t.rows):
        cells = list(row)
        if i in t.differing_rows:
            cells[0] = f"{cells[0]} ≠"
        out.add_row(*[Text(str(c)) for c in cells], style="yellow" if i in t.differing_rows else None)
    return out


class Prewrapped:
    """Text already wrapped to the console width."""

    def __init__(self, text: Text):
        self.text = text


def stacked(t: Table, width: int) -> list[Text]:
    """One block per column, 'label  value' lines with a hanging indent: reads well on a
    phone-width terminal, and costs a tenth of as many rich tables (bench/run.py)."""
    import textwrap

    label_width = min(max(len(row[0]) for row in t.rows) + 3, max(10, width // 3))  # room for " ≠"
    indent = " " * (label_width + 1)
    out = []
    for col in range(1, len(t.columns)):
        block = Text("\n".join(textwrap.wrap(t.columns[col], max(10, width), break_on_hyphens=False)) or "", style="bold underline")
        for i, row in enumerate(t.rows):
            label = row[0] + (" ≠" if i in t.differing_rows else "")
            lines = textwrap.wrap(str(row[col]), max(10, width - label_width - 1), break_on_hyphens=False) or [""]
            block.append("\n")
            block.append(f"{label:<{label_width}} ", style="bold yellow" if i in t.differing_rows else "bold")
            if len(label) >= label_width:  # a long label on a narrow screen: value on the next line
                block.append("\n" + indent)
            block.append(lines[0] + "".join(f"\n{indent}{line}" for line in lines[1:]))
        out.append(block)
    return out


def bullet_list(items: list[str], numbered: bool = False) -> RichTable:
    """Bullets (or numbers) with a hanging indent, so wrapped lines stay readable at 40 columns.
    Words wrap at spaces; only a word longer than the line (a URL) is folded."""
    import re

    grid = RichTable.grid(padding=(0, 1))
    grid.add_column(width=3, justify="right")
    grid.add_column(overflow="fold")
    for i, item in enumerate(items, 1):
        text = re.sub(r"^\d+\.\s+", "", item) if numbered else item
        grid.add_row(f"{i}." if numbered else "•", Text(text))
    return grid


def transposed(t: Table, width: int) -> list[Text]:
    """For a comparison too wide for the screen: a legend, then one block per requirement with
    one line per state where its credentials agree, else one per credential ('TX RSPS  65.5')."""
    import textwrap

    short = t.short or t.columns[1:]
    states = [s.split(" ", 1)[0] for s in short]
    label_width = min(max(len(s) for s in short) + 2, max(8, width // 3))
    indent = " " * (label_width + 2)

    def line(head: str, value: str) -> str:
        lines = textwrap.wrap(value, max(10, width - label_width - 2), break_on_hyphens=False) or [""]
        return f"\n  {head:<{label_width}}" + lines[0] + "".join(f"\n{indent}{rest}" for rest in lines[1:])

    def wrapped(text: str) -> str:
        lines = textwrap.wrap(text, max(10, width - 4), break_on_hyphens=False) or [""]
        return "\n  " + lines[0] + "".join(f"\n    {rest}" for rest in lines[1:])

    legend = Text("Credentials", style="bold")
    for head, full in zip(short, t.columns[1:]):
        title = full.split(" ", 1)[1] if " " in full else full
        legend.append(line(head, textwrap.shorten(title, max(20, width - label_width - 2), placeholder="…")))
    out = [legend]
    same: list[str] = []  # rows with one value everywhere: gathered into one block at the end
    for i, row in enumerate(t.rows):
        differs = i in t.differing_rows
        values = [str(v) for v in row[1:]]
        if len(set(values)) == 1:
            same.append(f"{row[0]}: {values[0]}")
            continue
        block = Text(row[0] + (" ≠ differs" if differs else ""), style="bold yellow" if differs else "bold")
        # One line per distinct value, naming who has it; a state whose credentials all share
        # the value is named once ('KY'), so a counselor reads differences, not repetition.
        by_value: dict[str, list[int]] = {}
        for k, value in enumerate(values):
            by_value.setdefault(value, []).append(k)
        for value, columns in by_value.items():
            who: list[str] = []
            for state in dict.fromkeys(states[k] for k in columns):
                mine = [k for k in columns if states[k] == state]
                if len(mine) == states.count(state):
                    who.append(state)
                else:
                    who.append(state + " " + "/".join(short[k].split(" ", 1)[1] for k in mine))
            value = textwrap.shorten(value, max(40, 2 * width - 20), placeholder="… (see show)")
            block.append(wrapped(f"{value} — {', '.join(who)}"))
        out.append(block)
    if same:
        block = Text("The same for all", style="bold")
        block.append(wrapped("; ".join(same) + "."))
        out.append(block)
    return out


def row_lines(t: Table, width: int) -> list[Text]:
    """A table too wide for the screen, as one wrapped paragraph per row: 'Label: value. detail [3]'."""
    import textwrap

    out = []
    for row in t.rows:
        label, value, *rest = [str(c) for c in row]
        tail = " ".join(x for x in rest if x)
        lines = textwrap.wrap(
            f"{label}: {value}." + (f" {tail}" if tail else ""), max(10, width - 2), break_on_hyphens=False, subsequent_indent="  "
        )
        block = Text(lines[0][: len(label) + 1], style="bold")
        block.append(lines[0][len(label) + 1 :] + "".join("\n" + line for line in lines[1:]))
        out.append(block)
    return out


def _fits(t: Table, width: int) -> bool:
    return 22 + 18 * (len(t.columns) - 1) <= width


def print_document(doc: Document, out: Console | None = None) -> None:
    out = out or console()
    out.print(Text(doc.title, style="bold underline"))
    for line in doc.lines:
        out.print(Text(line))
    for section in doc.sections:
        body: list = []
        for line in section.lines:
            body.append(
                Text(line, style=STATUS_STYLE.get(section.status or "", "")) if section.status and line == section.lines[0] else Text(line)
            )
        for t in section.tables:
            if t.rows_as_lines and not _fits(t, out.width):
                body.append(Prewrapped(Text("\n").join(row_lines(t, out.width))))
            elif doc.stack_when_narrow and not _fits(t, out.width):
                # One Text for all blocks: one print call instead of one per requirement.
                blocks = transposed(t, out.width) if len(t.columns) > 2 else stacked(t, out.width)
                body.append(Prewrapped(Text("\n").join(blocks)))
            else:
                body.append(rich_table(t))
        for heading, items in section.bullets.items():
            body.append(Text(heading, style="bold"))
            body.append(bullet_list(items, numbered=heading in section.numbered))
        if section.status:
            from rich.console import Group
            from rich.panel import Panel  # only assess shows panels

            # The title goes inside, first: a panel's own title is cut at the border, never wrapped.
            body.insert(0, Text(section.title, style="bold"))
            out.print(Panel(Group(*body), border_style=STATUS_STYLE[section.status].replace("bold ", "")))
        else:
            out.print()
            out.print(Text(section.title, style="bold"))
            for part in body:
                if isinstance(part, Prewrapped):
                    out.print()
                    out.print(part.text, soft_wrap=True)  # already wrapped to the width: skip rich's wrap
                else:
                    out.print(part)
    for line in doc.footer:
        out.print(Text(line, style="italic"))
