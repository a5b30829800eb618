"""sim_db: the school's MySQL 8 server, simulated in-process on SQLite.

Code written for the real server runs unchanged: ``import pymysql; pymysql.connect(...)`` and
SQLAlchemy's ``mysql+pymysql://``, ``mysql://`` and ``mysql+mysqlconnector://`` URLs all reach
this server once :func:`install` has run. Errors are PyMySQL's exception classes carrying MySQL's
error numbers and messages.
"""

from __future__ import annotations

from typing import Any

from . import accounts, information_schema, set_statement, show  # noqa: F401  (statement handlers; they import sqlglot only when they run)
from .connection import Connection, Cursor, DictCursor
from .dump import dump  # binds the function over the submodule's name (no sqlglot in it)
from .errors import client_error_line, mysql_error
from .server import Result, Server, Session, get_server
from .types import format_time
from . import alter, create_view, dml, explain, fulltext, routines, upsert  # noqa: F401  (register their statement handlers)

__all__ = [
    "Connection", "Cursor", "DictCursor", "Result", "Server", "client_error_line", "configure", "connect",
    "dump", "execute_script", "format_time", "get_server", "install", "load_dump", "mysql_error", "reset",
]


def reset() -> None:
    """Forget every database: a freshly installed server."""
    get_server().reset()


def connect(**kwargs: Any) -> Connection:
    """``pymysql.connect``: keyword arguments only, as in PyMySQL 1.1+ (``host``, ``user``,
    ``password``, ``database``/``db``, ``port``, ``charset``, ``autocommit``, ``cursorclass``;
    the rest are ignored). Any user and password are accepted unless :func:`configure` named
    the accounts."""
    return Connection(**kwargs)


def configure(*, accounts: dict[str, str] | None = None) -> None:
    """A teacher's configuration of the server. ``accounts`` (user -> password) are the only
    ones that may connect, as on a real server: a wrong password is error 1045. ``None``, the
    default, accepts any user and password."""
    from . import accounts as _accounts

    _accounts.configure(accounts)


def execute_script(text: str, database: str | None = None) -> Result:
    """Run MySQL text as the ``mysql`` client does (statement after statement, autocommit on);
    the last statement's result is returned and the first error is raised. A missing
    ``database`` is not an error here (the text may CREATE it): statements that need it fail
    with 1049/1146 as they run."""
    report = load_dump(text, database=database)
    if report.errors:
        raise report.errors[0].error
    return report.outcomes[-1].result if report.outcomes else Result()


def load_dump(text: str, database: str | None = None, force: bool = False, session: Session | None = None):
    """Load a dump as ``mysql [database] < dump.sql`` (``--force`` when ``force``); returns a
    :class:`sim_db.load.LoadReport` with each statement's line, result or error."""
    from .load import load_dump as load  # imports sqlglot: not at sim_db's import

    return load(text, database=database, force=force, session=session)


def install() -> None:
    """Route PyMySQL and SQLAlchemy's MySQL URLs to this server. Safe to call again."""
    import pymysql
    import pymysql.connections

    # pymysql exports one class under three names; keep it a class, so that code subclassing
    # or isinstance-checking pymysql's Connection still works.
    pymysql.connect = pymysql.Connect = pymysql.Connection = Connection
    pymysql.connections.Connection = Connection
    from . import sqlalchemy_dialect

    sqlalchemy_dialect.register()
