"""The console cases inside Pyodide: the page runs Pyodide's CPython 3.14, so the console must
print there what the real client prints (tests/test_sim_db_console.py checks CPython)."""

from __future__ import annotations

import json

import pyodide_runner
from console.cases import CASES

DIFFERENCES = """
import json
from console import harness
from console.cases import CASES
json.dumps({name: problems for name in CASES if (problems := harness.differences(name))})
"""


def test_the_console_prints_the_same_inside_pyodide():
    differences = pyodide_runner.run(DIFFERENCES)
    assert len(CASES) >= 10
    assert differences == {}, json.dumps(differences, indent=1)[:3000]
