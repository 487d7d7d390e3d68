"""Every extension point has one registry, and the CLI's choices, help and the docs follow it.

A new view, diagram format, output format, template or CRM is one module (or file) plus its
test: nothing here may need a second list to be edited.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest

from salesblueprint.cli import cli
from salesblueprint.diagrams import VIEWS, ViewError, renderers, views
from salesblueprint.interop.registry import CRMS
from salesblueprint.report import DIFF_FORMATTERS, FORMATTERS, FUNNEL_FORMATTERS
from salesblueprint.templates import TEMPLATES, template_names

ROOT = Path(__file__).resolve().parent.parent


def _command(*path: str) -> click.Command:
    cmd: click.Command = cli
    for name in path:
        assert isinstance(cmd, click.Group)
        found = cmd.commands.get(name)
        assert found is not None, path
        cmd = found
    return cmd


def _option(cmd: click.Command, name: str) -> click.Parameter:
    return next(p for p in cmd.params if p.name == name)


def _choices(cmd: click.Command, name: str) -> list[str]:
    t = _option(cmd, name).type
    assert isinstance(t, click.Choice)
    return [str(c) for c in t.choices]


@pytest.mark.parametrize(
    ("command", "registry"),
    [("check", FORMATTERS), ("diff", DIFF_FORMATTERS), ("funnel", FUNNEL_FORMATTERS)],
)
def test_output_format_choices_are_the_registry(command: str, registry: object) -> None:
    assert _choices(_command(command), "fmt") == list(registry)  # type: ignore[call-overload]


def test_render_format_choices_are_the_renderers() -> None:
    render = _command("render")
    assert _choices(render, "fmt") == list(renderers.load_all())
    help_text = _option(render, "fmt").help or ""
    for r in renderers.load_all().values():
        assert r.description, f"renderer {r.name} has no description"
        assert f"{r.name} ({r.description})" in help_text


def test_render_view_metavar_and_help_are_the_views() -> None:
    option = _option(_command("render"), "view")
    registered = views.load_all()
    assert list(VIEWS) == list(registered)
    assert option.metavar == views.metavar()
    assert set(re.findall(r"[a-z_]+", option.metavar or "")) - {"ID"} >= set(registered)
    for v in registered.values():
        assert v.help, f"view {v.name} has no help"
        assert f"({v.help})" in (option.help or "")


def test_an_unknown_view_names_every_view() -> None:
    with pytest.raises(ViewError) as e:
        views.parse("nope")
    for v in views.load_all().values():
        for spelling in v.spellings:
            assert spelling in str(e.value)
    with pytest.raises(ViewError, match="unknown view 'tools:x'"):
        views.parse("tools:x")  # tools takes no argument


def _documented(section: str) -> dict[str, str]:
    """The first backticked word of each row of the table under ``## section`` of
    docs/diagrams.md, and the row."""
    page = (ROOT / "docs" / "diagrams.md").read_text(encoding="utf-8")
    text = page.split(f"## {section}\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in text.splitlines() if line.startswith("| `")]
    return {re.findall(r"`([a-z_]+)", row)[0]: row for row in rows}


def test_docs_list_every_view_and_format() -> None:
    """docs/diagrams.md has one row per registered view and per format, no more."""
    assert set(_documented("Views")) == set(views.load_all())
    formats = _documented("Formats")
    assert set(formats) == set(renderers.load_all())
    for name, r in renderers.load_all().items():
        assert ("`bytes`" in formats[name]) == r.binary, name


@pytest.fixture
def extra_view() -> Iterator[str]:
    """A view registered the way a new module registers one."""
    from salesblueprint.diagrams.extract import Builder

    @views.view("only_tools", help="the tool cards, nothing else")
    def build(b: Builder, argument: str) -> str | None:
        from salesblueprint.diagrams.extract import _add_tools

        _add_tools(b)
        return "tool cards"

    yield "only_tools"
    views._REGISTRY.pop("only_tools")


def test_a_new_view_is_one_registration(extra_view: str) -> None:
    import salesblueprint as sb

    bp = sb.load(ROOT / "src" / "salesblueprint" / "templates" / "hubspot.blueprint.yaml")
    dot = sb.render(bp, view=extra_view, format="dot")
    assert isinstance(dot, str) and "tool cards" in dot
    assert "only_tools" in views.choices_text() and "only_tools" in views.metavar()


def test_a_view_registered_twice_is_refused() -> None:
    registered = views.load_all()["tools"]
    with pytest.raises(ValueError, match="registered twice"):
        views.view("tools", help="again")(lambda b, a: None)
    assert views.load_all()["tools"] is registered


def test_init_template_choices_are_the_template_files() -> None:
    files = sorted(
        p.name.removesuffix(".blueprint.yaml")
        for p in (ROOT / "src" / "salesblueprint" / "templates").glob("*.blueprint.yaml")
    )
    init = _command("init")
    assert _choices(init, "template") == files == template_names()
    for name, line in TEMPLATES.items():
        assert line, f"template {name} has no description:"
        assert name in (init.help or "")


def test_crm_choices_are_the_crm_registry() -> None:
    names = list(CRMS)
    assert sorted(_command("import").commands) == sorted(names)  # type: ignore[attr-defined]
    assert _choices(_command("export"), "crm") == names
    assert _choices(_command("drift"), "crm") == names
