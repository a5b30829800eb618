"""The diagnostics area: the conditions (warnings, errors) of a session's last statement.

Every statement but the diagnostic ones (SHOW WARNINGS, SHOW ERRORS, SHOW COUNT(*) ...) clears
the list before it runs, ``SELECT 1`` included
(https://dev.mysql.com/doc/refman/8.0/en/show-warnings.html,
https://dev.mysql.com/doc/refman/8.0/en/diagnostics-area.html); ``SELECT @@warning_count``
still reports the statement before it. A failing statement leaves its error there, after any
warnings it raised first.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .server import Session

# The diagnostic statements, recognised before parsing (the fast path answers without sqlglot).
_DIAGNOSTIC = re.compile(r"\s*show\s+(count\s*\(\s*\*\s*\)\s+)?(warnings|errors)\b", re.I)


def begin(session: "Session", text: str) -> None:
    """A statement starts: a nondiagnostic one clears the previous statement's conditions."""
    head = text[:40].lstrip()
    if head[:4].lower() == "show" and _DIAGNOSTIC.match(head):  # the cheap test first: every statement comes here
        return
    session.previous_diagnostics = session.diagnostics
    session.diagnostics = []


def warn(session: "Session", code: int, message: str, level: str = "Warning") -> None:
    session.diagnostics.append((level, code, message))


def note(session: "Session", errno: int, *args) -> None:
    """A Note with MySQL's text for ``errno`` (IF [NOT] EXISTS finding what it expected), kept
    unless the session turned ``sql_notes`` off."""
    from . import variables
    from .errors import MESSAGES

    if variables.raw(None, session, "sql_notes"):
        session.diagnostics.append(("Note", errno, MESSAGES[errno][1] % args))


def failed(session: "Session", error: BaseException) -> None:
    """The statement failed with ``error`` (a pymysql MySQLError): record it as MySQL does."""
    args = getattr(error, "args", ())
    if len(args) >= 2 and isinstance(args[0], int):
        session.diagnostics.append(("Error", args[0], str(args[1])))


def count(session: "Session") -> int:
    """warning_count of the statement that just ran (errors, warnings and notes)."""
    return len(session.diagnostics)
