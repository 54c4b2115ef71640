"""Snapshots: every verdict the engine gives on the fixture rules for a set of people, and every
view as a person sees it at 40, 80 and 120 columns. A change in wording or logic shows up here as
a diff to read; when it is intended, rewrite the files with

    PRSSCHECK_UPDATE_SNAPSHOTS=1 .venv/bin/python -m pytest -q tests/test_snapshots.py
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from conftest import FIXTURE_RULES, TEXAS, run

from prsscheck import engine, rules
from prsscheck.kinds import NEVER, PREFER_NOT, Profile

HERE = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("PRSSCHECK_UPDATE_SNAPSHOTS") == "1"

PEOPLE = {
    "nothing answered": {},
    "substance use, starting": dict(
        age=30,
        education="high_school_or_ged",
        lived_experience=("substance_use",),
        recovery_months=3,
        in_state=True,
        willing_to_share=True,
        training_hours=0,
        experience_hours=0,
        background="none",
    ),
    "substance use, halfway": dict(
        age=30,
        education="high_school_or_ged",
        lived_experience=("substance_use",),
        recovery_months=14,
        in_state=True,
        willing_to_share=True,
        training_hours=30,
        experience_hours=200,
        supervised_hours=10,
        exam_passed=("tx-rsps-exam",),
        background="has_record",
        hours_per_week=6,
    ),
    "substance use, everything done": dict(
        age=40,
        education="graduate",
        lived_experience=("substance_use",),
        recovery_months=120,
        in_state=True,
        willing_to_share=True,
        training_hours=1000,
        experience_hours=1000,
        supervised_hours=100,
        exam_passed=("tx-rsps-exam", "icrc_pr", "mo-cps-exam"),
        courses_done=("tx-suicide-prevention",),
        credentials_held=("tx-rsps",),
        months_since=(("incarceration", NEVER),),
        conditions=(("tx-apr-supervisor", True),),
        background="none",
    ),
    "mental health, prefers not to say": dict(
        age=19,
        education=PREFER_NOT,
        lived_experience=("mental_health",),
        recovery_months=PREFER_NOT,
        service_months=PREFER_NOT,
        youth_experience=PREFER_NOT,
        background=PREFER_NOT,
        in_state=False,
        willing_to_share=False,
    ),
    "young adult, youth credential": dict(
        age=31,
        education="none",
        lived_experience=("mental_health",),
        recovery_months=0,
        youth_experience=True,
        service_months=0,
        training_hours=10,
        experience_hours=5,
        exam_passed=("tx-yps-exam",),
    ),
    "parent": dict(age=20, education="none", lived_experience=("family",), caregiver_months=6, caregiver_of_child=False, training_hours=5),
    "peer moving with an IC&RC credential": dict(
        age=30,
        education="high_school_or_ged",
        lived_experience=("mental_health", "substance_use"),
        recovery_months=30,
        credentials_held=("mo-cpr",),
        background="none",
    ),
    "peer moving with a state credential": dict(
        age=30,
        education="high_school_or_ged",
        lived_experience=("mental_health",),
        recovery_months=30,
        credentials_held=("mo-cps",),
        training_hours=12,
        background="none",
    ),
}


def verdict_record(v: engine.Verdict) -> dict:
    def items(group):
        return [[i.kind, i.text, i.need, i.have] for i in group]

    return {
        "status": v.status,
        "level": v.level,
        "met": items(v.met),
        "remaining": items(v.remaining),
        "blockers": items(v.blockers),
        "review": items(v.review),
        "later": items(v.later),
        "fees": items(v.fees),
        "application": items(v.application),
        "carried_over": items(v.carried_over),
        "transfer": list(v.transfer),
        "next_steps": list(v.next_steps),
        "unknown": [v.unknown, v.key_figures],
        "gap": v.gap,
        "cost": v.cost.text if v.cost else None,
        "timeline": v.timeline.text if v.timeline else None,
        "rank": list(engine.rank(v)),
    }


def compare_with(name: str, got: str) -> None:
    path = HERE / name
    if UPDATE or not path.exists():
        path.write_text(got)
        if not UPDATE:
            pytest.fail(f"new snapshot written: {path}; check it and commit it")
        return
    assert got == path.read_text(), f"{name} changed; if intended: PRSSCHECK_UPDATE_SNAPSHOTS=1"


def test_every_verdict_on_the_fixture_rules():
    js = rules.load_all(FIXTURE_RULES, ("TX", "MO", "KS"))
    context = engine.Context(
        icrc_reciprocal_ids=engine.icrc_reciprocal_ids(js), state_name="Texas", titles=engine.titles(js), today="2026-12-03"
    )
    out = {}
    for who, answers in PEOPLE.items():
        profile = Profile(**answers)
        out[who] = {c.id: verdict_record(engine.evaluate(profile, c, context)) for j in js for c in j.credentials}
        for c in (c for j in js for c in j.credentials):
            assert engine.status(profile, c, context) == out[who][c.id]["status"], (who, c.id)
    compare_with("verdicts.json", json.dumps(out, indent=1, sort_keys=True) + "\n")


TEXAS_WITH_A_RECORD = {**TEXAS, "background": "has_record"}
VIEWS = {
    "assess": ("assess", "--answers", "-"),
    "show": ("show", "TX"),
    "compare": ("compare", "TX", "MO", "KS"),
    "summary": ("summary",),
}


def _screen(text: str) -> str:
    return re.sub(r"around \d{4}-\d{2}", "around YYYY-MM", text)


@pytest.mark.parametrize("columns", [40, 80, 120])
@pytest.mark.parametrize("view", sorted(VIEWS))
def test_views_at_40_80_and_120_columns(view, columns, rules_copy):
    r = run("--rules-dir", rules_copy, *VIEWS[view], input=json.dumps(TEXAS_WITH_A_RECORD), env={"COLUMNS": str(columns)})
    assert r.exit_code == 0, r
    assert max(len(line) for line in r.stdout.splitlines()) <= columns
    assert "_" not in re.sub(r"https?://\S+|\(exam_passed\)|\b[a-z]{2}-[a-z0-9-]+\b", "", r.stdout), "no underscore ids in prose"
    compare_with(f"{view}-{columns}.txt", _screen(r.stdout))


def test_every_line_names_its_kind_and_cites_its_requirements_source():
    """The sources listed under a verdict come from its lines: a line that lost its source would
    drop a citation silently."""
    js = rules.load_all(FIXTURE_RULES, ("TX", "MO", "KS"))
    context = engine.Context(icrc_reciprocal_ids=engine.icrc_reciprocal_ids(js), titles=engine.titles(js), today="2026-12-03")
    for answers in PEOPLE.values():
        for c in (c for j in js for c in j.credentials):
            v = engine.evaluate(Profile(**answers), c, context)
            sources = {r.kind: {x.source for x in c.all(r.kind)} for r in c.requirements}
            for item in (*v.met, *v.remaining, *v.blockers, *v.review, *v.later, *v.fees, *v.application):
                if item.kind == "held":
                    continue
                assert item.kind in sources, (c.id, item)
                assert item.source in sources[item.kind], (c.id, item)
