"""click's own texts (usage line, errors, help headings) follow ``--lang``."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import click
import pytest

from salesblueprint.cli import cli, lang_in
from salesblueprint.i18n.click_texts import NOT_SHOWN, PLURAL, SINGULAR, speaking
from separate_stderr import run_module as _run
from separate_stderr import runner


def test_missing_argument_in_dutch() -> None:
    r = _run("check", "--lang", "nl")
    assert r.returncode == 2
    lines = r.stderr.splitlines()
    assert lines[0] == "Gebruik: salesblueprint check [OPTIONS] FILES..."
    # click 8.1 names the first help option (-h), newer releases --help
    assert lines[1] in (
        "Zie 'salesblueprint check --help' voor hulp.",
        "Zie 'salesblueprint check -h' voor hulp.",
    )
    assert lines[2:] == ["", "Fout: Ontbrekend argument 'FILES...'."]
    assert "Traceback" not in r.stderr


def test_bad_option_in_dutch_even_before_lang() -> None:
    r = _run("check", "--bogus", "x.yaml", "--lang=nl")
    assert r.returncode == 2
    assert "Gebruik: salesblueprint check" in r.stderr
    assert r.stderr.rstrip().endswith("Fout: Onbekende optie '--bogus'.") or (
        # click 8.1-8.3 word it "No such option: --bogus"
        r.stderr.rstrip().endswith("Fout: Onbekende optie: --bogus")
    )


def test_bad_choice_and_unknown_command_in_dutch() -> None:
    r = _run("check", "x.yaml", "--format", "xml", "--lang", "nl")
    assert r.returncode == 2
    assert "Fout: Ongeldige waarde voor '--format': 'xml' is niet een van" in r.stderr
    r = _run("audit", "--lang", "nl")
    assert "Fout: Ontbrekend argument" in r.stderr


def test_help_in_dutch() -> None:
    r = _run("check", "--help", "--lang", "nl")
    assert r.returncode == 0
    assert r.stdout.startswith("Gebruik: salesblueprint check")
    assert "\nOpties:\n" in r.stdout
    assert "Toon deze hulp en stop." in r.stdout
    assert "Show this message" not in r.stdout


def test_english_unchanged() -> None:
    r = _run("check", "--lang", "en")
    lines = r.stderr.splitlines()
    assert lines[0] == "Usage: salesblueprint check [OPTIONS] FILES..."
    assert lines[1].startswith("Try 'salesblueprint check -")
    assert lines[2:] == ["", "Error: Missing argument 'FILES...'."]
    r = _run("check")
    assert "Error: Missing argument 'FILES...'." in r.stderr
    assert "Options:" in _run("check", "--help").stdout


def test_no_dutch_left_behind_in_one_process() -> None:
    """A Dutch run puts click's own gettext back, and its Dutch --help option is not kept."""
    import gettext

    nl = runner().invoke(cli, ["check", "--help", "--lang", "nl"])
    assert "Toon deze hulp en stop." in nl.output
    en = runner().invoke(cli, ["check", "--help"])
    assert "Show this message and exit." in en.output
    assert "Toon deze" not in en.output
    assert click.core._ is gettext.gettext  # type: ignore[attr-defined]


def test_lang_in() -> None:
    assert lang_in(["check", "--lang", "nl", "f"]) == "nl"
    assert lang_in(["check", "--lang=nl"]) == "nl"
    assert lang_in(["check", "--lang", "nl", "--lang", "en"]) == "en"
    assert lang_in(["check", "--", "--lang", "nl"]) is None
    assert lang_in(["check", "--lang"]) is None


def test_speaking_an_unknown_language_changes_nothing() -> None:
    import gettext

    with speaking("xx"):
        assert click.core._ is gettext.gettext  # type: ignore[attr-defined]
    with speaking("nl"):
        assert click.core._("Usage:") == "Gebruik:"  # type: ignore[attr-defined]
    assert click.core._ is gettext.gettext  # type: ignore[attr-defined]


def _click_texts() -> set[str]:
    """The texts the installed click marks for translation (singular ids)."""
    out: set[str] = set()
    for path in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("_", "ngettext")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                out.add(node.args[0].value)
    return out


def test_every_click_text_is_listed() -> None:
    """A text of the installed click is translated (click_texts.py) or known not to be shown."""
    found = _click_texts()
    assert "Show this message and exit." in found  # the scan works on this click
    listed = set(SINGULAR) | {s for s, _p in PLURAL} | NOT_SHOWN
    assert not found - listed, (
        "click has texts salesblueprint does not know: add them to i18n/click_texts.py "
        f"(and translate them, docs/i18n.md): {sorted(found - listed)}"
    )


@pytest.mark.parametrize("text", [*SINGULAR, *(s for s, _p in PLURAL)])
def test_click_texts_are_translated(text: str) -> None:
    with speaking("nl"):
        assert click.core._(text) != text or text == "{text} {deprecated_message}"  # type: ignore[attr-defined]


def _run_env(env_lang: str | None, *args: str) -> subprocess.CompletedProcess[str]:
    import os

    env = {k: v for k, v in os.environ.items() if k != "SALESBLUEPRINT_LANG"}
    if env_lang is not None:
        env["SALESBLUEPRINT_LANG"] = env_lang
    return subprocess.run(
        [sys.executable, "-m", "salesblueprint", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        env=env,
    )


EXAMPLE = str(Path(__file__).resolve().parents[1] / "examples" / "hubspot-default.blueprint.yaml")
NL_EXAMPLE = str(Path(__file__).resolve().parents[1] / "examples" / "nl-inbound.blueprint.yaml")


def test_top_level_lang_reaches_the_command_and_click() -> None:
    r = _run_env(None, "--lang", "nl", "check", EXAMPLE)
    assert "is niet kopersgericht" in r.stdout
    assert "is not buyer-centric" not in r.stdout
    # a usage error raised by the command's parsing, before it runs
    r = _run_env(None, "--lang", "nl", "check")
    assert r.returncode == 2
    assert r.stderr.splitlines()[0] == "Gebruik: salesblueprint check [OPTIONS] FILES..."
    assert "Fout: Ontbrekend argument 'FILES...'." in r.stderr
    # ... and by the group's, before any command is chosen
    r = _run_env(None, "--lang", "nl", "--bogus")
    assert r.returncode == 2
    assert "Gebruik: salesblueprint [OPTIONS] COMMAND [ARGS]..." in r.stderr
    r = _run_env(None, "--lang", "nl", "rules")
    assert "Het bestand is geen geldige YAML." in r.stdout


def test_lang_precedence() -> None:
    # the command's own --lang wins over the top-level one, which wins over the variable
    r = _run_env("nl", "--lang", "nl", "check", EXAMPLE, "--lang", "en")
    assert "is not buyer-centric" in r.stdout
    r = _run_env("nl", "--lang", "en", "check", EXAMPLE)
    assert "is not buyer-centric" in r.stdout
    # the variable wins over the blueprint's language:
    assert _run_env("en", "check", NL_EXAMPLE).stdout.startswith("All good: 1 file checked")
    assert _run_env(None, "check", NL_EXAMPLE).stdout.startswith("Alles in orde: 1 bestand")
    r = _run_env("nl", "check", EXAMPLE)
    assert "is niet kopersgericht" in r.stdout
    # an empty variable is no choice
    r = _run_env("", "check", EXAMPLE)
    assert "is not buyer-centric" in r.stdout


def test_env_lang_switches_click_texts() -> None:
    r = _run_env("nl", "check")
    assert r.returncode == 2
    assert "Fout: Ontbrekend argument 'FILES...'." in r.stderr
    r = _run_env("nl", "--bogus")
    assert "Gebruik: salesblueprint [OPTIONS] COMMAND [ARGS]..." in r.stderr
    r = _run_env("nl", "check", "--help")
    assert "Toon deze hulp en stop." in r.stdout


@pytest.mark.parametrize(
    ("env_lang", "args", "expected"),
    [
        ("fr", ["check", EXAMPLE], "Invalid value for SALESBLUEPRINT_LANG: 'fr' is not one of"),
        (None, ["--lang", "fr", "check", EXAMPLE], "Invalid value for '--lang': 'fr' is not one"),
    ],
)
def test_invalid_language_is_a_usage_error(
    env_lang: str | None, args: list[str], expected: str
) -> None:
    r = _run_env(env_lang, *args)
    assert r.returncode == 2
    assert expected in r.stderr
    assert "'en'" in r.stderr and "'nl'" in r.stderr
    assert "Traceback" not in r.stderr
    assert r.stdout == ""


def test_top_level_lang_in_process() -> None:
    nl = runner().invoke(cli, ["--lang", "nl", "rule", "SB101"])
    assert nl.exit_code == 0
    en = runner().invoke(cli, ["--lang", "nl", "rule", "SB101", "--lang", "en"])
    assert en.exit_code == 0 and en.output != nl.output
    assert runner().invoke(cli, ["rule", "SB101"]).output == en.output


def _commands(group: click.Group = cli, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command line that has a --help: the group, its commands, their subcommands."""
    out = [path]
    for name, cmd in sorted(group.commands.items()):
        if isinstance(cmd, click.Group):
            out += _commands(cmd, (*path, name))
        else:
            out.append((*path, name))
    return out


def _command(path: tuple[str, ...]) -> click.Command:
    cmd: click.Command = cli
    for name in path:
        assert isinstance(cmd, click.Group)
        sub = cmd.commands[name]
        cmd = sub
    return cmd


def _english_help(cmd: click.Command) -> list[str]:
    """The command's own help texts in English, as ``--help`` shows them: its docs and each
    shown option's help (read outside a command: English)."""
    texts = [cmd.help or ""]
    if isinstance(cmd, click.Group):
        texts += [c.get_short_help_str(200) for c in cmd.commands.values()]
    texts += [
        p.help or ""
        for p in cmd.params
        if isinstance(p, click.Option) and not p.hidden and p.name != "help"
    ]
    return [t for t in texts if t]


_EN = {
    *("a", "an", "and", "are", "as", "at", "be", "by", "each", "every", "for", "from", "it"),
    *("its", "not", "of", "on", "or", "the", "to", "when", "with"),
}


def _sentences(text: str) -> list[str]:
    """Runs of four words of ``text`` (as --help rewraps them: whitespace folded) that hold an
    English word: prose, not the names, paths and commands the two languages share."""
    words = text.split()
    runs = [" ".join(words[i : i + 4]) for i in range(max(len(words) - 3, 1))]
    return [r for r in runs if _EN & {w.strip(".,;:()'").lower() for w in r.split()}]


@pytest.mark.parametrize("path", _commands(), ids=lambda p: " ".join(p) or "salesblueprint")
def test_help_of_every_command_is_dutch(path: tuple[str, ...]) -> None:
    """``--lang nl CMD --help``: the command's docs and every option's help in Dutch."""
    english = _english_help(_command(path))
    assert english, f"{path} has no help to check"
    r = runner().invoke(cli, ["--lang", "nl", *path, "--help"])
    assert r.exit_code == 0, r.output
    assert "Opties:" in r.output and "Toon deze hulp en stop." in r.output
    shown = " ".join(r.output.split())
    for text in english:
        left = [s for s in _sentences(text) if s in shown]
        assert not left, f"English help left in `{' '.join(path)} --help`: {text!r}"
    # the English --help is untouched by the Dutch run before it
    en = runner().invoke(cli, [*path, "--help"])
    assert " ".join(_sentences(english[0])[0].split()) in " ".join(en.output.split())


def test_help_check_fails_on_an_untranslated_option() -> None:
    """The check above catches an option whose help is not read in the output's language."""
    cmd = click.Command(
        "probe",
        params=[click.Option(["--probe"], help="Language of the output (default: English).")],
    )
    cli.add_command(cmd)
    try:
        r = runner().invoke(cli, ["--lang", "nl", "probe", "--help"])
        shown = " ".join(r.output.split())
        assert any(s in shown for t in _english_help(cmd) for s in _sentences(t))
    finally:
        del cli._commands["probe"]  # type: ignore[attr-defined]


def test_help_in_dutch_from_the_environment() -> None:
    r = _run_env("nl", "audit", "--help")
    assert r.returncode == 0
    shown = " ".join(r.stdout.split())
    assert "Leg de fasegeschiedenis HISTORY uit het CRM" in shown
    assert "Afsluiten met 1 als een van deze is voorgekomen" in shown
    assert "Exit 1 when" not in shown
    r = _run_env(None, "--lang", "nl", "render", "--help")
    assert "Wat er getekend wordt: blueprint (alles op één slide)" in " ".join(r.stdout.split())
    assert "Hold the CRM" in _run_env(None, "audit", "--help").stdout
