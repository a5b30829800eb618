"""Per-statement cost of sim_db against plain sqlite3 on the same data (CPython, this machine).

    .venv/bin/python tools/bench_sim_db.py

Prints µs per statement for the starter's 100-row SELECT, a three-table join and a single-row
INSERT, each through sim_db's PyMySQL-style cursor (MySQL text, %s parameters) and through a
plain sqlite3 cursor (SQLite text, ? parameters) on an in-memory database, with the ratio and
the translation cache's hit rate; and, to tell translation from storage, plain sqlite3 on the
storage sim_db uses for isolated transactions (a WAL-mode database file with its pragmas, sim_db.storage) and
with sim_db's utf8mb4_0900_ai_ci collation on its text columns (sim_db.collation); then the milliseconds the client's statement reader (sim_db.script) takes to split
the sample dumps beside the project (../shared/sample-dbs: Sakila's 3.4 MB of data, world).
Times are CPU time (the machine is shared). Figures only; nothing is asserted.
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "py"))

import sim_db  # noqa: E402
from sim_db.script import numbered_statements  # noqa: E402

SAMPLES = ROOT.parent / "shared" / "sample-dbs"
DUMPS = {"Sakila's data": SAMPLES / "sakila" / "sakila-data.sql", "world": SAMPLES / "world" / "world.sql"}

SCHEMA = """
CREATE TABLE students (id INTEGER PRIMARY KEY AUTOINCREMENT, name VARCHAR(100) NOT NULL, grade INT);
CREATE TABLE courses (id INTEGER PRIMARY KEY AUTOINCREMENT, title VARCHAR(100) NOT NULL);
CREATE TABLE enrollments (student_id INT NOT NULL, course_id INT NOT NULL, PRIMARY KEY (student_id, course_id));
"""
CASES = {
    "100-row SELECT": (
        "SELECT students.id, students.name, students.grade FROM students",
        "SELECT students.id, students.name, students.grade FROM students",
        (),
    ),
    "three-table join": (
        "SELECT s.name, c.title FROM students s JOIN enrollments e ON e.student_id = s.id "
        "JOIN courses c ON c.id = e.course_id WHERE s.grade > %s ORDER BY s.name LIMIT 20",
        "SELECT s.name, c.title FROM students s JOIN enrollments e ON e.student_id = s.id "
        "JOIN courses c ON c.id = e.course_id WHERE s.grade > ? ORDER BY s.name LIMIT 20",
        (60,),
    ),
    "single-row INSERT": (
        "INSERT INTO students (name, grade) VALUES (%s, %s)",
        "INSERT INTO students (name, grade) VALUES (?, ?)",
        ("Zed", 70),
    ),
}


def seed(execute) -> None:
    for row in range(100):
        execute(f"INSERT INTO students (name, grade) VALUES ('Student {row}', {40 + row % 60})")
    for course in range(10):
        execute(f"INSERT INTO courses (title) VALUES ('Course {course}')")
    for row in range(100):
        for course in (row % 10, (row + 3) % 10):
            execute(f"INSERT INTO enrollments VALUES ({row + 1}, {course + 1})")


def per_call_us(*runs, repeat: int = 9, number: int = 500) -> list[float]:
    """Each run's CPU time (user and system) per call, the median over ``repeat`` batches: the
    machine this runs on is shared, and wall time would count other processes' turns. The
    runs take turns batch by batch, so that a busy spell on the machine weighs on each alike
    rather than on whichever was being measured then."""
    samples: list[list[float]] = [[] for _ in runs]
    for _ in range(repeat):
        for run, taken in zip(runs, samples):
            started = time.process_time()
            for _ in range(number):
                run()
            taken.append((time.process_time() - started) / number * 1e6)
    return [statistics.median(taken) for taken in samples]


def main() -> None:
    sim_db.install()
    sim_db.execute_script("CREATE DATABASE bench; USE bench;" + SCHEMA, None)
    connection = sim_db.connect(database="bench", autocommit=True)
    sim_cursor = connection.cursor()
    seed(sim_cursor.execute)

    plain = sqlite3.connect(":memory:", isolation_level=None)
    plain.executescript(SCHEMA)
    seed(plain.execute)

    # The same, stored as sim_db stores it: a WAL file, text columns under its collation.
    from sim_db import collation, storage

    stored = sqlite3.connect(str(Path(tempfile.mkdtemp(prefix="bench-")) / "bench.db"), isolation_level=None)
    stored.execute("PRAGMA journal_mode = WAL")
    stored.execute("PRAGMA synchronous = OFF")
    stored.execute(f"PRAGMA wal_autocheckpoint = {storage.WAL_AUTOCHECKPOINT}")
    collation.register(stored)
    stored.executescript(SCHEMA.replace("VARCHAR(100)", "TEXT COLLATE MYSQL"))
    seed(stored.execute)

    cache = sim_db.get_server().cache
    hits_before, misses_before = cache.hits, cache.misses
    print("sim_db vs plain sqlite3, µs per statement (CPython %s, SQLite %s)" % (sys.version.split()[0], sqlite3.sqlite_version))
    for label, (mysql_text, sqlite_text, params) in CASES.items():
        def through_sim_db():
            sim_cursor.execute(mysql_text, params or None)
            sim_cursor.fetchall()

        def through_sqlite():
            plain.execute(sqlite_text, params).fetchall()

        def through_stored():
            stored.execute(sqlite_text, params).fetchall()

        sim_us, plain_us, stored_us = per_call_us(through_sim_db, through_sqlite, through_stored)
        print(
            f"  {label:18} sim_db {sim_us:8.1f}   sqlite3 {plain_us:8.1f}   ratio {sim_us / plain_us:5.2f}x"
            f"   (sqlite3 on sim_db's storage {stored_us:6.1f}: ratio {sim_us / stored_us:4.2f}x)"
        )
    hits, misses = cache.hits - hits_before, cache.misses - misses_before
    print(f"  translation cache: {hits} hits, {misses} misses ({100 * hits / max(hits + misses, 1):.2f}% hit rate)")
    split_dumps()


def split_dumps() -> None:
    """Splitting a dump as ``mysql < dump.sql`` reads it: median of 5 runs, statements found."""
    print("splitting dumps into statements (sim_db.script.numbered_statements), ms")
    for label, path in DUMPS.items():
        if not path.exists():
            print(f"  {label:18} not found at {path}")
            continue
        text = path.read_text(encoding="utf-8")
        samples, count = [], 0
        for _ in range(5):
            started = time.perf_counter()
            count = len(numbered_statements(text))
            samples.append((time.perf_counter() - started) * 1e3)
        print(f"  {label:18} {statistics.median(samples):8.1f}   ({len(text) / 1e6:.1f} MB, {count} statements)")


if __name__ == "__main__":
    main()
