"""Running the console cases on sim_db and comparing with the real client's recorded output;
used by tests/test_sim_db_console.py under CPython and inside Pyodide by tests/test_console_pyodide.py.

Only timings and the MariaDB client's own habits are normalised: ``Bye`` without its newline,
the terminal bell after an error, the ``MariaDB [db]>`` prompt (MySQL 8's is ``mysql>``).
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from .cases import CASES

EXPECTED = Path(__file__).parent / "expected.json"


def load_expected() -> dict:
    return json.loads(EXPECTED.read_text(encoding="utf-8"))["cases"]


def normalise(text: str) -> str:
    text = re.sub(r"\(\d+\.\d+ sec\)", "(N sec)", text)
    text = text.replace("\x07", "")
    return text + "\n" if text.endswith("Bye") else text


def normalise_prompt(prompt: str) -> str:
    return re.sub(r"^MariaDB \[[^\]]*\]> $", "mysql> ", prompt)


def prepare(case) -> None:
    """A fresh server with the case's files and setup, as the recording had."""
    import sim_db
    from sim_db.console import Console

    sim_db.reset()
    for path, content in case.files.items():
        Path(path).write_text(content, encoding="utf-8")
    if case.setup:
        console = Console(batch=True, silent=1)
        if console.run_batch(case.setup) != 0:
            raise AssertionError(f"setup failed: {console.run(case.setup)}")


def run_command(case) -> dict:
    """``python -m sim_db [args] < input``: stdout, stderr and exit status."""
    from sim_db.__main__ import main

    prepare(case)
    stdout, stderr = io.StringIO(), io.StringIO()
    status = main(case.args, stdin=io.StringIO(case.input), stdout=stdout, stderr=stderr)
    return {"stdout": stdout.getvalue(), "stderr": stderr.getvalue(), "status": status}


def run_prompt(case, lines: list[str]) -> list[list[str]]:
    """The lines typed one by one into a Console: [line, output, next prompt] each."""
    from sim_db.console import Console

    prepare(case)
    console = Console(force=True)  # the interactive client never stops at an error
    transcript = []
    for line in lines:
        output = console.run(line)
        if console.quit:
            output += console.bye()
        transcript.append([line, output, "" if console.quit else console.prompt])
    return transcript


def differences(name: str) -> list[str]:
    """What sim_db prints differently from the recording for case ``name``."""
    case, want = CASES[name], load_expected()[name]
    problems = []
    if case.interactive:
        got = run_prompt(case, [line for line, _, _ in want["transcript"]])
        for (line, output, prompt), (_, got_output, got_prompt) in zip(want["transcript"], got):
            if normalise(got_output) != normalise(output):
                problems.append(f"after {line!r}: printed {got_output!r}, mysql printed {output!r}")
            if got_prompt != normalise_prompt(prompt):
                problems.append(f"after {line!r}: prompt {got_prompt!r}, mysql's {prompt!r}")
        return problems
    got = run_command(case)
    for key in ("stdout", "stderr"):
        if normalise(got[key]) != normalise(want[key]):
            problems.append(f"{key}:\n{got[key]}\n-- mysql's --\n{want[key]}")
    if got["status"] != want["status"]:
        problems.append(f"exit status {got['status']}, mysql's {want['status']}")
    return problems
