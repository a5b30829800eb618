"""MySQL's date and time functions SQLite lacks, as SQLite user functions (NULL in, NULL out).

Dates travel as ISO text ('2024-01-15', '2024-01-15 08:30:00'), as sim_db stores them.
Semantics from https://dev.mysql.com/doc/refman/8.0/en/date-and-time-functions.html.
"""

from __future__ import annotations

import calendar
import datetime
import sqlite3
import time

_DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTH_NAMES = [""] + [calendar.month_name[m] for m in range(1, 13)]


def moment(value) -> datetime.datetime | None:
    """A DATE/DATETIME value (ISO text, as stored) as a datetime; None if it is not one."""
    if value is None:
        return None
    text = str(value).strip().replace("T", " ")
    try:
        return datetime.datetime.fromisoformat(text if len(text) > 10 else text[:10])
    except ValueError:
        return None


def _clock(value) -> tuple[int, int, int, int] | None:
    """Hours, minutes, seconds, microseconds of a TIME or DATETIME value."""
    found = moment(value)
    if found is not None and len(str(value).strip()) > 10:
        return found.hour, found.minute, found.second, found.microsecond
    text = str(value).strip() if value is not None else ""
    parts = text.lstrip("-").split(":")
    if len(parts) == 3:
        try:
            seconds, _, fraction = parts[2].partition(".")
            return int(parts[0]), int(parts[1]), int(seconds), int((fraction + "000000")[:6])
        except ValueError:
            return None
    if found is not None:
        return 0, 0, 0, 0
    return None


def _on_date(extract):
    def function(value):
        found = moment(value)
        return None if found is None else extract(found)

    return function


def _on_clock(index: int):
    def function(value):
        found = _clock(value)
        return None if found is None else found[index]

    return function


def week(date: datetime.date, mode: int = 0) -> int:
    """WEEK(date, mode) for the modes students meet: 0 (Sunday first, 0-53, MySQL's default)
    and 1 (Monday first, ISO-like counting from 0); 3 is ISO 8601."""
    if mode in (3,):
        return date.isocalendar()[1]
    first_weekday = 6 if mode in (0, 2, 4, 6) else 0  # Sunday or Monday
    january_first = datetime.date(date.year, 1, 1)
    offset = (first_weekday - january_first.weekday()) % 7  # days to the first such weekday
    if mode in (1,) and (7 - offset) % 7 >= 4:  # mode 1: week 1 is the first with 4+ days
        offset -= 7
    start = january_first + datetime.timedelta(days=offset)
    return 0 if date < start else (date - start).days // 7 + 1


def _suffix(day: int) -> str:
    if 11 <= day % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


_FORMAT = {
    "a": lambda d: _DAY_NAMES[d.weekday()][:3],
    "b": lambda d: _MONTH_NAMES[d.month][:3],
    "c": lambda d: str(d.month),
    "D": lambda d: f"{d.day}{_suffix(d.day)}",
    "d": lambda d: f"{d.day:02d}",
    "e": lambda d: str(d.day),
    "f": lambda d: f"{d.microsecond:06d}",
    "H": lambda d: f"{d.hour:02d}",
    "h": lambda d: f"{(d.hour % 12) or 12:02d}",
    "I": lambda d: f"{(d.hour % 12) or 12:02d}",
    "i": lambda d: f"{d.minute:02d}",
    "j": lambda d: f"{d.timetuple().tm_yday:03d}",
    "k": lambda d: str(d.hour),
    "l": lambda d: str((d.hour % 12) or 12),
    "M": lambda d: _MONTH_NAMES[d.month],
    "m": lambda d: f"{d.month:02d}",
    "p": lambda d: "AM" if d.hour < 12 else "PM",
    "r": lambda d: f"{(d.hour % 12) or 12:02d}:{d.minute:02d}:{d.second:02d} {'AM' if d.hour < 12 else 'PM'}",
    "S": lambda d: f"{d.second:02d}",
    "s": lambda d: f"{d.second:02d}",
    "T": lambda d: f"{d.hour:02d}:{d.minute:02d}:{d.second:02d}",
    "U": lambda d: f"{week(d.date(), 0):02d}",
    "u": lambda d: f"{week(d.date(), 1):02d}",
    "V": lambda d: f"{week(d.date(), 2):02d}",
    "v": lambda d: f"{d.isocalendar()[1]:02d}",
    "W": lambda d: _DAY_NAMES[d.weekday()],
    "w": lambda d: str((d.weekday() + 1) % 7),
    "X": lambda d: str(d.year),
    "x": lambda d: str(d.isocalendar()[0]),
    "Y": lambda d: f"{d.year:04d}",
    "y": lambda d: f"{d.year % 100:02d}",
}


def date_format(value, format_):
    """DATE_FORMAT(date, format) with MySQL's specifiers; an unknown ``%x`` gives ``x``."""
    found = moment(value)
    if found is None or format_ is None:
        return None
    out, chars, index = [], str(format_), 0
    while index < len(chars):
        char = chars[index]
        if char == "%" and index + 1 < len(chars):
            code = chars[index + 1]
            out.append(_FORMAT[code](found) if code in _FORMAT else code)
            index += 2
        else:
            out.append(char)
            index += 1
    return "".join(out)


def last_day(value):
    found = moment(value)
    if found is None:
        return None
    return found.date().replace(day=calendar.monthrange(found.year, found.month)[1]).isoformat()


def makedate(year, day_of_year):
    if year is None or day_of_year is None or int(day_of_year) <= 0:
        return None
    return (datetime.date(int(year), 1, 1) + datetime.timedelta(days=int(day_of_year) - 1)).isoformat()


def unix_timestamp(value=None):
    """Seconds since 1970 UTC of a date read in the session (system) time zone."""
    if value is None:
        return int(time.time())
    found = moment(value)
    return None if found is None else int(time.mktime(found.timetuple()))


def from_unixtime(seconds):
    if seconds is None:
        return None
    return datetime.datetime.fromtimestamp(float(seconds)).isoformat(sep=" ", timespec="seconds")


def extract(unit, value):
    """EXTRACT(unit FROM value) for the single units."""
    found = moment(value)
    unit = str(unit).upper()
    if unit in ("HOUR", "MINUTE", "SECOND", "MICROSECOND"):
        clock = _clock(value)
        return None if clock is None else clock[("HOUR", "MINUTE", "SECOND", "MICROSECOND").index(unit)]
    if found is None:
        return None
    return {
        "YEAR": found.year, "MONTH": found.month, "DAY": found.day, "WEEK": week(found.date(), 0),
        "QUARTER": (found.month - 1) // 3 + 1,
    }.get(unit)


def register(connection: sqlite3.Connection) -> None:
    deterministic = {"deterministic": True}
    connection.create_function("MYSQL_DATE_FORMAT", 2, date_format, **deterministic)
    connection.create_function("DAY_OF_WEEK", 1, _on_date(lambda d: (d.weekday() + 1) % 7 + 1), **deterministic)
    connection.create_function("DAYOFWEEK", 1, _on_date(lambda d: (d.weekday() + 1) % 7 + 1), **deterministic)
    connection.create_function("DAY_OF_YEAR", 1, _on_date(lambda d: d.timetuple().tm_yday), **deterministic)
    connection.create_function("DAYOFYEAR", 1, _on_date(lambda d: d.timetuple().tm_yday), **deterministic)
    connection.create_function("WEEKDAY", 1, _on_date(lambda d: d.weekday()), **deterministic)
    connection.create_function("DAYNAME", 1, _on_date(lambda d: _DAY_NAMES[d.weekday()]), **deterministic)
    connection.create_function("MONTHNAME", 1, _on_date(lambda d: _MONTH_NAMES[d.month]), **deterministic)
    connection.create_function("QUARTER", 1, _on_date(lambda d: (d.month - 1) // 3 + 1), **deterministic)
    connection.create_function("WEEK", 1, _on_date(lambda d: week(d.date(), 0)), **deterministic)
    connection.create_function("WEEK", 2, lambda v, m: _on_date(lambda d: week(d.date(), int(m or 0)))(v), **deterministic)
    connection.create_function("HOUR", 1, _on_clock(0), **deterministic)
    connection.create_function("MINUTE", 1, _on_clock(1), **deterministic)
    connection.create_function("SECOND", 1, _on_clock(2), **deterministic)
    connection.create_function("MICROSECOND", 1, _on_clock(3), **deterministic)
    connection.create_function("LAST_DAY", 1, last_day, **deterministic)
    connection.create_function("MAKEDATE", 2, makedate, **deterministic)
    connection.create_function("UNIX_TIMESTAMP", 0, unix_timestamp)
    connection.create_function("UNIX_TIMESTAMP", 1, unix_timestamp, **deterministic)
    connection.create_function("UNIX_TO_TIME", 1, from_unixtime, **deterministic)
    connection.create_function("FROM_UNIXTIME", 1, from_unixtime, **deterministic)
    connection.create_function("MYSQL_EXTRACT", 2, extract, **deterministic)
