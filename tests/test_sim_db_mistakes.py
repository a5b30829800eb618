"""Student mistakes beyond what the differential corpus (tests/fidelity/cases/mistakes4.sql)
pins down: what a refused statement leaves behind, and rewrites that depend on the catalog."""

from __future__ import annotations

import datetime

import pymysql
import pytest

import sim_db


@pytest.fixture(autouse=True)
def fresh_server():
    sim_db.reset()
    yield
    sim_db.reset()


@pytest.fixture
def cursor():
    sim_db.execute_script("CREATE DATABASE school;")
    connection = sim_db.connect(database="school", autocommit=True)
    yield connection.cursor()
    connection.close()


def error_of(cursor, sql):
    with pytest.raises(pymysql.err.MySQLError) as caught:
        cursor.execute(sql)
    return caught.value.args


def test_inline_references_make_no_foreign_key(cursor):
    # MySQL 8 parses and ignores REFERENCES in a column definition: no parent row is needed.
    cursor.execute("CREATE TABLE parent (id INT PRIMARY KEY)")
    cursor.execute("CREATE TABLE child (parent_id INT REFERENCES parent(id))")
    cursor.execute("INSERT INTO child VALUES (99)")
    cursor.execute("SELECT parent_id FROM child")
    assert cursor.fetchall() == ((99,),)


def test_a_refused_view_is_not_left_behind(cursor):
    assert error_of(cursor, "CREATE VIEW v AS SELECT * FROM nothere")[0] == 1146
    assert error_of(cursor, "SELECT * FROM v")[0] == 1146
    cursor.execute("CREATE TABLE t (n INT)")
    cursor.execute("CREATE VIEW v AS SELECT n FROM t")
    assert error_of(cursor, "CREATE VIEW v AS SELECT n FROM t") == (1050, "Table 'v' already exists")


def test_call_names_the_missing_procedure(cursor):
    assert error_of(cursor, "CALL other.tidy(1)") == (1305, "PROCEDURE other.tidy does not exist")
    connection = sim_db.connect(autocommit=True)
    assert error_of(connection.cursor(), "CALL tidy()") == (1046, "No database selected")


def test_text_compared_with_a_number_column_is_read_as_a_number(cursor):
    cursor.execute("CREATE TABLE t (name VARCHAR(10), grade INT)")
    cursor.execute("INSERT INTO t VALUES ('Ann', 40), ('Bob', 0)")
    cursor.execute("SELECT name FROM t WHERE grade = '40abc'")
    assert cursor.fetchall() == (("Ann",),)
    cursor.execute("SELECT name FROM t WHERE grade = 'abc'")  # 'abc' is 0
    assert cursor.fetchall() == (("Bob",),)
    cursor.execute("SELECT name FROM t WHERE name > 'B'")  # a text column compares as text
    assert cursor.fetchall() == (("Bob",),)
    cursor.execute("UPDATE t SET name = 'x1y' WHERE grade = 0")  # an assignment is no comparison
    cursor.execute("SELECT name FROM t WHERE grade = 0")
    assert cursor.fetchall() == (("x1y",),)


def test_a_statement_run_before_its_table_existed_is_translated_again(cursor):
    assert error_of(cursor, "SELECT n FROM later WHERE n > 'abc'")[0] == 1146
    cursor.execute("CREATE TABLE later (n INT)")
    cursor.execute("INSERT INTO later VALUES (5)")
    cursor.execute("SELECT n FROM later WHERE n > 'abc'")
    assert cursor.fetchall() == ((5,),)


def test_date_literals_in_other_formats_and_datetimes_at_midnight(cursor):
    cursor.execute("CREATE TABLE ev (at DATETIME, day DATE)")
    cursor.execute("INSERT INTO ev VALUES ('2024-01-15 00:00:00', '2024-01-15'), ('2024-01-15 10:00:00', '2024-01-16')")
    cursor.execute("SELECT at FROM ev WHERE at = '2024-01-15'")
    assert cursor.fetchall() == ((datetime.datetime(2024, 1, 15),),)
    cursor.execute("SELECT day FROM ev WHERE day BETWEEN '2024/1/1' AND 20240115")
    assert cursor.fetchall() == ((datetime.date(2024, 1, 15),),)


def test_table_names_are_case_sensitive(cursor):
    cursor.execute("CREATE TABLE pupils (id INT)")
    assert error_of(cursor, "SELECT * FROM pupils JOIN Pupils") == (1146, "Table 'school.Pupils' doesn't exist")


def test_decimals_keep_their_scale_as_text_and_sort_as_numbers(cursor):
    cursor.execute("CREATE TABLE m (g DECIMAL(4,1))")
    cursor.execute("INSERT INTO m VALUES (4), (10.25), (NULL)")
    cursor.execute("SELECT CONCAT('g=', g), IFNULL(g, 'none') FROM m ORDER BY g")
    assert cursor.fetchall() == ((None, "none"), ("g=4.0", "4.0"), ("g=10.3", "10.3"))
    cursor.execute("SELECT GROUP_CONCAT(g ORDER BY g DESC) FROM m")
    assert cursor.fetchall() == (("10.3,4.0",),)


def test_json_is_printed_as_mysql_prints_it(cursor):
    cursor.execute("SELECT JSON_OBJECT('bb', 1, 'a', JSON_ARRAY(1, 2.5, 'x'))")
    assert cursor.fetchall() == (('{"a": [1, 2.5, "x"], "bb": 1}',),)


def test_full_text_search_with_an_index_is_not_simulated(cursor):
    cursor.execute("CREATE TABLE notes (body TEXT, FULLTEXT KEY (body))")
    assert error_of(cursor, "SELECT * FROM notes WHERE MATCH(body) AGAINST ('x')")[0] == 1235
    cursor.execute("CREATE TABLE plain (body TEXT)")
    assert error_of(cursor, "SELECT * FROM plain WHERE MATCH(body) AGAINST ('x')")[0] == 1191


def test_explain_states_only_a_certain_plan(cursor):
    cursor.execute("CREATE TABLE t (id INT PRIMARY KEY, n INT)")
    cursor.execute("INSERT INTO t VALUES (1, 1), (2, 2)")
    cursor.execute("EXPLAIN SELECT n FROM t")
    assert cursor.fetchall() == ((1, "SIMPLE", "t", None, "ALL", None, None, None, None, 2, 100.0, None),)
    assert error_of(cursor, "EXPLAIN SELECT n FROM t WHERE id = 1")[0] == 1235
