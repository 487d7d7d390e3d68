from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.analysis.stages import judged_criteria, short
from salesblueprint.rules.analysis.suggest import buyer_outcome, stage_kind
from salesblueprint.rules.engine import Context
from salesblueprint.rules.norms._language import factual_issues, team_entries, vocab_for
from salesblueprint.rules.norms._learned import LEARNED_READING, keeps, weighable
from salesblueprint.rules.registry import Problem, rule

_WHAT = {
    "belief": _("the seller's belief"),
    "forecast": _("a forecast or intention"),
    "opinion": _("an opinion or feeling"),
}
_RESTATE = {
    "belief": _("write what the buyer did that made you think so"),
    "forecast": _("write what has happened"),
    "opinion": _("write the event that shows it"),
}


def _join_and(parts: list[str]) -> str:
    out = parts[0]
    for part in parts[1:]:
        out = _("{first} and {second}", first=out, second=part)
    return out


@rule(
    "SB211",
    "exit-criterion-not-factual",
    group="norms",
    severity="warning",
    norm="factual",
    options=(LEARNED_READING,),
)
def check(ctx: Context) -> Iterator[Problem]:
    """An exit criterion that states an opinion, a forecast or the seller's belief.

    ## What it does
    Reads each exit criterion's ``outcome`` with the vocabulary of the blueprint's
    ``language`` and reports one that states, instead of something that happened:
    - the seller's belief: *we think, rep feels, I believe* / *wij denken, volgens de
      verkoper, heeft er een goed gevoel over*;
    - a forecast, intention or future: *will sign, plans to, expects, wants to* / *gaat
      tekenen, verwacht, is van plan, wil*;
    - an opinion or feeling, hedges and judgement words: *seems, likely, interested, happy,
      warm, ready to buy, good fit* / *lijkt, waarschijnlijk, geïnteresseerd, enthousiast,
      positief, vermoedelijk*, also when hidden as an event (*great first call, worth
      pursuing* / *goed gesprek gehad*). A judgement or intention the buyer states in an
      observable act ("Buyer confirmed in writing that the tool is a good fit", "Klant geeft
      aan dat hij wil tekenen") is fine, and so is what the seller finds out ("asks what the
      buyer expects").
    The message quotes the words that triggered it and shows how to restate the criterion.
    A learned second reading, fitted on real criteria from public sales pages, weighs judgement
    words and futures that describe the process against the rest of the criterion, and drops
    what real pipelines do not count as a judgement or forecast ("Sales reps send each lead an
    email thanking them for their interest", "Once a deal has been shared from RevOps, the deal
    will be in negotiation status"; both languages). It never drops a forecast of the buyer's
    act or the deal's outcome, the seller's belief, a hedge such as *seems*, or a finding the
    team's own vocabulary caused (see "The learned second reading" in docs/configuration.md).

    ## Why is this bad?
    HubSpot's second norm: every stage is *factual*. "Buyer is interested" is what the seller
    hopes; two reps judge it differently, and the buyer has not done anything yet. An exit
    criterion must be something that happened — the buyer signed, replied, attended, asked —
    so that every deal in a stage is at the same point of the buyer's journey.

    ## Example
    ```yaml
    exit_criteria:
      - Buyer seems interested in a pilot
      - We think the decision maker will sign this quarter
    ```
    In Dutch (`language: nl`):
    ```yaml
    exit_criteria:
      - Klant lijkt geïnteresseerd
      - Klant gaat volgende week tekenen
    ```
    Use instead:
    ```yaml
    exit_criteria:
      - Buyer asked for a pilot proposal in a reply to the recap email
      - Decision maker signed the order form
    ```
    In Dutch:
    ```yaml
    exit_criteria:
      - Klant heeft schriftelijk om een pilotvoorstel gevraagd
      - Beslisser heeft de offerte ondertekend
    ```
    """
    learned = ctx.options[LEARNED_READING.name]
    for stage, crit in judged_criteria(ctx.bp):
        v = vocab_for(ctx, crit.outcome)
        issues = factual_issues(v, crit.outcome)
        if not issues:
            continue
        # the learned reading weighs judgement words and process futures only: the buyer's or
        # the deal's future, the seller's belief or a hedge ("seems") in an exit criterion never
        # states what happened, whatever process prose does with "will"
        if (
            learned
            and weighable(v, crit.outcome, issues)
            and not keeps(v, "factual", crit.outcome, team_entries(ctx, v.language))
        ):
            continue
        what = _join_and([_("{what} ({words})", what=_WHAT[i.kind], words=i.words) for i in issues])
        yield Problem(
            crit.path,
            _(
                "exit criterion '{short}' states {what}, not something that happened",
                short=short(crit.outcome),
                what=what,
            ),
            at="outcome",
            fix=_(
                "{restate}, e.g. '{buyer_outcome}'",
                restate=_RESTATE[issues[0].kind],
                buyer_outcome=buyer_outcome(v.language, stage_kind(ctx, stage)),
            ),
        )
