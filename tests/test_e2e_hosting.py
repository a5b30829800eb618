"""Hosting conditions: the site at the origin's root, and browsers that cannot run it."""

from __future__ import annotations

import pytest


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
