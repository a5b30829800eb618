"""Reading SQL text the way the ``mysql`` client does.

The client, not the server, splits a script: on ``;`` outside quotes and comments, with
``DELIMITER`` changing the separator (``;;``, ``//``, ``$$``), ``\\G`` and ``\\g`` ending a
statement too, and client commands (``USE db``, ``DELIMITER //``, ``exit``) recognised. Comments
are dropped as the client drops them, MariaDB's ``/*M! ... */`` included (MySQL reads it as a
plain comment), except ``/*! ... */``, which the server runs (:func:`server_text`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_VERSIONED = re.compile(r"^/\*!(\d{5,6})?(.*?)(?:\*/)?$", re.S)
SERVER_VERSION_ID = 80036  # MySQL 8.0.36, as fastpath.SERVER_VERSION says


def split_statements(text: str) -> list[str]:
    """The statements of a script, as ``mysql < script.sql`` sends them to the server (read by
    :class:`ClientReader`; a client command such as ``USE db`` counts as its statement)."""
    return [statement for _, statement in numbered_statements(text)]


def numbered_statements(text: str) -> list[tuple[int, str]]:
    """Each statement of ``text`` with the line it starts on, as
    the ``mysql`` client reports errors: ``ERROR 1146 (42S02) at line 5423: ...``."""
    reader = ClientReader(batch=True)
    statements: list[tuple[int, str]] = []

    def take(steps) -> None:
        for step in steps:
            if step.kind in ("go", "command"):
                statement = server_text(step.text).strip() if step.kind == "go" else step.text.strip()
                if statement:
                    statements.append((step.line, statement))

    for line in read_lines(text):
        take(reader.feed(line))
    take(reader.finish())
    return statements


# --- the mysql client's line reader ----------------------------------------------------------
#
# A port of the reading half of MySQL 8.0's client (client/mysql.cc: read_and_execute,
# add_line, find_command, get_arg): no library splits input into client commands and
# statements the way the client does, with its line numbers, its backslash commands (\G, \g,
# \c, \u, \d, \q...) and the named commands it recognises at the start of a line (USE,
# DELIMITER, EXIT...). Comments are dropped as the client drops them (not /*! ... */ and
# /*+ ... */, which it sends to the server).

_SPACE = " \t\n\r\v\f"


@dataclass(frozen=True)
class ClientCommand:
    """One of the client's commands: ``name`` (``cmd_char`` is its backslash form)."""

    name: str
    char: str
    takes_params: bool


# In the client's order: a backslash letter finds the first command that has it.
CLIENT_COMMANDS = (
    ClientCommand("?", "?", True), ClientCommand("clear", "c", False),
    ClientCommand("connect", "r", True), ClientCommand("delimiter", "d", True),
    ClientCommand("edit", "e", False), ClientCommand("ego", "G", False),
    ClientCommand("exit", "q", False), ClientCommand("go", "g", False),
    ClientCommand("help", "h", True), ClientCommand("nopager", "n", False),
    ClientCommand("notee", "t", False), ClientCommand("pager", "P", True),
    ClientCommand("print", "p", False), ClientCommand("prompt", "R", True),
    ClientCommand("quit", "q", False), ClientCommand("rehash", "#", False),
    ClientCommand("source", ".", True), ClientCommand("status", "s", False),
    ClientCommand("system", "!", True), ClientCommand("tee", "T", True),
    ClientCommand("use", "u", True), ClientCommand("charset", "C", True),
    ClientCommand("warnings", "W", False), ClientCommand("nowarning", "w", False),
    ClientCommand("resetconnection", "x", False),
)


@dataclass
class Step:
    """What the reader asks the client to do.

    ``kind``: ``"go"`` (send ``text`` to the server; ``vertical`` for ``\\G``), ``"command"``
    (run client command ``command`` with argument text ``text``) or ``"error"`` (the client's
    own complaint ``text``). ``line``: the input line the statement started on (batch mode's
    ``ERROR ... at line N``)."""

    kind: str
    text: str = ""
    line: int = 0
    vertical: bool = False
    command: ClientCommand | None = None


def _is_delimiter_command(text: str) -> bool:
    return text[:9].lower() == "delimiter"


def find_named_command(text: str, delimiter: str) -> ClientCommand | None:
    """The command a line (or a finished statement) names by its first word, as ``use db`` or
    ``exit``; None for SQL. A command without parameters must stand alone."""
    name = text.lstrip(_SPACE)
    if "\\g" in name or (delimiter in name and not _is_delimiter_command(name)):
        return None
    end = min((i for i in (name.find(" "), name.find("\t")) if i >= 0), default=-1)
    has_args = end >= 0 and bool(name[end:].strip(_SPACE))
    word = name[:end] if end >= 0 else name
    for command in CLIENT_COMMANDS:
        if command.name == word.lower() and (not has_args or command.takes_params):
            return command
    return None


def find_char_command(char: str) -> ClientCommand | None:
    return next((c for c in CLIENT_COMMANDS if c.char == char), None)


def command_argument(line: str) -> str | None:
    """A command's first argument (mysql.cc get_arg): after the command word (or ``\\x``),
    quoted with ' " or ` or else up to the next space, backslashes removed."""
    text = line.lstrip(_SPACE)
    if text.startswith("\\"):
        text = text[2:]
    else:
        while text and text[0] not in _SPACE:
            text = text[1:]
    text = text.lstrip(_SPACE)
    if not text:
        return None
    if text[0] in "'\"`":
        quote, text = text[0], text[1:]
        end = text.find(quote)
        argument = text if end < 0 else text[:end]
    else:
        out, i = [], 0
        while i < len(text) and text[i] != " ":
            if text[i] == "\\" and i + 1 < len(text):
                i += 1
            out.append(text[i])
            i += 1
        argument = "".join(out)
    return argument or None


class ClientReader:
    """Feeds input lines through the client's reading rules and yields :class:`Step`\\ s.

    State survives between lines (a statement may span many), which is what makes the ``->``
    continuation prompt: see :attr:`prompt`. Steps are yielded lazily, so a step the caller
    acts on (a ``USE`` or a failing statement) comes before the rest of the line is read."""

    def __init__(self, batch: bool = True) -> None:
        self.batch = batch
        self.delimiter = ";"
        self.buffer = ""  # the statement typed so far
        self.in_string = ""  # the quote character of an open string
        self.ml_comment = False  # inside /* ... */
        self.line_number = 0
        self.query_start_line = 0

    @property
    def prompt(self) -> str:
        """The interactive client's prompt for the next line."""
        if self.ml_comment:
            return "   /*> "
        if not self.buffer:
            return "mysql> "
        if not self.in_string:
            return "    -> "
        return {"'": "    '> ", "`": "    `> "}.get(self.in_string, '    "> ')

    def feed(self, line: str):
        """Read one line (without its newline)."""
        self.line_number += 1
        if not self.buffer:
            self.query_start_line = self.line_number
        if not self.buffer and not self.ml_comment and not self.in_string:
            command = find_named_command(line, self.delimiter)
            if command is not None:
                yield from self._command(command, line)
                return
        yield from self._add_line(line)

    def finish(self):
        """End of input: batch mode sends a last statement that has no delimiter."""
        text = remove_trailing_controls(self.buffer)
        self.buffer = ""
        if self.batch and text:
            yield Step("go", text, self.query_start_line)

    def clear(self) -> None:
        """Forget the statement being typed (``\\c``)."""
        self.buffer, self.in_string, self.ml_comment = "", "", False

    def _command(self, command: ClientCommand, text: str):
        if command.name == "delimiter":
            yield from self._set_delimiter(text)
        elif command.name == "clear":
            self.buffer = ""
        elif command.name in ("go", "ego"):
            statement, self.buffer = self.buffer, ""
            yield Step("go", statement, self.query_start_line, vertical=command.name == "ego")
        else:
            yield Step("command", text, self.query_start_line, command=command)

    def _set_delimiter(self, text: str):
        argument = command_argument(text)
        if not argument:
            yield Step("error", "DELIMITER must be followed by a 'delimiter' character or string", self.query_start_line)
        elif "\\" in argument:
            yield Step("error", "DELIMITER cannot contain a backslash character", self.query_start_line)
        else:
            self.delimiter = argument[:15]

    def _add_line(self, line: str):
        """mysql.cc add_line: one line's characters into the statement buffer, running the
        statements and backslash commands it completes."""
        if not line and not self.buffer:
            return
        out: list[str] = []
        need_space = False
        ss_comment = ""  # "!" inside /*! ... */, "+" inside an optimizer hint /*+ ... */
        pos, n = 0, len(line)

        def flush() -> None:
            self.buffer += "".join(out)
            out.clear()

        while pos < n:
            # Fast paths (a dump's INSERT lines are megabytes): skip runs of characters that
            # cannot change the reader's state, as the loop below would one by one.
            if self.ml_comment:
                stop = _COMMENT_STOPS.search(line, pos)
                if stop is None:
                    break
                pos = max(pos, stop.start())
            elif not need_space:
                if self.in_string:
                    end = _STRING_BODIES[self.in_string].match(line, pos).end()
                else:
                    stop = _stops(self.delimiter, at_start=not out and not self.buffer).search(line, pos)
                    end = stop.start() if stop else n
                if end > pos:
                    out.append(line[pos:end])
                    pos = end
                    continue
            ch = line[pos]
            if ch in _SPACE and not out and not self.buffer:
                pos += 1
                continue
            if not self.ml_comment and ch == "\\":
                pos += 1
                if pos >= n:
                    break
                char = line[pos]
                if self.in_string or char == "N":  # \N is NULL; no commands inside strings
                    out.append("\\")
                    if char == "`" and self.in_string == char:
                        continue  # the backtick closes the string on the next turn
                    out.append(char)
                    pos += 1
                    continue
                command = find_char_command(char)
                if command is None:
                    yield Step("error", f"Unknown command '\\{char}'.", self.query_start_line)
                    out.extend(("\\", char))
                    pos += 1
                    continue
                flush()
                yield from self._command(command, line[pos - 1 :])
                if command.takes_params:
                    if ss_comment:
                        end = line.find("*/", pos + 1)
                        pos = n if end < 0 else end
                        continue
                    end = line.find(self.delimiter, pos + 1)
                    pos = n if end < 0 else end + len(self.delimiter)
                    continue
                pos += 1
                continue
            if not self.ml_comment and not self.in_string and ss_comment != "+" and line.startswith(self.delimiter, pos):
                pos += len(self.delimiter)
                flush()
                statement, self.buffer = self.buffer, ""
                command = find_named_command(statement, self.delimiter)
                if command is not None:
                    yield from self._command(command, statement)
                else:
                    yield Step("go", statement, self.query_start_line)
                continue
            if not self.ml_comment and not self.in_string and (
                ch == "#" or (ch == "-" and line.startswith("--", pos) and (pos + 2 >= n or line[pos + 2] in _SPACE))
            ):
                flush()
                pos = n
                break
            following = line[pos + 1 : pos + 3]
            if not self.in_string and ch == "/" and following[:1] == "*" and following[1:2] not in ("!", "+") and ss_comment != "+":
                pos += 2
                self.ml_comment = True
                flush()
                continue
            if self.ml_comment and not ss_comment and ch == "*" and following[:1] == "/":
                pos += 2
                self.ml_comment = False
                flush()
                need_space = True
                continue
            if not self.in_string and ch == "/" and following[:1] == "*":
                ss_comment = following[1:2]
            elif not self.in_string and ss_comment and ch == "*" and following[:1] == "/":
                ss_comment = ""
            if ch == self.in_string:
                self.in_string = ""
            elif not self.ml_comment and not self.in_string and ss_comment != "+" and ch in "'\"`":
                self.in_string = ch
            if not self.ml_comment:
                if need_space and ch not in _SPACE:
                    out.append(" ")
                need_space = False
                out.append(ch)
            pos += 1
        if out or self.buffer:
            text = "".join(out)
            if not _is_delimiter_command(text) or self.in_string or self.ml_comment:
                text += "\n"
            if not self.ml_comment:
                self.buffer += text


_COMMENT_STOPS = re.compile(r"\*/|/\*")
# A string's characters up to its closing quote: escapes included in '...' and "...", where a
# backslash escapes the next character; none in `...`.
_STRING_BODIES = {
    "'": re.compile(r"[^\\']*(?:\\.[^\\']*)*"),
    '"': re.compile(r'[^\\"]*(?:\\.[^\\"]*)*'),
    "`": re.compile(r"[^`]*"),
}


@functools.lru_cache(maxsize=16)
def _stops(delimiter: str, at_start: bool) -> re.Pattern:
    """The characters outside strings and comments that the reader must look at one by one:
    escapes, quotes, comment starts and ends, the delimiter (and blanks before a statement)."""
    chars = r"\\'\"`#\-/*" + re.escape(delimiter[0]) + (re.escape(_SPACE) if at_start else "")
    return re.compile("[" + chars + "]")


def remove_trailing_controls(text: str) -> str:
    """mysql.cc remove_cntrl: the statement without trailing blanks and control characters."""
    return text.rstrip("".join(chr(c) for c in range(33)) + "\x7f")


def read_lines(text: str) -> list[str]:
    """Input lines as the client reads them: without line ends (``\\r\\n`` too)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def server_text(statement: str) -> str:
    """A statement as the server's lexer reads it: the code inside ``/*!NNNNN ... */`` kept
    (MySQL runs it; see split_statements), strings left alone."""
    if "/*!" not in statement:
        return statement
    parts: list[str] = []
    i, n = 0, len(statement)
    while i < n:
        ch = statement[i]
        if ch in "'\"`":
            end = _string_end(statement, i)
            parts.append(statement[i:end])
            i = end
        elif statement.startswith("/*!", i):
            end = statement.find("*/", i + 3)
            end = n if end < 0 else end + 2
            parts.append(" " + _versioned_code(statement[i:end]) + " ")
            i = end
        else:
            parts.append(ch)
            i += 1
    return "".join(parts)


def _versioned_code(comment: str) -> str:
    """What the server runs of ``/*!NNNNN code */``: the code, for a version up to its own
    (https://dev.mysql.com/doc/refman/8.0/en/comments.html) — ``/*!50705 0x01,*/`` gives
    ``0x01,``, ``/*!80003 SRID 0 */`` gives ``SRID 0`` — and nothing for a later version."""
    versioned = _VERSIONED.match(comment)
    if versioned is None:
        return ""
    version = versioned.group(1)
    if version is not None and int(version) > SERVER_VERSION_ID:
        return ""
    return versioned.group(2)


def _string_end(text: str, start: int) -> int:
    """The index just past the quoted string (or identifier) opening at ``start``."""
    quote, end, n = text[start], start + 1, len(text)
    while end < n:
        if text[end] == "\\" and quote != "`":
            end += 2
            continue
        if text[end] == quote:
            if end + 1 < n and text[end + 1] == quote:
                end += 2
                continue
            return end + 1
        end += 1
    return n
