"""Helpers shared by the norm rules: which stages and criteria they judge, and how to name them."""

from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.model.blueprint import Blueprint, DealStage, ExitCriterion, LifecycleStage

Stage = LifecycleStage | DealStage


def judged_stages(bp: Blueprint) -> Iterator[Stage]:
    """Every stage whose exit criteria the norms judge: all but won/lost outcome stages."""
    for s in bp.iter_stages():
        if isinstance(s, DealStage) and s.outcome is not None:
            continue
        yield s


def judged_criteria(bp: Blueprint) -> Iterator[tuple[Stage, ExitCriterion]]:
    for s in judged_stages(bp):
        for c in s.exit_criteria:
            yield s, c


def name_key(stage: Stage) -> str:
    """The key to point a finding about a stage at: its name, or its id when it has none."""
    return "name" if stage.name is not None else "id"


def label(stage: Stage) -> str:
    return f"'{stage.label}'"


def short(text: str, limit: int = 60) -> str:
    """A criterion's text for a message, shortened."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def stage_lists(bp: Blueprint, *, split_after_close: bool = False) -> Iterator[list[Stage]]:
    """The stage sequences within which stages are compared: the lifecycle, each pipeline
    (its open stages and its ``after_close`` stages, or each of them on its own)."""
    if bp.lifecycle:
        yield list(bp.lifecycle.stages)
    for p in bp.pipelines:
        open_stages: list[Stage] = [s for s in p.stages if s.outcome is None]
        after: list[Stage] = list(p.after_close)
        if split_after_close:
            yield open_stages
            yield after
        else:
            yield open_stages + after
