"""Stage names read by morphology (SB232, issue 11 round 7): examples of our own per class."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from salesblueprint.norms_vocab import vocabulary
from salesblueprint.rules.norms import _names
from salesblueprint.rules.norms._language import stage_name_issue

DATA = yaml.safe_load(
    (Path(__file__).parent / "data" / "stage_names_morphology.yaml").read_text(encoding="utf-8")
)
CASES = [
    (lang, side, name)
    for lang, sides in DATA.items()
    for side, names in sides.items()
    for name in names
]


@pytest.mark.parametrize(("lang", "side", "name"), CASES)
def test_stage_name_by_class(lang: str, side: str, name: str) -> None:
    issue = stage_name_issue(vocabulary(lang), name)
    if side == "seller":
        assert issue is not None, name
    else:
        assert issue is None, (name, issue)


def test_fixture_covers_both_languages_and_sides() -> None:
    for lang in ("en", "nl"):
        assert len(DATA[lang]["seller"]) >= 40
        assert len(DATA[lang]["buyer"]) >= 40


@pytest.mark.parametrize(
    ("lang", "noun", "verb"),
    [
        ("en", "negotiation", "negotiate"),
        ("en", "qualification", "qualify"),
        ("en", "proposition", "propose"),
        ("en", "decision", "decide"),
        ("en", "discussion", "discuss"),
        ("en", "selection", "select"),
        ("en", "analysis", "analyse"),
        ("en", "engagement", "engage"),
        ("en", "discovery", "discover"),
        ("en", "approval", "approve"),
        ("en", "referral", "refer"),
        ("en", "acceptance", "accept"),
        ("en", "nurturing", "nurture"),
        ("en", "fabrication", "fabricate"),
        ("nl", "vormgeving", "vormgeven"),
        ("nl", "inrichting", "inrichten"),
        ("nl", "kwalificatie", "kwalificeren"),
        ("nl", "selectie", "selecteren"),
        ("nl", "onderhandeling", "onderhandelen"),
        ("nl", "beoordeling", "beoordelen"),
        ("nl", "ontvangst", "ontvangen"),
        ("nl", "analyse", "analyseren"),
        ("nl", "getekende", "tekenen"),
    ],
)
def test_verbs_of_nominalisations(lang: str, noun: str, verb: str) -> None:
    assert verb in _names.verbs_of(lang, noun)


@pytest.mark.parametrize(
    ("word", "split"),
    [
        ("onderhandelingsfase", ("onderhandeling", "fase")),
        ("oriëntatiefase", ("oriëntatie", "fase")),
        ("productdemonstratie", ("product", "demonstratie")),
        ("kennismakingsgesprek", ("kennismaking", "gesprek")),
        ("marktanalyse", ("markt", "analyse")),
        ("klant", None),
    ],
)
def test_dutch_compound_head(word: str, split: tuple[str, str] | None) -> None:
    assert _names.compound(vocabulary("nl"), word) == split


def test_no_compounds_in_english() -> None:
    assert _names.compound(vocabulary("en"), "salespresentation") is None


@pytest.mark.parametrize(
    ("lang", "word", "side"),
    [
        ("en", "evaluation", "buyer"),
        ("en", "review", "buyer"),
        ("en", "solicitation", "buyer"),
        ("en", "negotiating", "seller"),
        ("nl", "oriëntatiefase", "buyer"),  # a frame noun: judged by its modifier
        ("nl", "keuzefase", "buyer"),  # the modifier is a buyer's act noun
        ("nl", "presentatiefase", "seller"),
        ("nl", "leadgeneratie", "seller"),  # the last part of an unknown compound
        ("nl", "beoordeling", "buyer"),
        ("nl", "klant", None),
    ],
)
def test_word_side(lang: str, word: str, side: str | None) -> None:
    found = _names.word_side(vocabulary(lang), word)
    assert (found[0] if found else None) == side


@pytest.mark.parametrize(
    ("lang", "name", "words"),
    [
        ("nl", "Offerte maken", "'maken' read as an order to the seller"),
        ("nl", "Ter ondertekening", "'Ter ondertekening' read as a waiting state"),
        ("en", "Contract out for signature", "'out for signature' read as a waiting state"),
        ("en", "Develop", "'Develop' read as an order to the seller"),
        ("nl", "Productdemonstratie", "'Productdemonstratie' read as a noun of seller activity"),
        ("nl", "Concept offerte", "'Concept, offerte' read as a noun of seller activity"),
        ("en", "Proposal creation", "'Proposal creation' read as a noun of seller activity"),
    ],
)
def test_finding_says_why_in_the_names_words(lang: str, name: str, words: str) -> None:
    issue = stage_name_issue(vocabulary(lang), name)
    assert issue is not None
    assert issue.why.startswith(words), issue.why


@pytest.mark.parametrize(
    ("lang", "word", "verb"),
    [
        ("en", "disqualified", "qualify"),
        ("nl", "teruggebeld", "bellen"),
        ("nl", "gediskwalificeerd", "kwalificeren"),
        ("en", "signed", None),
    ],
)
def test_participle_behind_a_prefix(lang: str, word: str, verb: str | None) -> None:
    found = _names.participle_verb(lang, word)
    assert (verb in found) if verb else not found


def test_team_vocabulary_extends_the_buyer_jobs() -> None:
    """A team's own buying job silences a name the built-in lists would report."""
    base = vocabulary("en")
    assert stage_name_issue(base, "Develop") is not None
    extended = vocabulary("en", {"buyer_job_lemmas": ["develop"]})
    assert stage_name_issue(extended, "Develop") is None


def test_seller_party_after_a_preposition_is_the_buyers_process() -> None:
    v = vocabulary("en")
    name = "Preparing and conducting negotiations with the supplier"
    assert stage_name_issue(v, name) is None
    assert stage_name_issue(v, "Preparing negotiations") is not None


# -- names round 7 (normsnames7): the classes fresh4 showed, examples of our own ---------------


@pytest.mark.parametrize(
    ("name", "verb"),
    [
        ("Maak afspraken over de looptijd", "Maak"),
        ("Breng de eisen van de gebruikers in kaart", "Breng"),
        ("Stuur je ontwerp op", "Stuur"),
        ("Geef de sleutels af", "Geef"),
        ("Plan de montage in", "Plan"),
        # nouns, not orders: a hyphen, a preposition, a verb at the end, a buyer's act
        ("Bouw- en montagefase", None),
        ("Ontwerp van de gevel", None),
        ("Verkoop klaarmaken", None),
        ("Bezoek aan klant", None),
        ("Offerte maken", None),
    ],
)
def test_dutch_imperative_by_its_stem(name: str, verb: str | None) -> None:
    v = vocabulary("nl")
    found = _names.imperative(v, v.text(name))
    assert (found.text if found else None) == verb


def test_an_imperative_is_a_clause_not_a_noun_phrase() -> None:
    """The last noun of an order is its object: no noun reading of it; the seller's document as
    its object keeps the order (and says which words it read)."""
    v = vocabulary("nl")
    assert stage_name_issue(v, "Maak afspraken over de looptijd") is None
    assert stage_name_issue(v, "Breng de eisen van de gebruikers in kaart") is None
    issue = stage_name_issue(v, "Maak een offerte")
    assert issue is not None
    assert issue.why.startswith("'Maak een offerte' read as an order to the seller"), issue.why


@pytest.mark.parametrize(
    ("lang", "name"),
    [("nl", "Lever uw tekeningen aan"), ("nl", "Stuur je foto's op"), ("en", "Upload your files")],
)
def test_an_order_addressed_to_the_reader_is_the_buyers_step(lang: str, name: str) -> None:
    v = vocabulary(lang)
    assert _names.addressed_order(v, v.text(name))
    assert stage_name_issue(v, name) is None


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("Verification & Wrap-up", ["Verification", "Wrap-up"]),
        ("Packing and aftercare", ["Packing", "aftercare"]),
        # read whole: the buyer's job, a listed activity of several words
        ("Evaluation and contract", ["Evaluation and contract"]),
        ("Meet and greet", ["Meet and greet"]),
    ],
)
def test_english_steps_joined_by_and_are_read_one_by_one(name: str, parts: list[str]) -> None:
    assert _names.conjuncts(vocabulary("en"), name) == parts


def test_dutch_steps_joined_by_en_are_read_whole() -> None:
    """'Ontvangst en opening offertes': both steps share their object, the buyer's offers."""
    name = "Ontvangst en opening aanbiedingen"
    assert _names.conjuncts(vocabulary("nl"), name) == [name]


@pytest.mark.parametrize(
    ("lang", "name", "words"),
    [
        ("en", "Win strategy", "'strategy' read as a noun of seller activity"),
        ("en", "Account plan", "'Account plan' read as a noun of seller activity"),
        ("nl", "Verkoopstrategie", "'Verkoopstrategie' read as a noun of seller activity"),
    ],
)
def test_a_plan_of_the_pursuit_is_the_sellers_and_says_which(
    lang: str, name: str, words: str
) -> None:
    issue = stage_name_issue(vocabulary(lang), name)
    assert issue is not None and issue.why.startswith(words), issue


def test_team_vocabulary_extends_the_plan_nouns() -> None:
    assert stage_name_issue(vocabulary("en"), "Territory blueprint") is None
    extended = vocabulary("en", {"plan_nouns": ["territory blueprint"]})
    assert stage_name_issue(extended, "Territory blueprint") is not None


@pytest.mark.parametrize(
    ("lang", "name"),
    [
        ("en", "Send your proposal"),
        ("en", "Qualify your leads"),
        ("nl", "Plan je demo"),
        ("nl", "Bel je klant"),
    ],
)
def test_a_playbook_addressing_its_rep_stays_an_order_to_the_seller(lang: str, name: str) -> None:
    """'your'/'je' with the seller's document, an activity or the buyer addresses the rep."""
    v = vocabulary(lang)
    assert not _names.addressed_order(v, v.text(name))
    assert stage_name_issue(v, name) is not None


# -- names round 8 (normsnames8): the sales domain first, examples of our own ------------------


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Marketing Accepted Lead", "'Marketing' read as the seller"),
        ("SDR Rejected Account", "'SDR' read as the seller"),
        ("Teleprospecting accepted account", "'Teleprospecting accepted' read as the seller"),
    ],
)
def test_the_sellers_team_before_a_participle_is_its_agent(name: str, words: str) -> None:
    """'Sales Accepted Lead' is a sales-accepted lead: accepted by the seller, whatever the verb
    is elsewhere; the finding says which words it read and the class."""
    v = vocabulary("en")
    assert _names.seller_agent_participle(v, v.text(name)) is not None
    issue = stage_name_issue(v, name)
    assert issue is not None and issue.why.startswith(words), issue


@pytest.mark.parametrize(
    "name", ["Vendor selected", "Rep assigned", "Lead accepted", "Customer accepted the offer"]
)
def test_a_participle_with_no_noun_after_it_has_no_agent_before_it(name: str) -> None:
    """Alone, the word before the participle is its patient ('Vendor selected')."""
    v = vocabulary("en")
    assert _names.seller_agent_participle(v, v.text(name)) is None


def test_distance_prefix_keeps_the_verb() -> None:
    assert "prospect" in _names.verbs_of("en", "teleprospecting")


@pytest.mark.parametrize(
    ("part", "english"),
    [
        ("Schedule", True),
        ("Sales Qualified Lead", True),
        ("Discover", True),
        # loanwords Dutch uses, Dutch words
        ("Lead", False),
        ("Demo", False),
        ("Pipeline", False),
        ("Offerte verstuurd", False),
    ],
)
def test_english_in_a_dutch_name(part: str, english: bool) -> None:
    assert _names.english_in_dutch(vocabulary("nl"), part) is english
    assert not _names.english_in_dutch(vocabulary("en"), part)


def test_an_english_part_of_a_dutch_name_is_read_in_english_and_says_why() -> None:
    issue = stage_name_issue(vocabulary("nl"), "Discover: ken je klant")
    assert issue is not None
    assert issue.why.startswith("'Discover' read as seller work"), issue.why


def test_team_vocabulary_extends_the_customer_meetings() -> None:
    assert stage_name_issue(vocabulary("en"), "Success sync") is None
    extended = vocabulary("en", {"activity_nouns": ["success sync"]})
    assert stage_name_issue(extended, "Success sync") is not None
