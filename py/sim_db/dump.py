"""The simulated databases as ``mysqldump --databases`` writes them, for the school's real server.

A student carries their database to the real MySQL server at the end of the course: this is
the file they load there with ``mysql < dump.sql``. The layout is mysqldump's (header comments,
the ``/*!40101 SET ...*/`` wrappers that save and restore session settings, per table ``DROP
TABLE IF EXISTS``, ``CREATE TABLE`` as SHOW CREATE TABLE prints it, ``LOCK TABLES``, extended
INSERTs, the table's triggers after its rows, views last); values are written with PyMySQL's
own MySQL literal escaping, binary values as hex (``--hex-blob``).

Where this dump differs from a real mysqldump, on purpose or from what the catalog keeps:

- tables are ``DEFAULT CHARSET=utf8mb4`` without a COLLATE clause: the server's default
  collation applies (utf8mb4_0900_ai_ci on MySQL 8; MariaDB, which lacks that collation, loads
  the file too). The catalog does not keep a table's declared character set (a latin1 table is
  written as utf8mb4, which holds every character the simulator may have stored);
- no ``DEFINER`` on views and triggers, so any account can load the file;
- no ``SET TIME_ZONE='+00:00'``: the simulator's TIMESTAMPs are wall-clock values, loaded and
  read back in the same session time zone;
- no stored procedures or functions (the simulator refuses to create them).
"""

from __future__ import annotations

import datetime

from pymysql.converters import escape_item

from .fastpath import SERVER_VERSION
from .server import SYSTEM_DATABASES, Session, get_server

# Bytes per extended INSERT, as mysqldump's default net_buffer_length splits them.
_INSERT_BYTES = 1_000_000

_HEADER = """-- MySQL dump 10.13  Distrib {version}, for Roundtrip (sim_db)
--
-- Host: localhost    Database: {database}
-- ------------------------------------------------------
-- Server version\t{version}

/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET @OLD_CHARACTER_SET_RESULTS=@@CHARACTER_SET_RESULTS */;
/*!40101 SET @OLD_COLLATION_CONNECTION=@@COLLATION_CONNECTION */;
/*!50503 SET NAMES utf8mb4 */;
/*!40014 SET @OLD_UNIQUE_CHECKS=@@UNIQUE_CHECKS, UNIQUE_CHECKS=0 */;
/*!40014 SET @OLD_FOREIGN_KEY_CHECKS=@@FOREIGN_KEY_CHECKS, FOREIGN_KEY_CHECKS=0 */;
/*!40101 SET @OLD_SQL_MODE=@@SQL_MODE, SQL_MODE='NO_AUTO_VALUE_ON_ZERO' */;
/*!40111 SET @OLD_SQL_NOTES=@@SQL_NOTES, SQL_NOTES=0 */;
"""

_FOOTER = """
/*!40101 SET SQL_MODE=@OLD_SQL_MODE */;
/*!40014 SET FOREIGN_KEY_CHECKS=@OLD_FOREIGN_KEY_CHECKS */;
/*!40014 SET UNIQUE_CHECKS=@OLD_UNIQUE_CHECKS */;
/*!40101 SET CHARACTER_SET_CLIENT=@OLD_CHARACTER_SET_CLIENT */;
/*!40101 SET CHARACTER_SET_RESULTS=@OLD_CHARACTER_SET_RESULTS */;
/*!40101 SET COLLATION_CONNECTION=@OLD_COLLATION_CONNECTION */;
/*!40111 SET SQL_NOTES=@OLD_SQL_NOTES */;

-- Dump completed on {now}
"""


def dump(databases: list[str] | None = None) -> str:
    """``mysqldump --databases <databases>``: every user database when ``databases`` is None."""
    server = get_server()
    names = sorted(n for n in server.databases if n.lower() not in SYSTEM_DATABASES) if databases is None else databases
    session = Session(autocommit=True)
    parts = [_HEADER.format(version=SERVER_VERSION, database=names[0] if len(names) == 1 else "")]
    for name in names:
        if name not in server.databases:
            from .errors import mysql_error

            raise mysql_error(1049, name)
        parts.append(_database(server, session, name))
    now = datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    parts.append(_FOOTER.format(now=now))
    return "\n".join(parts)


def _database(server, session: Session, database: str) -> str:
    quoted = quote(database)
    out = [
        "--",
        f"-- Current Database: {quoted}",
        "--",
        "",
        f"CREATE DATABASE /*!32312 IF NOT EXISTS*/ {quoted} /*!40100 DEFAULT CHARACTER SET utf8mb4 */;",
        "",
        f"USE {quoted};",
        "",
    ]
    definitions = server.databases[database]
    tables = [d for d in definitions.values() if d.view is None]
    views = [d for d in definitions.values() if d.view is not None]
    for definition in sorted(tables, key=lambda d: d.name):
        out.append(_table(server, session, database, definition))
    for view in views:  # creation order: a view made from another comes after it
        out += [
            "--",
            f"-- Final view structure for view {quote(view.name)}",
            "--",
            "",
            f"DROP TABLE IF EXISTS {quote(view.name)};",
            f"/*!50001 DROP VIEW IF EXISTS {quote(view.name)}*/;",
            f"{show_create_view(view.name, view.view)};",
            "",
        ]
    return "\n".join(out)


def _table(server, session: Session, database: str, definition) -> str:
    name = quote(definition.name)
    out = [
        "--",
        f"-- Table structure for table {name}",
        "--",
        "",
        f"DROP TABLE IF EXISTS {name};",
        "/*!40101 SET @saved_cs_client     = @@character_set_client */;",
        "/*!50503 SET character_set_client = utf8mb4 */;",
        show_create_table(server, session, database, definition) + ";",
        "/*!40101 SET character_set_client = @saved_cs_client */;",
        "",
        "--",
        f"-- Dumping data for table {name}",
        "--",
        "",
        f"LOCK TABLES {name} WRITE;",
        f"/*!40000 ALTER TABLE {name} DISABLE KEYS */;",
    ]
    out += _inserts(server, session, database, definition)
    out += [f"/*!40000 ALTER TABLE {name} ENABLE KEYS */;", "UNLOCK TABLES;", ""]
    if definition.triggers:
        out.append("DELIMITER ;;")
        out += [f"{text} ;;" for text in definition.triggers.values()]
        out += ["DELIMITER ;", ""]
    return "\n".join(out)


def show_create_table(server, session: Session, database: str, definition) -> str:
    """CREATE TABLE as MySQL 8's SHOW CREATE TABLE prints it, from the catalog."""
    lines = [f"  {_column(column)}" for column in definition.columns]
    for key in definition.keys:
        columns = ",".join(quote(c) for c in key.columns)
        if key.name == "PRIMARY":
            lines.append(f"  PRIMARY KEY ({columns})")
        elif key.kind:
            lines.append(f"  {key.kind} KEY {quote(key.name)} ({columns})")
        else:
            lines.append(f"  {'UNIQUE ' if key.unique else ''}KEY {quote(key.name)} ({columns})")
    for foreign_key in definition.foreign_keys:
        lines.append(
            f"  CONSTRAINT {quote(foreign_key.name)} FOREIGN KEY ({','.join(quote(c) for c in foreign_key.columns)}) "
            f"REFERENCES {quote(foreign_key.parent)} ({','.join(quote(c) for c in foreign_key.parent_columns)})"
            + (f" {foreign_key.actions}" if foreign_key.actions else "")
        )
    options = "ENGINE=InnoDB"
    next_id = _next_auto_increment(server, session, database, definition)
    if next_id:
        options += f" AUTO_INCREMENT={next_id}"
    options += " DEFAULT CHARSET=utf8mb4"
    return f"CREATE TABLE {quote(definition.name)} (\n" + ",\n".join(lines) + f"\n) {options}"


def _column(column) -> str:
    text = f"{quote(column.name)} {column.mysql_type}"
    if not column.nullable:
        text += " NOT NULL"
    if column.default is not None:
        default = column.default
        if default.upper().startswith(("CURRENT_TIMESTAMP", "NOW(")) or default.startswith("("):
            text += f" DEFAULT {default}"
        else:
            text += f" DEFAULT {escape_item(default, 'utf8mb4')}"
    elif column.nullable and not _no_default(column.mysql_type) and "auto_increment" not in column.extra:
        text += " DEFAULT NULL"
    if "auto_increment" in column.extra:
        text += " AUTO_INCREMENT"
    if "on update CURRENT_TIMESTAMP" in column.extra:
        text += " ON UPDATE CURRENT_TIMESTAMP"
    return text


def _no_default(mysql_type: str) -> bool:
    """BLOB, TEXT, GEOMETRY and JSON columns print no DEFAULT NULL in SHOW CREATE TABLE."""
    base = mysql_type.split("(")[0].split(" ")[0]
    return base.endswith(("blob", "text")) or base in ("json", "geometry", "point", "linestring", "polygon")


def _next_auto_increment(server, session: Session, database: str, definition) -> int | None:
    if not any("auto_increment" in c.extra for c in definition.columns):
        return None
    sqlite = server.sqlite_for(session)
    schema = '"' + database.replace('"', '""') + '"'
    if not sqlite.execute(f"SELECT 1 FROM {schema}.sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
        return None
    row = sqlite.execute(f"SELECT seq FROM {schema}.sqlite_sequence WHERE name = ?", (definition.name,)).fetchone()
    return row[0] + 1 if row and row[0] else None


def _inserts(server, session: Session, database: str, definition) -> list[str]:
    """Extended INSERTs of the table's rows in primary key order (mysqldump's InnoDB order)."""
    primary = next((k.columns for k in definition.keys if k.name == "PRIMARY"), None)
    order = " ORDER BY " + ", ".join(quote(c) for c in primary) if primary else ""
    result = server.execute(session, f"SELECT * FROM {quote(database)}.{quote(definition.name)}{order}")
    head = f"INSERT INTO {quote(definition.name)} VALUES "
    statements, rows, size = [], [], 0
    for row in result.rows:
        text = "(" + ",".join(literal(v) for v in row) + ")"
        if rows and size + len(text) > _INSERT_BYTES:
            statements.append(head + ",".join(rows) + ";")
            rows, size = [], 0
        rows.append(text)
        size += len(text) + 1
    if rows:
        statements.append(head + ",".join(rows) + ";")
    return statements


def show_create_view(name: str, view) -> str:
    """A view (catalog.View) as SHOW CREATE VIEW prints it: the SELECT as written; no DEFINER,
    so that the dump loads under any account."""
    columns = "(" + ",".join(quote(c) for c in view.columns) + ") " if view.columns else ""
    check = f" {view.check_option}" if view.check_option else ""
    return (
        f"CREATE ALGORITHM={view.algorithm} SQL SECURITY {view.security} VIEW {quote(name)} "
        f"{columns}AS {view.definition}{check}"
    )


def literal(value) -> str:
    """A value as a MySQL literal: PyMySQL's escaping; bytes as hex, as ``--hex-blob`` writes
    them (raw bytes in a text file would not survive its character set)."""
    if isinstance(value, (bytes, bytearray)):
        return "0x" + bytes(value).hex().upper() if value else "''"
    if isinstance(value, float):
        return repr(value)
    return escape_item(value, "utf8mb4")


def quote(identifier: str) -> str:
    return "`" + identifier.replace("`", "``") + "`"
