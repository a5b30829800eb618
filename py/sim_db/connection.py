"""A PyMySQL-compatible DB-API connection to the simulated server.

Cursors are PyMySQL's own classes: ``pymysql.cursors.Cursor`` runs a statement by calling
``connection.query(sql)`` and reading ``connection._result``, which is the interface this
connection provides. sim_db's :class:`Cursor` adds one thing: it hands the server the statement
*template* and its parameters separately, so the translation cache is keyed by the template.
"""

from __future__ import annotations

import functools
import weakref
from typing import Any

from pymysql import converters, cursors, err
from pymysql.constants import CLIENT

from . import accounts, variables
from .errors import mysql_error
from .fastpath import SERVER_VERSION
from .server import Result, Server, Session, get_server
from .types import to_storage


class _Field:
    """What PyMySQL's DictCursor reads of a result column."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.table_name = ""


class _MySQLResult:
    """The attributes of ``pymysql.connections.MySQLResult`` that cursors read."""

    def __init__(self, result: Result) -> None:
        self.affected_rows = result.rowcount
        self.insert_id = result.lastrowid
        self.warning_count = result.warning_count
        self._columns = result.columns
        if result.columns:
            self.description = result.description
            self.rows = tuple(result.rows)
            self.field_count = len(result.columns)
        else:  # INSERT, UPDATE, DELETE...: nothing to describe
            self.description = self.rows = None
            self.field_count = 0
        self.message = None
        self.has_next = False

    @functools.cached_property
    def fields(self) -> list[_Field]:
        """Made when read (PyMySQL's DictCursor reads them; the plain cursor does not)."""
        return [_Field(name) for name in self._columns]


class _PlaceholderNames(dict):
    """Records the order of ``%(name)s`` parameters while formatting them as ``:pN``."""

    def __init__(self, start: int = 1) -> None:
        super().__init__()
        self.order: list[str] = []
        self.start = start

    def __missing__(self, key: str) -> str:
        self.order.append(key)
        name = f":p{self.start + len(self.order) - 1}"
        self[key] = name
        return name


# Values SQLite stores as they are (anything else goes through types.to_storage).
_PLAIN = {str, int, float, type(None), bytes}
# (query, argument count or None for a mapping, start) -> (template, parameter names, keys):
# an app runs the same statement with new values many times; its template is made once.
_TEMPLATES: dict[tuple, tuple[str, list[str], list]] = {}


def bind(query: str, args: Any, start: int = 1) -> tuple[str, dict[str, Any]]:
    """A PyMySQL-style ``%s``/``%(name)s`` query as a ``:pN`` template and its values.

    Python's ``%`` formatting reads the template exactly as PyMySQL's ``mogrify`` does (so
    ``%%`` is a literal percent and a wrong argument count fails the same way).
    """
    if args is None:
        return query, {}
    mapping = isinstance(args, dict)
    if not mapping and not isinstance(args, (tuple, list)):
        args = (args,)
    key = (query, None if mapping else len(args), start)
    entry = _TEMPLATES.get(key)
    if entry is None:
        if mapping:
            names = _PlaceholderNames(start)
            template = query % names
            keys = names.order
        else:
            template = query % tuple(f":p{i}" for i in range(start, start + len(args)))
            keys = list(range(len(args)))
        entry = (template, [f"p{i}" for i in range(start, start + len(keys))], keys)
        if len(_TEMPLATES) >= 1024:
            _TEMPLATES.clear()
        _TEMPLATES[key] = entry
    template, names, keys = entry
    values = [args[k] for k in keys] if mapping else args
    return template, {n: v if type(v) in _PLAIN else to_storage(v) for n, v in zip(names, values)}


class Cursor(cursors.Cursor):
    # The statement as PyMySQL would have sent it (``cursor._executed``), built only when read:
    # escaping every value for a text nobody reads cost more than running the INSERT.
    _pending: tuple | None = None
    _executed_text: str | None = None

    @property
    def _executed(self):
        if self._pending is not None:
            query, args = self._pending
            self._pending = None
            self._executed_text = self.mogrify(query, args)
        return self._executed_text

    @_executed.setter
    def _executed(self, value):
        self._pending = None
        self._executed_text = value

    def _check_executed(self):
        """PyMySQL's check reads ``_executed``; asking whether a statement ran must not build
        its text (fetchall() after an INSERT would escape every value for nothing)."""
        if self._pending is None and not self._executed_text:
            raise err.ProgrammingError("execute() first")

    def execute(self, query, args=None):
        # PyMySQL first drains pending result sets (``while self.nextset()``); sim_db answers one
        # result set per statement (``has_next`` is always False), so there is none to drain.
        conn = self._get_db()
        template, params = bind(query, args)
        if args is None:
            self._executed = query
        else:
            self._pending = (query, args)
        self._clear_result()
        conn._run(template, params)
        self._do_get_result()
        return self.rowcount

    def executemany(self, query, args):
        """As PyMySQL: a multi-row INSERT/REPLACE becomes ONE statement (one lastrowid, all rows
        or none), anything else runs once per row. The rows go in as parameters, not as literal
        text, so the statement is translated once per batch size rather than once per batch."""
        if not args:
            return None
        match = cursors.RE_INSERT_VALUES.match(query)
        if not match:
            self.rowcount = sum(self.execute(query, arg) for arg in args)
            return self.rowcount
        prefix = match.group(1) % ()
        values = match.group(2).rstrip()
        postfix = (match.group(3) or "") % ()
        parts, params = [], {}
        for arg in args:
            part, bound = bind(values, arg, start=len(params) + 1)
            parts.append(part)
            params.update(bound)
        while self.nextset():
            pass
        self._executed = query
        self._clear_result()
        self._get_db()._run(prefix + ",".join(parts) + postfix, params)
        self._do_get_result()
        return self.rowcount


class DictCursor(cursors.DictCursorMixin, Cursor):
    pass


# PyMySQL's classes, when a caller names them, get sim_db's template-binding equivalents.
_CURSOR_CLASSES = {
    cursors.Cursor: Cursor,
    cursors.SSCursor: Cursor,
    cursors.DictCursor: DictCursor,
    cursors.SSDictCursor: DictCursor,
}


# Every open Connection, so that a Flask reload can drop the old app's (see close_all).
_open_connections: "weakref.WeakSet[Connection]" = weakref.WeakSet()


def close_all() -> int:
    """Close every open DB-API connection, as a MySQL server does when its client process exits
    (the reloader's old process under ``flask run``): what they left uncommitted is rolled back
    and their locks are released. Returns how many were open."""
    connections = [c for c in _open_connections if c.open]
    for connection in connections:
        connection.close()
    return len(connections)


class Connection:
    """``pymysql.connections.Connection``'s public surface, served by a :class:`Server`."""

    encoders = converters.encoders
    charset = "utf8mb4"
    encoding = "utf8"

    def __init__(
        self,
        *,
        host: str | None = "localhost",
        user: str | None = None,
        password: str = "",
        database: str | None = None,
        port: int = 3306,
        charset: str = "utf8mb4",
        autocommit: bool | None = False,
        cursorclass=cursors.Cursor,
        db: str | None = None,
        passwd: str | None = None,
        server: Server | None = None,
        client_flag: int = 0,
        **ignored: Any,
    ) -> None:
        """PyMySQL's keyword-only arguments (``db`` and ``passwd`` are its deprecated aliases);
        of ``client_flag`` only CLIENT.FOUND_ROWS means something here (UPDATE's rowcount counts
        matched rows, not changed ones); the rest (``ssl``, timeouts...) mean nothing to an
        in-process server."""
        self._server = server or get_server()
        database = database or db
        password = passwd if passwd is not None and not password else password
        self.host = host or "localhost"
        self.port = port
        self.user = user or "root"
        self.password = password
        self.charset = charset
        self.cursorclass = _CURSOR_CLASSES.get(cursorclass, cursorclass)
        self.server_version = SERVER_VERSION
        self.client_flag = client_flag
        self._session = Session(autocommit=bool(autocommit), found_rows=bool(client_flag & CLIENT.FOUND_ROWS))
        accounts.authenticate(self._server, self._session, self.user, password)
        variables.start_session(self._server, self._session)
        self._result: _MySQLResult | None = None
        self.open = True
        _open_connections.add(self)
        if database:
            self.select_db(database)

    # --- what SQLAlchemy and PyMySQL's cursors call ---------------------------------------

    @property
    def db(self) -> str | None:
        return self._session.database

    def _check_open(self) -> None:
        if not self.open:
            raise err.InterfaceError(0, "")

    def _run(self, template: str, params: dict[str, Any]) -> None:
        self._check_open()
        self._result = _MySQLResult(self._server.execute(self._session, template, params))

    def query(self, sql: str | bytes, unbuffered: bool = False) -> int:
        """Run literal SQL (PyMySQL's cursors call this after interpolating parameters)."""
        if isinstance(sql, (bytes, bytearray)):
            sql = bytes(sql).decode(self.encoding, "surrogateescape")
        self._run(sql, {})
        return self._result.affected_rows

    def next_result(self, unbuffered: bool = False) -> int:
        return 0

    def cursor(self, cursor=None):
        cls = _CURSOR_CLASSES.get(cursor, cursor) if cursor else self.cursorclass
        return cls(self)

    def select_db(self, db: str) -> None:
        self._check_open()
        if not self._server.has_database(db):
            raise mysql_error(1049, db)
        self._session.database = db

    def commit(self) -> None:
        self._check_open()
        self._server.commit(self._session)

    def rollback(self) -> None:
        self._check_open()
        self._server.rollback(self._session)

    def begin(self) -> None:
        self._check_open()
        self._server.commit(self._session)
        self._server.begin(self._session)

    def autocommit(self, value: bool) -> None:
        self._server.set_autocommit(self._session, bool(value))

    def get_autocommit(self) -> bool:
        return self._session.autocommit

    def close(self) -> None:
        if not self.open:
            raise err.Error("Already closed")
        self._server.disconnect(self._session)  # the server rolls back what it left open
        self.open = False

    def ping(self, reconnect: bool = True) -> None:
        if not self.open:
            if not reconnect:
                raise err.Error("Already closed")
            self.open = True

    def escape(self, obj, mapping=None) -> str:
        if isinstance(obj, str):
            return "'" + converters.escape_string(obj) + "'"
        if isinstance(obj, (bytes, bytearray)):
            return converters.escape_bytes_prefixed(bytes(obj))
        return converters.escape_item(obj, self.charset, mapping=mapping)

    def literal(self, obj) -> str:
        return self.escape(obj, self.encoders)

    def escape_string(self, s: str) -> str:
        return converters.escape_string(s)

    def affected_rows(self) -> int:
        return self._result.affected_rows if self._result else 0

    def insert_id(self) -> int:
        return self._session.last_insert_id

    def character_set_name(self) -> str:
        return self.charset

    def get_server_info(self) -> str:
        return SERVER_VERSION

    def get_host_info(self) -> str:
        return f"socket {self.host}:{self.port}"

    def get_proto_info(self) -> int:
        return 10

    def thread_id(self) -> int:
        return self._session.connection_id

    def show_warnings(self):
        """SHOW WARNINGS' rows: the conditions of the last statement."""
        return tuple(self._session.diagnostics)

    def set_character_set(self, charset: str, collation: str | None = None) -> None:
        self.charset = charset

    set_charset = set_character_set

    def __enter__(self):
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
