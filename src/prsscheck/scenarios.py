"""Scenario cases as data: rules/tests/<CODE>.yaml, in the style of OpenFisca's YAML tests.

Each file names a jurisdiction and lists cases: an answers file in, the expected status of
some credentials (and, optionally, how many hours or months remain per kind) out. A
maintainer who updates rules/states/TX.yaml updates rules/tests/TX.yaml beside it and
touches no code. `check()` finds malformed files (for `prsscheck validate`); `run()`
evaluates every case and returns the mismatches (for the test suite).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, NamedTuple

from prsscheck.kinds import STATUSES

CASE_KEYS = {"name", "answers", "expect", "note"}
# `remaining` may name the kind or the answer that measures it.
REMAINING_ALIASES = {
    "recovery_months": "recovery_time",
    "caregiver_months": "caregiver_time",
    "service_months": "service_history",
    "age": "min_age",
}
EXPECT_KEYS = {"status", "remaining"}


class Case(NamedTuple):
    file: str
    code: str
    name: str
    answers: Mapping[str, Any]
    expect: Mapping[str, Mapping[str, Any]]  # credential id -> {status, remaining}


class Problem(NamedTuple):
    file: str
    path: str
    message: str


def national_path(directory: Path) -> Path:
    return directory / "national" / "US.yaml"


def files(directory: Path) -> list[Path]:
    folder = directory / "tests"
    return sorted(folder.glob("*.yaml")) if folder.is_dir() else []


def parse(file: str, data: Any) -> tuple[list[Case], list[Problem]]:
    """The cases of one scenario file, and what is wrong with its shape."""
    problems: list[Problem] = []
    if not isinstance(data, Mapping) or not isinstance(data.get("state"), str) or not isinstance(data.get("cases"), list):
        return [], [Problem(file, "", "a scenario file is a mapping with 'state: CODE' and a list of 'cases'")]
    extra = set(data) - {"state", "cases"}
    if extra:
        problems.append(Problem(file, sorted(extra)[0], "unknown key; a scenario file has 'state' and 'cases'"))
    code = data["state"]
    cases = []
    for i, raw in enumerate(data["cases"]):
        where = f"cases[{i}]"
        if (
            not isinstance(raw, Mapping)
            or not isinstance(raw.get("name"), str)
            or not isinstance(raw.get("answers"), Mapping)
            or not isinstance(raw.get("expect"), Mapping)
        ):
            problems.append(Problem(file, where, "a case has 'name', 'answers' (a mapping) and 'expect' (credential id -> status)"))
            continue
        for key in set(raw) - CASE_KEYS:
            problems.append(Problem(file, f"{where}.{key}", f"unknown key; a case has {', '.join(sorted(CASE_KEYS))}"))
        expect: dict[str, dict[str, Any]] = {}
        for cid, want in raw["expect"].items():
            want = {"status": want} if isinstance(want, str) else want
            if not isinstance(want, Mapping) or want.get("status") not in STATUSES:
                problems.append(Problem(file, f"{where}.expect.{cid}", f"expected status must be one of {', '.join(STATUSES)}"))
                continue
            for key in set(want) - EXPECT_KEYS:
                problems.append(Problem(file, f"{where}.expect.{cid}.{key}", "unknown key; use status and remaining"))
            remaining = want.get("remaining") or {}
            if not isinstance(remaining, Mapping) or not all(isinstance(v, (int, float)) for v in remaining.values()):
                problems.append(
                    Problem(file, f"{where}.expect.{cid}.remaining", "remaining maps a kind to the hours or months still to go")
                )
                continue
            expect[str(cid)] = {"status": want["status"], "remaining": dict(remaining)}
        cases.append(Case(file, code, raw["name"], raw["answers"], expect))
    return cases, problems


def check(cases: Iterable[Case], credential_ids: set[str]) -> list[Problem]:
    """What a schema cannot say: the answers are a valid answers file, the ids exist."""
    from prsscheck.answers import profile_from_mapping
    from prsscheck.errors import AnswersError

    problems = []
    for case in cases:
        try:
            profile_from_mapping({"state": case.code, **case.answers} if case.code != "US" else dict(case.answers))
        except AnswersError as err:
            problems.append(Problem(case.file, f"case '{case.name}'", f"answers: {err}"))
        for cid in case.expect:
            if cid not in credential_ids:
                problems.append(Problem(case.file, f"case '{case.name}'", f"unknown credential id '{cid}'"))
    return problems


def load(directory: Path) -> tuple[list[Case], list[Problem]]:
    from prsscheck import yamlfile
    from prsscheck.files import TooBig, read_file

    cases, problems = [], []
    for path in files(directory):
        try:
            data = yamlfile.load(yamlfile.decode(read_file(path, yamlfile.MAX_BYTES)))
        except TooBig as err:
            problems.append(Problem(str(path), "", f"file is {err}"))
            continue
        except OSError as err:
            problems.append(Problem(str(path), "", f"cannot read the file: {err.strerror or err}"))
            continue
        except yamlfile.YamlError as err:
            problems.append(Problem(str(path), "", getattr(err, "message", str(err))))
            continue
        found, wrong = parse(str(path), data)
        cases.extend(found)
        problems.extend(wrong)
    return cases, problems


def run(case: Case, jurisdictions: Mapping[str, Any], today: str = "2026-12-03") -> list[str]:
    """The mismatches between a case's expectations and the engine's verdicts (empty: it passes)."""
    from prsscheck import engine
    from prsscheck.answers import profile_from_mapping

    answers = dict(case.answers)
    if case.code != "US":
        answers.setdefault("state", case.code)
    profile = profile_from_mapping(answers)
    everything = list(jurisdictions.values())
    reciprocal = engine.icrc_reciprocal_ids(everything)
    names = engine.titles(everything)
    jurisdiction = jurisdictions[case.code]
    verdicts = {v.credential.id: v for v in engine.evaluate_jurisdiction(profile, jurisdiction, reciprocal, names=names, today=today)}
    wrong = []
    for cid, want in case.expect.items():
        v = verdicts.get(cid)
        if v is None:
            wrong.append(f"{cid}: no such credential in {case.code}")
            continue
        if v.status != want["status"]:
            why = "; ".join(i.text for i in (*v.blockers, *v.remaining, *v.review))[:400]
            wrong.append(f"{cid}: expected {want['status']}, got {v.status} ({why})")
        for kind, left in want["remaining"].items():
            kind = REMAINING_ALIASES.get(kind, kind)
            items = [i for i in v.remaining if i.kind == kind and isinstance(i.need, (int, float))]
            got = sum(max(0.0, float(i.need) - float(i.have or 0)) for i in items)
            if abs(got - float(left)) > 1e-6:
                wrong.append(f"{cid}: expected {left} {kind} remaining, got {got:g}")
    return wrong
