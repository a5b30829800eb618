"""CREATE TABLE new LIKE old: an empty copy of a table's definition.

MySQL copies the columns, indexes and CHECK constraints, but not the FOREIGN KEYs nor the
AUTO_INCREMENT counter, and names the copied CHECK constraints afresh
(https://dev.mysql.com/doc/refman/8.0/en/create-table-like.html). The old table's definition is
read back as MySQL text (SHOW CREATE TABLE's, sim_db.show), trimmed of what LIKE leaves out,
renamed, and created as any CREATE TABLE is. A missing old table is 1146.
"""

from __future__ import annotations

from .errors import mysql_error
from .server import Result, Server, Session, handles


@handles("create_table_like")
def run_create_table_like(server: Server, session: Session, translation, params) -> Result:
    from sqlglot import exp

    from .dialect import parse, prepare_create_table
    from .show import create_table_statement

    create = translation.tree
    target = create.this
    source = next(p.this for p in create.args["properties"].expressions if isinstance(p, exp.LikeProperty))
    database = target.text("db") or session.database
    source_database = source.text("db") or session.database
    if database is None or source_database is None:
        raise mysql_error(1046)
    if server.table(source_database, source.name) is None:
        raise mysql_error(1146, f"{source_database}.{source.name}")
    copy = parse(create_table_statement(server, source_database, source.name, session))
    schema = copy.this
    kept = []
    for item in schema.expressions:
        if isinstance(item, exp.Constraint) and any(isinstance(e, exp.ForeignKey) for e in item.expressions):
            continue  # LIKE copies no foreign keys
        if isinstance(item, exp.Constraint) and any(isinstance(e, exp.CheckColumnConstraint) for e in item.expressions):
            item = next(e for e in item.expressions if isinstance(e, exp.CheckColumnConstraint))  # named afresh
        kept.append(item)
    schema.set("expressions", kept)
    schema.set("this", exp.Table(this=exp.to_identifier(target.name), db=exp.to_identifier(database)))
    properties = copy.args.get("properties")
    if properties is not None:
        properties.set("expressions", [p for p in properties.expressions if not isinstance(p, exp.AutoIncrementProperty)])
    if create.args.get("exists"):
        copy.set("exists", True)
    return server._run_create_table(session, prepare_create_table(copy, database), params)
