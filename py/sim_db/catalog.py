"""The server's catalog: each table's columns as MySQL declared them, and its keys.

SQLite keeps the data, but it forgets MySQL's types (``VARCHAR(50)``, ``TINYINT(1)``) and key
names; DESCRIBE, the cursor's ``description``, strict-mode errors and error messages such as
``Duplicate entry '1' for key 'students.PRIMARY'`` all need them, so the server keeps them here.
Plain data, no sqlglot: the catalog is consulted on every statement, including the ones the
fast path answers before sqlglot is imported.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Column:
    """One column as MySQL declared it (the row DESCRIBE shows)."""

    name: str
    mysql_type: str  # lower case, as DESCRIBE prints it: "int", "varchar(50)", "decimal(8,2)"
    nullable: bool
    default: str | None
    key: str = ""  # PRI, UNI, MUL
    extra: str = ""  # auto_increment, DEFAULT_GENERATED, on update CURRENT_TIMESTAMP
    comment: str = ""  # COMMENT '...' (SHOW FULL COLUMNS, SHOW CREATE TABLE)


@dataclass
class Key:
    name: str  # PRIMARY, or the index's name
    columns: list[str]
    unique: bool
    fulltext: bool = False  # a FULLTEXT index (sim_db.fulltext: MATCH ... AGAINST needs one)


@dataclass
class ForeignKey:
    """A FOREIGN KEY constraint, named as MySQL names it (``<table>_ibfk_<n>`` when unnamed)."""

    name: str
    columns: list[str]
    parent: str  # the referenced table
    parent_columns: list[str]
    actions: str = ""  # "ON DELETE CASCADE" ..., as written

    def describe(self) -> str:
        """The constraint as MySQL's errors 1451/1452 print it."""
        columns = ", ".join(f"`{c}`" for c in self.columns)
        parents = ", ".join(f"`{c}`" for c in self.parent_columns)
        text = f"CONSTRAINT `{self.name}` FOREIGN KEY ({columns}) REFERENCES `{self.parent}` ({parents})"
        return f"{text} {self.actions}" if self.actions else text


@dataclass
class TableDefinition:
    name: str
    columns: list[Column]
    keys: list[Key] = field(default_factory=list)
    foreign_keys: list[ForeignKey] = field(default_factory=list)
    # CHECK constraints: (name, condition as MySQL text), named <table>_chk_<n> when unnamed
    checks: list[tuple[str, str]] = field(default_factory=list)
    comment: str = ""  # COMMENT='...' (SHOW CREATE TABLE, SHOW TABLE STATUS, information_schema)

    def column(self, name: str) -> Column | None:
        """The column called ``name``; MySQL column names are case-insensitive."""
        lowered = name.lower()
        for column in self.columns:
            if column.name.lower() == lowered:
                return column
        return None
