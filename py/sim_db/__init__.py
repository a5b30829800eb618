"""sim_db: the school's MySQL 8 server, simulated in-process on SQLite.

Code written for the real server runs unchanged: ``import pymysql; pymysql.connect(...)`` and
SQLAlchemy's ``mysql+pymysql://``, ``mysql://`` and ``mysql+mysqlconnector://`` URLs all reach
this server once :func:`install` has run. Errors are PyMySQL's exception classes carrying MySQL's
error numbers and messages.
"""

from __future__ import annotations

from typing import Any

from .connection import Connection, Cursor, DictCursor
from .errors import client_error_line, mysql_error
from .script import split_statements
from .server import Result, Server, Session
from .types import format_time

__all__ = [
    "Connection", "Cursor", "DictCursor", "Result", "Server", "client_error_line", "connect",
    "execute_script", "format_time", "get_server", "install", "mysql_error", "reset",
]

_server = Server()


def get_server() -> Server:
    """The one simulated server of this process (a school has one MySQL server)."""
    return _server


def reset() -> None:
    """Forget every database: a freshly installed server."""
    _server.reset()


def connect(*args: Any, **kwargs: Any) -> Connection:
    """``pymysql.connect``'s signature; any user and password are accepted."""
    names = ("host", "user", "password", "database", "port")
    kwargs.update(dict(zip(names, args)))
    if "db" in kwargs and "database" not in kwargs:
        kwargs["database"] = kwargs.pop("db")
    if "passwd" in kwargs and "password" not in kwargs:
        kwargs["password"] = kwargs.pop("passwd")
    return Connection(_server, **kwargs)


def execute_script(text: str, database: str | None = None) -> Result:
    """Run MySQL text as the ``mysql`` client does (statement after statement, autocommit on);
    the last statement's result is returned and the first error is raised."""
    session = Session(database=database, autocommit=True)
    result = Result()
    for statement in split_statements(text):
        result = _server.execute(session, statement)
    return result


def install() -> None:
    """Route PyMySQL and SQLAlchemy's MySQL URLs to this server. Safe to call again."""
    import pymysql

    pymysql.connect = pymysql.Connect = connect
    from . import sqlalchemy_dialect

    sqlalchemy_dialect.register()
