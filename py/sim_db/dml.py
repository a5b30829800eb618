"""UPDATE and DELETE forms MySQL has and SQLite lacks.

- ``UPDATE/DELETE ... ORDER BY ... LIMIT n`` on one table: SQLite has it only when compiled with
  SQLITE_ENABLE_UPDATE_DELETE_LIMIT, so the rows are chosen by rowid in a subquery instead
  (``WHERE rowid IN (SELECT rowid ... ORDER BY ... LIMIT n)``), which every build runs.
- Multi-table ``UPDATE a JOIN b ON ... SET a.x = ..., b.y = ...`` and ``DELETE a[, b] FROM a
  JOIN b ...`` (https://dev.mysql.com/doc/refman/8.0/en/update.html,
  https://dev.mysql.com/doc/refman/8.0/en/delete.html): SQLite updates and deletes one table at
  a time, so the join is run once as a SELECT of each target row's rowid (and new values), then
  each table is written by rowid. Each row is written once however many join rows match it, and
  counted as MySQL counts: rows changed, or rows matched with CLIENT.FOUND_ROWS.
"""

from __future__ import annotations

import sqlite3

from . import types
from . import checks
from .errors import mysql_error
from .server import Result, handles


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def is_multi_table(tree) -> bool:
    """A multi-table UPDATE or DELETE (joins, a comma list, or DELETE's target list)."""
    from sqlglot import exp

    if isinstance(tree, exp.Update):
        return bool(tree.this.args.get("joins") or tree.args.get("from_"))
    if isinstance(tree, exp.Delete):
        return bool(tree.args.get("tables")) or bool(tree.this is not None and tree.this.args.get("joins"))
    return False


def limit_by_rowid(tree):
    """A single-table UPDATE/DELETE's ORDER BY/LIMIT moved into a rowid subquery, in place."""
    from sqlglot import exp

    if not isinstance(tree, (exp.Update, exp.Delete)) or is_multi_table(tree):
        return tree
    order, limit = tree.args.get("order"), tree.args.get("limit")
    if order is None and limit is None:
        return tree
    if limit is not None and (limit.args.get("offset") is not None or tree.args.get("offset") is not None):
        raise mysql_error(1064, "", 1)  # UPDATE/DELETE take a row count only (see dialect.parse)
    table = tree.this
    rowid = exp.column("rowid", table=table.alias_or_name)
    chosen = exp.select(rowid).from_(table.copy())
    where = tree.args.get("where")
    if where is not None:
        chosen.set("where", where.copy())
    if order is not None:
        chosen.set("order", order)
    if limit is not None:
        chosen.set("limit", limit)
    tree.set("order", None)
    tree.set("limit", None)
    tree.set("where", exp.Where(this=exp.In(this=exp.column("rowid"), query=exp.Subquery(this=chosen))))
    return tree


def _targets(tree):
    """(alias, Table) of every table the statement reads, in FROM/JOIN order."""
    from sqlglot import exp

    tables = [tree.this, *[j.this for j in tree.this.args.get("joins") or []]]
    source = tree.args.get("from_")
    if source is not None:
        tables.append(source.this)
        tables.extend(j.this for j in source.args.get("joins") or [])
    return [(t.alias_or_name, t) for t in tables if isinstance(t, exp.Table)]


def _from_clause(tree):
    """The statement's tables and joins as a SELECT's FROM (sqlglot's Select)."""
    from sqlglot import exp

    first = tree.this.copy()
    joins = first.args.get("joins") or []
    first.set("joins", None)
    select = exp.Select().from_(first)
    for join in joins:
        select = select.join(join, copy=False)
    source = tree.args.get("from_")
    if source is not None:  # UPDATE a SET ... FROM b (not MySQL's, but sqlglot's comma form)
        select = select.join(source.this.copy(), copy=False)
    where = tree.args.get("where")
    if where is not None:
        select.set("where", where.copy())
    return select


@handles("multi_update")
def run_multi_update(server, session, translation, params) -> Result:
    from sqlglot import exp

    from .dialect import to_sqlite

    tree = translation.tree
    checks.table_names(server, tree)
    targets = dict(_targets(tree))
    assignments = []  # (alias, column, expression)
    for assignment in tree.expressions:
        column = assignment.this
        alias = column.table or _owner(server, targets, column.name)
        if alias not in targets:
            raise mysql_error(1054, f"{column.table}.{column.name}" if column.table else column.name, "field list")
        assignments.append((alias, column.name, assignment.expression))
    select = _from_clause(tree)
    written = sorted({a for a, _, _ in assignments})
    projections = [exp.column("rowid", table=a) for a in written]
    projections += [exp.column(c, table=a) for a, c, _ in assignments]
    projections += [e.copy() for _, _, e in assignments]
    select.set("expressions", projections)
    connection = server.sqlite_for(session)
    if not session.autocommit and not session.in_transaction:
        server._begin(session)
    try:
        rows = connection.execute(to_sqlite(select), params).fetchall()
        matched = changed = 0
        done: set[tuple[str, int]] = set()
        count = len(assignments)
        for row in rows:
            ids = dict(zip(written, row[: len(written)]))
            olds, news = row[len(written) : len(written) + count], row[len(written) + count :]
            for alias in written:
                if ids[alias] is None or (alias, ids[alias]) in done:
                    continue
                done.add((alias, ids[alias]))
                matched += 1
                sets = [(c, types.to_storage(n), types.to_storage(o)) for (a, c, _), o, n in zip(assignments, olds, news) if a == alias]
                if all(_same(old, new) for _, new, old in sets):
                    continue
                changed += 1
                table = targets[alias]
                assignments_sql = ", ".join(f"{_quote(c)} = ?" for c, _, _ in sets)
                connection.execute(
                    f"UPDATE {_quote(table.text('db'))}.{_quote(table.name)} SET {assignments_sql} WHERE rowid = ?",
                    [n for _, n, _ in sets] + [ids[alias]],
                )
    except sqlite3.Error as error:
        raise server._mysql_error_for(error, session, translation, params) from None
    return Result(rowcount=matched if session.found_rows else changed)


def _same(old, new) -> bool:
    if old is None or new is None:
        return old is None and new is None
    if isinstance(old, (int, float)) and isinstance(new, (int, float)):
        return old == new
    return str(old) == str(new)


def _owner(server, targets: dict, column: str) -> str | None:
    """The one table (alias) of the statement that has ``column``."""
    owners = [a for a, t in targets.items() if (d := server.table(t.text("db"), t.name)) and d.column(column)]
    if len(owners) > 1:
        raise mysql_error(1052, column, "field list")
    return owners[0] if owners else None


@handles("multi_delete")
def run_multi_delete(server, session, translation, params) -> Result:
    from sqlglot import exp

    from .dialect import to_sqlite

    tree = translation.tree
    checks.table_names(server, tree)
    targets = dict(_targets(tree))
    names = [t.name for t in tree.args.get("tables") or []] or [tree.this.alias_or_name]
    for name in names:
        if name not in targets:
            raise mysql_error(1109, name, "MULTI DELETE")
    select = _from_clause(tree)
    select.set("expressions", [exp.column("rowid", table=n) for n in names])
    connection = server.sqlite_for(session)
    if not session.autocommit and not session.in_transaction:
        server._begin(session)
    deleted = 0
    try:
        rows = connection.execute(to_sqlite(select), params).fetchall()
        for position, name in enumerate(names):
            ids = sorted({r[position] for r in rows if r[position] is not None})
            table = targets[name]
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                marks = ", ".join("?" * len(chunk))
                cursor = connection.execute(
                    f"DELETE FROM {_quote(table.text('db'))}.{_quote(table.name)} WHERE rowid IN ({marks})", chunk
                )
                deleted += cursor.rowcount
    except sqlite3.Error as error:
        raise server._mysql_error_for(error, session, translation, params) from None
    return Result(rowcount=deleted)


def insert_values(tree, table) -> None:
    """An INSERT's VALUES as MySQL reads them, in place: DEFAULT is the column's default, and the
    AUTO_INCREMENT column draws the next id for NULL and for 0 too (NO_AUTO_VALUE_ON_ZERO is off:
    https://dev.mysql.com/doc/refman/8.0/en/example-auto-increment.html), where SQLite would
    store a 0. ``table(database, name)`` is the catalog."""
    from sqlglot import exp

    target = tree.this.this if isinstance(tree.this, exp.Schema) else tree.this
    values = tree.expression
    if not isinstance(target, exp.Table) or not isinstance(values, exp.Values):
        return
    definition = table(target.text("db"), target.name)
    if definition is None:
        return
    names = [c.name for c in tree.this.expressions] if isinstance(tree.this, exp.Schema) else [c.name for c in definition.columns]
    for row in values.expressions:
        if not isinstance(row, exp.Tuple):
            continue
        for position, (item, name) in enumerate(zip(row.expressions, names)):
            column = definition.column(name)
            if column is None:
                continue
            if isinstance(item, exp.Var) and item.name.upper() == "DEFAULT":
                row.expressions[position] = _default_of(column)
            elif "auto_increment" in column.extra and not isinstance(item, exp.Null):
                row.expressions[position] = exp.Nullif(this=item, expression=exp.Literal.number(0))
            elif tree.args.get("ignore") and not column.mysql_type.startswith(("enum", "set", "date", "time")):
                # INSERT IGNORE: a value strict mode would refuse is adjusted, with a warning
                fitted = [item, exp.Literal.string(column.mysql_type), exp.Literal.number(int(column.nullable))]
                fitted.append(exp.Literal.string(column.default) if column.default is not None and "DEFAULT_GENERATED" not in column.extra else exp.null())
                row.expressions[position] = exp.Anonymous(this="MYSQL_IGNORE_FIT", expressions=fitted)


def _default_of(column):
    from sqlglot import exp

    if "auto_increment" in column.extra or column.default is None:
        return exp.null()
    if column.default == "CURRENT_TIMESTAMP":
        return exp.Anonymous(this="DATETIME", expressions=[exp.Literal.string("now"), exp.Literal.string("localtime")])
    return exp.Literal.string(column.default)
