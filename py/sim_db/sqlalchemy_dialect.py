"""SQLAlchemy dialects for the MySQL URLs whose drivers Pyodide cannot run.

``mysql+pymysql://`` needs nothing: SQLAlchemy's stock dialect imports ``pymysql``, whose
``connect`` :func:`sim_db.install` points here, so echo shows the real MySQL SQL. ``mysql://``
(MySQLdb, a C extension) and ``mysql+mysqlconnector://`` get the same stock pymysql dialect
under their names, through SQLAlchemy's own dialect registry.
"""

from __future__ import annotations

from sqlalchemy.dialects import registry
from sqlalchemy.dialects.mysql.pymysql import MySQLDialect_pymysql


class SimMySQLDialect(MySQLDialect_pymysql):
    """The pymysql dialect, registered for the URLs of drivers that are not installed."""

    supports_statement_cache = True  # nothing here changes the SQL the stock dialect compiles


def register() -> None:
    for name in ("mysql", "mysql.mysqldb", "mysql.mysqlconnector"):
        registry.register(name, __name__, "SimMySQLDialect")
