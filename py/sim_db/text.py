"""Result values as the server's text protocol spells them, which is what the ``mysql`` client
(and ``mysqldump``) print: ``3.50`` for a DECIMAL(5,2), ``1e15`` for a DOUBLE, ``10:00:00`` for
a TIME.

Python's ``str`` differs for floats (``1e+20``, ``100.0``), so doubles go through a port of
the server's ``my_gcvt`` choice between fixed and exponent notation (strings/dtoa.cc).
"""

from __future__ import annotations

import datetime
import decimal

from pymysql.constants import FIELD_TYPE

from .types import to_storage

_DBL_DIG = 15
_FLT_DIG = 6


def text_value(value, field_type: int | None = None) -> str | None:
    """``value`` as the text protocol sends it (None for NULL). ``field_type`` (a FIELD_TYPE
    code) tells a FLOAT column, which MySQL prints with 6 significant digits."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_double(value, _FLT_DIG if field_type == FIELD_TYPE.FLOAT else None)
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    if isinstance(value, (datetime.date, datetime.time, datetime.timedelta)):
        return to_storage(value)  # dates and times travel as the text the server stores
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).decode("utf-8", "replace")
    return str(value)


def format_double(value: float, digits: int | None = None) -> str:
    """my_gcvt with the server's wide field: the shortest digits that read back as ``value``
    (at most ``digits`` significant ones), fixed notation unless the point would sit more
    than 15 places from them (``1e15``, ``1.5e-20``)."""
    if value != value or value in (float("inf"), float("-inf")):
        return "0"  # MySQL stores neither; dtoa's overflow answer
    if value == 0:
        return "-0" if str(value).startswith("-") else "0"
    text = repr(abs(value)) if digits is None else format(abs(value), f".{digits - 1}e")
    _, digit_tuple, exponent = decimal.Decimal(text).normalize().as_tuple()
    mantissa = "".join(map(str, digit_tuple))
    length, point = len(mantissa), len(mantissa) + exponent  # dtoa's len and decpt
    sign = "-" if value < 0 else ""
    if point >= -_DBL_DIG + 1 and (point <= _DBL_DIG or length > point):
        if point <= 0:
            return f"{sign}0.{'0' * -point}{mantissa}"
        if point < length:
            return f"{sign}{mantissa[:point]}.{mantissa[point:]}"
        return f"{sign}{mantissa}{'0' * (point - length)}"
    shown = mantissa[0] + ("." + mantissa[1:] if length > 1 else "")
    return f"{sign}{shown}e{point - 1}"
