"""Sakila and world load inside Pyodide too: the page runs Pyodide's CPython 3.14 and SQLite,
whose triggers, views and ``executemany`` sim_db's dump loading relies on."""

from __future__ import annotations

import json
import subprocess

import build
import pytest
from test_sim_db_dumps import SAMPLES, SAKILA_DATA


def test_sample_dumps_load_and_dump_inside_pyodide():
    if not SAKILA_DATA.exists():
        pytest.fail(f"the public sample dumps are missing: {SAMPLES}")
    if not build.dist_is_current():
        build.build()
    completed = subprocess.run(
        ["node", str(build.ROOT / "tools" / "time_dumps_in_pyodide.mjs"), str(build.PYODIDE_DIR),
         str(build.DIST / "bundle.tar.gz"), str(build.ROOT / "py" / "sim_db"), str(SAMPLES)],
        capture_output=True, text=True, timeout=600,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    times = json.loads(completed.stdout.strip().splitlines()[-1])
    # The same outcomes as under CPython: six stored programs refused, world's eight trailing
    # lower-case queries refused (1146), everything else loaded.
    assert [times[name]["errors"] for name in ("sakila/sakila-schema.sql", "sakila/sakila-data.sql", "world/world.sql")] == [6, 0, 8]
    assert times["dump"]["bytes"] > 3_000_000
    assert times["rental_without_date"] == 16050  # a trigger-filled NOT NULL column (writable_schema)
    print(json.dumps(times))  # the figures, for the record (pytest -s)
