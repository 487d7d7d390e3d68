"""Observed conversion rates from an audit report, for ``funnel --from-audit``.

``salesblueprint audit BP HISTORY --pipeline lifecycle --format json`` measures, per lifecycle
stage, the contacts that entered it (``entered``) and those that reached a later stage
(``converted``). Their share is the stage's observed ``conversion_rate``; the funnel recomputed
with these rates says what the revenue target needs if the next period converts like the last.

Only the JSON is read (a dict): this module does not run or import the audit. A JSON that is not
a lifecycle audit of the same blueprint raises :class:`AuditReportError` saying why.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from salesblueprint.i18n import Msg, _
from salesblueprint.model.blueprint import Blueprint
from salesblueprint.rules.analysis.funnel import opportunity_index


class AuditReportError(ValueError):
    """The JSON is not a lifecycle audit report of this blueprint (the message says why)."""


@dataclass(frozen=True)
class ObservedRates:
    """The rates an audit observed for the stages on the funnel's path."""

    audit: str  # the report's file, as given
    rates: dict[str, float]  # stage id -> observed conversion (rounded to 0.01%)
    counts: dict[str, tuple[int, int]]  # stage id -> (converted, entered)
    notes: tuple[Msg, ...] = field(default_factory=tuple)  # stages that kept their rate, why
    contacts: int | None = None
    as_of: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "audit": self.audit,
            "contacts": self.contacts,
            "as_of": self.as_of,
            "counts": {k: {"converted": c, "entered": e} for k, (c, e) in self.counts.items()},
            "notes": [str(n) for n in self.notes],
        }


def _count(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else None


def observed_rates(bp: Blueprint, data: object, audit: str = "audit report") -> ObservedRates:
    """The observed conversion rates in ``data`` (a parsed ``audit --format json`` report) for
    the stages of ``bp``'s funnel path (first lifecycle stage to the opportunity stage).

    A stage nobody entered, or that nobody left forward (0%), keeps its declared rate, with a
    note. Raises :class:`AuditReportError` when ``data`` is not an audit report, not of the
    lifecycle, or of a blueprint with other lifecycle stages.
    """
    how = _(
        "write one with: salesblueprint audit {blueprint} HISTORY --pipeline lifecycle "
        "--format json -o AUDIT.json",
        blueprint=bp.file or "BLUEPRINT",
    )
    if not isinstance(data, Mapping) or not all(
        isinstance(data.get(k), Mapping) for k in ("history", "conformance", "stages")
    ):
        raise AuditReportError(
            _("{audit}: not a salesblueprint audit report (JSON); {how}", audit=audit, how=how)
        )
    pipeline = data.get("pipeline")
    if pipeline != "lifecycle":
        raise AuditReportError(
            _(
                "{audit}: an audit of pipeline '{pipeline}'; the funnel's rates are the "
                "lifecycle's: {how}",
                audit=audit,
                pipeline=pipeline,
                how=how,
            )
        )
    ids = [s.id for s in bp.lifecycle.stages] if bp.lifecycle else []
    stages = data["stages"]
    if list(stages) != ids:
        theirs = ", ".join(str(k) for k in stages) or "-"
        raise AuditReportError(
            _(
                "{audit}: not an audit of this blueprint: its lifecycle stages ({theirs}) are "
                "not the blueprint's ({ours})",
                audit=audit,
                theirs=theirs,
                ours=", ".join(ids) or "-",
            )
        )
    opp = opportunity_index(bp.lifecycle.stages) if bp.lifecycle else None
    rates: dict[str, float] = {}
    counts: dict[str, tuple[int, int]] = {}
    notes: list[Msg] = []
    for s in bp.lifecycle.stages[: opp + 1] if bp.lifecycle and opp is not None else []:
        fig = stages[s.id]
        entered = _count(fig.get("entered")) if isinstance(fig, Mapping) else None
        converted = _count(fig.get("converted")) if isinstance(fig, Mapping) else None
        if entered is None or converted is None or converted > entered:
            raise AuditReportError(
                _(
                    "{audit}: stage '{stage}' has no counts 'entered' and 'converted' "
                    "(contacts); {how}",
                    audit=audit,
                    stage=s.id,
                    how=how,
                )
            )
        counts[s.id] = (converted, entered)
        if entered == 0:
            notes.append(
                _(
                    "no contact entered '{stage}' in the audit: its declared rate is kept",
                    stage=s.id,
                )
            )
        elif converted == 0:
            notes.append(
                _(
                    "none of the {n} contacts in '{stage}' reached a later stage in the audit: "
                    "its declared rate is kept",
                    n=entered,
                    stage=s.id,
                )
            )
        else:
            rates[s.id] = round(converted / entered, 4)
    history = data["history"]
    contacts = _count(history.get("deals"))
    as_of = data.get("as_of")
    return ObservedRates(
        audit=audit,
        rates=rates,
        counts=counts,
        notes=tuple(notes),
        contacts=contacts,
        as_of=as_of if isinstance(as_of, str) else None,
    )
