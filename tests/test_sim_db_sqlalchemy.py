"""SQLAlchemy, the ORM and Flask-SQLAlchemy over the school's MySQL URL, served by sim_db."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table, create_engine, exc, inspect, insert, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

import sim_db

URL = "mysql+pymysql://student:password@db.school.local:3306/school"


@pytest.fixture(autouse=True)
def school():
    """A fresh server with an empty `school` database, as a teacher's setup leaves it."""
    sim_db.install()
    sim_db.reset()
    sim_db.execute_script("CREATE DATABASE school")
    yield
    sim_db.reset()


class Base(DeclarativeBase):
    pass


class Student(Base):
    __tablename__ = "students"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
    grade: Mapped[int | None]


def test_orm_create_all_insert_select():
    engine = create_engine(URL)
    Base.metadata.create_all(engine)
    Base.metadata.create_all(engine)  # has_table now says yes: nothing is created twice
    with Session(engine) as session:
        session.add_all([Student(name="Ann", grade=9), Student(name="Bob", grade=10)])
        session.commit()
        students = session.scalars(select(Student).where(Student.grade >= 9).order_by(Student.id)).all()
        assert [(s.id, s.name, s.grade) for s in students] == [(1, "Ann", 9), (2, "Bob", 10)]
        assert all(type(s.id) is int and type(s.grade) is int for s in students)
        ann = session.get(Student, 1)
        ann.grade = 11
        session.delete(session.get(Student, 2))
        session.commit()
    with Session(engine) as session:  # a new connection sees the committed data
        assert [(s.name, s.grade) for s in session.scalars(select(Student))] == [("Ann", 11)]


def test_core_and_text():
    engine = create_engine(URL)
    metadata = MetaData()
    classes = Table("classes", metadata, Column("id", Integer, primary_key=True), Column("title", String(40), nullable=False))
    Table("pupils", metadata, Column("id", Integer, primary_key=True), Column("class_id", ForeignKey("classes.id")))
    metadata.create_all(engine)
    assert set(inspect(engine).get_table_names()) == {"classes", "pupils"}
    with engine.begin() as conn:
        result = conn.execute(insert(classes).values(title="Maths"))
        assert result.inserted_primary_key == (1,)
        conn.execute(insert(classes), [{"title": "Art"}, {"title": "Music"}])
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT id, title FROM classes WHERE title LIKE :t ORDER BY id"), {"t": "%a%"}).all()
        assert [tuple(r) for r in rows] == [(1, "Maths"), (2, "Art")]
        assert conn.execute(text("SELECT COUNT(*) FROM classes")).scalar() == 3


def test_errors_arrive_wrapped_with_mysqls_numbers():
    engine = create_engine(URL)
    Base.metadata.create_all(engine)
    with engine.connect() as conn:
        with pytest.raises(exc.ProgrammingError) as info:
            conn.execute(text("SELECT * FROM studnets"))
        assert info.value.orig.args == (1146, "Table 'school.studnets' doesn't exist")
    with Session(engine) as session:
        session.add(Student(id=1, name="Ann"))
        session.commit()
        session.add(Student(id=1, name="Bob"))
        with pytest.raises(exc.IntegrityError) as info:
            session.commit()
        assert info.value.orig.args == (1062, "Duplicate entry '1' for key 'students.PRIMARY'")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def test_echo_shows_mysql_sql():
    engine = create_engine(URL, echo=True)
    handler = _Collect()
    logger = logging.getLogger("sqlalchemy.engine.Engine")
    logger.addHandler(handler)
    try:
        Base.metadata.create_all(engine)
    finally:
        logger.removeHandler(handler)
    logged = "\n".join(handler.messages)
    assert "DESCRIBE `school`.`students`" in logged
    assert "AUTO_INCREMENT" in logged  # the MySQL DDL the student would see against MySQL


@pytest.mark.parametrize("scheme", ["mysql", "mysql+pymysql", "mysql+mysqlconnector"])
def test_every_mysql_url_reaches_sim_db(scheme):
    engine = create_engine(f"{scheme}://student:password@db.school.local:3306/school")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INT)"))
        conn.execute(text("INSERT INTO t VALUES (42)"))
    assert sim_db.execute_script("SELECT x FROM t", database="school").rows == [(42,)]


def test_data_survives_a_new_engine():
    """A Flask reload re-creates the engine; the server, like MySQL, keeps the data."""
    first = create_engine(URL)
    Base.metadata.create_all(first)
    with Session(first) as session:
        session.add(Student(name="Ann"))
        session.commit()
    first.dispose()
    with Session(create_engine(URL)) as session:
        assert session.scalars(select(Student.name)).all() == ["Ann"]


def test_flask_sqlalchemy():
    from flask import Flask
    from flask_sqlalchemy import SQLAlchemy

    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = URL
    db = SQLAlchemy(app)

    class Pupil(db.Model):
        id = db.Column(db.Integer, primary_key=True)
        name = db.Column(db.String(50), nullable=False)
        grade = db.Column(db.Integer)

    with app.app_context():
        db.create_all()
        db.session.add(Pupil(name="Ann", grade=9))
        db.session.commit()
        assert [(p.id, p.name, p.grade) for p in db.session.execute(db.select(Pupil)).scalars()] == [(1, "Ann", 9)]
        assert db.session.execute(db.text("SELECT name FROM pupil")).scalar_one() == "Ann"


def test_connecting_does_not_import_sqlglot():
    """sqlglot's import costs page start-up time; SQLAlchemy's connect-time questions and the
    app's first ``SELECT 1`` are answered without it."""
    program = (
        "import sys, sim_db; sim_db.install(); from sqlalchemy import create_engine, text;"
        "sim_db.get_server().create_database('school');"
        f"conn = create_engine({URL!r}).connect(); conn.execute(text('SELECT 1')); conn.close();"
        "assert 'sqlglot' not in sys.modules, 'sqlglot was imported'"
    )
    py = Path(__file__).resolve().parent.parent / "py"
    subprocess.run([sys.executable, "-c", program], check=True, env={"PYTHONPATH": str(py)})


def test_create_all_with_indexed_and_unique_columns_and_drop_all():
    """index=True sends CREATE INDEX (unique=True a UNIQUE key): both must work, and the
    indexes must be there afterwards, as on the real server."""
    metadata = MetaData()
    Table(
        "pupils", metadata,
        Column("id", Integer, primary_key=True),
        Column("email", String(100), unique=True),
        Column("house", String(20), index=True),
    )
    engine = create_engine(URL)
    metadata.create_all(engine)
    indexes = {(i["name"], tuple(i["column_names"]), bool(i["unique"])) for i in inspect(engine).get_indexes("pupils")}
    assert ("ix_pupils_house", ("house",), False) in indexes
    assert ("email", ("email",), True) in indexes
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO pupils (email, house) VALUES ('a@x.no', 'Oak')"))
        with pytest.raises(exc.IntegrityError, match="Duplicate entry 'A@X.NO' for key 'pupils.email'"):
            connection.execute(text("INSERT INTO pupils (email, house) VALUES ('A@X.NO', 'Elm')"))
    metadata.drop_all(engine)
    assert inspect(engine).get_table_names() == []
