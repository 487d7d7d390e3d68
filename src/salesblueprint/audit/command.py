"""The ``salesblueprint audit`` command (registered on the CLI group in ``cli.py``).

Exit codes: 0 the audit ran; 1 it ran and a ``--fail-on`` kind occurred (or the blueprint does
not load: its findings are shown); 2 usage error or unreadable input.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from salesblueprint.i18n import LANGUAGES, N_, Translator, _, translator
from salesblueprint.i18n.click_texts import HelpCommand, option

if TYPE_CHECKING:
    from salesblueprint.model.blueprint import Blueprint

FAIL_ON_KINDS: tuple[str, ...] = (
    "violation",
    "skip",
    "backward",
    "after_outcome",
    "unknown_stage",
    "late_entry",
    "rejected",
    "missing_value",
    "bad_timestamp",
    "required",
    "calibration",
    "rotting",
    "undeclared_reason",
    "sla_missed",
    "sla_attempts",
    "undeclared_recycle",
    "undeclared_recycle_reason",
)


def _fail_on(text: str | None, tr: Translator) -> list[str]:
    if not text:
        return []
    kinds = [k.strip() for k in text.split(",") if k.strip()]
    for k in kinds:
        if k not in FAIL_ON_KINDS:
            from salesblueprint.i18n import did_you_mean

            raise click.UsageError(
                tr.gettext(
                    "--fail-on {kind}: unknown kind{hint}; kinds: {kinds}",
                    kind=k,
                    hint=did_you_mean(k, FAIL_ON_KINDS),
                    kinds=", ".join(FAIL_ON_KINDS),
                )
            )
    return kinds


def _progress(tr: Translator) -> Callable[[int, int, str], None]:
    reading = tr.gettext("reading")

    def progress(done: int, total: int, path: str) -> None:
        width = 30
        filled = width * done // max(total, 1)
        bar = "█" * filled + "·" * (width - filled)
        end = "\n" if done >= total else ""
        name = os.path.basename(path)
        click.echo(f"\r  {reading} {bar} {done}/{total} {name[:40]:<40}", err=True, nl=False)
        if end:
            click.echo("", err=True)

    return progress


def add_commands(
    cli: click.Group, load_or_exit: Callable[[str, str, str | None], Blueprint]
) -> None:
    """Add ``audit`` to the command group. The CLI passes in how it loads a blueprint
    (printing its findings and exiting 1 when it does not load), so this layer needs nothing
    above it."""
    _LOADER.append(load_or_exit)
    cli.add_command(audit_cmd)


_LOADER: list[Callable[[str, str, str | None], Blueprint]] = []


@click.command("audit", cls=HelpCommand)
@click.argument("blueprint")
@click.argument("history", nargs=-1, required=True)
@option("--pipeline", help=N_("Pipeline id, or 'lifecycle' (default: the first pipeline)."))
@option(
    "--source",
    type=click.Choice(["generic", "hubspot", "hubspot-lifecycle", "salesforce"]),
    default="generic",
    show_default=True,
    help=N_("Shape of the history files."),
)
@option(
    "--columns",
    metavar="COL=NAME,...",
    help=N_("Rename the generic columns: deal_id=Id,stage=StageName,entered_at=CreatedDate."),
)
@option(
    "--backend",
    default="duckdb",
    show_default=True,
    help=N_(
        "Where the queries run: duckdb (embedded), pyspark (local, or the active session), "
        "or a PostgreSQL server: postgresql://user@host:5432/db, or postgresql with the URL in "
        "SALESBLUEPRINT_AUDIT_URL (HISTORY may then name tables: table:schema.name)."
    ),
)
@option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "markdown", "html"]),
    default="text",
    show_default=True,
    help=N_("Format of the report."),
)
@option("-o", "--output", "out", help=N_("Write the report to this file (default: stdout)."))
@option(
    "--fail-on",
    "fail_on",
    metavar="KIND[,KIND...]",
    help=_("Exit 1 when one of these occurred: {kinds}.", kinds=", ".join(FAIL_ON_KINDS)),
)
@option(
    "--as-of",
    "as_of",
    metavar="TIME",
    help=N_("'Now' for rotting deals (default: the latest time in the history)."),
)
@option(
    "--activities",
    multiple=True,
    metavar="FILE|GLOB",
    help=N_(
        "Calls, emails and meetings (CSV/Parquet: deal or contact id, timestamp, type) to "
        "measure the SLA's follow-up after each handoff (repeatable)."
    ),
)
@option(
    "--activity-columns",
    "activity_columns",
    metavar="COL=NAME,...",
    help=N_("Rename the activity columns: deal_id=WhoId,timestamp=ActivityDate,type=TaskSubtype."),
)
@option("--progress/--no-progress", default=None, help=N_("Progress bar (default: on a terminal)."))
@option(
    "--lang",
    type=click.Choice(LANGUAGES),
    default=None,
    help=N_("Language of the report and its messages (default: the blueprint's language:)."),
)
def audit_cmd(
    blueprint: str,
    history: tuple[str, ...],
    pipeline: str | None,
    source: str,
    columns: str | None,
    backend: str,
    fmt: str,
    out: str | None,
    fail_on: str | None,
    as_of: str | None,
    activities: tuple[str, ...],
    activity_columns: str | None,
    progress: bool | None,
    lang: str | None,
) -> None:
    """Hold the CRM's stage HISTORY (CSV/Parquet files, globs or folders; tables with a
    PostgreSQL --backend) against BLUEPRINT.

    Conformance (skips, backward moves, moves after the outcome, unknown stages, late
    entries), per-stage win rates against the declared probabilities, days in stage against
    expected_days, rotting open deals, 'required' stages measured on won deals, and lost
    reasons; with the SLA's handoff, recycles back to marketing and (with --activities) the
    follow-up of every handoff. Needs DuckDB: pip install 'salesblueprint[audit]'.

    Exits 0 when the audit ran, 1 when a --fail-on kind occurred, 2 on bad input. The
    report speaks the blueprint's language: (--lang overrides it); JSON keys and the kinds'
    ids stay as they are.
    """
    kinds = _fail_on(fail_on, translator(lang))
    bp = _LOADER[-1](blueprint, "text", lang)
    tr = translator(lang or bp.language)
    from salesblueprint.audit import AuditError, audit
    from salesblueprint.audit.formats import FORMATTERS

    if progress is None:
        progress = sys.stderr.isatty()
    try:
        result = audit(
            bp,
            list(history),
            pipeline=pipeline,
            source=source,
            columns=columns,
            backend=backend,
            as_of=as_of,
            progress=_progress(tr) if progress else None,
            activities=list(activities) or None,
            activity_columns=activity_columns,
        )
    except AuditError as e:
        from salesblueprint.diagnostics.safe_text import one_line

        # the message quotes the history's text (columns, stage names): no terminal escapes
        message = e.args[0] if e.args and isinstance(e.args[0], str) else str(e)
        click.echo(f"salesblueprint: {one_line(tr(message))}", err=True)
        sys.exit(2)
    text = FORMATTERS[fmt](result, tr)
    if out is None:
        click.echo(text, nl=False)
    else:
        try:
            with open(out, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        except OSError as e:
            reason = e.strerror or str(e)
            click.echo(
                "salesblueprint: "
                + tr.gettext("cannot write {out}: {reason}", out=out, reason=reason),
                err=True,
            )
            sys.exit(2)
    found = result.kinds_found()
    failed = [k for k in kinds if k in found]
    if failed:
        click.echo(
            "salesblueprint: " + tr.gettext("audit failed on: {kinds}", kinds=", ".join(failed)),
            err=True,
        )
        sys.exit(1)
    sys.exit(0)
