"""The norm checks on the real-world corpora (benchmarks/norms_corpus), the tuning pool.

The tuning pool is corpus.yaml + fresh.yaml + tune3_criteria.yaml + tune3_names.yaml +
tune4_criteria.yaml + tune4_names.yaml + fresh2.yaml + the fresh3, fresh4 and fresh5 files
(fresh.yaml was scored once as held-out on 2026-11-30, fresh2.yaml and the fresh3, fresh4 and
fresh5 files on 2026-12-01; the tune3 and tune4 files were scored once each before they were
tuned on; all are tuning data since).
These floors make a regression on real text fail; they sit a little under the figures measured
when they were set (see the corpus README). They are tuned-on figures, not a measure of how the
rules do on new text.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
import yaml

from salesblueprint.model.load import load_bytes
from salesblueprint.norms_vocab import vocabulary
from salesblueprint.norms_vocab.detect import detect
from salesblueprint.rules.config import Config
from salesblueprint.rules.engine import run_rules
from salesblueprint.rules.norms._language import criterion_actor, stage_name_issue

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCH))
import norms_benchmark as nb  # noqa: E402

# (norm, language): (accuracy, good items flagged at most), on the whole tuning pool
FLOORS = {
    ("buyer-centric criteria", "en"): (0.834, 0.085),
    ("buyer-centric criteria", "nl"): (0.754, 0.167),
    ("buyer-centric names", "en"): (0.820, 0.072),
    ("buyer-centric names", "nl"): (0.848, 0.092),
    ("factual", "en"): (0.893, 0.042),
    ("factual", "nl"): (0.880, 0.054),
}
# the same with each page's reader declared as the project's addressee (--declared-reader):
# where it matters, Dutch criteria
DECLARED_FLOORS = {
    ("buyer-centric criteria", "en"): (0.838, 0.080),
    ("buyer-centric criteria", "nl"): (0.786, 0.128),
}


@pytest.fixture(scope="module")
def tune() -> nb.Result:
    return nb.evaluate(nb.load_all(), "all", learned=False)  # the learned layer is fitted on it


@pytest.fixture(scope="module")
def declared() -> nb.Result:
    return nb.evaluate(nb.load_all(), "all", learned=False, declared=True)


def _above(result: nb.Result, key: tuple[str, str], floor: tuple[float, float]) -> None:
    score = result.scores[key]
    accuracy, flagged = floor
    assert score.n >= 150, key
    assert score.accuracy >= accuracy, (key, score.accuracy, score.misses)
    assert score.good_flagged <= flagged, (key, score.good_flagged, score.misses)


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_tuning_pool_stays_above_its_floor(tune: nb.Result, key: tuple[str, str]) -> None:
    _above(tune, key, FLOORS[key])


@pytest.mark.parametrize("key", sorted(DECLARED_FLOORS))
def test_tuning_pool_with_declared_readers_stays_above_its_floor(
    declared: nb.Result, tune: nb.Result, key: tuple[str, str]
) -> None:
    _above(declared, key, DECLARED_FLOORS[key])
    assert declared.scores[key].accuracy > tune.scores[key].accuracy  # the declaration helps


def test_corpus_size_and_split() -> None:
    items = nb.load()
    assert len(items) >= 800
    assert sum(i.label != "amb" for i in items) >= 700
    assert sum(i.lang == "nl" for i in items) >= 120
    assert all(i.url.startswith(("http://", "https://")) for i in items)
    assert {nb.split_of(i.url) for i in items} == {"tune", "heldout"}


TUNE3 = BENCH / "norms_corpus" / "tune3_criteria.yaml"
TUNE4 = BENCH / "norms_corpus" / "tune4_criteria.yaml"


def _host(url: str) -> str:
    host = url.split("/")[2].lower()
    return host[4:] if host.startswith("www.") else host


def test_fresh_corpus_is_tuning_data_apart_from_the_first_corpus() -> None:
    """fresh.yaml was scored once as held-out (2026-11-30) and is part of the tuning pool since."""
    fresh = nb.load(nb.FRESH)
    assert not nb.held_out_only(nb.FRESH) and not nb.held_out_only(nb.CORPUS)
    assert nb.TUNING[:7] == (
        nb.CORPUS,
        nb.FRESH,
        TUNE3,
        nb.TUNE3_NAMES,
        TUNE4,
        nb.TUNE4_NAMES,
        nb.FRESH2,
    )
    scored = [i for i in fresh if i.label != "amb"]
    assert len(scored) >= 300
    assert sum(i.lang == "nl" for i in scored) >= 120
    assert all(i.url.startswith(("http://", "https://")) for i in fresh)
    assert not {_host(i.url) for i in fresh} & {_host(i.url) for i in nb.load()}
    assert len(nb.load_all()) == sum(len(nb.load(p)) for p in nb.TUNING)


def test_third_tuning_set_is_exit_criteria_apart_from_the_others() -> None:
    """tune3_criteria.yaml: new real exit criteria, scored once before it was tuned on."""
    tune3 = nb.load(TUNE3)
    assert not nb.held_out_only(TUNE3)
    assert len(tune3) >= 120 and sum(i.lang == "nl" for i in tune3) >= 70
    assert all(i.kind == "criterion" for i in tune3)
    assert all(i.url.startswith(("http://", "https://")) for i in tune3)
    others = {_host(i.url) for i in nb.load()} | {_host(i.url) for i in nb.load(nb.FRESH)}
    assert not {_host(i.url) for i in tune3} & others


def test_fourth_tuning_set_is_exit_criteria_apart_from_the_others() -> None:
    """tune4_criteria.yaml: new real exit criteria (round normscrit4) from hosts in no other
    corpus file (the held-out fresh2.yaml included), none of them word for word in an earlier
    criteria file; scored once before it was tuned on."""
    tune4 = nb.load(TUNE4)
    assert TUNE4 in nb.TUNING and not nb.held_out_only(TUNE4)
    assert len(tune4) >= 120 and sum(i.lang == "nl" for i in tune4) >= 60
    assert all(i.kind == "criterion" for i in tune4)
    assert all(i.url.startswith(("http://", "https://")) for i in tune4)
    hosts = {_host(i.url) for i in tune4}
    for other in (nb.CORPUS, nb.FRESH, TUNE3, nb.TUNE3_NAMES, nb.FRESH2):
        assert not hosts & {_host(i.url) for i in nb.load(other)}, other
    seen = {i.text.casefold() for p in (nb.CORPUS, nb.FRESH, TUNE3) for i in nb.load(p)}
    assert not {i.text.casefold() for i in tune4} & seen


def test_third_tuning_set_of_names_is_apart_from_the_other_corpora() -> None:
    """tune3_names.yaml: real stage names from pages of hosts in no other corpus file, scored
    once before it was tuned on (round normsnames3), part of the tuning pool since."""
    names = nb.load(nb.TUNE3_NAMES)
    assert nb.TUNE3_NAMES in nb.TUNING and not nb.held_out_only(nb.TUNE3_NAMES)
    assert len(names) >= 120 and all(i.kind == "stage" for i in names)
    assert sum(i.lang == "nl" for i in names) >= 45
    hosts = {_host(i.url) for i in names}
    for other in (nb.CORPUS, nb.FRESH, nb.FRESH2):
        assert not hosts & {_host(i.url) for i in nb.load(other)}, other
    seen = {i.text.casefold() for p in (nb.CORPUS, nb.FRESH) for i in nb.load(p)}
    assert not {i.text.casefold() for i in names} & seen


def test_fourth_tuning_set_of_names_is_apart_from_the_other_corpora() -> None:
    """tune4_names.yaml: real stage names from pages of hosts in no other corpus file, scored
    once before it was tuned on (round normsnames4), part of the tuning pool since."""
    names = nb.load(nb.TUNE4_NAMES)
    assert nb.TUNE4_NAMES in nb.TUNING and not nb.held_out_only(nb.TUNE4_NAMES)
    assert len(names) >= 120 and all(i.kind == "stage" for i in names)
    assert sum(i.lang == "nl" for i in names) >= 50
    assert sum(i.label != "amb" for i in names) >= 70
    assert all(i.url.startswith(("http://", "https://")) for i in names)
    hosts = {_host(i.url) for i in names}
    for other in (nb.CORPUS, nb.FRESH, nb.FRESH2, TUNE3, nb.TUNE3_NAMES):
        assert not hosts & {_host(i.url) for i in nb.load(other)}, other
    seen = {i.text.casefold() for p in (nb.CORPUS, nb.FRESH, nb.TUNE3_NAMES) for i in nb.load(p)}
    texts = [i.text.casefold() for i in names]
    assert not set(texts) & seen
    assert len(texts) == len(set(texts))


def test_second_fresh_corpus_is_tuning_data_apart_from_the_others() -> None:
    """fresh2.yaml (collected after fresh.yaml was scored) was scored once as held-out on
    2026-12-01 and is part of the tuning pool since."""
    fresh2 = nb.load(nb.FRESH2)
    assert not nb.held_out_only(nb.FRESH2) and nb.FRESH2 in nb.TUNING
    assert len(fresh2) >= 450
    assert sum(i.lang == "nl" for i in fresh2) >= 160
    assert len({i.url for i in fresh2}) >= 100
    for kind in ("criterion", "stage"):
        for lang in nb.LANGS:
            assert any(i.kind == kind and i.lang == lang for i in fresh2), (kind, lang)
    assert all(i.url.startswith(("http://", "https://")) for i in fresh2)
    others = {_host(i.url) for i in nb.load()} | {_host(i.url) for i in nb.load(nb.FRESH)}
    others |= {
        _host(i.url) for p in (TUNE3, nb.TUNE3_NAMES, TUNE4, nb.TUNE4_NAMES) for i in nb.load(p)
    }
    shared = {_host(i.url) for i in fresh2} & others
    assert not shared, sorted(shared)


def _assert_apart(items: list[nb.Item], others: Sequence[Path]) -> None:
    """No host of ``items`` is a host of ``others``, no text is word for word (ignoring case) a
    text of theirs, and no (kind, text) repeats within ``items``."""
    hosts = {_host(i.url) for i in items}
    for other in others:
        shared = hosts & {_host(i.url) for i in nb.load(other)}
        assert not shared, (other.name, sorted(shared))
    seen = {i.text.casefold() for p in others for i in nb.load(p)}
    texts = [(i.kind, i.text.casefold()) for i in items]
    assert not {t for _, t in texts} & seen
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize(
    ("path", "first", "lang", "least"),
    [
        (nb.FRESH3_EN, nb.FRESH3_EN, "en", (220, 70, 150, 90)),
        (nb.FRESH3_NL, nb.FRESH3_EN, "nl", (180, 60, 120, 50)),
        (nb.FRESH4_EN, nb.FRESH4_EN, "en", (280, 100, 170, 80)),
        (nb.FRESH4_NL, nb.FRESH4_EN, "nl", (230, 50, 175, 60)),
        (nb.FRESH5_EN, nb.FRESH5_EN, "en", (300, 100, 190, 80)),
        (nb.FRESH5_NL, nb.FRESH5_EN, "nl", (280, 60, 210, 60)),
        (nb.FRESH6_EN, nb.FRESH6_EN, "en", (270, 70, 190, 60)),
        (nb.FRESH6_NL, nb.FRESH6_EN, "nl", (270, 50, 220, 60)),
        (nb.FRESH7_EN, nb.FRESH7_EN, "en", (290, 75, 210, 65)),
        (nb.FRESH7_NL, nb.FRESH7_EN, "nl", (260, 55, 200, 60)),
        (nb.FRESH8_EN, nb.FRESH8_EN, "en", (270, 60, 200, 60)),
        (nb.FRESH8_NL, nb.FRESH8_EN, "nl", (200, 14, 180, 40)),
        (nb.FRESH9_EN, nb.FRESH9_EN, "en", (270, 70, 190, 65)),
        (nb.FRESH9_NL, nb.FRESH9_EN, "nl", (270, 19, 250, 85)),
        (nb.FRESH10_EN, nb.FRESH10_EN, "en", (310, 80, 225, 80)),
        (nb.FRESH10_NL, nb.FRESH10_EN, "nl", (245, 26, 220, 55)),
        (nb.FRESH11_EN, nb.FRESH11_EN, "en", (280, 70, 205, 80)),
        (nb.FRESH11_NL, nb.FRESH11_EN, "nl", (160, 28, 130, 60)),
    ],
)
def test_fresh_corpora_are_tuning_data_apart_from_the_earlier_files(
    path: Path, first: Path, lang: str, least: tuple[int, int, int, int]
) -> None:
    """The fresh3 files (collected on 2026-12-01 after fresh2.yaml was scored), the fresh4 files
    (collected after the fresh3 files were scored) and the fresh5 to fresh11 files (sales and
    marketing pages only, collected after the files before them became tuning data) were
    each scored once as held-out on 2026-12-01 and are part of the tuning pool since; their
    hosts and texts are in no file that was in the pool before them (``first`` is the first
    file of their round)."""
    items = nb.load(path)
    assert not nb.held_out_only(path) and path in nb.TUNING
    n, stages, criteria, pages = least
    assert len(items) >= n
    assert sum(i.kind == "stage" for i in items) >= stages
    assert sum(i.kind == "criterion" for i in items) >= criteria
    assert all(i.lang == lang for i in items)
    assert len({i.url for i in items}) >= pages
    assert all(i.url.startswith(("http://", "https://")) for i in items)
    _assert_apart(items, nb.TUNING[: nb.TUNING.index(first)])


def test_a_held_out_corpus_is_scored_only_alone_and_as_a_whole(tmp_path: Path) -> None:
    held = tmp_path / "held.yaml"
    held.write_text(
        "held_out: true\nsources:\n  - url: https://example.org/a\n    items:\n"
        "      - [criterion, en, ok, Buyer signed the order form]\n",
        encoding="utf-8",
    )
    for args in (["--split", "tune"], ["--split", "heldout"], ["--misses"], ["--folds", "3"]):
        assert nb.main(["--corpus", str(held), *args]) == 2
    assert nb.main(["--corpus", str(held), "--corpus", str(nb.FRESH)]) == 2
    assert nb.main(["--corpus", str(tmp_path / "missing.yaml")]) == 2
    assert nb.main(["--corpus", str(held)]) == 0


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


@pytest.mark.parametrize(
    ("text", "how", "word"),
    [
        # an order to the seller, read from the verb's morphology
        ("Summarise the buyer's priorities", "todo", "Summarise"),
        ("Evaluate account fit", "todo", "Evaluate"),
        ("Explain detailed pricing options", "todo", "Explain"),
        # verbless seller work with the buyer as its object
        ("Regular interaction with the client", "passive", "interaction"),
        ("Initial contact with the buyer", "passive", "contact"),
        # the buyer had something done to them
        ("The customer has been sent a contract", "passive", "sent"),
    ],
)
def test_orders_and_nominal_work_en(text: str, how: str, word: str) -> None:
    actor = criterion_actor(vocabulary("en"), text)
    assert actor is not None and actor.side == "seller", (text, actor)
    assert (actor.how, actor.why) == (how, word)


@pytest.mark.parametrize(
    "text",
    [
        "Budget holder identified by the buyer",  # a noun first, not an order
        "Resource commitment from the CFO",  # a compound noun first
        "Cash in the bank",
        "Sign the order form",  # the buyer's own act as a milestone
        "Good fit with our ICP",
        "Customer engagement score above 80",
        "Buyer has been involved in the pilot",  # a state, not a passive act
        "Person signed up for a trial account",  # a noun, then its verb
    ],
)
def test_no_order_or_nominal_work_en(text: str) -> None:
    actor = criterion_actor(vocabulary("en"), text)
    assert actor is None or actor.side == "buyer", (text, actor)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Hij stuurt de offerte naar de klant", "Hij"),
        ("Hij kwalificeert de lead", "Hij"),
        ("Bedrijf stuurt de klant een offerte", "Bedrijf"),
        ("Na het gesprek bevestigt hij de afspraak aan de prospect", "hij"),
    ],
)
def test_ambiguous_actor_read_as_the_seller_nl(text: str, word: str) -> None:
    actor = criterion_actor(vocabulary("nl"), text)
    assert actor is not None and actor.side == "seller", (text, actor)
    assert actor.why == word


@pytest.mark.parametrize("text", ["Hij tekent de offerte", "Bedrijf heeft de order getekend"])
def test_ambiguous_actor_doing_a_buyer_act_nl(text: str) -> None:
    actor = criterion_actor(vocabulary("nl"), text)
    assert actor is None or actor.side == "buyer", (text, actor)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("De raamovereenkomst wordt zo snel mogelijk getekend", "nl"),
        ("Accountmanager gaat in op de vragen van de klant", "nl"),
        ("Verkoper checkt of de klant wil uitbreiden", "nl"),
        ("Offerte voor ongeveer 20 licenties verstuurd", "nl"),
        ("De intentie-verklaring is ondertekend", "nl"),
        ("De verkoper zou moeten bellen binnen een dag", "nl"),
        ("Klant stuurt een positief besluit van de directie", "nl"),
        ("Rep asks questions about the buyer's interest", "en"),
        ("Rep checks whether the buyer will expand", "en"),
    ],
)
def test_descriptive_words_are_no_judgement(text: str, lang: str) -> None:
    from salesblueprint.rules.norms._language import factual_issues

    assert factual_issues(vocabulary(lang), text) == (), text


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Klant gaat tekenen", "nl"),
        ("Klant is mogelijk geïnteresseerd", "nl"),
        ("Klant zou kunnen tekenen", "nl"),
        ("De klant is enthousiast", "nl"),
        ("Buyer seems interested", "en"),
    ],
)
def test_judgements_and_forecasts_still_reported(text: str, lang: str) -> None:
    from salesblueprint.rules.norms._language import factual_issues

    assert factual_issues(vocabulary(lang), text) != (), text


@pytest.mark.parametrize(
    "name", ["Opstellen Offerteaanvraag", "Opstellen van eisen en wensen", "Bestelling opstellen"]
)
def test_writing_the_buyers_own_document_is_the_buyers_job_nl(name: str) -> None:
    assert stage_name_issue(vocabulary("nl"), name) is None


@pytest.mark.parametrize("name", ["Offerte opstellen", "Opstellen van de offerte"])
def test_writing_the_sellers_document_stays_seller_work_nl(name: str) -> None:
    assert stage_name_issue(vocabulary("nl"), name) is not None


def test_a_seller_verb_before_a_finite_verb_is_its_subject_en() -> None:
    actor = criterion_actor(vocabulary("en"), "Contact has opted in to receive communication")
    assert actor is None or actor.side == "buyer"


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_fresh_stage_names_stay_above_their_floor(lang: str) -> None:
    """fresh.yaml is tuning data since its one held-out score; names were tuned on it in round 8
    (0.983 en, 0.962 nl, no good name flagged)."""
    names = [i for i in nb.load(nb.FRESH) if i.kind == "stage" and i.lang == lang]
    score = nb.evaluate(names).scores[("buyer-centric names", lang)]
    assert score.accuracy >= 0.94, score.misses
    assert score.good_flagged <= 0.02, score.misses


@pytest.mark.parametrize("name", ["Sales opportunity", "Vendor shortlist"])
def test_a_seller_party_before_a_noun_is_a_modifier_en(name: str) -> None:
    """The seller's word qualifies the noun; nobody acts in the name."""
    assert stage_name_issue(vocabulary("en"), name) is None


@pytest.mark.parametrize("name", ["Rep qualified", "Rep calls buyer", "Sales demo"])
def test_a_seller_party_with_a_verb_or_activity_stays_the_actor_en(name: str) -> None:
    assert stage_name_issue(vocabulary("en"), name) is not None


@pytest.mark.parametrize(
    "name", ["Maak een opdrachtbon aan", "Wijs een monteur toe", "Nodig de klant uit"]
)
def test_a_separable_verb_order_is_seller_work_nl(name: str) -> None:
    issue = stage_name_issue(vocabulary("nl"), name)
    assert issue is not None and name in issue.why


@pytest.mark.parametrize(
    "name", ["Teken de offerte af", "Vul het formulier in", "Vul uw gegevens in"]
)
def test_a_separable_verb_of_the_buyer_is_no_order_nl(name: str) -> None:
    issue = stage_name_issue(vocabulary("nl"), name)
    assert issue is None or name not in issue.why


@pytest.mark.parametrize(
    ("lang", "name"),
    [
        ("en", "Order submitted"),
        ("en", "Application submitted"),
        ("en", "Contact form submitted"),
        ("nl", "Formulier ingestuurd"),
    ],
)
def test_submitted_without_the_sellers_document_is_the_askers_act(lang: str, name: str) -> None:
    assert stage_name_issue(vocabulary(lang), name) is None


@pytest.mark.parametrize(
    ("lang", "name"),
    [("en", "Proposal submitted"), ("en", "Email sent"), ("nl", "Offerte ingestuurd")],
)
def test_submitting_or_sending_the_sellers_document_stays_seller_work(lang: str, name: str) -> None:
    assert stage_name_issue(vocabulary(lang), name) is not None


# -- round normsnames4: fixtures of our own (not corpus items) --------------------------------


@pytest.mark.parametrize(
    ("lang", "name", "word"),
    [
        ("en", "Units shipped", "shipped"),
        ("en", "Goods dispatched", "dispatched"),
        ("en", "Panels installed", "installed"),
        ("en", "Manufacturing", "Manufacturing"),
        ("en", "Production", "Production"),
        ("nl", "Onderdelen geleverd", "geleverd"),
        ("nl", "Apparatuur geïnstalleerd", "geïnstalleerd"),
        ("nl", "Montage", "Montage"),
        ("nl", "In productie", "productie"),
    ],
)
def test_delivering_what_was_sold_is_seller_work(lang: str, name: str, word: str) -> None:
    """Verbs of making and delivering the goods (``fulfilment_lemmas``) in any form."""
    issue = stage_name_issue(vocabulary(lang), name)
    assert issue is not None and word in issue.why, (name, issue)


@pytest.mark.parametrize(
    ("lang", "name"),
    [
        ("en", "Customer installed the app"),
        ("en", "Delivery accepted"),
        ("nl", "Klant heeft geïnstalleerd"),
        ("nl", "Levering geaccepteerd"),
    ],
)
def test_delivery_with_the_buyer_acting_stays_the_buyers(lang: str, name: str) -> None:
    assert stage_name_issue(vocabulary(lang), name) is None


@pytest.mark.parametrize(
    ("lang", "name"),
    [
        ("en", "Credit approval required"),
        ("en", "Ready for installation"),
        ("nl", "Handtekening vereist"),
        ("nl", "Klaar voor levering"),
        ("nl", "Afwachting akkoord"),
    ],
)
def test_open_needs_and_readiness_are_the_sellers_queue(lang: str, name: str) -> None:
    issue = stage_name_issue(vocabulary(lang), name)
    assert issue is not None and "waiting" in issue.why, (name, issue)


@pytest.mark.parametrize(
    ("lang", "name"),
    [("en", "No approval needed"), ("en", "Ready to buy"), ("nl", "Geen aanbetaling nodig")],
)
def test_no_open_need_and_the_buyers_readiness_are_no_queue(lang: str, name: str) -> None:
    assert stage_name_issue(vocabulary(lang), name) is None


@pytest.mark.parametrize(
    ("lang", "name", "silent"),
    [
        ("nl", "Factuurherinnering", False),  # a reminder about the buyer's act: the seller's
        ("nl", "Betalingsaanmaning", False),
        ("nl", "Aankoopbeslissing", True),  # the buyer's act itself
        ("nl", "Gunningsadvies", True),
        ("nl", "Aanvraag verwerkt", False),  # the buyer's request handled by the seller
        ("nl", "Opdracht verstrekt", True),  # placed by the buyer
        ("nl", "Bestelling geplaatst", True),
        ("en", "Under contract", True),  # a state the signed document holds the deal in
        ("nl", "Onder contract", True),
        ("en", "Concept design", False),  # the verb's own form as the head
        ("en", "Boiler install", False),
    ],
)
def test_compounds_orders_and_states_nl_en(lang: str, name: str, silent: bool) -> None:
    assert (stage_name_issue(vocabulary(lang), name) is None) is silent, name


@pytest.mark.parametrize(
    ("lang", "name", "silent"),
    [
        ("en", "Agreement reached", True),  # a state attained, not the seller reaching someone
        ("en", "Usage milestone reached", True),
        ("nl", "Overeenstemming bereikt", True),
        ("en", "Decision maker reached", False),  # a person reached: the seller's outreach
        ("en", "Reached", False),
        ("en", "Agreement sent", False),
        ("en", "Left voicemail", False),
        ("nl", "Calculatie", False),
    ],
)
def test_attaining_a_thing_is_no_outreach(lang: str, name: str, silent: bool) -> None:
    assert (stage_name_issue(vocabulary(lang), name) is None) is silent, name


def test_every_page_of_the_pool_has_a_domain() -> None:
    """domains.yaml tags the pages of the files that name no domain; nothing else is in it."""
    items = nb.load_all()
    assert {i.domain for i in items} == set(nb.DOMAINS)
    assert set(nb.domains()) <= {i.url for i in items}
    sales = [i for i in items if i.domain == "sales"]
    assert len(sales) > 1500 and all(i.domain == "sales" for i in nb.load(nb.FRESH5_NL))
    assert nb.main(["--domain", "sales"]) == 0


@pytest.mark.parametrize("path", [nb.FRESH11_EN, nb.FRESH11_NL])
def test_every_page_of_fresh11_says_its_reader(path: Path) -> None:
    """From fresh11 on, every page records whom it addresses as you/je/u (``reader:``), which
    ``--declared-reader`` passes on as the project's ``addressee``."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert all(s["reader"] in ("seller", "buyer", "none") for s in doc["sources"])
    assert {i.reader for i in nb.load(path)} == {"seller", "buyer", "auto"}


def _page(url: str) -> str:
    return re.sub(r"^https?://(www\.)?", "", url.strip().casefold()).rstrip("/")


@pytest.mark.parametrize(
    ("path", "first", "lang", "least"),
    [
        (nb.FRESH12_EN, nb.FRESH12_EN, "en", (390, 80, 300, 90)),
        (nb.FRESH12_NL, nb.FRESH12_EN, "nl", (140, 25, 110, 40)),
        (nb.FRESH13_EN, nb.FRESH13_EN, "en", (310, 80, 220, 60)),
        (nb.FRESH13_NL, nb.FRESH13_EN, "nl", (100, 20, 75, 20)),
    ],
)
def test_fresh12_on_takes_new_pages_only(
    path: Path, first: Path, lang: str, least: tuple[int, ...]
) -> None:
    """fresh12 (collected after fresh11 became tuning data) and fresh13 (after fresh12) may draw
    a new page from a host an earlier file drew from, and say so (``host_used: true``); no page
    and no text of an earlier file is in them, and every page says its reader."""
    earlier = nb.load_all(nb.TUNING[: nb.TUNING.index(first)] if first in nb.TUNING else nb.TUNING)
    items = nb.load(path)
    n, stages, criteria, pages = least
    assert len(items) >= n and len({i.url for i in items}) >= pages
    assert sum(i.kind == "stage" for i in items) >= stages
    assert sum(i.kind == "criterion" for i in items) >= criteria
    assert all(i.lang == lang for i in items)
    hosts = {_host(i.url) for i in earlier}
    assert all((_host(i.url) in hosts) == i.host_used for i in items)
    assert any(i.host_used for i in items) and not all(i.host_used for i in items)
    assert not {_page(i.url) for i in items} & {_page(i.url) for i in earlier}
    assert not {i.text.casefold() for i in items} & {i.text.casefold() for i in earlier}
    texts = [(i.kind, i.text.casefold()) for i in items]
    assert len(texts) == len(set(texts))
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert all(s["reader"] in ("seller", "buyer", "none") for s in doc["sources"])
    assert len({_host(s["url"]) for s in doc["sources"]}) == len(doc["sources"])


def test_the_hosts_filter_scores_new_or_used_hosts_apart(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert nb.main(["--corpus", str(nb.FRESH11_EN), "--hosts", "used", "--rules-only"]) == 0
    assert "hosts: used (0 items)" in capsys.readouterr().out
