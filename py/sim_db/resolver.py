"""What MySQL refuses once a statement has parsed, seen from the statement alone.

MySQL resolves a statement's names and shapes before it runs it; SQLite checks less (a column
defined twice is its own error, two SELECTs of a UNION of different widths and an ``IN``
subquery of two columns are errors in SQLite's words) or nothing at all (an AUTO_INCREMENT
column without a key, ``DECIMAL(5,10)``, a HAVING naming a column the SELECT does not give).
These checks read the sqlglot tree (and, for table names, the catalog's names) and raise
MySQL 8's error (https://dev.mysql.com/doc/mysql-errors/8.0/en/server-error-reference.html).
"""

from __future__ import annotations

import re

from sqlglot import exp

from . import types
from .errors import mysql_error

# --- CREATE TABLE -----------------------------------------------------------------------------

_AUTO_INCREMENT_TYPES = set(types.INTEGER_RANGES) | {"FLOAT", "DOUBLE"}
_FRACTIONAL = {"DECIMAL", "NUMERIC", "FLOAT", "DOUBLE", "BIGDECIMAL"}
# Longest CHAR and VARCHAR in characters with utf8mb4, MySQL 8's default character set
# (https://dev.mysql.com/doc/refman/8.0/en/char.html: a VARCHAR's 65,535 bytes / 4 bytes a character).
_MAX_LENGTH = {"CHAR": 255, "VARCHAR": 16383}


def check_create_table(create: exp.Create) -> None:
    """1060 (a column twice), 1427 (M < D), 1074 (too long a CHAR/VARCHAR), 1063
    (AUTO_INCREMENT on a non-number) and 1075 (more than one AUTO_INCREMENT column, or one that
    does not begin a key: https://dev.mysql.com/doc/refman/8.0/en/example-auto-increment.html)."""
    schema = create.this
    if not isinstance(schema, exp.Schema):
        return
    seen: set[str] = set()
    auto: list[str] = []
    for item in schema.expressions:
        if not isinstance(item, exp.ColumnDef):
            continue
        if item.name.lower() in seen:
            raise mysql_error(1060, item.name)
        seen.add(item.name.lower())
        kind = item.args.get("kind")
        type_name = kind.this.name if isinstance(kind, exp.DataType) else ""
        params = [p.name for p in kind.expressions] if isinstance(kind, exp.DataType) else []
        if type_name in _FRACTIONAL and len(params) == 2 and all(p.isdigit() for p in params) and int(params[1]) > int(params[0]):
            raise mysql_error(1427, item.name)
        if type_name in _MAX_LENGTH and params and params[0].isdigit() and int(params[0]) > _MAX_LENGTH[type_name]:
            raise mysql_error(1074, item.name, _MAX_LENGTH[type_name])
        if any(isinstance(c.kind, exp.AutoIncrementColumnConstraint) for c in item.constraints):
            if type_name not in _AUTO_INCREMENT_TYPES:
                raise mysql_error(1063, item.name)
            auto.append(item.name.lower())
        check_default(item)
    if len(auto) > 1 or (auto and auto[0] not in _key_leaders(schema)):
        raise mysql_error(1075)
    _check_keys(schema, seen)
    _check_engine(create)


def _check_keys(schema: exp.Schema, columns: set[str]) -> None:
    """1068 for a second PRIMARY KEY, 1072 for a key over a column the table lacks."""
    primary = 0
    for item in schema.expressions:
        if isinstance(item, exp.ColumnDef):
            primary += sum(isinstance(c.kind, exp.PrimaryKeyColumnConstraint) for c in item.constraints)
            continue
        for key in [item, *item.expressions] if isinstance(item, exp.Constraint) else [item]:
            listed = []
            if isinstance(key, exp.PrimaryKey):
                primary += 1
                listed = key.expressions
            elif isinstance(key, exp.IndexColumnConstraint):
                listed = key.expressions
            elif isinstance(key, exp.UniqueColumnConstraint):
                listed = key.this.expressions if isinstance(key.this, exp.Schema) else key.expressions
            elif isinstance(key, exp.ForeignKey):
                listed = key.expressions
            for column in listed:
                column = column.this if isinstance(column, exp.Ordered) else column
                if isinstance(column, (exp.Column, exp.Identifier)) and column.name.lower() not in columns:
                    raise mysql_error(1072, column.name)
    if primary > 1:
        raise mysql_error(1068)


# The storage engines of a standard MySQL 8.0 server (SHOW ENGINES); with NO_ENGINE_SUBSTITUTION
# in the default sql_mode another name is error 1286, not a quiet switch to InnoDB.
_ENGINES = {"innodb", "myisam", "memory", "heap", "csv", "archive", "blackhole", "merge", "mrg_myisam"}


def _check_engine(create: exp.Create) -> None:
    properties = create.args.get("properties")
    for prop in properties.expressions if properties is not None else ():
        if isinstance(prop, exp.EngineProperty) and prop.name.lower() not in _ENGINES:
            raise mysql_error(1286, prop.name)


def check_default(column: exp.ColumnDef) -> None:
    """1067 'Invalid default value' for a default the column cannot hold: NULL for a NOT NULL
    column, text that is no number for a number column, text longer than a CHAR/VARCHAR."""
    kind = column.args.get("kind")
    type_name = kind.this.name if isinstance(kind, exp.DataType) else ""
    params = [p.name for p in kind.expressions] if isinstance(kind, exp.DataType) else []
    not_null = any(isinstance(c.kind, (exp.NotNullColumnConstraint, exp.PrimaryKeyColumnConstraint)) and not c.kind.args.get("allow_null") for c in column.constraints)
    for constraint in column.constraints:
        if not isinstance(constraint.kind, exp.DefaultColumnConstraint):
            continue
        value = constraint.kind.this
        if isinstance(value, exp.Null) and not_null:
            raise mysql_error(1067, column.name)
        if isinstance(value, exp.Literal) and value.is_string:
            if type_name in _NUMBERS and not _WELL_FORMED.fullmatch(value.this):
                raise mysql_error(1067, column.name)
            if type_name in _MAX_LENGTH and params and params[0].isdigit() and len(value.this) > int(params[0]):
                raise mysql_error(1067, column.name)


_NUMBERS = set(types.INTEGER_RANGES) | _FRACTIONAL
_WELL_FORMED = re.compile(r"\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*")


def _key_leaders(schema: exp.Schema) -> set[str]:
    """The (lower-case) first column of each key the table defines."""
    leaders = set()
    for item in schema.expressions:
        if isinstance(item, exp.ColumnDef):
            if any(isinstance(c.kind, (exp.PrimaryKeyColumnConstraint, exp.UniqueColumnConstraint)) for c in item.constraints):
                leaders.add(item.name.lower())
            continue
        for key in [item, *item.expressions] if isinstance(item, exp.Constraint) else [item]:
            columns = []
            if isinstance(key, (exp.PrimaryKey, exp.IndexColumnConstraint)):
                columns = key.expressions
            elif isinstance(key, exp.UniqueColumnConstraint):
                columns = key.this.expressions if isinstance(key.this, exp.Schema) else key.expressions
            if columns:
                first = columns[0]
                leaders.add((first.this if isinstance(first, exp.Ordered) else first).name.lower())
    return leaders


# --- queries ----------------------------------------------------------------------------------


def check_query(tree: exp.Expression) -> None:
    """1066, 1222, 1241 and HAVING's 1054, for every SELECT in the statement."""
    for union in tree.find_all(exp.SetOperation):
        left, right = _width(union.this), _width(union.expression)
        if left is not None and right is not None and left != right:
            raise mysql_error(1222)  # the SELECTs of a UNION give different numbers of columns
    for node in tree.find_all(exp.Subquery, exp.In):
        _check_operand(node)
    for node in tree.find_all(exp.Any, exp.All):
        width = _width(node.this)
        if width is not None and width != 1 and not isinstance(node.parent.args.get("this"), exp.Tuple):
            raise mysql_error(1241, 1)  # g > ALL (SELECT g, id ...)
    for node in tree.find_all(exp.In, exp.Any, exp.All):
        query = node.args.get("query") if isinstance(node, exp.In) else node.this
        query = query.this if isinstance(query, exp.Subquery) else query
        if isinstance(query, exp.Select) and query.args.get("limit") is not None:
            # https://dev.mysql.com/doc/refman/8.0/en/subquery-restrictions.html
            raise mysql_error(1235, "LIMIT & IN/ALL/ANY/SOME subquery")
    for select in tree.find_all(exp.Select):
        _check_unique_tables(select)
        _check_having(select)
        _check_positions(select)
    for node in tree.find_all(exp.Subquery):
        if isinstance(node.parent, (exp.From, exp.Join)) and not node.alias:
            raise mysql_error(1248)  # FROM (SELECT ...) without a name
    for aggregate in tree.find_all(exp.AggFunc):
        if isinstance(aggregate.find_ancestor(exp.Where, exp.Group, exp.Select, exp.Window), (exp.Where, exp.Group)):
            # WHERE COUNT(*) > 1, GROUP BY AVG(grade): aggregates are computed after both
            raise mysql_error(1111)


def _check_positions(select: exp.Select) -> None:
    """ORDER BY 5 / GROUP BY 5 with fewer select items: 1054 Unknown column '5'."""
    if any(_is_star(p) for p in select.expressions):
        return
    for clause, name in (("order", "order clause"), ("group", "group statement")):
        node = select.args.get(clause)
        for item in node.expressions if node is not None else ():
            item = item.this if isinstance(item, exp.Ordered) else item
            if isinstance(item, exp.Literal) and not item.is_string and item.this.isdigit():
                if not 0 < int(item.this) <= len(select.expressions):
                    raise mysql_error(1054, item.this, name)


def _width(query: exp.Expression) -> int | None:
    """How many columns a query gives (its leftmost SELECT's), None when a ``*`` hides it."""
    while isinstance(query, (exp.SetOperation, exp.Subquery)):
        query = query.this
    if not isinstance(query, exp.Select) or any(_is_star(p) for p in query.expressions):
        return None
    return len(query.expressions)


def _is_star(projection: exp.Expression) -> bool:
    return isinstance(projection, exp.Star) or (isinstance(projection, exp.Column) and isinstance(projection.this, exp.Star))


def _check_operand(node: exp.Expression) -> None:
    """A subquery compared with one value must give one column: 1241 'Operand should contain 1
    column(s)' (``id IN (SELECT id, name ...)``, ``grade > (SELECT a, b ...)``)."""
    if isinstance(node, exp.In):
        query = node.args.get("query")
        if query is None or isinstance(node.this, exp.Tuple):
            return
        width = _width(query)
    else:
        parent = node.parent
        if isinstance(parent, (exp.From, exp.Join, exp.Exists, exp.CTE, exp.In, exp.SetOperation)) or node.arg_key != "expressions" and node.args.get("alias"):
            return
        if isinstance(parent, exp.Binary) and any(isinstance(side, exp.Tuple) for side in (parent.left, parent.right)):
            return  # (a, b) = (SELECT x, y ...): a row comparison
        if isinstance(parent, (exp.Any, exp.All)):
            return
        width = _width(node.this)
    if width is not None and width != 1:
        raise mysql_error(1241, 1)


def _check_unique_tables(select: exp.Select) -> None:
    """The same table twice in one FROM without an alias to tell them apart (a self-join
    written ``students JOIN students``, a CTE listed twice): 1066 'Not unique table/alias'."""
    sources = []
    source = select.args.get("from_")
    if source is not None:
        sources.append(source.this)
    sources.extend(join.this for join in select.args.get("joins") or [])
    seen = set()
    for table in sources:
        alias = table.alias
        if alias:
            key, name = ("alias", alias.lower()), alias
        elif isinstance(table, exp.Table) and table.name:
            key, name = ("table", table.text("db"), table.name), table.name
        else:
            continue
        if key in seen:
            raise mysql_error(1066, name)
        seen.add(key)


def _check_having(select: exp.Select) -> None:
    """HAVING in a query that neither groups nor aggregates may name only what the SELECT list
    gives, its columns and aliases (https://dev.mysql.com/doc/refman/8.0/en/select.html: MySQL
    lets HAVING refer to columns in the SELECT list); another column is 1054 '... in 'having
    clause''. Subqueries are left alone: their names may be the outer query's."""
    having = select.args.get("having")
    if having is None or select.find_ancestor(exp.Select, exp.Subquery, exp.SetOperation) is not None:
        return
    if any(_is_star(p) for p in select.expressions) or select.args.get("group") is not None:
        return  # with GROUP BY, HAVING also sees the tables' columns (ONLY_FULL_GROUP_BY's 1055)
    if any(a.find_ancestor(exp.Select) is select for a in select.find_all(exp.AggFunc)):
        return  # an aggregated query: the same
    allowed = set()
    for projection in select.expressions:
        if isinstance(projection, exp.Alias):
            allowed.add(projection.alias.lower())
            projection = projection.this
        if isinstance(projection, exp.Column):
            allowed.add(projection.name.lower())
    for column in having.find_all(exp.Column):
        if column.find_ancestor(exp.AggFunc, exp.Select) is not select:
            continue  # inside an aggregate (or a subquery of its own)
        if column.name.lower() not in allowed:
            raise mysql_error(1054, ".".join(part.name for part in column.parts), "having clause")
