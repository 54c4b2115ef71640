"""`prsscheck assess` without a terminal: answers files, JSON, all states, batches, bad input."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
import yaml

from conftest import EXAMPLES, run

BAD = Path(__file__).parent / "bad_inputs"
CASES = yaml.safe_load((BAD / "cases.yaml").read_text())


def test_example_answers_file_json_shape():
    r = run("assess", "--answers", EXAMPLES / "answers.yaml", "--json")
    assert r.exit_code == 0, r
    data = json.loads(r.stdout)
    assert data["state"] == "TX"
    by_id = {x["credential"]: x for x in data["results"]}
    rsps = by_id["tx-rsps"]
    assert set(rsps) >= {"credential", "title", "status", "met", "remaining", "blockers", "review", "next_step", "sources"}
    assert rsps["status"] == "in_progress"
    training = next(x for x in rsps["remaining"] if x["kind"] == "training_hours")
    assert (training["need"], training["have"]) == (65.5, 19.5)
    assert by_id["tx-mhps"]["status"] == "not_eligible"
    assert all(s["url"].startswith("http") for s in rsps["sources"])


def test_table_output_names_board_next_step_and_review_date():
    r = run("assess", "--answers", EXAMPLES / "answers.yaml")
    assert r.exit_code == 0, r
    assert "Next step: Complete 46 more hours of peer training (65.5 required)." in r.stdout
    assert "https://www.tcbap.org" in r.stdout
    assert "rules last reviewed 2026-11-22" in r.stdout


def test_markdown_output_is_printable():
    md = run("assess", "--answers", EXAMPLES / "answers.yaml", "--format", "markdown").stdout
    assert md.startswith("# Your results for Texas (TX)")
    assert "**Status: in_progress**" in md


def test_state_option_overrides_and_accepts_names(tmp_path):
    r = run("assess", "--answers", EXAMPLES / "answers.yaml", "--state", "missouri", "--json")
    assert json.loads(r.stdout)["state"] == "MO"


def test_answers_from_stdin_as_json():
    answers = json.dumps({"state": "PA", "age": 40, "lived_experience": ["substance_use"], "recovery_months": 6})
    r = run("assess", "--answers", "-", "--json", input=answers)
    assert r.exit_code == 0, r
    crs = next(x for x in json.loads(r.stdout)["results"] if x["credential"] == "pa-crs")
    assert crs["status"] == "not_yet"
    assert any(x["kind"] == "recovery_time" and x["need"] == 18 and x["have"] == 6 for x in crs["remaining"])


def test_all_states_sorted_closest_first():
    r = run("assess", "--answers", EXAMPLES / "answers.yaml", "--all-states", "--json")
    assert r.exit_code == 0, r
    rows = json.loads(r.stdout)["results"]
    assert len(rows) == 51
    order = {"eligible": 0, "needs_review": 1, "in_progress": 2, "not_yet": 4, "not_eligible": 5, "no state credential": 9}
    firsts = [order[row["status"]] for row in rows]
    assert firsts[0] <= 2 and rows[-1]["status"] in ("no state credential", "not_eligible", "not_yet", "needs_review")
    assert {row["state"] for row in rows} == {row["state"] for row in rows} and len({row["state"] for row in rows}) == 51
    table = run("assess", "--answers", EXAMPLES / "answers.yaml", "--all-states").stdout
    assert "Where you are closest to certified" in table


def test_all_states_needs_answers():
    r = run("assess", "--all-states")
    assert r.exit_code == 2 and "--answers" in r.stderr


def test_batch_jsonl_and_csv(tmp_path):
    jsonl = tmp_path / "people.jsonl"
    jsonl.write_text("\n".join(json.dumps(p) for p in [{"state": "TX", "age": 30, "lived_experience": ["mental_health"]}, {"age": 19, "lived_experience": ["family"]}]) + "\n")
    r = run("assess", "--answers-batch", jsonl, "--json")
    assert r.exit_code == 0, r
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert [line["row"] for line in lines] == [1, 2]
    assert {x["state"] for x in lines[0]["results"]} == {"TX"}
    assert len({x["state"] for x in lines[1]["results"]}) == 50  # every state with a credential
    table = tmp_path / "people.csv"
    table.write_text("state,age,lived_experience,training_hours\nMO,44,substance_use;mental_health,10\n")
    r = run("assess", "--answers-batch", table)
    first = json.loads(r.stdout.splitlines()[0])
    assert first["state"] == "MO" and first["results"]


def test_batch_bad_row_names_row_and_key(tmp_path):
    table = tmp_path / "people.csv"
    table.write_text("state,age\nTX,30\nTX,old\n")
    r = run("assess", "--answers-batch", table)
    assert r.exit_code == 2 and "row 2" in r.stderr and "'age'" in r.stderr


@pytest.mark.parametrize("name", sorted(CASES["answers"]))
def test_bad_answers_files(name):
    case = CASES["answers"][name]
    r = run("assess", "--answers", BAD / "answers" / name)
    assert r.exit_code == case["exit"], r
    assert case["says"] in r.stderr, r
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.output
    assert not Path("/tmp/prsscheck-pwned").exists()


def test_missing_answers_file_and_folder(tmp_path):
    r = run("assess", "--answers", tmp_path / "nope.yaml")
    assert r.exit_code == 2 and "answers file not found" in r.stderr
    r = run("assess", "--answers", tmp_path)
    assert r.exit_code == 2 and "is a folder" in r.stderr


def test_non_interactive_stdin_says_to_use_answers():
    r = run("assess")
    assert r.exit_code == 2
    assert "use --answers FILE" in r.stderr


def test_save_writes_0600_atomically_and_forget_deletes(tmp_path):
    r = run("assess", "--answers", EXAMPLES / "answers.yaml", "--save", "--json")
    assert r.exit_code == 0, r
    saved = Path(os.environ["PRSSCHECK_DATA_DIR"]) / "answers.yaml"
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert yaml.safe_load(saved.read_text())["state"] == "TX"
    assert not list(saved.parent.glob(".*.tmp"))
    resumed = run("assess", "--resume", "--all-states", "--json")
    assert resumed.exit_code == 0 and len(json.loads(resumed.stdout)["results"]) == 51
    r = run("forget")
    assert r.stdout.strip() == f"Deleted {saved}"
    assert not saved.exists()
    assert "Nothing to delete" in run("forget").stdout


def test_nothing_is_written_without_save():
    run("assess", "--answers", EXAMPLES / "answers.yaml", "--json")
    folder = Path(os.environ["PRSSCHECK_DATA_DIR"])
    assert not folder.exists() or not any(folder.iterdir())


def test_resume_without_saved_answers():
    r = run("assess", "--resume")
    assert r.exit_code == 2 and "no saved answers" in r.stderr


def test_not_yet_willing_to_share_gets_a_kind_word_and_no_verdict_change():
    base = {"state": "TX", "age": 30, "lived_experience": ["substance_use"], "education": "high_school_or_ged", "background": "none"}
    yes = run("assess", "--answers", "-", "--json", input=json.dumps({**base, "willing_to_share": True}))
    no = run("assess", "--answers", "-", "--json", input=json.dumps({**base, "willing_to_share": False}))
    assert json.loads(yes.stdout) == json.loads(no.stdout)  # a reflection, never a verdict
    table = run("assess", "--answers", "-", input=json.dumps({**base, "willing_to_share": False})).stdout
    assert "Sharing your story: you said not yet." in table
