"""The built wheel carries the rules and the schema, and works from any directory."""

from __future__ import annotations

import site
import subprocess
import sys
import zipfile

from conftest import REPO


def test_wheel_installs_into_a_fresh_venv_and_runs_outside_the_repo(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(dist), str(REPO)],
        check=True,
        timeout=300,
    )
    (wheel,) = dist.glob("prsscheck-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "prsscheck/rules/schema.json" in names
    assert sum(1 for n in names if n.startswith("prsscheck/rules/states/") and n.endswith(".yaml")) == 51

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    bindir = venv / "bin"
    # The new venv borrows this one's dependencies (typer, rich, ...) through a .pth file,
    # so the test needs no network; prsscheck itself comes only from the wheel.
    subprocess.run(
        [str(bindir / "python"), "-m", "pip", "install", "--no-deps", "--no-index", "--force-reinstall", "-q", str(wheel)],
        check=True,
        timeout=300,
    )
    # Written after the install, so pip does not mistake this venv's own prsscheck for the one borrowed.
    purelib = next((venv / "lib").glob("python3*/site-packages"))
    (purelib / "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    env = {"PATH": f"{bindir}:/usr/bin:/bin", "HOME": str(tmp_path), "XDG_CACHE_HOME": str(tmp_path / "cache"), "COLUMNS": "100"}
    validate = subprocess.run([str(bindir / "prsscheck"), "validate"], cwd=outside, env=env, capture_output=True, text=True, timeout=120)
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert validate.stdout.strip().splitlines()[-1].startswith("52 files, 0 errors")
    assert (
        str(purelib / "prsscheck" / "rules")
        in subprocess.run(
            [str(bindir / "python"), "-c", "from prsscheck import rules; print(rules.default_dir())"],
            cwd=outside,
            env=env,
            capture_output=True,
            text=True,
        ).stdout
    )
    compare = subprocess.run(
        [str(bindir / "prsscheck"), "compare", "TX", "MO"], cwd=outside, env=env, capture_output=True, text=True, timeout=120
    )
    assert compare.returncode == 0, compare.stderr
    assert "Texas (TX) vs Missouri (MO)" in compare.stdout
