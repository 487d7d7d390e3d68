"""Imports every rule module, so that importing the registry stays cheap until rules are needed."""

from __future__ import annotations

import importlib
import pkgutil

#: packages under rules/ that hold no rules (shared analyses)
_NOT_GROUPS = frozenset({"analysis"})
_done = False


def group_packages() -> list[str]:
    """The rule groups: every package under ``rules/`` except the shared analyses."""
    import salesblueprint.rules as rules

    return sorted(
        m.name
        for m in pkgutil.iter_modules(rules.__path__)
        if m.ispkg and m.name not in _NOT_GROUPS
    )


def import_all() -> None:
    global _done
    if _done:
        return
    importlib.import_module("salesblueprint.diagnostics.load_codes")
    importlib.import_module("salesblueprint.rules.engine_codes")
    importlib.import_module("salesblueprint.diagnostics.drift_codes")
    for group in group_packages():
        pkg = importlib.import_module(f"salesblueprint.rules.{group}")
        for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
            importlib.import_module(f"{pkg.__name__}.{info.name}")
    _done = True
