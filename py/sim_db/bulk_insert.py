"""Extended INSERTs, as dumps write them, without parsing every row with sqlglot.

``INSERT INTO `film` VALUES (1,'ACADEMY DINOSAUR',...),(2,...),...`` is one statement of
thousands of rows. sqlglot tokenises and parses it in seconds (a whole Sakila load would take
minutes in Pyodide), yet every row has the same shape: so the rows' literals are read here by a
regular expression, the statement becomes a single-row template with ``:pN`` placeholders,
and each row runs as that template with its values through the server's own path (translated
once, then cached: world's 5,302 one-row INSERTs share three templates). Each row is thus
inserted exactly as a program's parameterised INSERT would be; a savepoint makes the statement
all or nothing, and an error names the row as MySQL numbers it.

A value that is not a literal (Sakila's customers have ``CAST(NOW() - INTERVAL ... DAY AS
DATE)`` in every row) stays in the template as written: consecutive rows with the same such
values share one template. A statement this reader does not understand (ON DUPLICATE KEY
UPDATE, INSERT ... SELECT, rows of different widths) goes the usual way.
"""
from __future__ import annotations

import re

from pymysql import err

from . import resultmeta
from .server import Result, Session

_NAME = r"(?:`(?:[^`]|``)+`|[A-Za-z0-9_$]+)"
_HEAD = re.compile(
    rf"INSERT(?:\s+IGNORE)?\s+(?:INTO\s+)?{_NAME}(?:\s*\.\s*{_NAME})?\s*"
    rf"(?:\(\s*{_NAME}(?:\s*,\s*{_NAME})*\s*\)\s*)?VALUES?\s*(?=\()",
    re.I,
)
# One literal: a string (with an optional character set introducer), NULL, a number, a hex
# literal (0x... or X'...'), TRUE/FALSE; then the comma or parenthesis after it.
_VALUE = re.compile(
    r"\s*(?:(?P<charset>_[A-Za-z0-9]+\s*)?'(?P<string>[^'\\]*(?:(?:\\.|'')[^'\\]*)*)'"
    r"|(?P<null>NULL)\b"
    r"|(?P<number>[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)"
    r"|0x(?P<hex>[0-9A-Fa-f]*)|[xX]'(?P<xhex>[0-9A-Fa-f]*)'"
    r"|(?P<boolean>TRUE|FALSE)\b)\s*(?P<next>[,)])",
    re.I,
)
_ROW_START = re.compile(r"\s*\(")
_ROW_END = re.compile(r"\s*(,|;?\s*$)")
# https://dev.mysql.com/doc/refman/8.0/en/string-literals.html, Table 9.1: \% and \_ keep
# their backslash; any other escaped character stands for itself.
_ESCAPES = {"0": "\0", "b": "\b", "n": "\n", "r": "\r", "t": "\t", "Z": "\x1a", "%": "\\%", "_": "\\_"}
_ESCAPE = re.compile(r"\\(.)|''", re.S)


def _unescape(match: re.Match) -> str:
    escaped = match.group(1)
    if escaped is None:
        return "'"
    return _ESCAPES.get(escaped, escaped)


def read_rows(statement: str) -> tuple[str, list[tuple]] | None:
    """The statement's head (``INSERT INTO t (a, b) VALUES``) and its rows: Python values for
    literals, :class:`Expression` for anything else; None when the rows are not all of one
    width or the text is not understood."""
    head = _HEAD.match(statement)
    if head is None:
        return None
    rows: list[tuple] = []
    position, width = head.end(), None
    value_match = _VALUE.match
    while True:
        start = _ROW_START.match(statement, position)
        if start is None:
            return None
        position = start.end()
        row = []
        while True:
            match = value_match(statement, position)
            if match is None:
                # Not a literal (``CAST(NOW() - INTERVAL ... DAY AS DATE)`` in Sakila's data):
                # kept as text, for the template to carry (see execute).
                found = _expression(statement, position)
                if found is None:
                    return None
                expression, position, following = found
                row.append(expression)
                if following == ")":
                    break
                continue
            position = match.end()
            # One groups() call per value: this loop runs for every value of a dump.
            charset, string, null, number, hexa, xhex, boolean, following = match.groups()
            if string is not None:
                if "\\" in string or "''" in string:
                    string = _ESCAPE.sub(_unescape, string)
                if charset is not None and charset.strip().lower() == "_binary":
                    row.append(string.encode("utf-8"))
                else:
                    row.append(string)
            elif number is not None:
                row.append(_number(number))
            elif null is not None:
                row.append(None)
            elif boolean is not None:
                row.append(int(boolean.upper() == "TRUE"))
            else:
                digits = hexa if hexa is not None else xhex
                row.append(bytes.fromhex(digits if len(digits) % 2 == 0 else "0" + digits))
            if following == ")":
                break
        if width is None:
            width = len(row)
        elif len(row) != width:
            return None  # MySQL's 1136 names the row: the usual path reports it
        rows.append(tuple(row))
        end = _ROW_END.match(statement, position)
        if end is None:
            return None
        position = end.end()
        if end.group(1) != ",":
            return statement[: head.end()], rows


class Expression(str):
    """A row's value that is not a literal, as written (a function call, arithmetic...)."""


# What an expression's end depends on: quotes, parentheses, the comma or parenthesis ending it.
_EXPRESSION_STOPS = re.compile(r"['\"`(),]")
_QUOTED = {
    "'": re.compile(r"'[^'\\]*(?:\\.[^'\\]*)*'"),
    '"': re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"'),
    "`": re.compile(r"`[^`]*`"),
}


def _expression(statement: str, position: int) -> tuple[Expression, int, str] | None:
    """The expression from ``position`` to the comma or ``)`` that ends it outside
    parentheses and quotes: (its text, the position after that separator, the separator)."""
    depth, start = 0, position
    while True:
        stop = _EXPRESSION_STOPS.search(statement, position)
        if stop is None:
            return None
        char = stop.group()
        if char in _QUOTED:
            quoted = _QUOTED[char].match(statement, stop.start())
            if quoted is None:
                return None
            position = quoted.end()
            continue
        position = stop.end()
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif depth == 0:
            text = statement[start : stop.start()].strip()
            return (Expression(text), position, char) if text else None


def _number(text: str):
    """A numeric literal as the parameter the DB-API path binds for it (types.to_storage)."""
    if "e" in text or "E" in text:
        return float(text)
    if "." in text:
        return text  # a DECIMAL literal: bound as its text, as a Decimal parameter is
    return int(text)


def execute(server, session: Session, statement: str) -> Result | None:
    """Run an extended INSERT by templates; None when the statement is not one to run so."""
    if statement[:6].upper() != "INSERT":
        return None
    read = read_rows(statement)
    if read is None:
        return None
    head, rows = read
    runs = _runs(head, rows)
    if len(runs) > _MAX_TEMPLATES:
        return None  # a different expression in each row: one sqlglot parse is cheaper
    if len(rows) == 1:
        # One row (world.sql has 5,000 such INSERTs): the cached template alone, no savepoint
        # (one statement is atomic already, and a refused row's AUTO_INCREMENT id stays used).
        template, literal_positions, run = runs[0]
        names = [f"p{i}" for i in range(1, len(literal_positions) + 1)]
        row = _binary_strings(server, server.cache.get(template, session.database), run)[0]
        return server.execute(session, template, dict(zip(names, (row[i] for i in literal_positions))))
    sqlite = server.sqlite_for(session)
    if not session.autocommit and not session.in_transaction:
        server.execute(session, "BEGIN")  # autocommit off: the statement opens a transaction
    # Every row takes the server's own path (translated once per template, then cached: about
    # 15 microseconds a row), inside a savepoint, so that the statement is all or nothing.
    sqlite.execute("SAVEPOINT sim_db_bulk_insert")
    count, first_id, number = 0, 0, 0
    try:
        for template, literal_positions, run in runs:
            names = [f"p{i}" for i in range(1, len(literal_positions) + 1)]
            run = _binary_strings(server, server.cache.get(template, session.database), run)
            for row in run:
                number += 1
                result = server.execute(session, template, dict(zip(names, (row[i] for i in literal_positions))))
                first_id = first_id or result.lastrowid
                count += result.rowcount
    except err.MySQLError as error:
        _undo(sqlite)
        raise _at_row(error, number) from None
    sqlite.execute("RELEASE sim_db_bulk_insert")
    result = Result(rowcount=count, lastrowid=first_id)
    if number > 1:  # INSERT IGNORE's skipped rows are its duplicates
        ignored = number - count if re.match(r"INSERT\s+IGNORE\b", statement, re.I) else 0
        result.info = resultmeta.records_info(number, ignored, result.warning_count)
    return result


# Templates per statement beyond which the usual path (one sqlglot parse) is cheaper.
_MAX_TEMPLATES = 20


def _runs(head: str, rows: list[tuple]) -> list[tuple[str, list[int], list[tuple]]]:
    """Consecutive rows with the same expressions, in order (so AUTO_INCREMENT ids and
    triggers see the rows as MySQL does): (template, positions of the literals, rows)."""
    runs: list = []
    key = None
    for row in rows:
        signature = tuple((i, v) for i, v in enumerate(row) if isinstance(v, Expression))
        if signature != key or not runs:
            key = signature
            expressions = dict(signature)
            literal_positions = [i for i in range(len(row)) if i not in expressions]
            parts, n = [], 0
            for i in range(len(row)):
                if i in expressions:
                    parts.append(expressions[i])
                else:
                    n += 1
                    parts.append(f":p{n}")
            runs.append((head + "(" + ", ".join(parts) + ")", literal_positions, []))
        runs[-1][2].append(row)
    return runs


def _is_text(value) -> bool:
    return isinstance(value, str) and not isinstance(value, Expression)


def _undo(sqlite) -> None:
    sqlite.execute("ROLLBACK TO sim_db_bulk_insert")
    sqlite.execute("RELEASE sim_db_bulk_insert")


def _at_row(error: err.MySQLError, number: int) -> err.MySQLError:
    """The server's error for a row sent alone ("at row 1"), numbered as in the statement."""
    errno, message = error.args[0], error.args[1]
    if number == 1 or not message.endswith(" at row 1"):
        return error
    renumbered = type(error)(errno, message[: -len("1")] + str(number))
    renumbered.sqlstate = getattr(error, "sqlstate", None)
    return renumbered


def _binary_strings(server, translation, rows: list[tuple]) -> list[tuple]:
    """A quoted string bound for a BLOB/BINARY column is bytes, as MySQL stores it (a dump
    writes an empty blob as ``''``)."""
    from sqlglot import exp

    from . import types

    tree = translation.tree
    target = tree.this.this if isinstance(tree.this, exp.Schema) else tree.this
    definition = server.table(target.text("db"), target.name) if isinstance(target, exp.Table) else None
    if definition is None:
        return rows
    named = [c.name for c in tree.this.expressions] if isinstance(tree.this, exp.Schema) else [c.name for c in definition.columns]
    binary = []
    for index, name in enumerate(named):
        column = definition.column(name)
        base = column.mysql_type.split("(")[0].split(" ")[0].upper() if column else ""
        if base in types.BLOB_TYPES:
            binary.append(index)
    if not binary:
        return rows
    converted = []
    for row in rows:
        if any(_is_text(row[i]) for i in binary):
            row = tuple(v.encode("utf-8") if i in binary and _is_text(v) else v for i, v in enumerate(row))
        converted.append(row)
    return converted
