"""One student project served the way ``flask run --debug`` serves it."""

from __future__ import annotations

import os
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from typing import Iterable, Mapping, TextIO

import werkzeug.debug
from werkzeug.datastructures import Headers
from werkzeug.debug import DebuggedApplication
from werkzeug.test import EnvironBuilder, run_wsgi_app

from . import terminal
from .cookies import CookieJar

HeaderItems = Iterable[tuple[str, str]] | Mapping[str, str]


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes = b""
    reason: str = field(default="")


class _Terminal:
    """The dev server's console: ``sys.stderr`` as it is at write time.

    Looked up on each write so that whoever redirected stderr (Pyodide's stream hooks in the
    page, pytest's capture in tests) gets the text, just as a terminal gets a process's output.
    """

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream

    @property
    def stream(self) -> TextIO:
        return self._stream or sys.stderr

    def write(self, text: str) -> int:
        self.stream.write(text)
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self.stream.flush()


class _ProcessLocalValue:
    """Stands in for ``multiprocessing.Value``, which Pyodide lacks (no ``_multiprocessing``).

    ``DebuggedApplication`` keeps its failed-PIN counter in one so that the reloader's processes
    share it; there is one process here and the PIN prompt is not used.
    """

    def __init__(self, typecode: str, value: int = 0) -> None:
        self.value = value


werkzeug.debug.Value = _ProcessLocalValue


def _failing_app(error: BaseException):
    """What ``flask run`` serves when the app failed to import under the reloader: the error."""

    def app(environ, start_response):
        raise error from None

    return app


class Server:
    """Loads a Flask project like ``flask run --debug`` and answers requests with it.

    :param project_dir: the folder holding ``app.py`` or ``wsgi.py``.
    :param script_name: the URL prefix the app is mounted under (the page's ``<base>app``), so
        ``url_for`` and ``redirect`` build URLs that stay inside the preview.
    :param origin: scheme and host the app sees (``http://127.0.0.1:8000``).
    :param stream: where the terminal text goes; ``sys.stderr`` by default.
    """

    def __init__(
        self,
        project_dir: str | os.PathLike[str],
        *,
        script_name: str = "",
        origin: str = "http://127.0.0.1:5000",
        stream: TextIO | None = None,
    ) -> None:
        self.project_dir = Path(project_dir).resolve()
        self.script_name = script_name.rstrip("/")
        self.origin = origin.rstrip("/")
        self.terminal = _Terminal(stream)
        self.app = None
        self.load_error: BaseException | None = None
        self._wsgi_app = None
        self._started = False
        self.cookies = CookieJar()
        self.host = urlsplit(self.origin).hostname or "localhost"

    @property
    def url(self) -> str:
        return f"{self.origin}{self.script_name}/"

    # --- lifecycle --------------------------------------------------------------------------

    def start(self) -> None:
        """Print the banner and import the project (a broken project is served as its error)."""
        if not self._started:
            self.terminal.write(terminal.startup_banner(self._app_name(), self.url))
            self._started = True
        self._load()

    def restart(self, changed: str | None = None) -> None:
        """Reload the project's code, as the reloader does after a file changes.

        The database lives in sim_db's server, not in the app, so data survives, just as a real
        MySQL server outlives a Flask reload.
        """
        self.terminal.write(terminal.reloading(changed or str(self.project_dir / "app.py")))
        self._unload()
        self._load()

    def _app_name(self) -> str:
        return "wsgi" if (self.project_dir / "wsgi.py").exists() else "app"

    def _load(self) -> None:
        from flask.cli import ScriptInfo

        # The environment of the reloader's child process under `flask run --debug`: a module
        # level app.run() is then silently ignored, as Flask ignores it.
        os.environ["FLASK_DEBUG"] = "1"
        os.environ["FLASK_RUN_FROM_CLI"] = "true"
        os.environ["WERKZEUG_RUN_MAIN"] = "true"
        os.chdir(self.project_dir)
        self.app = None
        self.load_error = None
        try:
            app = ScriptInfo(set_debug_flag=True).load_app()
        except Exception as error:
            # flask.cli.run_command prints the traceback and serves the error on every request.
            self.terminal.write(traceback.format_exc())
            self.load_error = error
            app = _failing_app(error)
        else:
            self.app = app
        self._wsgi_app = DebuggedApplication(app, evalex=False, pin_security=False)
        self.terminal.write(terminal.debugger_active())

    def _unload(self) -> None:
        """Forget every module imported from the project, so the next import reads the files."""
        project = str(self.project_dir)
        for name, module in list(sys.modules.items()):
            location = getattr(module, "__file__", None) or ""
            if location.startswith(project + os.sep):
                del sys.modules[name]
        self.app = None
        self._wsgi_app = None
        # The reloader's old process exits, and the MySQL server drops its connections: a
        # transaction a stopped request left open must not hold its locks into the new app.
        from sim_db.connection import close_all

        close_all()

    # --- requests ---------------------------------------------------------------------------

    def handle(
        self,
        method: str,
        path: str,
        headers: HeaderItems = (),
        body: bytes = b"",
    ) -> Response:
        """Answer one request; ``path`` is what the app sees (``/api/students?x=1``)."""
        if self._wsgi_app is None:
            self.start()
        header_list = Headers(list(headers.items()) if isinstance(headers, Mapping) else list(headers))
        app_path = urlsplit(path).path or "/"
        # Cookies are matched against the path the app sees: a cookie Flask sets with Path=/
        # applies to the whole app, however the request reached it.
        jar_cookies = self.cookies.header_for(self.host, app_path)
        if jar_cookies:
            sent = header_list.get("Cookie")
            header_list["Cookie"] = f"{sent}; {jar_cookies}" if sent else jar_cookies
        builder = EnvironBuilder(
            path=path,
            base_url=self.origin + self.script_name,
            method=method.upper(),
            headers=header_list,
            data=body or None,
            errors_stream=self.terminal,
            environ_overrides={
                "REMOTE_ADDR": "127.0.0.1",
                "REMOTE_PORT": 0,
                "SERVER_SOFTWARE": "Werkzeug/roundtrip",
            },
        )
        try:
            environ = builder.get_environ()
        finally:
            builder.close()
        try:
            app_iter, status, response_headers = run_wsgi_app(self._wsgi_app, environ, buffered=True)
            try:
                content = b"".join(app_iter)
            finally:
                if hasattr(app_iter, "close"):
                    app_iter.close()
        except KeyboardInterrupt as stopped:
            # The page stopped a request that ran too long (a runaway loop). Under `flask run`
            # Ctrl+C ends the whole server; here only the request ends, shown as its traceback.
            status, response_headers, content = self._stopped_response(stopped, environ)
        self.cookies.update(self.host, app_path, response_headers.getlist("Set-Cookie"))
        if "Location" in response_headers:
            response_headers["Location"] = self.keep_inside(response_headers["Location"])
        code_text, _, reason = status.partition(" ")
        code = int(code_text)
        self.terminal.write(terminal.request_line(method.upper(), _logged_path(path), code))
        return Response(code, list(response_headers.to_wsgi_list()), content, reason)


    def _stopped_response(self, stopped: KeyboardInterrupt, environ) -> tuple[str, Headers, bytes]:
        from werkzeug.debug.tbtools import DebugTraceback

        self.terminal.write(
            "Roundtrip stopped this request: it ran too long (a loop that never ends?).\n"
            + "".join(traceback.format_exception(stopped))
        )
        page = DebugTraceback(stopped, skip=1).render_debugger_html(
            evalex=False, secret="", evalex_trusted=False
        )
        headers = Headers([("Content-Type", "text/html; charset=utf-8")])
        return "500 INTERNAL SERVER ERROR", headers, page.encode()

    def keep_inside(self, location: str) -> str:
        """A redirect target the student wrote as a server path, moved under the mount point.

        On the school server ``redirect('/')`` means the app's root. Here the app lives at
        ``<base>app/``, and a browser following ``/`` would leave it (on GitHub Pages, for
        someone else's site), so same-origin targets outside the mount point get its prefix.
        ``url_for`` already includes it.
        """
        parts = urlsplit(location)
        if parts.scheme or parts.netloc:
            if f"{parts.scheme}://{parts.netloc}" != self.origin:
                return location
        elif not location.startswith("/") or location.startswith("//"):
            return location  # relative: the browser resolves it inside the app already
        path = parts.path or "/"
        if path == self.script_name or path.startswith(self.script_name + "/"):
            return location
        inside = (self.origin if parts.netloc else "") + self.script_name + path
        return inside + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def _logged_path(path: str) -> str:
    return path if path.startswith("/") else "/" + path
