"""The typed result of an audit, and its JSON form (the contract's keys, plus extras)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

VIOLATION_KINDS: tuple[str, ...] = (
    "skip",
    "backward",
    "after_outcome",
    "unknown_stage",
    "late_entry",
)
REJECT_REASONS: tuple[str, ...] = ("missing_value", "bad_timestamp")


@dataclass(frozen=True)
class Example:
    """One occurrence of a violation or a rejected row, for the report."""

    deal_id: str
    stage: str = ""  # the stage entered (or the raw value for unknown stages)
    from_stage: str = ""  # for transitions: the stage left
    at: str = ""  # ISO 8601 UTC timestamp, or the raw text for a bad timestamp
    where: str = ""  # file:line for rejected rows
    detail: str = ""  # e.g. the first follow-up of a handoff, or a recycle's reason

    def to_json(self) -> dict[str, str]:
        out = {"deal_id": self.deal_id}
        for key in ("from_stage", "stage", "at", "where", "detail"):
            value = getattr(self, key)
            if value:
                out[key] = value
        return out


@dataclass
class History:
    rows: int = 0
    accepted: int = 0
    rejected: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REJECT_REASONS, 0))
    deals: int = 0
    files: list[str] = field(default_factory=list)
    first_at: str | None = None
    last_at: str | None = None
    examples: dict[str, list[Example]] = field(default_factory=dict)


@dataclass
class Conformance:
    transitions: int = 0
    allowed: int = 0
    violations: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VIOLATION_KINDS, 0))
    deals_with_violations: int = 0
    examples: dict[str, list[Example]] = field(default_factory=dict)
    unknown_stages: dict[str, int] = field(default_factory=dict)  # raw value -> rows
    moves: list[tuple[str, str, str, int]] = field(default_factory=list)  # from, to, kind, count


@dataclass
class Interval:
    low: float
    high: float


@dataclass
class StageFigures:
    id: str
    name: str
    kind: str  # open | won | lost | after_close | lifecycle
    entered: int = 0
    won: int = 0
    lost: int = 0
    win_rate: float | None = None
    declared_probability: float | None = None
    median_days: float | None = None
    p90_days: float | None = None
    expected_days: int | None = None
    # calibration: Wilson 95% interval of the observed win rate
    win_rate_interval: Interval | None = None
    calibration: str | None = None  # ok | over | under (declared above/below the interval)
    # deals still open whose last move was into this stage, and those past expected_days
    open_now: int = 0
    rotting: int = 0
    # lifecycle: observed share reaching a later stage vs the declared conversion_rate
    converted: int | None = None
    conversion: float | None = None
    declared_conversion: float | None = None

    def contract_json(self) -> dict[str, Any]:
        return {
            "entered": self.entered,
            "won": self.won,
            "lost": self.lost,
            "win_rate": self.win_rate,
            "declared_probability": self.declared_probability,
            "median_days": self.median_days,
            "p90_days": self.p90_days,
            "expected_days": self.expected_days,
        }

    def to_json(self) -> dict[str, Any]:
        out = self.contract_json()
        out["name"] = self.name
        out["kind"] = self.kind
        out["win_rate_interval"] = (
            [self.win_rate_interval.low, self.win_rate_interval.high]
            if self.win_rate_interval
            else None
        )
        out["calibration"] = self.calibration
        out["open_now"] = self.open_now
        out["rotting"] = self.rotting
        if self.kind == "lifecycle":
            out["converted"] = self.converted
            out["conversion"] = self.conversion
            out["declared_conversion"] = self.declared_conversion
        return out


@dataclass
class Reason:
    reason: str
    deals: int
    declared: bool


@dataclass
class Breakdown:
    """Win figures per value of an optional column (owner, source), and its reasons (lost
    deals', or for the lifecycle every contact's last; most frequent first)."""

    column: str
    value: str
    deals: int
    won: int
    lost: int
    reasons: list[Reason] = field(default_factory=list)

    @property
    def win_rate(self) -> float | None:
        closed = self.won + self.lost
        return round(self.won / closed, 4) if closed else None


@dataclass
class Activities:
    """The activities input: every row accepted or rejected, and what the accepted ones were."""

    rows: int = 0
    accepted: int = 0
    rejected: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REJECT_REASONS, 0))
    files: list[str] = field(default_factory=list)
    attempts: dict[str, int] = field(default_factory=dict)  # call / email / meeting -> rows
    other_types: dict[str, int] = field(default_factory=dict)  # not attempts: type -> rows
    examples: dict[str, list[Example]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "rows": self.rows,
            "accepted": self.accepted,
            "rejected": dict(self.rejected),
            "files": list(self.files),
            "attempts": dict(self.attempts),
            "other_types": dict(self.other_types),
            "examples": {k: [e.to_json() for e in v] for k, v in self.examples.items()},
        }


@dataclass
class RecycleMove:
    from_stage: str
    to_stage: str
    count: int
    declared: bool


@dataclass
class Sla:
    """The SLA measured: handoffs followed up in time, attempts, recycles back to marketing."""

    handoff_from: str | None
    handoff_to: str
    follow_up_within: str | None
    attempts_required: int | None
    handoffs: int = 0  # entries into the handoff's ``to`` stage
    contacts: int = 0  # distinct deals/contacts handed off
    measured: bool = False  # activities were given
    in_time: int | None = None
    late: int | None = None
    never: int | None = None  # no follow-up by the deadline (or at all, without a deadline)
    pending: int | None = None  # deadline after as_of, nothing yet
    hours_to_first_touch_median: float | None = None
    hours_to_first_touch_p90: float | None = None
    attempts_met: int | None = None  # handoffs with at least ``attempts_required`` attempts
    recycled: int = 0  # handoffs that went back to marketing from the ``to`` stage
    recycled_short: int | None = None  # ... with fewer attempts than required
    follow_up_types: dict[str, int] = field(default_factory=dict)  # attempts in the windows
    recycles: list[RecycleMove] = field(default_factory=list)
    reasons: list[Reason] = field(default_factory=list)
    recycles_without_reason: int = 0
    activities: Activities | None = None
    examples: dict[str, list[Example]] = field(default_factory=dict)

    @property
    def missed(self) -> int:
        return (self.late or 0) + (self.never or 0)

    @property
    def recycles_total(self) -> int:
        return sum(m.count for m in self.recycles)

    def to_json(self) -> dict[str, Any]:
        return {
            "handoff": {
                "from": self.handoff_from,
                "to": self.handoff_to,
                "follow_up_within": self.follow_up_within,
                "attempts": self.attempts_required,
            },
            "handoffs": self.handoffs,
            "contacts": self.contacts,
            "measured": self.measured,
            "follow_up": {
                "in_time": self.in_time,
                "late": self.late,
                "never": self.never,
                "pending": self.pending,
                "missed": self.missed if self.measured else None,
                "hours_to_first_touch": {
                    "median": self.hours_to_first_touch_median,
                    "p90": self.hours_to_first_touch_p90,
                },
                "types": dict(self.follow_up_types),
            },
            "attempts": {
                "required": self.attempts_required,
                "met": self.attempts_met,
                "recycled": self.recycled,
                "recycled_short": self.recycled_short,
            },
            "recycles": {
                "total": self.recycles_total,
                "moves": [
                    {
                        "from": m.from_stage,
                        "to": m.to_stage,
                        "count": m.count,
                        "declared": m.declared,
                    }
                    for m in self.recycles
                ],
                "reasons": [
                    {"reason": r.reason, "count": r.deals, "declared": r.declared}
                    for r in self.reasons
                ],
                "without_reason": self.recycles_without_reason,
            },
            "activities": self.activities.to_json() if self.activities else None,
            "examples": {k: [e.to_json() for e in v] for k, v in self.examples.items()},
        }


@dataclass
class AuditResult:
    """What the deals really did, held against the blueprint."""

    blueprint: str
    pipeline: str  # pipeline id, or "lifecycle"
    source: str
    history: History
    conformance: Conformance
    stages: dict[str, StageFigures]
    required: dict[str, int]  # open stage id -> won deals that never entered it
    as_of: str | None = None
    final: dict[str, int] = field(default_factory=dict)  # won / lost / open -> deals
    reasons: list[Reason] = field(default_factory=list)
    deals_without_reason: int = 0
    breakdowns: list[Breakdown] = field(default_factory=list)
    rotting_examples: list[Example] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sla: Sla | None = None

    def kinds_found(self) -> set[str]:
        """Every ``--fail-on`` kind that occurred."""
        kinds = {k for k, n in self.conformance.violations.items() if n}
        kinds |= {k for k, n in self.history.rejected.items() if n}
        if any(self.history.rejected.values()):
            kinds.add("rejected")
        if kinds & set(VIOLATION_KINDS):
            kinds.add("violation")
        if any(self.required.values()):
            kinds.add("required")
        if any(s.calibration in ("over", "under") for s in self.stages.values()):
            kinds.add("calibration")
        if any(s.rotting for s in self.stages.values()):
            kinds.add("rotting")
        if any(not r.declared for r in self.reasons):
            kinds.add("undeclared_reason")
        if self.sla is not None:
            if self.sla.missed:
                kinds.add("sla_missed")
            if self.sla.recycled_short:
                kinds.add("sla_attempts")
            if any(not m.declared for m in self.sla.recycles):
                kinds.add("undeclared_recycle")
            if any(not r.declared for r in self.sla.reasons):
                kinds.add("undeclared_recycle_reason")
        return kinds

    def to_json(self) -> dict[str, Any]:
        h, c = self.history, self.conformance
        return {
            "history": {
                "rows": h.rows,
                "accepted": h.accepted,
                "rejected": dict(h.rejected),
                "deals": h.deals,
                "files": list(h.files),
                "first_at": h.first_at,
                "last_at": h.last_at,
                "examples": {k: [e.to_json() for e in v] for k, v in h.examples.items()},
            },
            "conformance": {
                "transitions": c.transitions,
                "allowed": c.allowed,
                "violations": dict(c.violations),
                "deals_with_violations": c.deals_with_violations,
                "examples": {k: [e.to_json() for e in v] for k, v in c.examples.items()},
                "unknown_stages": dict(c.unknown_stages),
                "moves": [
                    {"from": a, "to": b, "kind": kind, "count": n} for a, b, kind, n in c.moves
                ],
            },
            "stages": {k: s.to_json() for k, s in self.stages.items()},
            "required": {k: {"won_without": n} for k, n in self.required.items()},
            "blueprint": self.blueprint,
            "pipeline": self.pipeline,
            "source": self.source,
            "as_of": self.as_of,
            "final": dict(self.final),
            "reasons": {
                "deals_without_reason": self.deals_without_reason,
                "counts": [
                    {"reason": r.reason, "deals": r.deals, "declared": r.declared}
                    for r in self.reasons
                ],
            },
            "breakdowns": [
                {
                    "column": b.column,
                    "value": b.value,
                    "deals": b.deals,
                    "won": b.won,
                    "lost": b.lost,
                    "win_rate": b.win_rate,
                    "reasons": [
                        {"reason": x.reason, "deals": x.deals, "declared": x.declared}
                        for x in b.reasons
                    ],
                }
                for b in self.breakdowns
            ],
            "rotting_examples": [e.to_json() for e in self.rotting_examples],
            "notes": list(self.notes),
            "sla": self.sla.to_json() if self.sla else None,
            "kinds_found": sorted(self.kinds_found()),
        }
