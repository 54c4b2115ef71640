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


def test_shipped_rules_are_clean():
    r = run("validate")
    assert r.exit_code == 0, r
    assert r.stdout.strip().splitlines()[-1].startswith("51 files, 0 errors")


def test_validate_a_working_copy_by_option_and_environment(rules_copy):
    assert run("--rules-dir", rules_copy, "validate").exit_code == 0
    r = run("validate", env={"PRSSCHECK_RULES_DIR": str(rules_copy)})
    assert r.exit_code == 0 and "51 files" in r.stdout


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_wrong_type_names_file_line_column_and_path(rules_copy):
    tx = rules_copy / "states" / "TX.yaml"
    tx.write_text(tx.read_text().replace("    hours: 65.5\n", "    hours: -5\n", 1))
    r = run("--rules-dir", rules_copy, "validate")
    assert r.exit_code == 1
    line = line_of(tx, "hours: -5")
    expected = f"{tx}:{line}:12: error: credentials[1].requirements[4].hours: -5 is less than the minimum of 0"
    assert expected in r.stdout.splitlines()
    assert r.stdout.strip().splitlines()[-1] == "51 files, 1 error, 0 warnings"


def test_unknown_key_points_at_the_key_and_suggests(rules_copy):
    tx = rules_copy / "states" / "TX.yaml"
    tx.write_text(tx.read_text().replace("  acronym: RSPS\n", "  acronym: RSPS\n  acronim: RSPS\n", 1))
    r = run("--rules-dir", rules_copy, "validate", "--json")
    assert r.exit_code == 1
    (f,) = findings(r)
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
    assert ("UT.yaml", line_of(ut, "code: WY"), "") not in got
    assert any(name == "UT.yaml" and "no file declares code UT" in msg for name, _, msg in got)


def test_bad_yaml_reports_the_line(rules_copy):
    nm = rules_copy / "states" / "NM.yaml"
    nm.write_text(nm.read_text().replace("name: New Mexico\n", "name: [New Mexico\n", 1))
    r = run("--rules-dir", rules_copy, "validate")
    assert r.exit_code == 1
    assert f"{nm}:" in r.stdout and "YAML syntax error" in r.stdout


def test_source_not_listed_and_future_review_date(rules_copy):
    ga = rules_copy / "states" / "GA.yaml"
    text = ga.read_text().replace("last_reviewed: 2026-11-22", "last_reviewed: 2099-01-01", 1)
    first_source = next(line for line in text.splitlines() if line.strip().startswith("source: http"))
    text = text.replace(first_source, first_source.split("source:")[0] + "source: https://example.org/not-listed", 1)
    ga.write_text(text)
    r = run("--rules-dir", rules_copy, "validate", "--json")
    messages = [f["message"] for f in findings(r)]
    assert "2099-01-01 is in the future" in messages
    assert "source 'https://example.org/not-listed' is not listed in this file's sources" in messages


def test_old_review_is_a_warning_and_strict_fails(rules_copy):
    r = run("--rules-dir", rules_copy, "validate", "--max-age", "1")
    assert r.exit_code == 0  # rules reviewed on 2026-11-22 are >1 day old only later; see below
    ok = r.stdout.strip().splitlines()[-1]
    assert ok.startswith("51 files, 0 errors")
    wy = rules_copy / "states" / "WY.yaml"
    wy.write_text(wy.read_text().replace("last_reviewed: 2026-11-22", "last_reviewed: 2020-01-01", 1))
    r = run("--rules-dir", rules_copy, "validate")
    assert r.exit_code == 0 and "warning: last_reviewed: not reviewed for" in r.stdout
    assert run("--rules-dir", rules_copy, "validate", "--strict").exit_code == 1


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
    tx.write_text(tx.read_text().replace("    hours: 65.5\n", "    hours: lots\n", 1))
    r = run("--rules-dir", rules_copy, "assess", "--answers", "-", "--json", input="state: TX\ntraining_hours: 3\n")
    assert r.exit_code == 1
    assert r.stderr.startswith("prsscheck: unexpected error") and "prsscheck validate" in r.stderr
    assert r.stderr.count("\n") == 1
