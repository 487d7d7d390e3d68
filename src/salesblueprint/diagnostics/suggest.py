"""The "did you mean" hint every layer adds to a name it does not know."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def closest(value: str, options: Iterable[str]) -> str | None:
    """The option closest to ``value``, or ``None`` when none is close."""
    opts = sorted(set(options))
    close = difflib.get_close_matches(value, opts, n=1, cutoff=0.6)
    if not close:
        close = [o for o in opts if o.lower() == value.lower()]
    return close[0] if close else None


def did_you_mean(value: str, options: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest option, or ``""`` when none is close.

    (English only: ``salesblueprint.i18n.did_you_mean`` is the translatable one.)
    """
    close = closest(value, options)
    return f" (did you mean '{close}'?)" if close is not None else ""
