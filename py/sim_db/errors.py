"""MySQL 8 errors: number, SQLSTATE and message text, raised as PyMySQL's own exception classes.

SQLAlchemy wraps the driver's exceptions by class and reads ``args[0]`` for the error number,
so raising ``pymysql.err`` classes makes every layer above react as with the real server.
"""

from __future__ import annotations

from pymysql import err

# errno: (SQLSTATE, message format) — texts from MySQL 8.0's server error reference.
MESSAGES: dict[int, tuple[str, str]] = {
    1007: ("HY000", "Can't create database '%s'; database exists"),
    1008: ("HY000", "Can't drop database '%s'; database doesn't exist"),
    1046: ("3D000", "No database selected"),
    1048: ("23000", "Column '%s' cannot be null"),
    1049: ("42000", "Unknown database '%s'"),
    1050: ("42S01", "Table '%s' already exists"),
    1051: ("42S02", "Unknown table '%s'"),
    1054: ("42S22", "Unknown column '%s' in '%s'"),
    1062: ("23000", "Duplicate entry '%s' for key '%s'"),
    1065: ("42000", "Query was empty"),
    1055: ("42000", "Expression #%d of SELECT list is not in GROUP BY clause and contains nonaggregated column '%s' which is not functionally dependent on columns in GROUP BY clause; this is incompatible with sql_mode=only_full_group_by"),
    1064: ("42000", "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '%s' at line %d"),
    1136: ("21S01", "Column count doesn't match value count at row %d"),
    1146: ("42S02", "Table '%s' doesn't exist"),
    1264: ("22003", "Out of range value for column '%s' at row %d"),
    1364: ("HY000", "Field '%s' doesn't have a default value"),
    1366: ("HY000", "Incorrect %s value: '%s' for column '%s' at row %d"),
    1406: ("22001", "Data too long for column '%s' at row %d"),
    1451: ("23000", "Cannot delete or update a parent row: a foreign key constraint fails (%s)"),
    1452: ("23000", "Cannot add or update a child row: a foreign key constraint fails (%s)"),
    1305: ("42000", "%s %s does not exist"),
    1347: ("HY000", "'%s' is not %s"),
    1359: ("HY000", "Trigger already exists"),
    1360: ("HY000", "Trigger does not exist"),
    1362: ("HY000", "Updating of NEW row is not allowed in after trigger"),
    1363: ("HY000", "There is no %s row in on %s trigger"),
    1235: ("42000", "This version of MySQL doesn't yet support '%s'"),
}


def mysql_error(errno: int, *args) -> err.MySQLError:
    """The exception the real server's error packet would make PyMySQL raise."""
    sqlstate, template = MESSAGES[errno]
    message = template % args if args else template
    errorclass = err.error_map.get(errno) or (err.InternalError if errno < 1000 else err.OperationalError)
    error = errorclass(errno, message)
    error.sqlstate = sqlstate
    return error


def client_error_line(error: BaseException) -> str:
    """The ``mysql`` client's line for an error: ``ERROR 1146 (42S02): Table ... doesn't exist``."""
    errno, message = error.args[0], error.args[1]
    sqlstate = getattr(error, "sqlstate", None) or MESSAGES.get(errno, ("HY000",))[0]
    return f"ERROR {errno} ({sqlstate}): {message}"
