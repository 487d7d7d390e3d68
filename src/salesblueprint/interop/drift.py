"""Drift: where the CRM has moved away from the blueprint, as findings at the blueprint's lines.

Pipelines and stages are matched by ``crm:`` id, else by name (case-insensitively). Reported:
stages added in the CRM, removed from it, renamed, re-ordered, with another probability, or
with another outcome (open/won/lost); pipelines missing on either side.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from salesblueprint.diagnostics.codes import Code
from salesblueprint.diagnostics.drift_codes import (
    OUTCOME,
    PIPELINE_EXTRA,
    PIPELINE_MISSING,
    PROBABILITY,
    STAGE_ADDED,
    STAGE_REMOVED,
    STAGE_RENAMED,
    STAGE_REORDERED,
)
from salesblueprint.diagnostics.findings import Finding, Path, format_path
from salesblueprint.interop.base import CrmData, CrmPipeline
from salesblueprint.interop.build import TITLES
from salesblueprint.interop.match import match_stages, pair_pipelines

if TYPE_CHECKING:
    from salesblueprint.model.blueprint import Blueprint, Pipeline


class _Out:
    def __init__(self, bp: Blueprint) -> None:
        self.bp = bp
        self.findings: list[Finding] = []

    def add(self, r: Code, path: Path, message: str, at: str | None = None) -> None:
        from salesblueprint.loading.yaml_reader import locate

        src = self.bp.source
        pos = None
        if src is not None:
            pos = locate(src, (*path, at)) if at else None
            if pos is None or (at and locate(src, path) == pos):
                pos = locate(src, path)
        self.findings.append(
            Finding(
                rule=r.code,
                name=r.name,
                severity=r.severity,
                message=message,
                file=self.bp.file,
                line=pos[0] if pos else None,
                column=pos[1] if pos else None,
                path=format_path(path),
                node=path,
            )
        )


def _prob(x: float | None) -> str:
    return "none" if x is None else f"{x:g}"


def drift(bp: Blueprint, data: CrmData) -> list[Finding]:
    """Every difference between ``bp`` and the CRM's pipelines in ``data``, as findings."""
    title = TITLES.get(data.crm, data.crm)
    out = _Out(bp)
    pairs, only_bp, only_crm = pair_pipelines(bp.pipelines, data.pipelines, data.crm)
    for p in only_bp:
        out.add(
            PIPELINE_MISSING,
            p.path,
            f"pipeline '{p.label}' is not in {title}"
            + (f" (has: {', '.join(c.label for c in data.pipelines)})" if data.pipelines else ""),
            at="id",
        )
    for c in only_crm:
        out.add(
            PIPELINE_EXTRA,
            ("pipelines",),
            f"{title} pipeline '{c.label}' (id {c.id}) is not in the blueprint",
        )
    for p, c in pairs:
        _pipeline(out, p, c, data.crm, title)
    return sorted(out.findings, key=Finding.sort_key)


def _pipeline(out: _Out, p: Pipeline, c: CrmPipeline, crm: str, title: str) -> None:
    stages = [s for s in p.stages if c.outcomes_are_stages or s.outcome is None]
    crm_stages = [s for s in c.stages if c.outcomes_are_stages or s.outcome is None]
    pairs, only_bp, only_crm = match_stages(stages, crm_stages, crm)
    for s in only_bp:
        out.add(
            STAGE_REMOVED,
            s.path,
            f"stage '{s.label}' of '{p.label}' is not in {title}"
            + (f" (id {s.crm.get(crm)} is gone)" if s.crm and s.crm.get(crm) else ""),
            at="id",
        )
    for cs in only_crm:
        out.add(
            STAGE_ADDED,
            (*p.path, "stages"),
            f"{title} has stage '{cs.label}' (id {cs.id}) in '{p.label}' that the blueprint "
            "does not",
        )
    for s, cs in pairs:
        if " ".join(cs.label.split()) != " ".join(s.label.split()):
            out.add(
                STAGE_RENAMED,
                s.path,
                f"stage '{s.label}' is called '{cs.label}' in {title} (id {cs.id})",
                at="name",
            )
        if (s.outcome or "open") != (cs.outcome or "open"):
            out.add(
                OUTCOME,
                s.path,
                f"stage '{s.label}' is {s.outcome or 'open'} in the blueprint, "
                f"{cs.outcome or 'open'} in {title}",
                at="outcome" if s.outcome else "id",
            )
        elif (
            s.outcome is None
            and s.probability is not None
            and (cs.probability is None or abs(cs.probability - s.probability) > 0.005)
        ):
            out.add(
                PROBABILITY,
                s.path,
                f"stage '{s.label}' has probability {_prob(s.probability)} in the blueprint, "
                f"{_prob(cs.probability)} in {title}",
                at="probability",
            )
    # re-ordered: the stages outside the longest common order of the matched ones
    bp_order = [id(cs) for _, cs in pairs]
    crm_order = [id(cs) for cs in crm_stages if any(cs is x for _, x in pairs)]
    sm = difflib.SequenceMatcher(a=bp_order, b=crm_order, autojunk=False)
    kept = {bp_order[b.a + k] for b in sm.get_matching_blocks() for k in range(b.size)}
    position = {x: i + 1 for i, x in enumerate(crm_order)}
    for i, (s, cs) in enumerate(pairs):
        if id(cs) not in kept:
            out.add(
                STAGE_REORDERED,
                s.path,
                f"stage '{s.label}' is number {i + 1} of the matched stages in the blueprint, "
                f"{position[id(cs)]} in {title}",
                at="id",
            )
