"""MySQL text in, SQLite text out: sqlglot's MySQL parser and a SQLite generator subclass.

MySQL behaviour lives here as sqlglot does it: a dialect subclass whose generator has a table of
transforms, plus small AST rewrites (qualifying tables with the current database, CREATE TABLE's
MySQL-only parts). Each translation is cached by statement text and database; parameters are
bound separately, so a statement run with new values is not parsed again.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

import sqlglot
from sqlglot import exp
from sqlglot.dialects.mysql import MySQL
from sqlglot.dialects.sqlite import SQLite
from sqlglot.errors import ParseError, TokenError
from sqlglot.tokens import TokenType

from . import accounts, arity, grammar, resolver, rewrites, types, variables
from .catalog import Column, ForeignKey, Key, TableDefinition, fulltext_capable
from .errors import mysql_error

# sqlglot logs a warning for each statement it keeps as a Command (SHOW KEYS, SHOW FIELDS...);
# sim_db handles those itself, and a server prints nothing into the app's terminal for them.
logging.getLogger("sqlglot").setLevel(logging.ERROR)


class SridColumnConstraint(exp.Expression, exp.ColumnConstraintKind):
    """``SRID n`` on a spatial column (MySQL 8.0.3+: Sakila's ``/*!80003 SRID 0 */``)."""


class SimMySQL(MySQL):
    """MySQL as sim_db reads it: sqlglot's dialect, plus the column attribute sqlglot lacks."""

    class Parser(MySQL.Parser):
        CONSTRAINT_PARSERS = {
            **MySQL.Parser.CONSTRAINT_PARSERS,
            # https://dev.mysql.com/doc/refman/8.0/en/spatial-type-overview.html
            "SRID": lambda self: self.expression(SridColumnConstraint(this=self._parse_number())),
        }


# sqlglot warns on stderr when it keeps a statement as an unparsed command (RENAME TABLE,
# REPLACE, some ALTERs); sim_db handles those itself, and the warning would land in the
# student's terminal.
logging.getLogger("sqlglot").setLevel(logging.ERROR)


class SimSQLite(SQLite):
    """SQLite as sim_db stores MySQL data: MySQL column types keep their own declared names."""

    class Tokenizer(SQLite.Tokenizer):
        # Quoted names are written with backticks: SQLite reads a double-quoted name that is no
        # column as a string literal (https://www.sqlite.org/quirks.html#dblquote), which would
        # turn MySQL's 1054 for `nme` into a row of 'nme'; a backticked name is always a name.
        IDENTIFIERS = ["`", '"', ("[", "]")]

    class Generator(SQLite.Generator):
        # SQLite keywords that MySQL lets a student use as a plain name (``nothing``, ``plan``,
        # ``action``...): quoted in the SQLite text, where some would not parse bare
        # (https://www.sqlite.org/lang_keywords.html).
        RESERVED_KEYWORDS = {
            "abort", "action", "after", "analyze", "attach", "autoincrement", "conflict", "deferrable",
            "deferred", "detach", "do", "exclude", "exclusive", "fail", "filter", "glob", "groups",
            "immediate", "indexed", "initially", "instead", "isnull", "materialized", "nothing",
            "notnull", "nulls", "others", "plan", "pragma", "query", "raise", "regexp", "reindex",
            "returning", "row", "temp", "ties", "vacuum", "virtual", "without",
        }
        TRANSFORMS = {
            **SQLite.Generator.TRANSFORMS,
            # MySQL-only column attributes with no SQLite meaning (kept in sim_db's catalog).
            exp.CommentColumnConstraint: lambda self, e: "",
            exp.CharacterSetColumnConstraint: lambda self, e: "",
            exp.OnUpdateColumnConstraint: lambda self, e: "",
            SridColumnConstraint: lambda self, e: "",
            # _utf8mb4'text' (a character set introducer, common in views and dumps): the
            # text itself; _binary'text' is a binary string.
            exp.Introducer: lambda self, e: (
                f"CAST({self.sql(e, 'expression')} AS BLOB)" if e.name.lower() == "_binary" else self.sql(e, "expression")
            ),
            # MySQL functions SQLite lacks: calls to sim_db.functions' user functions.
            exp.DateAdd: lambda self, e: _date_add_sql(self, e, 1),
            exp.DateSub: lambda self, e: _date_add_sql(self, e, -1),
            exp.Trunc: lambda self, e: (
                self.func("MYSQL_TRUNCATE", e.this, e.args["decimals"]) if e.args.get("decimals") else self.func("MYSQL_TRUNCATE", e.this, "0")
            ),
            exp.Left: lambda self, e: self.func("SUBSTR", e.this, "1", e.expression),
            # SUBSTRING(s, 0) is '' and a negative length '' in MySQL; SQLite's substr differs
            # on both (sim_db.strings.mid has MySQL's rules).
            exp.Substring: lambda self, e: self.func("MID", e.this, e.args.get("start"), e.args.get("length")),
            exp.Right: lambda self, e: self.func("MYSQL_RIGHT", e.this, e.expression),
            exp.Year: lambda self, e: self.func("YEAR", e.this),
            exp.Month: lambda self, e: self.func("MONTH", e.this),
            exp.Day: lambda self, e: self.func("DAY", e.this),
            exp.DayOfMonth: lambda self, e: self.func("DAY", e.this),
            exp.GroupConcat: lambda self, e: _group_concat_sql(self, e),
            exp.StrToDate: lambda self, e: _str_to_date_sql(self, e),
            exp.StrToTime: lambda self, e: _str_to_date_sql(self, e),
            exp.TimeToStr: lambda self, e: _date_format_sql(self, e),
            exp.Extract: lambda self, e: self.func("MYSQL_EXTRACT", exp.Literal.string(e.this.name.upper()), e.expression),
            exp.TimestampAdd: lambda self, e: self.func(
                "MYSQL_DATE_ADD", e.this, e.expression, exp.Literal.string(e.text("unit").upper() or "DAY")
            ),
            exp.Rand: lambda self, e: self.func("RAND", e.this),
            exp.Length: lambda self, e: self.func("MYSQL_OCTET_LENGTH" if e.args.get("binary") else "LENGTH", e.this),
            exp.StrPosition: lambda self, e: self.func("MYSQL_INSTR", e.this, e.args.get("substr"), e.args.get("position")),
            exp.TimestampDiff: lambda self, e: self.func(
                "MYSQL_TIMESTAMPDIFF", exp.Literal.string(e.text("unit").upper() or "SECOND"), e.expression, e.this
            ),
            # @@variables, @user variables, DATABASE(), USER()...: sim_db.variables' functions.
            **variables.generator_transforms(),
        }

        def datatype_sql(self, expression: exp.DataType) -> str:
            return types.storage_type(expression)

        def matchagainst_sql(self, expression: exp.MatchAgainst) -> str:
            # FULLTEXT indexes are kept (as plain indexes); their search has no SQLite
            # equivalent that ranks as InnoDB does: refused by name, as MySQL refuses what it
            # does not support (ER_NOT_SUPPORTED_YET).
            raise mysql_error(1235, "MATCH ... AGAINST (full-text search is not simulated)")

        def anonymous_sql(self, expression: exp.Anonymous) -> str:
            name = expression.name.upper()
            if name.startswith(("ST_", "MBR")):  # GEOMETRY values are kept as bytes only
                raise mysql_error(1235, f"{expression.name}() (spatial functions are not simulated)")
            return super().anonymous_sql(expression)

        def columnconstraint_sql(self, expression: exp.ColumnConstraint) -> str:
            text = super().columnconstraint_sql(expression)
            return "" if text.strip() == "" else text


# sqlglot's types for MySQL's CAST(... AS SIGNED [INTEGER]) and CAST(... AS UNSIGNED [INTEGER]).
_CAST_INTEGER = {exp.DataType.Type.BIGINT: 0, exp.DataType.Type.UBIGINT: 1}


def _group_concat_sql(generator, expression: exp.GroupConcat) -> str:
    """GROUP_CONCAT(... ORDER BY ...) needs SQLite 3.44+: sim_db's own aggregate,
    ``MYSQL_GROUP_CONCAT(value, separator, distinct, key1, desc1, key2, desc2...)``."""
    order = expression.this
    if not isinstance(order, exp.Order):
        return SQLite.Generator.groupconcat_sql(generator, expression)
    value = order.this
    distinct = isinstance(value, exp.Distinct)
    if distinct:
        parts = value.expressions
        value = parts[0] if len(parts) == 1 else exp.Concat(expressions=parts, safe=True, coalesce=False)
    separator = expression.args.get("separator") or exp.Literal.string(",")
    arguments = [value, separator, exp.Literal.number(int(distinct))]
    for ordered in order.expressions:
        arguments += [ordered.this, exp.Literal.number(int(bool(ordered.args.get("desc"))))]
    return generator.func("MYSQL_GROUP_CONCAT", *arguments)


def _date_format_sql(generator, expression: exp.TimeToStr) -> str:
    """DATE_FORMAT (and MONTHNAME, which sqlglot reads as one): ``MYSQL_DATE_FORMAT(value,
    format)`` in MySQL's own specifiers. sqlglot has turned a literal format into strftime's
    spelling; it is turned back here (its inverse table), as SQLite's strftime knows neither
    %W's day names nor %M's month names."""
    format_ = expression.args.get("format")
    if isinstance(format_, exp.Literal) and format_.is_string:
        format_ = exp.Literal.string(_STRFTIME_SPECIFIER.sub(lambda m: _MYSQL_SPECIFIER.get(m.group(0), m.group(0)), format_.this))
    return generator.func("MYSQL_DATE_FORMAT", expression.this, format_)


# strftime's spelling (as sqlglot's MySQL parser writes a format) back to MySQL's: the inverse
# of sqlglot's MySQL TIME_MAPPING, one specifier at a time.
_STRFTIME_SPECIFIER = re.compile(r"%-?.")
_MYSQL_SPECIFIER = {
    "%B": "%M", "%-m": "%c", "%-d": "%e", "%I": "%h", "%M": "%i", "%S": "%s", "%W": "%u",
    "%-H": "%k", "%-I": "%l", "%A": "%W", "%G": "%x",
}


def _str_to_date_sql(generator, expression) -> str:
    """STR_TO_DATE: ``MYSQL_STR_TO_DATE(text, format, is_mysql_format)``. sqlglot has already
    turned a literal format into strftime's spelling; any other format is MySQL's at run time."""
    format_ = expression.args.get("format")
    if format_ is None:
        return generator.func("MYSQL_STR_TO_DATE", expression.this, exp.null(), "1")
    literal = isinstance(format_, exp.Literal) and format_.is_string
    return generator.func("MYSQL_STR_TO_DATE", expression.this, format_, "0" if literal else "1")


def _date_add_sql(generator, expression, sign: int) -> str:
    """DATE_ADD/DATE_SUB/``+ INTERVAL``: ``MYSQL_DATE_ADD(value, amount, 'UNIT')``."""
    amount = expression.expression
    if sign < 0:
        amount = exp.Neg(this=exp.paren(amount, copy=False))
    unit = expression.args.get("unit")
    unit_name = unit.name.upper() if unit is not None else "DAY"
    return generator.func("MYSQL_DATE_ADD", expression.this, amount, exp.Literal.string(unit_name))


@dataclass
class Translation:
    kind: str  # "query", "create_table", "create_database", "use", ... (see Server.run)
    sql: list[str] = field(default_factory=list)  # SQLite statements to run, in order
    tree: exp.Expression | None = None
    table: TableDefinition | None = None
    params: int = 0  # how many :pN placeholders the SQLite text binds
    # Where each result column comes from, for the cursor's description (see result_origins).
    origins: list | None = None
    # The MySQL kind of each computed column (see resulttypes), worked out on first use.
    kinds: list | None = None
    # An UPDATE that touches only the rows it changes, whose rowcount is MySQL's affected rows
    # without CLIENT.FOUND_ROWS (see ``changed_rows_update``).
    changed_sql: str | None = None
    # ONLY_FULL_GROUP_BY has been checked against a catalog that knew every table (see server).
    grouping_checked: bool = False
    # Table-name case and WHERE aliases have been checked against such a catalog (see server).
    names_checked: bool = False
    # Rows an INSERT's VALUES list gives (see upsert), None for other statements.
    values_rows: int | None = None
    # The server's facts about the statement, worked out on its first run (Server._profile).
    profile: tuple | None = None
    # Its result columns' catalog facts, worked out on its first run (Server._result_meta).
    result_meta: tuple | None = None
    # (column names, cursor description) of its last run, when the catalog typed every column.
    described: tuple | None = None


def parse(text: str) -> exp.Expression:
    """One MySQL statement as sqlglot's AST; a syntax error is MySQL's 1064."""
    if "(" in text:
        arity.check(text, _tokens(text))  # SUBSTRING(a, 1, 2, 3), ROUND(): 1064 or 1582
    try:
        tree = sqlglot.parse_one(text, read=SimMySQL)
    except (ParseError, TokenError) as error:
        raise syntax_error(text, error) from None
    except IndexError:  # sqlglot 30 runs off the end of ``SHOW TABLE``: MySQL points at the end
        raise mysql_error(1064, "", text.count("\n") + 1) from None
    if tree is None:
        raise mysql_error(1065)
    grammar.check(text, tree, lambda: _tokens(text))
    if _TRAILING_COMMA.search(text) or _STAR_NAME.search(text):
        near = _misplaced_token(text, _tokens(text))
        if near is not None:
            raise mysql_error(1064, text[near:].strip()[:80], text.count("\n", 0, near) + 1)
    for identifier in tree.find_all(exp.Identifier):
        if not identifier.quoted and identifier.name.lower() in _RESERVED_NAMES and isinstance(identifier.parent, (exp.Table, exp.ColumnDef)):
            # ``CREATE TABLE order (...)``, ``rank INT``: a reserved word where a name should be
            for token in _tokens(text):
                if token.text.lower() == identifier.name.lower():
                    raise mysql_error(1064, text[token.start :].strip()[:80], text.count("\n", 0, token.start) + 1)
    for node in tree.find_all(*_WINDOW_ONLY):
        if not isinstance(node.parent, exp.Window):
            # RANK() without OVER: MySQL's parser wants OVER right after the call
            near = _after_call(text, node.sql_name())
            raise mysql_error(1064, near[0], near[1])
    if "==" in text:
        for token in _tokens(text):
            if token.token_type == TokenType.EQ and token.text == "==":  # C's ==, not SQL's =
                raise mysql_error(1064, text[token.start + 1 :].strip()[:80], text.count("\n", 0, token.start) + 1)
    if isinstance(tree, (exp.Update, exp.Delete)) and tree.args.get("limit") is not None and tree.args["limit"].args.get("offset") is not None:
        # UPDATE/DELETE ... LIMIT 1, 2: their LIMIT takes a row count only; MySQL stops after the comma
        tokens = _tokens(text)
        limits = [i for i, t in enumerate(tokens) if t.token_type == TokenType.LIMIT]
        commas = [t for t in tokens[limits[-1] :] if t.token_type == TokenType.COMMA] if limits else []
        start = commas[0].end + 1 if commas else len(text)
        raise mysql_error(1064, text[start:][:80], text.count("\n", 0, start) + 1)
    for limit in tree.find_all(exp.Limit):
        if isinstance(limit.expression, exp.Neg):  # LIMIT -1: MySQL's grammar takes no sign
            dash = next((t for t in _tokens(text) if t.token_type == TokenType.DASH), None)
            near = text[dash.start :].strip()[:80] if dash is not None else ""
            raise mysql_error(1064, near, text.count("\n", 0, dash.start if dash else 0) + 1)
    if isinstance(tree, exp.Command) and tree.name.upper() == "REPLACE":
        # sqlglot's MySQL parser gives up on REPLACE INTO: it is INSERT with REPLACE's conflict
        # rule (https://dev.mysql.com/doc/refman/8.0/en/replace.html), as SQLite's REPLACE is.
        try:
            insert = sqlglot.parse_one("INSERT" + text.lstrip()[len("REPLACE"):], read="mysql")
        except (ParseError, TokenError) as error:
            raise syntax_error(text, error) from None
        if isinstance(insert, exp.Insert):
            insert.set("alternative", "REPLACE")
            return insert
    return tree


# Functions MySQL allows only with an OVER clause.
_WINDOW_ONLY = (
    exp.Rank, exp.RowNumber, exp.DenseRank, exp.Ntile, exp.Lag, exp.Lead, exp.FirstValue,
    exp.LastValue, exp.NthValue, exp.CumeDist, exp.PercentRank,
)


def _after_call(text: str, name: str) -> tuple[str, int]:
    """The text after the call ``name(...)`` (MySQL's 'near' text when OVER is missing)."""
    tokens = _tokens(text)
    for position, token in enumerate(tokens):
        if token.text.upper() == name and position + 1 < len(tokens) and tokens[position + 1].token_type == TokenType.L_PAREN:
            depth = 0
            for inner in range(position + 1, len(tokens)):
                kind = tokens[inner].token_type
                depth += kind == TokenType.L_PAREN
                depth -= kind == TokenType.R_PAREN
                if depth == 0:
                    if inner + 1 < len(tokens):
                        start = tokens[inner + 1].start
                        return text[start:].strip()[:80], text.count("\n", 0, start) + 1
                    return "", text.count("\n") + 1
    return "", 1


def syntax_error(text: str, error: Exception):
    """1064 with MySQL's 'near' text: the statement from the offending token on."""
    details = getattr(error, "errors", None) or [{}]
    line = details[0].get("line") or 1
    col = details[0].get("col") or 0
    highlight = details[0].get("highlight") or ""
    lines = text.splitlines() or [""]
    offset = sum(len(l) + 1 for l in lines[: line - 1]) + max(col - len(highlight), 0)
    near = text[offset:].strip()
    tokens = _tokens(text)
    for index in range(len(tokens) - 2):  # ON DUPLICATE UPDATE: MySQL stops after DUPLICATE
        if tokens[index].token_type == TokenType.ON and tokens[index + 1].text.upper() == "DUPLICATE" and tokens[index + 2].text.upper() != "KEY":
            start = tokens[index + 2].start
            return mysql_error(1064, text[start:].strip()[:80], text.count("\n", 0, start) + 1)
    misplaced = _misplaced_token(text, tokens)
    if misplaced is not None:
        return mysql_error(1064, text[misplaced:].strip()[:80], text.count("\n", 0, misplaced) + 1)
    if tokens and tokens[0].token_type == TokenType.VAR:
        # Not a statement keyword at all (``SELEC ...``): MySQL quotes from the first word.
        return mysql_error(1064, text.strip()[:80], 1)
    description = details[0].get("description") or ""
    if description == "Expected END after CASE":
        # CASE ... THEN x FROM: MySQL stops at the token where END should have been
        after = [t for t in tokens if t.start >= offset + len(highlight)]
        return grammar.fail_at(text, after[0].start if after else len(text))
    if description.startswith("Required keyword: 'this' missing"):
        # An operator with nothing before it (``grade > 4 AND < 5``): MySQL quotes from it.
        before = [t for t in tokens if t.end < offset]
        if highlight and before and before[-1].token_type in _OPERATORS:
            start = before[-1].start
            return mysql_error(1064, text[start:].strip()[:80], text.count("\n", 0, start) + 1)
    if not description.startswith("Invalid expression") and not text[offset + len(highlight) :].strip():
        # The statement stopped where more was required: MySQL points at its end.
        return mysql_error(1064, "", len(lines))
    return mysql_error(1064, near[:80], line)


# Tokens that begin a column type (CHANGE a INT: the new name is missing).
TYPE_TOKENS = set(MySQL.Tokenizer.KEYWORDS.get(word) for word in (
    "INT", "INTEGER", "BIGINT", "SMALLINT", "TINYINT", "VARCHAR", "CHAR", "TEXT", "DATE", "DATETIME",
    "TIMESTAMP", "TIME", "DECIMAL", "FLOAT", "DOUBLE", "BOOLEAN", "ENUM", "BLOB",
)) - {None}
_OPERATORS = {
    TokenType.LT, TokenType.GT, TokenType.LTE, TokenType.GTE, TokenType.EQ, TokenType.NEQ,
    TokenType.PLUS, TokenType.DASH, TokenType.SLASH,
}
# MySQL 8 reserved words students use as names (https://dev.mysql.com/doc/refman/8.0/en/keywords.html):
# unquoted, MySQL's parser stops at them; sqlglot and SQLite read some as names.
_RESERVED_NAMES = {
    "order", "group", "select", "from", "where", "table", "key", "index", "desc", "asc", "limit",
    "check", "default", "range", "rank", "row", "rows", "groups", "window", "over", "interval",
    "condition", "read", "release", "return", "div", "mod", "usage", "lead", "lag",
    "dense_rank", "row_number", "ntile", "percent_rank", "cume_dist", "first_value", "last_value",
}
# A comma with nothing after it (``SELECT name, FROM``), which sqlglot forgives and MySQL does not.
_TRAILING_COMMA = re.compile(r",\s*(?:from|where|group|order|having|limit|union|\)|;|$)", re.I)
# A ``*`` followed by a word: maybe an alias on a select-list star (``SELECT * x``), which MySQL refuses.
_STAR_NAME = re.compile(r"\*\s*[\w`'\"]")
_AFTER_COMMA = {
    TokenType.FROM, TokenType.WHERE, TokenType.GROUP_BY, TokenType.ORDER_BY, TokenType.HAVING,
    TokenType.LIMIT, TokenType.UNION, TokenType.R_PAREN, TokenType.SEMICOLON,
}
_NAMES = {TokenType.VAR, TokenType.IDENTIFIER, TokenType.ALIAS, TokenType.STRING}


def _tokens(text: str) -> list:
    try:
        return MySQL().tokenize(text)
    except TokenError:
        return []


def _misplaced_token(text: str, tokens: list) -> int | None:
    """Where MySQL's parser stops on two mistakes sqlglot reads differently: a trailing comma
    (it points at what follows: ``near 'FROM students'``) and an alias on a select-list ``*``
    (``SELECT * FORM students``: near 'FORM students', where sqlglot fails a token later)."""
    for position, token in enumerate(tokens):
        following = tokens[position + 1] if position + 1 < len(tokens) else None
        if token.token_type == TokenType.COMMA and (following is None or following.token_type in _AFTER_COMMA):
            return following.start if following is not None else len(text)
        if token.token_type == TokenType.STAR and following is not None and following.token_type in _NAMES:
            previous = tokens[position - 1].token_type if position else None
            if previous in (TokenType.SELECT, TokenType.COMMA, TokenType.DOT):
                return following.start
    return None


def qualify_tables(tree: exp.Expression, database: str | None) -> exp.Expression:
    """Name the current database on every table reference that has none (CTEs excepted)."""
    if not database:
        return tree
    cte_names = {cte.alias_or_name for cte in tree.find_all(exp.CTE)}
    for table in tree.find_all(exp.Table):
        if not table.args.get("db") and table.name and table.name not in cte_names:
            table.set("db", exp.to_identifier(database))
    return tree


def name_projections(tree: exp.Expression, text: str = "") -> None:
    """Result columns keep the names MySQL gives them, not SQLite's spelling: an unaliased item
    is named by its text as written (``count(*)``, ``grade+1``, ``IFNULL(grade, 0)``), a string
    literal by its value. A bare placeholder keeps its ``:pN`` name here; the server renames it
    after the value, as MySQL names the literal PyMySQL sends."""
    if not isinstance(tree, exp.Select):
        return
    written = _projection_texts(text, len(tree.expressions)) if text else None
    for index, projection in enumerate(tree.expressions):
        if isinstance(projection, (exp.Alias, exp.Column, exp.Star)):
            continue
        if isinstance(projection, exp.Literal) and projection.is_string:
            name = projection.this
        elif written is not None and not isinstance(projection, exp.Placeholder):
            name = written[index]
        else:
            name = projection.sql("mysql")
        tree.expressions[index] = exp.alias_(projection, name, quoted=True)


# Tokens that end a SELECT's item list when met outside parentheses.
_SELECT_LIST_ENDS = {
    TokenType.FROM, TokenType.WHERE, TokenType.GROUP_BY, TokenType.HAVING, TokenType.ORDER_BY,
    TokenType.LIMIT, TokenType.UNION, TokenType.INTO, TokenType.WINDOW, TokenType.SEMICOLON,
    TokenType.FOR, TokenType.EXCEPT, TokenType.INTERSECT,
}


def _projection_texts(text: str, count: int) -> list[str] | None:
    """The source text of each item of the outermost SELECT's list (by tokens), or None."""
    try:
        tokens = MySQL().tokenize(text)
    except TokenError:
        return None
    depth, start, items = 0, None, []
    for position, token in enumerate(tokens):
        kind = token.token_type
        if start is None:
            if kind == TokenType.L_PAREN:
                depth += 1
            elif kind == TokenType.R_PAREN:
                depth -= 1
            elif kind == TokenType.SELECT and depth == 0:
                start = position + 1
                while start < len(tokens) and tokens[start].token_type in (TokenType.DISTINCT, TokenType.ALL):
                    start += 1
                first = start
            continue
        if position < start:
            continue
        if kind == TokenType.L_PAREN:
            depth += 1
        elif kind == TokenType.R_PAREN:
            depth -= 1
        elif depth == 0 and (kind == TokenType.COMMA or kind in _SELECT_LIST_ENDS):
            items.append((first, position - 1))
            first = position + 1
            if kind != TokenType.COMMA:
                break
    else:
        if start is not None:
            items.append((first, len(tokens) - 1))
    if len(items) != count or any(end < begin for begin, end in items):
        return None
    return [text[tokens[begin].start : tokens[end].end + 1] for begin, end in items]


# MySQL's clock functions that sqlglot's MySQL parser leaves as unknown (anonymous) calls.
_NOW_FUNCTIONS = {"NOW", "SYSDATE", "LOCALTIME", "LOCALTIMESTAMP", "CURRENT_TIMESTAMP"}


_LOCAL_CLOCK = {exp.CurrentDate: "DATE", exp.CurrentTimestamp: "DATETIME", exp.CurrentTime: "TIME"}
_COMPARISONS = (exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE, exp.NullSafeEQ)


def quantified_comparisons(node: exp.Expression) -> exp.Expression:
    """``x > ALL (SELECT ...)`` and ``x = ANY/SOME (SELECT ...)``, which SQLite lacks, with
    MySQL's three-valued answer (https://dev.mysql.com/doc/refman/8.0/en/any-in-some-subqueries.html,
    .../all-subqueries.html): ANY is true when some row compares true, ALL false when some row
    compares false; otherwise a NULL row (or a NULL x) makes the answer NULL. Written as
    ``CASE WHEN EXISTS (...) THEN .. WHEN EXISTS (... IS NULL) THEN NULL ELSE .. END``."""
    if not isinstance(node, _COMPARISONS) or not isinstance(node.expression, (exp.Any, exp.All)):
        return node
    quantifier = node.expression
    query = quantifier.this.this if isinstance(quantifier.this, exp.Subquery) else quantifier.this
    if not isinstance(query, exp.Select) or len(query.expressions) != 1:
        return node
    inner = query.copy()
    item = inner.expressions[0]
    inner.set("expressions", [exp.alias_(item.this if isinstance(item, exp.Alias) else item, "_sim_v")])
    value = exp.column("_sim_v", table="_sim_q")
    compared = node.__class__(this=node.this.copy(), expression=value)
    if isinstance(quantifier, exp.All):
        decisive, answer, otherwise = exp.Not(this=exp.paren(compared)), 0, 1
    else:
        decisive, answer, otherwise = compared, 1, 0

    def rows(condition):
        return exp.Exists(this=exp.select("1").from_(exp.Subquery(this=inner.copy(), alias=exp.TableAlias(this=exp.to_identifier("_sim_q")))).where(condition))

    unknown = exp.or_(exp.Is(this=value.copy(), expression=exp.Null()), exp.Is(this=node.this.copy(), expression=exp.Null()))
    return exp.Case(
        ifs=[exp.If(this=rows(decisive), true=exp.Literal.number(answer)), exp.If(this=rows(unknown), true=exp.Null())],
        default=exp.Literal.number(otherwise),
    )


def mysql_functions(node: exp.Expression) -> exp.Expression:
    """MySQL built-ins SQLite lacks, as SQLite expressions: NOW() is the local date and time
    (MySQL's session time zone is SYSTEM)."""
    if isinstance(node, exp.Anonymous) and node.name.upper() in _NOW_FUNCTIONS and not node.expressions:
        return exp.Anonymous(this="DATETIME", expressions=[exp.Literal.string("now"), exp.Literal.string("localtime")])
    if isinstance(node, exp.Distinct) and isinstance(node.parent, exp.AggFunc):
        # COUNT(DISTINCT LEFT(name, 1)): an expression over a column keeps the column's
        # collation in MySQL ('A' and 'a' are one value); SQLite's expressions are BINARY.
        node.set("expressions", [
            e if isinstance(e, (exp.Column, exp.Literal, exp.Collate)) else exp.Collate(this=e, expression=exp.var("MYSQL"))
            for e in node.expressions
        ])
        return node
    if type(node) in _LOCAL_CLOCK:  # CURDATE(), CURRENT_TIMESTAMP, CURTIME(): SQLite's are UTC
        return exp.Anonymous(this=_LOCAL_CLOCK[type(node)], expressions=[exp.Literal.string("now"), exp.Literal.string("localtime")])
    if isinstance(node, (exp.Add, exp.Sub)) and isinstance(node.expression, exp.Interval):
        # ``d + INTERVAL 1 DAY`` is DATE_ADD(d, INTERVAL 1 DAY)
        interval = node.expression
        kind = exp.DateAdd if isinstance(node, exp.Add) else exp.DateSub
        # transform() does not descend into a replacement node: rewrite its parts here
        # (``NOW() - INTERVAL FLOOR(RAND() * 9) DAY`` in Sakila's data).
        return kind(
            this=node.this.transform(mysql_functions, copy=False),
            expression=interval.this.transform(mysql_functions, copy=False),
            unit=interval.args.get("unit"),
        )
    if isinstance(node, exp.Cast) and node.to.this in _CAST_INTEGER:
        # CAST AS SIGNED/UNSIGNED rounds a number (CAST(3.7 AS SIGNED) is 4) where SQLite's
        # CAST AS INTEGER truncates. Rewritten here, in the statement as written, so the casts
        # sqlglot itself generates (``7 DIV 2``) keep SQLite's truncation.
        unsigned = exp.Literal.number(_CAST_INTEGER[node.to.this])
        return exp.Anonymous(this="MYSQL_CAST_INTEGER", expressions=[node.this, unsigned])
    if isinstance(node, _COMPARISONS) and not isinstance(node.this, exp.Column) and not isinstance(node.expression, exp.Column):
        if any(isinstance(side, exp.Literal) and side.is_string for side in (node.this, node.expression)):
            # MySQL's utf8mb4_0900_ai_ci compares strings case-insensitively ('a' = 'A' is 1);
            # a text column carries the MYSQL collation already, a bare expression needs it here.
            collated = exp.Collate(this=node.expression, expression=exp.var("MYSQL"))
            return node.__class__(this=node.this, expression=collated)
    if isinstance(node, exp.Concat) and len(node.expressions) == 1:
        # CONCAT(x) is text, where sqlglot writes a one-argument CONCAT as x itself
        return exp.Cast(this=node.expressions[0], to=exp.DataType.build("text"))
    if _is_json_function(node) and not _is_json_function(node.parent) and not isinstance(node.parent, exp.JSONKeyValue):
        # A JSON value leaving the JSON functions: printed as MySQL prints JSON (functions.json_text)
        return exp.Anonymous(this="MYSQL_JSON", expressions=[node])
    if isinstance(node, exp.Add) and isinstance(node.this, exp.Interval):
        interval = node.this
        return exp.DateAdd(this=node.expression, expression=interval.this, unit=interval.args.get("unit"))
    return node


# MySQL's functions that return a JSON value (JSON_UNQUOTE and ->> return text).
_JSON_VALUES = (exp.JSONObject, exp.JSONExtract, exp.JSONArray)


def _is_json_function(node) -> bool:
    if isinstance(node, _JSON_VALUES):
        return True
    return isinstance(node, exp.Anonymous) and node.name.upper() in _JSON_NAMES


_JSON_NAMES = {
    "JSON_ARRAY", "JSON_OBJECT", "JSON_SET", "JSON_INSERT", "JSON_REPLACE", "JSON_REMOVE",
    "JSON_MERGE_PATCH", "JSON_MERGE_PRESERVE", "JSON_ARRAY_APPEND", "JSON_ARRAY_INSERT", "JSON_EXTRACT",
}


def to_sqlite(tree: exp.Expression) -> str:
    return tree.sql(dialect=SimSQLite, unsupported_level=sqlglot.ErrorLevel.IGNORE)


def prepare_create_table(create: exp.Create, database: str) -> Translation:
    """CREATE TABLE: SQLite DDL plus the catalog entry, with MySQL's keys and strict checks.

    Inline ``KEY``/``INDEX`` definitions become CREATE INDEX statements; CHAR/VARCHAR lengths and
    integer ranges become named CHECK constraints, so SQLite reports a violation by a name that
    says which strict-mode error (1406, 1264, 1366) and column it is.
    """
    resolver.check_create_table(create)
    schema = create.this
    table_name = schema.this.name
    columns: list[Column] = []
    keys: list[Key] = []
    index_statements: list[str] = []
    foreign_keys: list[ForeignKey] = []
    kept = []
    names = [item.name for item in schema.expressions if isinstance(item, exp.ColumnDef)]
    checks = _name_checks(schema, table_name)
    for item in schema.expressions:
        if isinstance(item, exp.Constraint) and len(item.expressions) == 1 and isinstance(item.expressions[0], exp.UniqueColumnConstraint):
            # CONSTRAINT name UNIQUE (cols): the key is called by the constraint's name
            inner = item.expressions[0]
            if isinstance(inner.this, exp.Schema) and not inner.this.name:
                inner.this.set("this", exp.to_identifier(item.name))
            item = inner
        elif isinstance(item, exp.Constraint) and len(item.expressions) == 1 and isinstance(item.expressions[0], exp.PrimaryKey):
            item = item.expressions[0]  # a primary key is always called PRIMARY
        if isinstance(item, exp.ColumnDef):
            columns.append(describe_column(item))
            _add_strict_checks(item)
            index_statements.extend(_decimal_rounding(database, table_name, item))
            index_statements.extend(_local_timestamps(database, table_name, item, names))
            for constraint in item.constraints:
                kind = constraint.kind
                if isinstance(kind, exp.PrimaryKeyColumnConstraint):
                    keys.append(Key("PRIMARY", [item.name], True))
                elif isinstance(kind, exp.UniqueColumnConstraint):
                    keys.append(Key(item.name, [item.name], True))
            # MySQL 8 parses and ignores a REFERENCES written on a column (only a table's FOREIGN
            # KEY clause makes a constraint: https://dev.mysql.com/doc/refman/8.0/en/ansi-diff-foreign-keys.html).
            item.set("constraints", [c for c in item.constraints if not isinstance(c.kind, exp.Reference)])
            declared = [c.kind.name.lower() for c in item.constraints if isinstance(c.kind, exp.CollateColumnConstraint)]
            item.set("constraints", [c for c in item.constraints if not isinstance(c.kind, exp.CollateColumnConstraint)])
            if types.storage_type(item.kind) == "TEXT":
                # utf8mb4_0900_ai_ci (sim_db.collation) unless the column asks for a binary or
                # case-sensitive collation (utf8mb4_bin, utf8mb4_0900_as_cs).
                binary = any(d.endswith(("_bin", "_cs")) or d == "binary" for d in declared)
                collation = "BINARY" if binary else "MYSQL"
                item.append("constraints", exp.ColumnConstraint(kind=exp.CollateColumnConstraint(this=exp.var(collation))))
            kept.append(item)
        elif isinstance(item, exp.IndexColumnConstraint):
            name = item.name or item.expressions[0].name
            cols = ", ".join(f'"{c.name}"' for c in item.expressions)
            index_statements.append(f'CREATE INDEX "{database}"."{table_name}.{name}" ON "{table_name}" ({cols})')
            kind = (item.args.get("kind") or "").upper()
            if kind == "FULLTEXT":
                for c in item.expressions:
                    column = next((d for d in columns if d.name.lower() == c.name.lower()), None)
                    if column is not None and not fulltext_capable(column):
                        raise mysql_error(1283, column.name)
            keys.append(Key(name, [c.name for c in item.expressions], False, kind))
        elif isinstance(item, exp.UniqueColumnConstraint):
            inner = item.this
            cols = [c.name for c in inner.expressions] if isinstance(inner, exp.Schema) else [c.name for c in item.expressions]
            name = inner.name if isinstance(inner, exp.Schema) and inner.name else cols[0]
            keys.append(Key(name, cols, True))
            kept.append(exp.UniqueColumnConstraint(this=exp.Schema(expressions=[exp.column(c) for c in cols])))
        elif isinstance(item, exp.PrimaryKey):
            cols = [c.name for c in item.expressions]
            keys.append(Key("PRIMARY", cols, True))
            kept.append(item)
        elif isinstance(item, exp.Constraint) and isinstance(item.expressions[0], (exp.UniqueColumnConstraint, exp.PrimaryKey)):
            # CONSTRAINT name UNIQUE (a, b) names its index; CONSTRAINT name PRIMARY KEY (a) is PRIMARY.
            inner = item.expressions[0]
            if isinstance(inner, exp.PrimaryKey):
                keys.append(Key("PRIMARY", [c.name for c in inner.expressions], True))
                kept.append(inner)
            else:
                columns_of = inner.this.expressions if isinstance(inner.this, exp.Schema) else inner.expressions
                cols = [c.name for c in columns_of]
                keys.append(Key(item.name or cols[0], cols, True))
                kept.append(exp.UniqueColumnConstraint(this=exp.Schema(expressions=[exp.column(c) for c in cols])))
        elif isinstance(item, exp.ForeignKey) or (
            isinstance(item, exp.Constraint) and any(isinstance(e, exp.ForeignKey) for e in item.expressions)
        ):
            # Unnamed constraints are numbered among themselves: enr_ibfk_1 is the first unnamed one.
            unnamed = sum(1 for k in foreign_keys if re.fullmatch(re.escape(table_name) + r"_ibfk_\d+", k.name))
            foreign_keys.append(describe_foreign_key(item, table_name, unnamed + 1))
            kept.append(item)
        else:
            kept.append(item)
    schema.set("expressions", kept)
    properties = create.args.get("properties")
    temporary = any(isinstance(p, exp.TemporaryProperty) for p in (properties.expressions if properties else ()))
    for prop in properties.expressions if properties is not None else ():
        if isinstance(prop, exp.AutoIncrementProperty) and prop.this.name.isdigit() and any(
            c.extra == "auto_increment" for c in columns
        ):  # (a dump may give the option to a table without an AUTO_INCREMENT column)
            # AUTO_INCREMENT = n: the first id the table hands out (SQLite's counter is the last)
            index_statements.append(
                f'INSERT INTO "{database}".sqlite_sequence (name, seq) VALUES (\'{table_name}\', {int(prop.this.name) - 1})'
            )
    comment = next((p.name for p in (properties.expressions if properties else []) if isinstance(p, exp.SchemaCommentProperty)), "")
    create.set("properties", None)  # ENGINE=, CHARSET=: MySQL's; the COMMENT goes to the catalog
    for column in columns:
        for key in keys:
            if column.name in key.columns and not column.key:
                column.key = "PRI" if key.name == "PRIMARY" else ("UNI" if key.unique else "MUL")
        if not column.key and any(column.name in f.columns[:1] for f in foreign_keys):
            column.key = "MUL"  # InnoDB indexes a foreign key's columns
    # Only the new table is named with its database: SQLite resolves a FOREIGN KEY's REFERENCES
    # in the child's own schema and rejects a qualified name there.
    schema.this.set("db", exp.to_identifier(database))
    definition = TableDefinition(table_name, columns, keys, foreign_keys, checks, temporary=temporary, comment=comment)
    return Translation("create_table", [to_sqlite(create), *index_statements], create, definition)


def _name_checks(schema: exp.Schema, table_name: str) -> list[tuple[str, str]]:
    """The table's CHECK constraints, in order, named as MySQL names them (``<table>_chk_<n>``
    for an unnamed one: https://dev.mysql.com/doc/refman/8.0/en/create-table-check-constraints.html).
    Each is renamed ``3819 <name>`` for SQLite, so a violation says which error and constraint
    it is; unnamed table-level checks are wrapped in a named CONSTRAINT."""
    found, number = [], 0

    def name_of(given: str | None) -> str:
        nonlocal number
        if given:
            return given
        number += 1
        return f"{table_name}_chk_{number}"

    for position, item in enumerate(schema.expressions):
        if isinstance(item, exp.ColumnDef):
            for constraint in item.constraints:
                if isinstance(constraint.kind, exp.CheckColumnConstraint):
                    name = name_of(constraint.name or None)
                    found.append((name, constraint.kind.this.sql("mysql")))
                    constraint.set("this", exp.to_identifier(f"3819 {name}", quoted=True))
        elif isinstance(item, exp.Constraint) and any(isinstance(e, exp.CheckColumnConstraint) for e in item.expressions):
            name = name_of(item.name)
            found.append((name, item.expressions[0].this.sql("mysql")))
            item.set("this", exp.to_identifier(f"3819 {name}", quoted=True))
        elif isinstance(item, exp.CheckColumnConstraint):
            name = name_of(None)
            found.append((name, item.this.sql("mysql")))
            schema.expressions[position] = exp.Constraint(this=exp.to_identifier(f"3819 {name}", quoted=True), expressions=[item])
    return found


def describe_foreign_key(item: exp.Expression, table_name: str, number: int) -> ForeignKey:
    """A table-level FOREIGN KEY; an unnamed one is ``<table>_ibfk_<n>`` as MySQL names it
    (https://dev.mysql.com/doc/refman/8.0/en/create-table-foreign-keys.html)."""
    name = f"{table_name}_ibfk_{number}"
    if isinstance(item, exp.Constraint):
        name = item.name or name
        item = next(e for e in item.expressions if isinstance(e, exp.ForeignKey))
    reference = item.args.get("reference")
    schema = reference.this if reference is not None else None
    parent = schema.this.name if isinstance(schema, exp.Schema) else (schema.name if schema else "")
    parent_columns = [c.name for c in schema.expressions] if isinstance(schema, exp.Schema) else []
    actions = " ".join(o.sql("mysql") if isinstance(o, exp.Expression) else str(o) for o in (reference.args.get("options") or [])) if reference else ""
    return ForeignKey(name, [c.name for c in item.expressions], parent, parent_columns, actions)


def describe_column(column: exp.ColumnDef) -> Column:
    nullable, default, extra, on_update, comment = True, None, "", "", ""
    for constraint in column.constraints:
        kind = constraint.kind
        if isinstance(kind, (exp.NotNullColumnConstraint, exp.PrimaryKeyColumnConstraint)) and not kind.args.get("allow_null"):
            nullable = False
        elif isinstance(kind, exp.DefaultColumnConstraint):
            value = kind.this
            if isinstance(value, exp.Literal):
                default = value.name
            elif isinstance(value, exp.Boolean):  # BOOLEAN is TINYINT(1): TRUE is stored as 1
                default = "1" if value.this else "0"
            elif isinstance(value, exp.Null):
                default = None
            elif _is_now(value):  # CURRENT_TIMESTAMP, NOW(), LOCALTIME...: one default
                default, extra = "CURRENT_TIMESTAMP", "DEFAULT_GENERATED"
            elif isinstance(value, exp.Paren):  # an expression default (8.0.13+), kept as MySQL prints it
                default, extra = value.this.sql("mysql", normalize_functions="lower"), "DEFAULT_GENERATED"
            else:
                default = value.sql("mysql")
        elif isinstance(kind, exp.AutoIncrementColumnConstraint):
            extra = "auto_increment"
        elif isinstance(kind, exp.OnUpdateColumnConstraint):
            on_update = "on update CURRENT_TIMESTAMP"
        elif isinstance(kind, exp.CommentColumnConstraint):
            comment = kind.name
    if on_update:  # DESCRIBE's Extra: "DEFAULT_GENERATED on update CURRENT_TIMESTAMP"
        extra = f"{extra} {on_update}".strip()
    return Column(column.name, _describe_type(column.kind), nullable, default, extra=extra, comment=comment)


def _describe_type(datatype: exp.DataType) -> str:
    """A column type as MySQL 8's DESCRIBE prints it: ``decimal(5,2)``, ``enum('a','b')``,
    ``tinyint(1)`` for BOOLEAN, and integer types without a display width (but TINYINT(1))."""
    if datatype.this == exp.DataType.Type.BOOLEAN:
        return "tinyint(1)"
    text = datatype.sql("mysql")
    params = [p.sql("mysql") for p in datatype.expressions]
    written = "(" + ", ".join(params) + ")"
    if not params or written not in text:
        return text.lower()
    head, _, tail = text.partition(written)
    if datatype.this.name in types.INTEGER_RANGES and not (head.lower() == "tinyint" and params == ["1"]):
        return (head + tail).lower()
    return head.lower() + "(" + ",".join(params) + ")" + tail.lower()


def _decimal_rounding(database: str, table: str, column: exp.ColumnDef) -> list[str]:
    """A DECIMAL(p,s) column stores its value rounded to s places, half away from zero
    (``2.005`` is stored as 2.01: https://dev.mysql.com/doc/refman/8.0/en/precision-math-rounding.html).
    SQLite cannot change a value on its way in, so triggers round it just after each write."""
    if column.kind.this.name not in types.DECIMAL_TYPES:
        return []
    params = [int(p.name) for p in column.kind.expressions if p.name.isdigit()]
    scale = params[1] if len(params) > 1 else 0
    name = column.name.replace('"', '""')
    rounded = f'MYSQL_DECIMAL(NEW."{name}", {scale})'
    body = (
        f'WHEN NEW."{name}" IS NOT NULL AND NEW."{name}" IS NOT {rounded} '
        f'BEGIN UPDATE "{table}" SET "{name}" = {rounded} WHERE rowid = NEW.rowid; END'
    )
    trigger = f'"{database}"."{table}.{name}.decimal'
    return [
        f'CREATE TRIGGER {trigger}_insert" AFTER INSERT ON "{table}" {body}',
        f'CREATE TRIGGER {trigger}_update" AFTER UPDATE OF "{name}" ON "{table}" {body}',
    ]


_LOCAL_NOW = "DATETIME('now', 'localtime')"


def _is_now(value) -> bool:
    """CURRENT_TIMESTAMP[(n)], NOW([n]), LOCALTIME... as a column default or ON UPDATE value."""
    if isinstance(value, exp.Paren):
        value = value.this
    return isinstance(value, exp.CurrentTimestamp) or (isinstance(value, exp.Anonymous) and value.name.upper() in _NOW_FUNCTIONS)


def _local_timestamps(database: str, table: str, column: exp.ColumnDef, names: list[str]) -> list[str]:
    """DEFAULT CURRENT_TIMESTAMP and ON UPDATE CURRENT_TIMESTAMP in the server's time zone
    (SYSTEM: the browser's), where SQLite's own CURRENT_TIMESTAMP is UTC. The default becomes
    an expression; the auto-update a trigger that sets the column when the row changed but the
    column did not (https://dev.mysql.com/doc/refman/8.0/en/timestamp-initialization.html)."""
    statements = []
    on_update = False
    for constraint in column.constraints:
        kind = constraint.kind
        if isinstance(kind, exp.DefaultColumnConstraint) and _is_now(kind.this):
            kind.set("this", exp.paren(sqlglot.parse_one(_LOCAL_NOW, read="sqlite"), copy=False))
        elif isinstance(kind, exp.DefaultColumnConstraint) and isinstance(kind.this, (exp.Func, exp.Binary)):
            # MySQL 8's expression defaults (DEFAULT (UUID())): SQLite wants them in parentheses
            kind.set("this", exp.paren(kind.this.transform(mysql_functions), copy=False))
        elif isinstance(kind, exp.OnUpdateColumnConstraint):
            on_update = True
    if on_update:
        name = column.name.replace('"', '""')
        others = [n.replace('"', '""') for n in names if n != column.name]
        changed = " OR ".join(f'NEW."{n}" IS NOT OLD."{n}"' for n in others) or "0"
        body = (
            f'WHEN NEW."{name}" IS OLD."{name}" AND ({changed}) '
            f'BEGIN UPDATE "{table}" SET "{name}" = {_LOCAL_NOW} WHERE rowid = NEW.rowid; END'
        )
        statements.append(f'CREATE TRIGGER "{database}"."{table}.{name}.on_update" AFTER UPDATE ON "{table}" {body}')
    return statements


def _add_strict_checks(column: exp.ColumnDef) -> None:
    name = column.name
    checks = []
    length = types.max_length(column.kind)
    if length is not None:
        checks.append((f"1406 {name}", f'length("{name}") <= {length}'))
    if column.kind.this.name in types.INTEGER_RANGES:
        low, high = types.INTEGER_RANGES[column.kind.this.name]
        checks.append((f"1366 {name}", f"typeof(\"{name}\") IN ('integer', 'null')"))
        checks.append((f"1264 {name}", f'"{name}" BETWEEN {low} AND {high}'))
    kind = column.kind.this.name
    if kind in types.DECIMAL_TYPES:
        params = [int(p.name) for p in column.kind.expressions if p.name.isdigit()]
        precision, scale = (params + [10, 0][len(params) :])[:2] if params else (10, 0)
        largest = "9" * (precision - scale) + ("." + "9" * scale if scale else "")
        checks.append((f"1366 {name}", f"typeof(\"{name}\") IN ('integer', 'real', 'null')"))
        checks.append((f"1264 {name}", f'"{name}" BETWEEN -{largest or 0} AND {largest or 0}'))
    elif kind == "ENUM":
        # a value outside the list: strict mode's 1265 'Data truncated' (compared as the
        # column's collation compares, so 's' is accepted for 'S')
        allowed = ", ".join(e.sql("sqlite") for e in column.kind.expressions)
        checks.append((f"1265 {name}", f'"{name}" IN ({allowed})'))
    elif kind == "DATE" or kind in ("DATETIME", "TIMESTAMP", "TIMESTAMPTZ", "TIMESTAMPLTZ"):
        # NO_ZERO_DATE, NO_ZERO_IN_DATE and strict mode: an impossible date is error 1292
        checks.append((f"1292 {name}", f'MYSQL_VALID_DATE("{name}", {int(kind != "DATE")})'))
    for constraint_name, condition in checks:
        column.append(
            "constraints",
            exp.ColumnConstraint(
                this=exp.to_identifier(constraint_name, quoted=True),
                kind=exp.CheckColumnConstraint(this=sqlglot.parse_one(condition, read="sqlite")),
            ),
        )


# ALTER TABLE t DISABLE KEYS / ENABLE KEYS, which sqlglot keeps as a command.
_KEYS_SWITCH = re.compile(r"\s*TABLE\s+\S+\s+(DISABLE|ENABLE)\s+KEYS\s*", re.I)
# sqlglot 30 reads SAVEPOINT as an alias and refuses RELEASE SAVEPOINT.
_SAVEPOINT = re.compile(r"\s*(SAVEPOINT|RELEASE\s+SAVEPOINT)\s+(`?)(\w+)\2\s*$", re.I)


def translate(text: str, database: str | None, table=None, catalog=None) -> Translation:
    """Translate one MySQL statement whose parameters are ``:p1``, ``:p2``... placeholders.
    ``table(database, name)`` looks up the catalog where a translation needs declared types;
    ``catalog``, the server's databases (name -> table name -> TableDefinition), gives the
    table names some checks and rewrites need."""
    if savepoint := _SAVEPOINT.match(text):
        action = "RELEASE" if savepoint.group(1).upper().startswith("RELEASE") else "SAVEPOINT"
        return _savepoint(action, savepoint.group(3))
    if accounts.is_account_statement(text):  # sqlglot parses none of them: sim_db.accounts reads the text
        return Translation("account", tree=exp.Command(this="ACCOUNT", expression=exp.Literal.string(text)))
    from . import objects  # views, triggers, stored programs: headers sqlglot cannot parse

    translation = objects.translate(text, database)
    if translation is not None:
        return translation
    tree = parse(text)
    if isinstance(tree, exp.Create):
        kind = (tree.args.get("kind") or "").upper()
        if kind in ("DATABASE", "SCHEMA"):
            return Translation("create_database", tree=tree)
        if kind == "TABLE" and isinstance(tree.this, exp.Table):  # CREATE TABLE ... LIKE / AS SELECT
            if database is None and not tree.this.args.get("db"):
                raise mysql_error(1046)
            like = tree.find(exp.LikeProperty)
            if like is not None:
                return Translation("create_like", tree=qualify_tables(tree, database or ""))
            if isinstance(tree.expression, (exp.Select, exp.Union)):
                source = tree.expression.sql("mysql")  # translated on its own when it runs
                tree.this.set("db", tree.this.args.get("db") or exp.to_identifier(database))
                return Translation("create_select", sql=[source], tree=tree)
        if kind == "TABLE":
            if database is None and not tree.this.this.args.get("db"):
                raise mysql_error(1046)
            return prepare_create_table(tree, tree.this.this.text("db") or database)
    if isinstance(tree, exp.Create) and (tree.args.get("kind") or "").upper() == "INDEX":
        return Translation("create_index", tree=qualify_tables(tree, database or ""))
    if isinstance(tree, exp.Drop) and (tree.args.get("kind") or "").upper() == "INDEX":
        return Translation("drop_index", tree=qualify_tables(tree, database or ""))
    if isinstance(tree, exp.Drop):
        kind = (tree.args.get("kind") or "").upper()
        if kind in ("DATABASE", "SCHEMA"):
            return Translation("drop_database", tree=tree)
        if kind == "TABLE":
            return Translation("drop_table", tree=qualify_tables(tree, database))
    if isinstance(tree, exp.Alter) and (tree.args.get("kind") or "").upper() == "TABLE":
        return Translation("alter_table", tree=qualify_tables(tree, database or ""))
    if isinstance(tree, exp.TruncateTable):
        return Translation("truncate_table", tree=qualify_tables(tree, database or ""))
    if isinstance(tree, exp.Command) and tree.name.upper() == "RENAME":
        return Translation("rename_table", tree=rename_pairs(text, database))
    if isinstance(tree, exp.Command) and tree.name.upper() == "ALTER":
        if _KEYS_SWITCH.fullmatch(tree.text("expression")):
            # mysqldump's /*!40000 ALTER TABLE t DISABLE KEYS */: for MyISAM only; InnoDB
            # tables accept it and change nothing.
            return Translation("noop", tree=tree)
        rest = tree.expression if isinstance(tree.expression, str) else getattr(tree.expression, "name", "")
        words = rest.split()
        if len(words) >= 4 and words[0].upper() == "TABLE" and [w.upper() for w in words[2:4]] == ["CONVERT", "TO"]:
            # CONVERT TO CHARACTER SET: text is utf8mb4 already; only the table must exist
            table = exp.to_table(words[1].replace("`", ""), dialect="mysql")
            return Translation("alter_table", tree=qualify_tables(exp.Alter(this=table, kind="TABLE", actions=[]), database or ""))
        raise alter_syntax_error(text)
    if isinstance(tree, exp.Use):
        return Translation("use", tree=tree)
    if isinstance(tree, exp.Describe) and not isinstance(tree.this, exp.Table):
        return Translation("explain", tree=qualify_tables(tree, database))  # sim_db.explain
    if isinstance(tree, exp.Describe):
        return Translation("describe", tree=qualify_tables(tree, database))
    if isinstance(tree, exp.Show) or (isinstance(tree, exp.Command) and tree.name.upper() == "SHOW"):
        return Translation("show", tree=tree)
    if isinstance(tree, exp.Set):
        return Translation("set", tree=tree)
    if isinstance(tree, exp.Command) and tree.name.upper() == "CREATE":
        index = _kind_of_index(text, database)
        if index is not None:
            return index
    if isinstance(tree, exp.Command) and tree.name.upper() == "SET" and tree.text("expression").lstrip().startswith("@") and "=" not in tree.text("expression"):
        raise mysql_error(1064, "", text.count("\n") + 1)  # SET @v: a user variable needs a value
    if isinstance(tree, exp.Command) and tree.name.upper() == "CALL":
        return Translation("call", tree=tree)  # sim_db.routines
    if isinstance(tree, exp.Command):
        return Translation("noop", tree=tree)
    if isinstance(tree, exp.Select) and _into_user_variable(tree):
        return Translation("select_into", tree=qualify_tables(tree, database))
    if isinstance(tree, exp.Transaction):
        return Translation("begin", tree=tree)
    if isinstance(tree, exp.Commit):
        return Translation("commit", tree=tree)
    if isinstance(tree, exp.Rollback):
        if tree.args.get("savepoint"):
            return _savepoint("ROLLBACK TO", tree.args["savepoint"].name)
        return Translation("rollback", tree=tree)
    if database is None and any(not t.args.get("db") for t in tree.find_all(exp.Table) if t.name):
        cte_names = {cte.alias_or_name for cte in tree.find_all(exp.CTE)}
        if any(t.name not in cte_names for t in tree.find_all(exp.Table) if not t.args.get("db")):
            raise mysql_error(1046)
    qualify_tables(tree, database)
    resolver.check_query(tree)
    if catalog is not None:
        from .coercion import fold_literals, round_integer_values, scale_decimals

        table = lambda database, name: catalog.get(database, {}).get(name)  # noqa: E731
        fold_literals(tree, table)
        scale_decimals(tree, table)
        round_integer_values(tree, table)
    if tree.find(exp.MatchAgainst):
        return Translation("fulltext", tree=tree)  # sim_db.fulltext
    name_projections(tree, text)
    kind = "query"
    if isinstance(tree, exp.Insert) and (tree.args.get("conflict") is not None or tree.args.get("ignore")):
        from . import upsert  # ON DUPLICATE KEY UPDATE / IGNORE: MySQL's counts and ids

        upsert.rewrite(tree)
        kind = "upsert"
    tree = tree.transform(mysql_functions)
    from . import dml  # UPDATE/DELETE with joins or ORDER BY ... LIMIT; INSERT's VALUES
    if tree.find(exp.Any, exp.All):
        tree = tree.transform(quantified_comparisons)

    rewrites.having_without_group(tree)
    rewrites.strict_division(tree)
    tree = rewrites.rollup_as_union(tree)
    if table is not None and isinstance(tree, exp.Select):
        rewrites.decimals_as_text(tree, table)
        rewrites.enums_in_order(tree, table)
    if table is not None and isinstance(tree, exp.Insert):
        dml.insert_values(tree, table)
    tree = tree.transform(rewrites.one_row_subqueries)
    if dml.is_multi_table(tree):
        return Translation("multi_update" if isinstance(tree, exp.Update) else "multi_delete", tree=tree)
    dml.limit_by_rowid(tree)
    sql = to_sqlite(tree)
    params = sum(1 for _ in tree.find_all(exp.Placeholder))
    changed = changed_rows_update(tree)
    # Statements reading information_schema first have its tables built (sim_db.information_schema).
    if kind == "query" and any(t.text("db").lower() == "information_schema" for t in tree.find_all(exp.Table)):
        kind = "information_schema"
    translation = Translation(
        kind, [sql], tree, params=params, origins=result_origins(tree),
        changed_sql=to_sqlite(changed) if changed is not None else None,
    )
    if kind == "upsert":
        translation.values_rows = upsert.row_count(tree)
    if isinstance(tree, exp.Create) and (tree.args.get("kind") or "").upper() == "VIEW":
        translation.kind = "create_view"  # its SELECT is resolved at once (sim_db.create_view)
    return translation


_ALTER_OBJECTS = {"TABLE", "DATABASE", "SCHEMA", "VIEW", "USER", "EVENT", "FUNCTION", "PROCEDURE", "ONLINE", "IGNORE"}


def _kind_of_index(text: str, database: str | None) -> Translation | None:
    """CREATE FULLTEXT|SPATIAL INDEX ..., which sqlglot's MySQL parser leaves as a Command: the
    CREATE INDEX it parses, read from the tokens without the kind word, the kind kept on the
    Index node for the catalog (sim_db.alter). None for any other CREATE that fell back."""
    tokens = SimMySQL().tokenize(text)
    words = [t.text.upper() for t in tokens]
    if len(words) < 3 or words[1] not in ("FULLTEXT", "SPATIAL") or words[2] not in ("INDEX", "KEY"):
        return None
    tree = parse(text[: tokens[1].start] + text[tokens[2].start :])
    if not isinstance(tree, exp.Create) or not isinstance(tree.this, exp.Index):
        return None
    tree.this.set("kind", words[1])
    return Translation("create_index", tree=qualify_tables(tree, database or ""))


def alter_syntax_error(text: str):
    """1064 for an ALTER sqlglot could not read (it gives up without a position): where MySQL's
    parser stops for the usual slips — ``ALTER students`` (no TABLE), ``RENAME COLUMN a b`` (no
    TO), ``CHANGE a INT`` (no new name); otherwise at the end of the statement."""
    rest = text.lstrip()[len("ALTER") :]
    offset = len(text) - len(rest)
    tokens = _tokens(rest)
    words = [t.text.upper() for t in tokens]

    def near(index: int):
        start = offset + tokens[index].start
        return mysql_error(1064, text[start:].strip()[:80], text.count("\n", 0, start) + 1)

    if tokens and words[0] not in _ALTER_OBJECTS:
        return near(0)
    depth = 0
    for index, token in enumerate(tokens):
        depth += (token.token_type == TokenType.L_PAREN) - (token.token_type == TokenType.R_PAREN)
        if depth == 0 and token.token_type == TokenType.COMMA and index + 2 < len(tokens):
            # ``ADD COLUMN a INT, b INT``: a name where the next change's keyword should be
            if tokens[index + 1].token_type in (TokenType.VAR, TokenType.IDENTIFIER) and tokens[index + 2].token_type in TYPE_TOKENS:
                return near(index + 2)
    for index, word in enumerate(words):
        if word == "RENAME" and index + 3 < len(words) and words[index + 1] == "COLUMN" and words[index + 3] != "TO":
            return near(index + 3)
        if word == "CHANGE":
            first = index + 2 if index + 1 < len(words) and words[index + 1] == "COLUMN" else index + 1
            if first + 1 < len(tokens) and tokens[first + 1].token_type in TYPE_TOKENS:
                return near(first + 1)
    return mysql_error(1064, "", text.count("\n") + 1)


def rename_pairs(text: str, database: str | None) -> list[tuple[exp.Table, exp.Table]]:
    """RENAME TABLE a TO b[, c TO d]: the (old, new) table pairs, each qualified with the current
    database. sqlglot's MySQL parser keeps RENAME as an unparsed command, so its tokens are read
    here."""
    # MySQL's tokenizer reads the words after RENAME as one string: tokenize them on their own.
    rest = text.lstrip()[len("RENAME") :]
    tokens = [t for t in _tokens(rest) if t.token_type != TokenType.SEMICOLON]
    if len(tokens) < 1 or tokens[0].text.upper() != "TABLE":
        raise mysql_error(1064, rest.strip()[:80], 1)
    groups: list[list] = [[]]
    for token in tokens[1:]:
        if token.token_type == TokenType.COMMA:
            groups.append([])
        else:
            groups[-1].append(token)
    pairs = []
    for group in groups:
        words = [t.text for t in group]
        upper = [w.upper() for w in words]
        if "TO" not in upper:
            raise mysql_error(1064, "", 1)
        split = upper.index("TO")
        old, new = _table_name(group[:split], database), _table_name(group[split + 1 :], database)
        pairs.append((old, new))
    return pairs


def _table_name(tokens: list, database: str | None) -> exp.Table:
    parts = [t.text for t in tokens if t.token_type != TokenType.DOT]
    if not parts or len(parts) > 2:
        raise mysql_error(1064, "", 1)
    if len(parts) == 1 and not database:
        raise mysql_error(1046)
    db, name = (parts[0], parts[1]) if len(parts) == 2 else (database, parts[0])
    return exp.Table(this=exp.to_identifier(name), db=exp.to_identifier(db))


def _savepoint(action: str, name: str) -> Translation:
    """SAVEPOINT / RELEASE / ROLLBACK TO a savepoint, all run by Server._run_savepoint."""
    return Translation("savepoint", tree=exp.Command(this=action, expression=exp.Literal.string(name)))


def _into_user_variable(select: exp.Select) -> bool:
    """``SELECT ... INTO @n``: a user variable's assignment (sim_db.set_statement)."""
    into = select.args.get("into")
    return isinstance(into, exp.Into) and isinstance(into.this, exp.Table) and isinstance(into.this.this, exp.Parameter)


def changed_rows_update(tree: exp.Expression) -> exp.Expression | None:
    """A single-table UPDATE restricted to the rows whose new values differ from the old, so
    that SQLite's rowcount is what MySQL reports without CLIENT.FOUND_ROWS: rows *changed*, not
    rows matched (https://dev.mysql.com/doc/refman/8.0/en/update.html). Values compare
    null-safely and byte-wise (a text column's case-insensitive collation must not hide 'ann' -> 'Ann');
    a row left out is one the UPDATE would not have changed anyway."""
    if not isinstance(tree, exp.Update) or not isinstance(tree.this, exp.Table) or tree.args.get("from_"):
        return None
    if tree.args.get("joins") or tree.this.args.get("joins") or tree.args.get("limit") or tree.args.get("order"):
        return None
    same = []
    for assignment in tree.expressions:
        if not isinstance(assignment, exp.EQ) or not isinstance(assignment.this, exp.Column):
            return None
        value = exp.Collate(this=exp.paren(assignment.expression.copy(), copy=False), expression=exp.var("BINARY"))
        same.append(exp.Is(this=exp.column(assignment.this.name, quoted=True), expression=value))
    if not same:
        return None
    changed = tree.copy()
    condition = exp.Not(this=exp.paren(exp.and_(*same), copy=False))
    where = changed.args.get("where")
    changed.set("where", exp.Where(this=exp.and_(exp.paren(where.this), condition) if where else condition))
    return changed


def result_origins(tree: exp.Expression) -> list | None:
    """For a SELECT, where each projection comes from, so the server can describe the result
    columns by their declared MySQL types (as the real server does) rather than by the values.

    Entries: ``("column", [(database, table), ...], name)`` for a plain column (the tables it
    may belong to), ``("star", [(database,
    table), ...])`` for ``*`` or ``t.*``, and None for an expression (described by its values).
    """
    if not isinstance(tree, exp.Select):
        return None
    sources: dict[str, tuple[str, str]] = {}
    for table in tree.find_all(exp.Table):
        if table.parent_select is tree and table.name:
            sources[table.alias_or_name] = (table.text("db"), table.name)
    origins: list = []
    for projection in tree.expressions:
        inner = projection.this if isinstance(projection, exp.Alias) else projection
        if isinstance(inner, exp.Star):
            origins.append(("star", list(sources.values())))
        elif isinstance(inner, exp.Column) and isinstance(inner.this, exp.Star):
            source = sources.get(inner.table)
            origins.append(("star", [source] if source else []))
        elif isinstance(inner, exp.Column):
            candidates = [sources[inner.table]] if inner.table in sources else list(sources.values())
            if candidates and all(not database for database, _ in candidates):
                origins.append(None)  # a CTE's column: typed as its expression (Server._computed_kinds)
            else:
                origins.append(("column", candidates, inner.name))
        else:
            origins.append(None)
    return origins
