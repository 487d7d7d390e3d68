"""A blueprint that describes no sales process does not pass ``--strict`` (issue 9, §3).

The completeness rules say, by section, what a complete blueprint still lacks; the ``partial``
preset leaves them out for a blueprint that models one part on purpose.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from salesblueprint.api import check_file
from salesblueprint.cli import cli
from salesblueprint.rules.config import Config, ConfigError, read_config
from salesblueprint.rules.registry import PRESETS, load_all
from salesblueprint.templates import template_names, template_text

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

EMPTY = "salesblueprint: 1\nname: Empty\n"

LIFECYCLE_ONLY = """\
salesblueprint: 1
name: Lifecycle only
teams:
  - id: sales
lifecycle:
  stages:
    - id: lead
      actions: [Call the contact within a day]
      exit_criteria:
        - outcome: Contact requested a demo through the website form
          evidence: Form submission on the contact
    - id: customer
      actions: [Onboard the customer's users]
      terminal: true
"""

SECTION_RULES = {"SB504", "SB505", "SB506", "SB507"}


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _check(*args: str) -> Result:
    return CliRunner().invoke(cli, ["check", *args], env={"GITHUB_ACTIONS": None})


def _codes(result: Result) -> set[str]:
    return {f["rule"] for f in json.loads(result.stdout)["findings"]}


def test_an_almost_empty_blueprint_fails_strict(project: Path) -> None:
    (project / "b.yaml").write_text(EMPTY, encoding="utf-8")
    assert _check("b.yaml").exit_code == 0  # warnings only
    strict = _check("--strict", "b.yaml")
    assert strict.exit_code == 1
    assert "All good" not in strict.output
    assert _codes(_check("--format", "json", "b.yaml")) == SECTION_RULES


def test_a_lifecycle_only_blueprint_says_what_it_lacks(project: Path) -> None:
    (project / "b.yaml").write_text(LIFECYCLE_ONLY, encoding="utf-8")
    assert _check("--strict", "b.yaml").exit_code == 1
    codes = _codes(_check("--format", "json", "b.yaml"))
    # no pipeline, no SLA (nobody owns the stages), no tool map, a team that owns nothing
    assert {"SB505", "SB506", "SB507", "SB508"} <= codes
    assert "SB504" not in codes


def test_the_partial_preset_leaves_the_completeness_rules_out(project: Path) -> None:
    (project / "b.yaml").write_text(LIFECYCLE_ONLY, encoding="utf-8")
    (project / ".salesblueprint.yaml").write_text("preset: partial\n", encoding="utf-8")
    codes = _codes(_check("--format", "json", "b.yaml"))
    assert codes, "the other rules still run"
    assert not {c for c in codes if load_all()[c].group == "completeness"}
    (project / "e.yaml").write_text(EMPTY, encoding="utf-8")
    result = _check("--strict", "e.yaml")
    assert result.exit_code == 0, result.output
    assert "All good" in result.output


def test_a_section_left_out_on_purpose_is_acknowledged_in_the_file(project: Path) -> None:
    text = EMPTY + "lint: {ignore: [lifecycle-missing, sla-missing]}\n"
    (project / "b.yaml").write_text(text, encoding="utf-8")
    assert _codes(_check("--format", "json", "b.yaml")) == {"SB505", "SB507"}


def test_presets_select_as_documented() -> None:
    rules = load_all().values()
    partial = {r.code for r in rules if Config(preset="partial").selects(r)}
    recommended = {r.code for r in rules if Config().selects(r)}
    correctness = {r.code for r in rules if Config(preset="correctness").selects(r)}
    completeness = {r.code for r in rules if r.group == "completeness"}
    assert SECTION_RULES | {"SB508"} <= completeness
    assert partial == recommended - completeness
    assert correctness < partial
    assert set(PRESETS) == {"recommended", "partial", "correctness"}


def test_an_unknown_preset_names_the_presets(tmp_path: Path) -> None:
    p = tmp_path / ".salesblueprint.yaml"
    p.write_text("preset: sketch\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="'partial'"):
        read_config(str(p))


def test_examples_gain_no_completeness_findings() -> None:
    for path in sorted(EXAMPLES.glob("*.yaml")):
        found = [f for f in check_file(path) if load_all()[f.rule].group == "completeness"]
        assert found == [], "\n".join(map(str, found))


@pytest.mark.parametrize("name", template_names())
def test_templates_are_complete_blueprints(name: str, tmp_path: Path) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(template_text(name), encoding="utf-8")
    assert check_file(path) == []
