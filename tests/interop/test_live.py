"""--from-api against a stub server on 127.0.0.1 (never the internet): auth headers,
pagination, 429 with Retry-After, 401/403 messages."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from salesblueprint.interop import InteropError, fetch_crm
from salesblueprint.interop.http import retry_after

from .conftest import DATA, run_cli

TOKEN = "pat-secret-1234"


class Stub:
    def __init__(self) -> None:
        self.routes: dict[str, list[tuple[int, dict[str, str], Any]]] = {}
        self.seen: list[tuple[str, dict[str, str]]] = []

    def add(self, path: str, status: int, body: Any, headers: dict[str, str] | None = None) -> None:
        self.routes.setdefault(path, []).append((status, headers or {}, body))


@pytest.fixture
def stub() -> Iterator[tuple[Stub, str]]:
    state = Stub()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            state.seen.append((self.path, dict(self.headers)))
            key = url.path + ("?cursor=" + query["cursor"] if "cursor" in query else "")
            key = key + ("?after=" + query["after"] if "after" in query else "")
            queue = state.routes.get(key) or state.routes.get(url.path)
            if not queue:
                self.send_response(404)
                self.end_headers()
                return
            status, headers, body = queue.pop(0) if len(queue) > 1 else queue[0]
            payload = json.dumps(body).encode()
            self.send_response(status)
            for k, v in headers.items():
                self.send_header(k, v)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _hubspot_pages() -> tuple[dict[str, Any], dict[str, Any]]:
    body = json.loads((DATA / "hubspot" / "default.json").read_text())
    other = json.loads((DATA / "hubspot" / "relabelled.json").read_text())["results"][0]
    other = {**other, "id": "555", "label": "Partners", "displayOrder": 1}
    return {**body, "paging": {"next": {"after": "p2"}}}, {"results": [other]}


def test_hubspot_live_paginates_and_retries_on_429(stub: tuple[Stub, str]) -> None:
    state, url = stub
    page1, page2 = _hubspot_pages()
    state.add("/crm/v3/pipelines/deals", 429, {"message": "slow down"}, {"Retry-After": "0"})
    state.add("/crm/v3/pipelines/deals", 200, page1)
    state.add("/crm/v3/pipelines/deals?after=p2", 200, page2)
    data = fetch_crm("hubspot", TOKEN, base_url=url)
    assert [p.label for p in data.pipelines] == ["Sales Pipeline", "Partners"]
    assert len(state.seen) == 3
    assert all(h.get("Authorization") == f"Bearer {TOKEN}" for _, h in state.seen)


def test_hubspot_live_cli(stub: tuple[Stub, str], tmp_path: Path) -> None:
    state, url = stub
    state.add(
        "/crm/v3/pipelines/deals", 200, json.loads((DATA / "hubspot" / "default.json").read_text())
    )
    out = tmp_path / "bp.yaml"
    env = {"HUBSPOT_TOKEN": TOKEN}
    r = run_cli("import", "hubspot", "--from-api", "--api-url", url, "-o", str(out), env=env)
    assert r.returncode == 0, r.stderr
    assert "crm: {hubspot: appointmentscheduled}" in out.read_text()
    assert "HubSpot API" in out.read_text()
    r = run_cli("drift", str(out), "--against", "hubspot", "--from-api", "--api-url", url, env=env)
    assert r.returncode == 0, r.stdout + r.stderr
    r = run_cli("import", "hubspot", "--from-api", "--api-url", url, env={"HUBSPOT_TOKEN": ""})
    assert r.returncode == 2 and "HUBSPOT_TOKEN" in r.stderr


@pytest.mark.parametrize(("status", "words"), [(401, "refused the token"), (403, "scope")])
def test_auth_errors_are_clear(stub: tuple[Stub, str], status: int, words: str) -> None:
    state, url = stub
    state.add("/crm/v3/pipelines/deals", status, {"message": "no"})
    r = run_cli("import", "hubspot", "--from-api", "--api-url", url, env={"HUBSPOT_TOKEN": TOKEN})
    assert r.returncode == 2
    assert words in r.stderr and str(status) in r.stderr
    assert TOKEN not in r.stderr + r.stdout
    assert "Traceback" not in r.stderr


def test_too_many_429_gives_up(stub: tuple[Stub, str]) -> None:
    state, url = stub
    state.add("/crm/v3/pipelines/deals", 429, {}, {"Retry-After": "0"})
    with pytest.raises(InteropError, match="429"):
        fetch_crm("hubspot", TOKEN, base_url=url)
    assert len(state.seen) == 5  # first try and four retries


def test_pipedrive_live_cursor_pagination_and_names(stub: tuple[Stub, str]) -> None:
    state, url = stub
    stages = json.loads((DATA / "pipedrive" / "custom.json").read_text())["data"]
    state.add(
        "/api/v2/stages",
        200,
        {"success": True, "data": stages[:3], "additional_data": {"next_cursor": "c2"}},
    )
    state.add(
        "/api/v2/stages?cursor=c2",
        200,
        {"success": True, "data": stages[3:], "additional_data": {"next_cursor": None}},
    )
    state.add(
        "/api/v2/pipelines",
        200,
        {"success": True, "data": [{"id": 2, "name": "Inbound"}, {"id": 3, "name": "Renewals"}]},
    )
    data = fetch_crm("pipedrive", TOKEN, base_url=url)
    assert [p.label for p in data.pipelines] == ["Inbound", "Renewals"]
    assert [s.label for s in data.pipelines[0].stages] == [
        "Lead in",
        "Meeting held",
        "Proposal sent",
        "Verbal yes",
    ]
    assert all({k.lower(): v for k, v in h.items()}["x-api-token"] == TOKEN for _, h in state.seen)
    assert all("limit=500" in p for p, _ in state.seen)


def test_unreachable_server_is_clear() -> None:
    from salesblueprint.interop.http import Client

    client = Client("HubSpot", {}, timeout=2, retries=1, sleep=lambda s: None)
    with pytest.raises(InteropError, match="cannot reach the HubSpot API after 2 attempts"):
        client.get_json("http://127.0.0.1:9", "/x", {})


def test_retry_after() -> None:
    assert retry_after("3", 1.0) == 3.0
    assert retry_after(None, 1.5) == 1.5
    assert retry_after("soon", 2.0) == 2.0
    assert retry_after("9999", 1.0) == 60.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT", 1.0) == 0.0
