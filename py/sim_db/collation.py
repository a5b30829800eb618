"""utf8mb4_0900_ai_ci, MySQL 8's default collation, as an SQLite collation and the string
functions whose results depend on it.

MySQL 8 compares text accent- and case-insensitively ('é' = 'e', 'Alex' = 'alex', 'ß' = 'ss')
and, unlike MySQL 5.7's collations, without padding ('a' <> 'a ': the _0900_ collations are NO
PAD): https://dev.mysql.com/doc/refman/8.0/en/charset-unicode-sets.html. SQLite's NOCASE knows
ASCII case only, so text columns are declared ``COLLATE MYSQL``, a collation whose sort key is
the text case-folded with its accents removed — Python's ``unicodedata`` rather than the full
Unicode Collation Algorithm (MySQL's tables are not available in the browser; letters such as
'ø' or 'æ' that UCA treats specially keep their own order here). The same key serves LIKE
(SQLite's LIKE ignores collations), STRCMP, INSTR/LOCATE, and UPPER/LOWER beyond ASCII.
"""

from __future__ import annotations

import functools
import re
import sqlite3
import unicodedata

from .types import as_text

NAME = "MYSQL"


@functools.lru_cache(maxsize=8192)
def key(text: str) -> str:
    """The collation's sort key: equal keys are equal strings under utf8mb4_0900_ai_ci."""
    if text.isascii():
        return text.lower()
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c))


def compare(left: str, right: str) -> int:
    # SQLite calls this for every comparison of a sort or an index search: ASCII text (most
    # of it) skips the cache.
    a = left.lower() if left.isascii() else key(left)
    b = right.lower() if right.isascii() else key(right)
    return 0 if a == b else (1 if a > b else -1)


@functools.lru_cache(maxsize=1024)
def _like_pattern(pattern: str, escape: str | None) -> re.Pattern:
    parts, escaped = [], False
    for char in pattern:
        if escaped:
            parts.append(re.escape(key(char)))
            escaped = False
        elif escape is not None and char == escape:
            escaped = True
        elif char == "%":
            parts.append(".*")
        elif char == "_":
            parts.append(".")
        else:
            parts.append(re.escape(key(char)))
    return re.compile("".join(parts), re.DOTALL)


def like(pattern, value, escape=None):
    """``value LIKE pattern [ESCAPE escape]`` (SQLite passes the pattern first), compared as
    the collation compares; MySQL's default escape is the backslash."""
    if pattern is None or value is None:
        return None
    if isinstance(pattern, bytes) or isinstance(value, bytes):  # LIKE BINARY: byte for byte
        return _binary_like(as_text(pattern), as_text(value), "\\" if escape is None else as_text(escape))
    compiled = _like_pattern(as_text(pattern), "\\" if escape is None else as_text(escape))
    return 1 if compiled.fullmatch(key(as_text(value))) else 0


def _binary_like(pattern: str, value: str, escape: str) -> int:
    parts, escaped = [], False
    for char in pattern:
        if escaped:
            parts.append(re.escape(char))
            escaped = False
        elif char == escape:
            escaped = True
        else:
            parts.append(".*" if char == "%" else "." if char == "_" else re.escape(char))
    return 1 if re.fullmatch("".join(parts), value, re.DOTALL) else 0


def strcmp(left, right):
    if left is None or right is None:
        return None
    return compare(as_text(left), as_text(right))


def instr(haystack, needle, start=1):
    """INSTR(str, substr) / LOCATE(substr, str[, pos]): 1-based position under the collation."""
    if haystack is None or needle is None or start is None:
        return None
    text, wanted = as_text(haystack), key(as_text(needle))
    width = len(as_text(needle))
    for position in range(max(int(start), 1) - 1, len(text) - width + 1):
        if key(text[position : position + width]) == wanted:
            return position + 1
    return 0


def octet_length(value):
    """LENGTH(): bytes in utf8mb4 (CHAR_LENGTH counts characters)."""
    if value is None:
        return None
    return len(value) if isinstance(value, bytes) else len(as_text(value).encode("utf-8"))


def upper(value):
    return None if value is None else (value.upper() if isinstance(value, str) else as_text(value).upper())


def lower(value):
    return None if value is None else (value.lower() if isinstance(value, str) else as_text(value).lower())


def register(connection: sqlite3.Connection) -> None:
    deterministic = {"deterministic": True}
    connection.create_collation(NAME, compare)
    connection.create_function("LIKE", 2, like, **deterministic)
    connection.create_function("LIKE", 3, like, **deterministic)
    connection.create_function("STRCMP", 2, strcmp, **deterministic)
    connection.create_function("MYSQL_INSTR", 2, instr, **deterministic)
    connection.create_function("MYSQL_INSTR", 3, instr, **deterministic)
    connection.create_function("MYSQL_OCTET_LENGTH", 1, octet_length, **deterministic)
    connection.create_function("UPPER", 1, upper, **deterministic)
    connection.create_function("LOWER", 1, lower, **deterministic)
