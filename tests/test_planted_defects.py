"""One defect planted in a clean, complete blueprint yields exactly one clear finding, at the
planted line; the clean blueprint itself has no findings at all.

Each plant replaces one piece of ``tests/data/clean_complete.yaml`` and names the rule it must
trigger and a piece of the planted file (unique in it) on whose line the finding must be.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from salesblueprint.api import check_file
from salesblueprint.diagnostics.findings import Finding
from salesblueprint.rules.config import Config

CLEAN = Path(__file__).parent / "data" / "clean_complete.yaml"
NORMS_OFF = Config(ignore=frozenset({"SB221", "SB222"}))


@dataclass(frozen=True)
class Plant:
    id: str
    old: str  # exactly once in the clean file
    new: str
    rule: str
    at: str  # exactly once in the planted file: the finding is on the line where it starts
    config: Config | None = None

    def param(self) -> object:
        return pytest.param(self, id=f"{self.rule}-{self.id}")


HANDOFF = "  handoff:\n    from: mql\n    to: sql\n    follow_up_within: 24h\n    attempts: 3\n"
RECYCLE = (
    "  recycle:\n    - from: sql\n      to: mql\n"
    "      when: No reply after 3 attempts in two weeks\n"
    "      reasons: [no_response, bad_timing]\n"
)
LOST_DEALS_BACK = (
    "  transitions:\n    - from: opportunity\n      to: sql\n      kind: recycle\n"
    "      when: Deal lost on timing; sales re-qualifies the lead next quarter\n"
    "      reasons: [timing, no_decision]\n"
)
MQL_ACTIONS = (
    "      actions:\n        - Send the case study that fits the lead's industry\n"
    "        - Alert the sales owner when the lead requests a demo\n"
)

PLANTS = [
    # -- the SLA ------------------------------------------------------------------------
    Plant(
        "handoff within sales",
        "  handoff:\n    from: mql\n    to: sql\n",
        "  handoff:\n    from: sql\n    to: opportunity\n",
        "SB301",
        "    to: opportunity\n",
    ),
    Plant(
        "two conversion points",
        "        - Ask for a review and a referral\n",
        "        - Ask for a review and a referral\n      lead_conversion: {creates: [contact]}\n",
        "SB315",
        "      lead_conversion: {creates: [contact]}\n",
    ),
    Plant(
        "a fast lane to the conversion around the handoff",
        "  transitions:\n    - from: opportunity\n",
        "  transitions:\n    - from: lead\n      to: opportunity\n      kind: skip\n"
        "      intended: true\n      when: A partner introduces the buyer\n"
        "    - from: opportunity\n",
        "SB316",
        "      lead_conversion: {creates",
    ),
    Plant(
        "account executives before the conversion",
        "    name: Sales\n    role: sales\n",
        "    name: Sales\n    role: ae\n",
        "SB317",
        "      owner: sales\n      definition: Lead that sales accepted",
    ),
    Plant(
        "handoff from a stage without owner",
        "      owner: marketing\n      definition: Lead that fits",
        "      definition: Lead that fits",
        "SB302",
        "    - id: mql\n",
    ),
    Plant(
        "handoff without follow-up time",
        "    follow_up_within: 24h\n",
        "",
        "SB303",
        "    from: mql\n    to: sql\n    attempts: 3\n",
    ),
    Plant(
        "recycle stays within sales",
        "    - from: sql\n      to: mql\n      when: No reply",
        "    - from: opportunity\n      to: sql\n      when: No reply",
        "SB304",
        "      to: sql\n      when: No reply",
    ),
    Plant(
        "lost deals stay opportunities",
        LOST_DEALS_BACK,
        "",
        "SB305",
        "      pipeline: new_business\n",
    ),
    Plant(
        "disqualification without reasons",
        "    reasons: [wrong_segment, student, competitor]",
        "    reasons: []",
        "SB306",
        "    reasons: []",
    ),
    Plant(
        "recycle without reasons",
        "      reasons: [no_response, bad_timing]\n",
        "",
        "SB307",
        "    - from: sql\n      to: mql\n",
    ),
    Plant(
        "threshold out of reach",
        "    threshold: 60",
        "    threshold: 80",
        "SB308",
        "    threshold: 80",
    ),
    Plant(
        "scoring rule worth nothing",
        "      - signal: Visited the pricing page\n        kind: behaviour\n        points: 10",
        "      - signal: Visited the pricing page\n        kind: behaviour\n        points: 0",
        "SB309",
        "        points: 0",
    ),
    Plant(
        "no negative fit rule",
        "        kind: fit\n        points: -10",
        "        kind: behaviour\n        points: -10",
        "SB310",
        "      - signal: Job title",
    ),
    Plant(
        "deal size above the target",
        "    average_deal_size: 12000",
        "    average_deal_size: 400000",
        "SB311",
        "    average_deal_size: 400000",
    ),
    Plant(
        "a funnel stage without conversion rate",
        "      conversion_rate: 0.4\n",
        "",
        "SB312",
        "    - id: mql\n",
    ),
    Plant(
        "targets without average deal size",
        "    average_deal_size: 12000\n",
        "",
        "SB313",
        "    period: quarter",
    ),
    Plant("no review cadence", "  review: monthly\n", "", "SB314", HANDOFF),
    # -- pipeline coherence -------------------------------------------------------------
    Plant(
        "probability falls",
        "        probability: 0.4",
        "        probability: 0.1",
        "SB151",
        "        probability: 0.1",
    ),
    Plant(
        "a stage without probability among stages with one",
        "        probability: 0.4\n",
        "",
        "SB153",
        "      - id: product_evaluated\n",
    ),
    Plant(
        "won below 100%",
        "        outcome: won\n",
        "        outcome: won\n        probability: 0.9\n",
        "SB152",
        "        probability: 0.9",
    ),
    Plant(
        "lost without reasons",
        "        reasons: [no_budget, competitor, no_decision, timing]\n",
        "",
        "SB154",
        "      - id: lost\n",
    ),
    Plant(
        "deal stage owned by marketing",
        "        name: Product evaluated\n",
        "        name: Product evaluated\n        owner: marketing\n",
        "SB155",
        "        owner: marketing\n",
    ),
    # the schema already guards these (no separate rules): one SB022 each
    Plant(
        "expected_days zero",
        "        expected_days: 21",
        "        expected_days: 0",
        "SB022",
        "        expected_days: 0",
    ),
    Plant(
        "probability above 1",
        "        probability: 0.7",
        "        probability: 1.5",
        "SB022",
        "        probability: 1.5",
    ),
    Plant(
        "conversion rate above 1",
        "      conversion_rate: 0.4",
        "      conversion_rate: 1.2",
        "SB022",
        "      conversion_rate: 1.2",
    ),
    # -- the tool map -------------------------------------------------------------------
    Plant(
        "recorded_in names a record the tool does not hold",
        "          recorded_in: pipedrive.activity",
        "          recorded_in: pipedrive.meeting",
        "SB024",
        "          recorded_in: pipedrive.meeting",
    ),
    Plant(
        "contact without system of record",
        "    system_of_record: [contact, company, form_submission, lead_score, survey_response]",
        "    system_of_record: [company, form_submission, lead_score, survey_response]",
        "SB401",
        "    records: [contact, company, form_submission",
    ),
    Plant(
        "company with two systems of record",
        "    system_of_record: [deal, activity, email, note, document]",
        "    system_of_record: [company, deal, activity, email, note, document]",
        "SB402",
        "    system_of_record: [company, deal",
    ),
    Plant(
        "system of record for a record the tool does not hold",
        "    system_of_record: [invoice]",
        "    system_of_record: [invoice, payment]",
        "SB403",
        "    system_of_record: [invoice, payment]",
    ),
    Plant(
        "flow from an undeclared tool",
        "  - from: pipedrive\n    to: moneybird",
        "  - from: exact\n    to: moneybird",
        "SB024",
        "  - from: exact",
    ),
    Plant(
        "flow carries data the source does not hold",
        "    data: [contact, company]\n",
        "    data: [contact, company, deal]\n",
        "SB404",
        "    data: [contact, company, deal]",
    ),
    Plant(
        "flow triggered by a stage that does not exist",
        "    trigger: customer",
        "    trigger: klant",
        "SB024",
        "    trigger: klant",
    ),
    Plant(
        "flow carries data the target does not list",
        "    records: [company, invoice]",
        "    records: [invoice]",
        "SB405",
        "    data: [company]",
    ),
    Plant(
        "flow without data",
        "    data: [company]\n",
        "",
        "SB406",
        "  - from: pipedrive\n    to: moneybird",
    ),
    Plant(
        "tool connected to nothing",
        "    system_of_record: [invoice]\n",
        "    system_of_record: [invoice]\n  - id: asana\n    name: Asana\n"
        "    category: project_management\n    records: [project]\n",
        "SB407",
        "  - id: asana",
    ),
    # a stage whose exit no tool records: the inspectable norm reports the criterion ...
    Plant(
        "exit not recorded, inspectable norm on",
        "          recorded_in: hubspot.form_submission\n",
        "",
        "SB222",
        "        - outcome: Lead requested a demo",
    ),
    # ... and with the norm switched off, the tool map reports the stage: still one finding
    Plant(
        "exit not recorded, inspectable norm off",
        "          recorded_in: hubspot.form_submission\n",
        "",
        "SB408",
        "        - outcome: Lead requested a demo",
        NORMS_OFF,
    ),
    Plant(
        "contact reaches the CRM only after the handoff",
        "    trigger: sql\n    when: The lead is created",
        "    trigger: customer\n    when: The lead is created",
        "SB409",
        "    trigger: customer\n    when: The lead is created",
    ),
    Plant(
        "no flow to the CRM at the handoff",
        "  - from: hubspot\n    to: pipedrive\n    data: [contact, company]\n    trigger: sql\n"
        "    when: The lead is created in Pipedrive for its sales owner\n",
        "",
        "SB409",
        "    to: sql\n    follow_up_within",
    ),
    # -- completeness -------------------------------------------------------------------
    Plant(
        "stage without actions",
        MQL_ACTIONS,
        "",
        "SB501",
        "      name: Marketing qualified lead",
    ),
    Plant(
        "no handoff",
        HANDOFF,
        "",
        "SB502",
        "      owner: sales\n      definition: Lead that sales accepted",
    ),
    Plant("no way back to marketing", RECYCLE, "", "SB503", "    from: mql\n    to: sql\n"),
    Plant(
        "a team that owns nothing",
        "    name: Customer success\n",
        "    name: Customer success\n  - id: partners\n    name: Partners\n",
        "SB508",
        "  - id: partners\n",
    ),
]
# a whole missing section cannot be planted as one defect: what refers to it breaks too
WHOLE_SECTIONS = {"SB504", "SB505", "SB506", "SB507"}


def _clean() -> str:
    return CLEAN.read_text(encoding="utf-8")


def _describe(findings: list[Finding]) -> str:
    return "\n".join(map(str, findings)) or "no findings"


def test_the_clean_blueprint_has_no_findings() -> None:
    findings = check_file(CLEAN)
    assert findings == [], _describe(findings)


def test_the_clean_blueprint_has_no_findings_with_the_norms_off() -> None:
    findings = check_file(CLEAN, NORMS_OFF)
    assert findings == [], _describe(findings)


def test_every_new_rule_group_has_a_plant() -> None:
    from salesblueprint.rules.registry import load_all

    planted = {p.rule for p in PLANTS}
    rules = load_all()
    for code, r in rules.items():
        if r.group in ("sla", "pipeline", "tools", "completeness") and code not in WHOLE_SECTIONS:
            assert code in planted, code


@pytest.mark.parametrize("plant", [p.param() for p in PLANTS])
def test_one_planted_defect_one_finding(plant: Plant, tmp_path: Path) -> None:
    clean = _clean()
    assert clean.count(plant.old) == 1, f"not exactly once in the clean file: {plant.old!r}"
    text = clean.replace(plant.old, plant.new)
    assert text.count(plant.at) == 1, f"not exactly once in the planted file: {plant.at!r}"
    line = text[: text.index(plant.at)].count("\n") + 1
    path = tmp_path / "blueprint.yaml"
    path.write_text(text, encoding="utf-8")
    findings = check_file(path, plant.config)
    assert len(findings) == 1, _describe(findings)
    (f,) = findings
    assert f.rule == plant.rule, str(f)
    assert f.line == line, str(f)
    assert f.message, str(f)
