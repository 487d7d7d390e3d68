"""Pipeline coherence: probabilities, lost reasons and owners that fit the lifecycle."""
