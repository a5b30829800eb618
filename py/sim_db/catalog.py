"""The server's catalog: each table's columns as MySQL declared them, and its keys.

SQLite keeps the data, but it forgets MySQL's types (``VARCHAR(50)``, ``TINYINT(1)``) and key
names; DESCRIBE, the cursor's ``description``, strict-mode errors and error messages such as
``Duplicate entry '1' for key 'students.PRIMARY'`` all need them, so the server keeps them here.
Plain data, no sqlglot: the catalog is consulted on every statement, including the ones the
fast path answers before sqlglot is imported.
"""

from __future__ import annotations

import re
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


# The types a FULLTEXT index may cover (https://dev.mysql.com/doc/refman/8.0/en/fulltext-search.html):
# any other column is ER_BAD_FT_COLUMN (1283).
FULLTEXT_TYPES = ("char", "varchar", "tinytext", "text", "mediumtext", "longtext")


def fulltext_capable(column: Column) -> bool:
    return column.mysql_type.split("(", 1)[0].split(" ", 1)[0] in FULLTEXT_TYPES


@dataclass
class Key:
    name: str  # PRIMARY, or the index's name
    columns: list[str]
    unique: bool
    kind: str = ""  # FULLTEXT or SPATIAL, as declared (SHOW CREATE TABLE and dumps print it)

    @property
    def fulltext(self) -> bool:
        """A FULLTEXT index (sim_db.fulltext: MATCH ... AGAINST needs one)."""
        return self.kind.upper() == "FULLTEXT"


@dataclass
class ForeignKey:
    """A FOREIGN KEY constraint, named as MySQL names it (``<table>_ibfk_<n>`` when unnamed)."""

    name: str
    columns: list[str]
    parent: str  # the referenced table
    parent_columns: list[str]
    actions: str = ""  # "ON DELETE CASCADE" ..., as written

    def describe(self) -> str:
        """The constraint as MySQL's errors 1451/1452 print it: InnoDB's text, which has ON
        DELETE before ON UPDATE and no RESTRICT (InnoDB keeps no flag for it; SHOW CREATE TABLE,
        from the data dictionary, does print a written RESTRICT)."""
        columns = ", ".join(f"`{c}`" for c in self.columns)
        parents = ", ".join(f"`{c}`" for c in self.parent_columns)
        text = f"CONSTRAINT `{self.name}` FOREIGN KEY ({columns}) REFERENCES `{self.parent}` ({parents})"
        actions = {}
        for match in re.finditer(r"ON\s+(DELETE|UPDATE)\s+(CASCADE|SET\s+NULL|SET\s+DEFAULT|NO\s+ACTION)", self.actions, re.I):
            actions[match.group(1).upper()] = f"ON {match.group(1).upper()} {' '.join(match.group(2).upper().split())}"
        shown = " ".join(actions[event] for event in ("DELETE", "UPDATE") if event in actions)
        return f"{text} {shown}" if shown else text


@dataclass
class View:
    """A view as MySQL keeps it (SHOW CREATE VIEW and dumps print it from here)."""

    definition: str  # the SELECT, as written
    algorithm: str = "UNDEFINED"
    security: str = "DEFINER"  # SQL SECURITY DEFINER or INVOKER
    check_option: str | None = None  # "WITH CASCADED CHECK OPTION"...
    columns: list[str] | None = None  # CREATE VIEW v (a, b) AS ...


@dataclass
class TableDefinition:
    name: str
    columns: list[Column]
    keys: list[Key] = field(default_factory=list)
    foreign_keys: list[ForeignKey] = field(default_factory=list)
    # CHECK constraints: (name, condition as MySQL text), named <table>_chk_<n> when unnamed
    checks: list[tuple[str, str]] = field(default_factory=list)
    comment: str = ""  # COMMENT='...' (SHOW CREATE TABLE, SHOW TABLE STATUS, information_schema)
    # A view (sim_db.views) is a TableDefinition with its columns' types and this; None for a
    # base table.
    view: View | None = None
    # The table's triggers: name -> CREATE TRIGGER as MySQL shows it, in creation order.
    triggers: dict[str, str] = field(default_factory=dict)
    # CREATE TEMPORARY TABLE: not one of the database's tables (DROP DATABASE does not count it)
    temporary: bool = False

    def column(self, name: str) -> Column | None:
        """The column called ``name``; MySQL column names are case-insensitive."""
        lowered = name.lower()
        for column in self.columns:
            if column.name.lower() == lowered:
                return column
        return None
