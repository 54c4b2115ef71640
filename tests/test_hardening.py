"""Issue 15 (hardening) and issue 10 (a checkout's rules, a slimmer CLI): each repro, as a person meets it."""

from __future__ import annotations

import http.server
import json
import marshal
import os
import resource
import shutil
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, RULES, run

ANSWERS = EXAMPLES / "answers.yaml"
GIB = 1024**3


def data_dir() -> Path:
    return Path(os.environ["PRSSCHECK_DATA_DIR"])


def one_line(r) -> str:
    assert r.stderr.count("\n") == 1, r
    assert "Traceback" not in r.output, r
    return r.stderr


def cli(tmp_path, *args, stdin=None, stdout=subprocess.PIPE, preexec_fn=None, env=None):
    """prsscheck in its own process (stdin/stdout as the shell would give them)."""
    base = {
        "PATH": "/usr/bin:/bin",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PRSSCHECK_DATA_DIR": str(tmp_path / "data"),
        "COLUMNS": "100",
        "NO_COLOR": "1",
    }
    if "PYTHONPATH" in os.environ:
        base["PYTHONPATH"] = os.environ["PYTHONPATH"]
    return subprocess.run(
        [sys.executable, "-m", "prsscheck", *args],
        stdin=stdin,
        stdout=stdout,
        stderr=subprocess.PIPE,
        preexec_fn=preexec_fn,
        env=dict(base, **(env or {})),
        timeout=120,
        cwd=tmp_path,
    )


# ---------------------------------------------------------------- 1. --save and forget


def test_save_never_writes_through_a_planted_link(tmp_path):
    folder = data_dir()
    folder.mkdir(mode=0o700)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    victim.chmod(0o644)
    # The old temporary name was predictable: .answers.yaml.<pid>.tmp (CliRunner runs in this process).
    (folder / f".answers.yaml.{os.getpid()}.tmp").symlink_to(victim)
    r = run("assess", "--answers", ANSWERS, "--save", "--json")
    assert r.exit_code == 0, r
    assert victim.read_text() == "keep me\n" and stat.S_IMODE(victim.stat().st_mode) == 0o644
    saved = folder / "answers.yaml"
    assert saved.is_file() and not saved.is_symlink() and stat.S_IMODE(saved.stat().st_mode) == 0o600


def test_save_replaces_a_link_at_the_answers_file_instead_of_following_it(tmp_path):
    folder = data_dir()
    folder.mkdir(mode=0o700)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    (folder / "answers.yaml").symlink_to(victim)
    assert run("assess", "--answers", ANSWERS, "--save", "--json").exit_code == 0
    assert victim.read_text() == "keep me\n"
    assert not (folder / "answers.yaml").is_symlink()


def test_save_refuses_a_folder_others_can_write_but_still_prints_results():
    folder = data_dir()
    folder.mkdir()
    folder.chmod(0o777)
    r = run("assess", "--answers", ANSWERS, "--save", "--json")
    assert r.exit_code == 2
    assert json.loads(r.stdout)["state"] == "TX"  # the results came
    assert "refusing to save in" in one_line(r) and "other users can write to it" in r.stderr
    assert list(folder.iterdir()) == []


def test_forget_removes_a_link_not_its_target(tmp_path):
    folder = data_dir()
    folder.mkdir(mode=0o700)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    (folder / "answers.yaml").symlink_to(victim)
    r = run("forget")
    assert r.exit_code == 0 and r.stdout.strip() == f"Deleted {folder / 'answers.yaml'}"
    assert victim.read_text() == "keep me\n" and not (folder / "answers.yaml").is_symlink()


# ---------------------------------------------------------------- 2. no network in validate


@pytest.fixture
def http_server():
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(b'{"type": "string"}')

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def test_validate_never_fetches_a_remote_ref(rules_copy, http_server):
    url, hits = http_server
    schema_path = rules_copy / "schema.json"
    schema = json.loads(schema_path.read_text())
    schema["properties"]["name"] = {"$ref": f"{url}/name.json"}
    schema_path.write_text(json.dumps(schema, indent=2))
    r = run("--rules-dir", rules_copy, "validate", "--json")
    assert r.exit_code == 1, r
    found = json.loads(r.stdout)["findings"]
    assert any(
        f["file"] == str(schema_path) and f"{url}/name.json" in f["message"] and "never uses the network" in f["message"] for f in found
    ), found
    assert hits == []


def test_a_ref_that_slips_past_the_scan_is_still_not_fetched(http_server):
    import jsonschema

    from prsscheck import validate

    url, hits = http_server
    schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object", "properties": {"a": {"$ref": f"{url}/a.json"}}}
    checker = validate.SchemaChecker(schema, jsonschema.Draft202012Validator)
    parsed = validate.Parsed({"a": 1}, {}, {})
    (finding,) = validate.schema_findings("TX.yaml", parsed, checker, "schema.json")
    assert finding.file == "schema.json" and f"{url}/a.json" in finding.message
    assert hits == []


# ---------------------------------------------------------------- 3. bounded reads


def test_answers_from_dev_zero_is_refused_at_the_limit(tmp_path):
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    r = run("assess", "--answers", "/dev/zero")
    assert r.exit_code == 2 and "/dev/zero: too big: the limit is 2048 KiB" in one_line(r)
    assert time.perf_counter() - start < 2
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024 < 50


def test_a_sparse_3_gb_answers_file_is_not_read_whole(tmp_path):
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(3 * GIB)
    start = time.perf_counter()
    r = run("assess", "--answers", big)
    assert r.exit_code == 2 and "too big" in one_line(r)
    assert time.perf_counter() - start < 2


def test_stdin_has_a_size_limit_and_a_nul_check():
    r = run("assess", "--answers", "-", input="# x\n" * (600 * 1024))
    assert r.exit_code == 2 and "stdin: too big" in one_line(r)
    r = run("assess", "--answers", "-", input="state: TX\x00\n")
    assert r.exit_code == 2 and "binary data" in one_line(r)


def test_sparse_batch_rules_and_saved_answers_are_refused(tmp_path, rules_copy):
    batch = tmp_path / "people.csv"
    with batch.open("wb") as handle:
        handle.truncate(3 * GIB)
    r = run("assess", "--answers-batch", batch)
    assert r.exit_code == 2 and "too big" in one_line(r)
    with (rules_copy / "states" / "TX.yaml").open("wb") as handle:
        handle.truncate(3 * GIB)
    r = run("--rules-dir", rules_copy, "show", "TX")
    assert r.exit_code == 1 and "too big" in one_line(r)
    r = run("validate", rules_copy / "states" / "TX.yaml", "--json")
    assert r.exit_code == 1 and "the limit is" in json.loads(r.stdout)["findings"][0]["message"]
    data_dir().mkdir()
    with (data_dir() / "answers.yaml").open("wb") as handle:
        handle.truncate(3 * GIB)
    r = run("assess", "--resume")
    assert r.exit_code == 2 and "too big" in one_line(r)


def test_sparse_scenario_and_content_farm_files_are_findings_not_hangs(rules_copy):
    (rules_copy / "tests").mkdir()
    for path in (rules_copy / "tests" / "TX.yaml", rules_copy / "content-farms.txt"):
        with path.open("wb") as handle:
            handle.truncate(3 * GIB)
    start = time.monotonic()
    r = run("--rules-dir", rules_copy, "validate", "--json")
    assert time.monotonic() - start < 10
    findings = {Path(f["file"]).name: f["message"] for f in json.loads(r.stdout)["findings"] if f["severity"] == "error"}
    assert r.exit_code == 1
    assert "too big" in findings["TX.yaml"] and "too big" in findings["content-farms.txt"]


def test_a_content_farm_list_that_is_not_text_is_named(rules_copy):
    (rules_copy / "content-farms.txt").write_bytes(b"chatdgpt.com\n\xff\xfe\n")
    r = run("--rules-dir", rules_copy, "validate")
    assert r.exit_code == 1
    assert any(line.startswith(str(rules_copy / "content-farms.txt")) and "not UTF-8" in line for line in r.stdout.splitlines())


# ---------------------------------------------------------------- 4. a failed save loses nothing it can keep


def test_save_into_an_unusable_folder_prints_results_and_says_where(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("PRSSCHECK_DATA_DIR", str(blocker / "data"))
    r = run("assess", "--answers", ANSWERS, "--save")
    assert r.exit_code == 2
    assert "Your results for Texas (TX)" in r.stdout
    line = one_line(r)
    assert line.startswith("prsscheck: could not save your answers") and str(blocker / "data") in line
    assert "validate" not in line


def test_forget_that_cannot_delete_says_so(monkeypatch):
    data_dir().mkdir(mode=0o700)
    saved = data_dir() / "answers.yaml"
    saved.write_text("state: TX\n")

    def refuse(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "unlink", refuse)
    r = run("forget")
    monkeypatch.setattr(os, "unlink", os.remove)
    assert r.exit_code == 2
    assert one_line(r) == f"prsscheck: could not delete {saved}: Permission denied\n"
    assert saved.exists()


@pytest.fixture
def scripted_interview(monkeypatch):
    """The interview without a terminal: Asker.run fills in answers (or is interrupted)."""
    from prsscheck import assess, interview

    monkeypatch.setattr(assess, "_stdin_is_terminal", lambda: True)
    script = {"interrupt": False}

    def fake_run(self, plan, answers):
        answers.update({"age": 34, "lived_experience": ["substance_use"], "training_hours": 19.5})
        if script["interrupt"]:
            raise KeyboardInterrupt
        return answers

    monkeypatch.setattr(interview.Asker, "run", fake_run)
    return script


def test_a_failed_save_after_the_interview_still_shows_the_results(tmp_path, monkeypatch, scripted_interview):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("PRSSCHECK_DATA_DIR", str(blocker / "data"))
    r = run("assess", "--state", "TX", "--save", "--json")
    assert r.exit_code == 2, r
    assert json.loads(r.stdout)["state"] == "TX"  # the interview was not thrown away
    assert r.stderr.splitlines()[-1].startswith(f"prsscheck: could not save your answers: cannot create {blocker / 'data'}")
    assert "validate" not in r.stderr and "unexpected" not in r.stderr


def test_ctrl_c_with_a_failed_save_says_both(tmp_path, monkeypatch, scripted_interview):
    scripted_interview["interrupt"] = True
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("PRSSCHECK_DATA_DIR", str(blocker / "data"))
    r = run("assess", "--state", "TX", "--save", "--json")
    assert r.exit_code == 130, r
    lines = r.stderr.splitlines()
    assert any(line.startswith("prsscheck: could not save your answers") for line in lines)
    assert lines[-1] == "prsscheck: Interrupted. Nothing more was saved."


# ---------------------------------------------------------------- 5. answers misread silently (also tests/bad_inputs/cases.yaml)


def test_saved_answers_are_read_as_strictly_as_answers_files():
    data_dir().mkdir(mode=0o700)
    (data_dir() / "answers.yaml").write_text("state: TX\nrecovery_months: 1:30\n")
    r = run("assess", "--resume", "--all-states", "--json")
    assert r.exit_code == 2 and "'recovery_months': 1:30 is read by YAML as 90" in one_line(r)


# ---------------------------------------------------------------- 6. errors echo input escaped and short


def test_a_huge_value_is_not_echoed_whole(tmp_path):
    big = tmp_path / "me.yaml"
    big.write_text('state: TX\nage: "\\e]52;c;' + "A" * (1800 * 1024) + '"\n')
    r = run("assess", "--answers", big)
    assert r.exit_code == 2
    line = one_line(r)
    assert "'age'" in line and "..." in line and len(line) < 500
    assert "\x1b" not in line and "\\x1b" in line


def test_clean_escapes_control_characters_and_shortens():
    from prsscheck.errors import clean

    assert clean("a\x1b]52;c;x\x07\nb\u202e") == "a\\x1b]52;c;x\\x07\\nb\\u202e"
    assert clean("ok: Texas (TX) — ≠ é") == "ok: Texas (TX) — ≠ é"
    long = clean("x" * 10_000)
    assert len(long) <= 200 and "..." in long


# ---------------------------------------------------------------- 7. the rules cache


def test_cache_sees_a_same_size_edit_with_the_mtime_kept(rules_copy):
    tx = rules_copy / "states" / "TX.yaml"
    assert run("--rules-dir", rules_copy, "show", "TX", "--json").exit_code == 0  # fills the cache
    before = tx.stat()
    text = tx.read_text()
    assert "hours: 65.5," in text
    tx.write_text(text.replace("hours: 65.5,", "hours: 99.5,", 1))
    os.utime(tx, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert tx.stat().st_size == before.st_size and tx.stat().st_mtime_ns == before.st_mtime_ns
    r = run("--rules-dir", rules_copy, "show", "TX", "--json")
    hours = [q.get("hours") for c in json.loads(r.stdout)["credentials"] for q in c["requirements"]]
    assert 99.5 in hours and 65.5 not in hours


def test_a_cache_entry_of_the_wrong_shape_is_rebuilt_silently():
    from prsscheck import rules

    cache = rules.ParsedCache(RULES)
    assert run("show", "TX", "--json").exit_code == 0
    entry = cache.folder / "states-TX.marshal"
    key, _ = marshal.loads(entry.read_bytes())
    entry.write_bytes(marshal.dumps((key, {"code": "TX", "credentials": [{"oops": 1}]})))
    r = run("show", "TX", "--json")
    assert r.exit_code == 0 and r.stderr == "", r
    assert json.loads(r.stdout)["code"] == "TX"
    assert marshal.loads(entry.read_bytes())[1]["name"] == "Texas"  # rebuilt


def test_cache_folder_names_the_tool_version():
    from prsscheck import __version__, rules

    assert rules.ParsedCache(RULES).folder.name.endswith(f"-v{__version__}")


# ---------------------------------------------------------------- 8. batches


def batch_lines(r) -> list[dict]:
    return [json.loads(line) for line in r.stdout.splitlines()]


def test_batch_writes_good_rows_and_reports_bad_ones_by_file_line(tmp_path):
    people = tmp_path / "people.csv"
    people.write_bytes(
        "\ufeffstate,age,in_state,lived_experience\n"  # Excel's CSV UTF-8 starts with a BOM
        "TX,30,yes,substance_use\n"
        "\n"
        "TX,31,maybe,substance_use\n"
        "MO,44,N,mental_health\n"
        "TX,40,y,substance_use,extra\n"
        "TX,old,1,substance_use\n".encode()
    )
    r = run("assess", "--answers-batch", people)
    assert r.exit_code == 2, r
    lines = batch_lines(r)
    assert [x["row"] for x in lines] == [1, 2, 3, 4, 5]
    good = {x["row"]: x for x in lines if "results" in x}
    bad = {x["row"]: x for x in lines if "error" in x}
    assert set(good) == {1, 3} and good[1]["state"] == "TX" and good[3]["state"] == "MO"
    assert bad[2]["line"] == 4 and "'in_state' must be true or false" in bad[2]["error"] and "'maybe'" in bad[2]["error"]
    assert bad[4]["line"] == 6 and "5 fields" in bad[4]["error"]
    assert bad[5]["line"] == 7 and "'age'" in bad[5]["error"]
    err = r.stderr.splitlines()
    assert f"prsscheck: {people}:4: row 2: 'in_state' must be true or false (or yes/no, y/n, 1/0), not 'maybe'" in err
    assert err[-1] == f"prsscheck: {people}: 3 of 5 rows could not be read (listed above); the other rows were written"
    assert "unexpected error" not in r.stderr


def test_batch_booleans_accept_the_usual_words(tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("state,age,in_state\n" + "".join(f"TX,30,{w}\n" for w in ("true", "FALSE", "Yes", "no", "y", "N", "1", "0")))
    r = run("assess", "--answers-batch", people)
    assert r.exit_code == 0, r
    assert len(batch_lines(r)) == 8


def test_batch_duplicate_or_unknown_column_is_a_file_error(tmp_path):
    people = tmp_path / "people.csv"
    people.write_text("state,age,age\nTX,30,31\n")
    r = run("assess", "--answers-batch", people)
    assert r.exit_code == 2 and r.stdout == ""
    assert one_line(r) == f"prsscheck: {people}:1: column 'age' appears twice in the header\n"
    people.write_text("state,agee\nTX,30\n")
    r = run("assess", "--answers-batch", people)
    assert r.exit_code == 2 and "unknown column 'agee'; did you mean 'age'?" in one_line(r)


def test_batch_jsonl_bad_line_and_duplicate_key(tmp_path):
    people = tmp_path / "people.jsonl"
    people.write_text('{"state": "TX", "age": 30}\n{"state": "TX", "age": 30, "age": 31}\nnot json\n\n{"state": "MO"}\n')
    r = run("assess", "--answers-batch", people)
    assert r.exit_code == 2
    lines = batch_lines(r)
    assert [("results" in x, x.get("line")) for x in lines] == [(True, None), (False, 2), (False, 3), (True, None)]
    assert "duplicate key 'age'" in lines[1]["error"]


# ---------------------------------------------------------------- 9. exit codes


def test_closed_stdin_is_a_usage_error(tmp_path):
    out = cli(tmp_path, "assess", "--answers", "-", preexec_fn=lambda: os.close(0))
    assert out.returncode == 2, out.stderr
    assert out.stderr.decode() == "prsscheck: stdin is closed: pipe the answers in (--answers - < me.yaml) or use --answers FILE\n"
    out = cli(tmp_path, "assess", preexec_fn=lambda: os.close(0))
    assert out.returncode == 2 and b"needs a terminal" in out.stderr


def test_a_reader_that_goes_away_is_not_an_error(tmp_path):
    read_end, write_end = os.pipe()
    os.close(read_end)  # like `| head -1` after its line: every write now fails with EPIPE
    try:
        out = cli(tmp_path, "show", "TX", stdout=write_end)
    finally:
        os.close(write_end)
    assert out.returncode == 0 and out.stderr == b""


def test_output_that_cannot_be_written_says_so(tmp_path):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    with open("/dev/full", "wb") as full:
        out = cli(tmp_path, "show", "TX", stdout=full)
    assert out.returncode == 1
    assert out.stderr.decode() == "prsscheck: the output could not be written (No space left on device).\n"


def test_saved_answers_not_utf8_name_the_file():
    data_dir().mkdir(mode=0o700)
    saved = data_dir() / "answers.yaml"
    saved.write_bytes(b"state: TX\nage: 3\xff\n")
    r = run("assess", "--resume", "--all-states")
    assert r.exit_code == 2
    assert one_line(r) == f"prsscheck: {saved}:2: not UTF-8 text (byte 0xff); delete it with 'prsscheck forget'\n"


def test_no_arguments_prints_the_help():
    r = run()
    assert r.exit_code == 2 and "Usage:" in r.output


# ---------------------------------------------------------------- issue 10: the maintainer's loop in a checkout


@pytest.fixture
def checkout(tmp_path, monkeypatch):
    """A checkout-like folder (rules/ with schema.json and states/) as the current folder."""
    from prsscheck import rules

    repo = tmp_path / "repo"
    shutil.copytree(RULES, repo / "rules", ignore=shutil.ignore_patterns("tests", "national"))
    (repo / "docs").mkdir()
    monkeypatch.chdir(repo)
    monkeypatch.setattr(rules, "_announced", set())
    return repo


def training_hours(r, cid="tx-rsps") -> list:
    cred = next(c for c in json.loads(r.stdout)["credentials"] if c["id"] == cid)
    return [q["hours"] for q in cred["requirements"] if q["kind"] == "training_hours"]


def test_a_checkout_rules_are_used_and_said_once(checkout, monkeypatch):
    from prsscheck import rules

    tx = checkout / "rules" / "states" / "TX.yaml"
    tx.write_text(tx.read_text().replace("65.5", "70"))  # hours and the step they add up to (at_hours)
    r = run("show", "TX", "--json")
    assert r.exit_code == 0, r
    assert training_hours(r) == [70]
    assert r.stderr == "prsscheck: using rules from ./rules\n"
    monkeypatch.setattr(rules, "_announced", set())
    r = run("validate")
    assert r.exit_code == 0 and "51 files, 0 errors" in r.stdout
    assert r.stderr == "prsscheck: using rules from ./rules\n"
    tx.write_text(tx.read_text().replace("    hours: 70\n", "    hours: -1\n", 1))
    monkeypatch.setattr(rules, "_announced", set())
    r = run("validate")
    assert r.exit_code == 1 and "rules/states/TX.yaml" in r.stdout and "-1 is less than the minimum of 0" in r.stdout


def test_a_checkout_is_found_from_a_subfolder_and_named_in_full(checkout, monkeypatch):
    monkeypatch.chdir(checkout / "docs")
    r = run("show", "TX", "--json")
    assert r.exit_code == 0 and r.stderr == f"prsscheck: using rules from {checkout / 'rules'}\n"


def test_rules_dir_and_environment_win_over_a_checkout_silently(checkout, rules_copy):
    tx = checkout / "rules" / "states" / "TX.yaml"
    tx.write_text(tx.read_text().replace("    hours: 65.5\n", "    hours: 70\n", 1))
    r = run("--rules-dir", rules_copy, "show", "TX", "--json")
    assert r.exit_code == 0 and training_hours(r) == [65.5] and r.stderr == ""
    r = run("show", "TX", "--json", env={"PRSSCHECK_RULES_DIR": str(rules_copy)})
    assert r.exit_code == 0 and training_hours(r) == [65.5] and r.stderr == ""


def test_outside_a_checkout_the_installed_rules_are_used(tmp_path, monkeypatch):
    from prsscheck import rules

    monkeypatch.chdir(tmp_path)
    assert rules.find_checkout() is None
    r = run("show", "TX", "--json")
    assert r.exit_code == 0 and r.stderr == ""


# ---------------------------------------------------------------- issue 10: a slimmer CLI


def test_errors_are_click_exceptions_with_their_own_exit_code():
    import click

    from prsscheck.errors import AnswersError, Interrupted, RulesError, UsageProblem

    assert all(issubclass(e, click.ClickException) for e in (AnswersError, RulesError, UsageProblem, Interrupted))
    assert (
        UsageProblem("x").exit_code,
        AnswersError("x").exit_code,
        RulesError("x").exit_code,
        RulesError("x", 2).exit_code,
        Interrupted().exit_code,
    ) == (2, 2, 1, 2, 130)
    assert isinstance(AnswersError("x"), ValueError)


def test_select_filters_for_list_and_compare():
    from prsscheck import rules, select
    from prsscheck.errors import UsageProblem

    everything = rules.load_all(RULES)
    separate = select.jurisdictions(everything, model="separate")
    assert separate and all(j.model == "separate" for j in separate)
    assert select.comparable(["texas", "MO", "tx"]) == ["TX", "MO"]
    with pytest.raises(UsageProblem, match="two or more states"):
        select.comparable(["TX"])
    chosen = [j for j in everything if j.code in ("TX", "MO")]
    assert select.credential_ids(chosen, ["TX-RSPS"]) == ["tx-rsps"]
    with pytest.raises(UsageProblem, match="Unknown credential 'zz-x' in"):
        select.credential_ids(chosen, ["zz-x"])


def test_validate_reporter_escapes_what_rule_files_echo(rules_copy):
    tx = rules_copy / "states" / "TX.yaml"
    tx.write_text(tx.read_text().replace("  acronym: RSPS\n", '  acronym: RSPS\n  "acr\\e]52;c;eA==\\a": 1\n', 1))
    r = run("--rules-dir", rules_copy, "validate")
    assert r.exit_code == 1
    assert "\x1b" not in r.stdout and "unknown field 'acr\\x1b]52;c;eA==\\x07'" in r.stdout
