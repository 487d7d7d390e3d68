from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import N_, Msg, _
from salesblueprint.rules.analysis.stages import judged_criteria, short
from salesblueprint.rules.analysis.suggest import buyer_outcome, stage_kind
from salesblueprint.rules.engine import Context
from salesblueprint.rules.norms._language import ADDRESSED, criterion_actor, vocab_for
from salesblueprint.rules.norms._learned import LEARNED_READING, seller_words
from salesblueprint.rules.registry import Problem, rule

_HOW = {
    "subject": N_("its actor is the seller{why}"),
    "agent": N_("it is done by the seller{why}"),
    "passive": N_("it describes seller activity{why}"),
    "todo": N_("it is a to-do for the seller{why}"),
    "waiting": N_("it describes a wait, not the buyer's progress{why}"),
}


@rule(
    "SB231",
    "exit-criterion-seller-action",
    group="norms",
    severity="warning",
    norm="buyer-centric",
    options=(LEARNED_READING,),
)
def check(ctx: Context) -> Iterator[Problem]:
    """An exit criterion that is something the seller does, not something the buyer did.

    ## What it does
    Reads each exit criterion's ``outcome`` and reports one whose actor is the seller: a seller
    subject (*we, our team, rep, AE, SDR, sales, account manager* / *wij, verkoper,
    accountmanager, sales*), seller activity in the passive (*Proposal sent, Demo given,
    Contract sent to the customer* / *Offerte verstuurd, Offerte is verstuurd, Demo gegeven*)
    or a to-do for the seller (*Send proposal* / *Klant bellen*). Buyer-side roles count as the
    buyer: champion, decision maker, economic buyer, procurement, legal, IT lead, the
    customer's users / *beslisser, inkoper, opdrachtgever, klant*. Work the seller and the
    buyer do together, with no buyer as its actor, is the seller's meeting (*Pricing discussed,
    timeline aligned* / *Prijzen besproken*); the seller who *receives* something reports the
    buyer's act and is not reported (*We received the signed order form* / *Wij hebben de
    getekende offerte ontvangen*). The message quotes the actor or verb it read and how it
    read it. In English, a learned second reading, fitted on real criteria from public sales
    pages, also reports a criterion the rules pass whose wording reads as the seller's step
    (*SQOs require human validation from Account Executives*), and quotes the words that weigh
    most toward it (see "The learned second reading" in docs/configuration.md). An explicit
    ``actor: buyer`` or ``actor: seller`` on the criterion overrules the heuristics.

    Who *you* / *je* / *u* is, the rule reads from each sentence: the seller of a playbook
    (*You send the proposal*, *Je belt de lead*) unless the sentence shows the customer (*You
    approve the quote*, *Stuur uw documenten naar ons*). A team whose criteria speak to the
    customer throughout (*Je tekent de offerte*) says so once in the project settings,
    ``addressee: buyer`` (or ``seller`` for a playbook that says *u* to the rep), and the pronoun
    is that side in every criterion; when the rule reads the pronoun as the seller without that
    setting, the fix says how to set it.

    ## Why is this bad?
    HubSpot's fourth norm: every stage is *buyer-centric*. Each stage pairs a seller action
    (``rep_action``) with a buyer outcome as its exit criterion. "Demo given" says what the
    seller did; it says nothing about where the buyer is. "Buyer attended the demo and
    booked the next meeting" does — and a deal only moves when the buyer moved.

    ## Example
    ```yaml
    exit_criteria:
      - Proposal sent
      - We gave the demo to the decision maker
    ```
    In Dutch (`language: nl`):
    ```yaml
    exit_criteria:
      - Offerte is verstuurd
      - Wij hebben de demo gegeven
    ```
    Use instead:
    ```yaml
    rep_action: Send the proposal          # the seller's action belongs here
    exit_criteria:
      - Buyer returned the proposal with their comments
      - Decision maker attended the demo and booked the next meeting
    ```
    In Dutch:
    ```yaml
    rep_action: Offerte versturen
    exit_criteria:
      - Klant heeft de offerte ondertekend
      - Beslisser heeft de demo bijgewoond en een vervolgafspraak gepland
    ```
    """
    learned = ctx.options[LEARNED_READING.name]
    for stage, crit in judged_criteria(ctx.bp):
        if crit.actor == "buyer":
            continue
        v = vocab_for(ctx, crit.outcome)
        addressed = ""  # the "you"/"je"/"u" read as the seller, when the project did not say
        if crit.actor == "seller":
            how = _("it is marked `actor: seller`")
        else:
            actor = criterion_actor(v, crit.outcome)
            if actor is None or actor.side != "seller":
                words = seller_words(v, crit.outcome) if learned else None
                if words is None:
                    continue
                how = _(
                    "its wording reads as the seller's step ({words}: words of seller steps "
                    "in real pipelines)",
                    words=words,
                )
            else:
                # quote the words that show it, unless they are the whole criterion
                whole = actor.why.casefold() == " ".join(crit.outcome.split()).casefold()
                if v.addressee == "auto" and actor.why.casefold() in ADDRESSED:
                    addressed = actor.why
                how = Msg(
                    _HOW[actor.how],
                    {"why": "" if whole else _(" ({reading})", reading=actor.reading)},
                )
        k = stage_kind(ctx, stage)
        fix = _(
            "write what the buyer did, said or agreed to, e.g. '{buyer_outcome}'; "
            "the seller's part belongs in {seller_part}",
            buyer_outcome=buyer_outcome(v.language, k),
            seller_part=k.seller_part,
        )
        if addressed:
            fix = _(
                "{fix}; if your exit criteria speak to the customer as '{pronoun}', set "
                "`addressee` to `buyer` in the project settings",
                fix=fix,
                pronoun=addressed,
            )
        yield Problem(
            crit.path,
            _(
                "exit criterion '{short}' is not buyer-centric: {how}",
                short=short(crit.outcome),
                how=how,
            ),
            at="outcome",
            fix=fix,
        )
