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
    1055: ("42000", "Expression #%d of %s is not in GROUP BY clause and contains nonaggregated column '%s' which is not functionally dependent on columns in GROUP BY clause; this is incompatible with sql_mode=only_full_group_by"),
    1064: ("42000", "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '%s' at line %d"),
    1136: ("21S01", "Column count doesn't match value count at row %d"),
    1146: ("42S02", "Table '%s' doesn't exist"),
    1264: ("22003", "Out of range value for column '%s' at row %d"),
    1364: ("HY000", "Field '%s' doesn't have a default value"),
    1366: ("HY000", "Incorrect %s value: '%s' for column '%s' at row %d"),
    1406: ("22001", "Data too long for column '%s' at row %d"),
    1451: ("23000", "Cannot delete or update a parent row: a foreign key constraint fails (%s)"),
    1452: ("23000", "Cannot add or update a child row: a foreign key constraint fails (%s)"),
    1205: ("HY000", "Lock wait timeout exceeded; try restarting transaction"),
    1305: ("42000", "%s %s does not exist"),  # "FUNCTION school.f", "SAVEPOINT sp1"
    1359: ("HY000", "Trigger already exists"),
    1360: ("HY000", "Trigger does not exist"),
    1362: ("HY000", "Updating of NEW row is not allowed in after trigger"),
    1363: ("HY000", "There is no %s row in on %s trigger"),
    1235: ("42000", "This version of MySQL doesn't yet support '%s'"),
    1060: ("42S21", "Duplicate column name '%s'"),
    1061: ("42000", "Duplicate key name '%s'"),
    1068: ("42000", "Multiple primary key defined"),
    1072: ("42000", "Key column '%s' doesn't exist in table"),
    1090: ("42000", "You can't delete all columns with ALTER TABLE; use DROP TABLE instead"),
    1091: ("42000", "Can't DROP '%s'; check that column/key exists"),
    1138: ("22004", "Invalid use of NULL value"),
    1140: ("42000", "In aggregated query without GROUP BY, expression #%d of SELECT list contains nonaggregated column '%s'; this is incompatible with sql_mode=only_full_group_by"),
    1242: ("21000", "Subquery returns more than 1 row"),
    1283: ("HY000", "Column '%s' cannot be part of FULLTEXT index"),
    1292: ("22007", "Incorrect %s value: '%s' for column '%s' at row %d"),
    1701: ("42000", "Cannot truncate a table referenced in a foreign key constraint (%s)"),
    1824: ("HY000", "Failed to open the referenced table '%s'"),
    1826: ("HY000", "Duplicate foreign key constraint name '%s'"),
    1828: ("HY000", "Cannot drop column '%s': needed in a foreign key constraint '%s'"),
    1075: ("42000", "Incorrect table definition; there can be only one auto column and it must be defined as a key"),
    1111: ("HY000", "Invalid use of group function"),
    1365: ("22012", "Division by 0"),
    1582: ("42000", "Incorrect parameter count in the call to native function '%s'"),
    3819: ("HY000", "Check constraint '%s' is violated."),
    3821: ("HY000", "Check constraint '%s' is not found in the table."),
    3822: ("HY000", "Duplicate check constraint name '%s'."),
    3940: ("HY000", "Constraint '%s' does not exist."),
    3730: ("HY000", "Cannot drop table '%s' referenced by a foreign key constraint '%s' on table '%s'."),
    # Server talk: variables, SHOW, accounts (sim_db.variables, sim_db.show, sim_db.accounts).
    1045: ("28000", "Access denied for user '%s'@'%s' (using password: %s)"),
    1109: ("42S02", "Unknown table '%s' in %s"),
    1115: ("42000", "Unknown character set: '%s'"),
    1133: ("42000", "Can't find any matching row in the user table"),
    1141: ("42000", "There is no such grant defined for user '%s' on host '%s'"),
    1172: ("42000", "Result consisted of more than one row"),
    1175: ("HY000", "You are using safe update mode and you tried to update a table without a WHERE that uses a KEY column"),
    1193: ("HY000", "Unknown system variable '%s'"),
    1222: ("21000", "The used SELECT statements have a different number of columns"),
    1229: ("HY000", "Variable '%s' is a GLOBAL variable and should be set with SET GLOBAL"),
    1231: ("42000", "Variable '%s' can't be set to the value of '%s'"),
    1232: ("42000", "Incorrect argument type to variable '%s'"),
    1238: ("HY000", "Variable '%s' is a read only variable"),
    1265: ("01000", "Data truncated for column '%s' at row %d"),
    1273: ("HY000", "Unknown collation: '%s'"),
    1621: ("HY000", "SESSION variable '%s' is read-only. Use SET GLOBAL to assign the value"),
    1347: ("HY000", "'%s' is not %s"),
    1298: ("HY000", "Unknown or incorrect time zone: '%s'"),
    1396: ("HY000", "Operation %s failed for %s"),
    1410: ("42000", "You are not allowed to create a user with GRANT"),
    # What MySQL's resolver refuses (sim_db.resolver, sim_db.grammar, sim_db.routines).
    1063: ("42000", "Incorrect column specifier for column '%s'"),
    1066: ("42000", "Not unique table/alias: '%s'"),
    1074: ("42000", "Column length too big for column '%s' (max = %d); use BLOB or TEXT instead"),
    1075: ("42000", "Incorrect table definition; there can be only one auto column and it must be defined as a key"),
    1191: ("HY000", "Can't find FULLTEXT index matching the column list"),
    1241: ("21000", "Operand should contain %d column(s)"),
    1052: ("23000", "Column '%s' in %s is ambiguous"),
    1067: ("42000", "Invalid default value for '%s'"),
    1111: ("HY000", "Invalid use of group function"),
    1248: ("42000", "Every derived table must have its own alias"),
    1286: ("42000", "Unknown storage engine '%s'"),
    1365: ("22012", "Division by 0"),
    1427: ("42000", "For float(M,D), double(M,D) or decimal(M,D), M must be >= D (column '%s')."),
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
