"""History files the engines cannot read: a clear message naming the file (and its line when
known), in the report's language, exit 2, no traceback, no raw engine text."""

from __future__ import annotations

import gzip
import subprocess
import sys
from pathlib import Path

import pytest

from salesblueprint.audit.errors import AuditError
from salesblueprint.audit.inputs.files import check_readable, unreadable

pytest.importorskip("duckdb")

ROOT = Path(__file__).parent.parent.parent
DUTCH = ROOT / "examples" / "nl-inbound.blueprint.yaml"
HEADER = "deal_id,stage,entered_at\n"


def _audit(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "salesblueprint", "audit", str(DUTCH), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


BROKEN: dict[str, tuple[bytes, str, str]] = {
    # name: (content, Dutch text, English text)
    "empty.csv": (b"", "is leeg (zelfs geen kopregel)", "is empty (not even a header row)"),
    "kapot.parquet": (b"PAR1 cut off here", "beschadigd of onvolledig Parquet-bestand", "damaged"),
    "tekst.parquet": (HEADER.encode(), "geen Parquet-bestand", "not a Parquet file"),
    "utf16.csv": (HEADER.encode("utf-16"), "UTF-16-tekst; sla het op als UTF-8", "UTF-16 text"),
    "binair.csv": (b"\x00\x01\x02" * 100, "geen tekstbestand", "not a text file"),
    "werkmap.csv": (b"PK\x03\x04" + b"x" * 100, "Excel-werkmap", "Excel workbook"),
    "geen.csv.gz": (HEADER.encode(), "niet met gzip gecomprimeerd", "not gzip-compressed"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_file_in_dutch_and_english(tmp_path: Path, name: str) -> None:
    content, dutch, english = BROKEN[name]
    path = tmp_path / name
    path.write_bytes(content)
    r = _audit(str(path))
    assert r.returncode == 2, r.stderr
    assert r.stderr.startswith(f"salesblueprint: {path}"), r.stderr
    assert dutch in r.stderr
    assert "Traceback" not in r.stderr and "Error:" not in r.stderr
    en = _audit(str(path), "--lang", "en")
    assert en.returncode == 2 and english in en.stderr


def test_not_utf8_names_the_line(tmp_path: Path) -> None:
    latin1 = tmp_path / "excel.csv"
    latin1.write_bytes((HEADER + "d1,product_ge\xebvalueerd,2025-01-01\n").encode("latin-1"))
    r = _audit(str(latin1))
    assert r.returncode == 2
    assert f"{latin1}:2: geen UTF-8-tekst; sla het op als UTF-8" in r.stderr


def test_not_utf8_past_the_first_bytes_names_the_engines_line(tmp_path: Path) -> None:
    """Past the 64 KiB looked at first, DuckDB finds it; its line number is kept."""
    rows = "".join(f"d{i},behoefte_bevestigd,2025-01-01\n" for i in range(3000))
    late = tmp_path / "laat.csv"
    late.write_bytes((HEADER + rows + "d9,geëvalueerd,2025-01-02\n").encode("latin-1"))
    r = _audit(str(late))
    assert r.returncode == 2
    assert f"{late}:3002: geen UTF-8-tekst" in r.stderr, r.stderr


def test_gzip_that_is_gzip_is_read(tmp_path: Path) -> None:
    path = tmp_path / "h.csv.gz"
    path.write_bytes(gzip.compress((HEADER + "d1,behoefte_bevestigd,2025-01-01\n").encode()))
    r = _audit(str(path))
    assert r.returncode == 0, r.stderr
    assert "1 bruikbaar" in r.stdout


def test_missing_column_in_dutch(tmp_path: Path) -> None:
    path = tmp_path / "h.csv"
    path.write_text("deal;stage\n1;2\n", encoding="utf-8")
    r = _audit(str(path))
    assert r.returncode == 2
    assert f"{path}: geen kolom 'deal_id' voor deal_id" in r.stderr
    assert "Koppel hem met --columns deal_id=<kolom>" in r.stderr


def test_folder_and_glob_without_files(tmp_path: Path) -> None:
    (tmp_path / "leeg").mkdir()
    r = _audit(str(tmp_path / "leeg"))
    assert r.returncode == 2 and "geen bestanden met geschiedenis" in r.stderr
    r = _audit(str(tmp_path / "*.csv"))
    assert r.returncode == 2 and "passen bij" in r.stderr


def test_header_only(tmp_path: Path) -> None:
    """No rows: no 'as of' time, shown as a dash rather than 'None'."""
    path = tmp_path / "h.csv"
    path.write_text(HEADER, encoding="utf-8")
    r = _audit(str(path))
    assert r.returncode == 0
    assert "None" not in r.stdout and "(peildatum –)" in r.stdout


def test_unreadable_puts_engine_errors_in_words() -> None:
    def msg(text: str, path: str = "h.csv") -> str:
        return str(unreadable(path, RuntimeError(text)))

    assert msg("Invalid Input Error: CSV Error on Line: 7\nInvalid unicode (byte ...)") == (
        "h.csv:7: not UTF-8 text; save it as UTF-8 (in Excel: Save as, 'CSV UTF-8')"
    )
    assert "damaged" in msg("No magic bytes found at end of file 'x.parquet'", "x.parquet")
    assert "no CSV layout" in msg('Invalid Input Error: Error when sniffing file "h.csv".')
    assert msg(
        "Invalid Input Error: CSV Error on Line: 3\nOriginal Line: a,b\n"
        "Expected Number of Columns: 3 Found: 4\nPossible Solution: ..."
    ) == ("h.csv:3: cannot read it as csv: Expected Number of Columns: 3 Found: 4")


def test_check_readable_passes_good_files(tmp_path: Path) -> None:
    good = tmp_path / "h.csv"
    good.write_text(HEADER + "d1,x,2025-01-01\n", encoding="utf-8")
    check_readable(str(good))
    folder = tmp_path / "map.csv"
    folder.mkdir()
    with pytest.raises(AuditError, match="it is a folder"):
        check_readable(str(folder))
