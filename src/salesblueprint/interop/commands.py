"""The ``import``, ``export`` and ``drift`` commands; :func:`add_commands` adds them to the CLI.

Unreadable CRM input (malformed JSON or XML, a refused XML file, an API error) exits 2 with the
file and, where it has one, the line.

Everything they print is in one language: ``--lang``, else (export, drift) the blueprint's
``language:``; ``import --lang nl`` also writes a Dutch blueprint (``language: nl``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn

import click

from salesblueprint.i18n import LANGUAGES, N_, Translator, _, translator
from salesblueprint.i18n.click_texts import HelpCommand, HelpOption, option
from salesblueprint.interop.registry import CRMS, NAMES, Crm

if TYPE_CHECKING:
    from salesblueprint.interop.base import CrmData, InteropError
    from salesblueprint.model.blueprint import Blueprint

    Formatter = Callable[..., str]  # (paths, findings, color, tr=...) -> text

_LANG_CHOICES = LANGUAGES
_LANG_HELP = N_("Language of the output (default: the blueprint's language:).")


def _fail(e: InteropError | str, tr: Translator | None = None) -> NoReturn:
    from salesblueprint.diagnostics.safe_text import one_line
    from salesblueprint.interop.base import InteropError

    tr = tr or translator()
    text = e.render(tr) if isinstance(e, InteropError) else tr(e)
    # the message quotes the CRM's text (labels, ids, cursors): no terminal escapes
    click.echo(f"salesblueprint: {one_line(text)}", err=True)
    sys.exit(2)


def _usage(tr: Translator, message: str) -> click.UsageError:
    return click.UsageError(tr(message))


def _early(lang: str | None, blueprint: str) -> Translator:
    """The language of a usage error found before the blueprint is loaded: ``--lang``, else
    the ``language:`` line of the file (as its reader's own findings do), else English."""
    if lang is None:
        from salesblueprint.loading.files import open_regular
        from salesblueprint.loading.yaml_reader import sniff_language

        try:
            with open_regular(blueprint) as fh:
                lang = sniff_language(fh.read(4096))
        except OSError:
            pass  # the loader says why it cannot be read
    return translator(lang)


def _write(out: str | None, text: str, tr: Translator | None = None) -> None:
    if out is None:
        click.echo(text, nl=False)
        return
    try:
        parent = os.path.dirname(out)
        if parent:
            os.makedirs(parent, exist_ok=True)
        with open(out, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
    except OSError as e:
        _fail(_("cannot write {path}: {reason}", path=out, reason=e.strerror or str(e)), tr)


def _token(crm: Crm, token_env: str | None, tr: Translator) -> str:
    name = token_env or crm.token_env or ""
    token = os.environ.get(name, "").strip()
    if not token:
        raise _usage(
            tr,
            _(
                "--from-api needs a {crm} token in the environment variable {name} "
                "(or name another with --token-env)",
                crm=crm.title,
                name=name,
            ),
        )
    return token


def read_source(
    crm: Crm,
    source: str | None,
    pipeline: str | None,
    from_api: bool,
    token_env: str | None,
    api_url: str | None,
    tr: Translator | None = None,
) -> CrmData:
    from salesblueprint.interop.base import InteropError

    tr = tr or translator()
    try:
        if from_api:
            if source is not None:
                raise _usage(tr, _("give either SOURCE or --from-api, not both"))
            return crm.fetch(_token(crm, token_env, tr), pipeline, api_url)
        if source is None:
            raise _usage(
                tr,
                _(
                    "give {what}{hint}",
                    what=crm.source_help,
                    hint=_(" (or --from-api)") if crm.token_env else "",
                ),
            )
        if not os.path.exists(source):
            raise _usage(tr, _("no such file or directory: {path}", path=source))
        return crm.read(source, pipeline)
    except InteropError as e:
        _fail(e, tr)


def _live_options(crm: Crm) -> list[click.Option]:
    if crm.token_env is None:
        return []
    return [
        HelpOption(
            ["--from-api"],
            is_flag=True,
            help=_(
                "Read the pipelines over the {crm} API (token in ${env}).",
                crm=crm.title,
                env=crm.token_env,
            ),
        ),
        HelpOption(
            ["--token-env"],
            metavar="VAR",
            help=_("Environment variable holding the token (default {env}).", env=crm.token_env),
        ),
        click.Option(["--api-url"], metavar="URL", hidden=True, help="API base URL (tests)."),
    ]


def _import_command(crm: Crm) -> click.Command:
    def run(
        source: str | None,
        output: str | None,
        name: str | None,
        lang: str | None = None,
        from_api: bool = False,
        token_env: str | None = None,
        api_url: str | None = None,
        **select: str | None,
    ) -> None:
        from salesblueprint.i18n import ngettext
        from salesblueprint.interop import import_crm
        from salesblueprint.interop.base import InteropError

        tr = translator(lang)
        pipeline = next(iter(select.values()), None)
        data = read_source(crm, source, pipeline, from_api, token_env, api_url, tr)
        try:
            text = import_crm(crm.name, data, name=name, lang=lang)
        except InteropError as e:
            _fail(e, tr)
        _write(output, text, tr)
        if output is not None:
            n = len(data.pipelines)
            stages = sum(len(p.stages) for p in data.pipelines)
            wrote = _(
                "Wrote {path}: {pipelines}, {stages} CRM stages. What could not be carried over "
                "is listed at the top. Next: salesblueprint check {path}",
                path=output,
                pipelines=ngettext("{n} pipeline", "{n} pipelines", n),
                stages=stages,
            )
            click.echo(tr(wrote), err=True)

    select_name = crm.select_option.lstrip("-")
    params: list[click.Parameter] = [
        click.Argument(["source"], required=False, metavar="SOURCE"),
        HelpOption(
            [crm.select_option, select_name],
            metavar="NAME" if crm.source == "dir" else "ID",
            help=N_("Import only this one business process.")
            if crm.source == "dir"
            else N_("Import only this one pipeline (id)."),
        ),
        HelpOption(["-o", "--output"], help=N_("Write the blueprint here (default: stdout).")),
        HelpOption(["--name"], help=N_("The blueprint's name (default: from the CRM).")),
        HelpOption(
            ["--lang"],
            type=click.Choice(_LANG_CHOICES),
            default=None,
            help=N_(
                "The blueprint's language: (its header, description and the names "
                "salesblueprint gives) and of the messages; default English."
            ),
        ),
        *_live_options(crm),
    ]
    return HelpCommand(
        crm.name,
        callback=run,
        params=params,
        help=_(
            "Import {crm} pipelines as a blueprint. SOURCE is {source}.",
            crm=crm.title,
            source=crm.source_help,
        ),
        short_help=_("Import from {crm}.", crm=crm.title),
    )


def add_commands(
    cli: click.Group,
    load_or_exit: Callable[[str, str, str | None], Blueprint],
    get_formatter: Callable[[str], Formatter],
    formats: Sequence[str] = ("text", "json", "sarif", "github"),
) -> None:
    """Add ``import``, ``export`` and ``drift`` to the ``salesblueprint`` command group.

    The CLI passes in how it loads a blueprint (printing its findings and exiting 1 when it does
    not load) and its output formatters, so this layer needs nothing above it.
    """

    @cli.group("import")
    def import_group() -> None:
        """Import a CRM's deal pipelines as a blueprint (crm: ids kept on every stage)."""

    for crm in CRMS.values():
        import_group.add_command(_import_command(crm))

    @cli.command("export")
    @click.argument("crm", type=click.Choice(NAMES))
    @click.argument("blueprint")
    @option("--pipeline", metavar="ID", help=N_("The blueprint pipeline to export."))
    @option("-o", "--output", help=N_("Output file (a folder for salesforce; default: stdout)."))
    @option(
        "--against",
        metavar="SOURCE",
        help=N_(
            "hubspot: instead of the create payload, the plan (create, relabel, reorder, "
            "update, archive) against this saved pipelines response."
        ),
    )
    @option(
        "--format",
        "fmt",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help=N_("Format of the --against plan."),
    )
    @option("--lang", type=click.Choice(_LANG_CHOICES), default=None, help=_LANG_HELP)
    def export_cmd(
        crm: str,
        blueprint: str,
        pipeline: str | None,
        output: str | None,
        against: str | None,
        fmt: str,
        lang: str | None,
    ) -> None:
        """Write BLUEPRINT in the CRM's own format.

        \b
        hubspot     the pipeline create payload (POST /crm/v3/pipelines/deals)
        salesforce  a deployable source folder (-o DIR): stage values, business process,
                    record type, Path with guidance, a no-skipped-stage validation rule,
                    package.xml; deploy with: sf project deploy start -x DIR/package.xml
        pipedrive   the stages payload (POST /api/v2/stages)

        What the CRM cannot enforce is printed on standard error.
        """
        from salesblueprint.diagnostics.safe_text import one_line
        from salesblueprint.interop import export_crm
        from salesblueprint.interop.base import InteropError

        c = CRMS[crm]
        tr = _early(lang, blueprint)
        if c.export_kind == "dir" and output is None:
            raise _usage(tr, _("salesforce export writes a folder: give -o DIR"))
        if against is not None and crm != "hubspot":
            raise _usage(tr, _("--against (a plan) is for hubspot; use drift for others"))
        bp = load_or_exit(blueprint, "text", lang)
        tr = translator(lang or bp.language)
        if against is not None:
            _plan(bp, pipeline, against, output, fmt, tr)
            return
        try:
            result = export_crm(bp, crm, pipeline)
        except InteropError as e:
            _fail(e, tr)
        if result.text is not None:
            _write(output, result.text, tr)
        else:
            assert output is not None
            for rel, text in sorted(result.files.items()):
                _write(os.path.join(output, *rel.split("/")), text, tr)
            wrote = _(
                "Wrote {n} files to {path}. Deploy with: sf project deploy start --manifest "
                "{manifest}",
                n=len(result.files),
                path=output,
                manifest=os.path.join(output, "package.xml"),
            )
            click.echo(tr(wrote), err=True)
        click.echo(tr(_("What {crm} cannot enforce or hold:", crm=c.title)), err=True)
        for n in result.notes:
            click.echo(f"  - {one_line(tr(n))}", err=True)

    @cli.command("drift")
    @click.argument("blueprint")
    @click.argument("source", required=False)
    @option(
        "--against",
        "crm",
        type=click.Choice(NAMES),
        required=True,
        help=N_("The CRM whose pipelines SOURCE holds."),
    )
    @option(
        "--format",
        "fmt",
        type=click.Choice(list(formats)),
        default=None,
        help=N_("Output format (default: github when GITHUB_ACTIONS=true, else text)."),
    )
    @option("--from-api", is_flag=True, help=N_("Read the CRM over its API (token in env)."))
    @option("--token-env", metavar="VAR", help=N_("Environment variable holding the token."))
    @option("--api-url", metavar="URL", hidden=True)
    @option("--lang", type=click.Choice(_LANG_CHOICES), default=None, help=_LANG_HELP)
    def drift_cmd(
        blueprint: str,
        source: str | None,
        crm: str,
        fmt: str | None,
        from_api: bool,
        token_env: str | None,
        api_url: str | None,
        lang: str | None,
    ) -> None:
        """Where the CRM differs from BLUEPRINT: drift BLUEPRINT --against CRM SOURCE.

        Reports stages added, removed, renamed, re-ordered, and probability or won/lost
        changed, at the blueprint's lines; against Salesforce also the lead statuses up to
        the lead conversion. Exits 0 when they agree, 1 when they differ, 2 when SOURCE
        cannot be read.
        """
        from salesblueprint.interop.drift import drift

        if fmt is None:
            fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
        c = CRMS[crm]
        if from_api and c.token_env is None:
            raise _usage(
                _early(lang, blueprint),
                _("{crm} has no live API import; give its folder", crm=c.title),
            )
        bp = load_or_exit(blueprint, fmt, lang)
        tr = translator(lang or bp.language)
        data = read_source(c, source, None, from_api, token_env, api_url, tr)
        findings = drift(bp, data, tr)
        click.echo(get_formatter(fmt)([blueprint], findings, False, tr=tr), nl=False)
        sys.exit(1 if any(f.severity == "error" for f in findings) else 0)


def _plan(
    bp: object, pipeline: str | None, against: str, output: str | None, fmt: str, tr: Translator
) -> None:
    from salesblueprint.diagnostics.safe_text import json_dumps
    from salesblueprint.interop import _pick
    from salesblueprint.interop.base import InteropError
    from salesblueprint.interop.hubspot import parse, plan, raw_stages
    from salesblueprint.interop.jsonio import read_json_file
    from salesblueprint.model.blueprint import Blueprint

    assert isinstance(bp, Blueprint)
    try:
        body = read_json_file(against)
        data = parse(body, against)
        (p,) = _pick(bp, pipeline, several=False)
        result = plan(p, data, raw_stages(body))
    except InteropError as e:
        _fail(e, tr)
    if fmt == "json":
        _write(output, json_dumps(result.to_dict(), indent=2) + "\n", tr)
    else:
        _write(output, result.text(tr), tr)
