"""Where the simulated server's data lives: one SQLite file per MySQL database, one SQLite
connection per MySQL session.

Why files and not ``:memory:``: InnoDB gives each connection its own transaction — another
connection does not see uncommitted rows, and a reader is never blocked by a writer. SQLite
gives exactly that between *connections* to a file in WAL mode (a read transaction is a
snapshot; one writer at a time), and nothing like it inside one connection or between
connections to a shared in-memory database (the ``memdb`` VFS blocks every reader while a write
transaction is open). Under Pyodide the files live in Emscripten's in-memory file system; WAL
works there because SQLite keeps its WAL index and locks per process (checked by
``tests/transaction_scenarios.py`` running inside Pyodide).

Each session's connection ATTACHes every database under its MySQL name, so ``school.students``
means the same thing to every session. ATTACH and DETACH are refused inside a transaction, so
a session catches up with databases created or dropped elsewhere when it is next outside one.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
import weakref
from typing import TYPE_CHECKING, Callable

from . import cache

if TYPE_CHECKING:
    from .server import Session


WAL_AUTOCHECKPOINT = 100  # pages (see Storage.connection)


def quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


class Storage:
    """The database files of one server, and the SQLite connections of its sessions."""

    def __init__(self, prepare: Callable[[sqlite3.Connection, "Session"], None]) -> None:
        """``prepare`` sets up each new connection for its session (functions, pragmas)."""
        self._prepare = prepare
        self._sessions: weakref.WeakSet[Session] = weakref.WeakSet()
        self._open()

    def _open(self) -> None:
        self.directory = tempfile.mkdtemp(prefix="sim_db-")
        self.files: dict[str, str] = {}  # MySQL database name -> its file
        self.layout = 0  # changes whenever a database is created or dropped
        self._created = 0

    # --- databases ------------------------------------------------------------------------

    def create(self, name: str, image: bytes | None = None) -> None:
        """A new database file, empty or holding ``image`` (an SQLite database's bytes)."""
        self._created += 1
        path = os.path.join(self.directory, f"{self._created}.db")
        if image is not None:
            with open(path, "wb") as file:
                file.write(image)
        # WAL mode is persistent, recorded in the file's header (bytes 18-19 are 2 in WAL mode):
        # an image taken from a WAL database needs no set-up connection.
        if image is None or image[18:20] != b"\x02\x02":
            setup = sqlite3.connect(path, isolation_level=None)
            try:
                setup.execute("PRAGMA journal_mode = WAL")
            finally:
                setup.close()
        self.files[name] = path
        self.layout += 1

    def drop(self, name: str) -> None:
        path = self.files.pop(name)
        self.layout += 1
        for session in list(self._sessions):
            if session.sqlite is not None:
                self._catch_up(session)
        for suffix in ("", "-wal", "-shm"):
            try:
                os.remove(path + suffix)
            except OSError:
                pass  # still attached to a session inside a transaction: it goes when it does

    def reset(self) -> None:
        """Close every session's connection and forget every database."""
        for session in list(self._sessions):
            self.disconnect(session)
        shutil.rmtree(self.directory, ignore_errors=True)
        self._open()

    # --- sessions -------------------------------------------------------------------------

    def connection(self, session: "Session") -> sqlite3.Connection:
        """The session's own SQLite connection, with every current database attached."""
        connection = session.sqlite
        if connection is None:
            # As many prepared statements as the server keeps translations: with sqlite3's
            # default of 128, an app with more statements than that had each one compiled
            # again by SQLite on every run (~25 µs for a three-table join) although its
            # translation was cached.
            connection = sqlite3.connect(
                ":memory:", isolation_level=None, check_same_thread=False,
                detect_types=sqlite3.PARSE_DECLTYPES, cached_statements=cache.SIZE,
            )
            # A small write-ahead log: checkpointing every 100 pages (SQLite's default is 1000)
            # keeps the log's pages in the CPU's cache, which makes a one-row INSERT in
            # autocommit about a microsecond (10%) cheaper, and keeps the log files, which live
            # in the tab's memory under Pyodide, small; loading a dump takes as long as before.
            # A checkpoint never waits for readers (it stops at the oldest snapshot in use), so
            # isolation is as before. A setting of the connection: it holds for every database.
            connection.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT}")
            session.sqlite = connection
            session.attached = {}
            session.layout = -1
            self._sessions.add(session)
            self._prepare(connection, session)
        if session.layout != self.layout:
            self._catch_up(session)
        return connection

    def disconnect(self, session: "Session") -> None:
        """Close the session's connection: SQLite rolls back what it left uncommitted, as a
        MySQL server does for a client that went away."""
        if session.sqlite is not None:
            session.sqlite.close()
        session.sqlite = None
        session.attached = {}
        self._sessions.discard(session)

    def _catch_up(self, session: "Session") -> None:
        connection = session.sqlite
        if connection.in_transaction:
            return  # ATTACH/DETACH are refused now; the next statement outside one catches up
        for name, path in list(session.attached.items()):
            if self.files.get(name) != path:
                connection.execute("DETACH DATABASE " + quote(name))
                del session.attached[name]
        for name, path in self.files.items():
            if name not in session.attached:
                connection.execute("ATTACH DATABASE ? AS " + quote(name), (path,))
                # Durability means nothing for files in memory (or a throwaway temp dir).
                connection.execute(f"PRAGMA {quote(name)}.synchronous = OFF")
                session.attached[name] = path
        session.layout = self.layout
