"""Transactions between connections: each scenario of tests/transaction_scenarios.py against
sim_db and against a real MariaDB, which proves the scenario expects what InnoDB does.
(tests/test_sim_db_transactions_pyodide.py runs the same scenarios inside Pyodide.)"""

from __future__ import annotations

import pytest

import sim_db
import transaction_scenarios as scenarios


@pytest.fixture
def sim_connect():
    sim_db.reset()
    sim_db.execute_script("CREATE DATABASE txn")
    return lambda **kwargs: sim_db.connect(user="student", password="password", database="txn", **kwargs)


@pytest.fixture(scope="module")
def mariadb_connect(mariadb_server):
    setup = mariadb_server.connect(autocommit=True)
    with setup.cursor() as cursor:
        cursor.execute("DROP DATABASE IF EXISTS txn")
        cursor.execute("CREATE DATABASE txn")
    setup.close()

    def connect(**kwargs):
        connection = mariadb_server.connect(database="txn", **kwargs)
        with connection.cursor() as cursor:
            # InnoDB waits 50 s for a lock by default; sim_db fails at once (see sim_db.server).
            cursor.execute("SET SESSION innodb_lock_wait_timeout = 1")
        return connection

    return connect


@pytest.mark.parametrize("scenario", scenarios.SCENARIOS, ids=lambda s: s.__name__)
def test_sim_db(scenario, sim_connect):
    failure = scenarios.run(scenario, sim_connect)
    assert failure is None, failure


@pytest.mark.parametrize("scenario", scenarios.SCENARIOS, ids=lambda s: s.__name__)
def test_mariadb_agrees(scenario, mariadb_connect):
    failure = scenarios.run(scenario, mariadb_connect)
    assert failure is None, failure
