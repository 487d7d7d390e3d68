"""The diff and funnel outputs, byte for byte, in every format their registries offer.

The goldens were written before the formatters moved to ``report/``; they pin what users and
CI scripts read. ``SB_UPDATE_GOLDEN=1 pytest tests/report`` rewrites them after an intended
change (review the diff of the goldens).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from salesblueprint.cli import cli
from salesblueprint.report import (
    DIFF_FORMATTERS,
    FUNNEL_FORMATTERS,
    FormatRegistry,
    UnknownFormatError,
)

ROOT = Path(__file__).parent.parent.parent
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("SB_UPDATE_GOLDEN") == "1"

BROKEN = "salesblueprint: 1\nname: Broken\nlifecycle: {stages: [{id: a, next: [nowhere]}]}\n"

DIFFS = {
    "hubspot-to-startup": ("hubspot-default", "startup-lead-process"),
    "waterfall-to-nl": ("siriusdecisions-waterfall", "nl-inbound"),
    "same": ("nl-inbound", "nl-inbound"),
    "broken": ("nl-inbound", "broken"),
}
FUNNELS = {
    "waterfall": ("siriusdecisions-waterfall", ()),
    "waterfall-what-if": ("siriusdecisions-waterfall", ("mql=0.5", "sql=0.75")),
    "nl": ("nl-inbound", ()),
    "hubspot": ("hubspot-default", ()),
    "startup": ("startup-lead-process", ()),
    "gaps": ("gappy", ()),
    "gaps-what-if": ("gappy", ("lead=0.5",)),
}
EXT = {"text": "txt", "json": "json", "markdown": "md"}


def _out(tmp: Path, *args: str) -> str:
    for name in {n for pair in DIFFS.values() for n in pair} | {f for f, _ in FUNNELS.values()}:
        if name == "broken":
            (tmp / "broken.yaml").write_text(BROKEN, encoding="utf-8")
        elif name == "gappy":  # the startup example without its conversion rates: gaps
            text = (EXAMPLES / "startup-lead-process.blueprint.yaml").read_text(encoding="utf-8")
            lines = [ln for ln in text.splitlines(True) if "conversion_rate" not in ln]
            (tmp / "gappy.yaml").write_text("".join(lines), encoding="utf-8")
        else:
            shutil.copy(EXAMPLES / f"{name}.blueprint.yaml", tmp / f"{name}.yaml")
    old = Path.cwd()
    os.chdir(tmp)  # relative paths in the output, and no project config
    try:
        r = CliRunner().invoke(cli, list(args), env={"GITHUB_ACTIONS": None, "NO_COLOR": None})
    finally:
        os.chdir(old)
    assert r.exit_code in (0, 1), r.output
    return f"exit {r.exit_code}\n{r.stdout}"


def _compare(name: str, text: str) -> None:
    golden = GOLDEN / name
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"missing golden {name}; run with SB_UPDATE_GOLDEN=1"
    assert text == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", list(DIFF_FORMATTERS))
@pytest.mark.parametrize("case", list(DIFFS))
def test_diff_output(tmp_path: Path, case: str, fmt: str) -> None:
    old, new = DIFFS[case]
    text = _out(tmp_path, "diff", "--format", fmt, f"{old}.yaml", f"{new}.yaml")
    _compare(f"diff-{case}.{EXT[fmt]}", text)


@pytest.mark.parametrize("fmt", list(FUNNEL_FORMATTERS))
@pytest.mark.parametrize("case", list(FUNNELS))
def test_funnel_output(tmp_path: Path, case: str, fmt: str) -> None:
    file, what_if = FUNNELS[case]
    args = [a for w in what_if for a in ("--what-if", w)]
    text = _out(tmp_path, "funnel", "--format", fmt, *args, f"{file}.yaml")
    _compare(f"funnel-{case}.{EXT[fmt]}", text)


def test_every_golden_is_used() -> None:
    used = {f"diff-{c}.{e}" for c in DIFFS for e in EXT.values()}
    used |= {f"funnel-{c}.{e}" for c in FUNNELS for e in EXT.values()}
    assert {p.name for p in GOLDEN.iterdir()} == used


@pytest.mark.parametrize(
    ("registry", "command"),
    [(DIFF_FORMATTERS, "diff"), (FUNNEL_FORMATTERS, "funnel")],
)
def test_format_choices_and_help_come_from_the_registry(
    registry: FormatRegistry[Any], command: str
) -> None:
    r = CliRunner().invoke(cli, [command, "--help"], terminal_width=200)
    assert f"[{'|'.join(registry)}]" in r.stdout
    for e in registry.values():
        assert e.help in " ".join(r.stdout.split())
        assert callable(registry.formatter(e.name))
    with pytest.raises(UnknownFormatError, match="unknown format 'xml'; choose text, json"):
        registry.formatter("xml")
