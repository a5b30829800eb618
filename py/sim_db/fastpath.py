"""Answers to the fixed questions every client asks on connect, without parsing SQL.

SQLAlchemy's MySQL dialect asks the server's version, database, isolation level, sql_mode and
name case rule on each new connection, and PyMySQL-style clients send SET NAMES. Importing and
running sqlglot for these would count in the page's start-up time, so they are looked up here.
"""

from __future__ import annotations

import re
from typing import Callable

SERVER_VERSION = "8.0.36"
SQL_MODE = (
    "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
    "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION"
)
VARIABLES = {
    "version": SERVER_VERSION,
    "version_comment": "MySQL Community Server - GPL (simulated by Roundtrip)",
    "sql_mode": SQL_MODE,
    "transaction_isolation": "REPEATABLE-READ",
    "tx_isolation": "REPEATABLE-READ",
    "lower_case_table_names": 0,
    "character_set_client": "utf8mb4",
    "character_set_connection": "utf8mb4",
    "character_set_results": "utf8mb4",
    "character_set_server": "utf8mb4",
    "collation_connection": "utf8mb4_0900_ai_ci",
    "collation_server": "utf8mb4_0900_ai_ci",
    "time_zone": "SYSTEM",
    "max_allowed_packet": 67108864,
}

# (columns, rows) or a function of the session giving them.
Answer = Callable[["object"], tuple[list[str], list[tuple]]]
_WHITESPACE = re.compile(r"\s+")


def _select_variable(name: str, shown: str) -> Answer:
    return lambda session: ([shown], [(VARIABLES[name],)])


def _show_variable(name: str) -> Answer:
    return lambda session: (["Variable_name", "Value"], [(name, str(VARIABLES[name]))])


ANSWERS: dict[str, Answer] = {
    "select version()": lambda session: (["VERSION()"], [(SERVER_VERSION,)]),
    "select database()": lambda session: (["DATABASE()"], [(session.database,)]),
    "select 1": lambda session: (["1"], [(1,)]),
    "select version() like '%mariadb%'": lambda session: (["VERSION() LIKE '%MariaDB%'"], [(0,)]),
}
for _name in VARIABLES:
    ANSWERS[f"select @@{_name}"] = _select_variable(_name, f"@@{_name}")
    ANSWERS[f"select @@session.{_name}"] = _select_variable(_name, f"@@session.{_name}")
    ANSWERS[f"show variables like '{_name}'"] = _show_variable(_name)

# Statements that change nothing a simulated server keeps (charset and isolation are fixed).
IGNORED = re.compile(
    r"^(set\s+(names|character\s+set|session\s+transaction|transaction|autocommit|sql_mode|session\s+sql_mode|time_zone)\b.*)$"
)


def normalize(text: str) -> str:
    return _WHITESPACE.sub(" ", text.strip().rstrip(";").strip()).lower()


def lookup(text: str) -> Answer | None:
    """The canned answer for ``text``, or None when it needs the real engine."""
    key = normalize(text)
    answer = ANSWERS.get(key)
    if answer is None and IGNORED.match(key):
        return lambda session: ([], [])
    return answer
