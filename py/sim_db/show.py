"""SHOW and DESCRIBE: what the server says about its databases, tables and session.

Each answer is built from sim_db's catalog (``Server.databases``) with the column names, order
and spelling of MySQL 8.0's (https://dev.mysql.com/doc/refman/8.0/en/show.html). SQLAlchemy's
reflection reads SHOW CREATE TABLE, and mysqldump's output is SHOW CREATE TABLE's text, so
:func:`create_table_statement` is exposed for both.

``LIKE`` filters by MySQL's pattern rules; ``WHERE`` is evaluated by SQLite over the answer's
rows, with the answer's column names (``SHOW FULL TABLES WHERE Table_type = 'VIEW'``).
"""

from __future__ import annotations

import datetime
import decimal
import re
import sqlite3
from typing import Any

from . import variables
from .catalog import Column, TableDefinition
from .errors import mysql_error
from .server import SYSTEM_DATABASES, Result, Server, Session, handles

TEXT_COLLATION = "utf8mb4_0900_ai_ci"
_TEXT_BASES = {"char", "varchar", "tinytext", "text", "mediumtext", "longtext", "enum", "set"}
_NO_DEFAULT_BASES = {"tinytext", "text", "mediumtext", "longtext", "tinyblob", "blob", "mediumblob", "longblob", "json", "geometry"}


# --- what the catalog knows, as MySQL shows it ----------------------------------------------------


def base_type(column: Column) -> str:
    return column.mysql_type.split("(", 1)[0].split(" ", 1)[0].lower()


def indexes(definition: TableDefinition) -> list[tuple[str, bool, list[str]]]:
    """The table's indexes as (name, unique, columns), in MySQL's order: PRIMARY, the unique
    keys, the others, then the index InnoDB adds for each foreign key that no index starts with
    (named after the constraint when it was named, else after its first column:
    https://dev.mysql.com/doc/refman/8.0/en/create-table-foreign-keys.html), FULLTEXT keys last
    (MySQL sorts them after every other key). :func:`index_kind` says which are FULLTEXT/SPATIAL."""
    fulltext = {k.name for k in definition.keys if k.kind.upper() == "FULLTEXT"}
    keys = [(k.name, k.unique, list(k.columns)) for k in definition.keys if k.name not in fulltext]
    ordered = (
        [k for k in keys if k[0] == "PRIMARY"]
        + [k for k in keys if k[0] != "PRIMARY" and k[1]]
        + [k for k in keys if not k[1]]
    )
    for key in sorted(definition.foreign_keys, key=lambda k: k.name):
        wanted = [c.lower() for c in key.columns]
        if any([c.lower() for c in columns[: len(wanted)]] == wanted for _, _, columns in ordered):
            continue
        named = not re.fullmatch(re.escape(definition.name) + r"_ibfk_\d+", key.name)
        ordered.append((key.name if named else key.columns[0], False, list(key.columns)))
    return ordered + [(k.name, k.unique, list(k.columns)) for k in definition.keys if k.name in fulltext]


def index_kind(definition: TableDefinition, name: str) -> str:
    """FULLTEXT or SPATIAL for an index declared so (SHOW CREATE TABLE prints ``FULLTEXT KEY``,
    SHOW INDEX's Index_type says it); "" for a B-tree index."""
    return next((k.kind.upper() for k in definition.keys if k.name == name and k.kind), "")


def column_key(definition: TableDefinition, column: Column) -> str:
    """DESCRIBE's Key: PRI for a primary key column, UNI for the only column of a unique index,
    MUL for the first column of any other index (https://dev.mysql.com/doc/refman/8.0/en/show-columns.html)."""
    name = column.name.lower()
    found = ""
    keys = indexes(definition)
    if not any(key == "PRIMARY" for key, _, _ in keys):
        # Without a PRIMARY KEY, the first UNIQUE index on NOT NULL columns serves as one.
        for key, unique, columns in keys:
            if unique and all(definition.column(c) is not None and not definition.column(c).nullable for c in columns):
                keys = [("PRIMARY", True, columns), *[k for k in keys if k[0] != key]]
                break
    for key, unique, columns in keys:
        lowered = [c.lower() for c in columns]
        if key == "PRIMARY" and name in lowered:
            return "PRI"
        if lowered[0] != name:
            continue
        if unique and len(lowered) == 1:
            found = "UNI"
        elif not found:
            found = "MUL"
    return found


def column_default(column: Column) -> str | None:
    """The default as MySQL stores it: a DECIMAL's at the column's scale (1.5 -> '1.50')."""
    default = column.default
    if default is None or base_type(column) not in ("decimal", "numeric"):
        return default
    match = re.search(r"\(\s*\d+\s*,\s*(\d+)\s*\)", column.mysql_type)
    scale = int(match.group(1)) if match else 0
    try:
        return str(decimal.Decimal(default).quantize(decimal.Decimal(1).scaleb(-scale), rounding=decimal.ROUND_HALF_UP))
    except decimal.InvalidOperation:
        return default


def collation(column: Column) -> str | None:
    return TEXT_COLLATION if base_type(column) in _TEXT_BASES else None


def auto_increment(server: Server, session: Session, database: str, definition: TableDefinition) -> int | None:
    """The table's next AUTO_INCREMENT value: None without such a column, 1 before its first row."""
    column = next((c for c in definition.columns if c.extra == "auto_increment"), None)
    if column is None:
        return None
    connection = server.sqlite_for(session)
    quoted = '"' + database.replace('"', '""') + '"'
    try:
        row = connection.execute(f"SELECT seq FROM {quoted}.sqlite_sequence WHERE name = ?", (definition.name,)).fetchone()
    except sqlite3.OperationalError:  # no AUTOINCREMENT table in that database has had a row yet
        row = None
    return row[0] + 1 if row and row[0] else 1


def row_count(server: Server, session: Session, database: str, name: str) -> int:
    quoted = '"' + database.replace('"', '""') + '"."' + name.replace('"', '""') + '"'
    return server.sqlite_for(session).execute(f"SELECT COUNT(*) FROM {quoted}").fetchone()[0]


def _quote_identifier(name: str) -> str:
    return "`" + name.replace("`", "``") + "`"


def _quote_string(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'"


def column_definition(column: Column) -> str:
    """One column line of SHOW CREATE TABLE, as MySQL 8 prints it."""
    parts = [_quote_identifier(column.name), column.mysql_type]
    base = base_type(column)
    if not column.nullable:
        parts.append("NOT NULL")
    elif base == "timestamp":
        parts.append("NULL")
    default = column_default(column)
    # TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP(3): "the same [fractional seconds] value must be used
    # throughout the column definition" (https://dev.mysql.com/doc/refman/8.0/en/timestamp-initialization.html);
    # the catalog keeps the default as CURRENT_TIMESTAMP.
    fsp = re.search(r"\(\d\)", column.mysql_type) if base in ("timestamp", "datetime") else None
    now = "CURRENT_TIMESTAMP" + (fsp.group(0) if fsp else "")
    if column.extra == "auto_increment":
        pass
    elif default is None:
        if column.nullable and base not in _NO_DEFAULT_BASES:
            parts.append("DEFAULT NULL")
    elif default.upper().startswith("CURRENT_TIMESTAMP"):
        parts.append("DEFAULT " + now)
    elif "DEFAULT_GENERATED" in column.extra:  # an expression default: DEFAULT (curdate())
        parts.append(f"DEFAULT ({default})")
    else:
        parts.append("DEFAULT " + _quote_string(default))
    if column.extra == "auto_increment":
        parts.append("AUTO_INCREMENT")
    if "on update" in column.extra:
        parts.append("ON UPDATE " + now)
    if getattr(column, "comment", ""):
        parts.append("COMMENT " + _quote_string(column.comment))
    return " ".join(parts)


def _actions(text: str) -> str:
    """ON DELETE/ON UPDATE clauses as SHOW CREATE TABLE prints them: ON DELETE first; NO ACTION,
    the default, is not printed, while a RESTRICT that was written is (MySQL 8's data dictionary
    keeps the two apart: Sakila's ``ON DELETE RESTRICT ON UPDATE CASCADE`` comes back as written)."""
    kept = {}
    for match in re.finditer(r"ON\s+(DELETE|UPDATE)\s+(CASCADE|SET\s+NULL|SET\s+DEFAULT|RESTRICT|NO\s+ACTION)", text, re.I):
        action = " ".join(match.group(2).upper().split())
        if action != "NO ACTION":
            kept[match.group(1).upper()] = f"ON {match.group(1).upper()} {action}"
    return " ".join(kept[event] for event in ("DELETE", "UPDATE") if event in kept)


# What ``compatible=`` may name: "mariadb" leaves out what MariaDB 10.11 (the tests' real
# server) rejects in MySQL 8's text: the utf8mb4_0900_ai_ci collation it lacks (error 1273), so
# that the server's default collation applies. (MariaDB skips ``/*!80016 ... */`` by itself.)
COMPATIBLE = (None, "mariadb")


def _check_compatible(compatible: str | None) -> None:
    if compatible not in COMPATIBLE:
        raise ValueError(f"compatible must be one of {COMPATIBLE}, not {compatible!r}")


def create_table_statement(server: Server, database: str, table: str, session: Session | None = None,
                           compatible: str | None = None) -> str:
    """SHOW CREATE TABLE's text for ``database.table``, exactly as MySQL 8.0 prints it
    (also what mysqldump writes: sim_db.dump calls this). 1146 when there is no such table.
    ``compatible="mariadb"`` leaves out the table's COLLATE= option (see :data:`COMPATIBLE`)."""
    _check_compatible(compatible)
    definition = server.table(database, table)
    if definition is None:
        raise mysql_error(1146, f"{database}.{table}")
    session = session or Session(database=database)
    lines = [column_definition(c) for c in definition.columns]
    for name, unique, columns in indexes(definition):
        names = ",".join(_quote_identifier(c) for c in columns)
        kind = index_kind(definition, name)
        if name == "PRIMARY":
            lines.append(f"PRIMARY KEY ({names})")
        else:
            prefix = f"{kind} " if kind else "UNIQUE " if unique else ""
            lines.append(f"{prefix}KEY {_quote_identifier(name)} ({names})")
    for key in sorted(definition.foreign_keys, key=lambda k: k.name):
        columns = ",".join(_quote_identifier(c) for c in key.columns)
        parents = ",".join(_quote_identifier(c) for c in key.parent_columns)
        line = f"CONSTRAINT {_quote_identifier(key.name)} FOREIGN KEY ({columns}) REFERENCES {_quote_identifier(key.parent)} ({parents})"
        actions = _actions(key.actions)
        lines.append(f"{line} {actions}" if actions else line)
    for name, condition in sorted(checks(definition)):
        lines.append(f"CONSTRAINT {_quote_identifier(name)} CHECK ({check_clause(condition)})")
    options = "ENGINE=InnoDB"
    next_id = auto_increment(server, session, database, definition)
    if next_id is not None and next_id > 1:
        options += f" AUTO_INCREMENT={next_id}"
    options += " DEFAULT CHARSET=utf8mb4" + (f" COLLATE={TEXT_COLLATION}" if compatible is None else "")
    if getattr(definition, "comment", ""):
        options += " COMMENT=" + _quote_string(definition.comment)
    body = ",\n".join("  " + line for line in lines)
    return f"CREATE TABLE {_quote_identifier(definition.name)} (\n{body}\n) {options}"


# --- views -----------------------------------------------------------------------------------------


def views(server: Server, database: str) -> dict[str, Any]:
    """The database's views, name -> :class:`sim_db.catalog.View`: catalog entries whose
    ``view`` is set (sim_db.objects keeps a view as a typed TableDefinition). SHOW FULL TABLES,
    SHOW CREATE VIEW and information_schema.VIEWS read views only through this function."""
    return {n: d.view for n, d in server.databases.get(database, {}).items() if getattr(d, "view", None) is not None}


def base_tables(server: Server, database: str) -> list[str]:
    """The database's tables that are not views."""
    return [n for n, d in server.databases.get(database, {}).items() if getattr(d, "view", None) is None]


def view_select(view: Any) -> str:
    if isinstance(view, str):
        return view
    return getattr(view, "definition", None) or getattr(view, "sql", "")


def create_view_statement(server: Server, database: str, name: str, session: Session | None = None,
                          definer: bool = True) -> str:
    """SHOW CREATE VIEW's text (MySQL 8 prints the definer, the column list when one was
    declared, the SELECT it stored and the CHECK OPTION). ``definer=False`` leaves DEFINER out,
    as ``mysqldump --skip-definer`` does, so that any account can load a dump's view."""
    view = views(server, database).get(name)
    if view is None:
        if server.table(database, name) is not None:
            raise mysql_error(1347, f"{database}.{name}", "VIEW")
        raise mysql_error(1146, f"{database}.{name}")
    user, _, host = variables.current_user(session).partition("@")
    algorithm = getattr(view, "algorithm", "UNDEFINED")
    security = getattr(view, "security", "DEFINER")
    columns = getattr(view, "columns", None)
    check = getattr(view, "check_option", None)
    if check and check.upper() == "WITH CHECK OPTION":  # CASCADED is the default, and printed
        check = "WITH CASCADED CHECK OPTION"
    return (
        f"CREATE ALGORITHM={algorithm} "
        + (f"DEFINER={_quote_identifier(user)}@{_quote_identifier(host)} " if definer else "")
        + f"SQL SECURITY {security} VIEW {_quote_identifier(name)} "
        + (f"({','.join(_quote_identifier(c) for c in columns)}) " if columns else "")
        + f"AS {view_select(view)}"
        + (f" {check}" if check else "")
    )


# --- filtering: LIKE and WHERE ---------------------------------------------------------------------


def like_matches(pattern: str, value: str, case_sensitive: bool) -> bool:
    """MySQL's LIKE: ``%`` any run, ``_`` one character, ``\\`` escapes."""
    regex, i = "", 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\" and i + 1 < len(pattern):
            regex += re.escape(pattern[i + 1])
            i += 2
            continue
        regex += ".*" if ch == "%" else "." if ch == "_" else re.escape(ch)
        i += 1
    return re.fullmatch(regex, value, 0 if case_sensitive else re.I | re.S) is not None


def _filter(server: Server, session: Session, tree: exp.Expression, columns: list[str], rows: list[tuple],
            like_index: int = 0, case_sensitive: bool = False) -> list[tuple]:
    from sqlglot import exp

    like = tree.args.get("like")
    if like is not None:
        pattern = like.name if isinstance(like, exp.Literal) else like.sql("mysql").strip("'")
        return [row for row in rows if like_matches(pattern, str(row[like_index]), case_sensitive)]
    where = tree.args.get("where")
    if where is None or not rows:
        return rows
    from .dialect import mysql_functions, to_sqlite

    condition = to_sqlite(where.this.copy().transform(mysql_functions))
    names = ", ".join('"' + c.replace('"', '""') + '"' for c in ["__row", *columns])
    marks = ", ".join("(" + ", ".join("?" * (len(columns) + 1)) + ")" for _ in rows)
    values = [v for index, row in enumerate(rows) for v in (index, *[_sqlite_value(x) for x in row])]
    sql = f"WITH shown({names}) AS (VALUES {marks}) SELECT __row FROM shown WHERE {condition} ORDER BY __row"
    try:
        kept = server.sqlite_for(session).execute(sql, values).fetchall()
    except Exception as error:
        match = re.search(r"no such column: (\S+)", str(error))
        if match:
            raise mysql_error(1054, match.group(1), "where clause") from None
        raise mysql_error(1064, where.sql("mysql"), 1) from None
    return [rows[index] for (index,) in kept]


def _sqlite_value(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat(sep=" ") if isinstance(value, datetime.datetime) else value.isoformat()
    return value


# --- the statements ----------------------------------------------------------------------------------

# SHOW forms sqlglot leaves unparsed (a Command), by their synonyms sqlglot does parse.
_SYNONYMS = {"INDEXES": "INDEX", "KEYS": "INDEX", "FIELDS": "COLUMNS", "SCHEMAS": "DATABASES"}


@handles("show")
def run_show(server: Server, session: Session, translation, params) -> Result:
    from sqlglot import exp

    tree = translation.tree
    if isinstance(tree, exp.Command):
        tree = _reparse(tree)
        if isinstance(tree, tuple):  # SHOW COUNT(*) WARNINGS / ERRORS
            return show_count(server, session, tree[1])
    what = " ".join(tree.name.upper().split())
    handler = _SHOW.get(what)
    if handler is None:
        raise mysql_error(1235, f"SHOW {what}")
    if what in _NEEDS_TARGET and tree.args.get("target") is None:
        raise mysql_error(1064, "", 1)  # SHOW CREATE TABLE; with no table: MySQL points at the end
    return handler(server, session, tree)


def _reparse(command: exp.Command):
    """SHOW INDEXES/KEYS/FIELDS/EXTENDED ... and SHOW COUNT(*) WARNINGS, which sqlglot's MySQL
    parser does not know, as the SHOW it knows (by tokens, not text surgery on the statement)."""
    import sqlglot
    from sqlglot import exp
    from sqlglot.dialects.mysql import MySQL

    text = "SHOW " + command.expression.sql("mysql") if isinstance(command.expression, exp.Expression) else "SHOW " + str(command.expression)
    tokens = MySQL().tokenize(text)
    words = [t.text.upper() for t in tokens]
    if len(words) < 2:
        raise mysql_error(1064, "", 1)
    if words[1:5] == ["COUNT", "(", "*", ")"] and len(words) > 5 and words[5] in ("WARNINGS", "ERRORS"):
        return ("count", words[5])
    starts = [t.start for t in tokens]
    for index in range(1, min(len(words), 4)):
        if words[index] in _SYNONYMS:
            rebuilt = text[: starts[index]] + _SYNONYMS[words[index]] + text[tokens[index].end + 1 :]
            rebuilt = rebuilt.replace(" EXTENDED ", " ", 1) if "EXTENDED" in words[:index] else rebuilt
            try:
                return sqlglot.parse_one(rebuilt, read="mysql")
            except Exception:
                break
    raise mysql_error(1064, text[len("SHOW ") :].strip()[:80], 1)


def _database(server: Server, session: Session, tree: exp.Expression) -> str:
    from sqlglot import exp

    database = tree.text("db") or session.database
    if database is None:
        raise mysql_error(1046)
    if database not in server.databases and database.lower() not in SYSTEM_DATABASES:
        raise mysql_error(1049, database)
    return database


def _target(server: Server, session: Session, tree: exp.Expression) -> tuple[str, str, TableDefinition]:
    from sqlglot import exp

    target = tree.args.get("target")
    name = target.name if isinstance(target, exp.Expression) else str(target)
    database = tree.text("db")
    if isinstance(target, exp.Table) and target.text("db"):
        database = target.text("db")
    if not database and isinstance(target, exp.Expression) and "." in target.sql("mysql"):
        database, _, name = target.sql("mysql").replace("`", "").partition(".")
    database = database or session.database
    if database is None:
        raise mysql_error(1046)
    definition = server.table(database, name)
    if definition is None:
        if database not in server.databases and database.lower() not in SYSTEM_DATABASES:
            raise mysql_error(1049, database)
        raise mysql_error(1146, f"{database}.{name}")
    return database, name, definition


def show_databases(server: Server, session: Session, tree) -> Result:
    names = sorted([*server.databases, *SYSTEM_DATABASES])
    column = "Database"
    like = tree.args.get("like")
    if like is not None:
        column += f" ({like.name})"
    rows = _filter(server, session, tree, ["Database"], [(n,) for n in names], case_sensitive=True)
    return Result([column], rows)


def show_tables(server: Server, session: Session, tree) -> Result:
    database = _database(server, session, tree)
    entries = [(n, "BASE TABLE") for n in base_tables(server, database)]
    entries += [(n, "VIEW") for n in views(server, database)]
    if database.lower() == "information_schema":
        from .information_schema import TABLES

        entries = [(n, "SYSTEM VIEW") for n in TABLES]
    entries.sort()
    column = f"Tables_in_{database}"
    like = tree.args.get("like")
    shown_column = column + (f" ({like.name})" if like is not None else "")
    full = bool(tree.args.get("full"))
    columns = [column, "Table_type"] if full else [column]
    rows = [e if full else (e[0],) for e in entries]
    rows = _filter(server, session, tree, columns, rows, case_sensitive=True)
    return Result([shown_column, *columns[1:]], rows)


def show_columns(server: Server, session: Session, tree) -> Result:
    database, name, definition = _target(server, session, tree)
    full = bool(tree.args.get("full"))
    rows = []
    for column in definition.columns:
        key, default, extra = column_key(definition, column), column_default(column), column.extra
        null = "YES" if column.nullable else "NO"
        if full:
            rows.append((column.name, column.mysql_type, collation(column), null, key, default, extra,
                         "select,insert,update,references", getattr(column, "comment", "")))
        else:
            rows.append((column.name, column.mysql_type, null, key, default, extra))
    columns = ["Field", "Type", "Collation", "Null", "Key", "Default", "Extra", "Privileges", "Comment"] if full \
        else ["Field", "Type", "Null", "Key", "Default", "Extra"]
    return Result(columns, _filter(server, session, tree, columns, rows))


@handles("describe")
def run_describe(server: Server, session: Session, translation, params) -> Result:
    """DESCRIBE t / DESC t / EXPLAIN t: SHOW COLUMNS FROM t. EXPLAIN of a statement (a query
    plan) is not simulated: 1235."""
    from sqlglot import exp

    if not isinstance(translation.tree.this, exp.Table):
        raise mysql_error(1235, "EXPLAIN")
    table = translation.tree.this
    show = exp.Show(this="COLUMNS", target=exp.to_identifier(table.name), db=table.args.get("db"))
    return show_columns(server, session, show)


def show_create_table(server: Server, session: Session, tree) -> Result:
    from sqlglot import exp

    target = tree.args.get("target")
    name = target.name if isinstance(target, exp.Expression) else str(target)
    database = tree.text("db") or session.database
    if database and name in views(server, database):
        return _create_view_result(server, session, database, name)
    database, name, definition = _target(server, session, tree)
    return Result(["Table", "Create Table"], [(definition.name, create_table_statement(server, database, name, session))])


def show_create_view(server: Server, session: Session, tree) -> Result:
    from sqlglot import exp

    target = tree.args.get("target")
    name = target.name if isinstance(target, exp.Expression) else str(target)
    database = tree.text("db") or session.database
    if database is None:
        raise mysql_error(1046)
    return _create_view_result(server, session, database, name)


def _create_view_result(server, session, database, name) -> Result:
    text = create_view_statement(server, database, name, session)
    return Result(
        ["View", "Create View", "character_set_client", "collation_connection"],
        [(name, text, variables.raw(server, session, "character_set_client"), variables.raw(server, session, "collation_connection"))],
    )


def show_create_database(server: Server, session: Session, tree) -> Result:
    from sqlglot import exp

    target = tree.args.get("target")
    name = target.name if isinstance(target, exp.Expression) else str(target)
    if name not in server.databases:
        raise mysql_error(1049, name)
    return Result(["Database", "Create Database"], [(name, create_database_statement(name))])


def create_database_statement(name: str, compatible: str | None = None) -> str:
    """SHOW CREATE DATABASE's text, as MySQL 8.0 prints it (and mysqldump writes it)."""
    return f"CREATE DATABASE {_quote_identifier(name)} {database_options(compatible)}"


def database_options(compatible: str | None = None) -> str:
    """The options of SHOW CREATE DATABASE, in their versioned comments; without MySQL 8's
    collation for ``compatible="mariadb"`` (see :data:`COMPATIBLE`)."""
    _check_compatible(compatible)
    collate = f" COLLATE {TEXT_COLLATION}" if compatible is None else ""
    return f"/*!40100 DEFAULT CHARACTER SET utf8mb4{collate} */ /*!80016 DEFAULT ENCRYPTION='N' */"


def show_index(server: Server, session: Session, tree) -> Result:
    """SHOW INDEX: one row per index column. Cardinality is the number of distinct values of
    the index's leading columns, which is what InnoDB's statistics estimate."""
    database, name, definition = _target(server, session, tree)
    columns = ["Table", "Non_unique", "Key_name", "Seq_in_index", "Column_name", "Collation", "Cardinality",
               "Sub_part", "Packed", "Null", "Index_type", "Comment", "Index_comment", "Visible", "Expression"]
    rows = []
    connection = server.sqlite_for(session)
    quoted = '"' + database.replace('"', '""') + '"."' + name.replace('"', '""') + '"'
    for key, unique, key_columns in indexes(definition):
        kind = index_kind(definition, key)
        for position, column_name in enumerate(key_columns, 1):
            column = definition.column(column_name)
            prefix = ", ".join('"' + c.replace('"', '""') + '"' for c in key_columns[:position])
            cardinality = connection.execute(f"SELECT COUNT(*) FROM (SELECT DISTINCT {prefix} FROM {quoted})").fetchone()[0]
            rows.append((definition.name, 0 if unique else 1, key, position, column.name if column else column_name,
                         None if kind == "FULLTEXT" else "A",  # a FULLTEXT index is not sorted
                         cardinality, None, None, "YES" if column is not None and column.nullable else "",
                         kind or "BTREE", "", "", "YES", None))
    return Result(columns, _filter(server, session, tree, columns, rows))


def show_variables(server: Server, session: Session, tree) -> Result:
    scope = "global" if tree.args.get("global_") else "session"
    names = sorted({*variables.DEFAULTS} - {"last_insert_id", "identity"})
    rows = [(n, variables.shown(variables.raw(server, session, n, scope))) for n in names]
    return Result(["Variable_name", "Value"], _filter(server, session, tree, ["Variable_name", "Value"], rows))


def show_warnings(server: Server, session: Session, tree, errors_only: bool = False) -> Result:
    from sqlglot import exp

    rows = [d for d in session.diagnostics if not errors_only or d[0] == "Error"]
    limit, offset = tree.args.get("limit"), tree.args.get("offset")  # LIMIT [offset,] row_count
    if limit is not None:
        start = int(offset.name) if isinstance(offset, exp.Expression) else 0
        rows = rows[start : start + int(limit.name if isinstance(limit, exp.Expression) else limit)]
    return Result(["Level", "Code", "Message"], rows)


def show_table_status(server: Server, session: Session, tree) -> Result:
    """SHOW TABLE STATUS: MySQL 8's columns; sizes are InnoDB's for a small table (16 KiB pages)."""
    database = _database(server, session, tree)
    columns = ["Name", "Engine", "Version", "Row_format", "Rows", "Avg_row_length", "Data_length", "Max_data_length",
               "Index_length", "Data_free", "Auto_increment", "Create_time", "Update_time", "Check_time", "Collation",
               "Checksum", "Create_options", "Comment"]
    rows = []
    for name in sorted(server.databases.get(database, {})):
        definition = server.table(database, name)
        if getattr(definition, "view", None) is not None:
            rows.append((name, *([None] * 16), "VIEW"))
            continue
        count = row_count(server, session, database, name)
        secondary = sum(1 for key, _, _ in indexes(definition) if key != "PRIMARY")
        rows.append((name, "InnoDB", 10, "Dynamic", count, 16384 // count if count else 0, 16384, 0, 16384 * secondary,
                     0, auto_increment(server, session, database, definition),
                     created(database, definition), None, None, TEXT_COLLATION, None, "", getattr(definition, "comment", "")))
    return Result(columns, _filter(server, session, tree, columns, rows, case_sensitive=True))


_CREATED: dict[tuple[str, str, int], datetime.datetime] = {}


def created(database: str, definition: TableDefinition) -> datetime.datetime:
    """When sim_db first saw this table definition: the catalog keeps no creation time."""
    key = (database, definition.name, id(definition))
    return _CREATED.setdefault(key, datetime.datetime.now().replace(microsecond=0))


def show_count(server: Server, session: Session, what: str) -> Result:
    name = "warning_count" if what == "WARNINGS" else "error_count"
    rows = session.diagnostics if what == "WARNINGS" else [d for d in session.diagnostics if d[0] == "Error"]
    return Result([f"@@session.{name}"], [(len(rows),)])


# The character sets, collations and engine a course meets, as SHOW and information_schema list
# them (https://dev.mysql.com/doc/refman/8.0/en/charset-charsets.html).
CHARACTER_SETS = [  # name, description, default collation, maximum bytes per character
    ("ascii", "US ASCII", "ascii_general_ci", 1),
    ("binary", "Binary pseudo charset", "binary", 1),
    ("latin1", "cp1252 West European", "latin1_swedish_ci", 1),
    ("utf8mb3", "UTF-8 Unicode", "utf8mb3_general_ci", 3),
    ("utf8mb4", "UTF-8 Unicode", "utf8mb4_0900_ai_ci", 4),
]
COLLATIONS = [  # name, character set, id, default, compiled, sort length, pad attribute
    ("ascii_general_ci", "ascii", 11, "Yes", "Yes", 1, "PAD SPACE"),
    ("binary", "binary", 63, "Yes", "Yes", 1, "NO PAD"),
    ("latin1_swedish_ci", "latin1", 8, "Yes", "Yes", 1, "PAD SPACE"),
    ("utf8mb3_general_ci", "utf8mb3", 33, "Yes", "Yes", 1, "PAD SPACE"),
    ("utf8mb4_0900_ai_ci", "utf8mb4", 255, "Yes", "Yes", 0, "NO PAD"),
    ("utf8mb4_bin", "utf8mb4", 46, "", "Yes", 1, "PAD SPACE"),
    ("utf8mb4_general_ci", "utf8mb4", 45, "", "Yes", 1, "PAD SPACE"),
    ("utf8mb4_unicode_ci", "utf8mb4", 224, "", "Yes", 8, "PAD SPACE"),
]
ENGINES = [("InnoDB", "DEFAULT", "Supports transactions, row-level locking, and foreign keys", "YES", "YES", "YES")]


def show_character_set(server: Server, session: Session, tree) -> Result:
    columns = ["Charset", "Description", "Default collation", "Maxlen"]
    return Result(columns, _filter(server, session, tree, columns, list(CHARACTER_SETS)))


def show_collation(server: Server, session: Session, tree) -> Result:
    columns = ["Collation", "Charset", "Id", "Default", "Compiled", "Sortlen", "Pad_attribute"]
    return Result(columns, _filter(server, session, tree, columns, list(COLLATIONS)))


def show_engines(server: Server, session: Session, tree) -> Result:
    return Result(["Engine", "Support", "Comment", "Transactions", "XA", "Savepoints"], list(ENGINES))


def show_processlist(server: Server, session: Session, tree) -> Result:
    columns = ["Id", "User", "Host", "db", "Command", "Time", "State", "Info"]
    return Result(columns, [(session.connection_id, session.user, session.host, session.database, "Query", 0, "init", "SHOW PROCESSLIST")])


def show_status(server: Server, session: Session, tree) -> Result:
    rows = [("Threads_connected", "1"), ("Uptime", "1")]
    return Result(["Variable_name", "Value"], _filter(server, session, tree, ["Variable_name", "Value"], rows))


_NEEDS_TARGET = {"COLUMNS", "CREATE TABLE", "CREATE VIEW", "CREATE DATABASE", "INDEX"}
_SHOW = {
    "DATABASES": show_databases,
    "TABLES": show_tables,
    "COLUMNS": show_columns,
    "CREATE TABLE": show_create_table,
    "CREATE VIEW": show_create_view,
    "CREATE DATABASE": show_create_database,
    "INDEX": show_index,
    "VARIABLES": show_variables,
    "WARNINGS": show_warnings,
    "ERRORS": lambda server, session, tree: show_warnings(server, session, tree, errors_only=True),
    "TABLE STATUS": show_table_status,
    "CHARACTER SET": show_character_set,
    "CHARSET": show_character_set,
    "COLLATION": show_collation,
    "ENGINES": show_engines,
    "PROCESSLIST": show_processlist,
    "STATUS": show_status,
}



# --- CHECK constraints, as MySQL 8 prints them --------------------------------------------------


def checks(definition: TableDefinition) -> list[tuple[str, str]]:
    """The table's CHECK constraints as (name, condition) once the catalog keeps them
    (``TableDefinition.checks``); none before."""
    return list(getattr(definition, "checks", None) or [])


def check_clause(condition: str) -> str:
    """A CHECK condition as MySQL 8 prints it in SHOW CREATE TABLE and CHECK_CLAUSE: identifiers
    in backticks, every operation in parentheses, lower-case operator words, strings with their
    character set (``(`age` >= 18)``, ``(`kind` in (_utf8mb4'a',_utf8mb4'b'))``). MySQL prints the
    expression tree it stored, which no library reproduces; written here by hand."""
    import sqlglot
    from sqlglot import exp

    try:
        tree = sqlglot.parse_one(condition, read="mysql")
    except Exception:  # a condition sim_db cannot re-read: shown as stored
        return f"({condition})"

    binary = {
        exp.EQ: "=", exp.NEQ: "<>", exp.GT: ">", exp.GTE: ">=", exp.LT: "<", exp.LTE: "<=",
        exp.Add: "+", exp.Sub: "-", exp.Mul: "*", exp.Div: "/", exp.And: "and", exp.Or: "or",
        exp.Like: "like", exp.NullSafeEQ: "<=>", exp.Mod: "%",
    }

    def text(node) -> str:
        if isinstance(node, exp.Paren):
            return text(node.this)
        if isinstance(node, exp.Column):
            return _quote_identifier(node.name)
        if isinstance(node, exp.Literal):
            return "_utf8mb4" + _quote_string(node.name) if node.is_string else node.name
        if isinstance(node, exp.Null):
            return "NULL"
        if isinstance(node, exp.Boolean):
            return "true" if node.this else "false"
        if type(node) in binary:
            return f"({text(node.this)} {binary[type(node)]} {text(node.expression)})"
        if isinstance(node, exp.Not) and isinstance(node.this, exp.Is) and isinstance(node.this.expression, exp.Null):
            return f"({text(node.this.this)} is not null)"
        if isinstance(node, exp.Not):
            return f"(not({text(node.this)}))"
        if isinstance(node, exp.Neg):
            return f"-({text(node.this)})"
        if isinstance(node, exp.Between):
            return f"({text(node.this)} between {text(node.args['low'])} and {text(node.args['high'])})"
        if isinstance(node, exp.In):
            return f"({text(node.this)} in ({','.join(text(e) for e in node.expressions)}))"
        if isinstance(node, exp.Is):
            return f"({text(node.this)} is {text(node.expression).lower()})"
        if isinstance(node, exp.TsOrDsToDate) and not node.args.get("format"):
            return text(node.this)  # sqlglot's own wrapper (YEAR(d) reads as YEAR(DATE(d)))
        if isinstance(node, exp.Func):
            name = node.sql("mysql").split("(", 1)[0].lower()  # the name as MySQL spells it (CHAR_LENGTH)
            arguments = [a for a in node.args.values() if isinstance(a, exp.Expression)]
            arguments += [e for a in node.args.values() if isinstance(a, list) for e in a]
            return f"{name}({','.join(text(a) for a in arguments)})"
        return node.sql("mysql")

    return text(tree) if isinstance(tree, (exp.Paren, exp.Binary, exp.Not, exp.Between, exp.In, exp.Is)) else f"({text(tree)})"
