"""`prsscheck validate`: the shipped rules are clean, and broken copies are caught precisely."""

from __future__ import annotations

import json
import resource
import time
from pathlib import Path

import pytest
import yaml
from conftest import REPO, RULES, run

BAD = Path(__file__).parent / "bad_inputs"
CASES = yaml.safe_load((BAD / "cases.yaml").read_text())


def findings(r) -> list[dict]:
    return json.loads(r.stdout)["findings"]


def summary_line(r) -> str:
    return r.stdout.strip().splitlines()[-1]


def test_shipped_rules_have_no_errors():
    """The live rules: no errors. Warnings are the data-quality work still open (values resting
    only on an aggregator, pages seen long ago); `validate --coverage` tracks them."""
    r = run("validate", "--rules-dir", RULES)
    assert r.exit_code == 0, r
    assert summary_line(r).startswith("52 files, 0 errors")  # 50 states, DC and the national file
    kinds_of_warning = {line.split("warning: ", 1)[1].split(": ", 1)[-1] for line in r.stdout.splitlines() if ": warning: " in line}
    allowed = (
        "rests only on an aggregator or secondary page",
        "more than 3 years ago",
        "cited by no requirement",
        "is not the board's own site",
    )
    assert all(any(a in w for a in allowed) for w in kinds_of_warning), kinds_of_warning


def test_the_fixture_folder_is_clean_but_for_its_aggregator_figures(rules_copy):
    r = run("--rules-dir", rules_copy, "validate", "--json")
    assert r.exit_code == 0, r
    assert {f["message"] for f in findings(r)} == {
        "tx-mhps min_age rests only on an aggregator or secondary page",
        "tx-unk experience_hours rests only on an aggregator or secondary page",
        "tx-unk education rests only on an aggregator or secondary page",
    }


def test_validate_a_working_copy_by_option_and_environment(rules_copy):
    assert run("--rules-dir", rules_copy, "validate").exit_code == 0
    r = run("validate", env={"PRSSCHECK_RULES_DIR": str(rules_copy)})
    assert r.exit_code == 0 and "51 files, 0 errors" in r.stdout


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_wrong_type_names_file_line_column_and_path(rules_copy):
    tx = rules_copy / "states" / "TX.yaml"
    tx.write_text(tx.read_text().replace("{kind: training_hours, hours: 59.5,", "{kind: training_hours, hours: -5,", 1))
    r = run("--rules-dir", rules_copy, "validate")
    assert r.exit_code == 1
    line = line_of(tx, "hours: -5")
    column = next(text for text in tx.read_text().splitlines() if "hours: -5" in text).index("-5") + 1
    expected = f"{tx}:{line}:{column}: error: credentials[1].requirements[4].hours: -5 is less than the minimum of 0"
    assert expected in r.stdout.splitlines()
    assert summary_line(r).startswith("51 files, 1 error,")


def test_unknown_key_points_at_the_key_and_suggests(rules_copy):
    tx = rules_copy / "states" / "TX.yaml"
    tx.write_text(tx.read_text().replace("  acronym: MHPS\n", "  acronym: MHPS\n  acronim: MHPS\n", 1))
    r = run("--rules-dir", rules_copy, "validate", "--json")
    assert r.exit_code == 1
    (f,) = [f for f in findings(r) if f["severity"] == "error"]
    assert f["file"] == str(tx) and f["line"] == line_of(tx, "acronim") and f["column"] == 3
    assert f["path"] == "credentials[1].acronim"
    assert "unknown field 'acronim'; did you mean 'acronym'?" == f["message"]


def test_duplicate_credential_id_across_files(rules_copy):
    mo = rules_copy / "states" / "MO.yaml"
    mo.write_text(mo.read_text().replace("- id: mo-cps\n", "- id: tx-rsps\n", 1))
    r = run("--rules-dir", rules_copy, "validate", "--json")
    assert r.exit_code == 1
    messages = {(f["file"], f["message"]) for f in findings(r)}
    assert any("duplicate credential id 'tx-rsps'" in m for _, m in messages)
    assert any("must start with 'mo-'" in m for _, m in messages)


def test_missing_state_and_code_mismatch(rules_copy):
    (rules_copy / "states" / "WY.yaml").unlink()
    ut = rules_copy / "states" / "UT.yaml"
    ut.write_text(ut.read_text().replace("code: UT\n", "code: WY\n", 1))
    r = run("--rules-dir", rules_copy, "validate", "--json")
    assert r.exit_code == 1
    got = {(Path(f["file"]).name, f["line"], f["message"]) for f in findings(r)}
    assert ("UT.yaml", line_of(ut, "code: WY"), "code 'WY' does not match the file name 'UT.yaml'") in got
    assert any(name == "UT.yaml" and "no file declares code UT" in msg for name, _, msg in got)


def test_bad_yaml_reports_the_line(rules_copy):
    nm = rules_copy / "states" / "NM.yaml"
    nm.write_text(nm.read_text().replace("name: New Mexico\n", "name: [New Mexico\n", 1))
    r = run("--rules-dir", rules_copy, "validate")
    assert r.exit_code == 1
    assert f"{nm}:" in r.stdout and "YAML syntax error" in r.stdout


def test_source_not_listed_and_future_review_date(rules_copy):
    mo = rules_copy / "states" / "MO.yaml"
    text = mo.read_text().replace("last_reviewed: 2026-12-01", "last_reviewed: 2099-01-01", 1)
    text = text.replace(
        "{kind: min_age, years: 18, source: https://mo.example.org/rules}",
        "{kind: min_age, years: 18, source: https://example.org/not-listed}",
        1,
    )
    mo.write_text(text)
    r = run("--rules-dir", rules_copy, "validate", "--json")
    messages = [f["message"] for f in findings(r)]
    assert "2099-01-01 is in the future" in messages
    assert "source 'https://example.org/not-listed' is not listed in this file's sources" in messages


def test_old_review_is_a_warning_and_strict_fails(rules_copy):
    mo = rules_copy / "states" / "MO.yaml"
    assert run("--rules-dir", rules_copy, "validate", "--strict", mo).exit_code == 0
    mo.write_text(mo.read_text().replace("last_reviewed: 2026-12-01", "last_reviewed: 2020-01-01", 1))
    r = run("--rules-dir", rules_copy, "validate", mo)
    assert r.exit_code == 0 and "warning: last_reviewed: not reviewed for" in r.stdout
    assert run("--rules-dir", rules_copy, "validate", "--strict", mo).exit_code == 1


def test_content_farm_source_is_an_error_and_weak_sources_warn(rules_copy):
    ks = rules_copy / "states" / "KS.yaml"
    text = ks.read_text().replace(
        "- {url: https://ks.example.org/rules, what: requirements, seen: 2026-12-01, authority: official}",
        "- {url: https://ks.example.org/rules, what: requirements, seen: 2026-12-01, authority: official}\n"
        "- {url: https://www.chatdgpt.com/peer, what: a generated page, seen: 2026-12-01, authority: secondary}\n"
        "- {url: https://old.example.org, what: an old page, seen: 2019-01-01, authority: official, note: kept for history}",
    )
    text = text.replace(
        "{kind: training_hours, hours: 46, source: https://ks.example.org/rules}",
        "{kind: training_hours, hours: 46, source: https://www.chatdgpt.com/peer}",
        1,
    )
    ks.write_text(text)
    r = run("--rules-dir", rules_copy, "validate", ks, "--json")
    assert r.exit_code == 1
    got = {(f["severity"], f["message"]) for f in findings(r)}
    assert ("error", "www.chatdgpt.com is on the content-farm list (rules/content-farms.txt): never a source") in got
    assert ("warning", "ks-cpr training_hours rests only on an aggregator or secondary page") in got
    assert ("warning", "seen 2019-01-01: more than 3 years ago; check the page again") in got


def test_uncited_source_and_board_link_warn(rules_copy):
    ks = rules_copy / "states" / "KS.yaml"
    text = ks.read_text().replace("url: https://ks.example.org}", "url: https://copelandcenter.com/kansas}")
    text = text.replace(
        "- {url: https://ks.example.org/rules, what: requirements, seen: 2026-12-01, authority: official}",
        "- {url: https://ks.example.org/rules, what: requirements, seen: 2026-12-01, authority: official}\n"
        "- {url: https://unused.example.org, what: nothing, seen: 2026-12-01, authority: official}",
    )
    ks.write_text(text)
    messages = {f["message"] for f in findings(run("--rules-dir", rules_copy, "validate", ks, "--json"))}
    assert "listed but cited by no requirement, renewal or deviation: remove it or add a 'note' saying why it is kept" in messages
    assert "copelandcenter.com is not the board's own site" in messages


def test_scenario_files_are_checked(rules_copy):
    (rules_copy / "tests").mkdir()
    (rules_copy / "tests" / "TX.yaml").write_text(
        "state: TX\ncases:\n- name: a typo\n  answers: {age: 30, lived: [family]}\n"
        "  expect: {tx-nope: eligible, tx-rsps: {status: great}}\n"
    )
    r = run("--rules-dir", rules_copy, "validate", "--json")
    assert r.exit_code == 1
    messages = " | ".join(f["message"] for f in findings(r))
    assert (
        "unknown key 'lived'" in messages and "unknown credential id 'tx-nope'" in messages and "expected status must be one of" in messages
    )


def test_coverage_counts_known_not_required_and_unknown(rules_copy):
    r = run("--rules-dir", rules_copy, "validate", "--coverage", "--json")
    cov = json.loads(r.stdout)["coverage"]
    tx = cov["states"]["TX"]
    # adult credentials: tx-rsps, tx-mhps, tx-apr, tx-unk (tx-yps is youth, tx-cfp family)
    # rsps 6 known; mhps 4 known, work hours 0, recovery unknown; apr 6 known, no exam; unk 2 known, 4 unknown
    assert (tx["known"], tx["not_required"], tx["unknown"]) == (18, 2, 5)
    assert cov["total"]["by_kind"]["min_age"] == {"known": 7, "not_required": 0, "unknown": 1}
    text = run("--rules-dir", rules_copy, "validate", "--coverage").stdout
    assert "official/law" in text and "total" in text


@pytest.mark.parametrize("name", sorted(CASES["rules"]))
def test_hostile_and_broken_rule_files(name):
    case = CASES["rules"][name]
    path = BAD / "rules" / name
    r = run("validate", path, "--json")
    assert r.exit_code == case["exit"], r
    found = findings(r)
    assert any(case["says"] in f["message"] for f in found), found
    if "line" in case:
        assert any(f["line"] == case["line"] for f in found if case["says"] in f["message"]), found
    assert not Path("/tmp/prsscheck-pwned").exists()


def test_billion_laughs_is_rejected_fast_with_bounded_memory():
    # Measured in-process: wall time with perf_counter, memory as the growth of the
    # process's peak RSS (ru_maxrss, KiB on Linux). Expanded, the file would be 9^9 strings.
    from prsscheck import validate

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    report = validate.run([BAD / "rules" / "billion_laughs.yaml"], RULES / "schema.json")
    elapsed = time.perf_counter() - start
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert report.errors == 1
    assert elapsed < 1.0, elapsed
    assert grown_mib < 50, grown_mib


def test_huge_file_is_refused_before_parsing(tmp_path):
    big = tmp_path / "TX.yaml"
    with big.open("w") as handle:
        line = "# " + "x" * 1000 + "\n"
        for _ in range(50 * 1024):
            handle.write(line)
    start = time.perf_counter()
    r = run("validate", big, "--json")
    assert r.exit_code == 1
    assert "the limit is" in findings(r)[0]["message"]
    assert time.perf_counter() - start < 5


def test_deeply_nested_document(tmp_path):
    deep = tmp_path / "TX.yaml"
    deep.write_text("a: " + "[" * 5000 + "]" * 5000 + "\n")
    r = run("validate", deep, "--json")
    assert r.exit_code == 1
    assert "nested" in findings(r)[0]["message"] or "YAML" in findings(r)[0]["message"]


def test_validate_changes_nothing_on_disk(rules_copy):
    before = {p: p.read_bytes() for p in rules_copy.rglob("*") if p.is_file()}
    tx = rules_copy / "states" / "TX.yaml"
    tx.write_text(tx.read_text().replace("code: TX", "code: [TX", 1))
    before[tx] = tx.read_bytes()
    run("--rules-dir", rules_copy, "validate")
    after = {p: p.read_bytes() for p in rules_copy.rglob("*") if p.is_file()}
    assert after == before


def test_missing_rules_dir_is_one_line(tmp_path):
    r = run("--rules-dir", tmp_path / "nope", "validate")
    assert r.exit_code == 2
    assert r.stderr.startswith("prsscheck: Rules folder not found:") and r.stderr.count("\n") == 1
    (tmp_path / "empty").mkdir()
    r = run("--rules-dir", tmp_path / "empty", "show", "TX")
    assert r.exit_code == 2 and "No rule files" in r.stderr


def test_broken_rule_file_in_a_normal_command_is_one_line(rules_copy):
    tx = rules_copy / "states" / "TX.yaml"
    tx.write_text("code: [TX\n")
    r = run("--rules-dir", rules_copy, "show", "TX")
    assert r.exit_code == 1
    assert str(tx) in r.stderr and "prsscheck validate" in r.stderr and "Traceback" not in r.output


def test_schema_documents_every_top_level_field():
    schema = json.loads((REPO / "rules" / "schema.json").read_text())
    assert all("description" in spec for spec in schema["properties"].values())


def test_rules_dir_after_the_command_too(rules_copy):
    (rules_copy / "states" / "WY.yaml").unlink()
    r = run("validate", "--rules-dir", rules_copy)
    assert r.exit_code == 1 and "no file declares code WY" in r.stdout
    assert run("show", "TX", "--rules-dir", rules_copy).exit_code == 0


def test_a_wrong_type_that_slips_past_loading_is_still_one_line(rules_copy):
    tx = rules_copy / "states" / "TX.yaml"
    tx.write_text(tx.read_text().replace("{kind: training_hours, hours: 65.5,", "{kind: training_hours, hours: lots,", 1))
    r = run("--rules-dir", rules_copy, "assess", "--answers", "-", "--json", input="state: TX\ntraining_hours: 3\n")
    assert r.exit_code == 1
    assert r.stderr.startswith("prsscheck: unexpected error") and "prsscheck validate" in r.stderr
    assert r.stderr.count("\n") == 1


def test_a_step_link_must_name_an_existing_step_and_hours_must_rise_to_the_total(rules_copy):
    tx = rules_copy / "states" / "TX.yaml"
    text = tx.read_text()
    text = text.replace("step: 4, source", "step: 7, source", 1).replace("at_hours: [19.5, 65.5]", "at_hours: [30, 20]", 1)
    tx.write_text(text)
    r = run("--rules-dir", rules_copy, "validate")
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert any(".requirements[7].step: step 7 does not exist: the credential lists 4 steps" in line for line in lines)
    assert any(".requirements[6].at_hours: at_hours must rise from step to step" in line for line in lines)
    tx.write_text(text.replace("at_hours: [30, 20]", "at_hours: [19.5, 60]", 1))
    r = run("--rules-dir", rules_copy, "validate")
    assert any("the last at_hours value (60) must equal hours (65.5)" in line for line in r.stdout.splitlines())


def test_steps_that_no_requirement_names_are_a_warning(rules_copy):
    tx = rules_copy / "states" / "TX.yaml"
    text = tx.read_text()
    assert "hours: 59.5, step: 1," in text and "type: board, step: 2," in text  # tx-mhps's links
    tx.write_text(text.replace("hours: 59.5, step: 1,", "hours: 59.5,", 1).replace("type: board, step: 2,", "type: board,", 1))
    r = run("--rules-dir", rules_copy, "validate")
    lines = [line for line in r.stdout.splitlines() if "no requirement names one of its" in line]
    assert r.exit_code == 0
    assert len(lines) == 1 and "credentials[1].steps: tx-mhps: no requirement names one of its 3 steps" in lines[0]
    assert ": warning: " in lines[0]
