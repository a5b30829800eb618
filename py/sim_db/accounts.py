"""Accounts: who may connect, and the account statements a course uses.

By default the server is open, as a student's own MySQL often is: any user name and password
connect (``USER()`` reports the name given). A teacher's configuration can name the accounts:

    sim_db.configure(accounts={"student": "password"})

from then on a connection must use one of them (or one made by CREATE USER): a wrong password
or unknown user is 1045 ``Access denied for user 'student'@'localhost' (using password: YES)``,
as MySQL answers (https://dev.mysql.com/doc/mysql-errors/8.0/en/server-error-reference.html#error_er_access_denied_error).
``configure(accounts=None)`` opens the server again.

CREATE USER, ALTER USER, DROP USER, RENAME USER, SET PASSWORD, GRANT, REVOKE and FLUSH PRIVILEGES
are accepted with MySQL's errors for the mistakes a course makes (1396: the user exists / does
not exist); CREATE USER adds a real account and GRANT records privileges for SHOW GRANTS, but
privileges are not enforced: every account may do everything.

sqlglot parses none of these statements (they arrive as a ``Command``), so they are read here
from sqlglot's MySQL tokens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .errors import mysql_error
from .server import Result, handles

if TYPE_CHECKING:
    from .server import Server, Session

# The teacher's configuration: user -> password, or None for an open server.
_configured: dict[str, str] | None = None


def configure(accounts: dict[str, str] | None) -> None:
    """Name the accounts that may connect (user -> password, host '%'), or None for any."""
    global _configured
    _configured = dict(accounts) if accounts is not None else None


# Privileges at database level, in the order SHOW GRANTS prints them; all of them are ALL
# PRIVILEGES (https://dev.mysql.com/doc/refman/8.0/en/privileges-provided.html).
DATABASE_PRIVILEGES = (
    "SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "REFERENCES", "INDEX", "ALTER",
    "CREATE TEMPORARY TABLES", "LOCK TABLES", "EXECUTE", "CREATE VIEW", "SHOW VIEW",
    "CREATE ROUTINE", "ALTER ROUTINE", "EVENT", "TRIGGER",
)
TABLE_PRIVILEGES = ("SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "REFERENCES", "INDEX", "ALTER",
                    "CREATE VIEW", "SHOW VIEW", "TRIGGER")
GLOBAL_ONLY = ("RELOAD", "SHUTDOWN", "PROCESS", "FILE", "SHOW DATABASES", "SUPER", "REPLICATION SLAVE",
               "REPLICATION CLIENT", "CREATE USER", "CREATE TABLESPACE", "CREATE ROLE", "DROP ROLE")
_KNOWN = set(DATABASE_PRIVILEGES) | set(GLOBAL_ONLY) | {"ALL", "ALL PRIVILEGES", "USAGE", "GRANT OPTION", "PROXY"}


@dataclass
class Account:
    user: str
    host: str
    password: str
    # target ("*.*", "`school`.*", "`school`.`students`") -> privileges held there
    privileges: dict[str, set[str]] = field(default_factory=dict)
    grant_option: set[str] = field(default_factory=set)

    def grants(self) -> list[str]:
        """SHOW GRANTS' lines: USAGE on *.* first, then each level's privileges."""
        who = f"`{self.user}`@`{self.host}`"
        lines = []
        for target, held in [("*.*", self.privileges.get("*.*", set())), *[(t, p) for t, p in self.privileges.items() if t != "*.*"]]:
            if target != "*.*" and not held:
                continue
            order = TABLE_PRIVILEGES if target.count("`") == 4 else DATABASE_PRIVILEGES
            full = set(order) | (set(GLOBAL_ONLY) if target == "*.*" else set())
            if held >= full:
                text = "ALL PRIVILEGES"
            else:
                text = ", ".join(p for p in (*order, *GLOBAL_ONLY) if p in held) or "USAGE"
            line = f"GRANT {text} ON {target} TO {who}"
            lines.append(line + (" WITH GRANT OPTION" if target in self.grant_option else ""))
        return lines


def _accounts(server: "Server") -> dict[tuple[str, str], Account]:
    """The server's accounts: root@localhost, the configured ones and those CREATE USER made.
    Kept beside the catalog and forgotten with it when the server is reset (a fresh install)."""
    state = getattr(server, "_sim_accounts", None)
    if state is None or state[0] is not server.databases:
        root = Account("root", "localhost", "", {"*.*": set(DATABASE_PRIVILEGES) | set(GLOBAL_ONLY)}, {"*.*"})
        accounts = {("root", "localhost"): root}
        state = (server.databases, accounts)
        server._sim_accounts = state
    accounts = state[1]
    for user, password in (_configured or {}).items():
        if not any(u == user for u, _ in accounts):
            # A configured account may do everything (privileges are not enforced): its grants say so.
            accounts[(user, "%")] = Account(user, "%", password, {"*.*": set(DATABASE_PRIVILEGES) | set(GLOBAL_ONLY)})
    return accounts


def _match(server: "Server", user: str, host: str) -> Account | None:
    """The account a client ``user`` from ``host`` logs in as: an exact host before '%'."""
    accounts = _accounts(server)
    return accounts.get((user, host)) or accounts.get((user, "%"))


def authenticate(server: "Server", session: "Session", user: str, password: str | None) -> None:
    """Check a connection's credentials (when accounts are configured) and name its user. The
    client always runs beside the server (the page's own worker), so it connects from
    ``localhost`` whatever host name the app's URL gives the server."""
    session.user, session.host = user, "localhost"
    account = _match(server, user, session.host)
    if _configured is not None:
        if account is None or (account.password or "") != (password or ""):
            raise mysql_error(1045, user, session.host, "YES" if password else "NO")
    session.account_host = account.host if account is not None else ("localhost" if user == "root" else "%")


# --- statements -----------------------------------------------------------------------------------

def _words(text: str) -> list:
    from sqlglot.dialects.mysql import MySQL
    from sqlglot.errors import TokenError

    try:
        tokens = MySQL().tokenize(text)
        if len(tokens) == 2 and tokens[0].text.upper() == "RENAME":  # the tokenizer keeps RENAME's rest as one string
            tokens = tokens[:1] + MySQL().tokenize(text[tokens[0].end + 1 :])
        return tokens
    except TokenError:
        return []


# The statements this module runs, recognised by their first words before any parsing (the
# check runs on every statement translated, so it must cost next to nothing).
_ACCOUNT_STATEMENT = re.compile(
    r"\s*(grant|revoke|flush|(create|drop|alter|rename)\s+user|set\s+password|show\s+grants)\b", re.I
)


def is_account_statement(text: str) -> bool:
    """Whether ``text`` is one of the account statements this module runs."""
    return _ACCOUNT_STATEMENT.match(text) is not None


def _users(tokens: list, start: int) -> tuple[list[tuple[str, str, str | None]], int]:
    """``'u'@'h' [IDENTIFIED BY 'pw'], ...`` from token ``start``: (user, host, password)s."""
    found, index = [], start
    while index < len(tokens):
        user = tokens[index].text
        host = "%"
        index += 1
        # sqlglot's tokenizer reads @'h' as one parameter-ish token or as '@' then the string.
        if index < len(tokens) and tokens[index].text.startswith("@"):
            rest = tokens[index].text[1:]
            index += 1
            if not rest and index < len(tokens):
                rest = tokens[index].text
                index += 1
            host = rest.strip("'\"`")
        password = None
        if index < len(tokens) and tokens[index].text.upper() == "IDENTIFIED":
            index += 1
            if index + 1 < len(tokens) and tokens[index].text.upper() == "WITH":  # IDENTIFIED WITH plugin [BY 'pw']
                index += 2
            if index < len(tokens) and tokens[index].text.upper() == "BY":
                if index + 1 >= len(tokens) or tokens[index + 1].token_type.name != "STRING":
                    raise mysql_error(1064, " ".join(t.text for t in tokens[index + 1 :])[:80], 1)
                password = tokens[index + 1].text
                index += 2
        found.append((user.strip("'\"`"), host, password))
        if index < len(tokens) and tokens[index].text == ",":
            index += 1
            continue
        break
    return found, index


@handles("account")
def run_account(server: "Server", session: "Session", translation, params):
    text = translation.tree.expression.name
    tokens = _raw_tokens(translation)
    words = [t.text.upper() for t in tokens]
    accounts = _accounts(server)
    if words[0] == "FLUSH":
        return Result()
    if words[:2] == ["SHOW", "GRANTS"]:
        return show_grants(server, session, tokens[3:] if words[2:3] == ["FOR"] else None)
    if words[:2] in (["CREATE", "USER"], ["DROP", "USER"]):
        if_exists = words[2:4] == ["IF", "NOT"] or words[2:4] == ["IF", "EXISTS"]
        start = 2 + (3 if words[2:5] == ["IF", "NOT", "EXISTS"] else 2 if words[2:4] == ["IF", "EXISTS"] else 0)
        users, _ = _users(tokens, start)
        failed = []
        for user, host, password in users:
            exists = (user, host) in accounts
            if words[0] == "CREATE":
                if exists:
                    failed.append((user, host))
                    continue
                accounts[(user, host)] = Account(user, host, password or "")
            elif not exists:
                failed.append((user, host))
            else:
                del accounts[(user, host)]
        if failed and not if_exists:
            listed = ",".join(f"'{u}'@'{h}'" for u, h in failed)
            raise mysql_error(1396, f"{words[0]} USER", listed)
        return Result()
    if words[:2] == ["ALTER", "USER"]:
        start = 4 if words[2:4] == ["IF", "EXISTS"] else 2
        for user, host, password in _users(tokens, start)[0]:
            account = accounts.get((user, host))
            if account is None:
                if start == 4:
                    continue
                raise mysql_error(1396, "ALTER USER", f"'{user}'@'{host}'")
            if password is not None:
                account.password = password
        return Result()
    if words[:2] == ["SET", "PASSWORD"]:
        if len(words) > 2 and words[2] == "FOR":
            user, host, _ = _users(tokens, 3)[0][0]
        else:
            user, host = session.user, session.account_host
        account = accounts.get((user, host))
        if account is None:
            raise mysql_error(1133)
        equals = words.index("=") if "=" in words else -1
        if equals >= 0 and equals + 1 < len(tokens):
            account.password = tokens[equals + 1].text
        return Result()
    if words[:2] == ["RENAME", "USER"]:  # RENAME USER old TO new [, old TO new] ...
        index = 2
        while index < len(tokens):
            (old,), index = _one_user(tokens, index)
            if index >= len(tokens) or words[index] != "TO":
                raise mysql_error(1064, " ".join(t.text for t in tokens[index:])[:80], 1)
            (new,), index = _one_user(tokens, index + 1)
            account = accounts.pop(old[:2], None)
            if account is None:
                raise mysql_error(1396, "RENAME USER", f"'{old[0]}'@'{old[1]}'")
            account.user, account.host = new[0], new[1]
            accounts[new[:2]] = account
            if index < len(tokens) and tokens[index].text == ",":
                index += 1
            else:
                break
        return Result()
    if words[0] in ("GRANT", "REVOKE"):
        return _grant(server, session, tokens, words, accounts, text)
    raise mysql_error(1064, text, 1)


def _grant(server, session, tokens, words, accounts, text):
    """GRANT privileges ON level TO users / REVOKE privileges ON level FROM users: recorded
    for SHOW GRANTS (https://dev.mysql.com/doc/refman/8.0/en/grant.html). MySQL 8 no longer
    creates a user by GRANT: 1410 for an unknown one; REVOKE of what was never granted: 1141."""
    keyword = "TO" if words[0] == "GRANT" else "FROM"
    if "ON" not in words:
        raise mysql_error(1064, "", 1)
    on = words.index("ON")
    privileges, index, current = [], 1, []
    while index < on:  # SELECT, INSERT (col), ALL PRIVILEGES, CREATE TEMPORARY TABLES ...
        word = words[index]
        if word == ",":
            privileges.append(" ".join(current))
            current = []
        elif word == "(":  # column privileges: recorded at table level
            while index < on and words[index] != ")":
                index += 1
        else:
            current.append(word)
        index += 1
    privileges.append(" ".join(current))
    for position, privilege in enumerate(privileges):
        if privilege not in _KNOWN:
            raise mysql_error(1064, _near(text, tokens, on), 1)
    if keyword not in words[on:]:
        raise mysql_error(1064, "", 1)
    to = on + words[on:].index(keyword)
    target = _level(server, session, tokens[on + 1 : to], words[0])
    users, index = _users(tokens, to + 1)
    if not users or any(not u for u, _, _ in users):
        raise mysql_error(1064, _near(text, tokens, to + 1), 1)
    order = TABLE_PRIVILEGES if target.count("`") == 4 else DATABASE_PRIVILEGES
    wanted = set()
    for privilege in privileges:
        if privilege in ("ALL", "ALL PRIVILEGES"):
            wanted |= set(order) | (set(GLOBAL_ONLY) if target == "*.*" else set())
        elif privilege not in ("USAGE", "GRANT OPTION"):
            wanted.add(privilege)
    for user, host, _ in users:
        account = accounts.get((user, host))
        if account is None:
            if words[0] == "GRANT":
                raise mysql_error(1410)
            raise mysql_error(1141, user, host)
        held = account.privileges.setdefault(target, set())
        if words[0] == "GRANT":
            held |= wanted
            if "WITH" in words[index:] or "GRANT OPTION" in privileges:
                account.grant_option.add(target)
        else:
            if not held and target not in account.grant_option:
                raise mysql_error(1141, user, host)
            held -= wanted
            if "GRANT OPTION" in privileges or "ALL" in privileges or "ALL PRIVILEGES" in privileges:
                account.grant_option.discard(target)
    return Result()


def _level(server, session, tokens: list, statement: str) -> str:
    """The privilege level ``*.*``, ``db.*``, ``db.table`` or ``table`` as SHOW GRANTS spells it."""
    parts = "".join(t.text for t in tokens).split(".")
    if len(parts) == 1:
        if parts[0] == "*":
            if session.database is None:
                raise mysql_error(1046)
            parts = [session.database, "*"]
        else:
            parts = [session.database or "", parts[0]]
    database, table = parts[0].strip("`"), parts[-1].strip("`")
    if database == "*":
        return "*.*"
    if table == "*":
        return f"`{database}`.*"
    if statement == "GRANT" and server.table(database, table) is None:
        raise mysql_error(1146, f"{database}.{table}")
    return f"`{database}`.`{table}`"


def _near(text: str, tokens: list, index: int) -> str:
    """MySQL's 'near' text: the statement from token ``index`` on (empty past its end)."""
    return text[tokens[index].start :][:80] if index < len(tokens) else ""


def _one_user(tokens: list, start: int):
    """One ``'u'@'h'`` from token ``start`` (not a list): ([(user, host, None)], next index)."""
    user, host, index = tokens[start].text.strip("'\"`"), "%", start + 1
    if index < len(tokens) and tokens[index].text == "@" and index + 1 < len(tokens):
        host, index = tokens[index + 1].text.strip("'\"`"), index + 2
    return [(user, host, None)], index


def _raw_tokens(translation) -> list:
    """The statement's tokens (``dialect.translate`` keeps its text in a Command)."""
    return _words(translation.tree.expression.name)


def show_grants(server: "Server", session: "Session", tokens):
    """SHOW GRANTS [FOR user]: the GRANT statements recorded for the account."""
    if not tokens:
        user, host = session.user, session.account_host
    else:
        user, host, _ = _users(tokens, 0)[0][0]
        if user.upper() == "CURRENT_USER":
            user, host = session.user, session.account_host
    account = _accounts(server).get((user, host))
    if account is None:
        if not tokens:  # an unconfigured server's user may do everything
            return Result([f"Grants for {user}@{host}"], [(f"GRANT ALL PRIVILEGES ON *.* TO `{user}`@`{host}`",)])
        raise mysql_error(1141, user, host)
    return Result([f"Grants for {user}@{host}"], [(g,) for g in account.grants()])
