"""Answers to the fixed questions every client asks on connect, without parsing SQL.

SQLAlchemy's MySQL dialect asks the server's version, database, isolation level, sql_mode and
name case rule on each new connection, and PyMySQL-style clients send SET NAMES. Importing and
running sqlglot for these would count in the page's start-up time, so they are looked up here;
the values come from the session (:mod:`sim_db.variables`), so a SET before them is seen.
"""

from __future__ import annotations

import re
from typing import Callable

from . import variables
from .variables import SERVER_VERSION, SQL_MODE  # noqa: F401  (re-exported: connection.py)

# (columns, rows) or a function of the session giving them.
Answer = Callable[["object"], tuple[list[str], list[tuple]]]
_WHITESPACE = re.compile(r"\s+")
# What every text answered here starts with: the one test most statements (those that need the
# engine) pay, cheaper than normalizing their whole text for the lookup.
_ANSWERABLE = re.compile(r"\s*(?:select\s+(?:@@|version|database|1)|show\s+variables|set\s+names)", re.IGNORECASE)
_SET_NAMES = re.compile(r"^set names '?([a-z0-9_]+)'?( collate '?([a-z0-9_]+)'?)?$")
# The variables a connecting client asks for.
_ASKED = (
    "version", "version_comment", "sql_mode", "transaction_isolation",
    "lower_case_table_names", "character_set_client", "character_set_connection",
    "character_set_results", "character_set_server", "collation_connection", "collation_server",
    "time_zone", "max_allowed_packet", "autocommit",
)


def _select_variable(name: str, shown: str) -> Answer:
    return lambda session: ([shown], [(variables.get(None, session, name),)])


def _show_variable(name: str) -> Answer:
    return lambda session: (["Variable_name", "Value"], [(name, variables.shown(variables.raw(None, session, name)))])


ANSWERS: dict[str, Answer] = {
    "select version()": lambda session: (["VERSION()"], [(SERVER_VERSION,)]),
    "select database()": lambda session: (["DATABASE()"], [(session.database,)]),
    "select 1": lambda session: (["1"], [(1,)]),
    "select version() like '%mariadb%'": lambda session: (["VERSION() LIKE '%MariaDB%'"], [(0,)]),
}
for _name in _ASKED:
    ANSWERS[f"select @@{_name}"] = _select_variable(_name, f"@@{_name}")
    ANSWERS[f"select @@session.{_name}"] = _select_variable(_name, f"@@session.{_name}")
    ANSWERS[f"show variables like '{_name}'"] = _show_variable(_name)


def _set_names(charset: str, collation: str | None) -> Answer:
    def answer(session):
        variables.set_names(session, charset, collation)
        return [], []

    return answer


def normalize(text: str) -> str:
    return _WHITESPACE.sub(" ", text.strip().rstrip(";").strip()).lower()


def lookup(text: str) -> Answer | None:
    """The canned answer for ``text``, or None when it needs the real engine."""
    if not _ANSWERABLE.match(text):
        return None
    key = normalize(text)
    answer = ANSWERS.get(key)
    if answer is None and key.startswith("set names"):
        match = _SET_NAMES.match(key)
        if match and match.group(1) in variables.CHARSETS:
            return _set_names(match.group(1), match.group(3))
    return answer
