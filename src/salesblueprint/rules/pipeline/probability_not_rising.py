from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import Translator, _
from salesblueprint.i18n.numbers import localize
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


def _pct(x: float, tr: Translator) -> str:
    """``12.5%`` (``12,5%`` in Dutch): a share from the file, shown as a percentage."""
    return localize(f"{x * 100:.1f}".rstrip("0").rstrip(".") + "%", tr)


@rule("SB151", "probability-not-rising", group="pipeline", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """A deal stage's probability is not higher than the open stage before it.

    ## What it does
    Walks each pipeline's open stages in order and reports a ``probability`` that is lower
    than, or equal to, the last probability before it. Stages without a probability are
    skipped (see ``probability-missing``). A probability outside 0..1 is reported when the
    file is loaded.

    ## Why is this bad?
    A deal that moves on in the pipeline is closer to being won: that is what the stage order
    means. A falling probability makes the weighted forecast drop when deals make progress;
    two equal ones say the later stage adds nothing the forecast can see.

    ## Example
    ```yaml
    stages:
      - {id: needs_confirmed, probability: 0.4}
      - {id: product_evaluated, probability: 0.3}
    ```
    Use instead:
    ```yaml
    stages:
      - {id: needs_confirmed, probability: 0.2}
      - {id: product_evaluated, probability: 0.4}
    ```
    """
    for p in ctx.bp.pipelines:
        prev = None
        for s in p.stages:
            if s.outcome is not None or s.probability is None:
                continue
            if (
                prev is not None
                and prev.probability is not None
                and s.probability <= prev.probability
            ):
                how = _("the same as") if s.probability == prev.probability else _("lower than")
                yield Problem(
                    s.path,
                    _(
                        "stage '{stage}' has probability {probability}, {how} '{previous}' "
                        "before it ({previous_probability}); a later stage is closer to won, "
                        "so its probability should be higher",
                        stage=s.id,
                        probability=_pct(s.probability, ctx.tr),
                        how=how,
                        previous=prev.id,
                        previous_probability=_pct(prev.probability, ctx.tr),
                    ),
                    at="probability",
                )
            prev = s
