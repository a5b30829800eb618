"""A database image: every database of the server, with its catalog, as bytes.

Loading a project's ``seed.sql`` on each start means sqlglot parsing every statement of it —
for the starter's 100-row INSERT, the largest part of a warm start once Python itself comes from
a memory snapshot. The build runs the seed once under Pyodide and ships the resulting image;
the page loads it instead when ``seed.sql`` is unchanged (the image names the seed's hash).
SQLite's ``serialize`` and the bytes of a database file carry the data; the catalog (MySQL's declared types
and key names) travels beside it.
"""

from __future__ import annotations

import hashlib
import pickle
import re
import sqlite3

from . import types
from .server import Server

FORMAT = 2  # 2: TableDefinition.checks; text columns COLLATE MYSQL


def seed_digest(seed_text: str) -> str:
    return hashlib.sha256(seed_text.encode("utf-8")).hexdigest()


def dump(server: Server, seed_text: str) -> bytes:
    """The server's databases as loaded from ``seed_text``."""
    connection = server.sqlite_for(server.maintenance)
    data = {name: connection.serialize(name=name) for name in server.databases}
    return pickle.dumps(
        {"format": FORMAT, "seed": seed_digest(seed_text), "catalog": server.databases, "data": data}
    )


def load(server: Server, image: bytes, seed_text: str) -> bool:
    """Replace the server's databases with the image's; False (nothing done) when the image
    was made from another seed or by another version of sim_db. The image is the build's own
    output, shipped beside the page: it is trusted like the page's code."""
    state = pickle.loads(image)
    if state.get("format") != FORMAT or state.get("seed") != seed_digest(seed_text):
        return False
    server.reset()
    for name, data in state["data"].items():
        server.create_database(name, image=data)
    server.databases.update(state["catalog"])
    _register_column_types(server)
    return True


def _register_column_types(server: Server) -> None:
    """DECIMAL columns' converters are registered when their CREATE TABLE runs; an image's
    tables were created elsewhere, so register them from the declared types SQLite reports."""
    for name in server.databases:
        rows = server.sqlite_for(server.maintenance).execute(f'SELECT sql FROM "{name}".sqlite_master WHERE type = \'table\'')
        for (sql,) in rows:
            for scale in set(re.findall(r"MYSQL_DECIMAL_(\d+)", sql or "")):
                sqlite3.register_converter(f"MYSQL_DECIMAL_{scale}", types._decimal_converter(int(scale)))
