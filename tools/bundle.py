"""Run inside Pyodide by bundle.mjs: boot the project once, note what it imported, pack the bundle.

The modules a boot imports are what the page's memory snapshot (tools/make_snapshot.mjs)
imports ahead of time, so the page never imports them from files: the bundle carries sources
only (for tracebacks and for modules imported later), no .pyc.
"""

import importlib.util
import py_compile
import sys
import tarfile
from pathlib import Path

sys.dont_write_bytecode = True  # the bundle carries sources only


def boot_project() -> None:
    """The page's start-up, minus the browser: seed the database, import the app, serve."""
    import sim_db
    from sim_server import Server
    from sim_server.bridge import load_seed

    from sim_db import image

    sim_db.install()
    seed = Path("/project/seed.sql")
    if seed.exists():
        seed_text = seed.read_text(encoding="utf-8")
        load_seed(seed_text)
        # The seeded databases, for the page to load instead of running seed.sql again.
        Path("/tmp/seed-image.bin").write_bytes(image.dump(sim_db.get_server(), seed_text))
    server = Server("/project", script_name="/app")
    server.start()
    for path in ("/", "/api/students", "/no-such-page"):
        server.handle("GET", path)
    server.handle("POST", "/api/students", {"Content-Type": "application/json"}, b"{}")
    if server.load_error is None:
        response = server.handle("GET", "/")
        if response.status >= 500:
            raise SystemExit(f"the project answered {response.status} at build time")


def write_bundle(site: str, out: str, modules_out: str, compiled_out: str) -> str:
    site = "/" + site.lstrip("/")  # sysconfig gives '//lib/...' under Pyodide
    boot_project()
    startup = {
        name: module.__file__
        for name, module in sys.modules.items()
        if (getattr(module, "__file__", None) or "").startswith(site + "/")
    }
    # The standard library's modules the boot pulled in from Pyodide's zip (encodings.idna for
    # Werkzeug's URLs, ...): imported in the page, each would be compiled from source there.
    stdlib = {
        name for name, module in sys.modules.items()
        if ".zip/" in (getattr(module, "__file__", None) or "")
    }
    Path(modules_out).write_text("\n".join(sorted(startup.keys() | stdlib)) + "\n")
    root = Path(site)
    write_tar(root, out, lambda path: path.suffix != ".pyc")
    # For the snapshot maker only: the same tree with the start-up modules compiled. Importing
    # pycs leaves far less garbage in the heap than compiling sources, and the snapshot is the
    # heap: 54 MB instead of 78 MB (13.7 instead of 21.6 MB gzip).
    for source in startup.values():
        if source.endswith(".py"):
            py_compile.compile(
                source,
                cfile=importlib.util.cache_from_source(source),
                doraise=True,
                invalidation_mode=py_compile.PycInvalidationMode.UNCHECKED_HASH,
            )
    count = write_tar(root, compiled_out, lambda path: True)
    return f"{count} files, {len(startup)} + {len(stdlib)} standard library modules imported at start-up"


def write_tar(root: Path, out: str, include) -> int:
    # One gzip stream over the whole tree: smaller than per-file deflate, and the same bytes on
    # every host (GitHub Pages does not compress .zip). The page inflates it natively with
    # DecompressionStream, then unpacks a plain tar.
    count = 0
    with tarfile.open(out, "w:gz", compresslevel=6, format=tarfile.PAX_FORMAT) as archive:
        for path in sorted(root.rglob("*")):
            if path.is_file() and include(path):
                archive.add(path, path.relative_to(root).as_posix(), recursive=False)
                count += 1
    return count
