"""``SET sql_safe_updates = 1``: UPDATE and DELETE must name a key or have a LIMIT.

MySQL Workbench turns this on by default, and a teacher may too: an UPDATE or DELETE whose WHERE
uses no key column, and that has no LIMIT, is refused with 1175 instead of changing every row
(https://dev.mysql.com/doc/refman/8.0/en/mysql-tips.html#safe-updates). "Uses a key column" is
taken as: the WHERE names a column that leads one of the table's indexes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import variables
from .errors import mysql_error

if TYPE_CHECKING:
    from .server import Server, Session


def applies(translation) -> bool:
    """Whether the mode could refuse the statement at all: an UPDATE or DELETE without LIMIT
    (the server asks once per cached translation, and calls ``check`` only for these)."""
    from sqlglot import exp

    tree = translation.tree
    return isinstance(tree, (exp.Update, exp.Delete)) and tree.args.get("limit") is None


def check(server: "Server", session: "Session", translation) -> None:
    """1175 for an UPDATE or DELETE the session's safe-updates mode refuses."""
    if not variables.raw(server, session, "sql_safe_updates") or not applies(translation):
        return
    from sqlglot import exp

    from .show import indexes

    tree = translation.tree
    target = tree.this if isinstance(tree.this, exp.Table) else tree.find(exp.Table)
    definition = server.table(target.text("db"), target.name) if target is not None else None
    where = tree.args.get("where")
    if definition is not None and where is not None:
        leading = {columns[0].lower() for _, _, columns in indexes(definition)}
        if any(column.name.lower() in leading for column in where.find_all(exp.Column)):
            return
    raise mysql_error(1175)
