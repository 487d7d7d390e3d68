"""``salesblueprint init``: starter blueprints that check clean, never overwriting a file."""

from __future__ import annotations

from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from salesblueprint.api import check_file
from salesblueprint.cli import cli
from salesblueprint.model.load import load_file
from salesblueprint.templates import DEFAULT_TEMPLATE, TEMPLATES, template_names, template_text


def test_cli_choices_match_the_templates() -> None:
    option = next(p for p in cli.commands["init"].params if p.name == "template")
    assert isinstance(option.type, click.Choice)
    assert sorted(option.type.choices) == template_names()
    assert DEFAULT_TEMPLATE in TEMPLATES


@pytest.mark.parametrize("name", template_names())
def test_template_checks_clean(tmp_path: Path, name: str) -> None:
    result = CliRunner().invoke(cli, ["init", "--template", name, str(tmp_path)])
    assert result.exit_code == 0, result.output
    path = tmp_path / "blueprint.yaml"
    assert path.read_text(encoding="utf-8") == template_text(name)
    assert f"Wrote {path}" in result.output
    assert f"salesblueprint check {path}" in result.output
    findings = check_file(path)
    assert findings == [], "\n".join(map(str, findings))


@pytest.mark.parametrize("name", template_names())
def test_template_is_complete(name: str, tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(template_text(name), encoding="utf-8")
    bp = load_file(path).blueprint
    assert bp is not None
    assert bp.teams and bp.lifecycle and bp.pipelines and bp.tools
    # every exit criterion is inspectable: evidence, and a declared tool.record
    for _stage, crit in bp.iter_criteria():
        assert crit.evidence, crit.outcome
        assert crit.recorded_in and "." in crit.recorded_in, crit.outcome
        tool_id, record = crit.recorded_in.split(".")
        tool = bp.tool(tool_id)
        assert tool is not None and record in tool.records
    assert bp.language == ("nl" if name == "nl" else "en")


def test_default_path_and_template(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["init"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "blueprint.yaml").read_text(encoding="utf-8") == template_text(
        DEFAULT_TEMPLATE
    )


def test_never_overwrites_without_force(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("my own work\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["init", str(path)])
    assert result.exit_code == 1
    assert "already exists" in result.output and "--force" in result.output
    assert path.read_text(encoding="utf-8") == "my own work\n"
    forced = runner.invoke(cli, ["init", "--force", "-t", "saas", str(path)])
    assert forced.exit_code == 0
    assert path.read_text(encoding="utf-8") == template_text("saas")


def test_creates_parent_directories(tmp_path: Path) -> None:
    path = tmp_path / "blueprints" / "sales.blueprint.yaml"
    result = CliRunner().invoke(cli, ["init", "-t", "startup", str(path)])
    assert result.exit_code == 0, result.output
    assert path.is_file()


def test_unknown_template_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["init", "--template", "nope", str(tmp_path)])
    assert result.exit_code == 2
    assert not (tmp_path / "blueprint.yaml").exists()
