"""The format registry: a format name maps to one renderer.

Each module in this package registers its formats with :func:`register`; adding a format is
adding a module (it is found by :func:`load_all`, nothing else changes): ``render --format``
choices and help, and :func:`salesblueprint.diagrams.formats`, come from here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from salesblueprint.diagrams.ir import Diagram
from salesblueprint.diagrams.plugins import import_modules
from salesblueprint.i18n import Translator, translator

RenderFn = Callable[[Diagram], "str | bytes"]


@dataclass(frozen=True)
class Renderer:
    name: str
    fn: RenderFn
    binary: bool  # True: returns bytes (png, pdf); False: returns str
    description: str


_REGISTRY: dict[str, Renderer] = {}


def register(
    name: str, *, description: str, binary: bool = False
) -> Callable[[RenderFn], RenderFn]:
    """Decorator: make ``fn(diagram)`` the renderer of format ``name``; ``description`` is its
    line in ``render --help`` (marked with ``N_`` so that it is translated)."""

    def deco(fn: RenderFn) -> RenderFn:
        _REGISTRY[name] = Renderer(name, fn, binary, description)
        return fn

    return deco


def load_all() -> dict[str, Renderer]:
    """Every registered renderer, by format name (imports the renderer modules once)."""
    import_modules(__name__)
    return dict(sorted(_REGISTRY.items()))


def get(name: str) -> Renderer | None:
    return load_all().get(name)


def formats() -> list[str]:
    return list(load_all())


def help_text(tr: Translator | None = None) -> str:
    """``dot (DOT source ...), mermaid (...)``: for ``render --format`` help."""
    tr = tr or translator()
    return ", ".join(f"{r.name} ({tr.gettext(r.description)})" for r in load_all().values())
