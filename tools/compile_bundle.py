"""Run inside Pyodide by compile_bundle.mjs: boot the project once, compile what it imported."""

import importlib.util
import py_compile
import sys
import tarfile
from pathlib import Path

sys.dont_write_bytecode = True  # only the pycs compiled below go into the bundle


def boot_project() -> None:
    """The page's start-up, minus the browser: seed the database, import the app, serve."""
    import sim_db
    from sim_server import Server

    sim_db.install()
    seed = Path("/project/seed.sql")
    if seed.exists():
        sim_db.execute_script(seed.read_text())
    server = Server("/project", script_name="/app")
    server.start()
    for path in ("/", "/api/students", "/no-such-page"):
        server.handle("GET", path)
    server.handle("POST", "/api/students", {"Content-Type": "application/json"}, b"{}")
    if server.load_error is None:
        response = server.handle("GET", "/")
        if response.status >= 500:
            raise SystemExit(f"the project answered {response.status} at build time")


def write_bundle(site: str, out: str) -> str:
    site = "/" + site.lstrip("/")  # sysconfig gives '//lib/...' under Pyodide
    boot_project()
    imported = [
        module.__file__
        for name, module in sys.modules.items()
        if (getattr(module, "__file__", None) or "").startswith(site + "/")
    ]
    for source in imported:
        if source.endswith(".py"):
            py_compile.compile(
                source,
                cfile=importlib.util.cache_from_source(source),
                doraise=True,
                invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
            )
    # One gzip stream over the whole tree: smaller than per-file deflate, and the same bytes on
    # every host (GitHub Pages does not compress .zip). The page inflates it natively with
    # DecompressionStream, then unpacks a plain tar.
    root = Path(site)
    count = 0
    with tarfile.open(out, "w:gz", compresslevel=6, format=tarfile.PAX_FORMAT) as archive:
        for path in sorted(root.rglob("*")):
            if path.is_file():
                archive.add(path, path.relative_to(root).as_posix(), recursive=False)
                count += 1
    return f"{count} files, {len(imported)} modules precompiled"
