"""The ``salesblueprint`` command line: thin, it parses arguments and calls the library.

Exit codes: 0 when no finding is an error (with ``--strict``: nor a warning), 1 when one is,
2 for usage errors and internal failures. No input file ever produces a traceback.
"""

from __future__ import annotations

import glob
import os
import re
import sys
from collections.abc import Callable, MutableMapping, Sequence
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from salesblueprint.model.blueprint import Blueprint
    from salesblueprint.rules.config import Config

from salesblueprint import __version__
from salesblueprint.i18n import N_, Translator, _
from salesblueprint.i18n.click_texts import HelpGroup, HelpOption, option
from salesblueprint.report import DIFF_FORMATTERS, FORMATTERS, FUNNEL_FORMATTERS
from salesblueprint.templates import DEFAULT_TEMPLATE

_GLOB_CHARS = set("*?[")

# Start-up: ``check`` must not import diagrams, templates, interop or audit. What the options
# and commands of those need from their registries is computed on first use: a choice when a
# value is converted or --help is shown, help and metavar for --help, a command when it is
# named (or listed). The objects stay the same to read (``option.help``, ``choice.choices``,
# ``cli.commands``), so tests and callers see the registries.


class LazyChoice(click.Choice):  # type: ignore[type-arg,unused-ignore]  # generic: click>=8.2
    """A :class:`click.Choice` whose choices are ``load()``-ed on first access."""

    def __init__(self, load: Callable[[], Sequence[str]], case_sensitive: bool = True) -> None:
        self._load = load
        self._choices: tuple[str, ...] | None = None
        super().__init__((), case_sensitive)
        self._choices = None  # click's __init__ assigned the empty placeholder

    @property  # a tuple: click 8.5 types choices as one, older releases as a sequence
    def choices(self) -> tuple[str, ...]:
        if self._choices is None:
            self._choices = tuple(self._load())
        return self._choices

    @choices.setter
    def choices(self, value: Sequence[str]) -> None:
        self._choices = tuple(value)


class _LazyText:
    """A text attribute computed on first read by the callable in ``_lazy_<name>`` (when one
    was given); a value assigned to it (click's own ``__init__`` does) is kept as usual.
    (Help texts are lazy in the language of the output: ``lazy_help`` of
    :class:`~salesblueprint.i18n.click_texts.HelpOption`.)"""

    def __set_name__(self, owner: type, name: str) -> None:
        self.slot, self.loader = f"_{name}", f"_lazy_{name}"

    def __get__(self, obj: object, owner: type | None = None) -> str | None:
        load = obj.__dict__.pop(self.loader, None)
        if load is not None:
            obj.__dict__[self.slot] = load()
        value: str | None = obj.__dict__.get(self.slot)
        return value

    def __set__(self, obj: object, value: str | None) -> None:
        obj.__dict__[self.slot] = value


class LazyOption(HelpOption):
    """A :class:`HelpOption` whose ``metavar`` is computed on first read (its ``help`` with
    ``lazy_help``, at each read, in the language of the output)."""

    metavar = _LazyText()

    def __init__(
        self, *args: Any, lazy_metavar: Callable[[], str] | None = None, **kwargs: Any
    ) -> None:
        self._lazy_metavar = lazy_metavar
        super().__init__(*args, **kwargs)


class LazyGroup(HelpGroup):
    """A :class:`click.Group` whose some commands are added by a loader run when one of them
    is named (the pattern of click's docs), or when ``commands`` is read as a whole."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._lazy: dict[str, Callable[[], None]] = {}
        super().__init__(*args, **kwargs)

    def add_lazy(self, names: Sequence[str], loader: Callable[[], None]) -> None:
        """``loader()`` adds the commands ``names`` (with :meth:`add_command`)."""
        for name in names:
            self._lazy[name] = loader

    def _load(self, name: str) -> None:
        loader = self._lazy.get(name)
        if loader is not None:
            for other in [n for n, f in self._lazy.items() if f is loader]:
                del self._lazy[other]
            loader()

    @property
    def commands(self) -> MutableMapping[str, click.Command]:
        for name in list(self._lazy):
            self._load(name)
        return self._commands

    @commands.setter
    def commands(self, value: MutableMapping[str, click.Command]) -> None:
        self._commands = value

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        name = name or cmd.name
        if name is None:
            raise TypeError("Command has no name.")
        self._commands[name] = cmd

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        self._load(cmd_name)
        return self._commands.get(cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self._commands, *self._lazy})

    def main(self, args: Sequence[str] | None = None, *a: Any, **kw: Any) -> Any:
        """click's own texts (usage, errors, help) in the language ``--lang`` names anywhere on
        the command line (they are written while the arguments are parsed, before any
        blueprint is read), else ``SALESBLUEPRINT_LANG``'s, else, once a command has read its
        blueprint, in its language."""
        global _SPEAKER
        from salesblueprint.i18n.click_texts import speaking

        outer = _SPEAKER
        _forget_help_options(self)
        lang = lang_in(sys.argv[1:] if args is None else args) or os.environ.get(LANG_ENV)
        try:
            with speaking(lang) as _SPEAKER:
                return super().main(args, *a, **kw)
        finally:
            _SPEAKER = outer
            _forget_help_options(self)


if TYPE_CHECKING:
    from salesblueprint.i18n.click_texts import Speaker

_SPEAKER: Speaker | None = None  # click's language during LazyGroup.main


def _speak(lang: str | None) -> None:
    """click's texts in ``lang`` for the rest of the command (a blueprint's language, when no
    --lang was given)."""
    if _SPEAKER is not None and lang is not None:
        _SPEAKER.speak(lang)


def lang_in(args: Sequence[str]) -> str | None:
    """The value of the last ``--lang`` option in ``args`` (before a ``--``), if any."""
    found = None
    it = iter(args)
    for arg in it:
        if arg == "--":
            break
        if arg == "--lang":
            found = next(it, None)
        elif arg.startswith("--lang="):
            found = arg.partition("=")[2]
    return found


def _forget_help_options(cmd: click.Command) -> None:
    """Drop the ``--help`` option click (8.1.8 and later) keeps per command, with its help text
    in the language of the run that made it, from the commands loaded so far."""
    if "_help_option" in vars(cmd):
        setattr(cmd, "_help_option", None)  # noqa: B010  # not in click 8.1.0's types
    sub = cmd._commands if isinstance(cmd, LazyGroup) else getattr(cmd, "commands", {})
    for child in list(sub.values()):
        _forget_help_options(child)


_LANG_CHOICES = ("en", "nl")  # the languages with a catalog (tests/test_i18n.py keeps them equal)
LANG_ENV = "SALESBLUEPRINT_LANG"  # the output language when no --lang is given


def _top_lang(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """The top-level ``--lang``, else ``SALESBLUEPRINT_LANG`` (empty: unset); a value that is
    not a language is a usage error. Every command's own ``--lang`` defaults to it (through
    click's ``default_map``), so a command's option still wins."""
    if value is None:
        value = os.environ.get(LANG_ENV) or None
        if value is not None and value not in _LANG_CHOICES:
            from salesblueprint.i18n import _, translator

            raise click.UsageError(
                translator(_SPEAKER.lang if _SPEAKER is not None else None)(
                    _(
                        "Invalid value for {name}: {value} is not one of {choices}.",
                        name=LANG_ENV,
                        value=repr(value),
                        choices=", ".join(repr(c) for c in _LANG_CHOICES),
                    )
                ),
                ctx,
            )
    if value is not None:
        group = ctx.command
        names = group.list_commands(ctx) if isinstance(group, click.Group) else []
        ctx.default_map = {
            **(ctx.default_map or {}),
            **{name: {**(ctx.default_map or {}).get(name, {}), "lang": value} for name in names},
        }
    return value


def _lang_option(fn: Any) -> Any:
    return option(
        "--lang",
        type=click.Choice(_LANG_CHOICES),
        default=None,
        help=N_("Language of the output (default: the blueprint's language:)."),
    )(fn)


def _config_or_usage_error(config_path: str | None, lang: str | None) -> Config:
    """The --config file, else the one found from here; a bad one is a usage error.

    Read before any blueprint, so only --lang chooses the error's language.
    """
    from salesblueprint.i18n import translator
    from salesblueprint.rules.config import ConfigError, find_config, read_config

    try:
        return read_config(config_path) if config_path else find_config()
    except ConfigError as e:
        raise click.UsageError(translator(lang)(e.args[0])) from None


_YAML_SUFFIXES = (".yaml", ".yml")


def _is_blueprint(path: str) -> bool:
    """Cheap sniff for files found in directories: a top-level ``salesblueprint:`` key."""
    from salesblueprint.loading.files import open_regular

    try:
        with open_regular(path) as fh:
            head = fh.read(64 * 1024).removeprefix(b"\xef\xbb\xbf")
    except OSError:
        return True  # let the loader report why it cannot be read
    return any(line.startswith(b"salesblueprint:") for line in head.splitlines())


def _printable(text: str) -> str:
    from salesblueprint.report.text import one_line

    return one_line(text)


STDIN = "-"  # a FILES argument: read the blueprint from standard input
STDIN_NAME = "<stdin>"  # the name its findings are reported under


def collect_files(args: Sequence[str]) -> list[str]:
    """Files named, matched by a glob, or (for a directory) blueprint YAML files under it;
    ``-`` (standard input) as it is.

    A directory scan skips (and says on stderr) a ``*.yaml`` that is not a regular file, such
    as a FIFO, which would block the scan; a path named explicitly is left to the loader,
    which reports it as a finding.
    """
    from salesblueprint.loading.files import non_regular

    out: list[str] = []
    for arg in args:
        if arg == STDIN:
            out.append(arg)
        elif os.path.isdir(arg):
            found = []
            for root, dirs, files in os.walk(arg):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    p = os.path.join(root, name)
                    if not name.endswith(_YAML_SUFFIXES):
                        continue
                    kind = non_regular(p)
                    if kind is not None:
                        click.echo(
                            f"salesblueprint: skipped {_printable(p)}: "
                            f"it is {kind}, not a regular file",
                            err=True,
                        )
                    elif _is_blueprint(p):
                        found.append(p)
            if not found:
                raise click.UsageError(
                    f"no blueprint files (*.yaml with 'salesblueprint:') in {arg}"
                )
            out.extend(found)
        elif os.path.lexists(arg):
            out.append(arg)
        elif _GLOB_CHARS & set(arg):
            matches = sorted(p for p in glob.glob(arg, recursive=True) if os.path.isfile(p))
            if not matches:
                raise click.UsageError(f"no files match {arg!r}")
            out.extend(matches)
        else:
            raise click.UsageError(f"no such file or directory: {arg}")
    return list(dict.fromkeys(out))


def _load_or_exit(
    file: str, fmt: str = "text", lang: str | None = None, config: Config | None = None
) -> Blueprint:
    """The blueprint in ``file`` (within the project's ``max-nodes``, from ``config``); when it
    does not load, print its findings and exit 1."""
    from salesblueprint.diagnostics.findings import Finding
    from salesblueprint.i18n import translator
    from salesblueprint.model.load import load_file
    from salesblueprint.report import get_formatter
    from salesblueprint.rules.config import limits_for

    result = load_file(file, limits_for(config), lang=lang)
    if lang is None:
        _speak(result.language)
    if result.blueprint is None:
        findings = sorted(result.findings, key=Finding.sort_key)
        tr = translator(result.language)
        click.echo(get_formatter(fmt)([file], findings, False, tr=tr), nl=False)
        sys.exit(1)
    return result.blueprint


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="salesblueprint", cls=HelpOption)
@option(
    "--lang",
    type=click.Choice(_LANG_CHOICES),
    default=None,
    callback=_top_lang,
    help=_(
        "Language of every command's output (default: ${env}, else the blueprint's "
        "language:); a command's own --lang overrides it.",
        env=LANG_ENV,
    ),
)
def cli(lang: str | None) -> None:
    """Write your sales process as code, and check it.

    \b
    salesblueprint check blueprint.yaml     check one or more blueprint files
    salesblueprint rules                    list every rule
    salesblueprint rule SB101               explain one rule
    salesblueprint render blueprint.yaml    draw a diagram (svg, png, pdf, dot, mermaid)
    salesblueprint init                     write a starter blueprint
    salesblueprint diff OLD NEW             what changed in the sales process
    salesblueprint funnel blueprint.yaml    how many leads the revenue target needs
    salesblueprint import hubspot FILE      a CRM's pipelines as a blueprint
    salesblueprint export salesforce BP -o DIR   a blueprint in the CRM's format
    salesblueprint drift BP --against pipedrive FILE   where the CRM moved away
    salesblueprint schema                   JSON Schema of the format, for editors
    salesblueprint audit bp.yaml history/   hold the CRM's stage history against it
    """
    if click.get_current_context().invoked_subcommand != "check":
        _resume_gc()  # check resumes it itself, once it has imported what it needs


@cli.command()
@click.argument("files", nargs=-1, required=True)
@option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATTERS)),
    default=None,
    lazy_help=lambda tr: tr.gettext(
        "Output format: {formats} (default: github when GITHUB_ACTIONS=true, else text).",
        formats=FORMATTERS.help(tr),
    ),
)
@option("--strict", is_flag=True, help=N_("Exit 1 on warnings too."))
@option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help=N_("Configuration file (default: nearest .salesblueprint.yaml or pyproject.toml)."),
)
@option("--color/--no-color", default=None, help=N_("Colour the output (default: on a terminal)."))
@_lang_option
def check(
    files: tuple[str, ...],
    fmt: str | None,
    strict: bool,
    config_path: str | None,
    color: bool | None,
    lang: str | None,
) -> None:
    """Check blueprint FILES (files, globs or directories; - reads standard input)."""
    if fmt is None:
        fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    paths = collect_files(files)
    from salesblueprint.i18n import translator

    config = _config_or_usage_error(config_path, lang)

    from salesblueprint.api import check_bytes_language, check_file_language
    from salesblueprint.diagnostics.findings import cap_per_code
    from salesblueprint.report import get_formatter
    from salesblueprint.rules.engine import config_findings
    from salesblueprint.rules.registry import load_all

    load_all()
    _resume_gc()

    # at most 50 findings of one rule per file on screen, then "… and N more" (the loader caps
    # its own already; the library's check functions return every rule finding)
    findings = config_findings(config, translator(lang) if lang else None)
    languages = set()
    for p in paths:
        if p == STDIN:
            found, language = check_bytes_language(_read_stdin(), STDIN_NAME, config, lang)
        else:
            found, language = check_file_language(p, config, lang)
        findings += cap_per_code(found, tr=translator(language))
        languages.add(language)
    paths = [STDIN_NAME if p == STDIN else p for p in paths]
    if color is None:
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    # the summary speaks the files' language when they share one
    tr = translator(lang or (languages.pop() if len(languages) == 1 else None))
    click.echo(get_formatter(fmt)(paths, findings, color, tr=tr), nl=False, color=color)
    failing = {"error", "warning"} if strict else {"error"}
    sys.exit(1 if any(f.severity in failing for f in findings) else 0)


def _read_stdin() -> bytes:
    """Standard input, up to one byte over the loader's size limit (which reports it)."""
    from salesblueprint.loading.yaml_reader import DEFAULT_LIMITS

    return sys.stdin.buffer.read(DEFAULT_LIMITS.max_bytes + 1)


_LITERAL = re.compile(r"``(.+?)``")


def terminal_text(doc: str) -> str:
    """A rule's docs for the terminal: ````code```` (reST literals) as 'code'; fences stay."""
    out = []
    fenced = False
    for line in doc.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
        out.append(
            line if fenced or line.lstrip().startswith("```") else _LITERAL.sub(r"'\1'", line)
        )
    return "\n".join(out)


@cli.command("rules")
@option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help=N_("Output format."),
)
@option(
    "--lang",
    type=click.Choice(_LANG_CHOICES),
    default="en",
    show_default=True,
    help=N_("Language of the summaries."),
)
def list_rules(fmt: str, lang: str) -> None:
    """List every rule: code, name, group, default severity and summary."""
    from salesblueprint.i18n import translator
    from salesblueprint.rules.registry import load_all

    tr = translator(lang)
    rules = sorted(load_all().values(), key=lambda r: r.code)
    if fmt == "json":
        import json

        data: list[dict[str, Any]] = [
            {
                "code": r.code,
                "name": r.name,
                "group": r.group,
                "severity": r.severity,
                "preset": r.preset,
                "norm": r.norm,
                "summary": tr.gettext(r.summary),
            }
            for r in rules
        ]
        click.echo(json.dumps(data, indent=2, allow_nan=False))
        return
    width = max(len(r.name) for r in rules)
    group_width = max(len(r.group) for r in rules)
    for r in rules:
        click.echo(
            f"{r.code}  {r.name:<{width}}  {r.group:<{group_width}} {r.severity:<8} "
            f"{terminal_text(tr.gettext(r.summary))}"
        )


@cli.command("rule")
@click.argument("key")
@option(
    "--lang",
    type=click.Choice(_LANG_CHOICES),
    default="en",
    show_default=True,
    help=N_("Language of the explanation."),
)
def show_rule(key: str, lang: str) -> None:
    """Explain one rule, by code (SB101) or name (unreachable-stage)."""
    from salesblueprint.i18n import rule_doc, translator
    from salesblueprint.rules.registry import lookup, options_doc, renamed, suggest

    r = lookup(key)
    if r is None:
        hint = suggest(key) or "; `salesblueprint rules` lists every code and name"
        raise click.UsageError(f"no rule {key!r}{hint}")
    tr = translator(lang)
    if renamed(key) is r:
        click.echo(
            tr.gettext(
                "{key} is an old name of {code} {name}; ignores and settings naming it "
                "still apply, but use {name} in new ones.",
                key=key,
                code=r.code,
                name=r.name,
            )
            + "\n"
        )
    click.echo(f"# {r.code} {r.name}\n")
    meta = tr.gettext(
        "Group: {group}. Default severity: {severity}. Preset: {preset}.",
        group=r.group,
        severity=r.severity,
        preset=r.preset,
    )
    if r.norm:
        meta += tr.gettext(" Norm: {norm}.", norm=r.norm)
    if r.aliases:
        meta += tr.gettext(" Old names: {names}.", names=", ".join(r.aliases))
    click.echo(meta + "\n")
    click.echo(terminal_text(rule_doc(r.doc, tr, r.code)))
    if r.options:
        click.echo("\n" + terminal_text(options_doc(r, tr)))


@cli.command("schema")
def schema_cmd() -> None:
    """Print the JSON Schema of the blueprint format, for editors."""
    from salesblueprint.schema import schema_json

    click.echo(schema_json(), nl=False)


def _views() -> Any:
    from salesblueprint.diagrams import views

    return views


def _renderers() -> Any:
    from salesblueprint.diagrams import renderers

    return renderers


def _template_names() -> list[str]:
    from salesblueprint.templates import template_names

    return template_names()


def _init_help(tr: Translator) -> str:
    from salesblueprint.templates import help_text

    return tr.gettext(
        "Write a starter blueprint that checks clean.\n\n"
        "PATH defaults to blueprint.yaml; for a directory, PATH/blueprint.yaml. An existing "
        "file is never overwritten unless --force is given.\n\n\b\nTemplates:\n{templates}",
        templates=help_text(tr=tr),
    )


@cli.command("init", lazy_help=_init_help)
@click.argument("path", required=False, default="blueprint.yaml")
@option(
    "--template",
    "-t",
    type=LazyChoice(_template_names),
    default=DEFAULT_TEMPLATE,
    show_default=True,
    help=N_("Starter blueprint to write (listed below)."),
)
@option("--force", is_flag=True, help=N_("Overwrite the file if it exists."))
def init_cmd(path: str, template: str, force: bool) -> None:
    from salesblueprint.templates import template_text

    if os.path.isdir(path):
        path = os.path.join(path, "blueprint.yaml")
    if os.path.lexists(path) and not force:
        click.echo(
            f"salesblueprint: {path} already exists; not overwriting it. "
            "Choose another path, or use --force to replace it.",
            err=True,
        )
        sys.exit(1)
    text = template_text(template)
    try:
        parent = os.path.dirname(path)
        if parent:
            os.makedirs(parent, exist_ok=True)
        with open(path, "w" if force else "x", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except OSError as e:
        click.echo(f"salesblueprint: cannot write {path}: {e.strerror or e}", err=True)
        sys.exit(1)
    click.echo(f"Wrote {path} (template: {template}).")
    click.echo(f"Next: edit it to match your process, then run: salesblueprint check {path}")


@cli.command("diff")
@click.argument("old", required=True)
@click.argument("new", required=False)
@option(
    "--git",
    "git_rev",
    metavar="REV",
    help=N_("Compare FILE at git revision REV with FILE now: diff --git HEAD~1 blueprint.yaml."),
)
@option(
    "--format",
    "fmt",
    type=click.Choice(list(DIFF_FORMATTERS)),
    default="text",
    show_default=True,
    lazy_help=lambda tr: tr.gettext("Output format: {formats}.", formats=DIFF_FORMATTERS.help(tr)),
)
@option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help=N_("Configuration file (default: nearest .salesblueprint.yaml or pyproject.toml)."),
)
@_lang_option
def diff_cmd(
    old: str,
    new: str | None,
    git_rev: str | None,
    fmt: str,
    config_path: str | None,
    lang: str | None,
) -> None:
    """What changed in the sales process between OLD and NEW.

    Each side is a file or a git revision (HEAD~1:blueprint.yaml). Stages are matched by id.
    Shows stages added, removed, renamed and reordered, changed exit criteria, probabilities,
    owners, SLA terms and tools, and the findings introduced and resolved.
    Exits 0, or 1 when a side cannot be loaded (its findings are shown).
    """
    if git_rev is not None and git_rev.startswith("-"):
        raise click.UsageError(
            f"--git {git_rev!r}: a revision cannot start with '-' (it would be read as an "
            "option to git); write it as e.g. HEAD~1, main or a commit id"
        )
    if git_rev is not None:
        if new is not None:
            raise click.UsageError("with --git REV give one FILE: diff --git HEAD~1 FILE")
        old, new = f"{git_rev}:{old}", old
    elif new is None:
        raise click.UsageError("give OLD and NEW (files or REV:path), or --git REV FILE")
    from salesblueprint.diff import is_git_spec

    for side in (old, new):
        if is_git_spec(side) and side.startswith("-"):
            raise click.UsageError(
                f"{side!r}: a revision cannot start with '-' (it would be read as an option "
                "to git); write REV:path with a revision such as HEAD~1 or main"
            )
    config = _config_or_usage_error(config_path, lang)

    from salesblueprint.diff import SideError, diff
    from salesblueprint.report import DIFF_FORMATTERS

    try:
        result = diff(old, new, config, lang)
    except SideError as e:
        click.echo(f"salesblueprint: {e}", err=True)
        sys.exit(1)
    from salesblueprint.i18n import translator

    tr = translator(lang) if lang else None
    click.echo(DIFF_FORMATTERS.formatter(fmt)(result, tr), nl=False)
    sys.exit(0 if result.ok else 1)


@cli.command("render")
@click.argument("file")
@option(
    "--view",
    default="blueprint",
    show_default=True,
    cls=LazyOption,
    lazy_metavar=lambda: _views().metavar(),
    lazy_help=lambda tr: tr.gettext("What to draw: {views}.", views=_views().help_text(tr)),
)
@option(
    "--format",
    "fmt",
    type=LazyChoice(lambda: _renderers().formats()),
    default="svg",
    show_default=True,
    cls=LazyOption,
    lazy_help=lambda tr: tr.gettext(
        "Output format: {formats}.", formats=_renderers().help_text(tr)
    ),
)
@option("-o", "--output", "out", help=N_("Output file (default: stdout for text formats)."))
@option("--findings", is_flag=True, help=N_("Colour stages with the findings check reports."))
@option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help=N_(
        "Configuration for --findings and max-nodes (default: nearest .salesblueprint.yaml or "
        "pyproject.toml)."
    ),
)
@_lang_option
@option(
    "--pages",
    default="auto",
    show_default=True,
    type=click.Choice(["auto", "one", "pipeline"]),
    help=N_(
        "Blueprint view: one page per pipeline when one slide cannot hold it (auto), always "
        "(pipeline) or never (one). Pages go to OUT-1.svg, OUT-2.svg ..."
    ),
)
def render_cmd(
    file: str,
    view: str,
    fmt: str,
    out: str | None,
    findings: bool,
    config_path: str | None,
    pages: str,
    lang: str | None,
) -> None:
    """Draw a view of blueprint FILE as an image (svg, png, pdf) or as dot or mermaid source.

    SVG and PNG are laid out by Graphviz (graphviz-pure, installed with salesblueprint, or a
    'dot' named by SALESBLUEPRINT_DOT or on PATH); PDF needs Graphviz's own 'dot'. A blueprint
    too large for one slide is drawn as pages: the tools and the lifecycle, then each pipeline.
    """
    from salesblueprint.diagrams import (
        LayoutError,
        RenderError,
        ViewError,
        get_renderer,
        render_pages,
    )

    renderer = get_renderer(fmt)
    if renderer is None:
        raise click.UsageError(str(RenderError(fmt)))
    binary = renderer.binary
    if binary and out is None and sys.stdout.isatty():
        raise click.UsageError(f"{fmt} is binary: give -o FILE.{fmt} (or redirect stdout)")
    found = None
    config = _config_or_usage_error(config_path, lang)
    bp = _load_or_exit(file, lang=lang, config=config)
    if findings:
        from salesblueprint.api import check as run_check

        found = run_check(bp, config, lang)
    try:
        datas = render_pages(bp, view=view, format=fmt, findings=found, pages=pages, lang=lang)
    except ViewError as e:
        raise click.UsageError(str(e)) from None
    except LayoutError as e:
        # only the file the user named is ever written: the DOT source is one command away
        dot_path = (os.path.splitext(out)[0] if out else os.path.splitext(file)[0]) + ".dot"
        click.echo(
            f"salesblueprint: cannot render {fmt}: {_printable(str(e))}\n"
            f"To render it elsewhere, write the DOT source with: salesblueprint render "
            f"{_printable(file)} --view {_printable(view)} --format dot -o "
            f"{_printable(dot_path)}",
            err=True,
        )
        sys.exit(1)
    payloads = [d.encode("utf-8") if isinstance(d, str) else d for d in datas]
    if out is None:
        if len(payloads) > 1:
            raise click.UsageError(
                f"the {view} view of this blueprint is {len(payloads)} pages: give -o "
                f"FILE.{fmt} (pages go to FILE-1.{fmt} ... FILE-{len(payloads)}.{fmt}) "
                "or --pages one"
            )
        sys.stdout.flush()
        sys.stdout.buffer.write(payloads[0])
        sys.stdout.buffer.flush()
        return
    stem, ext = os.path.splitext(out)
    paths = (
        [out] if len(payloads) == 1 else [f"{stem}-{i}{ext}" for i in range(1, len(payloads) + 1)]
    )
    for path, payload in zip(paths, payloads, strict=True):
        try:
            with open(path, "wb") as fh:
                fh.write(payload)
        except OSError as e:
            click.echo(f"salesblueprint: cannot write {path}: {e.strerror or e}", err=True)
            sys.exit(1)
    if len(paths) > 1:
        click.echo(f"Wrote {len(paths)} pages: {', '.join(paths)}", err=True)


def _parse_what_if(bp: Blueprint, items: Sequence[str], tr: Any) -> dict[str, float]:
    """``STAGE=RATE`` options: a lifecycle stage id and a share (0.3 or 30%), checked by the
    same functions as ``sb.funnel(bp, what_if=...)``; usage errors in ``tr``'s language."""
    from salesblueprint.funnel_maths import WhatIfError, check_what_if, what_if_rate
    from salesblueprint.i18n import _

    rates: dict[str, float] = {}
    for item in items:
        stage, sep, raw = item.partition("=")
        stage, raw = stage.strip(), raw.strip()
        if not sep or not stage or not raw:
            raise click.UsageError(
                tr(_("--what-if {item}: write STAGE=RATE, e.g. mql=0.4", item=repr(item)))
            )
        try:
            rates[stage] = what_if_rate(bp, stage, raw)
        except WhatIfError as e:
            raise click.UsageError(f"--what-if {item!r}: {tr(e.args[0])}") from None
    try:
        return check_what_if(bp, rates)
    except WhatIfError as e:
        raise click.UsageError(f"--what-if: {tr(e.args[0])}") from None


def _read_audit(bp: Blueprint, path: str, tr: Any) -> Any:
    """The observed rates of the audit report at ``path``; a usage error when it cannot be
    read or is not a lifecycle audit of ``bp``."""
    import json

    from salesblueprint.funnel_maths import AuditReportError, observed_rates
    from salesblueprint.i18n import _

    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
    except OSError as e:
        raise click.UsageError(
            tr(_("--from-audit {path}: cannot read it: {error}", path=path, error=e.strerror or e))
        ) from None
    except (ValueError, RecursionError) as e:
        raise click.UsageError(
            tr(_("--from-audit {path}: not JSON: {error}", path=path, error=str(e)[:200]))
        ) from None
    try:
        return observed_rates(bp, data, path)
    except AuditReportError as e:
        msg = e.args[0]
        raise click.UsageError(tr(msg) if hasattr(msg, "msgid") else str(e)) from None


@cli.command("funnel")
@click.argument("file")
@option(
    "--format",
    "fmt",
    type=click.Choice(list(FUNNEL_FORMATTERS)),
    default="text",
    show_default=True,
    lazy_help=lambda tr: tr.gettext(
        "Output format: {formats}.", formats=FUNNEL_FORMATTERS.help(tr)
    ),
)
@option(
    "--what-if",
    "what_if",
    multiple=True,
    metavar="STAGE=RATE",
    help=N_(
        "Show the effect of another conversion rate for a lifecycle stage, e.g. mql=0.5 "
        "(repeatable)."
    ),
)
@option(
    "--from-audit",
    "from_audit",
    metavar="AUDIT.json",
    help=N_(
        "Recompute the funnel with the conversion rates observed by a lifecycle audit "
        "(salesblueprint audit BP HISTORY --pipeline lifecycle --format json)."
    ),
)
@_lang_option
def funnel_cmd(
    file: str, fmt: str, what_if: tuple[str, ...], from_audit: str | None, lang: str | None
) -> None:
    """How many leads does the revenue target need? The reverse funnel of FILE.

    From sla.targets (revenue, average_deal_size, period) and each lifecycle stage's
    conversion_rate: deals won, then opportunities, SQLs, MQLs ... back to the first lifecycle
    stage, per period and per week, rounded up at each step.

    Exits 0 when the funnel is complete, 1 when a target or rate is missing (the output says
    which one and where to add it) or the file does not load (its findings are shown).
    """
    from salesblueprint.i18n import _, translator

    if from_audit and what_if:
        raise click.UsageError(translator(lang)(_("use --what-if or --from-audit, not both")))
    config = _config_or_usage_error(None, lang)  # its max-nodes
    bp = _load_or_exit(file, "json" if fmt == "json" else "text", lang, config)
    tr = translator(lang or bp.language)

    from salesblueprint.funnel_maths import funnel

    rates = _parse_what_if(bp, what_if, tr)
    base = funnel(bp)
    alt = funnel(bp, rates) if rates else None
    if from_audit:
        alt = funnel(bp, observed=_read_audit(bp, from_audit, tr))
    click.echo(FUNNEL_FORMATTERS.formatter(fmt)(bp, base, alt, tr=tr), nl=False)
    sys.exit(0 if base.complete and (alt is None or alt.complete) else 1)


def _formatter(name: str) -> Any:
    from salesblueprint.report import get_formatter

    return get_formatter(name)


def _add_interop() -> None:
    from salesblueprint.interop.commands import add_commands

    add_commands(cli, _load_or_exit, _formatter)


def _add_audit() -> None:
    from salesblueprint.audit.command import add_commands

    add_commands(cli, _load_or_exit)


assert isinstance(cli, LazyGroup)
cli.add_lazy(("import", "export", "drift"), _add_interop)
cli.add_lazy(("audit",), _add_audit)


#: whether :func:`main` paused the cyclic garbage collector for start-up
_gc_paused = False


def _pause_gc() -> None:
    """Start-up (importing pydantic, the model, the rules) allocates hundreds of thousands of
    objects that live until the process ends; collecting among them costs ``check`` about a
    tenth of its time on a small file. Only for a process of its own (:func:`main` without
    arguments), which ends when the command does."""
    global _gc_paused
    import gc

    if gc.isenabled():
        gc.disable()
        _gc_paused = True


def _resume_gc() -> None:
    """Start-up is over: freeze what it allocated (later collections, and the last one at exit,
    skip it) and collect as usual from here on, so that big inputs do not pile up garbage."""
    global _gc_paused
    if _gc_paused:
        import gc

        gc.freeze()
        gc.enable()
        _gc_paused = False


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point: never lets a traceback reach the user."""
    if argv is None:
        _pause_gc()
    try:
        cli.main(args=list(argv) if argv is not None else None, prog_name="salesblueprint")
    except SystemExit:
        raise
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(2)
    except Exception as e:  # an internal failure: exit 2 with a message, not a traceback
        click.echo(
            f"salesblueprint: internal error: {type(e).__name__}: {e}\n"
            "This is a bug; please report it with the command and file that triggered it.",
            err=True,
        )
        if os.environ.get("SALESBLUEPRINT_DEBUG"):
            raise
        sys.exit(2)
