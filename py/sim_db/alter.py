"""ALTER TABLE, RENAME TABLE and TRUNCATE TABLE, with the catalog kept true and the data kept.

SQLite alters little in place (ADD COLUMN with a constant default, RENAME), so every ALTER TABLE
here is a rebuild, the procedure SQLite's manual gives for arbitrary changes
(https://www.sqlite.org/lang_altertable.html#otheralter): the catalog entry is changed as MySQL
changes its table definition, the new definition is written out as MySQL's CREATE TABLE text
and translated like any CREATE TABLE (so strict-mode CHECKs, DECIMAL rounding and timestamp
triggers come from the one place that makes them), the rows are copied across in their order,
and the old table is dropped — in one transaction, with SQLite's foreign keys off while the
table is swapped and checked afterwards. A copy that breaks a strict-mode rule fails as MySQL's
ALTER does: 1265 (data truncated), 1264 (out of range), 1366 (wrong integer), naming the row.
"""

from __future__ import annotations

import copy
import sqlite3

from pymysql.constants import FIELD_TYPE

from . import types, variables
from .catalog import Column, Key, TableDefinition, fulltext_capable
from .errors import mysql_error
from .server import Result, handles
from .show import column_definition

# sqlglot and the dialect are imported when the first ALTER/RENAME/TRUNCATE runs, not when
# sim_db is imported (the page's start-up never pays for sqlglot: see cache.py). By then the
# statement has been translated, so both are loaded already.
exp = dialect = None


def _load() -> None:
    global exp, dialect
    from sqlglot import exp

    from . import dialect


_NUMERIC_FIELD_TYPES = {
    FIELD_TYPE.TINY, FIELD_TYPE.SHORT, FIELD_TYPE.INT24, FIELD_TYPE.LONG, FIELD_TYPE.LONGLONG,
    FIELD_TYPE.FLOAT, FIELD_TYPE.DOUBLE, FIELD_TYPE.NEWDECIMAL, FIELD_TYPE.YEAR, FIELD_TYPE.BIT,
}


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _backquote(identifier: str) -> str:
    return "`" + identifier.replace("`", "``") + "`"


# --- the catalog as MySQL text ------------------------------------------------------------------


def create_table_sql(definition: TableDefinition) -> str:
    """The table as a MySQL CREATE TABLE statement (what SHOW CREATE TABLE would print, less
    the table options sim_db does not keep)."""
    lines = [column_definition(c) for c in definition.columns]  # SHOW CREATE TABLE's own text
    for key in definition.keys:
        columns = ", ".join(_backquote(c) for c in key.columns)
        if key.name == "PRIMARY":
            lines.append(f"PRIMARY KEY ({columns})")
        elif key.unique:
            lines.append(f"UNIQUE KEY {_backquote(key.name)} ({columns})")
        else:  # FULLTEXT/SPATIAL kept through the rebuild (SHOW CREATE TABLE and dumps print it)
            lines.append(f"{key.kind + ' ' if key.kind else ''}KEY {_backquote(key.name)} ({columns})")
    for name, condition in getattr(definition, "checks", []):
        lines.append(f"CONSTRAINT {_backquote(name)} CHECK ({condition})")
    for foreign in definition.foreign_keys:
        columns = ", ".join(_backquote(c) for c in foreign.columns)
        parents = ", ".join(_backquote(c) for c in foreign.parent_columns)
        text = f"CONSTRAINT {_backquote(foreign.name)} FOREIGN KEY ({columns}) REFERENCES {_backquote(foreign.parent)} ({parents})"
        lines.append(f"{text} {foreign.actions}" if foreign.actions else text)
    return f"CREATE TABLE {_backquote(definition.name)} (\n  " + ",\n  ".join(lines) + "\n)"


# --- statement kinds ------------------------------------------------------------------------------


def _existing(server, database: str, name: str) -> TableDefinition:
    if database not in server.databases:
        raise mysql_error(1049, database)
    definition = server.table(database, name)
    if definition is None:
        raise mysql_error(1146, f"{database}.{name}")
    return definition


@handles("truncate_table")
def run_truncate(server, session, translation, params) -> Result:
    """TRUNCATE TABLE: every row gone and AUTO_INCREMENT back to its start
    (https://dev.mysql.com/doc/refman/8.0/en/truncate-table.html); refused for a table another
    table's foreign key references (error 1701), as InnoDB does."""
    _load()
    server._implicit_commit(session)
    connection = server.sqlite_for(session)
    for table in translation.tree.expressions:
        database, name = table.text("db"), table.name
        definition = _existing(server, database, name)
        for child, child_definition in server.databases[database].items() if variables.foreign_key_checks(server, session) else ():
            for foreign in child_definition.foreign_keys:
                if foreign.parent == definition.name and child != definition.name:
                    raise mysql_error(1701, f"`{database}`.`{child}`, {foreign.describe().replace('REFERENCES `', f'REFERENCES `{database}`.`', 1)}")
        connection.execute(f"DELETE FROM {_quote(database)}.{_quote(name)}")
        _set_sequence(connection, database, name, None)
    server.cache.clear()
    return Result()


@handles("rename_table")
def run_rename(server, session, translation, params) -> Result:
    """RENAME TABLE a TO b[, c TO d]: one at a time, in order, as MySQL does."""
    _load()
    server._implicit_commit(session)
    for old, new in translation.tree:
        _rename(server, session, old.text("db"), old.name, new.text("db") or old.text("db"), new.name)
    return Result()


def _rename(server, session, database: str, name: str, new_database: str, new_name: str) -> None:
    definition = _existing(server, database, name)
    if new_database not in server.databases:
        raise mysql_error(1049, new_database)
    if new_name in server.databases[new_database]:
        raise mysql_error(1050, new_name)
    if new_database != database:
        raise mysql_error(1235, "RENAME TABLE across databases")
    connection = server.sqlite_for(session)
    connection.execute(f"ALTER TABLE {_quote(database)}.{_quote(name)} RENAME TO {_quote(new_name)}")
    tables = server.databases[database]
    del tables[name]
    definition.name = new_name
    tables[new_name] = definition
    for other in tables.values():
        for foreign in other.foreign_keys:
            if foreign.parent == name:
                foreign.parent = new_name
    # Index and trigger names carry the table's name: rebuild under the new one.
    _rebuild(server, session, database, definition, copy.deepcopy(definition), {c.name: c.name for c in definition.columns}, name)
    server.cache.clear()


@handles("create_like")
def run_create_like(server, session, translation, params) -> Result:
    """CREATE TABLE new LIKE old: the same columns, keys and checks, without its foreign keys
    (https://dev.mysql.com/doc/refman/8.0/en/create-table-like.html)."""
    _load()
    tree = translation.tree
    target, source = tree.this, tree.find(exp.LikeProperty).this
    definition = _existing(server, source.text("db"), source.name)
    server._implicit_commit(session)
    if target.name in server.databases.get(target.text("db"), {}):
        if tree.args.get("exists"):
            return Result()
        raise mysql_error(1050, target.name)
    new = copy.deepcopy(definition)
    new.name, new.foreign_keys = target.name, []
    new.checks = [(f"{target.name}_chk_{n.rpartition('_chk_')[2]}" if "_chk_" in n else n, c) for n, c in new.checks]
    _create(server, session, target.text("db"), new)
    return Result()


@handles("create_select")
def run_create_select(server, session, translation, params) -> Result:
    """CREATE TABLE new [AS] SELECT ...: a column per result column, typed as its source column
    (without keys or AUTO_INCREMENT) or, for an expression, by its values; then the rows
    (https://dev.mysql.com/doc/refman/8.0/en/create-table-select.html). Affected rows: those copied."""
    _load()
    import datetime
    import decimal

    tree = translation.tree
    database, name = tree.this.text("db"), tree.this.name
    if database not in server.databases:
        raise mysql_error(1049, database)
    if name in server.databases[database]:
        if tree.args.get("exists"):
            return Result()
        raise mysql_error(1050, name)
    server._implicit_commit(session)
    query = server.cache.get(translation.sql[0], database)
    result = server._run_query(session, query, params)
    columns = []
    for position, label in enumerate(result.columns):
        origin = query.origins[position] if query.origins and position < len(query.origins) else None
        found = None
        if origin and origin[0] == "column":
            for source_db, source_name in origin[1]:
                table = server.table(source_db, source_name)
                found = table.column(origin[2]) if table else None
                if found is not None:
                    break
        if found is not None:
            columns.append(Column(label, found.mysql_type, found.nullable, found.default, extra=found.extra.replace("auto_increment", "").strip()))
            continue
        values = [row[position] for row in result.rows if row[position] is not None]
        sample = values[0] if values else None
        if isinstance(sample, bool) or isinstance(sample, int):
            kind = "bigint"
        elif isinstance(sample, float):
            kind = "double"
        elif isinstance(sample, decimal.Decimal):
            scale = max(-v.as_tuple().exponent for v in values)
            kind = f"decimal(65,{max(scale, 0)})"
        elif isinstance(sample, datetime.datetime):
            kind = "datetime"
        elif isinstance(sample, datetime.date):
            kind = "date"
        elif isinstance(sample, datetime.timedelta):
            kind = "time"
        elif isinstance(sample, bytes):
            kind = "blob"
        else:
            expression = query.tree.expressions[position] if isinstance(query.tree, exp.Select) else None
            length = _text_length(server, query.tree, expression.unalias() if expression is not None else None)
            kind = f"varchar({length if length is not None else max([len(str(v)) for v in values] + [255])})"
        columns.append(Column(label, kind, True, None))
    if len({c.name.lower() for c in columns}) != len(columns):
        duplicate = next(c.name for c in columns if sum(d.name.lower() == c.name.lower() for d in columns) > 1)
        raise mysql_error(1060, duplicate)
    _create(server, session, database, TableDefinition(name, columns))
    from . import types as value_types

    connection = server.sqlite_for(session)
    listed = ", ".join(_quote(c.name) for c in columns)
    marks = ", ".join("?" for _ in columns)
    try:
        connection.executemany(
            f"INSERT INTO {_quote(database)}.{_quote(name)} ({listed}) VALUES ({marks})",
            [[value_types.to_storage(v) for v in row] for row in result.rows],
        )
    except sqlite3.Error as error:
        connection.execute(f"DROP TABLE {_quote(database)}.{_quote(name)}")
        del server.databases[database][name]
        raise server._mysql_error_for(error, session, query, params) from None
    server.cache.clear()
    return Result(rowcount=len(result.rows))


def _text_length(server, select, expression) -> int | None:
    """The declared length MySQL gives a string expression: a CHAR/VARCHAR column's, a literal's,
    CONCAT's sum of its arguments'; None when it is not worked out here."""
    if isinstance(expression, exp.Literal):
        return len(expression.this)
    if isinstance(expression, exp.Column):
        for table in select.find_all(exp.Table):
            definition = server.table(table.text("db"), table.name)
            column = definition.column(expression.name) if definition else None
            if column is not None and column.mysql_type.startswith(("varchar(", "char(")):
                return int(column.mysql_type.partition("(")[2].rstrip(")"))
        return None
    if isinstance(expression, (exp.Concat, exp.ConcatWs)):
        parts = [_text_length(server, select, e) for e in expression.expressions]
        return None if None in parts else sum(parts)
    if isinstance(expression, exp.Anonymous) and expression.name.upper() == "MYSQL_DECIMAL_TEXT":
        return None
    return None


def _create(server, session, database: str, definition: TableDefinition) -> None:
    """Make a table from a catalog entry (as its MySQL CREATE TABLE would) and register it."""
    translation = dialect.prepare_create_table(dialect.parse(create_table_sql(definition)), database)
    connection = server.sqlite_for(session)
    for statement in translation.sql:
        connection.execute(statement)
    server.databases[database][definition.name] = translation.table
    server.cache.clear()


@handles("create_index")
def run_create_index(server, session, translation, params) -> Result:
    """CREATE [UNIQUE|FULLTEXT|SPATIAL] INDEX name ON t (cols): ALTER TABLE t ADD ... INDEX name (cols)."""
    _load()
    tree = translation.tree
    index = tree.this
    table = index.args["table"]
    columns = [o.this.name if isinstance(o, exp.Ordered) else o.name for o in index.args["params"].args.get("columns") or []]
    return _with_keys_changed(
        server, session, table,
        lambda new: _add_key(new, index.name, columns, bool(tree.args.get("unique")), index.args.get("kind") or ""),
    )


@handles("drop_index")
def run_drop_index(server, session, translation, params) -> Result:
    """DROP INDEX name ON t: ALTER TABLE t DROP INDEX name."""
    _load()
    tree = translation.tree
    table = tree.args["cluster"].this
    return _with_keys_changed(
        server, session, table, lambda new: _drop(new, exp.Drop(kind="INDEX", tables=[exp.to_table(tree.args["tables"][0].name)]))
    )


def _with_keys_changed(server, session, table, change) -> Result:
    """CREATE/DROP INDEX are ALTER TABLE to MySQL: the table rebuilt with ``change`` applied to
    a copy of its catalog entry, every column kept."""
    definition = _existing(server, table.text("db"), table.name)
    server._implicit_commit(session)
    new = copy.deepcopy(definition)
    change(new)
    _rebuild(server, session, table.text("db"), definition, new, {c.name: c.name for c in definition.columns})
    server.cache.clear()
    return Result()


@handles("alter_table")
def run_alter(server, session, translation, params) -> Result:
    _load()
    tree = translation.tree
    database, name = tree.this.text("db"), tree.this.name
    old = _existing(server, database, name)
    server._implicit_commit(session)
    new = copy.deepcopy(old)
    # new column name -> the old column its values come from (None: a new column)
    sources: dict[str, str | None] = {c.name: c.name for c in old.columns}
    rename_to = None
    needs_rebuild = False
    for action in tree.args.get("actions") or []:
        if isinstance(action, exp.AlterRename):
            rename_to = action.this
            continue
        needs_rebuild = True
        _apply(server, database, new, sources, action, variables.foreign_key_checks(server, session))
    if not new.columns:
        raise mysql_error(1090)
    connection = server.sqlite_for(session)
    counter = None
    for option in tree.args.get("options") or []:
        if isinstance(option, exp.AutoIncrementProperty):
            counter = int(option.this.name)
    rows = 0
    if needs_rebuild:
        rows = _rebuild(server, session, database, old, new, sources)
        if not _copies_rows(old, new, sources):
            rows = 0
    if counter is not None:
        _set_sequence(connection, database, new.name, counter)
    if rename_to is not None:
        _rename(server, session, database, new.name, rename_to.text("db") or database, rename_to.name)
    server.cache.clear()
    return Result(rowcount=rows)


def _made_from_catalog(object_name: str, table: str) -> bool:
    """Whether an index or trigger is one prepare_create_table makes from the catalog (named
    ``<table>.<key>`` or ``<table>.<column>.decimal_insert``...), so the rebuild makes it again."""
    return object_name.startswith(f"{table}.")


def _copies_rows(old: TableDefinition, new: TableDefinition, sources: dict) -> bool:
    """Whether MySQL 8 runs this ALTER with the COPY algorithm, whose rows it reports as
    affected; INSTANT and INPLACE changes (add/drop/rename a column, defaults, indexes, a
    VARCHAR made longer) report 0 (https://dev.mysql.com/doc/refman/8.0/en/innodb-online-ddl-operations.html).
    A changed column type and a new foreign key (checked against the rows) copy."""
    if len(new.foreign_keys) > len(old.foreign_keys) or len(new.checks) > len(old.checks):
        return True  # new rows to check against the old ones: a copy
    for column in new.columns:
        source = old.column(sources.get(column.name) or "")
        if source is None or source.mysql_type == column.mysql_type:
            continue
        before, after = source.mysql_type, column.mysql_type
        if before.startswith("enum(") and after.startswith(before[:-1]):
            continue  # members added at the end of an ENUM: in place
        if before.startswith("varchar(") and after.startswith("varchar("):
            old_length, new_length = int(before[8:-1]), int(after[8:-1])
            if new_length >= old_length and (old_length < 64) == (new_length < 64):
                continue  # utf8mb4: up to 255 bytes keeps a 1-byte length prefix
        return True
    return False


# --- one ALTER action on the catalog ----------------------------------------------------------


def _apply(server, database: str, table: TableDefinition, sources: dict, action, foreign_key_checks: bool = True) -> None:
    if isinstance(action, exp.ColumnDef):
        _add_column(table, sources, action)
    elif isinstance(action, exp.ModifyColumn):
        _modify_column(table, sources, action)
    elif isinstance(action, exp.RenameColumn):
        old_name, new_name = action.this.name, action.args["to"].name
        column = _column(table, old_name)
        if table.column(new_name) is not None and new_name.lower() != old_name.lower():
            raise mysql_error(1060, new_name)
        _rename_column(table, sources, column, new_name)
    elif isinstance(action, exp.AlterColumn):
        column = _column(table, action.this.name)
        if action.args.get("drop"):
            column.default = None
            column.extra = column.extra.replace("DEFAULT_GENERATED", "").strip()
        elif action.args.get("default") is not None:
            value = action.args["default"]
            generated = not isinstance(value, (exp.Literal, exp.Null, exp.Boolean))
            column.extra = (column.extra.replace("DEFAULT_GENERATED", "").strip() + (" DEFAULT_GENERATED" if generated else "")).strip()
            if isinstance(value, exp.Null):
                column.default = None
            elif isinstance(value, exp.Boolean):
                column.default = "1" if value.this else "0"
            elif isinstance(value, exp.CurrentTimestamp):
                column.default = "CURRENT_TIMESTAMP"
            elif generated:
                column.default = (value.this if isinstance(value, exp.Paren) else value).sql("mysql").lower()
            else:
                column.default = value.name
        else:
            raise mysql_error(1235, "this ALTER COLUMN")
    elif isinstance(action, exp.Drop):
        _drop(table, action)
    elif isinstance(action, exp.DropPrimaryKey):
        if not any(k.name == "PRIMARY" for k in table.keys):
            raise mysql_error(1091, "PRIMARY")
        table.keys = [k for k in table.keys if k.name != "PRIMARY"]
        for column in table.columns:  # an AUTO_INCREMENT column must stay the first of a key
            if "auto_increment" in column.extra and not any(k.columns[0] == column.name for k in table.keys):
                raise mysql_error(1075)
    elif isinstance(action, exp.AddConstraint):
        for item in action.expressions:
            _add_constraint(server, database, table, item, foreign_key_checks)
    else:
        raise mysql_error(1235, f"ALTER TABLE {action.key.upper()}")


def _column(table: TableDefinition, name: str) -> Column:
    column = table.column(name)
    if column is None:
        raise mysql_error(1054, name, table.name)
    return column


def _place(table: TableDefinition, column: Column, position) -> None:
    """Put ``column`` FIRST or AFTER another, or last (ADD) / where it was (MODIFY)."""
    if position is None:
        return
    table.columns.remove(column)
    if position.args.get("position") == "FIRST":
        table.columns.insert(0, column)
        return
    anchor = table.column(position.this.name)
    if anchor is None:
        raise mysql_error(1054, position.this.name, table.name)
    table.columns.insert(table.columns.index(anchor) + 1, column)


def _described(definition: exp.ColumnDef, table: TableDefinition) -> Column:
    column = dialect.describe_column(definition)
    for constraint in definition.constraints:
        if isinstance(constraint.kind, exp.PrimaryKeyColumnConstraint):
            if any(k.name == "PRIMARY" for k in table.keys):
                raise mysql_error(1068)
            table.keys.insert(0, Key("PRIMARY", [column.name], True))
            column.nullable = False
        elif isinstance(constraint.kind, exp.UniqueColumnConstraint):
            table.keys.append(Key(_key_name(table, column.name), [column.name], True))
    return column


def _add_column(table: TableDefinition, sources: dict, definition: exp.ColumnDef) -> None:
    if table.column(definition.name) is not None:
        raise mysql_error(1060, definition.name)
    column = _described(definition, table)
    table.columns.append(column)
    sources[column.name] = None
    _place(table, column, definition.args.get("position"))


def _modify_column(table: TableDefinition, sources: dict, action: exp.ModifyColumn) -> None:
    definition = action.this
    old_name = action.args["rename_from"].name if action.args.get("rename_from") else definition.name
    current = _column(table, old_name)
    if definition.name.lower() != old_name.lower() and table.column(definition.name) is not None:
        raise mysql_error(1060, definition.name)
    column = _described(definition, table)
    column.key = current.key
    table.columns[table.columns.index(current)] = column
    source = sources.pop(current.name)
    sources[column.name] = source
    _rename_in_keys(table, current.name, column.name)
    _place(table, column, definition.args.get("position"))


def _rename_column(table: TableDefinition, sources: dict, column: Column, new_name: str) -> None:
    source = sources.pop(column.name)
    old_name = column.name
    column.name = new_name
    sources[new_name] = source
    _rename_in_keys(table, old_name, new_name)


def _rename_in_keys(table: TableDefinition, old: str, new: str) -> None:
    rename = lambda names: [new if n.lower() == old.lower() else n for n in names]
    for key in table.keys:
        key.columns = rename(key.columns)
    for foreign in table.foreign_keys:
        foreign.columns = rename(foreign.columns)


def _drop(table: TableDefinition, action: exp.Drop) -> None:
    kind = (action.args.get("kind") or "").upper()
    target = action.args["tables"][0].name
    if kind == "COLUMN":
        column = table.column(target)
        if column is None:
            raise mysql_error(1091, target)
        for foreign in table.foreign_keys:
            if column.name in foreign.columns:
                raise mysql_error(1828, column.name, foreign.name)
        table.columns.remove(column)
        for key in table.keys:
            key.columns = [c for c in key.columns if c != column.name]
        table.keys = [k for k in table.keys if k.columns]
    elif kind == "INDEX":
        found = [k for k in table.keys if k.name.lower() == target.lower()]
        if not found:
            raise mysql_error(1091, target)
        table.keys.remove(found[0])
    elif kind in ("CONSTRAINT", "CHECK"):  # MySQL 8.0.19+: a UNIQUE key, foreign key or CHECK, by name
        same = target.lower()
        keys = [k for k in table.keys if kind == "CONSTRAINT" and k.unique and k.name.lower() == same and k.name != "PRIMARY"]
        foreign = [f for f in table.foreign_keys if kind == "CONSTRAINT" and f.name.lower() == same]
        checks = [c for c in table.checks if c[0].lower() == same]
        if not keys and not foreign and not checks:
            raise mysql_error(3940 if kind == "CONSTRAINT" else 3821, target)
        table.keys = [k for k in table.keys if k not in keys]
        table.foreign_keys = [f for f in table.foreign_keys if f not in foreign]
        table.checks = [c for c in table.checks if c not in checks]
    elif kind == "FOREIGN KEY":
        found = [f for f in table.foreign_keys if f.name.lower() == target.lower()]
        if not found:
            raise mysql_error(1091, target)
        table.foreign_keys.remove(found[0])
    else:
        raise mysql_error(1235, f"ALTER TABLE DROP {kind}")


def _key_name(table: TableDefinition, first_column: str) -> str:
    """An unnamed index is named after its first column, then ``_2``, ``_3``... as MySQL does."""
    taken = {k.name.lower() for k in table.keys}
    name, number = first_column, 2
    while name.lower() in taken:
        name, number = f"{first_column}_{number}", number + 1
    return name


def _add_key(table: TableDefinition, name: str | None, columns: list[str], unique: bool, kind: str = "") -> None:
    """``kind``: FULLTEXT or SPATIAL, kept for SHOW CREATE TABLE and dumps (a plain index here)."""
    for column in columns:
        if table.column(column) is None:
            raise mysql_error(1072, column)
        if kind == "FULLTEXT" and not fulltext_capable(table.column(column)):
            raise mysql_error(1283, table.column(column).name)
    columns = [table.column(c).name for c in columns]
    if name is None:
        name = _key_name(table, columns[0])
    elif any(k.name.lower() == name.lower() for k in table.keys):
        raise mysql_error(1061, name)
    table.keys.append(Key(name, columns, unique, kind))


def _add_constraint(server, database: str, table: TableDefinition, item, foreign_key_checks: bool = True) -> None:
    name = None
    if isinstance(item, exp.Constraint):
        name = item.name
        item = item.expressions[0]
    if isinstance(item, exp.IndexColumnConstraint):
        _add_key(table, item.name or None, [c.name for c in item.expressions], False, (item.args.get("kind") or "").upper())
    elif isinstance(item, exp.UniqueColumnConstraint):
        schema = item.this
        columns = [c.name for c in schema.expressions] if isinstance(schema, exp.Schema) else [c.name for c in item.expressions]
        if isinstance(schema, exp.Schema) and schema.name:
            name = schema.name
        _add_key(table, name, columns, True)
    elif isinstance(item, exp.PrimaryKey):
        if any(k.name == "PRIMARY" for k in table.keys):
            raise mysql_error(1068)
        columns = [c.name for c in item.expressions]
        _add_key(table, "PRIMARY", columns, True)
        table.keys.insert(0, table.keys.pop())
        for column in columns:
            table.column(column).nullable = False
    elif isinstance(item, exp.CheckColumnConstraint):
        numbers = [int(c[0].rpartition("_chk_")[2]) for c in table.checks if c[0].rpartition("_chk_")[2].isdigit()]
        name = name or f"{table.name}_chk_{max(numbers, default=0) + 1}"
        if any(c[0].lower() == name.lower() for c in table.checks):
            raise mysql_error(3822, name)
        table.checks.append((name, item.this.sql("mysql")))
    elif isinstance(item, exp.ForeignKey):
        numbers = [int(f.name.rpartition("_ibfk_")[2]) for f in table.foreign_keys if f.name.rpartition("_ibfk_")[2].isdigit()]
        described = dialect.describe_foreign_key(item, table.name, max(numbers, default=0) + 1)
        if name:
            described.name = name
        if any(f.name.lower() == described.name.lower() for f in table.foreign_keys):
            raise mysql_error(1826, described.name)
        for column in described.columns:
            if table.column(column) is None:
                raise mysql_error(1072, column)
        if foreign_key_checks and described.parent != table.name and server.table(database, described.parent) is None:
            raise mysql_error(1824, described.parent)
        table.foreign_keys.append(described)
    else:
        raise mysql_error(1235, f"ALTER TABLE ADD {item.key.upper()}")


# --- the rebuild ----------------------------------------------------------------------------------


def _sequence(connection, database: str, name: str) -> int | None:
    try:
        row = connection.execute(f"SELECT seq FROM {_quote(database)}.sqlite_sequence WHERE name = ?", (name,)).fetchone()
    except sqlite3.OperationalError:  # no AUTOINCREMENT table in this database yet
        return None
    return row[0] if row else None


def _set_sequence(connection, database: str, name: str, next_value: int | None) -> None:
    """Make the next AUTO_INCREMENT value ``next_value`` (never below the largest id stored,
    as InnoDB does); None restarts the counter."""
    try:
        connection.execute(f"DELETE FROM {_quote(database)}.sqlite_sequence WHERE name = ?", (name,))
        if next_value is not None:
            connection.execute(f"INSERT INTO {_quote(database)}.sqlite_sequence (name, seq) VALUES (?, ?)", (name, next_value - 1))
    except sqlite3.OperationalError:
        pass  # no AUTOINCREMENT column: MySQL accepts the option and it changes nothing visible


def _rebuild(server, session, database: str, old: TableDefinition, new: TableDefinition, sources: dict, previous_name: str | None = None) -> int:
    """Replace ``old``'s SQLite table by one made from ``new``, copying the rows; the number of
    rows copied (MySQL reports them as affected)."""
    create = dialect.parse(create_table_sql(new))
    translation = dialect.prepare_create_table(create, database)
    connection = server.sqlite_for(session)
    schema, table = _quote(database), _quote(old.name)
    stash = _quote(f"{old.name}__sim_db_alter")
    sequence = _sequence(connection, database, old.name)
    connection.execute("PRAGMA foreign_keys = OFF")
    connection.execute("PRAGMA legacy_alter_table = ON")
    try:
        connection.execute("BEGIN")
        try:
            kept = []  # indexes and triggers made by other statements (CREATE INDEX, CREATE TRIGGER)
            for kind, object_name, sql in connection.execute(
                f"SELECT type, name, sql FROM {schema}.sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL",
                (old.name,),
            ).fetchall():
                connection.execute(f"DROP {kind.upper()} {schema}.{_quote(object_name)}")
                if not _made_from_catalog(object_name, old.name) and not (previous_name and _made_from_catalog(object_name, previous_name)):
                    kept.append(sql)
            connection.execute(f"ALTER TABLE {schema}.{table} RENAME TO {stash}")
            for statement in translation.sql:
                connection.execute(statement)
            chosen = _copy_expressions(new, sources, old)
            targets = list(chosen)
            rows = 0
            if targets:
                listed = ", ".join(_quote(c) for c in targets)
                copy_sql = (
                    f"INSERT INTO {schema}.{_quote(new.name)} ({listed}) "
                    f"SELECT {', '.join(chosen.values())} FROM {schema}.{stash} ORDER BY rowid"
                )
                try:
                    rows = connection.execute(copy_sql).rowcount
                except sqlite3.IntegrityError as error:
                    raise _copy_error(connection, schema, stash, new, copy_sql, targets, error) from None
            else:
                rows = connection.execute(f"SELECT COUNT(*) FROM {schema}.{stash}").fetchone()[0]
            connection.execute(f"DROP TABLE {schema}.{stash}")
            for sql in kept:  # as MySQL keeps them; one naming a column that is gone is dropped
                try:
                    connection.execute(sql)
                except sqlite3.Error:
                    pass
            if sequence is not None and any("auto_increment" in c.extra for c in new.columns):
                _set_sequence(connection, database, new.name, sequence + 1)
            problems = []
            if variables.foreign_key_checks(server, session):  # off under SET FOREIGN_KEY_CHECKS = 0
                problems = connection.execute(f"PRAGMA {schema}.foreign_key_check({_quote(new.name)})").fetchall()
            if problems:
                foreign = new.foreign_keys[-1] if new.foreign_keys else None
                raise mysql_error(1452, f"`{database}`.`{new.name}`, {foreign.describe()}" if foreign else f"`{database}`")
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
    finally:
        connection.execute("PRAGMA legacy_alter_table = OFF")
        connection.execute("PRAGMA foreign_keys = ON")
        variables.foreign_keys_changed(session)  # the session's FOREIGN_KEY_CHECKS may be off
    server.databases[database][new.name] = translation.table
    # Column flags (PRI/UNI/MUL) as the fresh translation worked them out.
    return rows


_INTEGER_TYPES = ("tinyint", "smallint", "mediumint", "int", "integer", "bigint", "year")
_INEXACT_TYPES = ("decimal", "numeric", "float", "double", "real")


def _copy_expressions(table: TableDefinition, sources: dict, old: TableDefinition | None = None) -> dict[str, str]:
    """What each column of the rebuilt table is filled with: its old column's values, or for a
    NOT NULL column added without a DEFAULT, its type's implicit default (0, '': MySQL fills
    existing rows so, https://dev.mysql.com/doc/refman/8.0/en/data-type-defaults.html). Columns
    left out take their DEFAULT."""
    chosen = {}
    for column in table.columns:
        source = sources.get(column.name)
        if source is not None:
            chosen[column.name] = _quote(source)
            before = old.column(source) if old is not None else None
            base = column.mysql_type.split("(")[0].split()[0]
            if before is not None and base in _INTEGER_TYPES and before.mysql_type.split("(")[0].split()[0] in _INEXACT_TYPES:
                # DECIMAL/DOUBLE to an integer type rounds (12.5 -> 13), as MySQL's conversion does
                unsigned = int("unsigned" in column.mysql_type)
                chosen[column.name] = f"MYSQL_CAST_INTEGER({_quote(source)}, {unsigned})"
        elif not column.nullable and column.default is None and "auto_increment" not in column.extra:
            numeric = types.declared_field_type(column.mysql_type) in _NUMERIC_FIELD_TYPES
            dated = column.mysql_type in ("date", "datetime", "timestamp")
            chosen[column.name] = "0" if numeric else ("'0000-00-00'" if dated else "''")
    return chosen


def _copy_error(connection, schema, stash, new: TableDefinition, copy_sql: str, targets: list[str], error):
    """The MySQL error for the first row the copy refused, numbered as MySQL counts rows: the
    rows are copied again one by one (in the rolled-back statement's place) until one fails."""
    row, failure = 0, error
    for (rowid,) in connection.execute(f"SELECT rowid FROM {schema}.{stash} ORDER BY rowid").fetchall():
        row += 1
        try:
            connection.execute(copy_sql.replace(" ORDER BY rowid", f" WHERE rowid = {int(rowid)}"))
        except sqlite3.IntegrityError as refused:
            failure = refused
            break
    message = str(failure)
    number, _, column = message.partition("CHECK constraint failed: ")[2].partition(" ")
    if number == "3819":  # a row the new CHECK refuses
        return mysql_error(3819, column)
    if not number:
        if "NOT NULL" in message:
            return mysql_error(1138)
        if message.startswith("UNIQUE constraint failed: "):  # a new UNIQUE key over duplicates
            names = [part.rpartition(".")[2] for part in message.partition(": ")[2].split(", ")]
            key = next((k for k in new.keys if k.unique and [c.lower() for c in k.columns] == [n.lower() for n in names]), None)
            values = [_copied_value(connection, copy_sql, rowid, targets, n) for n in names]
            return mysql_error(1062, "-".join(str(v) for v in values), f"{new.name}.{key.name if key else 'PRIMARY'}")
        return mysql_error(1064, message, 1)
    declared = new.column(column)
    kind = declared.mysql_type.split("(")[0].split()[0] if declared else ""
    if number in ("1406", "1265"):  # too long, or not one of an ENUM's values
        return mysql_error(1265, column, row)
    if number in ("1366", "1292"):
        value = _copied_value(connection, copy_sql, rowid, targets, declared.name if declared else column)
        if number == "1292":
            return mysql_error(1292, "date" if kind == "date" else "datetime", value, column, row)
        return mysql_error(1366, "decimal" if kind in ("decimal", "numeric") else "integer", value, column, row)
    return mysql_error(1264, column, row)


def _copied_value(connection, copy_sql: str, rowid: int, targets: list[str], column: str):
    """The value the copy gives ``column`` in one row (for the error message)."""
    if column not in targets:
        return "?"
    select = copy_sql[copy_sql.index(" SELECT ") + 1 :].replace(" ORDER BY rowid", f" WHERE rowid = {int(rowid)}")
    found = connection.execute(select).fetchone()
    return found[targets.index(column)] if found else "?"
