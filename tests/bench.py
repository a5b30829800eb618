"""`python build.py bench`: the walking skeleton's figures, measured in Debian's headless Chromium.

Prints, without asserting anything:
- cold start (new browser context: empty cache, no service worker) and warm start (reload) to
  `roundtrip.ready`, split by phase (ms since the shell's navigation started); the warm start
  also with the site served as GitHub Pages serves it (`Cache-Control: max-age=600`: reloads
  reuse Pyodide's files unasked, where `build.py serve` has every file revalidated);
- round trip p50/p95 of 200 sequential `fetch('/api/students')` (100 rows) from inside the app,
  and the same against the same starter under CPython `flask run --debug` with a real MariaDB on
  loopback, from the same Chromium, with the ratio;
- bytes of dist/, and the gzip bytes of what a first load downloads (gzip -6, as a static host
  compresses);
- the browser's memory once the app is ready (resident size of all Chromium processes).
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import build  # noqa: E402
import mariadb  # noqa: E402
from conftest import BASE, CHROMIUM, CHROMIUM_ARGS  # noqa: E402

# Each request's time, and the part the worker spent in Flask (its Server-Timing header; the
# native server sends none).
ROUND_TRIP_JS = """async ([count, warmup]) => {
  for (let i = 0; i < warmup; i++) await (await fetch('/api/students')).json();
  performance.clearResourceTimings();
  performance.setResourceTimingBufferSize(count + 10);
  const times = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    const rows = await (await fetch('/api/students')).json();
    times.push(performance.now() - started);
    if (rows.length < 100) throw new Error('expected 100 rows, got ' + rows.length);
  }
  const flask = performance.getEntriesByType('resource')
    .map((entry) => entry.serverTiming.find((timing) => timing.name === 'flask'))
    .filter(Boolean).map((timing) => timing.duration);
  return [times, flask];
}"""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def chromium_rss_mb() -> float:
    total = 0
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            text = status.read_text()
        except OSError:
            continue
        if text.startswith(("Name:\tchromium", "Name:\tchrome")):
            for line in text.splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
    return total / 1024


def start_to_ready(page, url: str | None) -> dict[str, int]:
    if url:
        page.goto(url)
    else:
        page.reload()
    page.evaluate("() => roundtrip.ready")
    ready = page.evaluate("() => Math.round(performance.now())")
    marks = page.evaluate("() => window.roundtripStartup")
    return {**marks, "ready": ready}


def describe(runs: list[dict[str, int]]) -> str:
    keys = ["start", "runtime", "downloaded", "packages", "app", "ready"]
    parts = []
    for key in keys:
        values = [run[key] for run in runs if key in run]
        if values:
            parts.append(f"{key} {statistics.median(values):.0f}")
    return " | ".join(parts) + " (ms since navigation, median of %d)" % len(runs)


def measure_round_trip(frame, count: int) -> tuple[float, float, float | None]:
    """p50 and p95 of the round trip, and the p50 of the time inside Flask where known."""
    times, flask = frame.evaluate(ROUND_TRIP_JS, [count, 20])
    return percentile(times, 0.5), percentile(times, 0.95), (statistics.median(flask) if flask else None)


def native_starter(db: mariadb.MariaDB, workdir: Path) -> tuple[subprocess.Popen, str]:
    """The same starter under CPython `flask run --debug`, on a real MariaDB over loopback."""
    project = workdir / "starter"
    shutil.copytree(ROOT / "starter", project)
    app = project / "app.py"
    app.write_text(
        app.read_text().replace("db.school.local:3306", f"127.0.0.1:{db.port}")
    )
    db.client((project / "seed.sql").read_text())
    port = mariadb._free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "flask", "--app", "app", "run", "--debug", "--no-reload", "--port", str(port)],
        cwd=project, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/"
    import urllib.request

    for _ in range(100):
        try:
            urllib.request.urlopen(url + "api/students", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    return process, url


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    if not build.dist_is_current():
        build.build()
    os.environ["ROUNDTRIP_QUIET_SERVER"] = "1"
    server = build.make_server(0, BASE)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    site = "http://127.0.0.1:%d%s" % (server.server_address[1], BASE)
    pages_server = build.make_server(0, BASE, cache_control="max-age=600")
    threading.Thread(target=pages_server.serve_forever, daemon=True).start()
    pages_site = "http://127.0.0.1:%d%s" % (pages_server.server_address[1], BASE)

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        cold, warm = [], []
        first_load: dict[str, int] = {}
        memory_mb = 0.0
        for run in range(args.runs):
            context = browser.new_context()
            page = context.new_page()
            if run == 0:
                page.on("requestfinished", lambda request: first_load.setdefault(request.url, 0))
                baseline_mb = chromium_rss_mb()  # the browser with one blank tab
            cold.append(start_to_ready(page, site))
            if run == 0:
                memory_mb = chromium_rss_mb() - baseline_mb
            for _ in range(args.runs):
                warm.append(start_to_ready(page, None))
            if run < args.runs - 1:
                context.close()
        frame = page.frame(url=lambda url: "/app/" in url)
        sim_p50, sim_p95, sim_flask = measure_round_trip(frame, args.requests)
        # After the round trip, which is measured right after a reload as before.
        pages_context = browser.new_context()
        pages_page = pages_context.new_page()
        start_to_ready(pages_page, pages_site)
        warm_pages = [start_to_ready(pages_page, None) for _ in range(args.runs * args.runs)]
        pages_context.close()

        native = None
        if mariadb.available():
            db = mariadb.start()
            workdir = Path(tempfile.mkdtemp(prefix="roundtrip-bench-"))
            process, url = native_starter(db, workdir)
            try:
                native_page = browser.new_context().new_page()
                native_page.goto(url)
                native = measure_round_trip(native_page.main_frame, args.requests)
            finally:
                process.terminate()
                db.stop()
                shutil.rmtree(workdir, ignore_errors=True)
        browser.close()
    server.shutdown()
    pages_server.shutdown()

    dist_bytes = sum(p.stat().st_size for p in build.DIST.rglob("*") if p.is_file())
    gzip_bytes = 0
    for url in first_load:
        path = urlsplit(url).path
        if path.startswith(BASE):
            file = build.DIST / path[len(BASE):]
            if file.is_file():
                gzip_bytes += len(gzip.compress(file.read_bytes(), compresslevel=6))

    print("Roundtrip benchmark (headless Chromium, this machine)")
    print(f"  cold start to ready: {describe(cold)}")
    print(f"  warm start to ready: {describe(warm)}")
    print(f"    served as GitHub Pages does (max-age=600): {describe(warm_pages)}")
    print(f"  round trip GET /api/students (100 rows), {args.requests} sequential from the app:")
    print(f"    Roundtrip      p50 {sim_p50:6.1f} ms   p95 {sim_p95:6.1f} ms")
    if sim_flask is not None:
        print(f"      of which in the worker (Flask, SQLAlchemy, sim_db) p50 {sim_flask:.1f} ms;"
              f" relay (service worker, shell, messages) {sim_p50 - sim_flask:.1f} ms")
    if native:
        print(f"    flask+MariaDB  p50 {native[0]:6.1f} ms   p95 {native[1]:6.1f} ms")
        print(f"    ratio          p50 {sim_p50 / native[0]:6.2f}x    p95 {sim_p95 / native[1]:6.2f}x")
    else:
        print("    native: skipped (no mariadbd on this machine)")
    print(f"  dist/: {dist_bytes / 1e6:.2f} MB; first load: {gzip_bytes / 1e6:.2f} MB gzip ({len(first_load)} requests)")
    print(f"  memory once ready: +{memory_mb:.0f} MB resident across Chromium's processes (vs. a blank tab)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
