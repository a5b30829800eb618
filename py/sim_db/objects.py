"""Views and triggers, as dumps create them; stored programs refused by name.

sqlglot parses neither ``CREATE DEFINER=... SQL SECURITY INVOKER VIEW`` nor ``CREATE TRIGGER``
(it falls back to an opaque Command), so their headers are read here from sqlglot's own tokens,
and only the parts in them that are SQL (the view's SELECT, the trigger body's statements and
IF conditions) are parsed by sqlglot and translated like any other statement.

Views become SQLite views in the database's schema. Triggers become SQLite triggers:

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

LOCK/UNLOCK TABLES (sqlglot's opaque Command too) are accepted once the tables are known to
exist. Stored procedures and functions (CREATE PROCEDURE/FUNCTION) are refused with MySQL's
ER_NOT_SUPPORTED_YET (1235) naming the routine, so ``mysql --force`` goes on with the rest of the
dump. Views and triggers live in the catalog with their MySQL text (a view is a
TableDefinition whose ``view`` is a catalog.View; a table keeps its ``triggers``), so they travel with the data
(snapshots, images) and :mod:`sim_db.dump` can write them back out.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from sqlglot import exp
from sqlglot.dialects.mysql import MySQL
from sqlglot.errors import TokenError
from sqlglot.tokens import Token, TokenType

from .catalog import Column, TableDefinition, View
from .dialect import Translation, mysql_functions, name_projections, parse, qualify_tables, to_sqlite
from .errors import mysql_error
from .resulttypes import kind_of
from .server import Result, handles

# --- reading statement headers ----------------------------------------------------------------


class _Reader:
    """A cursor over a statement's tokens that matches keywords by their text."""

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text, self.tokens, self.i = text, tokens, 0

    def peek(self, offset: int = 0) -> Token | None:
        i = self.i + offset
        return self.tokens[i] if i < len(self.tokens) else None

    def word(self, offset: int = 0) -> str:
        token = self.peek(offset)
        return token.text.upper() if token is not None and token.token_type != TokenType.IDENTIFIER else ""

    def accept(self, *words: str) -> bool:
        if all(self.word(k) == w for k, w in enumerate(words)):
            self.i += len(words)
            return True
        return False

    def expect(self, *words: str) -> None:
        if not self.accept(*words):
            raise self.error()

    def name(self) -> tuple[str | None, str]:
        """``name`` or ``db.name`` (quoted or not)."""
        first = self.identifier()
        if self.peek() is not None and self.peek().token_type == TokenType.DOT:
            self.i += 1
            return first, self.identifier()
        return None, first

    def identifier(self) -> str:
        token = self.peek()
        if token is None or token.token_type in (TokenType.L_PAREN, TokenType.R_PAREN, TokenType.SEMICOLON, TokenType.EQ):
            raise self.error()
        self.i += 1
        return token.text

    def skip_user(self) -> None:
        """``DEFINER = user``: ``CURRENT_USER[()]``, ``'u'@'h'``, ```u`@`h```, ``u@h``."""
        self.expect("=")
        self.i += 1
        if self.peek() is not None and self.peek().token_type == TokenType.L_PAREN:
            self.i += 2
        if self.peek() is not None and self.peek().token_type == TokenType.PARAMETER:
            self.i += 2

    def rest(self) -> str:
        token = self.peek()
        return self.text[token.start :] if token is not None else ""

    def error(self):
        token = self.peek()
        position = token.start if token is not None else len(self.text)
        return mysql_error(1064, self.text[position:].strip()[:80], self.text.count("\n", 0, position) + 1)


def _reader(text: str) -> _Reader | None:
    try:
        return _Reader(text, MySQL().tokenize(text))
    except TokenError:
        return None


def translate(text: str, database: str | None) -> Translation | None:
    """A Translation for CREATE/DROP of a view, trigger, procedure or function; None for any
    other statement (sqlglot's usual path)."""
    head = text[:6].upper()
    if head.startswith(("LOCK", "UNLOCK")):
        return _lock_tables(text, database)
    if head != "CREATE" and not head.startswith("DROP"):
        return None
    reader = _reader(text)
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
                return Translation(f"drop_{kind.lower()}", tree=_Named(kind, names, exists, database))
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
        return Translation("create_view", tree=_read_view(reader, database, replace, algorithm, security))
    if reader.accept("TRIGGER"):
        return Translation("create_trigger", tree=_read_trigger(reader, database))
    for kind in ("PROCEDURE", "FUNCTION", "EVENT"):
        if reader.word() == kind or (kind == "FUNCTION" and reader.word() == "AGGREGATE"):
            reader.accept("AGGREGATE")
            reader.i += 1
            reader.accept("IF", "NOT", "EXISTS")
            _, name = reader.name()
            return Translation("unsupported", tree=_Unsupported(f"CREATE {kind} {name}", _ROUTINE_REASON))
    return None


_ROUTINE_REASON = "stored programs are not simulated"


def _lock_tables(text: str, database: str | None) -> Translation | None:
    """LOCK TABLES t WRITE, u AS x READ ... / UNLOCK TABLES, as dumps write around their
    INSERTs. One connection is all the simulator serves at a time, so locks have nothing to
    exclude; what MySQL checks is kept: the tables must exist (1146)."""
    reader = _reader(text)
    first = reader.peek() if reader is not None else None
    if first is None or first.token_type != TokenType.COMMAND:
        return None
    words = first.text.upper().split()
    if words[-1] not in ("TABLES", "TABLE") or words[0] not in ("LOCK", "UNLOCK"):
        return None
    if words[0] == "UNLOCK":
        return Translation("noop")
    rest = _reader(text[first.end + 1 :])  # sqlglot keeps the rest as one string
    if rest is None:
        return None
    tables = []
    while rest.peek() is not None:
        tables.append(rest.name())
        while rest.peek() is not None and rest.peek().token_type != TokenType.COMMA:
            rest.i += 1  # [AS] alias, READ [LOCAL], [LOW_PRIORITY] WRITE
        rest.i += 1
    return Translation("lock_tables", tree=_Named("TABLE", tables, False, database))


@dataclass
class _Unsupported:
    what: str
    reason: str


@dataclass
class _Named:
    """Objects a DROP (or LOCK TABLES) names: (database or None, name) each."""

    kind: str
    names: list[tuple[str | None, str]]
    exists: bool
    database: str | None


@dataclass
class _View:
    database: str
    name: str
    select: exp.Expression  # sqlglot's tree of the SELECT, as written
    select_text: str
    columns: list[str] | None
    replace: bool
    algorithm: str | None
    security: str | None  # SQL SECURITY DEFINER (the default) or INVOKER
    check_option: str | None


@dataclass
class _Trigger:
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
            f"CREATE TRIGGER {_mysql_quote(self.name)} {self.timing} {self.event} ON {_mysql_quote(self.table)} "
            f"FOR EACH ROW {self.body_text}"
        )


def _current(database: str | None, named: str | None) -> str:
    database = named or database
    if database is None:
        raise mysql_error(1046)
    return database


def _read_view(reader: _Reader, database: str | None, replace: bool, algorithm: str | None, security: str | None) -> _View:
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
    return _View(_current(database, named), name, select, select_text, columns, replace, algorithm, security, check_option)


def _read_trigger(reader: _Reader, database: str | None) -> _Trigger:
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
    database = _current(database, named or table_db)
    return _Trigger(database, name, timing, event, table, body, if_not_exists, body_text)


# --- trigger bodies ---------------------------------------------------------------------------


def _read_body(text: str) -> list:
    """A trigger body as a list of statements (see _Trigger.body)."""
    reader = _reader(text)
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


def _read_statements(reader: _Reader, ends: tuple[str, ...]) -> list:
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
            raise mysql_error(1235, f"{word} in a trigger body ({_ROUTINE_REASON})")
        else:
            statements.append(_read_until(reader, ";"))
    return statements


# Stored-program statements a trigger body may hold that SQLite triggers cannot express.
_PROGRAM_STATEMENTS = {
    "DECLARE", "WHILE", "LOOP", "REPEAT", "CASE", "LEAVE", "ITERATE", "SIGNAL", "RESIGNAL",
    "RETURN", "OPEN", "FETCH", "CLOSE", "CALL",
}


def _read_until(reader: _Reader, word: str) -> str:
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


def trigger_sql(trigger: _Trigger) -> str:
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
                raise mysql_error(1235, f"{node.split()[0].upper()} in a trigger body ({_ROUTINE_REASON})")
            statements.append(to_sqlite(_guarded(_local_tables(tree, trigger.database), guard).transform(mysql_functions)))

    add(trigger.body, None)
    if not statements:
        raise mysql_error(1064, "", 1)
    timing = "AFTER" if assigns_new else trigger.timing
    body = " ".join(s + ";" for s in statements)
    return (
        f"CREATE TRIGGER {_quote(trigger.database)}.{_quote(trigger.name)} {timing} {trigger.event} "
        f"ON {_quote(trigger.table)} FOR EACH ROW BEGIN {body} END"
    )


def _condition(text: str) -> exp.Expression:
    select = parse("SELECT " + text)
    return select.expressions[0]


def _assignments(trigger: _Trigger, tree: exp.Set, guard) -> list[str]:
    """``SET NEW.a = x, NEW.b = y`` as ``UPDATE t SET a = x, b = y WHERE rowid = NEW.rowid``."""
    if trigger.timing != "BEFORE" or trigger.event == "DELETE":
        # MySQL: error 1362, "Updating of NEW row is not allowed in after trigger"
        raise mysql_error(1362 if trigger.timing == "AFTER" else 1363, *(() if trigger.timing == "AFTER" else ("NEW", "DELETE")))
    assignments = []
    for item in tree.expressions:
        assignment = item.this if isinstance(item, exp.SetItem) else None
        target = assignment.this if isinstance(assignment, exp.EQ) else None
        if not isinstance(target, exp.Column) or target.table.upper() != "NEW":
            raise mysql_error(1235, f"SET of variables in a trigger body ({_ROUTINE_REASON})")
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


# --- the catalog's view of views and triggers --------------------------------------------------


def _view_definition(server, sqlite, view: _View, select: exp.Expression) -> TableDefinition:
    """The view's catalog entry: its columns' MySQL types (a plain column keeps its table's
    type; an expression gets the type resulttypes gives it, so that ``SUM(amount)`` reads back
    as a DECIMAL as MySQL returns it), and its CREATE VIEW text."""
    names = [row[1] for row in sqlite.execute(f"PRAGMA {_quote(view.database)}.table_info({_quote(view.name)})")]
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


def _trigger_table(server, database: str, name: str) -> TableDefinition | None:
    """The table that has the trigger ``name`` (trigger names are unique in a database)."""
    for definition in server.databases.get(database, {}).values():
        if name in definition.triggers:
            return definition
    return None


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _mysql_quote(identifier: str) -> str:
    return "`" + identifier.replace("`", "``") + "`"


# --- handlers ---------------------------------------------------------------------------------


@handles("unsupported")
def _run_unsupported(server, session, translation, params) -> Result:
    what = translation.tree
    raise mysql_error(1235, f"{what.what} ({what.reason})")


@handles("create_view")
def _run_create_view(server, session, translation, params) -> Result:
    view: _View = translation.tree
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
    columns = "(" + ", ".join(_quote(c) for c in view.columns) + ") " if view.columns else ""
    target = f"{_quote(view.database)}.{_quote(view.name)}"
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
    drop: _Named = translation.tree
    missing = []
    server._implicit_commit(session)
    for named, name in drop.names:
        database = _current(drop.database, named)
        definition = server.table(database, name)
        if definition is not None and definition.view is None:
            raise mysql_error(1347, f"{database}.{name}", "VIEW")
        if definition is None:
            missing.append(f"{database}.{name}")
            continue
        server.sqlite_for(session).execute(f"DROP VIEW {_quote(database)}.{_quote(name)}")
        del server.databases[database][name]
    if missing and not drop.exists:
        raise mysql_error(1051, ",".join(missing))
    server.cache.clear()
    return Result()


@handles("create_trigger")
def _run_create_trigger(server, session, translation, params) -> Result:
    trigger: _Trigger = translation.tree
    if trigger.database not in server.databases:
        raise mysql_error(1049, trigger.database)
    table = server.table(trigger.database, trigger.table)
    if table is None or table.view is not None:
        raise mysql_error(1146, f"{trigger.database}.{trigger.table}")
    if _trigger_table(server, trigger.database, trigger.name) is not None:
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
    drop: _Named = translation.tree
    server._implicit_commit(session)
    for named, name in drop.names:
        database = _current(drop.database, named)
        table = _trigger_table(server, database, name)
        if table is None:
            if drop.exists:
                continue
            raise mysql_error(1360)
        server.sqlite_for(session).execute(f"DROP TRIGGER {_quote(database)}.{_quote(name)}")
        del table.triggers[name]
    return Result()


@handles("lock_tables")
def _run_lock_tables(server, session, translation, params) -> Result:
    lock: _Named = translation.tree
    for named, name in lock.names:
        database = _current(lock.database, named)
        if server.table(database, name) is None:
            raise mysql_error(1146, f"{database}.{name}")
    server._implicit_commit(session)  # LOCK TABLES commits the open transaction
    return Result()


@handles("drop_procedure")
@handles("drop_function")
def _run_drop_routine(server, session, translation, params) -> Result:
    """No routine can exist here, so DROP ... IF EXISTS does nothing (as MySQL, with a note)."""
    drop: _Named = translation.tree
    if drop.exists:
        return Result()
    named, name = drop.names[0]
    database = _current(drop.database, named)
    raise mysql_error(1305, drop.kind, f"{database}.{name}")
