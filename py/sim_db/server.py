"""The simulated MySQL server: databases, their tables and data, and statement execution.

One process-wide server, as a school has one MySQL server: every DB-API connection talks to it,
and it outlives the Flask app (a Flask reload re-creates engines; the data stays). Each MySQL
database is an SQLite file attached under the same name, so ``school.students`` means the same
thing in both.

Transactions: every session (DB-API connection, console) has its own SQLite connection to
WAL-mode database files (see :mod:`sim_db.storage`), so it sees its own uncommitted writes and
nobody else's, as with InnoDB. What differs from InnoDB, and why: a write lock covers a whole
database file rather than rows, and a writer that finds it taken fails at once with 1205
instead of waiting ``innodb_lock_wait_timeout`` seconds — in a single-threaded tab nothing could
release the lock while it waited.
"""

from __future__ import annotations

import re
import sqlite3
import weakref
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from . import checks, diagnostics, fastpath, functions, lenient, resultmeta, safe_updates, types, variables
from .cache import TranslationCache
from .catalog import TableDefinition
from .errors import mysql_error
from .storage import Storage

SYSTEM_DATABASES = ("information_schema", "mysql", "performance_schema", "sys")

# Statement kinds served by modules of their own (SHOW, SET, dumps...): kind -> handler, called
# as ``handler(server, session, translation, params)``. Kinds not here are Server's ``_run_<kind>``.
HANDLERS: dict[str, Callable[..., "Result"]] = {}


def handles(kind: str):
    """Register the decorated function as the handler of translations of ``kind``."""

    def register(handler):
        HANDLERS[kind] = handler
        return handler

    return register


@dataclass
class Result:
    """What one statement answers: like PyMySQL's ``MySQLResult``."""

    columns: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    rowcount: int = 0
    lastrowid: int = 0
    warning_count: int = 0
    # FIELD_TYPE codes by column where the catalog knows the declared type; None elsewhere.
    field_types: list[int | None] | None = None
    # Whether each column may be NULL (its definition lacks the NOT_NULL flag); None: unknown.
    nullable: list[bool] | None = None
    # The OK packet's info text (PyMySQL's ``result.message``), which the mysql client prints
    # under "Query OK": "Records: 3  Duplicates: 0  Warnings: 0", "Rows matched: 1  Changed: 1 ...".
    info: str = ""
    # The cursor description, when the server knew it beforehand (Server._result_set).
    described: tuple | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.columns and not self.rowcount:
            self.rowcount = len(self.rows)  # a result set's "affected rows" is its row count

    @property
    def description(self):
        if self.described is not None:
            return self.described
        if not self.columns:
            return None
        codes = self.field_types
        if not codes or len(codes) != len(self.columns) or None in codes:  # some read from the rows
            codes = [self._type_of(index) for index in range(len(self.columns))]
        return tuple([(name, code, None, None, None, None, True) for name, code in zip(self.columns, codes)])

    def _type_of(self, index: int) -> int:
        if self.field_types and index < len(self.field_types) and self.field_types[index] is not None:
            return self.field_types[index]
        for row in self.rows:
            if row[index] is not None:
                return types.field_type(row[index])
        return types.field_type("")


@dataclass(frozen=True)
class _Profile:
    """A statement's facts beyond its text (see Server._profile)."""

    writes: bool  # not a SELECT: runs through Server._write
    inserts: bool  # INSERT or REPLACE
    updates: bool  # UPDATE: its info line counts rows matched and changed
    replaced_table: str | None  # the quoted table a REPLACE writes to
    auto_increment: bool  # an insert into a table with an AUTO_INCREMENT column
    insert_info: bool  # an insert with an info line (resultmeta.has_insert_info)
    safe_updates: bool  # an UPDATE or DELETE sql_safe_updates may refuse
    # An UPDATE's count of the rows it matches, run beside its ``changed_sql`` (made by sqlglot,
    # which costs ten times the UPDATE itself: once per cached translation, not per run).
    matched_sql: str | None


@dataclass(eq=False)  # compared by identity: the storage keeps a weak set of sessions
class Session:
    """Per-connection state the server consults: current database, autocommit, last insert id."""

    database: str | None = None
    autocommit: bool = False
    in_transaction: bool = False
    last_insert_id: int = 0
    # CLIENT.FOUND_ROWS: UPDATE reports rows matched rather than rows changed (SQLAlchemy's
    # pymysql dialect asks for it; PyMySQL's default and the mysql client do not).
    found_rows: bool = False
    # Whether the open transaction has written (its SQLite write lock is held).
    wrote: bool = False
    # Whether its SQLite connection may not enforce its FOREIGN_KEY_CHECKS yet (variables.sync).
    foreign_keys_unsynced: bool = False
    # The session's own SQLite connection and what it has attached (see sim_db.storage).
    sqlite: sqlite3.Connection | None = field(default=None, repr=False)
    attached: dict[str, str] = field(default_factory=dict, repr=False)
    layout: int = -1
    # Who is connected (USER(), CURRENT_USER(), CONNECTION_ID()): see sim_db.accounts.
    user: str = "root"
    host: str = "localhost"
    account_host: str = "localhost"
    connection_id: int = field(default_factory=variables.next_connection_id)
    # SET's session values of system variables, and the user variables (@x): sim_db.variables.
    variables: dict[str, Any] = field(default_factory=dict)
    user_variables: dict[str, Any] = field(default_factory=dict)
    # (level, code, message) of the last statement, and of the one before: sim_db.diagnostics.
    diagnostics: list[tuple[str, int, str]] = field(default_factory=list)
    previous_diagnostics: list[tuple[str, int, str]] = field(default_factory=list)


class Server:
    def __init__(self) -> None:
        self.cache = TranslationCache(table=lambda database, name: self.table(database, name))
        self._open()

    def _open(self) -> None:
        self.storage = Storage(self._prepare_connection)
        # The server's own session, for work no client asked for (images, catalog reads).
        self.maintenance = Session(autocommit=True)
        self.global_variables: dict[str, Any] = {}  # SET GLOBAL's values (sim_db.variables)
        self.databases: dict[str, dict[str, TableDefinition]] = {}
        self.cache.clear()

    def _prepare_connection(self, connection: sqlite3.Connection, session: Session) -> None:
        """A new session connection: foreign keys enforced as its FOREIGN_KEY_CHECKS says (ON unless
        SET GLOBAL turned it off), MySQL's functions registered."""
        connection.execute(f"PRAGMA foreign_keys = {'ON' if variables.foreign_key_checks(self, session) else 'OFF'}")
        session.foreign_keys_unsynced = False
        # A weak reference: the session owns the connection, and dropping the session must close
        # it (rolling back what it left open) at once, not when a cycle collector gets to it.
        owner = weakref.ref(session)
        functions.register(connection, lambda: owner().last_insert_id if owner() else 0)
        variables.register(connection, self, owner)
        from . import division  # MYSQL_DIVISOR: division by zero in writes

        division.register(connection, self, owner)
        # information_schema is built on demand (sim_db.information_schema), possibly inside a
        # transaction, where ATTACH is refused: so it is attached, empty, from the start.
        connection.execute("ATTACH DATABASE ':memory:' AS information_schema")

    def reset(self) -> None:
        """Drop every database: a freshly installed server."""
        self.storage.reset()
        self._open()

    def sqlite_for(self, session: Session) -> sqlite3.Connection:
        """The session's own SQLite connection, with every database attached."""
        return self.storage.connection(session)

    def disconnect(self, session: Session) -> None:
        """The client went away: its uncommitted work is rolled back."""
        self.storage.disconnect(session)
        session.in_transaction = session.wrote = False

    # --- databases ------------------------------------------------------------------------

    def has_database(self, name: str) -> bool:
        return name in self.databases or name.lower() in SYSTEM_DATABASES

    def create_database(self, name: str, if_not_exists: bool = False, image: bytes | None = None) -> None:
        """A new, empty database (or one holding ``image``, an SQLite file's bytes)."""
        if name in self.databases:
            if if_not_exists:
                return
            raise mysql_error(1007, name)
        self.storage.create(name, image)
        self.databases[name] = {}

    def drop_database(self, name: str, if_exists: bool = False) -> None:
        if name not in self.databases:
            if if_exists:
                return
            raise mysql_error(1008, name)
        self.storage.drop(name)
        del self.databases[name]
        self.cache.clear()

    def table(self, database: str, name: str) -> TableDefinition | None:
        return self.databases.get(database, {}).get(name)

    # --- statements -----------------------------------------------------------------------

    def execute(self, session: Session, text: str, params: dict[str, Any] | None = None) -> Result:
        """Run one statement (parameters already turned into ``:pN`` placeholders); its warnings
        and error go to the session's diagnostics area (SHOW WARNINGS)."""
        diagnostics.begin(session, text)
        try:
            result = self._execute(session, text, params)
        except Exception as error:
            diagnostics.failed(session, error)
            raise
        result.warning_count = diagnostics.count(session)
        return result

    def _execute(self, session: Session, text: str, params: dict[str, Any] | None) -> Result:
        answer = fastpath.lookup(text) if not params else None
        if answer is not None:
            columns, rows = answer(session)
            return Result(columns, rows)
        translation = self.cache.get(text, session.database, self.databases)
        variables.sync(self, session)
        if translation.kind == "query":  # most statements: no handler lookup
            return self._run_query(session, translation, params or {})
        handler = HANDLERS.get(translation.kind)
        if handler is not None:
            return handler(self, session, translation, params or {})
        return getattr(self, "_run_" + translation.kind)(session, translation, params or {})

    def _profile(self, translation) -> "_Profile":
        """What _run_query needs to know of a statement beyond its text, worked out once per
        cached translation (the cache is cleared when DDL changes the catalog)."""
        head = translation.sql[0].lstrip()[:6].upper()
        writes = not head.startswith(("SELECT", "WITH", "VALUES", "PRAGMA"))
        inserts = writes and head in ("INSERT", "REPLAC")
        return _Profile(
            writes=writes,
            inserts=inserts,
            updates=head == "UPDATE",
            replaced_table=self._replace_target(translation) if writes else None,
            auto_increment=inserts and self._has_auto_increment(translation.tree),
            insert_info=inserts and resultmeta.has_insert_info(translation.tree),
            safe_updates=writes and safe_updates.applies(translation),
            matched_sql=_matched_rows_sql(translation) if translation.changed_sql is not None else None,
        )

    def _run_query(self, session: Session, translation, params) -> Result:
        profile = translation.profile
        if profile is None:
            profile = translation.profile = self._profile(translation)
        writes, replaced_table = profile.writes, profile.replaced_table
        connection = self.sqlite_for(session)
        if not session.autocommit or session.in_transaction:
            self._begin(session)  # with autocommit off, any statement opens a transaction
        if not translation.names_checked:  # once per cached translation (DDL clears the cache)
            checks.table_names(self, translation.tree)
            translation.names_checked = checks.where_aliases(self, translation.tree)
        # ONLY_FULL_GROUP_BY follows the session's sql_mode (a dump's SQL_MODE='' turns it off):
        # checked, and recorded as done, only under a session that has it.
        if not translation.grouping_checked and variables.has_mode(self, session, "ONLY_FULL_GROUP_BY"):
            translation.grouping_checked = checks.full_group_by(self, translation.tree)
        sql = translation.sql[0]
        if translation.changed_sql is not None and not session.found_rows:
            sql = translation.changed_sql
        if writes:
            if profile.safe_updates:
                safe_updates.check(self, session, translation)
            if not variables.strict(self, session):
                sql = lenient.statement(self, session, translation, sql)
        matched = None  # an UPDATE's rows matched, when its affected rows are the rows changed
        try:
            if sql is translation.changed_sql:
                matched = connection.execute(profile.matched_sql, params).fetchone()[0]
            before = self._count_rows(connection, replaced_table) if replaced_table else 0
            cursor = self._write(session, sql, params) if writes else connection.execute(sql, params)
            description = cursor.description
            rows = cursor.fetchall() if description else []
            # REPLACE counts each row it deleted as well as each it inserted
            # (https://dev.mysql.com/doc/refman/8.0/en/replace.html); SQLite's rowcount leaves
            # out the rows its REPLACE conflict rule deleted, which the table's size tells.
            deleted = max(cursor.rowcount, 0) - (self._count_rows(connection, replaced_table) - before) if replaced_table else 0
        except sqlite3.Error as error:
            failure = self._mysql_error_for(error, session, translation, params)
            if profile.auto_increment and failure.args[0] in (1062, 1452):
                # InnoDB drew the new rows' ids before the key check refused them: they stay used
                from .upsert import use_up_ids

                use_up_ids(connection, translation, self._target(session, translation))
            raise failure from None
        if description:
            return self._result_set(translation, [d[0] for d in description], rows, params)
        # INSERT, UPDATE, DELETE...: no result set
        result = Result(rowcount=max(cursor.rowcount, 0) + deleted)
        if profile.updates:
            result.info = resultmeta.update_info(result.rowcount if matched is None else matched, result.rowcount, result.warning_count)
        elif profile.insert_info:
            result.info = resultmeta.insert_info(translation.tree, result.rowcount, deleted, result.warning_count)
        if profile.auto_increment:  # an insert (see _profile)
            inserted = max(cursor.rowcount, 0)
            if cursor.lastrowid and inserted:
                # MySQL reports the id of the *first* row of a multi-row insert.
                result.lastrowid = cursor.lastrowid - inserted + 1
                session.last_insert_id = result.lastrowid
        return result

    def _result_set(self, translation, columns: list[str], rows: list[tuple], params) -> Result:
        """A statement's rows as MySQL sends them: named, converted to the MySQL types of their
        columns, described by the catalog."""
        if params:  # ``SELECT %s``: MySQL names the column after the literal sent
            columns = [_literal_name(params[c[1:]]) if c[:1] == ":" and c[1:] in params else c for c in columns]
        origins = translation.origins
        if not origins:
            return Result(columns, rows)
        if None in origins:
            kinds = self._computed_kinds(translation)
            if kinds and len(kinds) == len(columns) and any(kinds):
                from .resulttypes import convert

                rows = [tuple(convert(v, k) for v, k in zip(row, kinds)) for row in rows]
        meta = self._result_meta(translation, len(columns))
        if meta[0]:
            from .resulttypes import convert

            rows = [tuple(convert(v, k) for v, k in zip(row, meta[0])) for row in rows]
        result = Result(columns, rows)
        result.field_types, result.nullable = meta[1], meta[2]
        # With every column's type from the catalog, the description depends on the names
        # alone: made on the first run, reused while the names are the same (``SELECT %s``
        # names a column after each run's value).
        described = translation.described
        if described is not None and described[0] == columns:
            result.described = described[1]
        elif meta[1] and None not in meta[1]:
            translation.described = (columns, result.description)
        return result

    def _replace_target(self, translation) -> str | None:
        """The quoted table a REPLACE writes to, or None for any other statement."""
        tree = translation.tree
        if tree is None or tree.args.get("alternative") != "REPLACE":
            return None
        target = tree.this.this if tree.this is not None and tree.this.key == "schema" else tree.this
        if target is None or target.key != "table" or target.text("db") not in self.databases:
            return None
        return f"{_quote(target.text('db'))}.{_quote(target.name)}"

    @staticmethod
    def _count_rows(connection: sqlite3.Connection, table: str) -> int:
        return connection.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]

    def _computed_kinds(self, translation) -> list:
        """The MySQL kind of each computed result column (None for plain columns, whose
        declared type already converts them); cached on the translation."""
        if translation.kinds is None:
            from sqlglot import exp

            from .resulttypes import kind_of

            tree = translation.tree
            if any(origin and origin[0] == "star" for origin in translation.origins):
                translation.kinds = []
                return translation.kinds
            sources = {
                t.alias_or_name: (t.text("db"), t.name)
                for t in tree.find_all(exp.Table)
                if t.parent_select is tree and t.name
            }

            ctes = {cte.alias_or_name: cte for cte in tree.find_all(exp.CTE)}
            visiting: set[str] = set()

            def column_type(column):
                candidates = [sources[column.table]] if column.table in sources else list(sources.values())
                for database, name in candidates:
                    if not database and name in ctes and name not in visiting:
                        kind = cte_kind(ctes[name], column.name)
                        if kind is not None:
                            return kind
                    definition = self.table(database, name)
                    found = definition.column(column.name) if definition else None
                    if found is not None:
                        return found.mysql_type
                return None

            def cte_kind(cte, name):
                """A CTE column's kind: its defining expression's, in the first (non-recursive)
                SELECT of the CTE's query."""
                query = cte.this
                while isinstance(query, exp.Union):
                    query = query.this
                if not isinstance(query, exp.Select):
                    return None
                listed = [c.name.lower() for c in cte.args["alias"].columns] if cte.args.get("alias") else []
                for position, projection in enumerate(query.expressions):
                    label = listed[position] if position < len(listed) else projection.alias_or_name.lower()
                    if label == name.lower():
                        visiting.add(cte.alias_or_name)
                        try:
                            inner = {t.alias_or_name: (t.text("db"), t.name) for t in query.find_all(exp.Table) if t.parent_select is query and t.name}
                            return kind_of(projection, lambda c: inner_type(c, inner))
                        finally:
                            visiting.discard(cte.alias_or_name)
                return None

            def inner_type(column, inner):
                for database, name in [inner[column.table]] if column.table in inner else list(inner.values()):
                    if not database and name in ctes and name not in visiting:
                        return cte_kind(ctes[name], column.name)
                    definition = self.table(database, name)
                    found = definition.column(column.name) if definition else None
                    if found is not None:
                        return found.mysql_type
                return None

            translation.kinds = [
                kind_of(projection, column_type) if origin is None else None
                for origin, projection in zip(translation.origins, tree.expressions)
            ]
        return translation.kinds

    def _result_meta(self, translation, count: int) -> tuple:
        """(view column kinds, FIELD_TYPE codes, NOT NULL flags) of a statement's result
        columns: read from the catalog once per cached translation (the cache is cleared
        whenever DDL changes the catalog), not on every run."""
        meta = translation.result_meta
        if meta is None or meta[0] != count:
            meta = translation.result_meta = (
                count,
                self._view_kinds(translation.origins, count),
                self._declared_field_types(translation.origins, count),
                resultmeta.nullable_columns(self, translation, count),
            )
        return meta[1:]

    def _view_kinds(self, origins: list, count: int) -> list | None:
        """The kinds of result columns read from views (None elsewhere), or None when the
        query reads no view: SQLite gives a view's computed columns (``SUM(amount)``) no
        declared type, so their values are converted here by the view's catalog types."""
        from .resulttypes import kind_of_type

        kinds: list = []
        reads_view = False
        for origin in origins:
            if origin is None:
                kinds.append(None)
            elif origin[0] == "star":
                for database, name in origin[1]:
                    definition = self.table(database, name)
                    if definition is None:
                        return None
                    is_view = definition.view is not None
                    reads_view |= is_view
                    kinds.extend(kind_of_type(c.mysql_type) if is_view else None for c in definition.columns)
            else:
                kind = None
                for database, name in origin[1]:
                    definition = self.table(database, name)
                    column = definition.column(origin[2]) if definition else None
                    if column is not None:
                        if definition.view is not None:
                            kind, reads_view = kind_of_type(column.mysql_type), True
                        break
                kinds.append(kind)
        return kinds if reads_view and len(kinds) == count else None

    def _has_auto_increment(self, tree) -> bool:
        """MySQL reports an insert id only for a table with an AUTO_INCREMENT column."""
        from sqlglot import exp

        target = tree.this if tree is not None else None
        if isinstance(target, exp.Schema):
            target = target.this
        if not isinstance(target, exp.Table):
            return True
        definition = self.table(target.text("db"), target.name)
        return definition is None or any(c.extra == "auto_increment" for c in definition.columns)

    def _run_create_database(self, session: Session, translation, params) -> Result:
        tree = translation.tree
        self._implicit_commit(session)
        if tree.args.get("exists") and _database_name(tree) in self.databases:
            diagnostics.note(session, 1007, _database_name(tree))
        self.create_database(_database_name(tree), bool(tree.args.get("exists")))
        return Result(rowcount=1)

    def _run_drop_database(self, session: Session, translation, params) -> Result:
        tree = translation.tree
        self._implicit_commit(session)
        name = _database_name(tree)
        tables = sum(not getattr(d, "temporary", False) for d in self.databases.get(name, {}).values())
        if tree.args.get("exists") and name not in self.databases:
            diagnostics.note(session, 1008, name)
        self.drop_database(name, bool(tree.args.get("exists")))
        if session.database == name:
            session.database = None
        return Result(rowcount=tables)

    def _run_use(self, session: Session, translation, params) -> Result:
        name = translation.tree.this.name
        if not self.has_database(name):
            raise mysql_error(1049, name)
        session.database = name
        return Result()

    def _run_create_table(self, session: Session, translation, params) -> Result:
        create = translation.tree
        table = create.this.this
        database = table.text("db")
        if database not in self.databases:
            raise mysql_error(1049, database)
        self._implicit_commit(session)
        definition = translation.table
        if definition.name in self.databases[database]:
            if create.args.get("exists"):
                diagnostics.note(session, 1050, definition.name)
                return Result()
            raise mysql_error(1050, definition.name)
        checking = variables.foreign_key_checks(self, session)
        for foreign in definition.foreign_keys if checking else ():  # InnoDB opens the parent table
            if foreign.parent != definition.name and foreign.parent not in self.databases[database]:
                raise mysql_error(1824, foreign.parent)
        try:
            for statement in translation.sql:
                self.sqlite_for(session).execute(statement)
        except sqlite3.Error as error:
            raise self._mysql_error_for(error, session, translation, params) from None
        self.databases[database][definition.name] = definition
        self.cache.clear()  # translations read the catalog (declared types, keys; sim_db.coercion)
        return Result()

    def _run_drop_table(self, session: Session, translation, params) -> Result:
        tree = translation.tree
        self._implicit_commit(session)
        missing = []
        dropped = [(t.text("db"), t.name) for t in tree.args.get("tables") or [tree.this]]
        checking = variables.foreign_key_checks(self, session)
        for database, name in dropped if checking else ():  # a parent its children still reference: 3730
            for child, child_definition in self.databases.get(database, {}).items():
                for foreign in child_definition.foreign_keys:
                    if foreign.parent == name and child != name and (database, child) not in dropped:
                        raise mysql_error(3730, name, foreign.name, child)
        for table in tree.args.get("tables") or [tree.this]:
            database, name = table.text("db"), table.name
            definition = self.databases.get(database, {}).get(name)
            if definition is None or definition.view is not None:  # DROP TABLE of a view: 1051
                missing.append(f"{database}.{name}")
                continue
            try:
                self.sqlite_for(session).execute(f"DROP TABLE {_quote(database)}.{_quote(name)}")
            except sqlite3.Error as error:
                raise self._mysql_error_for(error, session, translation, params) from None
            del self.databases[database][name]
        if missing and not tree.args.get("exists"):
            raise mysql_error(1051, ",".join(missing))
        for name in missing:  # DROP TABLE IF EXISTS: a note for each table that was not there
            diagnostics.note(session, 1051, name)
        self.cache.clear()
        return Result()

    def _run_noop(self, session: Session, translation, params) -> Result:
        return Result()

    def _run_begin(self, session: Session, translation, params) -> Result:
        self._implicit_commit(session)
        self.begin(session)
        return Result()

    def _run_savepoint(self, session: Session, translation, params) -> Result:
        """SAVEPOINT, ROLLBACK TO [SAVEPOINT], RELEASE SAVEPOINT: SQLite's own, which behave as
        InnoDB's. Outside a transaction in autocommit mode a SAVEPOINT marks nothing (the
        statement's own transaction has ended), so a later ROLLBACK TO it fails with 1305."""
        action, name = translation.tree.name, translation.tree.text("expression")
        connection = self.sqlite_for(session)
        if action == "SAVEPOINT":
            if session.autocommit and not session.in_transaction:
                return Result()
            self._begin(session)
        elif not connection.in_transaction:
            raise mysql_error(1305, "SAVEPOINT", name)
        try:
            connection.execute(f"{action} {_quote(name)}")
        except sqlite3.OperationalError as error:
            if str(error).startswith("no such savepoint"):
                raise mysql_error(1305, "SAVEPOINT", name) from None
            raise
        return Result()

    def _run_commit(self, session: Session, translation, params) -> Result:
        self.commit(session)
        return Result()

    def _run_rollback(self, session: Session, translation, params) -> Result:
        self.rollback(session)
        return Result()

    def _declared_field_types(self, origins: list, count: int) -> list[int | None] | None:
        """Each result column's FIELD_TYPE from the catalog (see ``dialect.result_origins``)."""
        codes: list[int | None] = []
        for origin in origins:
            if origin is None:
                codes.append(None)
            elif origin[0] == "star":
                for database, name in origin[1]:
                    definition = self.table(database, name)
                    if definition is None:
                        return None
                    codes.extend(types.declared_field_type(c.mysql_type) for c in definition.columns)
            else:
                code = None
                for database, name in origin[1]:
                    definition = self.table(database, name)
                    column = definition.column(origin[2]) if definition else None
                    if column is not None:
                        code = types.declared_field_type(column.mysql_type)
                        break
                codes.append(code)
        return codes if len(codes) == count else None

    # --- transactions ---------------------------------------------------------------------

    def set_autocommit(self, session: Session, value: bool) -> None:
        """Turning autocommit on commits the open transaction, as in MySQL."""
        session.autocommit = value
        if value:
            self.commit(session)

    def begin(self, session: Session) -> None:
        """START TRANSACTION: the snapshot is taken at the first read, as InnoDB's is."""
        self._begin(session)
        session.in_transaction = True

    def _begin(self, session: Session) -> None:
        connection = self.sqlite_for(session)
        if not connection.in_transaction:
            connection.execute("BEGIN")
            session.wrote = False
        session.in_transaction = True

    def _write(self, session: Session, sql: str, params) -> sqlite3.Cursor:
        """Run a writing statement in the session's connection.

        A transaction that has only read holds a WAL snapshot; once another session has
        committed, SQLite refuses to let it write (SQLITE_BUSY_SNAPSHOT), where InnoDB would
        write to the latest rows. So such a transaction moves to the newest snapshot and writes:
        its later reads then see the other session's commits — the one way its REPEATABLE READ
        is weaker than InnoDB's."""
        connection = session.sqlite
        try:
            cursor = connection.execute(sql, params)
        except sqlite3.OperationalError as error:
            if not (connection.in_transaction and not session.wrote and _is_locked(error)):
                raise
            connection.execute("ROLLBACK")
            connection.execute("BEGIN IMMEDIATE")  # fails with 1205 if another session writes
            cursor = connection.execute(sql, params)
        session.wrote = connection.in_transaction
        return cursor

    def commit(self, session: Session) -> None:
        connection = session.sqlite
        try:
            if connection is not None and connection.in_transaction:
                connection.execute("COMMIT")
        except sqlite3.IntegrityError:
            # Only with FOREIGN_KEY_CHECKS=0 set inside a transaction, where SQLite can merely
            # defer its checks to COMMIT (sim_db.variables): orphan rows refuse the commit, which
            # MySQL would have accepted. The transaction is rolled back, as a failed COMMIT is.
            connection.execute("ROLLBACK")
            raise mysql_error(1452, f"`{session.database}`") from None
        finally:
            session.in_transaction = session.wrote = False

    def rollback(self, session: Session) -> None:
        connection = session.sqlite
        if connection is not None and connection.in_transaction:
            connection.execute("ROLLBACK")
        session.in_transaction = session.wrote = False

    def _implicit_commit(self, session: Session) -> None:
        """DDL commits the open transaction first, as MySQL does."""
        self.commit(session)

    # --- errors ---------------------------------------------------------------------------

    def _mysql_error_for(self, error: sqlite3.Error, session: Session, translation, params):
        """The MySQL error a real server gives for what SQLite refused."""
        from sqlglot import exp

        message = str(error)
        if _is_locked(error):
            return mysql_error(1205)
        if functions.raised:  # MYSQL_ERROR(n) inside the statement (see functions.mysql_error)
            errno = functions.raised.pop()
            functions.raised.clear()
            return mysql_error(errno)
        if match := re.match(r"no such table: (?:(\w+)\.)?(\S+)", message):
            database = match.group(1) or session.database
            if database and database not in self.databases and not database.lower() in SYSTEM_DATABASES:
                return mysql_error(1049, database)
            return mysql_error(1146, f"{database}.{match.group(2)}")
        if match := re.match(r"no such column: (\S+)", message):
            column = match.group(1).replace('"', "").replace("`", "")  # a quoted name
            column = column.removeprefix("excluded.")  # VALUES(col) of an upsert (see upsert)
            return mysql_error(1054, column, _clause_of(translation, column))
        if match := re.match(r"CHECK constraint failed: (\d{4}) (\S+)", message):
            errno, column = int(match.group(1)), match.group(2)
            if errno == 3819:  # a CHECK of the table's own (see dialect._name_checks)
                return mysql_error(3819, message.partition("3819 ")[2])
            if errno in (1366, 1292):
                value = _inserted_value(translation, params, column, self._target_columns(session, translation))
                declared = self._target_type(session, translation, column)
                kind = "decimal" if declared.startswith(("decimal", "numeric")) else "integer"
                if errno == 1292:
                    kind = "date" if declared == "date" else "datetime"
                return mysql_error(errno, kind, value, column, 1)
            return mysql_error(errno, column, 1)
        if match := re.match(r"NOT NULL constraint failed: (\w+)\.(\w+)", message):
            column = match.group(2)
            listed = _inserted_columns(translation)
            if listed is not None and column not in listed:
                return mysql_error(1364, column)
            return mysql_error(1048, column)
        if match := re.match(r"UNIQUE constraint failed: (.+)", message):
            columns = [part.split(".")[-1] for part in match.group(1).split(", ")]
            table = match.group(1).split(", ")[0].split(".")[0]
            return self._duplicate_entry(session, translation, params, table, columns)
        if message.startswith("FOREIGN KEY constraint failed"):
            return self._foreign_key_error(session, translation, params)
        if match := re.match(r"no such function: (\w+)", message):
            name = _function_name(translation, match.group(1))
            return mysql_error(1305, "FUNCTION", f"{session.database}.{name}" if session.database else name)
        if match := re.match(r"no such view: (\S+)", message):
            name = match.group(1)
            return mysql_error(1051, name if "." in name else f"{session.database}.{name}")
        if message == "datatype mismatch" and isinstance(translation.tree, (exp.Insert, exp.Update)):
            # text for an INT PRIMARY KEY (SQLite's rowid, which takes integers only)
            definition = self._target(session, translation)
            key = next((k for k in definition.keys if k.name == "PRIMARY"), None) if definition else None
            if key is not None and len(key.columns) == 1:
                column = key.columns[0]
                return mysql_error(1366, "integer", _inserted_value(translation, params, column, self._target_columns(session, translation)), column, 1)
        if match := re.match(r"ambiguous column name: (\S+)", message):
            column = match.group(1).split(".")[-1]
            return mysql_error(1052, column, _clause_of(translation, column, unqualified=True))
        if match := re.match(r"cannot join using column (\S+) - column not present", message):
            return mysql_error(1054, match.group(1), "from clause")
        if match := re.match(r"table \S+ has no column named (\S+)", message):
            return mysql_error(1054, match.group(1), "field list")
        if message.startswith(("misuse of aggregate", "aggregate functions are not allowed")):
            return mysql_error(1111)
        if match := re.match(r"(?:table|view) (\S+) already exists", message):
            return mysql_error(1050, match.group(1).split(".")[-1].strip('"`'))
        if re.match(r"(\d+ values for \d+ columns|table \S+ has \d+ columns but \d+ values were supplied)", message):
            return mysql_error(1136, 1)
        if "syntax error" in message or "incomplete input" in message:
            near = re.search(r'near "(.*)"', message)
            return mysql_error(1064, near.group(1) if near else "", 1)
        return mysql_error(1064, message, 1)

    def _foreign_key_error(self, session: Session, translation, params=None):
        """1452 (a child row without its parent) or 1451 (a parent row its children need), naming
        the constraint as MySQL does when the catalog can tell which one it is."""
        from sqlglot import exp

        tree = translation.tree
        target = tree.find(exp.Table) if tree is not None else None
        database = target.text("db") if target is not None else session.database
        name = target.name if target is not None else ""
        definition = self.table(database, name)
        own = list(definition.foreign_keys) if definition else []
        if isinstance(tree, exp.Update):
            assigned = {e.this.name.lower() for e in tree.expressions if isinstance(e, exp.EQ) and isinstance(e.this, exp.Column)}
            own = [k for k in own if assigned & {c.lower() for c in k.columns}]
        child_side = isinstance(tree, exp.Insert) or (isinstance(tree, exp.Update) and own)
        if child_side:
            candidates = [(name, key) for key in own]
        else:
            candidates = [
                (child, key)
                for child, child_definition in self.databases.get(database, {}).items()
                for key in child_definition.foreign_keys
                if key.parent.lower() == name.lower()
            ]
        errno = 1452 if child_side else 1451
        if child_side and len(candidates) > 1 and isinstance(tree, exp.Insert):
            # Several foreign keys: MySQL names the first one the new row breaks.
            broken = [c for c in candidates if self._breaks(session, database, definition, c[1], translation, params)]
            candidates = broken[:1] or candidates
        if len(candidates) != 1:
            return mysql_error(errno, f"`{database}`")
        child, key = candidates[0]
        return mysql_error(errno, f"`{database}`.`{child}`, {key.describe()}")

    def _target(self, session, translation):
        from sqlglot import exp

        tree = translation.tree
        target = tree.find(exp.Table) if tree is not None else None
        return self.table(target.text("db") or session.database, target.name) if target is not None else None

    def _target_columns(self, session, translation) -> list[str] | None:
        definition = self._target(session, translation)
        return [c.name for c in definition.columns] if definition else None

    def _target_type(self, session, translation, column: str) -> str:
        """The declared type of a column of the table a statement writes ('' if unknown)."""
        definition = self._target(session, translation)
        found = definition.column(column) if definition else None
        return found.mysql_type if found else ""

    def _breaks(self, session, database, definition, key, translation, params) -> bool:
        """Whether the first row a VALUES list inserts has no parent row under ``key``."""
        from sqlglot import exp

        tree = translation.tree
        values = tree.find(exp.Values)
        if values is None or not values.expressions or not isinstance(values.expressions[0], exp.Tuple):
            return False
        names = _inserted_columns(translation) or [c.name for c in definition.columns]
        row = dict(zip([n.lower() for n in names], values.expressions[0].expressions))
        given = []
        for column in key.columns:
            item = row.get(column.lower())
            if isinstance(item, exp.Placeholder):
                given.append(types.to_storage((params or {}).get(item.name)))
            elif isinstance(item, exp.Literal):
                given.append(item.name if item.is_string else float(item.name))
            else:
                return False
        if any(v is None for v in given):
            return False
        condition = " AND ".join(f"{_quote(c)} = ?" for c in key.parent_columns)
        found = self.sqlite_for(session).execute(f"SELECT 1 FROM {_quote(database)}.{_quote(key.parent)} WHERE {condition} LIMIT 1", given)
        return found.fetchone() is None

    def _duplicate_entry(self, session, translation, params, table, columns):
        from sqlglot import exp

        database = None
        tree = translation.tree
        target = tree.find(exp.Table) if tree is not None else None
        if target is not None:
            database = target.text("db")
        definition = self.table(database or session.database, table)
        key_name = "PRIMARY"
        if definition is not None:
            for key in definition.keys:
                if key.unique and [c.lower() for c in key.columns] == [c.lower() for c in columns]:
                    key_name = key.name
                    break
        names = [c.name for c in definition.columns] if definition is not None else None
        values = [_inserted_value(translation, params, column, names) for column in columns]
        return mysql_error(1062, "-".join(str(v) for v in values), f"{table}.{key_name}")


_server: Server | None = None


def get_server() -> Server:
    """The one simulated server of this process (a school has one MySQL server)."""
    global _server
    if _server is None:
        _server = Server()
    return _server


def _is_locked(error: sqlite3.Error) -> bool:
    """SQLITE_BUSY: another session holds the write lock (or moved past this one's snapshot)."""
    return isinstance(error, sqlite3.OperationalError) and str(error).startswith("database is locked")


def _matched_rows_sql(translation) -> str:
    """The SQLite text counting the rows an UPDATE matches (see resultmeta.matched_rows_sql)."""
    from .dialect import to_sqlite

    return to_sqlite(resultmeta.matched_rows_sql(translation.tree))


def _database_name(tree) -> str:
    """The database a CREATE/DROP DATABASE names (sqlglot 30 puts DROP's in ``tables``, and
    a SCHEMA's name in the table's ``db`` part)."""
    table = tree.this if tree.this is not None else tree.args["tables"][0]
    return table.name or table.text("db")


def _function_name(translation, name: str) -> str:
    """The function's name as the statement spelled it (SQLite reports sqlglot's upper case)."""
    from sqlglot import exp

    tree = translation.tree
    for node in tree.find_all(exp.Anonymous) if tree is not None else ():
        if node.name.upper() == name.upper():
            return node.name
    return name


def _literal_name(value: Any) -> str:
    """The column name MySQL gives a literal select item (a string's name is its value)."""
    if value is None:
        return "NULL"
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _clause_of(translation, column: str, unqualified: bool = False) -> str:
    """The clause naming ``column`` (only where written without a table, if ``unqualified``)."""
    from sqlglot import exp

    tree = translation.tree
    if tree is None:
        return "field list"
    for node in tree.find_all(exp.Column):
        if node.name == column.split(".")[-1] and not (unqualified and node.table):
            if node.find_ancestor(exp.OnConflict):
                return "field list"  # ON DUPLICATE KEY UPDATE's assignments (see upsert)
            clauses = {exp.Where: "where clause", exp.Order: "order clause", exp.Group: "group statement", exp.Having: "having clause", exp.Join: "on clause"}
            nearest = node.find_ancestor(*clauses)  # the innermost clause (a subquery's ORDER BY)
            if nearest is not None:
                return clauses[type(nearest)]
    return "field list"


def _inserted_columns(translation, definition: TableDefinition | None = None) -> list[str] | None:
    """The columns an INSERT lists, or all the table's (``INSERT INTO t VALUES``, as dumps
    write) when its catalog ``definition`` is given."""
    from sqlglot import exp

    tree = translation.tree
    if isinstance(tree, exp.Insert) and isinstance(tree.this, exp.Schema):
        return [c.name for c in tree.this.expressions]
    if isinstance(tree, exp.Insert) and definition is not None:
        return [c.name for c in definition.columns]
    return None


def _inserted_value(translation, params: dict[str, Any], column: str, table_columns: list[str] | None = None) -> Any:
    """The value a single-row INSERT gave ``column`` (for the error message), if it can tell."""
    from sqlglot import exp

    tree = translation.tree
    if isinstance(tree, exp.Update):  # the value a SET assignment gives the column
        for assignment in tree.expressions:
            if isinstance(assignment, exp.EQ) and assignment.this.name.lower() == column.lower():
                item = assignment.expression
                if isinstance(item, exp.Placeholder):
                    return types.to_storage(params.get(item.name))
                return item.name if isinstance(item, exp.Literal) else "?"
        return "?"
    columns = _inserted_columns(translation) or table_columns  # no list: every column, in order
    values = tree.find(exp.Values) if tree is not None else None
    if columns is None or values is None or column not in columns or not values.expressions:
        return "?"
    row = values.expressions[0]
    item = row.expressions[columns.index(column)] if isinstance(row, exp.Tuple) else None
    if isinstance(item, exp.Nullif):  # an AUTO_INCREMENT value (see dml.insert_values)
        item = item.this
    if item is not None and not isinstance(item, (exp.Literal, exp.Placeholder)) and not item.find(exp.Column, exp.Placeholder):
        from sqlglot.optimizer.simplify import simplify

        item = simplify(item.copy())  # a constant expression (2008-05-01 is 2002): its value
    if isinstance(item, exp.Placeholder):
        value = params.get(item.name)
    elif isinstance(item, exp.Literal):
        value = item.name
    else:
        return "?"
    return types.to_storage(value)
