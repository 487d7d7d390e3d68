"""The Python API takes bad input as the command line does: the same checks, the same messages,
and only the library's own exceptions (``sb.WhatIfError``, ``sb.BlueprintError``,
``sb.ViewError``, ``sb.RenderError``), or findings where the API promises never to raise."""

from __future__ import annotations

import math
import os
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner

import salesblueprint as sb
from salesblueprint.cli import cli

DATA = Path(__file__).parent / "data"
CLEAN = DATA / "clean_complete.yaml"  # lifecycle lead, mql, sql, opportunity, customer
CONTRACT = DATA / "contract_example.yaml"


@pytest.fixture(scope="module")
def clean() -> sb.Blueprint:
    return sb.load(CLEAN)


def test_errors_are_exported() -> None:
    for name in ("WhatIfError", "ViewError", "RenderError", "LayoutError", "BlueprintError"):
        assert name in sb.__all__
        assert issubclass(getattr(sb, name), Exception)
    for name in ("WhatIfError", "ViewError", "RenderError"):
        assert issubclass(getattr(sb, name), ValueError)
    from salesblueprint.diagrams import LayoutError, RenderError, ViewError
    from salesblueprint.funnel_maths import WhatIfError

    assert (sb.ViewError, sb.RenderError, sb.LayoutError) == (ViewError, RenderError, LayoutError)
    assert sb.WhatIfError is WhatIfError


# -- funnel(what_if=...) ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("what_if", "message"),
    [
        ({"mql": 60}, "a share above 0 and at most 1, got 60 (for 60% write 0.6 or '60%')"),
        ({"mql": 1.5}, "a share above 0 and at most 1, got 1.5"),
        ({"mql": 0}, "a share above 0 and at most 1, got 0"),
        ({"mql": -0.2}, "a share above 0 and at most 1, got -0.2"),
        ({"mql": math.nan}, "a share above 0 and at most 1, got nan"),
        ({"mql": math.inf}, "a share above 0 and at most 1, got inf"),
        ({"mql": 10**400}, "a share above 0 and at most 1, got 1000"),
        ({"mql": "1e999"}, "a share above 0 and at most 1, got 1e999"),
        ({"mql": "150%"}, "a share above 0 and at most 1, got 150%"),
        ({"mq": 0.5}, "no lifecycle stage 'mq' (did you mean 'mql'?)"),
        ({"MQL": 0.5}, "no lifecycle stage 'MQL' (did you mean 'mql'?)"),
        ({"mql": True}, "True is not a rate"),
        ({"mql": None}, "None is not a rate"),
        ({"mql": "lots"}, "'lots' is not a rate; write a share like 0.4 or 40%"),
        ({"mql": Decimal("sNaN")}, "is not a rate"),
        ({"mql": [0.5]}, "[0.5] is not a rate"),
        ({1: 0.5}, "what_if keys are lifecycle stage ids (text), got int 1"),
        ([("mql", 0.5)], "what_if maps lifecycle stage ids to conversion rates"),
        ({"customer": 0.5}, "stage 'customer' is not on the funnel's path (lead, mql, sql, opp"),
    ],
)
def test_funnel_rejects_what_the_cli_rejects(
    clean: sb.Blueprint, what_if: object, message: str
) -> None:
    with pytest.raises(sb.WhatIfError) as info:
        sb.funnel(clean, what_if=what_if)  # type: ignore[arg-type]
    assert message in str(info.value)


@pytest.mark.parametrize(
    "value", [0.5, "0.5", "50%", " 50 % ", Decimal("0.5"), Fraction(1, 2), 1, "100%"]
)
def test_funnel_accepts_what_the_cli_accepts(clean: sb.Blueprint, value: object) -> None:
    plan = sb.funnel(clean, what_if={"mql": value})  # type: ignore[dict-item]
    assert plan.rates_changed == {
        "mql": float(Fraction(str(value).strip(" %"))) / (100 if "%" in str(value) else 1)
    }
    assert plan.step("mql") is not None


def test_an_empty_what_if_is_no_change(clean: sb.Blueprint) -> None:
    assert sb.funnel(clean, what_if={}) == sb.funnel(clean)


@pytest.mark.parametrize(
    ("stage", "raw"),
    [("mql", "60"), ("mql", "1.5"), ("mq", "0.5"), ("mql", "nan"), ("mql", "inf"), ("mql", "x")],
)
def test_cli_and_api_give_the_same_message(clean: sb.Blueprint, stage: str, raw: str) -> None:
    with pytest.raises(sb.WhatIfError) as info:
        sb.funnel(clean, what_if={stage: raw})
    result = CliRunner().invoke(cli, ["funnel", str(CLEAN), "--what-if", f"{stage}={raw}"])
    assert result.exit_code == 2
    assert f"--what-if '{stage}={raw}': {info.value}" in " ".join(result.output.split())


def test_what_if_error_names_the_stage(clean: sb.Blueprint) -> None:
    with pytest.raises(sb.WhatIfError) as info:
        sb.funnel(clean, what_if={"lead": 0.2, "sql": 7})
    assert info.value.stage == "sql"


def test_what_if_on_a_blueprint_without_lifecycle() -> None:
    bp = sb.Blueprint.model_validate({"salesblueprint": 1, "name": "Empty"})
    with pytest.raises(sb.WhatIfError, match="the blueprint has no lifecycle"):
        sb.funnel(bp, what_if={"mql": 0.5})


# -- Funnel prints as a table -------------------------------------------------------------------
def test_funnel_prints_as_its_table(clean: sb.Blueprint) -> None:
    from salesblueprint.report.funnel import format_text

    plan = sb.funnel(clean)
    text = str(plan)
    assert text == format_text(clean, plan)  # a complete funnel: nothing to point at
    assert "Step" in text and "Per quarter" in text and "Lead" in text
    assert "Funnel(" in repr(plan)  # the repr stays the dataclass's


def test_incomplete_funnel_prints_its_gaps_without_positions() -> None:
    bp = sb.load(CONTRACT)
    text = str(sb.funnel(bp))
    assert "Missing for the funnel maths:" in text
    assert f"  {CONTRACT}: lifecycle stage 'mql' has no conversion_rate" in text
    assert ["Lead", "25%", "?", "?"] in [line.split() for line in text.splitlines()]


# -- check_file / load never raise anything else -------------------------------------------------
class _BadPath:
    def __fspath__(self) -> str:
        raise RuntimeError("no path here")


NOT_FILES: list[object] = [
    "a\x00b",
    b"a\x00b",
    None,
    3,
    1.5,
    ["blueprint.yaml"],
    _BadPath(),
    "",
    b"",
    b"\xff\xfe-not-there.yaml",
    "does/not/exist.yaml",
]


@pytest.mark.parametrize("path", NOT_FILES, ids=repr)
def test_check_file_never_raises_for_any_path(path: object) -> None:
    findings = sb.check_file(path)  # type: ignore[arg-type]
    assert [f.rule for f in findings] == ["SB011"]
    assert findings[0].severity == "error"
    assert findings[0].line == 1


@pytest.mark.parametrize("path", NOT_FILES, ids=repr)
def test_load_raises_only_blueprint_error(path: object) -> None:
    with pytest.raises(sb.BlueprintError) as info:
        sb.load(path)  # type: ignore[arg-type]
    assert [f.rule for f in info.value.findings] == ["SB011"]


def test_messages_say_why(tmp_path: Path) -> None:
    assert "NUL character" in sb.check_file("a\x00b")[0].message
    assert "got NoneType" in sb.check_file(None)[0].message  # type: ignore[arg-type]
    assert "cannot read the file" in sb.check_file(tmp_path)[0].message


def test_bytes_and_pathlike_paths_load() -> None:
    expected = sb.check_file(CONTRACT)
    assert sb.check_file(os.fsencode(CONTRACT)) == expected
    assert sb.check_file(str(CONTRACT)) == expected
    assert sb.load(os.fsencode(CONTRACT)).file == str(CONTRACT)


# -- render rejects what it cannot draw ---------------------------------------------------------
@pytest.mark.parametrize("view", [None, 3, b"lifecycle", "nope", "tools:x", "pipeline:nope"])
def test_render_bad_view(clean: sb.Blueprint, view: object) -> None:
    with pytest.raises(sb.ViewError):
        sb.render(clean, view=view, format="dot")  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", [None, 3, "jpeg", ""])
def test_render_bad_format(clean: sb.Blueprint, fmt: object) -> None:
    with pytest.raises(sb.RenderError, match="unknown format"):
        sb.render(clean, format=fmt)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("findings", "message"),
    [
        (None, "got NoneType"),
        ("yes", "got str"),
        (1, "got int"),
        ([1], "it holds an item of type int"),
        ([{"rule": "SB101"}], "it holds an item of type dict"),
    ],
)
def test_render_bad_findings(clean: sb.Blueprint, findings: object, message: str) -> None:
    with pytest.raises(sb.RenderError, match="findings must be True, False or a list") as info:
        sb.render(clean, format="dot", findings=findings)  # type: ignore[arg-type]
    assert message in str(info.value)


def test_render_findings_as_a_list_or_a_generator(clean: sb.Blueprint) -> None:
    found = sb.check(clean)
    as_list = sb.render(clean, format="dot", findings=found)
    assert sb.render(clean, format="dot", findings=iter(found)) == as_list  # type: ignore[arg-type]
    assert sb.render(clean, format="dot", findings=True) == as_list
