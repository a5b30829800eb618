"""A number column compared with a string that is no number: MySQL compares them as numbers.

MySQL converts the string to a double, reading its longest numeric prefix ('abc' is 0, '12abc'
is 12: https://dev.mysql.com/doc/refman/8.0/en/type-conversion.html, "a comparison of string
and numeric operands takes place as a comparison of floating-point numbers"), so ``WHERE grade >
'abc'`` is ``WHERE grade > 0``. SQLite converts only a well-formed number ('12') and otherwise
ranks every number below every text, so the same WHERE finds no rows. Such a literal is folded
to MySQL's number at translation time, where the column's declared type is known from the
catalog; the column stays bare, so an index on it still serves the comparison.
"""

from __future__ import annotations

import re
from typing import Callable

from sqlglot import exp

_COMPARISONS = (exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE, exp.NullSafeEQ)
_WELL_FORMED = re.compile(r"\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*")
_PREFIX = re.compile(r"\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
_NUMERIC_TYPES = ("tinyint", "smallint", "mediumint", "int", "bigint", "decimal", "numeric", "float", "double", "real", "bit")


def mysql_number(text: str) -> int | float:
    """The number MySQL reads from a string: its longest numeric prefix, else 0."""
    match = _PREFIX.match(text)
    if not match:
        return 0
    value = float(match.group(0))
    return int(value) if value.is_integer() and abs(value) < 2**63 else value


def fold_numeric_strings(tree: exp.Expression, table: Callable) -> None:
    """Replace, in place, each non-numeric string literal compared with a number column by the
    number MySQL compares it as. ``table(database, name)`` is the catalog's definition or None."""
    for node in list(tree.find_all(*_COMPARISONS, exp.In, exp.Between)):
        if isinstance(node, exp.EQ) and isinstance(node.parent, (exp.Update, exp.OnConflict, exp.SetItem)):
            continue  # SET x = 'text': an assignment, not a comparison
        if isinstance(node, exp.In):
            column, literals = node.this, list(node.expressions)
        elif isinstance(node, exp.Between):
            column, literals = node.this, [node.args.get("low"), node.args.get("high")]
        elif isinstance(node.this, exp.Column):
            column, literals = node.this, [node.expression]
        else:
            column, literals = node.expression, [node.this]
        targets = [l for l in literals if isinstance(l, exp.Literal) and l.is_string and not _WELL_FORMED.fullmatch(l.this)]
        if not targets or not isinstance(column, exp.Column) or not _is_numeric(column, table):
            continue
        for literal in targets:
            number = mysql_number(literal.this)
            literal.replace(exp.Literal.number(number) if number >= 0 else exp.Neg(this=exp.Literal.number(-number)))


def _is_numeric(column: exp.Column, table: Callable) -> bool:
    """Whether the column is certainly one of a catalog table's number columns."""
    scope = column.find_ancestor(exp.Select, exp.Update, exp.Delete)
    if scope is None:
        return False
    if isinstance(scope, exp.Select):
        sources = [t for t in scope.find_all(exp.Table) if t.parent_select is scope and t.name]
    else:
        sources = [t for t in scope.find_all(exp.Table) if t.find_ancestor(exp.Select) is None and t.name]
    if column.table:
        sources = [t for t in sources if t.alias_or_name == column.table]
    found = []
    for source in sources:
        definition = table(source.text("db"), source.name) if source.text("db") else None
        if definition is None:
            return False  # a CTE, a derived table or an unknown table: not certain
        declared = definition.column(column.name)
        if declared is not None:
            found.append(declared)
    return len(found) == 1 and found[0].mysql_type.split("(")[0].split()[0] in _NUMERIC_TYPES
