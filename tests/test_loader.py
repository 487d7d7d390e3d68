"""The loader's guards: every hostile or broken file gives one clear finding, never an exception.

Each guard is checked for its code, line and column, and for doing nothing else: no tag is
ever constructed, no alias bomb is expanded, no deep nesting reaches the parser's recursion,
no oversized file is read into memory, and no YAML 1.1 typing changes the text a user wrote.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

import salesblueprint
from salesblueprint.api import check_file
from salesblueprint.diagnostics.findings import Finding
from salesblueprint.loading.yaml_reader import Limits, PosDict, PosList, read_yaml
from salesblueprint.model.load import LoadResult, load_bytes, load_file

HEAD = "salesblueprint: 1\nname: Acme\n"


def load_text(text: str, limits: Limits | None = None) -> LoadResult:
    data = text.encode("utf-8")
    return load_bytes(data, "bp.yaml", limits) if limits else load_bytes(data, "bp.yaml")


def only(findings: Sequence[Finding]) -> Finding:
    """The single finding; fails with all of them listed when there is not exactly one."""
    assert len(findings) == 1, "\n".join(map(str, findings)) or "no findings"
    return findings[0]


def assert_one(result: LoadResult, code: str, line: int, column: int) -> Finding:
    f = only(result.findings)
    assert (f.rule, f.line, f.column) == (code, line, column), str(f)
    assert f.severity == "error"
    assert f.file == "bp.yaml"
    assert f.message
    assert result.blueprint is None
    return f


# -- duplicate keys -------------------------------------------------------------------------
def test_duplicate_top_level_key() -> None:
    f = assert_one(load_text(HEAD + "name: Other\n"), "SB002", 3, 1)
    assert "'name'" in f.message
    assert "line 2" in f.message


def test_duplicate_nested_key() -> None:
    text = HEAD + "teams:\n  - id: sales\n    name: Sales\n    name: Sellers\n"
    f = assert_one(load_text(text), "SB002", 6, 5)
    assert "'name'" in f.message
    assert "line 5" in f.message


def test_duplicate_key_in_flow_mapping() -> None:
    f = assert_one(load_text(HEAD + "sla: {review: monthly, review: weekly}\n"), "SB002", 3, 24)
    assert "'review'" in f.message


def test_duplicate_key_deep_in_pipeline() -> None:
    text = (
        HEAD
        + "pipelines:\n"
        + "  - id: deals\n"
        + "    stages:\n"
        + "      - id: won\n"
        + "        outcome: won\n"
        + "        outcome: lost\n"
    )
    assert_one(load_text(text), "SB002", 8, 9)


def test_read_yaml_keeps_the_first_value_of_a_duplicate() -> None:
    root, findings = read_yaml((HEAD + "name: Other\n").encode(), "bp.yaml")
    assert [f.rule for f in findings] == ["SB002"]
    assert isinstance(root, PosDict)
    assert root["name"] == "Acme"


# -- tags -------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "column", "shown"),
    [
        ("!!python/object/apply:os.system ['echo hacked']", 14, "!!python/object/apply:os.system"),
        ("!!python/name:os.system", 14, "!!python/name:os.system"),
        ("!!python/object/new:builtins.dict [[[a, b]]]", 14, "!!python/object/new:builtins.dict"),
        ("!!binary aGVsbG8=", 14, "!!binary"),
        ("!!timestamp 2024-01-01", 14, "!!timestamp"),
        ("!foo bar", 14, "!foo"),
        ("!<tag:example.com,2024:thing> x", 14, "tag:example.com,2024:thing"),
    ],
)
def test_forbidden_scalar_tags(value: str, column: int, shown: str) -> None:
    f = assert_one(load_text(HEAD + f"description: {value}\n"), "SB003", 3, column)
    assert shown in f.message


@pytest.mark.parametrize(
    ("text", "line", "column", "shown"),
    [
        ("teams: !!set {a, b}\n", 3, 8, "!!set"),
        ("sla: !foo {review: monthly}\n", 3, 6, "!foo"),
        ("teams:\n  - !team {id: sales}\n", 4, 5, "!team"),
    ],
)
def test_forbidden_collection_tags(text: str, line: int, column: int, shown: str) -> None:
    f = assert_one(load_text(HEAD + text), "SB003", line, column)
    assert shown in f.message


def test_forbidden_tag_on_a_collection_is_reported_first() -> None:
    findings = load_text(HEAD + "teams: !!omap [a: 1]\n").findings
    assert (findings[0].rule, findings[0].line, findings[0].column) == ("SB003", 3, 8)
    assert "!!omap" in findings[0].message


def test_tags_construct_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tags that would call a function or create a file in an unsafe reader do nothing."""
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *a: calls.append(a) or 0)
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: calls.append(a))
    marker = tmp_path / "created"
    text = (
        HEAD
        + f"description: !!python/object/apply:os.system ['touch {marker}']\n"
        + f"owner: !!python/object/apply:builtins.open ['{marker}', 'w']\n"
        + "teams:\n"
        + f"  - !!python/object/apply:subprocess.Popen [[touch, '{marker}']]\n"
        + "  - !!python/object/new:builtins.exec [\"open('"
        + str(marker)
        + "', 'w')\"]\n"
        + "sla: !!python/object:builtins.object {review: x}\n"
    )
    findings = list(load_text(text).findings)
    p = tmp_path / "bp.yaml"
    p.write_text(text, encoding="utf-8")
    findings += check_file(p)
    assert findings
    assert {f.rule for f in findings} == {"SB003"}
    assert not marker.exists()
    assert calls == []


def test_tag_directive_cannot_smuggle_a_python_tag() -> None:
    text = "%TAG !e! tag:yaml.org,2002:python/\n---\n" + HEAD
    text += "description: !e!object/apply:os.system [ls]\n"
    f = assert_one(load_text(text), "SB003", 5, 14)
    assert "!!python/object/apply:os.system" in f.message


def test_merge_key_is_reported() -> None:
    text = HEAD + "sla:\n  review: &r monthly\n  <<: {review: *r}\n"
    f = assert_one(load_text(text), "SB012", 5, 3)
    assert "'<<'" in f.message


@pytest.mark.parametrize(
    ("text", "column"),
    [("? [a, b]\n: x\n", 3), ("? {a: b}\n: x\n", 3), ("~: x\n", 1), ("? \n: x\n", 2)],
    ids=["list-key", "mapping-key", "null-key", "empty-key"],
)
def test_keys_that_are_not_text(text: str, column: int) -> None:
    f = only(load_text(HEAD + text).findings)
    assert (f.rule, f.line, f.column) == ("SB012", 3, column)


def test_allowed_str_tag_keeps_text() -> None:
    r = load_text(HEAD + "description: !!str 012\nowner: !!str yes\n")
    assert r.findings == []
    assert r.blueprint is not None
    assert r.blueprint.description == "012"
    assert r.blueprint.owner == "yes"


def test_allowed_core_tags_do_not_retype_text() -> None:
    r = load_text(HEAD + "description: !!int 012\nowner: !!float 1e3\n")
    assert r.findings == []
    assert r.blueprint is not None
    assert r.blueprint.description == "012"
    assert r.blueprint.owner == "1e3"


# -- aliases --------------------------------------------------------------------------------
def _billion_laughs(levels: int = 9) -> str:
    lines = ['lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, levels):
        refs = ", ".join([f"*lol{i - 1}"] * 9)
        lines.append(f"lol{i}: &lol{i} [{refs}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_stops_with_sb004() -> None:
    # nine levels of nine: 9**9 (387 million) nodes if it were expanded
    text = "salesblueprint: 1\nname: Acme\ndescription:\n" + "".join(
        "  " + line + "\n" for line in _billion_laughs().splitlines()
    )
    f = only(load_text(text).findings)
    assert f.rule == "SB004"
    assert "alias bomb" in f.message
    assert f.line is not None and 4 <= f.line <= 12
    assert f.column is not None and f.column >= 1


def test_alias_bomb_at_the_top_level() -> None:
    f = only(load_text(_billion_laughs()).findings)
    assert f.rule == "SB004"


def test_alias_bomb_with_a_small_limit() -> None:
    text = HEAD + "description:\n  a: &a [x, x, x]\n  b: [*a, *a, *a, *a]\n"
    f = only(load_text(text, Limits(max_alias_nodes=10)).findings)
    assert (f.rule, f.line) == ("SB004", 5)


def test_a_few_aliases_are_fine() -> None:
    text = (
        HEAD
        + "pipelines:\n"
        + "  - id: deals\n"
        + "    stages:\n"
        + "      - id: won\n"
        + "        outcome: won\n"
        + "      - id: lost\n"
        + "        outcome: lost\n"
        + "        reasons: &reasons [no_budget, competitor]\n"
        + "sla:\n"
        + "  disqualify:\n"
        + "    reasons: *reasons\n"
    )
    r = load_text(text)
    assert r.findings == []
    assert r.blueprint is not None and r.blueprint.sla is not None
    assert r.blueprint.sla.disqualify is not None
    assert r.blueprint.sla.disqualify.reasons == ["no_budget", "competitor"]


def test_undefined_alias() -> None:
    f = assert_one(load_text(HEAD + "description: *nowhere\n"), "SB004", 3, 14)
    assert "*nowhere" in f.message


def test_alias_used_before_its_anchor() -> None:
    f = assert_one(load_text(HEAD + "description: *later\nowner: &later x\n"), "SB004", 3, 14)
    assert "*later" in f.message


# -- nesting ---------------------------------------------------------------------------------
DEPTH = 100_000


def _deep_flow() -> str:
    return HEAD + "description: " + "[" * DEPTH + "]" * DEPTH + "\n"


def _deep_block() -> str:
    return HEAD + "description:\n" + "- " * DEPTH + "x\n"


@pytest.mark.parametrize(
    "make",
    [
        _deep_flow,
        _deep_block,
        lambda: HEAD + "description: " + "[" * DEPTH + "\n",  # never closed
        lambda: HEAD + "description: " + "{a: " * DEPTH + "\n",
        lambda: HEAD + "description:\n" + "".join(" " * i + "k:\n" for i in range(200)),
    ],
    ids=["flow", "block", "flow-unclosed", "flow-mapping", "block-mapping"],
)
def test_deep_nesting_gives_sb005(make: object) -> None:
    assert callable(make)
    f = only(load_text(make()).findings)
    assert f.rule == "SB005"
    assert f.line is not None and f.line >= 3
    assert f.column is not None and f.column >= 1


def test_deep_flow_nesting_points_at_the_bracket_over_the_limit() -> None:
    f = only(load_text(_deep_flow(), Limits(max_depth=10)).findings)
    # the top-level mapping is level 1, so the 10th '[' (column 14 + 9) is over the limit
    assert (f.rule, f.line, f.column) == ("SB005", 3, 23)
    assert "10 levels" in f.message


def test_nesting_at_the_limit_is_fine() -> None:
    r = load_text(HEAD + "description: " + "[" * 9 + "]" * 9 + "\n", Limits(max_depth=10))
    assert [f.rule for f in r.findings] == ["SB022"]  # a list where text belongs, not SB005


@pytest.mark.parametrize("make", [_deep_flow, _deep_block], ids=["flow", "block"])
def test_deep_nesting_does_not_crash_the_process(make: object, tmp_path: Path) -> None:
    assert callable(make)
    p = tmp_path / "deep.yaml"
    p.write_text(make(), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "salesblueprint", "check", "--format", "json", str(p)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert '"rule": "SB005"' in proc.stdout


# -- size ---------------------------------------------------------------------------------------
def test_bytes_over_the_size_limit() -> None:
    text = HEAD + "description: " + "x" * 200 + "\n"
    f = assert_one(load_text(text, Limits(max_bytes=100)), "SB006", 1, 1)
    assert f"{len(text.encode()):,} bytes" in f.message


def test_bytes_at_the_size_limit_are_read() -> None:
    data = HEAD.encode()
    r = load_bytes(data, "bp.yaml", Limits(max_bytes=len(data)))
    assert r.findings == []


def test_file_over_the_size_limit(tmp_path: Path) -> None:
    p = tmp_path / "big.yaml"
    p.write_text(HEAD + "description: " + "x" * 200 + "\n", encoding="utf-8")
    r = load_file(p, Limits(max_bytes=100))
    f = only(r.findings)
    assert (f.rule, f.line, f.column, f.file) == ("SB006", 1, 1, str(p))


def test_huge_sparse_file_is_not_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "huge.yaml"
    with open(p, "wb") as fh:
        fh.write(HEAD.encode())
        fh.truncate(65 * 1024 * 1024)
    reads: list[str] = []
    real_open = open

    def spy_open(file: object, *args: object, **kwargs: object) -> object:
        if os.fspath(file) == str(p):  # type: ignore[arg-type]
            reads.append(str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", spy_open)
    r = load_file(p)
    f = only(r.findings)
    assert (f.rule, f.line, f.column) == ("SB006", 1, 1)
    assert "64 MiB" in f.message
    assert reads == []


# -- encoding ---------------------------------------------------------------------------------
def test_invalid_utf8_in_the_middle_of_line_3() -> None:
    data = HEAD.encode() + b"description: abc\xffdef\n"
    r = load_bytes(data, "bp.yaml")
    f = assert_one(r, "SB007", 3, 17)
    assert "0xff" in f.message
    assert "UTF-8" in f.message


def test_truncated_utf8_sequence() -> None:
    data = HEAD.encode() + b"description: ab\xc3(\n"
    assert_one(load_bytes(data, "bp.yaml"), "SB007", 3, 16)


def test_invalid_utf8_column_counts_characters() -> None:
    # 'é' is two bytes but one column, as in every other finding (libyaml's marks)
    data = HEAD.encode() + "description: éé".encode() + b"\xff\n"
    assert_one(load_bytes(data, "bp.yaml"), "SB007", 3, 16)


def test_utf8_bom_is_accepted() -> None:
    r = load_bytes(b"\xef\xbb\xbf" + HEAD.encode() + "description: Café\n".encode(), "bp.yaml")
    assert r.findings == []
    assert r.blueprint is not None
    assert r.blueprint.name == "Acme"
    assert r.blueprint.description == "Café"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_file_is_reported(encoding: str, tmp_path: Path) -> None:
    p = tmp_path / "bp.yaml"
    p.write_bytes(HEAD.encode(encoding))
    f = only(load_file(p).findings)
    assert f.severity == "error"
    assert f.line == 1
    assert f.column is not None and f.column >= 1
    if encoding == "utf-16":  # with a byte order mark: named as UTF-16
        assert (f.rule, f.column) == ("SB007", 1)
        assert "UTF-16" in f.message
    else:  # without: NUL bytes, which YAML does not allow
        assert f.rule in ("SB001", "SB007")


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b"])
def test_control_character_is_reported_where_it_is(char: str) -> None:
    f = assert_one(load_text(HEAD + f"description: ab{char}cd\n"), "SB001", 3, 16)
    assert "\n" not in f.message
    assert "<unicode string>" not in f.message


# -- tabs ---------------------------------------------------------------------------------------
def test_tab_indentation() -> None:
    f = assert_one(load_text(HEAD + "teams:\n\t- id: sales\n"), "SB008", 4, 1)
    assert "tab" in f.message


def test_tab_after_spaces_in_indentation() -> None:
    assert_one(load_text(HEAD + "teams:\n  - id: sales\n  \t name: Sales\n"), "SB008", 5, 3)


def test_every_tab_indented_line_is_reported() -> None:
    r = load_text(HEAD + "lifecycle:\n\tstages:\n\t\t- id: lead\n")
    assert [(f.rule, f.line, f.column) for f in r.findings] == [
        ("SB008", 4, 1),
        ("SB008", 5, 1),
    ]


def test_tab_inside_a_block_scalar_is_text() -> None:
    r = load_text(HEAD + "description: |\n  Steps:\n  \tcall the buyer\n")
    assert r.findings == []
    assert r.blueprint is not None
    assert r.blueprint.description == "Steps:\n\tcall the buyer\n"


# -- shape of the file -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("- id: lead\n- id: mql\n", "a list"),
        ("just some text\n", "a single value"),
        ("42\n", "a single value"),
        ("", "empty"),
        ("# only\n# comments\n\n", "empty"),
        ("\n\n   \n", "empty"),
    ],
    ids=["list", "scalar", "number", "empty", "comments", "blank"],
)
def test_not_a_blueprint(text: str, words: str) -> None:
    f = assert_one(load_text(text), "SB009", 1, 1)
    assert words in f.message


@pytest.mark.parametrize("text", ["---\n", "---\n...\n", "--- # nothing here\n"])
def test_empty_document_is_called_empty(text: str) -> None:
    f = assert_one(load_text(text), "SB009", 1, 1)
    assert "empty" in f.message


def test_two_documents() -> None:
    f = assert_one(load_text(HEAD + "---\n" + HEAD), "SB009", 3, 1)
    assert "more than one" in f.message


def test_yaml_syntax_error() -> None:
    f = assert_one(load_text(HEAD + 'description: "never closed\n'), "SB001", 3, 14)
    assert f.message


# -- version -------------------------------------------------------------------------------------
def test_version_2_is_reported() -> None:
    f = assert_one(load_text("salesblueprint: 2\nname: Acme\n"), "SB010", 1, 17)
    assert "'2'" in f.message


def test_missing_version() -> None:
    f = assert_one(load_text("name: Acme\n"), "SB010", 1, 1)
    assert "salesblueprint: 1" in f.message


@pytest.mark.parametrize("version", ["1", '"1"', "'1'"])
def test_version_1_accepted(version: str) -> None:
    r = load_text(f"salesblueprint: {version}\nname: Acme\n")
    assert r.findings == []
    assert r.blueprint is not None
    assert r.blueprint.salesblueprint == 1


@pytest.mark.parametrize("version", ["1.0", "true", "01", "v1", "[1]", "~"])
def test_other_versions_rejected(version: str) -> None:
    f = only(load_text(f"salesblueprint: {version}\nname: Acme\n").findings)
    assert f.rule == "SB010"
    assert f.line == 1


# -- YAML 1.1 implicit typing never changes text -----------------------------------------------
@pytest.mark.parametrize(
    "value",
    [
        "No",
        "no",
        "yes",
        "on",
        "Off",
        "y",
        "012",
        "0o12",
        "1e3",
        "0x1F",
        "2024-01-01",
        "2024-01-01T10:00:00Z",
        "12:30:00",
        "1_000",
        ".inf",
        "-.NaN",
        "+1",
        "0.50",
        "true",
    ],
)
def test_text_fields_keep_the_text_written(value: str) -> None:
    text = (
        f"salesblueprint: 1\nname: {value}\ndescription: {value}\n"
        + "lifecycle:\n  stages:\n"
        + f"    - id: lead\n      name: {value}\n      definition: {value}\n"
        + f"      actions: [{value}]\n"
        + f"      exit_criteria:\n        - {value}\n        - outcome: {value}\n"
    )
    r = load_text(text)
    assert r.findings == []
    bp = r.blueprint
    assert bp is not None
    assert bp.name == value
    assert bp.description == value
    assert bp.lifecycle is not None
    stage = bp.lifecycle.stages[0]
    assert stage.name == value
    assert stage.definition == value
    assert stage.actions == [value]
    assert [c.outcome for c in stage.exit_criteria] == [value, value]


@pytest.mark.parametrize("value", ["~", "null", "NULL", ""])
def test_null_name_is_reported(value: str) -> None:
    f = only(load_text(f"salesblueprint: 1\nname: {value}\n").findings)
    assert f.rule in ("SB021", "SB022")
    assert f.line == 2


def test_quoted_null_is_text() -> None:
    r = load_text("salesblueprint: 1\nname: '~'\ndescription: 'null'\n")
    assert r.blueprint is not None
    assert (r.blueprint.name, r.blueprint.description) == ("~", "null")


def test_definition_yes_stays_text() -> None:
    r = load_text(HEAD + "lifecycle:\n  stages:\n    - id: lead\n      definition: yes\n")
    assert r.findings == []
    assert r.blueprint is not None and r.blueprint.lifecycle is not None
    assert r.blueprint.lifecycle.stages[0].definition == "yes"


LIFECYCLE = HEAD + "lifecycle:\n  stages:\n    - id: lead\n    - id: customer\n      terminal: {}\n"


@pytest.mark.parametrize("value", ["yes", "no", "on", "off", "y", "Yes"])
def test_terminal_yes_is_reported(value: str) -> None:
    f = assert_one(load_text(LIFECYCLE.format(value)), "SB022", 7, 17)
    assert "true or false" in f.message


@pytest.mark.parametrize(("value", "expected"), [("true", True), ("false", False)])
def test_terminal_true_works(value: str, expected: bool) -> None:
    r = load_text(LIFECYCLE.format(value))
    assert r.findings == []
    assert r.blueprint is not None and r.blueprint.lifecycle is not None
    assert r.blueprint.lifecycle.stages[1].terminal is expected


PIPELINE = (
    HEAD
    + "pipelines:\n  - id: deals\n    stages:\n"
    + "      - id: qualified\n        probability: {}\n"
    + "      - id: won\n        outcome: won\n"
    + "      - id: lost\n        outcome: lost\n"
)


def test_probability_percentage_is_reported_with_a_hint() -> None:
    f = assert_one(load_text(PIPELINE.format("20%")), "SB022", 7, 22)
    assert "0.2" in f.message
    assert "fraction" in f.message


@pytest.mark.parametrize("value", ["1.5", "-0.1"])
def test_probability_out_of_range(value: str) -> None:
    f = assert_one(load_text(PIPELINE.format(value)), "SB022", 7, 22)
    assert "between 0 and 1" in f.message or "at least 0" in f.message


def test_probability_fraction_works() -> None:
    r = load_text(PIPELINE.format("0.2"))
    assert r.findings == []
    assert r.blueprint is not None
    assert r.blueprint.pipelines[0].stages[0].probability == 0.2


# -- unreadable paths ----------------------------------------------------------------------------
def test_directory_path(tmp_path: Path) -> None:
    f = only(load_file(tmp_path).findings)
    assert (f.rule, f.line, f.column, f.file) == ("SB011", 1, 1, str(tmp_path))


def test_nonexistent_path(tmp_path: Path) -> None:
    p = tmp_path / "missing.yaml"
    f = only(load_file(p).findings)
    assert (f.rule, f.line, f.column, f.file) == ("SB011", 1, 1, str(p))
    assert "No such file" in f.message


@pytest.mark.skipif(
    sys.platform == "win32" or (hasattr(os, "geteuid") and os.geteuid() == 0),
    reason="permissions do not apply",
)
def test_unreadable_file(tmp_path: Path) -> None:
    p = tmp_path / "secret.yaml"
    p.write_text(HEAD, encoding="utf-8")
    p.chmod(0)
    try:
        f = only(load_file(p).findings)
    finally:
        p.chmod(0o644)
    assert (f.rule, f.line, f.column) == ("SB011", 1, 1)


# -- salesblueprint.load ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "content",
    [
        None,  # no file at all
        HEAD + "name: Other\n",
        HEAD + "nmae: typo\nteams: [{id: Sales}]\n",
        "- a list\n",
    ],
    ids=["missing", "duplicate", "schema", "list"],
)
def test_load_raises_blueprint_error_with_load_file_findings(
    content: str | None, tmp_path: Path
) -> None:
    p = tmp_path / "bp.yaml"
    if content is not None:
        p.write_text(content, encoding="utf-8")
    with pytest.raises(salesblueprint.BlueprintError) as info:
        salesblueprint.load(p)
    expected = load_file(p).findings
    assert expected
    assert info.value.findings == sorted(expected, key=Finding.sort_key)
    for f in expected:
        assert str(f) in str(info.value)


def test_load_returns_a_blueprint(tmp_path: Path) -> None:
    p = tmp_path / "bp.yaml"
    p.write_text(HEAD, encoding="utf-8")
    bp = salesblueprint.load(p)
    assert isinstance(bp, salesblueprint.Blueprint)
    assert bp.name == "Acme"
    assert bp.file == str(p)


def test_read_yaml_positions() -> None:
    root, findings = read_yaml((HEAD + "teams:\n  - id: sales\n").encode(), "bp.yaml")
    assert findings == []
    assert isinstance(root, PosDict)
    assert root.kpos["teams"] == (3, 1)
    teams = root["teams"]
    assert isinstance(teams, PosList)
    assert teams.ipos == [(4, 5)]
    assert teams[0].vpos["id"] == (4, 9)


def test_the_parsers_own_depth_guard_still_gives_sb005(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever limit a PyYAML release sets for itself, the user sees SB005 with a place."""
    import yaml

    def refuse(*_a: object, **_k: object) -> object:
        mark = yaml.Mark("", 0, 2, 20, None, None)
        raise yaml.scanner.ScannerError(
            "while increasing flow level", mark, "exceeded maximum nesting depth", mark
        )

    monkeypatch.setattr(yaml, "parse", refuse)
    f = only(load_text(HEAD + "description: [[]]\n").findings)
    assert (f.rule, f.line, f.column) == ("SB005", 3, 21)


def test_quoted_brackets_are_not_nesting() -> None:
    text = HEAD + 'description: "' + "[" * 200 + '"\nother: [' + "\n"
    assert [f.rule for f in load_text(text).findings] != ["SB005"]
