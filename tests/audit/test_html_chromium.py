"""The HTML report in a real headless Chromium: it loads without console errors and the
screenshot shows the charts. Skips when no Chromium is installed (Debian: apt-get install
chromium)."""

from __future__ import annotations

import os
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

import salesblueprint as sb
from salesblueprint.audit.html import format_html

from .helpers import write_csv

CHROMIUM = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH")


def _pixels(png: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and raw RGB(A) rows of an 8-bit PNG (what Chromium writes)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, channels = 8, b"", 0, 0, 4
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind, data = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", data[:10])
            assert depth == 8
            channels = {2: 3, 6: 4}[colour]
        elif kind == b"IDAT":
            idat += data
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows: list[bytes] = []
    prev = bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - channels] if i >= channels else 0
            b = prev[i]
            c = prev[i - channels] if i >= channels else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 255
        rows.append(
            bytes(line[j] for k in range(width) for j in range(k * channels, k * channels + 3))
        )
        prev = line
    return width, height, rows


def _count(rows: list[bytes], rgb: tuple[int, int, int]) -> int:
    """Pixels of exactly this colour (solid SVG fills render exact)."""
    return sum(row.count(bytes(rgb)) for row in rows)


def _screenshot(page: Path, tmp_path: Path, size: str) -> tuple[int, int, list[bytes], str]:
    """``page`` in headless Chromium at ``size`` (``W,H``): the screenshot's width, height and
    RGB rows, and Chromium's log; Chromium must exit 0."""
    shot = page.with_suffix(".png")
    assert CHROMIUM is not None
    proc = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--enable-logging=stderr",
            "--v=0",
            f"--window-size={size}",
            f"--screenshot={shot}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return (*_pixels(shot.read_bytes()), proc.stderr)


def _errors(log: str) -> list[str]:
    """The lines of Chromium's log that report a console message, an uncaught error or a
    resource that failed to load."""
    return [
        line
        for line in log.splitlines()
        if "CONSOLE" in line or "Uncaught" in line or "Failed to load resource" in line
    ]


def _dark(rows: list[bytes]) -> int:
    """Pixels darker than 90 in every channel: text."""
    return sum(1 for row in rows for k in range(0, len(row), 3) if max(row[k : k + 3]) < 90)


def test_html_in_chromium(bp_path: Path, tmp_path: Path) -> None:
    rows = []
    for i in range(30):
        rows += [
            [f"d{i}", "discovery", "2025-01-01"],
            [f"d{i}", "demo", f"2025-01-{2 + i % 9:02d}"],
        ]
        rows.append([f"d{i}", "won" if i % 3 else "lost", "2025-01-20"])
    result = sb.audit(
        bp_path, write_csv(tmp_path / "h.csv", rows, ["deal_id", "stage", "entered_at"])
    )
    page = tmp_path / "report.html"
    page.write_text(format_html(result), encoding="utf-8")
    width, height, pixels, log = _screenshot(page, tmp_path, "900,1500")
    assert _errors(log) == []
    assert (width, height) == (900, 1500)
    assert _count(pixels, (0x09, 0x69, 0xDA)) > 2000  # the stage funnel's bars
    assert _count(pixels, (0x82, 0x50, 0xDF)) > 1000  # time in stage
    assert (
        _count(pixels, (0x1A, 0x7F, 0x37)) + _count(pixels, (0xCF, 0x22, 0x2E)) > 50
    )  # calibration


def test_breakdown_table_in_chromium(bp_path: Path, tmp_path: Path) -> None:
    """The per owner / source table (Dutch) renders: the page without it, cut to just the
    table, is blank; with it, its text is there, and nothing logs an error."""
    from salesblueprint.i18n import translator

    rows = []
    for i in range(12):
        reason = ["prijs", "no_budget", "competitor", "timing"][i % 4] if i % 3 == 0 else ""
        rows += [
            [f"d{i}", "discovery", "2025-01-01", "ann" if i < 6 else "bob", "", "web"],
            [f"d{i}", "lost" if i % 3 == 0 else "won", "2025-01-04", "", reason, ""],
        ]
    header = ["deal_id", "stage", "entered_at", "owner", "reason", "source"]
    result = sb.audit(bp_path, write_csv(tmp_path / "h.csv", rows, header))
    assert result.breakdowns
    html = format_html(result, translator("nl"))
    start = html.index("<h2>Per eigenaar / bron</h2>")
    end = html.index("</table>", start) + len("</table>")
    page = tmp_path / "table.html"
    head = html[: html.index("<body>") + len("<body>")]
    page.write_text(head + html[start:end] + "</body></html>", encoding="utf-8")
    width, _height, pixels, log = _screenshot(page, tmp_path, "800,300")
    assert width == 800
    assert _errors(log) == []
    text = _dark(pixels)
    empty = tmp_path / "empty.html"
    empty.write_text(head + "</body></html>", encoding="utf-8")
    _w, _h, blank, _log = _screenshot(empty, tmp_path, "800,300")
    assert _dark(blank) == 0
    assert text > 1500  # the heading, the head row and four rows of figures and reasons
