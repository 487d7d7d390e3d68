"""Three realistic pipelines: what an experienced sales-process coach would say — and no more."""

from __future__ import annotations

from pathlib import Path

import pytest

from salesblueprint.api import check_file
from salesblueprint.diagnostics.findings import Finding
from salesblueprint.rules.registry import load_all

DATA = Path(__file__).parent / "data"


def _norm_findings(path: Path) -> list[Finding]:
    rules = load_all()
    return [f for f in check_file(path) if rules[f.rule].group == "norms"]


def _summary(findings: list[Finding]) -> list[tuple[int | None, str]]:
    return sorted((f.line, f.rule) for f in findings)


def test_hubspot_default_pipeline() -> None:
    findings = _norm_findings(DATA / "hubspot_default.yaml")
    assert _summary(findings) == [
        (14, "SB232"),  # Appointment scheduled -> Meeting accepted
        (17, "SB221"),  # Meeting booked: no evidence
        (17, "SB231"),  # Meeting booked: seller activity
        (19, "SB201"),  # Qualified to buy: bypassed by the inbound skip
        (19, "SB232"),  # Qualified to buy -> Needs confirmed
        (22, "SB211"),  # Rep feels ... good fit
        (22, "SB221"),
        (22, "SB231"),
        (24, "SB232"),  # Presentation scheduled -> Product evaluated
        (27, "SB231"),  # Demo given
        (34, "SB211"),  # Decision maker seems interested
        (34, "SB223"),  # Rep's judgement
        (38, "SB232"),  # Contract sent -> Terms agreed
        (41, "SB222"),  # evidence without recorded_in
        (41, "SB231"),  # Contract sent to the customer
    ]
    by_rule = {(f.line, f.rule): f for f in findings}
    assert "e.g. 'Meeting accepted'" in by_rule[(14, "SB232")].fix or ""
    assert "e.g. 'Needs confirmed'" in by_rule[(19, "SB232")].fix or ""
    assert "e.g. 'Product evaluated'" in by_rule[(24, "SB232")].fix or ""
    assert "e.g. 'Terms agreed'" in by_rule[(38, "SB232")].fix or ""
    assert "'Rep feels'" in by_rule[(22, "SB211")].message
    assert "'good fit'" in by_rule[(22, "SB211")].message
    assert "the skip from 'Appointment scheduled' to 'Presentation scheduled'" in (
        by_rule[(19, "SB201")].message
    )
    # the stage named for the buyer's progress is left alone
    assert not [f for f in findings if f.line in (29, 30, 31)]
    assert {f.norm for f in findings} == {"required", "factual", "inspectable", "buyer-centric"}


def test_dutch_seller_activity_pipeline() -> None:
    findings = _norm_findings(DATA / "nl_seller_activities.yaml")
    assert _summary(findings) == [
        (13, "SB232"),  # Eerste contact gelegd
        (16, "SB231"),  # Klant gebeld
        (20, "SB201"),  # Afspraak ingepland: skipped when the buyer asks for a price
        (20, "SB232"),  # Afspraak ingepland
        (23, "SB231"),  # Afspraak is ingepland in de agenda
        (27, "SB232"),  # Offerte verstuurd
        (30, "SB231"),  # Wij hebben de offerte verstuurd
        (33, "SB211"),  # Klant lijkt geïnteresseerd
        (33, "SB223"),  # Inschatting van de accountmanager
        (37, "SB232"),  # Onderhandeling: an activity noun (issue 11)
        (39, "SB211"),  # Klant gaat tekenen
        (39, "SB221"),
    ]
    msgs = {(f.line, f.rule): f"{f.message}\n{f.fix}" for f in findings}
    assert "'Klant heeft gereageerd'" in msgs[(13, "SB232")]
    assert "'Afspraak geaccepteerd'" in msgs[(20, "SB232")]
    assert "'Offerte beoordeeld'" in msgs[(27, "SB232")]
    assert "('lijkt', 'geïnteresseerd')" in msgs[(33, "SB211")]
    assert "('gaat')" in msgs[(39, "SB211")]


@pytest.mark.parametrize("name", ["buyer_centric.yaml", "buyer_centric_nl.yaml"])
def test_well_written_blueprint_has_no_norm_findings(name: str) -> None:
    findings = check_file(DATA / name)
    assert _norm_findings(DATA / name) == []
    assert [f for f in findings if f.severity == "error"] == []


def test_findings_carry_the_norm_and_point_at_the_outcome() -> None:
    findings = _norm_findings(DATA / "hubspot_default.yaml")
    f = next(f for f in findings if f.rule == "SB231" and f.line == 41)
    d = f.to_dict()
    assert d["norm"] == "buyer-centric"
    assert d["name"] == "exit-criterion-seller-action"
    assert d["path"] == "pipelines[0].stages[4].exit_criteria[0]"
    assert (d["line"], d["column"]) == (41, 22)
    redundancy = [r for r in load_all().values() if r.group == "norms" and r.norm is None]
    assert {r.code for r in redundancy} == {"SB241", "SB242", "SB251"}  # redundancy, language
