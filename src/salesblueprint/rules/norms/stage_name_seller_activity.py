from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.analysis.stages import name_key
from salesblueprint.rules.engine import Context
from salesblueprint.rules.norms._language import stage_name_issue, vocab_for
from salesblueprint.rules.registry import Problem, rule

_GENERIC = {
    "en": "Product evaluated",
    "nl": "Product geëvalueerd",
}


@rule(
    "SB232", "stage-name-seller-activity", group="norms", severity="warning", norm="buyer-centric"
)
def check(ctx: Context) -> Iterator[Problem]:
    """A deal stage whose name is the seller's activity, not the buyer's progress.

    ## What it does
    Reads the ``name`` of each open and ``after_close`` deal stage and reports one that names
    seller activity — *Demo, Appointment scheduled, Presentation scheduled, Qualified to buy,
    Contract sent* / *Eerste contact gelegd, Afspraak ingepland, Offerte verstuurd, Demo
    gegeven* — and suggests a buyer-centric name (*Product evaluated* / *Product
    geëvalueerd*). The suggestions are the ``stage_names`` entries of the vocabulary; a team
    can add its own. Lifecycle stage names (Lead, MQL, SQL ...) and outcome stages are not
    judged.

    A name is read by how its words are built: a noun made from a verb (*Negotiation,
    Onderhandeling, Leadgeneratie*) by that verb's class; a Dutch compound by its head, and a
    phase (*-fase, stage*) by the word before it (*Oriëntatiefase* is the buyer's job,
    *Onderhandelingsfase* the seller's); an infinitive with the seller's document or the buyer
    as its object (*Offerte maken, Klant bellen*) as an order; waiting for the buyer's act
    (*Awaiting PO, Ter ondertekening*), readiness (*Ready for dispatch, Gereed voor productie*)
    and a need still open (*Additional check needed, Goedkeuring noodzakelijk*) as the seller's
    queue; an act directed at the buyer (*Bezoek aan klant, Visit to customer*) as the
    seller's; making and delivering what was sold, in any form (*Dispatched, Installing, In
    productie*), as the seller's delivery work; work under way after a preposition of state
    (*In process, Aan de slag*) and a task still to do (*Af te wijzen*) as the seller's; a
    plan of the seller's pursuit (*Strategy, Verkoopstrategie*) as the seller's planning, not
    after a role of the buyer (*Procurement strategy*); a name opened by a participle of keeping
    the seller's records and listings (*Created, Unassigned, Listed, Aangemaakt*) as the
    seller's administration, not after a noun that may be the buyer's own (*Budget created*);
    the seller's team or function before a participle and a noun as its agent (*Sales Accepted
    Lead, Teleprospecting generated lead*: not *Vendor selected*, where it is the patient);
    bringing the customer live on what was sold (*Training, Intensive Support, Hypercare*) as the
    seller's delivery work, and the account manager's recurring meetings with the customer
    (*Check-in, Kickoff, QBR*) as activity. An English part of a Dutch team's name (*Schedule,
    Sales Qualified Lead*) is read with the English vocabulary when the Dutch one reads nothing
    in it. Two English
    steps joined by *and/&* are read one by one (*Discovery & Brief*). A Dutch name that opens
    with an imperative is a clause, not a noun phrase (*Maak afspraken* is no noun of seller
    activity; *Maak een offerte* stays an order), and an order to the reader about the
    reader's own thing (*Lever je bestanden aan, Upload your files*) is the buyer's step
    (*Send your proposal* addresses the rep). A light verb is read by its object
    (*Decision making*), an inquiry into what the seller offers is the buyer's looking around
    (*Solution research*), and a dealing of two sides beside a buyer's act is named by it
    (*Onderhandelen en contracteren*). A name of a buyer's act or buying
    job (*Demo attended, Offerte getekend, Supplier selection*, also sent by the buyer: *Quote
    request submitted*), a state attained (*Agreement reached*) or held (*Under contract*) and
    outcomes (*Closed won, Gewonnen*) are left alone; so are a seller's
    word that only qualifies a noun (*Sales opportunity*) and a thing put forward that is not the
    seller's document (*Order submitted, Contact form submitted*: the asker's act). A Dutch
    order on a separable verb (*Maak een opdrachtbon aan*) is read by its word order. The
    finding quotes the words it read and the class it put them in; the verb classes
    (``seller_work_lemmas``, ``seller_stage_verbs``, ``buyer_act_lemmas``, ``buyer_job_lemmas``,
    ``sending_lemmas``, ``submission_lemmas``, ``fulfilment_lemmas``, ``attainment_lemmas``,
    ``inquiry_lemmas``, ``two_sided_lemmas``) and ``frame_nouns``, ``waiting_markers``,
    ``requirement_words``, ``progress_nouns``, ``offering_nouns``, ``plan_nouns``,
    ``record_lemmas``, ``seller_parties`` are
    vocabulary a team can extend.

    ## Why is this bad?
    Stage names shape how the team thinks. A rep in "Demo" thinks "this is what I must do to
    this buyer"; a rep in "Product evaluated" thinks "this is what I must help this buyer
    achieve". HubSpot: rename "Demo" to "Product evaluated" and define its exit criteria by
    what the buyer did.

    ## Example
    ```yaml
    stages:
      - id: demo
        name: Demo                       # nl: Demo gegeven
      - id: contract_sent
        name: Contract sent              # nl: Offerte verstuurd
    ```
    Use instead:
    ```yaml
    stages:
      - id: product_evaluated
        name: Product evaluated          # nl: Product geëvalueerd
        rep_action: Give the demo
      - id: terms_agreed
        name: Terms agreed               # nl: Voorwaarden akkoord
        rep_action: Send the contract
    ```
    """
    for p in ctx.bp.pipelines:
        for s in [*p.stages, *p.after_close]:
            if s.outcome is not None:
                continue
            name = s.name if s.name is not None else s.id.replace("_", " ")
            v = vocab_for(ctx, name)
            generic = _GENERIC.get(v.language, _GENERIC["en"])
            issue = stage_name_issue(v, name)
            if issue is None:
                continue
            hint = (
                _("e.g. '{name}'", name=issue.suggestion)
                if issue.suggestion
                else _("e.g. '{name}' instead of '{other}'", name=generic, other="Demo")
            )
            what = _("stage name") if s.name is not None else _("stage id")
            shown = s.name or s.id
            # quote the words that show it and the class they were put in; words that are the
            # whole name are not repeated ("'Demo' names ... (read as a noun of seller activity)")
            whole = issue.actor.why.casefold() == shown.casefold()
            reading = issue.actor.reading_class if whole else issue.why
            why = _(" ({reading})", reading=reading) if reading else ""
            yield Problem(
                s.path,
                _(
                    "{what} '{shown}' names the seller's activity{why}, not the buyer's progress",
                    what=what,
                    shown=shown,
                    why=why,
                ),
                at=name_key(s),
                fix=_(
                    "name what the buyer has achieved, {hint}",
                    hint=hint,
                ),
            )
