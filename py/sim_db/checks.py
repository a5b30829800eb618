"""MySQL's refusals that SQLite would not make, checked against the catalog before a statement
first runs: ONLY_FULL_GROUP_BY (1055 in the select list, HAVING and ORDER BY; 1140), a select
alias used in WHERE (1054), and case-sensitive table and database names (1146/1049).
``server`` is the Server (its catalog: ``server.table(database, name)``, ``server.databases``).
"""

from __future__ import annotations

from .errors import mysql_error


def full_group_by(server, tree) -> bool:
    """ONLY_FULL_GROUP_BY (on in MySQL 8's default sql_mode): a grouped SELECT's list may not
    name a column that is neither aggregated, grouped, nor functionally dependent on the
    grouped columns (https://dev.mysql.com/doc/refman/8.0/en/group-by-handling.html): error
    1055. Conservative: a column counts as dependent when its table's primary key (or a
    NOT NULL unique key) is grouped, or when it appears in any ``=`` of WHERE or ON; columns
    of derived tables, or that cannot be placed in one table, are never reported. True when
    the verdict is final (every table was in the catalog)."""
    from sqlglot import exp

    if tree is None or not (tree.find(exp.Group) or tree.find(exp.AggFunc)):
        return True
    final = True
    for select in tree.find_all(exp.Select):
        group = select.args.get("group")
        if group is None:
            final = _aggregate_without_group(server, select) and final
            continue
        if select.find(exp.Window):
            continue
        sources = {}
        for table in select.find_all(exp.Table):
            if table.parent_select is select and table.name:
                definition = server.table(table.text("db"), table.name)
                if definition is None:
                    final = False
                sources[table.alias_or_name] = (table.text("db"), definition)
        projections = [p.this if isinstance(p, exp.Alias) else p for p in select.expressions]
        aliases = {p.alias.lower(): p.this for p in select.expressions if isinstance(p, exp.Alias)}
        grouped_sql, grouped = set(), set()
        for item in group.expressions:
            candidates = [item]
            if isinstance(item, exp.Literal) and not item.is_string and item.this.isdigit():
                number = int(item.this)
                candidates = [projections[number - 1]] if 0 < number <= len(projections) else []
            elif isinstance(item, exp.Column) and not item.table and item.name.lower() in aliases:
                candidates.append(aliases[item.name.lower()])
            for candidate in candidates:
                grouped_sql.add(candidate.sql("mysql").lower())
                if isinstance(candidate, exp.Column):
                    grouped.add(_column_source(candidate, sources))
        equalities = set()
        for clause in [select.args.get("where"), *[j.args.get("on") for j in select.args.get("joins") or []]]:
            for equality in clause.find_all(exp.EQ) if clause is not None else ():
                for column in equality.find_all(exp.Column):
                    equalities.add(_column_source(column, sources))
        dependent = set()
        for alias, (database, definition) in sources.items():
            for key in definition.keys if definition else ():
                columns = [definition.column(c) for c in key.columns]
                if key.unique and all(c is not None and not c.nullable for c in columns) and all(
                    (alias, c.name.lower()) in grouped for c in columns
                ):
                    dependent.add(alias)
        def check(expression, position: int, clause: str, names_alias: bool) -> None:
            if expression.sql("mysql").lower() in grouped_sql:
                return
            for column in expression.find_all(exp.Column):
                # Inside an aggregate or a subquery (checked as its own SELECT): not this one's.
                if isinstance(column.this, exp.Star) or column.find_ancestor(exp.AggFunc, exp.Select) is not select:
                    continue
                if names_alias and not column.table and column.name.lower() in aliases:
                    continue  # HAVING/ORDER BY naming a select-list alias: checked there
                source = _column_source(column, sources)
                if source is None or source in grouped or source in equalities or source[0] in dependent:
                    continue
                database, definition = sources[source[0]]
                name = definition.column(column.name).name
                raise mysql_error(1055, position, clause, f"{database}.{source[0]}.{name}")

        for position, projection in enumerate(projections, 1):
            check(projection, position, "SELECT list", False)
        # MySQL 8 checks HAVING and ORDER BY of a grouped query too (ER_WRONG_FIELD_WITH_GROUP_V2).
        having = select.args.get("having")
        if having is not None:
            check(having.this, 1, "HAVING clause", True)
        order = select.args.get("order")
        selected = {p.sql("mysql").lower() for p in projections}
        for position, ordered in enumerate(order.expressions if order is not None else (), 1):
            item = ordered.this
            if isinstance(item, exp.Literal) or item.sql("mysql").lower() in selected:
                continue
            check(item, position, "ORDER BY clause", True)
    return final

def table_names(server, tree) -> None:
    """Table and database names are case-sensitive, as on the school's Linux server
    (lower_case_table_names=0: https://dev.mysql.com/doc/refman/8.0/en/identifier-case-sensitivity.html);
    SQLite's are not, so ``FROM Students`` would find ``students``: 1146 (or 1049) here."""
    from sqlglot import exp

    from .server import SYSTEM_DATABASES

    if tree is None:
        return
    ctes = {cte.alias_or_name for cte in tree.find_all(exp.CTE)}
    for table in tree.find_all(exp.Table):
        database, name = table.text("db"), table.name
        if not name or not database or name in ctes or database.lower() in SYSTEM_DATABASES:
            continue
        tables = server.databases.get(database)
        if tables is None:
            if any(d.lower() == database.lower() for d in server.databases):
                raise mysql_error(1049, database)
            continue
        if name not in tables and any(n.lower() == name.lower() for n in tables):
            raise mysql_error(1146, f"{database}.{name}")

def where_aliases(server, tree) -> bool:
    """A select-list alias is not a column in WHERE (MySQL evaluates WHERE first:
    https://dev.mysql.com/doc/refman/8.0/en/problems-with-alias.html), though SQLite
    accepts it: 1054 when no table of the query has a column of that name."""
    from sqlglot import exp

    final = True
    for select in tree.find_all(exp.Select) if tree is not None else ():
        where = select.args.get("where")
        aliases = {p.alias.lower() for p in select.expressions if isinstance(p, exp.Alias)}
        if where is None or not aliases:
            continue
        definitions = [
            server.table(t.text("db"), t.name)
            for t in select.find_all(exp.Table)
            if t.parent_select is select and t.name
        ]
        if any(d is None for d in definitions):
            final = False
            continue
        for column in where.find_all(exp.Column):
            if column.table or column.find_ancestor(exp.Select) is not select:
                continue
            if column.name.lower() in aliases and not any(d.column(column.name) for d in definitions):
                raise mysql_error(1054, column.name, "where clause")
    return final

def _aggregate_without_group(server, select) -> bool:
    """An aggregate without GROUP BY makes one group of all rows: a plain column beside it in
    the select list is error 1140 under ONLY_FULL_GROUP_BY
    (https://dev.mysql.com/doc/refman/8.0/en/group-by-handling.html)."""
    from sqlglot import exp

    projections = [p.this if isinstance(p, exp.Alias) else p for p in select.expressions]
    aggregated = any(
        a.find_ancestor(exp.Select) is select and not a.find_ancestor(exp.Window)
        for p in projections
        for a in p.find_all(exp.AggFunc)
    )
    if not aggregated:
        return True
    sources, final = {}, True
    for table in select.find_all(exp.Table):
        if table.parent_select is select and table.name:
            definition = server.table(table.text("db"), table.name)
            final = final and definition is not None
            sources[table.alias_or_name] = (table.text("db"), definition)
    for position, projection in enumerate(projections, 1):
        for column in projection.find_all(exp.Column):
            if isinstance(column.this, exp.Star) or column.find_ancestor(exp.AggFunc, exp.Select, exp.Window) is not select:
                continue
            source = _column_source(column, sources)
            if source is None:
                continue
            database, definition = sources[source[0]]
            raise mysql_error(1140, position, f"{database}.{source[0]}.{definition.column(column.name).name}")
    return final

def _column_source(column, sources) -> tuple[str, str] | None:
    """(table alias, lower-case column name) of a column of a catalog table, if certain."""
    if column.table:
        found = sources.get(column.table)
        matches = [column.table] if found and found[1] and found[1].column(column.name) else []
    else:
        matches = [a for a, (_, d) in sources.items() if d is not None and d.column(column.name)]
        if any(d is None for _, d in sources.values()):
            return None
    return (matches[0], column.name.lower()) if len(matches) == 1 else None
