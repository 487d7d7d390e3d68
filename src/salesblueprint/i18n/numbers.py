"""Numbers as a language writes them: ``3,000.5`` in English, ``3.000,5`` in Dutch.

One small table of separators per language (no Babel, no locale module at run time: the
output must not depend on the machine's locale). Every number shown with grouping or a fixed
number of decimals goes through :func:`number` (or :func:`localize` for text already formatted
the English way); :class:`~salesblueprint.i18n.Translator` applies it to message parameters
formatted with such a spec (``{deals:,}``, ``{rate:.1f}``). Percent signs stay as they are
("25%" in both languages). Numbers quoted from the blueprint (``{probability:g}``, a value the
reader looks up in the file) are left as written.

A new language adds a line to :data:`SEPARATORS` (English's is the default).
"""

from __future__ import annotations

import string
from typing import Any

__all__ = ["SEPARATORS", "localize", "number", "wants_localizing"]

# language -> (thousands separator, decimal separator)
SEPARATORS: dict[str, tuple[str, str]] = {
    "en": (",", "."),
    "nl": (".", ","),
}

_SWAP: dict[str, dict[int, str]] = {
    lang: str.maketrans({",": group, ".": dec}) for lang, (group, dec) in SEPARATORS.items()
}


def _lang(lang: Any) -> str:
    return lang if isinstance(lang, str) else str(getattr(lang, "lang", "en"))


def localize(text: str, lang: Any) -> str:
    """``text``, a number formatted the English way (``3,000.5``, ``+1,200``, ``25.5%``), with
    the separators of ``lang`` (a language code or a Translator)."""
    code = _lang(lang)
    if code == "en" or code not in _SWAP:
        return text
    return text.translate(_SWAP[code])


def number(x: float, lang: Any, spec: str = ",") -> str:
    """``format(x, spec)`` with the separators of ``lang``: ``number(3000, "nl")`` is
    ``"3.000"``, ``number(2.5, "nl", ",.1f")`` is ``"2,5"``."""
    return localize(format(x, spec), lang)


def wants_localizing(value: object, spec: str) -> bool:
    """A number formatted with grouping or a fixed precision (not ``:g``, which quotes a value
    as the blueprint wrote it)."""
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and ("," in spec or "." in spec)
        and not spec.endswith(("g", "G"))
    )


class NumberFormatter(string.Formatter):
    """``str.format`` that writes numbers the way ``lang`` does (see :func:`wants_localizing`)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang

    def format_field(self, value: Any, format_spec: str) -> str:
        text = super().format_field(value, format_spec)
        return localize(text, self.lang) if wants_localizing(value, format_spec) else text
