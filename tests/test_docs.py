"""Every `prsscheck ...` command in the README and docs runs (the interview itself is tested in a pty)."""

from __future__ import annotations

import re
import shlex

import pytest
from conftest import REPO, run

DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]


def commands():
    for doc in DOCS:
        for block in re.findall(r"```sh\n(.*?)```", doc.read_text(), re.S):
            for line in block.splitlines():
                line = line.split("  #")[0].strip()
                if line.startswith("prsscheck "):
                    yield pytest.param(line, id=f"{doc.name}: {line}")


@pytest.mark.parametrize("line", list(commands()))
def test_documented_command_runs(line, monkeypatch):
    monkeypatch.chdir(REPO)
    args = shlex.split(line)[1:]
    if args == ["assess"] or "--save" in args or "--resume" in args:
        pytest.skip("interactive or stateful: covered by test_interactive.py and test_assess_cli.py")
    if "me.yaml" in args:
        args[args.index("me.yaml")] = "examples/answers.yaml"
    if "people.csv" in args:
        args[args.index("people.csv")] = "examples/people.csv"
    r = run(*args)
    assert r.exit_code == 0, r
    assert "Traceback" not in r.output
