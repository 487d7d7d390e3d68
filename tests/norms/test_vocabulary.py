"""The vocabularies: data files, matching rules, and a team's own words in the configuration."""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml

from salesblueprint.api import check
from salesblueprint.model.load import load_bytes
from salesblueprint.norms_vocab import CATEGORIES, LANGUAGES, builtin, vocabulary
from salesblueprint.rules.config import Config, ConfigError, read_config
from salesblueprint.rules.norms._language import (
    criterion_actor,
    factual_issues,
    stage_name_issue,
)

VOCAB_DIR = Path(__file__).resolve().parents[2] / "src" / "salesblueprint" / "norms_vocab"


def _bp(criterion: str, language: str = "en", name: str = "Step") -> str:
    return (
        f"salesblueprint: 1\nname: t\nlanguage: {language}\npipelines:\n  - id: p\n    stages:\n"
        f"      - id: a\n        name: {name}\n        exit_criteria:\n"
        f"          - outcome: {criterion}\n            evidence: Email reply\n"
        "            recorded_in: crm\n      - {id: won, outcome: won}\n"
        "      - {id: lost, outcome: lost}\ntools:\n  - {id: crm}\n"
    )


def _rules(text: str, config: Config | None = None) -> list[str]:
    result = load_bytes(text.encode("utf-8"), "b.yaml")
    assert result.blueprint is not None, result.findings
    return sorted(f.rule for f in check(result.blueprint, config) if f.rule.startswith("SB2"))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_data_files_have_every_category(lang: str) -> None:
    data = yaml.safe_load((VOCAB_DIR / f"{lang}.yaml").read_text(encoding="utf-8"))
    assert set(data) == set(CATEGORIES)
    for cat, entries in data.items():
        assert isinstance(entries, list) and entries, cat
        assert all(isinstance(e, str) for e in entries), cat


@pytest.mark.parametrize("lang", LANGUAGES)
def test_suggested_stage_names_are_buyer_centric(lang: str) -> None:
    v = vocabulary(lang)
    for entry in builtin(lang)["stage_names"]:
        pattern, _, suggestion = entry.partition("=>")
        assert stage_name_issue(v, pattern.strip()) is not None, pattern
        assert stage_name_issue(v, suggestion.strip()) is None, suggestion


def test_matching_is_case_insensitive_unicode_and_on_word_boundaries() -> None:
    en, nl = vocabulary("en"), vocabulary("nl")
    assert factual_issues(en, "BUYER SEEMS INTERESTED")
    assert not factual_issues(en, "Buyer signed the willow contract")  # 'will' inside a word
    decomposed = unicodedata.normalize("NFD", "Klant is geïnteresseerd")
    assert decomposed != "Klant is geïnteresseerd"
    assert factual_issues(nl, decomposed)[0].words == "'geïnteresseerd'"
    assert factual_issues(nl, "Klant is GEÏNTERESSEERD")
    assert criterion_actor(en, "Contract signed by the decision-maker") is not None
    assert criterion_actor(en, "Contract signed by the decision-maker").side == "buyer"  # type: ignore[union-attr]
    assert criterion_actor(en, "Proposal sent to the customer’s CFO").side == "seller"  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "side"),
    [
        ("Offerte is verstuurd", "seller"),
        ("Wij hebben de demo gegeven", "seller"),
        ("Klant heeft offerte ondertekend", "buyer"),
        ("Na de demo heeft de klant een vervolgafspraak ingepland", "buyer"),
        ("Verkoper heeft de klant gebeld", "seller"),
        ("Offerte ondertekend door de inkoper", "buyer"),
        ("Klant bellen", "seller"),
    ],
)
def test_dutch_word_order(text: str, side: str) -> None:
    actor = criterion_actor(vocabulary("nl"), text)
    assert actor is not None and actor.side == side


def test_team_vocabulary_extends_the_built_in_one() -> None:
    text = _bp("Buyer has fingers crossed")
    assert _rules(text) == []
    config = Config.from_mapping(
        {"vocabulary": {"en": {"hedges": ["fingers crossed"]}}}, "pyproject.toml"
    )
    assert _rules(text, config) == ["SB211"]
    # jargon for the buyer's side: the customer's steering committee
    text = _bp("Pilot plan sent by the steerco", "en")
    assert _rules(text) == ["SB231"]
    config = Config.from_mapping(
        {"vocabulary": {"en": {"buyer_actors": ["steerco"]}}}, "pyproject.toml"
    )
    assert _rules(text, config) == []
    # Dutch words go to the Dutch vocabulary only
    config = Config.from_mapping({"vocabulary": {"nl": {"hedges": ["duimen"]}}}, "x")
    assert _rules(_bp("Klant heeft getekend, duimen", "nl"), config) == ["SB211"]
    assert _rules(_bp("Buyer signed, duimen", "en"), config) == []


def test_team_stage_name_suggestions() -> None:
    text = _bp("Buyer signed the order form", name="Paperwork wrangled")
    assert _rules(text) == []
    config = Config.from_mapping(
        {
            "vocabulary": {
                "en": {
                    "seller_activities": ["wrangled"],
                    "stage_names": ["paperwork wrangled => Paperwork returned"],
                }
            }
        },
        "x",
    )
    result = load_bytes(text.encode(), "b.yaml")
    assert result.blueprint is not None
    fixes = [f.fix or "" for f in check(result.blueprint, config) if f.rule == "SB232"]
    assert len(fixes) == 1 and "e.g. 'Paperwork returned'" in fixes[0]


@pytest.mark.parametrize(
    ("raw", "fragment"),
    [
        ({"vocabulary": ["x"]}, "must map a language"),
        ({"vocabulary": {"de": {"hedges": ["x"]}}}, "unknown language 'de'"),
        ({"vocabulary": {"en": ["x"]}}, "must map categories"),
        ({"vocabulary": {"en": {"hedgez": ["x"]}}}, "unknown category 'hedgez'"),
        ({"vocabulary": {"en": {"hedges": "x"}}}, "must be a list of strings"),
        ({"vocabulary": {"en": {"hedges": [1]}}}, "must be a list of strings"),
        ({"vocabulary": {"en": {"hedges": ["/([/"]}}}, "invalid regular expression"),
        ({"vocabulary": {"en": {"hedges": [" "]}}}, "empty vocabulary entry"),
    ],
)
def test_invalid_vocabulary_settings(raw: dict[str, object], fragment: str) -> None:
    with pytest.raises(ConfigError, match=fragment.replace("(", r"\(").replace("[", r"\[")):
        Config.from_mapping(raw, "pyproject.toml")


def test_vocabulary_in_pyproject(tmp_path: Path) -> None:
    p = tmp_path / "pyproject.toml"
    p.write_text(
        '[tool.salesblueprint.vocabulary.nl]\nbuyer_actors = ["inkoopcommissie"]\n',
        encoding="utf-8",
    )
    config = read_config(str(p))
    assert config.vocabulary == {"nl": {"buyer_actors": ("inkoopcommissie",)}}


def test_check_path_does_not_import_networkx(tmp_path: Path) -> None:
    f = tmp_path / "b.yaml"
    f.write_text(_bp("Buyer seems interested"), encoding="utf-8")
    code = (
        "import sys\nfrom salesblueprint.api import check_file\n"
        f"fs = check_file({str(f)!r})\n"
        "assert any(x.rule == 'SB211' for x in fs), fs\n"
        "assert 'networkx' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_any_text_is_analysed_without_error() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from salesblueprint.rules.norms._language import content_words, evidence_issue

    words = ["buyer ", "we ", "klant ", "heeft ", "sent ", "gegeven ", "by ", "door ", "'s "]
    pieces = st.sampled_from([*"abcdeiklnorstuwyzï '’-.,:;/*()\n\t0123456789", *words])

    @settings(max_examples=300, deadline=None)
    @given(st.lists(pieces, max_size=40).map("".join), st.sampled_from(LANGUAGES))
    def run(text: str, lang: str) -> None:
        v = vocabulary(lang)
        factual_issues(v, text)
        criterion_actor(v, text)
        stage_name_issue(v, text)
        evidence_issue(v, text)
        content_words(v, text)

    run()


def test_long_text_is_bounded() -> None:
    import time

    v = vocabulary("en")
    text = "buyer we sent by the customer " * 20_000
    start = time.perf_counter()
    factual_issues(v, text)
    criterion_actor(v, text)
    assert time.perf_counter() - start < 5


def test_the_documented_team_words_work() -> None:
    """The example of docs/configuration.md "Your team's words": a team's buyer-side word makes
    an order in the buyer's vendor selection the buyer's, a team's seller verb makes its bare
    participle the rep's work."""
    config = Config.from_mapping(
        {
            "vocabulary": {
                "en": {"buyer_side_words": ["vendor scorecard"], "seller_work_lemmas": ["wrangle"]}
            }
        },
        "pyproject.toml",
    )
    order = _bp("Rate each demo on the vendor scorecard")
    assert _rules(order) == ["SB231"]
    assert _rules(order, config) == []
    wrangled = _bp("Paperwork wrangled")
    assert _rules(wrangled) == []
    assert _rules(wrangled, config) == ["SB231"]
