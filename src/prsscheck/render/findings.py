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
    if report.coverage:
        lines.extend(coverage_lines(report.coverage))
    lines.append(report.summary())
    return "\n".join(lines) + "\n"


def coverage_lines(cov: dict) -> list[str]:
    """Per state and in total: key figures of adult credentials, known / not required / unknown, and
    the share of stated values resting on an official or law source."""

    def row(name: str, s: dict) -> str:
        share = "-" if s["official_or_law_share"] is None else f"{s['official_or_law_share']:.0%}"
        return f"{name:<6}{s['figures']:>8}{s['known']:>7}{s['not_required']:>9}{s['unknown']:>9}{share:>15}"

    out = [
        "",
        "Key figures of adult credentials (age, education, recovery, training/work/supervised hours, exam)",
        f"{'state':<6}{'figures':>8}{'known':>7}{'not req.':>9}{'unknown':>9}{'official/law':>15}",
    ]
    out += [row(code, s) for code, s in sorted(cov["states"].items())]
    out.append(row("total", cov["total"]))
    mix = ", ".join(f"{k} {v}" for k, v in sorted(cov["total"]["authority"].items()))
    out.append(f"Sources of stated values: {mix}.")
    unknown = ", ".join(f"{kind} {v['unknown']}" for kind, v in cov["total"]["by_kind"].items())
    out.append(f"Unknown by kind: {unknown}.")
    return out


def json(report) -> str:  # noqa: ANN001
    import json as _json

    return (
        _json.dumps(
            {
                "files": report.files,
                "errors": report.errors,
                "warnings": report.warnings,
                "findings": [f.as_dict() for f in report.findings],
                **({"coverage": report.coverage} if report.coverage else {}),
            },
            indent=2,
        )
        + "\n"
    )


def emit_report(report, fmt: str) -> None:  # noqa: ANN001
    sys.stdout.write(json(report) if fmt == "json" else text(report))
