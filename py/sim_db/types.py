"""MySQL column types: how each is stored in SQLite and how its values come back.

Values return with the Python types PyMySQL's converters produce for the MySQL type (``int``,
``Decimal``, ``date``, ``datetime``, ``timedelta``, ``str``, ``bytes``). SQLite reports each
result column's declared type to :mod:`sqlite3` (``PARSE_DECLTYPES``), so the declared type
names below carry what the converter needs to know, including a DECIMAL's scale.
"""

from __future__ import annotations

import datetime
import decimal
import sqlite3

from pymysql.constants import FIELD_TYPE

INTEGER_TYPES = {
    "TINYINT", "SMALLINT", "MEDIUMINT", "INT", "BIGINT",
    "UTINYINT", "USMALLINT", "UMEDIUMINT", "UINT", "UBIGINT",
    "BOOLEAN", "YEAR", "BIT",
}
TEXT_TYPES = {
    "CHAR", "VARCHAR", "NCHAR", "NVARCHAR", "TEXT",
    "TINYTEXT", "MEDIUMTEXT", "LONGTEXT", "ENUM", "SET",
    "JSON",
}
BLOB_TYPES = {
    "BINARY", "VARBINARY", "BLOB", "TINYBLOB",
    "MEDIUMBLOB", "LONGBLOB",
    # Spatial values are MySQL's internal bytes (SRID + WKB), as a dump's 0x... literal gives them.
    "GEOMETRY", "POINT", "LINESTRING", "POLYGON", "MULTIPOINT", "MULTILINESTRING",
    "MULTIPOLYGON", "GEOMETRYCOLLECTION",
}
FLOAT_TYPES = {"FLOAT", "DOUBLE"}
DECIMAL_TYPES = {"DECIMAL", "BIGDECIMAL"}

# Ranges of the signed integer types, for strict mode's error 1264.
INTEGER_RANGES = {
    "TINYINT": (-128, 127), "SMALLINT": (-32768, 32767),
    "MEDIUMINT": (-8388608, 8388607), "INT": (-2147483648, 2147483647),
    "BIGINT": (-9223372036854775808, 9223372036854775807),
    "UTINYINT": (0, 255), "USMALLINT": (0, 65535), "UMEDIUMINT": (0, 16777215),
    "UINT": (0, 4294967295), "UBIGINT": (0, 18446744073709551615),
}


def _parse_time(text: bytes) -> datetime.timedelta:
    sign = -1 if text.startswith(b"-") else 1
    hours, minutes, seconds = text.lstrip(b"-").decode().split(":")
    return sign * datetime.timedelta(hours=int(hours), minutes=int(minutes), seconds=float(seconds))


def _parse_datetime(text: bytes) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text.decode().replace("T", " "))


def _parse_date(text: bytes) -> datetime.date:
    return datetime.date.fromisoformat(text.decode()[:10])


sqlite3.register_converter("MYSQL_DATE", _parse_date)
sqlite3.register_converter("MYSQL_DATETIME", _parse_datetime)
sqlite3.register_converter("MYSQL_TIME", _parse_time)
_registered_decimals: set[int] = set()


def _decimal_converter(scale: int):
    quantum = decimal.Decimal(1).scaleb(-scale)
    # Stored values are already rounded (see dialect._decimal_rounding); half away from zero,
    # MySQL's rule, for any float noise.
    return lambda text: decimal.Decimal(text.decode()).quantize(quantum, rounding=decimal.ROUND_HALF_UP)


def storage_type(datatype) -> str:
    """The SQLite declared type for a MySQL column type."""
    kind = datatype.this.name  # sqlglot's DType member, by name
    if kind in INTEGER_TYPES:
        return "INTEGER"  # exactly INTEGER: `INTEGER PRIMARY KEY` is SQLite's rowid alias
    if kind in TEXT_TYPES:
        return "TEXT"
    if kind in BLOB_TYPES:
        return "BLOB"
    if kind in FLOAT_TYPES:
        return "REAL"
    if kind in DECIMAL_TYPES:
        params = [int(p.name) for p in datatype.expressions if p.name.isdigit()]
        scale = params[1] if len(params) > 1 else 0
        if scale not in _registered_decimals:
            sqlite3.register_converter(f"MYSQL_DECIMAL_{scale}", _decimal_converter(scale))
            _registered_decimals.add(scale)
        return f"MYSQL_DECIMAL_{scale}"
    if kind == "DATE":
        return "MYSQL_DATE"
    if kind in ("DATETIME", "TIMESTAMP", "TIMESTAMPTZ", "TIMESTAMPLTZ"):
        return "MYSQL_DATETIME"
    if kind == "TIME":
        return "MYSQL_TIME"
    return "TEXT"


def max_length(datatype) -> int | None:
    """Characters a CHAR/VARCHAR column holds (strict mode's error 1406)."""
    if datatype.this.name in ("CHAR", "VARCHAR", "NCHAR", "NVARCHAR"):
        params = [int(p.name) for p in datatype.expressions if p.name.isdigit()]
        return params[0] if params else (1 if datatype.this.name == "CHAR" else None)
    return None


def field_type(value) -> int:
    """A PyMySQL FIELD_TYPE code for a result value (the cursor's ``description``)."""
    if isinstance(value, bool) or isinstance(value, int):
        return FIELD_TYPE.LONGLONG
    if isinstance(value, float):
        return FIELD_TYPE.DOUBLE
    if isinstance(value, decimal.Decimal):
        return FIELD_TYPE.NEWDECIMAL
    if isinstance(value, datetime.datetime):
        return FIELD_TYPE.DATETIME
    if isinstance(value, datetime.date):
        return FIELD_TYPE.DATE
    if isinstance(value, datetime.timedelta):
        return FIELD_TYPE.TIME
    if isinstance(value, bytes):
        return FIELD_TYPE.BLOB
    return FIELD_TYPE.VAR_STRING


def to_storage(value):
    """A parameter as SQLite should store it so that it compares as MySQL compares it."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, decimal.Decimal):
        return str(value) if value != value.to_integral_value() else int(value)
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return format_time(value)
    if isinstance(value, (bytearray, memoryview)):
        return bytes(value)
    return value


def as_text(value) -> str:
    """A stored value as MySQL's string functions see it: a float that is whole prints without
    ``.0`` (SQLite hands integral REALs back as floats), bytes as UTF-8 text."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def format_time(value: datetime.timedelta) -> str:
    """A TIME value as MySQL prints it: ``-838:59:59`` to ``838:59:59``."""
    seconds = int(value.total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    return f"{sign}{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


# The type code the real server sends in a result column's definition, by declared type name
# (the catalog's lower-case spelling, without length). TEXT columns arrive as BLOB, as they do
# from MySQL; ENUM and SET as STRING.
_DECLARED_FIELD_TYPES = {
    "tinyint": FIELD_TYPE.TINY, "bool": FIELD_TYPE.TINY, "boolean": FIELD_TYPE.TINY,
    "smallint": FIELD_TYPE.SHORT, "mediumint": FIELD_TYPE.INT24, "int": FIELD_TYPE.LONG,
    "integer": FIELD_TYPE.LONG, "bigint": FIELD_TYPE.LONGLONG, "year": FIELD_TYPE.YEAR,
    "bit": FIELD_TYPE.BIT, "float": FIELD_TYPE.FLOAT, "double": FIELD_TYPE.DOUBLE,
    "real": FIELD_TYPE.DOUBLE, "decimal": FIELD_TYPE.NEWDECIMAL, "numeric": FIELD_TYPE.NEWDECIMAL,
    "date": FIELD_TYPE.DATE, "datetime": FIELD_TYPE.DATETIME, "timestamp": FIELD_TYPE.TIMESTAMP,
    "time": FIELD_TYPE.TIME, "char": FIELD_TYPE.STRING, "varchar": FIELD_TYPE.VAR_STRING,
    "binary": FIELD_TYPE.STRING, "varbinary": FIELD_TYPE.VAR_STRING, "enum": FIELD_TYPE.STRING,
    "set": FIELD_TYPE.STRING, "json": FIELD_TYPE.JSON,
    "tinytext": FIELD_TYPE.BLOB, "text": FIELD_TYPE.BLOB, "mediumtext": FIELD_TYPE.BLOB,
    "longtext": FIELD_TYPE.BLOB, "tinyblob": FIELD_TYPE.BLOB, "blob": FIELD_TYPE.BLOB,
    "mediumblob": FIELD_TYPE.BLOB, "longblob": FIELD_TYPE.BLOB,
}


def declared_field_type(mysql_type: str) -> int | None:
    """The FIELD_TYPE code for a catalog type such as ``varchar(50)`` or ``int unsigned``."""
    base = mysql_type.split("(", 1)[0].split(" ", 1)[0].strip().lower()
    return _DECLARED_FIELD_TYPES.get(base)
