"""``funnel --from-audit``: the reverse funnel with the conversion rates an audit observed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import salesblueprint as sb
from salesblueprint.cli import cli
from salesblueprint.funnel_maths import AuditReportError, funnel, observed_rates
from separate_stderr import runner

pytest.importorskip("duckdb")

BLUEPRINT = """\
salesblueprint: 1
name: Funnel
lifecycle:
  stages:
    - {id: lead, conversion_rate: 0.25}
    - {id: mql, conversion_rate: 0.4}
    - {id: opportunity, pipeline: deals, conversion_rate: 0.2}
    - {id: customer, terminal: true}
pipelines:
  - id: deals
    stages:
      - {id: terms_agreed}
      - {id: won, outcome: won}
      - {id: lost, outcome: lost, reasons: [no_budget]}
sla:
  targets: {period: quarter, revenue: 300000, average_deal_size: 12000}
"""


def _history(path: Path) -> Path:
    """100 leads; 50 reach mql, 20 opportunity, 5 customer: observed 50%, 40%, 25%."""
    lines = ["deal_id,stage,entered_at"]
    for i in range(100):
        stages = ["lead"]
        stages += ["mql"] if i < 50 else []
        stages += ["opportunity"] if i < 20 else []
        stages += ["customer"] if i < 5 else []
        lines += [f"c{i},{s},2025-01-{j + 1:02d}T09:00:00Z" for j, s in enumerate(stages)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def setup(tmp_path: Path) -> tuple[Path, Path]:
    bp = tmp_path / "blueprint.yaml"
    bp.write_text(BLUEPRINT, encoding="utf-8")
    out = tmp_path / "audit.json"
    r = runner().invoke(
        cli,
        [
            "audit",
            str(bp),
            str(_history(tmp_path / "h.csv")),
            "--pipeline",
            "lifecycle",
            "--format",
            "json",
            "-o",
            str(out),
        ],
    )
    assert r.exit_code == 0, r.stderr
    return bp, out


def funnel_cli(*args: str) -> tuple[int, str, str]:
    r = runner().invoke(cli, ["funnel", *args])
    return r.exit_code, r.stdout, r.stderr


def test_observed_rates_recompute_the_funnel(setup: tuple[Path, Path]) -> None:
    bp_path, audit = setup
    bp = sb.load(bp_path)
    o = observed_rates(bp, json.loads(audit.read_text(encoding="utf-8")), str(audit))
    assert o.rates == {"lead": 0.5, "mql": 0.4, "opportunity": 0.25}
    assert o.counts == {"lead": (50, 100), "mql": (20, 50), "opportunity": (5, 20)}
    declared, seen = funnel(bp), funnel(bp, observed=o)
    # 25 deals a quarter; declared 20% / 40% / 25%, observed 25% / 40% / 50%
    assert [s.per_period for s in declared.steps] == [25, 125, 313, 1252]
    assert [s.per_period for s in seen.steps] == [25, 100, 250, 500]
    assert seen.win_rate == 0.25 and seen.observed is o


def test_cli_text_markdown_json(setup: tuple[Path, Path]) -> None:
    bp, audit = (str(x) for x in setup)
    code, out, err = funnel_cli(bp, "--from-audit", audit)
    assert code == 0, err
    assert "Observed rate" in out
    assert (
        "Observed (lead 50%, mql 40%, opportunity 25%): to win 25 deals per quarter you "
        "need 500 contacts in 'lead' per quarter (39 per week)." in out
    )
    assert "(lead 50/100, mql 20/50, opportunity 5/20); 100 contacts" in out
    code, out, _ = funnel_cli(bp, "--from-audit", audit, "--format", "markdown")
    assert code == 0 and "| Observed rate |" in out
    code, out, _ = funnel_cli(bp, "--from-audit", audit, "--format", "json")
    data = json.loads(out)
    assert "what_if" not in data
    assert [s["per_period"] for s in data["observed"]["steps"]] == [25, 100, 250, 500]
    assert data["observed"]["observed"]["counts"]["mql"] == {"converted": 20, "entered": 50}
    code, out, _ = funnel_cli(bp, "--from-audit", audit, "--lang", "nl")
    assert "Waargenomen" in out


def test_stage_nobody_left_keeps_its_rate(setup: tuple[Path, Path]) -> None:
    bp_path, audit = setup
    data = json.loads(audit.read_text(encoding="utf-8"))
    data["stages"]["mql"]["converted"] = 0
    data["stages"]["lead"].update(entered=0, converted=0)
    o = observed_rates(sb.load(bp_path), data, "a.json")
    assert o.rates == {"opportunity": 0.25}
    assert [str(n) for n in o.notes] == [
        "no contact entered 'lead' in the audit: its declared rate is kept",
        "none of the 50 contacts in 'mql' reached a later stage in the audit: its declared "
        "rate is kept",
    ]


def test_not_an_audit_of_this_blueprint(setup: tuple[Path, Path], tmp_path: Path) -> None:
    bp, audit = setup
    data = json.loads(audit.read_text(encoding="utf-8"))

    def write(name: str, content: object) -> str:
        p = tmp_path / name
        p.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
        return str(p)

    cases = {
        write("text.json", "not json"): "not JSON",
        write("other.json", {"name": "x"}): "not a salesblueprint audit report",
        write("deals.json", {**data, "pipeline": "deals"}): "an audit of pipeline 'deals'",
        write("stages.json", {**data, "stages": {"lead": {}, "sql": {}}}): (
            "not an audit of this blueprint: its lifecycle stages (lead, sql) are not the "
            "blueprint's (lead, mql, opportunity, customer)"
        ),
        str(tmp_path / "missing.json"): "cannot read it",
    }
    for path, message in cases.items():
        code, _, err = funnel_cli(str(bp), "--from-audit", path)
        assert code == 2 and message in err, (path, err)
        assert "Traceback" not in err
    bad = {**data, "stages": {**data["stages"], "mql": {"entered": 3}}}
    with pytest.raises(AuditReportError, match="stage 'mql' has no counts"):
        observed_rates(sb.load(bp), bad)
    code, _, err = funnel_cli(str(bp), "--from-audit", str(audit), "--what-if", "mql=0.5")
    assert code == 2 and "not both" in err
