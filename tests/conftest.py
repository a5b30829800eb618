"""Shared fixtures: the built site served under a nested base path, and one Chromium for the suite."""

from __future__ import annotations

import os
import shutil
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import build  # noqa: E402  (the project's build script, for make_server and build)

BASE = "/course/site/"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# As on this machine's probe: no background traffic to Google, no first-run UI.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def site():
    """dist/ (built if stale) served on 127.0.0.1 under BASE, as `build.py serve` serves it."""
    if not build.dist_is_current():
        build.build()
    os.environ["ROUNDTRIP_QUIET_SERVER"] = "1"
    server = build.make_server(0, BASE)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}{BASE}"
    server.shutdown()


@pytest.fixture(scope="session")
def root_site(site):
    """The same dist/ served at base "/" (a user site such as <user>.github.io)."""
    server = build.make_server(0, "/")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Debian's chromium is required for the end-to-end tests ({CHROMIUM} is missing)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def context(browser):
    """One browser profile for the suite; every URL it requests is recorded."""
    context = browser.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.requests = requests
    yield context
    context.close()


@pytest.fixture(scope="session")
def shell(context, site):
    """The Roundtrip page as a returning student has it: second visit, so the service worker
    has made it cross-origin isolated (needed to interrupt a runaway request)."""
    page = context.new_page()
    page.goto(site)
    page.evaluate("() => roundtrip.ready")
    page.reload()
    page.evaluate("() => roundtrip.ready")
    page.original_app = page.evaluate("() => roundtrip.readFile('app.py')")
    return page


@pytest.fixture(scope="session")
def root_shell(browser, root_site):
    """A second Roundtrip page, served at the origin's root, in a profile of its own."""
    context = browser.new_context()
    page = context.new_page()
    page.goto(root_site)
    page.evaluate("() => roundtrip.ready")
    page.original_app = page.evaluate("() => roundtrip.readFile('app.py')")
    yield page
    context.close()


def restore_starter(shell):
    if shell.evaluate("() => roundtrip.readFile('app.py')") != shell.original_app:
        shell.evaluate("(text) => roundtrip.writeFile('app.py', text)", shell.original_app)
        shell.evaluate("() => roundtrip.restart()")


@pytest.fixture
def page(shell):
    """The shell page; the starter's app.py is put back afterwards if a test changed it."""
    yield shell
    restore_starter(shell)


@pytest.fixture(scope="session")
def mariadb_server():
    """A real MariaDB (MySQL 8's sql_mode) for tests that compare sim_db with the real thing.
    Missing server binaries fail such tests: `.ci/run` installs them, a skip would hide it."""
    import mariadb

    if not mariadb.available():
        pytest.fail("MariaDB's server binaries are missing (apt-get install mariadb-server)")
    server = mariadb.start()
    yield server
    server.stop()
