"""A throwaway MariaDB server on loopback: the real thing sim_db is measured against.

Started without systemd from Debian's `mariadb-server` binaries, in a temporary data directory,
with MySQL 8.0's default sql_mode so strict-mode behaviour matches the school's server.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pymysql.connections

_PYMYSQL_CONNECTION = pymysql.connections.Connection

MYSQL8_SQL_MODE = (
    "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
    "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION"
)


def _binary(*names: str) -> str | None:
    for name in names:
        found = shutil.which(name) or (f"/usr/sbin/{name}" if Path(f"/usr/sbin/{name}").exists() else None)
        if found:
            return found
    return None


def available() -> bool:
    return _binary("mariadbd", "mysqld") is not None and _binary("mariadb-install-db", "mysql_install_db") is not None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class MariaDB:
    port: int
    socket_path: str
    process: subprocess.Popen
    datadir: str

    def connect(self, **kwargs):
        # PyMySQL's own class, taken when this module was imported: sim_db.install() (run by
        # some tests) rebinds pymysql.connect to the simulator in this process.
        return _PYMYSQL_CONNECTION(host="127.0.0.1", port=self.port, user="root", **kwargs)

    def client(self, sql: str, database: str | None = None) -> str:
        """Run text through the real `mariadb` client, as a teacher's `mysql < file` does."""
        cmd = [_binary("mariadb", "mysql"), "--protocol=socket", f"--socket={self.socket_path}", "-uroot"]
        if database:
            cmd.append(database)
        return subprocess.run(cmd, input=sql, capture_output=True, text=True, check=True).stdout

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
        shutil.rmtree(self.datadir, ignore_errors=True)


def start() -> MariaDB:
    datadir = tempfile.mkdtemp(prefix="roundtrip-mariadb-")
    subprocess.run(
        [_binary("mariadb-install-db", "mysql_install_db"), "--user=root", f"--datadir={datadir}",
         "--auth-root-authentication-method=normal", "--skip-test-db"],
        check=True, capture_output=True,
    )
    port = _free_port()
    socket_path = str(Path(datadir) / "mysqld.sock")
    process = subprocess.Popen(
        [_binary("mariadbd", "mysqld"), "--no-defaults", "--user=root", f"--datadir={datadir}",
         f"--socket={socket_path}", f"--port={port}", "--bind-address=127.0.0.1",
         f"--sql-mode={MYSQL8_SQL_MODE}", "--character-set-server=utf8mb4",
         "--collation-server=utf8mb4_general_ci", "--skip-log-bin", "--innodb-buffer-pool-size=64M",
         f"--pid-file={datadir}/mysqld.pid", f"--log-error={datadir}/error.log"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    server = MariaDB(port, socket_path, process, datadir)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = Path(datadir, "error.log").read_text(errors="replace")[-2000:]
            raise RuntimeError(f"mariadbd exited with {process.returncode}:\n{log}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.2)
    else:
        server.stop()
        raise RuntimeError("mariadbd did not start within 60 s")
    # Any user and password work, as sim_db accepts them (the starter uses student/password).
    server.client(
        "CREATE USER IF NOT EXISTS 'student'@'%' IDENTIFIED BY 'password';"
        "GRANT ALL ON *.* TO 'student'@'%';"
        "CREATE USER IF NOT EXISTS 'root'@'127.0.0.1';"
        "GRANT ALL ON *.* TO 'root'@'127.0.0.1' WITH GRANT OPTION;"
    )
    return server
