"""Export to each CRM, the round trip import(export(bp)), the HubSpot plan, and drift."""

from __future__ import annotations

import json
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest

from salesblueprint.interop import drift, export_crm, import_crm, read_crm
from salesblueprint.interop.hubspot import parse, plan, raw_stages
from salesblueprint.interop.pipedrive import parse as parse_pipedrive
from salesblueprint.interop.salesforce import required_stages
from salesblueprint.model.load import load_bytes, load_file

from .conftest import DATA, run_cli

REPO = Path(__file__).parents[2]
TEMPLATE = REPO / "src" / "salesblueprint" / "templates" / "hubspot.blueprint.yaml"


def _bp(text: str, name: str = "bp.yaml"):  # type: ignore[no-untyped-def]
    r = load_bytes(text.encode(), name)
    assert r.blueprint is not None, [str(f) for f in r.findings]
    return r.blueprint


def _shape(bp, pipeline: int = 0, outcomes: bool = True):  # type: ignore[no-untyped-def]
    p = bp.pipelines[pipeline]
    return [
        (s.label, s.probability if s.outcome is None else None, s.outcome)
        for s in p.stages
        if outcomes or s.outcome is None
    ]


def _template():  # type: ignore[no-untyped-def]
    r = load_file(TEMPLATE)
    assert r.blueprint is not None
    return r.blueprint


def test_hubspot_payload_has_string_metadata() -> None:
    bp = _template()
    out = export_crm(bp, "hubspot", bp.pipelines[0].id)
    payload = json.loads(out.text or "")
    assert set(payload) == {"label", "displayOrder", "stages"}
    for i, s in enumerate(payload["stages"]):
        assert s["displayOrder"] == i
        assert all(isinstance(v, str) for v in s["metadata"].values())
    closed_won = {"probability": "1.0", "isClosed": "true"}
    won = [s for s in payload["stages"] if s["metadata"] == closed_won]
    assert len(won) == 1
    assert any("API" in n and "workflow" in n for n in out.notes)


def test_round_trip_hubspot() -> None:
    bp = _template()
    payload = json.loads(export_crm(bp, "hubspot", bp.pipelines[0].id).text or "")
    back = _bp(import_crm("hubspot", parse(payload, "payload.json")))
    assert _shape(back) == _shape(bp)


def test_round_trip_pipedrive() -> None:
    bp = _bp(import_crm("pipedrive", str(DATA / "pipedrive" / "custom.json")))
    payload = json.loads(export_crm(bp, "pipedrive", bp.pipelines[0].id).text or "")
    stages = payload["stages"]
    assert stages[0] == {
        "name": "Lead in",
        "order_nr": 1,
        "pipeline_id": 2,
        "deal_probability": 10,
        "is_deal_rot_enabled": True,
        "days_to_rotten": 7,
    }
    body = {"data": [{**s, "id": 100 + i} for i, s in enumerate(stages)]}
    back = _bp(import_crm("pipedrive", parse_pipedrive(body, "x.json")))
    assert _shape(back) == _shape(bp, 0)
    assert [s.expected_days for s in back.pipelines[0].stages] == [
        s.expected_days for s in bp.pipelines[0].stages
    ]


def test_salesforce_export_deployable_and_round_trip(tmp_path: Path) -> None:
    bp = _bp(import_crm("salesforce", str(DATA / "salesforce")))
    out = tmp_path / "sf"
    r = run_cli(
        "export",
        "salesforce",
        _write(tmp_path, bp_text := import_crm("salesforce", str(DATA / "salesforce"))),
        "-o",
        str(out),
    )
    assert r.returncode == 0, r.stderr
    assert "does not check them" in r.stderr
    del bp_text
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert "package.xml" in files
    assert "standardValueSets/OpportunityStage.standardValueSet-meta.xml" in files
    assert "objects/Opportunity/businessProcesses/New Business.businessProcess-meta.xml" in files
    for f in files:
        SafeET.parse(out / f)  # well-formed
    proc = out / "objects/Opportunity/businessProcesses/New Business.businessProcess-meta.xml"
    assert "<fullName>Proposal%2FPrice Quote</fullName>" in proc.read_text()
    rule = next(out.rglob("*.validationRule-meta.xml")).read_text()
    assert "PRIORVALUE(StageName)" in rule and "ISCHANGED(StageName)" in rule
    stages = (out / "standardValueSets/OpportunityStage.standardValueSet-meta.xml").read_text()
    assert "<probability>75</probability>" in stages
    assert "<forecastCategory>Closed</forecastCategory>" in stages
    pkg = (out / "package.xml").read_text()
    for kind in (
        "BusinessProcess",
        "PathAssistant",
        "RecordType",
        "StandardValueSet",
        "ValidationRule",
    ):
        assert f"<name>{kind}</name>" in pkg
    back = _bp(import_crm("salesforce", str(out)))
    assert [p.name for p in back.pipelines] == [p.name for p in bp.pipelines]
    for i in range(len(bp.pipelines)):
        assert _shape(back, i) == _shape(bp, i)
    # guidance went out and came back
    assert back.pipelines[0].stages[0].rep_action == bp.pipelines[0].stages[0].rep_action


def test_salesforce_lead_conversion_round_trip(tmp_path: Path) -> None:
    text = (
        "salesblueprint: 1\nname: T\nteams: [{id: sdr, role: sdr}, {id: ae, role: ae}]\n"
        "lifecycle:\n  stages:\n    - {id: lead, name: New lead, owner: sdr}\n"
        "    - {id: sql, name: Qualified, owner: sdr, crm: {salesforce: Working - Qualified}}\n"
        "    - {id: opportunity, owner: ae, pipeline: deals, lead_conversion: {creates: "
        "[contact, account]}}\n"
        "    - {id: customer, owner: ae, terminal: true}\n"
        "pipelines:\n  - id: deals\n    owner: ae\n    stages:\n"
        "      - {id: intake, probability: 0.3}\n      - {id: won, outcome: won}\n"
        "      - {id: lost, outcome: lost}\n"
    )
    result = export_crm(_bp(text), "salesforce")
    leads = result.files["standardValueSets/LeadStatus.standardValueSet-meta.xml"]
    root = SafeET.fromstring(leads)
    ns = "{http://soap.sforce.com/2006/04/metadata}"
    values = [
        (v.findtext(f"{ns}fullName"), v.findtext(f"{ns}converted"))
        for v in root.iter(f"{ns}standardValue")
    ]
    assert values == [
        ("New lead", "false"),
        ("Working - Qualified", "false"),
        ("opportunity", "true"),
    ]
    assert "<members>LeadStatus</members>" in result.files["package.xml"]
    assert any("LeadStatus" in n for n in result.notes)
    assert any("creates no opportunity" in n for n in result.notes)
    out = tmp_path / "sf"
    for rel, body in result.files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(body)
    back = _bp(import_crm("salesforce", str(out)))
    assert back.lifecycle is not None
    assert [(s.name, s.lead_conversion is not None) for s in back.lifecycle.stages] == [
        ("New lead", False),
        ("Qualified", False),  # the label; the value keeps its name under crm:
        ("opportunity", True),
    ]
    assert back.lifecycle.stages[1].crm is not None
    assert back.lifecycle.stages[1].crm.salesforce == "Working - Qualified"
    assert back.lifecycle.stages[-1].pipeline == "deals"
    # no conversion point: no LeadStatus
    assert not any("LeadStatus" in f for f in export_crm(_template(), "salesforce").files)


def test_salesforce_path_guidance_carries_exit_criteria(tmp_path: Path) -> None:
    bp = _template()
    files, _notes = export_crm(bp, "salesforce").files, None
    path = next(v for k, v in files.items() if k.startswith("pathAssistants/"))
    crit = bp.pipelines[0].stages[0].exit_criteria[0].outcome
    assert "Exit criteria" in path and crit.split()[0] in path


def _write(tmp_path: Path, text: str) -> str:
    f = tmp_path / "bp.yaml"
    f.write_text(text, encoding="utf-8")
    return str(f)


def test_required_stages_follow_skips() -> None:
    bp = _bp(
        """salesblueprint: 1
name: x
pipelines:
  - id: p
    stages:
      - {id: a, probability: 0.1}
      - {id: b, probability: 0.3}
      - {id: c, probability: 0.6}
      - {id: won, outcome: won}
      - {id: lost, outcome: lost}
    transitions:
      - {from: a, to: c, kind: skip}
"""
    )
    assert [s.id for s in required_stages(bp.pipelines[0])] == ["a", "c"]


def test_hubspot_plan_against_relabelled_account() -> None:
    bp = _bp(import_crm("hubspot", str(DATA / "hubspot" / "default.json")))
    body = json.loads((DATA / "hubspot" / "relabelled.json").read_text())
    result = plan(bp.pipelines[0], parse(body, "relabelled.json"), raw_stages(body))
    # presentationscheduled is archived there; closedlost is gone (closedwon became lost)
    assert [c["label"] for c in result.create] == ["Presentation scheduled", "Closed lost"]
    assert {r["id"] for r in result.relabel} >= {"appointmentscheduled", "contractsent"}
    assert [a["id"] for a in result.archive] == ["1234567"]
    assert any(u["id"] == "contractsent" for u in result.update)
    assert "archive  1234567" in result.text()


def test_drift_agrees_with_own_import(tmp_path: Path) -> None:
    for crm, src in [
        ("hubspot", DATA / "hubspot" / "default.json"),
        ("pipedrive", DATA / "pipedrive" / "custom.json"),
        ("salesforce", DATA / "salesforce"),
    ]:
        bp = _bp(import_crm(crm, str(src)))
        assert drift(bp, crm, str(src)) == [], crm


def test_drift_reports_every_kind_at_the_blueprint_line(tmp_path: Path) -> None:
    f = _write(tmp_path, import_crm("hubspot", str(DATA / "hubspot" / "default.json")))
    r = run_cli(
        "drift",
        f,
        "--against",
        "hubspot",
        str(DATA / "hubspot" / "relabelled.json"),
        "--format",
        "json",
    )
    assert r.returncode == 1, r.stderr
    findings = json.loads(r.stdout)["findings"]
    rules = {x["rule"] for x in findings}
    assert rules == {"SB601", "SB602", "SB603", "SB605", "SB606"}
    assert all(x["line"] for x in findings)
    lines = Path(f).read_text().splitlines()
    removed = next(x for x in findings if x["rule"] == "SB602")
    assert "presentation_scheduled" in lines[removed["line"] - 1]
    renamed = [x for x in findings if x["rule"] == "SB603"]
    assert all("name:" in lines[x["line"] - 1] for x in renamed)
    for fmt in ("text", "sarif", "github"):
        r2 = run_cli(
            "drift",
            f,
            "--against",
            "hubspot",
            str(DATA / "hubspot" / "relabelled.json"),
            "--format",
            fmt,
        )
        assert r2.returncode == 1 and "SB603" in r2.stdout
    same = run_cli("drift", f, "--against", "hubspot", str(DATA / "hubspot" / "default.json"))
    assert same.returncode == 0, same.stdout


def test_drift_reorder_and_name_matching(tmp_path: Path) -> None:
    text = """salesblueprint: 1
name: x
pipelines:
  - id: sales_pipeline
    name: Sales Pipeline
    stages:
      - {id: a, name: Qualified to buy, probability: 0.4}
      - {id: b, name: appointment SCHEDULED, probability: 0.2}
      - {id: c, name: Presentation scheduled, probability: 0.6}
      - {id: d, name: Decision maker bought-in, probability: 0.8}
      - {id: e, name: Contract sent, probability: 0.9}
      - {id: won, name: Closed won, outcome: won}
      - {id: lost, name: Closed lost, outcome: lost}
"""
    bp = _bp(text)
    found = drift(bp, "hubspot", str(DATA / "hubspot" / "default.json"))
    # matched by name case-insensitively; the case change is a rename; one stage moved
    assert [(x.rule, x.path, x.line) for x in found] == [
        ("SB604", "pipelines[0].stages[1]", 8),
        ("SB603", "pipelines[0].stages[1]", 8),
    ]


def test_drift_unreadable_source_exit_2(tmp_path: Path) -> None:
    f = _write(tmp_path, import_crm("hubspot", str(DATA / "hubspot" / "default.json")))
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    r = run_cli("drift", f, "--against", "hubspot", str(bad))
    assert r.returncode == 2 and "bad.json:1" in r.stderr


@pytest.mark.parametrize("crm", ["hubspot", "pipedrive"])
def test_export_several_pipelines_needs_choice(tmp_path: Path, crm: str) -> None:
    f = _write(tmp_path, import_crm("salesforce", str(DATA / "salesforce")))
    r = run_cli("export", crm, f)
    assert r.returncode == 2 and "--pipeline" in r.stderr
    r = run_cli("export", crm, f, "--pipeline", "renewal")
    assert r.returncode == 0, r.stderr
    json.loads(r.stdout)


def test_drift_crm_pipeline_not_in_blueprint_is_information(tmp_path: Path) -> None:
    src = DATA / "pipedrive" / "custom.json"
    data = import_crm("pipedrive", read_crm("pipedrive", str(src), "2"))
    f = _write(tmp_path, data)
    r = run_cli("drift", f, "--against", "pipedrive", str(src), "--format", "json")
    findings = json.loads(r.stdout)["findings"]
    assert [(x["rule"], x["severity"]) for x in findings] == [("SB608", "info")]
    assert r.returncode == 0


def _simulate(formula: str, prior: str, new: str) -> bool:
    """Evaluate the rule's two CASE expressions for a move from ``prior`` to ``new``."""
    import re

    cases = re.findall(r"CASE\((StageName|PRIORVALUE\(StageName\)), (.*?), (\d+)\)", formula)
    values = {}
    for expr, body, default in cases:
        pairs = re.findall(r'"((?:[^"\\]|\\.)*)", (\d+)', body)
        values[expr] = ({k: int(v) for k, v in pairs}, int(default))
    new_map, new_default = values["StageName"]
    old_map, old_default = values["PRIORVALUE(StageName)"]
    return new_map.get(new, new_default) > old_map.get(prior, old_default)


def test_skip_rule_blocks_exactly_the_skips() -> None:
    from salesblueprint.interop.salesforce import skip_rule_formula

    bp = _bp(
        """salesblueprint: 1
name: x
pipelines:
  - id: p
    stages:
      - {id: a, name: A, probability: 0.1}
      - {id: b, name: B, probability: 0.3}
      - {id: c, name: C, probability: 0.5}
      - {id: d, name: "D/\\"x\\"", probability: 0.7}
      - {id: won, name: Won, outcome: won}
      - {id: lost, name: Lost, outcome: lost}
    transitions:
      - {from: a, to: c, kind: skip}
"""
    )
    formula = skip_rule_formula(bp.pipelines[0], "P")
    assert formula is not None and len(formula) < 3900
    assert 'RecordType.DeveloperName = "P"' in formula
    blocked = {
        (x, y)
        for x in ("A", "B", "C", 'D/"x"', "Won", "Lost")
        for y in ("A", "B", "C", 'D/"x"', "Won", "Lost")
        if x != y and _simulate(formula, x.replace('"', '\\"'), y.replace('"', '\\"'))
    }
    # b is optional (a declared skip jumps over it); c and d are required
    assert blocked == {
        ("A", 'D/"x"'),
        ("A", "Won"),
        ("B", 'D/"x"'),
        ("B", "Won"),
        ("C", "Won"),
    }
