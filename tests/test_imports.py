"""Start-up discipline: a command imports only what it uses (jsonschema only in validate)."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import EXAMPLES

PROBE = r"""
import contextlib, io, json, sys
from prsscheck.cli import app
args = json.loads(sys.argv[1])
with contextlib.redirect_stdout(io.StringIO()):
    try:
        app(args=args, prog_name="prsscheck")
    except SystemExit as done:
        assert done.code in (0, None), done.code
print(json.dumps(sorted(m.split(".")[0] for m in sys.modules)))
"""


def imported(tmp_path, *args: str) -> set[str]:
    env = {
        "PATH": "/usr/bin:/bin",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PRSSCHECK_DATA_DIR": str(tmp_path / "data"),
        "COLUMNS": "100",
    }
    subprocess.run([sys.executable, "-m", "prsscheck", "list", "--json"], env=env, capture_output=True, check=True)  # fill the cache
    out = subprocess.run([sys.executable, "-c", PROBE, json.dumps(list(args))], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_compare_and_show_import_neither_jsonschema_nor_yaml(tmp_path):
    for args in (["compare", "TX", "MO"], ["show", "TX", "--json"], ["list"], ["summary", "--json"]):
        modules = imported(tmp_path, *args)
        assert "jsonschema" not in modules, args
        assert "yaml" not in modules, args  # the parsed rules come from the cache


def test_assess_does_not_import_jsonschema(tmp_path):
    modules = imported(tmp_path, "assess", "--answers", str(EXAMPLES / "answers.yaml"), "--all-states", "--json")
    assert "jsonschema" not in modules


def test_validate_does_import_jsonschema(tmp_path):
    assert "jsonschema" in imported(tmp_path, "validate")
