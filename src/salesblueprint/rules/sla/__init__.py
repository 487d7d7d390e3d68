"""The marketing/sales agreement (SLA): the handoff, the way back, disqualification, scoring,
targets and the review.

Which team is *marketing* and which is *sales*? Team ids are free, so the rules infer it (see
:mod:`salesblueprint.rules.analysis.sides`): the owner of ``sla.handoff.from`` is the marketing side
and the owner of ``sla.handoff.to`` the sales side; a team the handoff does not settle is on the
side of its ``role`` (``marketing``; ``sdr``, ``ae``, ``sales``), or, without a role, counts as
marketing or sales when its id or name contains *marketing*, or *sales* / *verkoop* (and not
both).

The lead conversion (a lifecycle stage with ``lead_conversion``) is checked here too: one
conversion point, at or after the handoff, SDR stages before it and AE stages after it.
"""
