"""Writes without strict mode (``SET sql_mode = ''``): bad values are adjusted, with a warning.

In strict mode (MySQL 8's default) a value that does not fit its column is an error (1264,
1406, 1366). Without it MySQL stores the nearest value it can and records a warning, which SHOW
WARNINGS lists (https://dev.mysql.com/doc/refman/8.0/en/sql-mode.html#sql-mode-strict):
a too-long string is cut to the column's length (1265 Data truncated), an out-of-range number is
clipped to the type's range (1264 Out of range), a string that is not a number becomes its
numeric prefix (1265) or 0 (1366).

SQLite enforces the strict rules with CHECK constraints (see ``dialect.prepare_create_table``),
so here each value an INSERT or UPDATE writes into such a column passes through a function that
adjusts it first; the checks then pass.
"""

from __future__ import annotations

import re
import sqlite3
from typing import TYPE_CHECKING, Callable

from . import diagnostics, types

if TYPE_CHECKING:
    from .server import Server, Session

_NUMBER = re.compile(r"\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
# Rows seen so far per column, for statements whose row number is not written in them.
_rows: dict[str, int] = {}
_warned: set[str] = set()


def register(connection: sqlite3.Connection, running: Callable[[], "Session | None"]) -> None:
    def warn(code, message):
        session = running()
        if session is not None:
            diagnostics.warn(session, code, message)

    def row_number(column, row):
        if row:
            return row
        _rows[column] = _rows.get(column, 0) + 1
        return _rows[column]

    def clip_text(value, length, column, row):
        if value is None:
            return None
        text = value if isinstance(value, str) else (value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value))
        if len(text) > length:
            warn(1265, f"Data truncated for column '{column}' at row {row_number(column, row)}")
            return text[:length]
        return text if not isinstance(value, bytes) else value

    def clip_integer(value, low, high, column, row):
        if value is None:
            return None
        if isinstance(value, bytes):
            value = value.decode("utf-8", "replace")
        if isinstance(value, str):
            match = _NUMBER.match(value)
            if match is None:
                warn(1366, f"Incorrect integer value: '{value}' for column '{column}' at row {row_number(column, row)}")
                return 0
            if match.end() != len(value.rstrip()):
                warn(1265, f"Data truncated for column '{column}' at row {row_number(column, row)}")
            value = float(match.group(0))
        if isinstance(value, float):
            value = int(value + 0.5) if value >= 0 else -int(-value + 0.5)  # half away from zero
        if value < low or value > high:
            warn(1264, f"Out of range value for column '{column}' at row {row_number(column, row)}")
            return low if value < low else high
        return value

    def implicit_default(column, value):
        if column not in _warned:  # one warning per column, however many rows
            _warned.add(column)
            warn(1364, f"Field '{column}' doesn't have a default value")
        return value

    connection.create_function("MYSQL_IMPLICIT_DEFAULT", 2, implicit_default)
    connection.create_function("MYSQL_CLIP_TEXT", 4, clip_text)
    connection.create_function("MYSQL_CLIP_INTEGER", 5, clip_integer)


def statement(server: "Server", session: "Session", translation, sql: str) -> str:
    """The SQLite text of an INSERT or UPDATE whose values are adjusted to their columns."""
    _rows.clear()
    _warned.clear()
    cached = getattr(translation, "lenient_sql", None)
    if cached is None:
        cached = _lenient_sql(server, translation) or sql
        translation.lenient_sql = cached
    return cached


def _lenient_sql(server: "Server", translation) -> str | None:
    from sqlglot import exp

    from .dialect import to_sqlite

    tree = translation.tree
    if isinstance(tree, exp.Insert):
        tree = tree.copy()
        target = tree.this.this if isinstance(tree.this, exp.Schema) else tree.this
        definition = server.table(target.text("db"), target.name) if isinstance(target, exp.Table) else None
        if definition is None:
            return None
        names = [c.name for c in tree.this.expressions] if isinstance(tree.this, exp.Schema) else [c.name for c in definition.columns]
        source = tree.expression
        if isinstance(source, exp.Values):
            missing = _implicit_defaults(definition, names) if isinstance(tree.this, exp.Schema) else []
            for column, _ in missing:
                tree.this.append("expressions", exp.to_identifier(column.name, quoted=True))
            for number, row in enumerate(source.expressions, 1):
                if isinstance(row, exp.Tuple):
                    row.set("expressions", [_wrap(definition.column(n), v, number) if i < len(names) else v
                                            for i, (n, v) in enumerate(zip(names + [""] * len(row.expressions), row.expressions))])
                    for column, value in missing:
                        if column.mysql_type.lower().startswith("enum"):
                            row.append("expressions", value)  # an ENUM's first value is its default
                        else:
                            row.append("expressions", exp.Anonymous(this="MYSQL_IMPLICIT_DEFAULT", expressions=[
                                exp.Literal.string(column.name), value]))
        elif isinstance(source, exp.Select):
            source.set("expressions", [_wrap(definition.column(n), v, 0) for n, v in zip(names, source.expressions)])
        else:
            return None
        return to_sqlite(tree)
    if isinstance(tree, exp.Update) and isinstance(tree.this, exp.Table):
        tree = tree.copy()
        definition = server.table(tree.this.text("db"), tree.this.name)
        if definition is None:
            return None
        for assignment in tree.expressions:
            if isinstance(assignment, exp.EQ) and isinstance(assignment.this, exp.Column):
                # MySQL numbers an UPDATE's rows as it reads them; the rowid is that position in a
                # table scan (exactly, while no row has been deleted).
                row = exp.column("rowid", table=tree.this.alias_or_name)
                assignment.set("expression", _wrap(definition.column(assignment.this.name), assignment.expression, row))
        return to_sqlite(tree)
    return None


def _implicit_defaults(definition, names: list[str]) -> list:
    """NOT NULL columns an INSERT leaves out that have no default: without strict mode MySQL
    stores the type's implicit default (0, '') and warns 1364 once per column; an ENUM takes its
    first value, without a warning
    (https://dev.mysql.com/doc/refman/8.0/en/data-type-defaults.html). Date and time columns
    are left to fail, as sim_db stores no zero dates."""
    from sqlglot import exp

    listed = {n.lower() for n in names}
    found = []
    for column in definition.columns:
        if column.name.lower() in listed or column.nullable or column.default is not None or column.extra:
            continue
        base = column.mysql_type.split("(", 1)[0].split(" ", 1)[0].lower()
        if base in ("char", "varchar", "tinytext", "text", "mediumtext", "longtext", "set"):
            found.append((column, exp.Literal.string("")))
        elif base == "enum":
            values = re.findall(r"'((?:[^']|'')*)'", column.mysql_type)
            found.append((column, exp.Literal.string(values[0].replace("''", "'") if values else "")))
        elif base in ("tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal", "numeric", "float", "double", "bit"):
            found.append((column, exp.Literal.number(0)))
    return found


def _wrap(column, value, row):
    """``value`` passed through the adjusting function its column's type needs, if any."""
    from sqlglot import exp

    if column is None or isinstance(value, (exp.Null, exp.Var)):  # NULL, DEFAULT
        return value
    base = column.mysql_type.split("(", 1)[0].split(" ", 1)[0].lower()
    name = exp.Literal.string(column.name)
    number = exp.Literal.number(row) if isinstance(row, int) else row
    if base in ("char", "varchar"):
        match = re.search(r"\((\d+)\)", column.mysql_type)
        length = int(match.group(1)) if match else 1
        return exp.Anonymous(this="MYSQL_CLIP_TEXT", expressions=[value, exp.Literal.number(length), name, number])
    key = base.upper() if "unsigned" not in column.mysql_type else "U" + base.upper()
    if key == "INTEGER":
        key = "INT"
    if key in types.INTEGER_RANGES:
        low, high = types.INTEGER_RANGES[key]
        return exp.Anonymous(this="MYSQL_CLIP_INTEGER", expressions=[value, exp.Literal.number(low), exp.Literal.number(high), name, number])
    return value
