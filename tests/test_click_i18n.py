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
