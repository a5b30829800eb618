"""The one module the page's JavaScript calls: boot, requests, and the automation API.

Everything crossing into JavaScript is converted here (Pyodide proxies in, plain data out), so
the rest of ``sim_server`` and ``sim_db`` stays ordinary Python that CPython tests can drive.
"""

from __future__ import annotations

import datetime
import decimal
import json
from pathlib import Path
from typing import Any

import sim_db
import sim_db.image

from .server import Server

_server: Server | None = None


def boot(project_dir: str, script_name: str, origin: str, seed_image: Any = None) -> None:
    """Load the project's seed into the MySQL simulator, then start the app.

    ``seed_image`` is the build's image of the seeded databases (``sim_db.image``); it is used
    when it was made from this very ``seed.sql``, which saves running the seed again.
    """
    global _server
    _refresh_after_snapshot()
    install_key_derivation()
    sim_db.install()
    seed = Path(project_dir) / "seed.sql"
    if seed.exists():
        seed_text = seed.read_text(encoding="utf-8")
        image = _to_py(seed_image)
        loaded = bool(image) and sim_db.image.load(sim_db.get_server(), bytes(image), seed_text)
        if not loaded:
            load_seed(seed_text)
    _server = Server(project_dir, script_name=script_name, origin=origin)
    _server.start()


def load_seed(seed_text: str) -> None:
    """Load the teacher's ``seed.sql`` (a few statements, or a whole mysqldump / phpMyAdmin
    export) as ``mysql --force < seed.sql`` would: what the simulator refuses (a stored
    procedure, say) is reported in the terminal with the client's ``ERROR ... at line N`` and
    the rest still loads, so the app starts with everything that could be loaded."""
    for outcome in sim_db.load_dump(seed_text, force=True).errors:
        print(f"seed.sql: {outcome.error_line()}")


def _refresh_after_snapshot() -> None:
    """Undo what a memory snapshot froze at build time: the random seed.

    The page's Python starts from a snapshot taken on the build machine; without this, every
    student would get the same ``random`` sequence. (Local time needs nothing: Emscripten's
    ``localtime`` asks the browser's ``Date`` on every call, and Pyodide has no ``tzset``.)
    """
    import random

    random.seed()


def install_key_derivation() -> None:
    """Give hashlib the ``pbkdf2_hmac`` and ``scrypt`` that Pyodide's build lacks (no OpenSSL).

    Werkzeug's ``generate_password_hash``/``check_password_hash`` call them; the worker provides
    synchronous JavaScript implementations as the ``_roundtrip_kdf`` module. Same signatures and
    results as CPython's, so hashes move freely between the browser and a real server.
    """
    import hashlib

    try:
        import _roundtrip_kdf as kdf  # registered by worker.js
        from pyodide.ffi import to_js
    except ImportError:  # CPython: OpenSSL provides both
        return

    def pbkdf2_hmac(hash_name, password, salt, iterations, dklen=None):
        name = hash_name.lower().replace("-", "")
        if dklen is None:
            dklen = hashlib.new(name).digest_size
        if iterations < 1:
            raise ValueError("iteration value must be greater than 0.")
        derived = kdf.pbkdf2_hmac(name, to_js(bytes(password)), to_js(bytes(salt)), iterations, dklen)
        return derived.to_bytes()

    def scrypt(password, *, salt, n, r, p, maxmem=0, dklen=64):
        derived = kdf.scrypt(to_js(bytes(password)), to_js(bytes(salt)), n, r, p, dklen, maxmem)
        return derived.to_bytes()

    if not hasattr(hashlib, "pbkdf2_hmac"):
        hashlib.pbkdf2_hmac = pbkdf2_hmac
    if not hasattr(hashlib, "scrypt"):
        hashlib.scrypt = scrypt


def _to_py(value: Any) -> Any:
    """A JavaScript value as plain Python (``undefined`` and ``null`` both become ``None``)."""
    if value is None or type(value).__name__ == "JsNull":
        return None
    if hasattr(value, "to_py"):
        return value.to_py()
    return value


def handle(method: str, path: str, headers: Any, body: Any, cookie_changes: Any = None):
    """The hot path: one request from the service worker. Returns [status, reason, headers, body].

    ``cookie_changes`` is JSON: the app page's own ``document.cookie`` edits since the last
    request, ``[name, value]`` pairs with ``null`` for a deletion.
    """
    assert _server is not None, "boot() first"
    if cookie_changes and cookie_changes != "[]":
        changes = [(name, value) for name, value in json.loads(cookie_changes)]
        _server.cookies.apply_script_changes(_server.host, changes)
    header_items = [tuple(pair) for pair in (_to_py(headers) or [])]
    payload = body.to_bytes() if hasattr(body, "to_bytes") else (_to_py(body) or b"")
    response = _server.handle(method, path, header_items, payload)
    result = [response.status, response.reason, [list(h) for h in response.headers], response.body]
    try:
        from pyodide.ffi import to_js
    except ImportError:  # CPython (tests)
        return result
    return to_js(result)


def script_cookies() -> str:
    """The cookies the app page's ``document.cookie`` should show, as JSON."""
    assert _server is not None, "boot() first"
    return json.dumps(_server.cookies.script_cookies(_server.host))


# --- the automation API: JSON in, JSON out ---------------------------------------------------


def _project_file(relative: str) -> Path:
    assert _server is not None, "boot() first"
    root = _server.project_dir
    path = (root / relative).resolve()
    if path != root and root not in path.parents:
        raise ValueError(f"{relative}: outside the project")
    return path


def read_file(path: str) -> str:
    file = _project_file(path)
    if not file.is_file():
        raise FileNotFoundError(f"No such file in the project: {path}")
    return file.read_text(encoding="utf-8")


def write_file(path: str, text: str) -> None:
    file = _project_file(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(text, encoding="utf-8")


def restart() -> None:
    assert _server is not None, "boot() first"
    _server.restart()


def _json_value(value: Any) -> Any:
    """SQL values as the API promises them: DECIMAL as strings, dates as ISO strings."""
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat(sep=" ") if isinstance(value, datetime.datetime) else value.isoformat()
    if isinstance(value, datetime.timedelta):
        return sim_db.format_time(value)
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode("utf-8", "replace")
    return value


def sql(text: str) -> dict[str, Any]:
    """Run MySQL text in the app's database, as the ``mysql`` client would."""
    result = sim_db.execute_script(text, database=_app_database())
    return {
        "columns": list(result.columns),
        "rows": [[_json_value(v) for v in row] for row in result.rows],
        "rowcount": result.rowcount,
    }


_console = None  # the page's MySQL console: one client session, as a terminal running `mysql`


def console(text: str) -> dict[str, str]:
    """Lines typed at the page's ``mysql>`` prompt: what the client prints, and its next prompt.

    The session starts in the app's database, as ``mysql school`` would, and lives as long as
    the page (USE, SET and an open transaction carry over). Like the interactive client it goes
    on after an error; ``exit`` ends the session and the next line starts a new one.
    """
    from pymysql.err import MySQLError
    from sim_db.console import Console

    global _console
    output = ""
    if _console is None:
        try:
            _console = Console(database=_app_database(), force=True)
        except MySQLError as error:  # the app names a database that does not exist (yet)
            output = sim_db.client_error_line(error) + "\n"
            _console = Console(force=True)
    output += _console.run(text)
    if _console.quit:
        output += _console.bye()
        _console = None
        return {"output": output, "prompt": "mysql> "}
    return {"output": output, "prompt": _console.prompt}


def dump(databases: list[str] | None = None) -> str:
    """``mysqldump --databases``: the file a student loads into the school's MySQL 8 server
    (``mysql < dump.sql``); every database when none are named (sim_db.dump)."""
    return sim_db.dump(list(databases) if databases else None)


def _app_database() -> str | None:
    """The database named in the app's SQLAlchemy URL (``school``), if there is one."""
    app = _server.app if _server else None
    uri = app.config.get("SQLALCHEMY_DATABASE_URI") if app is not None else None
    if not isinstance(uri, str):
        return None
    from sqlalchemy.engine import make_url

    return make_url(uri).database


_OPERATIONS = {
    "readFile": lambda args: read_file(args["path"]),
    "writeFile": lambda args: write_file(args["path"], args["text"]),
    "restart": lambda args: restart(),
    "sql": lambda args: sql(args["text"]),
    "console": lambda args: console(args["text"]),
    "dump": lambda args: dump(args.get("databases")),
}


def call(operation: str, arguments: str) -> str:
    """Run one API operation; errors come back as data the page turns into a rejected promise."""
    from pymysql.err import MySQLError

    try:
        value = _OPERATIONS[operation](json.loads(arguments))
    except MySQLError as error:
        message = sim_db.client_error_line(error)
        return json.dumps({"error": {"message": message, "errno": error.args[0]}})
    except Exception as error:
        message = str(error.args[0]) if error.args else str(error)
        return json.dumps({"error": {"message": message, "errno": None}})
    return json.dumps({"value": value})
