"""MySQL built-in functions SQLite lacks (or spells differently), as SQLite user functions.

Registered on the server's SQLite connection by :func:`register`; the dialect's generator
(``dialect.SimSQLite``) writes calls to them. Each follows the MySQL 8.0 manual's semantics,
NULL in, NULL out unless noted.
"""

from __future__ import annotations

import calendar
import datetime
import decimal
import json
import math
import random
import re
import sqlite3
from typing import Any, Callable

from . import collation, datetimes, strings
from .datetimes import moment
from .types import as_text


def _part(extract: Callable[[datetime.datetime], int]):
    def function(value):
        when = moment(value)
        return None if when is None else extract(when)

    return function


def concat_ws(separator, *values):
    """https://dev.mysql.com/doc/refman/8.0/en/string-functions.html#function_concat-ws:
    NULL arguments after the separator are skipped; a NULL separator gives NULL."""
    if separator is None:
        return None
    return str(separator).join(as_text(v) for v in values if v is not None)


def reverse(value):
    return None if value is None else as_text(value)[::-1]


def right(value, count):
    if value is None or count is None:
        return None
    count = int(count)
    return "" if count <= 0 else as_text(value)[-count:]


def _pad(left: bool):
    """LPAD/RPAD: pad (or cut) to ``length`` characters; an empty pad string gives NULL."""

    def function(value, length, padding):
        if value is None or length is None or padding is None:
            return None
        text, length, padding = as_text(value), int(length), as_text(padding)
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
    when = moment(value)
    if when is None or amount is None:
        return None
    unit = str(unit).upper()
    is_date = len(str(value).strip()) <= 10
    amount = int(float(amount))
    if unit in ("MONTH", "QUARTER", "YEAR"):
        months = amount * {"MONTH": 1, "QUARTER": 3, "YEAR": 12}[unit]
        year, month = divmod(when.month - 1 + months, 12)
        year += when.year
        day = min(when.day, calendar.monthrange(year, month + 1)[1])
        when = when.replace(year=year, month=month + 1, day=day)
    elif unit in _UNITS:
        when = when + datetime.timedelta(**{_UNITS[unit]: amount})
        is_date = is_date and unit in ("DAY", "WEEK")
    else:
        return None
    return when.date().isoformat() if is_date else when.isoformat(sep=" ")


_DATE_TEXT = re.compile(r"\d{4}-\d{2}-\d{2}( \d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?")


def valid_date(value, with_time):
    """Whether a DATE (``with_time`` 0) or DATETIME column may store ``value`` in strict mode:
    a real calendar date (no month 13, no 0000-00-00: NO_ZERO_DATE, NO_ZERO_IN_DATE)."""
    if value is None:
        return 1
    text = str(value).strip().replace("T", " ")
    if not _DATE_TEXT.fullmatch(text):
        return 0
    try:
        datetime.datetime.fromisoformat(text if len(text) > 10 else text[:10])
    except ValueError:
        return 0
    return 1


_SECONDS = {"MICROSECOND": 1e-6, "SECOND": 1, "MINUTE": 60, "HOUR": 3600, "DAY": 86400, "WEEK": 604800}


def timestampdiff(unit, start, end):
    """TIMESTAMPDIFF(unit, start, end): whole units from start to end, truncated toward zero;
    months, quarters and years count calendar months, less one when the end's day and time
    fall before the start's (https://dev.mysql.com/doc/refman/8.0/en/date-and-time-functions.html#function_timestampdiff)."""
    first, last = moment(start), moment(end)
    if first is None or last is None:
        return None
    unit = str(unit).upper()
    if unit in ("MONTH", "QUARTER", "YEAR"):
        months = (last.year - first.year) * 12 + last.month - first.month
        rest_last = (last.day, last.time())
        rest_first = (first.day, first.time())
        if months > 0 and rest_last < rest_first:
            months -= 1
        elif months < 0 and rest_last > rest_first:
            months += 1
        return int(months / {"MONTH": 1, "QUARTER": 3, "YEAR": 12}[unit])
    if unit not in _SECONDS:
        return None
    return int((last - first).total_seconds() / _SECONDS[unit])


def cast_integer(value, unsigned):
    """CAST(value AS SIGNED/UNSIGNED): a number rounds half away from zero (``CAST(3.7 AS
    SIGNED)`` is 4); a string is read as MySQL reads an integer from text, its leading digits
    (``'3.7'`` gives 3, ``'12abc'`` 12, ``'abc'`` 0); UNSIGNED wraps a negative value to 64 bits.
    https://dev.mysql.com/doc/refman/8.0/en/cast-functions.html"""
    if value is None:
        return None
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if isinstance(value, float):
        if math.isnan(value) or math.isinf(value):
            return 0
        result = int(math.floor(abs(value) + 0.5)) * (1 if value >= 0 else -1)
    elif isinstance(value, int):
        result = value
    else:
        match = re.match(r"\s*([+-]?\d+)", str(value))
        result = int(match.group(1)) if match else 0
    if unsigned and result < 0:
        result += 1 << 64
    # SQLite integers are 64-bit signed: a larger UNSIGNED value travels as its digits.
    return result if result < 1 << 63 else str(result)


# MySQL's DATE_FORMAT/STR_TO_DATE specifiers as strptime's
# (https://dev.mysql.com/doc/refman/8.0/en/date-and-time-functions.html#function_date-format).
_MYSQL_FORMAT = {
    "a": "%a", "b": "%b", "c": "%m", "D": "%d", "d": "%d", "e": "%d", "f": "%f", "H": "%H",
    "h": "%I", "I": "%I", "i": "%M", "j": "%j", "k": "%H", "l": "%I", "M": "%B", "m": "%m",
    "p": "%p", "r": "%I:%M:%S %p", "S": "%S", "s": "%S", "T": "%H:%M:%S", "W": "%A", "Y": "%Y",
    "y": "%y", "%": "%%",
}
_DATE_PARTS = set("aAbBdjmyYU")
_TIME_PARTS = set("fHIMpSTr")


def _strptime_format(mysql_format: str) -> str:
    return re.sub(r"%(.)", lambda m: _MYSQL_FORMAT.get(m.group(1), m.group(1)), mysql_format)


def str_to_date(value, format_, is_mysql_format):
    """STR_TO_DATE: a DATE, DATETIME or TIME as text, by which parts the format names; NULL when
    the text does not fit the format."""
    if value is None or format_ is None:
        return None
    format_ = str(format_)
    # strptime reads unpadded numbers anyway: sqlglot's spelling of %e is strftime's %-d.
    format_ = _strptime_format(format_) if is_mysql_format else format_.replace("%-", "%")
    specifiers = set(re.findall(r"%(.)", format_))
    try:
        moment = datetime.datetime.strptime(as_text(value).strip(), format_)
    except ValueError:
        return None
    has_date, has_time = bool(specifiers & _DATE_PARTS), bool(specifiers & _TIME_PARTS)
    if has_date and not has_time:
        return moment.date().isoformat()
    text = moment.isoformat(sep=" ", timespec="microseconds" if "f" in specifiers else "seconds")
    return text if has_date else text[11:]


def decimal_round(value, scale):
    """A value as a DECIMAL column of ``scale`` places stores it: rounded half away from zero
    (https://dev.mysql.com/doc/refman/8.0/en/precision-math-rounding.html). Text that is not a
    number is left as it is."""
    if value is None or isinstance(value, bytes):
        return value
    try:
        number = decimal.Decimal(repr(value) if isinstance(value, float) else str(value).strip())
        rounded = number.quantize(decimal.Decimal(1).scaleb(-int(scale)), rounding=decimal.ROUND_HALF_UP)
    except (decimal.InvalidOperation, ValueError):
        return value
    return int(rounded) if int(scale) <= 0 else float(rounded)


class GroupConcat:
    """GROUP_CONCAT([DISTINCT] value ORDER BY key [DESC], ... SEPARATOR sep), as an aggregate
    (SQLite before 3.44 has no ORDER BY inside an aggregate's arguments). NULL values are
    skipped; text keys sort case-insensitively, as utf8mb4_0900_ai_ci does; NULL keys first.
    https://dev.mysql.com/doc/refman/8.0/en/aggregate-functions.html#function_group-concat"""

    def __init__(self) -> None:
        self.rows: list[tuple] = []
        self.separator = ","
        self.distinct = False
        self.descending: tuple = ()

    def step(self, value, separator, distinct, *keys) -> None:
        self.separator = "" if separator is None else as_text(separator)
        self.distinct = bool(distinct)
        self.descending = tuple(bool(d) for d in keys[1::2])
        if value is not None:
            self.rows.append((as_text(value), tuple(_sort_key(k) for k in keys[0::2])))

    def finalize(self):
        if not self.rows:
            return None
        rows = self.rows
        for index in reversed(range(len(self.descending))):  # stable sorts, last key first
            rows = sorted(rows, key=lambda row: row[1][index], reverse=self.descending[index])
        values = [value for value, _ in rows]
        if self.distinct:
            seen: set[str] = set()
            values = [v for v in values if not (v in seen or seen.add(v))]
        return self.separator.join(values)


def _sort_key(value) -> tuple:
    if value is None:
        return (0, 0)
    if isinstance(value, (int, float)):
        return (1, value)
    return (2, as_text(value).casefold())


def decimal_text(value, scale):
    """A DECIMAL column's value as MySQL prints it: with its scale's decimals ('4.0')."""
    if value is None or isinstance(value, (bytes, str)):
        return value
    rounded = decimal_round(value, scale)
    return f"{decimal.Decimal(repr(rounded) if isinstance(rounded, float) else rounded):.{int(scale)}f}"


class _Number(str):
    """A JSON number kept as written (1.50 stays 1.50, as MySQL keeps a DECIMAL's digits)."""


def json_text(value):
    """A JSON value as MySQL 8 prints one (https://dev.mysql.com/doc/refman/8.0/en/json.html):
    ``", "`` between items, ``": "`` after a key, and an object's keys sorted as MySQL stores
    them (shorter keys first, then byte order). SQLite's JSON functions print compactly."""
    if value is None:
        return None
    try:
        parsed = json.loads(value, parse_float=_Number, parse_int=_Number)
    except (TypeError, ValueError):
        return value

    def dump(item) -> str:
        if isinstance(item, dict):
            keys = sorted(item, key=lambda k: (len(k.encode("utf-8")), k.encode("utf-8")))
            return "{" + ", ".join(f"{json.dumps(k, ensure_ascii=False)}: {dump(item[k])}" for k in keys) + "}"
        if isinstance(item, list):
            return "[" + ", ".join(dump(v) for v in item) + "]"
        if isinstance(item, _Number):
            return str.__str__(item)
        return json.dumps(item, ensure_ascii=False)

    return dump(parsed)


def json_unquote(value):
    """JSON_UNQUOTE: a JSON string's text without its quotes and escapes; other text as is."""
    if isinstance(value, str) and len(value) >= 2 and value[0] == value[-1] == '"':
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


# MySQL errors raised from inside a statement (MYSQL_ERROR): SQLite reports only that a user
# function failed, so the number waits here for the server to read (Server._mysql_error_for).
raised: list[int] = []


def mysql_error(errno):
    raised.append(int(errno))
    raise ValueError(f"MySQL error {errno}")


def ignore_fit(value, mysql_type, nullable, default):
    """A value INSERT IGNORE stores where strict mode would refuse it: MySQL turns the error into
    a warning and adjusts the value (https://dev.mysql.com/doc/refman/8.0/en/sql-mode.html#ignore-effect-on-execution):
    a string cut to the column's length, a number clipped to its range, text that is no
    number read as 0, NULL in a NOT NULL column as the type's implicit default."""
    from .types import INTEGER_RANGES

    kind = str(mysql_type).split("(")[0].split()[0]
    numeric = kind in ("tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal", "numeric", "float", "double", "year")
    if value is None:
        if nullable:
            return None
        return default if default is not None else (0 if numeric else ("" if kind in ("char", "varchar", "text") else None))
    if kind in ("char", "varchar"):
        return as_text(value)[: int(str(mysql_type).partition("(")[2].partition(")")[0])]
    if kind in ("tinyint", "smallint", "mediumint", "int", "integer", "bigint"):
        unsigned = "unsigned" in str(mysql_type)
        number = cast_integer(value, unsigned)
        number = int(number) if not isinstance(number, int) else number
        low, high = INTEGER_RANGES[("U" if unsigned else "") + kind.replace("integer", "int").upper()]
        return min(max(number, low), high)
    if kind in ("decimal", "numeric"):
        try:
            number = decimal.Decimal(as_text(value).strip())
        except decimal.InvalidOperation:
            return 0
        precision, _, scale = str(mysql_type).partition("(")[2].partition(")")[0].partition(",")
        scale = int(scale or 0)
        largest = decimal.Decimal(10) ** (int(precision or 10) - scale) - decimal.Decimal(1).scaleb(-scale)
        return float(min(max(number, -largest), largest))
    return value


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
    collation.register(connection)
    datetimes.register(connection)
    strings.register(connection)
    connection.create_function("ADDDATE", 2, lambda v, n: date_add(v, n, "DAY"), **deterministic)
    connection.create_function("SUBDATE", 2, lambda v, n: date_add(v, -float(n) if n is not None else None, "DAY"), **deterministic)
    connection.create_function("MYSQL_DATE_ADD", 3, date_add, **deterministic)
    connection.create_function("MYSQL_TIMESTAMPDIFF", 3, timestampdiff, **deterministic)
    connection.create_function("MYSQL_VALID_DATE", 2, valid_date, **deterministic)
    connection.create_function("MYSQL_ERROR", 1, mysql_error)
    connection.create_function("MYSQL_IGNORE_FIT", 4, ignore_fit, **deterministic)
    connection.create_function("MYSQL_JSON", 1, json_text, **deterministic)
    connection.create_function("MYSQL_DECIMAL_TEXT", 2, decimal_text, **deterministic)
    connection.create_function("JSON_UNQUOTE", 1, json_unquote, **deterministic)
    connection.create_aggregate("MYSQL_GROUP_CONCAT", -1, GroupConcat)
    connection.create_function("MYSQL_DECIMAL", 2, decimal_round, **deterministic)
    connection.create_function("MYSQL_CAST_INTEGER", 2, cast_integer, **deterministic)
    connection.create_function("MYSQL_STR_TO_DATE", 3, str_to_date, **deterministic)
    connection.create_function("LAST_INSERT_ID", 0, last_insert_id)
