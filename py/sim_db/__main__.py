"""``python -m sim_db``: the ``mysql`` command, on the simulated server.

    python -m sim_db school < seed.sql          # what `mysql school < seed.sql` prints
    python -m sim_db --force < dump.sql          # go on after errors
    python -m sim_db -t -e "SELECT * FROM students" school
    python -m sim_db                             # a mysql> prompt, when run in a terminal

Options are the client's (``--force``, ``-e``, ``-t``, ``-B``, ``-s``, ``-N``, ``-E``, ``-v``);
connection options (``-u``, ``-p``, ``-h``, ``-P``...) are accepted and ignored, as the
simulated server accepts any user. Batch mode (tab-separated output, errors with their line
number on stderr, exit status 1 at the first error unless ``--force``) is chosen as the client
chooses it: input or output not a terminal, ``-e``, or ``-B``. The server lives in this process,
so what one command creates is gone when it exits.
"""

from __future__ import annotations

import argparse
import logging
import sys

from pymysql import err

from .console import Console
from .dump import dump
from .errors import client_error_line
from .fastpath import SERVER_VERSION


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m sim_db",
        description="The mysql command-line client, on Roundtrip's simulated MySQL server.",
        add_help=False,  # -h is --host, as in mysql; help is --help or -?
    )
    parser.add_argument("-?", "--help", action="help", help="show this help and exit")
    parser.add_argument("database", nargs="?", help="the database to use")
    parser.add_argument("-D", "--database", dest="database_option", metavar="NAME", help="the database to use")
    parser.add_argument("-e", "--execute", action="append", metavar="SQL", help="run SQL and exit (batch mode)")
    parser.add_argument("-f", "--force", action="store_true", help="continue even after an SQL error")
    parser.add_argument("-t", "--table", action="store_true", help="output in table format (boxes)")
    parser.add_argument("-B", "--batch", action="store_true", help="tab-separated output, no messages")
    parser.add_argument("-s", "--silent", action="count", default=0, help="less output (twice: no header)")
    parser.add_argument("-N", "--skip-column-names", action="store_true", help="no column names in results")
    parser.add_argument("-E", "--vertical", action="store_true", help="print rows vertically, as \\G")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="echo statements (-vvv: messages too)")
    # Connection options a mysql command line carries: the simulated server accepts any.
    for short, long in (("-u", "--user"), ("-h", "--host"), ("-P", "--port"), (None, "--protocol"),
                        ("-S", "--socket"), (None, "--default-character-set")):
        names = [n for n in (short, long) if n]
        parser.add_argument(*names, metavar="VALUE", help=argparse.SUPPRESS)
    parser.add_argument(
        "--dump", nargs="*", metavar="DATABASE",
        help="after reading the input (if any), print a mysqldump of these databases (all by default)",
    )
    return parser


def _without_passwords(argv: list[str]) -> list[str]:
    """The arguments minus ``-p``/``--password``: mysql's ``-p`` takes only an attached value
    (``-psecret``), so ``-p school`` is a password prompt and a database; argparse would read
    ``school`` as the password. Any password works here, and none is asked for."""
    return [a for a in argv if not (a.startswith("-p") or a == "--password" or a.startswith("--password="))]


def main(argv: list[str] | None = None, stdin=None, stdout=None, stderr=None) -> int:
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    # sqlglot logs a warning for statements it parses only as a command; mysql prints only
    # what the server answers.
    logging.getLogger("sqlglot").setLevel(logging.ERROR)
    args = build_parser().parse_args(_without_passwords(sys.argv[1:] if argv is None else argv))
    terminal = _isatty(stdin) and _isatty(stdout)
    batch = bool(args.batch or args.execute or not terminal)
    silent = args.silent + (0 if terminal else 1)
    if args.batch:
        silent = max(silent, 1)

    def write(stream: str, text: str) -> None:
        (stdout if stream == "out" else stderr).write(text)
        if stream == "err":
            stdout.flush()

    if args.dump is not None:
        return dump_after_loading(args, stdin, stdout, stderr)
    try:
        console = Console(
            args.database_option or args.database,
            force=args.force or not batch,  # at the prompt, an error never ends the session
            batch=batch, table=args.table, silent=silent, verbose=args.verbose,
            column_names=not args.skip_column_names, vertical=args.vertical, write=write,
        )
    except err.MySQLError as error:
        stderr.write(client_error_line(error) + "\n")
        return 1
    if not batch:
        return interact(console, stdout)
    text = "\n".join(args.execute) + "\n" if args.execute else stdin.read()
    status = console.run_batch(text)
    stdout.write(console.bye())
    return status


def dump_after_loading(args, stdin, stdout, stderr) -> int:
    """``--dump``: the server lives in this process, so what it dumps is what the input (``-e``
    or stdin, unless that is a terminal) loads into it first, quietly; errors stop it as in
    ``mysql`` unless ``--force``. A dump through the simulator is a way to check a dump."""
    text = "\n".join(args.execute) + "\n" if args.execute else ("" if _isatty(stdin) else stdin.read())
    try:
        console = Console(
            args.database_option or args.database, force=args.force, batch=True, silent=2,
            write=lambda stream, message: stderr.write(message) if stream == "err" else None,
        )
        status = console.run_batch(text)
        if status == 0:
            stdout.write(dump(args.dump or None))
    except err.MySQLError as error:
        stderr.write(client_error_line(error) + "\n")
        return 1
    return status


def interact(console: Console, stdout) -> int:
    """The ``mysql>`` prompt: a line at a time, ``->`` while a statement is unfinished."""
    try:
        import readline  # noqa: F401  (line editing and history for input(), where it exists)
    except ImportError:
        pass
    stdout.write(
        "Welcome to the MySQL monitor.  Commands end with ; or \\g.\n"
        f"Server version: {SERVER_VERSION} sim_db (Roundtrip's simulated MySQL server)\n\n"
        "Type '\\c' to clear the current input statement.\n\n"
    )
    while True:
        try:
            line = input(console.prompt)
        except EOFError:
            break
        except KeyboardInterrupt:
            stdout.write("^C\n")
            console.reader.clear()
            continue
        if not console.feed(line) and console.quit:
            break
    stdout.write(console.bye())
    return 0


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


if __name__ == "__main__":
    sys.exit(main())
