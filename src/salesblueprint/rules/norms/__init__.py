"""The four stage norms (required, factual, inspectable, buyer-centric) and redundancy.

HubSpot's sales-process guidance: every stage must be *required*, *factual*, *inspectable* and
*buyer-centric* (Dutch: vereist, feitelijk, inspecteerbaar, kopersgericht), and redundant stages
are removed. The language checks read the blueprint's ``language`` (en | nl) and use the word
lists in :mod:`salesblueprint.norms_vocab`, which a team extends in its configuration.
"""
