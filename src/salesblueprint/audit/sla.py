"""What the SLA promises, flattened for the backend: the handoff (marketing's last stage, sales'
first stage), how soon sales follows up (``follow_up_within``) and how often it tries
(``attempts``), and the declared recycles back to marketing with their reasons.

Definitions (measured by the backend, see docs/audit.md):

- a **handoff** is every entry into the handoff's ``to`` stage in a path (a contact recycled
  and handed off again is handed off twice);
- its **follow-up window** runs from the handoff to the contact's next handoff (or without
  end); its **first touch** is the first activity (call, email or meeting) in that window;
  activities before the handoff do not count;
- it was followed up **in time** when the first touch came within ``follow_up_within``, **late**
  when after, **never** when there was none by the deadline; **pending** when the deadline is
  after ``--as-of`` and nothing happened yet (not a miss);
- its **attempts** are the activities from the handoff until the contact left the ``to`` stage;
- a **recycle** is a move in a path from the ``to`` stage or a later one back to a stage before
  it (marketing's side); it is **declared** when the blueprint allows the move (``sla.recycle``
  or a recycle transition). A recycle with fewer attempts than the SLA's ``attempts`` gave up
  early.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from salesblueprint.audit.errors import AuditError
from salesblueprint.audit.plan import LIFECYCLE, Plan
from salesblueprint.i18n import _
from salesblueprint.model.blueprint import Blueprint


@dataclass(frozen=True)
class SlaPlan:
    from_stage: str | None  # marketing's last stage (plan id), when it is in the plan
    to_stage: str  # sales' first stage (plan id)
    to_index: int
    follow_up_within: str | None  # as written: 24h, PT24H ...
    within_seconds: int | None
    attempts: int | None
    # recycles the blueprint declares, (from, to) plan ids; their reasons
    declared_recycles: frozenset[tuple[str, str]] = frozenset()
    recycle_reasons: tuple[str, ...] = field(default_factory=tuple)


def _plan_id(ref: str, plan: Plan) -> str | None:
    ids = {s.id for s in plan.stages}
    if ref in ids:
        return ref
    if plan.pipeline != LIFECYCLE and ref.startswith(f"{plan.pipeline}."):
        rest = ref.removeprefix(f"{plan.pipeline}.")
        return rest if rest in ids else None
    return None


def build_sla(bp: Blueprint, plan: Plan, *, required: bool = False) -> SlaPlan | None:
    """The SLA of ``bp`` as it applies to ``plan``; ``None`` when the blueprint has no
    handoff or its ``to`` stage is not a stage of the audited pipeline.

    With ``required`` (activities were given), those cases raise :class:`AuditError` instead:
    there is nothing to hold the activities against.
    """
    from salesblueprint.model.types import duration_seconds

    h = bp.sla.handoff if bp.sla else None
    if h is None:
        if required:
            raise AuditError(
                _(
                    "--activities: the blueprint's SLA has no handoff (sla.handoff with from, "
                    "to and follow_up_within) to measure the follow-up against"
                )
            )
        return None
    to = _plan_id(h.to, plan)
    if to is None:
        if required:
            where = (
                _("the lifecycle")
                if plan.pipeline == LIFECYCLE
                else _("pipeline {pipeline}", pipeline=plan.pipeline)
            )
            hint = (
                _("; audit the lifecycle history with --pipeline lifecycle")
                if plan.pipeline != LIFECYCLE and bp.lifecycle
                else ""
            )
            raise AuditError(
                _(
                    "--activities: the SLA's handoff goes to '{to}', which is not a stage of "
                    "{where}{hint}",
                    to=h.to,
                    where=where,
                    hint=hint,
                )
            )
        return None
    within = h.follow_up_within
    reasons: list[str] = []
    declared: set[tuple[str, str]] = set()
    index = {s.id: s.index for s in plan.stages}
    t = index[to]
    for a, b in plan.edges:
        if index[a] >= t > index[b]:
            declared.add((a, b))
    for r in bp.sla.recycle if bp.sla else []:
        reasons += [x for x in r.reasons if x not in reasons]
    if plan.pipeline == LIFECYCLE and bp.lifecycle:
        for tr in bp.lifecycle.transitions:
            if tr.kind == "recycle":
                reasons += [x for x in tr.reasons if x not in reasons]
    return SlaPlan(
        from_stage=_plan_id(h.from_, plan),
        to_stage=to,
        to_index=t,
        follow_up_within=within,
        within_seconds=duration_seconds(within) if within else None,
        attempts=h.attempts,
        declared_recycles=frozenset(declared),
        recycle_reasons=tuple(reasons),
    )
