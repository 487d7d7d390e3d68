"""``salesblueprint audit`` on the command line: formats, exit codes, --fail-on, bad input."""

from __future__ import annotations

import json
from pathlib import Path

from salesblueprint.cli import cli
from separate_stderr import runner

from .helpers import write_csv

HEADER = ["deal_id", "stage", "entered_at"]
ROWS = [
    ["d1", "discovery", "2025-01-01"],
    ["d1", "proposal", "2025-01-02"],
    ["d2", "demo", "2025-01-01"],
    ["d3", "", "2025-01-01"],
]


def run(*args: str) -> tuple[int, str, str]:
    r = runner().invoke(cli, ["audit", *args])
    return r.exit_code, r.stdout, r.stderr


def test_json_and_exit_0(bp_path: Path, tmp_path: Path) -> None:
    h = write_csv(tmp_path / "h.csv", ROWS, HEADER)
    code, out, _ = run(str(bp_path), str(h), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["history"]["rows"] == 4
    assert data["history"]["rejected"] == {"missing_value": 1, "bad_timestamp": 0}
    assert data["conformance"]["violations"]["skip"] == 1
    assert data["conformance"]["violations"]["late_entry"] == 1


def test_fail_on(bp_path: Path, tmp_path: Path) -> None:
    h = str(write_csv(tmp_path / "h.csv", ROWS, HEADER))
    assert run(str(bp_path), h, "--fail-on", "backward")[0] == 0
    code, _, err = run(str(bp_path), h, "--fail-on", "backward,skip")
    assert code == 1 and "skip" in err
    assert run(str(bp_path), h, "--fail-on", "rejected")[0] == 1
    code, _, err = run(str(bp_path), h, "--fail-on", "skips")
    assert code == 2 and "did you mean 'skip'" in err


def test_text_markdown_html_to_file(bp_path: Path, tmp_path: Path) -> None:
    h = str(write_csv(tmp_path / "h.csv", ROWS, HEADER))
    code, out, _ = run(str(bp_path), h)
    assert code == 0 and "Conformance: 0 of 1 transitions allowed" in out
    code, out, _ = run(str(bp_path), h, "--format", "markdown")
    assert "| skip | 1 |" in out
    target = tmp_path / "report.html"
    code, out, _ = run(str(bp_path), h, "--format", "html", "-o", str(target))
    assert code == 0 and out == ""
    html = target.read_text(encoding="utf-8")
    assert (
        html.startswith("<!DOCTYPE html>")
        and "<svg" in html
        and "http" not in html.split("<body", 1)[1].replace("http://www.w3.org/2000/svg", "")
    )


def test_bad_input_exit_2(bp_path: Path, tmp_path: Path) -> None:
    h = write_csv(tmp_path / "h.csv", [["d1", "demo", "x"]], ["deal", "stage", "entered_at"])
    code, _, err = run(str(bp_path), str(h))
    assert code == 2 and str(h) in err and "'deal_id'" in err and "deal" in err
    code, _, err = run(str(bp_path), str(tmp_path / "missing.csv"))
    assert code == 2 and "no such history file" in err
    code, _, err = run(str(bp_path), str(tmp_path / "*.parquet"))
    assert code == 2 and "no history files match" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert run(str(bp_path), str(empty))[0] == 2
    garbage = tmp_path / "g.parquet"
    garbage.write_bytes(b"not parquet at all")
    code, _, err = run(str(bp_path), str(garbage))
    assert code == 2 and "g.parquet: not a Parquet file" in err and "Traceback" not in err
    code, _, err = run(str(bp_path), str(h), "--backend", "mysql://me:s3cret@x/db")
    assert code == 2 and "not supported" in err and "s3cret" not in err
    code, _, err = run(str(bp_path), "table:crm.history")
    assert code == 2 and "database backend" in err


def test_blueprint_that_does_not_load_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("salesblueprint: 2\nname: x\n", encoding="utf-8")
    h = write_csv(tmp_path / "h.csv", ROWS, HEADER)
    assert run(str(bad), str(h))[0] == 1
