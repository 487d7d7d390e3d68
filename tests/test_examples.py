"""The example blueprints load, and check without errors (and, except the deliberately
seller-centric HubSpot default, without warnings)."""

from __future__ import annotations

from pathlib import Path

import pytest

import salesblueprint as sb

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FILES = sorted(EXAMPLES.glob("*.blueprint.yaml"))
# the "before" picture: seller-centric on purpose, so the norm checks have something to report
MAY_WARN = {"hubspot-default.blueprint.yaml"}


def _describe(findings: list[sb.Finding]) -> str:
    return "\n".join(f"{f.line}:{f.column} {f.rule} {f.name}: {f.message}" for f in findings)


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_example_loads_and_checks_clean(path: Path) -> None:
    bp = sb.load(path)
    findings = sb.check(bp)
    errors = [f for f in findings if f.severity == "error"]
    assert not errors, _describe(errors)
    if path.name not in MAY_WARN:
        warnings = [f for f in findings if f.severity == "warning"]
        assert not warnings, _describe(warnings)


def test_there_are_at_least_four_examples_and_one_is_dutch() -> None:
    assert len(FILES) >= 4, [p.name for p in FILES]
    languages = {p.name: sb.load(p).language for p in FILES}
    assert "nl" in languages.values(), languages


def test_the_seller_centric_example_gets_warnings_and_no_errors() -> None:
    findings = sb.check(sb.load(EXAMPLES / "hubspot-default.blueprint.yaml"))
    assert not [f for f in findings if f.severity == "error"], _describe(findings)
    assert any(f.severity == "warning" for f in findings)


def test_every_example_is_in_the_readme() -> None:
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for p in FILES:
        assert f"`{p.name}`" in readme, p.name
