"""Division by zero in a write: MySQL 8's default sql_mode makes it an error, SQLite a NULL.

With ERROR_FOR_DIVISION_BY_ZERO and strict mode (both in MySQL 8's default sql_mode), an INSERT
or UPDATE that divides by zero fails with 1365 'Division by 0'; without strict mode it writes
NULL with a 1365 warning (https://dev.mysql.com/doc/refman/8.0/en/sql-mode.html#sqlmode_error_for_division_by_zero).
SQLite always gives NULL. So in a write, each divisor of ``/``, DIV and ``%`` passes through
``MYSQL_DIVISOR(b)`` (put there by ``rewrites.strict_division``), which returns b, or for zero raises 1365 or warns and returns NULL (the
division is then NULL, as before), by the running session's sql_mode. SELECTs are left as they
are: there MySQL's answer is NULL too.
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, Callable

from . import diagnostics, functions, variables

if TYPE_CHECKING:
    from .server import Server, Session


def register(connection: sqlite3.Connection, server: "Server", running: Callable[[], "Session | None"]) -> None:
    def divisor(value):
        try:
            zero = value is not None and float(value) == 0
        except (TypeError, ValueError):
            zero = False
        if not zero:
            return value
        session = running()
        if session is not None and variables.has_mode(server, session, "ERROR_FOR_DIVISION_BY_ZERO"):
            if variables.strict(server, session):
                functions.mysql_error(1365)  # raises; the server reports 1365
            diagnostics.warn(session, 1365, "Division by 0")
        return None

    connection.create_function("MYSQL_DIVISOR", 1, divisor, deterministic=True)
