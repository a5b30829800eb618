"""MATCH ... AGAINST: full-text search, which sim_db does not simulate.

MySQL answers a MATCH over columns that have no FULLTEXT index with 1191 "Can't find FULLTEXT
index matching the column list" (https://dev.mysql.com/doc/refman/8.0/en/fulltext-search.html:
"MATCH() ... takes a comma-separated list that names the columns to be searched" of a FULLTEXT
index), the answer a student who forgot the index gets. With such an index MySQL would search;
sim_db has no full-text parser or stopword list to search as InnoDB does, so it says so (1235).
"""

from __future__ import annotations

from .errors import mysql_error
from .server import Result, Server, Session, handles


@handles("fulltext")
def run_fulltext(server: Server, session: Session, translation, params) -> Result:
    from sqlglot import exp

    for match in translation.tree.find_all(exp.MatchAgainst):
        select = match.find_ancestor(exp.Select)
        tables = [t for t in select.find_all(exp.Table) if t.parent_select is select and t.name] if select else []
        tables = tables or [t for t in translation.tree.find_all(exp.Table) if t.name]
        wanted = {c.name.lower() for c in match.expressions if isinstance(c, exp.Column)}
        indexed = False
        for table in tables:
            definition = server.table(table.text("db") or session.database or "", table.name)
            if definition is None:
                raise mysql_error(1146, f"{table.text('db') or session.database}.{table.name}")
            if any(k.fulltext and {c.lower() for c in k.columns} == wanted for k in definition.keys):
                indexed = True
        if not indexed:
            raise mysql_error(1191)
    raise mysql_error(1235, "MATCH ... AGAINST (full-text search is not simulated)")  # as dialect.matchagainst_sql
