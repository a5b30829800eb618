"""Reading SQL text the way the ``mysql`` client does.

The client, not the server, splits a script: on ``;`` outside quotes and comments, with
``DELIMITER`` changing the separator (``;;``, ``//``, ``$$``), ``\\G`` and ``\\g`` ending a
statement too, and client commands (``USE db``, ``DELIMITER //``, ``exit``) recognised. Comments
are dropped as the client drops them, MariaDB's ``/*M! ... */`` included (MySQL reads it as a
plain comment), except ``/*! ... */``, which the server runs (:func:`server_text`).
"""

from __future__ import annotations

import functools
import itertools
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
    steps = itertools.chain(itertools.chain.from_iterable(map(reader.feed, read_lines(text))), reader.finish())
    for step in steps:
        if step.kind in ("go", "command"):
            statement = server_text(step.text).strip() if step.kind == "go" else step.text.strip()
            if statement:
                statements.append((step.line, statement))
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
_SPACE_CLASS = r"[ \t\n\r\v\f]"


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
    if _first_word(text).group(1).lower() not in _COMMAND_NAMES:
        return None  # (SQL, answered without copying a statement that may be megabytes)
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


_COMMAND_NAMES = frozenset(command.name for command in CLIENT_COMMANDS)
# The word find_named_command compares, up to a space or a tab; at most 16 characters, one more
# than the longest command name, as that is enough to tell it is none.
_first_word = re.compile(_SPACE_CLASS + r"*+([^ \t]{0,16})").match


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
    acts on (a ``USE`` or a failing statement) comes before the rest of the line is read.

    Speed: a dump's statement can be megabytes over thousands of lines, so the statement typed
    so far is kept as a list of pieces (joined once, when it is sent), and runs of characters
    that cannot change the reader's state (plain text, and strings closed on the same line:
    :func:`_inert_run`) are copied as slices, one regular expression match each, a whole line
    at once where it is all such a run (an extended INSERT's row); only the characters that
    matter (a delimiter, a backslash, a comment start, an unclosed quote) go through the
    client's character-by-character rules in :meth:`_add_line`."""

    def __init__(self, batch: bool = True) -> None:
        self.batch = batch
        self.delimiter = ";"
        self._pieces: list[str] = []  # the statement typed so far, in non-empty pieces
        self.in_string = ""  # the quote character of an open string
        self.ml_comment = False  # inside /* ... */
        self.line_number = 0
        self.query_start_line = 0

    @property
    def buffer(self) -> str:
        """The statement typed so far (what ``\\p`` prints)."""
        return "".join(self._pieces)

    @property
    def prompt(self) -> str:
        """The interactive client's prompt for the next line."""
        if self.ml_comment:
            return "   /*> "
        if not self._pieces:
            return "mysql> "
        if not self.in_string:
            return "    -> "
        return {"'": "    '> ", "`": "    `> "}.get(self.in_string, '    "> ')

    def feed(self, line: str):
        """Read one line (without its newline)."""
        self.line_number += 1
        pieces = self._pieces
        if not pieces:
            self.query_start_line = self.line_number
            if not self.ml_comment and not self.in_string:
                command = find_named_command(line, self.delimiter)
                if command is not None:
                    yield from self._command(command, line)
                    return
        elif not self.ml_comment and not self.in_string and _inert_run(self.delimiter)(line).end() == len(line):
            # A line inside a statement that changes nothing but the statement (a row of an
            # extended INSERT): what _add_line would do, with out == [line], minus its loop.
            pieces.append(line if _is_delimiter_command(line) else line + "\n")
            return
        yield from self._add_line(line)

    def finish(self):
        """End of input: batch mode sends a last statement that has no delimiter."""
        text = remove_trailing_controls(self._take())
        if self.batch and text:
            yield Step("go", text, self.query_start_line)

    def clear(self) -> None:
        """Forget the statement being typed (``\\c``)."""
        self._pieces.clear()
        self.in_string, self.ml_comment = "", False

    def _take(self) -> str:
        """The statement typed so far, which the reader then forgets."""
        statement = "".join(self._pieces)
        self._pieces.clear()  # in place: _add_line holds the list
        return statement

    def _command(self, command: ClientCommand, text: str):
        if command.name == "delimiter":
            yield from self._set_delimiter(text)
        elif command.name == "clear":
            self._pieces.clear()
        elif command.name in ("go", "ego"):
            yield Step("go", self._take(), self.query_start_line, vertical=command.name == "ego")
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
        pieces = self._pieces
        if not line and not pieces:
            return
        n = len(line)
        out: list[str] = []  # this line's characters for the statement, in non-empty pieces
        need_space = False
        ss_comment = ""  # "!" inside /*! ... */, "+" inside an optimizer hint /*+ ... */
        pos = 0

        def flush() -> None:
            if out:
                pieces.append("".join(out))
                out.clear()

        while pos < n:
            # Skip to the next character that matters, copying what lies before it.
            if self.ml_comment:
                stop = _COMMENT_STOPS.search(line, pos)
                if stop is None:
                    break
                pos = stop.start()
            elif not need_space:
                if self.in_string:
                    end = _STRING_BODIES[self.in_string](line, pos).end()
                else:
                    if not out and not pieces:  # blanks before a statement are dropped
                        pos = _BLANKS(line, pos).end()
                        if pos >= n:
                            break
                    if ss_comment:
                        stop = _stops(self.delimiter)(line, pos)
                        end = stop.start() if stop else n
                    else:  # (the delimiter may have changed since the line began)
                        end = _inert_run(self.delimiter)(line, pos).end()
                if end > pos:
                    out.append(line[pos:end])
                    pos = end
                    continue
            # The client's rules, for the character at pos.
            ch = line[pos]
            if ch in _SPACE and not out and not pieces:
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
                statement = self._take()
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
        if out or pieces:
            text = "".join(out)
            if not _is_delimiter_command(text) or self.in_string or self.ml_comment:
                text += "\n"
            if not self.ml_comment:
                pieces.append(text)


_BLANKS = re.compile(_SPACE_CLASS + "*+").match
_COMMENT_STOPS = re.compile(r"\*/|/\*")
# A string's characters up to its closing quote: escapes included in '...' and "...", where a
# backslash escapes the next character; none in `...`. (Possessive quantifiers throughout these
# patterns: nothing to backtrack into, and several times faster on megabyte lines.)
_BODIES = {"'": r"[^\\']*+(?:\\.[^\\']*+)*+", '"': r'[^\\"]*+(?:\\.[^\\"]*+)*+', "`": r"[^`]*+"}
_STRING_BODIES = {quote: re.compile(body, re.S).match for quote, body in _BODIES.items()}


@functools.lru_cache(maxsize=16)
def _inert_run(delimiter: str):
    """``match`` of the longest run, outside strings and comments, of characters the client's
    rules would copy one by one without changing its state: anything but the delimiter, a
    backslash, ``#``, ``--`` before a blank or the line end, ``/*``, and quotes, whose strings
    count when they close on the same line (quote, body and closing quote copied as they
    stand). The reader then stops at the character its rules must look at."""
    first, rest = delimiter[0], re.escape(delimiter[1:])
    not_delimiter = f"(?!{re.escape(delimiter)})"
    specials = {  # the character: what follows it when the rules copy it
        "-": rf"-(?!-(?:{_SPACE_CLASS}|\Z))",
        "/": r"/(?!\*)",
        **{quote: quote + body + quote for quote, body in _BODIES.items()},
    }
    plain = "[^" + re.escape("\\#" + first + "".join(specials)) + "]++"
    alternatives = [plain]
    for char, pattern in specials.items():
        alternatives.append(not_delimiter + pattern if char == first else pattern)
    if first not in specials and first not in "\\#" and rest:
        alternatives.append(re.escape(first) + f"(?!{rest})")
    return re.compile("(?:" + "|".join(alternatives) + ")*+", re.S).match


@functools.lru_cache(maxsize=16)
def _stops(delimiter: str):
    """``search`` for the characters that may matter inside ``/*! ... */`` or ``/*+ ... */``
    (where quotes and the delimiter count differently): escapes, quotes, comment starts and
    ends, the delimiter's first character."""
    return re.compile("[" + re.escape("\\'\"`#-/*" + delimiter[0]) + "]").search


def remove_trailing_controls(text: str) -> str:
    """mysql.cc remove_cntrl: the statement without trailing blanks and control characters."""
    return text.rstrip("".join(chr(c) for c in range(33)) + "\x7f")


def read_lines(text: str) -> list[str]:
    """Input lines as the client reads them: without line ends (``\\r\\n`` too)."""
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if "\r" not in text:
        return lines
    return [line[:-1] if line.endswith("\r") else line for line in lines]


def server_text(statement: str) -> str:
    """A statement as the server's lexer reads it: the code inside ``/*!NNNNN ... */`` kept
    (MySQL runs it; see split_statements), strings left alone.

    The text between versioned comments (strings included, however many) is skipped by one
    match of :data:`_UNTIL_VERSIONED`, so a long INSERT costs a scan, not a loop per character."""
    if "/*!" not in statement:
        return statement
    parts: list[str] = []
    i, n = 0, len(statement)
    while True:
        end = _UNTIL_VERSIONED(statement, i).end()
        parts.append(statement[i:end])
        if end >= n:
            break
        i, end = end, statement.find("*/", end + 3)  # at a /*!
        end = n if end < 0 else end + 2
        parts.append(" " + _versioned_code(statement[i:end]) + " ")
        i = end
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


# Text up to the next /*! outside strings. A string (or `identifier`) runs to its closing
# quote, a doubled quote continuing it, a backslash escaping the next character in '...' and
# "..."; an unclosed one runs to the end.
# (Possessive quantifiers: nothing to backtrack into, and a few times faster on big statements.)
_UNTIL_VERSIONED = re.compile(
    r"""(?:[^'"`/]++|/(?!\*!)"""
    r"""|'[^\\']*+(?:(?:\\.|\\\Z|'')[^\\']*+)*+(?:'|\Z)"""
    r"""|"[^\\"]*+(?:(?:\\.|\\\Z|"")[^\\"]*+)*+(?:"|\Z)"""
    r"""|`[^`]*+(?:``[^`]*+)*+(?:`|\Z))*+""",
    re.S,
).match
