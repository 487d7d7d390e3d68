"""Faults found by fuzzing (issue 9, section 5): each ends in findings with a line and a column
(exit 1) or a clear usage error (exit 2), never a traceback, a hang or unbounded memory.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import salesblueprint
from salesblueprint.api import check_file
from salesblueprint.diagnostics.findings import Finding, cap_per_code
from salesblueprint.loading.yaml_reader import Limits
from salesblueprint.model.load import load_bytes, validate_data
from salesblueprint.model.types import duration_seconds

ROOT = Path(__file__).resolve().parent.parent
STARTUP = (ROOT / "examples" / "startup-lead-process.blueprint.yaml").read_text(encoding="utf-8")


def run(
    *args: str, cwd: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """The real command line, in a child process (a hang fails the test, not the suite)."""
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)
    return subprocess.run(
        [sys.executable, "-m", "salesblueprint", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=timeout,
        check=False,
    )


def assert_clean_exit(proc: subprocess.CompletedProcess[str], code: int) -> None:
    out = proc.stdout + proc.stderr
    assert proc.returncode == code, out
    assert "Traceback" not in out and "internal error" not in out, out


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


# -- numbers and durations ----------------------------------------------------------------------
HUGE_DAYS = "9" * 400 + "d"


@pytest.mark.parametrize(
    "value",
    [HUGE_DAYS, "9" * 30 + "w", "P" + "9" * 5000 + "D", "PT" + "9" * 20 + "S", "521w", "3651d"],
)
def test_huge_duration_is_a_finding_at_its_line(write, value: str) -> None:  # type: ignore[no-untyped-def]
    text = STARTUP.replace("follow_up_within: 2d", f"follow_up_within: {value}")
    p = write(text)
    [f] = check_file(p)
    assert (f.rule, f.line, f.column) == ("SB022", line_of(text, "follow_up_within"), 23)
    assert "too long" in f.message and len(f.message) < 200
    with pytest.raises(salesblueprint.BlueprintError):
        salesblueprint.load(p)
    assert_clean_exit(run("check", str(p)), 1)


def test_duration_bounds() -> None:
    assert duration_seconds("520w") == 520 * 604800
    assert duration_seconds("PT24H") == 86400
    for bad in ("521w", HUGE_DAYS, "P99999999999W", "1e999d", "nan", "inf"):
        with pytest.raises(ValueError):
            duration_seconds(bad)


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("revenue: 20000", "revenue: 1e999", "revenue"),
        ("revenue: 20000", "revenue: -1e999", "revenue"),
        ("revenue: 20000", "revenue: 1e16", "revenue"),
        ("revenue: 20000", "revenue: " + "9" * 5000, "revenue"),
        ("average_deal_size: 2500", "average_deal_size: 1e309", "average_deal_size"),
        ("probability: 0.3", "probability: 1e999", "probability: 1e999"),
        ("conversion_rate: 0.1", "conversion_rate: -1e400", "conversion_rate: -1e400"),
    ],
)
def test_numbers_must_be_finite_and_in_range(write, old: str, new: str, needle: str) -> None:  # type: ignore[no-untyped-def]
    text = STARTUP.replace(old, new, 1)
    assert text != STARTUP
    p = write(text)
    [f] = check_file(p)
    assert (f.rule, f.line) == ("SB022", line_of(text, needle)), f
    assert f.column is not None and f.column > 1
    assert len(f.message) < 200
    for args in (("check", str(p)), ("funnel", str(p)), ("render", str(p), "--format", "dot")):
        assert_clean_exit(run(*args), 1)


def test_python_api_numbers_must_be_finite() -> None:
    for bad in (float("inf"), float("nan"), -float("inf"), 10**20):
        r = validate_data(
            {
                "salesblueprint": 1,
                "name": "x",
                "sla": {"targets": {"period": "month", "revenue": bad}},
            }
        )
        assert r.blueprint is None
        assert [f.rule for f in r.findings] == ["SB022"], r.findings


def test_diff_json_is_strict_json_when_a_side_has_an_infinite_number(tmp_path: Path) -> None:
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text(STARTUP, encoding="utf-8")
    new.write_text(STARTUP.replace("revenue: 20000", "revenue: 1e999"), encoding="utf-8")
    proc = run("diff", str(old), str(new), "--format", "json")
    assert_clean_exit(proc, 1)

    def no_constants(name: str) -> None:
        raise AssertionError(f"{name} in JSON output")

    doc = json.loads(proc.stdout, parse_constant=no_constants)
    [f] = doc["errors"][str(new)]["findings"]
    assert f["rule"] == "SB022" and f["line"] == line_of(STARTUP, "revenue:")


def test_json_output_refuses_nan() -> None:
    from salesblueprint.report.json import format_json

    f = Finding("SB022", "invalid-value", "error", "x", line=1, column=1)
    assert json.loads(format_json(["a"], [f]))["findings"][0]["line"] == 1
    with pytest.raises(ValueError):
        format_json([float("nan")], [f])  # type: ignore[list-item]


# -- unbounded findings -------------------------------------------------------------------------
def many_keys(n: int) -> bytes:
    return ("salesblueprint: 1\nname: x\n" + "".join(f"k{i}: 1\n" for i in range(n))).encode()


def test_findings_are_capped_per_code_with_a_closing_finding() -> None:
    r = load_bytes(many_keys(5000), "bp.yaml")
    unknown = [f for f in r.findings if f.rule == "SB020"]
    assert len(unknown) == 51
    last = unknown[-1]
    assert last.message.startswith("… and 4,950 more unknown-key findings")
    assert (last.line, last.column) == (53, 1)  # the first key not shown: k50 on line 53
    assert all(f.line == i + 3 for i, f in enumerate(unknown[:50]))


def test_unknown_references_are_capped_and_cheap() -> None:
    stages = "".join(f"    - {{id: s_{i}, owner: nobody_{i}}}\n" for i in range(3000))
    text = f"salesblueprint: 1\nname: x\nteams: [{{id: sales}}]\nlifecycle:\n  stages:\n{stages}"
    r = load_bytes(text.encode(), "bp.yaml")
    assert len(r.findings) == 51
    assert r.findings[-1].message.startswith("… and 2,950 more unknown-reference findings")


def test_capping_twice_keeps_the_count() -> None:
    fs = [Finding("SB020", "x", "error", f"m{i}", "f", i + 1, 1) for i in range(80)]
    once = cap_per_code(fs)
    assert cap_per_code(once) == once
    assert once[-1].message.startswith("… and 30 more x findings")


def test_cli_check_caps_rule_findings_but_the_library_does_not(tmp_path: Path) -> None:
    stages = "".join(f"    - {{id: s_{i}, name: S {i}}}\n" for i in range(80))
    p = tmp_path / "bp.yaml"
    p.write_text(f"salesblueprint: 1\nname: x\nlifecycle:\n  stages:\n{stages}", "utf-8")
    everything = check_file(p)
    per_rule = {r: sum(f.rule == r for f in everything) for r in {f.rule for f in everything}}
    over = [r for r, n in per_rule.items() if n > 50]
    assert over, per_rule
    proc = run("check", "--format", "json", str(p))
    assert_clean_exit(proc, 0)  # warnings only
    shown = json.loads(proc.stdout)["findings"]
    for r in over:
        mine = [f for f in shown if f["rule"] == r]
        assert len(mine) == 51
        assert f"… and {per_rule[r] - 50} more" in mine[-1]["message"]


def test_rule_findings_are_capped_per_code() -> None:
    fs = [Finding("SB501", "x", "warning", f"m{i}", "f", i + 1, 1) for i in range(120)]
    fs += [Finding("SB501", "x", "warning", "other file", "g", 1, 1)]
    capped = cap_per_code(fs)
    assert len(capped) == 52
    assert capped[-1].message.startswith("… and 70 more x findings")
    assert (capped[-1].file, capped[-1].line) == ("f", 51)


def test_summary_counts_the_findings_a_cap_hides() -> None:
    from salesblueprint.report.json import format_json
    from salesblueprint.report.text import format_text

    fs = [Finding("SB501", "x", "warning", f"m{i}", "f", i + 1, 1) for i in range(120)]
    fs.append(Finding("SB020", "y", "error", "bad", "f", 200, 1))
    capped = cap_per_code(fs)
    assert len(capped) == 52
    assert format_text(["f", "g"], capped).endswith(
        "Found 1 error, 120 warnings in 1 of 2 files.\n"
    )
    summary = json.loads(format_json(["f"], capped))["summary"]
    assert summary == {"error": 1, "warning": 120, "info": 0}
    assert cap_per_code(capped)[-1].more == 70  # capping again keeps what it stands for


def test_cli_summary_counts_the_loaders_capped_findings(tmp_path: Path) -> None:
    p = tmp_path / "bp.yaml"
    p.write_bytes(many_keys(300))
    proc = run("check", "--format", "json", str(p))
    assert_clean_exit(proc, 1)
    data = json.loads(proc.stdout)
    assert sum(f["rule"] == "SB020" for f in data["findings"]) == 51
    assert data["summary"]["error"] >= 300
    text = run("check", str(p)).stdout
    assert f"Found {data['summary']['error']} errors" in text


def test_node_limit_stops_reading_at_the_node_over_it() -> None:
    r = load_bytes(many_keys(100), "bp.yaml", Limits(max_nodes=50))
    [f] = r.findings
    assert f.rule == "SB006" and "more than 50 keys" in f.message
    # the top mapping, 4 nodes on the first two lines, 2 on each next: node 51 is line 25's value
    assert (f.line, f.column) == (25, 6)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/status")
@pytest.mark.parametrize("n", [1_000_000, 3_000_000])
def test_huge_files_of_keys_stay_small_and_fast(tmp_path: Path, n: int) -> None:
    # both files go over the 1,000,000-node limit at the same node; the larger one costs only
    # its bytes more (the file is read whole, up to the 64 MiB size limit)
    p = tmp_path / "keys.yaml"
    p.write_bytes(many_keys(n))
    # peak RSS of this process alone: VmHWM (ru_maxrss can carry the forking parent's peak
    # over exec, and the parent here is a pytest run of hundreds of MB)
    code = (
        "import re, sys\n"
        "from salesblueprint.api import check_file\n"
        "fs = check_file(sys.argv[1])\n"
        "print(len(fs), fs[0].rule, fs[0].line)\n"
        "status = open('/proc/self/status').read()\n"
        "print(re.search(r'VmHWM:\\s*(\\d+)', status).group(1))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(p)], capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr
    counts, rss = proc.stdout.splitlines()
    assert counts == "1 SB006 500000"
    assert int(rss) < 400_000, f"peak RSS {int(rss) // 1024} MiB"  # VmHWM is in KiB


# -- FIFOs and other files that are not regular ------------------------------------------------
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")


@needs_fifo
@pytest.mark.parametrize(
    "args",
    [
        ("check", "{fifo}"),
        ("check", "--format", "json", "{fifo}"),
        ("render", "{fifo}", "--format", "dot"),
        ("funnel", "{fifo}"),
        ("diff", "{fifo}", "{good}"),
        ("diff", "{good}", "{fifo}", "--format", "json"),
    ],
)
def test_a_fifo_named_explicitly_is_a_finding_not_a_hang(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    good = tmp_path / "good.yaml"
    good.write_text(STARTUP, encoding="utf-8")
    proc = run(*(a.format(fifo=fifo, good=good) for a in args), timeout=30)
    assert_clean_exit(proc, 1)
    assert "it is a FIFO; only regular files are read" in proc.stdout
    assert "SB011" in proc.stdout


@needs_fifo
def test_a_directory_scan_skips_and_reports_a_fifo(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "good.yaml").write_text(STARTUP, encoding="utf-8")
    proc = run("check", str(tmp_path), timeout=30)
    assert_clean_exit(proc, 0)
    assert "1 file checked" in proc.stdout
    assert f"skipped {tmp_path / 'pipe.yaml'}: it is a FIFO, not a regular file" in proc.stderr
    os.remove(tmp_path / "good.yaml")
    proc = run("check", str(tmp_path), timeout=30)
    assert_clean_exit(proc, 2)
    assert "no blueprint files" in proc.stderr


@needs_fifo
def test_a_fifo_as_config_is_a_usage_error(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "config.yaml")
    (tmp_path / "good.yaml").write_text(STARTUP, encoding="utf-8")
    proc = run("check", "--config", str(tmp_path / "config.yaml"), str(tmp_path / "good.yaml"))
    assert_clean_exit(proc, 2)
    assert "it is a FIFO" in proc.stderr


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero")
def test_a_device_is_a_finding() -> None:
    [f] = check_file("/dev/zero")
    assert (f.rule, f.line, f.column) == ("SB011", 1, 1)
    assert "it is a character device" in f.message


def test_a_directory_given_to_the_loader_is_a_finding(tmp_path: Path) -> None:
    [f] = check_file(tmp_path)
    assert f.rule == "SB011" and "it is a directory" in f.message


# -- control characters on the way into a diagram ----------------------------------------------
HOSTILE_NAME = '"Sa\\x01les\\e]0;pwn\\a\\u202e\\u2028x"'  # YAML escapes: SOH, ESC ... BEL, RLO, LS


def test_diagram_ir_cleans_every_text_it_is_given() -> None:
    from salesblueprint.diagrams.ir import Diagram, Edge, Group, LegendItem, Line, Node

    dirty = "a\x01b\x1b]0;t\x07\u202ec\u2028d" + "x" * 1000
    texts = [
        Line(dirty).text,
        Node("n0", dirty, key=dirty).title,
        Node("n0", "t", key=dirty).key,
        Node("n0", "t", tooltip=(dirty,)).tooltip[0],
        Edge("n0", "n1", "forward", dirty).label,
        Group("g0", dirty, "lane").title,
        LegendItem("won", dirty).text,
        Diagram(dirty, "lifecycle", subtitle=dirty).title,
        Diagram("t", "lifecycle", subtitle=dirty).subtitle,
    ]
    for t in texts:
        assert t.startswith("a b ]0;t c d") and t.isprintable() and len(t) <= 300, repr(t)


@pytest.mark.parametrize("view", ["pipeline", "lifecycle", "tools", "blueprint"])
def test_control_characters_in_a_team_name_render_and_write_only_the_output(
    tmp_path: Path, view: str
) -> None:
    from salesblueprint.diagrams import LayoutError, render

    text = STARTUP.replace("    name: Sales\n", f"    name: {HOSTILE_NAME}\n", 1)
    assert text != STARTUP
    src = tmp_path / "bp.yaml"
    src.write_text(text, encoding="utf-8")
    bp = salesblueprint.load(src)
    for fmt in ("dot", "mermaid"):
        out = render(bp, view=view, format=fmt)
        assert isinstance(out, str)
        assert all(c.isprintable() or c in "\n\t" for c in out), fmt
    try:
        render(bp, view=view, format="svg")
    except LayoutError as e:  # no Graphviz here: not this test's concern
        assert "no Graphviz" in str(e) or "not well-formed" not in str(e), e
    out = tmp_path / "out.svg"
    proc = run("render", str(src), "--view", view, "-o", str(out))
    assert "Traceback" not in proc.stderr and "not well-formed" not in proc.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == (
        ["bp.yaml", "out.svg"] if proc.returncode == 0 else ["bp.yaml"]
    )


# -- git revisions that look like options ------------------------------------------------------
@pytest.mark.parametrize(
    "args",
    [
        ("diff", "--git", "--output={out}", "bp.yaml"),
        ("diff", "--git=--output={out}", "bp.yaml"),
        ("diff", "--", "--output={out}:bp.yaml", "bp.yaml"),
        ("diff", "bp.yaml", "--", "-p:bp.yaml"),
    ],
)
def test_option_shaped_revisions_are_usage_errors(tmp_path: Path, args: tuple[str, ...]) -> None:
    (tmp_path / "bp.yaml").write_text(STARTUP, encoding="utf-8")
    out = tmp_path / "written"
    proc = run(*(a.format(out=out) for a in args), cwd=tmp_path)
    assert_clean_exit(proc, 2)
    assert "cannot start with '-'" in proc.stderr
    assert not out.exists()


def test_git_show_refuses_an_option_and_ends_options(monkeypatch: pytest.MonkeyPatch) -> None:
    from salesblueprint.diff import compare as diff

    with pytest.raises(diff.SideError, match="not a git revision"):
        diff._git_show("--output=/tmp/x:bp.yaml")
    calls: list[list[str]] = []

    def fake_run(cmd: list[str], **kw: object) -> subprocess.CompletedProcess[bytes]:
        calls.append(cmd)
        return subprocess.CompletedProcess(cmd, 0, b"salesblueprint: 1\n", b"")

    monkeypatch.setattr(subprocess, "run", fake_run)
    diff._git_show("HEAD~1:bp.yaml")
    [cmd] = calls
    assert cmd[cmd.index("show") + 1] == "--end-of-options"
    assert cmd[-1] == "HEAD~1:./bp.yaml"


# -- terminal escapes in names -----------------------------------------------------------------
ESCAPES = ("\x1b]0;pwned\x07", "\x1b[31m", "\x9b", "\u202e", "\r")


def assert_no_raw_escapes(out: str) -> None:
    for e in ESCAPES:
        assert e not in out, repr(e)
    assert all(c.isprintable() or c == "\n" for c in out), repr(out)


def test_github_format_escapes_terminal_escapes() -> None:
    from salesblueprint.report.github import format_github

    f = Finding(
        "SB024",
        "unknown-reference",
        "error",
        "owner 'x\x1b]0;pwned\x07\x9b\u202e' is not a team\r\nnext",
        "b\x1b[31mp.yaml",
        3,
        4,
    )
    out = format_github(["bp.yaml"], [f])
    assert_no_raw_escapes(out)
    assert "owner 'x\\x1b]0;pwned\\x07\\x9b\\u202e' is not a team%0D%0Anext" in out


def test_check_github_end_to_end_escapes_a_name(write) -> None:  # type: ignore[no-untyped-def]
    p = write(STARTUP.replace("owner: sales\n", 'owner: "sa\\e]0;pwned\\a"\n', 1))
    proc = run("check", "--format", "github", str(p))
    assert_clean_exit(proc, 1)
    assert "\\x1b]0;pwned\\x07" in proc.stdout
    assert_no_raw_escapes(proc.stdout)


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_diff_escapes_terminal_escapes_in_names(tmp_path: Path, fmt: str) -> None:
    old = tmp_path / "old.yaml"
    new = tmp_path / "new.yaml"
    old.write_text(STARTUP, encoding="utf-8")
    hostile = STARTUP.replace("    name: Sales\n", '    name: "Sales\\e]0;pwned\\a\\x9b"\n', 1)
    new.write_text(hostile.replace("name: Kicked off", 'name: "Kick\\e[31med\\u202e"'), "utf-8")
    proc = run("diff", str(old), str(new), "--format", fmt)
    assert_clean_exit(proc, 0)
    assert_no_raw_escapes(proc.stdout)
    if fmt != "json":  # markdown escapes the ']' as well
        assert (
            "Sales\\x1b]0;pwned\\x07\\x9b".replace("]", "\\]" if fmt == "markdown" else "]")
            in proc.stdout
        )
    # a side that does not load: its findings are escaped too
    new.write_text(STARTUP.replace("owner: sales\n", 'owner: "sa\\e]0;x\\a"\n', 1), "utf-8")
    proc = run("diff", str(old), str(new), "--format", fmt)
    assert_clean_exit(proc, 1)
    assert_no_raw_escapes(proc.stdout)
    assert "\\n" not in proc.stdout  # a finding's fix keeps its own line


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_funnel_escapes_terminal_escapes_in_names(write, fmt: str) -> None:  # type: ignore[no-untyped-def]
    text = STARTUP.replace("name: Lead\n", 'name: "Le\\e]0;pwned\\aad\\u202e"\n', 1)
    text = text.replace("\nname: Startup lead process", '\nname: "Startup\\e[2J"', 1)
    assert text.count("\\e") == 2
    proc = run("funnel", str(write(text)), "--format", fmt)
    assert_clean_exit(proc, 0)
    assert_no_raw_escapes(proc.stdout)
    if fmt != "json":
        assert "Startup\\x1b[2J" in proc.stdout.replace("\\[", "[")
