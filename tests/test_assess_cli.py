"""`prsscheck assess` without a terminal: answers files, JSON, all states, batches, bad input."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
import yaml
from conftest import EXAMPLES, TEXAS, run

BAD = Path(__file__).parent / "bad_inputs"
CASES = yaml.safe_load((BAD / "cases.yaml").read_text())


def assess(rules_dir, *args, answers=None):
    return run("--rules-dir", rules_dir, "assess", "--answers", "-", *args, input=json.dumps(answers or TEXAS))


def test_answers_json_shape(rules_copy):
    r = assess(rules_copy, "--json")
    assert r.exit_code == 0, r
    data = json.loads(r.stdout)
    assert data["state"] == "TX"
    by_id = {x["credential"]: x for x in data["results"]}
    rsps = by_id["tx-rsps"]
    assert set(rsps) >= {
        "credential",
        "title",
        "status",
        "met",
        "remaining",
        "blockers",
        "review",
        "later",
        "next_step",
        "sources",
        "cost",
        "timeline",
        "carried_over",
    }
    assert rsps["status"] == "in_progress"
    training = next(x for x in rsps["remaining"] if x["kind"] == "training_hours")
    assert (training["need"], training["have"]) == (65.5, 19.5)
    assert rsps["cost"] == {"min_usd": 710, "max_usd": 960, "unknown": [], "renewal": "$12.50"}
    assert rsps["timeline"]["weeks"] == 4.6 and rsps["timeline"]["estimate"] is True and len(rsps["timeline"]["earliest"]) == 7
    assert by_id["tx-mhps"]["status"] == "not_eligible"
    assert all(s["url"].startswith("http") and s["authority"] for s in rsps["sources"])
    assert [n["credential"] for n in data.get("national", [])] == []  # the fixture folder has no national file


def test_table_output_names_board_next_step_cost_and_time(rules_copy):
    r = assess(rules_copy)
    assert r.exit_code == 0, r
    out = " ".join(r.stdout.split())
    assert "Next step: Complete 46 more hours of peer training (65.5 required)." in out
    assert "Cost to apply: about $710-$960. Renewal: $12.50." in out
    assert "Time: about 5 weeks" in out and "46 hours at 10 a week. An estimate." in out
    assert "https://board.example.org" in out and "rules last reviewed 2026-12-01" in out
    assert "Not a fit: TX Mental Health Peer Specialist (MHPS) (for people with lived experience of mental health)." in out


def test_markdown_output_is_a_printable_report(rules_copy):
    md = assess(rules_copy, "--format", "markdown").stdout
    assert md.startswith("# Your results for Texas (TX)")
    assert "**Status: in progress**" in md and "Cost to apply: about $710-$960." in md


def test_csv_has_one_header_a_state_column_and_remaining_items(rules_copy):
    rows = list(__import__("csv").reader(assess(rules_copy, "--format", "csv").stdout.splitlines()))
    assert rows[0] == ["State", "Credential", "Title", "Status", "Next step", "What remains", "Cost"]
    rsps = next(r for r in rows if r[1] == "tx-rsps")
    assert rsps[0] == "TX" and rsps[3] == "in_progress" and "46 more hours" in rsps[5]


def test_a_title_starting_with_a_formula_is_neutralised_in_every_csv(rules_copy):
    tx = rules_copy / "states" / "TX.yaml"
    tx.write_text(tx.read_text().replace("title: Recovery Support Peer Specialist", "title: '=HYPERLINK(\"http://x\")'", 1))
    for args in (
        ("assess", "--answers", "-", "--format", "csv"),
        ("show", "TX", "--format", "csv"),
        ("compare", "TX", "MO", "--format", "csv"),
    ):
        out = run("--rules-dir", rules_copy, *args, input=json.dumps(TEXAS)).stdout
        cells = [c for row in __import__("csv").reader(out.splitlines()) for c in row]
        assert not any(c.startswith("=") for c in cells), args
    listing = run("--rules-dir", rules_copy, "assess", "--answers", "-", "--format", "csv", input=json.dumps(TEXAS)).stdout
    assert "'=HYPERLINK" in listing


def test_state_option_overrides_and_accepts_names(rules_copy):
    r = assess(rules_copy, "--state", "missouri", "--json")
    assert json.loads(r.stdout)["state"] == "MO"


def test_answers_from_stdin_as_json(rules_copy):
    r = assess(rules_copy, "--json", answers={"state": "TX", "age": 40, "lived_experience": ["substance_use"], "recovery_months": 6})
    assert r.exit_code == 0, r
    rsps = next(x for x in json.loads(r.stdout)["results"] if x["credential"] == "tx-rsps")
    assert rsps["status"] == "not_yet"
    assert any(x["kind"] == "recovery_time" and x["need"] == 12 and x["have"] == 6 for x in rsps["remaining"])


def test_all_states_sorted_closest_first(rules_copy):
    r = assess(rules_copy, "--all-states", "--json")
    assert r.exit_code == 0, r
    rows = json.loads(r.stdout)["results"]
    assert len(rows) == 51
    # The fixture person (19.5 training hours, no exam): MO CPS needs 15.5 hours and an exam (distance
    # 15.5 + 60); TX RSPS 46 hours and the course's test (46 + 60); KS CPR 26.5 + 500 hours and an exam.
    # The 47 empty states last, in code order.
    assert [(row["state"], row["best"], row["status"]) for row in rows[:3]] == [
        ("MO", "mo-cps", "in_progress"),
        ("TX", "tx-rsps", "in_progress"),
        ("KS", "ks-cpr", "in_progress"),
    ]
    assert [row["state"] for row in rows[4:]] == sorted(row["state"] for row in rows[4:])
    assert all(row["status"] == "no state credential" for row in rows[4:])
    table = run("--rules-dir", rules_copy, "assess", "--answers", "-", "--all-states", input=json.dumps(TEXAS)).stdout
    assert "Where you are closest to certified" in table and "Record" in table


def test_all_states_ranks_a_mostly_unknown_path_below_a_known_shorter_one(rules_copy):
    person = {**TEXAS, "training_hours": 60, "experience_hours": 10}
    rows = json.loads(assess(rules_copy, "--all-states", "--json", answers=person).stdout)["results"]
    tx = next(row for row in rows if row["state"] == "TX")
    order = [c["credential"] for c in tx["credentials"]]
    assert order.index("tx-rsps") < order.index("tx-unk")


def test_moving_with_a_state_credential_says_what_does_not_carry_over(rules_copy):
    r = run("--rules-dir", rules_copy, "move", "MO", "KS", "--held", "mo-cps", "--json")
    assert r.exit_code == 0, r
    cpr = next(x for x in json.loads(r.stdout)["results"] if x["credential"] == "ks-cpr")
    assert cpr["carried_over"] == []
    assert cpr["not_carried_over"] == [
        "Your MO Certified Peer Specialist (CPS) is not IC&RC-reciprocal: this credential asks for its own training, hours and exam."
    ]
    bad = run("--rules-dir", rules_copy, "move", "MO", "KS", "--held", "tx-rsps")
    assert bad.exit_code == 2 and "'tx-rsps' is not a credential of MO" in bad.stderr


def test_moving_with_an_icrc_credential_carries_over_and_is_eligible(rules_copy):
    person = {
        "state": "KS",
        "age": 30,
        "education": "high_school_or_ged",
        "lived_experience": ["substance_use"],
        "recovery_months": 30,
        "background": "none",
    }
    r = run("--rules-dir", rules_copy, "assess", "--answers", "-", "--held", "mo-cpr", "--json", input=json.dumps(person))
    cpr = next(x for x in json.loads(r.stdout)["results"] if x["credential"] == "ks-cpr")
    assert cpr["status"] == "eligible"
    assert sorted(c["kind"] for c in cpr["carried_over"]) == ["exam", "experience_hours", "training_hours"]
    assert {c["by"] for c in cpr["carried_over"]} == {"mo-cpr"}
    assert cpr["cost"]["min_usd"] == 200 and [f["text"] for f in cpr["fees"]] == ["Application fee: $50."]
    table = " ".join(
        run("--rules-dir", rules_copy, "assess", "--answers", "-", "--held", "mo-cpr", input=json.dumps(person)).stdout.split()
    )
    assert (
        "Carried over from what you hold" in table
        and "Training hours: met through IC&RC reciprocity with your MO Certified Peer Recovery (CPR)." in table
    )


def test_a_state_without_credentials_shows_neighbours_open_to_outsiders(rules_copy):
    person = {"state": "SD", "age": 30, "lived_experience": ["substance_use"]}
    r = run("--rules-dir", rules_copy, "assess", "--answers", "-", "--json", input=json.dumps(person))
    data = json.loads(r.stdout)
    # ks-cps is for mental health experience only: not listed for a person in recovery from substance use
    assert {(n["state"], n["credential"]) for n in data["neighbours"]} == {
        ("KS", "ks-cpr"),
        ("MO", "mo-cps"),
        ("MO", "mo-cpr"),
    }


def test_south_dakota_is_checked_against_the_national_credentials():
    person = {
        "state": "SD",
        "age": 30,
        "education": "high_school_or_ged",
        "lived_experience": ["substance_use"],
        "recovery_months": 36,
        "training_hours": 0,
    }
    r = run("assess", "--answers", "-", "--json", input=json.dumps(person))
    assert r.exit_code == 0, r
    data = json.loads(r.stdout)
    assert data["results"] == [] and {n["credential"] for n in data["national"]} >= {"us-ncprss", "us-ncps", "us-icrc-pr"}
    assert all(n["status"] in ("in_progress", "needs_review", "likely_eligible", "not_eligible") for n in data["national"])
    table = run("assess", "--answers", "-", input=json.dumps(person)).stdout
    assert "National credentials (open wherever you live)" in table


def test_all_states_needs_answers():
    r = run("assess", "--all-states")
    assert r.exit_code == 2 and "--answers" in r.stderr


def test_batch_jsonl_and_csv(tmp_path):
    jsonl = tmp_path / "people.jsonl"
    jsonl.write_text(
        "\n".join(
            json.dumps(p)
            for p in [{"state": "TX", "age": 30, "lived_experience": ["mental_health"]}, {"age": 19, "lived_experience": ["family"]}]
        )
        + "\n"
    )
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
    r = run("assess", "--answers", EXAMPLES / "answers.yaml", "--save", "--json")  # the README's example, on the live rules
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


def test_not_yet_willing_to_share_gets_a_kind_word_and_counts_where_the_rules_ask_it(rules_copy):
    yes = json.loads(assess(rules_copy, "--json", answers={**TEXAS, "willing_to_share": True}).stdout)
    no = json.loads(assess(rules_copy, "--json", answers={**TEXAS, "willing_to_share": False}).stdout)
    assert {x["credential"]: x["status"] for x in no["results"]}["tx-rsps"] == "not_yet"  # it can be met later
    assert {x["credential"]: x["status"] for x in yes["results"]}["tx-rsps"] == "in_progress"
    table = assess(rules_copy, answers={**TEXAS, "willing_to_share": False}).stdout
    assert "Sharing your story: you said not yet." in table
