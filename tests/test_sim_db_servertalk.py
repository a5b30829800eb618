"""sim_db talks like a MySQL 8 server: SHOW, variables and SET, diagnostics, information_schema,
accounts, and SQLAlchemy's reflection (compared with a real MariaDB where one is installed)."""

from __future__ import annotations

import subprocess

import pymysql
import pytest

import sim_db
from sim_db.show import create_table_statement

SCHOOL = [
    "CREATE TABLE teachers (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(60) NOT NULL,"
    " email VARCHAR(120) NOT NULL UNIQUE, hired DATE, CONSTRAINT uq_teacher_hired UNIQUE (name, hired))",
    "CREATE TABLE courses (id INT AUTO_INCREMENT PRIMARY KEY, code CHAR(6) NOT NULL, title VARCHAR(100) NOT NULL,"
    " teacher_id INT, credits DECIMAL(3,1) DEFAULT 1.0, UNIQUE KEY uq_code (code), KEY idx_title_code (title, code),"
    " CONSTRAINT fk_course_teacher FOREIGN KEY (teacher_id) REFERENCES teachers(id) ON DELETE SET NULL)",
    "CREATE TABLE students (id INT AUTO_INCREMENT PRIMARY KEY, first_name VARCHAR(40) NOT NULL,"
    " last_name VARCHAR(40) NOT NULL, grade TINYINT DEFAULT 9, active BOOLEAN NOT NULL DEFAULT TRUE,"
    " created DATETIME DEFAULT CURRENT_TIMESTAMP, INDEX idx_name (last_name, first_name))",
    "CREATE TABLE enrollments (student_id INT NOT NULL, course_id INT NOT NULL, score INT,"
    " PRIMARY KEY (student_id, course_id), FOREIGN KEY (student_id) REFERENCES students(id) ON DELETE CASCADE,"
    " FOREIGN KEY (course_id) REFERENCES courses(id))",
]


@pytest.fixture(autouse=True)
def fresh_server():
    sim_db.reset()
    sim_db.configure(accounts=None)
    yield
    sim_db.configure(accounts=None)
    sim_db.reset()


def connect(**kwargs):
    kwargs.setdefault("autocommit", True)
    return sim_db.connect(user="student", password="password", **kwargs)


def school(database="school"):
    connection = connect()
    cursor = connection.cursor()
    cursor.execute(f"CREATE DATABASE {database}")
    cursor.execute(f"USE {database}")
    for statement in SCHOOL:
        cursor.execute(statement)
    return connection, cursor


def rows(cursor, sql, args=None):
    cursor.execute(sql, args)
    return cursor.fetchall()


# --- SHOW and DESCRIBE -----------------------------------------------------------------------------


def test_show_create_table_is_mysql8s_text():
    connection, cursor = school()
    cursor.execute("INSERT INTO teachers (name, email) VALUES ('Ada', 'ada@school.org'), ('Bob', 'bob@school.org')")
    assert rows(cursor, "SHOW CREATE TABLE courses")[0] == (
        "courses",
        "CREATE TABLE `courses` (\n"
        "  `id` int NOT NULL AUTO_INCREMENT,\n"
        "  `code` char(6) NOT NULL,\n"
        "  `title` varchar(100) NOT NULL,\n"
        "  `teacher_id` int DEFAULT NULL,\n"
        "  `credits` decimal(3,1) DEFAULT '1.0',\n"
        "  PRIMARY KEY (`id`),\n"
        "  UNIQUE KEY `uq_code` (`code`),\n"
        "  KEY `idx_title_code` (`title`,`code`),\n"
        "  KEY `fk_course_teacher` (`teacher_id`),\n"
        "  CONSTRAINT `fk_course_teacher` FOREIGN KEY (`teacher_id`) REFERENCES `teachers` (`id`) ON DELETE SET NULL\n"
        ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci",
    )
    text = create_table_statement(sim_db.get_server(), "school", "teachers")
    assert text.endswith(") ENGINE=InnoDB AUTO_INCREMENT=3 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci")
    assert "  UNIQUE KEY `email` (`email`)" in text
    enrollments = create_table_statement(sim_db.get_server(), "school", "enrollments")
    assert "  KEY `course_id` (`course_id`),\n  CONSTRAINT `enrollments_ibfk_1` FOREIGN KEY (`student_id`)" in enrollments
    with pytest.raises(pymysql.err.ProgrammingError) as error:
        cursor.execute("SHOW CREATE TABLE nowhere")
    assert error.value.args == (1146, "Table 'school.nowhere' doesn't exist")


def test_describe_and_show_columns_report_keys_as_mysql_does():
    connection, cursor = school()
    described = rows(cursor, "DESCRIBE courses")
    assert [(r[0], r[3]) for r in described] == [("id", "PRI"), ("code", "UNI"), ("title", "MUL"), ("teacher_id", "MUL"), ("credits", "")]
    assert described[4][4] == "1.0"
    assert rows(cursor, "SHOW FULL COLUMNS FROM courses LIKE 't%'")[0][:3] == ("title", "varchar(100)", "utf8mb4_0900_ai_ci")
    assert [r[0] for r in rows(cursor, "SHOW COLUMNS FROM school.students WHERE `Null` = 'NO'")] == [
        "id", "first_name", "last_name", "active"]
    assert [r[0] for r in rows(cursor, "SHOW FIELDS FROM students LIKE '%name'")] == ["first_name", "last_name"]


def test_show_tables_index_and_table_status():
    connection, cursor = school()
    assert rows(cursor, "SHOW TABLES LIKE 'c%'") == (("courses",),)
    assert cursor.description[0][0] == "Tables_in_school (c%)"
    assert rows(cursor, "SHOW FULL TABLES WHERE Tables_in_school LIKE '%s'")[0] == ("courses", "BASE TABLE")
    index = rows(cursor, "SHOW INDEX FROM students")
    assert [(r[2], r[3], r[4], r[1]) for r in index] == [
        ("PRIMARY", 1, "id", 0), ("idx_name", 1, "last_name", 1), ("idx_name", 2, "first_name", 1)]
    assert [r[2] for r in rows(cursor, "SHOW KEYS FROM courses WHERE Non_unique = 0")] == ["PRIMARY", "uq_code"]
    cursor.execute("INSERT INTO students (first_name, last_name) VALUES ('Ann', 'Lee')")
    status = dict(zip([d[0] for d in cursor.description or []], ()))
    status = rows(cursor, "SHOW TABLE STATUS LIKE 'students'")[0]
    assert (status[0], status[1], status[4], status[10]) == ("students", "InnoDB", 1, 2)
    with pytest.raises(pymysql.err.OperationalError) as error:
        cursor.execute("SHOW TABLES FROM nowhere")
    assert error.value.args[0] == 1049


# --- variables, SET, diagnostics --------------------------------------------------------------------


def test_system_variables_in_any_select_and_set_session_versus_global():
    connection = connect()
    cursor = connection.cursor()
    assert rows(cursor, "SELECT @@version LIKE '8.0.%', @@session.autocommit, @@lower_case_table_names, @@GLOBAL.time_zone") == (
        (1, 1, 0, "SYSTEM"),)
    cursor.execute("SET SESSION time_zone = '+00:00', @@div_precision_increment = DEFAULT")
    assert rows(cursor, "SELECT @@time_zone, @@global.time_zone") == (("+00:00", "SYSTEM"),)
    cursor.execute("SET GLOBAL group_concat_max_len = 4096")
    assert rows(cursor, "SELECT @@group_concat_max_len") == ((1024,),)  # this session keeps its value
    other = connect().cursor()
    assert rows(other, "SELECT @@group_concat_max_len, @@time_zone") == ((4096, "SYSTEM"),)
    assert rows(cursor, "SHOW VARIABLES LIKE 'autocommit'") == (("autocommit", "ON"),)
    with pytest.raises(pymysql.err.OperationalError) as error:
        cursor.execute("SELECT @@no_such_thing")
    assert error.value.args == (1193, "Unknown system variable 'no_such_thing'")
    with pytest.raises(pymysql.err.OperationalError) as error:
        cursor.execute("SET @@version = '9'")
    assert error.value.args == (1238, "Variable 'version' is a read only variable")


def test_user_variables_live_for_the_session():
    connection, cursor = school()
    cursor.execute("INSERT INTO students (first_name, last_name) VALUES ('Ann', 'Lee'), ('Bo', 'Ng'), ('Cy', 'Ox')")
    cursor.execute("SET @minimum = 2")
    assert rows(cursor, "SELECT first_name FROM students WHERE id >= @minimum ORDER BY id") == (("Bo",), ("Cy",))
    cursor.execute("SET @n = 0")
    assert rows(cursor, "SELECT @n := @n + 1 AS position, last_name FROM students ORDER BY last_name DESC") == (
        (1, "Ox"), (2, "Ng"), (3, "Lee"))
    assert rows(cursor, "SELECT @N, @unset") == ((3, None),)
    cursor.execute("SET @total = (SELECT COUNT(*) FROM students)")
    assert rows(cursor, "SELECT @total") == ((3,),)
    assert rows(connect().cursor(), "SELECT @total") == ((None,),)  # another session's variables are its own


def test_session_functions():
    first, second = connect(database=None), connect()
    cursor = first.cursor()
    cursor.execute("CREATE DATABASE school")
    cursor.execute("USE school")
    assert rows(cursor, "SELECT DATABASE(), SCHEMA(), USER(), CURRENT_USER(), VERSION()") == (
        ("school", "school", "student@localhost", "student@%", sim_db.fastpath.SERVER_VERSION),)
    ids = rows(cursor, "SELECT CONNECTION_ID()")[0][0], rows(second.cursor(), "SELECT CONNECTION_ID()")[0][0]
    assert ids[0] != ids[1] and ids[0] == first.thread_id()


def test_strict_mode_off_clips_values_with_warnings():
    connection, cursor = school()
    with pytest.raises(pymysql.err.DataError) as error:
        cursor.execute("INSERT INTO students (first_name, last_name, grade) VALUES ('Ann', 'Lee', 300)")
    assert error.value.args == (1264, "Out of range value for column 'grade' at row 1")
    cursor.execute("SET sql_mode = ''")
    cursor.execute("INSERT INTO students (first_name, last_name, grade) VALUES ('Ann', 'Lee', 300), "
                   "('Bartholomew-Maximilian-Alexander-Fitzgerald', 'Ng', '12abc')")
    assert cursor.warning_count == 3
    assert rows(cursor, "SHOW WARNINGS") == (
        ("Warning", 1264, "Out of range value for column 'grade' at row 1"),
        ("Warning", 1265, "Data truncated for column 'first_name' at row 2"),
        ("Warning", 1265, "Data truncated for column 'grade' at row 2"),
    )
    assert rows(cursor, "SELECT first_name, grade FROM students ORDER BY id") == (
        ("Ann", 127), ("Bartholomew-Maximilian-Alexander-Fitzger", 12))
    cursor.execute("UPDATE students SET grade = grade * 100")
    assert [w[1] for w in connection.show_warnings()] == [1264, 1264]
    assert rows(cursor, "SELECT @@warning_count") == ((2,),)
    assert rows(cursor, "SHOW WARNINGS") == ()  # the SELECT before cleared them, as MySQL 8 does


def test_only_full_group_by_follows_sql_mode():
    connection, cursor = school()
    query = "SELECT last_name, first_name FROM students GROUP BY last_name"
    with pytest.raises(pymysql.err.OperationalError) as error:
        cursor.execute(query)
    assert error.value.args[0] == 1055
    cursor.execute("SET SESSION sql_mode = 'STRICT_TRANS_TABLES'")
    assert rows(cursor, query) == ()
    assert rows(cursor, "SELECT @@sql_mode") == (("STRICT_TRANS_TABLES",),)
    cursor.execute("SET sql_mode = 'traditional'")
    assert "TRADITIONAL" in rows(cursor, "SELECT @@sql_mode")[0][0].split(",")
    with pytest.raises(pymysql.err.OperationalError) as error:
        cursor.execute("SET sql_mode = 'STRICT,NOPE'")
    assert error.value.args == (1231, "Variable 'sql_mode' can't be set to the value of 'STRICT'")


def test_show_warnings_and_errors_keep_the_last_statements_conditions():
    connection, cursor = school()
    with pytest.raises(pymysql.err.ProgrammingError):
        cursor.execute("SELECT * FROM studnets")
    assert rows(cursor, "SHOW ERRORS") == (("Error", 1146, "Table 'school.studnets' doesn't exist"),)
    assert rows(cursor, "SHOW COUNT(*) ERRORS") == ((1,),)
    assert rows(cursor, "SHOW WARNINGS") == (("Error", 1146, "Table 'school.studnets' doesn't exist"),)
    cursor.execute("SELECT 1")
    assert rows(cursor, "SHOW WARNINGS") == ()


def test_set_names_and_character_set():
    cursor = connect().cursor()
    cursor.execute("SET NAMES utf8")
    assert rows(cursor, "SELECT @@character_set_client, @@character_set_results, @@collation_connection") == (
        ("utf8mb3", "utf8mb3", "utf8mb3_general_ci"),)
    cursor.execute("SET NAMES utf8mb4 COLLATE utf8mb4_unicode_ci")
    assert rows(cursor, "SELECT @@collation_connection") == (("utf8mb4_unicode_ci",),)
    cursor.execute("SET CHARACTER SET latin1")
    assert rows(cursor, "SELECT @@character_set_client, @@character_set_connection") == (("latin1", "utf8mb4"),)
    with pytest.raises(pymysql.err.OperationalError) as error:
        cursor.execute("SET NAMES klingon")
    assert error.value.args == (1115, "Unknown character set: 'klingon'")


def test_connect_time_questions_are_answered_without_parsing_however_spelled():
    """The fast path (sim_db.fastpath) keeps sqlglot out of a client's connect: each of its
    questions, in any case and spacing, is answered without a translation."""
    cursor = connect(database=None).cursor()
    misses = sim_db.get_server().cache.misses
    for text in list(sim_db.fastpath.ANSWERS) + ["  SELECT\n  @@SESSION.sql_mode ;", "Set Names 'utf8mb4'", "select\tDATABASE()"]:
        cursor.execute(text.upper() if text.startswith("select @@") else text)
        cursor.fetchall()
    assert sim_db.get_server().cache.misses == misses
    assert rows(cursor, "SELECT  @@Version_Comment") == ((sim_db.variables.get(None, None, "version_comment"),),)


def test_foreign_key_checks_off_and_on_for_one_session():
    connection, cursor = school()
    other = connect(database="school").cursor()
    cursor.execute("SET FOREIGN_KEY_CHECKS = 0")
    cursor.execute("INSERT INTO enrollments (student_id, course_id) VALUES (7, 9)")  # no such student or course
    with pytest.raises(pymysql.err.IntegrityError) as error:
        other.execute("INSERT INTO enrollments (student_id, course_id) VALUES (8, 9)")  # the other session checks
    assert error.value.args[0] == 1452
    assert rows(cursor, "SELECT @@foreign_key_checks") == ((0,),)
    cursor.execute("SET FOREIGN_KEY_CHECKS = 1")
    with pytest.raises(pymysql.err.IntegrityError):
        cursor.execute("INSERT INTO enrollments (student_id, course_id) VALUES (8, 9)")


def test_foreign_key_checks_stay_off_after_alter_table_and_follow_the_global_value_on_connect():
    """ALTER TABLE rebuilds its table with SQLite's foreign keys on, and must leave them as the
    session has them; a new session starts with SET GLOBAL's value (MySQL copies the global
    value into each new session), an existing one keeps its own."""
    connection, cursor = school()
    cursor.execute("SET FOREIGN_KEY_CHECKS = 0")
    cursor.execute("ALTER TABLE courses ADD COLUMN room VARCHAR(10)")
    cursor.execute("INSERT INTO enrollments (student_id, course_id) VALUES (7, 9)")  # still unchecked
    cursor.execute("SET GLOBAL FOREIGN_KEY_CHECKS = 0")
    newcomer = connect(database="school").cursor()
    newcomer.execute("INSERT INTO enrollments (student_id, course_id) VALUES (8, 9)")
    assert rows(newcomer, "SELECT @@foreign_key_checks") == ((0,),)
    cursor.execute("SET FOREIGN_KEY_CHECKS = 1")
    with pytest.raises(pymysql.err.IntegrityError) as error:
        cursor.execute("INSERT INTO enrollments (student_id, course_id) VALUES (9, 9)")
    assert error.value.args[0] == 1452
    cursor.execute("SET GLOBAL FOREIGN_KEY_CHECKS = 1")


def test_foreign_key_checks_off_inside_a_transaction_accepts_children_before_parents():
    connection, _ = school()
    loader = connect(database="school", autocommit=False)
    cursor = loader.cursor()
    cursor.execute("INSERT INTO students (first_name, last_name) VALUES ('Ann', 'Lee')")  # a transaction is open
    cursor.execute("SET FOREIGN_KEY_CHECKS = 0")
    cursor.execute("INSERT INTO enrollments (student_id, course_id) VALUES (1, 1)")
    cursor.execute("INSERT INTO courses (id, code, title) VALUES (1, 'MAT101', 'Algebra')")
    loader.commit()
    assert rows(connection.cursor(), "SELECT COUNT(*) FROM school.enrollments") == ((1,),)


def test_autocommit_variable_is_the_connections_autocommit():
    connection = connect(autocommit=False)
    cursor = connection.cursor()
    assert rows(cursor, "SELECT @@autocommit") == ((0,),)
    cursor.execute("SET autocommit = ON")
    assert connection.get_autocommit() is True


# --- information_schema ---------------------------------------------------------------------------


def test_information_schema_answers_ordinary_selects():
    connection, cursor = school()
    tables = rows(cursor, "SELECT TABLE_NAME, TABLE_TYPE, ENGINE FROM information_schema.TABLES "
                          "WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME")
    assert tables == (("courses", "BASE TABLE", "InnoDB"), ("enrollments", "BASE TABLE", "InnoDB"),
                      ("students", "BASE TABLE", "InnoDB"), ("teachers", "BASE TABLE", "InnoDB"))
    columns = rows(cursor, "SELECT column_name, data_type, character_maximum_length, is_nullable, column_key "
                           "FROM information_schema.columns WHERE table_schema = 'school' AND table_name = 'courses' "
                           "ORDER BY ordinal_position")
    assert [d[0] for d in cursor.description] == ["COLUMN_NAME", "DATA_TYPE", "CHARACTER_MAXIMUM_LENGTH", "IS_NULLABLE", "COLUMN_KEY"]
    assert columns[:3] == (("id", "int", None, "NO", "PRI"), ("code", "char", 6, "NO", "UNI"), ("title", "varchar", 100, "NO", "MUL"))
    foreign = rows(cursor, """
        SELECT k.TABLE_NAME, k.COLUMN_NAME, k.REFERENCED_TABLE_NAME, r.DELETE_RULE
        FROM information_schema.KEY_COLUMN_USAGE k
        JOIN information_schema.REFERENTIAL_CONSTRAINTS r
          ON r.CONSTRAINT_SCHEMA = k.CONSTRAINT_SCHEMA AND r.CONSTRAINT_NAME = k.CONSTRAINT_NAME
        WHERE k.TABLE_SCHEMA = 'school' ORDER BY k.TABLE_NAME, k.COLUMN_NAME""")
    assert foreign == (("courses", "teacher_id", "teachers", "SET NULL"), ("enrollments", "course_id", "courses", "NO ACTION"),
                       ("enrollments", "student_id", "students", "CASCADE"))
    constraints = rows(cursor, "SELECT CONSTRAINT_TYPE, COUNT(*) FROM information_schema.TABLE_CONSTRAINTS "
                               "WHERE TABLE_SCHEMA = 'school' GROUP BY CONSTRAINT_TYPE ORDER BY CONSTRAINT_TYPE")
    assert constraints == (("FOREIGN KEY", 3), ("PRIMARY KEY", 4), ("UNIQUE", 3))
    assert rows(cursor, "SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_NAME = 'students' "
                        "AND SEQ_IN_INDEX = 2") == (("idx_name", "first_name"),)


def test_information_schema_follows_ddl():
    connection, cursor = school()
    query = "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'school'"
    assert rows(cursor, query) == ((4,),)
    cursor.execute("CREATE TABLE rooms (id INT PRIMARY KEY)")
    assert rows(cursor, query) == ((5,),)
    cursor.execute("DROP TABLE rooms")
    assert rows(cursor, query) == ((4,),)
    cursor.execute("CREATE DATABASE library")
    assert ("library",) in rows(cursor, "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA")


# --- accounts -------------------------------------------------------------------------------------


def test_any_user_connects_by_default():
    assert rows(sim_db.connect(user="whoever", password="anything").cursor(), "SELECT USER()") == (("whoever@localhost",),)


def test_configured_accounts_refuse_a_wrong_password_and_unknown_database():
    sim_db.configure(accounts={"student": "password"})
    assert connect().open
    with pytest.raises(pymysql.err.OperationalError) as error:
        sim_db.connect(user="student", password="wrong")
    assert error.value.args == (1045, "Access denied for user 'student'@'localhost' (using password: YES)")
    with pytest.raises(pymysql.err.OperationalError) as error:
        sim_db.connect(user="intruder")
    assert error.value.args == (1045, "Access denied for user 'intruder'@'localhost' (using password: NO)")
    with pytest.raises(pymysql.err.OperationalError) as error:
        connect(database="nowhere")
    assert error.value.args == (1049, "Unknown database 'nowhere'")


def test_create_user_adds_an_account_and_grant_is_recorded():
    sim_db.configure(accounts={"teacher": "chalk"})
    cursor = sim_db.connect(user="teacher", password="chalk", autocommit=True).cursor()
    cursor.execute("CREATE DATABASE school")
    cursor.execute("CREATE USER 'student'@'%' IDENTIFIED BY 'secret'")
    cursor.execute("GRANT SELECT, INSERT ON school.* TO 'student'@'%'")
    cursor.execute("FLUSH PRIVILEGES")
    student = sim_db.connect(user="student", password="secret")
    assert rows(student.cursor(), "SELECT CURRENT_USER()") == (("student@%",),)
    assert rows(cursor, "SHOW GRANTS FOR 'student'@'%'") == (
        ("GRANT USAGE ON *.* TO `student`@`%`",), ("GRANT SELECT, INSERT ON `school`.* TO `student`@`%`",))
    with pytest.raises(pymysql.err.OperationalError) as error:
        cursor.execute("CREATE USER 'student'@'%' IDENTIFIED BY 'again'")
    assert error.value.args == (1396, "Operation CREATE USER failed for 'student'@'%'")
    with pytest.raises(pymysql.err.OperationalError) as error:
        cursor.execute("GRANT ALL ON school.* TO 'ghost'@'%'")
    assert error.value.args[0] == 1410
    cursor.execute("DROP USER 'student'@'%'")
    with pytest.raises(pymysql.err.OperationalError):
        sim_db.connect(user="student", password="secret")


# --- SQLAlchemy -----------------------------------------------------------------------------------


def _reflect(engine) -> dict:
    from sqlalchemy import MetaData, Table, inspect

    inspector = inspect(engine)
    answer = {"tables": inspector.get_table_names()}
    for table in answer["tables"]:
        answer[table] = {
            "columns": [{k: str(v) for k, v in c.items() if k != "comment"} for c in inspector.get_columns(table)],
            "pk": inspector.get_pk_constraint(table),
            "fks": inspector.get_foreign_keys(table),
            "indexes": inspector.get_indexes(table),
            "uniques": inspector.get_unique_constraints(table),
        }
    metadata = MetaData()
    metadata.reflect(engine)
    answer["reflected"] = sorted(metadata.tables)
    answer["autoload"] = [c.name for c in Table("courses", MetaData(), autoload_with=engine).columns]
    answer["has_table"] = [inspector.has_table("courses"), inspector.has_table("nowhere")]
    return answer


def _build(engine) -> None:
    with engine.begin() as connection:
        for statement in SCHOOL:
            connection.exec_driver_sql(statement)


def test_sqlalchemy_reflection_of_sim_db():
    from sqlalchemy import create_engine

    sim_db.install()
    sim_db.get_server().create_database("reflect")
    engine = create_engine("mysql+pymysql://student:password@localhost/reflect")
    _build(engine)
    answer = _reflect(engine)
    assert answer["tables"] == ["courses", "enrollments", "students", "teachers"]
    assert answer["courses"]["fks"] == [{
        "name": "fk_course_teacher", "constrained_columns": ["teacher_id"], "referred_schema": None,
        "referred_table": "teachers", "referred_columns": ["id"], "options": {"ondelete": "SET NULL"}}]
    assert {i["name"]: i["column_names"] for i in answer["courses"]["indexes"]} == {
        "idx_title_code": ["title", "code"], "fk_course_teacher": ["teacher_id"], "uq_code": ["code"]}
    assert [u["name"] for u in answer["teachers"]["uniques"]] == ["email", "uq_teacher_hired"]
    assert answer["enrollments"]["pk"]["constrained_columns"] == ["student_id", "course_id"]
    assert answer["has_table"] == [True, False]


def _mysql8_defaults(answer: dict) -> dict:
    """MariaDB prints column defaults unquoted (``DEFAULT 9``, ``current_timestamp()``); MySQL 8's
    SHOW CREATE TABLE quotes literal defaults (``DEFAULT '9'``) and spells CURRENT_TIMESTAMP
    (https://dev.mysql.com/doc/refman/8.0/en/show-create-table.html), so SQLAlchemy reflects
    ``'9'``: MariaDB's answers turned into MySQL 8's before comparing."""
    for table in answer["tables"]:
        for column in answer[table]["columns"]:
            default = column.get("default")
            if default == "current_timestamp()":
                column["default"] = "CURRENT_TIMESTAMP"
            elif default not in (None, "None") and not default.startswith("'"):
                column["default"] = f"'{default}'"
    return answer


def _real_pymysql_connection():
    """PyMySQL's own Connection class, from a fresh copy of its module."""
    import importlib.util

    spec = importlib.util.find_spec("pymysql.connections")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.Connection


def test_sqlalchemy_reflection_matches_mariadb():
    mariadb = pytest.importorskip("mariadb")
    if not mariadb.available():
        pytest.skip("MariaDB's server binaries are not installed")
    from sqlalchemy import create_engine

    real = _real_pymysql_connection()  # sim_db.install() may have replaced PyMySQL's in this process
    try:
        server = mariadb.start()
    except (subprocess.CalledProcessError, RuntimeError):
        # mariadb-install-db's temporary tables live in the shared /tmp, where another
        # installation running at the same moment can collide with them: once more.
        server = mariadb.start()
    try:
        with real(host="127.0.0.1", port=server.port, user="root", autocommit=True) as connection:
            connection.cursor().execute("CREATE DATABASE reflect")
        engine = create_engine("mysql+pymysql://", creator=lambda: real(host="127.0.0.1", port=server.port, user="root", database="reflect"))
        _build(engine)
        expected = _mysql8_defaults(_reflect(engine))
        engine.dispose()
    finally:
        server.stop()
    sim_db.install()
    sim_db.get_server().create_database("reflect")
    engine = create_engine("mysql+pymysql://student:password@localhost/reflect")
    _build(engine)
    assert _reflect(engine) == expected


# --- more of SHOW, non-strict writes and accounts -------------------------------------------------


def test_show_create_table_text_recreates_the_same_table():
    """What mysqldump writes from SHOW CREATE TABLE must load back into the same table."""
    connection, cursor = school()
    cursor.execute("CREATE TABLE notices (id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                   " body VARCHAR(100) NOT NULL COMMENT 'on the board', kind ENUM('news','exam') DEFAULT 'news',"
                   " posted TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, teacher_id INT,"
                   " FOREIGN KEY (teacher_id) REFERENCES teachers(id) ON UPDATE CASCADE) COMMENT='the board''s notices'")
    texts = {t: rows(cursor, f"SHOW CREATE TABLE {t}")[0][1] for t in ("teachers", "courses", "students", "enrollments", "notices")}
    assert "  `posted` timestamp NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n" in texts["notices"]
    assert "  `body` varchar(100) NOT NULL COMMENT 'on the board',\n" in texts["notices"]
    assert "REFERENCES `teachers` (`id`) ON UPDATE CASCADE\n" in texts["notices"]
    assert texts["notices"].endswith(" COLLATE=utf8mb4_0900_ai_ci COMMENT='the board''s notices'")
    cursor.execute("CREATE DATABASE copy")
    cursor.execute("USE copy")
    for table, text in texts.items():
        cursor.execute(text)
    assert {t: rows(cursor, f"SHOW CREATE TABLE {t}")[0][1] for t in texts} == texts
    assert rows(cursor, "SHOW FULL COLUMNS FROM notices LIKE 'body'")[0][8] == "on the board"


def test_show_create_view_full_tables_and_information_schema_know_views():
    connection, cursor = school()
    with pytest.raises(pymysql.err.OperationalError) as error:
        cursor.execute("SHOW CREATE VIEW teachers")
    assert error.value.args == (1347, "'school.teachers' is not VIEW")
    cursor.execute("CREATE VIEW staff AS SELECT name FROM teachers")
    assert rows(cursor, "SHOW FULL TABLES LIKE 's%'") == (("staff", "VIEW"), ("students", "BASE TABLE"))
    view = rows(cursor, "SHOW CREATE VIEW staff")[0]
    # MySQL 8 prints the SELECT as it stored it (select `school`.`teachers`.`name` AS ...);
    # sim_db prints it as written.
    assert view[0] == "staff"
    assert view[1].startswith("CREATE ALGORITHM=UNDEFINED DEFINER=`student`@`%` SQL SECURITY DEFINER VIEW `staff` AS ")
    assert "teachers" in view[1]
    assert rows(cursor, "SELECT TABLE_NAME, IS_UPDATABLE FROM information_schema.VIEWS WHERE TABLE_SCHEMA = 'school'") == (("staff", "YES"),)
    assert rows(cursor, "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'school' AND TABLE_NAME LIKE 's%' ORDER BY 1") == (
        ("staff", "VIEW"), ("students", "BASE TABLE"))


def test_non_strict_insert_fills_missing_columns_with_implicit_defaults():
    connection, cursor = school()
    with pytest.raises(pymysql.err.OperationalError) as error:
        cursor.execute("INSERT INTO students (grade) VALUES (10)")
    assert error.value.args[0] == 1364
    cursor.execute("SET sql_mode = ''")
    cursor.execute("INSERT INTO students (grade) VALUES (10), (11)")
    assert rows(cursor, "SHOW WARNINGS") == (
        ("Warning", 1364, "Field 'first_name' doesn't have a default value"),
        ("Warning", 1364, "Field 'last_name' doesn't have a default value"))
    assert rows(cursor, "SELECT first_name, last_name, grade FROM students ORDER BY id") == (("", "", 10), ("", "", 11))


def test_grants_are_recorded_per_level_and_revoke_needs_a_grant():
    cursor = connect().cursor()
    cursor.execute("CREATE DATABASE school")
    cursor.execute("CREATE USER pupil IDENTIFIED BY 'pw'")
    cursor.execute("GRANT ALL ON school.* TO pupil")
    assert rows(cursor, "SHOW GRANTS FOR pupil")[1] == ("GRANT ALL PRIVILEGES ON `school`.* TO `pupil`@`%`",)
    cursor.execute("REVOKE DROP, ALTER ON school.* FROM pupil")
    grant = rows(cursor, "SHOW GRANTS FOR pupil")[1][0]
    assert grant.startswith("GRANT SELECT, INSERT, UPDATE, DELETE, CREATE, REFERENCES, INDEX, CREATE TEMPORARY TABLES")
    with pytest.raises(pymysql.err.OperationalError) as error:
        cursor.execute("REVOKE SELECT ON library.* FROM pupil")
    assert error.value.args == (1141, "There is no such grant defined for user 'pupil' on host '%'")
    with pytest.raises(pymysql.err.ProgrammingError) as error:
        cursor.execute("GRANT SELEC ON school.* TO pupil")
    assert error.value.args[0] == 1064 and "near 'ON school.* TO pupil'" in error.value.args[1]
    cursor.execute("RENAME USER pupil TO learner")
    assert rows(cursor, "SHOW GRANTS FOR learner")[0] == ("GRANT USAGE ON *.* TO `learner`@`%`",)


def test_show_table_status_and_information_schema_tables_count_rows():
    connection, cursor = school()
    cursor.execute("INSERT INTO teachers (name, email) VALUES ('Ada', 'a@s.org'), ('Bob', 'b@s.org'), ('Cy', 'c@s.org')")
    status = {row[0]: row for row in rows(cursor, "SHOW TABLE STATUS WHERE Name LIKE 't%'")}
    assert list(status) == ["teachers"]
    assert (status["teachers"][4], status["teachers"][10], status["teachers"][14]) == (3, 4, "utf8mb4_0900_ai_ci")
    assert rows(cursor, "SELECT TABLE_ROWS, AUTO_INCREMENT FROM information_schema.TABLES WHERE TABLE_NAME = 'teachers'") == ((3, 4),)


def test_if_exists_clauses_leave_notes():
    connection, cursor = school()
    cursor.execute("DROP TABLE IF EXISTS rooms, students_old")
    assert cursor.warning_count == 2
    assert rows(cursor, "SHOW WARNINGS") == (
        ("Note", 1051, "Unknown table 'school.rooms'"), ("Note", 1051, "Unknown table 'school.students_old'"))
    cursor.execute("CREATE TABLE IF NOT EXISTS students (id INT)")
    assert rows(cursor, "SHOW WARNINGS") == (("Note", 1050, "Table 'students' already exists"),)
    cursor.execute("SET sql_notes = OFF")
    cursor.execute("CREATE DATABASE IF NOT EXISTS school")
    assert cursor.warning_count == 0 and rows(cursor, "SHOW WARNINGS") == ()


def test_user_is_at_localhost_whatever_host_the_url_names():
    cursor = sim_db.connect(host="db.school.local", user="student", password="password").cursor()
    assert rows(cursor, "SELECT USER(), CURRENT_USER()") == (("student@localhost", "student@%"),)


def test_show_forms_sqlglot_does_not_know_leave_no_log_in_the_terminal(capfd):
    connection, cursor = school()
    capfd.readouterr()
    assert [r[2] for r in rows(cursor, "SHOW KEYS FROM students")] == ["PRIMARY", "idx_name", "idx_name"]
    assert len(rows(cursor, "SHOW FIELDS FROM students")) == 6
    assert rows(cursor, "SHOW COUNT(*) WARNINGS") == ((0,),)
    assert capfd.readouterr() == ("", "")


def test_safe_updates_refuse_writes_without_a_key():
    connection, cursor = school()
    cursor.execute("INSERT INTO students (first_name, last_name) VALUES ('Ann', 'Lee'), ('Bo', 'Ng')")
    cursor.execute("SET SQL_SAFE_UPDATES = 1")
    with pytest.raises(pymysql.err.OperationalError) as error:
        cursor.execute("UPDATE students SET grade = 10")
    assert error.value.args[0] == 1175
    with pytest.raises(pymysql.err.OperationalError):
        cursor.execute("DELETE FROM students WHERE first_name = 'Ann'")  # first_name leads no index
    cursor.execute("DELETE FROM students WHERE last_name = 'Ng'")  # idx_name starts with last_name
    assert cursor.rowcount == 1
    assert rows(cursor, "SELECT @@sql_safe_updates") == ((1,),)


def test_a_configured_account_shows_the_privileges_it_has():
    sim_db.configure(accounts={"student": "password"})
    cursor = connect().cursor()
    assert rows(cursor, "SHOW GRANTS") == (("GRANT ALL PRIVILEGES ON *.* TO `student`@`%`",),)
    assert cursor.description[0][0] == "Grants for student@%"


def test_check_constraints_print_as_mysql_8_prints_them():
    """The catalog's CHECK constraints (name, condition) in SHOW CREATE TABLE and
    information_schema, in MySQL 8's spelling."""
    server = sim_db.get_server()
    sim_db.execute_script(
        "CREATE DATABASE school; CREATE TABLE school.pupils (age INT CHECK (age BETWEEN 5 AND 19),"
        " kind VARCHAR(5), CONSTRAINT kind_ok CHECK (kind IN ('day', 'board') OR kind IS NULL))"
    )
    text = create_table_statement(server, "school", "pupils")
    assert text.splitlines()[3:5] == [
        "  CONSTRAINT `kind_ok` CHECK (((`kind` in (_utf8mb4'day',_utf8mb4'board')) or (`kind` is null))),",
        "  CONSTRAINT `pupils_chk_1` CHECK ((`age` between 5 and 19))",
    ]
    cursor = connect(database="school").cursor()
    assert rows(cursor, "SELECT CONSTRAINT_NAME, CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS ORDER BY 1") == (
        ("kind_ok", "((`kind` in (_utf8mb4'day',_utf8mb4'board')) or (`kind` is null))"),
        ("pupils_chk_1", "(`age` between 5 and 19)"))
