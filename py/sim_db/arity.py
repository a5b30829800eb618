"""Wrong argument counts in calls to MySQL's built-in functions, refused as MySQL refuses them.

MySQL knows two kinds of built-in function. Those its grammar spells out (SUBSTRING, IF,
COUNT, LEFT...) fail to parse with a wrong count: 1064, 'near' the first extra argument (or the
closing parenthesis when one is missing). The others live in its function registry and fail
with 1582 "Incorrect parameter count in the call to native function 'ROUND'"
(https://dev.mysql.com/doc/mysql-errors/8.0/en/server-error-reference.html#error_er_wrong_paramcount_to_native_fct).
sqlglot accepts many wrong counts and SQLite reports others in its own words, so calls are
counted here, on MySQL's tokens, before anything else reads the statement.
"""

from __future__ import annotations

from sqlglot.tokens import TokenType

from .errors import mysql_error

_ANY = None
# name: (fewest, most) arguments
GRAMMAR = {
    **{n: (2, 3) for n in ("SUBSTRING", "SUBSTR", "MID")},
    **{n: (1, 1) for n in ("COUNT", "SUM", "AVG", "MIN", "MAX", "TRIM", "DATE", "TIME", "YEAR", "MONTH",
                           "DAY", "HOUR", "MINUTE", "SECOND", "QUARTER", "REVERSE", "ASCII")},
    "IF": (3, 3), "LEFT": (2, 2), "RIGHT": (2, 2), "REPEAT": (2, 2), "REPLACE": (3, 3),
    "TRUNCATE": (2, 2), "MOD": (2, 2), "INSERT": (4, 4), "WEEK": (1, 2), "FORMAT": (2, 3),
    "COALESCE": (1, _ANY), "CHAR": (1, _ANY), "DATE_ADD": (2, 2), "DATE_SUB": (2, 2),
    "ADDDATE": (2, 2), "SUBDATE": (2, 2), "TIMESTAMPDIFF": (3, 3), "TIMESTAMPADD": (3, 3),
}
NATIVE = {
    **{n: (1, 1) for n in ("UPPER", "LOWER", "UCASE", "LCASE", "LENGTH", "CHAR_LENGTH", "CHARACTER_LENGTH",
                           "OCTET_LENGTH", "ABS", "SIGN", "SQRT", "CEIL", "CEILING", "FLOOR", "EXP", "LN",
                           "LOG10", "LOG2", "DAYNAME", "MONTHNAME", "DAYOFWEEK", "DAYOFMONTH", "DAYOFYEAR",
                           "WEEKDAY", "LAST_DAY", "LTRIM", "RTRIM", "SPACE", "MD5", "SHA1", "HEX", "ISNULL")},
    "ROUND": (1, 2), "DATE_FORMAT": (2, 2), "DATEDIFF": (2, 2), "CONCAT": (1, _ANY),
    "CONCAT_WS": (2, _ANY), "LOG": (1, 2), "POW": (2, 2), "POWER": (2, 2), "LPAD": (3, 3),
    "RPAD": (3, 3), "IFNULL": (2, 2), "NULLIF": (2, 2), "GREATEST": (2, _ANY), "LEAST": (2, _ANY),
    "STR_TO_DATE": (2, 2), "MAKEDATE": (2, 2), "INSTR": (2, 2), "LOCATE": (2, 3),
    "SUBSTRING_INDEX": (3, 3), "FROM_UNIXTIME": (1, 2), "UNIX_TIMESTAMP": (0, 1), "STRCMP": (2, 2),
    "FIELD": (2, _ANY), "ELT": (2, _ANY), "PI": (0, 0), "RAND": (0, 1), "UUID": (0, 0),
    "FIND_IN_SET": (2, 2), "JSON_OBJECT": (0, _ANY),
}
# Words inside the parentheses that make a call something other than a plain argument list:
# CAST(x AS t), POSITION(a IN b), TRIM(x FROM y), SUBSTRING(x FROM 2), COUNT(DISTINCT a, b)...
_SPECIAL = {"AS", "IN", "FROM", "FOR", "USING", "DISTINCT", "LEADING", "TRAILING", "BOTH", "ORDER", "SEPARATOR", "INTERVAL"}


def check(text: str, tokens: list) -> None:
    """Raise MySQL's error for the first built-in call with a wrong number of arguments."""
    for position, token in enumerate(tokens[:-1]):
        name = token.text.upper()
        limits = GRAMMAR.get(name) or NATIVE.get(name)
        if limits is None or tokens[position + 1].token_type != TokenType.L_PAREN:
            continue
        if position and tokens[position - 1].token_type in (TokenType.DOT, TokenType.ALIAS):
            continue  # db.func(...) or a type after AS
        commas, depth, special, close = [], 0, False, None
        for inner in range(position + 1, len(tokens)):
            kind = tokens[inner].token_type
            if kind == TokenType.L_PAREN:
                depth += 1
            elif kind == TokenType.R_PAREN:
                depth -= 1
                if depth == 0:
                    close = inner
                    break
            elif depth == 1 and kind == TokenType.COMMA:
                commas.append(tokens[inner])
            elif depth == 1 and tokens[inner].text.upper() in _SPECIAL:
                special = True
        if close is None or special:
            continue
        count = 0 if close == position + 2 else len(commas) + 1
        if name == "COUNT" and count == 1 and tokens[position + 2].token_type == TokenType.STAR:
            continue
        fewest, most = limits
        if name == "JSON_OBJECT" and count % 2:
            raise mysql_error(1582, token.text)  # key, value pairs
        if fewest <= count and (most is None or count <= most):
            continue
        if name in NATIVE:
            raise mysql_error(1582, token.text)
        if most is not None and count > most:
            start = commas[most - 1].end + 1  # after the comma before the first extra argument
        else:
            start = tokens[close].start
        raise mysql_error(1064, text[start:][:80], text.count("\n", 0, start) + 1)
