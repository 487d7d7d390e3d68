"""The blind relabelling of the norm corpus (benchmarks/norms_agreement.py, issue 11)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCH))
import norms_agreement as na  # noqa: E402


def test_every_relabelled_item_is_an_item_of_the_tuning_pool() -> None:
    items = na.pairs()
    assert len(items) == 300
    assert {(p.kind, p.lang) for p in items} == {
        ("criterion", "en"),
        ("criterion", "nl"),
        ("stage", "en"),
        ("stage", "nl"),
    }
    assert all(p.second in ("ok", "bc", "amb") for p in items if p.kind == "stage")


def test_kappa_corrects_for_chance() -> None:
    same = [na.Pair("criterion", "en", "bc", "bc"), na.Pair("criterion", "en", "ok", "ok")]
    assert na.agreement(same, "criterion", "en", "bc") == na.Agreement(2, 2, 1.0)
    # agreeing only by chance: half the time each says bc, independently
    mixed = [
        na.Pair("criterion", "en", a, b)
        for a, b in (("bc", "bc"), ("bc", "ok"), ("ok", "bc"), ("ok", "ok"))
    ]
    got = na.agreement(mixed, "criterion", "en", "bc")
    assert (got.n, got.agree, got.kappa) == (4, 2, 0.0)
    # amb on either side leaves the item out; fact is its own norm
    left_out = [
        na.Pair("criterion", "en", "amb", "bc"),
        na.Pair("criterion", "en", "bc+fact", "fact"),
    ]
    assert na.agreement(left_out, "criterion", "en", "fact") == na.Agreement(1, 1, 1.0)
    assert na.agreement(left_out, "criterion", "en", "bc").agree == 0


def test_an_item_not_in_its_file_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "relabel.yaml"
    bad.write_text(
        "items:\n  - {file: corpus.yaml, kind: criterion, lang: en, text: not there,"
        " url: 'https://example.org', label: ok}\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="no item"):
        na.pairs(bad)


def test_the_script_prints_the_table(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert na.main([]) == 0
    out = capsys.readouterr().out
    assert "buyer-centric names" in out and "kappa" in out and "same label:" in out
    assert na.main([str(tmp_path / "missing.yaml")]) == 2


def test_agreed_keeps_the_items_both_annotators_labelled_the_same(tmp_path: Path) -> None:
    import norms_benchmark as nb

    corpus = tmp_path / "c.yaml"
    corpus.write_text(
        "sources:\n  - url: https://example.org/a\n    items:\n"
        "      - [criterion, en, ok, Buyer signed the order form]\n"
        "      - [criterion, en, bc, We sent the proposal]\n"
        "      - [stage, en, amb, Budget confirmed]\n",
        encoding="utf-8",
    )
    relabel = tmp_path / "r.yaml"
    rows = [
        ("criterion", "Buyer signed the order form", "ok"),
        ("criterion", "We sent the proposal", "bc+fact"),
        ("stage", "Budget confirmed", "amb"),
    ]
    relabel.write_text(
        "items:\n"
        + "".join(
            f"  - {{kind: {k}, lang: en, text: {t}, url: 'https://example.org/a', label: {lab}}}\n"
            for k, t, lab in rows
        ),
        encoding="utf-8",
    )
    kept = nb.agreed(nb.load(corpus), relabel)
    assert [i.text for i in kept] == ["Buyer signed the order form", "Budget confirmed"]
    assert nb.main(["--corpus", str(corpus), "--agreed", str(relabel)]) == 0
    assert nb.main(["--corpus", str(corpus), "--agreed", str(tmp_path / "none.yaml")]) == 2
    relabel.write_text("items: []\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="no second label"):
        nb.agreed(nb.load(corpus), relabel)
