"""A small JSON-over-HTTPS client on the standard library, for the live ``--from-api`` paths.

Timeouts on every request; retries on 429 (waiting ``Retry-After``, seconds or an HTTP date,
capped), on 5xx and on network errors (backing off); a plain message on 401/403. The token is
sent in a header and never printed.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import Any

from salesblueprint.interop.base import InteropError

MAX_BYTES = 50 * 1024 * 1024
MAX_WAIT = 60.0


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
        self.requests = 0

    def get_json(self, base: str, path: str, params: dict[str, str]) -> Any:
        url = base.rstrip("/") + path
        shown = url
        if params:
            url += "?" + urllib.parse.urlencode(sorted(params.items()))
        scheme = urllib.parse.urlsplit(url).scheme
        if scheme not in ("https", "http"):
            raise InteropError(f"{self.service} API URL must be http(s): {base}")
        attempt = 0
        while True:
            attempt += 1
            self.requests += 1
            req = urllib.request.Request(url, headers=self.headers, method="GET")
            try:
                with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                    raw = resp.read(MAX_BYTES + 1)
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
                        f"{self.service} API answered {status} {e.reason}"
                        + (f" after {attempt} attempts" if retryable else ""),
                        shown,
                    ) from None
                self.sleep(retry_after(wait_header, self.backoff * 2 ** (attempt - 1)))
            except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as e:
                if attempt > self.retries:
                    reason = getattr(e, "reason", e)
                    raise InteropError(
                        f"cannot reach the {self.service} API after {attempt} attempts: {reason}",
                        shown,
                    ) from None
                self.sleep(min(self.backoff * 2 ** (attempt - 1), MAX_WAIT))
        if len(raw) > MAX_BYTES:
            raise InteropError(f"{self.service} API response larger than 50 MB", shown)
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as e:
            raise InteropError(f"{self.service} API sent malformed JSON: {e}", shown) from None

    def _auth_message(self, status: int) -> str:
        if status == 401:
            return (
                f"{self.service} refused the token (401 Unauthorized): it is wrong, expired or "
                "revoked; create a new one and set it in the environment variable"
            )
        return (
            f"{self.service} refused access (403 Forbidden): the token lacks the scope to read "
            "pipelines (HubSpot: crm.objects.deals.read; Pipedrive: deals read access)"
        )
