"""Reading YAML safely and fast.

Rule files and answers files come from strangers, so they are read with a safe
loader only (no Python objects are ever constructed), dates stay plain strings
(the JSON output and the schema see exactly what the file says), and libyaml's
C parser is used when present.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import yaml

# Files bigger than this are not rule or answers files: refuse before parsing.
MAX_BYTES = 2 * 1024 * 1024

_LOADER: Any = None


def _loader() -> Any:
    """The safe loader whose timestamps stay strings ('2026-11-22', not a date object).

    Built on first use, so JSON answers and cached rules never import yaml (~30 ms)."""
    global _LOADER
    if _LOADER is None:
        import yaml

        base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

        class Loader(base):  # type: ignore[misc, valid-type]
            """Safe loader whose timestamps stay strings ('2026-11-22', not a date object)."""

        Loader.yaml_implicit_resolvers = {
            first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
            for first, resolvers in base.yaml_implicit_resolvers.items()
        }
        _LOADER = Loader
    return _LOADER


def __getattr__(name: str) -> Any:
    if name == "Loader":  # yamlfile.Loader, as validate.py uses it
        return _loader()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    import yaml

    if not any(m.start() == 0 or text[m.start() - 1] in _TOKEN_START for m in _MAYBE_ALIAS.finditer(text)):
        return
    try:
        for token in yaml.scan(text, Loader=_loader()):
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


def load(text: str, *, answers: bool = False) -> Any:
    """Parse one YAML document with the safe loader; errors become YamlError with a line.
    With answers=True, also refuse what would be misread silently in an answers file
    (StrictError for duplicate keys, base-60 and octal numbers, numbers too long)."""
    import yaml

    reject_aliases(text)
    try:
        if not answers:
            return yaml.load(text, Loader=_loader())  # noqa: S506 - a safe loader
        node = yaml.compose(text, Loader=_loader())
        if node is None:
            return None
        _check_answers_node(node)
        return _loader()("").construct_document(node)
    except yaml.MarkedYAMLError as err:
        raise from_marked(err) from None
    except yaml.YAMLError as err:
        raise YamlError(f"not valid YAML: {err}") from None
    except RecursionError:
        raise YamlError("the document is nested too deeply") from None
    except ValueError as err:  # e.g. an integer of thousands of digits
        if isinstance(err, YamlError):
            raise
        raise YamlError(f"a value cannot be read: {err}") from None


# ---------------------------------------------------------------- answers: no surprises

MAX_DIGITS = 30  # no answer needs a longer number; Python refuses to print ints over 4300 digits
MAX_ANSWER_DEPTH = 20
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_OCTAL = re.compile(r"[-+]?0[0-7_]+")


class StrictError(YamlError):
    """Answers that parse but would not mean what they seem to: a duplicate key, a YAML 1.1
    number in base 60 or 8, a number too long. The message names the key."""


def _name(path: tuple) -> str:
    return ".".join(str(p) for p in path) or "the document"


def _scalar_problem(tag: str, text: str) -> str | None:
    plain = text.replace("_", "").lstrip("+-")
    if tag == _INT:
        if ":" in plain:
            value = 0
            for part in plain.split(":"):
                value = value * 60 + int(part or 0)
            return f"{text} is read by YAML as {'-' if text.startswith('-') else ''}{value} (a base-60 number); write a plain number"
        if plain[:2].lower() in ("0x", "0b", "0o"):
            return f"{text} is not a plain decimal number; write it in decimal digits"
        if _OCTAL.fullmatch(text):
            return f"{text} is read by YAML as the octal number {int(plain, 8)}; write it without the leading zero"
        if len(plain) > MAX_DIGITS:
            return f"a number of {len(plain)} digits is too long"
    elif tag == _FLOAT:
        if ":" in plain:
            return f"{text} is read by YAML as a number in base 60; write the number you mean"
        if len(plain) > 2 * MAX_DIGITS:
            return f"a number of {len(plain)} characters is too long"
    return None


def _check_answers_node(root: yaml.Node) -> None:
    import yaml

    stack: list[tuple[yaml.Node, tuple, int]] = [(root, (), 0)]
    while stack:
        node, path, depth = stack.pop()
        mark = node.start_mark
        if depth > MAX_ANSWER_DEPTH:
            raise StrictError(f"'{_name(path)}' is nested more than {MAX_ANSWER_DEPTH} levels deep", mark.line + 1, mark.column + 1)
        if isinstance(node, yaml.ScalarNode):
            problem = _scalar_problem(node.tag, node.value)
            if problem:
                raise StrictError(f"'{_name(path)}': {problem}", mark.line + 1, mark.column + 1)
        elif isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else "(a non-text key)"
                line = key_node.start_mark.line + 1
                if key in seen:
                    raise StrictError(
                        f"duplicate key '{_name(path + (key,))}' (first at line {seen[key]}); YAML would silently keep only the last one",
                        line,
                        key_node.start_mark.column + 1,
                    )
                seen[key] = line
                stack.append((key_node, path + (key,), depth + 1))
                stack.append((value_node, path + (key,), depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((item, path + (i,), depth + 1) for i, item in enumerate(node.value))


def load_answers(text: str) -> Any:
    """An answers file (or saved answers) in YAML, with no surprises: see load(answers=True)."""
    return load(text, answers=True)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise StrictError(f"duplicate key '{key}'; a JSON reader would silently keep only the last one")
        out[key] = value
    return out


def _json_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise StrictError(f"a number of {len(text.lstrip('-'))} digits is too long")
    return int(text)


def load_json_strict(text: str) -> Any:
    """JSON answers with no surprises: StrictError for a duplicate key or a number too long;
    json.JSONDecodeError when it is not JSON."""
    import json

    return json.loads(text, object_pairs_hook=_unique_keys, parse_int=_json_int)
