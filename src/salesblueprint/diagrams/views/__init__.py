"""The view registry: a view name maps to one module that builds it.

Each module in this package registers one view with :func:`view` (its name, one line of help,
and ``argument`` when it takes one, as ``pipeline:ID`` does); adding a view is adding a module
(found by :func:`load_all`). The CLI's ``render --view`` metavar and help, the error for an
unknown view and the docs' list of views all come from here. The modules stay light (their
builders import :mod:`salesblueprint.diagrams.extract` when they run), so the CLI can list
the views without importing the model.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from salesblueprint.diagrams.plugins import import_modules
from salesblueprint.i18n import Translator, translator

if TYPE_CHECKING:
    from salesblueprint.diagrams.extract import Builder

BuildFn = Callable[["Builder", str], "str | None"]
"""``build(builder, argument)``: adds the view's nodes, edges and groups to the builder;
returns the view's name for the title when it is not the usual one (or ``None``)."""


PAGE_MODES = ("auto", "one", "pipeline")
"""How the blueprint view is paged: ``auto`` splits it when one page would not fit a slide,
``one`` never splits, ``pipeline`` always gives the lifecycle and each pipeline a page."""


class ViewError(ValueError):
    """An unknown view, or a ``pipeline:ID`` naming no pipeline."""


@dataclass(frozen=True)
class View:
    name: str
    build: BuildFn
    help: str
    argument: str | None = None  # e.g. "ID": the view also takes NAME:ID

    @property
    def spellings(self) -> list[str]:
        """``["pipeline", "pipeline:ID"]``: how the view is written, for messages."""
        return [self.name, f"{self.name}:{self.argument}"] if self.argument else [self.name]


_REGISTRY: dict[str, View] = {}


def view(name: str, *, help: str, argument: str | None = None) -> Callable[[BuildFn], BuildFn]:
    """Decorator: make ``build(builder, argument)`` the builder of view ``name``."""

    def deco(fn: BuildFn) -> BuildFn:
        if name in _REGISTRY and _REGISTRY[name].build is not fn:
            raise ValueError(f"view {name!r} is registered twice")
        _REGISTRY[name] = View(name, fn, help, argument)
        return fn

    return deco


def load_all() -> dict[str, View]:
    """Every registered view, by name (imports the view modules once)."""
    import_modules(__name__)
    return dict(sorted(_REGISTRY.items()))


def get(name: str) -> View | None:
    return load_all().get(name)


def names() -> list[str]:
    return list(load_all())


def choices_text() -> str:
    """``blueprint, lifecycle, pipeline, pipeline:ID or tools``: for messages."""
    spelled = [s for v in load_all().values() for s in v.spellings]
    return ", ".join(spelled[:-1]) + " or " + spelled[-1] if len(spelled) > 1 else spelled[0]


def metavar() -> str:
    """``blueprint|lifecycle|pipeline[:ID]|tools``: for ``render --view``."""
    return "|".join(
        f"{v.name}[:{v.argument}]" if v.argument else v.name for v in load_all().values()
    )


def help_text(tr: Translator | None = None) -> str:
    """``blueprint (all of it ...), lifecycle (...)``: for ``render --help``, in ``tr``'s
    language (a view's help is marked with ``N_``)."""
    tr = tr or translator()
    return ", ".join(
        (
            tr.gettext("{name} or {name}:{argument}", name=v.name, argument=v.argument)
            if v.argument
            else v.name
        )
        + f" ({tr.gettext(v.help)})"
        for v in load_all().values()
    )


def parse(spec: str) -> tuple[View, str]:
    """The view and its argument for ``spec`` (``pipeline:new`` → pipeline, ``new``);
    :class:`ViewError` for an unknown view or an argument the view does not take."""
    name, sep, arg = spec.partition(":")
    v = get(name)
    if v is None or (sep and v.argument is None):
        raise ViewError(f"unknown view {spec!r}; choose {choices_text()}")
    return v, arg
