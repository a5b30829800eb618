"""What the server tells a client about a result beyond its rows and types: which columns may
be NULL (the NOT_NULL flag of a column definition), and the OK packet's info line
(``Records: 3  Duplicates: 0  Warnings: 0``).

The ``mysql`` client prints both: a column that may be NULL is at least 4 wide (room for
``NULL``), and the info line follows ``Query OK``. Texts from MySQL 8.0's server
(sql/sql_insert.cc, sql/sql_update.cc: ER_INSERT_INFO, ER_UPDATE_INFO).
"""

from __future__ import annotations

# sqlglot is imported inside the functions: the server imports this module, and statements the
# fast path answers must not pay for importing sqlglot (see tests/test_sim_db.py).


def nullable_columns(server, translation, count: int) -> list[bool] | None:
    """For a SELECT, whether each of its ``count`` result columns may be NULL, as MySQL flags
    them: a catalog column by its declaration (but every column of a table an outer join may
    NULL-extend), a literal other than NULL and COUNT() never, ``+ - *`` of such never, any
    other expression always. None when it cannot tell (a table not in the catalog)."""
    from sqlglot import exp

    tree = translation.tree
    if not isinstance(tree, exp.Select) or translation.origins is None:
        return None
    sources = {
        table.alias_or_name: (table.text("db"), table.name)
        for table in tree.find_all(exp.Table)
        if table.parent_select is tree and table.name
    }
    outer = _null_extended(tree)

    def column_nullable(node) -> bool:
        for alias in [node.table] if node.table else list(sources):
            definition = server.table(*sources[alias]) if alias in sources else None
            column = definition.column(node.name) if definition else None
            if column is not None:
                return column.nullable or alias in outer
        return True

    nullable: list[bool] = []
    for projection, origin in zip(tree.expressions, translation.origins):
        inner = projection.this if isinstance(projection, exp.Alias) else projection
        if origin is not None and origin[0] == "star":
            aliases = list(sources) if isinstance(inner, exp.Star) else [inner.table]
            for alias in aliases:
                definition = server.table(*sources[alias]) if alias in sources else None
                if definition is None:
                    return None
                nullable.extend(c.nullable or alias in outer for c in definition.columns)
        else:
            nullable.append(not _never_null(inner, column_nullable))
    return nullable if len(nullable) == count else None


def _never_null(node, column_nullable) -> bool:
    """Whether MySQL flags an expression NOT NULL: a NOT NULL column, a literal other than
    NULL, COUNT(), and ``+ - *`` (or parentheses, unary minus) of such."""
    from sqlglot import exp

    if isinstance(node, exp.Column):
        return not column_nullable(node)
    if isinstance(node, (exp.Paren, exp.Neg)):
        return _never_null(node.this, column_nullable)
    if isinstance(node, (exp.Add, exp.Sub, exp.Mul)):
        return _never_null(node.this, column_nullable) and _never_null(node.expression, column_nullable)
    return isinstance(node, (exp.Literal, exp.Count))


def _null_extended(select) -> set[str]:
    """The aliases whose rows an outer join may fill with NULLs."""
    from sqlglot import exp

    from_ = select.args.get("from_")
    seen = [from_.this.alias_or_name] if from_ is not None else []
    outer: set[str] = set()
    for join in select.args.get("joins") or []:
        side, alias = (join.side or "").upper(), join.this.alias_or_name
        if side in ("LEFT", "FULL"):
            outer.add(alias)
        if side in ("RIGHT", "FULL"):
            outer.update(seen)
        seen.append(alias)
    return outer


def has_insert_info(tree) -> bool:
    """Whether an INSERT or REPLACE has an info line: one with several rows or a SELECT (a
    one-row INSERT has none). The server asks once per cached translation."""
    from sqlglot import exp

    values = tree.expression if isinstance(tree, exp.Insert) else None
    if isinstance(values, exp.Values):
        return len(values.expressions) >= 2
    return isinstance(values, exp.Query)


def insert_info(tree, affected: int, deleted: int, warnings: int) -> str:
    """The info line of an INSERT or REPLACE with several rows or a SELECT (a one-row INSERT
    has none): rows given, duplicates (rows a REPLACE deleted, or an INSERT IGNORE skipped)."""
    from sqlglot import exp

    if not has_insert_info(tree):
        return ""
    values = tree.expression
    records = len(values.expressions) if isinstance(values, exp.Values) else affected - deleted
    if tree.args.get("alternative") == "REPLACE":
        duplicates = deleted
    elif tree.args.get("ignore") and isinstance(values, exp.Values):
        duplicates = records - affected
    elif tree.args.get("conflict") is not None:
        duplicates = max(affected - records, 0)
    else:
        duplicates = 0
    return records_info(records, duplicates, warnings)


def records_info(records: int, duplicates: int, warnings: int) -> str:
    """The info line of a statement that took several rows (``Records: 3  Duplicates: 0 ...``)."""
    return f"Records: {records}  Duplicates: {duplicates}  Warnings: {warnings}"


def update_info(matched: int, changed: int, warnings: int) -> str:
    return f"Rows matched: {matched}  Changed: {changed}  Warnings: {warnings}"


def matched_rows_sql(tree):
    """``SELECT COUNT(*)`` of the rows a single-table UPDATE matches (its WHERE), for "Rows
    matched" beside the rows it changed."""
    from sqlglot import exp

    if not isinstance(tree, exp.Update) or not isinstance(tree.this, exp.Table):
        return None
    count = exp.select(exp.Count(this=exp.Star())).from_(tree.this.copy())
    where = tree.args.get("where")
    if where is not None:
        count.set("where", where.copy())
    return count
