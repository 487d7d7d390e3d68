"""Hostile CRM input, one test per fault found (QA pass on import, export and drift).

Each ends in a clear message with the file (exit 2) or a clean import: never a traceback, an
"internal error", a hang, silently shortened data, or a terminal escape printed raw.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from salesblueprint.interop import InteropError, export_crm, fetch_crm, import_crm
from salesblueprint.interop.http import Client
from salesblueprint.model.load import load_bytes

from .conftest import DATA, run_cli


def _clean_exit_2(r: Any, *words: str) -> None:
    assert r.returncode == 2, r.stdout + r.stderr
    assert "Traceback" not in r.stderr and "internal error" not in r.stderr, r.stderr
    assert "\x1b" not in r.stderr and "\x07" not in r.stderr
    for w in words:
        assert w in r.stderr, r.stderr


def _write(tmp_path: Path, body: str | bytes, name: str = "crm.json") -> str:
    p = tmp_path / name
    p.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    return str(p)


# -- numbers JSON allows that Python cannot turn into an int or order ------------------------
@pytest.mark.parametrize(
    ("crm", "body", "words"),
    [
        # 1e999 is infinity in Python's JSON: int(inf) raised OverflowError
        (
            "pipedrive",
            '{"data":[{"id":1,"name":"A","pipeline_id":1,"is_deal_rot_enabled":true,'
            '"days_to_rotten":1e999}]}',
            "days_to_rotten: expected a number",
        ),
        (
            "pipedrive",
            '{"data":[{"id":1,"name":"A","pipeline_id":1,"days_to_rotten":1e300}]}',
            "days_to_rotten: 1e+300 is not between 0 and 36500",
        ),
        # an integer of 400 digits: float() raised OverflowError
        (
            "pipedrive",
            '{"data":[{"id":1,"name":"A","pipeline_id":1,"order_nr":1' + "0" * 400 + "}]}",
            "order_nr: expected a number, got an integer of 401 digits",
        ),
        # NaN ordered the stages at random (sorting with NaN is undefined)
        (
            "hubspot",
            '{"results":[{"id":"p","stages":[{"id":"a","displayOrder":NaN},'
            '{"id":"b","displayOrder":1}]}]}',
            "displayOrder: expected a number, got the number nan",
        ),
        (
            "hubspot",
            '{"results":[{"id":"p","displayOrder":-Infinity,"stages":[]}]}',
            "displayOrder: expected a number",
        ),
        # a number of 5000 digits: json.loads raised ValueError (int() refuses past 4300)
        (
            "hubspot",
            '{"results":[{"id":' + "9" * 5000 + ',"stages":[]}]}',
            "crm.json: malformed JSON: a number too long to read",
        ),
        (
            "hubspot",
            '{"results":[{"id":' + "9" * 400 + ',"stages":[]}]}',
            "results[0].id: expected text, got an integer of 400 digits",
        ),
    ],
)
def test_numbers_python_cannot_take_are_clear(
    tmp_path: Path, crm: str, body: str, words: str
) -> None:
    _clean_exit_2(run_cli("import", crm, _write(tmp_path, body)), "crm.json", words)


@pytest.mark.parametrize("pid", ["²", "٣", "9" * 5000, "007"])
def test_pipedrive_pipeline_ids_that_int_refuses(tmp_path: Path, pid: str) -> None:
    """``'²'.isdigit()`` is true but ``int('²')`` raises; so does ``int()`` of 5000 digits."""
    body = {"data": [{"id": 1, "name": "Lead in", "pipeline_id": pid}]}
    out = tmp_path / "bp.yaml"
    r = run_cli("import", "pipedrive", _write(tmp_path, json.dumps(body)), "-o", str(out))
    assert r.returncode == 0, r.stderr
    bp = load_bytes(out.read_bytes(), "bp.yaml").blueprint
    assert bp is not None and bp.pipelines[0].crm is not None
    assert bp.pipelines[0].crm.pipedrive == pid
    payload = json.loads(export_crm(bp, "pipedrive").text or "")
    want: int | str = 7 if pid == "007" else pid
    assert payload["stages"][0]["pipeline_id"] == want


def test_pipedrive_numeric_pipelines_in_numeric_order(tmp_path: Path) -> None:
    pids: list[int | str] = ["a", 10, 9, "x", 100]
    body = {"data": [{"id": i, "name": "T", "pipeline_id": p} for i, p in enumerate(pids)]}
    text = import_crm("pipedrive", _write(tmp_path, json.dumps(body)))
    ids = [p["crm"]["pipedrive"] for p in yaml.safe_load(text)["pipelines"]]
    assert ids == ["9", "10", "100", "a", "x"]


# -- the header comment: YAML breaks lines at NEL, LS and PS too ----------------------------
@pytest.mark.parametrize("brk", ["\u2028", "\u2029", "\x85", "\r", "\n"])
def test_label_cannot_break_out_of_the_header_comment(tmp_path: Path, brk: str) -> None:
    """A deleted stage's label goes into the header; with a line separator in it, the rest of
    the label became a line of YAML (here: a second ``pipelines:`` key, an unloadable file)."""
    label = f"Old{brk}pipelines: []{brk}x"
    body = {
        "data": [
            {"id": 1, "name": label, "pipeline_id": 1, "is_deleted": True},
            {"id": 2, "name": "Lead in", "pipeline_id": 1, "deal_probability": 10},
        ]
    }
    text = import_crm("pipedrive", _write(tmp_path, json.dumps(body)))
    result = load_bytes(text.encode("utf-8"), "bp.yaml")
    assert result.blueprint is not None, result.findings
    assert not [f for f in result.findings if f.severity == "error"]
    header = text.split("salesblueprint: 1\n")[0]
    assert all(c.isprintable() or c == "\n" for c in header)


def test_pipeline_without_open_stages_is_left_out_with_a_note(tmp_path: Path) -> None:
    """It imported as a pipeline of only Won and Lost, which ``check`` calls an error."""
    body = {
        "results": [
            {"id": "empty", "label": "Empty", "stages": []},
            {"id": "p", "label": "P", "stages": [{"id": "a", "label": "A"}]},
        ]
    }
    text = import_crm("hubspot", _write(tmp_path, json.dumps(body)))
    assert "pipeline 'Empty' has no open stage: left out" in text
    assert [p["id"] for p in yaml.safe_load(text)["pipelines"]] == ["p"]
    one = {"results": [{"id": "empty", "label": "Empty", "stages": []}]}
    r = run_cli("import", "hubspot", _write(tmp_path, json.dumps(one)))
    _clean_exit_2(r, "no pipeline to import", "has no open stage")


# -- terminal escapes in what the CRM says, printed on the terminal -------------------------
def test_escapes_in_crm_text_are_not_printed_raw(tmp_path: Path) -> None:
    evil = "\x1b]0;pwned\x07\x1b[2J"
    r = run_cli("import", "hubspot", _write(tmp_path, json.dumps({"results": [{"id": evil}]})))
    _clean_exit_2(r, "\\x1b]0;pwned\\x07")  # results[0] has no 'stages': text quoted
    body = {"results": [{"id": "p", "stages": [{"id": "a", "metadata": {"probability": evil}}]}]}
    _clean_exit_2(run_cli("import", "hubspot", _write(tmp_path, json.dumps(body))), "\\x1b")
    body = {"data": [{"id": 1, "name": "A", "pipeline_id": 1}]}
    r = run_cli("import", "pipedrive", _write(tmp_path, json.dumps(body)), "--pipeline", evil)
    _clean_exit_2(r, "\\x1b")


def test_plan_text_escapes_the_accounts_labels(tmp_path: Path) -> None:
    bp = DATA.parent.parent.parent / "examples" / "hubspot-default.blueprint.yaml"
    body = json.loads((DATA / "hubspot" / "default.json").read_text())
    body["results"][0]["stages"][0]["label"] = "Appointment\x1b[2J\x1b]0;x\x07"
    r = run_cli("export", "hubspot", str(bp), "--against", _write(tmp_path, json.dumps(body)))
    assert r.returncode == 0, r.stderr
    assert "'Appointment\\x1b[2J\\x1b]0;x\\x07'" in r.stdout
    assert all(c.isprintable() or c == "\n" for c in r.stdout)


def test_salesforce_export_refuses_what_xml_cannot_hold(tmp_path: Path) -> None:
    """A stage named with ESC was written into the value set as is: malformed XML, which the
    deploy (and our own import) refuses."""
    src = Path(DATA.parent.parent.parent / "examples" / "hubspot-default.blueprint.yaml")
    text = src.read_text(encoding="utf-8").replace(
        "name: Appointment scheduled", 'name: "Appointment\\e[2J scheduled"', 1
    )
    assert "\\e[2J" in text
    bp_file = tmp_path / "bp.yaml"
    bp_file.write_text(text, encoding="utf-8")
    out = tmp_path / "sf"
    r = run_cli("export", "salesforce", str(bp_file), "-o", str(out))
    _clean_exit_2(r, "bp.yaml: ", "U+001B", "(XML) cannot hold")
    assert not out.exists()


# -- --from-api against a hostile server (127.0.0.1 only) -----------------------------------
class _Server:
    def __init__(self) -> None:
        self.handler: Any = None
        self.seen: list[tuple[str, str, str | None]] = []


@pytest.fixture
def server() -> Iterator[tuple[_Server, str]]:
    state = _Server()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.seen.append(
                (self.headers.get("Host", ""), self.path, self.headers.get("Authorization"))
            )
            state.handler(self)

        def log_message(self, *args: Any) -> None:
            pass

    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        yield state, f"http://127.0.0.1:{srv.server_address[1]}"
    finally:
        srv.shutdown()
        srv.server_close()


def _send(h: BaseHTTPRequestHandler, body: bytes, status: int = 200) -> None:
    h.send_response(status)
    h.send_header("Content-Length", str(len(body)))
    h.end_headers()
    h.wfile.write(body)


def test_api_deeply_nested_json_is_malformed_not_a_crash(server: tuple[_Server, str]) -> None:
    state, url = server
    state.handler = lambda h: _send(h, b"[" * 100_000 + b"]" * 100_000)
    r = run_cli("import", "hubspot", "--from-api", "--api-url", url, env={"HUBSPOT_TOKEN": "t"})
    _clean_exit_2(r, "HubSpot API sent malformed JSON: nested too deeply")


def test_api_bytes_that_are_not_utf8(server: tuple[_Server, str]) -> None:
    state, url = server
    state.handler = lambda h: _send(h, b"\n\xff\xfe<html>")
    with pytest.raises(InteropError, match=r"HubSpot API sent not UTF-8 \(byte 2\)") as e:
        fetch_crm("hubspot", "t", base_url=url)
    assert e.value.line == 2


def test_api_cursor_going_round_stops(server: tuple[_Server, str]) -> None:
    """The same ``after`` forever: 1000 requests, then the pages read so far, silently."""
    state, url = server
    state.handler = lambda h: _send(h, b'{"results":[],"paging":{"next":{"after":"same"}}}')
    with pytest.raises(InteropError, match="cursor 'same' twice"):
        fetch_crm("hubspot", "t", base_url=url)
    assert len(state.seen) == 2


def test_api_more_pages_than_the_cap_is_an_error(
    server: tuple[_Server, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from salesblueprint.interop import http

    monkeypatch.setattr(http, "MAX_PAGES", 3)
    state, url = server
    n = iter(range(100))
    state.handler = lambda h: _send(
        h,
        json.dumps(
            {"success": True, "data": [], "additional_data": {"next_cursor": next(n)}}
        ).encode(),
    )
    with pytest.raises(InteropError, match="more than 3 pages"):
        fetch_crm("pipedrive", "t", base_url=url)


def test_api_redirect_to_another_host_keeps_the_token(server: tuple[_Server, str]) -> None:
    """urllib sends every header, the token too, to whatever host a redirect names."""
    state, url = server
    port = url.rsplit(":", 1)[1]

    def handler(h: BaseHTTPRequestHandler) -> None:
        if h.path.startswith("/elsewhere"):
            _send(h, b'{"results": []}')
        else:
            h.send_response(302)
            h.send_header("Location", f"http://localhost:{port}/elsewhere")
            h.send_header("Content-Length", "0")
            h.end_headers()

    state.handler = handler
    r = run_cli("import", "hubspot", "--from-api", "--api-url", url, env={"HUBSPOT_TOKEN": "tok"})
    _clean_exit_2(r, "redirected to another host (http://localhost:")
    assert [s[2] for s in state.seen] == ["Bearer tok"]  # nothing sent to localhost


def test_api_same_host_redirect_is_followed(server: tuple[_Server, str]) -> None:
    state, url = server

    def handler(h: BaseHTTPRequestHandler) -> None:
        if h.path.startswith("/v2"):
            _send(h, (DATA / "hubspot" / "default.json").read_bytes())
        else:
            h.send_response(301)
            h.send_header("Location", "/v2" + h.path)
            h.send_header("Content-Length", "0")
            h.end_headers()

    state.handler = handler
    assert fetch_crm("hubspot", "t", base_url=url).pipelines


def test_api_answer_trickling_in_times_out(server: tuple[_Server, str]) -> None:
    """One byte every 0.2 s: each read is within the socket's timeout, so it never ended."""
    state, url = server

    def handler(h: BaseHTTPRequestHandler) -> None:
        h.send_response(200)
        h.send_header("Content-Length", "100000")
        h.end_headers()
        try:
            for _ in range(100):
                h.wfile.write(b" ")
                h.wfile.flush()
                time.sleep(0.2)
        except OSError:
            pass

    state.handler = handler
    client = Client("HubSpot", {}, timeout=1, retries=0, sleep=lambda s: None)
    t0 = time.monotonic()
    with pytest.raises(InteropError, match="too slowly"):
        client.get_json(url, "/x", {})
    assert time.monotonic() - t0 < 5
