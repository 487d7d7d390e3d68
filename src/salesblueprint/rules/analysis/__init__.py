"""What several rules share: the sides of the SLA, the funnel gaps, the stage lists.

Rules reach these through the cached properties of :class:`salesblueprint.rules.engine.Context`
(``ctx.sides``, ``ctx.way_back``, ``ctx.funnel_gaps``, ``ctx.stage_lists`` ...), computed once
per run. A rule module never imports another rule module; what two rules need goes here.
"""
