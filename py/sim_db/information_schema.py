"""information_schema: the catalog as tables any SELECT can read (WHERE, JOIN, ORDER BY).

MySQL 8 answers information_schema from its data dictionary; sim_db's dictionary is its
catalog, so the tables a course, MySQL Workbench and SQLAlchemy's reflection read (SCHEMATA,
TABLES, COLUMNS, KEY_COLUMN_USAGE, REFERENTIAL_CONSTRAINTS, STATISTICS, TABLE_CONSTRAINTS,
VIEWS; https://dev.mysql.com/doc/refman/8.0/en/information-schema-introduction.html) are
materialised into an SQLite schema named ``information_schema`` when a statement names it, with
MySQL 8's upper-case column names. The catalog changes only on DDL: the schema is rebuilt only
when the catalog's fingerprint has changed since it was last built. Row counts, AUTO_INCREMENT
and CARDINALITY are those of that moment, as MySQL 8's cached statistics are
(``information_schema_stats_expiry``).
"""

from __future__ import annotations

import re
import zlib

from . import show, variables
from .errors import mysql_error
from .server import Result, Server, Session, handles

SCHEMA = "information_schema"

TABLES = {
    "SCHEMATA": ["CATALOG_NAME", "SCHEMA_NAME", "DEFAULT_CHARACTER_SET_NAME", "DEFAULT_COLLATION_NAME", "SQL_PATH",
                 "DEFAULT_ENCRYPTION"],
    "TABLES": ["TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "TABLE_TYPE", "ENGINE", "VERSION", "ROW_FORMAT",
               "TABLE_ROWS", "AVG_ROW_LENGTH", "DATA_LENGTH", "MAX_DATA_LENGTH", "INDEX_LENGTH", "DATA_FREE",
               "AUTO_INCREMENT", "CREATE_TIME", "UPDATE_TIME", "CHECK_TIME", "TABLE_COLLATION", "CHECKSUM",
               "CREATE_OPTIONS", "TABLE_COMMENT"],
    "COLUMNS": ["TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "COLUMN_NAME", "ORDINAL_POSITION", "COLUMN_DEFAULT",
                "IS_NULLABLE", "DATA_TYPE", "CHARACTER_MAXIMUM_LENGTH", "CHARACTER_OCTET_LENGTH", "NUMERIC_PRECISION",
                "NUMERIC_SCALE", "DATETIME_PRECISION", "CHARACTER_SET_NAME", "COLLATION_NAME", "COLUMN_TYPE",
                "COLUMN_KEY", "EXTRA", "PRIVILEGES", "COLUMN_COMMENT", "GENERATION_EXPRESSION", "SRS_ID"],
    "KEY_COLUMN_USAGE": ["CONSTRAINT_CATALOG", "CONSTRAINT_SCHEMA", "CONSTRAINT_NAME", "TABLE_CATALOG",
                         "TABLE_SCHEMA", "TABLE_NAME", "COLUMN_NAME", "ORDINAL_POSITION",
                         "POSITION_IN_UNIQUE_CONSTRAINT", "REFERENCED_TABLE_SCHEMA", "REFERENCED_TABLE_NAME",
                         "REFERENCED_COLUMN_NAME"],
    "REFERENTIAL_CONSTRAINTS": ["CONSTRAINT_CATALOG", "CONSTRAINT_SCHEMA", "CONSTRAINT_NAME",
                                "UNIQUE_CONSTRAINT_CATALOG", "UNIQUE_CONSTRAINT_SCHEMA", "UNIQUE_CONSTRAINT_NAME",
                                "MATCH_OPTION", "UPDATE_RULE", "DELETE_RULE", "TABLE_NAME", "REFERENCED_TABLE_NAME"],
    "STATISTICS": ["TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "NON_UNIQUE", "INDEX_SCHEMA", "INDEX_NAME",
                   "SEQ_IN_INDEX", "COLUMN_NAME", "COLLATION", "CARDINALITY", "SUB_PART", "PACKED", "NULLABLE",
                   "INDEX_TYPE", "COMMENT", "INDEX_COMMENT", "IS_VISIBLE", "EXPRESSION"],
    "TABLE_CONSTRAINTS": ["CONSTRAINT_CATALOG", "CONSTRAINT_SCHEMA", "CONSTRAINT_NAME", "TABLE_SCHEMA",
                          "TABLE_NAME", "CONSTRAINT_TYPE", "ENFORCED"],
    "ENGINES": ["ENGINE", "SUPPORT", "COMMENT", "TRANSACTIONS", "XA", "SAVEPOINTS"],
    "CHARACTER_SETS": ["CHARACTER_SET_NAME", "DEFAULT_COLLATE_NAME", "DESCRIPTION", "MAXLEN"],
    "COLLATIONS": ["COLLATION_NAME", "CHARACTER_SET_NAME", "ID", "IS_DEFAULT", "IS_COMPILED", "SORTLEN",
                   "PAD_ATTRIBUTE"],
    # sim_db keeps no routines or triggers in its catalog: these are empty, so that tools
    # listing them get MySQL's columns and no rows rather than an error.
    "ROUTINES": ["SPECIFIC_NAME", "ROUTINE_CATALOG", "ROUTINE_SCHEMA", "ROUTINE_NAME", "ROUTINE_TYPE", "DATA_TYPE",
                 "CHARACTER_MAXIMUM_LENGTH", "CHARACTER_OCTET_LENGTH", "NUMERIC_PRECISION", "NUMERIC_SCALE",
                 "DATETIME_PRECISION", "CHARACTER_SET_NAME", "COLLATION_NAME", "DTD_IDENTIFIER", "ROUTINE_BODY",
                 "ROUTINE_DEFINITION", "EXTERNAL_NAME", "EXTERNAL_LANGUAGE", "PARAMETER_STYLE", "IS_DETERMINISTIC",
                 "SQL_DATA_ACCESS", "SQL_PATH", "SECURITY_TYPE", "CREATED", "LAST_ALTERED", "SQL_MODE",
                 "ROUTINE_COMMENT", "DEFINER", "CHARACTER_SET_CLIENT", "COLLATION_CONNECTION", "DATABASE_COLLATION"],
    "TRIGGERS": ["TRIGGER_CATALOG", "TRIGGER_SCHEMA", "TRIGGER_NAME", "EVENT_MANIPULATION", "EVENT_OBJECT_CATALOG",
                 "EVENT_OBJECT_SCHEMA", "EVENT_OBJECT_TABLE", "ACTION_ORDER", "ACTION_CONDITION", "ACTION_STATEMENT",
                 "ACTION_ORIENTATION", "ACTION_TIMING", "ACTION_REFERENCE_OLD_TABLE", "ACTION_REFERENCE_NEW_TABLE",
                 "ACTION_REFERENCE_OLD_ROW", "ACTION_REFERENCE_NEW_ROW", "CREATED", "SQL_MODE", "DEFINER",
                 "CHARACTER_SET_CLIENT", "COLLATION_CONNECTION", "DATABASE_COLLATION"],
    "CHECK_CONSTRAINTS": ["CONSTRAINT_CATALOG", "CONSTRAINT_SCHEMA", "CONSTRAINT_NAME", "CHECK_CLAUSE"],
    "VIEWS": ["TABLE_CATALOG", "TABLE_SCHEMA", "TABLE_NAME", "VIEW_DEFINITION", "CHECK_OPTION", "IS_UPDATABLE",
              "DEFINER", "SECURITY_TYPE", "CHARACTER_SET_CLIENT", "COLLATION_CONNECTION"],
}
_INTEGER_COLUMNS = {
    "ORDINAL_POSITION", "CHARACTER_MAXIMUM_LENGTH", "CHARACTER_OCTET_LENGTH", "NUMERIC_PRECISION", "NUMERIC_SCALE",
    "DATETIME_PRECISION", "SRS_ID", "POSITION_IN_UNIQUE_CONSTRAINT", "NON_UNIQUE", "SEQ_IN_INDEX", "CARDINALITY",
    "SUB_PART", "VERSION", "TABLE_ROWS", "MAXLEN", "ID", "SORTLEN", "ACTION_ORDER", "AVG_ROW_LENGTH", "DATA_LENGTH", "MAX_DATA_LENGTH", "INDEX_LENGTH",
    "DATA_FREE", "AUTO_INCREMENT", "CHECKSUM",
}
# Precision MySQL reports for each integer and floating type (NUMERIC_PRECISION).
_PRECISION = {"tinyint": 3, "smallint": 5, "mediumint": 7, "int": 10, "integer": 10, "bigint": 19, "float": 12,
              "double": 22, "real": 22, "bit": 1}
_TEXT_LENGTHS = {"tinytext": 255, "text": 65535, "mediumtext": 16777215, "longtext": 4294967295,
                 "tinyblob": 255, "blob": 65535, "mediumblob": 16777215, "longblob": 4294967295, "json": None}


@handles("information_schema")
def run(server: Server, session: Session, translation, params) -> Result:
    ensure(server, session)
    try:
        return server._run_query(session, translation, params)
    except Exception as error:
        # A table information_schema does not have: MySQL's 1109, not 1146.
        args = getattr(error, "args", ())
        prefix = f"table '{SCHEMA}."
        if args and args[0] == 1146 and str(args[1]).lower().startswith(prefix):
            name = str(args[1])[len(prefix):].split("'")[0]
            raise mysql_error(1109, name, SCHEMA) from None
        raise


def _fingerprint(server: Server) -> int:
    """Changes whenever the catalog does (tables, columns, keys, views, databases)."""
    views = {name: sorted(show.views(server, name)) for name in server.databases}
    return zlib.crc32(repr((server.databases, views)).encode()) & 0x7FFFFFFF


def ensure(server: Server, session: Session) -> None:
    """The information_schema tables exist on this session's SQLite connection and describe the
    catalog as it is now."""
    connection = server.sqlite_for(session)
    attached = any(row[1] == SCHEMA for row in connection.execute("PRAGMA database_list"))
    if not attached:
        connection.execute(f"ATTACH DATABASE ':memory:' AS {SCHEMA}")
    fingerprint = _fingerprint(server)
    if attached and connection.execute(f"PRAGMA {SCHEMA}.user_version").fetchone()[0] == fingerprint:
        return
    rows = _rows(server, session)
    for table, columns in TABLES.items():
        definition = ", ".join(f'"{c}" {_column_type(c)}' for c in columns)
        connection.execute(f'DROP TABLE IF EXISTS {SCHEMA}."{table}"')
        connection.execute(f'CREATE TABLE {SCHEMA}."{table}" ({definition})')
        if rows[table]:
            marks = ", ".join("?" * len(columns))
            connection.executemany(f'INSERT INTO {SCHEMA}."{table}" VALUES ({marks})', rows[table])
    connection.execute(f"PRAGMA {SCHEMA}.user_version = {fingerprint}")


def _column_type(name: str) -> str:
    """String columns compare as utf8mb3_general_ci (case-insensitive), except the names of
    databases and tables, which compare as the file system does: case-sensitively on Linux
    (https://dev.mysql.com/doc/refman/8.0/en/charset-collation-information-schema.html)."""
    if name in _INTEGER_COLUMNS:
        return "INTEGER"
    if name.endswith(("SCHEMA", "SCHEMA_NAME", "TABLE_NAME")):
        return "TEXT"
    return "TEXT COLLATE NOCASE"


def _rows(server: Server, session: Session) -> dict[str, list[tuple]]:
    rows: dict[str, list[tuple]] = {table: [] for table in TABLES}
    from .server import SYSTEM_DATABASES

    rows["ENGINES"] = list(show.ENGINES)
    rows["CHARACTER_SETS"] = [(name, collation, text, length) for name, text, collation, length in show.CHARACTER_SETS]
    rows["COLLATIONS"] = list(show.COLLATIONS)

    for name in sorted([*server.databases, *SYSTEM_DATABASES]):
        encryption = "NO"
        charset, collation = ("utf8mb3", "utf8mb3_general_ci") if name in ("information_schema", "performance_schema") else ("utf8mb4", show.TEXT_COLLATION)
        rows["SCHEMATA"].append(("def", name, charset, collation, None, encryption))
    for database in sorted(server.databases):
        for name in sorted(show.base_tables(server, database)):
            _table_rows(server, session, database, name, rows)
        for name, view in sorted(show.views(server, database).items()):
            rows["TABLES"].append(("def", database, name, "VIEW", None, None, None, None, None, None, None, None, None,
                                   None, None, None, None, None, None, None, "VIEW"))
            definer = variables.current_user(session).split("@")
            rows["VIEWS"].append(("def", database, name, show.view_select(view), "NONE", "YES",
                                  f"{definer[0]}@{definer[1]}", "DEFINER", "utf8mb4", show.TEXT_COLLATION))
    return rows


def _table_rows(server: Server, session: Session, database: str, name: str, rows: dict[str, list[tuple]]) -> None:
    definition = server.databases[database][name]
    count = show.row_count(server, session, database, name)
    indexes = show.indexes(definition)
    secondary = sum(1 for key, _, _ in indexes if key != "PRIMARY")
    rows["TABLES"].append((
        "def", database, name, "BASE TABLE", "InnoDB", 10, "Dynamic", count, 16384 // count if count else 0, 16384, 0,
        16384 * secondary, 0, show.auto_increment(server, session, database, definition),
        show.created(database, definition).isoformat(sep=" "), None, None, show.TEXT_COLLATION, None, "",
        getattr(definition, "comment", ""),
    ))
    for position, column in enumerate(definition.columns, 1):
        rows["COLUMNS"].append(("def", database, name, column.name, position, show.column_default(column),
                                "YES" if column.nullable else "NO", *_type_facts(column),
                                column.mysql_type, show.column_key(definition, column), column.extra,
                                "select,insert,update,references", getattr(column, "comment", ""), "", None))
    for key, unique, columns in indexes:
        for position, column_name in enumerate(columns, 1):
            column = definition.column(column_name)
            rows["STATISTICS"].append(("def", database, name, 0 if unique else 1, database, key, position,
                                       column.name if column else column_name, "A", count, None, None,
                                       "YES" if column is not None and column.nullable else "",
                                       show.index_kind(definition, key) or "BTREE", "", "",
                                       "YES", None))
        if unique:
            kind = "PRIMARY KEY" if key == "PRIMARY" else "UNIQUE"
            rows["TABLE_CONSTRAINTS"].append(("def", database, key, database, name, kind, "YES"))
            for position, column_name in enumerate(columns, 1):
                rows["KEY_COLUMN_USAGE"].append(("def", database, key, "def", database, name, column_name, position,
                                                 None, None, None, None))
    for check_name, condition in show.checks(definition):
        rows["TABLE_CONSTRAINTS"].append(("def", database, check_name, database, name, "CHECK", "YES"))
        rows["CHECK_CONSTRAINTS"].append(("def", database, check_name, show.check_clause(condition)))
    for key in sorted(definition.foreign_keys, key=lambda k: k.name):
        rows["TABLE_CONSTRAINTS"].append(("def", database, key.name, database, name, "FOREIGN KEY", "YES"))
        for position, (column_name, parent_column) in enumerate(zip(key.columns, key.parent_columns), 1):
            rows["KEY_COLUMN_USAGE"].append(("def", database, key.name, "def", database, name, column_name, position,
                                             position, database, key.parent, parent_column))
        parent = server.table(database, key.parent)
        unique_name = "PRIMARY"
        if parent is not None:
            wanted = [c.lower() for c in key.parent_columns]
            for index_name, unique, columns in show.indexes(parent):
                if unique and [c.lower() for c in columns] == wanted:
                    unique_name = index_name
                    break
        rows["REFERENTIAL_CONSTRAINTS"].append(("def", database, key.name, "def", database, unique_name, "NONE",
                                                _rule(key.actions, "UPDATE"), _rule(key.actions, "DELETE"), name,
                                                key.parent))


def _rule(actions: str, event: str) -> str:
    match = re.search(rf"ON\s+{event}\s+(CASCADE|SET\s+NULL|SET\s+DEFAULT|RESTRICT|NO\s+ACTION)", actions, re.I)
    return " ".join(match.group(1).upper().split()) if match else "NO ACTION"


def _type_facts(column) -> tuple:
    """DATA_TYPE, CHARACTER_MAXIMUM_LENGTH, CHARACTER_OCTET_LENGTH, NUMERIC_PRECISION,
    NUMERIC_SCALE, DATETIME_PRECISION, CHARACTER_SET_NAME, COLLATION_NAME of a column."""
    base = show.base_type(column)
    numbers = [int(n) for n in re.findall(r"\d+", column.mysql_type.split(")")[0])] if "(" in column.mysql_type else []
    length = octets = precision = scale = fraction = None
    charset = collation = None
    if base in ("char", "varchar"):
        length = numbers[0] if numbers else 1
        octets = length * 4
    elif base in ("enum", "set"):
        values = re.findall(r"'((?:[^']|'')*)'", column.mysql_type)
        length = max((len(v) for v in values), default=0) if base == "enum" else len(",".join(values))
        octets = length * 4
    elif base in _TEXT_LENGTHS and base != "json":
        length = octets = _TEXT_LENGTHS[base]
    elif base in ("binary", "varbinary"):
        length = octets = numbers[0] if numbers else 1
    if base in show._TEXT_BASES:
        charset, collation = "utf8mb4", show.TEXT_COLLATION
    if base in _PRECISION:
        precision = _PRECISION[base] + (1 if base == "bigint" and "unsigned" in column.mysql_type else 0)
        scale = 0 if base not in ("float", "double", "real") else None
    elif base in ("decimal", "numeric"):
        precision = numbers[0] if numbers else 10
        scale = numbers[1] if len(numbers) > 1 else 0
    elif base in ("datetime", "timestamp", "time"):
        fraction = numbers[0] if numbers else 0
    return (base, length, octets, precision, scale, fraction, charset, collation)
