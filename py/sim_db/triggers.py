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
  stored row ends up the same, and a NOT NULL column the trigger fills may be left out of the
  INSERT, as in MySQL (see fill_not_null). What differs from MySQL: other constraints (strict-
  mode length and range checks, UNIQUE) see the row before the assignment; successive
  assignments (``SET NEW.a = ...; SET NEW.b = NEW.a``, or two triggers) see NEW.a as inserted,
  not as assigned; a filled column left NULL by the trigger is 1364 when the INSERT left it out
  (MySQL: 1048); and the UPDATE fires the table's UPDATE triggers.
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
        """The trigger as SHOW CREATE TRIGGER prints it, without DEFINER (as sim_db.dump writes views: show.create_view_statement)."""
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


def trigger_sql(trigger: TriggerStatement, checked: list[str] = ()) -> str:
    """The SQLite CREATE TRIGGER for a MySQL trigger (see the module docstring); ``checked``:
    NOT NULL columns the trigger fills, checked after its assignments (see fill_not_null)."""
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
    for column in checked:
        stored = f"(SELECT {quote(column)} FROM {quote(trigger.table)} WHERE rowid = NEW.rowid)"
        statements.append(f"SELECT RAISE(ABORT, '{_not_null_message(trigger.table, column)}') WHERE {stored} IS NULL")
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


# --- BEFORE INSERT triggers that fill NOT NULL columns -------------------------------------------
#
# MySQL checks NOT NULL after the BEFORE triggers have run (so Sakila's customer_create_date
# fills create_date for an INSERT that leaves it out). SQLite checks it before the AFTER
# trigger that stands for the BEFORE one could assign the column. So a NOT NULL column such a
# trigger fills loses its NOT NULL in SQLite's schema (the catalog keeps it: DESCRIBE, SHOW
# CREATE TABLE and dumps still say NOT NULL), and the check moves: into the trigger, after its
# assignments, and into a guard trigger on UPDATE. Dropping the last trigger that fills the
# column puts SQLite's NOT NULL back. The schema's text is changed in place, the way SQLite
# documents for removing a NOT NULL constraint (https://www.sqlite.org/lang_altertable.html,
# "making other kinds of table schema changes"): parsed and regenerated by sqlglot.


def _not_null_message(table: str, column: str) -> str:
    """SQLite's own NOT NULL message, which the server maps to MySQL's 1048/1364."""
    return f"NOT NULL constraint failed: {table}.{column}".replace("'", "''")


def assigned_columns(trigger: TriggerStatement) -> list[str]:
    """The columns a BEFORE INSERT trigger assigns with ``SET NEW.col = ...``."""
    if trigger.timing != "BEFORE" or trigger.event != "INSERT":
        return []
    found: list[str] = []

    def walk(nodes: list) -> None:
        for node in nodes:
            if isinstance(node, tuple):
                for _, inner in node[1]:
                    walk(inner)
                walk(node[2])
            elif node[:3].upper() == "SET":
                tree = parse(node)
                for item in tree.expressions if isinstance(tree, exp.Set) else ():
                    target = item.this.this if isinstance(item, exp.SetItem) and isinstance(item.this, exp.EQ) else None
                    if isinstance(target, exp.Column) and target.name not in found:
                        found.append(target.name)

    walk(trigger.body)
    return found


def fill_not_null(sqlite, database: str, table: TableDefinition, columns: list[str], filled: bool) -> None:
    """Move the NOT NULL check of ``columns`` out of SQLite's schema (``filled``) or back."""
    for name in columns:
        guard = f"{quote(database)}.{quote(f'{table.name}.{name}.not_null')}"
        if filled:
            sqlite.execute(
                f"CREATE TRIGGER IF NOT EXISTS {guard} AFTER UPDATE OF {quote(name)} ON {quote(table.name)} "
                f"WHEN NEW.{quote(name)} IS NULL BEGIN SELECT RAISE(ABORT, '{_not_null_message(table.name, name)}'); END"
            )
        else:
            sqlite.execute(f"DROP TRIGGER IF EXISTS {guard}")
    _set_schema_not_null(sqlite, database, table.name, columns, not filled)


def _set_schema_not_null(sqlite, database: str, table: str, columns: list[str], not_null: bool) -> None:
    schema = quote(database)
    (text,) = sqlite.execute(f"SELECT sql FROM {schema}.sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()
    tree = parse_sqlite(text)
    for definition in tree.find_all(exp.ColumnDef):
        if definition.name in columns:
            kept = [c for c in definition.constraints if not isinstance(c.kind, exp.NotNullColumnConstraint)]
            if not_null:
                kept.insert(0, exp.ColumnConstraint(kind=exp.NotNullColumnConstraint()))
            definition.set("constraints", kept)
    changed = tree.sql(dialect="sqlite")
    if changed == text:
        return
    (version,) = sqlite.execute(f"PRAGMA {schema}.schema_version").fetchone()
    sqlite.execute("SAVEPOINT sim_db_schema")
    sqlite.execute("PRAGMA writable_schema = ON")
    try:
        sqlite.execute(f"UPDATE {schema}.sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", (changed, table))
        sqlite.execute(f"PRAGMA {schema}.schema_version = {version + 1}")
    finally:
        sqlite.execute("PRAGMA writable_schema = OFF")
        sqlite.execute("RELEASE sim_db_schema")


def parse_sqlite(text: str) -> exp.Expression:
    import sqlglot

    return sqlglot.parse_one(text, read="sqlite")


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
    filled = _not_null(table, assigned_columns(trigger))
    sql = trigger_sql(trigger, filled)
    server._implicit_commit(session)
    sqlite = server.sqlite_for(session)
    try:
        sqlite.execute(sql)
    except sqlite3.Error as error:
        raise server._mysql_error_for(error, session, Translation("query"), {}) from None
    fill_not_null(sqlite, trigger.database, table, filled, True)
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
        sqlite = server.sqlite_for(session)
        sqlite.execute(f"DROP TRIGGER {quote(database)}.{quote(name)}")
        dropped = _not_null(table, _filled_by(table.triggers.pop(name), database))
        still = {c for text in table.triggers.values() for c in _not_null(table, _filled_by(text, database))}
        fill_not_null(sqlite, database, table, [c for c in dropped if c not in still], False)
    return Result()


def _not_null(table: TableDefinition, names: list[str]) -> list[str]:
    """The NOT NULL columns among ``names``, as the catalog spells them."""
    columns = [table.column(name) for name in names]
    return [c.name for c in columns if c is not None and not c.nullable]


def _filled_by(text: str, database: str) -> list[str]:
    """The columns a trigger (its stored CREATE TRIGGER text) fills, as assigned_columns."""
    reader = reader_for(text)
    reader.expect("CREATE")
    reader.expect("TRIGGER")
    return assigned_columns(read_trigger(reader, database))
