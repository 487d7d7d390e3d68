"""Graph integrity: can every contact and deal move from entry to an outcome?"""
