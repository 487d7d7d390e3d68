"""Suggestions that fit the stage a finding is about: the fixes of the norm rules.

A criterion of a marketing-owned lifecycle stage needs another example than one of a late deal
stage: "Contact downloaded the pricing guide" is no help when the stage is "Contract sent". The
kind of a stage is

- ``deal`` for a deal stage, with its ``phase`` (0 to 3: where it is among the pipeline's open
  stages, early to late; 4 for an ``after_close`` stage);
- for a lifecycle stage: ``opportunity`` when it has ``pipeline:`` (its contacts have an open
  deal), ``customer`` after that stage (the win moved the contact on), else ``marketing`` or
  ``sales`` when its owner is on that side (see :mod:`salesblueprint.rules.analysis.sides`), and
  ``contact`` when the side is unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from salesblueprint.i18n import _
from salesblueprint.model.blueprint import Blueprint, DealStage, ExitCriterion, LifecycleStage

if TYPE_CHECKING:
    from salesblueprint.rules.engine import Context

Kind = Literal["deal", "marketing", "sales", "contact", "opportunity", "customer"]
Stage = LifecycleStage | DealStage


@dataclass(frozen=True)
class StageKind:
    kind: Kind
    phase: int = 0  # deal stages only: 0..3 early to late, 4 after the win

    @property
    def is_deal(self) -> bool:
        return self.kind == "deal"

    @property
    def seller_part(self) -> str:
        """Where the seller's (or team's) own part of the work belongs in this stage."""
        return "`rep_action`" if self.is_deal else _("the stage's `actions`")

    @property
    def who(self) -> str:
        return _("deal") if self.is_deal else _("contact")


def stage_kinds(bp: Blueprint) -> dict[int, StageKind]:
    """The kinds that a stage's position decides, by ``id()`` of the stage model.

    (Deal stages, and lifecycle stages from the one with ``pipeline:`` on; the others take
    their side from their owner.) Cached per run as ``Context.stage_kinds``.
    """
    kinds: dict[int, StageKind] = {}
    for p in bp.pipelines:
        open_stages = [s for s in p.stages if s.outcome is None]
        n = max(1, len(open_stages))
        for i, s in enumerate(open_stages):
            kinds[id(s)] = StageKind("deal", min(3, i * 4 // n))
        for s in p.after_close:
            kinds[id(s)] = StageKind("deal", 4)
    if bp.lifecycle:
        stages = bp.lifecycle.stages
        first = next((i for i, ls in enumerate(stages) if ls.pipeline is not None), None)
        if first is not None:
            kinds[id(stages[first])] = StageKind("opportunity")
            for ls in stages[first + 1 :]:
                kinds[id(ls)] = StageKind("opportunity" if ls.pipeline else "customer")
    return kinds


def stage_kind(ctx: Context, stage: Stage) -> StageKind:
    """The kind of ``stage`` (see the module docs)."""
    known = ctx.stage_kinds.get(id(stage))
    if known is not None:
        return known
    if isinstance(stage, DealStage):
        return StageKind("deal", 1)
    return StageKind(ctx.sides.of_team(stage.owner) or "contact")


# -- buyer-centric: an outcome the buyer produced, for each kind of stage ---------------------
_BUYER_OUTCOME: dict[str, dict[str, str]] = {
    "en": {
        "deal0": "Buyer confirmed the problem and timeline in a reply to the recap email",
        "deal1": "Buyer attended the demo and booked the next meeting",
        "deal2": "Buyer returned the proposal with their comments",
        "deal3": "Buyer signed the order form",
        "deal4": "Customer signed off the onboarding plan",
        "marketing": "Contact downloaded the pricing guide",
        "sales": "Contact accepted the meeting invitation",
        "contact": "Contact replied to the follow-up email",
        "opportunity": "Buyer signed the order form",
        "customer": "Customer renewed the subscription",
    },
    "nl": {
        "deal0": "Klant heeft probleem en planning bevestigd in een reactie op de samenvatting",
        "deal1": "Klant heeft de demo bijgewoond en een vervolgafspraak gepland",
        "deal2": "Klant heeft de offerte met opmerkingen teruggestuurd",
        "deal3": "Klant heeft de opdrachtbevestiging ondertekend",
        "deal4": "Klant heeft het implementatieplan goedgekeurd",
        "marketing": "Contactpersoon heeft de prijslijst gedownload",
        "sales": "Contactpersoon heeft de uitnodiging voor een afspraak geaccepteerd",
        "contact": "Contactpersoon heeft op de follow-up-mail gereageerd",
        "opportunity": "Klant heeft de opdrachtbevestiging ondertekend",
        "customer": "Klant heeft het abonnement verlengd",
    },
}

# -- inspectable: an artefact a manager can open, for each kind of stage ----------------------
_ARTEFACT: dict[str, dict[str, str]] = {
    "en": {
        "deal0": "the buyer's reply to the recap email",
        "deal1": "the meeting record of the demo",
        "deal2": "the proposal with the buyer's comments",
        "deal3": "the signed order form",
        "deal4": "the signed-off onboarding plan",
        "marketing": "the form submission or email click on the contact",
        "sales": "the accepted meeting invitation or the logged call",
        "contact": "the email or form submission on the contact",
        "opportunity": "the signed order form on the won deal",
        "customer": "the renewal order or the survey response",
    },
    "nl": {
        "deal0": "de reactie van de klant op de samenvatting",
        "deal1": "het verslag van de demo",
        "deal2": "de offerte met de opmerkingen van de klant",
        "deal3": "de getekende opdrachtbevestiging",
        "deal4": "het goedgekeurde implementatieplan",
        "marketing": "de formulierinzending of e-mailklik bij het contact",
        "sales": "de geaccepteerde uitnodiging of het gelogde gesprek",
        "contact": "de e-mail of formulierinzending bij het contact",
        "opportunity": "de getekende opdrachtbevestiging bij de gewonnen deal",
        "customer": "de verlengingsorder of het enquêteantwoord",
    },
}


# -- what the owning team does in a lifecycle stage -------------------------------------------
# (examples of what to write in the blueprint: in the blueprint's language, like its text)
_ACTION: dict[str, dict[str, str]] = {
    "en": {
        "marketing": "Enrol the contact in the nurture track",
        "sales": "Call within the SLA and book the first meeting",
        "contact": "Follow up on the contact's last reply",
        "opportunity": "Work the deal through the pipeline",
        "customer": "Run the onboarding and the quarterly review",
    },
    "nl": {
        "marketing": "Contactpersoon in de nurture-reeks opnemen",
        "sales": "Binnen de SLA bellen en de eerste afspraak plannen",
        "contact": "Opvolgen op de laatste reactie van de contactpersoon",
        "opportunity": "De deal door de pijplijn begeleiden",
        "customer": "Implementatie en kwartaalgesprek uitvoeren",
    },
}


def team_action(ctx: Context, stage: LifecycleStage) -> str:
    """An ``actions:`` entry that fits what the owning team does in a lifecycle stage."""
    actions = _ACTION.get(ctx.bp.language, _ACTION["en"])
    return actions.get(stage_kind(ctx, stage).kind, actions["contact"])


def _key(k: StageKind) -> str:
    return f"deal{k.phase}" if k.is_deal else k.kind


def buyer_outcome(language: str, k: StageKind) -> str:
    """A buyer-centric, factual exit criterion that fits a stage of kind ``k``."""
    return _BUYER_OUTCOME.get(language, _BUYER_OUTCOME["en"])[_key(k)]


def artefact(language: str, k: StageKind) -> str:
    """Evidence a manager can open that fits a stage of kind ``k``."""
    return _ARTEFACT.get(language, _ARTEFACT["en"])[_key(k)]


# -- inspectable: where evidence is recorded --------------------------------------------------
_RECORDS: dict[Kind, tuple[str, ...]] = {
    "deal": ("deal", "opportunity"),
    "sales": ("contact", "lead", "person", "deal"),
    "marketing": ("contact", "lead", "person", "form_submission"),
    "contact": ("contact", "lead", "person"),
    "opportunity": ("deal", "opportunity", "contact"),
    "customer": ("contact", "company", "account"),
}


def record_example(ctx: Context, stage: Stage, crit: ExitCriterion, k: StageKind) -> str | None:
    """A ``recorded_in`` value that fits: ``tool.record`` or a tool, or ``None`` without tools.

    In order: a record the evidence names ("Email reply" → ``crm.email``); what the stage's
    other criteria use; the record a stage of this kind is about (``deal`` for a deal stage,
    ``contact`` for a lifecycle stage), preferring its system of record; the first tool.
    """
    tools = ctx.bp.tools
    if not tools:
        return None
    words = set((crit.evidence or "").casefold().replace("-", " ").replace("_", " ").split())
    for t in sorted(tools, key=lambda t: 0 if t.system_of_record else 1):
        for r in t.records:
            if r.casefold() in words or r.casefold().rstrip("s") in words:
                return f"{t.id}.{r}"
    for other in stage.exit_criteria:
        if other is not crit and other.recorded_in:
            return other.recorded_in
    for record in _RECORDS[k.kind]:
        lead = next((t for t in tools if record in t.system_of_record), None)
        holder = lead or next((t for t in tools if record in t.records), None)
        if holder is not None:
            return f"{holder.id}.{record}"
    return tools[0].id


def recorded_in_fix(ctx: Context, stage: Stage, crit: ExitCriterion, k: StageKind) -> str:
    """``add `recorded_in:` ...`` with an example that fits the stage and the tool map."""
    example = record_example(ctx, stage, crit, k)
    if example is None:
        return _("declare the tool that records it under `tools:` and name it in `recorded_in:`")
    return _(
        "add the tool (or `tool.record`) that records it, e.g. `recorded_in: {example}`",
        example=example,
    )
