"""Build, serve, test and benchmark Roundtrip.

    python build.py [--project DIR]             build dist/, the deployable static site
    python build.py serve [--port 8000] [--base /]   build if needed, serve dist/ on 127.0.0.1
    python build.py test [pytest args]          set everything up, run every test
    python build.py bench                       print the start-up and round-trip figures

Only the standard library is used here: this file runs before any virtualenv exists.
Everything the page needs is fetched now, at build time, pinned by package-lock.json and
requirements/browser.txt; the built site reaches nothing but its own origin.
"""

from __future__ import annotations

import argparse
import hashlib
import http.server
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
DIST = ROOT / "dist"
CACHE = ROOT / ".cache"
WHEELS = CACHE / "wheels"
VENV = ROOT / ".venv"
NODE_MODULES = ROOT / "node_modules"
PYODIDE_DIR = NODE_MODULES / "pyodide"
BROWSER_REQUIREMENTS = ROOT / "requirements" / "browser.txt"
DEV_REQUIREMENTS = ROOT / "requirements" / "dev.txt"
DEFAULT_PROJECT = ROOT / "starter"

# Pyodide files the page loads; the rest of the npm package (console pages, maps, types) stays out.
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
# Front-end files copied from node_modules into dist/vendor/.
VENDOR_FILES = {
    "tabler.min.css": "@tabler/core/dist/css/tabler.min.css",
    # Reads the bundle's tar in JavaScript (see worker.js).
    "nanotar.mjs": "nanotar/dist/index.mjs",
}
# Whole ES-module packages copied into dist/vendor/<name>/ (their top-level .js files).
VENDOR_MODULES = {
    # Synchronous PBKDF2 and scrypt for hashlib in the worker (Pyodide has no OpenSSL).
    "noble-hashes": "@noble/hashes",
}
# Parts of the pinned packages that the page never imports: left out of the bundle to keep the
# first load small. Paths are relative to site-packages.
BUNDLE_EXCLUDES = (
    "sqlalchemy/testing",
    "sqlalchemy/dialects/postgresql",
    "sqlalchemy/dialects/oracle",
    "sqlalchemy/dialects/mssql",
    "sqlalchemy/ext/asyncio",
    "sqlalchemy/ext/mypy",
    "sqlglot/executor",
)
# sqlglot ships every engine's dialect; sim_db reads MySQL and writes SQLite, so only those (and
# the shared base modules) are bundled. This cuts sqlglot from 3.4 MB to about a third.
SQLGLOT_DIALECT_FOLDERS = ("dialects", "parsers", "generators", "typing")
SQLGLOT_KEPT_MODULES = {"__init__.py", "dialect.py", "base.py", "mysql.py", "sqlite.py"}


def log(message: str) -> None:
    print(f"[build] {message}", flush=True)


def run(cmd: list[str], **kwargs) -> None:
    log(" ".join(str(part) for part in cmd))
    subprocess.run(cmd, check=True, **kwargs)


# --- set-up ---------------------------------------------------------------------------------


def ensure_node_modules() -> None:
    """Install the npm packages exactly as package-lock.json pins them."""
    stamp = NODE_MODULES / ".package-lock.json"
    lock = ROOT / "package-lock.json"
    if stamp.exists() and stamp.stat().st_mtime >= lock.stat().st_mtime:
        return
    run(["npm", "ci", "--no-audit", "--no-fund"], cwd=ROOT)


def parse_browser_requirements() -> list[tuple[str, str, str]]:
    """(name, version, sha256) for each pinned browser package."""
    pins = []
    for line in BROWSER_REQUIREMENTS.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        spec, _, digest = line.partition(" --hash=sha256:")
        name, _, version = spec.partition("==")
        pins.append((name.strip(), version.strip(), digest.strip()))
    return pins


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ensure_wheels() -> list[Path]:
    """Download each pinned distribution once into .cache/wheels and check its hash.

    Wheels are the pure-Python `py3-none-any` builds (Pyodide cannot load CPython's compiled
    extensions); MarkupSafe comes as its sdist, whose pure-Python fallback is what the page runs.
    """
    WHEELS.mkdir(parents=True, exist_ok=True)
    files = []
    for name, version, digest in parse_browser_requirements():
        found = [p for p in WHEELS.iterdir() if sha256_of(p) == digest] if any(WHEELS.iterdir()) else []
        if not found:
            with tempfile.TemporaryDirectory() as tmp:
                pin = Path(tmp) / "pin.txt"
                pin.write_text(f"{name}=={version} --hash=sha256:{digest}\n")
                kind = (
                    ["--no-binary=:all:"]
                    if name == "markupsafe"
                    else ["--only-binary=:all:", "--platform", "any", "--implementation", "py",
                          "--abi", "none", "--python-version", "3.14"]
                )
                run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                     "--require-hashes", *kind, "-d", tmp, "-r", str(pin)])
                for downloaded in Path(tmp).iterdir():
                    if downloaded.name != "pin.txt":
                        shutil.move(str(downloaded), WHEELS / downloaded.name)
            found = [p for p in WHEELS.iterdir() if sha256_of(p) == digest]
        if not found:
            raise SystemExit(f"{name}=={version}: no downloaded file matches its pinned hash")
        files.append(found[0])
    return files


def ensure_venv() -> Path:
    """A CPython venv with the test tools and the same pinned packages the browser runs."""
    python = VENV / "bin" / "python"
    stamp = VENV / ".roundtrip-installed"
    wanted = hashlib.sha256(
        BROWSER_REQUIREMENTS.read_bytes() + DEV_REQUIREMENTS.read_bytes()
    ).hexdigest()
    if stamp.exists() and stamp.read_text() == wanted and python.exists():
        return python
    if not python.exists():
        run([sys.executable, "-m", "venv", str(VENV)])
    wheels = ensure_wheels()
    run([str(python), "-m", "pip", "install", "--quiet", "-r", str(DEV_REQUIREMENTS)])
    run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-binary", "markupsafe",
         *[str(w) for w in wheels]])
    stamp.write_text(wanted)
    return python


# --- the bundle -----------------------------------------------------------------------------


def stage_site_packages(wheels: list[Path], target: Path) -> None:
    """Lay out site-packages as the page will see it: wheels, MarkupSafe's pure code, py/."""
    for wheel in wheels:
        if wheel.name.endswith(".whl"):
            with zipfile.ZipFile(wheel) as archive:
                for member in archive.namelist():
                    if member.endswith("/RECORD"):
                        continue
                    archive.extract(member, target)
        else:  # the MarkupSafe sdist: only its Python sources
            import tarfile

            with tarfile.open(wheel) as archive:
                for member in archive.getmembers():
                    parts = Path(member.name).parts
                    if "src" in parts and member.name.endswith((".py", "py.typed")):
                        rel = Path(*parts[parts.index("src") + 1 :])
                        (target / rel).parent.mkdir(parents=True, exist_ok=True)
                        (target / rel).write_bytes(archive.extractfile(member).read())
    for excluded in BUNDLE_EXCLUDES:
        shutil.rmtree(target / excluded, ignore_errors=True)
    for folder in SQLGLOT_DIALECT_FOLDERS:
        for module in (target / "sqlglot" / folder).glob("*.py"):
            if module.name not in SQLGLOT_KEPT_MODULES:
                module.unlink()
    for package in ("sim_server", "sim_db"):
        shutil.copytree(
            ROOT / "py" / package,
            target / package,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"),
        )


def tar_tree(source: Path, archive_path: Path, compresslevel: int = 6) -> None:
    """A gzip tar of a folder: one stream compresses better than a zip's per-file deflate, is
    compressed on every host (GitHub Pages serves .zip as it is), and the page reads it without
    Python (DecompressionStream, then nanotar; see worker.js)."""
    with tarfile.open(archive_path, "w:gz", compresslevel=compresslevel, format=tarfile.PAX_FORMAT) as archive:
        for path in sorted(source.rglob("*")):
            if path.is_file():
                archive.add(path, path.relative_to(source).as_posix(), recursive=False)


def build_bundle(project_archive: Path, out: Path) -> None:
    """bundle.tar.gz: site-packages as the page sees it, plus the list of start-up modules.

    Node runs Pyodide and boots the project once (tools/bundle.mjs). Compiled .pyc were shipped
    here before the memory snapshot existed (a 3x faster import); the snapshot now holds those
    modules already imported, so the bundle carries sources only. The pycs, still compiled
    inside Pyodide, only feed the snapshot maker.
    """
    wheels = ensure_wheels()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        stage_site_packages(wheels, site)
        plain = Path(tmp) / "plain.tar.gz"
        tar_tree(site, plain, compresslevel=1)
        run(["node", str(ROOT / "tools" / "bundle.mjs"), str(PYODIDE_DIR), str(plain),
             str(project_archive), str(out)], cwd=ROOT)


def build(project: Path = DEFAULT_PROJECT) -> None:
    project = project.resolve()
    if not (project / "app.py").exists() and not (project / "wsgi.py").exists():
        raise SystemExit(f"{project}: no app.py or wsgi.py (a Flask project is expected)")
    ensure_node_modules()
    if DIST.exists():
        shutil.rmtree(DIST)
    (DIST / "pyodide").mkdir(parents=True)
    (DIST / "vendor").mkdir()
    for name in PYODIDE_FILES:
        shutil.copy2(PYODIDE_DIR / name, DIST / "pyodide" / name)
    for name, source in VENDOR_FILES.items():
        shutil.copy2(NODE_MODULES / source, DIST / "vendor" / name)
    for name, package in VENDOR_MODULES.items():
        (DIST / "vendor" / name).mkdir()
        for module in (NODE_MODULES / package).glob("*.js"):
            shutil.copy2(module, DIST / "vendor" / name / module.name)
    for path in (ROOT / "web").iterdir():
        if path.is_file():
            shutil.copy2(path, DIST / path.name)
    tar_tree(project, DIST / "project.tar.gz")
    build_bundle(DIST / "project.tar.gz", DIST / "bundle.tar.gz")
    modules, compiled = DIST / "bundle.tar.gz.modules", DIST / "bundle.tar.gz.compiled"
    run(["node", str(ROOT / "tools" / "make_snapshot.mjs"), str(PYODIDE_DIR), str(compiled),
         str(modules), str(DIST / "pyodide" / "snapshot.bin.gz")], cwd=ROOT)
    modules.unlink()
    compiled.unlink()
    seed_image = DIST / "bundle.tar.gz.seed-image"
    if seed_image.exists():
        seed_image.rename(DIST / "seed-image.bin")
    # One version string for every cached asset: a new build is never mixed with an old one.
    digest = hashlib.sha256()
    for path in sorted(DIST.rglob("*")):
        if path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    manifest = {
        "build": digest.hexdigest()[:16],
        "pyodide": json.loads((PYODIDE_DIR / "package.json").read_text())["version"],
        "project": project.name,
    }
    (DIST / "build.json").write_text(json.dumps(manifest, indent=2) + "\n")
    CACHE.mkdir(exist_ok=True)
    (CACHE / "last-build-project").write_text(str(project))
    (DIST / ".nojekyll").write_text("")
    log(f"built {DIST} ({manifest['build']})")


def dist_is_current(project: Path = DEFAULT_PROJECT) -> bool:
    """True when dist/ holds ``project`` and is newer than every source it is built from."""
    stamp = DIST / "build.json"
    last_project = CACHE / "last-build-project"
    if not stamp.exists() or not last_project.exists():
        return False
    if last_project.read_text() != str(project.resolve()):
        return False
    built = stamp.stat().st_mtime
    sources = [ROOT / "build.py", ROOT / "package-lock.json", BROWSER_REQUIREMENTS]
    sources.extend(p for p in project.resolve().rglob("*") if p.is_file())
    for folder in ("web", "py", "tools"):
        sources.extend(p for p in (ROOT / folder).rglob("*") if p.is_file())
    return all(p.stat().st_mtime <= built for p in sources if "__pycache__" not in p.parts)


# --- serve ----------------------------------------------------------------------------------


def normalize_base(base: str) -> str:
    """`x`, `/x` and `/x/` all mean `/x/`; empty means `/`."""
    stripped = base.strip("/")
    return f"/{stripped}/" if stripped else "/"


class StaticSiteHandler(http.server.SimpleHTTPRequestHandler):
    """Serves dist/ under a base path the way GitHub Pages does.

    Outside the base: a plain 404. Inside it, a missing file: 404 with the site's 404.html
    (GitHub Pages' behaviour, which Roundtrip uses to reopen `<base>app/...` links); never a
    silent fallback to index.html that would hide a request escaping the app.
    """

    base = "/"
    # Revalidate every time, so a rebuilt dist/ shows on the next reload (the Python worker
    # keeps the inflated snapshot in Cache Storage, so a reload does not inflate it again).
    # GitHub Pages sends "max-age=600" instead: a hosting test and the benchmark serve that too.
    cache_control = "no-cache"
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
        ".json": "application/json",
        ".zip": "application/zip",
        ".gz": "application/gzip",
    }

    def translate_path(self, path: str) -> str:
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if not clean.startswith(self.base) and clean + "/" != self.base:
            return ""
        return super().translate_path("/" + clean[len(self.base) :])

    def send_head(self):
        path = self.translate_path(self.path)
        if not path:
            self.send_error(404, "Outside the site's base path")
            return None
        if os.path.isdir(path) and not self.path.split("?", 1)[0].endswith("/"):
            return super().send_head()  # redirect to the slash form, as GitHub Pages does
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if not os.path.exists(path):
            page = Path(self.directory) / "404.html"
            body = page.read_bytes() if page.exists() else b"Not found\n"
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return None
        return super().send_head()

    def end_headers(self):
        self.send_header("Cache-Control", self.cache_control)
        super().end_headers()

    def log_message(self, format, *args):
        if os.environ.get("ROUNDTRIP_QUIET_SERVER") != "1":
            super().log_message(format, *args)


def make_server(
    port: int, base: str, directory: Path = DIST, cache_control: str = StaticSiteHandler.cache_control
) -> http.server.ThreadingHTTPServer:
    handler = type("Handler", (StaticSiteHandler,), {"base": normalize_base(base), "cache_control": cache_control})

    def factory(*args, **kwargs):
        return handler(*args, directory=str(directory), **kwargs)

    return http.server.ThreadingHTTPServer(("127.0.0.1", port), factory)


def serve(port: int, base: str, project: Path) -> None:
    if not dist_is_current(project):
        build(project)
    server = make_server(port, base)
    host, bound_port = server.server_address[:2]
    print(f"Serving Roundtrip at http://{host}:{bound_port}{normalize_base(base)}", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


# --- test and bench -------------------------------------------------------------------------


def test(pytest_args: list[str]) -> int:
    """Set up the venv and npm packages, then run pytest (the e2e fixtures build dist/)."""
    python = ensure_venv()
    ensure_node_modules()
    result = subprocess.run([str(python), "-m", "pytest", *pytest_args], cwd=ROOT)
    if result.returncode == 5:
        print("pytest collected no tests: that is a failure here", file=sys.stderr)
        return 1
    return result.returncode


def bench(extra: list[str]) -> int:
    python = ensure_venv()
    if not dist_is_current():
        build()
    return subprocess.run([str(python), str(ROOT / "tests" / "bench.py"), *extra], cwd=ROOT).returncode


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", nargs="?", default="build", choices=["build", "serve", "test", "bench"])
    parser.add_argument("--project", type=Path, default=DEFAULT_PROJECT, help="the Flask project to ship")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--base", default="/", help="the URL path the site lives under")
    args, rest = parser.parse_known_args(argv)
    if args.command == "build":
        build(args.project)
    elif args.command == "serve":
        serve(args.port, args.base, args.project)
    elif args.command == "test":
        return test(rest)
    elif args.command == "bench":
        return bench(rest)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
