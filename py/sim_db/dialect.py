"""MySQL text in, SQLite text out: sqlglot's MySQL parser and a SQLite generator subclass.

MySQL behaviour lives here as sqlglot does it: a dialect subclass whose generator has a table of
transforms, plus small AST rewrites (qualifying tables with the current database, CREATE TABLE's
MySQL-only parts). Each translation is cached by statement text and database; parameters are
bound separately, so a statement run with new values is not parsed again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlglot
from sqlglot import exp
from sqlglot.dialects.sqlite import SQLite
from sqlglot.errors import ParseError, TokenError

from . import types
from .errors import mysql_error


class SimSQLite(SQLite):
    """SQLite as sim_db stores MySQL data: MySQL column types keep their own declared names."""

    class Generator(SQLite.Generator):
        TRANSFORMS = {
            **SQLite.Generator.TRANSFORMS,
            # MySQL-only column attributes with no SQLite meaning (kept in sim_db's catalog).
            exp.CommentColumnConstraint: lambda self, e: "",
            exp.CharacterSetColumnConstraint: lambda self, e: "",
            exp.OnUpdateColumnConstraint: lambda self, e: "",
        }

        def datatype_sql(self, expression: exp.DataType) -> str:
            return types.storage_type(expression)

        def columnconstraint_sql(self, expression: exp.ColumnConstraint) -> str:
            text = super().columnconstraint_sql(expression)
            return "" if text.strip() == "" else text


@dataclass
class Column:
    """One column of a table as MySQL declared it (for DESCRIBE and strict-mode checks)."""

    name: str
    mysql_type: str
    nullable: bool
    default: str | None
    key: str = ""
    extra: str = ""


@dataclass
class Key:
    name: str  # PRIMARY, or the index name
    columns: list[str]
    unique: bool


@dataclass
class TableDefinition:
    name: str
    columns: list[Column]
    keys: list[Key] = field(default_factory=list)


@dataclass
class Translation:
    kind: str  # "query", "create_table", "create_database", "use", ... (see Server.run)
    sql: list[str] = field(default_factory=list)  # SQLite statements to run, in order
    tree: exp.Expression | None = None
    table: TableDefinition | None = None
    params: int = 0  # how many :pN placeholders the SQLite text binds


def parse(text: str) -> exp.Expression:
    """One MySQL statement as sqlglot's AST; a syntax error is MySQL's 1064."""
    try:
        tree = sqlglot.parse_one(text, read="mysql")
    except (ParseError, TokenError) as error:
        raise syntax_error(text, error) from None
    if tree is None:
        raise mysql_error(1065)
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
    return mysql_error(1064, near[:80], line)


def qualify_tables(tree: exp.Expression, database: str | None) -> exp.Expression:
    """Name the current database on every table reference that has none (CTEs excepted)."""
    if not database:
        return tree
    cte_names = {cte.alias_or_name for cte in tree.find_all(exp.CTE)}
    for table in tree.find_all(exp.Table):
        if not table.args.get("db") and table.name and table.name not in cte_names:
            table.set("db", exp.to_identifier(database))
    return tree


def name_projections(tree: exp.Expression) -> None:
    """Result columns keep the names MySQL gives them (``COUNT(*)``), not SQLite's spelling."""
    if isinstance(tree, exp.Select):
        for index, projection in enumerate(tree.expressions):
            if not isinstance(projection, (exp.Alias, exp.Column, exp.Star)):
                tree.expressions[index] = exp.alias_(projection, projection.sql("mysql"), quoted=True)


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
    kept = []
    for item in schema.expressions:
        if isinstance(item, exp.ColumnDef):
            columns.append(_describe_column(item))
            _add_strict_checks(item)
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
            keys.append(Key(name, [c.name for c in item.expressions], False))
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
        else:
            kept.append(item)
    schema.set("expressions", kept)
    create.set("properties", None)  # ENGINE=, CHARSET=, COMMENT=: MySQL's, kept nowhere yet
    for column in columns:
        for key in keys:
            if column.name in key.columns and not column.key:
                column.key = "PRI" if key.name == "PRIMARY" else ("UNI" if key.unique else "MUL")
    qualify_tables(create, database)
    definition = TableDefinition(table_name, columns, keys)
    return Translation("create_table", [to_sqlite(create), *index_statements], create, definition)


def _describe_column(column: exp.ColumnDef) -> Column:
    nullable, default, extra = True, None, ""
    for constraint in column.constraints:
        kind = constraint.kind
        if isinstance(kind, (exp.NotNullColumnConstraint, exp.PrimaryKeyColumnConstraint)) and not kind.args.get("allow_null"):
            nullable = False
        elif isinstance(kind, exp.DefaultColumnConstraint):
            default = kind.this.name if isinstance(kind.this, exp.Literal) else kind.this.sql("mysql")
        elif isinstance(kind, exp.AutoIncrementColumnConstraint):
            extra = "auto_increment"
    return Column(column.name, column.kind.sql("mysql").lower(), nullable, default, extra=extra)


def _add_strict_checks(column: exp.ColumnDef) -> None:
    name = column.name
    checks = []
    length = types.max_length(column.kind)
    if length is not None:
        checks.append((f"1406 {name}", f'length("{name}") <= {length}'))
    if column.kind.this in types.INTEGER_RANGES:
        low, high = types.INTEGER_RANGES[column.kind.this]
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
    name_projections(tree)
    sql = to_sqlite(tree)
    return Translation("query", [sql], tree, params=sum(1 for _ in tree.find_all(exp.Placeholder)))


class TranslationCache:
    """Translations by (statement text, current database); counts hits for the benchmark."""

    def __init__(self, size: int = 512) -> None:
        self._entries: dict[tuple[str, str | None], Translation] = {}
        self.size = size
        self.hits = 0
        self.misses = 0

    def get(self, text: str, database: str | None) -> Translation:
        key = (text, database)
        entry = self._entries.get(key)
        if entry is not None:
            self.hits += 1
            return entry
        self.misses += 1
        entry = translate(text, database)
        if entry.kind == "query":  # DDL changes the catalog: translate it afresh each time
            if len(self._entries) >= self.size:
                self._entries.pop(next(iter(self._entries)))
            self._entries[key] = entry
        return entry

    def clear(self) -> None:
        self._entries.clear()
