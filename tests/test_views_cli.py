"""Counselors' commands on the real rules, in every format, as a person types them."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import run


def test_show_texas_lists_every_credential_with_sources(rules_copy):
    r = run("--rules-dir", rules_copy, "show", "TX")
    assert r.exit_code == 0, r
    for cid in ("tx-mhps", "tx-rsps", "tx-cfp", "tx-yps", "tx-apr", "tx-unk"):
        assert f"[{cid}]" in r.stdout
    out = " ".join(r.stdout.split())
    assert "Last reviewed: 2026-12-01" in out
    assert "https://directory.example.org/tx (aggregator; seen 2026-12-01)" in out
    assert "(from a secondary source)" in out  # tx-mhps's age rests on the aggregator
    assert "Steps, in order" in out and "1. Take the core training" in out and "- 1." not in out
    # what the rules link to each step, so a counselor can check the links against the board's steps
    assert "2. Take the supplemental training (covers: training hours to 65.5; exam)" in out
    assert "3. Apply (covers: application fee; Sign the code of ethics)" in out
    # every kind the fixture uses has its row: none is hidden
    for label in (
        "Maximum age",
        "Time as a caregiver",
        "Services received",
        "Time since an event",
        "Required course",
        "Credential held first",
        "Also asked",
        "Also required",
    ):
        assert label in out, label


def test_show_json_is_the_jurisdiction_as_loaded(rules_copy):
    import yaml

    r = run("--rules-dir", rules_copy, "show", "texas", "--json")
    assert r.exit_code == 0, r
    data = json.loads(r.stdout)
    on_disk = yaml.load((rules_copy / "states" / "TX.yaml").read_text(), Loader=yaml.BaseLoader)
    assert list(data) == list(on_disk)
    assert data["code"] == "TX" and data["last_reviewed"] == "2026-12-01"
    assert data["credentials"][0]["requirements"][0] == {
        "kind": "min_age",
        "years": 18,
        "source": "https://board.example.org/rules",
        "locator": "Step 1",
    }


def test_show_a_state_without_certification_points_to_options():
    r = run("show", "SD")
    assert r.exit_code == 0, r
    assert "No state certification" in r.stdout
    assert "naadac.org/ncprss" in r.stdout


def test_unknown_state_suggests_the_nearest_code():
    r = run("show", "TZ")
    assert r.exit_code == 2
    assert r.stderr.strip() == "prsscheck: Unknown state 'TZ'. Did you mean TX?"
    assert "Traceback" not in r.output


def test_compare_needs_two_states():
    r = run("compare", "TX")
    assert r.exit_code == 2
    assert "two or more states" in r.stderr


def test_compare_names_and_codes_side_by_side(rules_copy):
    r = run("--rules-dir", rules_copy, "compare", "texas", "MO", "--format", "json")
    assert r.exit_code == 0, r
    data = json.loads(r.stdout)
    assert data["jurisdictions"] == ["TX", "MO"]
    columns = {c["credential"]: c["values"] for c in data["columns"]}
    assert columns["tx-rsps"]["Training hours"] == "65.5"
    assert columns["mo-cps"]["Training hours"] == "35"
    assert columns["tx-unk"]["Training hours"] == "unknown"  # never a guess
    assert columns["mo-cpr"]["Reciprocity"] == "IC&RC reciprocity"
    assert columns["tx-mhps"]["Work/volunteer hours"] == "0" and columns["tx-apr"]["Exam"] == "none"
    assert "Training hours" in data["differing"]


def test_compare_credential_filter_and_unknown_credential():
    r = run("compare", "TX", "MO", "--credential", "tx-rsps", "--credential", "mo-cps", "--json")
    assert [c["credential"] for c in json.loads(r.stdout)["columns"]] == ["tx-rsps", "mo-cps"]
    r = run("compare", "TX", "MO", "--credential", "tx-zzz")
    assert r.exit_code == 2 and "Unknown credential 'tx-zzz'" in r.stderr


@pytest.mark.parametrize("columns", ["80", "120"])
def test_compare_reads_at_80_and_120_columns(columns, rules_copy):
    r = run("--rules-dir", rules_copy, "compare", "TX", "MO", "-c", "tx-rsps", "-c", "mo-cps", env={"COLUMNS": columns, "NO_COLOR": "1"})
    assert r.exit_code == 0, r
    lines = r.stdout.splitlines()
    assert max(len(line) for line in lines) <= int(columns)
    assert "Training hours" in r.stdout and "65.5" in r.stdout
    assert "\x1b[" not in r.stdout  # NO_COLOR


def test_compare_many_columns_read_down_one_requirement_on_a_narrow_terminal(rules_copy):
    r = run("--rules-dir", rules_copy, "compare", "TX", "MO", env={"COLUMNS": "80"})
    assert r.exit_code == 0, r
    assert max(len(line) for line in r.stdout.splitlines()) <= 80
    assert "TX RSPS" in r.stdout and "Recovery Support Peer Specialist" in r.stdout  # the legend names each credential
    assert "18+ — TX RSPS/MHPS/YPS/APR, MO" in " ".join(r.stdout.split())  # one line per value, naming who has it


def test_compare_live_states_at_80_columns_stays_short():
    r = run("compare", "OH", "KY", "IN", env={"COLUMNS": "80"})
    assert r.exit_code == 0, r
    assert len(r.stdout.splitlines()) < 120


def test_compare_marks_only_rows_that_differ_between_states(rules_copy):
    data = json.loads(run("--rules-dir", rules_copy, "compare", "TX", "MO", "--json").stdout)
    # TX's own credentials differ in training hours among themselves, and MO's differ too: that is a
    # difference between the states; education is high school everywhere but tx-cfp ('none') and tx-unk.
    assert "Training hours" in data["differing"] and "Certifying body" in data["differing"]
    same = json.loads(
        run("--rules-dir", rules_copy, "compare", "KS", "MO", "--credential", "ks-cpr", "--credential", "mo-cpr", "--json").stdout
    )
    assert "Training hours" not in same["differing"] and "Reciprocity" not in same["differing"]
    only = json.loads(
        run(
            "--rules-dir",
            rules_copy,
            "compare",
            "KS",
            "MO",
            "--credential",
            "ks-cpr",
            "--credential",
            "mo-cpr",
            "--only-differences",
            "--format",
            "json",
        ).stdout
    )
    assert set(only["differing"]) == set(same["differing"])


def test_compare_for_a_clients_lived_experience(rules_copy):
    data = json.loads(run("--rules-dir", rules_copy, "compare", "TX", "MO", "--for", "family", "--json").stdout)
    assert [c["credential"] for c in data["columns"]] == ["tx-cfp"]
    mental = json.loads(run("--rules-dir", rules_copy, "compare", "TX", "MO", "--for", "mental_health", "--json").stdout)
    assert [c["credential"] for c in mental["columns"]] == ["tx-mhps", "tx-unk", "mo-cps", "mo-cpr"]


def test_compare_markdown_and_csv(rules_copy):
    md = run("--rules-dir", rules_copy, "compare", "TX", "MO", "--format", "markdown").stdout
    assert md.startswith("# Peer certification requirements: Texas (TX) vs Missouri (MO)")
    assert "| Requirement | TX Recovery Support Peer Specialist (RSPS) | TX Mental Health Peer Specialist (MHPS) |" in md
    rows = list(csv.reader(io.StringIO(run("--rules-dir", rules_copy, "compare", "TX", "MO", "--format", "csv").stdout)))
    assert rows[0][0] == "Requirement"
    assert all(len(row) == len(rows[0]) for row in rows)


def test_list_all_and_filters():
    data = json.loads(run("list", "--json").stdout)
    assert len(data) == 51
    separate = json.loads(run("list", "--model", "separate", "--json").stdout)
    assert separate and all(j["model"] == "separate" for j in separate)
    assert "TX" in {j["code"] for j in separate}
    icrc = json.loads(run("list", "--icrc", "--json").stdout)
    assert icrc and all(j["icrc_member"] is True for j in icrc)
    family = json.loads(run("list", "--lived-experience", "family", "--json").stdout)
    assert "TX" in {j["code"] for j in family} and "SD" not in {j["code"] for j in family}
    table = run("list", env={"COLUMNS": "80"}).stdout
    assert "TX" in table and max(len(line) for line in table.splitlines()) <= 80


def test_list_bad_model_is_a_usage_error():
    r = run("list", "--model", "mixed")
    assert r.exit_code == 2 and "--model" in r.stderr


def test_summary_reproduces_the_2021_tally():
    # The Peer Recovery Center of Excellence comparative analysis (data as of July 1, 2021):
    # 34 integrated, 12 separate, 1 mental-health only (HI), 2 substance-use only (NH, VT),
    # 2 none (CA, SD). Source: shared/research/national/comparative_analysis_2021.md.
    data = json.loads(run("summary", "--json").stdout)
    assert data["models"]["2021"] == {"integrated": 34, "separate": 12, "mental_health_only": 1, "substance_use_only": 2, "none": 2}
    assert sum(data["models"]["today"].values()) == 51
    assert data["training_hours"]["n"] > 30
    assert data["training_hours"]["min"] <= data["training_hours"]["median"] <= data["training_hours"]["max"]


def test_summary_markdown_and_table():
    assert "## Certification models" in run("summary", "--format", "markdown").stdout
    assert "July 2021" in run("summary").stdout


def test_version_and_help():
    assert run("--version").stdout.strip().startswith("prsscheck ")
    for command in ("assess", "compare", "show", "list", "summary", "validate", "forget"):
        r = run(command, "--help")
        assert r.exit_code == 0 and "Example: prsscheck" in r.stdout, command


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json"])
def test_show_in_every_format(fmt):
    r = run("show", "PA", "--format", fmt)
    assert r.exit_code == 0, r
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(r.stdout)))
        assert rows[0] == ["Credential", "Requirement", "Value", "Detail", "Source"]
        assert {"pa-cps", "pa-crs"} <= {row[0] for row in rows[1:]}
    elif fmt == "json":
        assert json.loads(r.stdout)["code"] == "PA"
    elif fmt == "markdown":
        assert r.stdout.startswith("# Pennsylvania (PA)") and "| Requirement | Value | Detail | Source |" in r.stdout
    else:
        assert "Pennsylvania (PA)" in r.stdout


@pytest.mark.parametrize("command", [["list"], ["summary"]])
@pytest.mark.parametrize("fmt", ["markdown", "csv"])
def test_list_and_summary_export(command, fmt):
    r = run(*command, "--format", fmt)
    assert r.exit_code == 0, r
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(r.stdout)))
        assert len({len(row) for row in rows}) == 1 and len(rows) > 5
    else:
        assert r.stdout.startswith("# ")


def test_shell_completion_offers_codes_and_credential_ids():
    r = run(env={"_PRSSCHECK_COMPLETE": "complete_bash", "COMP_WORDS": "prsscheck show T", "COMP_CWORD": "2"})
    assert set(r.stdout.split()) == {"TN", "TX"}
    r = run(env={"_PRSSCHECK_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "prsscheck compare TX MO --credential tx-r"})
    assert '"tx-rsps"' in r.stdout and "mo-" not in r.stdout


def test_debug_shows_a_traceback_for_developers():
    from prsscheck.jurisdictions import UnknownJurisdiction

    with pytest.raises(UnknownJurisdiction):
        run("--debug", "show", "TZ")


def test_help_shows_defaults_without_markup_escapes():
    r = run("compare", "--help")
    assert "[default: table]" in r.stdout and "\\[" not in r.stdout
