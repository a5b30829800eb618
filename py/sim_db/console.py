"""The ``mysql`` command-line client, simulated: text in, what the client prints out.

A student's habits at the ``mysql>`` prompt and a teacher's ``mysql school < seed.sql`` both go
through :class:`Console`: statements split as the client splits them
(:class:`sim_db.script.ClientReader`: ``;``, ``DELIMITER``, ``\\G``, ``\\g``, ``USE``), run on
one persistent session of the simulated server, and their results printed as the client prints
them -- a port of MySQL 8.0's client/mysql.cc (com_go, print_table_data,
print_table_data_vertically, print_tab_data, put_info), because no library formats MySQL
results the client's way (byte-counted widths, numbers right-aligned by column type, NULL,
``3 rows in set (0.00 sec)``, ``ERROR 1146 (42S02) at line 3: ...``).

Two modes, as the client has: *interactive* (a terminal: boxed tables, ``Query OK`` lines and
timings, errors without line numbers) and *batch* (input from a file or ``-e``:
tab-separated rows with a header, no messages, errors on stderr with their line number). The
page's console pane uses :meth:`Console.run`, interactive style.
"""

from __future__ import annotations

import errno
import time
import unicodedata
from typing import Callable

from pymysql import err
from pymysql.constants import FIELD_TYPE

from .errors import client_error_line
from . import load
from .script import ClientReader, Step, command_argument, read_lines, remove_trailing_controls, server_text
from .server import Result, Server, Session, get_server
from .text import text_value

# IS_NUM (include/mysql_com.h): the client right-aligns columns of these types.
_NUMERIC_TYPES = {
    FIELD_TYPE.DECIMAL, FIELD_TYPE.TINY, FIELD_TYPE.SHORT, FIELD_TYPE.LONG, FIELD_TYPE.FLOAT,
    FIELD_TYPE.DOUBLE, FIELD_TYPE.NULL, FIELD_TYPE.LONGLONG, FIELD_TYPE.INT24, FIELD_TYPE.YEAR,
    FIELD_TYPE.NEWDECIMAL,
}
MAX_COLUMN_LENGTH = 1024  # "Don't try to make a nice table if the data is too big"
ROW_RULE = "*************************** {}. row ***************************"

# The client prints C's errno; Pyodide's (Emscripten's) numbers differ from Linux's, where the
# school's client runs (ENOENT is 44 there, 2 here).
_LINUX_ERRNO = {"ENOENT": 2, "EACCES": 13, "ENOTDIR": 20, "EISDIR": 21}

Writer = Callable[[str, str], None]  # (stream: "out" | "err", text)


class Console:
    """A ``mysql`` client session on the simulated server.

    :param database: the database to start in (``mysql school``); an unknown one raises
        MySQL's 1049, as connecting to it fails.
    :param force: go on after an error (``--force``); otherwise the rest of the input is skipped.
    :param batch: batch mode (``mysql < file``, ``-e``): no ``Query OK``/``rows in set``
        messages, errors with ``at line N``, tab-separated rows unless ``table``.
    :param table: boxed tables even in batch mode (``-t``).
    :param silent: the client's ``opt_silent`` (1 when input or output is not a terminal,
        ``-B``; ``-s`` adds one): tab-separated rows, no timings; 2 drops the header line.
    :param verbose: ``-v`` count: echo each statement; 2 and more print the messages in batch
        mode too; 3 adds timings.
    :param column_names: False for ``-N``.
    :param vertical: every result as with ``\\G`` (``-E``).
    :param write: where output goes, ``write(stream, text)`` with stream ``"out"`` or
        ``"err"``; by default it is collected for :meth:`run`.
    """

    def __init__(
        self,
        database: str | None = None,
        *,
        force: bool = False,
        batch: bool = False,
        table: bool = False,
        silent: int = 0,
        verbose: int = 0,
        column_names: bool = True,
        vertical: bool = False,
        server: Server | None = None,
        write: Writer | None = None,
    ) -> None:
        self.server = server or get_server()
        self.session = Session(autocommit=True)
        self.force, self.batch, self.table, self.silent = force, batch, table, silent
        self.verbose, self.column_names, self.vertical = verbose, column_names, vertical
        self.reader = ClientReader(batch=batch)
        self._collected: list[str] = []
        self._write = write or (lambda stream, text: self._collected.append(text))
        self.failed = False  # an error stopped the input (without force)
        self.errors = 0
        self.quit = False
        self._file: str | None = None  # the file ``source`` is reading
        if database:
            self.server.execute(self.session, "USE " + _quote(database))

    # --- input --------------------------------------------------------------------------------

    @property
    def prompt(self) -> str:
        """``mysql> `` or, inside an unfinished statement, ``    -> `` (``'>``, ``">``, `` `> ``,
        ``/*>`` inside a string, an identifier or a comment)."""
        return self.reader.prompt

    @property
    def database(self) -> str | None:
        return self.session.database

    def run(self, text: str) -> str:
        """Run ``text`` as typed at the prompt and return what the client prints (stdout and
        stderr together, in order). SQL errors become the client's ``ERROR ...`` line, never
        an exception; after one the rest of ``text`` is skipped unless ``force``. An unfinished
        statement waits for the next call, as at the prompt (see :attr:`prompt`)."""
        self._collected.clear()
        self.failed = False
        for line in read_lines(text):
            if not self.feed(line):
                break
        return "".join(self._collected)

    def feed(self, line: str) -> bool:
        """One input line (no line end). False when the input should stop: ``exit``/``quit``,
        or an error without ``force``."""
        if self.quit or self.failed:
            return False
        for step in self.reader.feed(line):
            if not self._do(step):
                return False
        return True

    def finish(self) -> bool:
        """End of input: batch mode runs a last statement that lacks its delimiter."""
        if self.quit or self.failed:
            return False
        for step in self.reader.finish():
            if not self._do(step):
                return False
        return True

    def run_batch(self, text: str) -> int:
        """Run a whole input as ``mysql < file`` does; the exit status (1 after an error that
        stopped it)."""
        for line in read_lines(text):
            if not self.feed(line):
                break
        else:
            self.finish()
        return 1 if self.failed else 0

    def bye(self) -> str:
        """The client's last words (mysql_end): ``Bye`` when messages are shown."""
        self._collected.clear()
        self._put_result("Bye")
        return "".join(self._collected)

    # --- steps --------------------------------------------------------------------------------

    def _do(self, step: Step) -> bool:
        if step.kind == "go":
            return self._go(step)
        if step.kind == "error":
            return self._info_error(step.text, step.line)
        name = step.command.name
        if name in ("exit", "quit"):
            self.quit = True
            return False
        if name == "use":
            return self._use(step)
        if name == "print":
            self._print_statement(self.reader.buffer)
            return True
        if name == "source":
            return self._source(step)
        if name in ("rehash", "nopager", "notee", "resetconnection") or (name == "pager" and self.batch):
            return True  # nothing to do without completion, pager or tee file
        return self._info_error(f"The simulated mysql client does not support the '{name}' command.", step.line)

    def _use(self, step: Step) -> bool:
        name = command_argument(step.text)
        if not name:
            return self._info_error("USE must be followed by a database name", step.line)
        try:
            self.server.execute(self.session, "USE " + _quote(name))
        except err.MySQLError as error:
            return self._sql_error(error, step.line)
        self._put(self._interactive_only("Database changed\n"))
        return True

    def _source(self, step: Step) -> bool:
        """com_source: run a file's lines as batch input of their own (``source seed.sql``,
        ``\\. seed.sql``), errors naming the file; the rest of the input goes on after it."""
        text = step.text.lstrip()
        name = text.partition(" ")[2].strip() if " " in text else ""
        if not name:
            return self._info_error("Usage: \\. <filename> | source <filename>", step.line)
        try:
            with open(name, encoding="utf-8", newline="") as file:
                content = file.read()
        except OSError as error:
            number = _LINUX_ERRNO.get(errno.errorcode.get(error.errno or 0, ""), error.errno)
            return self._info_error(f"Failed to open file '{name}', error: {number}", step.line)
        outer, outer_file = self.reader, self._file
        self.reader, self._file = ClientReader(batch=True), name
        try:
            for line in read_lines(content):
                if not self.feed(line):
                    break
            else:
                self.finish()
        finally:
            self.reader, self._file = outer, outer_file
        return not (self.failed or self.quit)

    def _go(self, step: Step) -> bool:
        """com_go: send one statement, print its result and messages."""
        text = remove_trailing_controls(step.text)
        if not text:
            if self.batch:
                return True
            return self._info_error("No query specified\n", step.line)
        if self.verbose:
            self._print_statement(text)
        started = time.perf_counter()
        try:
            result = load.execute(self.server, self.session, server_text(text))
        except err.MySQLError as error:
            return self._sql_error(error, step.line)
        elapsed = time.perf_counter() - started
        batchmode = self.batch and self.verbose <= 1
        timing = f" ({elapsed:.2f} sec)" if self.verbose >= 3 or not self.silent else ""
        message = ""
        if result.columns:
            if not result.rows:
                message = "Empty set"
            else:
                self._put(self._format(result, step.vertical or self.vertical))
                if not batchmode:
                    count = len(result.rows)
                    message = f"{count} {'row' if count == 1 else 'rows'} in set"
        elif not batchmode:
            count = result.rowcount
            message = f"Query OK, {count} {'row' if count == 1 else 'rows'} affected"
        if result.warning_count and not batchmode:
            warnings = result.warning_count
            message += f", {warnings} warning{'' if warnings == 1 else 's'}"
        self._put_result(message + timing)
        if result.info:
            self._put_result(result.info)
        self._put_result("")
        return True

    def _format(self, result: Result, vertical: bool) -> str:
        columns = result.columns
        types = [d[1] for d in result.description]
        rows = [[text_value(v, t) for v, t in zip(row, types)] for row in result.rows]
        if vertical:
            return format_vertical(columns, rows, self.column_names)
        if self.silent and self.verbose <= 2 and not self.table:
            return format_tab(columns, rows, self.column_names and self.silent < 2)
        nullable = result.nullable or [True] * len(columns)
        return format_table(columns, rows, [t in _NUMERIC_TYPES for t in types], nullable, self.column_names)

    # --- put_info -----------------------------------------------------------------------------

    def _put(self, text: str, stream: str = "out") -> None:
        if text:
            self._write(stream, text)

    def _interactive_only(self, text: str) -> str:
        """An INFO_INFO message: the interactive client prints it, batch mode does not."""
        return "" if self.batch or self.silent else text

    def _put_result(self, line: str) -> None:
        """An INFO_RESULT message: interactive mode prints it; batch mode only with ``-vv``."""
        if (self.batch and self.verbose > 1) or (not self.batch and not self.silent):
            self._put(line + "\n")

    def _sql_error(self, error: err.MySQLError, line: int) -> bool:
        head, _, message = client_error_line(error).partition(": ")
        return self._error(head[len("ERROR"):], message, line)

    def _info_error(self, message: str, line: int) -> bool:
        return self._error("", message, line)

    def _error(self, code: str, message: str, line: int) -> bool:
        """put_info(INFO_ERROR): batch mode says where (``at line N``); both stop the input
        unless ``force``."""
        self.errors += 1
        if self.batch:
            where = f" at line {line}" if line else ""
            where += f" in file: '{self._file}'" if self._file else ""
            self._put(f"ERROR{code}{where}: {message}\n", "err")
        elif code:
            self._put(f"ERROR{code}: {message}\n", "err")
        else:
            self._put(f"ERROR: \n{message}\n", "err")
        if self.force:
            return True
        self.failed = True
        self.reader.clear()
        return False

    def _print_statement(self, text: str) -> None:
        """com_print: the statement between dashed lines (``-v``, ``\\p``)."""
        newline = "" if text.endswith("\n") else "\n"
        self._put(f"--------------\n{text}{newline}--------------\n\n")


# --- result formats ---------------------------------------------------------------------------


def display_cells(text: str) -> int:
    """How many terminal cells the client reckons ``text`` takes (strings/ctype-mb.cc
    my_numcells_mb): 2 for an East Asian wide character, 1 for any other character of the
    Basic Multilingual Plane, and 0 for a character beyond it (MySQL 8 skips those)."""
    cells = 0
    for char in text:
        if ord(char) > 0xFFFF:
            continue
        cells += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return cells


def _bytes(text: str) -> int:
    return len(text.encode("utf-8"))


def format_table(
    columns: list[str], rows: list[list[str | None]], numeric: list[bool], nullable: list[bool], column_names: bool = True
) -> str:
    """print_table_data: the ``+----+`` box. Widths count bytes (as the client does), padding
    counts cells, so accented text gets the client's extra spaces."""
    widths = []
    for index, name in enumerate(columns):
        width = _bytes(name) if column_names else 0
        width = max([width, *(_bytes(row[index]) for row in rows if row[index] is not None)])
        if width < 4 and nullable[index]:
            width = 4  # room for "NULL"
        widths.append(width)
    rule = "+" + "".join("-" * (width + 2) + "+" for width in widths) + "\n"
    lines = [rule]
    if column_names:
        header = "|"
        for name, width in zip(columns, widths):
            header += " " + name + " " * max(min(width + _bytes(name) - display_cells(name), MAX_COLUMN_LENGTH) - _bytes(name), 0) + " |"
        lines += [header + "\n", rule]
    for row in rows:
        cells = []
        for value, width, right in zip(row, widths, numeric):
            data = "NULL" if value is None else value.replace("\0", " ")
            room = (MAX_COLUMN_LENGTH if width > MAX_COLUMN_LENGTH else width) - display_cells(data)
            padding = " " * max(room, 0)
            cells.append(padding + data if right and width <= MAX_COLUMN_LENGTH else data + padding)
        lines.append("| " + " | ".join(cells) + " |\n")
    lines.append(rule)
    return "".join(lines)


def format_vertical(columns: list[str], rows: list[list[str | None]], column_names: bool = True) -> str:
    """print_table_data_vertically: ``\\G``'s one ``name: value`` line per column."""
    width = max((_bytes(name) for name in columns), default=0)
    lines = []
    for number, row in enumerate(rows, 1):
        lines.append(ROW_RULE.format(number) + "\n")
        for name, value in zip(columns, row):
            label = " " * (width - _bytes(name)) + name + ": " if column_names else ""
            lines.append(label + ("NULL" if value is None else value.replace("\0", " ")) + "\n")
    return "".join(lines)


_TAB_ESCAPES = str.maketrans({"\0": "\\0", "\t": "\\t", "\n": "\\n", "\\": "\\\\"})


def format_tab(columns: list[str], rows: list[list[str | None]], header: bool = True) -> str:
    """print_tab_data: batch mode's tab-separated lines; tabs, newlines, backslashes and NUL
    in values escaped so that each row stays one line."""
    lines = ["\t".join(columns) + "\n"] if header else []
    for row in rows:
        lines.append("\t".join("NULL" if v is None else v.translate(_TAB_ESCAPES) for v in row) + "\n")
    return "".join(lines)


def _quote(identifier: str) -> str:
    return "`" + identifier.replace("`", "``") + "`"
