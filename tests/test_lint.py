"""Habits: ruff's lint and format checks pass (configured in pyproject.toml), so CI runs them too."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

RUFF = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
PATHS = ["src", "tests", "tools", "bench"]


@pytest.mark.skipif(not Path(RUFF).exists(), reason="ruff is not installed (pip install '.[test]')")
@pytest.mark.parametrize("args", [["check"], ["format", "--check"]], ids=["lint", "format"])
def test_ruff(args):
    r = subprocess.run([RUFF, *args, *PATHS], cwd=REPO, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
