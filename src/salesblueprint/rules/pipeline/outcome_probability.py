from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB152", "outcome-probability", group="pipeline", severity="error", preset="correctness")
def check(ctx: Context) -> Iterator[Problem]:
    """A won outcome with a probability other than 1, or a lost outcome with one other than 0.

    ## What it does
    Reports ``probability`` on a ``outcome: won`` stage when it is not 1, and on a
    ``outcome: lost`` stage when it is not 0. (Outcome stages need no probability at all.)

    ## Why is this bad?
    A won deal is won and a lost deal is lost. Any other probability puts lost deals in the
    weighted forecast, or leaves won revenue out of it.

    ## Example
    ```yaml
    - {id: won, outcome: won, probability: 0.9}
    ```
    Use instead:
    ```yaml
    - {id: won, outcome: won, probability: 1}
    ```
    """
    for p in ctx.bp.pipelines:
        for s in p.stages:
            if s.probability is None or s.outcome is None:
                continue
            want = 1.0 if s.outcome == "won" else 0.0
            if s.probability != want:
                yield Problem(
                    s.path,
                    _(
                        "{s_outcome} outcome '{stage}' has probability {s_probability:g}; a "
                        "{s_outcome} deal has probability {want:g} (or leave the key out)",
                        s_outcome=s.outcome,
                        stage=s.id,
                        s_probability=s.probability,
                        want=want,
                    ),
                    at="probability",
                )
