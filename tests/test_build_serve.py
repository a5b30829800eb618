"""`build.py serve`: a static host that behaves like GitHub Pages under a base path."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request

import pytest

import build


@pytest.mark.parametrize("given, meant", [("x", "/x/"), ("/x", "/x/"), ("/x/", "/x/"), ("", "/"), ("/", "/"), ("a/b", "/a/b/")])
def test_base_spellings_mean_the_same_folder(given, meant):
    assert build.normalize_base(given) == meant


@pytest.fixture
def served(tmp_path):
    (tmp_path / "index.html").write_text("<h1>shell</h1>")
    (tmp_path / "404.html").write_text("<p>site 404 page</p>")
    (tmp_path / "worker.mjs").write_text("export {}")
    (tmp_path / "runtime.wasm").write_bytes(b"\0asm\1\0\0\0")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "index.html").write_text("sub index")
    server = build.make_server(0, "course", tmp_path)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def fetch(url):
    try:
        with urllib.request.urlopen(url) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def test_serves_the_site_under_its_base_with_module_and_wasm_types(served):
    status, _, body = fetch(served + "/course/")
    assert (status, body) == (200, b"<h1>shell</h1>")
    assert fetch(served + "/course/worker.mjs")[1]["Content-Type"] == "text/javascript"
    assert fetch(served + "/course/runtime.wasm")[1]["Content-Type"] == "application/wasm"
    assert fetch(served + "/course/sub/")[2] == b"sub index"


def test_outside_the_base_is_a_plain_404(served):
    status, _, body = fetch(served + "/index.html")
    assert status == 404
    assert b"site 404 page" not in body
    assert fetch(served + "/")[0] == 404


def test_a_missing_file_is_404_with_the_sites_404_page_never_index_html(served):
    status, headers, body = fetch(served + "/course/app/api/students")
    assert status == 404
    assert body == b"<p>site 404 page</p>"
    assert headers["Content-Type"].startswith("text/html")
