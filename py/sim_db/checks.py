"""``FOREIGN_KEY_CHECKS``: the one session variable a dump cannot load without.

Dumps write ``SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0`` first,
create tables in name order (a child before its parent) and insert rows whose parents come
later, then restore the old value (https://dev.mysql.com/doc/refman/8.0/en/create-table-foreign-keys.html:
"with foreign_key_checks=0 ... foreign key constraints are not checked"). SQLite's
``PRAGMA foreign_keys`` is the same switch for one connection.

Session variables in general (``SET``, ``@user`` variables) belong to the SET handler
(``sim_db.variables``); this module only turns the switch and remembers ``@OLD_...`` copies of
it, until that handler can call :func:`set_foreign_key_checks` itself.
"""

from __future__ import annotations

from sqlglot import exp

from .dialect import parse
from .server import Session

NAME = "foreign_key_checks"


def foreign_key_checks(server, session: Session) -> bool:
    return bool(server.sqlite_for(session).execute("PRAGMA foreign_keys").fetchone()[0])


def set_foreign_key_checks(server, session: Session, on: bool) -> None:
    """Turn FK checks on or off for the session. SQLite ignores ``PRAGMA foreign_keys`` inside
    a transaction (``START TRANSACTION; SET FOREIGN_KEY_CHECKS=0;``, as some exports write):
    there the checks are deferred to COMMIT instead (``PRAGMA defer_foreign_keys``), which
    lets a dump insert children before parents as long as the parents arrive before COMMIT."""
    sqlite = server.sqlite_for(session)
    if sqlite.in_transaction:
        sqlite.execute(f"PRAGMA defer_foreign_keys = {'OFF' if on else 'ON'}")
    else:
        sqlite.execute(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")


def apply_set(server, session: Session, statement: str) -> None:
    """The FOREIGN_KEY_CHECKS part of a SET statement (other variables are left alone)."""
    if NAME not in statement.lower():
        return
    tree = parse(statement)
    if not isinstance(tree, exp.Set):
        return
    saved: dict[str, bool] = session.__dict__.setdefault("_saved_foreign_key_checks", {})
    for item in tree.expressions:
        assignment = item.this if isinstance(item, exp.SetItem) else None
        if not isinstance(assignment, exp.EQ):
            continue
        target, value = assignment.this, assignment.expression
        if isinstance(target, exp.Parameter) and _is_checks_variable(value):
            saved[target.name.lower()] = foreign_key_checks(server, session)  # @OLD_... = @@...
        elif _is_checks_variable(target):
            if isinstance(value, exp.Parameter):
                on = saved.get(value.name.lower(), True)
            elif isinstance(value, exp.Boolean):
                on = value.this
            else:
                on = value.name.upper() not in ("0", "OFF", "FALSE")
            set_foreign_key_checks(server, session, on)


def _is_checks_variable(node: exp.Expression) -> bool:
    """``FOREIGN_KEY_CHECKS``, ``@@FOREIGN_KEY_CHECKS``, ``@@session.foreign_key_checks``."""
    if isinstance(node, (exp.Column, exp.SessionParameter, exp.Identifier, exp.Var)):
        return node.name.lower() == NAME
    return False
