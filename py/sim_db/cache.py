"""Translations by statement template and current database.

Parameters are bound separately (``:p1``, ``:p2``...), so an app that runs the same INSERT with
new values a thousand times parses it once. sqlglot is imported on the first miss only: the
statements every client sends on connect are answered by :mod:`sim_db.fastpath` and never get
here, which keeps sqlglot's import out of the page's start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .dialect import Translation


# Translations kept; each session's SQLite connection keeps as many prepared statements
# (sim_db.storage), so that a statement cached here is not compiled again by SQLite.
SIZE = 512


class TranslationCache:
    """A bounded map (statement text, database) -> Translation; counts hits and misses."""

    def __init__(self, size: int = SIZE, table=None) -> None:
        self._entries: dict[tuple[str, str | None], Translation] = {}
        # (database, name) -> the catalog's TableDefinition or None: translations may depend on
        # declared types, so the server clears the cache whenever DDL changes the catalog.
        self.table = table
        self.size = size
        self.hits = 0
        self.misses = 0

    def get(self, text: str, database: str | None, catalog=None) -> Translation:
        """``catalog``: the server's databases, handed to ``translate`` (see dialect.translate)."""
        key = (text, database)
        entry = self._entries.get(key)
        if entry is not None:
            self.hits += 1
            return entry
        self.misses += 1
        from .dialect import translate  # sqlglot's import, deferred to the first real statement

        entry = translate(text, database, self.table, catalog)
        if entry.kind in ("query", "upsert", "multi_update", "multi_delete"):  # DDL changes the catalog: translate it afresh each time
            if len(self._entries) >= self.size:
                self._entries.pop(next(iter(self._entries)))  # oldest first (dicts keep order)
            self._entries[key] = entry
        return entry

    def clear(self) -> None:
        self._entries.clear()
