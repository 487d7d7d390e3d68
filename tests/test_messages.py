"""Messages as a user reads them: short, no repetition, the fix on its own line, fit the stage.

Each test here is a message a user stumbled on (issue 9, section 6), read the way they read it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner, Result

from salesblueprint.api import check_file
from salesblueprint.cli import cli
from salesblueprint.diagnostics.findings import Finding
from salesblueprint.report.github import format_github
from salesblueprint.report.sarif import build_sarif
from salesblueprint.report.text import format_text

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

Write = Callable[..., Path]


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), env={"GITHUB_ACTIONS": None, "NO_COLOR": None})


def by_rule(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.rule == code]


# -- the fix in its own field -----------------------------------------------------------------
FIXED = Finding(
    "SB231",
    "exit-criterion-seller-action",
    "warning",
    "exit criterion 'Demo given' is not buyer-centric",
    "b.yaml",
    4,
    9,
    fix="write what the buyer did",
)


def test_text_shows_the_fix_on_its_own_indented_line() -> None:
    out = format_text(["b.yaml"], [FIXED]).splitlines()
    assert out[0].endswith("is not buyer-centric")
    assert out[1] == "    fix: write what the buyer did"


def test_json_github_and_sarif_carry_the_fix() -> None:
    assert FIXED.to_dict()["fix"] == "write what the buyer did"
    assert "fix" not in Finding("SB101", "unreachable-stage", "error", "m").to_dict()
    assert "%0Afix: write what the buyer did" in format_github(["b.yaml"], [FIXED])
    result = build_sarif(["b.yaml"], [FIXED])["runs"][0]["results"][0]
    assert result["message"]["text"].endswith("\nFix: write what the buyer did")
    assert result["properties"]["fix"] == "write what the buyer did"


# -- the summary counts the files that have findings --------------------------------------------
def test_summary_counts_files_with_findings() -> None:
    out = run("check", str(EXAMPLES))
    assert out.exit_code == 0, out.output
    n = len(list(EXAMPLES.glob("*.yaml")))
    assert out.output.splitlines()[-1].endswith(f" in 1 of {n} files."), out.output
    one = format_text(["b.yaml"], [FIXED]).splitlines()[-1]
    assert one == "Found 1 warning in 1 file."


# -- norms: no repetition, a suggestion for the kind of stage -----------------------------------
LIFECYCLE_AND_DEALS = """\
salesblueprint: 1
name: Test
teams: [{id: marketing}, {id: sales}]
lifecycle:
  stages:
    - id: lead
      owner: marketing
      exit_criteria: [Nurture email sent]
    - id: sql
      owner: sales
      exit_criteria: [Lead was called by the rep]
    - id: opportunity
      owner: sales
      pipeline: deals
      exit_criteria:
        - {outcome: Buyer signed the order form, evidence: Rep's judgement, recorded_in: crm}
    - {id: customer, owner: sales, terminal: true}
pipelines:
  - id: deals
    stages:
      - {id: discovery, exit_criteria: [Discovery call done]}
      - {id: demo, exit_criteria: [Demo given]}
      - {id: proposal, exit_criteria: [Proposal sent]}
      - {id: contract, exit_criteria: [Contract sent]}
      - {id: won, outcome: won}
      - {id: lost, outcome: lost}
tools:
  - {id: crm, records: [deal, contact, email], system_of_record: [deal, contact]}
  - {id: gong, records: [call]}
  - {id: docusign, records: [envelope]}
"""


def test_seller_action_suggestions_fit_the_stage(write: Write) -> None:
    found = by_rule(check_file(write(LIFECYCLE_AND_DEALS)), "SB231")
    fixes = [f.fix or "" for f in found]
    assert len(fixes) == 6, "\n".join(map(str, found))
    # one example per finding, each fitting its stage: no example repeated
    examples = [re.findall(r"e\.g\. '([^']+)'", fix) for fix in fixes]
    assert all(len(e) == 1 for e in examples), fixes
    assert len({e[0] for e in examples}) == 6, fixes
    lead, sql, *deals = found
    assert "Contact" in (lead.fix or "") and "the stage's `actions`" in (lead.fix or "")
    assert "Contact" in (sql.fix or "") and "rep_action" not in (sql.fix or "")
    for d in deals:
        assert "`rep_action`" in (d.fix or "")
        assert "Buyer" in (d.fix or "")
    # the message itself is short: no example, no advice
    assert all("e.g." not in f.message and ";" not in f.message for f in found)


def test_evidence_not_an_artefact_does_not_repeat_itself(write: Write) -> None:
    (f,) = by_rule(check_file(write(LIFECYCLE_AND_DEALS)), "SB223")
    assert f.message.count("Rep's judgement") == 1, f.message
    assert "signed order form on the won deal" in (f.fix or "")


def test_record_hint_names_one_example_not_a_tool_list(write: Write) -> None:
    text = LIFECYCLE_AND_DEALS.replace(
        "exit_criteria: [Demo given]",
        "exit_criteria: [{outcome: Buyer attended the demo, evidence: Email reply}]",
    )
    found = by_rule(check_file(write(text)), "SB222")
    assert [f.fix for f in found] == [
        "add the tool (or `tool.record`) that records it, e.g. `recorded_in: crm.email`"
    ]
    for f in check_file(write(text)):
        assert "gong, docusign" not in f.message + (f.fix or "")


# -- SB902 --------------------------------------------------------------------------------------
def test_unknown_code_gets_no_code_suggested(write: Write) -> None:
    text = "salesblueprint: 1\nname: T\nlint: {ignore: [SB999, dead-end]}\n"
    found = by_rule(check_file(write(text)), "SB902")
    assert [f.message for f in found] == [
        "no rule 'SB999'",
        "no rule 'dead-end' (did you mean 'dead-end-stage'?)",
    ]
    assert found[0].fix == "`salesblueprint rules` lists every code and name"
    out = run("rule", "SB999")
    assert out.exit_code == 2 and "did you mean" not in out.output


# -- YAML syntax --------------------------------------------------------------------------------
def test_yaml_syntax_errors_say_what_to_do(write: Write) -> None:
    cases = {
        "salesblueprint: 1\nname: X\n  teams: []\n": "likely wrong indentation",
        "salesblueprint: 1\nname: X\nlifecycle:\n  stages:\n    - id: a\n"
        "      definition: Status: new\n": 'needs quotes: definition: "Status: new"',
        "salesblueprint: 1\nname:X\nteams: []\n": "put a space after the colon: 'name: X'",
        "salesblueprint: 1\nname: X\nteams:\n  - id: a\n   name: A\n": "likely wrong indentation",
    }
    for text, fix in cases.items():
        (f,) = check_file(write(text))
        assert f.rule == "SB001", f
        assert f.fix is not None and fix in f.fix, (text, f)


# -- SB201 --------------------------------------------------------------------------------------
def test_bypassed_stage_names_the_customer_stage() -> None:
    (f,) = by_rule(check_file(EXAMPLES / "hubspot-default.blueprint.yaml"), "SB201")
    assert f.message.endswith("on the way to 'Customer'"), f.message
    assert "`intended: true`" in (f.fix or "")


def test_an_intended_skip_is_not_reported(write: Write) -> None:
    text = (EXAMPLES / "hubspot-default.blueprint.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "      when: Contact filled in the demo request form\n",
        "      when: Contact filled in the demo request form\n      intended: true\n",
    )
    assert "intended: true" in text
    assert by_rule(check_file(write(text)), "SB201") == []


# -- the CLI's own text -------------------------------------------------------------------------
def test_rules_print_plain_text() -> None:
    out = run("rules")
    assert out.exit_code == 0
    assert "``" not in out.output
    assert "'!!python/object'" in out.output
    raw = json.loads(run("rules", "--format", "json").output)
    assert any("``" in r["summary"] for r in raw)  # JSON keeps the docs as written
    doc = run("rule", "SB222").output
    prose = [line for line in doc.splitlines() if not line.startswith("```")]
    assert not any("``" in line for line in prose) and "'recorded_in'" in doc
    assert "```yaml" in doc  # examples stay fenced


def test_top_level_help_lists_every_command() -> None:
    out = run("--help").output
    listed = set(re.findall(r"^  salesblueprint (\w+)", out, re.MULTILINE))
    assert listed == set(cli.commands), (listed, set(cli.commands))
