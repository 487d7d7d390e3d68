from __future__ import annotations

import pytest

from salesblueprint.diagrams.layout import NoGraphvizError, find_program


def _has(fmt: str) -> bool:
    try:
        find_program(fmt)
    except NoGraphvizError:
        return False
    return True


@pytest.fixture
def need_graphviz() -> None:
    if not _has("svg"):
        pytest.skip(
            "no Graphviz layout program (pip install graphviz-pure, or set SALESBLUEPRINT_DOT)"
        )


@pytest.fixture
def need_pdf() -> None:
    if not _has("pdf"):
        pytest.skip("PDF needs Graphviz's own dot (apt-get install graphviz); none found")
