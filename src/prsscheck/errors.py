"""The errors a person can cause, in one light module the CLI imports on every run.

Each is a click.ClickException carrying its own exit code (2 usage or bad input, 1 rules
invalid, 130 interrupted) and a show() that prints one escaped line: click's own error
handling then does the rest, and the CLI does not re-implement it. `clean()` is the one
place that makes echoed input safe for a terminal: control characters (ESC, newlines,
bidi overrides) are written as escapes and long values are shortened.
"""

from __future__ import annotations

import sys

from click.exceptions import ClickException

LIMIT = 200  # characters of one echoed value
LINE_LIMIT = 400  # characters of a whole error line

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else (f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}")


def shorten(text: str, limit: int = LIMIT) -> str:
    """At most about `limit` characters: the start and the end, with '...' between."""
    if len(text) <= limit:
        return text
    tail = max(limit // 4, 1)
    return f"{text[: limit - tail - 3]}...{text[-tail:]}"


def clean(text: object, limit: int = LIMIT) -> str:
    """Input echoed back, safe for a terminal and one line: escaped and shortened."""
    text = str(text)
    if len(text) > 4 * limit:  # don't escape megabytes just to throw them away
        text = text[: 2 * limit] + text[-limit:]
    if not text.isprintable():
        text = "".join(ch if ch.isprintable() else _escape(ch) for ch in text)
    return shorten(text, limit)


class PrsscheckError(ClickException):
    """A problem a person can fix: one line on stderr, 'prsscheck: ' first, and an exit code."""

    exit_code = 2

    def __init__(self, message: str, exit_code: int | None = None):
        super().__init__(message)
        if exit_code is not None:
            self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message

    def format_message(self) -> str:
        return clean(self.message, LINE_LIMIT)

    def show(self, file=None) -> None:  # noqa: ANN001 - click's signature
        (file or sys.stderr).write(f"prsscheck: {self.format_message()}\n")


class UsageProblem(PrsscheckError):
    """A usage error found after option parsing (exit 2)."""


class AnswersError(PrsscheckError, ValueError):
    """A bad answers file or answer; the message names the key and says what is allowed (exit 2)."""


class StoreError(PrsscheckError):
    """Saved answers cannot be written, read or deleted: the message names the path (exit 2)."""


class RulesError(PrsscheckError):
    """The rules cannot be read: a missing folder, a missing or broken file (exit 1; 2 for a
    folder that does not exist, which is a usage error)."""

    exit_code = 1


class Interrupted(PrsscheckError):
    """Ctrl-C during the interview, after the save offer; the CLI says so and exits 130."""

    exit_code = 130

    def __init__(self, message: str = "Interrupted. Nothing more was saved."):
        super().__init__(message)


def fail(message: str) -> None:
    """Write one escaped error line to stderr (for problems that do not stop the command)."""
    sys.stderr.write(f"prsscheck: {clean(message, LINE_LIMIT)}\n")
