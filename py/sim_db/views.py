"""Views, as dumps and students create them: ``CREATE [OR REPLACE] [ALGORITHM=...]
[DEFINER=...] [SQL SECURITY ...] VIEW name [(columns)] AS SELECT ... [WITH CHECK OPTION]``.

The header is read from tokens (sim_db.headers); the SELECT is translated as any query and
becomes a SQLite view in the database's schema. The catalog keeps the view as a TableDefinition
whose ``view`` is a catalog.View (its SELECT as written, for SHOW CREATE VIEW and dumps), with
its columns' MySQL types: a view's ``SUM(amount)`` reads back as a DECIMAL, as from MySQL.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from sqlglot import exp
from sqlglot.tokens import TokenType

from .catalog import Column, TableDefinition, View
from .dialect import Translation, mysql_functions, name_projections, parse, qualify_tables, to_sqlite
from .errors import mysql_error
from .headers import Named, Reader, current_database, quote
from .resulttypes import kind_of
from .server import Result, handles


@dataclass
class ViewStatement:
    """A CREATE VIEW as read: its header's parts and its SELECT."""

    database: str
    name: str
    select: exp.Expression  # sqlglot's tree of the SELECT, as written
    select_text: str
    columns: list[str] | None
    replace: bool
    algorithm: str | None
    security: str | None  # SQL SECURITY DEFINER (the default) or INVOKER
    check_option: str | None


def read_view(reader: Reader, database: str | None, replace: bool, algorithm: str | None, security: str | None) -> ViewStatement:
    named, name = reader.name()
    columns = None
    if reader.peek() is not None and reader.peek().token_type == TokenType.L_PAREN:
        reader.i += 1
        columns = []
        while True:
            columns.append(reader.identifier())
            token = reader.peek()
            reader.i += 1
            if token is None or token.token_type == TokenType.R_PAREN:
                break
    reader.expect("AS")
    select_text = reader.rest()
    check_option = None
    # WITH [CASCADED | LOCAL] CHECK OPTION ends the statement: keep it apart from the SELECT.
    words = [t.text.upper() for t in reader.tokens[-4:]]
    if words[-2:] == ["CHECK", "OPTION"]:
        cut = -3 if words[-3] == "WITH" else -4
        check_option = " ".join(words[cut:])
        select_text = reader.text[reader.peek().start : reader.tokens[cut].start].rstrip()
    select = parse(select_text)
    if not isinstance(select, (exp.Select, exp.SetOperation)):
        raise reader.error()
    return ViewStatement(current_database(database, named), name, select, select_text, columns, replace, algorithm, security, check_option)


def _view_definition(server, sqlite, view: ViewStatement, select: exp.Expression) -> TableDefinition:
    """The view's catalog entry: its columns' MySQL types (a plain column keeps its table's
    type; an expression gets the type resulttypes gives it, so that ``SUM(amount)`` reads back
    as a DECIMAL as MySQL returns it), and its CREATE VIEW text."""
    names = [row[1] for row in sqlite.execute(f"PRAGMA {quote(view.database)}.table_info({quote(view.name)})")]
    first = select if isinstance(select, exp.Select) else select.find(exp.Select)
    sources = {
        t.alias_or_name: server.table(t.text("db") or view.database, t.name)
        for t in first.find_all(exp.Table)
        if t.parent_select is first and t.name
    }

    def catalog_column(column: exp.Column) -> Column | None:
        candidates = [sources.get(column.table)] if column.table else list(sources.values())
        for definition in candidates:
            found = definition.column(column.name) if definition is not None else None
            if found is not None:
                return found
        return None

    def column_type(column: exp.Column) -> str | None:
        found = catalog_column(column)
        return found.mysql_type if found is not None else None

    projections = [p.unalias() for p in first.expressions]
    if len(projections) != len(names) or any(isinstance(p, exp.Star) or p.is_star for p in projections):
        projections = [exp.column(name) for name in names]  # SELECT *: the tables' columns by name
    columns = []
    for name, projection in zip(names, projections):
        found = catalog_column(projection) if isinstance(projection, exp.Column) else None
        if found is not None:
            columns.append(Column(name, found.mysql_type, found.nullable, found.default))
        else:
            columns.append(Column(name, _kind_type(kind_of(projection, column_type)), True, None))
    kept = View(view.select_text, view.algorithm or "UNDEFINED", view.security or "DEFINER", view.check_option, view.columns)
    return TableDefinition(view.name, columns, view=kept)


def _kind_type(kind) -> str:
    """A resulttypes kind as a MySQL column type (a DECIMAL with MySQL's largest precision);
    ``text`` when the kind is unknown (values are then returned as SQLite gives them)."""
    if kind and kind[0] == "decimal":
        return f"decimal(65,{kind[1]})"
    return {("int",): "bigint", ("float",): "double", ("date",): "date", ("datetime",): "datetime"}.get(kind, "text")


@handles("create_view")
def _run_create_view(server, session, translation, params) -> Result:
    view: ViewStatement = translation.tree
    if view.database not in server.databases:
        raise mysql_error(1049, view.database)
    existing = server.table(view.database, view.name)
    if existing is not None and (existing.view is None or not view.replace):
        raise mysql_error(1050, view.name)
    select = view.select.copy()
    for table in select.find_all(exp.Table):
        named = table.text("db")
        if named and named != view.database:
            raise mysql_error(1235, f"a view over another database ({named}) in the simulator")
    qualify_tables(select, view.database)
    name_projections(select, view.select_text)
    select = select.transform(mysql_functions)
    columns = "(" + ", ".join(quote(c) for c in view.columns) + ") " if view.columns else ""
    target = f"{quote(view.database)}.{quote(view.name)}"
    sqlite = server.sqlite_for(session)
    server._implicit_commit(session)
    sqlite.execute("SAVEPOINT sim_db_create_view")
    try:
        if existing is not None:
            sqlite.execute(f"DROP VIEW {target}")
        sqlite.execute(f"CREATE VIEW {target} {columns}AS {to_sqlite(select)}")
        # MySQL checks the SELECT when the view is created (unknown tables, columns: 1146, 1054).
        sqlite.execute(f"SELECT * FROM {target} LIMIT 0").fetchall()
        definition = _view_definition(server, sqlite, view, select)
    except sqlite3.Error as error:
        sqlite.execute("ROLLBACK TO sim_db_create_view")
        sqlite.execute("RELEASE sim_db_create_view")
        raise server._mysql_error_for(error, session, Translation("query", tree=select), {}) from None
    sqlite.execute("RELEASE sim_db_create_view")
    server.databases[view.database][view.name] = definition
    server.cache.clear()
    return Result()


@handles("drop_view")
def _run_drop_view(server, session, translation, params) -> Result:
    drop: Named = translation.tree
    missing = []
    server._implicit_commit(session)
    for named, name in drop.names:
        database = current_database(drop.database, named)
        definition = server.table(database, name)
        if definition is not None and definition.view is None:
            raise mysql_error(1347, f"{database}.{name}", "VIEW")
        if definition is None:
            missing.append(f"{database}.{name}")
            continue
        server.sqlite_for(session).execute(f"DROP VIEW {quote(database)}.{quote(name)}")
        del server.databases[database][name]
    if missing and not drop.exists:
        raise mysql_error(1051, ",".join(missing))
    server.cache.clear()
    return Result()
