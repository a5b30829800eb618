"""SET: system variables, user variables, NAMES, CHARACTER SET and TRANSACTION
(https://dev.mysql.com/doc/refman/8.0/en/set-statement.html).

Each assignment's value is evaluated as MySQL would evaluate it in a SELECT (``SET @n = (SELECT
COUNT(*) FROM students)``, ``SET @n = @n + 1``), then handed to :mod:`sim_db.variables`, which
knows the variables and their rules.
"""

from __future__ import annotations

from typing import Any


from . import variables
from .errors import mysql_error
from .server import Result, Server, Session, handles

_WORDS = {"ON", "OFF", "TRUE", "FALSE"}


@handles("set")
def run_set(server: Server, session: Session, translation, params) -> Result:
    for item in translation.tree.expressions:
        kind = (item.text("kind") or "").upper()
        if kind == "NAMES":
            collate = item.args.get("collate")
            variables.set_names(session, item.this.name if item.this is not None else "default",
                                collate.name if collate is not None else None)
        elif kind == "CHARACTER SET":
            variables.set_character_set(server, session, item.this.name if item.this is not None else "default")
        elif kind == "TRANSACTION":
            _set_transaction(server, session, item)
        else:
            _assign(server, session, item, kind, params)
    return Result()


def _assign(server: Server, session: Session, item: exp.SetItem, kind: str, params) -> None:
    from sqlglot import exp

    assignment = item.this
    if not isinstance(assignment, (exp.EQ, exp.PropertyEQ)):
        raise mysql_error(1064, item.sql("mysql"), 1)
    target, value = assignment.this, assignment.expression
    if isinstance(target, exp.Parameter):
        session.user_variables[target.name.lower()] = evaluate(server, session, value, params)
        return
    scope = "global" if kind == "GLOBAL" else "session"
    if isinstance(target, exp.SessionParameter):
        scope = "global" if (target.text("kind") or "").lower() == "global" else "session"
    name = target.name
    if isinstance(value, exp.Var) and value.name.upper() == "DEFAULT":
        variables.assign(server, session, name, variables.DEFAULT, scope)
        return
    if isinstance(value, (exp.Var, exp.Column)) and not value.args.get("table"):
        word = value.name  # SET autocommit = ON, SET sql_mode = TRADITIONAL: a bare word
    elif isinstance(value, exp.Boolean):
        word = "ON" if value.this else "OFF"
    else:
        word = evaluate(server, session, value, params)
    variables.assign(server, session, name, word, scope)


def evaluate(server: Server, session: Session, value: exp.Expression, params) -> Any:
    """An expression's value, computed by SQLite as in ``SELECT <value>``."""
    from sqlglot import exp

    from .dialect import mysql_functions, qualify_tables, to_sqlite
    from .rewrites import one_row_subqueries

    select = exp.select(value.copy())
    qualify_tables(select, session.database)
    sql = to_sqlite(select.transform(mysql_functions).transform(one_row_subqueries))
    try:
        row = server.sqlite_for(session).execute(sql, params or {}).fetchone()
    except Exception as error:
        from .dialect import Translation

        raise server._mysql_error_for(error, session, Translation("query", [sql], select), params) from None
    return row[0] if row else None


def _set_transaction(server: Server, session: Session, item: exp.SetItem) -> None:
    """SET [SESSION|GLOBAL] TRANSACTION ISOLATION LEVEL ... / READ ONLY|WRITE. The level is
    recorded (``@@transaction_isolation``). MySQL applies a level set without SESSION or
    GLOBAL to the next transaction only; here it stays for the session."""
    from sqlglot import exp

    text = " ".join(e.name for e in item.expressions).upper()
    # sqlglot does not keep SESSION apart from no scope word: both are taken as SESSION.
    scope = "global" if item.args.get("global_") else "session"
    for part in text.split(","):
        part = part.strip()
        if part.startswith("ISOLATION LEVEL "):
            level = part[len("ISOLATION LEVEL "):]
            if scope:
                variables.assign(server, session, "transaction_isolation", level, scope)
        elif part in ("READ ONLY", "READ WRITE") and scope:
            variables.assign(server, session, "transaction_read_only", part == "READ ONLY", scope)


@handles("select_into")
def run_select_into(server: Server, session: Session, translation, params) -> Result:
    """``SELECT expr FROM ... INTO @n``: the one row's value goes to the user variable
    (https://dev.mysql.com/doc/refman/8.0/en/select-into.html). No row: warning 1329 and @n
    keeps its value; more than one: error 1172."""
    from . import diagnostics
    from .dialect import Translation, mysql_functions, to_sqlite

    select = translation.tree.copy()
    name = select.args["into"].this.this.name
    select.set("into", None)
    if len(select.expressions) != 1:
        raise mysql_error(1222)
    sql = to_sqlite(select.transform(mysql_functions))
    try:
        rows = server.sqlite_for(session).execute(sql, params or {}).fetchall()
    except Exception as error:
        raise server._mysql_error_for(error, session, Translation("query", [sql], select), params) from None
    if len(rows) > 1:
        raise mysql_error(1172)
    if not rows:
        diagnostics.warn(session, 1329, "No data - zero rows fetched, selected, or processed")
        return Result()
    session.user_variables[name.lower()] = rows[0][0]
    return Result(rowcount=1)
