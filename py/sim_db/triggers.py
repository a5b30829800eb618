"""Triggers, as sample databases and dumps write them: BEFORE/AFTER INSERT/UPDATE/DELETE
FOR EACH ROW, a single statement or BEGIN ... END.

The header is read from tokens (sim_db.headers); the body's statements and IF conditions are
parsed by sqlglot and translated like any other statement, into one SQLite trigger:

- the body's INSERT/UPDATE/DELETE statements run as they are; ``IF c THEN ... [ELSEIF ...]
  [ELSE ...] END IF`` becomes a condition on each statement inside (a WHERE term, or
  ``INSERT ... SELECT ... WHERE c`` for an INSERT of VALUES), since a SQLite trigger body has no
  control flow;
- ``SET NEW.col = expr`` in a BEFORE trigger: SQLite cannot assign NEW, so the trigger runs
  AFTER the row is written and sets the column by ``UPDATE ... WHERE rowid = NEW.rowid``. The
  stored row ends up the same. What differs from MySQL: constraints (NOT NULL, strict-mode
  checks, UNIQUE) see the row before the assignment, so a NOT NULL column the trigger fills must
  still be given a value by the INSERT; successive ``SET NEW.a = ...; SET NEW.b = NEW.a`` see
  NEW.a as inserted, not as assigned; and the UPDATE fires the table's UPDATE triggers.
- DECLARE, loops, SIGNAL and other stored-program statements are refused (1235).

The table's catalog entry keeps each trigger's MySQL text (``TableDefinition.triggers``), for
SHOW TRIGGERS and dumps.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from sqlglot import exp
from sqlglot.tokens import TokenType

from .catalog import TableDefinition
from .dialect import Translation, mysql_functions, parse, to_sqlite
from .errors import mysql_error
from .headers import ROUTINE_REASON, Named, Reader, current_database, mysql_quote, quote, reader_for
from .server import Result, handles


@dataclass
class TriggerStatement:
    """A CREATE TRIGGER as read: its header's parts and its body's statements."""

    database: str
    name: str
    timing: str  # BEFORE, AFTER
    event: str  # INSERT, UPDATE, DELETE
    table: str
    body: list  # statements: str, or ("if", [(condition text, [statements])...], [else statements])
    if_not_exists: bool
    body_text: str

    def show_create(self) -> str:
        """The trigger as SHOW CREATE TRIGGER prints it, without DEFINER (see dump.show_create_view)."""
        return (
            f"CREATE TRIGGER {mysql_quote(self.name)} {self.timing} {self.event} ON {mysql_quote(self.table)} "
            f"FOR EACH ROW {self.body_text}"
        )


def read_trigger(reader: Reader, database: str | None) -> TriggerStatement:
    if_not_exists = reader.accept("IF", "NOT", "EXISTS")
    named, name = reader.name()
    timing = reader.word()
    if timing not in ("BEFORE", "AFTER"):
        raise reader.error()
    reader.i += 1
    event = reader.word()
    if event not in ("INSERT", "UPDATE", "DELETE"):
        raise reader.error()
    reader.i += 1
    reader.expect("ON")
    table_db, table = reader.name()
    reader.expect("FOR", "EACH", "ROW")
    if reader.word() in ("FOLLOWS", "PRECEDES"):
        reader.i += 2
    body_text = reader.rest()
    body = _read_body(body_text)
    database = current_database(database, named or table_db)
    return TriggerStatement(database, name, timing, event, table, body, if_not_exists, body_text)


# --- trigger bodies ---------------------------------------------------------------------------


def _read_body(text: str) -> list:
    """A trigger body as a list of statements (see TriggerStatement.body)."""
    reader = reader_for(text)
    if reader is None:
        raise mysql_error(1064, text[:80], 1)
    # An optional ``label:`` before BEGIN.
    if reader.word(1) == ":" and reader.word(2) == "BEGIN":
        reader.i += 2
    if reader.accept("BEGIN"):
        statements = _read_statements(reader, ("END",))
        reader.expect("END")
        return statements
    return _read_statements(reader, ())


def _read_statements(reader: Reader, ends: tuple[str, ...]) -> list:
    statements: list = []
    while reader.peek() is not None and reader.word() not in ends:
        if reader.peek().token_type == TokenType.SEMICOLON:
            reader.i += 1
            continue
        word = reader.word()
        if word == "IF":
            reader.i += 1
            branches = []
            condition = _read_until(reader, "THEN")
            branches.append((condition, _read_statements(reader, ("ELSEIF", "ELSE", "END"))))
            otherwise: list = []
            while True:
                if reader.accept("ELSEIF"):
                    condition = _read_until(reader, "THEN")
                    branches.append((condition, _read_statements(reader, ("ELSEIF", "ELSE", "END"))))
                elif reader.accept("ELSE"):
                    otherwise = _read_statements(reader, ("END",))
                else:
                    reader.expect("END", "IF")
                    break
            statements.append(("if", branches, otherwise))
        elif word == "BEGIN":
            reader.i += 1
            statements.extend(_read_statements(reader, ("END",)))
            reader.expect("END")
        elif word in _PROGRAM_STATEMENTS or (reader.word(1) == ":" and reader.word(2) != "="):
            raise mysql_error(1235, f"{word} in a trigger body ({ROUTINE_REASON})")
        else:
            statements.append(_read_until(reader, ";"))
    return statements


# Stored-program statements a trigger body may hold that SQLite triggers cannot express.
_PROGRAM_STATEMENTS = {
    "DECLARE", "WHILE", "LOOP", "REPEAT", "CASE", "LEAVE", "ITERATE", "SIGNAL", "RESIGNAL",
    "RETURN", "OPEN", "FETCH", "CLOSE", "CALL",
}


def _read_until(reader: Reader, word: str) -> str:
    """The text from here to ``word`` (outside parentheses), consuming the word."""
    start = reader.peek().start
    depth = 0
    while reader.peek() is not None:
        token = reader.peek()
        if token.token_type == TokenType.L_PAREN:
            depth += 1
        elif token.token_type == TokenType.R_PAREN:
            depth -= 1
        elif depth == 0 and token.text.upper() == word and token.token_type != TokenType.IDENTIFIER:
            reader.i += 1
            return reader.text[start : token.start].strip()
        reader.i += 1
    if word == ";":
        return reader.text[start:].strip()
    raise reader.error()


def trigger_sql(trigger: TriggerStatement) -> str:
    """The SQLite CREATE TRIGGER for a MySQL trigger (see the module docstring)."""
    assigns_new = False
    statements: list[str] = []

    def add(nodes: list, guard: exp.Expression | None) -> None:
        nonlocal assigns_new
        for node in nodes:
            if isinstance(node, tuple):
                _, branches, otherwise = node
                previous: list[exp.Expression] = []
                for condition_text, inner in branches:
                    condition = _condition(condition_text)
                    full = exp.and_(*(exp.not_(exp.paren(p)) for p in previous), exp.paren(condition))
                    add(inner, exp.and_(guard, full) if guard is not None else full)
                    previous.append(condition)
                if otherwise:
                    rest = exp.and_(*(exp.not_(exp.paren(p)) for p in previous))
                    add(otherwise, exp.and_(guard, rest) if guard is not None else rest)
                continue
            tree = parse(node)
            if isinstance(tree, exp.Set):
                statements.extend(_assignments(trigger, tree, guard))
                assigns_new = True
                continue
            if not isinstance(tree, (exp.Insert, exp.Update, exp.Delete)):
                raise mysql_error(1235, f"{node.split()[0].upper()} in a trigger body ({ROUTINE_REASON})")
            statements.append(to_sqlite(_guarded(_local_tables(tree, trigger.database), guard).transform(mysql_functions)))

    add(trigger.body, None)
    if not statements:
        raise mysql_error(1064, "", 1)
    timing = "AFTER" if assigns_new else trigger.timing
    body = " ".join(s + ";" for s in statements)
    return (
        f"CREATE TRIGGER {quote(trigger.database)}.{quote(trigger.name)} {timing} {trigger.event} "
        f"ON {quote(trigger.table)} FOR EACH ROW BEGIN {body} END"
    )


def _condition(text: str) -> exp.Expression:
    select = parse("SELECT " + text)
    return select.expressions[0]


def _assignments(trigger: TriggerStatement, tree: exp.Set, guard) -> list[str]:
    """``SET NEW.a = x, NEW.b = y`` as ``UPDATE t SET a = x, b = y WHERE rowid = NEW.rowid``."""
    if trigger.timing != "BEFORE" or trigger.event == "DELETE":
        # MySQL: error 1362, "Updating of NEW row is not allowed in after trigger"
        raise mysql_error(1362 if trigger.timing == "AFTER" else 1363, *(() if trigger.timing == "AFTER" else ("NEW", "DELETE")))
    assignments = []
    for item in tree.expressions:
        assignment = item.this if isinstance(item, exp.SetItem) else None
        target = assignment.this if isinstance(assignment, exp.EQ) else None
        if not isinstance(target, exp.Column) or target.table.upper() != "NEW":
            raise mysql_error(1235, f"SET of variables in a trigger body ({ROUTINE_REASON})")
        assignments.append(exp.EQ(this=exp.column(target.name), expression=assignment.expression))
    where = exp.EQ(this=exp.column("rowid"), expression=exp.column("rowid", table="NEW"))
    update = exp.Update(this=exp.to_table(trigger.table), expressions=assignments, where=exp.Where(this=where))
    return [to_sqlite(_guarded(update, guard).transform(mysql_functions))]


def _local_tables(tree: exp.Expression, database: str) -> exp.Expression:
    """A trigger's statements name tables of its own database, unqualified: SQLite resolves
    them in the trigger's schema and refuses a qualified name inside a trigger."""
    for table in tree.find_all(exp.Table):
        named = table.text("db")
        if named and named != database:
            raise mysql_error(1235, f"a trigger that writes to another database ({named})")
        table.set("db", None)
    return tree


def _guarded(tree: exp.Expression, guard: exp.Expression | None) -> exp.Expression:
    """The statement, run only when ``guard`` holds (the IF around it)."""
    if guard is None:
        return tree
    if isinstance(tree, (exp.Update, exp.Delete)):
        where = tree.args.get("where")
        tree.set("where", exp.Where(this=exp.and_(exp.paren(guard), exp.paren(where.this)) if where else guard))
        return tree
    source = tree.expression
    if isinstance(source, exp.Values):
        rows = source.expressions
        selects = [exp.select(*row.expressions).where(guard) for row in rows]
        union = selects[0]
        for select in selects[1:]:
            union = exp.union(union, select, distinct=False)
        tree.set("expression", union)
    elif isinstance(source, exp.Select):
        source.where(guard, copy=False)
    return tree


def trigger_table(server, database: str, name: str) -> TableDefinition | None:
    """The table that has the trigger ``name`` (trigger names are unique in a database)."""
    for definition in server.databases.get(database, {}).values():
        if name in definition.triggers:
            return definition
    return None


@handles("create_trigger")
def _run_create_trigger(server, session, translation, params) -> Result:
    trigger: TriggerStatement = translation.tree
    if trigger.database not in server.databases:
        raise mysql_error(1049, trigger.database)
    table = server.table(trigger.database, trigger.table)
    if table is None or table.view is not None:
        raise mysql_error(1146, f"{trigger.database}.{trigger.table}")
    if trigger_table(server, trigger.database, trigger.name) is not None:
        if trigger.if_not_exists:
            return Result()
        raise mysql_error(1359)
    sql = trigger_sql(trigger)
    server._implicit_commit(session)
    try:
        server.sqlite_for(session).execute(sql)
    except sqlite3.Error as error:
        raise server._mysql_error_for(error, session, Translation("query"), {}) from None
    table.triggers[trigger.name] = trigger.show_create()
    return Result()


@handles("drop_trigger")
def _run_drop_trigger(server, session, translation, params) -> Result:
    drop: Named = translation.tree
    server._implicit_commit(session)
    for named, name in drop.names:
        database = current_database(drop.database, named)
        table = trigger_table(server, database, name)
        if table is None:
            if drop.exists:
                continue
            raise mysql_error(1360)
        server.sqlite_for(session).execute(f"DROP TRIGGER {quote(database)}.{quote(name)}")
        del table.triggers[name]
    return Result()
