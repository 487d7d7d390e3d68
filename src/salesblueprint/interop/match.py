"""Matching a blueprint's pipelines and stages to a CRM's: by ``crm:`` id, else by name.

Names compare case-insensitively, ignoring surrounding space. A stage matched by id is never
matched again by name, so a relabelled stage (same id, new label) is one stage renamed, not one
removed and one added.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

from salesblueprint.interop.base import CrmPipeline, CrmStage

if TYPE_CHECKING:
    from salesblueprint.model.blueprint import DealStage, LifecycleStage, Pipeline

# a deal stage, or a lifecycle stage (matched to a CRM's lead statuses)
S = TypeVar("S", "DealStage", "LifecycleStage")


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def crm_id(node: Pipeline | DealStage | LifecycleStage, crm: str) -> str | None:
    return node.crm.get(crm) if node.crm is not None else None


def match_pipeline(p: Pipeline, candidates: Sequence[CrmPipeline], crm: str) -> CrmPipeline | None:
    pid = crm_id(p, crm)
    if pid is not None:
        return next((c for c in candidates if c.id == pid), None)
    for c in candidates:
        if _key(c.label) in (_key(p.label), _key(p.id)):
            return c
    return None


def pair_pipelines(
    pipelines: Sequence[Pipeline], candidates: Sequence[CrmPipeline], crm: str
) -> tuple[list[tuple[Pipeline, CrmPipeline]], list[Pipeline], list[CrmPipeline]]:
    """Pairs, blueprint pipelines without a CRM pipeline, CRM pipelines without a blueprint one.

    When neither side has an id or name match and each has exactly one pipeline left, those two
    are paired (a one-pipeline blueprint against a one-pipeline account).
    """
    pairs: list[tuple[Pipeline, CrmPipeline]] = []
    used: set[int] = set()
    left: list[Pipeline] = []
    for p in pipelines:
        c = match_pipeline(p, [x for x in candidates if id(x) not in used], crm)
        if c is None:
            left.append(p)
        else:
            pairs.append((p, c))
            used.add(id(c))
    rest = [c for c in candidates if id(c) not in used]
    if len(left) == 1 and len(rest) == 1 and crm_id(left[0], crm) is None:
        pairs.append((left[0], rest[0]))
        left, rest = [], []
    return pairs, left, rest


def match_stages(
    stages: Sequence[S], crm_stages: Sequence[CrmStage], crm: str
) -> tuple[list[tuple[S, CrmStage]], list[S], list[CrmStage]]:
    """Pairs (in blueprint order), blueprint-only stages, CRM-only stages (in CRM order)."""
    by_id = {c.id: c for c in crm_stages if c.id}
    used: set[int] = set()
    matched: dict[int, CrmStage] = {}
    for s in stages:
        sid = crm_id(s, crm)
        c = by_id.get(sid) if sid is not None else None
        if c is not None and id(c) not in used:
            matched[id(s)] = c
            used.add(id(c))
    for s in stages:
        if id(s) in matched or crm_id(s, crm) is not None:
            continue
        names = {_key(s.label), _key(s.id)}
        c = next(
            (x for x in crm_stages if id(x) not in used and _key(x.label) in names),
            None,
        )
        if c is not None:
            matched[id(s)] = c
            used.add(id(c))
    pairs = [(s, matched[id(s)]) for s in stages if id(s) in matched]
    only_bp = [s for s in stages if id(s) not in matched]
    only_crm = [c for c in crm_stages if id(c) not in used]
    return pairs, only_bp, only_crm
