"""The MySQL type of a computed result column, and its values converted to match.

SQLite answers ``AVG(grade)`` with a float and ``DATE(created)`` with text; MySQL 8 answers a
DECIMAL (scale of the argument + 4) and a DATE, which PyMySQL returns as ``Decimal`` and
``datetime.date``. The rules follow the MySQL 8.0 manual:
https://dev.mysql.com/doc/refman/8.0/en/arithmetic-functions.html (``/`` adds
div_precision_increment = 4 to the dividend's scale; ``+ - *`` of exact values stay exact),
https://dev.mysql.com/doc/refman/8.0/en/aggregate-functions.html (SUM and AVG of exact values
are DECIMAL), https://dev.mysql.com/doc/refman/8.0/en/mathematical-functions.html (ROUND,
TRUNCATE keep exact values exact). An expression the rules do not cover keeps SQLite's value.
"""

from __future__ import annotations

import datetime
import decimal
import re
from typing import Callable

from sqlglot import exp

# A kind: ("int",), ("decimal", scale), ("float",), ("date",), ("datetime",), ("str",) or None.
Kind = tuple | None
ColumnType = Callable[[exp.Column], "str | None"]

_DAY_UNITS = {"DAY", "WEEK", "MONTH", "QUARTER", "YEAR"}
# CAST/DATE literal targets whose kind is certain (DATE '2024-01-05' is a CAST to DATE).
_CAST_KINDS = {exp.DataType.Type.DATE: ("date",), exp.DataType.Type.DATETIME: ("datetime",)}


def kind_of_type(mysql_type: str | None) -> Kind:
    """The kind of a catalog column type (``int``, ``decimal(8,2)``, ``date``...)."""
    if not mysql_type:
        return None
    base = mysql_type.split("(", 1)[0].split(" ", 1)[0].lower()
    if base in ("tinyint", "smallint", "mediumint", "int", "integer", "bigint", "year", "bool", "boolean"):
        return ("int",)
    if base in ("decimal", "numeric"):
        inside = mysql_type.partition("(")[2].rstrip(")").split(",")
        return ("decimal", int(inside[1]) if len(inside) > 1 and inside[1].strip().isdigit() else 0)
    if base in ("float", "double", "real"):
        return ("float",)
    if base in ("char", "varchar", "text", "tinytext", "mediumtext", "longtext", "enum", "set"):
        return ("str",)
    if base == "date":
        return ("date",)
    if base in ("datetime", "timestamp"):
        return ("datetime",)
    return None


def kind_of(node: exp.Expression, column_type: ColumnType) -> Kind:
    """The MySQL kind of ``node``'s value, or None when sim_db should not convert it."""
    if isinstance(node, (exp.Alias, exp.Paren)):
        return kind_of(node.this, column_type)
    if isinstance(node, exp.Literal):
        if node.is_string:
            return ("str",)
        text = node.this.lower()
        if "e" in text:
            return ("float",)
        return ("decimal", len(text.partition(".")[2])) if "." in text else ("int",)
    if isinstance(node, exp.Column):
        declared = column_type(node)  # a catalog type, or a CTE column's kind already worked out
        return declared if isinstance(declared, tuple) else kind_of_type(declared)
    if isinstance(node, exp.Cast) and node.to.this in _CAST_KINDS:
        return _CAST_KINDS[node.to.this]
    if isinstance(node, exp.Neg):
        return kind_of(node.this, column_type)
    if isinstance(node, (exp.Add, exp.Sub, exp.Mul, exp.Div, exp.Mod, exp.IntDiv)):
        return _arithmetic(node, kind_of(node.this, column_type), kind_of(node.expression, column_type))
    if isinstance(node, exp.Window):  # SUM(x) OVER (...) is typed as SUM(x)
        return kind_of(node.this, column_type)
    if isinstance(node, exp.Anonymous) and node.expressions and node.expressions[0].name == "now":
        # the clock as the dialect spells it: DATETIME('now', 'localtime') is NOW()
        return {"DATETIME": ("datetime",), "DATE": ("date",)}.get(node.name.upper())
    if isinstance(node, (exp.UtcTimestamp, exp.CurrentTimestamp)):
        return ("datetime",)
    if isinstance(node, (exp.UtcDate, exp.CurrentDate)):
        return ("date",)
    if isinstance(node, exp.Time):
        return ("time",)
    if isinstance(node, exp.LastDay) or (isinstance(node, exp.Anonymous) and node.name.upper() == "MAKEDATE"):
        return ("date",)
    if isinstance(node, exp.Cast) and node.to.this in (exp.DataType.Type.DECIMAL, exp.DataType.Type.BIGDECIMAL):
        params = [p.name for p in node.to.expressions]
        return ("decimal", int(params[1]) if len(params) > 1 and params[1].isdigit() else 0)
    if isinstance(node, exp.Count):
        return ("int",)
    if isinstance(node, (exp.Min, exp.Max)):
        return kind_of(node.this, column_type)
    if isinstance(node, (exp.Greatest, exp.Least)):
        # numbers compare and return as the widest: any DOUBLE makes a DOUBLE, else a DECIMAL
        # of the largest scale (https://dev.mysql.com/doc/refman/8.0/en/comparison-operators.html#function_greatest)
        kinds = [kind_of(n, column_type) for n in [node.this, *node.expressions]]
        if any(k == ("float",) for k in kinds) and all(k in (("float",), ("int",)) or _scale(k) is not None for k in kinds):
            return ("float",)
        scales = [_scale(k) for k in kinds]
        if all(scale is not None for scale in scales):
            return ("decimal", max(scales)) if max(scales) else ("int",)
        return None
    if isinstance(node, (exp.Sum, exp.Avg)):
        inner = kind_of(node.this, column_type)
        scale = _scale(inner)
        if scale is None:
            return ("float",) if inner == ("float",) else None
        return ("decimal", scale + (4 if isinstance(node, exp.Avg) else 0))
    if isinstance(node, (exp.Round, exp.Trunc)):
        inner = kind_of(node.this, column_type)
        places = node.args.get("decimals")
        if inner == ("int",) and places is None:
            return inner
        if _scale(inner) is None:
            return ("float",) if inner == ("float",) else None
        if places is None:
            return ("decimal", 0)
        if isinstance(places, exp.Neg):  # ROUND(1234, -2): rounded left of the point
            return inner if inner == ("int",) else ("decimal", 0)
        if isinstance(places, exp.Literal) and not places.is_string and places.this.isdigit():
            return ("decimal", int(places.this))
        return None
    if isinstance(node, (exp.Floor, exp.Ceil)) and not node.args.get("decimals"):
        return ("int",) if _scale(kind_of(node.this, column_type)) is not None else None
    if isinstance(node, (exp.Date, exp.TsOrDsToDate)) and len(node.expressions) == 0:
        return ("date",)
    if isinstance(node, (exp.StrToDate, exp.StrToTime)):
        return _str_to_date_kind(node)
    if isinstance(node, (exp.DateAdd, exp.DateSub)):
        inner = kind_of(node.this, column_type)
        unit = node.args.get("unit")
        if inner == ("date",):
            return ("date",) if unit is None or unit.name.upper() in _DAY_UNITS else ("datetime",)
        return ("datetime",) if inner == ("datetime",) else None
    return None


def _str_to_date_kind(node: exp.Expression) -> Kind:
    """STR_TO_DATE is a DATE or a DATETIME by its (literal, strftime-spelled) format's parts;
    a TIME, or a format known only at run time, keeps the text."""
    format_ = node.args.get("format")
    if not isinstance(format_, exp.Literal):
        return None
    specifiers = set(re.findall(r"%(.)", format_.this))
    has_date = bool(specifiers & set("aAbBdjmyYU"))
    has_time = bool(specifiers & set("fHIMpSTr"))
    if has_date:
        return ("datetime",) if has_time else ("date",)
    return None


def _scale(kind: Kind) -> int | None:
    """The scale of an exact (integer or DECIMAL) kind; None for any other."""
    if kind == ("int",):
        return 0
    if kind and kind[0] == "decimal":
        return kind[1]
    return None


def _arithmetic(node: exp.Expression, left: Kind, right: Kind) -> Kind:
    if isinstance(node, exp.IntDiv):
        return ("int",)
    if ("float",) in (left, right) or ("str",) in (left, right):
        return ("float",)  # a string in arithmetic is read as a DOUBLE ('5' + 3 is 8e0)
    a, b = _scale(left), _scale(right)
    if a is None or b is None:
        return None
    if isinstance(node, exp.Div):
        return ("decimal", a + 4)
    if isinstance(node, exp.Mul):
        return ("int",) if a + b == 0 else ("decimal", a + b)
    return ("int",) if max(a, b) == 0 else ("decimal", max(a, b))


def convert(value, kind: Kind):
    """A value SQLite returned, as PyMySQL would return a MySQL value of ``kind``."""
    if value is None or kind is None:
        return value
    try:
        if kind[0] == "decimal":
            if isinstance(value, (bytes, str)):
                return value
            number = decimal.Decimal(repr(value)) if isinstance(value, float) else decimal.Decimal(value)
            return number.quantize(decimal.Decimal(1).scaleb(-kind[1]), rounding=decimal.ROUND_HALF_UP)
        if kind[0] == "int" and isinstance(value, float) and value.is_integer():
            return int(value)
        if kind[0] == "float" and isinstance(value, int):
            return float(value)
        if kind[0] == "date" and isinstance(value, str):
            return datetime.date.fromisoformat(value[:10])
        if kind[0] == "datetime" and isinstance(value, str):
            return datetime.datetime.fromisoformat(value)
        if kind[0] == "time" and isinstance(value, str):
            from .types import _parse_time

            return _parse_time(value.encode())
    except (ValueError, decimal.InvalidOperation):
        return value
    return value
