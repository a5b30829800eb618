"""System and user variables: ``@@sql_mode``, ``SET``, ``@x``, and the session functions.

MySQL keeps each system variable twice, a GLOBAL value (what new sessions start with) and a
SESSION value; ``SET x = v``, ``SET SESSION x``, ``SET @@x`` change the session's, ``SET GLOBAL``
the server's (https://dev.mysql.com/doc/refman/8.0/en/set-variable.html). User variables
(``@x``) belong to one session and hold whatever was assigned, NULL before that
(https://dev.mysql.com/doc/refman/8.0/en/user-variables.html).

Inside statements, variables and the session functions (DATABASE(), USER(), CONNECTION_ID()...)
become calls to SQLite functions registered here that read the *running* session, so one
cached translation serves every session and every value. This module does not import sqlglot
at load time: :mod:`sim_db.fastpath` answers ``SELECT @@sql_mode`` from it on connect.
"""

from __future__ import annotations

import itertools
import re
import sqlite3
from typing import TYPE_CHECKING, Any, Callable

if TYPE_CHECKING:
    from .server import Server, Session

SERVER_VERSION = "8.0.36"

# The canonical order MySQL prints sql_mode's words in (its bit order), and the combination
# modes it expands (https://dev.mysql.com/doc/refman/8.0/en/sql-mode.html).
SQL_MODES = (
    "REAL_AS_FLOAT", "PIPES_AS_CONCAT", "ANSI_QUOTES", "IGNORE_SPACE", "ONLY_FULL_GROUP_BY",
    "NO_UNSIGNED_SUBTRACTION", "NO_DIR_IN_CREATE", "ANSI", "NO_AUTO_VALUE_ON_ZERO",
    "NO_BACKSLASH_ESCAPES", "STRICT_TRANS_TABLES", "STRICT_ALL_TABLES", "NO_ZERO_IN_DATE",
    "NO_ZERO_DATE", "ALLOW_INVALID_DATES", "ERROR_FOR_DIVISION_BY_ZERO", "TRADITIONAL",
    "HIGH_NOT_PRECEDENCE", "NO_ENGINE_SUBSTITUTION", "PAD_CHAR_TO_FULL_LENGTH",
    "TIME_TRUNCATE_FRACTIONAL",
)
_COMBINATIONS = {
    "ANSI": ("REAL_AS_FLOAT", "PIPES_AS_CONCAT", "ANSI_QUOTES", "IGNORE_SPACE", "ONLY_FULL_GROUP_BY"),
    "TRADITIONAL": (
        "STRICT_TRANS_TABLES", "STRICT_ALL_TABLES", "NO_ZERO_IN_DATE", "NO_ZERO_DATE",
        "ERROR_FOR_DIVISION_BY_ZERO", "NO_ENGINE_SUBSTITUTION",
    ),
}
SQL_MODE = (
    "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
    "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION"
)

# MySQL 8.0's defaults (booleans are ON/OFF variables: SELECT shows 1/0, SHOW VARIABLES ON/OFF).
DEFAULTS: dict[str, Any] = {
    "auto_increment_increment": 1,
    "auto_increment_offset": 1,
    "autocommit": True,
    "character_set_client": "utf8mb4",
    "character_set_connection": "utf8mb4",
    "character_set_database": "utf8mb4",
    "character_set_filesystem": "binary",
    "character_set_results": "utf8mb4",
    "character_set_server": "utf8mb4",
    "character_set_system": "utf8mb3",
    "collation_connection": "utf8mb4_0900_ai_ci",
    "collation_database": "utf8mb4_0900_ai_ci",
    "collation_server": "utf8mb4_0900_ai_ci",
    "default_storage_engine": "InnoDB",
    "default_week_format": 0,
    "div_precision_increment": 4,
    "explicit_defaults_for_timestamp": True,
    "foreign_key_checks": True,
    "group_concat_max_len": 1024,
    # What mysqldump's output sets and restores around the data (SET @@SESSION.SQL_LOG_BIN= 0;
    # SET @@GLOBAL.GTID_PURGED=...): accepted, and meaning nothing without replication.
    "gtid_mode": "OFF",
    "gtid_purged": "",
    "information_schema_stats_expiry": 86400,
    "hostname": "localhost",
    "innodb_lock_wait_timeout": 50,
    "interactive_timeout": 28800,
    "lc_time_names": "en_US",
    "license": "GPL",
    "lower_case_table_names": 0,
    "max_allowed_packet": 67108864,
    "max_connections": 151,
    "max_error_count": 1024,
    "net_buffer_length": 16384,
    "net_read_timeout": 30,
    "net_write_timeout": 60,
    "port": 3306,
    "protocol_version": 10,
    "sql_auto_is_null": False,
    "sql_log_bin": True,
    "sql_mode": SQL_MODE,
    "sql_notes": True,
    "sql_quote_show_create": True,
    "sql_safe_updates": False,
    "sql_select_limit": 18446744073709551615,
    "sql_warnings": False,
    "system_time_zone": "UTC",
    "time_zone": "SYSTEM",
    "transaction_isolation": "REPEATABLE-READ",
    "transaction_read_only": False,
    "unique_checks": True,
    "version": SERVER_VERSION,
    "version_comment": "MySQL Community Server - GPL (simulated by Roundtrip)",
    "version_compile_machine": "x86_64",
    "version_compile_os": "Linux",
    "wait_timeout": 28800,
}
# Values only the server sets (SET gives 1238).
READ_ONLY = {
    "character_set_system", "hostname", "license", "lower_case_table_names", "port",
    "protocol_version", "system_time_zone", "version", "version_comment",
    "version_compile_machine", "version_compile_os", "warning_count", "error_count",
}
# Variables with no session value (SET without GLOBAL: 1229), and those whose session value
# only the server sets (1621) (https://dev.mysql.com/doc/refman/8.0/en/server-system-variables.html).
GLOBAL_ONLY = {"max_connections", "gtid_mode", "gtid_purged"}
SESSION_READ_ONLY = {"max_allowed_packet", "net_buffer_length"}
# Session-only values computed from the session's state.
_DYNAMIC = {"warning_count", "error_count", "last_insert_id", "identity"}
_BOOLEAN_WORDS = {"ON": True, "OFF": False, "TRUE": True, "FALSE": False, "1": True, "0": False}
# Character sets a course meets, with their default collations
# (https://dev.mysql.com/doc/refman/8.0/en/charset-charsets.html); utf8 is utf8mb3 in 8.0.
CHARSETS = {
    "utf8mb4": "utf8mb4_0900_ai_ci", "utf8mb3": "utf8mb3_general_ci", "utf8": "utf8mb3_general_ci",
    "latin1": "latin1_swedish_ci", "ascii": "ascii_general_ci", "binary": "binary",
    "ucs2": "ucs2_general_ci", "utf16": "utf16_general_ci", "utf32": "utf32_general_ci",
    "cp1250": "cp1250_general_ci", "cp1252": "latin1_swedish_ci", "latin2": "latin2_general_ci",
}

_connection_ids = itertools.count(8)  # MySQL's first client connection is not 1


def next_connection_id() -> int:
    return next(_connection_ids)


def start_session(server: "Server", session: "Session") -> None:
    """A new connection's session variables start as the server's GLOBAL values."""
    session.variables.update(getattr(server, "global_variables", {}))
    if "autocommit" in session.variables:
        del session.variables["autocommit"]  # the client chooses autocommit on connect


def known(name: str) -> bool:
    """Whether ``name`` is a system variable sim_db knows (others are MySQL's 1193)."""
    return name.lower() in DEFAULTS or name.lower() in _DYNAMIC


def get(server: "Server | None", session: "Session | None", name: str, scope: str = "session") -> Any:
    """A system variable's value as SELECT @@name shows it (ON/OFF variables as 1/0)."""
    value = raw(server, session, name, scope)
    return int(value) if isinstance(value, bool) else value


def raw(server: "Server | None", session: "Session | None", name: str, scope: str = "session") -> Any:
    """A system variable's value as stored (ON/OFF variables as bools): the session's own value,
    else the default; ``scope="global"`` reads the server's value. warning_count and
    error_count describe the statement before the running one (see sim_db.diagnostics)."""
    name = name.lower()
    if name in _DYNAMIC:
        if session is None:
            return 0
        if name in ("last_insert_id", "identity"):
            return session.last_insert_id
        seen = session.previous_diagnostics
        if name == "error_count":
            return sum(1 for level, _, _ in seen if level == "Error")
        return len(seen)
    if name == "autocommit" and session is not None and scope != "global":
        return bool(session.autocommit)
    if session is not None and scope != "global":
        return session.variables.get(name, DEFAULTS[name])
    global_values = getattr(server, "global_variables", {}) if server is not None else {}
    if name in global_values:
        return global_values[name]
    return DEFAULTS[name]


def shown(value: Any) -> str:
    """A value as SHOW VARIABLES prints it."""
    if isinstance(value, bool):
        return "ON" if value else "OFF"
    return str(value)


def strict(server, session) -> bool:
    """Strict SQL mode: bad values are errors, not warnings and clipped values."""
    mode = raw(server, session, "sql_mode")
    return "STRICT_TRANS_TABLES" in mode or "STRICT_ALL_TABLES" in mode


def foreign_key_checks(server, session) -> bool:
    """FOREIGN_KEY_CHECKS for the session: off, MySQL lets a table name a missing parent,
    truncates or drops a referenced table and takes rows without their parents (dumps)."""
    return bool(raw(server, session, "foreign_key_checks"))


def has_mode(server, session, word: str) -> bool:
    """Whether the session's sql_mode includes ``word`` (ONLY_FULL_GROUP_BY...)."""
    return word in raw(server, session, "sql_mode").split(",")


def normalize_sql_mode(value: Any) -> str:
    """sql_mode as MySQL stores it: known words, upper case, in canonical order, with the
    words of ANSI and TRADITIONAL added; 1231 for a word it does not know."""
    from .errors import mysql_error

    if value is None:
        raise mysql_error(1231, "sql_mode", "NULL")
    words = set()
    for written in (w.strip() for w in str(value).split(",") if w.strip()):
        word = written.upper()
        if word not in SQL_MODES:
            raise mysql_error(1231, "sql_mode", written)
        words.add(word)
        words.update(_COMBINATIONS.get(word, ()))
    return ",".join(mode for mode in SQL_MODES if mode in words)


def assign(server: "Server", session: "Session", name: str, value: Any, scope: str = "session") -> None:
    """``SET [GLOBAL|SESSION] name = value`` with MySQL's checks (1193, 1238, 1231)."""
    from .errors import mysql_error

    key = name.lower()
    if not known(key):
        raise mysql_error(1193, name)
    if key in READ_ONLY or key in _DYNAMIC:
        raise mysql_error(1238, name)
    if scope != "global" and key in GLOBAL_ONLY:
        raise mysql_error(1229, name)
    if scope != "global" and key in SESSION_READ_ONLY:
        raise mysql_error(1621, name)
    if isinstance(value, _Default):
        value = DEFAULTS[key] if scope == "global" else raw(server, None, key, "global")
    default = DEFAULTS[key]
    if key == "sql_mode":
        value = normalize_sql_mode(value)
    elif isinstance(default, bool):
        word = str(int(value) if isinstance(value, (bool, float)) else value).upper()
        if word not in _BOOLEAN_WORDS:
            raise mysql_error(1231, name, "NULL" if value is None else value)
        value = _BOOLEAN_WORDS[word]
    elif isinstance(default, int):
        try:
            value = int(value)
        except (TypeError, ValueError):
            raise mysql_error(1232, name) from None
    elif key == "transaction_isolation":
        value = str(value).upper().replace(" ", "-")
        if value not in ("READ-UNCOMMITTED", "READ-COMMITTED", "REPEATABLE-READ", "SERIALIZABLE"):
            raise mysql_error(1231, name, value)
    elif key == "time_zone":
        value = _time_zone(value)
    elif key.startswith("character_set_") or key.startswith("collation_"):
        value = _charset_value(name, key, value)
    elif value is None:
        raise mysql_error(1231, name, "NULL")
    else:
        value = str(value)
    targets = [key]
    if scope == "global":
        for target in targets:
            server.global_variables[target] = value
        return
    for target in targets:
        session.variables[target] = value
    if key == "autocommit":
        server.set_autocommit(session, bool(value))  # turning it on commits the open transaction
    elif key == "foreign_key_checks":
        apply_foreign_key_checks(server, session)


class _Default:
    """``SET x = DEFAULT``: the variable's global value (or, for GLOBAL, the compiled default)."""


DEFAULT = _Default()


def _time_zone(value: Any) -> str:
    """SYSTEM or an offset '+05:30' ('-13:59' to '+14:00'); named zones need time zone tables
    a fresh MySQL does not have: 1298 (https://dev.mysql.com/doc/refman/8.0/en/time-zone-support.html)."""
    from .errors import mysql_error

    text = str(value).strip()
    if text.upper() == "SYSTEM":
        return "SYSTEM"
    match = re.fullmatch(r"([+-])(\d{1,2}):(\d{2})", text)
    if match:
        minutes = int(match.group(2)) * 60 + int(match.group(3))
        if int(match.group(3)) < 60 and (minutes <= 14 * 60 if match.group(1) == "+" else minutes <= 13 * 60 + 59):
            return f"{match.group(1)}{int(match.group(2)):02d}:{match.group(3)}"
    raise mysql_error(1298, text)


def _charset_value(name: str, key: str, value: Any) -> str:
    from .errors import mysql_error

    text = str(value).lower() if value is not None else ""
    if key.startswith("character_set_"):
        if text not in CHARSETS:
            raise mysql_error(1115, value)
        return "utf8mb3" if text == "utf8" else text
    if not any(text == c or text.startswith(c.split("_")[0] + "_") for c in CHARSETS.values()):
        raise mysql_error(1273, value)
    return text


def _charset(charset: str) -> tuple[str, str]:
    """A character set as SET NAMES / SET CHARACTER SET name it: (its name, the name the
    variables show: utf8 is utf8mb3 in MySQL 8); DEFAULT is the server's; 1115 if unknown."""
    from .errors import mysql_error

    name = charset.lower().strip("'\"`")
    if name == "default":
        name = DEFAULTS["character_set_client"]
    if name not in CHARSETS:
        raise mysql_error(1115, charset)
    return name, "utf8mb3" if name == "utf8" else name


def set_names(session: "Session", charset: str, collation: str | None = None) -> None:
    """SET NAMES: the client, connection and results character sets
    (https://dev.mysql.com/doc/refman/8.0/en/set-names.html)."""
    name, stored = _charset(charset)
    for key in ("character_set_client", "character_set_connection", "character_set_results"):
        session.variables[key] = stored
    session.variables["collation_connection"] = (collation or CHARSETS[name]).lower().strip("'\"`")


def set_character_set(server, session: "Session", charset: str) -> None:
    """SET CHARACTER SET: client and results take the set, the connection the database's
    (https://dev.mysql.com/doc/refman/8.0/en/set-character-set.html)."""
    _, stored = _charset(charset)
    session.variables["character_set_client"] = session.variables["character_set_results"] = stored
    session.variables["character_set_connection"] = raw(server, session, "character_set_database")
    session.variables["collation_connection"] = raw(server, session, "collation_database")


def apply_foreign_key_checks(server: "Server", session: "Session") -> None:
    """FOREIGN_KEY_CHECKS on SQLite: ``PRAGMA foreign_keys``. SQLite ignores that pragma inside a
    transaction; there, turning checks off defers them to COMMIT instead (``defer_foreign_keys``),
    which accepts the usual dump order (children before parents) as long as the parents exist
    by then. The pragma itself follows when the transaction has ended (see ``sync``)."""
    connection = server.sqlite_for(session)
    wanted = foreign_key_checks(server, session)
    if connection.in_transaction:
        if not wanted:
            connection.execute("PRAGMA defer_foreign_keys = ON")
        foreign_keys_changed(session)
        return
    connection.execute(f"PRAGMA foreign_keys = {'ON' if wanted else 'OFF'}")


def foreign_keys_changed(session: "Session") -> None:
    """The session's SQLite connection may no longer enforce its FOREIGN_KEY_CHECKS (a pragma
    SQLite ignored inside a transaction, or set by other work): ``sync`` puts it right."""
    session.foreign_keys_unsynced = True


def sync(server: "Server", session: "Session") -> None:
    """Before a statement: the session's SQLite connection enforces its FOREIGN_KEY_CHECKS. A
    flag, not a look at the pragma: every statement comes here, and the look cost a quarter of
    a one-row INSERT."""
    if not session.foreign_keys_unsynced:
        return
    connection = server.sqlite_for(session)
    if connection.in_transaction:
        return
    wanted = foreign_key_checks(server, session)
    if bool(connection.execute("PRAGMA foreign_keys").fetchone()[0]) != wanted:
        connection.execute(f"PRAGMA foreign_keys = {'ON' if wanted else 'OFF'}")
    session.foreign_keys_unsynced = False


# --- inside statements: SQLite functions reading the running session ---------------------------


def user_name(session: "Session | None") -> str:
    return f"{session.user}@{session.host}" if session is not None else "root@localhost"


def current_user(session: "Session | None") -> str:
    """The account the session authenticated as (CURRENT_USER()): ``user@host`` of the account."""
    if session is None:
        return "root@localhost"
    return f"{session.user}@{session.account_host}"


def register(connection: sqlite3.Connection, server: "Server", running: Callable[[], "Session | None"]) -> None:
    """Install the functions the translated statements call (see ``generator_transforms``)."""
    from .types import to_storage

    def system_variable(name, scope):
        return to_storage(get(server, running(), name, scope or "session"))

    def user_variable(name):
        session = running()
        return session.user_variables.get(name.lower()) if session is not None else None

    def set_user_variable(name, value):
        session = running()
        if session is not None:
            session.user_variables[name.lower()] = value
        return value

    def database():
        session = running()
        return session.database if session is not None else None

    connection.create_function("MYSQL_SYSTEM_VARIABLE", 2, system_variable)
    connection.create_function("MYSQL_USER_VARIABLE", 1, user_variable)
    connection.create_function("MYSQL_SET_USER_VARIABLE", 2, set_user_variable)
    connection.create_function("MYSQL_DATABASE", 0, database)
    connection.create_function("MYSQL_USER", 0, lambda: user_name(running()))
    connection.create_function("MYSQL_CURRENT_USER", 0, lambda: current_user(running()))
    connection.create_function("MYSQL_CONNECTION_ID", 0, lambda: running().connection_id if running() else 0)
    from . import lenient  # the value-adjusting functions of non-strict writes

    lenient.register(connection, running)


def generator_transforms() -> dict:
    """sqlglot generator entries that turn variables and session functions into the calls
    above (for ``dialect.SimSQLite``); an unknown ``@@name`` is 1193 when translated."""
    from sqlglot import exp

    from .errors import mysql_error

    def system(self, node):
        name = node.name
        if not known(name):
            raise mysql_error(1193, name)
        scope = (node.text("kind") or "session").lower()
        return self.func("MYSQL_SYSTEM_VARIABLE", exp.Literal.string(name.lower()), exp.Literal.string(scope))

    def user(self, node):
        return self.func("MYSQL_USER_VARIABLE", exp.Literal.string(node.name))

    def assignment(self, node):
        if isinstance(node.this, exp.Parameter):
            return self.func("MYSQL_SET_USER_VARIABLE", exp.Literal.string(node.this.name), node.expression)
        return self.binary(node, ":=")

    def anonymous(self, node):
        name = node.name.upper()
        if name in _SESSION_FUNCTIONS and not node.expressions:
            return self.func(_SESSION_FUNCTIONS[name])
        return self.anonymous_sql(node)

    return {
        exp.SessionParameter: system,
        exp.Parameter: user,
        exp.PropertyEQ: assignment,
        exp.CurrentSchema: lambda self, node: self.func("MYSQL_DATABASE"),
        exp.CurrentUser: lambda self, node: self.func("MYSQL_CURRENT_USER"),
        exp.SessionUser: lambda self, node: self.func("MYSQL_USER"),
        exp.CurrentVersion: lambda self, node: self.sql(exp.Literal.string(SERVER_VERSION)),
        exp.Anonymous: anonymous,
    }


_SESSION_FUNCTIONS = {
    "USER": "MYSQL_USER", "SYSTEM_USER": "MYSQL_USER", "CONNECTION_ID": "MYSQL_CONNECTION_ID",
    "SCHEMA": "MYSQL_DATABASE",
}
