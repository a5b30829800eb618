"""The text of Flask's development server, as ``flask run --debug`` prints it.

Werkzeug writes these lines from its socket-bound ``WSGIRequestHandler`` and from ``flask.cli``'s
``run_command``; neither can be called without a real socket server, so the formats are
reproduced here from ``werkzeug/serving.py`` (``log_request``, ``log_startup``, ``_ansi_style``).
"""

from __future__ import annotations

import time

from werkzeug.urls import uri_to_iri

_ANSI_CODES = {"bold": 1, "red": 31, "green": 32, "yellow": 33, "magenta": 35, "cyan": 36}
_CONTROL_CHARS = str.maketrans({c: rf"\x{c:02x}" for c in [*range(0x20), *range(0x7F, 0xA0)]})
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def ansi_style(value: str, *styles: str) -> str:
    for style in styles:
        value = f"\x1b[{_ANSI_CODES[style]}m{value}"
    return f"{value}\x1b[0m"


def log_date_time_string(now: float | None = None) -> str:
    """``24/Nov/2026 09:12:35``, as ``BaseHTTPRequestHandler.log_date_time_string``."""
    year, month, day, hh, mm, ss, *_ = time.localtime(now)
    return "%02d/%3s/%04d %02d:%02d:%02d" % (day, _MONTHS[month - 1], year, hh, mm, ss)


def request_line(method: str, path: str, status: int, remote_addr: str = "127.0.0.1") -> str:
    """One access-log line, coloured by status exactly as Werkzeug does."""
    message = f"{method} {uri_to_iri(path)} HTTP/1.1".translate(_CONTROL_CHARS)
    code = str(status)
    if code.startswith("1"):
        message = ansi_style(message, "bold")
    elif code == "200":
        pass
    elif code == "304":
        message = ansi_style(message, "cyan")
    elif code.startswith("3"):
        message = ansi_style(message, "green")
    elif code == "404":
        message = ansi_style(message, "yellow")
    elif code.startswith("4"):
        message = ansi_style(message, "bold", "red")
    else:
        message = ansi_style(message, "bold", "magenta")
    return f'{remote_addr} - - [{log_date_time_string()}] "{message}" {code} -\n'


def startup_banner(app_name: str, url: str) -> str:
    """What ``flask run --debug`` prints before the app is imported (the reloader's parent)."""
    warning = ansi_style(
        "WARNING: This is a development server. Do not use it in a production deployment."
        " Use a production WSGI server instead.",
        "bold",
        "red",
    )
    return (
        f" * Serving Flask app '{app_name}'\n"
        " * Debug mode: on\n"
        f"{warning}\n"
        f" * Running on {url}\n"
        f"{ansi_style('Press CTRL+C to quit', 'yellow')}\n"
        " * Restarting with stat\n"
    )


def debugger_active() -> str:
    # The interactive console needs a PIN and code execution in the page; it is left out, so no
    # PIN is printed.
    return " * Debugger is active!\n"


def reloading(changed: str) -> str:
    return f" * Detected change in {changed!r}, reloading\n * Restarting with stat\n"
