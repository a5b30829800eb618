"""The statement reader (``sim_db.script.ClientReader``) splits input as the ``mysql`` client's
add_line does (client/mysql.cc), in the cases its fast paths must get right: delimiters inside
strings, comments and identifiers, escapes, ``DELIMITER`` (also changed in the middle of a
line), ``\\G``/``\\g``, the three comment styles, versioned comments and optimizer hints,
statements and strings spanning lines (with the prompts the client shows meanwhile), and
megabyte statements. Speed is measured by ``tools/bench_sim_db.py``, not here.
"""

from __future__ import annotations

from sim_db.script import ClientReader, numbered_statements, split_statements


def steps(lines: list[str], batch: bool = True) -> list:
    """What the reader asks the client to do, line by line, with the prompt after each line."""
    reader, seen = ClientReader(batch=batch), []
    for line in lines:
        seen += [(s.kind, s.text, s.line, s.vertical) for s in reader.feed(line)]
        seen.append(reader.prompt)
    seen += [(s.kind, s.text, s.line, s.vertical) for s in reader.finish()]
    return seen


def test_a_delimiter_inside_strings_identifiers_or_comments_ends_nothing():
    text = "SELECT 'a;b', \"c;d\", `e;f` /* g; */ FROM t; -- h;\nSELECT 2;"
    assert numbered_statements(text) == [(1, "SELECT 'a;b', \"c;d\", `e;f`  FROM t"), (2, "SELECT 2")]


def test_escaped_and_doubled_quotes_stay_inside_their_string():
    assert split_statements("SELECT 'it\\'s; ok', \"say \\\"hi;\\\"\", 'a\\\\';") == [
        "SELECT 'it\\'s; ok', \"say \\\"hi;\\\"\", 'a\\\\'"
    ]
    assert split_statements("SELECT 'x''y;z'; SELECT 2;") == ["SELECT 'x''y;z'", "SELECT 2"]


def test_a_double_semicolon_delimiter_keeps_a_trigger_body_whole():
    text = (
        "DELIMITER ;;\n"
        "CREATE TRIGGER tr AFTER INSERT ON t FOR EACH ROW BEGIN SET @a = 1; SET @b = 2; END;;\n"
        "DELIMITER ;\n"
        "SELECT 3;"
    )
    assert numbered_statements(text) == [
        (2, "CREATE TRIGGER tr AFTER INSERT ON t FOR EACH ROW BEGIN SET @a = 1; SET @b = 2; END"),
        (4, "SELECT 3"),
    ]


def test_a_delimiter_set_mid_line_applies_to_the_rest_of_the_line():
    assert numbered_statements("SELECT 1; delimiter //; SELECT 2// SELECT 'x//'//") == [
        (1, "SELECT 1"), (1, "SELECT 2"), (1, "SELECT 'x//'"),
    ]


def test_backslash_g_ends_a_statement_and_capital_g_asks_for_vertical_output():
    assert steps(["SELECT 1\\G", "SELECT 2 \\g SELECT 3;"]) == [
        ("go", "SELECT 1", 1, True), "mysql> ",
        ("go", "SELECT 2 ", 2, False), ("go", "SELECT 3", 2, False), "mysql> ",
    ]


def test_backslash_n_is_null_not_a_command():
    assert split_statements("SELECT \\N, '\\n';") == ["SELECT \\N, '\\n'"]


def test_double_dash_is_a_comment_only_before_a_blank_or_the_line_end():
    assert split_statements("SELECT 5--1, 6 -- minus;\n, 7;") == ["SELECT 5--1, 6 \n, 7"]
    assert split_statements("SELECT 8 --\n, 9;") == ["SELECT 8 \n, 9"]
    assert split_statements("SELECT 8 --\t;\n, 9;") == ["SELECT 8 \n, 9"]


def test_a_hash_starts_a_comment_outside_strings():
    assert split_statements("SELECT 1 # one; two\n, '#2';") == ["SELECT 1 \n, '#2'"]


def test_comments_are_dropped_but_hints_and_versioned_code_go_to_the_server():
    assert split_statements("SELECT 1/*x*/+1, 2/*+ no; */;") == ["SELECT 1 +1, 2/*+ no; */"]
    text = "/*!40101 SET NAMES utf8 */;\nSELECT 1 /*M!100100 + 1000 */ /*!80000 + 2 */ /*!99999 + 4 */;"
    assert [" ".join(s.split()) for s in split_statements(text)] == ["SET NAMES utf8", "SELECT 1 + 2"]


def test_an_open_string_or_comment_continues_on_the_next_line_with_its_prompt():
    assert steps(["SELECT 'abc", "d;ef", "ghi';"], batch=False) == [
        "    '> ", "    '> ", ("go", "SELECT 'abc\nd;ef\nghi'", 1, False), "mysql> ",
    ]
    assert steps(["SELECT `a", "b`, \"c", "d\";"], batch=False) == [
        "    `> ", '    "> ', ("go", 'SELECT `a\nb`, "c\nd"', 1, False), "mysql> ",
    ]
    assert steps(["SELECT 1 /* a;", "b */ + 1;"], batch=False) == [
        "   /*> ", ("go", "SELECT 1  + 1", 1, False), "mysql> ",
    ]


def test_a_backslash_ending_a_line_inside_a_string_is_dropped():
    assert split_statements("SELECT 'a\\\nb';") == ["SELECT 'a\nb'"]


def test_an_extended_insert_keeps_its_rows_and_line_numbers():
    rows = [f"({i},'a;b\\'c',\"d -- e\",`f#`)" for i in range(3)]
    text = "SELECT 0;\n\nINSERT INTO t VALUES " + rows[0] + ",\n" + ",\n".join(rows[1:]) + ";\n# done\nSELECT 9;"
    assert numbered_statements(text) == [
        (1, "SELECT 0"), (3, "INSERT INTO t VALUES " + ",\n".join(rows)), (7, "SELECT 9"),
    ]


def test_a_megabyte_statement_on_one_line_splits_exactly():
    values = ",".join(f"({i},'x;\\'y''z',\"q\\\\\",`c;`,'/*!1*/')" for i in range(30000))
    statement = "INSERT INTO t VALUES " + values
    assert split_statements(statement + ";SELECT 1;") == [statement, "SELECT 1"]
