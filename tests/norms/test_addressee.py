"""Who "you" / "je" / "u" is: read from each sentence, or declared once by the project
(``addressee: seller | buyer``)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from salesblueprint.model.load import load_bytes
from salesblueprint.norms_vocab import vocabulary
from salesblueprint.rules.config import Config, ConfigError, read_config
from salesblueprint.rules.engine import run_rules
from salesblueprint.rules.norms._language import criterion_actor

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"
sys.path.insert(0, str(BENCH))
import norms_benchmark as nb  # noqa: E402


def _side(lang: str, text: str, addressee: str) -> str | None:
    actor = criterion_actor(vocabulary(lang, None, addressee), text)
    return None if actor is None else actor.side


@pytest.mark.parametrize(
    ("lang", "text", "auto", "seller", "buyer"),
    [
        # the pronoun as the subject takes the declared side
        ("nl", "Je tekent de offerte", "seller", "seller", "buyer"),
        ("nl", "Je vult het aanvraagformulier in", "seller", "seller", "buyer"),
        ("nl", "U controleert de gegevens en vult ze aan", "buyer", "seller", "buyer"),
        ("en", "You complete the intake form", "seller", "seller", "buyer"),
        ("en", "You approve the quote", "buyer", "seller", "buyer"),
        # an order to the reader is the customer's to do when the criteria address the customer
        ("nl", "Controleer in deze stap jouw gegevens", "seller", "seller", "buyer"),
        # what the addressed customer receives is still the seller's act
        ("nl", "U ontvangt een offerte op maat", "seller", "buyer", "seller"),
        # a named actor is not the addressee: the declaration changes nothing
        ("nl", "Klant tekent de offerte", "buyer", "buyer", "buyer"),
        ("en", "The buyer signed the order form", "buyer", "buyer", "buyer"),
        ("en", "We sent the proposal", "seller", "seller", "seller"),
    ],
)
def test_the_declared_addressee_is_the_pronouns_side(
    lang: str, text: str, auto: str, seller: str, buyer: str
) -> None:
    assert _side(lang, text, "auto") == auto
    assert _side(lang, text, "seller") == seller
    assert _side(lang, text, "buyer") == buyer


def _sb231(outcome: str, config: Config) -> list[tuple[str, str]]:
    doc = (
        "salesblueprint: 1\nname: t\nlanguage: nl\n"
        "tools: [{id: crm, records: [email, deal]}]\n"
        "pipelines:\n  - id: p\n    stages:\n"
        "      - id: a\n        name: Offerte getekend\n        exit_criteria:\n"
        f"          - {{outcome: {json.dumps(outcome)}, evidence: Getekende offerte in het"
        " dossier, recorded_in: crm.deal}\n"
        "      - {id: won, outcome: won}\n      - {id: lost, outcome: lost}\n"
    )
    loaded = load_bytes(doc.encode(), "t.yaml")
    assert loaded.blueprint is not None, loaded.findings
    return [
        (f.message, f.fix or "") for f in run_rules(loaded.blueprint, config) if f.rule == "SB231"
    ]


def test_sb231_follows_the_project_and_says_how_to_declare_it() -> None:
    [(message, fix)] = _sb231("Je tekent de offerte digitaal", Config())
    assert "'Je' gelezen als de verkoper" in message
    assert "zet dan `addressee` op `buyer`" in fix and "'Je'" in fix
    assert _sb231("Je tekent de offerte digitaal", Config(addressee="buyer")) == []
    # the customer who receives a quote still reports the seller's act, with no hint
    [(message, fix)] = _sb231("U ontvangt binnen twee dagen een offerte", Config(addressee="buyer"))
    assert "'ontvangt'" in message and "addressee" not in fix
    # a seller named in words needs no declaration, so the fix does not suggest one
    [(_m, fix)] = _sb231("Wij sturen de offerte", Config())
    assert "addressee" not in fix


@pytest.mark.parametrize("value", ["seller", "buyer", "auto"])
def test_addressee_in_the_settings(tmp_path: Path, value: str) -> None:
    yml = tmp_path / ".salesblueprint.yaml"
    yml.write_text(f"addressee: {value}\n", encoding="utf-8")
    assert read_config(str(yml)).addressee == value
    toml = tmp_path / "pyproject.toml"
    toml.write_text(f'[tool.salesblueprint]\naddressee = "{value}"\n', encoding="utf-8")
    assert read_config(str(toml)).addressee == value


def test_addressee_defaults_to_reading_each_sentence(tmp_path: Path) -> None:
    yml = tmp_path / ".salesblueprint.yaml"
    yml.write_text("preset: recommended\n", encoding="utf-8")
    assert read_config(str(yml)).addressee == "auto" == Config().addressee


@pytest.mark.parametrize("value", ["klant", "Buyer", "true", "[buyer]", "1"])
def test_addressee_must_be_one_of_three(tmp_path: Path, value: str) -> None:
    yml = tmp_path / ".salesblueprint.yaml"
    yml.write_text(f"addressee: {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="addressee must be one of 'auto', 'seller', 'buyer'"):
        read_config(str(yml))


def test_the_benchmark_declares_each_pages_reader(tmp_path: Path) -> None:
    corpus = tmp_path / "c.yaml"
    corpus.write_text(
        "sources:\n"
        "  - url: https://example.org/werkwijze\n    reader: buyer\n    items:\n"
        "      - [criterion, nl, ok, Je tekent de offerte digitaal]\n"
        "  - url: https://example.org/playbook\n    reader: seller\n    items:\n"
        "      - [criterion, nl, bc, Je belt de lead binnen een dag]\n"
        "  - url: https://example.org/glossary\n    reader: mixed\n    items:\n"
        "      - [criterion, nl, ok, Klant heeft de offerte getekend]\n",
        encoding="utf-8",
    )
    items = nb.load(corpus)
    assert [i.reader for i in items] == ["buyer", "seller", "auto"]
    key = ("buyer-centric criteria", "nl")
    assert nb.evaluate(items, learned=False).scores[key].accuracy == pytest.approx(2 / 3)
    assert nb.evaluate(items, learned=False, declared=True).scores[key].accuracy == 1.0
    corpus.write_text(corpus.read_text().replace("reader: mixed", "reader: klant"))
    with pytest.raises(ValueError, match="bad reader 'klant'"):
        nb.load(corpus)
