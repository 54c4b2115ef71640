"""The live rules, checked by the scenario cases beside them (rules/tests/<CODE>.yaml).

One parametrized test per case: a correct update to a state breaks only that state's cases.
"""

from __future__ import annotations

from functools import cache

import pytest
from conftest import RULES

from prsscheck import rules, scenarios
from prsscheck.jurisdictions import CODES

CASES, PROBLEMS = scenarios.load(RULES)


@cache
def jurisdictions() -> dict:
    found = {j.code: j for j in rules.load_all(RULES)}
    national = rules.load_national(RULES)
    if national is not None:
        found["US"] = national
    return found


def test_scenario_files_are_well_formed():
    ids = {c.id for j in jurisdictions().values() for c in j.credentials}
    problems = PROBLEMS + scenarios.check(CASES, ids)
    assert not problems, "\n".join(f"{p.file} {p.path}: {p.message}" for p in problems)


def test_every_jurisdiction_with_a_credential_has_three_cases():
    counts = {}
    for case in CASES:
        counts[case.code] = counts.get(case.code, 0) + 1
    thin = [code for code in (*CODES, "US") if code in jurisdictions() and jurisdictions()[code].credentials and counts.get(code, 0) < 3]
    assert not thin, f"fewer than 3 scenario cases: {', '.join(thin)}"


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.code}: {c.name}")
def test_scenario(case):
    assert scenarios.run(case, jurisdictions()) == []
