"""The layers: every import points down, and no rule imports another rule.

Walks the source of every module with :mod:`ast` (imports inside functions and under
``TYPE_CHECKING`` included) and fails when a module imports a layer above its own. The order,
bottom to top, is the one in CONTRIBUTING.md; a new package must be placed here.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).parent.parent / "src"
PKG = SRC / "salesblueprint"

# bottom to top; a module may import its own layer and the layers below it
LAYERS: tuple[tuple[str, ...], ...] = (
    ("diagnostics",),
    ("norms_vocab", "i18n"),
    ("loading",),
    ("model", "schema"),
    ("rules",),
    ("diff", "funnel_maths", "audit"),
    ("interop",),
    ("diagrams", "templates"),
    ("report",),
    ("api",),
    ("cli", "__main__"),
)
RANK = {name: i for i, names in enumerate(LAYERS) for name in names}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path, module: str | None = None) -> list[tuple[int, str]]:
    """Every ``salesblueprint...`` module imported by the file, with its line."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    is_pkg = path.name == "__init__.py"
    here = (module or _module_name(path)).split(".")
    out: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = here if is_pkg else here[:-1]
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            # ``from salesblueprint.x import y`` may import the module ``x.y``
            out.append((node.lineno, mod))
            out += [(node.lineno, f"{mod}.{a.name}") for a in node.names]
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            out.append((node.lineno, node.args[0].value))
    return [(n, m) for n, m in out if m.startswith("salesblueprint.")]


def _layer(module: str) -> int | None:
    parts = module.split(".")
    return RANK.get(parts[1]) if len(parts) > 1 else None


def _is_rule_module(module: str) -> bool:
    """``salesblueprint.rules.<group>.<rule>``: a module that registers one rule."""
    parts = module.split(".")
    return (
        len(parts) == 4
        and parts[1] == "rules"
        and parts[2] != "analysis"
        and not parts[3].startswith("_")
        and (PKG / "rules" / parts[2]).is_dir()
        and (PKG / "rules" / parts[2] / f"{parts[3]}.py").is_file()
    )


FILES = sorted(PKG.rglob("*.py"))


def test_every_package_has_a_layer() -> None:
    tops = {p.relative_to(PKG).parts[0].removesuffix(".py") for p in FILES} - {"__init__"}
    assert tops <= set(RANK), f"place these in LAYERS: {sorted(tops - set(RANK))}"


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(SRC)))
def test_imports_point_down(path: Path) -> None:
    me = _module_name(path)
    mine = _layer(me)
    if mine is None:  # salesblueprint/__init__.py: the public API, on top
        return
    wrong = []
    for line, target in _imports(path):
        theirs = _layer(target)
        if theirs is not None and theirs > mine:
            wrong.append(f"{path.name}:{line} imports {target} ({LAYERS[theirs][0]} layer)")
        if _is_rule_module(me) and _is_rule_module(target) and target != me:
            wrong.append(
                f"{path.name}:{line} imports the rule {target}: move what both need to "
                "rules/analysis/ and reach it through Context"
            )
    assert not wrong, f"{me} is in the {LAYERS[mine][0]} layer:\n" + "\n".join(wrong)


def test_the_walker_sees_lazy_and_relative_imports(tmp_path: Path) -> None:
    """The checker itself: imports inside functions, relative ones and import_module count."""
    probe = tmp_path / "probe.py"
    probe.write_text(
        "import typing\n"
        "if typing.TYPE_CHECKING:\n"
        "    from salesblueprint.api import check\n"
        "def f():\n"
        "    from ..rules import registry\n"
        "    import importlib\n"
        "    importlib.import_module('salesblueprint.report.text')\n",
        encoding="utf-8",
    )
    found = {m for _, m in _imports(probe, "salesblueprint.diagnostics.probe")}
    assert {"salesblueprint.api", "salesblueprint.rules.registry"} <= found
    assert "salesblueprint.report.text" in found
    assert _layer("salesblueprint.rules.registry") == RANK["rules"] > RANK["diagnostics"]
    assert _is_rule_module("salesblueprint.rules.sla.no_recycle_to_marketing")
    assert not _is_rule_module("salesblueprint.rules.analysis.sides")
    assert not _is_rule_module("salesblueprint.rules.norms._language")


def test_rule_groups_are_the_packages_under_rules() -> None:
    from salesblueprint.rules.catalog import group_packages
    from salesblueprint.rules.registry import load_all

    groups = group_packages()
    assert "analysis" not in groups and {"graph", "norms", "sla", "tools"} <= set(groups)
    checked = {r.group for r in load_all().values() if r.check is not None}
    assert checked == set(groups), "a rule's group= must name its package under rules/"
