"""Splitting SQL text into statements the way the ``mysql`` client does.

The client, not the server, splits a script: on ``;`` outside quotes and comments, with
``DELIMITER`` changing the separator. ``/*! ... */`` versioned comments are code to MySQL and
are kept (with the markers removed); other comments are dropped.
"""

from __future__ import annotations

import re

_VERSIONED = re.compile(r"^/\*!(\d{5})?\s?(.*)\*/$", re.S)


def split_statements(text: str) -> list[str]:
    statements: list[str] = []
    delimiter = ";"
    current: list[str] = []
    i, n = 0, len(text)
    at_line_start = True
    while i < n:
        if at_line_start:
            match = re.match(r"[ \t]*delimiter[ \t]+(\S+)[ \t]*(\r?\n|$)", text[i:], re.I)
            if match and not "".join(current).strip():
                delimiter = match.group(1)
                i += match.end()
                continue
        ch = text[i]
        at_line_start = False
        if ch in "'\"`":
            end = i + 1
            while end < n:
                if text[end] == "\\" and ch != "`":
                    end += 2
                    continue
                if text[end] == ch:
                    if end + 1 < n and text[end + 1] == ch:
                        end += 2
                        continue
                    break
                end += 1
            current.append(text[i : end + 1])
            i = end + 1
            continue
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end == -1 else end + 2
            comment = text[i:end]
            versioned = _VERSIONED.match(comment)
            if versioned:
                current.append(" " + versioned.group(2) + " ")
            else:
                current.append(" ")
            i = end
            continue
        if text.startswith("--", i) and (i + 2 >= n or text[i + 2] in " \t\r\n") or ch == "#":
            end = text.find("\n", i)
            i = n if end == -1 else end
            continue
        if text.startswith(delimiter, i):
            statement = "".join(current).strip()
            if statement:
                statements.append(statement)
            current = []
            i += len(delimiter)
            continue
        if ch == "\n":
            at_line_start = True
        current.append(ch)
        i += 1
    statement = "".join(current).strip()
    if statement:
        statements.append(statement)
    return statements
