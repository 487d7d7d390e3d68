"""The learned second reading of exit criteria (rules/norms/_learned.py) and its rule option."""

from __future__ import annotations

import hashlib
import json
import sys
from importlib import resources
from pathlib import Path

import pytest

from salesblueprint.model.load import load_bytes
from salesblueprint.norms_vocab import vocabulary
from salesblueprint.rules.config import Config
from salesblueprint.rules.engine import run_rules
from salesblueprint.rules.norms import _learned
from salesblueprint.rules.norms._language import factual_issues

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCH))

import norms_benchmark as nb  # noqa: E402


def _doc() -> dict[str, object]:
    raw = resources.files("salesblueprint.rules.norms").joinpath(_learned.WEIGHTS).read_text()
    doc: dict[str, object] = json.loads(raw)
    return doc


def test_the_shipped_weights_are_fitted_on_todays_tuning_pool() -> None:
    """The weights name the files they were fitted on with their SHA-256: the tuning pool of
    norms_benchmark as it is now (a changed or added corpus file means: fit again with
    ``python benchmarks/train_norms_model.py``), and never a held-out file."""
    fitted = _doc()["fitted_on"]
    assert fitted == {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in nb.TUNING}
    held = [p.name for p in sorted(nb.CORPUS_DIR.glob("*.yaml")) if nb.held_out_only(p)]
    assert not set(held) & set(fitted)


def test_the_models_and_their_uses() -> None:
    models = _learned.models()
    assert {(k, m.use) for k, m in models.items()} == {
        (("factual", "en"), "veto"),
        (("factual", "nl"), "veto"),
        (("buyer-centric", "en"), "add"),
    }
    for m in models.values():
        assert m.threshold == (0.6 if m.use == "add" else 0.5) and len(m.weights) > 500
        assert all(
            k.split(":", 1)[0] in {"actor", "fact", "cat", "w", "first", "len"} for k in m.weights
        )


@pytest.mark.parametrize(
    "doc",
    [
        None,
        {},
        {"models": {}},
        {"models": [{"norm": "names", "language": "en", "use": "veto", "bias": 0,
                     "threshold": 0.5, "weights": {}}]},
        {"models": [{"norm": "factual", "language": "en", "use": "replace", "bias": 0,
                     "threshold": 0.5, "weights": {}}]},
    ],
)  # fmt: skip
def test_a_broken_weights_document_is_refused(doc: object) -> None:
    with pytest.raises(ValueError, match="learned weights"):
        _learned.parse(doc)


def test_probability_is_the_logistic_of_the_weights_present() -> None:
    m = _learned.Model("factual", "en", "veto", -1.0, 0.5, {"w:a": 2.0, "w:b": -3.0})
    assert m.probability(frozenset()) == pytest.approx(1 / (1 + 2.718281828**1))
    assert m.probability(frozenset({"w:a", "w:c"})) == pytest.approx(1 / (1 + 2.718281828**-1))
    assert m.violated(frozenset({"w:a"})) and not m.violated(frozenset({"w:a", "w:b"}))
    assert m.probability(frozenset({"w:b"} | {f"w:{i}" for i in range(3)})) < 0.02


def test_features_are_the_rules_analysis_and_the_lemmas() -> None:
    v = vocabulary("en")
    f = _learned.features(v, "We think the buyer signed the contracts")
    assert "actor:seller:subject" in f and "fact:belief" in f
    assert {"w:contract", "w:sign", "first:we", "len:2"} <= f
    assert any(x.startswith("cat:") for x in f)
    assert _learned.features(v, "") == frozenset({"len:0"})


@pytest.mark.parametrize(
    "text",
    [
        "SQOs require human validation from Account Executives who confirm buyer readiness "
        "through discovery conversations.",
        "Discovery checklist completed",
    ],
)
def test_the_added_reading_quotes_content_words_of_the_text(text: str) -> None:
    words = _learned.seller_words(vocabulary("en"), text)
    assert words is not None
    quoted = [w.strip("'") for w in words.split(", ")]
    assert 1 <= len(quoted) <= 3 and all(q in text for q in quoted)
    assert not {"the", "and", "a", "of"} & {q.casefold() for q in quoted}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Lead attended the discovery call and named the budget owner"),  # a buyer read
        ("en", "Buyer signed the order form"),
        ("en", "Proposal sent"),  # the rules' own reading (seller) is not the model's to add
        ("nl", "Kwalificatie van de lead afgerond"),  # no add model for Dutch
    ],
)
def test_no_added_reading_where_the_rules_read_an_actor_or_there_is_no_model(
    lang: str, text: str
) -> None:
    assert _learned.seller_words(vocabulary(lang), text) is None


def _findings(outcome: str, options: dict[str, dict[str, object]] | None = None) -> list[str]:
    doc = (
        "salesblueprint: 1\nname: t\nlanguage: en\n"
        "tools: [{id: crm, records: [email, deal]}]\n"
        "pipelines:\n  - id: p\n    stages:\n"
        f"      - id: a\n        name: Discovery\n        exit_criteria:\n"
        f"          - {{outcome: {json.dumps(outcome)}, evidence: Email reply logged on the deal,"
        " recorded_in: crm.email}\n"
        "      - {id: won, outcome: won}\n      - {id: lost, outcome: lost}\n"
    )
    loaded = load_bytes(doc.encode(), "t.yaml")
    assert loaded.blueprint is not None, loaded.findings
    config = Config(options=options or {})  # type: ignore[arg-type]
    return [f"{f.rule} {f.message}" for f in run_rules(loaded.blueprint, config)]


def test_sb231_reports_the_learned_reading_and_the_option_turns_it_off() -> None:
    text = "Discovery checklist completed"
    got = [f for f in _findings(text) if f.startswith("SB231")]
    assert len(got) == 1 and "reads as the seller's step ('Discovery'" in got[0]
    assert "words of seller steps in real pipelines" in got[0]
    off = _findings(text, {"SB231": {"learned-reading": False}})
    assert not [f for f in off if f.startswith("SB231")]


def test_sb211_keeps_a_judgement_the_model_agrees_with() -> None:
    assert [f for f in _findings("Buyer seems interested") if f.startswith("SB211")]
    assert [f for f in _findings("Klant lijkt enthousiast") if f.startswith("SB211")]


@pytest.mark.parametrize(
    "text",
    [
        "Decision maker will sign next week",
        "Buyer will sign this quarter",
        "Champion plans to present to the board",
        "Beslisser zal de offerte tekenen",
        "We think the champion is ready to buy",
        "Decision maker seems positive about the proposal",  # the HubSpot default pipeline's
    ],
)
def test_sb211_never_vetoes_a_forecast_a_belief_or_a_hedge(text: str) -> None:
    """Process prose on real pages uses "will" for the next step, and the model learned that;
    in an exit criterion a forecast never states what happened, so only opinions are weighed."""
    lang = "nl" if "zal" in text else "en"
    v = vocabulary(lang)
    assert not _learned.keeps(v, "factual", text) or text.startswith("We think")
    assert not _learned.weighable(v, text, factual_issues(v, text))
    assert [f for f in _findings(text) if f.startswith("SB211")]


def test_sb211_veto_drops_a_finding_of_the_rules_and_the_option_brings_it_back() -> None:
    """A criterion the factual rules flag and the fitted model reads as fine: found by running
    both over the tuning pool (the veto's whole point), so the test needs no hand-picked text."""
    v = {lang: vocabulary(lang) for lang in nb.LANGS}
    vetoed = [
        i.text
        for i in nb.load_all()
        if i.kind == "criterion"
        and i.lang == "en"
        and factual_issues(v["en"], i.text)
        and _learned.weighable(v["en"], i.text, factual_issues(v["en"], i.text))
        and not _learned.keeps(v["en"], "factual", i.text)
    ]
    assert vetoed
    text = vetoed[0]
    assert not [f for f in _findings(text) if f.startswith("SB211")]
    off = _findings(text, {"SB211": {"learned-reading": False}})
    assert [f for f in off if f.startswith("SB211")]


def test_the_option_is_documented_on_both_rules() -> None:
    from salesblueprint.rules.registry import lookup

    for code in ("SB211", "SB231"):
        rule = lookup(code)
        assert rule is not None
        assert [o.name for o in rule.options] == ["learned-reading"]
        assert rule.options[0].default is True


def test_the_added_reading_quotes_the_vocabularys_seller_words_first() -> None:
    """The words a vocabulary places on the seller's side are chosen before the model's
    heaviest words (quoted in the order of the text, so with room for one word only they are
    the quote)."""
    text = (
        "SQOs require human validation from Account Executives who confirm buyer readiness "
        "through discovery conversations."
    )
    words = _learned.seller_words(vocabulary("en"), text)
    assert words is not None and "'Account Executives'" in words
    assert _learned.seller_words(vocabulary("en"), text, most=1) == "'Account Executives'"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Sales reps send each lead an email thanking them for their interest"),
        ("en", "Once a deal has been shared from RevOps, the deal will be in negotiation status"),
        ("nl", "Iemand wil een uitgebreid voorstel ontvangen"),
        ("nl", "De offerte zal met u doorgesproken worden"),
    ],
)
def test_the_documented_vetoes(lang: str, text: str) -> None:
    """The examples docs/configuration.md and SB211's docs give of the veto are vetoed."""
    v = vocabulary(lang)
    issues = factual_issues(v, text)
    assert issues and _learned.weighable(v, text, issues)
    assert not _learned.keeps(v, "factual", text)
