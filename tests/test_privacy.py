"""No network, ever: a full run must not import a network library or open a socket."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import EXAMPLES, RULES

PROBE = r"""
import socket, sys
def refuse(*args, **kwargs):
    raise SystemExit("a socket was opened")
socket.socket = refuse
socket.create_connection = refuse
from prsscheck.cli import app
commands = [
    ["assess", "--answers", sys.argv[1], "--json"],
    ["assess", "--answers", sys.argv[1], "--all-states", "--json"],
    ["compare", "TX", "MO", "--format", "markdown"],
    ["show", "TX", "--json"], ["list", "--format", "csv"], ["summary", "--json"],
    ["--rules-dir", sys.argv[2], "validate"],
]
import io, contextlib
for args in commands:
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            app(args=args, prog_name="prsscheck")
        except SystemExit as done:
            assert done.code in (0, None), (args, done.code)
NETWORK = {"http", "urllib3", "requests", "httpx", "ssl", "aiohttp", "ftplib", "smtplib", "socketserver", "xmlrpc"}
network = sorted(m for m in sys.modules if m.split(".")[0] in NETWORK)
print(network)
"""


def test_no_network_library_and_no_socket(tmp_path):
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(EXAMPLES / "answers.yaml"), str(RULES)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "XDG_CACHE_HOME": str(tmp_path), "PRSSCHECK_DATA_DIR": str(tmp_path / "data")},
    )
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout.strip().splitlines()[-1].replace("'", '"')) == []
