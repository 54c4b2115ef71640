"""The maintainers' measuring tool (tools/complete_person.py) runs through the CLI and agrees with
the engine, so the decisiveness figures in the issues are what a person would see."""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

TOOL = Path(__file__).resolve().parents[1] / "tools" / "complete_person.py"


def test_complete_person_counts_every_fixture_credential_through_the_cli(rules_copy, capsys, monkeypatch):
    monkeypatch.setattr(sys, "argv", [str(TOOL), "--list", str(rules_copy)])
    runpy.run_path(str(TOOL), run_name="__main__")
    out = capsys.readouterr().out.splitlines()
    total = next(line for line in out if line.startswith("total"))
    assert total.split()[1] == "10"  # every credential of the fixture states
    counts = {line.split()[0]: int(line.split()[1]) for line in out if line.split()[0] in ("eligible", "likely_eligible", "needs_review")}
    assert counts == {"eligible": 8, "likely_eligible": 1, "needs_review": 1}
    listed = [line.split()[:3] for line in out if line.startswith("TX ")]
    assert listed == [["TX", "tx-mhps", "likely_eligible"], ["TX", "tx-unk", "needs_review"]]  # recovery unknown; most unknown
