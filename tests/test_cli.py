"""The command line: exit codes, output formats, file discovery, rule docs and configuration.

Exit codes (the contract): 0 when no finding is an error (with ``--strict``: nor a warning),
1 when one is, 2 for usage errors only. Most tests use ``preset: correctness`` through a config
file, so that they do not depend on which advisory rules exist at the time.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from salesblueprint.api import check_file
from salesblueprint.cli import cli, terminal_text
from salesblueprint.rules.config import read_config
from salesblueprint.rules.registry import load_all, lookup

DATA = Path(__file__).parent / "data"
CONTRACT = DATA / "contract_example.yaml"

GOOD = """\
salesblueprint: 1
name: Acme inbound
teams:
  - id: sales
pipelines:
  - id: deals
    name: Deals
    owner: sales
    stages:
      - id: needs_confirmed
        name: Needs confirmed
        probability: 0.3
        exit_criteria:
          - outcome: Buyer confirmed the budget in a reply to the recap email
            evidence: Email reply logged on the deal
            recorded_in: crm.email
      - id: won
        name: Closed won
        outcome: won
      - id: lost
        name: Closed lost
        outcome: lost
        reasons: [no_budget]
tools:
  - id: crm
    name: Pipedrive
    records: [deal, email]
    system_of_record: [deal, email]
"""

# GOOD plus a lifecycle stage after a terminal one: SB101 unreachable-stage (an error)
UNREACHABLE = GOOD + (
    "lifecycle:\n"
    "  stages:\n"
    "    - id: lead\n"
    "      owner: sales\n"
    "    - id: customer\n"
    "      owner: sales\n"
    "      terminal: true\n"
    "    - id: orphan\n"
    "      owner: sales\n"
    "      terminal: true\n"
)
UNKNOWN_KEY = GOOD.replace("name: Acme inbound\n", "name: Acme inbound\nnmae: typo\n")

CORRECTNESS = "preset: correctness\n"
LINE_RE = re.compile(
    r"^(?P<file>.+?):(?P<line>\d+):(?P<col>\d+): (?P<sev>error|warning|info) "
    r"(?P<code>SB\d{3}) (?P<name>[a-z0-9]+(?:-[a-z0-9]+)*): (?P<msg>.+)$"
)
ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project directory that is the current directory, with no config above it."""
    root = tmp_path / "project"
    root.mkdir()
    monkeypatch.chdir(root)
    return root


def put(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def run(*args: str, env: dict[str, str | None] | None = None) -> Result:
    full_env: dict[str, str | None] = {"GITHUB_ACTIONS": None, "NO_COLOR": None}
    full_env.update(env or {})
    return CliRunner().invoke(cli, list(args), env=full_env)


def codes_in(result: Result) -> set[str]:
    data = json.loads(result.stdout)
    return {f["rule"] for f in data["findings"]}


def assert_usage_error(result: Result, *words: str) -> None:
    assert result.exit_code == 2, result.output
    assert isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert "Error:" in result.output
    for w in words:
        assert w in result.output


def test_the_example_blueprints_are_what_the_tests_assume(project: Path) -> None:
    cfg = read_config(str(put(project / "c.yaml", CORRECTNESS)))
    assert check_file(put(project / "good.yaml", GOOD), cfg) == []
    assert [f.rule for f in check_file(put(project / "u.yaml", UNREACHABLE), cfg)] == ["SB101"]
    assert [f.rule for f in check_file(put(project / "k.yaml", UNKNOWN_KEY), cfg)] == ["SB020"]


# -- exit codes -------------------------------------------------------------------------------
def test_clean_exits_0(project: Path) -> None:
    put(project / ".salesblueprint.yaml", CORRECTNESS)
    put(project / "good.yaml", GOOD)
    r = run("check", "--format", "text", "good.yaml")
    assert r.exit_code == 0, r.output
    assert r.output == "All good: 1 file checked, no findings.\n"


def test_warnings_only_exit_0_and_1_with_strict(project: Path) -> None:
    put(project / ".salesblueprint.yaml", CORRECTNESS + "severity: {unreachable-stage: warning}\n")
    put(project / "u.yaml", UNREACHABLE)
    r = run("check", "--format", "text", "u.yaml")
    assert r.exit_code == 0, r.output
    assert " warning SB101 unreachable-stage: " in r.output
    strict = run("check", "--format", "text", "--strict", "u.yaml")
    assert strict.exit_code == 1, strict.output
    assert strict.output == r.output


def test_info_only_exits_0_even_with_strict(project: Path) -> None:
    put(project / ".salesblueprint.yaml", CORRECTNESS + "severity: {SB101: info}\n")
    put(project / "u.yaml", UNREACHABLE)
    assert run("check", "u.yaml").exit_code == 0
    assert run("check", "--strict", "u.yaml").exit_code == 0


@pytest.mark.parametrize("text", [UNREACHABLE, UNKNOWN_KEY, "- not a blueprint\n", "a: [\n"])
def test_errors_exit_1(project: Path, text: str) -> None:
    put(project / ".salesblueprint.yaml", CORRECTNESS)
    put(project / "bad.yaml", text)
    r = run("check", "bad.yaml")
    assert r.exit_code == 1, r.output
    assert " error SB" in r.output
    assert "Traceback" not in r.output


def test_one_bad_file_among_good_ones_exits_1(project: Path) -> None:
    put(project / ".salesblueprint.yaml", CORRECTNESS)
    put(project / "a.yaml", GOOD)
    put(project / "b.yaml", UNKNOWN_KEY)
    put(project / "c.yaml", GOOD)
    r = run("check", "--format", "json", "a.yaml", "b.yaml", "c.yaml")
    assert r.exit_code == 1
    data = json.loads(r.stdout)
    assert data["files"] == ["a.yaml", "b.yaml", "c.yaml"]
    assert {f["file"] for f in data["findings"]} == {"b.yaml"}


@pytest.mark.parametrize("name", ["contract_example.yaml"])
def test_exit_code_follows_the_findings_with_the_default_config(project: Path, name: str) -> None:
    findings = check_file(DATA / name)
    r = run("check", "--format", "json", str(DATA / name))
    assert r.exit_code == (1 if any(f.severity == "error" for f in findings) else 0)
    assert [f.to_dict() for f in findings] == json.loads(r.stdout)["findings"]


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["check", "missing.yaml"], ["missing.yaml"]),
        (["check"], ["FILES"]),
        (["check", "--bogus", "good.yaml"], ["--bogus"]),
        (["check", "--format", "xml", "good.yaml"], ["xml"]),
        (["check", "nothing/*.yaml"], ["nothing/*.yaml"]),
        (["check", "*.nomatch"], ["*.nomatch"]),
        (["check", "empty_dir"], ["empty_dir"]),
        (["check", "--config", "missing.toml", "good.yaml"], ["missing.toml"]),
        (["check", "--config", "empty_dir", "good.yaml"], ["empty_dir"]),
        (["nope"], ["nope"]),
    ],
)
def test_usage_errors_exit_2(project: Path, args: list[str], words: list[str]) -> None:
    put(project / "good.yaml", GOOD)
    (project / "empty_dir").mkdir()
    assert_usage_error(run(*args), *words)


def test_a_missing_file_is_a_usage_error_even_next_to_good_ones(project: Path) -> None:
    put(project / "good.yaml", GOOD)
    r = run("check", "good.yaml", "missing.yaml")
    assert_usage_error(r, "missing.yaml")
    assert "All good" not in r.output


# -- JSON -------------------------------------------------------------------------------------
FINDING_KEYS = ["rule", "name", "severity", "message", "file", "line", "column", "path"]


def assert_contract_json(doc: Any) -> None:
    assert isinstance(doc, dict)
    assert list(doc) == ["files", "findings", "summary"]
    assert isinstance(doc["files"], list) and all(isinstance(f, str) for f in doc["files"])
    assert list(doc["summary"]) == ["error", "warning", "info"]
    counts = {"error": 0, "warning": 0, "info": 0}
    for f in doc["findings"]:
        r = lookup(f["rule"])
        assert r is not None, f
        if r.norm is not None:
            expected = [*FINDING_KEYS[:2], "norm", *FINDING_KEYS[2:]]
            assert f["norm"] == r.norm
            assert f["norm"] in ("required", "factual", "inspectable", "buyer-centric")
        else:
            expected = FINDING_KEYS
        if "fix" in f:  # what to do about it, last, only when the rule can say
            expected = [*expected, "fix"]
            assert isinstance(f["fix"], str) and f["fix"], f
        assert list(f) == expected, f
        assert f["name"] == r.name
        assert f["severity"] in counts
        assert isinstance(f["message"], str) and f["message"]
        assert f["file"] in doc["files"]
        assert isinstance(f["line"], int) and f["line"] >= 1
        assert isinstance(f["column"], int) and f["column"] >= 1
        assert isinstance(f["path"], str)
        counts[f["severity"]] += 1
    assert doc["summary"] == counts


def test_json_is_the_contract_shape(project: Path) -> None:
    put(project / "bad.yaml", UNKNOWN_KEY)
    r = run("check", "--format", "json", str(CONTRACT), "bad.yaml")
    doc = json.loads(r.stdout)
    assert_contract_json(doc)
    assert doc["files"] == [str(CONTRACT), "bad.yaml"]
    norms = [f for f in doc["findings"] if "norm" in f]
    assert norms, "the contract example has four-norm findings"
    unknown = [f for f in doc["findings"] if f["rule"] == "SB020"]
    assert unknown == [
        {
            "rule": "SB020",
            "name": "unknown-key",
            "severity": "error",
            "message": unknown[0]["message"],
            "file": "bad.yaml",
            "line": 3,
            "column": 1,
            "path": "nmae",
        }
    ]
    assert "'nmae'" in unknown[0]["message"]
    assert "did you mean 'name'" in unknown[0]["message"]


def test_json_with_no_findings(project: Path) -> None:
    put(project / ".salesblueprint.yaml", CORRECTNESS)
    put(project / "good.yaml", GOOD)
    r = run("check", "--format", "json", "good.yaml")
    assert r.exit_code == 0
    assert json.loads(r.stdout) == {
        "files": ["good.yaml"],
        "findings": [],
        "summary": {"error": 0, "warning": 0, "info": 0},
    }


def test_json_for_a_file_that_does_not_load(project: Path) -> None:
    put(project / "broken.yaml", "salesblueprint: 1\nname: [unclosed\n")
    r = run("check", "--format", "json", "broken.yaml")
    assert r.exit_code == 1
    doc = json.loads(r.stdout)
    assert_contract_json(doc)
    assert [f["rule"] for f in doc["findings"]] == ["SB001"]


def test_json_is_byte_identical_across_runs(project: Path) -> None:
    put(project / "bad.yaml", UNKNOWN_KEY)
    args = ("check", "--format", "json", str(CONTRACT), "bad.yaml")
    first, second = run(*args), run(*args)
    assert first.stdout_bytes == second.stdout_bytes
    assert first.stdout_bytes


def test_json_is_byte_identical_across_processes(project: Path) -> None:
    """Two real runs with different hash seeds: no set or dict order leaks into the output."""
    outputs = []
    for seed in ("1", "2"):
        env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}
        env["PYTHONHASHSEED"] = seed
        proc = subprocess.run(
            [sys.executable, "-m", "salesblueprint", "check", "--format", "json", str(CONTRACT)],
            capture_output=True,
            env=env,
            timeout=120,
            check=False,
        )
        assert proc.returncode in (0, 1), proc.stderr
        assert proc.stderr == b""
        outputs.append(proc.stdout)
    assert outputs[0] == outputs[1]
    assert_contract_json(json.loads(outputs[0]))


# -- text ----------------------------------------------------------------------------------------
def test_text_line_format_without_ansi(project: Path) -> None:
    r = run("check", "--format", "text", str(CONTRACT))
    lines = r.output.splitlines()
    assert len(lines) >= 2
    assert "\x1b[" not in r.output
    fixes = [line for line in lines[:-1] if line.startswith("    fix: ")]
    assert fixes, "the contract example has findings with a fix"
    for line in lines[:-1]:
        if line in fixes:
            continue  # a fix, on its own line under its finding
        m = LINE_RE.match(line)
        assert m, line
        assert m["file"] == str(CONTRACT)
        r_ = lookup(m["code"])
        assert r_ is not None and r_.name == m["name"]
    assert re.match(r"^Found (\d+ (error|warning|info)s?(, )?)+ in 1 file\.$", lines[-1])


def test_text_matches_json(project: Path) -> None:
    text = run("check", "--format", "text", str(CONTRACT)).output.splitlines()[:-1]
    doc = json.loads(run("check", "--format", "json", str(CONTRACT)).stdout)
    expected = []
    for f in doc["findings"]:
        expected.append(
            f"{f['file']}:{f['line']}:{f['column']}: {f['severity']} {f['rule']} {f['name']}: "
            f"{f['message']}"
        )
        if "fix" in f:
            expected.append(f"    fix: {f['fix']}")
    assert text == expected


def test_text_is_the_default_format(project: Path) -> None:
    assert (
        run("check", str(CONTRACT)).output == run("check", "--format", "text", str(CONTRACT)).output
    )


def test_color_option_adds_ansi(project: Path) -> None:
    plain = run("check", "--format", "text", str(CONTRACT))
    colored = run("check", "--format", "text", "--color", str(CONTRACT))
    assert "\x1b[" in colored.output
    assert ANSI_RE.sub("", colored.output) == plain.output
    assert colored.exit_code == plain.exit_code
    assert "\x1b[" not in run("check", "--no-color", str(CONTRACT)).output


def test_no_color_on_a_non_tty_even_without_no_color(project: Path) -> None:
    r = run("check", str(CONTRACT), env={"NO_COLOR": None, "TERM": "xterm-256color"})
    assert "\x1b[" not in r.output


@pytest.mark.parametrize(
    "name",
    [
        "Qualified\nbp.yaml:1:1: error SB001 yaml-syntax: forged",
        "Qualified\r\nsecond line",
        "Qualified\rover",
        "\x1b[2JQualified",
        "Qualified\x07\x00",
    ],
    ids=["lf", "crlf", "cr", "escape", "bell-nul"],
)
@pytest.mark.parametrize("color", [False, True])
def test_text_format_is_one_line_per_finding_whatever_the_names(name: str, color: bool) -> None:
    from salesblueprint.diagnostics.findings import Finding
    from salesblueprint.report.text import format_text

    f = Finding(
        "SB232",
        "stage-name-seller-activity",
        "warning",
        f"stage name '{name}' names the seller's activity",
        "bp.yaml",
        7,
        15,
    )
    out = ANSI_RE.sub("", format_text(["bp.yaml"], [f], color))
    lines = out.split("\n")
    assert lines[-1] == ""
    assert len(lines) == 3, out  # the finding, the summary, the final newline
    assert LINE_RE.match(lines[0]), lines[0]
    assert not [c for c in out if c < " " and c != "\n"], repr(out)


# -- file discovery ---------------------------------------------------------------------------
def _tree(root: Path) -> None:
    put(root / "bps" / "a.yaml", GOOD)
    put(root / "bps" / "b.yml", GOOD)
    put(root / "bps" / "notes.yaml", "title: not a blueprint\nitems: [a, b]\n")
    put(root / "bps" / "nested_key.yaml", "config:\n  salesblueprint: 1\n")
    put(root / "bps" / "readme.txt", "salesblueprint: 1\nname: text file\n")
    put(root / "bps" / "sub" / "c.yaml", GOOD)
    put(root / "bps" / ".hidden" / "d.yaml", GOOD)
    put(root / "bps" / "sub" / ".git" / "e.yaml", GOOD)


def files_of(result: Result) -> list[str]:
    return list(json.loads(result.stdout)["files"])


def test_directory_picks_up_blueprint_yaml_only(project: Path) -> None:
    _tree(project)
    put(project / ".salesblueprint.yaml", CORRECTNESS)
    r = run("check", "--format", "json", "bps")
    assert r.exit_code == 0, r.output
    assert files_of(r) == [
        os.path.join("bps", "a.yaml"),
        os.path.join("bps", "b.yml"),
        os.path.join("bps", "sub", "c.yaml"),
    ]


def test_directory_with_crlf_blueprint(project: Path) -> None:
    (project / "bps").mkdir()
    (project / "bps" / "win.yaml").write_bytes(GOOD.replace("\n", "\r\n").encode())
    r = run("check", "--format", "json", "bps")
    assert files_of(r) == [os.path.join("bps", "win.yaml")]


def test_directory_with_bom_blueprint(project: Path) -> None:
    (project / "bps").mkdir()
    (project / "bps" / "bom.yaml").write_bytes(b"\xef\xbb\xbf" + GOOD.encode())
    r = run("check", "--format", "json", "bps")
    assert r.exit_code in (0, 1), r.output
    assert files_of(r) == [os.path.join("bps", "bom.yaml")]


def test_directory_without_blueprints_is_a_usage_error(project: Path) -> None:
    put(project / "docs" / "notes.yaml", "title: x\n")
    assert_usage_error(run("check", "docs"), "docs")


def test_glob(project: Path) -> None:
    _tree(project)
    put(project / ".salesblueprint.yaml", CORRECTNESS)
    r = run("check", "--format", "json", "bps/*.y*ml")
    # a glob names files explicitly: every match is checked, blueprint or not
    assert files_of(r) == [
        "bps/a.yaml",
        "bps/b.yml",
        "bps/nested_key.yaml",
        "bps/notes.yaml",
    ]
    assert r.exit_code == 1  # notes.yaml and nested_key.yaml are not blueprints
    only_a = run("check", "--format", "json", "bps/[a]*.yaml")
    assert files_of(only_a) == ["bps/a.yaml"]
    assert only_a.exit_code == 0


def test_recursive_glob(project: Path) -> None:
    _tree(project)
    r = run("check", "--format", "json", "bps/**/c.yaml")
    assert files_of(r) == ["bps/sub/c.yaml"]


def test_a_file_named_twice_is_checked_once(project: Path) -> None:
    put(project / "good.yaml", GOOD)
    r = run("check", "--format", "json", "good.yaml", "good.yaml", "*.yaml")
    assert files_of(r) == ["good.yaml"]


def test_an_explicit_non_yaml_file_is_checked(project: Path) -> None:
    put(project / ".salesblueprint.yaml", CORRECTNESS)
    put(project / "bp.txt", GOOD)
    r = run("check", "--format", "json", "bp.txt")
    assert r.exit_code == 0
    assert files_of(r) == ["bp.txt"]


# -- rules and rule ----------------------------------------------------------------------------
def test_rules_lists_every_registered_rule() -> None:
    r = run("rules")
    assert r.exit_code == 0
    lines = r.output.splitlines()
    listed = [line.split()[0] for line in lines]
    assert listed == sorted(load_all())
    for line in lines:
        code, name = line.split()[:2]
        rule = lookup(code)
        assert rule is not None
        assert name == rule.name
        assert terminal_text(rule.summary) in line


def test_rules_json() -> None:
    r = run("rules", "--format", "json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert [d["code"] for d in data] == sorted(load_all())
    for d in data:
        rule = load_all()[d["code"]]
        assert d == {
            "code": rule.code,
            "name": rule.name,
            "group": rule.group,
            "severity": rule.severity,
            "preset": rule.preset,
            "norm": rule.norm,
            "summary": rule.summary,
        }
        assert d["summary"]


@pytest.mark.parametrize("key", ["SB101", "sb101", "unreachable-stage", "Unreachable-Stage"])
def test_rule_prints_the_docs(key: str) -> None:
    rule = lookup("SB101")
    assert rule is not None
    r = run("rule", key)
    assert r.exit_code == 0, r.output
    assert r.output.startswith("# SB101 unreachable-stage\n")
    assert terminal_text(rule.doc) in r.output
    assert "## What it does" in r.output
    assert "Default severity: error" in r.output


def test_rule_by_code_and_by_name_agree() -> None:
    assert run("rule", "SB202").output == run("rule", "stage-without-exit-criteria").output


def test_every_rule_has_docs() -> None:
    for code, rule in load_all().items():
        r = run("rule", code)
        assert r.exit_code == 0, code
        assert terminal_text(rule.summary) in r.output
        if rule.norm:
            assert f"Norm: {rule.norm}." in r.output


def test_unknown_rule_exits_2() -> None:
    assert_usage_error(run("rule", "nope"), "no rule 'nope'")


@pytest.mark.parametrize(
    ("key", "suggestion"),
    [
        ("unreachable-stag", "unreachable-stage"),
        ("dead-end", "dead-end-stage"),
        ("unreachable_stage", "unreachable-stage"),
    ],
)
def test_unknown_rule_did_you_mean(key: str, suggestion: str) -> None:
    assert_usage_error(run("rule", key), f"did you mean '{suggestion}'")


# -- configuration ----------------------------------------------------------------------------
def _pyproject(body: str) -> str:
    return '[project]\nname = "x"\n\n[tool.salesblueprint]\n' + body


def test_pyproject_found_from_the_current_directory(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(project / "pyproject.toml", _pyproject('preset = "correctness"\nignore = ["SB101"]\n'))
    put(project / "sub" / "deeper" / "u.yaml", UNREACHABLE)
    monkeypatch.chdir(project / "sub" / "deeper")
    r = run("check", "--format", "json", "u.yaml")
    assert r.exit_code == 0, r.output
    assert codes_in(r) == set()


def test_pyproject_severity_by_name(project: Path) -> None:
    put(
        project / "pyproject.toml",
        _pyproject('preset = "correctness"\n\n[tool.salesblueprint.severity]\n')
        + 'unreachable-stage = "warning"\n',
    )
    put(project / "u.yaml", UNREACHABLE)
    r = run("check", "--format", "json", "u.yaml")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert [(f["rule"], f["severity"]) for f in doc["findings"]] == [("SB101", "warning")]
    assert run("check", "--strict", "u.yaml").exit_code == 1


def test_pyproject_severity_off(project: Path) -> None:
    put(
        project / "pyproject.toml",
        _pyproject('preset = "correctness"\nseverity = {SB101 = "off"}\n'),
    )
    put(project / "u.yaml", UNREACHABLE)
    assert run("check", "u.yaml").exit_code == 0


def test_preset_correctness(project: Path) -> None:
    put(project / "u.yaml", UNREACHABLE)
    default = run("check", "--format", "json", "u.yaml")
    advisory = {c for c in codes_in(default) if load_all()[c].preset == "recommended"}
    assert advisory, "the recommended preset reports advisory rules on this blueprint"
    put(project / "pyproject.toml", _pyproject('preset = "correctness"\n'))
    r = run("check", "--format", "json", "u.yaml")
    assert r.exit_code == 1
    assert codes_in(r) == {"SB101"}
    assert all(load_all()[c].preset == "correctness" for c in codes_in(r))


def test_ignore_without_preset(project: Path) -> None:
    put(project / "u.yaml", UNREACHABLE)
    before = codes_in(run("check", "--format", "json", "u.yaml"))
    assert "SB101" in before
    put(project / ".salesblueprint.yaml", "ignore: [unreachable-stage]\n")
    after = codes_in(run("check", "--format", "json", "u.yaml"))
    assert after == before - {"SB101"}


def test_pyproject_without_section_is_skipped(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    put(project / "pyproject.toml", _pyproject('preset = "correctness"\n'))
    put(project / "pkg" / "pyproject.toml", '[project]\nname = "pkg"\n')
    put(project / "pkg" / "u.yaml", UNREACHABLE)
    monkeypatch.chdir(project / "pkg")
    assert codes_in(run("check", "--format", "json", "u.yaml")) == {"SB101"}


def test_dot_salesblueprint_yaml_wins_over_pyproject_in_the_same_directory(project: Path) -> None:
    put(project / "pyproject.toml", _pyproject('preset = "correctness"\n'))
    put(project / ".salesblueprint.yaml", "preset: correctness\nignore: [SB101]\n")
    put(project / "u.yaml", UNREACHABLE)
    assert codes_in(run("check", "--format", "json", "u.yaml")) == set()


def test_nearest_config_wins(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    put(project / ".salesblueprint.yaml", "preset: correctness\nignore: [SB101]\n")
    put(project / "team" / ".salesblueprint.yml", CORRECTNESS)
    put(project / "team" / "u.yaml", UNREACHABLE)
    monkeypatch.chdir(project / "team")
    assert codes_in(run("check", "--format", "json", "u.yaml")) == {"SB101"}


def test_config_option(project: Path) -> None:
    put(project / ".salesblueprint.yaml", CORRECTNESS)  # discovered, but --config wins
    put(
        project / "conf" / "strict.toml", _pyproject('preset = "correctness"\nignore = ["SB101"]\n')
    )
    put(project / "conf" / "other.yaml", "preset: correctness\nseverity: {SB101: info}\n")
    put(project / "u.yaml", UNREACHABLE)
    assert codes_in(run("check", "--format", "json", "u.yaml")) == {"SB101"}
    r = run("check", "--format", "json", "--config", "conf/strict.toml", "u.yaml")
    assert (r.exit_code, codes_in(r)) == (0, set())
    r = run("check", "--format", "json", "--config", "conf/other.yaml", "u.yaml")
    assert r.exit_code == 0
    assert [f["severity"] for f in json.loads(r.stdout)["findings"]] == ["info"]


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("pyproject.toml", _pyproject('preset = "everything"\n'), ["preset"]),
        ("pyproject.toml", _pyproject("bogus = 1\n"), ["bogus"]),
        ("pyproject.toml", _pyproject('ignore = "SB101"\n'), ["ignore"]),
        ("pyproject.toml", _pyproject('ignore = ["no-such-rule"]\n'), ["no-such-rule"]),
        ("pyproject.toml", _pyproject('severity = {SB101 = "loud"}\n'), ["SB101"]),
        ("pyproject.toml", _pyproject('severity = {SB999 = "error"}\n'), ["SB999"]),
        ("pyproject.toml", _pyproject("ignore = [\n"), ["pyproject.toml"]),
        (".salesblueprint.yaml", "- a list\n", ["mapping"]),
        (".salesblueprint.yaml", "ignore: [SB101\n", ["invalid YAML"]),
        (".salesblueprint.yaml", "preset: [x]\n", ["preset"]),
        (".salesblueprint.yaml", "severity: [SB101]\n", ["severity"]),
        (".salesblueprint.yaml", "x: !!python/object/apply:os.system [echo hi]\n", ["YAML"]),
        (".salesblueprint.yaml", "vocabulary: {xx: {}}\n", ["xx"]),
    ],
)
def test_invalid_config_exits_2(project: Path, name: str, content: str, words: list[str]) -> None:
    put(project / name, content)
    put(project / "good.yaml", GOOD)
    r = run("check", "good.yaml")
    assert_usage_error(r, name, *words)


def test_invalid_config_given_with_the_option_exits_2(project: Path) -> None:
    put(project / "bad.yaml", "preset: nope\n")
    put(project / "good.yaml", GOOD)
    assert_usage_error(run("check", "--config", "bad.yaml", "good.yaml"), "bad.yaml", "preset")


@pytest.mark.parametrize(
    "config",
    [
        "ignore: [SB020]\n",
        "severity: {unknown-key: warning}\n",
        "severity: {SB020: 'off'}\n",
    ],
)
def test_config_for_load_codes_is_not_silently_ignored(project: Path, config: str) -> None:
    put(project / "k.yaml", UNKNOWN_KEY)
    without = run("check", "--format", "json", "k.yaml")
    put(project / ".salesblueprint.yaml", config)
    with_config = run("check", "--format", "json", "k.yaml")
    # either the setting is refused (a usage error naming it), or it has an effect
    if with_config.exit_code == 2:
        assert_usage_error(with_config, ".salesblueprint.yaml")
    else:
        assert with_config.stdout != without.stdout


def test_toml_config_whose_tool_is_not_a_table(project: Path) -> None:
    put(project / "odd.toml", "tool = 5\n")
    put(project / "good.yaml", GOOD)
    assert_usage_error(run("check", "--config", "odd.toml", "good.yaml"), "odd.toml")


# -- a real process ---------------------------------------------------------------------------
def test_python_dash_m_salesblueprint(project: Path) -> None:
    put(project / ".salesblueprint.yaml", CORRECTNESS)
    put(project / "good.yaml", GOOD)
    put(project / "bad.yaml", UNKNOWN_KEY)
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "NO_COLOR")}

    def sb(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "salesblueprint", *args],
            capture_output=True,
            text=True,
            cwd=project,
            env=env,
            timeout=120,
            check=False,
        )

    ok = sb("check", "good.yaml")
    assert (ok.returncode, ok.stdout, ok.stderr) == (
        0,
        "All good: 1 file checked, no findings.\n",
        "",
    )
    bad = sb("check", "good.yaml", "bad.yaml")
    assert bad.returncode == 1
    assert "\x1b[" not in bad.stdout  # stdout is a pipe, not a terminal
    assert bad.stdout.splitlines()[0].startswith("bad.yaml:3:1: error SB020 unknown-key: ")
    usage = sb("check", "missing.yaml")
    assert usage.returncode == 2
    assert "missing.yaml" in usage.stderr
    assert "Traceback" not in usage.stderr + usage.stdout


def test_render_findings_honours_the_project_config(project: Path) -> None:
    """``render --findings`` colours what ``check`` reports with the same configuration."""
    put(project / "u.yaml", UNREACHABLE)
    plain = run("render", "--format", "dot", "--view", "lifecycle", "u.yaml")
    coloured = run("render", "--format", "dot", "--view", "lifecycle", "--findings", "u.yaml")
    assert plain.exit_code == 0 and coloured.exit_code == 0, coloured.output
    assert plain.stdout != coloured.stdout, "advisory findings colour stages by default"

    # with every rule that finds something here switched off, check reports nothing ...
    put(project / "pyproject.toml", _pyproject('preset = "correctness"\nignore = ["SB101"]\n'))
    assert codes_in(run("check", "--format", "json", "u.yaml")) == set()
    # ... and render --findings colours nothing
    r = run("render", "--format", "dot", "--view", "lifecycle", "--findings", "u.yaml")
    assert r.exit_code == 0, r.output
    assert "no findings on any stage" in r.stdout
    assert "no findings on any stage" not in coloured.stdout
    # --config names another configuration
    put(project / "all.yaml", "preset: recommended\n")
    r = run(
        "render",
        "--format",
        "dot",
        "--view",
        "lifecycle",
        "--findings",
        "u.yaml",
        "--config",
        "all.yaml",
    )
    assert r.stdout == coloured.stdout


# -- check - : the blueprint on standard input (pre-commit, editors) ---------------------------
def test_check_reads_standard_input_as_stdin(project: Path) -> None:
    on_disk = json.loads(
        run("check", "--format", "json", str(put(project / "bp.yaml", UNKNOWN_KEY))).stdout
    )
    piped = CliRunner().invoke(
        cli, ["check", "--format", "json", "-"], input=UNKNOWN_KEY, env={"GITHUB_ACTIONS": None}
    )
    assert piped.exit_code == 1, piped.output
    data = json.loads(piped.stdout)
    assert data["files"] == ["<stdin>"]
    assert {f["file"] for f in data["findings"]} == {"<stdin>"}
    strip = [{**f, "file": ""} for f in data["findings"]]
    assert strip == [{**f, "file": ""} for f in on_disk["findings"]]
    text = CliRunner().invoke(cli, ["check", "-", str(project / "bp.yaml")], input=GOOD).stdout
    assert "<stdin>:" in text and f"{project / 'bp.yaml'}:" in text
    assert text.rstrip().endswith(" in 2 files.")


def test_check_dash_in_a_real_pipe() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "salesblueprint", "check", "-"],
        input=UNKNOWN_KEY.encode(),
        capture_output=True,
        timeout=60,
    )
    assert proc.returncode == 1, proc.stderr
    assert proc.stdout.decode().startswith("<stdin>:3:1: error SB020 unknown-key")
    assert b"Traceback" not in proc.stderr
