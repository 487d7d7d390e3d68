"""Rules: the registry, the engine and one module per check, grouped by theme."""
