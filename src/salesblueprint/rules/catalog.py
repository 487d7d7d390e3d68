"""Imports every rule module, so that importing the registry stays cheap until rules are needed."""

from __future__ import annotations

import importlib
import pkgutil

_GROUP_PACKAGES = ("graph", "norms", "pipeline", "sla", "tools", "completeness")
_done = False


def import_all() -> None:
    global _done
    if _done:
        return
    importlib.import_module("salesblueprint.diagnostics.load_codes")
    importlib.import_module("salesblueprint.rules.engine_codes")
    importlib.import_module("salesblueprint.diagnostics.drift_codes")
    for group in _GROUP_PACKAGES:
        pkg = importlib.import_module(f"salesblueprint.rules.{group}")
        for info in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
            importlib.import_module(f"{pkg.__name__}.{info.name}")
    _done = True
