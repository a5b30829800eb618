"""Reading the headers of statements sqlglot cannot parse, from sqlglot's own tokens.

``CREATE DEFINER=... SQL SECURITY INVOKER VIEW``, ``CREATE TRIGGER``, ``LOCK TABLES``: sqlglot's
MySQL parser falls back to an opaque Command on them. Their headers (names, options) are read
here token by token; only the parts that are SQL (a view's SELECT, a trigger body's statements)
go to sqlglot's parser (see sim_db.views, sim_db.triggers).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlglot.dialects.mysql import MySQL
from sqlglot.errors import TokenError
from sqlglot.tokens import Token, TokenType

from .errors import mysql_error

# Why a statement is refused (1235): stored procedures, functions, events, and the statements
# of stored programs that a SQLite trigger cannot express.
ROUTINE_REASON = "stored programs are not simulated"


class Reader:
    """A cursor over a statement's tokens that matches keywords by their text."""

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text, self.tokens, self.i = text, tokens, 0

    def peek(self, offset: int = 0) -> Token | None:
        i = self.i + offset
        return self.tokens[i] if i < len(self.tokens) else None

    def word(self, offset: int = 0) -> str:
        token = self.peek(offset)
        return token.text.upper() if token is not None and token.token_type != TokenType.IDENTIFIER else ""

    def accept(self, *words: str) -> bool:
        if all(self.word(k) == w for k, w in enumerate(words)):
            self.i += len(words)
            return True
        return False

    def expect(self, *words: str) -> None:
        if not self.accept(*words):
            raise self.error()

    def name(self) -> tuple[str | None, str]:
        """``name`` or ``db.name`` (quoted or not)."""
        first = self.identifier()
        if self.peek() is not None and self.peek().token_type == TokenType.DOT:
            self.i += 1
            return first, self.identifier()
        return None, first

    def identifier(self) -> str:
        token = self.peek()
        if token is None or token.token_type in (TokenType.L_PAREN, TokenType.R_PAREN, TokenType.SEMICOLON, TokenType.EQ):
            raise self.error()
        self.i += 1
        return token.text

    def skip_user(self) -> None:
        """``DEFINER = user``: ``CURRENT_USER[()]``, ``'u'@'h'``, ```u`@`h```, ``u@h``."""
        self.expect("=")
        self.i += 1
        if self.peek() is not None and self.peek().token_type == TokenType.L_PAREN:
            self.i += 2
        if self.peek() is not None and self.peek().token_type == TokenType.PARAMETER:
            self.i += 2

    def rest(self) -> str:
        token = self.peek()
        return self.text[token.start :] if token is not None else ""

    def error(self):
        token = self.peek()
        position = token.start if token is not None else len(self.text)
        return mysql_error(1064, self.text[position:].strip()[:80], self.text.count("\n", 0, position) + 1)


def reader_for(text: str) -> Reader | None:
    """The statement's tokens, or None when sqlglot's tokenizer refuses the text."""
    try:
        return Reader(text, MySQL().tokenize(text))
    except TokenError:
        return None


def reader_for(text: str) -> Reader | None:
    """The statement's tokens, or None when sqlglot's tokenizer refuses the text."""
    try:
        return Reader(text, MySQL().tokenize(text))
    except TokenError:
        return None


@dataclass
class Named:
    """Objects a DROP (or LOCK TABLES) names: (database or None, name) each."""

    kind: str
    names: list[tuple[str | None, str]]
    exists: bool
    database: str | None


def current_database(database: str | None, named: str | None) -> str:
    """The database a name belongs to: the one it names, else the current one (1046: none)."""
    database = named or database
    if database is None:
        raise mysql_error(1046)
    return database


def quote(identifier: str) -> str:
    """An identifier quoted for SQLite."""
    return '"' + identifier.replace('"', '""') + '"'


def mysql_quote(identifier: str) -> str:
    """An identifier quoted for MySQL."""
    return "`" + identifier.replace("`", "``") + "`"
