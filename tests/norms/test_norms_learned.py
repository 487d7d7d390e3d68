"""benchmarks/norms_learned.py: the data handling of the learned-layer experiment.

Skipped when scikit-learn (the ``[bench]`` extra) is missing, unless
``SALESBLUEPRINT_TEST_BENCH_REQUIRED=1`` (CI installs the extra and sets it).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCH))

if os.environ.get("SALESBLUEPRINT_TEST_BENCH_REQUIRED") != "1":
    pytest.importorskip("sklearn", reason="scikit-learn (extra [bench]) is not installed")

import norms_benchmark as nb  # noqa: E402
import norms_learned as nl  # noqa: E402


def _corpus(
    tmp: Path, name: str, sources: list[tuple[str, list[list[str]]]], held_out: bool = False
) -> Path:
    path = tmp / name
    doc: dict[str, Any] = {"sources": [{"url": u, "items": items} for u, items in sources]}
    if held_out:
        doc["held_out"] = True
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def _row(file: str, kind: str, lang: str, label: str, text: str, rules: set[str] | None = None):
    item = nb.Item(kind, lang, label, text, f"https://example.org/{file}")
    return nl.Row(file, item, frozenset(rules or ()))


def test_the_held_out_set_is_refused_before_it_is_read(tmp_path: Path) -> None:
    # the file does not even exist here: refused by name, never opened
    with pytest.raises(ValueError, match=r"fresh2\.yaml"):
        nl.corpus_paths(["corpus.yaml", "fresh2.yaml"], tmp_path)
    assert nl.corpus_paths(["a.yaml"], tmp_path) == [tmp_path / "a.yaml"]
    assert nl.main(["--file", "fresh2.yaml"]) == 2
    assert "fresh2.yaml" not in nl.FILES
    for _, held, train in nl.ROUNDS:
        assert nl.FORBIDDEN not in (held, *train)


def test_rounds_train_only_on_files_scored_before() -> None:
    order = {f: k for k, f in enumerate(nl.FILES)}
    for commit, held, train in nl.ROUNDS:
        assert re.fullmatch(r"[0-9a-f]{40}", commit)
        assert train and all(order[f] < order[held] for f in train)
    assert {held for _, held, _ in nl.ROUNDS} == set(nl.FILES) - {"corpus.yaml"}
    assert {held for c, held, _ in nl.ROUNDS if c == nl.ROUNDS[-1][0]} >= nl.FIRST_RUN


def test_rows_leave_out_ambiguous_items_and_keep_file_and_label(tmp_path: Path) -> None:
    path = _corpus(
        tmp_path,
        "a.yaml",
        [
            (
                "https://a.example/1",
                [
                    ["criterion", "en", "bc", "Proposal sent"],
                    ["criterion", "en", "amb", "Budget confirmed"],
                    ["stage", "nl", "ok", "Offerte getekend"],
                ],
            )
        ],
    )
    rows = nl.load_rows([path], with_rules=False)
    assert [(r.file, r.item.text, r.item.label) for r in rows] == [
        ("a.yaml", "Proposal sent", "bc"),
        ("a.yaml", "Offerte getekend", "ok"),
    ]
    assert all(r.rules == frozenset() and r.analysis == {} for r in rows)


def test_rows_carry_the_rules_verdicts_and_analysis(tmp_path: Path) -> None:
    path = _corpus(
        tmp_path,
        "b.yaml",
        [
            (
                "https://b.example/1",
                [
                    ["criterion", "en", "bc", "Proposal sent"],
                    ["criterion", "en", "fact", "Buyer seems interested"],
                    ["criterion", "en", "ok", "Buyer signed the order form"],
                    ["stage", "en", "bc", "Demo"],
                ],
            )
        ],
    )
    sent, seems, signed, demo = nl.load_rows([path])
    assert sent.rules == {"buyer-centric"} and sent.rule_flag("buyer-centric criteria")
    assert sent.analysis["rule:buyer-centric"] == 1.0
    assert any(k.startswith("actor:seller:") for k in sent.analysis)
    assert seems.rules == {"factual"} and seems.rule_flag("factual")
    assert any(k.startswith("factual:") for k in seems.analysis)
    assert signed.rules == frozenset() and "rule:none" in signed.analysis
    assert demo.rules == {"buyer-centric"} and demo.rule_flag("buyer-centric names")
    assert any(k.startswith("name:") and k != "name:none" for k in demo.analysis)
    # the rules' figure is the one norms_benchmark.py gives for the same items
    result = nb.evaluate(nb.load(path))
    assert result.scores[("buyer-centric criteria", "en")].tp == 1
    assert result.scores[("factual", "en")].tp == 1


def test_targets_follow_the_label() -> None:
    both = _row("f", "criterion", "en", "bc+fact", "We think they will sign")
    assert both.target("buyer-centric criteria") and both.target("factual")
    ok = _row("f", "criterion", "en", "ok", "Buyer signed")
    assert not ok.target("buyer-centric criteria") and not ok.target("factual")
    name = _row("f", "stage", "en", "bc", "Demo")
    assert name.target("buyer-centric names")


def test_split_holds_out_one_file_and_drops_its_duplicates_from_training() -> None:
    rows = [
        _row("a.yaml", "criterion", "en", "bc", "Proposal  Sent"),
        _row("a.yaml", "criterion", "nl", "bc", "Proposal sent"),  # other language: kept
        _row("a.yaml", "stage", "en", "bc", "Demo"),  # other kind: not in this task
        _row("a.yaml", "criterion", "en", "ok", "Buyer signed"),
        _row("b.yaml", "criterion", "en", "bc", "proposal sent"),
        _row("b.yaml", "criterion", "en", "ok", "Order placed"),
    ]
    train, test, dropped = nl.split(rows, "b.yaml", "buyer-centric criteria")
    assert [r.item.text for r in test] == ["proposal sent", "Order placed"]
    assert [(r.item.lang, r.item.text) for r in train] == [
        ("nl", "Proposal sent"),
        ("en", "Buyer signed"),
    ]
    assert dropped == 1
    train, test, dropped = nl.split(rows, "a.yaml", "buyer-centric names")
    assert [r.item.text for r in test] == ["Demo"] and train == [] and dropped == 0


def test_text_features_are_lemmas_bigrams_and_character_ngrams() -> None:
    f = nl.text_features("en", "Proposals sent")
    assert f["lang=en"] == 1.0
    assert "l:en:proposal" in f
    assert "b:en:<s>_proposal" in f
    assert any(k.startswith("b:en:") and k.endswith("_</s>") for k in f)
    assert {"c:<se", "c:sent>", "c:ent>"} <= set(f)
    assert not any(len(k) > 2 + 5 for k in f if k.startswith("c:"))
    nlf = nl.text_features("nl", "Offertes verstuurd")
    assert "l:nl:offerte" in nlf and not any(k.startswith("l:en:") for k in nlf)


def _toy() -> list[nl.Row]:
    bad = ["Proposal sent", "Demo given", "Quote sent", "Call scheduled", "Deck sent"]
    good = ["Buyer signed", "Buyer replied", "Buyer booked", "Buyer paid", "Buyer attended"]
    rows: list[nl.Row] = []
    for k, f in enumerate(("a.yaml", "b.yaml", "c.yaml")):
        for t in bad:
            rows.append(_row(f, "criterion", "en", "bc", f"{t} {k}", {"buyer-centric"}))
        for t in good:
            rows.append(_row(f, "criterion", "en", "ok", f"{t} {k}"))
        for t in ("Buyer seems keen", "Deal likely to close"):
            rows.append(_row(f, "criterion", "en", "fact", f"{t} {k}", {"factual"}))
    return rows


def test_leave_one_file_out_scores_every_item_of_each_file_once() -> None:
    rows = _toy()
    per_file, dropped = nl.leave_one_file_out(rows)
    assert list(per_file) == ["a.yaml", "b.yaml", "c.yaml"] and set(dropped.values()) == {0}
    for scores in per_file.values():
        for model in nl.MODELS:
            assert scores[(model, "buyer-centric criteria", "en")].n == 12
            assert scores[(model, "factual", "en")].n == 12
        assert scores[("rules", "buyer-centric criteria", "en")].accuracy == 1.0
        assert scores[("lr", "buyer-centric criteria", "en")].accuracy == 1.0
    pooled = nl.pooled(per_file)
    assert pooled[("rules", "buyer-centric criteria", "en")].n == 36
    assert pooled[("rules", "factual", "en")].tp == 6
    assert nl.pooled(per_file, ["a.yaml"])[("lr", "factual", "en")].n == 12
    acc, good = nl.summary(pooled)["rules"]
    assert acc == 1.0 and good == 0.0
    again, _ = nl.leave_one_file_out(rows)  # deterministic
    assert nl.table(nl.pooled(again)) == nl.table(pooled)
    assert "buyer-centric criteria  en   hybrid" in nl.table(pooled)


def test_one_class_training_is_refused_not_fitted() -> None:
    rows = [r for r in _toy() if r.item.label == "ok"]
    train, test, _ = nl.split(rows, "a.yaml", "buyer-centric criteria")
    with pytest.raises(ValueError, match="one class"):
        nl.predict(train, test, "buyer-centric criteria")


def test_hybrid_overrules_the_rules_only_when_confident() -> None:
    assert nl.hybrid(False, nl.DEFAULT.high) and not nl.hybrid(False, nl.DEFAULT.high - 0.01)
    assert not nl.hybrid(True, nl.DEFAULT.low) and nl.hybrid(True, nl.DEFAULT.low + 0.01)


def test_top_features_name_what_pushes_to_a_violation() -> None:
    train = [r for r in _toy() if r.file != "a.yaml"]
    m = nl.Model(with_rules=False).fit(train, "buyer-centric criteria")
    names = [n for n, _ in m.top(40)]
    assert "l:en:send" in names or "l:en:sent" in names
    assert not any(n.startswith("l:en:buyer") for n in names[:5])


def test_analysis_at_a_commit_is_the_analysis_of_that_code(tmp_path: Path) -> None:
    root = nl.ROOT
    if subprocess.run(
        ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True
    ).returncode:
        pytest.skip("not a git checkout")
    path = _corpus(
        tmp_path,
        "c.yaml",
        [("https://c.example/1", [["criterion", "nl", "bc", "Offerte is verstuurd"]])],
    )
    at_head = nl.analyse_at("HEAD", path)
    here = nl.analyse(nb.load(path))
    assert at_head == here and at_head[0][0] == {"buyer-centric"}


def test_the_shipped_learned_weights_are_what_fitting_gives() -> None:
    """benchmarks/train_norms_model.py --check: fitting the learned second reading again on the
    tuning pool gives the shipped ``learned_weights.json`` (every weight within 0.002)."""
    import train_norms_model as tm

    assert tm.main(["--check"]) == 0


def test_fitting_refuses_a_held_out_file_and_writes_deterministic_weights(tmp_path: Path) -> None:
    import train_norms_model as tm

    item = ["criterion", "en", "ok", "Buyer signed the order form"]
    held = _corpus(tmp_path, "held.yaml", [("https://example.org/a", [item])], held_out=True)
    assert tm.main(["--corpus", str(held), "--out", str(tmp_path / "w.json")]) == 2
    out = [tmp_path / "a.json", tmp_path / "b.json"]
    for o in out:
        assert (
            tm.main(["--corpus", str(nb.FRESH8_EN), "--corpus", str(nb.FRESH8_NL), "--out", str(o)])
            == 0
        )
    assert out[0].read_bytes() == out[1].read_bytes()
    doc = json.loads(out[0].read_text(encoding="utf-8"))
    assert set(doc["fitted_on"]) == {"fresh8_en.yaml", "fresh8_nl.yaml"}
    assert tm.differences(doc, doc) == []
    changed = json.loads(json.dumps(doc))
    changed["models"][0]["bias"] += 1
    assert tm.differences(changed, doc)
