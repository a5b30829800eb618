"""INSERT ... ON DUPLICATE KEY UPDATE and INSERT IGNORE, with MySQL's counts and ids.

MySQL's upsert becomes SQLite's (``ON CONFLICT DO UPDATE``, https://www.sqlite.org/lang_upsert.html):
``VALUES(col)`` and the MySQL 8.0.19 row alias (``VALUES (...) AS new [(a, b)]``, then ``new.col``
or ``a``) both name SQLite's ``excluded`` row. What differs is the count: MySQL reports 1 per row
inserted, 2 per row updated and 0 per row left as it was (1 with CLIENT.FOUND_ROWS)
(https://dev.mysql.com/doc/refman/8.0/en/insert-on-duplicate.html); the update here only
touches rows it changes, and the rows inserted are told by the table's size. InnoDB also uses
up an AUTO_INCREMENT value for each row it did not insert (a duplicate), so the next id skips
them (https://dev.mysql.com/doc/refman/8.0/en/innodb-auto-increment-handling.html).
"""

from __future__ import annotations

import sqlite3

from . import checks
from .errors import mysql_error
from .server import Result, handles


def rewrite(tree):
    """The MySQL upsert ``tree`` (sqlglot's Insert, tables qualified) as SQLite's, in place.
    Also marks a multi-row or SELECT source; returns the tree."""
    from sqlglot import exp

    conflict = tree.args.get("conflict")
    if conflict is None or not conflict.args.get("duplicate"):
        return tree
    source = tree.expression
    aliases: dict[str, str] = {}  # row alias column -> the table column it names
    row_alias = None
    if isinstance(source, exp.Values) and source.args.get("alias") is not None:
        alias = source.args["alias"]
        row_alias = alias.name
        listed = [c.name for c in tree.this.expressions] if isinstance(tree.this, exp.Schema) else []
        for position, column in enumerate(alias.columns):
            if position < len(listed):
                aliases[column.name.lower()] = listed[position]
        source.set("alias", None)
    if isinstance(source, exp.Select) and source.args.get("where") is None:
        # SQLite reads ``SELECT ... ON CONFLICT`` as a join constraint without a WHERE.
        source.set("where", exp.Where(this=exp.true()))

    def excluded(node):
        if isinstance(node, exp.Anonymous) and node.name.upper() == "VALUES" and len(node.expressions) == 1:
            return exp.column(node.expressions[0].name, table="excluded")
        if isinstance(node, exp.Column) and row_alias and node.table == row_alias:
            return exp.column(node.name, table="excluded")
        if isinstance(node, exp.Column) and not node.table and node.name.lower() in aliases:
            return exp.column(aliases[node.name.lower()], table="excluded")
        return node

    if not conflict.expressions:
        raise mysql_error(1064, "", 1)  # ``ON DUPLICATE KEY`` with nothing after it
    assignments = [a.transform(excluded) for a in conflict.expressions]
    for assignment in assignments:
        if isinstance(assignment, exp.EQ) and isinstance(assignment.this, exp.Column):
            # quoted: a column may be named like an SQLite keyword (``nothing``)
            assignment.set("this", exp.column(assignment.this.name, quoted=True))
    unchanged = [
        exp.Is(
            this=exp.column(a.this.name, quoted=True),
            expression=exp.Collate(this=exp.paren(a.expression.copy(), copy=False), expression=exp.var("BINARY")),
        )
        for a in assignments
        if isinstance(a, exp.EQ) and isinstance(a.this, exp.Column)
    ]
    tree.set(
        "conflict",
        exp.OnConflict(
            action=exp.var("DO UPDATE"),
            expressions=assignments,
            where=exp.Where(this=exp.Not(this=exp.paren(exp.and_(*unchanged), copy=False))) if unchanged else None,
        ),
    )
    tree.set("returning", exp.Returning(expressions=[exp.column("rowid")]))
    return tree


def row_count(tree) -> int | None:
    """How many rows a VALUES list inserts (None for INSERT ... SELECT)."""
    from sqlglot import exp

    source = tree.expression
    return len(source.expressions) if isinstance(source, exp.Values) else None


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


@handles("upsert")
def run_upsert(server, session, translation, params) -> Result:
    """Run the rewritten upsert (or INSERT IGNORE) and report as MySQL does."""
    from sqlglot import exp

    tree = translation.tree
    if not translation.names_checked:  # once per cached translation (DDL clears the cache)
        checks.table_names(server, tree)
        translation.names_checked = True
    target = tree.this.this if isinstance(tree.this, exp.Schema) else tree.this
    database, name = target.text("db"), target.name
    definition = server.table(database, name)
    connection = server.sqlite_for(session)
    if not session.autocommit and not session.in_transaction:
        server._begin(session)
    table = f"{_quote(database)}.{_quote(name)}"
    auto = definition is not None and any("auto_increment" in c.extra for c in definition.columns)
    sequence = _sequence(connection, database, name) if auto else None
    try:
        before = connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
        cursor = connection.execute(translation.sql[0], params)
        returned = cursor.fetchall()
        after = connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    except sqlite3.Error as error:
        raise server._mysql_error_for(error, session, translation, params) from None
    inserted = after - before
    upsert = tree.args.get("returning") is not None
    changed = len(returned) - inserted if upsert else 0
    attempted = translation.values_rows if translation.values_rows is not None else inserted + changed
    result = Result(rowcount=inserted + 2 * changed)
    if upsert and session.found_rows:
        result.rowcount += max(attempted - inserted - changed, 0)
    if auto:
        if inserted:
            # MySQL reports the first new row's id: with RETURNING, the first id past the
            # counter's old value (updated rows are older).
            fresh = [r[0] for r in returned if sequence is None or r[0] > sequence]
            result.lastrowid = min(fresh) if upsert and fresh else cursor.lastrowid - inserted + 1
            session.last_insert_id = result.lastrowid
        elif returned and translation.values_rows is not None:
            result.lastrowid = returned[-1][0]  # the id of the row updated, not a new LAST_INSERT_ID()
        if sequence is not None and _explicit_ids(tree, definition) is False:
            current = _sequence(connection, database, name) or 0
            if current < sequence + attempted:
                connection.execute(f"UPDATE {_quote(database)}.sqlite_sequence SET seq = ? WHERE name = ?", (sequence + attempted, name))
    return result


def _explicit_ids(tree, definition) -> bool:
    """Whether the statement names the AUTO_INCREMENT column (its ids are then given, not drawn)."""
    from sqlglot import exp

    column = next(c.name for c in definition.columns if "auto_increment" in c.extra)
    if isinstance(tree.this, exp.Schema):
        return any(c.name.lower() == column.lower() for c in tree.this.expressions)
    return True  # all columns in order: the id is given (NULL/0 would draw one: not followed)


def _sequence(connection, database: str, name: str) -> int | None:
    try:
        row = connection.execute(f"SELECT seq FROM {_quote(database)}.sqlite_sequence WHERE name = ?", (name,)).fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else 0


def use_up_ids(connection, translation, definition) -> None:
    """After an INSERT the key checks refused (1062, 1452): the AUTO_INCREMENT values InnoDB
    had drawn for its rows are not handed out again
    (https://dev.mysql.com/doc/refman/8.0/en/innodb-auto-increment-handling.html)."""
    from sqlglot import exp

    tree = translation.tree
    target = tree.this.this if isinstance(tree.this, exp.Schema) else tree.this
    rows = row_count(tree)
    if rows is None or not isinstance(target, exp.Table):
        return
    if definition is None or _explicit_ids(tree, definition):
        return  # the ids were given, not drawn
    database, name = target.text("db"), target.name
    sequence = _sequence(connection, database, name)
    if sequence is None:
        return
    schema = _quote(database)
    connection.execute(f"DELETE FROM {schema}.sqlite_sequence WHERE name = ?", (name,))
    connection.execute(f"INSERT INTO {schema}.sqlite_sequence (name, seq) VALUES (?, ?)", (name, sequence + rows))
