"""Per-rule fixture cases: ``tests/rules/cases/<CODE>.yaml``, run by one parametrised test.

Each file names its rule and lists cases. A ``valid`` case must not produce that rule's finding;
an ``invalid`` case must produce exactly the findings listed in ``expect`` (line, and optionally
column, a fragment of the message and a fragment of the fix). A case may set the rule's
``options`` (as a project would in ``[tool.salesblueprint.options.<rule>]``). Adding a rule =
adding a module and a case file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from salesblueprint.api import check_file
from salesblueprint.rules.config import Config
from salesblueprint.rules.registry import load_all

CASES_DIR = Path(__file__).parent / "cases"


def _cases() -> list[Any]:
    out = []
    for f in sorted(CASES_DIR.glob("*.yaml")):
        doc = yaml.safe_load(f.read_text(encoding="utf-8"))
        for i, case in enumerate(doc["cases"]):
            out.append(pytest.param(doc["rule"], case, id=f"{f.stem}-{i}-{case['name']}"))
    return out


@pytest.mark.parametrize(("code", "case"), _cases())
def test_rule_case(code: str, case: dict[str, Any], tmp_path: Path) -> None:
    assert code in load_all(), f"unknown rule {code}"
    is_valid = "valid" in case
    text = case["valid"] if is_valid else case["invalid"]
    p = tmp_path / "blueprint.yaml"
    p.write_text(text, encoding="utf-8")
    settings = {"options": {code: case["options"]}} if "options" in case else {}
    config = Config.from_mapping(settings, "test")
    assert not config.problems, config.problems
    findings = check_file(p, config)
    mine = [f for f in findings if f.rule == code]
    if is_valid:
        assert mine == [], "\n".join(map(str, mine))
        errors = [f for f in findings if f.severity == "error"]
        if case.get("clean", False):
            assert findings == [], "\n".join(map(str, findings))
        elif not case.get("allow_errors", False):
            assert errors == [], "valid case has other errors:\n" + "\n".join(map(str, errors))
        return
    expect = case["expect"]
    assert len(mine) == len(expect), "\n".join(map(str, findings))
    for f, e in zip(mine, expect, strict=True):
        assert f.line == e["line"], str(f)
        if "column" in e:
            assert f.column == e["column"], str(f)
        if "message" in e:
            assert e["message"] in f.message, str(f)
        if "fix" in e:
            assert f.fix is not None and e["fix"] in f.fix, str(f)
        assert f.file == str(p)


def test_every_checking_rule_has_cases() -> None:
    covered = {
        yaml.safe_load(f.read_text(encoding="utf-8"))["rule"] for f in CASES_DIR.glob("*.yaml")
    }
    missing = sorted(
        code for code, r in load_all().items() if r.check is not None and code not in covered
    )
    assert missing == [], f"rules without fixture cases: {missing}"
