"""Engine behaviour the differential corpus cannot pin down: the clock and its time zone, what
an ALTER TABLE keeps, and counts under SQLAlchemy's CLIENT.FOUND_ROWS."""

from __future__ import annotations

import datetime
import os
import time

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


@pytest.fixture
def far_time_zone():
    """The process (the browser, in the page) in a zone 12-13 hours from UTC."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = "Pacific/Auckland"
    time.tzset()
    yield
    if saved is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = saved
    time.tzset()


def _close(a: datetime.datetime, b: datetime.datetime) -> bool:
    return abs((a - b).total_seconds()) < 5


def test_now_and_current_timestamp_defaults_are_local_time(cursor, far_time_zone):
    cursor.execute(
        "CREATE TABLE posts (id INT AUTO_INCREMENT PRIMARY KEY, body VARCHAR(20),"
        " created DATETIME DEFAULT CURRENT_TIMESTAMP)"
    )
    cursor.execute("INSERT INTO posts (body) VALUES ('hi')")
    cursor.execute("SELECT NOW(), created, CURDATE(), CURRENT_TIMESTAMP, UTC_TIMESTAMP() FROM posts")
    now, created, today, current, utc = cursor.fetchone()
    local = datetime.datetime.now()
    assert _close(now, local) and _close(created, local) and _close(current, local)
    assert today == local.date()
    utc_now = datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)
    assert _close(utc, utc_now) and not _close(created, utc_now)


def test_on_update_current_timestamp_follows_mysql_rules(cursor):
    cursor.execute(
        "CREATE TABLE posts (id INT PRIMARY KEY, body VARCHAR(20),"
        " touched TIMESTAMP DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP)"
    )
    cursor.execute("INSERT INTO posts VALUES (1, 'a', '2000-01-01 00:00:00')")
    cursor.execute("UPDATE posts SET body = 'a'")  # nothing changes: the stamp stays
    cursor.execute("SELECT touched FROM posts")
    assert cursor.fetchone()[0] == datetime.datetime(2000, 1, 1)
    cursor.execute("UPDATE posts SET body = 'b', touched = '2001-01-01 00:00:00'")  # set explicitly
    cursor.execute("SELECT touched FROM posts")
    assert cursor.fetchone()[0] == datetime.datetime(2001, 1, 1)
    cursor.execute("UPDATE posts SET body = 'c'")  # a change: the stamp moves to now
    cursor.execute("SELECT touched FROM posts")
    assert _close(cursor.fetchone()[0], datetime.datetime.now())


def test_alter_table_keeps_rows_keys_and_foreign_keys(cursor):
    cursor.execute("CREATE TABLE classes (id INT AUTO_INCREMENT PRIMARY KEY, title VARCHAR(20))")
    cursor.execute(
        "CREATE TABLE students (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) UNIQUE,"
        " class_id INT, FOREIGN KEY (class_id) REFERENCES classes (id) ON DELETE CASCADE)"
    )
    cursor.execute("INSERT INTO classes (title) VALUES ('Maths'), ('Art')")
    cursor.execute("INSERT INTO students (name, class_id) VALUES ('Ann', 1), ('Bob', 2)")
    cursor.execute("ALTER TABLE classes ADD COLUMN room VARCHAR(5) DEFAULT 'A1' AFTER id")
    cursor.execute("ALTER TABLE students MODIFY name VARCHAR(30) NOT NULL")
    # the parent was rebuilt: the child's foreign key still holds and still cascades
    with pytest.raises(pymysql.err.IntegrityError) as caught:
        cursor.execute("INSERT INTO students (name, class_id) VALUES ('Cy', 9)")
    assert caught.value.args[0] == 1452
    cursor.execute("DELETE FROM classes WHERE id = 2")
    cursor.execute("SELECT name FROM students ORDER BY id")
    assert cursor.fetchall() == (("Ann",),)
    # the rebuilt child kept its UNIQUE key and its AUTO_INCREMENT counter
    with pytest.raises(pymysql.err.IntegrityError) as caught:
        cursor.execute("INSERT INTO students (name, class_id) VALUES ('ann', 1)")
    assert caught.value.args[0] == 1062
    cursor.execute("SELECT * FROM classes ORDER BY id")
    assert cursor.fetchall() == ((1, "A1", "Maths"),)


def test_alter_table_keeps_the_auto_increment_counter(cursor):
    cursor.execute("CREATE TABLE logs (id INT AUTO_INCREMENT PRIMARY KEY, msg VARCHAR(10))")
    cursor.execute("INSERT INTO logs (msg) VALUES ('a'), ('b'), ('c')")
    cursor.execute("DELETE FROM logs WHERE id = 3")
    cursor.execute("ALTER TABLE logs MODIFY msg VARCHAR(20) NOT NULL")
    cursor.execute("INSERT INTO logs (msg) VALUES ('d')")
    assert cursor.lastrowid == 4  # InnoDB does not hand out 3 again


def test_found_rows_counts_matched_rows_in_multi_table_update():
    sim_db.execute_script(
        "CREATE DATABASE school; USE school;"
        "CREATE TABLE c (id INT PRIMARY KEY, t VARCHAR(5));"
        "CREATE TABLE s (id INT PRIMARY KEY, c_id INT, g INT);"
        "INSERT INTO c VALUES (1, 'x'), (2, 'y');"
        "INSERT INTO s VALUES (1, 1, 5), (2, 1, 7), (3, 2, 5);"
    )
    sql = "UPDATE s JOIN c ON s.c_id = c.id SET s.g = 5 WHERE c.t = 'x'"
    plain = sim_db.connect(database="school", autocommit=True).cursor()
    assert plain.execute(sql) == 1  # changed: only Bob's 7
    found = sim_db.connect(database="school", autocommit=True, client_flag=pymysql.constants.CLIENT.FOUND_ROWS).cursor()
    assert found.execute(sql) == 2  # matched


def test_collation_is_accent_and_case_insensitive_without_padding(cursor):
    cursor.execute("CREATE TABLE people (name VARCHAR(20) PRIMARY KEY)")
    cursor.execute("INSERT INTO people VALUES ('Zoë'), ('émile'), ('Alex'), ('zoe ')")
    with pytest.raises(pymysql.err.IntegrityError):
        cursor.execute("INSERT INTO people VALUES ('ZOE')")
    cursor.execute("SELECT name FROM people ORDER BY name")
    assert [r[0] for r in cursor.fetchall()] == ["Alex", "émile", "Zoë", "zoe "]
    cursor.execute("SELECT COUNT(*) FROM people WHERE name LIKE 'E%' OR name = 'zoe'")
    assert cursor.fetchone()[0] == 2


def test_sqlalchemy_server_default_now_and_expression_defaults():
    import sqlalchemy as sa

    sim_db.install()
    sim_db.execute_script("CREATE DATABASE shop;")
    engine = sa.create_engine("mysql+pymysql://student:pw@localhost/shop")
    metadata = sa.MetaData()
    orders = sa.Table(
        "orders", metadata,
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("created", sa.DateTime, server_default=sa.func.now()),
        sa.Column("code", sa.String(40), server_default=sa.text("(UUID())")),
    )
    metadata.create_all(engine)
    with engine.begin() as connection:
        connection.execute(orders.insert().values(id=1))
        created, code = connection.execute(sa.select(orders.c.created, orders.c.code)).one()
    assert _close(created, datetime.datetime.now())
    assert len(code) == 36 and code.count("-") == 4
    engine.dispose()


def test_foreign_key_checks_off_lets_truncate_and_alter_ignore_references(cursor):
    """With SET FOREIGN_KEY_CHECKS = 0 (as dumps and course scripts run it) MySQL truncates a
    referenced table and adds a foreign key whose rows or parent do not exist yet; with it
    back on, the same statements are refused (1701, 1452)."""
    cursor.execute("CREATE TABLE houses (id INT PRIMARY KEY)")
    cursor.execute("CREATE TABLE pupils (id INT PRIMARY KEY, house_id INT, FOREIGN KEY (house_id) REFERENCES houses (id))")
    cursor.execute("CREATE TABLE notes (id INT PRIMARY KEY, pupil_id INT)")
    cursor.execute("INSERT INTO notes VALUES (1, 99)")
    with pytest.raises(pymysql.MySQLError) as refused:
        cursor.execute("TRUNCATE TABLE houses")
    assert refused.value.args[0] == 1701
    with pytest.raises(pymysql.MySQLError) as orphan:
        cursor.execute("ALTER TABLE notes ADD FOREIGN KEY (pupil_id) REFERENCES pupils (id)")
    assert orphan.value.args[0] == 1452
    cursor.execute("SET FOREIGN_KEY_CHECKS = 0")
    cursor.execute("TRUNCATE TABLE houses")
    cursor.execute("ALTER TABLE notes ADD FOREIGN KEY (pupil_id) REFERENCES pupils (id)")
    cursor.execute("SHOW CREATE TABLE notes")
    assert "FOREIGN KEY (`pupil_id`) REFERENCES `pupils` (`id`)" in cursor.fetchone()[1]


def test_alter_table_keeps_the_other_columns_comments_and_defaults(cursor):
    """ALTER TABLE rebuilds the table: every untouched column must come back as it was."""
    cursor.execute(
        "CREATE TABLE pupils (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL COMMENT 'given name', "
        "joined TIMESTAMP(3) NULL DEFAULT CURRENT_TIMESTAMP(3))"
    )
    cursor.execute("ALTER TABLE pupils ADD COLUMN house VARCHAR(10)")
    cursor.execute("SHOW CREATE TABLE pupils")
    text = cursor.fetchone()[1]
    assert "`name` varchar(20) NOT NULL COMMENT 'given name'" in text
    assert "`joined` timestamp(3) NULL DEFAULT CURRENT_TIMESTAMP(3)" in text
