"""The `validate` reporter: a validate.Report as text lines or as JSON.

Text: one `file:line:column: severity: path: message` line per finding, then the summary.
Messages quote rule files, which may come from a stranger's pull request, so what they
echo is escaped (errors.clean) and kept to one line.
"""

from __future__ import annotations

import sys

from prsscheck.errors import clean

MESSAGE_LIMIT = 500


def text(report) -> str:  # noqa: ANN001 - a validate.Report; not imported, to keep this light
    lines = []
    for f in report.findings:
        where = ":".join(clean(x, MESSAGE_LIMIT) for x in (f.file, f.line, f.column) if x is not None)
        path = f"{clean(f.path, MESSAGE_LIMIT)}: " if f.path else ""
        lines.append(f"{where}: {f.severity}: {path}{clean(f.message, MESSAGE_LIMIT)}")
    lines.append(report.summary())
    return "\n".join(lines) + "\n"


def json(report) -> str:  # noqa: ANN001
    import json as _json

    return _json.dumps(
        {"files": report.files, "errors": report.errors, "warnings": report.warnings, "findings": [f.as_dict() for f in report.findings]},
        indent=2,
    ) + "\n"


def emit_report(report, fmt: str) -> None:  # noqa: ANN001
    sys.stdout.write(json(report) if fmt == "json" else text(report))
