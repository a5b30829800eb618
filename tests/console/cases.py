"""The console cases: the same input through the real ``mariadb`` client and ``python -m sim_db``.

Each case is a command line (client options, without connection options) and its standard
input; ``setup`` runs first, unrecorded, on a server with no databases of its own. Interactive
cases are typed line by line at the prompt (a pseudo-terminal for the real client).
``tools/refresh_console.py`` records the real client's output in ``expected.json``;
``tests/test_sim_db_console.py`` compares.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Case:
    args: list[str] = field(default_factory=list)
    input: str = ""
    setup: str = ""
    interactive: bool = False
    files: dict[str, str] = field(default_factory=dict)  # written before the case runs


SCHOOL = """CREATE DATABASE school;
USE school;
CREATE TABLE students (
  id INT PRIMARY KEY AUTO_INCREMENT,
  name VARCHAR(40) NOT NULL,
  grade INT,
  score DECIMAL(5,2),
  born DATE,
  note TEXT
);
INSERT INTO students (name, grade, score, born, note) VALUES
  ('Ann', 9, 87.5, '2010-03-04', NULL),
  ('José', 10, 91.25, '2009-11-30', 'likes "chess"'),
  ('日本語', NULL, NULL, NULL, 'tab\there'),
  ('Zoë Ångström', 11, 100, '2008-01-01', 'two\\nlines, a \\\\ backslash');
"""

SELECTS = """SELECT * FROM students;
SELECT id, name FROM students WHERE grade > 9;
SELECT name, grade FROM students WHERE grade > 50;
SELECT COUNT(*) AS n, AVG(score) AS avg, MAX(grade) AS top FROM students;
SELECT 1, 'x', NULL, 2.5, -7, 1e20, 0.1e0 + 0.2e0;
SELECT name AS `名前`, grade FROM students ORDER BY id LIMIT 2;
SELECT id, note FROM students WHERE id >= 3;
SELECT * FROM students WHERE id = 2\\G
SELECT id FROM students WHERE id < 0\\G
"""

WRITES = """CREATE DATABASE shop;
USE shop
CREATE TABLE items (id INT PRIMARY KEY, label VARCHAR(20) NOT NULL, qty INT NOT NULL DEFAULT 0);
INSERT INTO items VALUES (1, 'pen', 10);
INSERT INTO items VALUES (2, 'ink', 5), (3, 'pad', 0), (4, 'cap', 7);
UPDATE items SET qty = 10 WHERE id = 1;
UPDATE items SET qty = qty + 1 WHERE id > 1;
UPDATE items SET qty = 0 WHERE id > 100;
DELETE FROM items WHERE qty > 6;
DELETE FROM items WHERE id = 99;
SELECT * FROM items;
DROP TABLE items;
DROP DATABASE shop;
"""

ERRORS = """CREATE DATABASE school;
USE school
SELECT * FROM studnets;
CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(10));
INSERT INTO t (id, name) VALUES (1, 'a');
INSERT INTO t (id, name) VALUES (1, 'b');
SELEC 1;
SELECT id,
  name
FROM nowhere;
SELECT * FROM t;
"""

# MySQL 8's output where MariaDB's differs: (case, pattern, replacement, source), applied to the
# recording by tools/refresh_console.py (MariaDB's own output is kept beside it), as
# tests/fidelity/mysql8_overrides.json does for the differential suite; that file's rules for
# error messages apply to every case's ERROR lines too.
MYSQL8_OVERRIDES = [
    ("errors_force", "for key 'PRIMARY'", "for key 't.PRIMARY'",
     "https://dev.mysql.com/doc/relnotes/mysql/8.0/en/news-8-0-19.html"),
    ("errors_force_messages", "for key 'PRIMARY'", "for key 't.PRIMARY'",
     "https://dev.mysql.com/doc/relnotes/mysql/8.0/en/news-8-0-19.html"),
]

CASES: dict[str, Case] = {
    "select_batch": Case(["school"], SELECTS, setup=SCHOOL),
    "select_table": Case(["-t", "school"], SELECTS, setup=SCHOOL),
    "select_messages": Case(["-t", "-vvv", "school"], SELECTS, setup=SCHOOL),
    "select_skip_names": Case(["-N", "school"], SELECTS, setup=SCHOOL),
    "database_argument": Case(["-t", "school"], "SELECT DATABASE();\nSELECT name FROM students WHERE id = 1;\n", setup=SCHOOL),
    "writes_batch": Case([], WRITES),
    "writes_messages": Case(["-t", "-vvv"], WRITES),
    "errors_stop": Case([], ERRORS),
    "errors_force": Case(["--force"], ERRORS),
    "errors_force_messages": Case(["--force", "-t", "-vvv"], ERRORS),
    "delimiters": Case(["-t", "-vvv"], """CREATE DATABASE d;
USE d
DELIMITER ;;
CREATE TABLE t (a INT, b VARCHAR(10));;
INSERT INTO t VALUES (1, 'x;y');;
SELECT * FROM t;; SELECT 2;;
DELIMITER //
SELECT a FROM t WHERE b = 'x;y'//
DELIMITER ;
SELECT 'back to ;' AS s;
SELECT 3\\g
SELECT 4 AS four\\G
DROP DATABASE d;
"""),
    "comments_and_lines": Case(["--force"], """-- a comment line
CREATE DATABASE c; # another
/* a block
   comment */ USE c
SELECT 1 /* inline */ + 1 AS two;

SELECT
  'multi',
  'line'; SELECT * FROM missing_one;
SELECT * FROM
  missing_two;
"""),
    "execute_option": Case(["-e", "CREATE DATABASE e; USE e; CREATE TABLE t (x INT); INSERT INTO t VALUES (1), (2); SELECT * FROM t; SELECT * FROM nope; SELECT 'not reached'"]),
    "execute_table": Case(["-t", "-e", "SELECT 1 AS one, 'two' AS two; SELECT NULL AS n"]),
    "client_commands": Case(["--force", "-t", "-vvv"], """SELECT 'cleared' \\c
SELECT 'kept';
\\u nosuch
CREATE DATABASE k;
\\u k
SELECT DATABASE()\\g
SELECT 2 AS two; exit
SELECT 'after exit';
"""),
    "vertical_option": Case(["-E", "-e", "SELECT 1 AS a, 'x' AS bb, NULL AS ccc; SELECT 2 AS a"]),
    "doubles": Case(["-t"], """SELECT 1e15 AS a, 1e14 AS b, 123456789012345678e0 AS c, 1e-5 AS d, 100e0 AS e, -1.5e-7 AS f;
SELECT 1/3e0 AS g, 3.0e0 * 1.1e0 AS h, 1.5e-15 AS i, 1234567890123456.7e0 AS j, 1e-15 AS k, 5e-324 AS l, 0e0 AS m;
CREATE DATABASE f;
CREATE TABLE f.t (x FLOAT, y DOUBLE);
INSERT INTO f.t VALUES (1.1, 1.1), (1e15, 1e15), (3.14159, 2.5), (123456789, 1e-7);
SELECT * FROM f.t;
"""),
    "narrow_columns": Case(["-t"], """CREATE DATABASE j;
USE j
CREATE TABLE c (id INT PRIMARY KEY, nm VARCHAR(5) NOT NULL);
CREATE TABLE s (id INT PRIMARY KEY, c INT, nm CHAR(3) NOT NULL, ok TINYINT);
INSERT INTO c VALUES (1, 'a'), (2, 'b');
INSERT INTO s VALUES (1, 1, 'x', 1), (2, NULL, 'y', 0), (3, 1, 'z', NULL);
SELECT * FROM s;
SELECT s.id, s.nm, c.nm FROM s LEFT JOIN c ON c.id = s.c;
SELECT c.id, COUNT(s.id) AS n FROM c LEFT JOIN s ON s.c = c.id GROUP BY c.id;
SELECT s.nm, c.id FROM c RIGHT JOIN s ON s.c = c.id ORDER BY s.id;
SELECT id, 1 AS o, -2 AS t, 'ab' AS u, id * 2 AS v FROM c;
"""),
    "source_file": Case(["--force"], """CREATE DATABASE s;
USE s
source /tmp/roundtrip-console-source.sql
SELECT COUNT(*) AS n FROM t;
\\. /tmp/roundtrip-console-missing.sql
SELECT 'after' AS a;
""", files={"/tmp/roundtrip-console-source.sql": "CREATE TABLE t (x INT);\nINSERT INTO t VALUES (1), (2);\nSELECT * FROM nope;\nSELECT x FROM t"}),
    "interactive": Case(input="""CREATE DATABASE school;
USE school
CREATE TABLE t (id INT PRIMARY KEY, name VARCHAR(20));
INSERT INTO t VALUES (1, 'Ann'), (2, 'Bob');
SELECT *
FROM t
WHERE id > 0;
SELECT 'an open
string';
UPDATE t SET name = 'Ann' WHERE id <= 2;
SELECT * FROM studnets;
SELECT * FROM t WHERE id = 2\\G
SELECT * FROM t WHERE id = 3;
DELETE FROM t WHERE id = 1;
DROP DATABASE school;
exit
""", interactive=True),
}
