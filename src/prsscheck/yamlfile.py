"""Reading YAML safely and fast.

Rule files and answers files come from strangers, so they are read with a safe
loader only (no Python objects are ever constructed), dates stay plain strings
(the JSON output and the schema see exactly what the file says), and libyaml's
C parser is used when present.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# Files bigger than this are not rule or answers files: refuse before parsing.
MAX_BYTES = 2 * 1024 * 1024


class Loader(_Base):  # type: ignore[misc, valid-type]
    """Safe loader whose timestamps stay strings ('2026-11-22', not a date object)."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in _Base.yaml_implicit_resolvers.items()
}


class YamlError(ValueError):
    """A file that is not readable YAML; line and column are 1-based when known."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


def decode(data: bytes) -> str:
    """Bytes to text, or a YamlError naming the line of the first byte that is not UTF-8."""
    if len(data) > MAX_BYTES:
        raise YamlError(f"file is {len(data) // 1024} KiB; the limit is {MAX_BYTES // 1024} KiB")
    if b"\x00" in data:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise YamlError("file holds binary data (a NUL byte), not YAML text", line, None)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise YamlError(f"not UTF-8 text (byte 0x{data[err.start]:02x})", line, None) from None


# A cheap first look for anchors (&a) and aliases (*a); the scanner confirms a hit.
_MAYBE_ALIAS = re.compile(r"[&*][^\s,\]}]")
_TOKEN_START = " \t\r\n[{,:-"


def reject_aliases(text: str) -> None:
    """Anchors and aliases have no use in these files and can expand into a memory bomb."""
    if not any(m.start() == 0 or text[m.start() - 1] in _TOKEN_START for m in _MAYBE_ALIAS.finditer(text)):
        return
    try:
        for token in yaml.scan(text, Loader=Loader):
            if isinstance(token, (yaml.AliasToken, yaml.AnchorToken)):
                mark = token.start_mark
                raise YamlError(
                    "anchors and aliases (&name, *name) are not allowed; write the value out",
                    mark.line + 1,
                    mark.column + 1,
                )
    except yaml.MarkedYAMLError:
        return  # a syntax error: load() reports it with its line


def from_marked(err: yaml.MarkedYAMLError, prefix: str = "") -> YamlError:
    """A PyYAML error with a position, as a YamlError with 1-based line and column."""
    mark = err.problem_mark or err.context_mark
    reason = prefix + (" ".join(filter(None, [err.context, err.problem])) or "not valid YAML")
    return YamlError(reason, mark.line + 1 if mark else None, mark.column + 1 if mark else None)


def load(text: str) -> Any:
    """Parse one YAML document with the safe loader; errors become YamlError with a line."""
    reject_aliases(text)
    try:
        return yaml.load(text, Loader=Loader)  # noqa: S506 - Loader is a safe loader
    except yaml.MarkedYAMLError as err:
        raise from_marked(err) from None
    except yaml.YAMLError as err:
        raise YamlError(f"not valid YAML: {err}") from None
    except RecursionError:
        raise YamlError("the document is nested too deeply") from None
