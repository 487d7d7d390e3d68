"""A small JSON-over-HTTPS client on the standard library, for the live ``--from-api`` paths.

Timeouts on every request; retries on 429 (waiting ``Retry-After``, seconds or an HTTP date,
capped), on 5xx and on network errors (backing off); a plain message on 401/403. The token is
sent in a header and never printed.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import Any

from salesblueprint.i18n import _
from salesblueprint.interop.base import InteropError

MAX_BYTES = 50 * 1024 * 1024
MAX_WAIT = 60.0
MAX_PAGES = 1000
_CHUNK = 1 << 16


class _SameOrigin(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only within the same scheme, host and port: urllib would send the
    token's header to any host a redirect names."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> urllib.request.Request | None:
        old, new = urllib.parse.urlsplit(req.full_url), urllib.parse.urlsplit(newurl)
        if (old.scheme, old.netloc) != (new.scheme, new.netloc):
            raise InteropError(
                _(
                    "the API redirected to another host ({host}); not followed, so the token "
                    "is not sent there",
                    host=f"{new.scheme}://{new.netloc}",
                ),
                old.scheme + "://" + old.netloc + old.path,
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


_OPENER = urllib.request.build_opener(_SameOrigin)


def retry_after(value: str | None, default: float) -> float:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date)."""
    if not value:
        return default
    value = value.strip()
    try:
        return min(max(float(value), 0.0), MAX_WAIT)
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return default
    return min(max(when.timestamp() - time.time(), 0.0), MAX_WAIT)


class Client:
    def __init__(
        self,
        service: str,
        headers: dict[str, str],
        *,
        timeout: float = 30,
        retries: int = 4,
        backoff: float = 1.0,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.service = service
        self.headers = {"Accept": "application/json", "User-Agent": "salesblueprint", **headers}
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.sleep = sleep

    def get_json(self, base: str, path: str, params: dict[str, str]) -> Any:
        url = base.rstrip("/") + path
        shown = url
        if params:
            url += "?" + urllib.parse.urlencode(sorted(params.items()))
        scheme = urllib.parse.urlsplit(url).scheme
        if scheme not in ("https", "http"):
            raise InteropError(
                _("{service} API URL must be http(s): {url}", service=self.service, url=base)
            )
        attempt = 0
        while True:
            attempt += 1
            req = urllib.request.Request(url, headers=self.headers, method="GET")
            try:
                with _OPENER.open(req, timeout=self.timeout) as resp:
                    raw = self._read(resp, shown)
                break
            except urllib.error.HTTPError as e:
                status = e.code
                wait_header = e.headers.get("Retry-After") if e.headers else None
                e.close()
                if status in (401, 403):
                    raise InteropError(self._auth_message(status), shown) from None
                retryable = status == 429 or status >= 500
                if not retryable or attempt > self.retries:
                    raise InteropError(
                        _(
                            "{service} API answered {status} {reason}{attempts}",
                            service=self.service,
                            status=status,
                            reason=e.reason,
                            attempts=_(" after {n} attempts", n=attempt) if retryable else "",
                        ),
                        shown,
                    ) from None
                self.sleep(retry_after(wait_header, self.backoff * 2 ** (attempt - 1)))
            except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as e:
                if attempt > self.retries:
                    reason = getattr(e, "reason", e)
                    raise InteropError(
                        _(
                            "cannot reach the {service} API after {n} attempts: {reason}",
                            service=self.service,
                            n=attempt,
                            reason=str(reason),
                        ),
                        shown,
                    ) from None
                self.sleep(min(self.backoff * 2 ** (attempt - 1), MAX_WAIT))
        if len(raw) > MAX_BYTES:
            raise InteropError(
                _("{service} API response larger than 50 MB", service=self.service), shown
            )
        from salesblueprint.interop.jsonio import parse_json

        try:
            return parse_json(raw, shown)
        except InteropError as e:
            raise InteropError(
                _("{service} API sent {what}", service=self.service, what=e.message),
                shown,
                e.line,
            ) from None

    def _read(self, resp: Any, shown: str) -> bytes:
        """The body, at most ``MAX_BYTES + 1`` of it, within ``timeout`` in all: the socket's
        timeout bounds each read only, so a server sending a byte at a time would never end."""
        deadline = time.monotonic() + self.timeout
        parts: list[bytes] = []
        size = 0
        while size <= MAX_BYTES:
            chunk = resp.read1(_CHUNK) if hasattr(resp, "read1") else resp.read(_CHUNK)
            if not chunk:
                break
            parts.append(chunk)
            size += len(chunk)
            if time.monotonic() > deadline:
                raise InteropError(
                    _(
                        "{service} API sent its answer too slowly: {size} bytes in {seconds} s",
                        service=self.service,
                        size=size,
                        seconds=f"{self.timeout:g}",
                    ),
                    shown,
                )
        return b"".join(parts)

    def pages(
        self,
        base: str,
        path: str,
        params: dict[str, str],
        cursor_param: str,
        next_cursor: Callable[[Any], str | None],
    ) -> list[Any]:
        """Every page's body, following ``next_cursor(body)`` in ``cursor_param``; a cursor
        seen before (the API going round in a circle) or more than ``MAX_PAGES`` pages is an
        error, never a silently shortened answer."""
        bodies: list[Any] = []
        seen: set[str] = set()
        cursor: str | None = None
        while True:
            query = {**params, cursor_param: cursor} if cursor else dict(params)
            body = self.get_json(base, path, query)
            bodies.append(body)
            cursor = next_cursor(body)
            if cursor is None:
                return bodies
            if cursor in seen:
                raise InteropError(
                    _(
                        "{service} API gave the page cursor '{cursor}' twice; stopped instead "
                        "of going round",
                        service=self.service,
                        cursor=cursor[:40],
                    ),
                    base.rstrip("/") + path,
                )
            if len(bodies) >= MAX_PAGES:
                raise InteropError(
                    _(
                        "{service} API has more than {n} pages; stopped",
                        service=self.service,
                        n=MAX_PAGES,
                    ),
                    base + path,
                )
            seen.add(cursor)

    def _auth_message(self, status: int) -> str:
        if status == 401:
            return _(
                "{service} refused the token (401 Unauthorized): it is wrong, expired or "
                "revoked; create a new one and set it in the environment variable",
                service=self.service,
            )
        return _(
            "{service} refused access (403 Forbidden): the token lacks the scope to read "
            "pipelines (HubSpot: crm.objects.deals.read; Pipedrive: deals read access)",
            service=self.service,
        )
