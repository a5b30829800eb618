"""Two-connection transaction scenarios, written once and run three ways: against sim_db under
CPython, against sim_db inside Pyodide (the product's SQLite and file system), and against a
real MariaDB (proving each expectation is what InnoDB does).

Plain Python with no pytest, so that Pyodide can run it. Each scenario gets ``connect(**kwargs)``
(PyMySQL's ``connect`` arguments, the database ``txn`` already selected) and asserts what a
student would observe. ``run_all(connect)`` runs every scenario on a fresh ``accounts`` table
and returns ``{name: None or the failure}``.
"""

from __future__ import annotations

import traceback

import pymysql


def _one(connection, sql, args=None):
    with connection.cursor() as cursor:
        cursor.execute(sql, args)
        return cursor.fetchone()


def _run(connection, sql, args=None) -> int:
    with connection.cursor() as cursor:
        return cursor.execute(sql, args)


def _balance(connection, account_id: int):
    row = _one(connection, "SELECT balance FROM accounts WHERE id = %s", (account_id,))
    return None if row is None else row[0]


def _errno(action) -> int | None:
    try:
        action()
    except pymysql.MySQLError as error:
        return error.args[0]
    return None


def uncommitted_rows_are_invisible_to_another_connection(connect):
    writer, reader = connect(), connect(autocommit=True)
    _run(writer, "INSERT INTO accounts (id, balance) VALUES (10, 5)")
    assert _balance(writer, 10) == 5, "a transaction sees its own insert"
    assert _balance(reader, 10) is None, "another connection must not see an uncommitted insert"
    writer.commit()
    assert _balance(reader, 10) == 5, "after COMMIT the other connection sees it"


def rollback_undoes_inserts_updates_and_deletes(connect):
    writer, reader = connect(), connect(autocommit=True)
    _run(writer, "INSERT INTO accounts (id, balance) VALUES (11, 1)")
    _run(writer, "UPDATE accounts SET balance = 0 WHERE id = 1")
    _run(writer, "DELETE FROM accounts WHERE id = 2")
    writer.rollback()
    for connection in (writer, reader):
        assert _balance(connection, 11) is None
        assert _balance(connection, 1) == 100
        assert _balance(connection, 2) == 200


def a_reading_transaction_keeps_its_snapshot(connect):
    """REPEATABLE READ: the first read fixes what the transaction sees, until it ends."""
    reader, writer = connect(), connect(autocommit=True)
    assert _balance(reader, 1) == 100
    _run(writer, "UPDATE accounts SET balance = 150 WHERE id = 1")
    assert _balance(reader, 1) == 100, "a reading transaction must not see a later commit"
    reader.commit()
    assert _balance(reader, 1) == 150, "a new transaction sees it"


def a_write_conflict_fails_with_lock_wait_timeout(connect):
    first, second = connect(), connect()
    _run(first, "UPDATE accounts SET balance = balance - 10 WHERE id = 1")
    errno = _errno(lambda: _run(second, "UPDATE accounts SET balance = balance + 10 WHERE id = 1"))
    assert errno == 1205, f"expected 1205 Lock wait timeout, got {errno}"
    first.commit()
    _run(second, "UPDATE accounts SET balance = balance + 10 WHERE id = 1")
    second.commit()
    assert _balance(first, 1) == 100


def start_transaction_suspends_autocommit(connect):
    connection, other = connect(autocommit=True), connect(autocommit=True)
    _run(connection, "START TRANSACTION")
    _run(connection, "INSERT INTO accounts (id, balance) VALUES (12, 1)")
    assert _balance(other, 12) is None
    _run(connection, "ROLLBACK")
    assert _balance(connection, 12) is None
    _run(connection, "INSERT INTO accounts (id, balance) VALUES (13, 1)")
    assert _balance(other, 13) == 1, "autocommit is back on after ROLLBACK"


def savepoints_roll_back_part_of_a_transaction(connect):
    connection, other = connect(autocommit=True), connect(autocommit=True)
    _run(connection, "BEGIN")
    _run(connection, "INSERT INTO accounts (id, balance) VALUES (14, 1)")
    _run(connection, "SAVEPOINT before_second")
    _run(connection, "INSERT INTO accounts (id, balance) VALUES (15, 1)")
    _run(connection, "ROLLBACK TO SAVEPOINT before_second")
    _run(connection, "RELEASE SAVEPOINT before_second")
    assert _errno(lambda: _run(connection, "ROLLBACK TO before_second")) == 1305
    _run(connection, "COMMIT")
    assert _balance(other, 14) == 1
    assert _balance(other, 15) is None


def ddl_commits_the_open_transaction(connect):
    connection = connect()
    _run(connection, "INSERT INTO accounts (id, balance) VALUES (16, 1)")
    _run(connection, "CREATE TABLE audit (id INT PRIMARY KEY)")
    connection.rollback()
    assert _balance(connect(), 16) == 1, "CREATE TABLE committed the insert before it"
    _run(connection, "DROP TABLE audit")


def closing_a_connection_rolls_back_and_releases_its_locks(connect):
    leaving, staying = connect(), connect()
    _run(leaving, "UPDATE accounts SET balance = 0 WHERE id = 2")
    leaving.close()
    assert _balance(staying, 2) == 200
    _run(staying, "UPDATE accounts SET balance = 250 WHERE id = 2")
    staying.commit()
    assert _balance(connect(), 2) == 250


def a_transaction_that_has_read_can_still_write_after_another_commit(connect):
    first, second = connect(), connect(autocommit=True)
    assert _balance(first, 3) == 300
    _run(second, "UPDATE accounts SET balance = 301 WHERE id = 3")
    assert _run(first, "UPDATE accounts SET balance = balance + 1 WHERE id = 4") == 1
    first.commit()
    assert _balance(second, 3) == 301 and _balance(second, 4) == 401


def turning_autocommit_on_commits(connect):
    connection, other = connect(), connect(autocommit=True)
    _run(connection, "INSERT INTO accounts (id, balance) VALUES (17, 1)")
    assert _balance(other, 17) is None
    connection.autocommit(True)
    assert _balance(other, 17) == 1


SCENARIOS = [
    uncommitted_rows_are_invisible_to_another_connection,
    rollback_undoes_inserts_updates_and_deletes,
    a_reading_transaction_keeps_its_snapshot,
    a_write_conflict_fails_with_lock_wait_timeout,
    start_transaction_suspends_autocommit,
    savepoints_roll_back_part_of_a_transaction,
    ddl_commits_the_open_transaction,
    closing_a_connection_rolls_back_and_releases_its_locks,
    a_transaction_that_has_read_can_still_write_after_another_commit,
    turning_autocommit_on_commits,
]


def prepare(connect) -> None:
    """A fresh ``accounts`` table: ids 1-4 with balances 100-400."""
    connection = connect(autocommit=True)
    _run(connection, "DROP TABLE IF EXISTS accounts")
    _run(connection, "CREATE TABLE accounts (id INT PRIMARY KEY, balance INT NOT NULL)")
    _run(connection, "INSERT INTO accounts VALUES (1, 100), (2, 200), (3, 300), (4, 400)")
    connection.close()


def run(scenario, connect) -> str | None:
    """Run one scenario on a fresh table; None when it holds, else what went wrong."""
    opened = []

    def tracked(**kwargs):
        connection = connect(**kwargs)
        opened.append(connection)
        return connection

    prepare(connect)
    try:
        scenario(tracked)
    except Exception:  # noqa: BLE001 — reported, not swallowed: the caller asserts on it
        return traceback.format_exc(limit=3)
    finally:
        for connection in opened:
            if connection.open:
                connection.rollback()
                connection.close()
    return None


def run_all(connect) -> dict[str, str | None]:
    return {scenario.__name__: run(scenario, connect) for scenario in SCENARIOS}
