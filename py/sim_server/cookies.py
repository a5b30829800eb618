"""The site's cookie jar, kept on the worker side.

A service worker never sees a request's ``Cookie`` header and the browser drops ``Set-Cookie``
from the responses it builds, so the browser's own jar cannot carry Flask's session. This jar
stands in for it: it parses with Werkzeug's test-client ``Cookie`` (the same parsing Flask's
test client uses) and adds what a browser does and a test client does not: expiry by
``Expires``/``Max-Age`` as time passes, and the ``HttpOnly`` split that decides what
``document.cookie`` may show.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Iterable

from werkzeug.test import Cookie


@dataclass
class _Stored:
    cookie: Cookie
    expires_at: float | None  # epoch seconds; None: a session cookie


class CookieJar:
    def __init__(self) -> None:
        self._cookies: dict[tuple[str, str, str], _Stored] = {}

    def update(self, host: str, request_path: str, set_cookie_headers: Iterable[str], now: float | None = None) -> None:
        """Take the ``Set-Cookie`` headers of a response to ``request_path`` on ``host``."""
        now = time.time() if now is None else now
        for header in set_cookie_headers:
            cookie = Cookie._from_response_header(host, request_path, header)
            expires_at = None
            if cookie.max_age is not None:
                expires_at = now + cookie.max_age
            elif cookie.expires is not None:
                expires_at = cookie.expires.timestamp()
            if expires_at is not None and expires_at <= now:
                self._cookies.pop(cookie._storage_key, None)  # deletion: an expiry in the past
            else:
                self._cookies[cookie._storage_key] = _Stored(cookie, expires_at)

    def apply_script_changes(self, host: str, changes: Iterable[tuple[str, str | None]]) -> None:
        """What the app's JavaScript did to ``document.cookie`` since the page last saw the jar:
        ``(name, value)`` set a cookie, ``(name, None)`` deleted one. Script cookies are never
        HttpOnly, and a script cannot touch an HttpOnly cookie."""
        for name, value in changes:
            for key, stored in list(self._cookies.items()):
                if stored.cookie.key == name and not stored.cookie.http_only:
                    del self._cookies[key]
            if value is not None:
                self.update(host, "/", [f"{name}={value}; Path=/"])

    def _live(self, now: float) -> list[Cookie]:
        expired = [key for key, s in self._cookies.items() if s.expires_at is not None and s.expires_at <= now]
        for key in expired:
            del self._cookies[key]
        # Longer paths first, as browsers order the Cookie header (RFC 6265, 5.4).
        return sorted((s.cookie for s in self._cookies.values()), key=lambda c: -len(c.path))

    def header_for(self, host: str, path: str, now: float | None = None) -> str:
        """The ``Cookie`` header a browser would send with a request to ``path``."""
        now = time.time() if now is None else now
        return "; ".join(
            c._to_request_header() for c in self._live(now) if c._matches_request(host, path)
        )

    def script_cookies(self, host: str, now: float | None = None) -> list[tuple[str, str, str, float | None]]:
        """(name, value, path, expires_at) of every cookie a page's script may see."""
        now = time.time() if now is None else now
        self._live(now)
        return [
            (s.cookie.key, s.cookie.value, s.cookie.path, s.expires_at)
            for s in self._cookies.values()
            if not s.cookie.http_only and (s.cookie.domain == host or not s.cookie.origin_only)
        ]

    def script_visible(self, host: str, path: str, now: float | None = None) -> str:
        """What ``document.cookie`` shows on a page at ``path``: the cookies without HttpOnly."""
        now = time.time() if now is None else now
        return "; ".join(
            c._to_request_header()
            for c in self._live(now)
            if not c.http_only and c._matches_request(host, path)
        )

    def clear(self) -> None:
        self._cookies.clear()
