"""Every problem in one run: schema errors do not hide unresolved references (issue 9, §2).

CI should need one round, not two: whatever schema errors a file has, the references it makes
are resolved in the same run, with the line and column they have in the file.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from salesblueprint.diagnostics.findings import Finding
from salesblueprint.model.load import load_bytes

ISSUE_9 = """\
salesblueprint: 1
name: Demo
teams:
  - id: marketing
  - id: sales
lifecycle:
  stages:
    - {id: lead, owner: marketing}
    - {id: customer, terminal: true}
pipelines:
  - id: nb
    owner: sdrs
    stages:
      - id: discovery
        probabilty: 0.2
        exit_criteria:
          - outcome: Buyer confirmed the problem in a reply
            recorded_in: hubspot.attachments
      - id: proposal
        probability: 120
      - {id: won, outcome: won}
tools:
  - id: hubspot
    records: [contact, deal]
"""


def _key(f: Finding) -> tuple[str, int | None, int | None, str]:
    return (f.rule, f.line, f.column, f.message)


def test_the_issue_file_reports_all_four_problems_in_one_run() -> None:
    result = load_bytes(ISSUE_9.encode(), "b.yaml")
    assert result.blueprint is None
    got = [(f.rule, f.line, f.column) for f in result.findings]
    assert sorted(got, key=lambda g: (g[1] or 0, g[2] or 0)) == [
        ("SB024", 12, 12),  # owner: sdrs
        ("SB020", 15, 9),  # probabilty
        ("SB024", 18, 26),  # recorded_in: hubspot.attachments
        ("SB022", 20, 22),  # probability: 120
    ]


def test_items_after_a_removed_item_keep_their_place_in_the_file() -> None:
    text = """\
salesblueprint: 1
name: Places
lifecycle:
  stages:
    - {id: lead}
    - {id: mql}
    - {id: customer, terminal: true}
  transitions:
    - {from: lead}
    - {from: mql, to: customer, kind: skip, when: [x]}
    - {from: leed, to: mql}
"""
    findings = load_bytes(text.encode(), "p.yaml").findings
    refs = [f for f in findings if f.rule == "SB024"]
    assert [(f.line, f.column, f.path) for f in refs] == [(11, 14, "lifecycle.transitions[2].from")]
    assert {f.rule for f in findings} == {"SB021", "SB022", "SB024"}


def test_a_section_that_cannot_be_read_hides_only_references_into_it() -> None:
    text = """\
salesblueprint: 1
name: Unreadable
teams: 5
lifecycle:
  stages:
    - {id: lead, owner: anyone}
    - {id: customer, terminal: true}
  transitions:
    - {from: leed, to: customer}
"""
    findings = load_bytes(text.encode(), "u.yaml").findings
    assert [(f.rule, f.line) for f in findings] == [("SB022", 3), ("SB024", 9)]


# -- any mix of schema errors and reference errors --------------------------------------
TEMPLATE = """\
salesblueprint: 1
name: Every problem
teams:
  - id: marketing
    {team}
  - id: sales
lifecycle:
  stages:
    - id: lead
      owner: {owner1}
      {rate}
    - id: mql
      owner: marketing
      pipeline: {pipeline}
    - id: customer
      terminal: true
  transitions:
    - from: {transition}
      to: lead
      kind: recycle
pipelines:
  - id: nb
    owner: {owner2}
    stages:
      - id: discovery
        {probability}
        {days}
        exit_criteria:
          - outcome: Buyer confirmed the problem in a reply
            recorded_in: {record}
      - id: won
        outcome: won
      - id: lost
        outcome: lost
        {reasons}
sla:
  handoff:
    from: lead
    to: {handoff}
    {follow_up}
tools:
  - id: hubspot
    records: [contact, deal]
    {category}
flows:
  - from: hubspot
    to: {flow_to}
    trigger: {trigger}
    {when}
"""

# each site: the valid text first, then ways to break it
SCHEMA_SITES = {
    "team": ["name: Marketing", "nmae: Marketing", "name: [Marketing]"],
    "rate": ["conversion_rate: 0.5", "conversion_rate: 3", "conversoin_rate: 0.5"],
    "probability": [
        "probability: 0.2",
        "probability: 120",
        "probabilty: 0.2",
        "probability: high",
        "probability: 20%",
    ],
    "days": ["expected_days: 5", "expected_days: -1", "expected_days: soon"],
    "reasons": ["reasons: [budget]", "reasons: budget", "reason: [budget]"],
    "follow_up": ["follow_up_within: 24h", "follow_up_within: soon", "folow_up_within: 24h"],
    "category": ["category: crm", "categroy: crm", "category: [crm]"],
    "when": ["when: On a win", "wen: On a win", "when: {a: b}"],
}
REFERENCE_SITES = {
    "owner1": ["marketing", "marketting"],
    "owner2": ["sales", "sdrs"],
    "pipeline": ["nb", "nbb"],
    "transition": ["mql", "mqll"],
    "record": ["hubspot.deal", "hubspot.attachments", "hubspott", "crm.deal"],
    "handoff": ["mql", "sqll", "nb.discovery", "nb.discovry"],  # nb.discovery is valid too
    "flow_to": ["hubspot", "salesforce"],
    "trigger": ["nb.won", "nb.wonn", "won", "nbb.won"],
}


def _render(choice: dict[str, int]) -> bytes:
    values = {site: options[choice.get(site, 0)] for site, options in SCHEMA_SITES.items()}
    values |= {site: options[choice.get(site, 0)] for site, options in REFERENCE_SITES.items()}
    return TEMPLATE.format(**values).encode()


def _choices(sites: dict[str, list[str]]) -> st.SearchStrategy[dict[str, int]]:
    return st.fixed_dictionaries(
        {}, optional={site: st.integers(0, len(opts) - 1) for site, opts in sites.items()}
    )


def test_the_template_is_valid() -> None:
    result = load_bytes(_render({}), "t.yaml")
    assert result.findings == []
    assert result.blueprint is not None


@settings(max_examples=150, deadline=None)
@given(schema=_choices(SCHEMA_SITES), refs=_choices(REFERENCE_SITES))
def test_schema_errors_never_hide_reference_errors(
    schema: dict[str, int], refs: dict[str, int]
) -> None:
    both = {_key(f) for f in load_bytes(_render(schema | refs), "t.yaml").findings}
    schema_only = {_key(f) for f in load_bytes(_render(schema), "t.yaml").findings}
    refs_only = {_key(f) for f in load_bytes(_render(refs), "t.yaml").findings}
    # one run gives what fixing the schema errors first, then the references, would give
    assert both == schema_only | refs_only
    broken_schema = sum(1 for v in schema.values() if v)
    broken_refs = sum(1 for site, v in refs.items() if v and (site, v) != ("handoff", 2))
    assert len(schema_only) == broken_schema
    assert len(refs_only) == broken_refs
    assert all(line is not None and col is not None for _, line, col, _ in both)
