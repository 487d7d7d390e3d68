"""The reverse funnel: from revenue targets back to the leads needed at every stage.

(The package is not called ``funnel``: that name is the public function ``salesblueprint.funnel``.)
The model and the maths live here (and the gap diagnosis the SLA rules share); the text,
markdown and JSON renderings live with the other formatters in ``report/``.
"""

from __future__ import annotations

from salesblueprint.funnel_maths.compute import (
    MAX_COUNT,
    Funnel,
    FunnelGap,
    FunnelStep,
    WhatIfError,
    check_what_if,
    exact,
    funnel,
    funnel_gaps,
    gap_positions,
    is_customer_like,
    opportunity_index,
    what_if_rate,
)
from salesblueprint.funnel_maths.observed import AuditReportError, ObservedRates, observed_rates

__all__ = [
    "MAX_COUNT",
    "AuditReportError",
    "Funnel",
    "FunnelGap",
    "FunnelStep",
    "ObservedRates",
    "WhatIfError",
    "check_what_if",
    "exact",
    "funnel",
    "funnel_gaps",
    "gap_positions",
    "is_customer_like",
    "observed_rates",
    "opportunity_index",
    "what_if_rate",
]
