"""The rule engine: ``lint: {ignore: [...]}`` inheritance, unused and unknown ignores, a failing
rule, and severity settings from the configuration.

Most tests register temporary probe rules (restored afterwards), so that what they check does
not depend on the heuristics of the real rules. One test per feature uses a real rule as well.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from salesblueprint.api import check, check_file
from salesblueprint.diagnostics.findings import Finding, Severity
from salesblueprint.model.load import load_bytes
from salesblueprint.rules import registry
from salesblueprint.rules.config import Config
from salesblueprint.rules.engine import Context, run_rules
from salesblueprint.rules.registry import Problem, load_all, rule

PROBE = "SB990"
PROBE_NAME = "test-probe"
FAILING = "SB991"
FAILING_NAME = "test-failing-probe"

# line numbers are referred to in the tests: keep them stable
BLUEPRINT = """\
salesblueprint: 1
name: Probe
lifecycle:
  stages:
    - id: lead
      exit_criteria:
        - outcome: Contact filled in the demo request form
    - id: customer
      terminal: true
pipelines:
  - id: first
    stages:
      - id: talking
        exit_criteria:
          - outcome: Buyer replied to the recap email
          - outcome: Buyer booked the demo
      - id: won
        outcome: won
      - id: lost
        outcome: lost
  - id: second
    stages:
      - id: talking
        exit_criteria:
          - outcome: Buyer signed the order form
      - id: won
        outcome: won
      - id: lost
        outcome: lost
"""
# probe findings (stage: its `id`; criterion: its `outcome`)
ALL = {
    ("lifecycle.stages[0]", 5),
    ("lifecycle.stages[0].exit_criteria[0]", 7),
    ("lifecycle.stages[1]", 8),
    ("pipelines[0].stages[0]", 13),
    ("pipelines[0].stages[0].exit_criteria[0]", 15),
    ("pipelines[0].stages[0].exit_criteria[1]", 16),
    ("pipelines[0].stages[1]", 17),
    ("pipelines[0].stages[2]", 19),
    ("pipelines[1].stages[0]", 23),
    ("pipelines[1].stages[0].exit_criteria[0]", 25),
    ("pipelines[1].stages[1]", 26),
    ("pipelines[1].stages[2]", 28),
}


def probe(ctx: Context) -> Iterator[Problem]:
    """Test probe: reports every stage and every exit criterion.

    ## What it does
    Nothing useful; it exists for the engine tests.
    """
    for stage in ctx.bp.iter_stages():
        yield Problem(stage.path, f"stage {stage.id}", at="id")
        for crit in stage.exit_criteria:
            yield Problem(crit.path, f"criterion {crit.outcome}", at="outcome")


def failing(ctx: Context) -> Iterator[Problem]:
    """Test probe that fails.

    ## What it does
    Raises, as a buggy rule would.
    """
    yield Problem((), "before the failure")
    raise RuntimeError("boom")


@pytest.fixture
def probes() -> Iterator[None]:
    """Register the probe rules for one test, and restore the registry afterwards."""
    load_all()
    saved_rules, saved_names = dict(registry.RULES), dict(registry._BY_NAME)
    rule(PROBE, PROBE_NAME, group="test", severity="warning")(probe)
    rule(FAILING, FAILING_NAME, group="test", severity="warning", preset="correctness")(failing)
    try:
        yield
    finally:
        registry.RULES.clear()
        registry.RULES.update(saved_rules)
        registry._BY_NAME.clear()
        registry._BY_NAME.update(saved_names)


def test_the_registry_is_restored_after_the_probes() -> None:
    assert PROBE not in load_all()
    assert FAILING not in load_all()
    assert registry.lookup(PROBE_NAME) is None


Load = Callable[..., list[Finding]]


@pytest.fixture
def findings(probes: None, tmp_path: Path) -> Load:
    """Check BLUEPRINT with ``lint:`` settings inserted, return the findings."""

    def _check(
        inserts: dict[int, str] | None = None, config: Config | None = None
    ) -> list[Finding]:
        lines = BLUEPRINT.splitlines(keepends=True)
        # insert from the bottom, so that the line numbers given refer to BLUEPRINT
        for after, text in sorted((inserts or {}).items(), reverse=True):
            lines.insert(after, text)
        p = tmp_path / "bp.yaml"
        p.write_text("".join(lines), encoding="utf-8")
        return check_file(p, config)

    return _check


def probe_hits(fs: list[Finding]) -> set[tuple[str, int]]:
    out = set()
    for f in fs:
        if f.rule == PROBE:
            assert f.line is not None
            out.add((f.path, f.line))
    return out


def engine(fs: list[Finding]) -> list[tuple[str, int | None, int | None, str]]:
    return [(f.rule, f.line, f.column, f.message) for f in fs if f.rule in ("SB901", "SB902")]


def shift(hits: set[tuple[str, int]], after: int, n: int = 1) -> set[tuple[str, int]]:
    """The hits with lines below ``after`` moved down by ``n`` inserted lines."""
    return {(p, line + n if line > after else line) for p, line in hits}


def test_probe_reports_everything(findings: Load) -> None:
    fs = findings()
    assert probe_hits(fs) == ALL
    assert all(f.severity == "warning" for f in fs if f.rule == PROBE)
    assert engine(fs) == []


# -- ignores at each level ----------------------------------------------------------------------
@pytest.mark.parametrize("entry", [PROBE, PROBE_NAME, PROBE.lower(), PROBE_NAME.upper()])
def test_ignore_on_the_blueprint_by_code_or_name(findings: Load, entry: str) -> None:
    fs = findings({2: f"lint: {{ignore: [{entry}]}}\n"})
    assert probe_hits(fs) == set()
    assert engine(fs) == []


def test_ignore_on_the_lifecycle(findings: Load) -> None:
    fs = findings({3: f"  lint: {{ignore: [{PROBE_NAME}]}}\n"})
    expected = {h for h in ALL if not h[0].startswith("lifecycle")}
    assert probe_hits(fs) == shift(expected, 3)
    assert engine(fs) == []


def test_ignore_on_a_pipeline_covers_its_stages_and_criteria_only(findings: Load) -> None:
    fs = findings({11: f"    lint: {{ignore: [{PROBE}]}}\n"})
    expected = {h for h in ALL if not h[0].startswith("pipelines[0]")}
    assert probe_hits(fs) == shift(expected, 11)
    assert engine(fs) == []


def test_ignore_on_a_stage_covers_its_criteria_only(findings: Load) -> None:
    fs = findings({13: f"        lint: {{ignore: [{PROBE_NAME}]}}\n"})
    expected = {h for h in ALL if not h[0].startswith("pipelines[0].stages[0]")}
    assert probe_hits(fs) == shift(expected, 13)
    # the same stage id in the other pipeline is still reported
    assert ("pipelines[1].stages[0]", 24) in probe_hits(fs)
    assert engine(fs) == []


def test_ignore_on_a_criterion_covers_that_criterion_only(findings: Load) -> None:
    fs = findings({15: f"            lint: {{ignore: [{PROBE}]}}\n"})
    expected = ALL - {("pipelines[0].stages[0].exit_criteria[0]", 15)}
    assert probe_hits(fs) == shift(expected, 15)
    assert engine(fs) == []


def test_ignores_at_several_levels(findings: Load) -> None:
    fs = findings(
        {
            5: f"      lint: {{ignore: [{PROBE}]}}\n",
            21: f"    lint: {{ignore: [{PROBE_NAME}]}}\n",
        }
    )
    expected = {h for h in ALL if not h[0].startswith(("lifecycle.stages[0]", "pipelines[1]"))}
    assert probe_hits(fs) == shift(shift(expected, 21), 5)
    assert engine(fs) == []


def test_ignore_of_another_rule_does_not_suppress(findings: Load) -> None:
    fs = findings({13: "        lint: {ignore: [SB101]}\n"})
    assert probe_hits(fs) == shift(ALL, 13)


# -- unused and unknown ignores -----------------------------------------------------------------
def test_unused_ignore_points_at_the_entry(findings: Load) -> None:
    # the probe reports every node, so use a real rule: nothing is unreachable in BLUEPRINT
    fs = findings({17: "        lint: {ignore: [unreachable-stage]}\n"})
    assert engine(fs) == [
        (
            "SB901",
            18,
            25,
            "ignore 'unreachable-stage' suppresses nothing on pipelines[0].stages[1]; remove it",
        )
    ]


def test_unused_ignore_in_a_block_list(findings: Load) -> None:
    fs = findings({2: f"lint:\n  ignore:\n    - {PROBE}\n    - dead-end-stage\n    - SB101\n"})
    unused = engine(fs)
    assert [(c, line, col) for c, line, col, _ in unused] == [
        ("SB901", 6, 7),
        ("SB901", 7, 7),
    ]
    assert "the blueprint" in unused[0][3]


def test_unused_ignore_of_a_rule_that_is_switched_off_is_not_reported(findings: Load) -> None:
    fs = findings(
        {17: "        lint: {ignore: [unreachable-stage]}\n"},
        Config(severity={"SB101": None}),
    )
    assert engine(fs) == []


def test_unused_ignore_can_be_ignored(findings: Load) -> None:
    fs = findings({2: "lint: {ignore: [unused-ignore, SB101]}\n"})
    assert engine(fs) == []


def test_unused_ignore_switched_off(findings: Load) -> None:
    fs = findings({2: "lint: {ignore: [SB101]}\n"}, Config(severity={"SB901": None}))
    assert engine(fs) == []


def test_unknown_rule_in_ignore(findings: Load) -> None:
    fs = findings({13: "        lint: {ignore: [test-prob, unreachable_stage, zzzzzz]}\n"})
    assert engine(fs) == [
        ("SB902", 14, 25, f"no rule 'test-prob' (did you mean '{PROBE_NAME}'?)"),
        ("SB902", 14, 36, "no rule 'unreachable_stage' (did you mean 'unreachable-stage'?)"),
        ("SB902", 14, 55, "no rule 'zzzzzz'"),
    ]
    # an unknown entry suppresses nothing else
    assert probe_hits(fs) == shift(ALL, 13)


def test_unknown_rule_finding_is_a_warning(findings: Load) -> None:
    fs = findings({2: "lint: {ignore: [dead-end]}\n"})
    unknown = [f for f in fs if f.rule == "SB902"]
    assert [(f.severity, f.name, f.path) for f in unknown] == [
        ("warning", "unknown-rule", "lint.ignore[0]")
    ]
    assert "did you mean 'dead-end-stage'" in unknown[0].message


# -- a rule that fails -----------------------------------------------------------------------------
def test_failing_rule_becomes_sb900(findings: Load) -> None:
    fs = findings()
    errors = [f for f in fs if f.rule == "SB900"]
    assert len(errors) == 1
    f = errors[0]
    assert (f.name, f.severity, f.line, f.column) == ("rule-error", "error", 1, 1)
    assert FAILING in f.message
    assert FAILING_NAME in f.message
    assert "RuntimeError: boom" in f.message
    # what the failing rule yielded before it failed is not reported; other rules still run
    assert not [f for f in fs if f.rule == FAILING]
    assert probe_hits(fs) == ALL


def test_failing_rule_can_be_switched_off(findings: Load) -> None:
    fs = findings(config=Config(severity={FAILING: None}))
    assert not [f for f in fs if f.rule == "SB900"]


def test_rule_error_can_be_switched_off(findings: Load) -> None:
    fs = findings(config=Config(severity={"SB900": None}))
    assert not [f for f in fs if f.rule == "SB900"]


def test_rule_error_severity_can_be_changed(findings: Load) -> None:
    fs = findings(config=Config(severity={"SB900": "warning"}))
    assert [f.severity for f in fs if f.rule == "SB900"] == ["warning"]


def test_failing_rule_through_the_api(probes: None) -> None:
    r = load_bytes(BLUEPRINT.encode(), "bp.yaml")
    assert r.blueprint is not None
    assert [f.rule for f in check(r.blueprint) if f.rule == "SB900"] == ["SB900"]


def test_a_blueprint_built_in_python_has_no_positions(probes: None) -> None:
    import salesblueprint as sb

    bp = sb.Blueprint.model_validate(
        {"salesblueprint": 1, "name": "x", "lifecycle": {"stages": [{"id": "lead"}]}}
    )
    fs = run_rules(bp)
    assert [(f.rule, f.line, f.column, f.path) for f in fs if f.rule == PROBE] == [
        (PROBE, None, None, "lifecycle.stages[0]")
    ]
    assert [f.rule for f in fs if f.rule == "SB900"] == ["SB900"]


# -- configuration ---------------------------------------------------------------------------------
@pytest.mark.parametrize("severity", ["error", "info"])
def test_severity_override(findings: Load, severity: Severity) -> None:
    fs = findings(config=Config(severity={PROBE: severity}))
    assert probe_hits(fs) == ALL
    assert {f.severity for f in fs if f.rule == PROBE} == {severity}


def test_severity_off(findings: Load) -> None:
    fs = findings(
        {2: f"lint: {{ignore: [{PROBE}]}}\n"},
        Config(severity={PROBE: None}),
    )
    assert probe_hits(fs) == set()
    assert engine(fs) == []  # the ignore of a rule that is off is not "unused"


def test_config_ignore(findings: Load) -> None:
    fs = findings(config=Config(ignore=frozenset({PROBE})))
    assert probe_hits(fs) == set()


def test_preset_correctness_skips_recommended_rules(findings: Load) -> None:
    fs = findings(config=Config(preset="correctness"))
    assert probe_hits(fs) == set()  # the probe is a recommended rule
    assert [f.rule for f in fs if f.rule == "SB900"] == ["SB900"]  # the failing one is not
    for f in fs:
        assert load_all()[f.rule].preset == "correctness", str(f)


def test_config_from_a_file(findings: Load, tmp_path: Path) -> None:
    from salesblueprint.rules.config import read_config

    cfg = tmp_path / "cfg.yaml"
    cfg.write_text(f"severity: {{{PROBE_NAME}: error, {FAILING}: off}}\n", encoding="utf-8")
    fs = findings(config=read_config(str(cfg)))
    assert {f.severity for f in fs if f.rule == PROBE} == {"error"}
    assert not [f for f in fs if f.rule == "SB900"]


def test_configured_severity_beats_a_problems_own_severity(probes: None) -> None:
    def loud(ctx: Context) -> Iterator[Problem]:
        """Test probe with its own severity.

        ## What it does
        Reports the blueprint as info.
        """
        yield Problem((), "loud", severity="info")

    rule("SB992", "test-own-severity", group="test", severity="warning")(loud)
    r = load_bytes(BLUEPRINT.encode(), "bp.yaml")
    assert r.blueprint is not None
    fs = run_rules(r.blueprint, Config(severity={"SB992": "error"}))
    assert [f.severity for f in fs if f.rule == "SB992"] == ["error"]


# -- the same with a real rule --------------------------------------------------------------------
REAL = """\
salesblueprint: 1
name: Real
pipelines:
  - id: deals
    stages:
      - id: talking
        exit_criteria:
          - outcome: Buyer signed the order form
      - id: won
        outcome: won
      - id: lost
        outcome: lost
"""


def _real(tmp_path: Path, text: str, config: Config | None = None) -> list[Finding]:
    p = tmp_path / "real.yaml"
    p.write_text(text, encoding="utf-8")
    return check_file(p, config)


def test_real_rule_ignored_by_name_at_the_criterion(tmp_path: Path) -> None:
    before = [f for f in _real(tmp_path, REAL) if f.rule == "SB221"]
    assert [(f.line, f.column) for f in before] == [(8, 22)]
    text = REAL.replace(
        "          - outcome: Buyer signed the order form\n",
        "          - outcome: Buyer signed the order form\n"
        "            lint: {ignore: [exit-criterion-without-evidence]}\n",
    )
    after = _real(tmp_path, text)
    assert not [f for f in after if f.rule in ("SB221", "SB901")]


def test_real_rule_ignored_at_the_pipeline_by_code(tmp_path: Path) -> None:
    text = REAL.replace("  - id: deals\n", "  - id: deals\n    lint: {ignore: [SB221]}\n")
    assert not [f for f in _real(tmp_path, text) if f.rule in ("SB221", "SB901")]


def test_real_rule_severity_override(tmp_path: Path) -> None:
    fs = _real(tmp_path, REAL, Config(severity={"SB221": "error"}))
    assert [f.severity for f in fs if f.rule == "SB221"] == ["error"]
    fs = _real(tmp_path, REAL, Config(severity={"SB221": None}))
    assert not [f for f in fs if f.rule == "SB221"]
