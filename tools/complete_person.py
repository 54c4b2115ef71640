"""How decisive are the verdicts? For each credential, a person who has done everything the rules
name (age 40, graduate degree, the credential's own lived experience, 10 years in recovery, in
state, every hour, exam and course, every yes/no condition met, no record) is evaluated through
the engine; prints the count per status. Used for issue 12's figures:

    python tools/complete_person.py [RULES_DIR]
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from prsscheck import engine, rules
from prsscheck.kinds import ANSWERS, NEVER, Profile


def complete_person(cred) -> Profile:
    lived = cred.first("lived_experience").any_of if cred.first("lived_experience") else ("mental_health",)
    answers = dict(
        age=40 if not cred.first("max_age") or not cred.first("max_age").years else min(cred.first("max_age").years, 40),
        education="graduate",
        lived_experience=tuple(lived),
        recovery_months=120,
        caregiver_months=120,
        service_months=120,
        in_state=True,
        training_hours=10_000,
        experience_hours=10_000,
        supervised_hours=10_000,
        background="none",
        exam_passed=tuple(r.id for r in cred.all("exam") if r.id),
        courses_done=tuple(r.id for r in cred.all("required_course")),
        credentials_held=tuple(r.any_of[0] for r in cred.all("prerequisite_credential")),
        months_since=tuple((r.event, NEVER) for r in cred.all("event_lookback")),
    )
    scoped = []
    for r in cred.all("condition"):
        value = True if r.expect is None else r.expect
        if r.key in ANSWERS:
            answers[r.key] = value
        else:
            scoped.append((r.key, value))
    answers["conditions"] = tuple(scoped)
    return Profile(**answers)


def main(directory: Path) -> None:
    js = rules.load_all(directory)
    national = rules.load_national(directory)
    if national:
        js.append(national)
    context = engine.Context(icrc_reciprocal_ids=engine.icrc_reciprocal_ids(js), titles=engine.titles(js))
    counts: Counter = Counter()
    for j in js:
        for cred in j.credentials:
            counts[engine.evaluate(complete_person(cred), cred, context).status] += 1
    total = sum(counts.values())
    for status, n in counts.most_common():
        print(f"{status:16} {n:4} {n / total:6.1%}")
    print(f"{'total':16} {total:4}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("rules"))
