"""SARIF output: valid against the official SARIF 2.1.0 schema, complete and deterministic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from salesblueprint.api import check_file
from salesblueprint.cli import cli
from salesblueprint.report.sarif import artifact_uri, build_sarif, format_sarif
from salesblueprint.rules.registry import load_all

jsonschema = pytest.importorskip("jsonschema")

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-schema-2.1.0.json"

BAD = """\
salesblueprint: 1
name: Bad
pipelines:
  - id: sales
    stages:
      - id: talking
        name: Demo given
        exit_criteria:
          - We feel the buyer is interested
      - id: won
        outcome: won
"""

BROKEN = "salesblueprint: 1\nname: Broken\nlifecycle:\n  stages:\n    - id: lead\n      nam: x\n"


def _validate(doc: dict[str, object]) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.Draft4Validator(schema)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


def test_vendored_schema_and_licence_present() -> None:
    assert SARIF_SCHEMA.is_file()
    assert (SARIF_SCHEMA.parent / "sarif-schema-2.1.0.LICENSE.md").is_file()


@pytest.mark.parametrize("text", [BAD, BROKEN, "::: not yaml"])
def test_sarif_validates_against_the_official_schema(write, text: str) -> None:  # type: ignore[no-untyped-def]
    path = str(write(text))
    findings = check_file(path)
    assert findings
    doc = json.loads(format_sarif([path], findings, False))
    _validate(doc)
    run = doc["runs"][0]
    results = run["results"]
    assert len(results) == len(findings)
    rules = run["tool"]["driver"]["rules"]
    for r in results:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        region = r["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1
        assert r["level"] in ("error", "warning", "note")
        assert r["message"]["text"]


def test_no_findings_is_valid_sarif(write) -> None:  # type: ignore[no-untyped-def]
    doc = build_sarif(["blueprint.yaml"], [])
    _validate(doc)
    assert doc["runs"][0]["results"] == []


def test_every_rule_is_described_sorted_by_code() -> None:
    doc = build_sarif([], [])
    rules = doc["runs"][0]["tool"]["driver"]["rules"]
    codes = [r["id"] for r in rules]
    assert codes == sorted(load_all())
    for r in rules:
        assert r["name"] == load_all()[r["id"]].name
        assert r["shortDescription"]["text"]
        assert r["fullDescription"]["text"]
        assert r["help"]["text"] and r["help"]["markdown"].startswith(f"# {r['id']} ")
        assert r["defaultConfiguration"]["level"] in ("error", "warning", "note")


def test_levels_and_locations(write) -> None:  # type: ignore[no-untyped-def]
    path = str(write(BAD))
    findings = check_file(path)
    doc = build_sarif([path], findings)
    by_rule = {r["ruleId"]: r for r in doc["runs"][0]["results"]}
    for f in findings:
        r = by_rule[f.rule]
        assert r["level"] == {"error": "error", "warning": "warning", "info": "note"}[f.severity]
    f = findings[0]
    loc = doc["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert loc["region"] == {"startLine": f.line, "startColumn": f.column}
    assert loc["artifactLocation"]["uri"] == artifact_uri(path)


def test_uri_is_relative_as_given() -> None:
    assert artifact_uri("blueprints/a b.yaml") == "blueprints/a%20b.yaml"
    assert artifact_uri("./blueprint.yaml") == "blueprint.yaml"


def test_cli_sarif_deterministic(write) -> None:  # type: ignore[no-untyped-def]
    path = str(write(BAD))
    runner = CliRunner()
    first = runner.invoke(cli, ["check", "--format", "sarif", path])
    second = runner.invoke(cli, ["check", "--format", "sarif", path])
    assert first.exit_code == 1
    assert first.output == second.output
    _validate(json.loads(first.output))
