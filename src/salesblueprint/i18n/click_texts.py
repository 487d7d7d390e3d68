"""click's own texts ("Usage:", "Error: Missing argument ...", "Show this message and exit.")
in the language of the output.

click marks its texts for translation with the standard library's gettext: each of its modules
does ``from gettext import gettext as _`` (and ``ngettext``) and calls them when it writes a
usage line, an error or a help page. :func:`speaking` binds those names, in every loaded click
module that has them, to our catalog for the duration of a command (switching language when
the command learns its blueprint's), and puts the standard functions back after it; a click
text our catalog lacks stays English, and a click release that no longer binds the names is
left alone (its texts stay English, nothing breaks).

The texts are listed here, marked with ``N_`` (and a local ``ngettext`` marker for the plural
ones), so that ``pybabel extract`` puts them in our catalog like our own messages: the union of
click 8.1.0 to 8.4 (a message click reworded between releases is listed in each wording).
:data:`NOT_SHOWN` names the ones salesblueprint never shows (prompts, pagers, shell completion,
errors in a program's own option declarations); ``tests/test_click_i18n.py`` fails when the
installed click has a text in neither list.

Our own help texts (a command's docs, an option's ``help=``) follow the same language: the
command and option classes here (:class:`HelpCommand`, :class:`HelpGroup`,
:class:`HelpOption`) read their ``help`` through :func:`help_text`, in the language the
active :class:`Speaker` speaks. A command's docstring is its message id (extracted by
``i18n/extract.py``); an option's help is a message (``_()``/``N_()``), or a
``lazy_help(tr)`` that builds it from a registry in ``tr``'s language when it is read.
"""

from __future__ import annotations

import gettext as _gettext
import inspect
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from types import ModuleType
from typing import Any

import click

from salesblueprint.i18n import DEFAULT, DOMAIN, LANGUAGES, LOCALE_DIR, N_, Msg, Translator
from salesblueprint.i18n import translator as _translator

__all__ = [
    "NOT_SHOWN",
    "PLURAL",
    "SINGULAR",
    "HelpCommand",
    "HelpGroup",
    "HelpOption",
    "Speaker",
    "help_text",
    "option",
    "speaking",
]


def ngettext(singular: str, plural: str) -> tuple[str, str]:
    """Marks a plural text for extraction (pybabel's ``ngettext:1,2`` keyword)."""
    return singular, plural


SINGULAR: tuple[str, ...] = (
    N_("Usage:"),
    N_("Options"),
    N_("Commands"),
    N_("Positional arguments"),
    N_("Show this message and exit."),
    N_("Show the version and exit."),
    N_("%(prog)s, version %(version)s"),
    N_("Try '{command} {option}' for help."),
    N_("Error: {message}"),
    N_("Error: {e.message}"),
    N_("Aborted!"),
    N_("Missing argument"),
    N_("Missing option"),
    N_("Missing parameter"),
    N_("Missing {param_type}"),
    N_("Missing parameter: {param_name}"),
    N_("Missing command."),
    N_("No such command {name!r}."),
    N_("No such option {name!r}."),
    N_("No such option: {name}"),
    N_("Option {name!r} does not take a value."),
    N_("Argument {name!r} takes {nargs} values."),
    N_("Invalid value for {param_hint}: {message}"),
    N_("Invalid value: {message}"),
    N_("Value must be an iterable."),
    N_("Could not open file {filename!r}: {message}"),
    N_("unknown error"),
    N_("Choose from:\n\t{choices}"),
    N_("{value!r} is not a valid {number_type}."),
    N_("{value!r} is not a valid boolean."),
    N_("{value!r} is not a valid boolean. Recognized values: {states}"),
    N_("{value!r} is not a valid UUID."),
    N_("{value} is not in the range {range}."),
    N_("{name} {filename!r} does not exist."),
    N_("{name} '{filename}' is a directory."),
    N_("{name} {filename!r} is a directory."),
    N_("{name} {filename!r} is a file."),
    N_("{name} {filename!r} is not readable."),
    N_("{name} {filename!r} is not writable."),
    N_("{name} {filename!r} is not executable."),
    N_("file"),
    N_("directory"),
    N_("path"),
    N_("default: {default}"),
    N_("env var: {var}"),
    N_("required"),
    N_("(dynamic)"),
    N_("deprecated"),
    N_("(Deprecated) {text}"),
    N_("{text} {deprecated_message}"),
    N_("DeprecationWarning: The command {name!r} is deprecated."),
    N_("DeprecationWarning: The command {name!r} is deprecated.{extra_message}"),
    N_("DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}"),
)

PLURAL: tuple[tuple[str, str], ...] = (
    ngettext("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"),
    # click 8.1-8.3 write the plural "(Possible options: {possibilities})": the catalog finds
    # a plural text by its singular, so the one entry serves both
    ngettext("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"),
    ngettext(
        "Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."
    ),
    ngettext("{value!r} is not {choice}.", "{value!r} is not one of {choices}."),
    ngettext(
        "{value!r} does not match the format {format}.",
        "{value!r} does not match the formats {formats}.",
    ),
    ngettext("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."),
    ngettext(
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ),
)

# click texts salesblueprint never shows: prompts, the pager and editor, progress bars, shell
# completion, and errors in a program's own declarations of its options (a bug, not a usage)
NOT_SHOWN: frozenset[str] = frozenset(
    {
        "Repeat for confirmation",
        "Error: The two entered values do not match.",
        "Error: The value you entered was invalid.",
        "Error: invalid input",
        "Do you want to continue?",
        "Confirm the action without prompting.",
        "Press any key to continue...",
        "{editor}: Editing failed",
        "{editor}: Editing failed: {e}",
        "d",
        "Couldn't detect Bash version, shell completion is not supported.",
        "Shell completion is not supported for Bash versions older than 4.4.",
        "Windows error: {error}",
        "Unknown color {colour!r}",
        "Unknown standard stream '{name}'",
        "Choice({choices})",
        "Name '{name}' defined twice",
        "Arguments take exactly one parameter declaration, got {length}: {decls}.",
        "Boolean option {decl!r} cannot use the same flag for true/false.",
        "Could not determine name for option with declarations {decls!r}",
        "Invalid start character for option ({option})",
        "No options defined but a name was passed ({name}). Did you mean to declare an "
        "argument instead? Did you mean to pass '--{name}'?",
    }
)


@cache
def _catalog(lang: str) -> _gettext.NullTranslations:
    return _gettext.translation(DOMAIN, str(LOCALE_DIR), [lang])


# the language help texts are read in: the active Speaker's (English outside a command)
_HELP_LANG = [DEFAULT]


class Speaker:
    """Binds click's texts to one language at a time; :meth:`restore` undoes it."""

    def __init__(self) -> None:
        self._bound: list[tuple[ModuleType, str, object]] = []
        self.lang: str = DEFAULT
        self._outer = _HELP_LANG[0]

    def speak(self, lang: str | None) -> None:
        """click's texts in ``lang`` from now on (English for ``None`` or an unknown one)."""
        self.restore()
        if lang is None or lang == DEFAULT or lang not in LANGUAGES:
            return
        catalog = _catalog(lang)
        swaps: tuple[tuple[str, object, object], ...] = (
            ("_", _gettext.gettext, catalog.gettext),
            ("ngettext", _gettext.ngettext, catalog.ngettext),
        )
        for name, module in list(sys.modules.items()):
            if module is None or not (name == "click" or name.startswith("click.")):
                continue
            for attr, standard, ours in swaps:
                if vars(module).get(attr) is standard:
                    setattr(module, attr, ours)
                    self._bound.append((module, attr, standard))
        self.lang = _HELP_LANG[0] = lang

    def restore(self) -> None:
        """click's own gettext functions back where they were."""
        for module, attr, standard in reversed(self._bound):
            setattr(module, attr, standard)
        self._bound.clear()
        self.lang = DEFAULT
        _HELP_LANG[0] = self._outer


@contextmanager
def speaking(lang: str | None) -> Iterator[Speaker]:
    """click's texts in ``lang`` (a language with a catalog) while the block runs; the
    :class:`Speaker` yielded can switch them once the language is known (a blueprint's)."""
    speaker = Speaker()
    speaker.speak(lang)
    try:
        yield speaker
    finally:
        speaker.restore()


def help_text(text: str | None, tr: Translator | None = None) -> str | None:
    """A help text in ``tr``'s language (default: the one the active :class:`Speaker` speaks).

    A :class:`~salesblueprint.i18n.Msg` is rendered by the translator; a plain string (a
    docstring, an ``N_`` help) is looked up as its message id, with its indentation removed
    the way click removes it. English, and a text the catalog lacks, come back as they are.
    """
    tr = tr or _translator(_HELP_LANG[0])
    if text is None or tr.lang == DEFAULT:
        return text
    if isinstance(text, Msg):
        return tr(text)
    key = inspect.cleandoc(text)
    out = tr(Msg(key, {}))
    return text if out == key else out


class _HelpText:
    """A help attribute read through :func:`help_text`; ``lazy_<name>(tr)``, when given, builds
    it at each read instead (from a registry, in ``tr``'s language)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot, self.loader = f"_{name}_text", f"_lazy_{name}"

    def __get__(self, obj: object, owner: type | None = None) -> str | None:
        if obj is None:
            return None
        tr = _translator(_HELP_LANG[0])
        load: Callable[[Translator], str] | None = obj.__dict__.get(self.loader)
        if load is not None:
            return load(tr)
        return help_text(obj.__dict__.get(self.slot), tr)

    def __set__(self, obj: object, value: str | None) -> None:
        if value is not None:
            obj.__dict__.pop(self.loader, None)
        obj.__dict__[self.slot] = value


class _Texts:
    """``lazy_help=fn(tr)``, and the texts in :attr:`_TEXTS` given as messages (``_()``) kept
    as messages: click makes a plain ``str`` of a help (``inspect.cleandoc``)."""

    _TEXTS: tuple[str, ...] = ("help",)

    def __init__(
        self, *args: Any, lazy_help: Callable[[Translator], str] | None = None, **kwargs: Any
    ) -> None:
        if lazy_help is not None:
            self._lazy_help = lazy_help
        messages = {k: v for k in self._TEXTS if isinstance(v := kwargs.get(k), Msg)}
        super().__init__(*args, **kwargs)
        for name, text in messages.items():
            setattr(self, name, text)


class HelpOption(_Texts, click.Option):
    """A :class:`click.Option` whose ``help`` is read in the language of the output
    (``lazy_help=fn(tr)`` builds it when it is read)."""

    help = _HelpText()


class HelpCommand(_Texts, click.Command):
    """A :class:`click.Command` whose ``help`` and ``short_help`` are read in the language of
    the output (``lazy_help=fn(tr)`` builds the help when it is read)."""

    _TEXTS = ("help", "short_help")
    help = _HelpText()
    short_help = _HelpText()


class HelpGroup(_Texts, click.Group):
    """A :class:`click.Group` like :class:`HelpCommand`; the commands and groups its
    decorators make are :class:`HelpCommand` and :class:`HelpGroup`."""

    _TEXTS = ("help", "short_help")
    help = _HelpText()
    short_help = _HelpText()
    command_class = HelpCommand


HelpGroup.group_class = HelpGroup


def option(*param_decls: str, **attrs: Any) -> Callable[[Any], Any]:
    """:func:`click.option` with a :class:`HelpOption` (unless ``cls=`` names a subclass)."""
    attrs.setdefault("cls", HelpOption)
    return click.option(*param_decls, **attrs)
