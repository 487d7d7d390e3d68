"""GitHub Actions workflow commands: annotations on the pull request."""

from __future__ import annotations

from click.testing import CliRunner

from salesblueprint.cli import cli
from salesblueprint.diagnostics.findings import Finding
from salesblueprint.report.github import escape_data, escape_property, format_github

BAD = """\
salesblueprint: 1
name: Bad
pipelines:
  - id: sales
    stages:
      - id: talking
        exit_criteria:
          - Buyer signed the order form
      - id: won
        outcome: won
"""


def test_one_command_per_finding() -> None:
    findings = [
        Finding("SB101", "unreachable-stage", "error", "stage 'x' is unreachable", "b.yaml", 3, 7),
        Finding("SB102", "dead-end-stage", "warning", "no way out", "b.yaml", 9, 5),
        Finding("SB999", "some-info", "info", "fyi", "b.yaml"),
    ]
    out = format_github(["b.yaml"], findings, False).splitlines()
    assert out[0] == "::notice file=b.yaml,title=SB999 some-info::fyi"  # no line: sorted first
    assert out[1] == (
        "::error file=b.yaml,line=3,col=7,title=SB101 unreachable-stage::stage 'x' is unreachable"
    )
    assert out[2] == "::warning file=b.yaml,line=9,col=5,title=SB102 dead-end-stage::no way out"
    assert out[3].startswith("Found 1 error, 1 warning, 1 info in 1 file")


def test_escaping() -> None:
    assert escape_data("50% done\nnext\r") == "50%25 done%0Anext%0D"
    assert escape_property("a,b:c%") == "a%2Cb%3Ac%25"
    f = Finding("SB020", "unknown-key", "error", "a\nb", "dir,x/a:b.yaml", 1, 1)
    line = format_github(["x"], [f], False).splitlines()[0]
    assert line == "::error file=dir%2Cx/a%3Ab.yaml,line=1,col=1,title=SB020 unknown-key::a%0Ab"


def test_no_findings() -> None:
    assert format_github(["b.yaml"], [], False) == "All good: 1 file checked, no findings.\n"


def test_chosen_automatically_on_github_actions(write) -> None:  # type: ignore[no-untyped-def]
    path = str(write(BAD))
    runner = CliRunner()
    on_gha = runner.invoke(cli, ["check", path], env={"GITHUB_ACTIONS": "true"})
    assert on_gha.exit_code == 1
    assert on_gha.output.startswith("::")
    assert "::error file=" in on_gha.output
    local = runner.invoke(cli, ["check", path], env={"GITHUB_ACTIONS": None})
    assert not local.output.startswith("::")
    explicit = runner.invoke(
        cli, ["check", "--format", "text", path], env={"GITHUB_ACTIONS": "true"}
    )
    assert not explicit.output.startswith("::")
    assert "error SB" in explicit.output


def test_unknown_format_is_a_clear_error_not_text() -> None:
    import pytest

    from salesblueprint.report import FORMATS, UnknownFormatError, get_formatter

    with pytest.raises(UnknownFormatError, match="unknown format 'xml'; choose text, json"):
        get_formatter("xml")
    for name in FORMATS:
        assert callable(get_formatter(name))
