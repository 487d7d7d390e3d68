"""What the blueprint expects of one pipeline (or of the lifecycle), flattened for the backend.

Stage order, the kind of every stage, the allowed moves (the graph's edges: default flow
plus declared transitions, see :mod:`salesblueprint.model.graph`) and the keys a history's
stage value may use to name a stage: the stage's ``crm:`` ids, the id, the name
(case-insensitive), and last the id or name with everything but letters and digits taken out
(so HubSpot's internal ``appointmentscheduled`` finds ``appointment_scheduled``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from salesblueprint.audit.errors import AuditError
from salesblueprint.i18n import _
from salesblueprint.model.blueprint import Blueprint, DealStage, LifecycleStage

LIFECYCLE = "lifecycle"


@dataclass(frozen=True)
class PlanStage:
    id: str
    name: str
    index: int
    kind: str  # open | won | lost | after_close | lifecycle
    probability: float | None = None
    expected_days: int | None = None
    conversion_rate: float | None = None
    crm_ids: tuple[str, ...] = ()


@dataclass
class Plan:
    pipeline: str
    label: str
    stages: list[PlanStage]
    edges: set[tuple[str, str]]
    lost_reasons: list[str] = field(default_factory=list)

    @property
    def first(self) -> str:
        return self.stages[0].id

    def stage(self, stage_id: str) -> PlanStage:
        return next(s for s in self.stages if s.id == stage_id)

    def match_keys(self) -> list[tuple[str, str, int]]:
        """``(key, stage id, priority)``: exact keys first, then case-folded, then squashed."""
        out: list[tuple[str, str, int]] = []
        seen: set[tuple[str, int]] = set()

        def add(key: str, sid: str, prio: int) -> None:
            if key and (key, prio) not in seen:
                seen.add((key, prio))
                out.append((key, sid, prio))

        for s in self.stages:
            for c in s.crm_ids:
                add(c, s.id, 0)
            add(s.id, s.id, 1)
        for s in self.stages:
            add(s.name.lower(), s.id, 2)
            add(s.id.lower(), s.id, 2)
        for s in self.stages:
            add(squash(s.id), s.id, 3)
            add(squash(s.name), s.id, 3)
        return out


def squash(text: str) -> str:
    """Lower-case letters and digits only: ``Appointment scheduled`` -> ``appointmentscheduled``."""
    return re.sub(r"[^0-9a-z]+", "", text.lower())


def _crm_ids(stage: DealStage | LifecycleStage) -> tuple[str, ...]:
    crm = stage.crm
    if crm is None:
        return ()
    found = (crm.get(name) for name in ("hubspot", "salesforce", "pipedrive"))
    return tuple(v for v in found if v)


def build_plan(bp: Blueprint, pipeline: str | None = None) -> Plan:
    """The plan of ``pipeline`` (an id, or ``lifecycle``); by default the first pipeline."""
    from salesblueprint.model.graph import StageIndex, stage_edges

    idx = StageIndex.build(bp)
    edges = list(stage_edges(bp, idx))
    choices = [p.id for p in bp.pipelines] + ([LIFECYCLE] if bp.lifecycle else [])
    if pipeline is None:
        if not choices:
            raise AuditError(_("the blueprint has no pipelines and no lifecycle to audit"))
        pipeline = choices[0]
    if pipeline == LIFECYCLE and bp.lifecycle:
        stages = [
            PlanStage(
                s.id,
                s.label,
                i,
                "lifecycle",
                conversion_rate=s.conversion_rate,
                crm_ids=_crm_ids(s),
            )
            for i, s in enumerate(bp.lifecycle.stages)
        ]
        ids = {s.id for s in stages}
        allowed = {(e.source, e.target) for e in edges if e.source in ids and e.target in ids}
        # a contact's reason is a recycle's or a disqualification's
        reasons: list[str] = [
            *(x for t in bp.lifecycle.transitions if t.kind == "recycle" for x in t.reasons),
            *(x for r in (bp.sla.recycle if bp.sla else []) for x in r.reasons),
            *(bp.sla.disqualify.reasons if bp.sla and bp.sla.disqualify else []),
        ]
        return Plan(LIFECYCLE, "Lifecycle", stages, allowed, list(dict.fromkeys(reasons)))
    p = bp.pipeline(pipeline)
    if p is None:
        from salesblueprint.i18n import did_you_mean

        raise AuditError(
            _(
                "--pipeline {pipeline}: no such pipeline{hint}; choose one of: {choices}",
                pipeline=pipeline,
                hint=did_you_mean(pipeline, choices),
                choices=", ".join(choices) or _("(none)"),
            )
        )
    stages = []
    for i, s in enumerate([*p.stages, *p.after_close]):
        kind = s.outcome or ("after_close" if i >= len(p.stages) else "open")
        stages.append(
            PlanStage(
                s.id,
                s.label,
                i,
                kind,
                probability=s.probability,
                expected_days=s.expected_days,
                crm_ids=_crm_ids(s),
            )
        )
    prefix = f"{p.id}."
    allowed = {
        (e.source.removeprefix(prefix), e.target.removeprefix(prefix))
        for e in edges
        if e.source.startswith(prefix) and e.target.startswith(prefix)
    }
    lost = [r for s in p.stages if s.outcome == "lost" for r in s.reasons]
    return Plan(p.id, p.label, stages, allowed, lost)
