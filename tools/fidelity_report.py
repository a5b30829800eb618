"""Print sim_db's conformance with MySQL 8 over the differential corpus.

    .venv/bin/python tools/fidelity_report.py          # figures
    .venv/bin/python tools/fidelity_report.py --json   # the same, as JSON
    .venv/bin/python tools/fidelity_report.py --diff   # plus each mismatch's differences
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "py"), str(ROOT / "tests")]

from fidelity import harness  # noqa: E402


def main(argv: list[str]) -> int:
    figures = harness.conformance()
    if "--json" in argv:
        print(json.dumps(figures, indent=1))
        return 0
    print(harness.format_report(figures))
    if "--diff" in argv:
        for name in harness.case_files():
            for index, (want, got) in enumerate(zip(harness.load_expected(name), harness.run_sim_db(name))):
                problems = harness.differences(want, got)
                if problems:
                    print(f"\n{harness.statement_id(name, index)}  {' '.join(want['sql'].split())[:120]}")
                    for problem in problems:
                        print("   ", problem[:400])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
