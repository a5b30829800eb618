"""sim_db as a program talking to MySQL sees it: the DB-API, errors, scripts, persistence."""

from __future__ import annotations

import datetime
import decimal

import pymysql
import pytest
import sqlalchemy as sa
from pymysql.constants import FIELD_TYPE
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

import sim_db

SCHOOL = """
CREATE DATABASE IF NOT EXISTS school;
USE school;
CREATE TABLE students (
  id INT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(20) NOT NULL,
  grade INT
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
"""


@pytest.fixture(autouse=True)
def fresh_server():
    """Every test starts on a freshly installed server and leaves none of its data behind."""
    sim_db.reset()
    yield sim_db.get_server()
    sim_db.reset()


@pytest.fixture
def conn():
    sim_db.execute_script(SCHOOL)
    connection = sim_db.connect(
        host="db.school.local", user="student", password="password", database="school", autocommit=True
    )
    yield connection
    if connection.open:
        connection.close()


def error_of(conn, sql, args=None):
    with pytest.raises(pymysql.err.MySQLError) as info:
        conn.cursor().execute(sql, args)
    return info.value


# --- DB-API round trips -----------------------------------------------------------------------


def test_insert_select_lastrowid_rowcount_description(conn):
    cur = conn.cursor()
    assert cur.execute("INSERT INTO students (name, grade) VALUES (%s, %s)", ("Ann", 9)) == 1
    assert cur.lastrowid == 1
    cur.execute("INSERT INTO students (name, grade) VALUES ('Bob', 10), ('Cy', 11)")
    assert cur.rowcount == 2
    assert cur.lastrowid == 2  # MySQL reports the first row of a multi-row insert
    assert conn.insert_id() == 2
    assert cur.execute("SELECT id, name, grade FROM students ORDER BY id") == 3
    assert [d[0] for d in cur.description] == ["id", "name", "grade"]
    assert cur.description[0][1] in (FIELD_TYPE.LONG, FIELD_TYPE.LONGLONG)
    assert cur.description[1][1] == FIELD_TYPE.VAR_STRING
    assert cur.fetchone() == (1, "Ann", 9)
    assert cur.fetchmany(1) == ((2, "Bob", 10),)
    assert cur.fetchall() == ((3, "Cy", 11),)
    cur.execute("SELECT name FROM students ORDER BY id")
    assert [row[0] for row in cur] == ["Ann", "Bob", "Cy"]
    assert cur.execute("UPDATE students SET grade = grade + 1 WHERE grade >= %s", (10,)) == 2
    assert cur.execute("DELETE FROM students WHERE name = %s", ("Cy",)) == 1


def test_auto_increment_does_not_reuse_deleted_ids(conn):
    cur = conn.cursor()
    cur.execute("INSERT INTO students (name) VALUES ('a'), ('b')")
    cur.execute("DELETE FROM students WHERE id = 2")
    cur.execute("INSERT INTO students (name) VALUES ('c')")
    assert cur.lastrowid == 3


def test_parameter_styles_and_literal_percent(conn):
    cur = conn.cursor()
    cur.execute("INSERT INTO students (name, grade) VALUES (%(name)s, %(grade)s)", {"grade": 7, "name": "O'Neil"})
    cur.execute("SELECT name FROM students WHERE name LIKE 'O%%' AND grade = %s", (7,))
    assert cur.fetchall() == (("O'Neil",),)
    cur.execute("SELECT '100%%', %s", (1,))  # with parameters, %% is a literal percent...
    assert cur.fetchone() == ("100%", 1)
    cur.execute("SELECT '100%%'")  # ...without them the text is sent as written, as PyMySQL does
    assert cur.fetchone() == ("100%%",)
    with pytest.raises(TypeError):  # as PyMySQL: Python's % formatting counts the arguments
        cur.execute("SELECT %s, %s", (1,))


def test_executemany_inserts_every_row(conn):
    cur = conn.cursor()
    rows = [("A", 1), ("B", 2), ("C", 3)]
    assert cur.executemany("INSERT INTO students (name, grade) VALUES (%s, %s)", rows) == 3
    assert cur.lastrowid == 1  # one multi-row INSERT, as PyMySQL sends it
    cur.execute("SELECT name, grade FROM students ORDER BY id")
    assert cur.fetchall() == tuple(rows)
    # One statement: a failing row leaves none of its batch behind.
    with pytest.raises(pymysql.err.IntegrityError):
        cur.executemany("INSERT INTO students (name, grade) VALUES (%(n)s, %(g)s)", [{"n": "D", "g": 4}, {"n": None, "g": 5}])
    assert cur.execute("SELECT * FROM students WHERE name = 'D'") == 0
    assert cur.executemany("UPDATE students SET grade = %s WHERE name = %s", [(10, "A"), (20, "B")]) == 2


def test_dict_cursor(conn):
    conn.cursor().execute("INSERT INTO students (name, grade) VALUES ('Ann', 9)")
    cur = conn.cursor(pymysql.cursors.DictCursor)
    cur.execute("SELECT id, name, grade FROM students")
    assert cur.fetchall() == [{"id": 1, "name": "Ann", "grade": 9}]
    dict_conn = sim_db.connect(database="school", cursorclass=pymysql.cursors.DictCursor)
    with dict_conn.cursor() as cur2:
        cur2.execute("SELECT COUNT(*) FROM students")
        assert cur2.fetchone() == {"COUNT(*)": 1}


def test_connection_surface(conn):
    assert conn.get_server_info().startswith("8.0.")
    assert conn.server_version == conn.get_server_info()
    assert conn.character_set_name() == "utf8mb4"
    assert conn.db == "school" and conn.host == "db.school.local" and conn.user == "student"
    assert conn.get_autocommit() is True
    conn.autocommit(False)
    assert conn.get_autocommit() is False
    assert conn.escape("it's") == "'it\\'s'"
    assert conn.literal(5) == "5"
    conn.ping(reconnect=True)
    assert isinstance(conn.thread_id(), int)
    conn.close()
    assert not conn.open
    with pytest.raises(pymysql.err.Error):
        conn.cursor().execute("SELECT 1")


def test_values_come_back_with_pymysql_types(conn):
    cur = conn.cursor()
    cur.execute(
        "CREATE TABLE things (id INT PRIMARY KEY, price DECIMAL(5,2), born DATE, seen DATETIME,"
        " active BOOLEAN, note TEXT, ratio DOUBLE, label VARCHAR(10))"
    )
    cur.execute(
        "INSERT INTO things VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
        (1, decimal.Decimal("9.5"), datetime.date(2008, 5, 1), datetime.datetime(2024, 1, 2, 3, 4, 5), True, "hi", 0.5, "x"),
    )
    cur.execute("INSERT INTO things (id, price, born, seen, label) VALUES (2, 1.5, '2010-02-03', '2024-12-31 23:59:58', 42)")
    cur.execute("SELECT id, price, born, seen, active, note, ratio, label FROM things ORDER BY id")
    row, literal_row = cur.fetchall()
    assert row == (1, decimal.Decimal("9.50"), datetime.date(2008, 5, 1), datetime.datetime(2024, 1, 2, 3, 4, 5), 1, "hi", 0.5, "x")
    assert [type(v) for v in row] == [int, decimal.Decimal, datetime.date, datetime.datetime, int, str, float, str]
    assert literal_row[:4] == (2, decimal.Decimal("1.50"), datetime.date(2010, 2, 3), datetime.datetime(2024, 12, 31, 23, 59, 58))
    assert str(literal_row[1]) == "1.50"
    assert literal_row[7] == "42" and type(literal_row[7]) is str  # VARCHAR keeps text, even from a number
    codes = [d[1] for d in cur.description]
    assert codes[1] == FIELD_TYPE.NEWDECIMAL
    assert codes[2] == FIELD_TYPE.DATE
    assert codes[3] == FIELD_TYPE.DATETIME
    # Dates compare as MySQL compares them, whatever the parameter's Python type.
    cur.execute("SELECT id FROM things WHERE born < %s AND price = %s", (datetime.date(2010, 1, 1), decimal.Decimal("9.50")))
    assert cur.fetchall() == ((1,),)


def test_description_uses_declared_types_even_for_null_values(conn):
    cur = conn.cursor()
    cur.execute("INSERT INTO students (name) VALUES ('Ann')")
    cur.execute("SELECT grade FROM students")
    assert cur.fetchall() == ((None,),)
    assert cur.description[0][1] == FIELD_TYPE.LONG


def test_string_comparisons_ignore_case_as_mysql_does(conn):
    cur = conn.cursor()
    cur.execute("INSERT INTO students (name) VALUES ('Ann')")
    assert cur.execute("SELECT id FROM students WHERE name = 'ANN'") == 1


def test_limit_offset_comma_form(conn):
    cur = conn.cursor()
    cur.executemany("INSERT INTO students (name) VALUES (%s)", [(n,) for n in "abcde"])
    cur.execute("SELECT name FROM students ORDER BY id LIMIT 1, 2")
    assert cur.fetchall() == (("b",), ("c",))


# --- databases and persistence ---------------------------------------------------------------


def test_data_survives_closing_connections(conn):
    conn.cursor().execute("INSERT INTO students (name) VALUES ('Ann')")
    conn.close()
    other = sim_db.connect(database="school")
    cur = other.cursor()
    cur.execute("SELECT name FROM students")
    assert cur.fetchall() == (("Ann",),)


def test_commit_and_rollback(conn):
    writer = sim_db.connect(database="school")  # autocommit off, as PyMySQL's default
    cur = writer.cursor()
    cur.execute("INSERT INTO students (name) VALUES ('kept')")
    writer.commit()
    cur.execute("INSERT INTO students (name) VALUES ('dropped')")
    writer.rollback()
    cur.execute("SELECT name FROM students")
    assert cur.fetchall() == (("kept",),)


def test_databases_use_and_qualified_names():
    sim_db.execute_script("CREATE DATABASE a; CREATE DATABASE b; CREATE TABLE a.t (x INT); CREATE TABLE b.t (x INT);")
    conn = sim_db.connect()
    cur = conn.cursor()
    cur.execute("INSERT INTO a.t VALUES (1)")
    cur.execute("USE b")
    assert conn.db == "b"
    cur.execute("INSERT INTO t VALUES (2)")
    cur.execute("SELECT (SELECT x FROM a.t), (SELECT x FROM t)")
    assert cur.fetchone() == (1, 2)
    cur.execute("SHOW DATABASES")
    assert {"a", "b", "information_schema"} <= {row[0] for row in cur.fetchall()}
    cur.execute("SHOW TABLES")
    assert cur.fetchall() == (("t",),)


def test_reset_forgets_everything(conn):
    sim_db.reset()
    with pytest.raises(pymysql.err.OperationalError) as info:
        sim_db.connect(database="school")
    assert info.value.args == (1049, "Unknown database 'school'")


# --- errors: MySQL 8's numbers and messages, PyMySQL's classes --------------------------------


def test_unknown_table(conn):
    error = error_of(conn, "SELECT * FROM studnets")
    assert isinstance(error, pymysql.err.ProgrammingError)
    assert error.args == (1146, "Table 'school.studnets' doesn't exist")


def test_unknown_column_names_the_clause(conn):
    error = error_of(conn, "SELECT x FROM students")
    assert isinstance(error, pymysql.err.OperationalError)
    assert error.args == (1054, "Unknown column 'x' in 'field list'")
    assert error_of(conn, "SELECT id FROM students WHERE nme = 'a'").args == (1054, "Unknown column 'nme' in 'where clause'")


@pytest.mark.parametrize("sql", ["SELEC * FROM students", "SELECT * FROM students WHERE", "INSERT INTO students (name VALUES ('a')"])
def test_syntax_error(conn, sql):
    error = error_of(conn, sql)
    assert isinstance(error, pymysql.err.ProgrammingError)
    errno, message = error.args
    assert errno == 1064
    assert message.startswith(
        "You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version"
        " for the right syntax to use near '"
    )
    assert message.endswith("' at line 1")


def test_syntax_error_line_number(conn):
    error = error_of(conn, "SELECT id\nFROM students\nWHERE WHERE")
    assert error.args[0] == 1064 and error.args[1].endswith("at line 3")


def test_duplicate_entry(conn):
    conn.cursor().execute("INSERT INTO students (id, name) VALUES (1, 'Ann')")
    error = error_of(conn, "INSERT INTO students (id, name) VALUES (%s, %s)", (1, "Bob"))
    assert isinstance(error, pymysql.err.IntegrityError)
    assert error.args == (1062, "Duplicate entry '1' for key 'students.PRIMARY'")


def test_duplicate_entry_on_a_unique_key(conn):
    cur = conn.cursor()
    cur.execute("CREATE TABLE users (id INT AUTO_INCREMENT PRIMARY KEY, email VARCHAR(50), UNIQUE KEY uq_email (email))")
    cur.execute("INSERT INTO users (email) VALUES ('a@b.c')")
    assert error_of(conn, "INSERT INTO users (email) VALUES (%s)", ("a@b.c",)).args == (
        1062, "Duplicate entry 'a@b.c' for key 'users.uq_email'",
    )


def test_column_cannot_be_null(conn):
    error = error_of(conn, "INSERT INTO students (name, grade) VALUES (%s, %s)", (None, 9))
    assert isinstance(error, pymysql.err.IntegrityError)
    assert error.args == (1048, "Column 'name' cannot be null")


def test_field_without_default(conn):
    error = error_of(conn, "INSERT INTO students (grade) VALUES (9)")
    assert isinstance(error, pymysql.err.OperationalError)
    assert error.args == (1364, "Field 'name' doesn't have a default value")


def test_table_already_exists(conn):
    error = error_of(conn, "CREATE TABLE students (id INT)")
    assert isinstance(error, pymysql.err.OperationalError)
    assert error.args == (1050, "Table 'students' already exists")
    conn.cursor().execute("CREATE TABLE IF NOT EXISTS students (id INT)")  # no error


def test_unknown_database(conn):
    assert error_of(conn, "USE nope").args == (1049, "Unknown database 'nope'")
    with pytest.raises(pymysql.err.OperationalError) as info:
        conn.select_db("nope")
    assert info.value.args == (1049, "Unknown database 'nope'")


def test_data_too_long(conn):
    error = error_of(conn, "INSERT INTO students (name) VALUES (%s)", ("x" * 21,))
    assert isinstance(error, pymysql.err.DataError)
    assert error.args == (1406, "Data too long for column 'name' at row 1")
    conn.cursor().execute("INSERT INTO students (name) VALUES (%s)", ("x" * 20,))


def test_no_database_selected():
    sim_db.execute_script(SCHOOL)
    error = error_of(sim_db.connect(), "SELECT * FROM students")
    assert error.args == (1046, "No database selected")


# --- scripts ---------------------------------------------------------------------------------

SEED = """
-- The school's seed, as mysqldump and teachers write it.
/*!40101 SET NAMES utf8mb4 */;
CREATE DATABASE IF NOT EXISTS school;
USE school;
# a hash comment; with a semicolon
CREATE TABLE students (
  id INT AUTO_INCREMENT PRIMARY KEY,
  name VARCHAR(50) NOT NULL,  /* a block comment; also with one */
  grade INT
);
INSERT INTO students (name, grade) VALUES ('Ann; the first', 9), ('Bob''s', 10), ("Cy -- not a comment", 11);
SELECT name FROM students ORDER BY id
"""


def test_execute_script_runs_a_seed_and_returns_the_last_result():
    result = sim_db.execute_script(SEED)
    assert result.columns == ["name"]
    assert result.rows == [("Ann; the first",), ("Bob's",), ("Cy -- not a comment",)]
    assert result.rowcount == 3
    assert sim_db.execute_script("SELECT COUNT(*) FROM students", database="school").rows == [(3,)]


def test_execute_script_reports_affected_rows_and_raises_the_first_error():
    sim_db.execute_script(SEED)
    assert sim_db.execute_script("UPDATE students SET grade = 12 WHERE grade > 9", database="school").rowcount == 2
    with pytest.raises(pymysql.err.ProgrammingError) as info:
        sim_db.execute_script("USE school; INSERT INTO students (name) VALUES ('D'); SELECT * FROM nope; INSERT INTO students (name) VALUES ('E');")
    assert info.value.args == (1146, "Table 'school.nope' doesn't exist")
    # Statements before the error ran (autocommit, like the mysql client); those after did not.
    assert sim_db.execute_script("SELECT name FROM students WHERE name IN ('D', 'E')", database="school").rows == [("D",)]


def test_update_rowcount_is_rows_changed_unless_client_found_rows(conn):
    from pymysql.constants import CLIENT

    cur = conn.cursor()
    cur.execute("INSERT INTO students (name, grade) VALUES ('Ann', 9), ('Bob', 10), ('Cy', 10)")
    # MySQL without CLIENT.FOUND_ROWS (PyMySQL's default): rows changed, not rows matched.
    assert cur.execute("UPDATE students SET grade = 10 WHERE grade >= 9") == 1
    assert cur.execute("UPDATE students SET grade = 10") == 0
    assert cur.execute("UPDATE students SET name = 'ann' WHERE id = 1") == 1  # case counts
    assert cur.execute("UPDATE students SET grade = NULL WHERE id = 1") == 1
    assert cur.execute("UPDATE students SET grade = NULL WHERE id = 1") == 0
    assert sim_db.execute_script("UPDATE students SET grade = 10", database="school").rowcount == 1
    # With CLIENT.FOUND_ROWS (SQLAlchemy's pymysql dialect sets it): rows matched.
    found = sim_db.connect(database="school", autocommit=True, client_flag=CLIENT.FOUND_ROWS)
    assert found.cursor().execute("UPDATE students SET grade = 10") == 3
    found.close()


def test_a_repeated_update_reports_its_own_rows_matched_and_changed_each_run(conn):
    """The mysql client's "Rows matched: 2  Changed: 1" line: the rows matched are counted
    beside the UPDATE with that run's parameters, also once its translation is cached."""
    cur = conn.cursor()
    cur.execute("INSERT INTO students (name, grade) VALUES ('Ann', 10), ('Bob', 10), ('Cy', 10)")
    server = sim_db.get_server()
    sql = "UPDATE students SET grade = :p1 WHERE id >= :p2"
    runs = [server.execute(conn._session, sql, {"p1": grade, "p2": first}) for grade, first in ((10, 2), (11, 3), (11, 2), (11, 9))]
    assert [(r.rowcount, r.info) for r in runs] == [
        (0, "Rows matched: 2  Changed: 0  Warnings: 0"),
        (1, "Rows matched: 1  Changed: 1  Warnings: 0"),
        (1, "Rows matched: 2  Changed: 1  Warnings: 0"),
        (0, "Rows matched: 0  Changed: 0  Warnings: 0"),
    ]


def test_upserts_check_table_name_case_on_every_run_until_one_passes(conn):
    """INSERT ... ON DUPLICATE KEY UPDATE and INSERT IGNORE look their table names up once per
    cached statement: a wrongly cased name is refused each time it is run, a right one runs."""
    cur = conn.cursor()
    for sql in ("INSERT INTO Students (id, name) VALUES (%s, %s) ON DUPLICATE KEY UPDATE name = 'x'",
                "INSERT IGNORE INTO Students (id, name) VALUES (%s, %s)"):
        for _ in range(2):
            assert error_of(conn, sql, (1, "Ann")).args == (1146, "Table 'school.Students' doesn't exist")
    upsert = "INSERT INTO students (id, name) VALUES (%s, %s) ON DUPLICATE KEY UPDATE name = VALUES(name)"
    assert [cur.execute(upsert, (1, name)) for name in ("Ann", "Bo", "Bo")] == [1, 2, 0]
    assert cur.execute("INSERT IGNORE INTO students (id, name) VALUES (%s, %s)", (1, "Cy")) == 0


def test_a_repeated_select_is_described_by_the_catalog_as_it_is_now(conn):
    """The description of a cached SELECT is reused while the catalog stands, and follows
    ALTER TABLE (SQLAlchemy reads the type codes)."""
    cur = conn.cursor()
    cur.execute("INSERT INTO students (name, grade) VALUES ('Ann', 9)")
    sql = "SELECT id, name, grade FROM students WHERE id = %s"
    described = []
    for _ in range(2):
        cur.execute(sql, (1,))
        described.append([(d[0], d[1]) for d in cur.description])
    assert described == [[("id", FIELD_TYPE.LONG), ("name", FIELD_TYPE.VAR_STRING), ("grade", FIELD_TYPE.LONG)]] * 2
    cur.execute("ALTER TABLE students MODIFY grade DECIMAL(4,1)")
    cur.execute(sql, (1,))
    assert [(d[0], d[1]) for d in cur.description] == [("id", FIELD_TYPE.LONG), ("name", FIELD_TYPE.VAR_STRING), ("grade", FIELD_TYPE.NEWDECIMAL)]
    assert cur.fetchall() == ((1, "Ann", decimal.Decimal("9.0")),)


def test_replace_counts_the_deleted_row_too(conn):
    cur = conn.cursor()
    cur.execute("INSERT INTO students (name, grade) VALUES ('Ann', 9)")
    assert cur.execute("REPLACE INTO students (id, name, grade) VALUES (1, 'Ann', 10)") == 2
    assert cur.execute("REPLACE INTO students (id, name, grade) VALUES (2, 'Bob', 10)") == 1
    assert cur.lastrowid == 2
    assert cur.execute("REPLACE INTO students (id, name) VALUES (1, 'A'), (3, 'C')") == 3


def test_only_full_group_by(conn):
    cur = conn.cursor()
    cur.execute("CREATE TABLE enrollments (student_id INT, course VARCHAR(10))")
    error = error_of(conn, "SELECT grade, name FROM students GROUP BY grade")
    assert error.args[0] == 1055 and "Expression #2 of SELECT list" in error.args[1]
    assert "'school.students.name'" in error.args[1]
    assert error_of(conn, "SELECT e.course, COUNT(*) FROM students s JOIN enrollments e ON e.student_id = s.id GROUP BY s.id").args[0] == 1055
    for allowed in (
        "SELECT name, COUNT(*) FROM students GROUP BY id",  # the primary key decides the row
        "SELECT grade AS g, COUNT(*) FROM students GROUP BY g",
        "SELECT grade, MAX(name) FROM students GROUP BY 1",
        "SELECT grade + 1, COUNT(*) FROM students GROUP BY grade",
        "SELECT name FROM students WHERE name = 'Ann' GROUP BY grade",
        "SELECT s.name, COUNT(e.course) FROM students s JOIN enrollments e ON e.student_id = s.id GROUP BY s.id",
    ):
        cur.execute(allowed)


def test_cast_signed_rounds_str_to_date_and_case_insensitive_literals(conn):
    cur = conn.cursor()
    cur.execute("SELECT CAST(3.7 AS SIGNED), CAST(-3.5 AS SIGNED), CAST('3.7' AS SIGNED), CAST('12abc' AS UNSIGNED), 7 DIV 2")
    assert cur.fetchone() == (4, -4, 3, 12, 3)
    cur.execute(
        "SELECT STR_TO_DATE('15/01/2024', '%d/%m/%Y'), STR_TO_DATE('2024-01-15 10:11:12', '%Y-%m-%d %H:%i:%s'),"
        " STR_TO_DATE('January 5, 2024', '%M %e, %Y'), STR_TO_DATE('nonsense', '%Y-%m-%d')"
    )
    assert cur.fetchone() == (
        datetime.date(2024, 1, 15), datetime.datetime(2024, 1, 15, 10, 11, 12), datetime.date(2024, 1, 5), None
    )
    cur.execute("SELECT 'a' = 'A', 'abc' <> 'ABC', CONCAT('a', 'b') = 'AB', 'a' < 'B'")
    assert cur.fetchone() == (1, 0, 1, 1)


def test_foreign_key_errors_name_the_constraint(conn):
    cur = conn.cursor()
    cur.execute(
        "CREATE TABLE enrollments (student_id INT NOT NULL, course VARCHAR(10),"
        " CONSTRAINT fk_student FOREIGN KEY (student_id) REFERENCES students (id) ON UPDATE CASCADE)"
    )
    cur.execute("INSERT INTO students (name) VALUES ('Ann')")
    constraint = "CONSTRAINT `fk_student` FOREIGN KEY (`student_id`) REFERENCES `students` (`id`) ON UPDATE CASCADE"
    assert error_of(conn, "INSERT INTO enrollments VALUES (9, 'Math')").args == (
        1452, f"Cannot add or update a child row: a foreign key constraint fails (`school`.`enrollments`, {constraint})"
    )
    cur.execute("INSERT INTO enrollments VALUES (1, 'Math')")
    assert error_of(conn, "DELETE FROM students").args == (
        1451, f"Cannot delete or update a parent row: a foreign key constraint fails (`school`.`enrollments`, {constraint})"
    )
    assert error_of(conn, "UPDATE enrollments SET student_id = 7").args[0] == 1452
    cur.execute("CREATE TABLE grades (student_id INT, FOREIGN KEY (student_id) REFERENCES students (id))")
    cur.execute("INSERT INTO grades VALUES (1)")
    assert error_of(conn, "INSERT INTO grades VALUES (2)").args[1].endswith(
        "(`school`.`grades`, CONSTRAINT `grades_ibfk_1` FOREIGN KEY (`student_id`) REFERENCES `students` (`id`))"
    )


def test_decimal_columns_store_values_rounded_half_away_from_zero(conn):
    cur = conn.cursor()
    cur.execute("CREATE TABLE prices (id INT PRIMARY KEY, price DECIMAL(8,2), whole DECIMAL(5))")
    cur.execute("INSERT INTO prices VALUES (1, 2.005, 2.5), (2, -2.005, -2.5), (3, NULL, NULL)")
    cur.execute("UPDATE prices SET price = price * 1.1 WHERE id = 1")
    cur.execute("SELECT price, whole FROM prices ORDER BY id")
    assert cur.fetchall() == ((decimal.Decimal("2.21"), 3), (decimal.Decimal("-2.01"), -3), (None, None))
    cur.execute("SELECT SUM(price) FROM prices")
    assert cur.fetchone() == (decimal.Decimal("0.20"),)


def test_group_concat_order_by(conn):
    cur = conn.cursor()
    cur.execute("INSERT INTO students (name, grade) VALUES ('bob', 9), ('Ann', 9), ('cy', 10), ('ann', 9)")
    cur.execute(
        "SELECT grade, GROUP_CONCAT(name ORDER BY name SEPARATOR ', '), GROUP_CONCAT(DISTINCT grade ORDER BY id DESC)"
        " FROM students GROUP BY grade ORDER BY grade"
    )
    assert cur.fetchall() == ((9, "Ann, ann, bob", "9"), (10, "cy", "10"))


def test_sqlalchemy_update_rowcount_counts_matched_rows():
    sim_db.execute_script(SCHOOL + "INSERT INTO students (name, grade) VALUES ('Ann', 9), ('Bob', 10);")
    engine = sa.create_engine("mysql+pymysql://student:password@localhost/school", module=_pymysql_module())
    with engine.begin() as connection:
        result = connection.execute(sa.text("UPDATE students SET grade = 10"))
        assert result.rowcount == 2


def _pymysql_module():
    """pymysql with sim_db's connect, without installing it process-wide."""
    import types

    module = types.ModuleType("pymysql")
    module.__dict__.update(pymysql.__dict__)
    module.connect = module.Connect = module.Connection = sim_db.Connection
    return module


def test_seed_of_a_hundred_rows():
    values = ", ".join(f"('student {i}', {i % 4 + 9})" for i in range(100))
    sim_db.execute_script(SCHOOL + f"INSERT INTO students (name, grade) VALUES {values};")
    assert sim_db.execute_script("SELECT COUNT(*), MAX(id) FROM students", database="school").rows == [(100, 100)]


# --- translation cache -----------------------------------------------------------------------


def test_repeated_statement_with_new_values_hits_the_translation_cache(conn, fresh_server):
    cur = conn.cursor()
    cur.execute("INSERT INTO students (name, grade) VALUES (%s, %s)", ("Ann", 9))
    misses = fresh_server.cache.misses
    hits = fresh_server.cache.hits
    for i in range(5):
        cur.execute("INSERT INTO students (name, grade) VALUES (%s, %s)", (f"S{i}", i))
    assert fresh_server.cache.misses == misses
    assert fresh_server.cache.hits == hits + 5
    cur.execute("SELECT COUNT(*) FROM students")
    assert cur.fetchone() == (6,)


# --- install() -------------------------------------------------------------------------------


def test_install_routes_pymysql_connect():
    sim_db.install()
    sim_db.install()  # idempotent
    sim_db.execute_script(SCHOOL)
    for connect in (pymysql.connect, pymysql.Connect, pymysql.connections.Connection):
        connection = connect(host="db.school.local", user="student", password="password", database="school")
        with connection.cursor() as cur:
            cur.execute("SELECT DATABASE()")
            assert cur.fetchone() == ("school",)
        connection.close()


# --- more of the DB-API ----------------------------------------------------------------------


def test_limit_with_placeholders_binds_offset_and_count(conn):
    """``LIMIT %s, %s`` is offset, count (sqlglot writes it as LIMIT count OFFSET offset)."""
    cur = conn.cursor()
    cur.executemany("INSERT INTO students (name) VALUES (%s)", [(n,) for n in "abcdef"])
    cur.execute("SELECT name FROM students ORDER BY id LIMIT %s, %s", (1, 3))
    assert cur.fetchall() == (("b",), ("c",), ("d",))
    cur.execute("SELECT name FROM students ORDER BY id LIMIT %s, %s", (4, 1))  # cached template, new values
    assert cur.fetchall() == (("e",),)
    cur.execute("SELECT name FROM students ORDER BY id LIMIT %(skip)s, %(take)s", {"take": 2, "skip": 3})
    assert cur.fetchall() == (("d",), ("e",))
    cur.execute("SELECT name FROM students ORDER BY id LIMIT %s OFFSET %s", (2, 4))
    assert cur.fetchall() == (("e",), ("f",))


def test_result_column_names_are_mysqls(conn):
    cur = conn.cursor()
    cur.execute("INSERT INTO students (name, grade) VALUES ('Ann', 9)")
    cur.execute("SELECT COUNT(*) FROM students")
    assert [d[0] for d in cur.description] == ["COUNT(*)"]
    assert cur.fetchone() == (1,)
    # MySQL names an unaliased item by its text as written, and a string literal by its value.
    cur.execute("SELECT count(*), MAX(grade) FROM students")  # (ONLY_FULL_GROUP_BY: no plain columns here)
    assert [d[0] for d in cur.description] == ["count(*)", "MAX(grade)"]
    cur.execute("SELECT grade+1, 'hello', 5, NULL, name AS who, (SELECT 1) FROM students")
    assert [d[0] for d in cur.description] == ["grade+1", "hello", "5", "NULL", "who", "(SELECT 1)"]
    assert cur.fetchone() == (10, "hello", 5, None, "Ann", 1)
    dict_cur = conn.cursor(pymysql.cursors.DictCursor)
    dict_cur.execute("SELECT IFNULL(grade, 0) FROM students")
    assert dict_cur.fetchone() == {"IFNULL(grade, 0)": 9}
    # PyMySQL sends parameters as literals, so MySQL names the column after the value.
    dict_cur.execute("SELECT %s, %s", ("yes", 7))
    assert dict_cur.fetchone() == {"yes": "yes", "7": 7}


def test_describe_lists_the_columns_as_declared(conn):
    cur = conn.cursor()
    cur.execute(
        "CREATE TABLE courses (id INT NOT NULL AUTO_INCREMENT, code CHAR(4) NOT NULL, title VARCHAR(50) DEFAULT 'tbd',"
        " fee DECIMAL(5,2) NOT NULL DEFAULT 0.00, active BOOLEAN, PRIMARY KEY (id), UNIQUE KEY uq_code (code))"
    )
    assert cur.execute("DESCRIBE students") == 3
    assert [d[0] for d in cur.description] == ["Field", "Type", "Null", "Key", "Default", "Extra"]
    assert cur.fetchall() == (
        ("id", "int", "NO", "PRI", None, "auto_increment"),
        ("name", "varchar(20)", "NO", "", None, ""),
        ("grade", "int", "YES", "", None, ""),
    )
    cur.execute("DESC courses")
    assert cur.fetchall() == (
        ("id", "int", "NO", "PRI", None, "auto_increment"),
        ("code", "char(4)", "NO", "UNI", None, ""),
        ("title", "varchar(50)", "YES", "", "tbd", ""),
        ("fee", "decimal(5,2)", "NO", "", "0.00", ""),
        ("active", "tinyint(1)", "YES", "", None, ""),
    )
    assert error_of(conn, "DESCRIBE studnets").args == (1146, "Table 'school.studnets' doesn't exist")


def test_data_is_shared_between_open_connections(conn):
    other = sim_db.connect(host="db.school.local", database="school", autocommit=True)
    conn.cursor().execute("INSERT INTO students (name) VALUES ('Ann')")
    cur = other.cursor()
    cur.execute("SELECT name FROM students")
    assert cur.fetchall() == (("Ann",),)
    cur.execute("UPDATE students SET grade = 10")
    check = conn.cursor()
    check.execute("SELECT grade FROM students")
    assert check.fetchall() == ((10,),)


def test_rollback_undoes_and_commit_keeps_with_autocommit_off(conn):
    conn.autocommit(False)
    cur = conn.cursor()
    cur.execute("INSERT INTO students (name) VALUES ('gone')")
    assert cur.execute("SELECT * FROM students") == 1  # visible inside the transaction
    conn.rollback()
    assert cur.execute("SELECT * FROM students") == 0
    cur.execute("INSERT INTO students (name) VALUES ('kept')")
    conn.commit()
    conn.rollback()  # nothing left to undo
    conn.close()
    cur = sim_db.connect(database="school").cursor()
    cur.execute("SELECT name FROM students")
    assert cur.fetchall() == (("kept",),)


def test_closing_with_an_open_transaction_rolls_it_back(conn):
    writer = sim_db.connect(database="school")
    writer.cursor().execute("INSERT INTO students (name) VALUES ('uncommitted')")
    writer.close()
    assert conn.cursor().execute("SELECT * FROM students") == 0


# --- errors: classes, and the mysql client's line ---------------------------------------------

ERROR_CASES = [
    # (errno, statement, args, MySQL 8's message)
    (1146, "SELECT * FROM studnets", None, "Table 'school.studnets' doesn't exist"),
    (1054, "SELECT nme FROM students", None, "Unknown column 'nme' in 'field list'"),
    (1054, "SELECT name FROM students WHERE nme = %s", ("a",), "Unknown column 'nme' in 'where clause'"),
    (1054, "UPDATE students SET nme = 'a'", None, "Unknown column 'nme' in 'field list'"),
    (1062, "INSERT INTO students (id, name) VALUES (1, 'again')", None, "Duplicate entry '1' for key 'students.PRIMARY'"),
    (1048, "INSERT INTO students (name) VALUES (%s)", (None,), "Column 'name' cannot be null"),
    (1048, "UPDATE students SET name = NULL", None, "Column 'name' cannot be null"),
    (1364, "INSERT INTO students (grade) VALUES (%s)", (9,), "Field 'name' doesn't have a default value"),
    (1406, "INSERT INTO students (name) VALUES (%s)", ("y" * 21,), "Data too long for column 'name' at row 1"),
    (1406, "UPDATE students SET name = %s", ("y" * 21,), "Data too long for column 'name' at row 1"),
    (1050, "CREATE TABLE students (id INT)", None, "Table 'students' already exists"),
    (1049, "USE nope", None, "Unknown database 'nope'"),
    (1049, "SELECT * FROM nope.students", None, "Unknown database 'nope'"),
]


@pytest.mark.parametrize("errno, sql, args, message", ERROR_CASES, ids=lambda v: str(v)[:30])
def test_error_numbers_messages_and_classes(conn, errno, sql, args, message):
    conn.cursor().execute("INSERT INTO students (id, name) VALUES (1, 'Ann')")
    error = error_of(conn, sql, args)
    assert error.args == (errno, message)
    # The class PyMySQL picks for the errno from the server's error packet.
    assert type(error) is pymysql.err.error_map.get(errno, pymysql.err.OperationalError)
    assert conn.cursor().execute("SELECT * FROM students") == 1  # the failed statement changed nothing


def test_error_classes_are_pymysqls():
    """Spelled out, so a change in how sim_db picks the class cannot pass unnoticed."""
    expected = {
        1146: pymysql.err.ProgrammingError, 1064: pymysql.err.ProgrammingError,
        1062: pymysql.err.IntegrityError, 1048: pymysql.err.IntegrityError,
        1406: pymysql.err.DataError, 1054: pymysql.err.OperationalError,
        1364: pymysql.err.OperationalError, 1050: pymysql.err.OperationalError,
        1049: pymysql.err.OperationalError, 1046: pymysql.err.OperationalError,
    }
    assert {n: type(sim_db.mysql_error(n, *(["x"] * sim_db.errors.MESSAGES[n][1].count("%s")), *([1] * sim_db.errors.MESSAGES[n][1].count("%d")))) for n in expected} == expected


def test_unknown_database_on_connect():
    with pytest.raises(pymysql.err.OperationalError) as info:
        sim_db.connect(host="db.school.local", user="student", password="password", database="nope")
    assert info.value.args == (1049, "Unknown database 'nope'")
    assert sim_db.client_error_line(info.value) == "ERROR 1049 (42000): Unknown database 'nope'"


def test_no_database_selected_is_an_operational_error():
    sim_db.execute_script(SCHOOL)
    cur = sim_db.connect().cursor()
    for sql in ("SELECT * FROM students", "INSERT INTO students (name) VALUES ('a')", "CREATE TABLE t (x INT)", "SHOW TABLES"):
        with pytest.raises(pymysql.err.OperationalError) as info:
            cur.execute(sql)
        assert info.value.args == (1046, "No database selected"), sql
    cur.execute("SELECT name FROM school.students")  # a qualified name needs no current database


def test_client_error_line(conn):
    assert sim_db.client_error_line(error_of(conn, "SELECT * FROM studnets")) == (
        "ERROR 1146 (42S02): Table 'school.studnets' doesn't exist"
    )
    assert sim_db.client_error_line(error_of(conn, "SELECT nme FROM students")) == (
        "ERROR 1054 (42S22): Unknown column 'nme' in 'field list'"
    )
    conn.cursor().execute("INSERT INTO students (id, name) VALUES (1, 'Ann')")
    assert sim_db.client_error_line(error_of(conn, "INSERT INTO students (id, name) VALUES (1, 'Ann')")) == (
        "ERROR 1062 (23000): Duplicate entry '1' for key 'students.PRIMARY'"
    )
    with pytest.raises(pymysql.err.ProgrammingError) as info:
        sim_db.execute_script("SELECT * FROM studnets", database="school")
    assert sim_db.client_error_line(info.value) == "ERROR 1146 (42S02): Table 'school.studnets' doesn't exist"


@pytest.mark.parametrize(
    "sql, near",
    [
        ("SELECT * FROM students WHERE", ""),  # MySQL points at the end of the statement
        ("SELECT * FROM students LIMIT", ""),
        ("SELEC name FROM students", "SELEC name FROM students"),
        ("INSERT INTO students (name VALUES ('a')", "VALUES ('a')"),
    ],
)
def test_syntax_error_points_where_mysql_does(conn, sql, near):
    message = error_of(conn, sql).args[1]
    assert message.endswith(f" near '{near}' at line 1"), message


def test_unknown_function_is_1305_not_sqlites_text(conn):
    error = error_of(conn, "SELECT no_such_fn(name) FROM students")
    assert error.args == (1305, "FUNCTION school.no_such_fn does not exist")
    assert isinstance(error, pymysql.err.OperationalError)


# --- SQLAlchemy and Flask-SQLAlchemy over the school's URL ------------------------------------

URL = "mysql+pymysql://student:password@db.school.local:3306/school"


@pytest.fixture
def installed():
    sim_db.install()
    sim_db.execute_script("CREATE DATABASE school")


def test_sqlalchemy_core_create_insert_select_text(installed):
    engine = sa.create_engine(URL)
    metadata = sa.MetaData()
    pupils = sa.Table(
        "pupils", metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(30), nullable=False),
        sa.Column("fee", sa.Numeric(5, 2)),
        sa.Column("born", sa.Date),
    )
    metadata.create_all(engine)
    with engine.begin() as db:
        result = db.execute(pupils.insert().values(name="Ann", fee=decimal.Decimal("1.5"), born=datetime.date(2009, 9, 1)))
        assert result.inserted_primary_key == (1,)
        db.execute(pupils.insert(), [{"name": n} for n in ("Bob", "Cy", "Di", "Ed")])
    with engine.connect() as db:
        assert db.execute(sa.select(pupils.c.fee, pupils.c.born).where(pupils.c.id == 1)).one() == (
            decimal.Decimal("1.50"), datetime.date(2009, 9, 1),
        )
        # SQLAlchemy's MySQL dialect compiles limit/offset to LIMIT %(param_1)s, %(param_2)s.
        page = db.execute(sa.select(pupils.c.name).order_by(pupils.c.id).limit(2).offset(1)).scalars().all()
        assert page == ["Bob", "Cy"]
        rows = db.execute(sa.text("SELECT name FROM pupils WHERE id > :low AND name <> :skip ORDER BY id"), {"low": 2, "skip": "Di"})
        assert rows.scalars().all() == ["Cy", "Ed"]
        assert db.execute(sa.text("SELECT COUNT(*) FROM pupils")).scalar_one() == 5
        with pytest.raises(sa.exc.ProgrammingError) as info:
            db.execute(sa.text("SELECT * FROM studnets"))
        assert info.value.orig.args == (1146, "Table 'school.studnets' doesn't exist")
    engine.dispose()


def test_sqlalchemy_orm_and_transactions(installed):
    class Base(DeclarativeBase):
        pass

    class Pupil(Base):
        __tablename__ = "pupils"
        id: Mapped[int] = mapped_column(primary_key=True)
        name: Mapped[str] = mapped_column(sa.String(20), unique=True)

    engine = sa.create_engine(URL)
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add_all([Pupil(name="Ann"), Pupil(name="Bob")])
        session.commit()
        session.add(Pupil(name="Cy"))
        session.rollback()
        assert session.scalars(sa.select(Pupil.name).order_by(Pupil.id)).all() == ["Ann", "Bob"]
        session.add(Pupil(name="Ann"))
        with pytest.raises(sa.exc.IntegrityError) as info:
            session.commit()
        assert info.value.orig.args[0] == 1062
        assert info.value.orig.args[1].startswith("Duplicate entry 'Ann' for key 'pupils.")


@pytest.mark.parametrize("scheme", ["mysql", "mysql+pymysql", "mysql+mysqlconnector"])
def test_every_mysql_url_works(installed, scheme):
    engine = sa.create_engine(f"{scheme}://student:password@db.school.local:3306/school")
    with engine.begin() as db:
        db.execute(sa.text("CREATE TABLE t (x INT)"))
        db.execute(sa.text("INSERT INTO t VALUES (:x)"), [{"x": 1}, {"x": 2}])
    with engine.connect() as db:
        assert db.execute(sa.text("SELECT SUM(x) FROM t")).scalar() == 3


def test_flask_sqlalchemy_app(installed):
    from flask import Flask
    from flask_sqlalchemy import SQLAlchemy

    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = URL
    db = SQLAlchemy(app)

    class Student(db.Model):
        __tablename__ = "students"
        id = db.Column(db.Integer, primary_key=True)
        name = db.Column(db.String(20), nullable=False)

    with app.app_context():
        db.create_all()
        db.session.add_all([Student(name=f"S{i}") for i in range(7)])
        db.session.commit()
        page = db.paginate(db.select(Student).order_by(Student.id), page=2, per_page=3)
        assert [s.name for s in page.items] == ["S3", "S4", "S5"]
        assert page.total == 7
        assert db.session.execute(db.text("SELECT name FROM students WHERE id = :id"), {"id": 7}).scalar_one() == "S6"
    assert sim_db.execute_script("SELECT COUNT(*) FROM students", database="school").rows == [(7,)]


def test_now_is_mysqls_current_date_and_time(conn):
    cur = conn.cursor()
    cur.execute("CREATE TABLE visits (id INT AUTO_INCREMENT PRIMARY KEY, at DATETIME NOT NULL)")
    before = datetime.datetime.now().replace(microsecond=0)
    cur.execute("INSERT INTO visits (at) VALUES (NOW())")
    cur.execute("SELECT at FROM visits WHERE at <= NOW()")
    (at,) = cur.fetchone()
    assert isinstance(at, datetime.datetime)
    assert before <= at <= datetime.datetime.now() + datetime.timedelta(seconds=1)
    cur.execute("SELECT NOW()")
    assert [d[0] for d in cur.description] == ["NOW()"]
