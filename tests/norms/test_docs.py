"""Every norm rule documents itself: what, why, and a bad and good example in English and Dutch."""

from __future__ import annotations

import re

import pytest

from salesblueprint.rules.registry import load_all

NORM_RULES = sorted(code for code, r in load_all().items() if r.group == "norms")


def test_codes_and_norms() -> None:
    rules = load_all()
    assert NORM_RULES == [
        "SB201", "SB202", "SB211", "SB221", "SB222", "SB223", "SB231", "SB232", "SB241", "SB242",
        "SB251",
    ]  # fmt: skip
    assert rules["SB231"].name == "exit-criterion-seller-action"
    for code in NORM_RULES:
        r = rules[code]
        expected = {"20": "required", "21": "factual", "22": "inspectable", "23": "buyer-centric"}
        assert r.norm == expected.get(code[2:4]), code


@pytest.mark.parametrize("code", NORM_RULES)
def test_docs_have_sections_and_both_languages(code: str) -> None:
    doc = load_all()[code].doc
    for section in ("## What it does", "## Why is this bad?", "## Example", "Use instead"):
        assert section in doc, (code, section)
    bad, _, good = doc.partition("Use instead")
    assert "```yaml" in bad and "```yaml" in good, code
    dutch = re.compile(r"\b(klant|heeft|offerte|beslisser|contactpersoon|nl:)", re.IGNORECASE)
    assert dutch.search(bad) and dutch.search(good), code
