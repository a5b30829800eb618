"""The in-browser "web server": runs a student's Flask project as ``flask run --debug`` would.

``Server(project_dir).handle(method, path, headers, body)`` turns one request into a WSGI call
and returns the response, writing the dev server's terminal output (banner, request lines,
tracebacks) as it goes. Plain Python: the same code runs under CPython in the tests and under
Pyodide in the page; only :mod:`sim_server.bridge` knows about JavaScript.
"""

from .server import Response, Server

__all__ = ["Response", "Server"]
