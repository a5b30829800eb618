"""The walking skeleton end to end: Chromium, the built site under a nested base path, the starter.

One browser page for the suite (starting Python costs seconds; see conftest.py);
`roundtrip.restart()` and the original files are restored between cases.
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.e2e

BOOM_ROUTE = '''

@app.get("/boom")
def boom():
    print("about to fail")
    return {"result": 1 / 0}
'''


def app_frame(page):
    return page.frame_locator("#app-frame")


def frame(page):
    return page.frame(name=None, url=re.compile(r"/app/"))


def test_starter_lists_its_seeded_students(page):
    rows = app_frame(page).locator("#students tbody tr")
    rows.nth(99).wait_for()
    assert rows.count() == 100
    assert rows.first.locator("td").all_inner_texts() == ["1", "Alex", "91"]
    assert app_frame(page).locator("h1").inner_text() == "Students"
    assert page.locator("iframe").count() == 1
    assert urlsplit(page.locator("#app-frame").evaluate("f => f.contentWindow.location.href")).path == urlsplit(page.url).path + "app/"


def test_the_terminal_shows_the_banner_and_request_lines(page):
    app_frame(page).locator("#students tbody tr").nth(99).wait_for()
    lines = page.evaluate("() => roundtrip.terminal()")
    assert " * Serving Flask app 'app'" in lines
    assert " * Debug mode: on" in lines
    request_line = re.compile(
        r'^127\.0\.0\.1 - - \[\d{2}/\w{3}/\d{4} \d{2}:\d{2}:\d{2}\] "GET /api/students HTTP/1\.1" 200 -$'
    )
    assert any(request_line.match(line) for line in lines), lines[-10:]
    assert any("INFO sqlalchemy.engine.Engine SELECT students.id" in line for line in lines), "no SQL echo"
    # On screen too: the pane shows the latest request line where the student looks.
    shown = page.locator("#terminal").get_by_text('"GET /api/students HTTP/1.1" 200').last
    expect(shown).to_be_visible()
    expect(shown).to_be_in_viewport()


def test_the_terminal_pane_follows_the_newest_line(page):
    for i in range(60):
        page.evaluate("(i) => roundtrip.request('GET', '/no-such-page-' + i)", i)
    newest = page.locator("#terminal").get_by_text('"GET /no-such-page-59 HTTP/1.1" 404')
    expect(newest).to_be_in_viewport()
    oldest = page.locator("#terminal").get_by_text('"GET /no-such-page-0 HTTP/1.1" 404')
    expect(oldest).to_be_attached()
    expect(oldest).not_to_be_in_viewport()  # scrolled up out of the pane, still there to read


def test_adding_through_the_form_shows_the_student_and_sql_finds_it(page):
    app = app_frame(page)
    app.locator("#students tbody tr").nth(99).wait_for()
    app.locator("#name").fill("Zara Quill")
    app.locator("#grade").fill("88")
    app.locator("button[type=submit]").click()
    new_row = app.locator("#students tbody tr", has_text="Zara Quill")
    new_row.wait_for()
    assert new_row.locator("td").all_inner_texts()[1:] == ["Zara Quill", "88"]
    result = page.evaluate("() => roundtrip.sql(\"SELECT id, name, grade FROM students WHERE name = 'Zara Quill'\")")
    assert result["columns"] == ["id", "name", "grade"]
    assert [row[1:] for row in result["rows"]] == [["Zara Quill", 88]]
    assert result["rows"][0][0] > 100


def test_form_errors_come_back_as_400_json(page):
    app = app_frame(page)
    app.locator("#students tbody tr").nth(99).wait_for()
    status, data = frame(page).evaluate(
        """async () => {
            const response = await fetch('/api/students', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: '{"name": ""}'});
            return [response.status, await response.json()];
        }"""
    )
    assert status == 400
    assert data == {"error": "name is required."}


def test_in_app_fetch_returns_json(page):
    app_frame(page).locator("#students tbody tr").nth(99).wait_for()
    result = frame(page).evaluate(
        """async () => {
            const response = await fetch('/api/students');
            return {status: response.status, type: response.headers.get('content-type'), data: await response.json()};
        }"""
    )
    assert result["status"] == 200
    assert result["type"] == "application/json"
    assert result["data"][0] == {"id": 1, "name": "Alex", "grade": 91}
    assert len(result["data"]) >= 100


def test_requests_still_reach_flask_after_the_browser_stops_the_service_worker(page):
    """Browsers stop an idle service worker whenever they like; the next fetch starts a fresh
    one, which has lost its direct line to Python and must find it again."""
    fetch_students = "async () => (await (await fetch('/api/students')).json()).length"
    students = frame(page).evaluate(fetch_students)
    assert students >= 100
    cdp = page.context.new_cdp_session(page)
    try:
        cdp.send("ServiceWorker.enable")
        cdp.send("ServiceWorker.stopAllWorkers")
        logged = len([line for line in page.evaluate("() => roundtrip.terminal()") if "GET /api/students" in line])
        assert [frame(page).evaluate(fetch_students) for _ in range(3)] == [students] * 3
        lines = [line for line in page.evaluate("() => roundtrip.terminal()") if "GET /api/students" in line]
        assert len(lines) == logged + 3
    finally:
        cdp.detach()


def test_a_raising_route_gives_500_and_its_traceback_reaches_the_terminal(page):
    page.evaluate("(text) => roundtrip.writeFile('app.py', text)", page.original_app + BOOM_ROUTE)
    page.evaluate("() => roundtrip.restart()")
    response = page.evaluate("() => roundtrip.request('GET', '/boom')")
    assert response["status"] == 500
    assert "ZeroDivisionError: division by zero" in response["body"]
    assert response["headers"]["content-type"].startswith("text/html")
    lines = page.evaluate("() => roundtrip.terminal()")
    text = "\n".join(lines)
    assert "about to fail" in text
    assert "Traceback (most recent call last):" in text
    assert 'return {"result": 1 / 0}' in text
    assert lines[-1].endswith('"GET /boom HTTP/1.1" 500 -')
    # In the preview, the page is the debugger's traceback page.
    page.locator("#app-frame").evaluate("(f, url) => { f.src = url; }", page.url + "app/boom")
    app_frame(page).locator("text=ZeroDivisionError: division by zero").first.wait_for()


def test_unknown_path_is_flasks_404_and_wrong_method_405(page):
    missing = page.evaluate("() => roundtrip.request('GET', '/no/such/page')")
    assert missing["status"] == 404
    assert "<h1>Not Found</h1>" in missing["body"]
    wrong = page.evaluate("() => roundtrip.request('DELETE', '/api/students')")
    assert wrong["status"] == 405
    in_app = frame(page).evaluate("async () => (await fetch('/definitely/missing')).status")
    assert in_app == 404


def test_restart_keeps_the_data_and_reloads_the_code(page):
    page.evaluate("() => roundtrip.sql(\"INSERT INTO students (name, grade) VALUES ('Kept Across Restart', 77)\")")
    edited = page.original_app.replace('return render_template("index.html")', 'return "edited index"')
    page.evaluate("(text) => roundtrip.writeFile('app.py', text)", edited)
    assert page.evaluate("() => roundtrip.request('GET', '/')")["body"] != "edited index"  # not yet
    page.evaluate("() => roundtrip.restart()")
    assert page.evaluate("() => roundtrip.request('GET', '/')")["body"] == "edited index"
    names = [s["name"] for s in json.loads(page.evaluate("() => roundtrip.request('GET', '/api/students')")["body"])]
    assert "Kept Across Restart" in names


def test_a_broken_app_still_becomes_ready_and_serves_its_traceback(page):
    page.evaluate("() => roundtrip.writeFile('app.py', 'from flask import Flask\\napp = Flask(__name__\\n')")
    page.evaluate("() => roundtrip.restart()")  # resolves: the error page is what is served
    response = page.evaluate("() => roundtrip.request('GET', '/')")
    assert response["status"] == 500
    assert "SyntaxError" in response["body"]
    assert any("SyntaxError" in line for line in page.evaluate("() => roundtrip.terminal()"))


def test_api_errors_name_the_file_and_the_mysql_error(page):
    message = page.evaluate("() => roundtrip.readFile('nope.py').then(() => 'resolved', e => e.message)")
    assert "nope.py" in message
    error = page.evaluate(
        "() => roundtrip.sql('SELECT * FROM studnets').then(() => null, e => ({message: e.message, errno: e.errno}))"
    )
    assert error == {"message": "ERROR 1146 (42S02): Table 'school.studnets' doesn't exist", "errno": 1146}


def test_opening_the_app_in_a_new_tab_shows_it(context, shell, site):
    tab = context.new_page()
    try:
        tab.goto(site + "app/")
        tab.locator("#students tbody tr").nth(99).wait_for()
        assert tab.locator("#students tbody tr").first.locator("td").all_inner_texts() == ["1", "Alex", "91"]
    finally:
        tab.close()


def test_no_request_leaves_the_pages_origin(context, shell, site):
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(site))
    assert context.requests, "the context recorded no requests"
    elsewhere = [url for url in context.requests if not url.startswith(origin) and not url.startswith("data:")]
    assert elsewhere == []


def test_a_runaway_route_is_interrupted_and_the_app_keeps_its_data(page):
    assert page.evaluate("() => crossOriginIsolated"), "the service worker should isolate the shell"
    loop_route = '\n\n@app.get("/forever")\ndef forever():\n    while True:\n        pass\n'
    page.evaluate("(text) => roundtrip.writeFile('app.py', text)", page.original_app + loop_route)
    page.evaluate("() => roundtrip.restart()")
    page.evaluate("() => { window.stuck = roundtrip.request('GET', '/forever').then(r => r.status); }")
    page.wait_for_timeout(1500)  # the request is now spinning in Python
    page.evaluate("() => roundtrip.restart()")  # restarting Flask interrupts it first
    assert page.evaluate("() => window.stuck") == 500
    text = "\n".join(page.evaluate("() => roundtrip.terminal()"))
    assert "Roundtrip stopped this request" in text and "KeyboardInterrupt" in text
    assert page.evaluate("() => roundtrip.sql('SELECT COUNT(*) AS n FROM students')")["rows"][0][0] >= 100
    assert page.evaluate("() => roundtrip.request('GET', '/api/students')")["status"] == 200
