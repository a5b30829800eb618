"""sim_server under CPython: a project served as `flask run --debug` would serve it."""

from __future__ import annotations

import io
import re
import textwrap

import pytest

from sim_server import Server

REQUEST_LINE = re.compile(
    r'^127\.0\.0\.1 - - \[\d{2}/[A-Z][a-z]{2}/\d{4} \d{2}:\d{2}:\d{2}\] "(?P<line>[^"]*)" (?P<code>\d{3}) -$'
)
ANSI = re.compile(r"\x1b\[[0-9;]*m")

HELLO_APP = """
from flask import Flask, jsonify, redirect, request, url_for

app = Flask(__name__)

@app.get("/")
def index():
    print("index was called")
    app.logger.info("logged by app.logger")
    return "Hello from Flask"

@app.get("/api/echo")
def echo():
    return jsonify(args=request.args, path=request.path, remote=request.remote_addr)

@app.post("/api/echo")
def echo_post():
    return jsonify(received=request.get_json()), 201

@app.get("/go")
def go():
    return redirect(url_for("index"))

@app.get("/boom")
def boom():
    return 1 / 0

app.run(debug=True)  # ignored under `flask run`, as Flask ignores it
"""


@pytest.fixture
def project(tmp_path, monkeypatch):
    """A project folder; modules imported from it are forgotten afterwards."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("sys.path", list(__import__("sys").path))
    yield tmp_path
    import sys

    for name, module in list(sys.modules.items()):
        if (getattr(module, "__file__", None) or "").startswith(str(tmp_path)):
            del sys.modules[name]


def write(folder, name, text):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text))
    return path


def started(project, **kwargs) -> tuple[Server, io.StringIO]:
    out = io.StringIO()
    server = Server(project, stream=out, **kwargs)
    server.start()
    return server, out


def terminal_lines(out: io.StringIO) -> list[str]:
    return ANSI.sub("", out.getvalue()).splitlines()


def test_banner_reads_like_flask_run_debug(project):
    write(project, "app.py", HELLO_APP)
    _, out = started(project, script_name="/course/app", origin="http://127.0.0.1:8000")
    lines = terminal_lines(out)
    assert lines[:2] == [" * Serving Flask app 'app'", " * Debug mode: on"]
    assert " * Running on http://127.0.0.1:8000/course/app/" in lines
    assert " * Debugger is active!" in lines
    assert not any("Ignoring a call to 'app.run()'" in line for line in lines)


def test_request_is_logged_in_werkzeug_format_with_the_apps_path(project, capsys):
    write(project, "app.py", HELLO_APP)
    server, out = started(project, script_name="/course/app")
    response = server.handle("GET", "/")
    assert response.status == 200
    assert response.body == b"Hello from Flask"
    assert "index was called" in capsys.readouterr().out
    line = terminal_lines(out)[-1]
    match = REQUEST_LINE.match(line)
    assert match, line
    assert match["line"] == "GET / HTTP/1.1"
    assert match["code"] == "200"
    assert "logged by app.logger" in out.getvalue()


def test_request_details_match_the_real_server(project):
    write(project, "app.py", HELLO_APP)
    server, _ = started(project, script_name="/course/app")
    response = server.handle("GET", "/api/echo?name=Alex&grade=91")
    import json

    data = json.loads(response.body)
    assert data == {"args": {"name": "Alex", "grade": "91"}, "path": "/api/echo", "remote": "127.0.0.1"}


def test_json_post_reaches_the_route(project):
    write(project, "app.py", HELLO_APP)
    server, out = started(project)
    response = server.handle(
        "POST", "/api/echo", {"Content-Type": "application/json"}, b'{"name": "Sam", "grade": 70}'
    )
    assert response.status == 201
    assert b'"name":"Sam"' in response.body.replace(b" ", b"")
    assert '"POST /api/echo HTTP/1.1" 201 -' in terminal_lines(out)[-1]


def test_url_for_and_redirect_stay_under_the_mount_point(project):
    write(project, "app.py", HELLO_APP)
    server, _ = started(project, script_name="/course/app", origin="http://127.0.0.1:8000")
    response = server.handle("GET", "/go")
    assert response.status == 302
    assert dict(response.headers)["Location"] == "/course/app/"


def test_unknown_path_is_flasks_404_and_wrong_method_its_405(project):
    write(project, "app.py", HELLO_APP)
    server, out = started(project)
    missing = server.handle("GET", "/nope")
    assert missing.status == 404
    assert b"<h1>Not Found</h1>" in missing.body
    wrong = server.handle("DELETE", "/")
    assert wrong.status == 405
    assert b"<h1>Method Not Allowed</h1>" in wrong.body
    lines = terminal_lines(out)
    assert lines[-2].endswith('"GET /nope HTTP/1.1" 404 -')
    assert lines[-1].endswith('"DELETE / HTTP/1.1" 405 -')


def test_raising_route_gives_the_debug_traceback_page_and_terminal_traceback(project):
    write(project, "app.py", HELLO_APP)
    server, out = started(project)
    response = server.handle("GET", "/boom")
    assert response.status == 500
    page = response.body.decode()
    assert "ZeroDivisionError: division by zero" in page
    assert "Traceback <em>(most recent call last)</em>" in page
    text = ANSI.sub("", out.getvalue())
    assert "Traceback (most recent call last):" in text
    assert "return 1 / 0" in text
    assert text.rstrip().endswith('"GET /boom HTTP/1.1" 500 -')


def test_factory_and_wsgi_py_are_found_as_flask_finds_them(project):
    write(
        project,
        "wsgi.py",
        """
        from flask import Flask

        def create_app():
            app = Flask(__name__)
            app.add_url_rule("/", "index", lambda: "made by the factory")
            return app
        """,
    )
    server, out = started(project)
    assert server.handle("GET", "/").body == b"made by the factory"
    assert " * Serving Flask app 'wsgi'" in terminal_lines(out)


def test_broken_app_is_served_as_its_traceback_and_restart_recovers(project):
    write(project, "app.py", "from flask import Flask\napp = Flask(__name__\n")
    server, out = started(project)
    assert "SyntaxError" in out.getvalue()
    response = server.handle("GET", "/")
    assert response.status == 500
    assert b"SyntaxError" in response.body
    write(project, "app.py", HELLO_APP)
    server.restart()
    assert server.handle("GET", "/").status == 200
    assert " * Restarting with stat" in terminal_lines(out)


def test_restart_reads_the_edited_code(project):
    write(project, "app.py", HELLO_APP)
    server, _ = started(project)
    assert server.handle("GET", "/").body == b"Hello from Flask"
    write(project, "app.py", HELLO_APP.replace("Hello from Flask", "Edited!"))
    server.restart()
    assert server.handle("GET", "/").body == b"Edited!"


def test_missing_app_gives_flasks_discovery_error(project):
    write(project, "notes.txt", "no app here")
    server, out = started(project)
    response = server.handle("GET", "/")
    assert response.status == 500
    assert "Could not locate a Flask application" in out.getvalue()


SESSION_APP = """
from flask import Flask, session, redirect, url_for, make_response

app = Flask(__name__)
app.secret_key = "dev"

@app.get("/count")
def count():
    session["n"] = session.get("n", 0) + 1
    return str(session["n"])

@app.get("/bump-and-go")
def bump_and_go():
    session["n"] = session.get("n", 0) + 1
    return redirect(url_for("count"))

@app.get("/logout")
def logout():
    session.clear()
    return "bye"

@app.get("/brief")
def brief():
    response = make_response("set")
    response.set_cookie("brief", "1", max_age=60)
    response.set_cookie("theme", "dark", httponly=False)
    response.set_cookie("sid", "secret", httponly=True)
    return response

@app.get("/forget")
def forget():
    response = make_response("forgot")
    response.delete_cookie("brief")
    return response
"""


def test_flask_session_survives_requests_and_redirects(project):
    write(project, "app.py", SESSION_APP)
    server, _ = started(project, script_name="/course/app")
    assert server.handle("GET", "/count").body == b"1"
    assert server.handle("GET", "/count").body == b"2"
    assert server.handle("GET", "/bump-and-go").status == 302
    assert server.handle("GET", "/count").body == b"4"
    server.handle("GET", "/logout")
    assert server.handle("GET", "/count").body == b"1"


def test_session_survives_a_restart_as_the_browser_keeps_its_cookies(project):
    write(project, "app.py", SESSION_APP)
    server, _ = started(project)
    server.handle("GET", "/count")
    server.restart()
    assert server.handle("GET", "/count").body == b"2"


def test_cookie_expiry_deletion_and_httponly(project):
    write(project, "app.py", SESSION_APP)
    server, _ = started(project)
    server.handle("GET", "/brief")
    host = server.host
    assert "brief=1" in server.cookies.header_for(host, "/")
    assert server.cookies.script_visible(host, "/") == "brief=1; theme=dark"
    assert "brief=1" not in server.cookies.header_for(host, "/", now=__import__("time").time() + 61)
    server.handle("GET", "/brief")
    server.handle("GET", "/forget")
    assert "brief" not in server.cookies.header_for(host, "/")
    assert "sid=secret" in server.cookies.header_for(host, "/")


def test_redirects_to_server_paths_stay_in_the_app(project):
    write(
        project,
        "app.py",
        """
        from flask import Flask, redirect
        app = Flask(__name__)
        app.add_url_rule("/home", "home", lambda: redirect("/"))
        app.add_url_rule("/abs", "abs", lambda: redirect("http://127.0.0.1:8000/about?x=1"))
        app.add_url_rule("/away", "away", lambda: redirect("https://example.org/"))
        app.add_url_rule("/rel", "rel", lambda: redirect("about"))
        """,
    )
    server, _ = started(project, script_name="/course/app", origin="http://127.0.0.1:8000")
    location = lambda path: dict(server.handle("GET", path).headers)["Location"]
    assert location("/home") == "/course/app/"
    assert location("/abs") == "http://127.0.0.1:8000/course/app/about?x=1"
    assert location("/away") == "https://example.org/"
    assert location("/rel") == "about"


FILES_AND_LOGIN_APP = """
from flask import Flask, Response, request, send_file, send_from_directory, stream_with_context, redirect, url_for
from flask_login import LoginManager, UserMixin, login_user, logout_user, login_required, current_user
from werkzeug.security import generate_password_hash, check_password_hash

app = Flask(__name__)
app.secret_key = "course"
login = LoginManager(app)
login.login_view = "login_page"
USERS = {}

class User(UserMixin):
    def __init__(self, name):
        self.id = name

@login.user_loader
def load_user(name):
    return User(name) if name in USERS else None

@app.post("/register")
def register():
    USERS[request.form["name"]] = generate_password_hash(request.form["password"])
    return redirect(url_for("login_page"))

@app.route("/login", methods=["GET", "POST"])
def login_page():
    if request.method == "POST":
        name = request.form["name"]
        if name in USERS and check_password_hash(USERS[name], request.form["password"]):
            login_user(User(name), remember=request.form.get("remember") == "on")
            return redirect(url_for("secret"))
        return "bad login", 401
    return "login form"

@app.get("/secret")
@login_required
def secret():
    return f"hello {current_user.id}"

@app.get("/logout")
def logout():
    logout_user()
    return redirect("/login")

@app.post("/upload")
def upload():
    f = request.files["photo"]
    return f"{f.filename}:{len(f.read())}"

@app.get("/download")
def download():
    return send_file(__file__, mimetype="text/plain")

@app.get("/static-file")
def static_file():
    return send_from_directory(".", "notes.txt")

@app.get("/stream")
def stream():
    def rows():
        for i in range(3):
            yield f"row {i}\\n"
    return Response(stream_with_context(rows()), mimetype="text/plain")
"""


def test_flask_login_register_login_protected_logout(project):
    write(project, "app.py", FILES_AND_LOGIN_APP)
    server, _ = started(project, script_name="/course/app")
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    assert server.handle("GET", "/secret").status == 302  # login_required sends us to log in
    assert server.handle("POST", "/register", form, b"name=alex&password=pw1").status == 302
    assert server.handle("POST", "/login", form, b"name=alex&password=nope").status == 401
    response = server.handle("POST", "/login", form, b"name=alex&password=pw1&remember=on")
    assert dict(response.headers)["Location"] == "/course/app/secret"
    assert server.handle("GET", "/secret").body == b"hello alex"
    assert "remember_token=" in server.cookies.header_for(server.host, "/")
    server.handle("GET", "/logout")
    assert server.handle("GET", "/secret").status == 302


def test_uploads_files_and_streams(project):
    write(project, "app.py", FILES_AND_LOGIN_APP)
    write(project, "notes.txt", "some notes")
    server, _ = started(project)
    body = (
        b"--XyZ\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"cat.png\"\r\n"
        b"Content-Type: image/png\r\n\r\n" + bytes(range(256)) * 4 + b"\r\n--XyZ--\r\n"
    )
    response = server.handle("POST", "/upload", {"Content-Type": "multipart/form-data; boundary=XyZ"}, body)
    assert response.body == b"cat.png:1024"
    assert server.handle("GET", "/download").body == (project / "app.py").read_bytes()
    assert server.handle("GET", "/static-file").body == b"some notes"
    assert server.handle("GET", "/stream").body == b"row 0\nrow 1\nrow 2\n"


def test_script_cookie_changes_cannot_touch_httponly_cookies(project):
    write(project, "app.py", SESSION_APP)
    server, _ = started(project)
    server.handle("GET", "/brief")
    host = server.host
    server.cookies.apply_script_changes(host, [("sid", None), ("theme", None), ("lang", "fr")])
    sent = server.cookies.header_for(host, "/")
    assert "sid=secret" in sent and "theme=" not in sent and "lang=fr" in sent
    assert sorted(c[0] for c in server.cookies.script_cookies(host)) == ["brief", "lang"]


def test_a_stopped_request_is_a_500_with_its_traceback_and_the_server_goes_on(project):
    write(
        project,
        "app.py",
        """
        from flask import Flask
        app = Flask(__name__)

        @app.get("/loop")
        def loop():
            raise KeyboardInterrupt  # what the page's interrupt raises inside a runaway loop

        @app.get("/")
        def index():
            return "still here"
        """,
    )
    server, out = started(project)
    response = server.handle("GET", "/loop")
    assert response.status == 500
    assert b"KeyboardInterrupt" in response.body
    assert "Roundtrip stopped this request" in out.getvalue()
    assert server.handle("GET", "/").body == b"still here"


LEAKY_TRANSACTION_APP = """
import pymysql
from flask import Flask

app = Flask(__name__)
kept = []

@app.post("/hold")
def hold():
    connection = pymysql.connect(user="student", password="password", database="school")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE students SET grade = 0 WHERE id = 1")
    kept.append(connection)  # never committed, never closed
    return "holding"

@app.post("/write")
def write():
    connection = pymysql.connect(user="student", password="password", database="school")
    try:
        with connection.cursor() as cursor:
            cursor.execute("UPDATE students SET grade = 50 WHERE id = 1")
        connection.commit()
        return "written"
    except pymysql.MySQLError as error:
        return f"ERROR {error.args[0]}", 500
"""


def test_a_restart_drops_the_old_apps_connections_and_their_locks(project):
    """As under `flask run`: the reloader's old process exits, so MySQL rolls back what its
    connections left open and the new app is not locked out (1205)."""
    import sim_db

    sim_db.install()
    sim_db.reset()
    sim_db.execute_script("CREATE DATABASE school; CREATE TABLE school.students (id INT PRIMARY KEY, grade INT);"
                          "INSERT INTO school.students VALUES (1, 91)")
    write(project, "app.py", LEAKY_TRANSACTION_APP)
    server, _ = started(project)
    assert server.handle("POST", "/hold").body == b"holding"
    assert server.handle("POST", "/write").body == b"ERROR 1205"
    server.restart()
    assert sim_db.execute_script("SELECT grade FROM school.students").rows == [(91,)]
    assert server.handle("POST", "/write").body == b"written"
    assert sim_db.execute_script("SELECT grade FROM school.students").rows == [(50,)]


def test_a_seed_that_is_a_dump_loads_what_it_can_and_reports_the_rest(capsys):
    """A teacher's seed.sql may be a mysqldump with a stored procedure: the rows still load,
    and the terminal says which statement was refused and where, as `mysql --force` does."""
    import sim_db
    from sim_server.bridge import load_seed

    sim_db.reset()
    load_seed(
        "CREATE DATABASE school;\nUSE school;\n"
        "CREATE TABLE students (id INT PRIMARY KEY, name VARCHAR(20));\n"
        "DELIMITER ;;\nCREATE PROCEDURE top() BEGIN SELECT * FROM students; END ;;\nDELIMITER ;\n"
        "INSERT INTO students VALUES (1,'Alex'),(2,'Sam');\n"
    )
    assert sim_db.execute_script("SELECT COUNT(*) FROM school.students").rows == [(2,)]
    assert "seed.sql: ERROR 1235 (42000) at line 5: This version of MySQL doesn't yet support" in capsys.readouterr().out


# --- the page's API (sim_server.bridge, called by web/shell.js) ---------------------------------


def test_the_page_api_dumps_databases_that_load_back_to_the_same_rows():
    import json

    import sim_db
    from sim_server import bridge

    sim_db.reset()
    try:
        sim_db.load_dump("CREATE DATABASE shop; USE shop; CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(20));"
                         "INSERT INTO item VALUES (1, 'it''s'), (2, NULL); CREATE DATABASE other;")
        answer = json.loads(bridge.call("dump", json.dumps({"databases": ["shop"]})))
        text = answer["value"]
        assert text.startswith("-- MySQL dump 10.13") and "USE `shop`;" in text and "`other`" not in text
        everything = json.loads(bridge.call("dump", json.dumps({})))["value"]  # roundtrip.dump()
        assert "USE `other`;" in everything and "USE `shop`;" in everything
        assert json.loads(bridge.call("dump", json.dumps({"databases": ["nope"]}))) == {
            "error": {"message": "ERROR 1049 (42000): Unknown database 'nope'", "errno": 1049}}
        sim_db.reset()
        assert sim_db.load_dump(text).errors == []
        cursor = sim_db.connect(database="shop").cursor()
        cursor.execute("SELECT * FROM item ORDER BY id")
        assert cursor.fetchall() == ((1, "it's"), (2, None))
    finally:
        sim_db.reset()
