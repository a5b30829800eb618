"""Statements sqlglot's MySQL parser cannot read, recognised by their first tokens.

CREATE VIEW (with DEFINER/SQL SECURITY) and DROP VIEW go to sim_db.views; CREATE/DROP TRIGGER
to sim_db.triggers. LOCK/UNLOCK TABLES, which dumps write around their INSERTs, are accepted once
the tables are known to exist. Stored procedures, functions and events (CREATE PROCEDURE/
FUNCTION/EVENT) are refused with MySQL's ER_NOT_SUPPORTED_YET (1235) naming the routine, so
that ``mysql --force`` goes on with the rest of a dump.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlglot.tokens import TokenType

from . import triggers, views
from .dialect import Translation
from .errors import mysql_error
from .headers import ROUTINE_REASON, Named, current_database, reader_for
from .server import Result, handles


def translate(text: str, database: str | None) -> Translation | None:
    """A Translation for CREATE/DROP of a view, trigger, procedure or function; None for any
    other statement (sqlglot's usual path)."""
    head = text[:6].upper()
    if head.startswith(("LOCK", "UNLOCK")):
        return _lock_tables(text, database)
    if head != "CREATE" and not head.startswith("DROP"):
        return None
    reader = reader_for(text)
    if reader is None:
        return None
    if reader.accept("DROP"):
        for kind in ("VIEW", "TRIGGER", "PROCEDURE", "FUNCTION"):
            if reader.accept(kind):
                exists = reader.accept("IF", "EXISTS")
                names = [reader.name()]
                while reader.peek() is not None and reader.peek().token_type == TokenType.COMMA:
                    reader.i += 1
                    names.append(reader.name())
                return Translation(f"drop_{kind.lower()}", tree=Named(kind, names, exists, database))
        return None
    if not reader.accept("CREATE"):
        return None
    replace = reader.accept("OR", "REPLACE")
    algorithm = security = None
    while True:
        if reader.accept("ALGORITHM"):
            reader.expect("=")
            algorithm = reader.identifier().upper()
        elif reader.accept("DEFINER"):
            reader.skip_user()
        elif reader.accept("SQL", "SECURITY") or reader.accept("SQL SECURITY"):  # one token or two
            security = reader.identifier().upper()
        else:
            break
    if reader.accept("VIEW"):
        return Translation("create_view", tree=views.read_view(reader, database, replace, algorithm, security))
    if reader.accept("TRIGGER"):
        return Translation("create_trigger", tree=triggers.read_trigger(reader, database))
    for kind in ("PROCEDURE", "FUNCTION", "EVENT"):
        if reader.word() == kind or (kind == "FUNCTION" and reader.word() == "AGGREGATE"):
            reader.accept("AGGREGATE")
            reader.i += 1
            reader.accept("IF", "NOT", "EXISTS")
            _, name = reader.name()
            return Translation("unsupported", tree=_Unsupported(f"CREATE {kind} {name}", ROUTINE_REASON))
    return None


def _lock_tables(text: str, database: str | None) -> Translation | None:
    """LOCK TABLES t WRITE, u AS x READ ... / UNLOCK TABLES, as dumps write around their
    INSERTs. One connection is all the simulator serves at a time, so locks have nothing to
    exclude; what MySQL checks is kept: the tables must exist (1146)."""
    reader = reader_for(text)
    first = reader.peek() if reader is not None else None
    if first is None or first.token_type != TokenType.COMMAND:
        return None
    words = first.text.upper().split()
    if words[-1] not in ("TABLES", "TABLE") or words[0] not in ("LOCK", "UNLOCK"):
        return None
    if words[0] == "UNLOCK":
        return Translation("noop")
    rest = reader_for(text[first.end + 1 :])  # sqlglot keeps the rest as one string
    if rest is None:
        return None
    tables = []
    while rest.peek() is not None:
        tables.append(rest.name())
        while rest.peek() is not None and rest.peek().token_type != TokenType.COMMA:
            rest.i += 1  # [AS] alias, READ [LOCAL], [LOW_PRIORITY] WRITE
        rest.i += 1
    return Translation("lock_tables", tree=Named("TABLE", tables, False, database))


@dataclass
class _Unsupported:
    what: str
    reason: str


@handles("unsupported")
def _run_unsupported(server, session, translation, params) -> Result:
    what = translation.tree
    raise mysql_error(1235, f"{what.what} ({what.reason})")


@handles("lock_tables")
def _run_lock_tables(server, session, translation, params) -> Result:
    lock: Named = translation.tree
    for named, name in lock.names:
        database = current_database(lock.database, named)
        if server.table(database, name) is None:
            raise mysql_error(1146, f"{database}.{name}")
    server._implicit_commit(session)  # LOCK TABLES commits the open transaction
    return Result()


@handles("drop_procedure")
@handles("drop_function")
def _run_drop_routine(server, session, translation, params) -> Result:
    """No routine can exist here, so DROP ... IF EXISTS does nothing (as MySQL, with a note)."""
    drop: Named = translation.tree
    if drop.exists:
        return Result()
    named, name = drop.names[0]
    database = current_database(drop.database, named)
    raise mysql_error(1305, drop.kind, f"{database}.{name}")
