"""``salesblueprint diff``: what a change does to the sales process."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from salesblueprint.cli import cli
from salesblueprint.diff import diff
from salesblueprint.report.diff import format_diff
from salesblueprint.templates import template_text

BASE = template_text("hubspot")

DEMO_STAGE = """\
      - id: product_evaluated
        name: Product evaluated
        rep_action: Give the demo
        probability: 0.6
        expected_days: 14
        exit_criteria:
          - outcome: Buyer attended the demo and booked a follow-up meeting before it ended
            evidence: Calendar invite accepted by the buyer
            recorded_in: crm.meeting
"""


def _edit(text: str, *pairs: tuple[str, str]) -> str:
    for old, new in pairs:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def _files(tmp_path: Path, new: str, old: str = BASE) -> tuple[str, str]:
    a, b = tmp_path / "old.yaml", tmp_path / "new.yaml"
    a.write_text(old, encoding="utf-8")
    b.write_text(new, encoding="utf-8")
    return str(a), str(b)


def _kinds(result: object) -> set[tuple[str, str, str | None]]:
    return {(c.kind, c.subject, c.field) for c in result.changes}  # type: ignore[attr-defined]


def test_identical_files(tmp_path: Path) -> None:
    a, b = _files(tmp_path, BASE)
    result = diff(a, b)
    assert result.ok and result.changes == [] and not result.introduced
    assert "No changes to the sales process." in format_diff(result)


def test_stages_added_removed_renamed_reordered(tmp_path: Path) -> None:
    new = _edit(
        BASE,
        (DEMO_STAGE, ""),  # removed
        ("name: Needs confirmed", "name: Pain confirmed"),  # renamed, matched by id
        (
            "    - id: evangelist\n",
            "    - id: advocate\n      name: Advocate\n      owner: success\n"
            "      terminal: true\n    - id: evangelist\n",
        ),  # added
    )
    new = new.replace("      terminal: true\n  transitions:", "  transitions:", 1)
    result = diff(*_files(tmp_path, new))
    kinds = _kinds(result)
    assert ("removed", "stage 'product_evaluated'", None) in kinds
    assert ("renamed", "stage 'needs_confirmed'", "name") in kinds
    assert ("added", "stage 'advocate'", None) in kinds
    text = format_diff(result)
    assert "stage 'needs_confirmed' renamed: Needs confirmed → Pain confirmed" in text
    assert "stage 'advocate' (Advocate) added after 'customer'" in text


def test_reordered(tmp_path: Path) -> None:
    moved = _edit(BASE, (DEMO_STAGE, ""))
    moved = _edit(
        moved, ("      - id: needs_confirmed\n", DEMO_STAGE + "      - id: needs_confirmed\n")
    )
    result = diff(*_files(tmp_path, moved))
    reorder = [c for c in result.changes if c.kind == "reordered"]
    assert len(reorder) == 1 and reorder[0].section == "pipeline new_business"
    assert reorder[0].new.index("product_evaluated") < reorder[0].new.index("needs_confirmed")


def test_fields_criteria_sla_tools(tmp_path: Path) -> None:
    new = _edit(
        BASE,
        ("probability: 0.4", "probability: 0.35"),
        ("    owner: sales\n    stages:", "    owner: marketing\n    stages:"),
        ("evidence: Signed contract attached", "evidence: Signed contract PDF attached"),
        ("follow_up_within: 24h", "follow_up_within: 4h"),
        (
            "    records: [contact, deal, email, meeting, note]",
            "    records: [contact, deal, email, meeting, note, quote]",
        ),
        (
            "      - id: terms_agreed\n",
            "          - Buyer introduced us to their procurement team by email\n"
            "      - id: terms_agreed\n",
        ),
        ("Contact agreed to a discovery call", "Contact agreed to a discovery call by email"),
    )
    result = diff(*_files(tmp_path, new))
    changes = {(c.subject, c.field): c for c in result.changes}
    assert changes[("stage 'needs_confirmed'", "probability")].new == 0.35
    assert changes[("pipeline 'new_business'", "owner")].old == "sales"
    crit = changes[("stage 'terms_agreed' exit criterion 'Buyer signed the contract'", "evidence")]
    assert crit.new == "Signed contract PDF attached to the deal"
    assert changes[("sla handoff", "follow_up_within")].new == "4h"
    assert changes[("tool 'crm'", "records")].kind == "changed"
    added = changes[("stage 'decision_maker_bought_in'", "exit_criteria")]
    assert added.kind == "added"
    reworded = changes[("stage 'sql'", "exit_criteria")]
    assert reworded.kind == "changed" and "reworded" in reworded.message
    # the shorthand criterion has no evidence: a finding is introduced
    assert {f.rule for f in result.introduced} >= {"SB221"}
    assert not result.resolved
    again = diff(*_files(tmp_path, BASE, old=new))
    assert {f.rule for f in again.resolved} >= {"SB221"}


def test_formats(tmp_path: Path) -> None:
    new = _edit(BASE, ("probability: 0.4", "probability: 0.35"), (DEMO_STAGE, ""))
    a, b = _files(tmp_path, new)
    runner = CliRunner()
    md = runner.invoke(cli, ["diff", a, b, "--format", "markdown"])
    assert md.exit_code == 0, md.output
    assert md.output.startswith("### Sales process changes:")
    assert "#### Pipeline `new_business`" in md.output
    assert "➖ stage 'product\\_evaluated'" in md.output
    js = runner.invoke(cli, ["diff", a, b, "--format", "json"])
    doc = json.loads(js.output)
    assert doc["ok"] is True and doc["summary"]["removed"] == 1
    assert {c["kind"] for c in doc["changes"]} == {"removed", "changed"}
    assert runner.invoke(cli, ["diff", a, b, "--format", "json"]).output == js.output
    text = runner.invoke(cli, ["diff", a, b])
    assert text.exit_code == 0 and "probability 0.4 → 0.35" in text.output


def test_a_side_that_does_not_load(tmp_path: Path) -> None:
    a, b = _files(tmp_path, BASE.replace("exit_criteria:", "exit_critera:", 1))
    result = CliRunner().invoke(cli, ["diff", a, b])
    assert result.exit_code == 1
    assert "could not be loaded" in result.output and "SB020" in result.output
    md = CliRunner().invoke(cli, ["diff", a, b, "--format", "json"])
    assert md.exit_code == 1
    assert json.loads(md.output)["ok"] is False


def test_usage(tmp_path: Path) -> None:
    runner = CliRunner()
    a, b = _files(tmp_path, BASE)
    assert runner.invoke(cli, ["diff", a]).exit_code == 2
    assert runner.invoke(cli, ["diff", "--git", "HEAD", a, b]).exit_code == 2


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_git_revisions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
            cwd=tmp_path,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    (tmp_path / "blueprint.yaml").write_text(BASE, encoding="utf-8")
    git("add", "blueprint.yaml")
    git("commit", "-q", "-m", "one")
    (tmp_path / "blueprint.yaml").write_text(
        _edit(BASE, ("probability: 0.4", "probability: 0.35")), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    spec = runner.invoke(cli, ["diff", "HEAD:blueprint.yaml", "blueprint.yaml"])
    assert spec.exit_code == 0, spec.output
    assert "probability 0.4 → 0.35" in spec.output
    flag = runner.invoke(cli, ["diff", "--git", "HEAD", "blueprint.yaml"])
    assert flag.exit_code == 0 and flag.output == spec.output
    missing = runner.invoke(cli, ["diff", "HEAD~5:blueprint.yaml", "blueprint.yaml"])
    assert missing.exit_code == 1 and "cannot read HEAD~5:blueprint.yaml" in missing.output


def test_sections_added_and_removed(tmp_path: Path) -> None:
    minimal = "salesblueprint: 1\nname: Minimal\n"
    grown = diff(*_files(tmp_path, BASE, old=minimal))
    kinds = _kinds(grown)
    assert ("added", "lifecycle", None) in kinds
    assert ("added", "pipeline 'new_business'", None) in kinds
    assert ("added", "sla", None) in kinds
    assert ("added", "tool 'crm'", None) in kinds
    assert ("added", "team 'sales'", None) in kinds
    assert all(c.field not in ("teams", "pipelines", "tools") for c in grown.changes)
    text = format_diff(grown)
    assert "pipeline 'new_business' (New business) [stages: meeting_accepted," in text
    shrunk = diff(*_files(tmp_path, minimal, old=BASE))
    assert {c.kind for c in shrunk.changes} == {"removed", "changed"}
    assert json.loads(json.dumps([c.to_dict() for c in shrunk.changes]))  # JSON-friendly


def test_any_two_blueprints_diff_without_crashing(tmp_path: Path) -> None:
    from salesblueprint.templates import template_names

    root = Path(__file__).resolve().parent.parent
    files = sorted(str(p) for p in (root / "examples").glob("*.yaml"))
    for name in template_names():
        p = tmp_path / f"{name}.yaml"
        p.write_text(template_text(name), encoding="utf-8")
        files.append(str(p))
    for old, new in zip(files, [*files[1:], files[0]], strict=True):
        result = diff(old, new)
        for fmt in ("text", "json", "markdown"):
            assert format_diff(result, fmt)
        back = diff(new, old)
        assert len(back.introduced) == len(result.resolved)
