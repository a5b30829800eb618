"""MySQL's string, number-formatting and hashing functions SQLite lacks or spells differently,
as SQLite user functions with MySQL 8.0's semantics (NULL in, NULL out):
https://dev.mysql.com/doc/refman/8.0/en/string-functions.html,
https://dev.mysql.com/doc/refman/8.0/en/mathematical-functions.html.
"""

from __future__ import annotations

import decimal
import hashlib
import math
import random
import re
import sqlite3
import uuid

from . import collation
from .types import as_text


def _nulls(function):
    """NULL if any argument is NULL, as nearly every MySQL function."""

    def wrapper(*args):
        return None if any(a is None for a in args) else function(*args)

    return wrapper


def mid(value, start, length=None):
    """SUBSTRING(str, pos[, len]) with MySQL's 1-based and negative positions."""
    text, start = as_text(value), int(start)
    if start == 0 or abs(start) > len(text):
        return ""
    begin = start - 1 if start > 0 else len(text) + start
    if length is None:
        return text[begin:]
    return text[begin : begin + max(int(length), 0)]


def substring_index(value, delimiter, count):
    text, delimiter, count = as_text(value), as_text(delimiter), int(count)
    if not delimiter or count == 0:
        return ""
    parts = text.split(delimiter)
    return delimiter.join(parts[:count]) if count > 0 else delimiter.join(parts[count:])


def field(value, *choices):
    """FIELD(str, str1, str2...): 1-based position under the collation, 0 when absent."""
    if value is None:
        return 0
    for position, choice in enumerate(choices, 1):
        if choice is not None and collation.compare(as_text(value), as_text(choice)) == 0:
            return position
    return 0


def elt(number, *choices):
    if number is None:
        return None
    number = int(number)
    return choices[number - 1] if 1 <= number <= len(choices) else None


def number_format(value, places):
    """FORMAT(x, d): rounded half away from zero, with thousands separators ('1,234.57')."""
    places = max(int(places), 0)
    number = decimal.Decimal(repr(value) if isinstance(value, float) else as_text(value))
    rounded = number.quantize(decimal.Decimal(1).scaleb(-places), rounding=decimal.ROUND_HALF_UP)
    return f"{rounded:,.{places}f}"


def decimal_text(value, scale):
    """A DECIMAL(p, scale) value as MySQL prints it: with all its decimals ('5.00')."""
    number = decimal.Decimal(repr(value) if isinstance(value, float) else as_text(value))
    return f"{number.quantize(decimal.Decimal(1).scaleb(-int(scale)), rounding=decimal.ROUND_HALF_UP)}"


def mysql_round(value, places=0):
    """ROUND(x[, d]) half away from zero; a negative d rounds left of the point."""
    places = int(places)
    if isinstance(value, (bytes, str)):
        try:
            value = float(as_text(value))
        except ValueError:
            value = 0.0
    number = decimal.Decimal(repr(value) if isinstance(value, float) else value)
    rounded = number.quantize(decimal.Decimal(1).scaleb(-places), rounding=decimal.ROUND_HALF_UP)
    if isinstance(value, int) and places <= 0:
        return int(rounded)
    return float(rounded)


def conv(value, from_base, to_base):
    try:
        number = int(as_text(value), int(from_base))
    except ValueError:
        return "0"
    digits, base = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ", abs(int(to_base))
    if number == 0:
        return "0"
    sign, number, out = "-" if number < 0 else "", abs(number), ""
    while number:
        number, digit = divmod(number, base)
        out = digits[digit] + out
    return sign + out


def regexp(pattern, value):
    """``value REGEXP pattern`` (SQLite passes the pattern first): MySQL 8's regular
    expressions follow the collation, so case-insensitive."""
    if pattern is None or value is None:
        return None
    return 1 if re.search(as_text(pattern), as_text(value), re.IGNORECASE) else 0


def stuff(value, position, length, replacement):
    """INSERT(str, pos, len, newstr)."""
    text, position, length = as_text(value), int(position), int(length)
    if position < 1 or position > len(text):
        return text
    return text[: position - 1] + as_text(replacement) + text[position - 1 + max(length, 0) :]


def _math(function):
    """A DOUBLE function: NULL in, NULL out, NULL outside its domain (SQRT(-1) is NULL)."""

    def wrapper(*args):
        if any(a is None for a in args):
            return None
        try:
            return float(function(*(float(a) if not isinstance(a, (int, float)) else a for a in args)))
        except (ValueError, ZeroDivisionError, OverflowError):
            return None

    return wrapper


def register(connection: sqlite3.Connection) -> None:
    deterministic = {"deterministic": True}
    connection.create_function("MID", 2, _nulls(mid), **deterministic)
    connection.create_function("MID", 3, _nulls(mid), **deterministic)
    connection.create_function("REPEAT", 2, _nulls(lambda s, n: as_text(s) * max(int(n), 0)), **deterministic)
    connection.create_function("SUBSTRING_INDEX", 3, _nulls(substring_index), **deterministic)
    connection.create_function("FIELD", -1, field, **deterministic)
    connection.create_function("ELT", -1, elt, **deterministic)
    connection.create_function("ASCII", 1, _nulls(lambda s: as_text(s).encode("utf-8")[:1][0] if as_text(s) else 0), **deterministic)
    connection.create_function("CHAR", -1, lambda *codes: bytes(int(c) % 256 for c in codes if c is not None), **deterministic)
    connection.create_function(
        "HEX", 1,
        _nulls(lambda v: format(v, "X") if isinstance(v, int) else (v if isinstance(v, bytes) else as_text(v).encode("utf-8")).hex().upper()),
        **deterministic,
    )
    connection.create_function("NUMBER_TO_STR", 2, _nulls(number_format), **deterministic)
    connection.create_function("MYSQL_DECIMAL_TEXT", 2, _nulls(decimal_text), **deterministic)
    connection.create_function("ROUND", 1, _nulls(mysql_round), **deterministic)
    connection.create_function("ROUND", 2, _nulls(mysql_round), **deterministic)
    connection.create_function("MD5", 1, _nulls(lambda v: hashlib.md5(as_text(v).encode("utf-8")).hexdigest()), **deterministic)
    connection.create_function("SHA", 1, _nulls(lambda v: hashlib.sha1(as_text(v).encode("utf-8")).hexdigest()), **deterministic)
    connection.create_function("SHA1", 1, _nulls(lambda v: hashlib.sha1(as_text(v).encode("utf-8")).hexdigest()), **deterministic)
    # a version-1 UUID as MySQL's, with a random node: uuid1() would look for a network card
    connection.create_function("UUID", 0, lambda: str(uuid.uuid1(node=random.getrandbits(48) | 1 << 40)))
    connection.create_function("RAND", 0, random.random)
    connection.create_function("RAND", 1, lambda seed: random.Random(seed).random())
    connection.create_function("REGEXP", 2, regexp, **deterministic)
    connection.create_function("STUFF", 4, _nulls(stuff), **deterministic)
    connection.create_function("BIN", 1, _nulls(lambda n: format(int(n), "b")), **deterministic)
    connection.create_function("CONV", 3, _nulls(conv), **deterministic)
    connection.create_function("OCTET_LENGTH", 1, collation.octet_length, **deterministic)
    # Math as MySQL's DOUBLE functions, whatever the SQLite build's math extension offers.
    connection.create_function("PI", 0, lambda: 3.141593)  # MySQL shows PI() with 6 decimals
    connection.create_function("POW", 2, _math(math.pow), **deterministic)
    connection.create_function("POWER", 2, _math(math.pow), **deterministic)
    connection.create_function("SQRT", 1, _math(math.sqrt), **deterministic)
    connection.create_function("EXP", 1, _math(math.exp), **deterministic)
    connection.create_function("LN", 1, _math(math.log), **deterministic)
    connection.create_function("LOG", 1, _math(math.log), **deterministic)
    connection.create_function("LOG", 2, _math(lambda base, x: math.log(x) / math.log(base)), **deterministic)
    connection.create_function("LOG10", 1, _math(math.log10), **deterministic)
    connection.create_function("LOG2", 1, _math(math.log2), **deterministic)
    for name, function in (("SIN", math.sin), ("COS", math.cos), ("TAN", math.tan), ("ATAN", math.atan),
                           ("ASIN", math.asin), ("ACOS", math.acos), ("RADIANS", math.radians), ("DEGREES", math.degrees)):
        connection.create_function(name, 1, _math(function), **deterministic)
