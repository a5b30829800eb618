"""Run Python test code inside Pyodide under Node (tools/run_in_pyodide.mjs), against the
built bundle: the product's CPython 3.14, SQLite and in-memory file system."""

from __future__ import annotations

import json
import subprocess

import build

TESTS = build.ROOT / "tests"


def run(code: str):
    """The JSON value the code's last expression gives, run inside Pyodide."""
    if not build.dist_is_current():
        build.build()
    completed = subprocess.run(
        ["node", str(build.ROOT / "tools" / "run_in_pyodide.mjs"), str(build.PYODIDE_DIR),
         str(build.DIST / "bundle.tar.gz"), str(TESTS)],
        input=code, capture_output=True, text=True, timeout=600,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])
