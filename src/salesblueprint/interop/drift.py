"""Drift: where the CRM has moved away from the blueprint, as findings at the blueprint's lines.

Pipelines and stages are matched by ``crm:`` id, else by name (case-insensitively). Reported:
stages added in the CRM, removed from it, renamed, re-ordered, with another probability, or
with another outcome (open/won/lost); pipelines missing on either side.

For a CRM with lead statuses (Salesforce), the lifecycle's stages up to and including the
lead conversion (``lead_conversion``) are compared with the org's lead statuses the same way
(added, removed, renamed, re-ordered), and the conversion stage with the status marked
``converted``. Statuses after the converted one (leads closed without conversion) have no
place in the lifecycle and are not reported. A blueprint without a conversion stage describes
no lead statuses: nothing is compared.

Messages are made in the output language (``tr``: ``--lang``, else the blueprint's
``language:``).
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import TYPE_CHECKING

from salesblueprint.diagnostics.codes import Code
from salesblueprint.diagnostics.drift_codes import (
    LEAD_CONVERSION,
    LEAD_STATUSES_UNKNOWN,
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
from salesblueprint.i18n import Msg, Translator, _, translator
from salesblueprint.interop.base import CrmData, CrmPipeline, CrmStage
from salesblueprint.interop.build import TITLES
from salesblueprint.interop.match import S, match_stages, pair_pipelines

if TYPE_CHECKING:
    from salesblueprint.model.blueprint import Blueprint, Pipeline


class _Out:
    def __init__(self, bp: Blueprint, tr: Translator) -> None:
        self.bp = bp
        self.tr = tr
        self.findings: list[Finding] = []

    def add(self, r: Code, path: Path, message: Msg, at: str | None = None) -> None:
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
                message=self.tr(message),
                file=self.bp.file,
                line=pos[0] if pos else None,
                column=pos[1] if pos else None,
                path=format_path(path),
                node=path,
            )
        )


def _prob(x: float | None) -> str:
    return _("none") if x is None else f"{x:g}"


_OUTCOMES = {None: _("open"), "won": _("won"), "lost": _("lost")}


def drift(bp: Blueprint, data: CrmData, tr: Translator | None = None) -> list[Finding]:
    """Every difference between ``bp`` and the CRM's pipelines in ``data``, as findings, in
    ``tr``'s language (default: the blueprint's)."""
    title = TITLES.get(data.crm, data.crm)
    out = _Out(bp, tr or translator(bp.language))
    pairs, only_bp, only_crm = pair_pipelines(bp.pipelines, data.pipelines, data.crm)
    for p in only_bp:
        has = (
            _(" (has: {names})", names=", ".join(c.label for c in data.pipelines))
            if data.pipelines
            else ""
        )
        out.add(
            PIPELINE_MISSING,
            p.path,
            _("pipeline '{pipeline}' is not in {crm}{has}", pipeline=p.label, crm=title, has=has),
            at="id",
        )
    for c in only_crm:
        out.add(
            PIPELINE_EXTRA,
            ("pipelines",),
            _(
                "{crm} pipeline '{pipeline}' (id {id}) is not in the blueprint",
                crm=title,
                pipeline=c.label,
                id=c.id,
            ),
        )
    for p, c in pairs:
        _pipeline(out, p, c, data.crm, title)
    _lead_statuses(out, bp, data, title)
    return sorted(out.findings, key=Finding.sort_key)


def _reordered(
    pairs: Sequence[tuple[S, CrmStage]], crm_stages: Sequence[CrmStage]
) -> list[tuple[S, int, int]]:
    """The matched stages outside the longest common order of both sides, with their place
    among the matched stages in the blueprint and in the CRM (1-based)."""
    bp_order = [id(cs) for _s, cs in pairs]
    crm_order = [id(cs) for cs in crm_stages if any(cs is x for _s, x in pairs)]
    sm = difflib.SequenceMatcher(a=bp_order, b=crm_order, autojunk=False)
    kept = {bp_order[b.a + k] for b in sm.get_matching_blocks() for k in range(b.size)}
    position = {x: i + 1 for i, x in enumerate(crm_order)}
    return [(s, i + 1, position[id(cs)]) for i, (s, cs) in enumerate(pairs) if id(cs) not in kept]


def _pipeline(out: _Out, p: Pipeline, c: CrmPipeline, crm: str, title: str) -> None:
    stages = [s for s in p.stages if c.outcomes_are_stages or s.outcome is None]
    crm_stages = [s for s in c.stages if c.outcomes_are_stages or s.outcome is None]
    pairs, only_bp, only_crm = match_stages(stages, crm_stages, crm)
    for s in only_bp:
        sid = s.crm.get(crm) if s.crm else None
        out.add(
            STAGE_REMOVED,
            s.path,
            _(
                "stage '{stage}' of '{pipeline}' is not in {crm}{gone}",
                stage=s.label,
                pipeline=p.label,
                crm=title,
                gone=_(" (id {id} is gone)", id=sid) if sid else "",
            ),
            at="id",
        )
    for cs in only_crm:
        out.add(
            STAGE_ADDED,
            (*p.path, "stages"),
            _(
                "{crm} has stage '{stage}' (id {id}) in '{pipeline}' that the blueprint does not",
                crm=title,
                stage=cs.label,
                id=cs.id,
                pipeline=p.label,
            ),
        )
    for s, cs in pairs:
        if " ".join(cs.label.split()) != " ".join(s.label.split()):
            out.add(
                STAGE_RENAMED,
                s.path,
                _(
                    "stage '{stage}' is called '{label}' in {crm} (id {id})",
                    stage=s.label,
                    label=cs.label,
                    crm=title,
                    id=cs.id,
                ),
                at="name",
            )
        if (s.outcome or "open") != (cs.outcome or "open"):
            out.add(
                OUTCOME,
                s.path,
                _(
                    "stage '{stage}' is {ours} in the blueprint, {theirs} in {crm}",
                    stage=s.label,
                    ours=_OUTCOMES[s.outcome],
                    theirs=_OUTCOMES[cs.outcome],
                    crm=title,
                ),
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
                _(
                    "stage '{stage}' has probability {ours} in the blueprint, {theirs} in {crm}",
                    stage=s.label,
                    ours=_prob(s.probability),
                    theirs=_prob(cs.probability),
                    crm=title,
                ),
                at="probability",
            )
    for s, ours, theirs in _reordered(pairs, crm_stages):
        out.add(
            STAGE_REORDERED,
            s.path,
            _(
                "stage '{stage}' is number {ours} of the matched stages in the blueprint, "
                "{theirs} in {crm}",
                stage=s.label,
                ours=ours,
                theirs=theirs,
                crm=title,
            ),
            at="id",
        )


def _lead_statuses(out: _Out, bp: Blueprint, data: CrmData, title: str) -> None:
    """The lifecycle up to the lead conversion against the CRM's lead statuses."""
    from salesblueprint.interop.registry import CRMS

    stages = bp.lifecycle.stages if bp.lifecycle else []
    at = next((i for i, s in enumerate(stages) if s.lead_conversion is not None), None)
    crm = CRMS.get(data.crm)
    if at is None or crm is None or crm.lead_statuses is None:
        return  # no conversion point, or a CRM without lead statuses: nothing to compare
    conv = stages[at]
    if data.lead_statuses is None:
        out.add(
            LEAD_STATUSES_UNKNOWN,
            conv.path,
            _(
                "the lead is converted at '{stage}', but {source} holds no {crm} lead statuses "
                "to compare the lifecycle with; retrieve them: {how}",
                stage=conv.label,
                source=data.source,
                crm=title,
                how=crm.lead_statuses,
            ),
            at="lead_conversion",
        )
        return
    statuses = data.lead_statuses
    converted = [s for s in statuses if s.converted]
    pairs, only_bp, only_crm = match_stages(stages[: at + 1], statuses, data.crm)
    # the org's lifecycle ends at its converted status; without one, at the status matched
    # to the blueprint's conversion stage, else it is every status
    end = converted[0] if converted else next((cs for s, cs in pairs if s is conv), None)
    org_at = next((i for i, s in enumerate(statuses) if s is end), len(statuses) - 1)
    on_path = {id(s) for s in statuses[: org_at + 1]}
    for s in only_bp:
        sid = s.crm.get(data.crm) if s.crm else None
        out.add(
            STAGE_REMOVED,
            s.path,
            _(
                "lifecycle stage '{stage}' is not a {crm} lead status{gone}",
                stage=s.label,
                crm=title,
                gone=_(" (id {id} is gone)", id=sid) if sid else "",
            ),
            at="id",
        )
    for cs in only_crm:
        if id(cs) in on_path:  # after the converted status: a lead closed without conversion
            out.add(
                STAGE_ADDED,
                ("lifecycle", "stages"),
                _(
                    "{crm} has lead status '{status}' up to the conversion that the lifecycle "
                    "does not",
                    crm=title,
                    status=cs.label,
                ),
            )
    names = ", ".join(f"'{s.label}'" for s in converted)
    for s, cs in pairs:
        if " ".join(cs.label.split()) != " ".join(s.label.split()):
            out.add(
                STAGE_RENAMED,
                s.path,
                _(
                    "lifecycle stage '{stage}' is called '{label}' in {crm} (lead status {id})",
                    stage=s.label,
                    label=cs.label,
                    crm=title,
                    id=cs.id,
                ),
                at="name",
            )
        if s is conv and not cs.converted:
            out.add(
                LEAD_CONVERSION,
                s.path,
                _(
                    "the lead is converted at '{stage}' in the blueprint, but {crm}'s lead "
                    "status '{status}' is not marked converted ({which})",
                    stage=s.label,
                    crm=title,
                    status=cs.label,
                    which=(
                        _("converted: {names}", names=names)
                        if converted
                        else _("no status is marked converted")
                    ),
                ),
                at="lead_conversion",
            )
        elif s is not conv and cs.converted:
            out.add(
                LEAD_CONVERSION,
                s.path,
                _(
                    "{crm}'s lead status '{status}' is marked converted, but the blueprint "
                    "converts the lead at '{stage}'",
                    crm=title,
                    status=cs.label,
                    stage=conv.label,
                ),
                at="id",
            )
    if not converted and all(s is not conv for s, _cs in pairs):
        out.add(
            LEAD_CONVERSION,
            conv.path,
            _(
                "no {crm} lead status is marked converted; the blueprint converts the lead at "
                "'{stage}'",
                crm=title,
                stage=conv.label,
            ),
            at="lead_conversion",
        )
    for s, ours, theirs in _reordered(pairs, statuses):
        out.add(
            STAGE_REORDERED,
            s.path,
            _(
                "lifecycle stage '{stage}' is number {ours} of the matched lead statuses in the "
                "blueprint, {theirs} in {crm}",
                stage=s.label,
                ours=ours,
                theirs=theirs,
                crm=title,
            ),
            at="id",
        )
