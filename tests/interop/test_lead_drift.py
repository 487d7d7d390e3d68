"""Drift of the lead lifecycle against Salesforce's lead statuses (LeadStatus value set):
added, removed, renamed, re-ordered statuses and a moved conversion point, at the lines of
the blueprint's lifecycle stages, in every output format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from salesblueprint.interop import drift, import_crm
from salesblueprint.model.load import load_bytes

from .conftest import DATA, run_cli

# the blueprint's lifecycle as the import writes it from the fixture folder
BLUEPRINT = """salesblueprint: 1
name: Leads
teams: [{id: sdr, role: sdr}, {id: ae, role: ae}]
lifecycle:
  stages:
    - id: open
      name: Open - Not Contacted
      owner: sdr
      crm: {salesforce: Open - Not Contacted}
    - id: working
      name: Working - Contacted
      owner: sdr
      crm: {salesforce: Working - Contacted}
    - id: converted
      name: Closed - Converted
      owner: ae
      lead_conversion: {creates: [contact, account, opportunity]}
      terminal: true
      crm: {salesforce: Closed - Converted}
pipelines:
  - id: deals
    name: Opportunity stages
    stages:
      - {id: prospecting, name: Prospecting, probability: 0.1, crm: {salesforce: Prospecting}}
      - {id: won, name: Closed Won, outcome: won, crm: {salesforce: Closed Won}}
      - {id: lost, name: Closed Lost, outcome: lost, crm: {salesforce: Closed Lost}}
"""
STAGES = """<?xml version="1.0" encoding="UTF-8"?>
<StandardValueSet xmlns="http://soap.sforce.com/2006/04/metadata">
    <standardValue><fullName>Prospecting</fullName><probability>10</probability></standardValue>
    <standardValue><fullName>Closed Won</fullName><closed>true</closed><won>true</won>
        <probability>100</probability></standardValue>
    <standardValue><fullName>Closed Lost</fullName><closed>true</closed><won>false</won>
        <probability>0</probability></standardValue>
</StandardValueSet>
"""
LINE = {  # the line of each lifecycle stage's `- id:`
    "open": 6,
    "working": 10,
    "converted": 14,
}

Status = tuple[str, str, bool]  # fullName, label, converted
DEFAULT: list[Status] = [
    ("Open - Not Contacted", "Open - Not Contacted", False),
    ("Working - Contacted", "Working - Contacted", False),
    ("Closed - Converted", "Closed - Converted", True),
    ("Closed - Not Converted", "Closed - Not Converted", False),
]


def _org(tmp_path: Path, statuses: list[Status] | None) -> Path:
    """A retrieved org: the blueprint's opportunity stages (no business process) and these
    lead statuses (None: no LeadStatus file)."""
    d = tmp_path / "org" / "force-app" / "main" / "default" / "standardValueSets"
    d.mkdir(parents=True)
    (d / "OpportunityStage.standardValueSet-meta.xml").write_text(STAGES, encoding="utf-8")
    if statuses is None:
        return tmp_path / "org"
    f = d / "LeadStatus.standardValueSet-meta.xml"
    body = "".join(
        f"    <standardValue>\n        <fullName>{n}</fullName>\n"
        f"        <default>false</default>\n        <label>{label}</label>\n"
        f"        <converted>{str(c).lower()}</converted>\n    </standardValue>\n"
        for n, label, c in statuses
    )
    f.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<StandardValueSet '
        f'xmlns="http://soap.sforce.com/2006/04/metadata">\n{body}</StandardValueSet>\n',
        encoding="utf-8",
    )
    return tmp_path / "org"


def _bp(text: str = BLUEPRINT):  # type: ignore[no-untyped-def]
    r = load_bytes(text.encode(), "bp.yaml")
    assert r.blueprint is not None, [str(f) for f in r.findings]
    return r.blueprint


def _found(tmp_path: Path, statuses: list[Status] | None, text: str = BLUEPRINT) -> list[tuple]:  # type: ignore[type-arg]
    """(rule, line) of the lifecycle findings (the pipeline ones aside)."""
    out = drift(_bp(text), "salesforce", str(_org(tmp_path, statuses)))
    return [(f.rule, f.line) for f in out if f.path.startswith("lifecycle")]


def test_the_imported_lifecycle_agrees_with_the_org(tmp_path: Path) -> None:
    assert drift(_bp(), "salesforce", str(_org(tmp_path, DEFAULT))) == []
    # and so does the import's own blueprint, processes and all
    bp = _bp(import_crm("salesforce", str(DATA / "salesforce")))
    assert drift(bp, "salesforce", str(DATA / "salesforce")) == []


def test_renamed_added_reordered_statuses(tmp_path: Path) -> None:
    org = [
        ("Working - Contacted", "Contacted", False),  # relabelled, and now first
        ("Open - Not Contacted", "Open - Not Contacted", False),
        ("Nurturing", "Nurturing", False),  # new, before the conversion
        ("Closed - Converted", "Closed - Converted", True),
        ("Closed - Not Converted", "Closed - Not Converted", False),
        ("Closed - Duplicate", "Closed - Duplicate", False),  # after it: not the lifecycle's
    ]
    out = drift(_bp(), "salesforce", str(_org(tmp_path, org)))
    got = {(f.rule, f.line) for f in out}
    assert got == {("SB603", LINE["working"] + 1), ("SB604", LINE["working"]), ("SB601", 6)}
    msgs = {f.rule: f.message for f in out}
    assert msgs["SB603"] == (
        "lifecycle stage 'Working - Contacted' is called 'Contacted' in Salesforce "
        "(lead status Working - Contacted)"
    )
    assert msgs["SB601"] == (
        "Salesforce has lead status 'Nurturing' up to the conversion that the lifecycle does not"
    )
    assert msgs["SB604"] == (
        "lifecycle stage 'Working - Contacted' is number 2 of the matched lead statuses in "
        "the blueprint, 1 in Salesforce"
    )


def test_removed_status(tmp_path: Path) -> None:
    org = [s for s in DEFAULT if s[0] != "Working - Contacted"]
    out = drift(_bp(), "salesforce", str(_org(tmp_path, org)))
    assert [(f.rule, f.line, f.message) for f in out] == [
        (
            "SB602",
            LINE["working"],
            "lifecycle stage 'Working - Contacted' is not a Salesforce lead status "
            "(id Working - Contacted is gone)",
        )
    ]


def test_conversion_moved_to_another_status(tmp_path: Path) -> None:
    org = [
        ("Open - Not Contacted", "Open - Not Contacted", False),
        ("Working - Contacted", "Working - Contacted", True),
        ("Closed - Converted", "Closed - Converted", False),
        ("Closed - Not Converted", "Closed - Not Converted", False),
    ]
    out = drift(_bp(), "salesforce", str(_org(tmp_path, org)))
    assert [(f.rule, f.line) for f in out] == [
        ("SB609", LINE["working"]),
        ("SB609", LINE["converted"] + 3),  # at lead_conversion:
    ]
    assert out[0].message == (
        "Salesforce's lead status 'Working - Contacted' is marked converted, but the "
        "blueprint converts the lead at 'Closed - Converted'"
    )
    assert out[1].message.endswith("is not marked converted (converted: 'Working - Contacted')")
    assert all(f.severity == "error" for f in out)


def test_no_status_marked_converted(tmp_path: Path) -> None:
    org = [(n, label, False) for n, label, _c in DEFAULT]
    out = drift(_bp(), "salesforce", str(_org(tmp_path, org)))
    assert [(f.rule, f.line) for f in out] == [("SB609", LINE["converted"] + 3)]
    assert out[0].message.endswith("(no status is marked converted)")
    # and a conversion stage with no status of its own: removed, no conversion point, and
    # with no end to the org's lifecycle every status is on it ('Closed - Not Converted')
    org = [s for s in org if s[0] != "Closed - Converted"]
    rules = sorted(f.rule for f in drift(_bp(), "salesforce", str(_org(tmp_path / "b", org))))
    assert rules == ["SB601", "SB602", "SB609"]


def test_no_lead_statuses_in_the_source_is_information(tmp_path: Path) -> None:
    out = drift(_bp(), "salesforce", str(_org(tmp_path, None)))
    assert [(f.rule, f.severity, f.line) for f in out] == [("SB610", "info", LINE["converted"] + 3)]
    assert "sf project retrieve start -m StandardValueSet:LeadStatus" in out[0].message


def test_a_blueprint_without_conversion_compares_no_lead_statuses(tmp_path: Path) -> None:
    conversion = "      lead_conversion: {creates: [contact, account, opportunity]}\n"
    text = BLUEPRINT.replace(conversion, "")
    org = [("Something else", "Something else", True)]
    assert _found(tmp_path, org, text) == []
    assert _found(tmp_path / "b", None, text) == []


def test_other_crms_compare_no_lead_statuses() -> None:
    bp = _bp()
    out = drift(bp, "hubspot", str(DATA / "hubspot" / "default.json"))
    assert not [f for f in out if f.path.startswith("lifecycle")]


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_lead_drift_in_every_format(tmp_path: Path, fmt: str) -> None:
    bp = tmp_path / "bp.yaml"
    bp.write_text(BLUEPRINT, encoding="utf-8")
    org = [s for s in DEFAULT if s[0] != "Working - Contacted"]
    src = _org(tmp_path, org)
    r = run_cli("drift", str(bp), "--against", "salesforce", str(src), "--format", fmt)
    assert r.returncode == 1, r.stderr
    assert "SB602" in r.stdout and "Working - Contacted" in r.stdout
    if fmt == "json":
        (f,) = [x for x in json.loads(r.stdout)["findings"] if x["rule"] == "SB602"]
        assert f["line"] == LINE["working"] and f["path"] == "lifecycle.stages[1]"
    if fmt == "sarif":
        run = json.loads(r.stdout)["runs"][0]
        assert any(x["ruleId"] == "SB602" for x in run["results"])
    if fmt == "github":
        assert f"line={LINE['working']}" in r.stdout
    info = run_cli("drift", str(bp), "--against", "salesforce", str(_org(tmp_path / "n", None)))
    assert info.returncode == 0 and "SB610" in info.stdout
