"""sim_db.image: the seeded databases shipped by the build instead of running seed.sql again."""

from __future__ import annotations

import datetime
import decimal

import pytest

import sim_db
from sim_db import Server, Session, image

SEED = """
CREATE DATABASE shop; USE shop;
CREATE TABLE items (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) NOT NULL UNIQUE,
                    price DECIMAL(6,2), added DATE);
INSERT INTO items (name, price, added) VALUES ('pen', 1.50, '2026-01-02'), ('ink', 12.25, NULL);
"""


@pytest.fixture(autouse=True)
def fresh_server():
    sim_db.reset()
    yield
    sim_db.reset()


def test_an_image_restores_data_types_keys_and_auto_increment():
    sim_db.execute_script(SEED)
    shipped = image.dump(sim_db.get_server(), SEED)
    sim_db.reset()
    assert image.load(sim_db.get_server(), shipped, SEED)
    rows = sim_db.execute_script("SELECT name, price, added FROM items ORDER BY id", "shop").rows
    assert rows == [("pen", decimal.Decimal("1.50"), datetime.date(2026, 1, 2)), ("ink", decimal.Decimal("12.25"), None)]
    with pytest.raises(sim_db.mysql_error(1062, "x", "y").__class__) as duplicate:
        sim_db.execute_script("INSERT INTO items (name) VALUES ('pen')", "shop")
    assert duplicate.value.args == (1062, "Duplicate entry 'pen' for key 'items.name'")
    sim_db.execute_script("INSERT INTO items (name) VALUES ('cap')", "shop")
    # the counter came back with the image: ids 1-2 stored, 3 used up by the refused 'pen'
    # (InnoDB draws the id before the duplicate check, as MariaDB shows in upsert.sql)
    assert sim_db.execute_script("SELECT MAX(id) FROM items", "shop").rows == [(4,)]


def test_an_image_of_another_seed_is_refused_and_changes_nothing():
    sim_db.execute_script(SEED)
    shipped = image.dump(sim_db.get_server(), SEED)
    sim_db.reset()
    assert not image.load(sim_db.get_server(), shipped, SEED + "\nINSERT INTO items (name) VALUES ('new');")
    assert not sim_db.get_server().has_database("shop")


def test_a_loaded_image_keeps_transactions_isolated(tmp_path):
    """An image's databases are WAL files like any other: a second connection does not see
    the first one's uncommitted rows."""
    server = Server()
    session = Session(autocommit=True)
    server.execute(session, "CREATE DATABASE school")
    server.execute(session, "CREATE TABLE school.t (id INT PRIMARY KEY)")
    data = image.dump(server, "seed")
    fresh = Server()
    assert image.load(fresh, data, "seed")
    writer, reader = Session(autocommit=False), Session(autocommit=True)
    fresh.execute(writer, "INSERT INTO school.t VALUES (1)")
    assert fresh.execute(reader, "SELECT COUNT(*) FROM school.t").rows == [(0,)]
    fresh.commit(writer)
    assert fresh.execute(reader, "SELECT COUNT(*) FROM school.t").rows == [(1,)]
