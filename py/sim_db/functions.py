"""MySQL built-in functions SQLite lacks (or spells differently), as SQLite user functions.

Registered on the server's SQLite connection by :func:`register`; the dialect's generator
(``dialect.SimSQLite``) writes calls to them. Each follows the MySQL 8.0 manual's semantics,
NULL in, NULL out unless noted.
"""

from __future__ import annotations

import calendar
import datetime
import math
import sqlite3
from typing import Any, Callable


def _date_of(value: Any) -> datetime.datetime | None:
    """A DATE/DATETIME value as stored (ISO text) or None when it is not one."""
    if value is None:
        return None
    text = str(value).strip().replace("T", " ")
    try:
        return datetime.datetime.fromisoformat(text if len(text) > 10 else text[:10])
    except ValueError:
        return None


def _part(extract: Callable[[datetime.datetime], int]):
    def function(value):
        moment = _date_of(value)
        return None if moment is None else extract(moment)

    return function


def concat_ws(separator, *values):
    """https://dev.mysql.com/doc/refman/8.0/en/string-functions.html#function_concat-ws:
    NULL arguments after the separator are skipped; a NULL separator gives NULL."""
    if separator is None:
        return None
    return str(separator).join(_text(v) for v in values if v is not None)


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def reverse(value):
    return None if value is None else _text(value)[::-1]


def right(value, count):
    if value is None or count is None:
        return None
    count = int(count)
    return "" if count <= 0 else _text(value)[-count:]


def _pad(left: bool):
    """LPAD/RPAD: pad (or cut) to ``length`` characters; an empty pad string gives NULL."""

    def function(value, length, padding):
        if value is None or length is None or padding is None:
            return None
        text, length, padding = _text(value), int(length), _text(padding)
        if length < 0 or (len(text) < length and not padding):
            return None
        if len(text) >= length:
            return text[:length]
        fill = (padding * length)[: length - len(text)]
        return fill + text if left else text + fill

    return function


def truncate(value, places):
    """https://dev.mysql.com/doc/refman/8.0/en/mathematical-functions.html#function_truncate"""
    if value is None or places is None:
        return None
    factor = 10 ** int(places)
    result = math.trunc(float(value) * factor) / factor
    return int(result) if int(places) <= 0 else result


def _integral(rounding: Callable[[float], int]):
    """FLOOR/CEILING of an exact value is an integer in MySQL (``FLOOR(2.7)`` is 2, not 2.0)."""

    def function(value):
        if value is None:
            return None
        if isinstance(value, int):
            return value
        try:
            return rounding(float(value))
        except (TypeError, ValueError):
            return 0

    return function


_UNITS = {"DAY": "days", "WEEK": "weeks", "HOUR": "hours", "MINUTE": "minutes", "SECOND": "seconds"}


def date_add(value, amount, unit):
    """``value + INTERVAL amount unit`` (DATE_ADD, DATE_SUB with a negated amount): a DATE stays a
    DATE for day-or-longer units; month arithmetic clips to the month's last day, as MySQL's."""
    moment = _date_of(value)
    if moment is None or amount is None:
        return None
    unit = str(unit).upper()
    is_date = len(str(value).strip()) <= 10
    amount = int(float(amount))
    if unit in ("MONTH", "QUARTER", "YEAR"):
        months = amount * {"MONTH": 1, "QUARTER": 3, "YEAR": 12}[unit]
        year, month = divmod(moment.month - 1 + months, 12)
        year += moment.year
        day = min(moment.day, calendar.monthrange(year, month + 1)[1])
        moment = moment.replace(year=year, month=month + 1, day=day)
    elif unit in _UNITS:
        moment = moment + datetime.timedelta(**{_UNITS[unit]: amount})
        is_date = is_date and unit in ("DAY", "WEEK")
    else:
        return None
    return moment.date().isoformat() if is_date else moment.isoformat(sep=" ")


def register(connection: sqlite3.Connection, last_insert_id: Callable[[], int]) -> None:
    """Install the functions on ``connection``; ``last_insert_id`` reads the running session's."""
    deterministic = {"deterministic": True}
    connection.create_function("YEAR", 1, _part(lambda d: d.year), **deterministic)
    connection.create_function("MONTH", 1, _part(lambda d: d.month), **deterministic)
    connection.create_function("DAY", 1, _part(lambda d: d.day), **deterministic)
    connection.create_function("DAYOFMONTH", 1, _part(lambda d: d.day), **deterministic)
    connection.create_function("CONCAT_WS", -1, concat_ws, **deterministic)
    connection.create_function("REVERSE", 1, reverse, **deterministic)
    connection.create_function("LPAD", 3, _pad(True), **deterministic)
    connection.create_function("RPAD", 3, _pad(False), **deterministic)
    connection.create_function("MYSQL_RIGHT", 2, right, **deterministic)
    connection.create_function("MYSQL_TRUNCATE", 2, truncate, **deterministic)
    connection.create_function("FLOOR", 1, _integral(math.floor), **deterministic)
    connection.create_function("CEIL", 1, _integral(math.ceil), **deterministic)
    connection.create_function("CEILING", 1, _integral(math.ceil), **deterministic)
    connection.create_function("MYSQL_DATE_ADD", 3, date_add, **deterministic)
    connection.create_function("LAST_INSERT_ID", 0, last_insert_id)
