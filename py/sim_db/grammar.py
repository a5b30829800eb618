"""Statements MySQL's grammar refuses (1064) but sqlglot's MySQL parser reads anyway.

sqlglot is a forgiving reader: it turns ``DELETE students WHERE ...`` into a multi-table DELETE
without a FROM, keeps ``LIMIT 'a'`` as a string, drops a ``SEPARATOR`` with no string after it,
and accepts ``VARCHAR`` without a length and ``IN ()``. MySQL's parser stops at each of these
with 1064 (https://dev.mysql.com/doc/mysql-errors/8.0/en/server-error-reference.html#error_er_parse_error),
quoting the statement from the token it could not take. Each check here looks at the parsed
tree first and reads MySQL's tokens only to find that token, so a correct statement pays for
a walk of its tree and nothing else.
"""

from __future__ import annotations

from sqlglot import exp
from sqlglot.tokens import TokenType

from .errors import mysql_error


def check(text: str, tree: exp.Expression, tokens) -> None:
    """Raise MySQL's 1064 for the first construct its grammar refuses. ``tokens`` is a callable
    giving the statement's tokens (tokenized only when a check needs them)."""
    if isinstance(tree, exp.Delete) and tree.args.get("tables") and not isinstance(tree.this, exp.Expression):
        _delete_without_from(text, tokens())
    for limit in tree.find_all(exp.Limit, exp.Offset):
        value = limit.expression
        if isinstance(value, exp.Literal) and (value.is_string or not value.this.isdigit()):
            # LIMIT takes integer literals and placeholders only (no 'a', no 1.5)
            _after_limit(text, tokens())
    for datatype in tree.find_all(exp.DataType):
        if datatype.this in _NEEDS_LENGTH and not datatype.expressions:
            # VARCHAR and VARBINARY have no default length: MySQL wants the ``(n)``
            _after_word(text, tokens(), datatype.this.name)
    for node in tree.find_all(exp.In):
        if node.args.get("field") is not None:
            # ``name IN 'Ann'``: IN wants a parenthesized list (sqlglot reads a bare name or value)
            _after_keyword(text, tokens(), TokenType.IN)
        if not node.expressions and node.args.get("query") is None and node.args.get("unnest") is None and node.args.get("field") is None:
            _empty_in(text, tokens())
    for node in tree.find_all(exp.Is):
        if not isinstance(node.expression, (exp.Null, exp.Boolean)):
            # ``name IS 'Ann'``: IS takes only NULL, TRUE, FALSE and UNKNOWN
            _after_keyword(text, tokens(), TokenType.IS, skip={TokenType.NOT})
    for node in tree.find_all(exp.Distinct):
        if isinstance(node.parent, exp.AggFunc) and not node.expressions:
            _after_keyword(text, tokens(), TokenType.DISTINCT)  # COUNT(DISTINCT)
    if any(t.this.quoted for t in tree.find_all(exp.Table) if isinstance(t.this, exp.Identifier)):
        _string_as_table(text, tokens())  # FROM 'pupils': a string where a table name goes
    if isinstance(tree, exp.Create) and isinstance(tree.this, exp.Schema):
        for item in tree.this.expressions:
            if isinstance(item, exp.Identifier):
                _column_without_type(text, tokens(), item.name)  # CREATE TABLE x (id, ...)
    for join in tree.find_all(exp.Join):
        if not join.args.get("on") and not join.args.get("using") and not join.args.get("method"):
            _join_without_condition(text, tokens(), (join.side or "").upper())
        if join.args.get("using"):
            _using_without_parentheses(text, tokens())
        if (join.side or "").upper() == "FULL":
            # MySQL has no FULL JOIN: FULL is read as the table's alias, and OUTER then fails
            listed = tokens()
            for position, token in enumerate(listed[:-1]):
                if token.token_type == TokenType.FULL and listed[position + 1].token_type == TokenType.OUTER:
                    raise fail_at(text, listed[position + 1].start)
    if text.rstrip(" \t\n;").upper().endswith("AS"):
        listed = tokens()
        if listed and listed[-1].token_type == TokenType.ALIAS:
            raise fail_at(text, len(text))  # ``FROM a AS`` with no name after AS
    if "NULLS" in text.upper():
        # ORDER BY ... NULLS FIRST/LAST: standard SQL that MySQL's grammar lacks
        listed = tokens()
        for position, token in enumerate(listed[:-1]):
            if token.text.upper() == "NULLS" and listed[position + 1].text.upper() in ("FIRST", "LAST"):
                raise fail_at(text, token.start)
    if "SEPARATOR" in text.upper() and any(n.args.get("separator") is None for n in tree.find_all(exp.GroupConcat)):
        _separator_without_string(text, tokens())


_NEEDS_LENGTH = {exp.DataType.Type.VARCHAR, exp.DataType.Type.VARBINARY}


def fail_at(text: str, start: int):
    """1064 quoting the statement from ``start`` (80 characters at most, as MySQL cuts it)."""
    return mysql_error(1064, text[start:].strip()[:80], text.count("\n", 0, start) + 1)


def _delete_without_from(text: str, tokens: list) -> None:
    """``DELETE students WHERE ...``: after DELETE's table list MySQL requires FROM (the
    multi-table form, https://dev.mysql.com/doc/refman/8.0/en/delete.html)."""
    names = {TokenType.VAR, TokenType.IDENTIFIER, TokenType.DOT, TokenType.COMMA, TokenType.STAR}
    for token in tokens[1:]:
        if token.text.upper() in ("LOW_PRIORITY", "QUICK", "IGNORE"):
            continue
        if token.token_type not in names:
            raise fail_at(text, token.start)
    raise fail_at(text, len(text))


def _after_limit(text: str, tokens: list) -> None:
    """The first string or non-integer number after LIMIT."""
    seen = False
    for token in tokens:
        if token.token_type == TokenType.LIMIT:
            seen = True
        elif seen and (token.token_type == TokenType.STRING or (token.token_type == TokenType.NUMBER and not token.text.isdigit())):
            raise fail_at(text, token.start)


def _after_keyword(text: str, tokens: list, keyword: TokenType, skip=frozenset()) -> None:
    """1064 at the token after the first ``keyword`` (and any ``skip`` tokens after it)."""
    for position, token in enumerate(tokens):
        if token.token_type == keyword:
            rest = [t for t in tokens[position + 1 :]]
            while rest and rest[0].token_type in skip:
                rest.pop(0)
            raise fail_at(text, rest[0].start if rest else len(text))


_CLAUSE_STARTS = {
    TokenType.WHERE, TokenType.GROUP_BY, TokenType.ORDER_BY, TokenType.LIMIT, TokenType.HAVING,
    TokenType.JOIN, TokenType.SEMICOLON, TokenType.UNION, TokenType.R_PAREN,
}


def _join_without_condition(text: str, tokens: list, side: str) -> None:
    """``JOIN u ON`` with nothing after ON; ``LEFT JOIN u`` with no ON or USING (an outer join
    needs one; an inner join without one is a cross join, which MySQL allows)."""
    for position, token in enumerate(tokens):
        following = tokens[position + 1] if position + 1 < len(tokens) else None
        if token.token_type == TokenType.ON and (following is None or following.token_type in _CLAUSE_STARTS):
            raise fail_at(text, following.start if following is not None else len(text))
    if side not in ("LEFT", "RIGHT"):
        return
    for position, token in enumerate(tokens[:-1]):
        if token.text.upper() == side and tokens[position + 1].token_type in (TokenType.JOIN, TokenType.OUTER):
            rest = tokens[position + 2 :]
            while rest and rest[0].token_type in (TokenType.JOIN, TokenType.VAR, TokenType.IDENTIFIER, TokenType.DOT, TokenType.ALIAS):
                rest = rest[1:]
            if not rest or rest[0].token_type not in (TokenType.ON, TokenType.USING):
                raise fail_at(text, rest[0].start if rest else len(text))


def _column_without_type(text: str, tokens: list, name: str) -> None:
    for position, token in enumerate(tokens[:-1]):
        following = tokens[position + 1]
        if token.text.strip("`") == name and following.token_type in (TokenType.COMMA, TokenType.R_PAREN):
            if position and tokens[position - 1].token_type in (TokenType.L_PAREN, TokenType.COMMA):
                if following.token_type == TokenType.COMMA:
                    # MySQL's lexer restarts a comma token after the comma (sql_lex.cc, for
                    # select lists), so its 'near' text begins just after it, space included.
                    raise mysql_error(1064, text[following.end + 1 :].rstrip()[:80], text.count("\n", 0, following.start) + 1)
                raise fail_at(text, following.start)


def _string_as_table(text: str, tokens: list) -> None:
    for position, token in enumerate(tokens[:-1]):
        if token.token_type in (TokenType.FROM, TokenType.JOIN, TokenType.INTO, TokenType.UPDATE, TokenType.TABLE) and tokens[position + 1].token_type == TokenType.STRING:
            raise fail_at(text, tokens[position + 1].start)


def _using_without_parentheses(text: str, tokens: list) -> None:
    """``JOIN t USING class_id``: MySQL wants the column list in parentheses."""
    for position, token in enumerate(tokens[:-1]):
        if token.token_type == TokenType.USING and tokens[position + 1].token_type != TokenType.L_PAREN:
            if position and tokens[position - 1].token_type in (TokenType.VAR, TokenType.IDENTIFIER, TokenType.R_PAREN):
                raise fail_at(text, tokens[position + 1].start)


def _after_word(text: str, tokens: list, word: str) -> None:
    for position, token in enumerate(tokens):
        following = tokens[position + 1] if position + 1 < len(tokens) else None
        if token.text.upper() == word and (following is None or following.token_type != TokenType.L_PAREN):
            raise fail_at(text, following.start if following is not None else len(text))


def _empty_in(text: str, tokens: list) -> None:
    for position, token in enumerate(tokens[:-2]):
        if token.token_type == TokenType.IN and tokens[position + 1].token_type == TokenType.L_PAREN and tokens[position + 2].token_type == TokenType.R_PAREN:
            raise fail_at(text, tokens[position + 2].start)


def _separator_without_string(text: str, tokens: list) -> None:
    """``GROUP_CONCAT(name SEPARATOR)``: SEPARATOR must be followed by a string literal."""
    for position, token in enumerate(tokens):
        if token.token_type == TokenType.SEPARATOR:
            following = tokens[position + 1] if position + 1 < len(tokens) else None
            if following is None or following.token_type != TokenType.STRING:
                raise fail_at(text, following.start if following is not None else len(text))
