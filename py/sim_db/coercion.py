"""Literals compared with a typed column, read as MySQL reads them for that type.

A number column compared with a string that is no number: MySQL compares them as numbers.

MySQL converts the string to a double, reading its longest numeric prefix ('abc' is 0, '12abc'
is 12: https://dev.mysql.com/doc/refman/8.0/en/type-conversion.html, "a comparison of string
and numeric operands takes place as a comparison of floating-point numbers"), so ``WHERE grade >
'abc'`` is ``WHERE grade > 0``. SQLite converts only a well-formed number ('12') and otherwise
ranks every number below every text, so the same WHERE finds no rows. Such a literal is folded
to MySQL's number at translation time, where the column's declared type is known from the
catalog; the column stays bare, so an index on it still serves the comparison.

A date column compared with '2008/3/1' or 20080301: MySQL reads the literal as a date (its
relaxed formats), where SQLite compares the stored ISO text with the literal's characters; such
a literal is rewritten in the stored form ('2008-03-01', or '2008-03-01 00:00:00' for a DATETIME).
"""

from __future__ import annotations

import datetime
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


def fold_literals(tree: exp.Expression, table: Callable) -> None:
    """Replace, in place, each literal compared with a number or date column by the value
    MySQL compares it as. ``table(database, name)`` is the catalog's definition or None."""
    for node in list(tree.find_all(*_COMPARISONS, exp.In, exp.Between)):
        if isinstance(node, exp.EQ) and isinstance(node.parent, (exp.Update, exp.OnConflict, exp.SetItem)):
            continue  # SET x = 'text': an assignment, not a comparison
        if isinstance(node, exp.In):
            column, literals = node.this, list(node.expressions)
        elif isinstance(node, exp.Between):
            column, literals = node.this, [node.args.get("low"), node.args.get("high")]
        elif isinstance(node.this, exp.Column) or isinstance(node.expression, exp.Literal):
            column, literals = node.this, [node.expression]
        else:
            column, literals = node.expression, [node.this]
        literals = [l for l in literals if isinstance(l, exp.Literal)]
        if not literals or isinstance(column, exp.Literal):
            continue
        if not isinstance(column, exp.Column):
            # YEAR(born) = '2008': an expression of a number type compares as a number too
            if _is_number_expression(column, table):
                for literal in literals:
                    if literal.is_string:
                        number = mysql_number(literal.this)
                        literal.replace(exp.Literal.number(number) if number >= 0 else exp.Neg(this=exp.Literal.number(-number)))
            continue
        declared = _declared_type(column, table)
        if declared in _NUMERIC_TYPES:
            for literal in literals:
                if literal.is_string and not _WELL_FORMED.fullmatch(literal.this):
                    number = mysql_number(literal.this)
                    literal.replace(exp.Literal.number(number) if number >= 0 else exp.Neg(this=exp.Literal.number(-number)))
        elif declared in _TEMPORAL_TYPES:
            for literal in literals:
                moment = mysql_moment(literal.this, declared == "date")
                if moment is not None and moment != literal.this:
                    literal.replace(exp.Literal.string(moment))


_TEMPORAL_TYPES = ("date", "datetime", "timestamp")
# MySQL's relaxed date and datetime literals: any punctuation between the parts, one-digit
# months and days, two-digit years, or digits only (https://dev.mysql.com/doc/refman/8.0/en/date-and-time-literals.html).
_DELIMITED = re.compile(
    r"\s*(\d{4}|\d{2})[^\w\s](\d{1,2})[^\w\s](\d{1,2})"
    r"(?:(?:\s+|T)(\d{1,2})[^\w\s](\d{1,2})[^\w\s](\d{1,2})(\.\d{1,6})?)?\s*"
)
_DIGITS = re.compile(r"(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2}))?")


def mysql_moment(text: str, date_only: bool) -> str | None:
    """A date or datetime literal as sim_db stores it ('2008-03-01', '2008-03-01 08:00:00'), read
    as MySQL reads one ('2008/3/1', '20080301', '08-03-01'); None when it is no valid date."""
    match = _DELIMITED.fullmatch(text) or _DIGITS.fullmatch(text.strip())
    if match is None:
        return None
    year, month, day, hour, minute, second = (int(p) if p else 0 for p in match.groups()[:6])
    if len(match.group(1)) == 2:
        year += 1900 if year >= 70 else 2000
    try:
        moment = datetime.datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
    if date_only and not (hour or minute or second):
        return moment.strftime("%Y-%m-%d")
    return moment.strftime("%Y-%m-%d %H:%M:%S")


# Functions whose MySQL result is an integer (date parts, lengths, counts).
_INTEGER_FUNCTIONS = (
    exp.Year, exp.Month, exp.Day, exp.DayOfMonth, exp.DayOfWeek, exp.DayOfYear, exp.Quarter,
    exp.Week, exp.Length, exp.Count, exp.DateDiff,
)
_INTEGER_NAMES = {"HOUR", "MINUTE", "SECOND", "WEEKDAY", "CHAR_LENGTH", "CHARACTER_LENGTH", "OCTET_LENGTH", "DAYOFWEEK", "DAYOFYEAR"}


def _is_number_expression(node: exp.Expression, table: Callable) -> bool:
    """Whether an expression's MySQL type is a number (sim_db.resulttypes' reading of it)."""
    from .resulttypes import kind_of

    if isinstance(node, _INTEGER_FUNCTIONS) or (isinstance(node, exp.Anonymous) and node.name.upper() in _INTEGER_NAMES):
        return True
    kind = kind_of(node, lambda column: _declared(column, table))
    return kind is not None and kind[0] in ("int", "decimal", "float")


def _declared_type(column: exp.Column, table: Callable) -> str | None:
    """The column's declared type name ('int', 'date'...) when it is certainly one catalog
    table's column, else None."""
    declared = _declared(column, table)
    return declared.split("(")[0].split()[0] if declared else None


def _declared(column: exp.Column, table: Callable) -> str | None:
    """The column's declared type as DESCRIBE prints it ('decimal(4,1)'), if certain."""
    scope = column.find_ancestor(exp.Select, exp.Update, exp.Delete)
    if scope is None:
        return None
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
            return None  # a CTE, a derived table or an unknown table: not certain
        declared = definition.column(column.name)
        if declared is not None:
            found.append(declared)
    return found[0].mysql_type if len(found) == 1 else None


# Functions whose arguments MySQL turns into text: a DECIMAL argument keeps its scale there.
_TEXT_FUNCTIONS = (exp.Concat, exp.ConcatWs, exp.GroupConcat)
_SCALE = re.compile(r"decimal\(\d+,(\d+)\)")


def scale_decimals(tree: exp.Expression, table: Callable) -> None:
    """A DECIMAL(p,s) column turned into text prints s decimals in MySQL (CONCAT(grade) is
    '4.0'), but SQLite keeps 4.0 as the integer 4 (NUMERIC affinity: the column reads back as
    Decimal('4.0') only through the catalog's type). Inside CONCAT, CONCAT_WS and GROUP_CONCAT,
    and in a COALESCE/IFNULL beside a string (whose result is text), such a column is wrapped
    in ``MYSQL_DECIMAL_TEXT(column, s)``."""
    for column in list(tree.find_all(exp.Column)):
        node, parent = column, column.parent
        # through parentheses, DISTINCT, and GROUP_CONCAT's value (not its ORDER BY keys)
        while isinstance(parent, (exp.Paren, exp.Distinct)) or (isinstance(parent, exp.Order) and node.arg_key == "this"):
            node, parent = parent, parent.parent
        if isinstance(parent, (exp.Coalesce, exp.If, exp.Case)):
            values = [parent.this, *parent.expressions] if isinstance(parent, exp.Coalesce) else list(parent.iter_expressions())
            if not any(isinstance(v, exp.Literal) and v.is_string for v in values):
                continue
        elif not isinstance(parent, _TEXT_FUNCTIONS):
            continue
        declared = _declared(column, table)
        scale = _SCALE.match(declared or "")
        if scale and int(scale.group(1)) > 0:
            column.replace(exp.Anonymous(this="MYSQL_DECIMAL_TEXT", expressions=[column.copy(), exp.Literal.number(int(scale.group(1)))]))


_INTEGER_TYPES = ("tinyint", "smallint", "mediumint", "int", "bigint")


def round_integer_values(tree: exp.Expression, table: Callable) -> None:
    """A number with decimals written into an integer column is rounded, half away from zero,
    not refused (``qty = 2.7`` stores 3, ``grade = grade / 2`` 46 for 91: https://dev.mysql.com/doc/refman/8.0/en/precision-math-rounding.html);
    SQLite would keep the fraction and fail sim_db's strict integer check (1366). Literal values
    of INSERT ... VALUES and UPDATE ... SET are rounded here, computed values through
    ``MYSQL_DECIMAL(value, 0)``, by the target column's declared type. Values bound as
    parameters are left as the application sends them."""
    import decimal

    target = tree.this.this if isinstance(tree, exp.Insert) and isinstance(tree.this, exp.Schema) else tree.this
    if not isinstance(tree, (exp.Insert, exp.Update)) or not isinstance(target, exp.Table) or not target.text("db"):
        return
    definition = table(target.text("db"), target.name)
    if definition is None:
        return
    pairs = []
    if isinstance(tree, exp.Update):
        pairs = [(a.this.name, a.expression) for a in tree.expressions if isinstance(a, exp.EQ) and isinstance(a.this, exp.Column)]
    else:
        names = [c.name for c in tree.this.expressions] if isinstance(tree.this, exp.Schema) else [c.name for c in definition.columns]
        values = tree.args.get("expression")
        for row in values.expressions if isinstance(values, exp.Values) else ():
            if isinstance(row, exp.Tuple):
                pairs.extend(zip(names, row.expressions))
    for name, value in pairs:
        declared = definition.column(name)
        if declared is None or declared.mysql_type.split("(")[0].split()[0] not in _INTEGER_TYPES:
            continue
        negative = isinstance(value, exp.Neg)
        literal = value.this if negative else value
        if isinstance(literal, exp.Literal):
            if literal.is_string or "." not in literal.this or "e" in literal.this.lower():
                continue
            rounded = int(decimal.Decimal(literal.this).quantize(decimal.Decimal(1), rounding=decimal.ROUND_HALF_UP))
            literal.replace(exp.Literal.number(rounded))
        elif isinstance(value, (exp.Div, exp.Mul, exp.Add, exp.Sub, exp.Paren, exp.Func)) and not isinstance(value, exp.AggFunc):
            # grade / 2 may have decimals: rounded as the column stores it (sim_db.functions.decimal_round)
            value.replace(exp.Anonymous(this="MYSQL_DECIMAL", expressions=[value.copy(), exp.Literal.number(0)]))
