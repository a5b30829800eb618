"""CALL: sim_db keeps no stored procedures, so every CALL names one that does not exist.

MySQL answers a CALL of an unknown procedure with 1305 'PROCEDURE db.name does not exist'
(https://dev.mysql.com/doc/refman/8.0/en/call.html), and with 1046 when the name has no
database and none is selected. sqlglot keeps CALL as an unparsed command, so its name is read
from MySQL's tokens.
"""

from __future__ import annotations

from .errors import mysql_error
from .server import Result, Server, Session, handles


@handles("call")
def run_call(server: Server, session: Session, translation, params) -> Result:
    from sqlglot.dialects.mysql import MySQL
    from sqlglot.tokens import TokenType

    from .grammar import fail_at

    text = translation.tree.text("expression")
    tokens = MySQL().tokenize(text)
    parts = []
    for token in tokens:
        if token.token_type in (TokenType.L_PAREN, TokenType.SEMICOLON):
            break
        if token.token_type != TokenType.DOT:
            parts.append(token.text)
    if not parts or len(parts) > 2:
        raise fail_at(text, 0)
    if len(parts) == 1 and not session.database:
        raise mysql_error(1046)
    database, name = parts if len(parts) == 2 else (session.database, parts[0])
    raise mysql_error(1305, "PROCEDURE", f"{database}.{name}")
