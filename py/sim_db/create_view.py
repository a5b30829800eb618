"""CREATE VIEW checked as MySQL checks it: at creation, not when the view is first read.

SQLite stores a view's SELECT without resolving it, so a view over a missing table or column
is created and fails only when read. MySQL resolves the SELECT first: 1146 for a missing
table, 1054 for an unknown column (https://dev.mysql.com/doc/refman/8.0/en/create-view.html:
"The SELECT statement can refer to base tables or other views" that must exist). So the view
is created, read once with ``LIMIT 0``, and dropped again with MySQL's error if that fails.
"""

from __future__ import annotations

import sqlite3

from .server import Result, Server, Session, handles


@handles("create_view")
def run_create_view(server: Server, session: Session, translation, params) -> Result:
    result = server._run_query(session, translation, params)
    view = translation.tree.this
    name = f'"{view.text("db")}"."{view.name}"' if view.text("db") else f'"{view.name}"'
    connection = server.sqlite_for(session)
    try:
        connection.execute(f"SELECT * FROM {name} LIMIT 0").fetchall()
    except sqlite3.Error as error:
        failure = server._mysql_error_for(error, session, translation, params)
        connection.execute(f"DROP VIEW {name}")
        raise failure from None
    return result
