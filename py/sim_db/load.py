"""Loading a dump (``mysqldump``, phpMyAdmin, a teacher's ``.sql`` file) as ``mysql < dump.sql``.

The ``mysql`` client splits the text into statements (:mod:`sim_db.script`) and sends them one
by one; at the first error it stops, unless ``--force`` makes it report the error and go on.
:func:`load_dump` does the same and returns every statement's outcome, so a console can print
results and ``ERROR 1146 (42S02) at line 5423: ...`` lines as the client does.

Two things a dump needs that a single statement does not:

- speed: a dump's extended INSERTs carry thousands of rows in one statement (Sakila: 46,000
  rows in 3.4 MB). sqlglot needs seconds to tokenise and parse such a statement, so its rows
  are read by a literal scanner and run as parsed single-row templates with many parameter
  rows (:mod:`sim_db.bulk_insert`);
- ``SET FOREIGN_KEY_CHECKS=0`` around the tables, so that a table may name a parent defined
  later (a session variable like any other: :mod:`sim_db.variables`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pymysql import err

from . import bulk_insert
from .errors import client_error_line
from .script import numbered_statements
from .server import Result, Session, get_server


@dataclass
class Outcome:
    """One statement of the dump: where it starts, and its result or its error."""

    line: int
    statement: str
    result: Result | None = None
    error: err.MySQLError | None = None

    def error_line(self) -> str:
        """The ``mysql`` client's batch-mode line for the error:
        ``ERROR 1146 (42S02) at line 5423: Table 'world.country' doesn't exist``."""
        head, _, message = client_error_line(self.error).partition(": ")
        return f"{head} at line {self.line}: {message}"


@dataclass
class LoadReport:
    outcomes: list[Outcome] = field(default_factory=list)
    # False when an error stopped the load (without ``force``): later statements did not run.
    completed: bool = True

    @property
    def errors(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.error is not None]


def load_dump(text: str, database: str | None = None, force: bool = False, session: Session | None = None) -> LoadReport:
    """Run ``text`` as ``mysql [database] < text`` (``--force`` when ``force``): each
    statement in turn, autocommit on unless the dump turns it off. ``session`` lets a console
    keep its own connection state (current database, ``USE`` in the dump) across loads."""
    server = get_server()
    session = session or Session(database=database, autocommit=True)
    report = LoadReport()
    for line, statement in numbered_statements(text):
        outcome = Outcome(line, statement)
        report.outcomes.append(outcome)
        try:
            outcome.result = execute(server, session, statement)
        except err.MySQLError as error:
            outcome.error = error
            if not force:
                report.completed = False
                break
    return report


def execute(server, session: Session, statement: str) -> Result:
    """One statement of a dump: an extended INSERT by the bulk path, others as the server runs
    them (a console can send each statement it reads through here)."""
    result = bulk_insert.execute(server, session, statement)
    if result is not None:
        return result
    return server.execute(session, statement)
