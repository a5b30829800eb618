"""The differential suite's machinery: run the SQL corpus, record, compare, count.

The corpus (``cases/*.sql``) is run statement by statement through a DB-API connection, once
against a real MariaDB (``tools/refresh_fidelity.py`` records the answers in ``expected/``) and
once against sim_db (``tests/test_fidelity.py``). Each statement's outcome is what a program
using PyMySQL sees: the column names, the rows with their Python types, ``rowcount`` and
``lastrowid``, or the error's number and message.

MariaDB is the stand-in for the school's MySQL 8 server; where the two differ, the MySQL 8
answer is written in ``mysql8_overrides.json`` with the manual page that says so, and applied
when the expectations are recorded.
"""

from __future__ import annotations

import datetime
import decimal
import json
import re
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CASES = HERE / "cases"
EXPECTED = HERE / "expected"
OVERRIDES = HERE / "mysql8_overrides.json"
KNOWN_GAPS = HERE / "known_gaps.json"


# --- the corpus -------------------------------------------------------------------------------


def case_files() -> list[str]:
    return sorted(p.name for p in CASES.glob("*.sql"))


def statements(name: str) -> list[str]:
    from sim_db.script import split_statements

    return split_statements((CASES / name).read_text())


def statement_id(name: str, index: int) -> str:
    """``errors.sql:7``: the file and the statement's 1-based position in it."""
    return f"{name}:{index + 1}"


# --- outcomes ---------------------------------------------------------------------------------


def encode_value(value: Any) -> Any:
    """A result value as JSON that keeps its Python type: ``["Decimal", "1.50"]``."""
    if value is None:
        return None
    if isinstance(value, bool):
        return ["bool", value]
    if isinstance(value, int):
        return ["int", value]
    if isinstance(value, float):
        return ["float", repr(value)]
    if isinstance(value, decimal.Decimal):
        return ["Decimal", str(value)]
    if isinstance(value, str):
        return ["str", value]
    if isinstance(value, (bytes, bytearray)):
        return ["bytes", bytes(value).hex()]
    if isinstance(value, datetime.datetime):
        return ["datetime", value.isoformat(sep=" ")]
    if isinstance(value, datetime.date):
        return ["date", value.isoformat()]
    if isinstance(value, datetime.timedelta):
        return ["timedelta", str(value)]
    if isinstance(value, datetime.time):
        return ["time", value.isoformat()]
    return [type(value).__name__, repr(value)]


def run_statement(connection, sql: str) -> dict[str, Any]:
    """One statement's outcome as a program using PyMySQL sees it."""
    import pymysql

    cursor = connection.cursor()
    try:
        cursor.execute(sql)
    except pymysql.err.MySQLError as error:
        errno = error.args[0] if error.args else 0
        message = error.args[1] if len(error.args) > 1 else str(error)
        return {"sql": sql, "error": {"errno": errno, "message": message}}
    except Exception as error:  # sim_db's own bug: not something a MySQL server answers
        return {"sql": sql, "crash": f"{type(error).__name__}: {error}"}
    outcome: dict[str, Any] = {"sql": sql}
    if cursor.description:
        outcome["columns"] = [d[0] for d in cursor.description]
        outcome["rows"] = [[encode_value(v) for v in row] for row in cursor.fetchall()]
    outcome["rowcount"] = cursor.rowcount
    outcome["lastrowid"] = cursor.lastrowid or 0
    cursor.close()
    return outcome


def run_file(connection, name: str) -> list[dict[str, Any]]:
    return [run_statement(connection, sql) for sql in statements(name)]


def run_sim_db(name: str) -> list[dict[str, Any]]:
    """The corpus file run against a freshly installed sim_db server (left fresh afterwards)."""
    import sim_db

    sim_db.reset()
    try:
        connection = sim_db.connect(host="localhost", user="student", password="password", autocommit=True)
        return run_file(connection, name)
    finally:
        sim_db.reset()


# --- MySQL 8's answers where MariaDB's differ -------------------------------------------------


def load_overrides() -> dict[str, Any]:
    return json.loads(OVERRIDES.read_text())


def apply_overrides(name: str, outcomes: list[dict[str, Any]], overrides: dict[str, Any]) -> list[dict[str, Any]]:
    """MariaDB's outcomes turned into MySQL 8's: per-statement answers first, then the
    wording rules. An overridden outcome keeps MariaDB's own answer under ``"mariadb"``."""
    result = []
    statement_overrides = overrides.get("statements", {})
    for index, outcome in enumerate(outcomes):
        original = json.loads(json.dumps(outcome))
        key = statement_id(name, index)
        changed_by: list[str] = []
        if key in statement_overrides:
            entry = statement_overrides[key]
            if entry["sql"] != outcome["sql"]:
                raise ValueError(f"{OVERRIDES.name}: {key} names {entry['sql']!r}, the corpus has {outcome['sql']!r}")
            outcome = {"sql": outcome["sql"], **entry["mysql8"]}
            changed_by.append(entry["source"])
        elif "error" in outcome:
            for rule in overrides.get("rules", []):
                if rule["errno"] != outcome["error"]["errno"]:
                    continue
                message = re.sub(rule["pattern"], rule["replace"], outcome["error"]["message"])
                if message != outcome["error"]["message"]:
                    outcome = {**outcome, "error": {**outcome["error"], "message": message}}
                    changed_by.append(rule["source"])
        if changed_by:
            outcome = {**outcome, "mysql8_source": changed_by, "mariadb": original}
        result.append(outcome)
    return result


# --- expectations and comparison --------------------------------------------------------------


def load_expected(name: str) -> list[dict[str, Any]]:
    data = json.loads((EXPECTED / (name + ".json")).read_text())
    return data["statements"]


def load_known_gaps() -> dict[str, dict[str, str]]:
    if not KNOWN_GAPS.exists():
        return {}
    return json.loads(KNOWN_GAPS.read_text())


ASPECTS = ("columns", "rows", "rowcount", "lastrowid", "error")


def differences(expected: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    """What sim_db answered differently from MySQL 8 (empty when it matches)."""
    if "crash" in actual:
        return [f"sim_db raised {actual['crash']}"]
    found = []
    if "error" in expected or "error" in actual:
        want, got = expected.get("error"), actual.get("error")
        if want != got:
            found.append(f"error: expected {_error_text(want)}, got {_error_text(got)}")
        return found
    for aspect in ASPECTS[:-1]:
        if expected.get(aspect) != actual.get(aspect):
            found.append(f"{aspect}: expected {expected.get(aspect)!r}, got {actual.get(aspect)!r}")
    return found


def _error_text(error: dict[str, Any] | None) -> str:
    return "no error" if error is None else f"{error['errno']} {error['message']!r}"


# --- conformance figures ----------------------------------------------------------------------


def conformance() -> dict[str, Any]:
    """How much of the corpus sim_db answers as MySQL 8 does.

    ``overall`` and ``files`` count statements whose whole outcome matches; ``error_number``
    and ``error_message`` count, among statements where MySQL 8 fails, those where sim_db fails
    with the same number, and with the same number and message text.
    """
    total = matched = errors = errno_matched = message_matched = 0
    files: dict[str, dict[str, Any]] = {}
    mismatches: list[str] = []
    for name in case_files():
        expected = load_expected(name)
        actual = run_sim_db(name)
        file_matched = 0
        for index, (want, got) in enumerate(zip(expected, actual)):
            same = not differences(want, got)
            file_matched += same
            if not same:
                mismatches.append(statement_id(name, index))
            if "error" in want:
                errors += 1
                got_error = got.get("error")
                if got_error and got_error["errno"] == want["error"]["errno"]:
                    errno_matched += 1
                    message_matched += got_error["message"] == want["error"]["message"]
        total += len(expected)
        matched += file_matched
        files[name] = {"statements": len(expected), "matched": file_matched, "percent": _percent(file_matched, len(expected))}
    return {
        "statements": total,
        "matched": matched,
        "overall": _percent(matched, total),
        "files": files,
        "errors": errors,
        "error_number": _percent(errno_matched, errors),
        "error_message": _percent(message_matched, errors),
        "mismatches": mismatches,
    }


def _percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 100.0


def format_report(figures: dict[str, Any]) -> str:
    lines = [
        f"sim_db conformance with MySQL 8 over {figures['statements']} statements: "
        f"{figures['overall']}% ({figures['matched']} match)",
    ]
    for name, entry in figures["files"].items():
        lines.append(f"  {name:<14} {entry['percent']:5.1f}%  ({entry['matched']}/{entry['statements']})")
    lines.append(
        f"errors ({figures['errors']} statements): number matches {figures['error_number']}%, "
        f"number and message match {figures['error_message']}%"
    )
    if figures["mismatches"]:
        lines.append("mismatches: " + ", ".join(figures["mismatches"]))
    return "\n".join(lines)
