"""The page's MySQL console end to end: typed lines reach sim_db through the same worker as the
app, and the pane prints what the `mysql` client prints."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.e2e


def type_line(page, text: str) -> None:
    box = page.locator("#mysql-input")
    box.fill(text)
    box.press("Enter")


def wait_for_output(page, needle: str) -> str:
    page.wait_for_function(
        "(needle) => document.getElementById('mysql-output').textContent.includes(needle)", arg=needle
    )
    return page.locator("#mysql-output").text_content()


def test_a_typed_query_prints_the_clients_table(page):
    type_line(page, "SELECT id, name, grade FROM students WHERE id <= 2;")
    output = wait_for_output(page, "rows in set")
    assert "mysql> SELECT id, name, grade FROM students WHERE id <= 2;" in output
    assert "| id | name" in output
    assert re.search(r"\|  1 \| Alex\s+\|    91 \|", output), output
    assert re.search(r"2 rows in set \(\d+\.\d\d sec\)", output), output


def test_a_statement_over_several_lines_waits_for_its_semicolon(page):
    type_line(page, "SELECT COUNT(*) AS n")
    page.wait_for_function("() => document.getElementById('mysql-prompt').textContent === '    -> '")
    type_line(page, "FROM students;")
    output = wait_for_output(page, "1 row in set")
    assert "    -> FROM students;" in output
    assert page.locator("#mysql-prompt").text_content() == "mysql> "


def test_an_error_prints_mysqls_line_and_the_console_goes_on(page):
    type_line(page, "SELECT * FROM studnets;")
    output = wait_for_output(page, "ERROR 1146")
    assert "ERROR 1146 (42S02): Table 'school.studnets' doesn't exist" in output
    type_line(page, "SELECT 1 + 1 AS two;")
    assert "| two |" in wait_for_output(page, "| two |")


def test_the_console_session_sees_its_own_transaction_and_the_app_does_not(page):
    """The console is its own MySQL session: uncommitted rows stay invisible to the app."""
    out = page.evaluate("() => roundtrip.mysql('START TRANSACTION; UPDATE students SET grade = 5 WHERE id = 1;')")
    assert "Rows matched: 1  Changed: 1  Warnings: 0" in out
    inside = page.evaluate("() => roundtrip.mysql('SELECT grade FROM students WHERE id = 1;')")
    assert re.search(r"\|\s+5 \|", inside), inside
    app_sees = page.evaluate("() => roundtrip.request('GET', '/api/students').then(r => JSON.parse(r.body))")
    assert app_sees[0]["grade"] == 91
    page.evaluate("() => roundtrip.mysql('ROLLBACK;')")
    after = page.evaluate("() => roundtrip.mysql('SELECT grade FROM students WHERE id = 1;')")
    assert re.search(r"\|\s+91 \|", after), after


def test_download_sql_saves_a_mysqldump_of_the_databases(page):
    """What a student takes to the school's real server: the Download .sql button saves the
    databases in mysqldump's format, rows included (roundtrip.dump() gives the same text)."""
    page.evaluate("() => roundtrip.mysql(\"INSERT INTO students (name, grade) VALUES ('Dump Me', 77);\")")
    with page.expect_download() as caught:
        page.locator("#download-dump").click()
    download = caught.value
    assert download.suggested_filename.endswith(".sql")
    text = open(download.path(), encoding="utf-8").read()
    assert "-- MySQL dump" in text
    assert "CREATE TABLE `students`" in text
    assert "(1,'Alex',91)" in text and "'Dump Me',77)" in text
    assert page.evaluate("() => roundtrip.dump()").count("CREATE TABLE `students`") == 1
    page.evaluate("() => roundtrip.mysql(\"DELETE FROM students WHERE name = 'Dump Me';\")")


def test_a_transaction_left_open_in_the_console_makes_the_apps_write_wait_and_fail_1205(page):
    """A classic: START TRANSACTION in the console, a row changed, no COMMIT. The app's write
    then fails as on the real server (there after innodb_lock_wait_timeout): a 500 whose
    traceback names error 1205 in the Flask terminal. COMMIT in the console lets it through."""
    page.evaluate("() => roundtrip.mysql('START TRANSACTION; UPDATE students SET grade = 92 WHERE id = 1;')")
    blocked = page.evaluate(
        "() => roundtrip.request('POST', '/api/students', {headers: {'Content-Type': 'application/json'},"
        " body: JSON.stringify({name: 'Waiting', grade: 50})})"
    )
    assert blocked["status"] == 500
    assert any("1205" in line and "Lock wait timeout exceeded" in line for line in page.evaluate("() => roundtrip.terminal()"))
    page.evaluate("() => roundtrip.mysql('COMMIT;')")
    created = page.evaluate(
        "() => roundtrip.request('POST', '/api/students', {headers: {'Content-Type': 'application/json'},"
        " body: JSON.stringify({name: 'Through', grade: 51})})"
    )
    assert created["status"] == 201
    assert page.evaluate("() => roundtrip.sql(\"SELECT grade FROM students WHERE id = 1\")")["rows"] == [[92]]
    page.evaluate("() => roundtrip.sql(\"DELETE FROM students WHERE name = 'Through'; UPDATE students SET grade = 91 WHERE id = 1\")")
