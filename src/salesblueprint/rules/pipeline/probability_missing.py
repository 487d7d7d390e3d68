from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB153", "probability-missing", group="pipeline", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """Some open stages of a pipeline have a probability and this one has none.

    ## What it does
    In a pipeline where at least one open stage has a ``probability``, reports each open stage
    without one. A pipeline without any probabilities is left alone.

    ## Why is this bad?
    The weighted forecast multiplies each deal's value by its stage's probability. Deals in a
    stage without one drop out of the forecast (or count at 0%), so the forecast is too low
    for reasons nobody sees.

    ## Example
    ```yaml
    stages:
      - {id: needs_confirmed, probability: 0.2}
      - {id: product_evaluated}
    ```
    Use instead:
    ```yaml
    stages:
      - {id: needs_confirmed, probability: 0.2}
      - {id: product_evaluated, probability: 0.4}
    ```
    """
    for p in ctx.bp.pipelines:
        open_stages = [s for s in p.stages if s.outcome is None]
        if not any(s.probability is not None for s in open_stages):
            continue
        for s in open_stages:
            if s.probability is None:
                yield Problem(
                    s.path,
                    _(
                        "stage '{stage}' has no probability while other stages of pipeline "
                        "'{pipeline}' do, so its deals drop out of the weighted forecast; add "
                        "`probability:` (between the stages before and after it)",
                        stage=s.id,
                        pipeline=p.id,
                    ),
                    at="id",
                )
