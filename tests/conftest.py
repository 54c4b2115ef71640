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


@pytest.fixture
def rules_copy(tmp_path) -> Path:
    """A writable copy of the shipped rules folder."""
    target = tmp_path / "rules"
    shutil.copytree(RULES, target)
    return target
