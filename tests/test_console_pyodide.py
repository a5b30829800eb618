"""The console cases inside Pyodide: the page runs Pyodide's CPython 3.14, so the console must
print there what the real client prints (tests/test_sim_db_console.py checks CPython)."""

from __future__ import annotations

import json
import subprocess

import build
from console.cases import CASES


def test_the_console_prints_the_same_inside_pyodide():
    if not build.dist_is_current():
        build.build()
    completed = subprocess.run(
        ["node", str(build.ROOT / "tools" / "run_console_in_pyodide.mjs"), str(build.PYODIDE_DIR),
         str(build.DIST / "bundle.tar.gz"), str(build.ROOT / "tests" / "console")],
        capture_output=True, text=True, timeout=600,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    differences = json.loads(completed.stdout.strip().splitlines()[-1])
    assert len(CASES) >= 10
    assert differences == {}, json.dumps(differences, indent=1)[:3000]
