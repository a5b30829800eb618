"""Record what the real ``mariadb`` client prints for the console cases (tests/console/cases.py).

    .venv/bin/python tools/refresh_console.py                 # every case
    .venv/bin/python tools/refresh_console.py errors_force    # just these

Starts a throwaway MariaDB (tests/mariadb.py), and for each case drops every database of its
own, runs the case's setup, then runs the case: batch cases as ``mariadb [args] < input``
(stdout, stderr, exit status), interactive cases typed line by line at the client's prompt in a
pseudo-terminal (what follows each line, up to the next prompt). Writes
tests/console/expected.json. The client runs with ``--skip-print-query-on-error``: MariaDB's
client echoes a failing statement on stderr, MySQL 8's client does not (client/mysql.cc
put_info), and the school's client is MySQL 8's.
"""

from __future__ import annotations

import json
import os
import pty
import re
import select
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "py"), str(ROOT / "tests")]

import mariadb  # noqa: E402  (tests/mariadb.py)
from console.cases import CASES, MYSQL8_OVERRIDES  # noqa: E402
from fidelity import harness  # noqa: E402

EXPECTED = ROOT / "tests" / "console" / "expected.json"
MYSQL8_CLIENT = ["--skip-print-query-on-error"]
PROMPT = re.compile(r"(MariaDB \[[^\]]*\]> |    -> |    '> |    \"> |    `> |   /\*> )$")
SYSTEM = {"information_schema", "mysql", "performance_schema", "sys"}


def clean(server: mariadb.MariaDB) -> None:
    names = server.client("SHOW DATABASES").split()[1:]
    drops = "".join(f"DROP DATABASE `{n}`;" for n in names if n not in SYSTEM)
    if drops:
        server.client(drops)


def read_until_prompt(fd: int, timeout: float = 20.0) -> str:
    """What the client writes until it shows a prompt again (or exits)."""
    data = b""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.1)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the client exited
            break
        if not chunk:
            break
        data += chunk
        if PROMPT.search(data.decode("utf-8", "replace")):
            break
    return data.decode("utf-8", "replace")


def interactive(server: mariadb.MariaDB, lines: list[str]) -> list[list[str]]:
    """[line, what follows it, the next prompt] for each line typed at the prompt."""
    master, slave = pty.openpty()
    home = tempfile.mkdtemp(prefix="roundtrip-console-")
    env = dict(os.environ, TERM="dumb", HOME=home, MYSQL_HISTFILE="/dev/null")
    process = subprocess.Popen(server.client_command(*MYSQL8_CLIENT), stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    try:
        read_until_prompt(master)  # the welcome banner
        transcript = []
        for line in lines:
            os.write(master, line.encode() + b"\n")
            text = read_until_prompt(master).replace("\r\n", "\n")
            # The line comes back as typed: echoed by editline, and by the terminal too when
            # it arrives before editline has switched the terminal to raw mode.
            for _ in range(2):
                if text.startswith(line + "\n"):
                    text = text[len(line) + 1 :]
            match = PROMPT.search(text)
            prompt = match.group(1) if match else ""
            transcript.append([line, text[: match.start()] if match else text, prompt])
        return transcript
    finally:
        process.wait(timeout=20)
        os.close(master)


def mysql8(name: str, text: str) -> tuple[str, list[str]]:
    """The recorded text with MySQL 8's wording: the case's overrides, then the differential
    suite's error-message rules on each ``ERROR <errno> ...: message`` line; and their sources."""
    sources = []
    for case, pattern, replacement, source in MYSQL8_OVERRIDES:
        if case == name and pattern in text:
            text = text.replace(pattern, replacement)
            sources.append(source)
    rules = harness.load_overrides()["rules"]

    def rewrite(match: re.Match) -> str:
        head, errno, message = match.group(1), int(match.group(2)), match.group(3)
        for rule in rules:
            if rule["errno"] == errno and re.search(rule["pattern"], message):
                message = re.sub(rule["pattern"], rule["replace"], message)
                sources.append(rule["source"])
        return head + message

    text = re.sub(r"^(ERROR (\d+) \([0-9A-Z]{5}\)[^:]*: )(.*)$", rewrite, text, flags=re.M)
    return text, sources


def main(argv: list[str]) -> int:
    if not mariadb.available():
        print("MariaDB's server binaries are missing (apt-get install mariadb-server)", file=sys.stderr)
        return 1
    record = json.loads(EXPECTED.read_text()) if EXPECTED.exists() else {"cases": {}}
    names = argv or list(CASES)
    server = mariadb.start()
    try:
        version = server.client("SELECT VERSION()").split()[1]
        record["recorded_with"] = f"MariaDB {version} client and server (tests/mariadb.py), client option {' '.join(MYSQL8_CLIENT)}"
        for name in names:
            case = CASES[name]
            clean(server)
            if case.setup:
                server.client(case.setup)
            for path, content in case.files.items():
                Path(path).write_text(content)
            entry = {"args": case.args, "input": case.input, "setup": case.setup, "files": case.files}
            if case.interactive:
                entry["transcript"] = interactive(server, case.input.splitlines())
            else:
                done = server.client_run([*MYSQL8_CLIENT, *case.args], case.input)
                entry.update(stdout=done.stdout, stderr=done.stderr, status=done.returncode)
            sources = []
            for key in ("stdout", "stderr"):
                if key in entry:
                    text, changed = mysql8(name, entry[key])
                    if changed:
                        entry.setdefault("mariadb", {})[key] = entry[key]
                        entry[key] = text
                        sources += changed
            if sources:
                entry["mysql8_source"] = sorted(set(sources))
            record["cases"][name] = entry
            print(f"{name}: recorded")
        record["cases"] = {n: record["cases"][n] for n in CASES if n in record["cases"]}
        EXPECTED.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n")
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
