"""CRM export shapes: Salesforce OpportunityHistory and LeadHistory, HubSpot stage history."""

from __future__ import annotations

from pathlib import Path

import pytest

import salesblueprint as sb
from salesblueprint.audit import AuditError, audit

DATA = Path(__file__).parent / "data"


def test_salesforce_opportunity_history(bp_path: Path) -> None:
    r = audit(sb.load(bp_path), DATA / "salesforce_opportunity_history.csv", source="salesforce")
    h, c = r.history, r.conformance
    assert (h.rows, h.accepted, h.deals) == (13, 13, 4)
    # 006A's amount and close-date rows repeat the stage: 3 moves, not 5
    assert (c.transitions, c.allowed) == (6, 5)
    assert c.violations == {
        "skip": 1,  # 006B discovery -> won
        "backward": 0,
        "after_outcome": 0,
        "unknown_stage": 1,  # 006D Negotiation/Review
        "late_entry": 1,  # 006C starts at the demo
    }
    assert c.deals_with_violations == 3
    # 006D: discovery -> (unknown) -> demo is the allowed discovery -> demo
    assert c.examples["unknown_stage"][0].stage == "Negotiation/Review"
    assert r.stages["discovery"].median_days == pytest.approx(4.0)  # 006A 4d, 006B 2.27d, 006D 7d
    assert r.final == {"won": 2, "lost": 1, "open": 1}


def test_salesforce_lead_history_is_the_lifecycle(bp_path: Path) -> None:
    r = audit(
        sb.load(bp_path),
        DATA / "salesforce_lead_history.csv",
        source="salesforce",
        pipeline="lifecycle",
    )
    assert r.history.rows == 4  # Status rows only; the Rating change is not a stage entry
    assert r.conformance.violations["late_entry"] == 3  # the first status is not in the history
    assert r.conformance.transitions == r.conformance.allowed == 1  # 00Q1 mql -> sql
    assert r.stages["mql"].conversion == 0.5


def test_hubspot_dealstage_history(bp_path: Path) -> None:
    r = audit(sb.load(bp_path), DATA / "hubspot_dealstage_history.csv", source="hubspot")
    c = r.conformance
    assert r.history.rows == 7 and r.history.rejected["bad_timestamp"] == 0
    # newest-first order and an epoch-milliseconds time are put in time order
    assert c.violations["skip"] == 1  # 1001 demo -> won
    assert c.violations["unknown_stage"] == 1  # appointmentscheduled
    # 1001 discovery -> demo -> won, 1003 discovery -> lost
    assert (c.transitions, c.allowed) == (3, 2)
    assert r.history.first_at == "2025-03-01T09:00:00Z"  # +01:00 honoured


def test_hubspot_date_entered_columns(bp_path: Path) -> None:
    r = audit(sb.load(bp_path), DATA / "hubspot_date_entered.csv", source="hubspot")
    c = r.conformance
    assert r.history.rows == 8  # one row per filled date_entered cell
    assert (c.transitions, c.allowed) == (5, 4)
    assert c.violations["late_entry"] == 1  # 2003 starts at the demo
    assert c.violations["skip"] == 1  # 2003 demo -> won
    assert c.violations["backward"] == 0
    assert c.violations["unknown_stage"] == 0
    assert r.final == {"won": 2, "lost": 1, "open": 0}
    assert any("cannot be seen" in n for n in r.notes)


def test_salesforce_missing_column_exit_message(bp_path: Path, tmp_path: Path) -> None:
    f = tmp_path / "opp.csv"
    f.write_text("OpportunityID,Stage,CreatedDate\n006A,Discovery Call,2025-01-01\n")
    with pytest.raises(AuditError) as e:
        audit(sb.load(bp_path), f, source="salesforce")
    assert "'StageName'" in str(e.value) and "Stage" in str(e.value) and str(f) in str(e.value)


def test_top_level_api_and_pipeline_column(bp_path: Path, tmp_path: Path) -> None:
    text = bp_path.read_text(encoding="utf-8").replace(
        "pipelines:\n",
        "pipelines:\n  - id: renewals\n    name: Renewals\n    stages:\n"
        "      - id: discovery\n      - id: won\n        outcome: won\n",
    )
    bp_path.write_text(text, encoding="utf-8")
    f = tmp_path / "h.csv"
    f.write_text(
        "deal_id,stage,entered_at,pipeline\n"
        "d1,discovery,2025-01-01,Deals\nd1,demo,2025-01-02,deals\n"
        "r1,discovery,2025-01-01,renewals\nr1,won,2025-01-02,Renewals\n"
    )
    bp = sb.load(bp_path)
    deals = sb.audit(bp, f, pipeline="deals")
    assert isinstance(deals, sb.AuditResult)
    assert deals.history.rows == 2 and deals.conformance.allowed == 1
    assert any("other pipelines" in n for n in deals.notes)
    renewals = sb.audit(bp, [str(f)], pipeline="renewals")
    assert renewals.final["won"] == 1 and renewals.conformance.violations["skip"] == 0


def test_stages_match_by_crm_ids_first(bp_path: Path, tmp_path: Path) -> None:
    text = bp_path.read_text(encoding="utf-8").replace(
        "        name: Demo given\n",
        "        name: Demo given\n        crm: {hubspot: '12345678'}\n",
    )
    bp_path.write_text(text, encoding="utf-8")
    f = tmp_path / "h.csv"
    f.write_text("dealId,value,timestamp\n1,discoverycall,2025-01-01\n1,12345678,2025-01-02\n")
    r = audit(sb.load(bp_path), f, source="hubspot")
    assert r.conformance.allowed == 1 and r.conformance.violations["unknown_stage"] == 0


def test_hubspot_lifecycle_history(bp_path: Path, tmp_path: Path) -> None:
    f = DATA / "hubspot_lifecycle_history.csv"
    r = audit(sb.load(bp_path), f, source="hubspot-lifecycle")  # the lifecycle by default
    assert r.pipeline == "lifecycle"
    # 11 rows, one a cleared value (not a stage entry); one without a time
    assert (r.history.rows, r.history.accepted, r.history.deals) == (10, 9, 3)
    assert r.history.rejected["missing_value"] == 1
    c = r.conformance
    # marketingqualifiedlead finds mql, salesqualifiedlead sql; newest-first and epoch ms
    assert (c.transitions, c.allowed) == (5, 4)
    assert c.violations["backward"] == 1  # 502 sql -> mql (cleared, then set back)
    assert c.violations["unknown_stage"] == 1  # subscriber is not in the blueprint
    assert c.violations["late_entry"] == 1  # 503 starts at customer
    assert c.deals_with_violations == 2
    assert r.stages["mql"].entered == 2 and r.stages["sql"].entered == 2
    assert any("cleared" in n for n in r.notes)
    # the SLA on it: 2 handoffs into sql, 1 recycle back to mql (declared there)
    from .helpers import BLUEPRINT
    from .test_sla import SLA

    p = tmp_path / "sla.yaml"
    p.write_text(BLUEPRINT + SLA, encoding="utf-8")
    r = audit(p, f, source="hubspot-lifecycle")
    assert r.sla is not None and (r.sla.handoffs, r.sla.recycles_total) == (2, 1)
    assert r.sla.recycles[0].declared and r.conformance.violations["backward"] == 0
    with pytest.raises(AuditError, match="audit it with --pipeline lifecycle"):
        audit(p, f, source="hubspot-lifecycle", pipeline="deals")


def test_fivetran_hubspot_deal_stage_file(bp_path: Path) -> None:
    """HubSpot's deal_stage as Fivetran lands it, exported to a file: --source hubspot reads
    it (value, date_entered, source); the row marked _fivetran_deleted is not history."""
    r = audit(sb.load(bp_path), DATA / "fivetran_hubspot_deal_stage.csv", source="hubspot")
    assert (r.history.rows, r.history.deals) == (7, 3)
    assert r.conformance.violations["backward"] == 1
    assert r.conformance.violations["skip"] == 1  # demo -> won
    assert r.conformance.violations["late_entry"] == 1
    assert r.final == {"won": 1, "lost": 1, "open": 1}
    assert {b.value for b in r.breakdowns if b.column == "source"} == {"AUTOMATION", "CRM_UI"}


def test_fivetran_salesforce_opportunity_history_file(bp_path: Path) -> None:
    """Salesforce's opportunity_history as Fivetran lands it (snake_case names, is_deleted)."""
    r = audit(
        sb.load(bp_path), DATA / "fivetran_salesforce_opportunity_history.csv", source="salesforce"
    )
    assert (r.history.rows, r.history.deals) == (8, 2)
    assert r.conformance.violations["skip"] == 2  # demo -> won; discovery -> proposal
    assert r.conformance.unknown_stages == {"Negotiation": 1}
    assert r.stages["discovery"].median_days == 3.0  # the repeat is not a move
    assert r.final == {"won": 1, "lost": 1, "open": 0}
