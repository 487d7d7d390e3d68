"""Babel extraction for salesblueprint: the marked messages, plus the summary (first line of
the docs) of every rule, so that ``salesblueprint rules`` and ``rule`` can show it translated;
the docstring of every command (a function decorated with ``.command(...)`` or ``.group(...)``
without a ``help=``), its ``--help`` text; and the ``description:`` of every English starter
template, its line in ``init --help``.

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


_COMMAND_DECORATORS = ("command", "group")


def _command_docs(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """The docstrings click shows as the help of a command (``inspect.cleandoc``-ed, as
    ``click_texts.help_text`` looks them up)."""
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef):
            continue
        for d in node.decorator_list:
            if not isinstance(d, ast.Call):
                continue
            name = d.func.attr if isinstance(d.func, ast.Attribute) else getattr(d.func, "id", "")
            has_help = any(kw.arg in ("help", "lazy_help") for kw in d.keywords)
            doc = ast.get_docstring(node, clean=True)
            if name in _COMMAND_DECORATORS and not has_help and doc:
                yield node.lineno, doc


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
    for line, text in _command_docs(tree):
        yield line, "", text, ["the --help of a command"]


def extract_template(
    fileobj: IO[bytes],
    keywords: Mapping[str, Any],
    comment_tags: Collection[str],
    options: Mapping[str, Any],
) -> Iterator[tuple[Any, ...]]:
    """The ``description:`` of a starter template in English (its line in ``init --help``)."""
    import re

    text = fileobj.read().decode("utf-8")
    found = dict(re.findall(r"^(description|language):[ \t]*(.*?)[ \t]*$", text, re.MULTILINE))
    description = found.get("description", "").strip("'\"")
    if description and found.get("language", "en").strip("'\"") == "en":
        line = text[: text.index("description:")].count("\n") + 1
        yield line, "", description, ["a starter template (salesblueprint init --help)"]
