"""A learned second reading of exit criteria, over the rules' own analysis.

The rules in :mod:`._language` read who acts in a criterion and whether it states a judgement.
On real text they have never seen they miss English seller steps written in words no list
knows, and they flag judgements that real pages do not count as one. This module weighs the
rules' analysis of a criterion (the actor :func:`criterion_actor` read and how, the kinds of
:func:`factual_issues`, the vocabulary categories that match) together with the lemmas of its
words, with one logistic regression per norm and language, fitted on the labelled corpus of
real criteria in ``benchmarks/norms_corpus/`` by ``benchmarks/train_norms_model.py``. The
weights ship as data (``learned_weights.json``); nothing is downloaded or fitted at run time,
and the same text always gets the same answer.

Each model has one use, chosen on text it was not fitted on (benchmarks/norms_corpus/README.md,
"Learned second reading"):

- ``veto``: a finding of the rules is kept only when the model agrees or the text holds one of
  the team's own vocabulary entries (factual, en and nl; SB211 asks it about judgement words
  and process futures only, never about the buyer's or the deal's future, beliefs and hedges:
  :func:`weighable`);
- ``add``: a criterion in which the rules read no actor is reported when the model reads it as
  the seller's step; the finding quotes the words of the text that weigh most toward it
  (buyer-centric, en).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from math import exp
from typing import Literal

from salesblueprint.i18n import N_
from salesblueprint.norms_vocab import Text, Vocabulary
from salesblueprint.rules.norms._language import FactualIssue, criterion_actor, factual_issues
from salesblueprint.rules.norms._lemmas import dictionary_lemma
from salesblueprint.rules.options import Option

#: the option of SB211 and SB231 that turns the learned second reading off
LEARNED_READING = Option(
    "learned-reading",
    True,
    N_(
        "Weigh the rules' reading with the model fitted on real criteria (false: the rules "
        "alone, every finding explained by the words a vocabulary category matched)"
    ),
)

Use = Literal["veto", "add"]
WEIGHTS = "learned_weights.json"
#: the norms a model may judge (the keys of ``learned_weights.json``'s ``models``)
NORMS = ("buyer-centric", "factual")


@dataclass(frozen=True)
class Model:
    """One logistic regression: ``p = 1 / (1 + exp(-(bias + sum of the weights of the
    features present)))``; it says "violated" when ``p >= threshold``."""

    norm: str
    language: str
    use: Use
    bias: float
    threshold: float
    weights: dict[str, float]

    def probability(self, features: frozenset[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features)
        return 1.0 / (1.0 + exp(-z)) if z > -700 else 0.0

    def violated(self, features: frozenset[str]) -> bool:
        return self.probability(features) >= self.threshold


def _words(v: Vocabulary, t: Text) -> list[tuple[str, str]]:
    """Each word of the text (as written) with its lemma."""
    return [(t.raw[s:e], dictionary_lemma(v.language, w)) for s, e, w in t.words]


def _content_spans(v: Vocabulary, t: Text) -> frozenset[tuple[int, int]]:
    """The offsets of the words of ``t`` that are no stop words ("the", "and", "de", "en")."""
    stops = v.find("stopwords", t)
    return frozenset(
        (s, e)
        for s, e, w in t.words
        if len(w) > 1 and not any(x.start <= s and e <= x.end for x in stops)
    )


#: vocabulary categories of the seller's side, quoted first when the model adds a finding
_SELLER_CATEGORIES = (
    "seller_actors",
    "seller_activities",
    "seller_verbs",
    "activity_nouns",
    "seller_stage_nouns",
)


def features(v: Vocabulary, text: str) -> frozenset[str]:
    """The features of one exit criterion: the rules' analysis and the lemmas of its words.

    ``actor:<side>:<how>`` (how :func:`criterion_actor` read the actor), ``fact:<kind>`` (the
    kinds of :func:`factual_issues`), ``cat:<category>`` (each vocabulary category that matches,
    the team's own words included), ``w:<lemma>`` (each word), ``first:<lemma>`` (the first
    word, where orders and headings start) and ``len:<n>`` (the number of words, in steps of
    three up to twelve)."""
    t = v.text(text)
    out: set[str] = set()
    actor = criterion_actor(v, text)
    if actor is not None:
        out.add(f"actor:{actor.side}:{actor.how}")
    out.update(f"fact:{issue.kind}" for issue in factual_issues(v, text))
    out.update(f"cat:{cat}" for cat in v.hits(t) if v.find(cat, t))
    lemmas = [lm for _, lm in _words(v, t)]
    out.update(f"w:{lm}" for lm in lemmas)
    if lemmas:
        out.add(f"first:{lemmas[0]}")
    out.add(f"len:{min(len(lemmas), 12) // 3}")
    return frozenset(out)


def parse(doc: object) -> dict[tuple[str, str], Model]:
    """The models of a weights document (``learned_weights.json``), by norm and language."""
    if not isinstance(doc, dict) or not isinstance(doc.get("models"), list):
        raise ValueError("learned weights: no models")
    out: dict[tuple[str, str], Model] = {}
    for m in doc["models"]:
        if m["norm"] not in NORMS or m["use"] not in ("veto", "add"):
            raise ValueError(f"learned weights: bad model {m['norm']!r} {m['use']!r}")
        model = Model(
            str(m["norm"]),
            str(m["language"]),
            m["use"],
            float(m["bias"]),
            float(m["threshold"]),
            {str(k): float(w) for k, w in m["weights"].items()},
        )
        out[(model.norm, model.language)] = model
    return out


@lru_cache(maxsize=1)
def models() -> dict[tuple[str, str], Model]:
    """The shipped models (read once, on the first criterion a learned model judges)."""
    raw = resources.files(__package__).joinpath(WEIGHTS).read_text(encoding="utf-8")
    return parse(json.loads(raw))


def model_for(norm: str, language: str, use: Use) -> Model | None:
    m = models().get((norm, language))
    return m if m is not None and m.use == use else None


@lru_cache(maxsize=16)
def _team_vocabulary(language: str, key: tuple[tuple[str, tuple[str, ...]], ...]) -> Vocabulary:
    return Vocabulary(language, dict(key))


def team_words_in(language: str, team: Mapping[str, Sequence[str]] | None, text: str) -> bool:
    """Whether one of the team's own vocabulary entries (``[tool.salesblueprint.vocabulary]``
    of ``language``) occurs in ``text``: a reading the team asked for is never vetoed."""
    key = tuple(sorted((k, tuple(x)) for k, x in (team or {}).items() if k != "stage_names"))
    if not key:
        return False
    tv = _team_vocabulary(language, key)
    t = tv.text(text)
    return any(tv.find(cat, t) for cat in tv.hits(t))


#: verbs whose future is the deal's outcome ("Deal will close this month"), besides the buyer's
#: acts and decisions
_OUTCOME_LEMMAS = frozenset(
    {"close", "win", "lose", "slip", "land", "sign", "sluiten", "winnen", "verliezen", "tekenen"}
)


def weighable(v: Vocabulary, text: str, issues: Sequence[FactualIssue]) -> bool:
    """Whether the ``veto`` model of the factual norm may weigh the factual issues of ``text``.

    Never a forecast of the buyer's act or the deal's outcome ("Decision maker will sign next
    week", "Deal will close this month", "Klant gaat volgende week tekenen"), the seller's
    belief ("We think ..."), or a hedge ("seems", "lijkt"): in an exit criterion these never
    state what happened. It may weigh judgement words ("an email thanking them for their
    interest") and a future that describes the process ("Once a deal has been shared from
    RevOps, the deal will be in negotiation status", "De offerte zal met u doorgesproken
    worden")."""
    kinds = {i.kind for i in issues}
    if "belief" in kinds or v.find("hedges", v.text(text)):
        return False
    if "forecast" in kinds:
        actor = criterion_actor(v, text)
        if actor is not None and actor.side == "buyer":
            return False
        for _, lm in _words(v, v.text(text)):
            if (
                lm in _OUTCOME_LEMMAS
                or v["buyer_act_lemmas"].has_word(lm)
                or v["decision_lemmas"].has_word(lm)
            ):
                return False
    return True


def keeps(
    v: Vocabulary, norm: str, text: str, team: Mapping[str, Sequence[str]] | None = None
) -> bool:
    """Whether a finding of the rules on ``text`` for ``norm`` stands: True unless a ``veto``
    model for the norm and the text's language reads the text as fine and none of the team's
    own words (``team``: its vocabulary entries for the text's language) occurs in it."""
    m = model_for(norm, v.language, "veto")
    if m is None or m.violated(features(v, text)):
        return True
    return team_words_in(v.language, team, text)


def seller_words(v: Vocabulary, text: str, most: int = 3) -> str | None:
    """For a criterion in which the rules read no actor: the words that make the ``add`` model
    of the buyer-centric norm read it as the seller's step, quoted ("'validation', 'Account'");
    None when the model does not, when there is no such model for the text's language, or when
    the rules read an actor (a buyer they read stays the buyer)."""
    m = model_for("buyer-centric", v.language, "add")
    if m is None or criterion_actor(v, text) is not None:
        return None
    if not m.violated(features(v, text)):
        return None
    t = v.text(text)
    # words the vocabulary already places on the seller's side come first ("Account
    # Executives", "Qualification"), then the words with the largest weights
    spans = sorted(
        {(x.start, x.end) for cat in _SELLER_CATEGORIES for x in v.find(cat, t)},
        key=lambda se: (se[0], -se[1]),
    )
    chosen: list[tuple[int, int]] = []
    for se in spans:
        if len(chosen) < most and not any(a <= se[0] < b for a, b in chosen):
            chosen.append(se)
    content = _content_spans(v, t)
    weighed = sorted(
        (-m.weights.get(f"w:{dictionary_lemma(v.language, w)}", 0.0), s, e)
        for s, e, w in t.words
        if (s, e) in content
    )
    for neg, s, e in weighed:
        if len(chosen) >= most or neg >= 0:
            break
        if not any(a <= s < b for a, b in chosen):
            chosen.append((s, e))
    if not chosen:  # only the analysis (categories, length) weighs toward the seller
        return f"'{t.raw.strip()}'"
    return ", ".join(f"'{t.raw[s:e]}'" for s, e in sorted(chosen))
