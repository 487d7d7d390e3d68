"""Hostile histories for ``salesblueprint audit``, one test per fault found (QA pass), and a
property: whatever rows a CSV holds, the audit counts every one (accepted + rejected = rows
written) or stops with an ``AuditError``, and no output format prints history text raw."""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from salesblueprint.audit import AuditError, audit
from salesblueprint.audit.formats import FORMATTERS
from salesblueprint.model.load import load_bytes

from .helpers import BLUEPRINT, write_csv

HEADER = ["deal_id", "stage", "entered_at"]


@pytest.fixture(scope="module")
def bp() -> Any:
    result = load_bytes(BLUEPRINT.encode("utf-8"), "bp.yaml")
    assert result.blueprint is not None
    return result.blueprint


def test_history_with_a_header_and_no_rows(bp: Any, tmp_path: Path) -> None:
    """No row has a time, so "as of" is NULL: DuckDB refused ``NULL AT TIME ZONE`` (a Binder
    Error, printed as an internal error)."""
    path = write_csv(tmp_path / "h.csv", [], HEADER)
    r = audit(bp, str(path))
    assert (r.history.rows, r.history.accepted, r.as_of) == (0, 0, None)
    for fmt in FORMATTERS.values():
        assert fmt(r)


def test_history_where_every_time_is_bad(bp: Any, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "h.csv", [["d1", "discovery", "yesterday"]], HEADER)
    r = audit(bp, str(path))
    assert r.history.rejected["bad_timestamp"] == 1 and r.history.accepted == 0


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
@pytest.mark.parametrize("how", ["folder", "glob", "file"])
def test_fifo_among_the_history_files_is_refused_not_waited_on(
    bp: Any, tmp_path: Path, how: str
) -> None:
    """A FIFO named *.csv in a history folder: DuckDB opened it and waited for a writer."""
    folder = tmp_path / "history"
    folder.mkdir()
    write_csv(folder / "a.csv", [["d1", "discovery", "2025-01-01"]], HEADER)
    os.mkfifo(folder / "b.csv")
    arg = {"folder": str(folder), "glob": str(folder / "*.csv"), "file": str(folder / "b.csv")}
    with pytest.raises(AuditError, match=r"b\.csv: it is a FIFO; only regular files are read"):
        audit(bp, arg[how])


@pytest.mark.parametrize(
    ("at", "ok"),
    [
        ("2025-01-01T00:00:00+14:00", True),
        ("2025-01-01T00:00:00-12:00", True),
        ("2025-01-01T00:00:00+0530", True),
        ("2025-01-01 09:00:00+01", True),
        ("2025-12-25", True),  # a date ends in -25: not an offset
        ("2025-01-01T00:00:00+99:00", False),  # read as 99 hours
        ("2025-01-01T00:00:00-19:00", False),
        ("2025-01-01T00:00:00+01:75", False),
        ("2025-01-01T00:00:00+0199", False),
    ],
)
def test_impossible_utc_offsets_are_bad_timestamps(
    bp: Any, tmp_path: Path, at: str, ok: bool
) -> None:
    path = write_csv(tmp_path / "h.csv", [["d1", "discovery", at]], HEADER)
    r = audit(bp, str(path))
    assert (r.history.accepted, r.history.rejected["bad_timestamp"]) == (int(ok), int(not ok))


EVIL = "\x1b]0;pwned\x07\x1b[2J"


def test_escapes_and_markdown_in_history_text_stay_data(bp: Any, tmp_path: Path) -> None:
    """Stage names, deal ids and reasons from the history went raw into the text report (a
    terminal escape) and into markdown (a link, a mention, a broken table)."""
    rows = [
        [f"d{EVIL}", "discovery", "2025-01-01", ""],
        [f"d{EVIL}", f"legal {EVIL}", "2025-01-02", ""],
        ["m|1", "[click](https://evil.example) @org/team `x`", "2025-01-02", ""],
        ["m|1", "lost", "2025-01-03", f"<img src=x onerror=alert(1)>{EVIL}"],
    ]
    path = write_csv(tmp_path / "h.csv", rows, [*HEADER, "reason"])
    r = audit(bp, str(path))
    text = FORMATTERS["text"](r)
    assert "\\x1b]0;pwned\\x07" in text
    for name, out in [(n, f(r)) for n, f in FORMATTERS.items()]:
        assert "\x1b" not in out and "\x07" not in out, name
    md = FORMATTERS["markdown"](r)
    assert "deal m\\|1 lost" in md and "\\<img" in md and "<img" not in md.replace("\\<", "")
    for line in md.splitlines():
        if line.startswith(("| unknown_stage", "| late_entry")):
            assert len(re.findall(r"(?<!\\)\|", line)) == 4, line  # three cells, no more
    from salesblueprint.audit.formats import md as md_text

    assert md_text("[click](https://e) @org `x`") == "\\[click\\](https://e) \\@org \\`x\\`"
    html = FORMATTERS["html"](r)
    assert "<img src=x" not in html and "&lt;img src=x" in html


def test_cli_audit_error_message_is_escaped(tmp_path: Path) -> None:
    from .helpers import bp_path  # noqa: F401  (fixture module import keeps duckdb optional)

    bp_file = tmp_path / "bp.yaml"
    bp_file.write_text(BLUEPRINT, encoding="utf-8")
    path = write_csv(tmp_path / "h.csv", [["d1", "discovery", "2025-01-01"]], [f"x{EVIL}"])
    import subprocess
    import sys

    r = subprocess.run(
        [sys.executable, "-m", "salesblueprint", "audit", str(bp_file), str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 2, r.stderr
    assert "\x1b" not in r.stderr and "\\x1b]0;pwned" in r.stderr


# -- the property ----------------------------------------------------------------------------
CELL = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "discovery",
            "Demo given",
            "WON",
            "lost",
            "onboarding",
            "2025-01-01",
            "2025-01-01T09:00:00Z",
            "2025-03-30T02:30:00+02:00",
            "2025-01-01T00:00:00+99:00",
            "1735689600000",
            "yesterday",
            "1/2/25",
            "NULL",
            "NaN",
            '"',
            '""',
            ",",
            ";",
            "\t",
            "a\nb",
            "a\r\nb",
            "\\",
            EVIL,
            "\u202e",
            "\x85",
            "\u2028",
            "#",
            "=cmd|' /C calc'!A0",
        ]
    ),
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
        max_size=12,
    ),
)
ROWS = st.lists(st.lists(CELL, min_size=3, max_size=4), min_size=0, max_size=25)

SETTINGS = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@SETTINGS
@given(ROWS, st.sampled_from(["minimal", "all"]))
def test_any_csv_rows_are_all_counted_or_refused(
    bp: Any, tmp_path: Path, rows: list[list[str]], quoting: str
) -> None:
    buf = io.StringIO()
    # RFC 4180 line ends: the writer then quotes every cell holding a CR or an LF (with "\n"
    # it leaves a bare CR unquoted, which DuckDB 1.x rightly reads as a line break)
    writer = csv.writer(
        buf, quoting=csv.QUOTE_ALL if quoting == "all" else csv.QUOTE_MINIMAL, lineterminator="\r\n"
    )
    writer.writerow([*HEADER, "reason"])
    for row in rows:
        writer.writerow([*row, ""][:4])
    path = tmp_path / "h.csv"
    path.write_text(buf.getvalue(), encoding="utf-8")
    try:
        r = audit(bp, str(path))
    except AuditError as e:
        assert str(e)
        event("refused")
        return
    event("audited")
    h = r.history
    assert h.rows == len(rows), (h.rows, len(rows), buf.getvalue())
    assert h.accepted + sum(h.rejected.values()) == h.rows
    for name, fmt in FORMATTERS.items():
        out = fmt(r)
        if name in ("text", "markdown", "json"):
            assert all(c.isprintable() or c == "\n" for c in out), name
        else:
            assert "\x1b" not in out


def test_deal_ids_starting_with_hash_are_not_comments(bp: Any, tmp_path: Path) -> None:
    """DuckDB's sniffer took '#' for a comment mark and dropped the rows of deal '#1042'."""
    rows = [["#1042", "discovery", "2025-01-01"], ["#1042", "demo", "2025-01-02"], ["7", "", ""]]
    r = audit(bp, str(write_csv(tmp_path / "h.csv", rows, HEADER)))
    assert r.history.rows == 3 and r.history.accepted == 2
    assert r.stages["demo"].entered == 1
