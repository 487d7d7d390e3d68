"""The norm checks on the real-world corpus (benchmarks/norms_corpus), tune split only.

The held-out split is never looked at in tests; these floors make a regression on real text
fail. They sit a little under the figures measured when they were set (see the corpus README).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from salesblueprint.model.load import load_bytes
from salesblueprint.norms_vocab import vocabulary
from salesblueprint.norms_vocab.detect import detect
from salesblueprint.rules.config import Config
from salesblueprint.rules.engine import run_rules
from salesblueprint.rules.norms._language import criterion_actor, stage_name_issue

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCH))
import norms_benchmark as nb  # noqa: E402

# (norm, language): (accuracy, good items flagged at most)
FLOORS = {
    ("buyer-centric criteria", "en"): (0.89, 0.04),
    ("buyer-centric criteria", "nl"): (0.83, 0.03),
    ("buyer-centric names", "en"): (0.95, 0.02),
    ("buyer-centric names", "nl"): (0.88, 0.07),
    ("factual", "en"): (0.95, 0.04),
    ("factual", "nl"): (0.94, 0.05),
}


@pytest.fixture(scope="module")
def tune() -> nb.Result:
    return nb.evaluate(nb.load(), "tune")


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_tune_split_stays_above_its_floor(tune: nb.Result, key: tuple[str, str]) -> None:
    score = tune.scores[key]
    accuracy, flagged = FLOORS[key]
    assert score.n >= 25, key
    assert score.accuracy >= accuracy, (key, score.accuracy, score.misses)
    assert score.good_flagged <= flagged, (key, score.good_flagged, score.misses)


def test_corpus_size_and_split() -> None:
    items = nb.load()
    assert len(items) >= 600
    assert sum(i.label != "amb" for i in items) >= 500
    assert sum(i.lang == "nl" for i in items) >= 120
    assert all(i.url.startswith(("http://", "https://")) for i in items)
    assert {nb.split_of(i.url) for i in items} == {"tune", "heldout"}


def test_language_detection_never_swaps_the_languages_of_the_corpus() -> None:
    items = nb.load()
    wrong = [i.text for i in items if detect(i.text) not in (None, i.lang)]
    decided = [i for i in items if detect(i.text) is not None]
    assert len(wrong) <= 3, wrong  # a few Dutch texts are mostly English words
    assert len(decided) >= 0.75 * len(items)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Offerte verstuurd", "nl"),
        ("Klant heeft de offerte ondertekend", "nl"),
        ("Proposal sent to the buyer", "en"),
        ("Buyer signed the order form", "en"),
        ("Demo", None),
        ("Pricing bekeken", None),
    ],
)
def test_detect(text: str, lang: str | None) -> None:
    assert detect(text) == lang


@pytest.mark.parametrize(
    ("text", "how", "word"),
    [
        ("Once a lead has been identified", "passive", "identified"),
        ("Lead awaiting manager review", "waiting", "awaiting"),
        ("Manager confirms lead quality", "subject", "Manager"),
        ("the key account booked a demo in its agenda", "subject", "key account"),
    ],
)
def test_seller_work_read_from_the_text_en(text: str, how: str, word: str) -> None:
    actor = criterion_actor(vocabulary("en"), text)
    assert actor is not None and actor.side == "seller", text
    assert (actor.how, actor.why) == (how, word)
    assert f"'{word}' read as" in actor.reading


def test_waiting_in_dutch_is_the_sellers_queue() -> None:
    actor = criterion_actor(vocabulary("nl"), "Wacht tot de klant de offerte heeft geaccepteerd")
    assert actor is not None and (actor.side, actor.how) == ("seller", "waiting")


@pytest.mark.parametrize("text", ["Buyer signed, awaiting countersignature", "Quote requested"])
def test_buyer_acts_stay_buyer_acts(text: str) -> None:
    actor = criterion_actor(vocabulary("en"), text)
    assert actor is None or actor.side == "buyer", actor


@pytest.mark.parametrize("name", ["To qualify", "Intro to Reschedule", "Try to book demo"])
def test_to_do_stage_names(name: str) -> None:
    issue = stage_name_issue(vocabulary("en"), name)
    assert issue is not None and "order to the seller" in issue.why


def test_dutch_text_in_an_english_blueprint_is_judged_as_dutch() -> None:
    text = (
        "salesblueprint: 1\nname: t\npipelines:\n  - id: p\n    stages:\n"
        "      - id: a\n        name: Offerte verstuurd\n        exit_criteria:\n"
        "          - outcome: Offerte is verstuurd naar de klant\n"
        "            evidence: E-mail in het CRM\n            recorded_in: crm\n"
        "      - {id: won, outcome: won}\n      - {id: lost, outcome: lost}\n"
        "tools:\n  - {id: crm}\n"
    )
    bp = load_bytes(text.encode(), "b.yaml").blueprint
    assert bp is not None and bp.language == "en"
    rules = sorted(f.rule for f in run_rules(bp, Config()) if f.rule.startswith("SB2"))
    assert rules == ["SB231", "SB232", "SB251"]
    [sb231] = [f for f in run_rules(bp, Config()) if f.rule == "SB231"]
    assert "'verstuurd' read as seller work" in sb231.message
    assert sb231.fix is not None and "Klant heeft" in sb231.fix  # the Dutch example
