"""Hosting conditions: the site at the origin's root, and browsers that cannot run it."""

from __future__ import annotations

import io
import json
import os
import shutil
import tarfile
import threading

import pytest

import build
from conftest import BASE


pytestmark = pytest.mark.e2e


def test_the_whole_stack_works_under_the_root_base(browser, root_site):
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(root_site)
        page.evaluate("() => roundtrip.ready")
        rows = page.frame_locator("#app-frame").locator("#students tbody tr")
        rows.nth(99).wait_for()
        frame = page.frame(url=lambda url: "/app/" in url)
        # With base "/", the app's absolute paths are in the service worker's scope too: they
        # must still reach Flask, while the shell's own files never do.
        assert frame.evaluate("async () => (await (await fetch('/api/students')).json())[0].name") == "Alex"
        assert frame.evaluate("async () => (await fetch('/no/such/route')).status") == 404
        assert "Roundtrip" in page.evaluate("async () => (await fetch('/index.html')).text()")
        page.locator("#app-frame").evaluate("(f, url) => { f.src = url; }", root_site + "app/missing")
        page.frame_locator("#app-frame").locator("h1", has_text="Not Found").wait_for()
    finally:
        context.close()


def test_without_service_workers_the_page_says_so_in_plain_words(browser, site):
    context = browser.new_context(service_workers="block")
    try:
        page = context.new_page()
        page.goto(site)
        outcome = page.evaluate("() => roundtrip.ready.then(() => 'ready', (e) => e.message)")
        assert outcome != "ready"
        message = page.locator("#unsupported")
        message.wait_for()
        assert "service worker" in message.inner_text()
        assert page.locator("#loading").is_hidden()
    finally:
        context.close()


def republish(site_dir, extra_source: str) -> None:
    """What a teacher's second `build.py` + push does to the files a host serves: app.py
    changes inside project.tar.gz, and build.json names a new build."""
    archive = site_dir / "project.tar.gz"
    with tarfile.open(archive) as old:
        members = [(member, old.extractfile(member).read()) for member in old.getmembers() if member.isfile()]
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as new:
        for member, data in members:
            if member.name == "app.py":
                data += extra_source.encode()
                member.size = len(data)
            new.addfile(member, io.BytesIO(data))
    archive.write_bytes(buffer.getvalue())
    manifest = json.loads((site_dir / "build.json").read_text())
    manifest["build"] += "-2"
    (site_dir / "build.json").write_text(json.dumps(manifest))
    later = os.stat(archive).st_mtime + 10  # the host's Last-Modified moves on
    for path in (archive, site_dir / "build.json"):
        os.utime(path, (later, later))


def test_a_republished_site_is_not_mixed_with_the_copy_the_browser_cached(browser, site, tmp_path):
    # GitHub Pages lets browsers reuse a file for ten minutes without asking (max-age=600): a
    # student who reloads right after the teacher republishes must get the new project, not
    # the new build's manifest with the old files out of the HTTP cache.
    site_dir = tmp_path / "site"  # a copy of dist/, which the `site` fixture has built
    shutil.copytree(build.DIST, site_dir)
    server = build.make_server(0, BASE, site_dir, cache_control="max-age=600")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}{BASE}")
        page.evaluate("() => roundtrip.ready")
        version = "() => roundtrip.request('GET', '/api/version').then((r) => [r.status, r.body])"
        assert page.evaluate(version)[0] == 404
        republish(site_dir, '\n\n@app.get("/api/version")\ndef version():\n    return "second build"\n')
        page.reload()
        page.evaluate("() => roundtrip.ready")
        assert page.evaluate(version) == [200, "second build"]
    finally:
        context.close()
        server.shutdown()
