"""The ``salesblueprint`` command line: thin, it parses arguments and calls the library.

Exit codes: 0 when no finding is an error (with ``--strict``: nor a warning), 1 when one is,
2 for usage errors and internal failures. No input file ever produces a traceback.
"""

from __future__ import annotations

import glob
import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from salesblueprint import __version__

_GLOB_CHARS = set("*?[")
_YAML_SUFFIXES = (".yaml", ".yml")


def _is_blueprint(path: str) -> bool:
    """Cheap sniff for files found in directories: a top-level ``salesblueprint:`` key."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(64 * 1024)
    except OSError:
        return True  # let the loader report why it cannot be read
    return any(line.startswith(b"salesblueprint:") for line in head.splitlines())


def collect_files(args: Sequence[str]) -> list[str]:
    """Files named, matched by a glob, or (for a directory) blueprint YAML files under it."""
    out: list[str] = []
    for arg in args:
        if os.path.isdir(arg):
            found = []
            for root, dirs, files in os.walk(arg):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    p = os.path.join(root, name)
                    if name.endswith(_YAML_SUFFIXES) and _is_blueprint(p):
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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="salesblueprint")
def cli() -> None:
    """Write your sales process as code, and check it.

    \b
    salesblueprint check blueprint.yaml     check one or more blueprint files
    salesblueprint rules                    list every rule
    salesblueprint rule SB101               explain one rule
    """


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)
@click.option("--strict", is_flag=True, help="Exit 1 on warnings too.")
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Configuration file (default: nearest .salesblueprint.yaml or pyproject.toml).",
)
@click.option(
    "--color/--no-color", default=None, help="Colour the output (default: on a terminal)."
)
def check(
    files: tuple[str, ...], fmt: str, strict: bool, config_path: str | None, color: bool | None
) -> None:
    """Check blueprint FILES (files, globs or directories)."""
    from salesblueprint.rules.config import ConfigError, find_config, read_config

    paths = collect_files(files)
    try:
        config = read_config(config_path) if config_path else find_config()
    except ConfigError as e:
        raise click.UsageError(str(e)) from None

    from salesblueprint.api import check_file
    from salesblueprint.report import get_formatter

    findings = [f for p in paths for f in check_file(p, config)]
    if color is None:
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
    click.echo(get_formatter(fmt)(paths, findings, color), nl=False, color=color)
    failing = {"error", "warning"} if strict else {"error"}
    sys.exit(1 if any(f.severity in failing for f in findings) else 0)


@cli.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def list_rules(fmt: str) -> None:
    """List every rule: code, name, group, default severity and summary."""
    from salesblueprint.rules.registry import load_all

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
                "summary": r.summary,
            }
            for r in rules
        ]
        click.echo(json.dumps(data, indent=2))
        return
    width = max(len(r.name) for r in rules)
    for r in rules:
        click.echo(f"{r.code}  {r.name:<{width}}  {r.group:<8} {r.severity:<8} {r.summary}")


@cli.command("rule")
@click.argument("key")
def show_rule(key: str) -> None:
    """Explain one rule, by code (SB101) or name (unreachable-stage)."""
    from salesblueprint.rules.registry import all_names, lookup

    r = lookup(key)
    if r is None:
        from salesblueprint.model.load import did_you_mean

        raise click.UsageError(f"no rule {key!r}{did_you_mean(key, all_names())}")
    click.echo(f"# {r.code} {r.name}\n")
    meta = f"Group: {r.group}. Default severity: {r.severity}. Preset: {r.preset}."
    if r.norm:
        meta += f" Norm: {r.norm}."
    click.echo(meta + "\n")
    click.echo(r.doc)


def main(argv: Sequence[str] | None = None) -> None:
    """Console entry point: never lets a traceback reach the user."""
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
