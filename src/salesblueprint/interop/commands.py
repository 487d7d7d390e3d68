"""The ``import``, ``export`` and ``drift`` commands; :func:`add_commands` adds them to the CLI.

Unreadable CRM input (malformed JSON or XML, a refused XML file, an API error) exits 2 with the
file and, where it has one, the line.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NoReturn

import click

from salesblueprint.interop.registry import CRMS, NAMES, Crm

if TYPE_CHECKING:
    from salesblueprint.diagnostics.findings import Finding
    from salesblueprint.interop.base import CrmData, InteropError
    from salesblueprint.model.blueprint import Blueprint

    Formatter = Callable[[Sequence[str], Sequence[Finding], bool], str]


def _fail(e: InteropError | str) -> NoReturn:
    from salesblueprint.diagnostics.safe_text import one_line

    # the message quotes the CRM's text (labels, ids, cursors): no terminal escapes
    click.echo(f"salesblueprint: {one_line(str(e))}", err=True)
    sys.exit(2)


def _write(out: str | None, text: str) -> None:
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
        _fail(f"cannot write {out}: {e.strerror or e}")


def _token(crm: Crm, token_env: str | None) -> str:
    name = token_env or crm.token_env or ""
    token = os.environ.get(name, "").strip()
    if not token:
        raise click.UsageError(
            f"--from-api needs a {crm.title} token in the environment variable {name} "
            f"(or name another with --token-env)"
        )
    return token


def read_source(
    crm: Crm,
    source: str | None,
    pipeline: str | None,
    from_api: bool,
    token_env: str | None,
    api_url: str | None,
) -> CrmData:
    from salesblueprint.interop.base import InteropError

    try:
        if from_api:
            if source is not None:
                raise click.UsageError("give either SOURCE or --from-api, not both")
            return crm.fetch(_token(crm, token_env), pipeline, api_url)
        if source is None:
            hint = " (or --from-api)" if crm.token_env else ""
            raise click.UsageError(f"give {crm.source_help}{hint}")
        if not os.path.exists(source):
            raise click.UsageError(f"no such file or directory: {source}")
        return crm.read(source, pipeline)
    except InteropError as e:
        _fail(e)


def _live_options(crm: Crm) -> list[click.Option]:
    if crm.token_env is None:
        return []
    return [
        click.Option(
            ["--from-api"],
            is_flag=True,
            help=f"Read the pipelines over the {crm.title} API (token in ${crm.token_env}).",
        ),
        click.Option(
            ["--token-env"],
            metavar="VAR",
            help=f"Environment variable holding the token (default {crm.token_env}).",
        ),
        click.Option(["--api-url"], metavar="URL", hidden=True, help="API base URL (tests)."),
    ]


def _import_command(crm: Crm) -> click.Command:
    def run(
        source: str | None,
        output: str | None,
        name: str | None,
        from_api: bool = False,
        token_env: str | None = None,
        api_url: str | None = None,
        **select: str | None,
    ) -> None:
        from salesblueprint.interop import import_crm
        from salesblueprint.interop.base import InteropError

        pipeline = next(iter(select.values()), None)
        data = read_source(crm, source, pipeline, from_api, token_env, api_url)
        try:
            text = import_crm(crm.name, data, name=name)
        except InteropError as e:
            _fail(e)
        _write(output, text)
        if output is not None:
            n = len(data.pipelines)
            stages = sum(len(p.stages) for p in data.pipelines)
            click.echo(
                f"Wrote {output}: {n} pipeline{'s' * (n != 1)}, {stages} CRM stages. What "
                f"could not be carried over is listed at the top. Next: salesblueprint check "
                f"{output}",
                err=True,
            )

    select_name = crm.select_option.lstrip("-")
    params: list[click.Parameter] = [
        click.Argument(["source"], required=False, metavar="SOURCE"),
        click.Option(
            [crm.select_option, select_name],
            metavar="NAME" if crm.source == "dir" else "ID",
            help="Import only this one "
            + ("business process" if crm.source == "dir" else "pipeline (id)")
            + ".",
        ),
        click.Option(["-o", "--output"], help="Write the blueprint here (default: stdout)."),
        click.Option(["--name"], help="The blueprint's name (default: from the CRM)."),
        *_live_options(crm),
    ]
    return click.Command(
        crm.name,
        callback=run,
        params=params,
        help=f"Import {crm.title} pipelines as a blueprint. SOURCE is {crm.source_help}.",
        short_help=f"Import from {crm.title}.",
    )


def add_commands(
    cli: click.Group,
    load_or_exit: Callable[[str, str], Blueprint],
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
    @click.option("--pipeline", metavar="ID", help="The blueprint pipeline to export.")
    @click.option("-o", "--output", help="Output file (a folder for salesforce; default: stdout).")
    @click.option(
        "--against",
        metavar="SOURCE",
        help="hubspot: instead of the create payload, the plan (create, relabel, reorder, "
        "update, archive) against this saved pipelines response.",
    )
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(["text", "json"]),
        default="text",
        show_default=True,
        help="Format of the --against plan.",
    )
    def export_cmd(
        crm: str,
        blueprint: str,
        pipeline: str | None,
        output: str | None,
        against: str | None,
        fmt: str,
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
        if c.export_kind == "dir" and output is None:
            raise click.UsageError("salesforce export writes a folder: give -o DIR")
        if against is not None and crm != "hubspot":
            raise click.UsageError("--against (a plan) is for hubspot; use drift for others")
        bp = load_or_exit(blueprint, "text")
        if against is not None:
            _plan(bp, pipeline, against, output, fmt)
            return
        try:
            result = export_crm(bp, crm, pipeline)
        except InteropError as e:
            _fail(e)
        if result.text is not None:
            _write(output, result.text)
        else:
            assert output is not None
            for rel, text in sorted(result.files.items()):
                _write(os.path.join(output, *rel.split("/")), text)
            click.echo(
                f"Wrote {len(result.files)} files to {output}. Deploy with: "
                f"sf project deploy start --manifest {os.path.join(output, 'package.xml')}",
                err=True,
            )
        click.echo(f"What {c.title} cannot enforce or hold:", err=True)
        for n in result.notes:
            click.echo(f"  - {one_line(n)}", err=True)

    @cli.command("drift")
    @click.argument("blueprint")
    @click.argument("source", required=False)
    @click.option(
        "--against",
        "crm",
        type=click.Choice(NAMES),
        required=True,
        help="The CRM whose pipelines SOURCE holds.",
    )
    @click.option(
        "--format",
        "fmt",
        type=click.Choice(list(formats)),
        default=None,
        help="Output format (default: github when GITHUB_ACTIONS=true, else text).",
    )
    @click.option("--from-api", is_flag=True, help="Read the CRM over its API (token in env).")
    @click.option("--token-env", metavar="VAR", help="Environment variable holding the token.")
    @click.option("--api-url", metavar="URL", hidden=True)
    def drift_cmd(
        blueprint: str,
        source: str | None,
        crm: str,
        fmt: str | None,
        from_api: bool,
        token_env: str | None,
        api_url: str | None,
    ) -> None:
        """Where the CRM differs from BLUEPRINT: drift BLUEPRINT --against CRM SOURCE.

        Reports stages added, removed, renamed, re-ordered, and probability or won/lost
        changed, at the blueprint's lines. Exits 0 when they agree, 1 when they differ,
        2 when SOURCE cannot be read.
        """
        from salesblueprint.interop.drift import drift

        if fmt is None:
            fmt = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
        c = CRMS[crm]
        if from_api and c.token_env is None:
            raise click.UsageError(f"{c.title} has no live API import; give its folder")
        bp = load_or_exit(blueprint, fmt)
        data = read_source(c, source, None, from_api, token_env, api_url)
        findings = drift(bp, data)
        click.echo(get_formatter(fmt)([blueprint], findings, False), nl=False)
        sys.exit(1 if any(f.severity == "error" for f in findings) else 0)


def _plan(bp: object, pipeline: str | None, against: str, output: str | None, fmt: str) -> None:
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
        _fail(e)
    if fmt == "json":
        _write(output, json_dumps(result.to_dict(), indent=2) + "\n")
    else:
        _write(output, result.text())
