"""Measured quality of the norm checks on the labelled corpus (``corpus.yaml``).

Runs ``benchmarks/norms_quality.py`` (the same table the script prints) and asserts the targets:
accuracy ≥ 0.90 per norm per language, at most 5% of the good criteria flagged by any norm.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).parent / "corpus.yaml"


def _quality() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "norms_quality", ROOT / "benchmarks" / "norms_quality.py"
    )
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["norms_quality"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def quality() -> ModuleType:
    return _quality()


def test_corpus_is_big_and_varied() -> None:
    doc = yaml.safe_load(CORPUS.read_text(encoding="utf-8"))
    crits = doc["criteria"]
    assert len(crits) >= 150
    for lang in ("en", "nl"):
        mine = [c for c in crits if c["lang"] == lang]
        assert len(mine) >= 75
        for norm in ("factual", "inspectable", "buyer-centric"):
            assert sum(norm in c["bad"] for c in mine) >= 10, (lang, norm)
        assert sum(not c["bad"] for c in mine) >= 40, lang
    assert all(set(c["bad"]) <= {"factual", "inspectable", "buyer-centric"} for c in crits)


def test_quality_targets(quality: ModuleType, capsys: pytest.CaptureFixture[str]) -> None:
    result = quality.evaluate(CORPUS)
    with capsys.disabled():
        print("\n" + quality.table(result))
    for (norm, lang), score in result.scores.items():
        assert score.n > 0, (norm, lang)
        assert score.accuracy >= 0.90, (norm, lang, score.misses)
    for lang, (flagged, total) in result.good.items():
        assert total > 0
        assert flagged / total <= 0.05, (lang, [m for m in result.misses if "good" in m])


def test_holdout_subset_runs(quality: ModuleType) -> None:
    result = quality.evaluate(CORPUS, "holdout")
    assert result.scores[("factual", "en")].n >= 40
    assert result.scores[("factual", "nl")].n >= 40
