"""The reverse funnel: ``salesblueprint funnel`` and ``sb.funnel(bp)``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import salesblueprint as sb
from salesblueprint.cli import cli
from salesblueprint.funnel_maths import Funnel, funnel

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
CLEAN = Path(__file__).parent / "data" / "clean_complete.yaml"

BASE = """\
salesblueprint: 1
name: Funnel
lifecycle:
  stages:
    - {id: lead, conversion_rate: LEAD}
    - {id: mql, conversion_rate: MQL}
    - {id: opportunity, pipeline: deals, conversion_rate: WIN}
    - {id: customer, terminal: true}
pipelines:
  - id: deals
    stages:
      - {id: terms_agreed}
      - {id: won, outcome: won}
      - {id: lost, outcome: lost, reasons: [no_budget]}
sla:
  targets: {period: PERIOD, revenue: REVENUE, average_deal_size: SIZE}
"""


def _bp(tmp_path: Path, text: str | None = None, **values: object) -> sb.Blueprint:
    text = text if text is not None else BASE
    defaults = {
        "LEAD": 0.25,
        "MQL": 0.4,
        "WIN": 0.2,
        "PERIOD": "quarter",
        "REVENUE": 300000,
        "SIZE": 12000,
    }
    for key, value in {**defaults, **values}.items():
        text = text.replace(key, str(value))
    p = tmp_path / "blueprint.yaml"
    p.write_text(text, encoding="utf-8")
    return sb.load(p)


def _numbers(f: Funnel) -> list[tuple[str, int | None, int | None]]:
    return [(s.key, s.per_period, s.per_week) for s in f.steps]


# -- the maths ------------------------------------------------------------------------------
def test_reverse_funnel_rounds_up_at_each_step(tmp_path: Path) -> None:
    f = funnel(_bp(tmp_path))
    assert f.complete and f.gaps == ()
    # 300000 / 12000 = 25 deals; / 0.2 = 125; / 0.4 = 312.5 -> 313; / 0.25 = 1252
    assert _numbers(f) == [
        ("deals", 25, 2),  # 25 / 13 weeks = 1.9 -> 2
        ("opportunity", 125, 10),
        ("mql", 313, 25),
        ("lead", 1252, 97),
    ]
    assert f.deals == 25
    assert f.top is not None and f.top.key == "lead" and f.top.per_period == 1252
    assert f.opportunity_stage == "opportunity" and f.win_rate == 0.2
    assert f.steps[1].rate == 0.2 and f.steps[1].stage == "opportunity"
    assert f.steps[0].stage is None and f.steps[0].rate is None


def test_arithmetic_is_exact_not_float(tmp_path: Path) -> None:
    # in floats 3 / 0.1 is 30.000000000000004, which would round up to 31 opportunities
    f = funnel(_bp(tmp_path, REVENUE=30000, SIZE=10000, WIN=0.1, MQL=0.3, LEAD=0.7))
    assert _numbers(f)[:3] == [("deals", 3, 1), ("opportunity", 30, 3), ("mql", 100, 8)]
    assert _numbers(f)[3][1] == 143  # 100 / 0.7 = 142.86 -> 143


@pytest.mark.parametrize(
    ("period", "weeks", "per_week"),
    [
        ("month", 52 / 12, [6, 29, 73, 289]),
        ("quarter", 13, [2, 10, 25, 97]),
        ("year", 52, [1, 3, 7, 25]),
    ],
)
def test_per_week(tmp_path: Path, period: str, weeks: float, per_week: list[int]) -> None:
    f = funnel(_bp(tmp_path, PERIOD=period))
    assert f.weeks_per_period == pytest.approx(weeks)
    assert [s.per_week for s in f.steps] == per_week


def test_deal_size_above_revenue_needs_one_deal(tmp_path: Path) -> None:
    f = funnel(_bp(tmp_path, REVENUE=10000, SIZE=12000))
    assert f.deals == 1


def test_what_if_changes_only_what_it_names(tmp_path: Path) -> None:
    bp = _bp(tmp_path)
    base, better = funnel(bp), funnel(bp, {"mql": 0.5})
    assert better.rates_changed == {"mql": 0.5}
    assert _numbers(better) == [
        ("deals", 25, 2),
        ("opportunity", 125, 10),
        ("mql", 250, 20),
        ("lead", 1000, 77),
    ]
    assert _numbers(base)[3] == ("lead", 1252, 97)  # the original is untouched
    assert funnel(bp, {"opportunity": 0.25}).win_rate == 0.25


def test_opportunity_stage_without_pipeline_is_the_one_before_the_customer(
    tmp_path: Path,
) -> None:
    text = BASE.replace(", pipeline: deals", "").replace("id: customer", "id: klant")
    f = funnel(_bp(tmp_path, text))
    assert f.opportunity_stage == "opportunity"
    assert f.complete


# -- what is missing --------------------------------------------------------------------
def test_missing_rate_names_the_stage_and_keeps_what_can_be_computed(tmp_path: Path) -> None:
    text = BASE.replace("- {id: mql, conversion_rate: MQL}", "- {id: mql}")
    f = funnel(_bp(tmp_path, text))
    assert not f.complete
    assert [(g.kind, g.stage) for g in f.gaps] == [("rate", "mql")]
    assert "lifecycle stage 'mql' has no conversion_rate" in f.gaps[0].message
    assert "add `conversion_rate:" in f.gaps[0].message
    assert _numbers(f) == [
        ("deals", 25, 2),
        ("opportunity", 125, 10),
        ("mql", None, None),
        ("lead", None, None),
    ]


def test_missing_targets(tmp_path: Path) -> None:
    text = BASE.replace(", average_deal_size: SIZE", "")
    f = funnel(_bp(tmp_path, text))
    assert [g.kind for g in f.gaps] == ["average_deal_size"]
    assert f.deals is None and all(s.per_period is None for s in f.steps)
    no_sla = funnel(_bp(tmp_path, BASE.split("sla:")[0]))
    assert [g.kind for g in no_sla.gaps] == ["no_targets"]
    assert "add `sla: {targets: {period: quarter" in no_sla.gaps[0].message


def test_zero_rate_and_no_rates(tmp_path: Path) -> None:
    f = funnel(_bp(tmp_path, MQL=0))
    assert [(g.kind, g.stage) for g in f.gaps] == [("zero_rate", "mql")]
    text = BASE.replace(", conversion_rate: LEAD", "")
    text = text.replace(", conversion_rate: MQL", "").replace(", conversion_rate: WIN", "")
    none = funnel(_bp(tmp_path, text))
    assert [g.kind for g in none.gaps] == ["no_rates"]
    assert "lead, mql, opportunity" in none.gaps[0].message


def test_no_opportunity_stage(tmp_path: Path) -> None:
    text = BASE.replace(", pipeline: deals", "").replace("id: customer", "id: closed")
    f = funnel(_bp(tmp_path, text))
    assert [g.kind for g in f.gaps] == ["no_opportunity_stage"]
    assert f.steps == ()


# -- the examples ---------------------------------------------------------------------------
EXPECTED = {
    "hubspot-default.blueprint.yaml": [
        ("deals", 30, 3),
        ("opportunity", 150, 12),
        ("sql", 300, 24),
        ("mql", 858, 66),
        ("lead", 4290, 330),
        ("subscriber", 14300, 1100),
    ],
    "nl-inbound.blueprint.yaml": [
        ("deals", 30, 3),
        ("opportunity", 150, 12),
        ("sql", 300, 24),
        ("mql", 750, 58),
        ("lead", 3000, 231),
    ],
    "siriusdecisions-waterfall.blueprint.yaml": [
        ("deals", 150, 3),
        ("opportunity", 600, 12),
        ("sql", 1200, 24),
        ("sal", 2000, 39),
        ("mql", 4000, 77),
        ("inquiry", 20000, 385),
    ],
    "startup-lead-process.blueprint.yaml": [
        ("deals", 8, 2),
        ("opportunity", 27, 7),
        ("lead", 68, 16),
        ("nurture", 680, 157),
    ],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_examples_answer_how_many_leads(name: str) -> None:
    path = EXAMPLES / name
    if not path.exists():
        pytest.skip(f"{name} is not in examples/")
    bp = sb.load(path)
    f = funnel(bp)
    assert f.complete, [g.message for g in f.gaps]
    assert _numbers(f) == EXPECTED[name]


def test_every_example_with_targets_has_a_complete_funnel() -> None:
    for path in sorted(EXAMPLES.glob("*.blueprint.yaml")):
        bp = sb.load(path)
        if bp.sla is not None and bp.sla.targets is not None:
            f = funnel(bp)
            assert f.complete, (path.name, [g.message for g in f.gaps])


# -- the public API -------------------------------------------------------------------------
def test_sb_funnel_is_the_function_even_after_the_rules_imported_the_module() -> None:
    bp = sb.load(CLEAN)
    sb.check(bp)  # imports the rules, which import salesblueprint.funnel_maths
    f = sb.funnel(bp)
    assert isinstance(f, Funnel) and f.top is not None and f.top.per_period == 2000
    assert "funnel" in sb.__all__
    data = f.to_dict()
    assert data["complete"] is True
    assert data["targets"]["revenue"] == 300000 and data["targets"]["currency"] == "EUR"
    assert [s["per_period"] for s in data["steps"]] == [25, 100, 200, 500, 2000]


# -- the command line -----------------------------------------------------------------------
def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["funnel", *args])
    return result.exit_code, result.output


def test_cli_text_table() -> None:
    code, out = _run(str(CLEAN))
    assert code == 0, out
    assert "Revenue target  EUR 300,000 per quarter" in out
    assert "Win rate        25% (stage 'opportunity')" in out
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("Step"))
    assert lines[header].split() == ["Step", "Rate", "Per", "quarter", "Per", "week"]
    assert lines[header + 2].split() == ["Deals", "won", "-", "25", "2"]
    assert lines[header + 3].split() == ["Opportunity", "(win", "rate)", "25%", "100", "8"]
    assert lines[header + 6].split() == ["Lead", "25%", "2,000", "154"]
    assert "you need 2,000 contacts in 'Lead' per quarter (154 per week)" in out
    assert _run(str(CLEAN)) == (code, out)  # deterministic


def test_cli_json_and_markdown() -> None:
    code, out = _run(str(CLEAN), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["complete"] and data["opportunity_stage"] == "opportunity"
    assert [s["step"] for s in data["steps"]] == ["deals", "opportunity", "sql", "mql", "lead"]
    code, out = _run(str(CLEAN), "--format", "markdown")
    assert code == 0
    assert "| Step | Rate | Per quarter | Per week |" in out
    assert "| Lead | 25% | 2,000 | 154 |" in out


def test_cli_what_if() -> None:
    code, out = _run(str(CLEAN), "--what-if", "mql=0.5", "--what-if", "sql=60%")
    assert code == 0, out
    assert "What-if rate" in out
    assert "What if (mql 50%, sql 60%)" in out
    data = json.loads(_run(str(CLEAN), "--what-if", "mql=0.5", "--format", "json")[1])
    assert data["what_if"]["what_if_rates"] == {"mql": 0.5}
    assert data["what_if"]["steps"][-1]["per_period"] == 1600  # 200 / 0.5 = 400 / 0.25


@pytest.mark.parametrize(
    ("arg", "message"),
    [
        ("mq=0.5", "no lifecycle stage 'mq' (did you mean 'mql'?)"),
        ("mql=1.5", "a share above 0 and at most 1"),
        ("mql=0", "a share above 0 and at most 1"),
        ("mql=lots", "'lots' is not a rate"),
        ("mql", "write STAGE=RATE"),
        (
            "customer=0.5",
            "stage 'customer' is not on the funnel's path (lead, mql, sql, opportunity)",
        ),
    ],
)
def test_cli_what_if_usage_errors(arg: str, message: str) -> None:
    code, out = _run(str(CLEAN), "--what-if", arg)
    assert code == 2
    assert message in out


def test_cli_missing_rate_says_where(tmp_path: Path) -> None:
    text = BASE.replace("- {id: mql, conversion_rate: MQL}", "- {id: mql}")
    bp = _bp(tmp_path, text)
    code, out = _run(bp.file)
    assert code == 1
    assert f"{bp.file}:6:12: lifecycle stage 'mql' has no conversion_rate" in out
    assert ["mql", "?", "?", "?"] in [line.split() for line in out.splitlines()]
    assert ["lead", "25%", "?", "?"] in [line.split() for line in out.splitlines()]


def test_cli_file_that_does_not_load(tmp_path: Path) -> None:
    p = tmp_path / "bad.yaml"
    p.write_text("salesblueprint: 1\nname: Bad\nlifecycle: {stages: [{id: lead, colour: red}]}\n")
    code, out = _run(str(p))
    assert code == 1
    assert "SB020 unknown-key" in out and "Traceback" not in out
    code, out = _run(str(p), "--format", "json")
    assert code == 1 and json.loads(out)["summary"]["error"] == 1
    code, out = _run(str(tmp_path / "missing.yaml"))
    assert code == 1 and "cannot read the file" in out
