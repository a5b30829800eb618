"""MySQL text in, SQLite text out: sqlglot's MySQL parser and a SQLite generator subclass.

MySQL behaviour lives here as sqlglot does it: a dialect subclass whose generator has a table of
transforms, plus small AST rewrites (qualifying tables with the current database, CREATE TABLE's
MySQL-only parts). Each translation is cached by statement text and database; parameters are
bound separately, so a statement run with new values is not parsed again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import sqlglot
from sqlglot import exp
from sqlglot.dialects.mysql import MySQL
from sqlglot.dialects.sqlite import SQLite
from sqlglot.errors import ParseError, TokenError
from sqlglot.tokens import TokenType

from . import types
from .catalog import Column, ForeignKey, Key, TableDefinition
from .errors import mysql_error


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


class SimSQLite(SQLite):
    """SQLite as sim_db stores MySQL data: MySQL column types keep their own declared names."""

    class Generator(SQLite.Generator):
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
            exp.Right: lambda self, e: self.func("MYSQL_RIGHT", e.this, e.expression),
            exp.Year: lambda self, e: self.func("YEAR", e.this),
            exp.Month: lambda self, e: self.func("MONTH", e.this),
            exp.Day: lambda self, e: self.func("DAY", e.this),
            exp.DayOfMonth: lambda self, e: self.func("DAY", e.this),
            exp.GroupConcat: lambda self, e: _group_concat_sql(self, e),
            exp.StrToDate: lambda self, e: _str_to_date_sql(self, e),
            exp.StrToTime: lambda self, e: _str_to_date_sql(self, e),
            # RAND() is a float in [0, 1); SQLite's RANDOM() is a 64-bit integer.
            exp.Rand: lambda self, e: self.func("MYSQL_RAND", e.this) if e.this else "MYSQL_RAND()",
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
    # Its table names have been checked against the catalog's, case-sensitively (see server).
    names_checked: bool = False


def parse(text: str) -> exp.Expression:
    """One MySQL statement as sqlglot's AST; a syntax error is MySQL's 1064."""
    try:
        tree = sqlglot.parse_one(text, read=SimMySQL)
    except (ParseError, TokenError) as error:
        raise syntax_error(text, error) from None
    if tree is None:
        raise mysql_error(1065)
    if _TRAILING_COMMA.search(text) or _STAR_NAME.search(text):
        near = _misplaced_token(text, _tokens(text))
        if near is not None:
            raise mysql_error(1064, text[near:].strip()[:80], text.count("\n", 0, near) + 1)
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
    misplaced = _misplaced_token(text, tokens)
    if misplaced is not None:
        return mysql_error(1064, text[misplaced:].strip()[:80], text.count("\n", 0, misplaced) + 1)
    if tokens and tokens[0].token_type == TokenType.VAR:
        # Not a statement keyword at all (``SELEC ...``): MySQL quotes from the first word.
        return mysql_error(1064, text.strip()[:80], 1)
    description = details[0].get("description") or ""
    if not description.startswith("Invalid expression") and not text[offset + len(highlight) :].strip():
        # The statement stopped where more was required: MySQL points at its end.
        return mysql_error(1064, "", len(lines))
    return mysql_error(1064, near[:80], line)


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


_COMPARISONS = (exp.EQ, exp.NEQ, exp.GT, exp.GTE, exp.LT, exp.LTE, exp.NullSafeEQ)


def mysql_functions(node: exp.Expression) -> exp.Expression:
    """MySQL built-ins SQLite lacks, as SQLite expressions: NOW() is the local date and time
    (MySQL's session time zone is SYSTEM)."""
    if isinstance(node, exp.Anonymous) and node.name.upper() in _NOW_FUNCTIONS and not node.expressions:
        return exp.Anonymous(this="DATETIME", expressions=[exp.Literal.string("now"), exp.Literal.string("localtime")])
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
            # a text column carries SQLite's NOCASE already, a bare expression needs it here.
            collated = exp.Collate(this=node.expression, expression=exp.var("NOCASE"))
            return node.__class__(this=node.this, expression=collated)
    if isinstance(node, exp.Add) and isinstance(node.this, exp.Interval):
        interval = node.this
        return exp.DateAdd(this=node.expression, expression=interval.this, unit=interval.args.get("unit"))
    return node


def to_sqlite(tree: exp.Expression) -> str:
    return tree.sql(dialect=SimSQLite, unsupported_level=sqlglot.ErrorLevel.IGNORE)


def prepare_create_table(create: exp.Create, database: str) -> Translation:
    """CREATE TABLE: SQLite DDL plus the catalog entry, with MySQL's keys and strict checks.

    Inline ``KEY``/``INDEX`` definitions become CREATE INDEX statements; CHAR/VARCHAR lengths and
    integer ranges become named CHECK constraints, so SQLite reports a violation by a name that
    says which strict-mode error (1406, 1264, 1366) and column it is.
    """
    schema = create.this
    table_name = schema.this.name
    columns: list[Column] = []
    keys: list[Key] = []
    index_statements: list[str] = []
    foreign_keys: list[ForeignKey] = []
    kept = []
    for item in schema.expressions:
        if isinstance(item, exp.ColumnDef):
            columns.append(_describe_column(item))
            _add_strict_checks(item)
            index_statements.extend(_decimal_rounding(database, table_name, item))
            for constraint in item.constraints:
                kind = constraint.kind
                if isinstance(kind, exp.PrimaryKeyColumnConstraint):
                    keys.append(Key("PRIMARY", [item.name], True))
                elif isinstance(kind, exp.UniqueColumnConstraint):
                    keys.append(Key(item.name, [item.name], True))
            item.set("constraints", [c for c in item.constraints if not isinstance(c.kind, exp.CollateColumnConstraint)])
            if types.storage_type(item.kind) == "TEXT":
                item.append("constraints", exp.ColumnConstraint(kind=exp.CollateColumnConstraint(this=exp.var("NOCASE"))))
            kept.append(item)
        elif isinstance(item, exp.IndexColumnConstraint):
            name = item.name or item.expressions[0].name
            cols = ", ".join(f'"{c.name}"' for c in item.expressions)
            index_statements.append(f'CREATE INDEX "{database}"."{table_name}.{name}" ON "{table_name}" ({cols})')
            keys.append(Key(name, [c.name for c in item.expressions], False, (item.args.get("kind") or "").upper()))
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
        elif isinstance(item, exp.ForeignKey) or (
            isinstance(item, exp.Constraint) and any(isinstance(e, exp.ForeignKey) for e in item.expressions)
        ):
            foreign_keys.append(_describe_foreign_key(item, table_name, len(foreign_keys) + 1))
            kept.append(item)
        else:
            kept.append(item)
    schema.set("expressions", kept)
    create.set("properties", None)  # ENGINE=, CHARSET=, COMMENT=: MySQL's, kept nowhere yet
    for column in columns:
        for key in keys:
            if column.name in key.columns and not column.key:
                column.key = "PRI" if key.name == "PRIMARY" else ("UNI" if key.unique else "MUL")
    # Only the new table is named with its database: SQLite resolves a FOREIGN KEY's REFERENCES
    # in the child's own schema and rejects a qualified name there.
    schema.this.set("db", exp.to_identifier(database))
    definition = TableDefinition(table_name, columns, keys, foreign_keys)
    return Translation("create_table", [to_sqlite(create), *index_statements], create, definition)


def _describe_foreign_key(item: exp.Expression, table_name: str, number: int) -> ForeignKey:
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


def _describe_column(column: exp.ColumnDef) -> Column:
    nullable, default, extra = True, None, ""
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
            elif isinstance(value, exp.CurrentTimestamp):
                default, extra = "CURRENT_TIMESTAMP", "DEFAULT_GENERATED"
            else:
                default = value.sql("mysql")
        elif isinstance(kind, exp.AutoIncrementColumnConstraint):
            extra = "auto_increment"
    if any(isinstance(c.kind, exp.OnUpdateColumnConstraint) for c in column.constraints):
        # DESCRIBE's Extra in MySQL 8: "DEFAULT_GENERATED on update CURRENT_TIMESTAMP"
        extra = (extra + " on update CURRENT_TIMESTAMP").strip()
    return Column(column.name, _describe_type(column.kind), nullable, default, extra=extra)


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
    for constraint_name, condition in checks:
        column.append(
            "constraints",
            exp.ColumnConstraint(
                this=exp.to_identifier(constraint_name, quoted=True),
                kind=exp.CheckColumnConstraint(this=sqlglot.parse_one(condition, read="sqlite")),
            ),
        )


def translate(text: str, database: str | None) -> Translation:
    """Translate one MySQL statement whose parameters are ``:p1``, ``:p2``... placeholders."""
    from . import objects  # views, triggers, stored programs: headers sqlglot cannot parse

    translation = objects.translate(text, database)
    if translation is not None:
        return translation
    tree = parse(text)
    if isinstance(tree, exp.Create):
        kind = (tree.args.get("kind") or "").upper()
        if kind in ("DATABASE", "SCHEMA"):
            return Translation("create_database", tree=tree)
        if kind == "TABLE":
            if database is None and not tree.this.this.args.get("db"):
                raise mysql_error(1046)
            return prepare_create_table(tree, tree.this.this.text("db") or database)
    if isinstance(tree, exp.Drop):
        kind = (tree.args.get("kind") or "").upper()
        if kind in ("DATABASE", "SCHEMA"):
            return Translation("drop_database", tree=tree)
        if kind == "TABLE":
            return Translation("drop_table", tree=qualify_tables(tree, database))
    if isinstance(tree, exp.Use):
        return Translation("use", tree=tree)
    if isinstance(tree, exp.Describe):
        return Translation("describe", tree=qualify_tables(tree, database))
    if isinstance(tree, exp.Show):
        return Translation("show", tree=tree)
    if isinstance(tree, (exp.Set, exp.Command)) and not isinstance(tree, exp.Show):
        return Translation("noop", tree=tree)
    if isinstance(tree, exp.Transaction):
        return Translation("begin", tree=tree)
    if isinstance(tree, exp.Commit):
        return Translation("commit", tree=tree)
    if isinstance(tree, exp.Rollback):
        return Translation("rollback", tree=tree)
    if database is None and any(not t.args.get("db") for t in tree.find_all(exp.Table) if t.name):
        cte_names = {cte.alias_or_name for cte in tree.find_all(exp.CTE)}
        if any(t.name not in cte_names for t in tree.find_all(exp.Table) if not t.args.get("db")):
            raise mysql_error(1046)
    qualify_tables(tree, database)
    name_projections(tree, text)
    tree = tree.transform(mysql_functions)
    sql = to_sqlite(tree)
    params = sum(1 for _ in tree.find_all(exp.Placeholder))
    changed = changed_rows_update(tree)
    return Translation(
        "query", [sql], tree, params=params, origins=result_origins(tree),
        changed_sql=to_sqlite(changed) if changed is not None else None,
    )


def changed_rows_update(tree: exp.Expression) -> exp.Expression | None:
    """A single-table UPDATE restricted to the rows whose new values differ from the old, so
    that SQLite's rowcount is what MySQL reports without CLIENT.FOUND_ROWS: rows *changed*, not
    rows matched (https://dev.mysql.com/doc/refman/8.0/en/update.html). Values compare
    null-safely and byte-wise (a text column's NOCASE collation must not hide 'ann' -> 'Ann');
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
            origins.append(("column", candidates, inner.name))
        else:
            origins.append(None)
    return origins
