"""MySQL query semantics SQLite lacks, as rewrites of sqlglot's AST (run by dialect.translate).

Each function takes the parsed, qualified statement and changes it in place (or returns the
replacement) so that SQLite computes what MySQL 8 would: HAVING without GROUP BY, strict-mode
division by zero, WITH ROLLUP, ENUM sort order, DECIMAL text in CONCAT, and one-row subqueries.
Those given ``table`` read the catalog (``table(database, name)`` -> TableDefinition or None).
"""

from __future__ import annotations

import sqlglot
from sqlglot import exp


def having_without_group(tree: exp.Expression) -> None:
    """HAVING without GROUP BY or aggregates filters rows as WHERE would, and may name select-list
    aliases (MySQL's extension: https://dev.mysql.com/doc/refman/8.0/en/select.html); SQLite
    refuses HAVING on a non-aggregate query, so the condition joins the WHERE with each alias
    replaced by its expression."""
    for select in list(tree.find_all(exp.Select)):
        having = select.args.get("having")
        if having is None or select.args.get("group") is not None:
            continue
        own = [a for a in select.find_all(exp.AggFunc) if a.find_ancestor(exp.Select) is select]
        if own:
            continue
        aliases = {p.alias.lower(): p.this for p in select.expressions if isinstance(p, exp.Alias)}

        def expand(node):
            if isinstance(node, exp.Column) and not node.table and node.name.lower() in aliases:
                return exp.paren(aliases[node.name.lower()].copy(), copy=False)
            return node

        condition = having.this.transform(expand)
        where = select.args.get("where")
        select.set("where", exp.Where(this=exp.and_(exp.paren(where.this), exp.paren(condition)) if where else condition))
        select.set("having", None)


def strict_division(tree: exp.Expression) -> None:
    """In strict mode a division by zero in a value an INSERT or UPDATE stores is error 1365,
    not NULL (ERROR_FOR_DIVISION_BY_ZERO: https://dev.mysql.com/doc/refman/8.0/en/sql-mode.html):
    each divisor there is checked by ``MYSQL_DIVISOR``, which passes other values through."""
    if isinstance(tree, exp.Insert) and isinstance(tree.expression, exp.Values):
        stored = [tree.expression]
    elif isinstance(tree, exp.Update):
        stored = [a.expression for a in tree.expressions if isinstance(a, exp.EQ)]
    else:
        return
    for value in stored:
        for division in list(value.find_all(exp.Div, exp.Mod, exp.IntDiv)):
            divisor = division.expression
            division.set("expression", exp.Anonymous(this="MYSQL_DIVISOR", expressions=[divisor.copy()]))


def rollup_as_union(tree: exp.Expression) -> exp.Expression:
    """GROUP BY a, b WITH ROLLUP (https://dev.mysql.com/doc/refman/8.0/en/group-by-modifiers.html),
    which SQLite lacks: one grouped SELECT per level (a, b; a; none), the rolled-up columns NULL,
    in a CTE whose rows come out with each group's super-aggregate row after its detail rows.
    The CTE keeps the result typed by its first SELECT's expressions (Server._computed_kinds)."""
    if not isinstance(tree, exp.Select) or tree.args.get("group") is None or not tree.args["group"].args.get("rollup"):
        return tree
    keys = list(tree.args["group"].expressions)
    key_sql = [k.sql("mysql").lower() for k in keys]
    names = [p.alias_or_name for p in tree.expressions]
    order, limit = tree.args.get("order"), tree.args.get("limit")
    levels = []
    for depth in range(len(keys), -1, -1):
        level = tree.copy()
        level.set("order", None)
        level.set("limit", None)
        level.set("group", exp.Group(expressions=[k.copy() for k in keys[:depth]]) if depth else None)
        rolled = set(key_sql[depth:])
        projections = []
        for projection, name in zip(level.expressions, names):
            inner = projection.this if isinstance(projection, exp.Alias) else projection
            if inner.sql("mysql").lower() in rolled:
                projections.append(exp.alias_(exp.null(), name, quoted=True))
            else:
                projections.append(projection)
        level.set("expressions", projections)
        levels.append(level)
    union = levels[0]
    for level in levels[1:]:
        union = exp.union(union, level, distinct=False)
    outer = exp.select(*[exp.column(n, table="_rollup", quoted=True) for n in names]).from_(exp.to_table("_rollup"))
    outer = outer.with_("_rollup", as_=union)
    if order is not None:
        outer.set("order", order)
    else:
        ordering = []
        for key in keys:
            if key.sql("mysql").lower() in [p.sql("mysql").lower() for p in tree.expressions] or (
                isinstance(key, exp.Column) and key.name in names
            ):
                name = key.name if isinstance(key, exp.Column) and key.name in names else names[
                    [p.sql("mysql").lower() for p in tree.expressions].index(key.sql("mysql").lower())
                ]
                column = exp.column(name, table="_rollup", quoted=True)
                ordering += [exp.Ordered(this=exp.Is(this=column.copy(), expression=exp.null())), exp.Ordered(this=column)]
        if ordering:
            outer.set("order", exp.Order(expressions=ordering))
    if limit is not None:
        outer.set("limit", limit)
    return outer


def enums_in_order(tree: exp.Expression, table) -> None:
    """ORDER BY an ENUM column sorts by member position ('S' < 'M' < 'L'), not alphabetically
    (https://dev.mysql.com/doc/refman/8.0/en/enum.html#enum-sorting): the column is sorted by
    ``CASE col WHEN 'S' THEN 1 WHEN 'M' THEN 2 ... END``."""
    for select in tree.find_all(exp.Select):
        order = select.args.get("order")
        if order is None:
            continue
        sources = {t.alias_or_name: (t.text("db"), t.name) for t in select.find_all(exp.Table) if t.parent_select is select and t.name}
        for ordered in order.expressions:
            column = ordered.this
            if not isinstance(column, exp.Column):
                continue
            candidates = [sources[column.table]] if column.table in sources else list(sources.values())
            for database, name in candidates:
                definition = table(database, name)
                found = definition.column(column.name) if definition else None
                if found is not None:
                    if found.mysql_type.startswith("enum("):
                        members = sqlglot.parse_one(f"SELECT {found.mysql_type[5:-1]}", read="mysql").expressions
                        ordered.set("this", exp.Case(
                            this=column.copy(),
                            ifs=[exp.If(this=m, true=exp.Literal.number(i)) for i, m in enumerate(members, 1)],
                        ))
                    break


def decimals_as_text(tree: exp.Expression, table) -> None:
    """CONCAT(price, ' kr') prints a DECIMAL column with its scale ('5.00 kr'); SQLite keeps 5.00
    as the number 5, so such arguments are formatted by ``MYSQL_DECIMAL_TEXT(value, scale)``."""
    for select in tree.find_all(exp.Select):
        sources = {t.alias_or_name: (t.text("db"), t.name) for t in select.find_all(exp.Table) if t.parent_select is select and t.name}
        for call in list(select.find_all(exp.Concat, exp.ConcatWs)):
            for argument in list(call.expressions):
                if isinstance(argument, exp.Literal) and not argument.is_string and "." in argument.this:
                    argument.replace(exp.Literal.string(argument.this))  # 2.50 is printed '2.50'
                    continue
                if not isinstance(argument, exp.Column) or argument.find_ancestor(exp.Select) is not select:
                    continue
                candidates = [sources[argument.table]] if argument.table in sources else list(sources.values())
                for database, name in candidates:
                    definition = table(database, name)
                    column = definition.column(argument.name) if definition else None
                    if column is not None:
                        if column.mysql_type.startswith(("decimal", "numeric")):
                            scale = column.mysql_type.partition(",")[2].rstrip(")") or "0"
                            argument.replace(exp.Anonymous(this="MYSQL_DECIMAL_TEXT", expressions=[argument.copy(), exp.Literal.number(int(scale))]))
                        break


def one_row_subqueries(node: exp.Expression) -> exp.Expression:
    """A subquery used as a value must give at most one row, or MySQL fails with 1242 'Subquery
    returns more than 1 row'; SQLite quietly takes the first. The subquery becomes
    ``(SELECT CASE WHEN COUNT(*) > 1 THEN MYSQL_ERROR(1242) ELSE MAX(v) END FROM (... LIMIT 2))``."""
    if not isinstance(node, exp.Subquery) or not isinstance(node.this, exp.Select):
        return node
    parent = node.parent
    if isinstance(parent, (exp.From, exp.Join, exp.In, exp.Exists, exp.Any, exp.All, exp.CTE)):
        return node
    # An alias names a derived table, except on a select-list item (``SELECT (SELECT ...) AS x``,
    # and name_projections' names), which is a value.
    projection = isinstance(parent, exp.Select) and node.arg_key == "expressions"
    if node.args.get("alias") and not projection:
        return node
    inner = node.this
    if len(inner.expressions) != 1 or isinstance(inner.expressions[0], exp.Star):
        return node
    inner = inner.copy()
    value = inner.expressions[0]
    inner.set("expressions", [exp.alias_(value.this if isinstance(value, exp.Alias) else value, "_sim_v")])
    if inner.args.get("limit") is None:
        inner.set("limit", exp.Limit(expression=exp.Literal.number(2)))
    checked = exp.Case(
        ifs=[exp.If(this=exp.GT(this=exp.Count(this=exp.Star()), expression=exp.Literal.number(1)),
                    true=exp.Anonymous(this="MYSQL_ERROR", expressions=[exp.Literal.number(1242)]))],
        default=exp.Max(this=exp.column("_sim_v")),
    )
    wrapper = exp.select(checked).from_(exp.Subquery(this=inner))
    return exp.Subquery(this=wrapper, alias=node.args.get("alias") if projection else None)
