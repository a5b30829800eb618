"""The simulated databases as ``mysqldump --databases`` writes them, for the school's real server.

A student carries their database to the real MySQL server at the end of the course: this is
the file they load there with ``mysql < dump.sql``. The layout is mysqldump's (header comments,
the ``/*!40101 SET ...*/`` wrappers that save and restore session settings, per table ``DROP
TABLE IF EXISTS``, ``CREATE TABLE`` as SHOW CREATE TABLE prints it, ``LOCK TABLES``, extended
INSERTs, the table's triggers after its rows, views last); values are written with PyMySQL's
own MySQL literal escaping, binary values as hex (``--hex-blob``). CREATE TABLE and CREATE
DATABASE are sim_db.show's text, the one home of SHOW CREATE TABLE/DATABASE/VIEW, so the
dump and SHOW CREATE TABLE never disagree.

``compatible="mariadb"`` (not a real mysqldump option; the round-trip test uses it) leaves out
what MariaDB 10.11 rejects in MySQL 8's text: the ``utf8mb4_0900_ai_ci`` collation of tables
and databases (MariaDB lacks it, error 1273; a real mysqldump 8.0 file fails there the same
way). The default is MySQL 8's exact text, for the school's MySQL 8 server.

Where this dump differs from a real mysqldump, on purpose or from what the catalog keeps:

- the catalog does not keep a table's declared character set or a column's own collation
  (a latin1 table is written as utf8mb4, which holds every character the simulator may have
  stored);
- no ``DEFINER`` on views and triggers (as ``mysqldump --skip-definer``), so any account can
  load the file;
- no ``SET TIME_ZONE='+00:00'``: the simulator's TIMESTAMPs are wall-clock values, loaded and
  read back in the same session time zone;
- no stored procedures or functions (the simulator refuses to create them).
"""

from __future__ import annotations

import datetime

from pymysql.converters import escape_item

from . import show
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


def dump(databases: list[str] | None = None, compatible: str | None = None) -> str:
    """``mysqldump --databases <databases>``: every user database when ``databases`` is None.
    ``compatible="mariadb"``: loadable by MariaDB 10.11 (see the module's docstring)."""
    show.database_options(compatible)  # ValueError for an unknown one, before any work
    server = get_server()
    names = sorted(n for n in server.databases if n.lower() not in SYSTEM_DATABASES) if databases is None else databases
    session = Session(autocommit=True)
    parts = [_HEADER.format(version=SERVER_VERSION, database=names[0] if len(names) == 1 else "")]
    for name in names:
        if name not in server.databases:
            from .errors import mysql_error

            raise mysql_error(1049, name)
        parts.append(_database(server, session, name, compatible))
    now = datetime.datetime.now().strftime("%Y-%m-%d %H:%M:%S")
    parts.append(_FOOTER.format(now=now))
    return "\n".join(parts)


def _database(server, session: Session, database: str, compatible: str | None) -> str:
    quoted = quote(database)
    out = [
        "--",
        f"-- Current Database: {quoted}",
        "--",
        "",
        f"CREATE DATABASE /*!32312 IF NOT EXISTS*/ {quoted} {show.database_options(compatible)};",
        "",
        f"USE {quoted};",
        "",
    ]
    definitions = server.databases[database]
    tables = [d for d in definitions.values() if d.view is None]
    views = [d for d in definitions.values() if d.view is not None]
    for definition in sorted(tables, key=lambda d: d.name):
        out.append(_table(server, session, database, definition, compatible))
    for view in views:  # creation order: a view made from another comes after it
        out += [
            "--",
            f"-- Final view structure for view {quote(view.name)}",
            "--",
            "",
            f"DROP TABLE IF EXISTS {quote(view.name)};",
            f"/*!50001 DROP VIEW IF EXISTS {quote(view.name)}*/;",
            f"{show.create_view_statement(server, database, view.name, session, definer=False)};",
            "",
        ]
    return "\n".join(out)


def _table(server, session: Session, database: str, definition, compatible: str | None) -> str:
    name = quote(definition.name)
    out = [
        "--",
        f"-- Table structure for table {name}",
        "--",
        "",
        f"DROP TABLE IF EXISTS {name};",
        "/*!40101 SET @saved_cs_client     = @@character_set_client */;",
        "/*!50503 SET character_set_client = utf8mb4 */;",
        show.create_table_statement(server, database, definition.name, session, compatible) + ";",
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
