"""The docs pages generated from the rules and the schema (docs/gen_pages.py)."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from salesblueprint.rules.registry import load_all
from salesblueprint.schema import blueprint_schema

ROOT = Path(__file__).resolve().parent.parent


def _gen_pages() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_pages", ROOT / "docs" / "gen_pages.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _pages() -> dict[str, str]:
    pages: dict[str, str] = {}
    _gen_pages().generate(pages.__setitem__)
    return pages


def test_one_page_per_rule_from_its_docs() -> None:
    pages = _pages()
    rules = load_all()
    for code, r in rules.items():
        page = pages[f"rules/{code}.md"]
        assert page.startswith(f"# {code} {r.name}\n")
        assert r.doc.strip().splitlines()[-1] in page  # the docstring, not a copy of it
        assert f"[{code}]({code}.md)" in pages["rules/index.md"]


def test_reference_covers_every_key() -> None:
    reference = _pages()["reference.md"]
    schema = blueprint_schema()
    for name, definition in {"Blueprint": schema, **schema["$defs"]}.items():
        assert f"## {name} {{#{name.lower()}}}" in reference
        for key in definition.get("properties", {}):
            assert f"| `{key}` |" in reference, f"{name}.{key}"


def test_docs_pages_link_to_existing_pages() -> None:
    generated = set(_pages())
    docs = ROOT / "docs"
    for md in docs.glob("*.md"):
        for target in re.findall(r"\]\(([a-z0-9/_.-]+\.md)(?:#[^)]*)?\)", md.read_text("utf-8")):
            assert (docs / target).exists() or target in generated, f"{md.name} → {target}"


@pytest.mark.skipif(shutil.which("mkdocs") is None, reason="mkdocs is not installed (dev extra)")
def test_mkdocs_build_strict(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "DISABLE_MKDOCS_2_WARNING": "true"},
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert (tmp_path / "site" / "rules" / "SB101" / "index.html").is_file()


def test_every_code_is_in_a_documented_band() -> None:
    from salesblueprint.diagnostics.codes import BANDS

    for code in load_all():
        assert any(first <= code <= last for first, last, _ in BANDS), code
    index = _pages()["rules/index.md"]
    assert "| SB300–SB399 |" in index
