"""The rule registry: every code a finding can carry, with its name, group, severity and docs.

Checks register themselves with :func:`rule`; the codes the loader and the schema report
(which have no check function) are declared with :func:`declare`. Both end up in ``RULES``,
so ``salesblueprint rules``, ``salesblueprint rule CODE`` and the docs list them all.

This module is imported on every run: it must stay light (no pydantic, no networkx).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from salesblueprint.diagnostics.codes import DECLARED, Code, Norm, Preset, validate
from salesblueprint.diagnostics.findings import Path, Severity

if TYPE_CHECKING:
    from salesblueprint.rules.engine import Context

__all__ = [
    "PRESETS",
    "Code",
    "Norm",
    "Preset",
    "PresetName",
    "Problem",
    "Rule",
    "declare",
    "lookup",
    "rule",
]

# what a project configuration chooses (a rule's ``preset`` is the smallest one that runs it):
# ``partial`` is ``recommended`` without the group ``completeness``, which asks for what the
# blueprint leaves out
PresetName = Literal["recommended", "partial", "correctness"]
PRESETS: dict[PresetName, str] = {
    "recommended": "every rule (the default)",
    "partial": "every rule except the completeness group, which asks for the parts a blueprint "
    "leaves out: for a blueprint that models one part (only the pipeline, only the lifecycle) "
    "on purpose",
    "correctness": "only the rules that find broken models",
}
PARTIAL_LEAVES_OUT = "completeness"


@dataclass(frozen=True)
class Problem:
    """What a check yields: the node it is about, a short message and, if it can say, a fix.

    ``message`` says what is wrong; ``fix`` what to do about it (shown on its own line).

    ``at`` names a key under that node to point the line and column at (for an exit
    criterion: ``"outcome"``); when that key is absent, the node itself is used.
    """

    path: Path
    message: str
    at: str | None = None
    severity: Severity | None = None  # overrides the rule's default for this one problem
    fix: str | None = None


CheckFn = Callable[["Context"], Iterable[Problem]]


@dataclass(frozen=True)
class Rule(Code):
    """A code the registry knows: a check (or ``None`` for the loader's codes) and its docs."""

    check: CheckFn | None = field(default=None, compare=False)

    def in_preset(self, preset: PresetName) -> bool:
        """Whether the configuration preset ``preset`` runs this rule."""
        if preset == "correctness":
            return self.preset == "correctness"
        if preset == "partial":
            return self.preset == "correctness" or self.group != PARTIAL_LEAVES_OUT
        return True

    def run(self, ctx: Context) -> Iterator[Problem]:
        if self.check is not None:
            yield from self.check(ctx)


RULES: dict[str, Rule] = {}
_BY_NAME: dict[str, Rule] = {}


def _register(r: Rule) -> Rule:
    validate(r)
    if r.code in RULES or r.name in _BY_NAME:
        old = RULES.get(r.code) or _BY_NAME[r.name]
        if old.check is r.check and old.code == r.code:  # module imported twice
            return old
        raise ValueError(f"rule {r.code} {r.name} registered twice")
    RULES[r.code] = r
    _BY_NAME[r.name] = r
    return r


def rule(
    code: str,
    name: str,
    *,
    group: str,
    severity: Severity,
    preset: Preset = "recommended",
    norm: Norm | None = None,
) -> Callable[[CheckFn], CheckFn]:
    """Register a check. Its docstring, or else its module's docstring, is its documentation."""

    def deco(fn: CheckFn) -> CheckFn:
        doc = inspect.getdoc(fn) or inspect.getdoc(inspect.getmodule(fn)) or ""
        _register(Rule(code, name, group, severity, preset, doc, norm, fn))
        return fn

    return deco


def declare(
    code: str,
    name: str,
    *,
    group: str,
    severity: Severity,
    doc: str,
    preset: Preset = "correctness",
) -> Rule:
    """Declare a code reported by the loader or the schema (no check function)."""
    return _register(Rule(code, name, group, severity, preset, inspect.cleandoc(doc)))


def load_all() -> dict[str, Rule]:
    """Import every rule module so that the registry is complete, and return it."""
    from salesblueprint.rules import catalog

    catalog.import_all()
    for c in DECLARED.values():
        if c.code not in RULES:
            _register(Rule(c.code, c.name, c.group, c.severity, c.preset, c.doc, c.norm))
    return RULES


def lookup(key: str) -> Rule | None:
    """A rule by code (``SB101``, any case) or by name (``unreachable-stage``)."""
    load_all()
    return RULES.get(key.upper()) or _BY_NAME.get(key.lower())


def all_names() -> list[str]:
    load_all()
    return sorted(RULES) + sorted(_BY_NAME)


def suggest(key: str) -> str:
    """`` (did you mean 'dead-end-stage'?)`` for a misspelt rule name, else ``""``.

    Codes are numbers, so a close code is no better a guess than any other: an unknown code
    (``SB999``) gets no suggestion; ``salesblueprint rules`` lists them all.
    """
    import difflib
    import re

    load_all()
    if re.match(r"^[A-Za-z]{2}\d+$", key.strip()):
        return ""
    close = difflib.get_close_matches(key.strip().lower(), sorted(_BY_NAME), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
