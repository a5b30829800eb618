"""What MySQL refuses once a statement has parsed, seen from the statement alone.

MySQL resolves a statement's names and shapes before it runs it; SQLite checks less (a column
defined twice is its own error, two SELECTs of a UNION of different widths and an ``IN``
subquery of two columns are errors in SQLite's words) or nothing at all (an AUTO_INCREMENT
column without a key, ``DECIMAL(5,10)``, a HAVING naming a column the SELECT does not give).
These checks read only the sqlglot tree, no catalog, and raise MySQL 8's error
(https://dev.mysql.com/doc/mysql-errors/8.0/en/server-error-reference.html).
"""

from __future__ import annotations

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
    if len(auto) > 1 or (auto and auto[0] not in _key_leaders(schema)):
        raise mysql_error(1075)


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
    for select in tree.find_all(exp.Select):
        _check_unique_tables(select)
        _check_having(select)


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
