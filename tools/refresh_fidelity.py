"""Record the differential suite's expectations: run tests/fidelity/cases/*.sql on a real MariaDB.

    .venv/bin/python tools/refresh_fidelity.py            # every corpus file
    .venv/bin/python tools/refresh_fidelity.py errors.sql # just these

Starts a throwaway MariaDB (tests/mariadb.py, MySQL 8's default sql_mode), runs each file
statement by statement through PyMySQL, applies tests/fidelity/mysql8_overrides.json (MySQL 8's
answer where MariaDB's differs) and writes tests/fidelity/expected/<file>.json.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "py"), str(ROOT / "tests")]

import mariadb  # noqa: E402  (tests/mariadb.py)
from fidelity import harness  # noqa: E402


def main(argv: list[str]) -> int:
    if not mariadb.available():
        print("MariaDB's server binaries are missing (apt-get install mariadb-server)", file=sys.stderr)
        return 1
    names = argv or harness.case_files()
    overrides = harness.load_overrides()
    server = mariadb.start()
    try:
        with server.connect() as probe, probe.cursor() as cursor:
            cursor.execute("SELECT VERSION()")
            version = cursor.fetchone()[0]
        harness.EXPECTED.mkdir(exist_ok=True)
        for name in names:
            connection = server.connect(autocommit=True)
            try:
                outcomes = harness.run_file(connection, name)
            finally:
                connection.close()
            outcomes = harness.apply_overrides(name, outcomes, overrides)
            record = {
                "file": name,
                "recorded_with": f"MariaDB {version}, sql_mode {mariadb.MYSQL8_SQL_MODE}, PyMySQL",
                "statements": outcomes,
            }
            path = harness.EXPECTED / (name + ".json")
            path.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n")
            overridden = sum("mariadb" in o for o in outcomes)
            failed = sum("error" in o for o in outcomes)
            print(f"{path.relative_to(ROOT)}: {len(outcomes)} statements, {failed} errors, {overridden} MySQL 8 overrides")
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
