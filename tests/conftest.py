"""Shared helpers: run the CLI as a person would, against the shipped rules or a copy."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from prsscheck.cli import app

REPO = Path(__file__).resolve().parents[1]
RULES = REPO / "rules"
FIXTURE_RULES = Path(__file__).resolve().parent / "fixtures" / "rules"
RESEARCH = REPO.parent / "shared" / "research"
EXAMPLES = REPO / "examples"


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path_factory, monkeypatch):
    """Every test gets its own data and cache folders: nothing touches the real home."""
    base = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("PRSSCHECK_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(base / "cache"))
    monkeypatch.delenv("PRSSCHECK_RULES_DIR", raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("NO_COLOR", "1")


class Result:
    def __init__(self, raw):
        self.exit_code = raw.exit_code
        self.stdout = raw.stdout
        self.stderr = raw.stderr
        self.output = raw.output

    def __repr__(self):
        return f"<exit {self.exit_code}\nstdout: {self.stdout[-2000:]}\nstderr: {self.stderr[-2000:]}>"


def run(*args: str, input: str | None = None, env: dict | None = None) -> Result:
    runner = CliRunner()
    return Result(runner.invoke(app, [str(a) for a in args], input=input, env=env, catch_exceptions=False))


# A Texas person on the fixture rules (tests/fixtures/rules): in progress on tx-rsps.
TEXAS = {
    "state": "TX",
    "age": 34,
    "education": "high_school_or_ged",
    "lived_experience": ["substance_use"],
    "recovery_months": 30,
    "in_state": True,
    "willing_to_share": True,
    "training_hours": 19.5,
    "exam_passed": [],
    "background": "none",
}

MINIMAL_STATE = """# FIXTURE: a jurisdiction with nothing in it, so that the fixture folder is complete.
code: {code}
name: {name}
model: none
model_2021: none
last_reviewed: 2026-12-01
certifying_entities: []
sources:
- {{url: https://example.org/{code}, what: nothing, seen: 2026-12-01, authority: official, note: a fixture}}
credentials: []
"""


@pytest.fixture
def rules_copy(tmp_path) -> Path:
    """A writable, complete and clean rules folder: the fixture states (tests/fixtures/rules)
    plus an empty file for every other jurisdiction. Logic and CLI tests run on it, not on the
    live rules, so a correct update to a state breaks only that state's scenario cases."""
    from prsscheck.jurisdictions import NAMES

    target = tmp_path / "rules"
    (target / "states").mkdir(parents=True)
    shutil.copyfile(RULES / "schema.json", target / "schema.json")
    shutil.copyfile(RULES / "content-farms.txt", target / "content-farms.txt")
    for path in (FIXTURE_RULES / "states").glob("*.yaml"):
        shutil.copyfile(path, target / "states" / path.name)
    for code, name in NAMES.items():
        path = target / "states" / f"{code}.yaml"
        if not path.exists():
            path.write_text(MINIMAL_STATE.format(code=code, name=name))
    return target


@pytest.fixture
def fixture_rules(rules_copy) -> Path:
    """The same complete fixture folder, for tests that only read it."""
    return rules_copy
