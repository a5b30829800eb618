"""The transaction scenarios inside Pyodide: isolation rests on SQLite's WAL mode and locks,
and Pyodide's in-memory file system is not Linux's — the mechanism must hold there too."""

from __future__ import annotations

import pytest

import pyodide_runner
import transaction_scenarios as scenarios

SCENARIOS = """
import json
import sim_db
import transaction_scenarios as scenarios

def connect(**kwargs):
    return sim_db.connect(user="student", password="password", database="txn", **kwargs)

results = {}
for scenario in scenarios.SCENARIOS:
    sim_db.reset()
    sim_db.execute_script("CREATE DATABASE txn")
    results[scenario.__name__] = scenarios.run(scenario, connect)
json.dumps(results)
"""


@pytest.fixture(scope="module")
def results():
    return pyodide_runner.run(SCENARIOS)


@pytest.mark.parametrize("scenario", scenarios.SCENARIOS, ids=lambda s: s.__name__)
def test_inside_pyodide(scenario, results):
    assert scenario.__name__ in results
    assert results[scenario.__name__] is None, results[scenario.__name__]
