"""EXPLAIN of a query: MySQL 8's plan for the one case sim_db can state without an optimizer.

sim_db has no cost-based optimizer, so it cannot say which index MySQL would pick or how many
rows it would estimate for a join. A plain read of one table (no WHERE, no join, no grouping,
no ORDER BY, no subquery) is certain, though: MySQL scans the whole table, so its EXPLAIN row is
``type`` ALL, no keys, ``rows`` the table's row count (InnoDB's estimate, which counts each
insert), ``filtered`` 100 (https://dev.mysql.com/doc/refman/8.0/en/explain-output.html, with
MySQL 8's twelve columns). Anything else is 1235: a made-up plan would teach the wrong thing.
MySQL's note 1003 (the rewritten query, shown by SHOW WARNINGS) is not produced.
"""

from __future__ import annotations

from .errors import mysql_error
from .server import Result, Server, Session, handles

COLUMNS = ["id", "select_type", "table", "partitions", "type", "possible_keys", "key", "key_len", "ref", "rows", "filtered", "Extra"]


@handles("explain")
def run_explain(server: Server, session: Session, translation, params) -> Result:
    from sqlglot import exp

    select = translation.tree.this
    if not _plain_scan(select):
        raise mysql_error(1235, "EXPLAIN of this statement")
    table = select.args["from_"].this
    database = table.text("db") or session.database
    if database is None:
        raise mysql_error(1046)
    definition = server.table(database, table.name)
    if definition is None:
        raise mysql_error(1146, f"{database}.{table.name}")
    rows = server.sqlite_for(session).execute(f'SELECT COUNT(*) FROM "{database}"."{table.name}"').fetchone()[0]
    row = (1, "SIMPLE", table.alias_or_name, None, "ALL", None, None, None, None, rows, 100.0, None)
    return Result(COLUMNS, [row], field_types=[8, 253, 253, 253, 253, 253, 253, 253, 253, 8, 4, 253])


def _plain_scan(select) -> bool:
    from sqlglot import exp

    if not isinstance(select, exp.Select) or select.args.get("with_") is not None:
        return False
    source = select.args.get("from_")
    if source is None or not isinstance(source.this, exp.Table) or not source.this.name:
        return False
    for clause in ("joins", "where", "group", "having", "order", "distinct", "qualify", "windows"):
        if select.args.get(clause):
            return False
    return not any(select.find(kind) for kind in (exp.Subquery, exp.AggFunc, exp.Window))
