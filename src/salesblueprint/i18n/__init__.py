"""Translations: every user-facing string goes through a gettext catalog.

Messages are written in English in the code and marked for translation:

- ``_("no stage '{ref}'", ref=ref)`` builds a :class:`Msg`: a ``str`` holding the English text,
  which also remembers its message id and parameters, so that a :class:`Translator` can render
  it in another language later, when the language of the file it is about is known. Parameters
  that are themselves :class:`Msg` are translated too; anything else (user text, ids, numbers) is
  inserted as it is.
- ``ngettext("{n} file", "{n} files", n)``: the same with a plural form (``n`` is a parameter).
- ``N_("Legend")``: only marks a constant for extraction; translate it with ``tr(N_(...))`` or
  ``tr.gettext(...)`` where it is used.

The catalogs are ``locale/<lang>/LC_MESSAGES/salesblueprint.po`` (managed with Babel, see
docs/i18n.md), compiled to ``.mo`` files that ship with the package and are read with the
standard library's :mod:`gettext`: Babel is needed to edit catalogs, never at run time.

There is no global language: each file's :class:`Translator` (``translator(lang)``) is passed
down to whatever produces text for it, so that files in different languages checked in one run
each get their own.
"""

from __future__ import annotations

import gettext as _gettext
import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from salesblueprint.diagnostics.suggest import closest

__all__ = [
    "DEFAULT",
    "DOMAIN",
    "LANGUAGES",
    "LOCALE_DIR",
    "N_",
    "Msg",
    "Translator",
    "_",
    "did_you_mean",
    "display",
    "ngettext",
    "rule_doc",
    "rule_doc_file",
    "translator",
]

DOMAIN = "salesblueprint"
LOCALE_DIR = Path(__file__).parent / "locale"
DEFAULT = "en"
# English is the source language; every other one has a catalog under locale/
LANGUAGES: tuple[str, ...] = (
    DEFAULT,
    *sorted(p.name for p in LOCALE_DIR.iterdir() if (p / "LC_MESSAGES").is_dir()),
)


class Msg(str):
    """A message in English that a :class:`Translator` can render in another language."""

    msgid: str
    plural: str | None
    n: int | None
    params: dict[str, Any]

    def __new__(
        cls, msgid: str, params: dict[str, Any], plural: str | None = None, n: int | None = None
    ) -> Msg:
        english = msgid if plural is None or n == 1 else plural
        self = super().__new__(cls, english.format(**params) if params else english)
        self.msgid, self.plural, self.n, self.params = msgid, plural, n, params
        return self


def _(msgid: str, /, **params: Any) -> Msg:
    """Mark ``msgid`` for translation; ``{name}`` placeholders take ``params``."""
    return Msg(msgid, params)


def ngettext(singular: str, plural: str, n: int, /, **params: Any) -> Msg:
    """A message with a plural form chosen by ``n`` (also available as ``{n}``)."""
    return Msg(singular, {"n": n, **params}, plural, n)


def N_(msgid: str) -> str:
    """Mark a constant for extraction only; it is translated where it is shown."""
    return msgid


class Translator:
    """Renders messages in one language; ``tr(text)`` translates a :class:`Msg`.

    A plain ``str`` (user text) comes back as it is; so does every message for English.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else DEFAULT
        self._catalog: _gettext.NullTranslations = (
            _gettext.translation(DOMAIN, str(LOCALE_DIR), [self.lang])
            if self.lang != DEFAULT
            else _gettext.NullTranslations()
        )
        from salesblueprint.i18n.numbers import NumberFormatter

        self._formatter = NumberFormatter(self.lang)

    def __repr__(self) -> str:
        return f"Translator({self.lang!r})"

    def __call__(self, text: str) -> str:
        if not isinstance(text, Msg):
            return text
        if self.lang == DEFAULT:
            return str(text)
        if text.plural is None:
            out = self._catalog.gettext(text.msgid)
        else:
            out = self._catalog.ngettext(text.msgid, text.plural, text.n or 0)
        if not text.params:
            return out
        params = {k: self(v) if isinstance(v, Msg) else v for k, v in text.params.items()}
        return self._formatter.format(out, **params)

    def number(self, x: float, spec: str = ",") -> str:
        """``x`` formatted with ``spec`` and written the way this language writes numbers
        (``3.000`` in Dutch): see :mod:`salesblueprint.i18n.numbers`."""
        from salesblueprint.i18n.numbers import number

        return number(x, self.lang, spec)

    def gettext(self, msgid: str, /, **params: Any) -> str:
        """``msgid`` translated, its placeholders filled (``tr.gettext(N_(...))`` too)."""
        return self(Msg(msgid, params))

    def ngettext(self, singular: str, plural: str, n: int, /, **params: Any) -> str:
        return self(Msg(singular, {"n": n, **params}, plural, n))

    def join(self, items: list[str]) -> str:
        """``a, b and c`` in this language."""
        items = [self(i) for i in items]
        if len(items) < 2:
            return "".join(items)
        return self.gettext("{items} and {last}", items=", ".join(items[:-1]), last=items[-1])


@cache
def translator(lang: str | None = None) -> Translator:
    """The translator for ``lang`` (English for ``None`` or a language without a catalog).

    Translators hold no state that changes, so one per language is shared.
    """
    return Translator(lang or DEFAULT)


ENGLISH = translator(DEFAULT)

_WORD_BREAK = re.compile(r"[_\s]+")


def display(ident: str, names: dict[str, str] | None = None) -> str:
    """How an id is shown to people: its display name if the blueprint gives one, else its
    words (``geen_budget`` → ``geen budget``)."""
    if names and ident in names:
        return names[ident]
    return _WORD_BREAK.sub(" ", ident).strip() or ident


def did_you_mean(value: str, options: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest option, translatable; ``""`` when none is close."""
    close = closest(value, options)
    return _(" (did you mean '{name}'?)", name=close) if close is not None else ""


DOCS_DIR = Path(__file__).parent / "docs"


def rule_doc_file(code: str, lang: str) -> Path:
    """Where the full docs of rule ``code`` in ``lang`` are kept (not for English: the rule's
    docstring is its English docs)."""
    return DOCS_DIR / lang / f"{code}.md"


def rule_doc(doc: str, tr: Translator, code: str | None = None) -> str:
    """A rule's docs in ``tr``'s language.

    English is the rule's docstring. In another language the summary (first line) comes from
    the catalog and the rest from ``i18n/docs/<lang>/<CODE>.md``, written in that language
    (with its own YAML examples; ``tests/test_i18n.py`` checks they have the English ones'
    keys). A rule without such a file shows its English docs under a note that says so.
    """
    if tr.lang == DEFAULT or not doc.strip():
        return doc
    first, _sep, rest = doc.strip().partition("\n")
    summary = tr.gettext(first.strip())
    path = rule_doc_file(code, tr.lang) if code else None
    if path is not None and path.is_file():
        body = path.read_text(encoding="utf-8").strip()
        return f"{summary}\n\n{body}" if body else summary
    if summary == first.strip():
        return doc
    note = tr.gettext("(The full explanation below is in English.)")
    return f"{summary}\n\n{note}\n{rest}" if rest.strip() else summary
