"""Students: the course's starter app (Flask + Flask-SQLAlchemy + MySQL).

Run it on the school server with `flask run --debug`; Roundtrip runs the same file in the browser.
"""

from flask import Flask, jsonify, render_template, request
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


db = SQLAlchemy(model_class=Base)

app = Flask(__name__)
app.config["SQLALCHEMY_DATABASE_URI"] = "mysql+pymysql://student:password@db.school.local:3306/school"
app.config["SQLALCHEMY_ECHO"] = True  # print every SQL statement in the terminal
db.init_app(app)


class Student(db.Model):
    __tablename__ = "students"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    grade: Mapped[int | None]

    def to_dict(self):
        return {"id": self.id, "name": self.name, "grade": self.grade}


with app.app_context():
    db.create_all()


@app.get("/")
def index():
    return render_template("index.html")


@app.get("/api/students")
def list_students():
    students = db.session.execute(select(Student)).scalars().all()
    return jsonify([student.to_dict() for student in students])


@app.post("/api/students")
def add_student():
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return jsonify(error='Send JSON like {"name": "Alex", "grade": 91}.'), 400

    name = data.get("name")
    grade = data.get("grade")
    if not isinstance(name, str) or not name.strip():
        return jsonify(error="name is required."), 400
    if len(name.strip()) > 100:
        return jsonify(error="name must be at most 100 characters."), 400
    if isinstance(grade, bool) or not isinstance(grade, int) or not 0 <= grade <= 100:
        return jsonify(error="grade must be a whole number from 0 to 100."), 400

    student = Student(name=name.strip(), grade=grade)
    db.session.add(student)
    db.session.commit()
    return jsonify(student.to_dict()), 201


if __name__ == "__main__":
    app.run(debug=True)
