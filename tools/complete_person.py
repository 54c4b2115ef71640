"""How decisive are the verdicts? For each credential, a person who has done everything the rules
name (age 40, graduate degree, the credential's own lived experience, 10 years in recovery, in
state, every hour, exam and course, every yes/no condition met, no record) writes an answers file
and runs `prsscheck assess --state CODE --answers FILE --json`, as a person would; the status of
that credential is read from the output and checked against the engine's own. Prints the count per
status (issue 12's figures) and, with --list, the credentials short of eligible and what is unknown.

    python tools/complete_person.py [--list] [RULES_DIR]
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

from typer.testing import CliRunner

from prsscheck import engine, rules
from prsscheck.answers import profile_from_mapping
from prsscheck.cli import app
from prsscheck.kinds import ANSWERS, NEVER

NO_STATE_CREDENTIAL = "SD"  # national credentials are checked from a state without its own


def complete_answers(code: str, cred) -> dict:
    """An answers file (as a mapping) that does everything this credential names."""
    lived = cred.first("lived_experience").any_of if cred.first("lived_experience") else ("mental_health",)
    max_age = cred.first("max_age")
    answers = {
        "state": code,
        "age": min(max_age.years, 40) if max_age and max_age.years else 40,
        "education": "graduate",
        "lived_experience": list(lived),
        "recovery_months": 120,
        "caregiver_months": 120,
        "service_months": 120,
        "in_state": True,
        "training_hours": 10_000,
        "experience_hours": 10_000,
        "supervised_hours": 10_000,
        "background": "none",
        "exam_passed": [r.id for r in cred.all("exam") if r.id],
        "courses_done": [r.id for r in cred.all("required_course")],
        "credentials_held": [r.any_of[0] for r in cred.all("prerequisite_credential") if r.any_of],
        "months_since": {r.event: NEVER for r in cred.all("event_lookback")},
        "conditions": {},
    }
    for r in cred.all("condition"):
        value = True if r.expect is None else r.expect
        if r.key in ANSWERS:
            answers[r.key] = value
        else:
            answers["conditions"][r.key] = value
    return answers


def status_through_the_cli(runner: CliRunner, directory: Path, answers: dict, cid: str) -> str:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(answers, handle)
    try:
        result = runner.invoke(app, ["--rules-dir", str(directory), "assess", "--answers", handle.name, "--json"])
    finally:
        Path(handle.name).unlink()
    if result.exit_code != 0:
        raise SystemExit(f"{cid}: assess exited {result.exit_code}: {result.output.strip()[:300]}")
    out = json.loads(result.stdout)
    records = [*out.get("results", []), *out.get("national", [])]
    return next(r["status"] for r in records if r["credential"] == cid)


def main(args: list[str]) -> None:
    show_list = "--list" in args
    rest = [a for a in args if a != "--list"]
    directory = Path(rest[0]) if rest else Path("rules")
    js = rules.load_all(directory)
    national = rules.load_national(directory)
    if national:
        js.append(national)
    context = engine.Context(icrc_reciprocal_ids=engine.icrc_reciprocal_ids(js), titles=engine.titles(js))
    runner = CliRunner()
    counts: Counter = Counter()
    short: list[str] = []
    for j in js:
        code = NO_STATE_CREDENTIAL if j.code == "US" else j.code
        for cred in j.credentials:
            answers = complete_answers(code, cred)
            status = status_through_the_cli(runner, directory, answers, cred.id)
            verdict = engine.evaluate(profile_from_mapping(answers), cred, context)
            if verdict.status != status:
                raise SystemExit(f"{cred.id}: the CLI says {status}, the engine {verdict.status}")
            counts[status] += 1
            if status != "eligible":
                unknown = ", ".join(i.kind for i in verdict.review)
                short.append(f"{j.code:3} {cred.id:14} {status:16} {verdict.unknown}/{verdict.key_figures} unknown: {unknown}")
    total = sum(counts.values())
    for status, n in counts.most_common():
        print(f"{status:16} {n:4} {n / total:6.1%}")
    print(f"{'total':16} {total:4}")
    if show_list:
        print("\n".join(short))


if __name__ == "__main__":
    main(sys.argv[1:])
