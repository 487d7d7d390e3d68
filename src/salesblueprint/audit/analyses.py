"""Statistics on top of the backend's counts: calibration intervals and verdicts."""

from __future__ import annotations

import math

from salesblueprint.audit.result import Interval

Z95 = 1.959963984540054


def wilson(successes: int, trials: int, z: float = Z95) -> Interval | None:
    """The Wilson score interval of a share (95% by default); ``None`` without trials.

    Better than the normal approximation for the small counts and the rates near 0 or 1 that
    real pipelines have (a stage with 3 closed deals, a late stage winning 95%).
    """
    if trials <= 0:
        return None
    p = successes / trials
    denom = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denom
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denom
    return Interval(round(max(0.0, centre - half), 4), round(min(1.0, centre + half), 4))


def calibration(declared: float | None, interval: Interval | None) -> str | None:
    """``ok`` when the declared probability lies in the interval; ``over`` when it is above it
    (the forecast is too optimistic), ``under`` when below; ``None`` when there is nothing to
    compare."""
    if declared is None or interval is None:
        return None
    if declared > interval.high:
        return "over"
    if declared < interval.low:
        return "under"
    return "ok"
