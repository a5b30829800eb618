"""Sessions, password hashes and navigations in the browser, as under `flask run`.

Each test runs twice: with the site under a nested base path (a GitHub Pages project site) and
at the origin's root (a user site). Each swaps in a small app of its own and puts the starter
back afterwards.
"""

from __future__ import annotations

import json
import re

import pytest
from werkzeug.security import check_password_hash, generate_password_hash

from conftest import restore_starter

pytestmark = pytest.mark.e2e


@pytest.fixture(params=["nested base", "root base"])
def hosted(request, shell, site):
    """(page, site URL) for the site under a nested base, then at the root."""
    if request.param == "nested base":
        page, url = shell, site
    else:
        page, url = request.getfixturevalue("root_shell"), request.getfixturevalue("root_site")
    yield page, url
    restore_starter(page)

SESSION_AND_NAVIGATION_APP = '''
import time
from flask import Flask, jsonify, redirect, request, session, url_for
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.secret_key = "course"

PAGE = """<!doctype html><html><head><title>{title}</title></head><body>
<h1 id="title">{title}</h1>
<a id="about-link" href="/about">About</a>
<form id="add-form" action="/add" method="post"><input name="item" value="pen"><button>Add</button></form>
<button id="script-nav" onclick="location.href = '/about'">Go</button>
<button id="window-nav" onclick="window.location = '/'">Home</button>
</body></html>"""

@app.get("/")
def home():
    return PAGE.format(title="Home")

@app.get("/about")
def about():
    return PAGE.format(title="About")

@app.post("/add")
def add():
    session["added"] = request.form["item"]
    return redirect("/")

@app.get("/count")
def count():
    session["n"] = session.get("n", 0) + 1
    return jsonify(n=session["n"], added=session.get("added"))

@app.get("/count-and-go")
def count_and_go():
    session["n"] = session.get("n", 0) + 1
    return redirect(url_for("count"))

@app.post("/hash")
def make_hash():
    started = time.perf_counter()
    hashed = generate_password_hash(request.json["password"], method=request.json.get("method", "scrypt"))
    return jsonify(hash=hashed, ms=(time.perf_counter() - started) * 1000)

@app.post("/check")
def check():
    started = time.perf_counter()
    ok = check_password_hash(request.json["hash"], request.json["password"])
    return jsonify(ok=ok, ms=(time.perf_counter() - started) * 1000)
'''


@pytest.fixture
def app_page(hosted):
    page, _ = hosted
    page.evaluate("(text) => roundtrip.writeFile('app.py', text)", SESSION_AND_NAVIGATION_APP)
    page.evaluate("() => roundtrip.restart()")
    return page


def call(page, method, path, body=None):
    options = {"headers": {"Content-Type": "application/json"}, "body": json.dumps(body)} if body else {}
    response = page.evaluate("([m, p, o]) => roundtrip.request(m, p, o)", [method, path, options])
    return response["status"], response["body"]


def frame_location(page):
    return page.locator("#app-frame").evaluate("f => f.contentWindow.location.pathname")


def test_session_counter_survives_requests_and_a_redirect(app_page):
    counts = [json.loads(call(app_page, "GET", "/count")[1])["n"] for _ in range(3)]
    assert counts == [1, 2, 3]
    # A redirect followed by the browser itself, inside the app frame.
    app_page.locator("#app-frame").evaluate("(f) => { f.src = f.src.replace(/app\\/.*$/, 'app/count-and-go'); }")
    body = app_page.frame_locator("#app-frame").locator("body")
    body.filter(has_text='"n": 5').wait_for()
    assert frame_location(app_page).endswith("/app/count")


def test_links_forms_and_script_navigations_stay_in_the_app(app_page, hosted):
    site = hosted[1]
    app_base = re.sub(r"^https?://[^/]+", "", site) + "app"
    frame = app_page.frame_locator("#app-frame")
    app_page.locator("#app-frame").evaluate("(f, url) => { f.src = url; }", site + "app/")
    frame.locator("#title", has_text="Home").wait_for()

    frame.locator("#about-link").click()
    frame.locator("#title", has_text="About").wait_for()
    assert frame_location(app_page) == app_base + "/about"

    app_page.evaluate("() => history.back()")  # the joint history: the frame goes back
    frame.locator("#title", has_text="Home").wait_for()
    assert frame_location(app_page) == app_base + "/"

    frame.locator("#script-nav").click()
    frame.locator("#title", has_text="About").wait_for()
    assert frame_location(app_page) == app_base + "/about"

    frame.locator("#window-nav").click()  # window.location = '/'
    frame.locator("#title", has_text="Home").wait_for()
    assert frame_location(app_page) == app_base + "/"

    frame.locator("#add-form button").click()  # POST /add, then redirect('/')
    frame.locator("#title", has_text="Home").wait_for()
    assert frame_location(app_page) == app_base + "/"
    assert json.loads(call(app_page, "GET", "/count")[1])["added"] == "pen"


@pytest.mark.parametrize("method", ["scrypt", "pbkdf2"])
def test_password_hashes_interoperate_with_cpython(app_page, method):
    made_here = generate_password_hash("correct horse", method=method)
    status, body = call(app_page, "POST", "/check", {"hash": made_here, "password": "correct horse"})
    assert status == 200 and json.loads(body)["ok"] is True
    status, body = call(app_page, "POST", "/check", {"hash": made_here, "password": "wrong"})
    assert json.loads(body)["ok"] is False

    status, body = call(app_page, "POST", "/hash", {"password": "s3cret!", "method": method})
    made_in_browser = json.loads(body)["hash"]
    assert made_in_browser.startswith(method + ":")
    assert check_password_hash(made_in_browser, "s3cret!")
    assert not check_password_hash(made_in_browser, "s3cret")


LOGIN_APP = '''
from flask import Flask, redirect, render_template_string, request, url_for, flash, get_flashed_messages
from flask_login import LoginManager, UserMixin, current_user, login_required, login_user, logout_user
from werkzeug.security import check_password_hash, generate_password_hash

app = Flask(__name__)
app.secret_key = "course"
login_manager = LoginManager(app)
login_manager.login_view = "login"
USERS = {}

class User(UserMixin):
    def __init__(self, name):
        self.id = name

@login_manager.user_loader
def load_user(name):
    return User(name) if name in USERS else None

PAGE = """<!doctype html><title>{{ title }}</title><h1 id="title">{{ title }}</h1>
{% for m in get_flashed_messages() %}<p class="flash">{{ m }}</p>{% endfor %}
{% if form %}<form method="post" action="{{ form }}" enctype="{{ enctype or 'application/x-www-form-urlencoded' }}">
<input name="name"><input name="password" type="password"><input name="photo" type="file">
<button>Send</button></form>{% endif %}
<a id="logout" href="/logout">Log out</a>"""

def page(title, form=None, enctype=None):
    return render_template_string(PAGE, title=title, form=form, enctype=enctype)

@app.route("/register", methods=["GET", "POST"])
def register():
    if request.method == "POST":
        USERS[request.form["name"]] = generate_password_hash(request.form["password"])
        flash("Account created")
        return redirect(url_for("login"))
    return page("Register", "/register")

@app.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        name = request.form["name"]
        if name in USERS and check_password_hash(USERS[name], request.form["password"]):
            login_user(User(name))
            return redirect("/secret")
        flash("Wrong name or password")
    return page("Login", "/login")

@app.get("/secret")
@login_required
def secret():
    return page(f"Secret of {current_user.id}")

@app.get("/logout")
def logout():
    logout_user()
    return redirect(url_for("login"))

@app.route("/upload", methods=["GET", "POST"])
def upload():
    if request.method == "POST":
        photo = request.files["photo"]
        return page(f"Got {photo.filename} ({len(photo.read())} bytes)")
    return page("Upload", "/upload", "multipart/form-data")
'''


def test_register_login_protected_page_logout_with_flask_login(hosted):
    page, site = hosted
    page.evaluate("(text) => roundtrip.writeFile('app.py', text)", LOGIN_APP)
    page.evaluate("() => roundtrip.restart()")
    frame = page.frame_locator("#app-frame")
    title = frame.locator("#title")
    page.locator("#app-frame").evaluate("(f, url) => { f.src = url; }", site + "app/secret")
    title.filter(has_text="Login").wait_for()  # @login_required sent us to the login page

    page.locator("#app-frame").evaluate("(f, url) => { f.src = url; }", site + "app/register")
    title.filter(has_text="Register").wait_for()
    frame.locator("input[name=name]").fill("alex")
    frame.locator("input[name=password]").fill("pw-91")
    frame.locator("button").click()
    title.filter(has_text="Login").wait_for()
    assert frame.locator(".flash").inner_text() == "Account created"

    frame.locator("input[name=name]").fill("alex")
    frame.locator("input[name=password]").fill("wrong")
    frame.locator("button").click()
    frame.locator(".flash", has_text="Wrong name or password").wait_for()

    frame.locator("input[name=name]").fill("alex")
    frame.locator("input[name=password]").fill("pw-91")
    frame.locator("button").click()
    title.filter(has_text="Secret of alex").wait_for()
    assert frame_location(page).endswith("/app/secret")

    frame.locator("#logout").click()
    title.filter(has_text="Login").wait_for()
    page.locator("#app-frame").evaluate("(f, url) => { f.src = url; }", site + "app/secret")
    title.filter(has_text="Login").wait_for()


def test_an_upload_reaches_request_files(hosted):
    page, site = hosted
    page.evaluate("(text) => roundtrip.writeFile('app.py', text)", LOGIN_APP)
    page.evaluate("() => roundtrip.restart()")
    frame = page.frame_locator("#app-frame")
    page.locator("#app-frame").evaluate("(f, url) => { f.src = url; }", site + "app/upload")
    frame.locator("#title", has_text="Upload").wait_for()
    frame.locator("input[name=photo]").set_input_files(
        {"name": "cat.png", "mimeType": "image/png", "buffer": bytes(range(256)) * 8}
    )
    frame.locator("button").click()
    frame.locator("#title", has_text="Got cat.png (2048 bytes)").wait_for()


COOKIE_APP = '''
from flask import Flask, jsonify, make_response, request, session

app = Flask(__name__)
app.secret_key = "course"

@app.get("/")
def home():
    session["user"] = "alex"  # Flask's session cookie is HttpOnly
    response = make_response("<!doctype html><h1>cookies</h1>")
    response.set_cookie("theme", "dark")
    return response

@app.get("/seen")
def seen():
    return jsonify(sorted(request.cookies))
'''


def test_document_cookie_shows_what_a_browser_would_and_script_cookies_reach_flask(hosted):
    page, site = hosted
    page.evaluate("(text) => roundtrip.writeFile('app.py', text)", COOKIE_APP)
    page.evaluate("() => roundtrip.restart()")
    page.locator("#app-frame").evaluate("(f, url) => { f.src = url; }", site + "app/")
    page.frame_locator("#app-frame").locator("h1", has_text="cookies").wait_for()
    frame = page.frame(url=lambda url: "/app/" in url)
    assert frame.evaluate("() => document.cookie") == "theme=dark"  # not the HttpOnly session
    seen = frame.evaluate(
        """async () => {
            document.cookie = 'lang=fr';
            document.cookie = 'theme=; max-age=0';
            return (await fetch('/seen')).json();
        }"""
    )
    assert seen == ["lang", "session"]

