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

from salesblueprint.diagnostics.codes import (
    CODE_RE,
    DECLARED,
    NAME_RE,
    Code,
    Norm,
    Preset,
    declare,
    validate,
)
from salesblueprint.diagnostics.findings import Path, Severity
from salesblueprint.rules.options import Option

if TYPE_CHECKING:
    from salesblueprint.i18n import Translator
    from salesblueprint.rules.engine import Context

__all__ = [
    "PRESETS",
    "Code",
    "Norm",
    "Option",
    "Preset",
    "PresetName",
    "Problem",
    "Rule",
    "as_rule",
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
    #: the settings a project may change (``[tool.salesblueprint.options.<rule>]``)
    options: tuple[Option, ...] = ()
    #: old codes and names: ignores and settings that name them still apply to this rule
    aliases: tuple[str, ...] = ()

    def option(self, name: str) -> Option | None:
        return next((o for o in self.options if o.name == name), None)

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
#: old code or name (upper-case codes, lower-case names) -> the rule that carries it now
_ALIASES: dict[str, Rule] = {}


def _alias_key(alias: str) -> str:
    return alias.upper() if CODE_RE.match(alias.upper()) else alias.lower()


def _check_options(r: Rule) -> None:
    names = [o.name for o in r.options]
    for o in r.options:
        if not NAME_RE.match(o.name):
            raise ValueError(f"rule {r.code}: bad option name {o.name!r}: use kebab-case")
        if not o.doc.strip():
            raise ValueError(f"rule {r.code}: option {o.name} has no docs")
        if names.count(o.name) > 1:
            raise ValueError(f"rule {r.code}: option {o.name} declared twice")


def _register(r: Rule) -> Rule:
    validate(r)
    _check_options(r)
    if r.code in RULES or r.name in _BY_NAME:
        old = RULES.get(r.code) or _BY_NAME[r.name]
        if old.check is r.check and old.code == r.code:  # module imported twice
            return old
        raise ValueError(f"rule {r.code} {r.name} registered twice")
    keys = [_alias_key(a) for a in r.aliases]
    for a, key in zip(r.aliases, keys, strict=True):
        if not (CODE_RE.match(key) or NAME_RE.match(key)):
            raise ValueError(f"rule {r.code}: alias {a!r} is neither a code nor a name")
        if key in RULES or key in _BY_NAME or key in _ALIASES or key in (r.code, r.name):
            raise ValueError(f"rule {r.code}: alias {a!r} is taken")
    for key in (r.code, r.name):
        if key in _ALIASES:
            raise ValueError(f"rule {r.code} {r.name}: {key} is an old name of another rule")
    RULES[r.code] = r
    _BY_NAME[r.name] = r
    for key in keys:
        _ALIASES[key] = r
    return r


def rule(
    code: str,
    name: str,
    *,
    group: str,
    severity: Severity,
    preset: Preset = "recommended",
    norm: Norm | None = None,
    options: Iterable[Option] = (),
    aliases: Iterable[str] = (),
) -> Callable[[CheckFn], CheckFn]:
    """Register a check. Its docstring, or else its module's docstring, is its documentation.

    ``options`` are the settings a project may change (read them from ``ctx.options``);
    ``aliases`` are the rule's old codes and names, so that ignores naming them still work.
    """

    def deco(fn: CheckFn) -> CheckFn:
        doc = inspect.getdoc(fn) or inspect.getdoc(inspect.getmodule(fn)) or ""
        _register(
            Rule(code, name, group, severity, preset, doc, norm, fn, tuple(options), tuple(aliases))
        )
        return fn

    return deco


def as_rule(c: Code) -> Rule:
    """Register a code declared with :func:`salesblueprint.diagnostics.declare` (no check
    function) as a rule now, and return that rule (``load_all`` does it for the rest)."""
    return _register(Rule(c.code, c.name, c.group, c.severity, c.preset, c.doc, c.norm))


def load_all() -> dict[str, Rule]:
    """Import every rule module so that the registry is complete, and return it."""
    from salesblueprint.rules import catalog

    catalog.import_all()
    for c in DECLARED.values():
        if c.code not in RULES:
            as_rule(c)
    return RULES


def lookup(key: str) -> Rule | None:
    """A rule by code (``SB101``, any case), by name (``unreachable-stage``) or by an old
    code or name (an alias)."""
    load_all()
    return RULES.get(key.upper()) or _BY_NAME.get(key.lower()) or _ALIASES.get(_alias_key(key))


def options_doc(r: Rule, tr: Translator | None = None) -> str:
    """The "Options" section of a rule's docs (Markdown), empty when it has none; in ``tr``'s
    language (the option docs are catalog entries: ``Option(..., N_("..."))``)."""
    from salesblueprint.i18n import ENGLISH

    tr = tr or ENGLISH
    if not r.options:
        return ""
    lines = [
        tr.gettext("## Options"),
        "",
        tr.gettext(
            "Set them in `[tool.salesblueprint.options.{name}]` (pyproject.toml) or under "
            "`options: {{{name}: ...}}` (.salesblueprint.yaml).",
            name=r.name,
        ),
        "",
        tr.gettext("| Option | Type | Default | What it does |"),
        "|---|---|---|---|",
    ]
    for o in r.options:
        msgid = " ".join(o.doc.split())
        doc = " ".join(tr.gettext(msgid).split()).replace("|", "\\|")
        kind = tr.gettext(o.kind)
        lines.append(f"| `{o.name}` | {kind} | `{o.show()}` | {doc} |")
    return "\n".join(lines) + "\n"


def renamed(key: str) -> Rule | None:
    """The rule that ``key`` is an old code or name of, if it is one."""
    load_all()
    return _ALIASES.get(_alias_key(key))


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
    if not close:
        return ""
    from salesblueprint.i18n import _

    return _(" (did you mean '{name}'?)", name=close[0])
