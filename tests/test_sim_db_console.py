"""The mysql console: ``python -m sim_db`` and :class:`sim_db.console.Console` print what the real
client prints for the same input.

The real client's output for each case of ``tests/console/cases.py`` is recorded by
``tools/refresh_console.py`` (``mariadb`` 10.11 client and server) in
``tests/console/expected.json``, as the fidelity suite records its answers; a case without a
current recording fails. Where MariaDB's server words an error differently, the recording holds
MySQL 8's wording (``MYSQL8_OVERRIDES`` there, and the differential suite's rules). What is
normalised: see ``tests/console/harness.py``.
"""

from __future__ import annotations

import io

import pytest
from pymysql import err

import sim_db
from console import harness
from console.cases import CASES
from sim_db.console import Console, display_cells, format_table


@pytest.fixture(autouse=True)
def fresh_server():
    sim_db.reset()
    yield
    sim_db.reset()


def test_every_case_is_recorded_as_it_stands():
    recorded = harness.load_expected()
    for name, case in CASES.items():
        assert name in recorded, f"{name}: run tools/refresh_console.py {name}"
        entry = recorded[name]
        assert (entry["args"], entry["input"], entry["setup"], entry["files"]) == (case.args, case.input, case.setup, case.files), (
            f"{name} changed: run tools/refresh_console.py {name}"
        )


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if not c.interactive])
def test_command_prints_what_mysql_prints(name):
    """``python -m sim_db [args] < input``: the same stdout, stderr and exit status."""
    problems = harness.differences(name)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", [n for n, c in CASES.items() if c.interactive])
def test_console_prints_what_the_mysql_prompt_prints(name):
    """Line by line, as typed at the prompt: the same output and the same next prompt."""
    problems = harness.differences(name)
    assert not problems, "\n".join(problems)


# --- the API the page uses ----------------------------------------------------------------------


def test_errors_come_back_as_the_client_s_error_line():
    console = Console()
    assert console.run("SELECT * FROM nowhere.t;") == "ERROR 1049 (42000): Unknown database 'nowhere'\n"
    assert console.run("USE nowhere") == "ERROR 1049 (42000): Unknown database 'nowhere'\n"


def test_the_session_lasts_across_runs():
    console = Console()
    console.run("CREATE DATABASE school;\nUSE school")
    assert console.database == "school"
    console.run("CREATE TABLE t (x INT);")
    assert "Query OK, 1 row affected" in console.run("INSERT INTO t VALUES (7);")
    assert "|    7 |" in console.run("SELECT x FROM t;")  # a column that may be NULL: 4 wide


def test_an_unfinished_statement_waits_for_the_next_run():
    console = Console()
    assert console.run("SELECT 1 +") == ""
    assert console.prompt == "    -> "
    assert console.run("SELECT 'it''s") == ""
    assert console.prompt == "    '> "
    assert "| 1 + \nSELECT 'it's" not in console.run("';")
    assert console.prompt == "mysql> "


def test_the_first_error_stops_the_rest_unless_force():
    text = "SELECT 1 AS a; SELECT * FROM nowhere.t; SELECT 2 AS b;"
    stopped = Console().run(text)
    assert "| a |" in stopped and "ERROR 1049" in stopped and "| b |" not in stopped
    forced = Console(force=True).run(text)
    assert "| a |" in forced and "ERROR 1049" in forced and "| b |" in forced


def test_an_unknown_start_database_fails_as_connecting_does():
    with pytest.raises(err.OperationalError) as raised:
        Console(database="nowhere")
    assert raised.value.args[0] == 1049


def test_use_and_delimiter_are_client_commands():
    console = Console()
    console.run("CREATE DATABASE d;")
    assert console.run("use d") == "Database changed\n"  # no ';' needed: the client runs it
    out = console.run("DELIMITER //\nSELECT 'a;b' AS s//\nDELIMITER ;\nSELECT 2 AS n;")
    assert "| a;b |" in out and "| n |" in out


def test_widths_count_east_asian_characters_twice():
    assert display_cells("日本") == 4 and display_cells("José") == 4
    table = format_table(["name"], [["日本"], ["Ann"]], [False], [False])
    assert table.splitlines()[3] == "| 日本   |"  # 6 bytes wide, 4 cells used, 2 padding


def test_the_interactive_command_keeps_going_after_errors(monkeypatch):
    from sim_db import __main__ as command

    lines = iter(["SELECT * FROM nowhere.t;", "SELECT 5 AS five;", "quit"])
    monkeypatch.setattr("builtins.input", lambda prompt: next(lines))
    stdout = io.StringIO()
    assert command.interact(Console(force=True, write=lambda s, t: stdout.write(t)), stdout) == 0
    text = stdout.getvalue()
    assert "ERROR 1049 (42000): Unknown database 'nowhere'" in text and "| five |" in text and text.endswith("Bye\n")
