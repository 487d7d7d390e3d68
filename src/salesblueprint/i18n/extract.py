"""Babel extraction for salesblueprint: the marked messages, plus the summary (first line of
the docs) of every rule, so that ``salesblueprint rules`` and ``rule`` can show it translated.

Used by ``pybabel extract -F babel.cfg`` (see docs/i18n.md); never imported at run time.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any


def summary(doc: str) -> str:
    """The first line of a rule's docs (as ``Code.summary``)."""
    doc = inspect.cleandoc(doc).strip()
    return doc.splitlines()[0].strip() if doc else ""


def _rule_docs(tree: ast.Module) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and any(
            isinstance(d, ast.Call) and getattr(d.func, "id", "") == "rule"
            for d in node.decorator_list
        ):
            doc = ast.get_docstring(node)
            if doc:
                yield node.lineno, summary(doc)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") == "declare":
            for kw in node.keywords:
                if kw.arg == "doc" and isinstance(kw.value, ast.Constant):
                    yield node.lineno, summary(str(kw.value.value))


def extract(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[Any, ...]]:
    """Babel's Python extraction, then the rule summaries of the file."""
    from babel.messages import extract as babel_extract

    python: Any = babel_extract.extract_python
    yield from python(fileobj, keywords, comment_tags, options)
    fileobj.seek(0)
    tree = ast.parse(fileobj.read())
    for line, text in _rule_docs(tree):
        if text:
            yield line, "", text, ["the summary of a rule (salesblueprint rules)"]
