"""Reading exit criteria and stage names with a vocabulary: the heuristics behind the norm rules.

Everything here is deterministic word matching (see :mod:`salesblueprint.norms_vocab`), tuned on
the labelled corpus in ``tests/norms/corpus.yaml``:

- :func:`factual_issues`: hedges and judgement words, future tense and intentions, the seller's
  belief;
- :func:`criterion_actor`: who performs an exit criterion (the buyer, the seller, or unknown),
  from the subject, a passive agent ("by the buyer"), seller activity in the passive ("Proposal
  sent", "Offerte is verstuurd") and to-do items ("Send proposal", "Klant bellen");
- :func:`stage_name_issue`: a stage name that names seller activity, with a buyer-centric name;
- :func:`evidence_issue`: evidence that is no artefact (a judgement, or only spoken);
- :func:`content_words`: what a criterion says, for comparing criteria.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING, Literal, TypeVar

from salesblueprint import i18n
from salesblueprint.norms_vocab import CACHE_ENTRIES, Phrases, Span, Text, Vocabulary, vocabulary
from salesblueprint.rules.norms._lemmas import base_verb_en as dictionary_base_verb_en
from salesblueprint.rules.norms._lemmas import dictionary_lemma, extended, known
from salesblueprint.rules.norms._lemmas import inflection_lemma as dictionary_inflection_lemma

if TYPE_CHECKING:
    from salesblueprint.rules.engine import Context

Side = Literal["buyer", "seller"]
FactualKind = Literal["belief", "forecast", "opinion"]
T = TypeVar("T")

_IRREGULAR_PARTICIPLES = frozenset(
    {"sent", "held", "built", "made", "done", "met", "set", "got", "paid", "left", "kept"}
    | {"won", "lost", "shown", "read", "put"}
)


#: English irregular participles the dictionary keeps as adjectives ("given", "written")
_IRREGULAR_EN = {
    "given": "give",
    "taken": "take",
    "written": "write",
    "drawn": "draw",
    "chosen": "choose",
    "spoken": "speak",
    "told": "tell",
    "sold": "sell",
    "brought": "bring",
    "sought": "seek",
    "begun": "begin",
    "undertaken": "undertake",
}


def vocab_for(ctx: Context, text: str | None = None) -> Vocabulary:
    """The vocabulary to read ``text`` with, with the project's own entries added.

    That is the vocabulary of the language ``text`` is clearly written in
    (:func:`salesblueprint.norms_vocab.detect.detect`), else of the blueprint's ``language``:
    a Dutch criterion in a blueprint marked ``language: en`` is judged as Dutch (and SB251
    reports the mismatch once).
    """
    lang = text_language(ctx, text) if text is not None else ctx.bp.language
    extra = team_entries(ctx, lang)
    if extra and extended(lang):
        lemma.cache_clear()  # the lemma table knows only the built-in vocabulary
        inflection_lemma.cache_clear()
    return vocabulary(lang, extra, getattr(ctx.config, "addressee", "auto"))


def team_entries(ctx: Context, lang: str) -> dict[str, tuple[str, ...]] | None:
    """The project's own vocabulary entries for ``lang`` (``[tool.salesblueprint.vocabulary]``),
    by category; None when it added none."""
    return (getattr(ctx.config, "vocabulary", {}) or {}).get(lang)


def text_language(ctx: Context, text: str) -> str:
    """The language ``text`` is written in, or the blueprint's when the words do not say."""
    from salesblueprint.norms_vocab.detect import detect

    return detect(text) or ctx.bp.language


def _cached(v: Vocabulary, kind: str, text: str, fn: Callable[[], T]) -> T:
    key = (kind, text)
    if key in v.cache:
        return v.cache[key]  # type: ignore[no-any-return]
    if len(v.cache) > CACHE_ENTRIES:
        v.cache.clear()
    out = v.cache[key] = fn()
    return out


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def _without(spans: Sequence[Span], *others: Sequence[Span]) -> list[Span]:
    if not spans:
        return []
    if not any(others):
        return list(spans)
    return [s for s in spans if not any(_overlaps(s, o) for group in others for o in group)]


def _quote(spans: Sequence[Span]) -> str:
    words = list(dict.fromkeys(s.text for s in spans))
    return ", ".join(f"'{w}'" for w in words)


# -- factual ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FactualIssue:
    kind: FactualKind
    spans: tuple[Span, ...]

    @property
    def words(self) -> str:
        return _quote(self.spans)


def _gap_words(t: Text, start: int, end: int) -> list[str]:
    return [w for s, e, w in t.words if s >= start and e <= end]


def _seller_belief(v: Vocabulary, t: Text, exc: list[Span]) -> list[Span]:
    found = _without(v.find("seller_belief", t), exc)
    actors = _without(v.find("seller_actors", t), exc)
    if not actors:
        return found
    verbs = _without(v.find("belief_verbs", t), exc)
    dets = v["determiners"]
    for a in actors:
        for b in verbs:
            if b.start >= a.end:
                gap = _gap_words(t, a.end, b.start)
                if len(gap) <= 1 and not _belief_verb_takes_noun(v, t, b):
                    found.append(Span(a.start, b.end, t.raw[a.start : b.end]))
            elif b.end <= a.start:  # inversion: "denkt de verkoper", "feels our rep"
                gap = _gap_words(t, b.end, a.start)
                poss = v["seller_possessives"]
                if len(gap) <= 2 and all(dets.has_word(w) or poss.has_word(w) for w in gap):
                    found.append(Span(b.start, a.end, t.raw[b.start : a.end]))
    found.sort(key=lambda s: (s.start, -s.end))
    out: list[Span] = []
    for s in found:
        if not out or s.start >= out[-1].end:
            out.append(s)
    return out


#: finite verbs and auxiliaries that show a clause after a verb of belief ("assumes the deal
#: will close", "believes the champion has budget")
_CLAUSE_VERBS_EN = frozenset(
    {"is", "are", "was", "were", "will", "would", "has", "have", "had", "can", "could"}
    | {"should", "may", "might", "must", "s", "ll", "d", "does", "do", "did"}
)


def _belief_verb_takes_noun(v: Vocabulary, t: Text, b: Span) -> bool:
    """An English verb of belief with a plain noun phrase as its object and no clause after it:
    "sales assumes the primary responsibility for ..." takes something on, it believes nothing
    ("The rep assumes the deal will close" stays a belief)."""
    if v.language != "en":
        return False
    k = t.first_word_at(b.end)
    if k >= len(t.words):
        return False
    w = t.words[k][2]
    if not v["determiners"].has_word(w) or v["complementizers"].has_word(w):
        return False  # "assumes that ...": a clause
    _a, e = next(((x, y) for x, y in _clauses(t) if x <= k < y), (0, len(t.words)))
    return not any(
        t.words[x][2] in _CLAUSE_VERBS_EN
        or (t.words[x][2].endswith("s") and _base_verb_en(t.words[x][2][:-1]))
        or t.words[x][2].endswith("ed")
        for x in range(k + 2, e)
    )


def _dutch_non_judgement(v: Vocabulary, t: Text, j: Span) -> bool:
    """A Dutch judgement word that is part of something else.

    The first part of a hyphenated compound ("intentie-overeenkomst"), or the separable particle
    of a verb earlier in the clause ("zet de offerte klaar voor verzending": *klaarzetten*).
    """
    if t.raw[j.end : j.end + 1] == "-" and t.raw[j.end + 1 : j.end + 2].isalpha():
        return True
    i = t.first_word_at(j.start)
    if i >= len(t.words):
        return False
    first = t.words[i][2]
    if first not in _NL_SEPARABLE:
        return False
    verbs = v["seller_work_lemmas"], v["buyer_act_lemmas"]
    for _, _e, w in t.words[:i]:
        lm = lemma("nl", w)
        if any(c.has_word(first + lm) or c.has_word(first + w) for c in verbs):
            return True
    return False


def _observable_act(v: Vocabulary, t: Text, exc: list[Span], reported: bool = True) -> bool:
    """The text reports an act a manager could see: a reporting verb ("confirmed in writing",
    "schriftelijk bevestigd"; unless not ``reported``) or a verb whose lemma is a buyer's act or
    a submission ("requested", "tekent", "formally submit franchise applications")."""
    if reported and _without(v.find("reporting_verbs", t), exc):
        return True
    buyer, sub = v["buyer_act_lemmas"], v["submission_lemmas"]
    prev = ""
    for _, _, w in t.words:
        lm = lemma(v.language, w)
        if (
            (buyer.has_word(lm) or sub.has_word(lm))
            and (w != lm or v.language == "nl" or sub.has_word(lm))
            and prev not in ("te", "to")
        ):
            return True  # not an infinitive: "klaar om te kopen" is no purchase
        prev = w
    return False


def factual_issues(v: Vocabulary, text: str) -> tuple[FactualIssue, ...]:
    """Why ``text`` is not a factual event: seller belief, forecast, opinion (in that order)."""
    return _cached(v, "factual", text, lambda: _factual_issues(v, text))


#: a word that opens an embedded question: what follows is what the seller finds out
_QUESTION_WORDS = {"en": frozenset({"whether"}), "nl": frozenset({"of"})}
#: words that open an embedded wh-question after a verb: what the seller finds out
_WH_WORDS = {
    "en": frozenset({"what", "which", "how", "why", "when", "who"}),
    "nl": frozenset({"wat", "welke", "hoe", "waarom", "wanneer", "wie", "waar"}),
}


def _is_known_nl(word: str) -> bool:
    return known("nl", word)


def _nl_separable_stem(t: Text, i: int, j: int, b: int) -> bool:
    """A Dutch word at ``i`` that is the finite stem of a separable verb whose particle ends its
    clause (verb second): "Je bereid je voor op de ontmoeting" (*voorbereiden*)."""
    if i != j:
        return False
    w = t.words[i][2]
    lm = lemma("nl", w)
    for k in range(i + 1, b):
        p = t.words[k][2]
        if p in _NL_SEPARABLE and (p + lm).endswith("en") and _is_known_nl(p + lm):
            return True
    return False


#: words that make "gaan" a verb of its own wherever they stand in its clause ("gaat het
#: bruidspaar akkoord", "gaat onze adviseur verder met ...")
_NL_GAAN_COMPLEMENTS = frozenset({"akkoord", "verder", "live"})


def _nl_infinitive_in(v: Vocabulary, words: Sequence[str], a: int, b: int) -> bool:
    """A Dutch infinitive among ``words[a:b]`` that is the verb of the clause (the future
    "gaat ... tekenen" needs one): not in a purpose clause after "om" ("gaan we aan de slag om
    uw wensen in kaart te brengen"), not a plural noun or nominal infinitive right after a
    preposition ("gaat op zoek naar oplossingen", "gaat verder met inventariseren"), and
    none at all when a complement makes "gaan" a verb of its own ("gaat akkoord")."""
    if any(w in _NL_GAAN_COMPLEMENTS for w in words[a:b]):
        return False
    prepositions = v["object_markers"]
    for k in range(a, b):
        w = words[k]
        if w == "om":
            return False
        if k > 0 and prepositions.has_word(words[k - 1]):
            continue
        lm = lemma("nl", w)
        if w.endswith("en") and len(w) > 3 and (lm == w or w.startswith(lm)):
            return True  # "tekenen" (the dictionary gives the noun "teken"), "kopen"
    return False


def _nl_nominal_infinitive(words: Sequence[str], i: int, j: int) -> bool:
    """A Dutch infinitive used as a noun: after "het" and other infinitives ("het onderzoeken
    en overwegen van hun opties")."""
    if i != j or not words[i].endswith("en"):
        return False
    k = i - 1
    while k >= 0 and i - k <= 4:
        if words[k] == "het":
            return True
        if not (words[k] == "en" or words[k].endswith("en")):
            return False
        k -= 1
    return False


#: words before "mogelijk"/"possible" that make it a degree ("zo snel mogelijk", "waar
#: mogelijk", "as soon as possible"), not a hedge
_DEGREE_WORDS = frozenset({"zo", "zoveel", "waar", "indien", "als", "as", "where", "if"})
#: Dutch "gaan" as a verb of its own, not the future: "gaat akkoord", "gaat in op"
_NL_GAAN = frozenset({"gaat", "gaan", "ging", "gingen"})
_NL_GAAN_NOT_FUTURE = frozenset({"akkoord", "verder", "live", "naar", "met", "om", "samen"})
_TOPIC_PREPOSITIONS = frozenset({"over", "naar", "about", "regarding", "into", "omtrent"})
#: prepositions of a ground or motive ("op basis van interesse", "vanuit oprechte interesse",
#: "out of interest"): the judgement word names why, it does not judge the buyer
_GROUND_PREPOSITIONS = frozenset({"basis", "vanuit", "uit", "based"})
#: modals that say what should be done (deontic), not how likely it is
_DEONTIC = frozenset({"moeten", "dienen", "behoren", "moet", "dient"})


def _descriptive(v: Vocabulary, t: Text, span: Span, kind: str) -> bool:
    """A factual-issue word that, in its context, describes rather than judges or forecasts.

    - the first part of a hyphenated compound ("intentie-overeenkomst", "likely-to-buy score");
    - inside an embedded question ("bepaalt of hij een vervolggesprek wil", "checks whether
      the buyer will ..."): what the seller finds out, not the seller's forecast;
    - a degree ("zo snel mogelijk", "waar mogelijk", "as soon as possible");
    - an approximate quantity ("ongeveer 20 licenties", "roughly 10 seats");
    - Dutch "zou moeten" / "zouden dienen": what should be done (deontic);
    - Dutch "gaan" followed by a particle or preposition ("gaat in op de bezwaren", "gaat
      verder met"): the verb itself, not the future;
    - a judgement word that is the topic of a preposition ("informatie over de interesse",
      "about the customer's interest") or modifies a buyer's act or document ("positief
      besluit", "positive decision").
    """
    raw = t.raw
    if raw[span.end : span.end + 1] == "-" and raw[span.end + 1 : span.end + 2].isalpha():
        return True
    i = t.first_word_at(span.start)
    j = t.last_word_before(span.end)
    if i >= len(t.words) or j < i:
        return False
    words = [w for _, _, w in t.words]
    a, b = next(((x, y) for x, y in _clauses(t) if x <= i < y), (0, len(words)))
    qw = _QUESTION_WORDS.get(v.language, frozenset())
    if any(words[k] in qw for k in range(a, i)):
        return True
    wh = _WH_WORDS.get(v.language, frozenset())
    if kind != "hedges" and any(words[k] in wh for k in range(a + 1, i)):
        # "Je onderzoekt wat het bedrijf wil", "asks what the buyer expects"; a hedge stays
        # one ("vraagt hoe hij gevoelsmatig de kansen beoordeelt")
        return True
    if v.language == "nl" and _nl_separable_stem(t, i, j, b):
        return True  # "Je bereid je voor op": the stem of *voorbereiden*, no intention
    if v.language == "nl" and _nl_nominal_infinitive(words, i, j):
        return True  # "met het onderzoeken en overwegen van hun opties": a noun
    first, last = words[i], words[j]
    prev = words[i - 1] if i > 0 else ""
    nxt = words[j + 1] if j + 1 < len(words) else ""
    prev2 = words[i - 2] if i > 1 else ""
    if last.startswith(("mogelijk", "possibl")) and (
        prev in _DEGREE_WORDS or prev2 in _DEGREE_WORDS
    ):
        return True
    if kind == "hedges" and (nxt[:1].isdigit() or raw[span.end :].lstrip()[:1] in ("€", "$", "£")):
        return True
    if v.language == "nl":
        if (
            kind == "hedges"
            and i == j
            and nxt
            and (
                first.endswith("e")
                or prev in ("en", "of")
                or (
                    v["determiners"].has_word(prev)
                    and not v["passive_auxiliaries"].has_word(prev)  # "zijn": the verb too
                )
            )
            and not _is_marker(v, nxt)
            and not _nl_finite(nxt)
            and (
                inflection_lemma("nl", nxt) == lemma("nl", nxt) == nxt
                or _nl_noun_phrase_start(v, words, j + 1)
            )
        ):
            # attributive, at the start of a noun phrase: "het resterende bedrag en eventueel
            # meerwerk", "eventuele kosten" (whatever there is), not a hedge on the criterion
            return True
        if first in ("zou", "zouden") and nxt in _DEONTIC:
            return True
        if (
            first in _NL_GAAN
            and i == j
            and (not nxt or nxt in _NL_SEPARABLE or nxt in _NL_GAAN_NOT_FUTURE)
        ):
            return True
        if first in _NL_GAAN and i == j and not _nl_infinitive_in(v, words, i + 1, b):
            return True  # "gaat de deal naar gewonnen": a verb of motion, no infinitive
    if kind == "future" and _relative_future(v, t, words, i, a, b):
        return True
    if kind == "hedges" and _as_a_rule(v, t, span, words, a, b):
        return True
    if kind == "judgements":
        if (
            nxt
            and v["buyer_actors"].has_word(nxt)
            and _verb_follows(v, t, Span(t.words[j + 1][0], t.words[j + 1][1], nxt))
        ):
            return True  # "Interested prospect booked a call": an adjective on the actor
        if nxt and (
            v["buyer_act_nouns"].has_word(nxt)
            or v["buyer_artefacts"].has_word(nxt)
            or v["artefacts"].has_word(nxt)
        ):
            return True
        # a ground or motive, with at most one adjective between: "op basis van interesse en
        # gedrag", "vanuit oprechte interesse"
        for k in range(max(0, i - 3), i):
            if words[k] in _GROUND_PREPOSITIONS and (
                k == i - 1 or words[k + 1] in ("van", "on", "of") or k == i - 2
            ):
                return True
        # the topic of a preposition, after its noun phrase: "over de interesse van de klant",
        # "about the prospect or customer's interest"
        k = i - 1
        while k >= 0 and i - k <= 6:
            wk = words[k]
            if wk in _TOPIC_PREPOSITIONS:
                return True
            if not (
                wk in ("s", "or", "and", "of", "en", "van")
                or v["determiners"].has_word(wk)
                or v["buyer_actors"].has_word(wk)
                or v["seller_possessives"].has_word(wk)
            ):
                break
            k -= 1
    return False


#: verbs whose future is the deal's outcome, also in a relative clause ("the deal that's going
#: to close", "de kansen die gaan vallen"), besides the buyer's acts and decisions
_OUTCOME_VERBS = frozenset(
    {"close", "win", "lose", "slip", "land", "sluiten", "winnen", "verliezen", "vallen"}
)


def _relative_future(v: Vocabulary, t: Text, words: Sequence[str], i: int, a: int, b: int) -> bool:
    """The future at ``i`` is inside a relative clause that describes its noun ("a policy that
    will meet the customer's needs", "het project dat gerealiseerd gaat worden", "een aannemer
    die het werk gaat uitvoeren"): what the thing is for, no forecast of the deal. A relative
    pronoun after a noun (not "dat" after a verb: "je verwacht dat ..."), and the future's verb
    no outcome of the deal (``_OUTCOME_VERBS``, a buyer's act or decision: "the deal that's
    going to close" stays a forecast)."""
    rel = _RELATIVE_NL if v.language == "nl" else _RELATIVE_EN
    k = next((x for x in range(i - 1, a - 1, -1) if words[x] in rel), None)
    if k is None or k == 0:
        return False
    prev = words[k - 1]
    if k > 1 and v["determiners"].has_word(words[k - 2]):
        pass  # "a policy that", "het ontwerp dat": a noun after its article
    elif v.language == "nl":
        if _nl_finite(prev) or prev in _NL_IRREGULAR_FINITE:
            return False  # "verwacht dat", "denkt dat": a complementizer
    elif (
        prev in _VERBS_EN
        or _base_verb_en(prev)
        or (prev.endswith("s") and _base_verb_en(prev[:-1]))
        or prev.endswith("ed")
    ):
        return False  # "expects that", "believe that": a complementizer
    cats = (v["buyer_act_lemmas"], v["decision_lemmas"])
    for w in words[k + 1 : b]:
        lm = lemma(v.language, w)
        if w in _OUTCOME_VERBS or lm in _OUTCOME_VERBS or any(_in(c, w, lm) for c in cats):
            return False
    return True


def _nl_noun_phrase_start(v: Vocabulary, words: Sequence[str], k: int) -> bool:
    """The Dutch word at ``k`` opens a noun phrase although it is inflected: a plural noun
    ("eventueel materialen": its lemma is no verb) or a participle used as an adjective, with
    a word of its noun phrase after it ("eventueel toegezonden digitale drukproef"), not an
    auxiliary ("eventueel toegezonden wordt")."""
    w = words[k]
    lm = inflection_lemma("nl", w)
    if lm != w and not lm.endswith("en") and not w.endswith(("d", "t")):
        return True  # a plural noun: "materialen" (materiaal), "kosten" is its own lemma
    if k + 1 >= len(words) or not (
        _word_is_participle("nl", w, lemma("nl", w)) or _nl_participle_shape(w)
    ):
        return False
    nxt = words[k + 1]
    aux = v["passive_auxiliaries"], v["active_auxiliaries"]
    return not any(a.has_word(nxt) for a in aux) and not _is_marker(v, nxt)


#: hedges that also mean "as a rule": a hedge only on the buyer's agreement or decision
_AS_A_RULE = frozenset({"in principe", "in principle"})


def _as_a_rule(v: Vocabulary, t: Text, span: Span, words: Sequence[str], a: int, b: int) -> bool:
    """Dutch "in principe" on the seller's own practice or terms means "as a rule" ("Wij leveren uw
    vertaling in principe in het bestandsformaat ...", "In principe dienen wij alle gegevens
    ... te hebben ontvangen"); on a buyer's act or decision it is the soft yes a coach asks
    about ("De klant bestelt in principe na de proef", "tekent in principe volgende week")."""
    if span.text.casefold() not in _AS_A_RULE:
        return False
    cats = (v["buyer_act_lemmas"], v["decision_lemmas"])
    return not any(_in(c, w, lemma(v.language, w)) for w in words[a:b] for c in cats)


def _seller_plan(v: Vocabulary, t: Text, f: Span, exc: list[Span]) -> bool:
    """A future whose subject is the seller and whose verb is seller work: the seller's own
    plan ("wij gaan de onderdelen inmeten en ... inventariseren", "we will send the proposal"),
    a to-do that the buyer-centric rule reports, not a forecast of the buyer's moves."""
    i = t.first_word_at(f.start)
    a = next((x for x, y in _clauses(t) if x <= i < y), 0)
    j = t.last_word_before(f.end)

    def subject(s: Span) -> bool:
        k = t.first_word_at(s.start)
        if a <= k and s.end <= f.start:
            return True  # before it
        # inverted, right after it ("gaan wij") or after its article or possessive ("zal de
        # architect ... toelichten", "zal onze adviseur ...")
        m = j + 1
        while m < k and (
            v["determiners"].has_word(t.words[m][2])
            or v["seller_possessives"].has_word(t.words[m][2])
        ):
            m += 1
        return m == k

    work = v["seller_work_lemmas"]
    end = next((k for k in range(i + 1, len(t.words)) if _punct_before(t, k)), len(t.words))
    after = [w for _s, _e, w in t.words[j + 1 : end]]
    sellers = _without(v.find("seller_actors", t), exc)
    provider = _provider_subject(v, t, _mentions(v, t, exc, []))
    if provider is not None:
        sellers.append(provider)  # "De secretaresse zal de cliënt informeren"
    if not any(subject(s) for s in sellers):
        # a passive future of seller work with no agent: the seller's own plan, told without
        # its actor ("The site will be measured", "er zal een ontwerp worden uitgewerkt")
        aux, agents = v["passive_auxiliaries"], v["agent_markers"]
        if not any(aux.has_word(w) for w in after) or any(agents.has_word(w) for w in after):
            return False
        return any(
            (
                _word_is_participle(v.language, w, lemma(v.language, w))
                or (v.language == "nl" and _nl_prefixed_participle(w, lemma("nl", w)))
            )
            and _in(work, w, lemma(v.language, w))
            for w in after
        )
    return any(_in(work, w, lemma(v.language, w)) for w in after)


#: words that point back to what an earlier clause named ("en heeft dat gemaild")
_ANAPHORS = frozenset({"dat", "die", "dit", "het", "it", "this", "that", "one", "them"})


def _acted_on(v: Vocabulary, t: Text, f: Span, exc: list[Span]) -> bool:
    """An intention the buyer acted on or stated in a later coordinated clause that points back
    to it: "Klant wil een demo en heeft die aangevraagd", "wants a demo and booked one"."""
    i = t.first_word_at(f.start)
    clauses = _clauses(t)
    reporting = _without(v.find("reporting_verbs", t), exc)
    buyer = v["buyer_act_lemmas"]
    for a, b in clauses:
        if a <= i:
            continue
        ws = [w for _, _, w in t.words[a:b]]
        if not any(w in _ANAPHORS for w in ws):
            continue
        lo, hi = t.words[a][0], t.words[b - 1][1]
        if any(lo <= r.start < hi for r in reporting):
            return True
        if any(_in(buyer, w, lemma(v.language, w)) and w != lemma(v.language, w) for w in ws):
            return True
    return False


def _reported(v: Vocabulary, t: Text, j: Span, reporting: list[Span], comps: list[Span]) -> bool:
    """``j`` is what a reporting verb reports: after it and a complementizer, within two
    words after it, inside a quote that follows it, or (Dutch) just before it ("interesse
    getoond")."""
    quoted = _quoted(t)
    for r in reporting:
        if any(r.end <= c.start and c.end <= j.start for c in comps):
            return True
        if any(
            q.start <= j.start < q.end and r.end <= q.start and not _gap_words(t, r.end, q.start)
            for q in quoted
        ):
            return True  # "says “Great presentation, this might be a good fit”"
        if r.end <= j.start and len(_gap_words(t, r.end, j.start)) <= 2:
            return True
        if v.language == "nl" and j.end <= r.start and not _gap_words(t, j.end, r.start):
            return True
        if v.language == "nl" and r.end <= j.start and _gap_words(t, r.end, j.start)[-1:] == ["te"]:
            return True  # "heeft aangegeven meer te willen horen"
    return False


def _same_clause(t: Text, clauses: Sequence[tuple[int, int]], x: Span, y: Span) -> bool:
    i, j = t.first_word_at(x.start), t.first_word_at(y.start)
    return any(a <= i < b and a <= j < b for a, b in clauses)


def _split_reporting_nl(v: Vocabulary, t: Text) -> list[Span]:
    """Dutch reporting verbs split over their clause (verb second, particle last): "de prospect
    geeft aan dat ...", "Klant geeft ... schriftelijk aan" (*aangeven*)."""
    if v.language != "nl" or not t.words:
        return []
    lemmas = _cached(
        v,
        "reporting_lemmas",
        "",
        lambda: frozenset(
            lemma("nl", e.split()[-1].casefold()) for e in v["reporting_verbs"].entries
        ),
    )
    out: list[Span] = []
    for a, b in _clauses(t):
        for i in range(a, b):
            s, e, w = t.words[i]
            lm = lemma("nl", w)
            for k in range(i + 1, b):
                p = t.words[k][2]
                if p in _NL_SEPARABLE and (p + lm) in lemmas:
                    out.append(Span(s, e, t.raw[s:e]))
                    break
    return out


def _factual_issues(v: Vocabulary, text: str) -> tuple[FactualIssue, ...]:
    t = v.text(text)
    exc = v.find("exceptions", t)
    belief = _seller_belief(v, t, exc)
    future = _without(v.find("future", t), exc, belief)
    future = [f for f in future if not _descriptive(v, t, f, "future")]
    hedges = _without(v.find("hedges", t), exc, belief, future)
    hedges = [h for h in hedges if not _descriptive(v, t, h, "hedges")]
    judgements = _without(v.find("judgements", t), exc, belief, future, hedges)
    # the buyer said to be ready ("Deze leads zijn ... klaar om een aankoop te doen", "the lead
    # is ready for a call"): the seller's reading of the buyer, whatever comes after
    ready = [w for w in v.find("waiting_words", t) if _buyer_is_ready(v, t, w)]
    judgements = sorted(
        judgements + _without(ready, exc, belief, future, hedges, judgements),
        key=lambda s: (s.start, s.end),
    )
    judgements = [j for j in judgements if not _descriptive(v, t, j, "judgements")]
    if judgements and v.language == "nl":
        judgements = [j for j in judgements if not _dutch_non_judgement(v, t, j)]
    if judgements or future:
        # "Buyer confirmed in writing that the tool is a good fit", "de prospect geeft aan dat
        # ze wil overstappen": the buyer's own words; "expressed interest", "tonen
        # koopsignalen", "interesse getoond": the judgement is the object of the buyer's act
        reporting = _without(v.find("reporting_verbs", t), exc) + _split_reporting_nl(v, t)
        if reporting:
            comps = v.find("complementizers", t)
            judgements = [j for j in judgements if not _reported(v, t, j, reporting, comps)]
            future = [f for f in future if not _reported(v, t, f, reporting, comps)]
    if hedges:
        # "they said they would call", "a customer who says “... this might be a good fit”":
        # the hedge is in the words someone else said, in the clause of the verb of saying or
        # in a quote, not the seller's guess ("the rep says it might close" stays the seller's;
        # "Klant heeft getekend, duimen" is a hedge of its own)
        sellers = _without(v.find("seller_actors", t), exc)
        reporting = [
            r
            for r in _without(v.find("reporting_verbs", t), exc) + _split_reporting_nl(v, t)
            if not any(a.end <= r.start for a in sellers)
        ]
        if reporting:
            comps = v.find("complementizers", t)
            quoted = _quoted(t)
            clauses = _clauses(t)
            hedges = [
                h
                for h in hedges
                if not _reported(
                    v,
                    t,
                    h,
                    [
                        r
                        for r in reporting
                        if _in_quote(h, quoted) or _same_clause(t, clauses, r, h)
                    ],
                    comps,
                )
            ]
    if future:
        future = [
            f for f in future if not _acted_on(v, t, f, exc) and not _seller_plan(v, t, f, exc)
        ]
    if judgements and _observable_act(v, t, exc):
        # "Klant is tevreden over de pilot en heeft dat schriftelijk bevestigd", "Qualified
        # lead booked a demo": a judgement word next to an act someone can see is no opinion
        # standing in for the event; only a judgement with no observable act is reported
        judgements = []
    graded = _without(v.find("graded_judgements", t), exc, belief, future, hedges, judgements)
    if graded and not _observable_act(v, t, exc, reported=False):
        # "The customer showed strong interest": the degree is the seller's grading of what
        # the buyer showed, not the buyer's act; a buyer's act beside it ("showed strong
        # interest and booked a demo") is the event
        judgements = sorted([*judgements, *graded], key=lambda s: (s.start, s.end))
    out: list[FactualIssue] = []
    if belief:
        out.append(FactualIssue("belief", tuple(belief)))
    if future:
        out.append(FactualIssue("forecast", tuple(future)))
    opinion = sorted([*hedges, *judgements], key=lambda s: s.start)
    if opinion:
        out.append(FactualIssue("opinion", tuple(opinion)))
    return tuple(out)


# -- buyer-centric ----------------------------------------------------------------------------


_READING = {
    "subject": i18n._("read as the seller"),
    "agent": i18n._("read as the seller"),
    "passive": i18n._("read as seller work, with no buyer as its actor"),
    "todo": i18n._("read as an order to the seller"),
    "waiting": i18n._("read as a waiting state: the seller's queue"),
    "noun": i18n._("read as a noun of seller activity"),
    "explicit": "",
}


@dataclass(frozen=True)
class Actor:
    side: Side
    why: str  # the words that show it, quoted in messages
    how: Literal["subject", "agent", "passive", "todo", "waiting", "noun", "explicit"]

    @property
    def reading_class(self) -> str:
        """The class the words were put in ("read as seller work, ..."; "" for none)."""
        return _READING[self.how]

    @property
    def reading(self) -> str:
        """Why, in the words of the text: "'identified' read as seller work, ..."."""
        if not self.reading_class:
            return f"'{self.why}'"
        return i18n._("'{words}' {reading}", words=self.why, reading=self.reading_class)


@dataclass(frozen=True)
class _Mention:
    span: Span
    side: Side
    role: Literal["subject", "agent", "object"]
    marker: str = ""  # the word before the mention that decided its role ("" for none)


#: pronouns that are only ever the subject of their clause ("hem", "him", "ons", "us" are the
#: objects): after an inverted verb they are still its subject ("bevestigen we ...")
_SUBJECT_PRONOUNS = frozenset({"hij", "zij", "wij", "we", "ik", "jij", "he", "she", "they", "i"})


#: prepositions that make a person part of a group ("someone in Marketing", "iemand van ons")
_PART_OF = frozenset({"in", "of", "from", "at", "van", "bij", "uit", "binnen"})

_COORDINATORS = {"en": frozenset({"or", "and"}), "nl": frozenset({"of", "en"})}
#: conjunctions that start a main clause of its own after a comma ("..., so I'm almost certain")
_MAIN_CLAUSE_CONJ = {"en": frozenset({"so", "but"}), "nl": frozenset({"maar", "dus"})}


def _mentions(v: Vocabulary, t: Text, exc: list[Span], acts: list[Span]) -> list[_Mention]:
    sellers = [(s, "seller") for s in _without(v.find("seller_actors", t), exc, acts)]
    parties = _without(v.find("seller_parties", t), exc, acts)
    sellers += [(s, "seller") for s in parties]
    # an exception whose head is a buyer word still names the buyer ("Qualified lead booked")
    heads = [
        e
        for e in exc
        if not any(b.end == e.end and _verb_follows(v, t, b) for b in v.find("buyer_actors", t))
    ]
    buyers = [(s, "buyer") for s in _without(v.find("buyer_actors", t), heads, acts)]
    both = sorted([*sellers, *buyers], key=lambda m: (m[0].start, -(m[0].end - m[0].start)))
    kept: list[tuple[Span, str]] = []
    for m in both:
        if kept and m[0].start < kept[-1][0].end:
            continue
        kept.append(m)
    dets, poss = v["determiners"], v["seller_possessives"]
    agents, objects = v["agent_markers"], v["object_markers"]
    starters = v["clause_starters"]
    aux_a, aux_p = v["active_auxiliaries"], v["passive_auxiliaries"]
    kept = [k for k in kept if not _possessive_pronoun(v, t, k[0])]
    spans = [k[0] for k in kept]
    out: list[_Mention] = []
    for span, side in kept:
        sd: Side = "seller" if side == "seller" else "buyer"
        role: Literal["subject", "agent", "object"] = "object"
        marker = ""
        i = t.last_word_before(span.start)
        steps = 0
        behind = False  # another actor stands right before this one
        while True:
            if i < 0:
                role = "subject"
                break
            ws, we, w = t.words[i]
            between = t.raw[we : (t.words[i + 1][0] if i + 1 < len(t.words) else span.start)]
            if any(ch in between for ch in ",;:.!?/+"):
                role = "subject"  # a clause boundary before the mention
                break
            if steps == 0 and sd == "buyer" and poss.has_word(w) and not _our_customer(v, span):
                sd = "seller"  # "our legal team"; but "onze klant tekent" is the buyer
                i -= 1
                steps += 1
                continue
            if (
                dets.has_word(w)
                or poss.has_word(w)
                or (t.raw[ws - 1 : ws] == "(" and t.raw[we : we + 1] == ")")
                or (w == "s" and t.raw[ws - 1 : ws] == "'")
                or any(s.start <= ws < s.end for s in spans)
            ):
                behind = behind or (
                    v.language == "nl"
                    and any(s.start <= ws < s.end and s.end < span.start for s in spans)
                    and not t.raw[we : span.start].strip(" ").startswith(("(", ",", "/"))
                    and not (w in ("je", "u") and i == t.last_word_before(span.start))
                )  # "je klant", "u klant": a possessive, no actor of its own
                i -= 1
                steps += 1
                if steps > 5:
                    break
                continue
            if (
                sd == "seller"
                and w in _PART_OF
                and i > 0
                and v["indefinite_actors"].has_word(t.words[i - 1][2])
            ):
                # "someone in Marketing should mark ...", "iemand van ons team": the person
                # stands in the place of the indefinite word
                i -= 2
                steps += 2
                continue
            marker = w
            if not _is_marker(v, w):
                # an adjective between the marker and the actor: "naar de potentiële klant",
                # "with your ideal customer profile"
                for k in range(i - 1, max(i - 3, -1), -1):
                    wk = t.words[k][2]
                    if agents.has_word(wk) or objects.has_word(wk):
                        w = marker = wk
                        break
                    if poss.has_word(wk) and sd == "buyer":
                        sd = "seller"  # "by our CS team": a modifier after the possessive
                    if not (dets.has_word(wk) or poss.has_word(wk)):
                        break
                if not _is_marker(v, w) and _modifiers_at_clause_start(v, t, i, span, spans):
                    role = "subject"  # "Qualified prospect has agreed", "initial contact made"
                    marker = ""
                    break
            if agents.has_word(w):
                role = "agent"
                if v.language == "nl" and _attributive(t, span):
                    role = "object"  # "de door de klant getekende offerte": not the clause's agent
                elif v.language == "nl" and _means_clause_nl(t, span):
                    role = "object"  # "door de leads te filteren": how, not by whom
                elif v.language == "en" and not _passive_before(v, t, i):
                    role = "object"  # "run it by their manager": no passive, so no agent
            elif objects.has_word(w):
                role = "object"
            elif starters.has_word(w):
                role = "subject"
            elif aux_a.has_word(w) or aux_p.has_word(w):
                # "Na de demo heeft de klant ...": the subject after the verb, unless another
                # actor came first ("Verkoper heeft de klant gebeld", "Na de demo heeft de
                # verkoper de klant gebeld": the object)
                earlier = any(o.end <= span.start and o != span for o in spans)
                role = "object" if earlier else "subject"
            elif (
                v.language == "nl"
                and i > 0
                and _nl_finite(w)
                and (not _punct_before(t, i) or _after_fronted_clause_nl(t, i))
            ):
                # verb second after an adverbial: "Na het gesprek stelt het bedrijf ... op";
                # a second actor after the verb is its object ("belt de verkoper de klant");
                # a fronted subordinate clause is such an adverbial ("Als de opdracht is
                # aanvaard, zendt de advocaat de cliënt ...")
                start = t.words[i][0] if _punct_before(t, i) else 0
                earlier = any(o.end <= span.start and o != span and o.start >= start for o in spans)
                role = "object" if earlier else "subject"
            break
        if (
            out
            and marker in _COORDINATORS.get(v.language, frozenset())
            and t.last_word_before(span.start) - 1 == t.last_word_before(out[-1].span.end)
        ):
            role = out[-1].role  # "about the prospect or customer's interest": one phrase
            marker = out[-1].marker
        if role == "subject" and behind and marker in _SUBORDINATORS_NL:
            # "zodra sales de lead heeft gekwalificeerd": in a Dutch subordinate clause the
            # subject comes first and the actor right after it is the object
            role = "object"
        if role == "object" and span.text.casefold() in _SUBJECT_PRONOUNS:
            role = "subject"  # "In het gesprek achterhaalt hij ...": only ever a subject
        if (
            role == "object"
            and sd == "seller"
            and not _is_marker(v, marker)
            and _finite_next(v, t, span)
        ):
            # a relative clause without its pronoun: "deals the seller ... believe will close",
            # "the amount you are likely to close", "what you document"
            role = "subject"
        if span in parties and not (
            role == "subject"
            and (
                _finite_next(v, t, span)
                or _active_verb_next_en(v, t, span)
                or (v.language == "nl" and bool(marker) and _nl_finite(marker))
            )
        ):
            continue  # the selling party counts only as the subject of a finite verb
        if role == "subject" and sd == "buyer" and marker and _noun_adjunct_en(v, t, span):
            role = "object"  # "about the project and customer expectations": a modifier
        if sd == "buyer" and v["negations"].has_word(marker) and _noun_adjunct_en(v, t, span):
            continue  # "no buyer engagement yet": no buyer did anything
        if v.addressee != "auto" and span.text.casefold() in ADDRESSED:
            sd = "buyer" if v.addressee == "buyer" else "seller"  # the project says who
        out.append(_Mention(span, sd, role, marker))
    return out


def _means_clause_nl(t: Text, span: Span) -> bool:
    """The mention after "door" is the object of a "door ... te" + infinitive clause ("We doen
    dit door de leads te filteren"): the means of the clause, not the agent of a passive."""
    k = t.first_word_at(span.end)
    while 0 <= k < len(t.words) - 1 and not _punct_before(t, k):
        if t.words[k][2] == "te" and t.words[k + 1][2].endswith("en"):
            return True
        k += 1
    return False


_NL_FIRST_PERSON = frozenset({"we", "wij", "ik"})


def _inverted_first_person_nl(v: Vocabulary, t: Text, mentions: list[_Mention]) -> list[_Mention]:
    """Dutch puts the subject after the finite verb when something else comes first: in
    "Hoeveel klanten hebben we?" or "De klant bellen we morgen" the seller ("we", "wij", "ik",
    right after a verb) is the subject, and the buyer before the verb is its object."""
    out = list(mentions)
    for m in mentions:
        i = t.first_word_at(m.span.start)
        if m.span.text.casefold() not in _NL_FIRST_PERSON or i < 2 or _punct_before(t, i):
            continue
        verb = t.words[i - 1][2]
        if not (
            verb in _NL_IRREGULAR_FINITE
            or v["active_auxiliaries"].has_word(verb)
            or v["passive_auxiliaries"].has_word(verb)
            or _nl_finite(verb)
            or (verb.endswith("en") and inflection_lemma("nl", verb) == verb and known("nl", verb))
        ):
            continue
        a = next((x for x, y in _clauses(t) if x <= i < y), 0)
        out = [
            replace(o, role="object")
            if o.side == "buyer"
            and o.role == "subject"
            and a <= t.first_word_at(o.span.start) < i - 1
            else o
            for o in out
        ]
    return out


#: Dutch subordinators that open a fronted clause, after which the main clause puts its finite
#: verb first and its subject after it
_NL_SUBORDINATORS = frozenset(
    {"als", "wanneer", "zodra", "nadat", "voordat", "indien", "omdat", "terwijl", "zolang"}
)
#: every Dutch word that opens a subordinate clause, whose subject comes first and verb last:
#: those above, and the ones that seldom open the text ("dat", "totdat", "tot")
_SUBORDINATORS_NL = _NL_SUBORDINATORS | {"dat", "totdat", "tot"}


def _after_fronted_clause_nl(t: Text, i: int) -> bool:
    """The finite verb at ``i`` comes right after a comma that closes a subordinate clause
    opening the text ("Als een opdracht wordt geaccepteerd, zendt ..."): the main clause's
    verb, with its subject after it."""
    return (
        bool(t.words)
        and t.words[0][2] in _NL_SUBORDINATORS
        and "," in t.raw[t.words[i - 1][1] : t.words[i][0]]
    )


def _our_customer(v: Vocabulary, span: Span) -> bool:
    """The seller's possessive before the buyer itself ("our customer", "onze klanten") still
    names the buyer: only a department or role after it ("our legal team") is the seller's."""
    words = span.text.casefold().split()
    syn = v["buyer_synonyms"]
    return len(words) == 1 and (syn.has_word(words[0]) or syn.has_word(lemma(v.language, words[0])))


#: words that open an object after an English verb ("sent a change request", "issues the PO")
_OBJECT_STARTS_EN = frozenset({"a", "an", "the", "to", "its", "their", "his", "her", "your"})


def _third_person_base_en(w: str) -> str | None:
    """The base form of ``w`` read as the English present of a singular subject: a verb's base
    form and -s, -es or -ies ("issues", "reaches", "qualifies"); None for any other word."""
    if not w.endswith("s"):
        return None
    bases = (
        [w[:-3] + "y"] if w.endswith("ies") else [w[:-1], w[:-2]] if w.endswith("es") else [w[:-1]]
    )
    return next((x for x in bases if _base_verb_en(x)), None)


def _third_person_en(w: str) -> bool:
    return _third_person_base_en(w) is not None


def _active_verb_next_en(v: Vocabulary, t: Text, span: Span) -> bool:
    """An English verb with its object after a singular party ("Seller issues Sales Purchase
    Agreement", "The supplier sent a change request to the customer"): a present in -s, or a
    past form before an article, so no bare participle ("Supplier selected", "Vendor chosen
    by the committee")."""
    if v.language != "en" or span.text.casefold().endswith("s"):
        return False
    j = t.first_word_at(span.end)
    if j + 1 >= len(t.words) or t.raw[span.end : t.words[j][0]].strip(" "):
        return False
    w, after = t.words[j][2], t.words[j + 1][2]
    if t.raw[t.words[j][1] : t.words[j + 1][0]].strip():
        return False
    if _third_person_en(w):
        return True
    past = w.endswith("ed") or w in _IRREGULAR_PARTICIPLES
    return past and after in _OBJECT_STARTS_EN


def _nouns_of_adjunct_en(v: Vocabulary, t: Text, m: _Mention, j: int) -> int:
    """How many nouns (none, one or two) stand between an English buyer word that opens its
    clause and the participle after them: the buyer word is their modifier and they are what
    the participle was done to ("client information collected", "Customer pain points
    documented"). A noun is read by its form: a word, no auxiliary, marker or determiner, no
    -ed/-ing form. A verb's base form counts ("Customer needs identified"): the caller reads
    the participle only where it ends the phrase, so there is no finite verb."""
    if m.marker or m.role != "subject":
        return 0
    n = 0
    while n < 2 and j + n + 1 < len(t.words):
        s, _e, w = t.words[j + n]
        if t.raw[t.words[j + n - 1][1] if n else m.span.end : s].strip():
            break
        if (
            not w.isalpha()
            or w in _VERBS_EN
            or _is_marker(v, w)
            or w.endswith(("ed", "ing"))
            or v["determiners"].has_word(w)
            or w in _IRREGULAR_PARTICIPLES
        ):
            break
        n += 1
    nxt = t.words[j + n][2] if j + n < len(t.words) else ""
    if not n or not (nxt.endswith("ed") or nxt in _IRREGULAR_PARTICIPLES):
        return 0
    lm = lemma("en", nxt)
    if v["sending_lemmas"].has_word(lm) or v["submission_lemmas"].has_word(lm):
        return 0  # "Lead form submitted": the buyer's own form, sent by the buyer
    return n


def _noun_adjunct_en(v: Vocabulary, t: Text, span: Span) -> bool:
    """An English buyer word before a noun of its own is a noun adjunct, not an actor: "customer
    expectations", "client requirements". The next word is read as a noun by its form alone
    (the same with or without the dictionary's lemmas): no -ed/-en/-ing form or irregular
    participle, no auxiliary or function word, and neither it nor (for a final -s) its stem is
    a verb's base form ("the lead fits": a verb)."""
    if v.language != "en":
        return False
    j = t.first_word_at(span.end)
    if j >= len(t.words) or t.raw[span.end : t.words[j][0]].strip():
        return False
    w = t.words[j][2]
    if not w.isalpha() or w in _VERBS_EN or _is_marker(v, w) or w in _PREPOSITIONS_EN:
        return False
    if w.endswith(("ed", "en", "ing")) or w in _IRREGULAR_PARTICIPLES or _base_verb_en(w):
        return False
    if w.endswith("s") and (_base_verb_en(w[:-1]) or (w.endswith("es") and _base_verb_en(w[:-2]))):
        return False
    return w not in ("and", "or", "but", "who", "that", "which", "s")


#: Dutch pronouns that are the subject ("je belt") or, before a noun, the possessive ("je offerte")
_PRONOUN_OR_POSSESSIVE = frozenset({"je"})
#: the noun categories whose words after such a pronoun make it a possessive
_NOUN_CATEGORIES = ("artefacts", "buyer_artefacts", "activity_nouns", "seller_stage_nouns")


def _possessive_pronoun(v: Vocabulary, t: Text, span: Span) -> bool:
    """A pronoun that is a possessive before a noun, not an actor: "je offerte is aanvaard"
    ("your quote was accepted": the seller's document had the buyer's act done to it)."""
    if span.text.casefold() not in _PRONOUN_OR_POSSESSIVE:
        return False
    j = t.first_word_at(span.end)
    if j >= len(t.words) or t.raw[span.end : t.words[j][0]].strip():
        return False
    nxt = t.words[j][2]
    return any(v[c].has_word(nxt) for c in _NOUN_CATEGORIES) or _buyer_document(v, nxt)


def _passive_before(v: Vocabulary, t: Text, k: int) -> bool:
    """A participle or a passive auxiliary before word ``k`` in its clause: "by" after it marks
    the agent ("signed by the CFO", "was approved ... by legal")."""
    for x in range(k - 1, -1, -1):
        w = t.words[x][2]
        if (
            _participle_like(v, w)
            or v["passive_auxiliaries"].has_word(w)
            or _word_is_participle("en", w, lemma("en", w))
        ):
            return True
        if _punct_before(t, x):
            return False
    return False


def _finite_next(v: Vocabulary, t: Text, span: Span) -> bool:
    """The word right after ``span`` is an auxiliary or a finite verb (English: also a base
    form after a pronoun, "you document"), so ``span`` is its subject."""
    j = t.first_word_at(span.end)
    if j >= len(t.words) or t.raw[span.end : t.words[j][0]].strip():
        return False
    w = t.words[j][2]
    if v["active_auxiliaries"].has_word(w) or v["passive_auxiliaries"].has_word(w):
        return True
    if v.language == "nl":
        return _nl_finite(w)
    if w in _VERBS_EN or w in ("both", "all"):
        return True
    pronoun = span.text.casefold() in ("you", "we", "i", "they")
    return pronoun and (_base_verb_en(w) or (w.endswith("s") and _base_verb_en(w[:-1])))


def _modifiers_at_clause_start(
    v: Vocabulary, t: Text, i: int, span: Span, others: Sequence[Span]
) -> bool:
    """Words ``..i`` before an actor are its modifiers at the start of a clause ("Qualified
    prospect has agreed", "initial contact made", "Potentiële klant heeft ..."): at most two
    words, none a marker or an inflected verb, after the text start or a clause boundary, and a
    verb follows the actor in its clause ("Called customer" and "Initial contact" have none)."""
    k = i
    n = 0
    while k >= 0 and not (k > 0 and _punct_before(t, k)):
        ws, _e, w = t.words[k]
        if _is_marker(v, w) or w in _VERBS_EN or _inflected(v, w):
            return False
        if any(o.start <= ws < o.end for o in others):
            return False  # "Manager confirms lead quality": another actor, then a verb
        if not v["determiners"].has_word(w):
            n += 1
        k -= 1
        if n > 2:
            return False
    start = k + 1
    if v["determiners"].has_word(t.words[start][2]) and start == i:
        return False
    return _verb_follows(v, t, span)


def _verb_follows(v: Vocabulary, t: Text, span: Span) -> bool:
    """A verb (auxiliary or participle) follows ``span`` in its clause."""
    lang = v.language
    j = t.first_word_at(span.end)
    stop = next((x for x in range(j + 1, len(t.words)) if _punct_before(t, x)), len(t.words))
    aux = v["active_auxiliaries"], v["passive_auxiliaries"]
    return any(
        any(a.has_word(w) for a in aux)
        or w in _VERBS_EN
        or _word_is_participle(lang, w, lemma(lang, w))
        for _, _, w in t.words[j:stop]
    )


def _inflected(v: Vocabulary, w: str) -> bool:
    """``w`` is an inflected form that is no attributive adjective: a finite verb or a plural
    ("confirms", "geeft"); English participles and Dutch adjectives in -e are modifiers."""
    lm = inflection_lemma(v.language, w)
    if lm == w:
        return False
    if v.language == "en":
        return not _participle_like(v, w)
    return not w.endswith("e")


def _nl_finite(w: str) -> bool:
    """``w`` is a Dutch finite verb in the present or past singular ("stelt", "belde")."""
    lm = inflection_lemma("nl", w)
    return (
        lm != w
        and lm.endswith("en")
        and not w.endswith("en")
        and not _word_is_participle("nl", w, lm)
    )


def _is_marker(v: Vocabulary, w: str) -> bool:
    return any(
        v[c].has_word(w)
        for c in (
            "agent_markers",
            "object_markers",
            "clause_starters",
            "active_auxiliaries",
            "passive_auxiliaries",
        )
    )


def _attributive(t: Text, span: Span) -> bool:
    """A Dutch agent phrase inside a noun phrase: "door de klant getekende offerte"."""
    j = t.first_word_at(span.end)
    if j >= len(t.words):
        return False
    w = t.words[j][2]
    return w.endswith(("de", "te")) and ("ge" in w[:8])


def _quoted(t: Text) -> list[Span]:
    """Quoted words: what someone said ("“We zoeken een oplossing” in formulier"; in single
    quotes, which :func:`normalize` made plain apostrophes: "‘Kan je over twee jaar terug
    bellen?’", but not the apostrophe of "m'n" or "MQL's")."""
    import re

    double = r"[“\"„«][^”\"“»]{2,}[”\"»]"
    single = r"(?:^|(?<=[\s(]))'[^']*\s[^']*'(?=$|[\s.,;:!?)])"
    return [Span(m.start(), m.end(), m.group()) for m in re.finditer(f"{double}|{single}", t.raw)]


def _participle_like(v: Vocabulary, word: str) -> bool:
    return (
        word.endswith(("ed", "en", "wn"))
        or word in _IRREGULAR_PARTICIPLES
        or v["seller_activities"].has_word(word)
    )


def _todo_en(v: Vocabulary, t: Text) -> Span | None:
    """An English to-do item: the criterion starts with a seller verb ("Send proposal")."""
    if not t.words:
        return None
    for m in v.find("seller_verbs", t):
        if m.start != t.words[0][0] or t.raw[m.end : m.end + 1] == "'":
            return None  # not first, or a possessive ("Contact's role")
        j = t.first_word_at(m.end)
        if j < len(t.words) and _participle_like(v, t.words[j][2]):
            return None  # "Demo attended", "Call scheduled": a noun, not an order
        if j < len(t.words) and t.words[j][2] in _VERBS_EN:
            return None  # "Contact has opted in": the subject of a finite verb, not an order
        return m
    return None


def _todo_nl(v: Vocabulary, t: Text, after: int = 0) -> Span | None:
    """A Dutch to-do item: a seller infinitive with no finite verb before it ("Klant bellen")."""
    markers = v["infinitive_markers"]
    words = [w for _s, _e, w in t.words]
    for m in v.find("seller_verbs", t):
        if m.start < after or _buyer_object_nl(v, t, m):
            continue
        if _nl_time_adjunct(v, words, t.first_word_at(m.start)):
            continue
        before = [w for s, e, w in t.words if e <= m.start]
        if not any(markers.has_word(w) for w in before):
            return m
    return None


def _nl_verb_of_noun(w: str) -> str | None:
    """The verb a Dutch noun of action is made from: "voorbereiding" -> "voorbereiden",
    "inventarisatie" -> "inventariseren", "selectie" -> "selecteren"; ``None`` for a word of
    another shape."""
    if w.endswith("ing") and len(w) > 6:
        return w[:-3] + "en"
    if w.endswith("atie") and len(w) > 7:
        return w[:-4] + "eren"
    if w.endswith("tie") and len(w) > 6:
        return w[:-2] + "eren"
    return None


#: words that join the nouns of a heading ("Selectie & analyse van ...")
_NL_NOUN_JOINS = frozenset({"&", "en", "/"})
#: finite verbs of being that make a heading a statement ("Inventarisatie van ... is juist")
_NL_BE = frozenset({"is", "zijn", "was", "waren"})


def _nominal_todo_nl(v: Vocabulary, t: Text, mentions: Sequence[_Mention]) -> Span | None:
    """A seller's task as a heading: a noun of action made from seller work, then "van" and
    what it works on, and no verb ("Voorbereiding van zijn gesprekken", "Opvolging van de
    initiële outreach", "Selectie & analyse van prospects"). The same heading with a buyer's
    job ("Evaluatie van alternatieven", "Erkenning van de behoefte") or a buyer as its agent
    ("acceptatie van de offerte door de klant") is the buyer's step."""
    words = [w for _s, _e, w in t.words]
    aux = v["passive_auxiliaries"], v["active_auxiliaries"]
    if any(
        (w in _NL_BE or any(a.has_word(w) for a in aux))
        and (k == 0 or not v["object_markers"].has_word(words[k - 1]))
        for k, w in enumerate(words)
    ):
        return None  # a statement, not a heading ("van zijn gesprekken" is a possessive)
    if any(
        m.side == "buyer" and m.role in ("subject", "agent") and m.marker != "van" for m in mentions
    ):
        return None
    k = 0
    while k < len(words) and words[k] not in ("van",):
        k += 1
    if k == 0 or k >= len(words) or k > 3:
        return None
    heads = [j for j in range(k) if words[j] not in _NL_NOUN_JOINS]
    work, other = v["seller_work_lemmas"], (v["buyer_act_lemmas"], v["buyer_job_lemmas"])
    for j in heads:
        verb = _nl_verb_of_noun(words[j])
        if verb is None or any(c.has_word(verb) for c in other):
            return None
    for j in heads:
        verb = _nl_verb_of_noun(words[j])
        if verb is not None and work.has_word(verb):
            s, e, _w = t.words[j]
            return Span(s, e, t.raw[s:e])
    return None


#: prepositions of time before a Dutch infinitive used as a noun ("na het sturen van de
#: factuur", "bij het maken van een afspraak", "tot het opstellen van een akte")
_NL_TIME_PREPOSITIONS = frozenset({"na", "bij", "voor", "vóór", "tijdens", "tot", "sinds"})


def _nl_time_adjunct(v: Vocabulary, words: Sequence[str], i: int) -> bool:
    """The infinitive at ``i`` names the time of the criterion, not its content: a noun after
    "het" and a preposition of time, in a sentence with a finite verb of its own ("Deze
    aanbetaling dient te zijn voldaan binnen 14 dagen na het sturen van de factuur", "Bij het
    maken van een afspraak gaat de klant akkoord"). Alone ("Na het versturen van de offerte")
    the infinitive is all the criterion says, and is read as before."""
    if i < 2 or words[i - 1] != "het" or words[i - 2] not in _NL_TIME_PREPOSITIONS:
        return False
    aux = v["passive_auxiliaries"], v["active_auxiliaries"]
    return any(
        (_nl_finite(w) or w in _NL_IRREGULAR_FINITE or any(x.has_word(w) for x in aux))
        and w != "zijn"
        for k, w in enumerate(words)
        if not i - 2 <= k <= i
    )


#: finite forms of irregular Dutch verbs and modals that :func:`_nl_finite` does not read
_NL_IRREGULAR_FINITE = frozenset(
    {"gaat", "ging", "gingen", "komt", "kwam", "doet", "deed", "staat", "stond", "kan", "kon"}
    | {"moet", "mag", "zal", "zullen", "wil", "dient", "dienen", "hebt", "heb"}
)


def _nl_stem(infinitive: str) -> str:
    """The Dutch stem of an infinitive: *kwalificeren* → *kwalificeer*, *bellen* → *bel*,
    *sturen* → *stuur*, *maken* → *maak*; a voiced *v*/*z* ends the stem voiceless: *geven* →
    *geef*, *schrijven* → *schrijf*, *kiezen* → *kies*."""
    base = infinitive[:-2] if infinitive.endswith("en") else infinitive
    if len(base) > 2 and base[-1] in "vz" and base[-2] != base[-1]:
        base = base[:-1] + ("f" if base[-1] == "v" else "s")
    if len(base) > 2 and base[-1] == base[-2] and base[-1] not in "aeiou":
        return base[:-1]  # bell → bel
    if (
        len(base) > 2
        and base[-2] in "aeiou"
        and base[-1] not in "aeiou"
        and base[-3] not in "aeiou"
    ):
        return base[:-1] + base[-2] + base[-1]  # stur → stuur, mak → maak
    if base.endswith("er") and infinitive.endswith("eren"):
        return base[:-2] + "eer"  # kwalificer → kwalificeer
    return base


def _imperative_nl(v: Vocabulary, t: Text) -> Span | None:
    """A Dutch order: the text starts with the stem of a seller-work verb ("Kwalificeer de
    kans", "Bel de klant", "Stuur de offerte"), not followed by a participle ("Plan
    goedgekeurd": a noun)."""
    if len(t.words) < 2:
        return None
    s, e, w = t.words[0]
    lm = lemma("nl", w)
    if lm == w or not _in(v["seller_work_lemmas"], w, lm) or _nl_stem(lm) != w:
        inf = _nl_imperative_verb(v, t)
        if inf is None:
            return None
        lm = inf
    nxt = t.words[1][2]
    if _word_is_participle("nl", nxt, lemma("nl", nxt)) or _punct_before(t, 1):
        return None
    if nxt in _NL_SEPARABLE and _in(v["buyer_act_lemmas"], nxt + lm, nxt + lm):
        return None  # "Log in en bestel": inloggen, the buyer's act
    return Span(s, e, t.raw[s:e])


#: words that open a Dutch text and look like a verb's stem but are not an order ("Stap 1",
#: "Pas na ...", "Dan volgt ...")
_NL_NOT_ORDERS = frozenset(
    {"stap", "pas", "dan", "al", "om", "na", "toen", "zo", "nu", "eerst", "maar", "fase", "start"}
    | {"jouw", "mijn", "hun", "haar", "zijn", "men", "hij", "zij", "ze", "ik", "jij", "wie"}
)
#: the seller speaking in the first person: an order in its text is addressed to the buyer
_NL_SELLER_FIRST = frozenset({"ons", "onze", "wij", "we", "mij", "me"})


def _generic_order_nl(v: Vocabulary, t: Text, actor: Actor) -> bool:
    """``actor`` is a Dutch order read from its shape alone (:func:`_nl_imperative_verb`), not
    from a verb of seller work: enough for an exit criterion, where an order is a to-do, but
    a stage named by an order names a step of whoever the pipeline is about."""
    if v.language != "nl" or not t.words or actor.why != t.raw[t.words[0][0] : t.words[0][1]]:
        return False
    w = t.words[0][2]
    inf = _nl_imperative_verb(v, t)
    return inf is not None and not _in(v["seller_work_lemmas"], w, inf)


def _nl_imperative_verb(v: Vocabulary, t: Text) -> str | None:
    """The infinitive of any Dutch verb whose stem opens the text, read as an order to the
    team ("Voltooi de huidige fase", "Vraag een voorschot", "Analyseer uw bestaande
    klantgegevens", "Voer een cohortanalyse uit"): the stem's third person ("vraagt",
    "voltooit") is a form of a verb, the word is not a function word, and the text is no order
    addressed to the buyer (the seller in the first person: "Maak een account aan op onze
    website") nor a buyer's act ("Onderteken de offerte")."""
    s, _e, w = t.words[0]
    if (
        len(w) < 3
        or not t.raw[s:].lstrip()[:1].isalpha()
        or w in _NL_NOT_ORDERS
        or v["stopwords"].has_word(w)
        or v["determiners"].has_word(w)
        or w in _POLITE
        or w.endswith(("t", "d"))
    ):
        return None
    inf = inflection_lemma("nl", w + "t")
    if w.startswith("ge") and not inf.startswith("ge") and known("nl", w + "en"):
        inf = w + "en"  # "gebruikt" reads as a participle of "bruiken": "Gebruik" is "gebruiken"
    if inf == w + "t" or not inf.endswith("en") or w not in (_nl_stem(inf), inf[:-2]):
        return None  # the stem, or the whole base of a verb in -eren/-elen ("Lever", "Wissel")
    words = [x for _s, _x, x in t.words]
    if any(x in _NL_SELLER_FIRST for x in words) or words[1][:1].isdigit():
        return None
    if words[1] == "van" or any(x in _NL_BE or x in _WORDEN for x in words[1:3]):
        return None  # "Gebruik van het CRM is verplicht", "Plan is goedgekeurd": a noun
    if _buyers_verb(v, w, inf):
        return None
    end = next((k for k in range(1, len(words)) if _punct_before(t, k)), len(words))
    if words[end - 1] in _NL_SEPARABLE:
        # the separable part at the clause's end: "Vraag offertes aan" is "aanvragen"
        whole = words[end - 1] + inf
        if _buyers_verb(v, whole, whole):
            return None
    return inf


#: the polite "u"/"uw" addresses a customer; playbooks say "je" to the seller
_POLITE = frozenset({"u", "uw"})
#: prepositions of a recipient: with "ons"/"us" after them the seller receives
_TO = frozenset({"naar", "aan", "to", "with", "bij"})


def _order_to_the_buyer(v: Vocabulary, t: Text) -> bool:
    """An order addressed to the buyer: the text opens with a verb's base form (an
    imperative) and says the polite "u"/"uw" ("Stuur uw documenten op"), or the seller is the
    order's object or receives what it asks for ("Bel ons", "Stuur ... naar ons toe", "Send
    it to us"). A to-do for the seller names neither ("Stuur de offerte naar de klant")."""
    words = [w for _s, _e, w in t.words]
    if len(words) < 2 or _reader_sells(v, t):
        return False
    first = words[0]
    if v.language == "nl":
        lm = lemma("nl", first)
        if lm == first or _nl_stem(lm) != first:
            return False
        if any(w in _POLITE for w in words):
            return True
    elif not _base_verb_en(first):
        return False
    if words[1] in _US:
        return True
    return any(a in _TO and b in _US for a, b in itertools.pairwise(words))


def _order_to_declared_buyer(v: Vocabulary, t: Text, mentions: Sequence[_Mention]) -> Span | None:
    """An order addressed to the reader where the project declared that its criteria address
    the customer (``addressee: buyer``): "Controleer in deze stap jouw gegevens", "Complete
    the intake form". The customer is the one who does it; no seller is named as its actor."""
    if v.addressee != "buyer" or any(m.side == "seller" for m in mentions):
        return None
    if v.language == "nl":
        return _imperative_nl(v, t)
    return _imperative_en(v, t, mentions)


#: the reader's own: "uw klant", "je prospects", "your customer"
_READER_OWN = frozenset({"uw", "je", "jouw", "your"})
#: heads of compounds that are the buyer's data in the seller's hands ("klantgegevens")
_BUYER_COMPOUND_HEADS = ("klant", "customer", "prospect")


def _reader_sells(v: Vocabulary, t: Text) -> bool:
    """The reader addressed as "u"/"je"/"you" has buyers of its own ("Verdiep u in de criteria
    die uw klant hanteert", "U kent de bevoegdheden van uw gesprekspartners", "Analyseer uw
    bestaande klantgegevens", "ask your prospect"): the reader is the seller, and "u" the
    salesperson the page speaks to, not the customer."""

    def _sells(t: Text) -> bool:
        words = [w for _s, _e, w in t.words]
        buyers = v["buyer_actors"]
        for k, w in enumerate(words):
            if w not in _READER_OWN:
                continue
            for n in words[k + 1 : k + 4]:
                if buyers.has_word(n) and n not in _POLITE and n not in _ADDRESSEE:
                    return True
                if n.startswith(_BUYER_COMPOUND_HEADS):
                    return True
                if n in _READER_OWN or v["determiners"].has_word(n):
                    break
        return False

    return _cached(v, "reader_sells", t.raw, lambda: _sells(t))


def _buyer_document(v: Vocabulary, w: str) -> bool:
    """A word for the buyer's own request or document: a buyer artefact or act noun, or a
    compound whose head is one ("offerteaanvraag", "inkoopbeslissing")."""
    if v["buyer_artefacts"].has_word(w) or v["buyer_act_nouns"].has_word(w):
        return True
    return any(w.endswith(n) and len(w) > len(n) + 2 for n in v["buyer_act_nouns"].singles)


#: Dutch verbs of writing a document: a document is written by the side that owns it
_AUTHORING_NL = frozenset({"opstellen", "schrijven", "formuleren", "omschrijven", "uitschrijven"})


def _buyer_object_nl(v: Vocabulary, t: Text, m: Span) -> bool:
    """A Dutch verb of writing whose object is the buyer's own request or document: "Opstellen
    Offerteaanvraag", "Opstellen van eisen en wensen" (the buyer's procurement job), not work the
    seller does for the buyer ("Wensen inventariseren", "Offerte opstellen" stay seller work).
    The object is the next content word (after "van" and determiners) or, in to-do order, the
    word just before the verb ("Offerteaanvraag opstellen")."""
    if (
        lemma("nl", m.text.casefold()) not in _AUTHORING_NL
        and m.text.casefold() not in _AUTHORING_NL
    ):
        return False
    i, j = t.first_word_at(m.start), t.first_word_at(m.end)
    skip = v["determiners"]
    while j < len(t.words) and (t.words[j][2] == "van" or skip.has_word(t.words[j][2])):
        j += 1
    near = [t.words[j][2]] if j < len(t.words) and not _punct_before(t, j) else []
    if i > 0 and not _punct_before(t, i):
        near.append(t.words[i - 1][2])
    return any(_buyer_document(v, w) for w in near)


#: Dutch subject pronouns: right after the finite verb they make the words before it no subject
_SUBJECT_PRONOUNS_NL = frozenset({"je", "jij", "u", "we", "wij", "ik", "hij", "zij", "ze", "men"})


def _leading_name(v: Vocabulary, t: Text, mentions: Sequence[_Mention]) -> int | None:
    """The index of the finite verb after a name that opens the text, one to three words that
    no list knows and no article opens ("Snappy George prepares Photo Agreement", "Acme
    qualifies the lead", "BKN onderzoekt of ...") or that a possessive opens ("Onze Medische
    Dienst belt u op"); None when no such name stands there. The words are no actor, marker,
    determiner, auxiliary or indefinite word ("Someone calls"); a participle right after the
    verb makes it a noun ("prior-year documents received"); a Dutch subject pronoun or actor
    after the verb makes the opening words an adverbial ("Vervolgens bepaalt u ...")."""
    words = [w for _s, _e, w in t.words]
    first_possessive = v["seller_possessives"].has_word(words[0]) if words else False
    for n in range(1, 4):
        if n + 1 >= len(words) or _punct_before(t, n):
            return None
        w = words[n - 1]
        if not w.isalpha() or _is_marker(v, w) or w in _VERBS_EN or w in _FREE_RELATIVE:
            return None
        if v["determiners"].has_word(w) and not (n == 1 and first_possessive):
            return None
        if v["indefinite_actors"].has_word(w):
            return None  # "Someone calls or fills out a form": anyone, the buyer too
        if any(m.span.start <= t.words[x][0] < m.span.end for m in mentions for x in (n - 1, n)):
            return None  # an actor the lists know ("These prospects are ...")
        verb, after = words[n], words[n + 1]
        if _participle_like(v, after) or after in _VERBS_EN:
            return None
        finite = _nl_finite(verb) if v.language == "nl" else verb.endswith("s")
        if not finite or (n == 1 and first_possessive):
            continue
        k = n + 2 if v["determiners"].has_word(after) and n + 2 < len(words) else n + 1
        if (
            v.language == "nl"
            and not first_possessive
            and (
                after in _SUBJECT_PRONOUNS_NL
                or any(m.span.start == t.words[k][0] for m in mentions)
            )
        ):
            return None  # "Vervolgens bepaalt u ...": the subject after the verb
        return n
    return None


def _patient_of_work(v: Vocabulary, m: _Mention) -> bool:
    """An English buyer right after a participle of seller work is what the work was done to:
    "identified economic buyer", "contacted lead" (the participle as its modifier)."""
    w = m.marker
    if v.language != "en" or not w or m.role != "object":
        return False
    lm = lemma("en", w)
    return _word_is_participle("en", w, lm) and v["seller_work_lemmas"].has_word(lm)


def _processed_submission(v: Vocabulary, t: Text, mentions: Sequence[_Mention]) -> Span | None:
    """What the buyer submitted, handled by no one named: "Uw aanvraag wordt binnen een uur
    beoordeeld", "Your application is reviewed", "Order processed". A participle of a verb of
    handling (``processing_lemmas``) after the buyer's own request or document in its clause is
    the seller's handling of it: the buyer's act is behind it ("Aanvraag ingediend" stays the
    buyer's)."""
    cat = v["processing_lemmas"]
    for k, (s, e, w) in enumerate(t.words):
        lm = lemma(v.language, w)
        if not cat.has_word(lm) or not (
            _word_is_participle(v.language, w, lm)
            or (v.language == "nl" and _nl_prefixed_participle(w, lm))
        ):
            continue
        a, b = next(((x, y) for x, y in _clauses(t) if x <= k < y), (0, len(t.words)))
        if any(
            m.role in ("subject", "agent") and a <= t.first_word_at(m.span.start) < b
            for m in mentions
        ):
            continue  # "Nadat je de gegevens hebt beoordeeld": someone is named
        n = k - 1
        while n >= 0 and k - n <= 6:
            if _buyer_document(v, t.words[n][2]):
                return Span(s, e, t.raw[s:e])
            if _punct_before(t, n):
                break
            n -= 1
    return None


def _buyer_artefact_near(v: Vocabulary, t: Text, act: Span, arts: list[Span]) -> bool:
    for a in arts:
        if a.end <= act.start and len(_gap_words(t, a.end, act.start)) <= 1:
            return True
        if a.start >= act.end and not _gap_words(t, act.end, a.start):
            return True
    return False


def _passive_patient(v: Vocabulary, t: Text, m: _Mention, acts: list[Span]) -> Span | None:
    """The seller activity done *to* a buyer mentioned as subject ("Klant gebeld")."""
    nl = v.language == "nl"
    if v["active_auxiliaries"].has_word(m.marker):
        return None  # inversion: "Na de demo heeft de klant ... ingepland"
    for p in acts:
        if p.start < m.span.end:
            continue
        gap = _gap_words(t, m.span.end, p.start)
        if v["passive_auxiliaries"].has_word(m.marker):
            return p  # inversion: "Gisteren is de klant gebeld"
        if any(v["passive_auxiliaries"].has_word(w) for w in gap):
            return p  # "Lead has been contacted": a passive, even after "has"
        if any(v["active_auxiliaries"].has_word(w) for w in gap):
            return None
        if nl:
            return p if len(gap) <= 4 else None
        if gap:
            break  # "Lead identified and qualified": read the word after the buyer below
        if " " in p.text and _participle_like(v, p.text.split()[0].casefold()):
            return None  # "Buyer made contact via the website": a verb with its own object
        j = t.first_word_at(p.end)
        if j >= len(t.words) or t.raw[p.end : t.words[j][0]].strip(" "):
            return p  # "Lead contacted", "Champion identified, pain quantified"
        nxt = t.words[j][2]
        if v["object_markers"].has_word(nxt) or v["agent_markers"].has_word(nxt):
            return p  # "Customer called about pricing"
        return None
    j = t.first_word_at(m.span.end)
    if nl:
        if j < len(t.words) and not t.raw[m.span.end : t.words[j][0]].strip():
            s, e, w = t.words[j]
            lm = lemma("nl", w)
            if _in(v["seller_work_lemmas"], w, lm) and _word_is_participle("nl", w, lm):
                return Span(s, e, t.raw[s:e])  # "Beslissers geïdentificeerd"
            if (
                _nl_finite(w)
                and not v["passive_auxiliaries"].has_word(w)
                and not v["active_auxiliaries"].has_word(w)
            ):
                return None  # "Een cliënt identificeert zich bij ...": the buyer acts
        # a passive with the buyer as its subject and seller work as its participle, later in
        # the clause: "De klant wordt vooraf ingelicht", "wordt de cliënt geïnformeerd"
        _a, b = next(((x, y) for x, y in _clauses(t) if x <= j < y), (j, len(t.words)))
        aux = v["passive_auxiliaries"]
        passive = aux.has_word(m.marker)
        for k in range(j, b):
            w = t.words[k][2]
            if aux.has_word(w):
                passive = True
                continue
            if v["active_auxiliaries"].has_word(w):
                break
            lm = lemma("nl", w)
            if passive and _word_is_participle("nl", w, lm) and _in(v["seller_work_lemmas"], w, lm):
                s, e, _w = t.words[k]
                return Span(s, e, t.raw[s:e])
        return _todo_nl(v, t, after=m.span.end)
    if j < len(t.words) and not t.raw[m.span.end : t.words[j][0]].strip():
        j += _nouns_of_adjunct_en(v, t, m, j)
        s, e, w = t.words[j]
        lm = lemma("en", w)
        if v["seller_work_lemmas"].has_word(lm) and _word_is_participle("en", w, lm):
            after = t.words[j + 1][2] if j + 1 < len(t.words) else ""
            if (
                not after
                or t.raw[e : t.words[j + 1][0]].strip()  # "Lead identified (inbound ...)"
                or after in _PREPOSITIONS_EN
                or after in _PARTICLES_EN
                or after in ("and", "or", "but")
                or after.endswith("ly")
            ):
                # "Champion identified", "economic buyer mapped and ...", "coached on ...";
                # a bare object after it is an active verb ("Customer booked time with us")
                return Span(s, e, t.raw[s:e])
    return _passive_work_en(v, t, m)


def _passive_work_en(v: Vocabulary, t: Text, m: _Mention) -> Span | None:
    """Seller work in the passive with the buyer as its patient, read from the verb's lemma.

    "Prospective customers that have been researched and vetted", "Once a lead has been
    identified", "lead that is qualified after the intro session".
    """
    work = v["seller_work_lemmas"]
    aux = v["passive_auxiliaries"]
    j = t.first_word_at(m.span.end)
    seen_aux = coordinated = False
    for k in range(j, min(len(t.words), j + 6)):
        s, e, w = t.words[k]
        if aux.has_word(w):
            seen_aux = True
            continue
        if w in _ASPECT_ADVERBS:
            continue  # "The prospect has just been added"
        if not seen_aux:
            if w in ("that", "who", "which", "has", "have", "had") or v["buyer_actors"].has_word(w):
                continue  # "prospective customers that have been ...": the rest of the phrase
            if (coordinated or w in ("or", "and")) and not _punct_before(t, k):
                coordinated = True  # "A decision-maker or strong influencer is identified"
                continue
            return None
        lm = lemma("en", w)
        if work.has_word(lm) and _word_is_participle("en", w, lm):
            return Span(s, e, t.raw[s:e])
        perfect = any(t.words[x][2] in ("been", "being") for x in range(j, k))
        second = t.words[k + 1][2] if k + 1 < len(t.words) else ""
        if (
            (perfect or v["determiners"].has_word(second))  # "was given a demo"
            and _word_is_participle("en", w, lm)
            and w not in _STATIVE_PARTICIPLES_EN
            and not _in(v["buyer_act_lemmas"], w, lm)
        ):
            # "the client has been given a proposal", "customers that have been researched
            # and vetted": the buyer had something done to them, by someone else
            return Span(s, e, t.raw[s:e])
        if w not in ("not", "already", "also", "been", "being"):
            return None
    return None


#: participles that describe the buyer's state after "has been" ("has been involved")
_STATIVE_PARTICIPLES_EN = frozenset(
    {"involved", "engaged", "interested", "committed", "convinced", "located", "based"}
    | {"satisfied", "pleased", "informed", "aligned", "exposed", "educated", "able"}
)


def _waiting(v: Vocabulary, t: Text) -> Span | None:
    """A waiting state: "Awaiting PO", "Lead awaiting manager review", "Wacht tot de klant ...".

    The text describes the seller's queue. A waiting word first ("Wacht tot", "Pending") is
    always one; elsewhere only when no buyer act is read in the text ("Buyer signed, awaiting
    countersignature" is the buyer's act).
    """
    found = [
        w
        for w in v.find("waiting_words", t)
        if not _readiness_for_buyer_act(v, t, w) and not _buyer_is_ready(v, t, w)
    ]
    if not found or not t.words:
        return None
    if found[0].start == t.words[0][0]:
        return found[0]
    buyer = v["buyer_act_lemmas"]
    if any(buyer.has_word(lm) for lm in _lemmas(v, t)):
        return None
    return found[0]


#: adjectives that take a clause ("sure they will sign"): the seller's certainty
_BELIEF_ADJECTIVES = frozenset({"sure", "certain", "confident", "convinced", "zeker", "overtuigd"})


def _complement_of(v: Vocabulary, t: Text, seller: Span, other: Span) -> bool:
    """``other`` stands in the clause that complements the seller's verb or adjective of
    saying, knowing or belief between them, in the same sentence: in the few words after the
    seller, or as the last of the seller's conjoined verbs right before ``other`` ("A sales rep
    has spoken with the contact and confirmed they meet your criteria")."""
    i, j = t.first_word_at(seller.end), t.first_word_at(other.start)
    if any(ch in t.raw[seller.end : other.start] for ch in ";.!?"):
        return False
    if j - 2 >= i and t.words[j - 2][2] in ("and", "en") and _reports(v, t.words[j - 1][2]):
        return True
    for k in range(i, min(j, i + 5)):
        w = t.words[k][2]
        if w in _WHETHER.get(v.language, ()) and _question_verb_before(v, t, k):
            return True  # "beoordelen wij of u ...", "we check if you qualify"
        if (
            w in _BELIEF_ADJECTIVES
            or (k > i and w == "there")  # "has verified there is ...": an existential clause
            or v["complementizers"].has_word(w)
            or _reports(v, w)  # also "You're confirming they have a need"
        ):
            return True
    return False


def _reports(v: Vocabulary, w: str) -> bool:
    """``w`` is a verb of saying, knowing or belief (any form, also the progressive of
    reporting: "confirming")."""
    lm = lemma(v.language, w)
    return (
        v["reporting_verbs"].has_word(w)
        or v["belief_verbs"].has_word(w)
        or v["belief_verbs"].has_word(lm)
        or _reporting_progressive(v, w)
    )


#: the word that opens a question after a verb of checking ("bekijken of", "we check if"); else
#: Dutch "of" is "or" and English "if" a condition. English "of" is a preposition ("a review of
#: the contract"), never a question word.
_WHETHER = {"nl": frozenset({"of"}), "en": frozenset({"if", "whether"})}


def _question_verb_before(v: Vocabulary, t: Text, k: int) -> bool:
    """A verb of checking or asking (``question_verbs``) in the few words before ``k``, with no
    punctuation between: the "of"/"if" at ``k`` opens its question ("bekijken of", "we check
    if"), not a coordination ("wij of de klant") or a condition."""
    cat = v["question_verbs"]
    for n in range(k - 1, max(-1, k - 5), -1):
        if _punct_before(t, n + 1):
            return False
        w = t.words[n][2]
        if _in(cat, w, lemma(v.language, w)):
            return True
    return False


def _reporting_progressive(v: Vocabulary, w: str) -> bool:
    """``w`` is the -ing form of an English reporting verb whose -ed or -s form the vocabulary
    lists ("confirming": "confirmed", "stating": "stated", "indicating": "indicated")."""
    if v.language != "en" or not w.endswith("ing") or len(w) < 6:
        return False
    stem = w[:-3]
    bases = [stem, stem + "e"] + ([stem[:-1]] if stem[-1:] == stem[-2:-1] else [])
    verbs = v["reporting_verbs"]
    return any(verbs.has_word(b + end) for b in bases for end in ("ed", "d", "s", "es"))


def _readiness_for_buyer_act(v: Vocabulary, t: Text, w: Span) -> bool:
    """ "klaar om te kiezen", "ready to buy": readiness for the buyer's own act or job is the
    buyer's state (a judgement for the factual rule), not the seller's queue."""
    if not w.text.casefold().endswith((" om", " to")):
        return False
    j = t.first_word_at(w.end)
    if j < len(t.words) and t.words[j][2] == "te":
        j += 1
    if j >= len(t.words):
        return False
    nxt = t.words[j][2]
    lm = lemma(v.language, nxt)
    return _buyers_verb(v, nxt, lm)


#: words of readiness: a state of whoever is the subject ("klaar om", "ready for")
_READY = frozenset({"klaar", "gereed", "ready"})


def _buyer_is_ready(v: Vocabulary, t: Text, w: Span) -> bool:
    """A buyer is the subject of the readiness ("de lead is nog niet klaar voor aanschaf",
    "Deze leads zijn ... klaar om een aankoop te doen"): the buyer's state (a judgement for the
    factual rule), not the seller's queue; "Contract ready for signature" stays a wait."""
    k = t.first_word_at(w.start)
    if k >= len(t.words) or t.words[k][2] not in _READY:
        return False
    a = next((x for x, y in _clauses(t) if x <= k < y), 0)
    return any(
        m.side == "buyer" and m.role == "subject" and a <= t.first_word_at(m.span.start) < k
        for m in _mentions(v, t, [], [])
    )


def _indefinite_subject(v: Vocabulary, t: Text) -> bool:
    """The text starts with an indefinite person who acts ("iemand belt voor info", "someone
    fills in the form"): a person the text does not place on the seller's side ("iemand van
    ons team" is the seller, read by :func:`_mentions`), so no seller work is read into it."""
    if len(t.words) < 2 or t.words[0][2] not in _INDEFINITE_PERSONS:
        return False
    nxt = t.words[1][2]
    if nxt in _PART_OF:
        return False
    if v.language == "nl":
        return _nl_finite(nxt)
    # English: no dictionary lookup (an English check never loads simplemma)
    return nxt in _VERBS_EN or (nxt.endswith("s") and _base_verb_en(nxt[:-1]))


#: indefinite pronouns for a person (not "een", "one", "member": those head a noun phrase)
_INDEFINITE_PERSONS = frozenset({"iemand", "someone", "somebody", "anyone", "anybody"})


def criterion_actor(v: Vocabulary, text: str) -> Actor | None:
    """Who performs ``text``: the buyer, the seller, or ``None`` when the words do not say."""
    return _cached(v, "actor", text, lambda: _criterion_actor(v, text))


_RELATIVE_EN = frozenset({"who", "which", "that"})
_NUMBER_EN = frozenset({"one", "two", "three", "four", "five", "several", "some", "more"})
_FILLERS_EN = frozenset({"both", "also", "all", "then", "just", "already", "each"})


_APPOSITION = frozenset({"als", "as"})
_CORRELATIVE = frozenset({"zowel", "both"})
_RELATIVE_NL = frozenset({"die", "dat", "welke", "waarin", "waarmee"})


#: words that open a free relative clause: what it names is a thing ("what you offer")
_FREE_RELATIVE = frozenset({"what", "whatever", "wat"})


_COPULA_EN = frozenset({"is", "are", "was", "were"})


def _defined_by_relative_en(t: Text, m: _Mention) -> bool:
    """An English definition whose relative clause the seller acts in: "A Prospect is an
    individual that you have identified", "Leads are those entities that you think you may be
    able to sell to". Only after a copula: in "The buyer signed the contract that we sent" the
    buyer's own act is the sentence's."""
    i = t.first_word_at(m.span.start)
    if any(t.words[k][2] in _COPULA_EN for k in range(max(0, i - 6), i - 1)):
        return True
    # a definition with no verb of its own: "a contact that your marketing team has qualified
    # as ready for the sales team", "A lead that sales has accepted"
    return 2 <= i <= 5 and t.words[0][2] in ("a", "an") and t.words[i - 1][2] in _RELATIVE_EN


def _in_free_relative(t: Text, m: _Mention) -> bool:
    """The seller as the subject of a free relative that names the offer ("A person or business
    that may need what you offer", "iemand die zoekt wat wij verkopen"): the clause names a
    thing, the seller does nothing in the criterion."""
    i = t.first_word_at(m.span.start)
    return (
        m.side == "seller"
        and i > 1
        and t.words[i - 1][2] in _FREE_RELATIVE
        and t.words[i - 2][2] not in ("and", "or", "en", "of")
    )  # not a list of the seller's tasks: "what you learn and what you document"


def _without_apposed(v: Vocabulary, t: Text, mentions: list[_Mention]) -> list[_Mention]:
    """A pronoun or actor that an apposition names as the other side is that side: "Jij als
    koper kiest de notaris", "You as the buyer ...": the mention before "als"/"as" is dropped,
    the role after it stays. After "zowel"/"both" the "als" is the second half of a
    conjunction ("zowel door u als de verkoper"), no apposition."""
    out: list[_Mention] = []
    for n, m in enumerate(mentions):
        nxt = mentions[n + 1] if n + 1 < len(mentions) else None
        k = t.first_word_at(m.span.start)
        correlative = any(w in _CORRELATIVE for _s, _e, w in t.words[max(0, k - 3) : k])
        if nxt is not None and nxt.side != m.side and nxt.marker in _APPOSITION and not correlative:
            gap = _gap_words(t, m.span.end, nxt.span.start)
            if (
                gap
                and gap[0] in _APPOSITION
                and all(w in _APPOSITION or v["determiners"].has_word(w) for w in gap)
            ):
                continue
        out.append(m)
    return out


def _in_relative_after_inverted_buyer(
    v: Vocabulary, t: Text, act: Span, mentions: Sequence[_Mention]
) -> bool:
    """Seller work in a relative clause ("die ... moeten worden uitgevoerd") after a main clause
    whose subject is the buyer, placed after its finite verb ("Vervolgens kiest de opdrachtgever
    de onderdelen die ... moeten worden uitgevoerd"): the work describes what the buyer chose,
    the buyer acts."""
    k = t.first_word_at(act.start)
    for m in mentions:
        if m.side != "buyer" or m.span.start >= act.start or m.role == "subject":
            continue
        if not m.marker.isalpha() or _is_marker(v, m.marker) or len(m.marker) < 3:
            continue  # the verb before the subject, by its form or its place: "kiest de ..."
        if not (_nl_finite(m.marker) or m.marker.endswith("t")):
            continue
        i = t.first_word_at(m.span.end)
        if any(t.words[x][2] in _RELATIVE_NL for x in range(i, k)):
            return True
    return False


_WORDEN = frozenset({"wordt", "worden", "werd", "werden"})
#: Dutch prepositions that are never the particle of a separable verb: a verb stem after one
#: is a noun ("via mail", "per telefoon")
_PREPOSITIONS_NL = frozenset({"via", "per", "met", "tijdens", "zonder", "naar", "van", "tot"})


def _perfect_of_buyer_relative(
    v: Vocabulary, t: Text, act: Span, mentions: Sequence[_Mention]
) -> bool:
    """A participle with *hebben* in a relative clause right after a buyer noun ("prospects die
    interesse hebben getoond"): an active perfect whose subject is the relative pronoun, so the
    buyer acted; no passive of seller work."""
    k = t.first_word_at(act.start)
    for m in mentions:
        if m.side != "buyer" or m.span.end > act.start:
            continue
        i = t.first_word_at(m.span.end)
        if i >= k or t.words[i][2] not in _RELATIVE_NL:
            continue
        between = [t.words[x][2] for x in range(i + 1, k)]
        if any(_punct_before(t, x) for x in range(i + 1, k + 1)):
            continue
        # the verb cluster at the end of the relative clause: the auxiliaries right before the
        # participle and the one right after it ("die zijn interesse ... heeft getoond": the
        # possessive *zijn* is no auxiliary of the cluster)
        cluster = []
        x = k - 1
        while x > i and (
            v["active_auxiliaries"].has_word(t.words[x][2])
            or v["passive_auxiliaries"].has_word(t.words[x][2])
        ):
            cluster.append(t.words[x][2])
            x -= 1
        if k + 1 < len(t.words) and not _punct_before(t, k + 1):
            cluster.append(t.words[k + 1][2])
        if any(v["active_auxiliaries"].has_word(w) for w in cluster) and not any(
            v["passive_auxiliaries"].has_word(w) for w in cluster
        ):
            return True
        if any(v["active_auxiliaries"].has_word(w) for w in between) and not any(
            v["passive_auxiliaries"].has_word(w) for w in between
        ):
            return True
    return False


def _passive_to_buyer_nl(v: Vocabulary, t: Text, mentions: Sequence[_Mention]) -> Span | None:
    """A Dutch passive with the buyer as its recipient and no agent: "Het resterende bedrag wordt
    na oplevering aan u in rekening gebracht", "De stukken worden naar de klant gezonden".
    Someone did it to the buyer; no buyer act ("wordt aan ons gegund": the recipient is the
    seller, no buyer mention)."""
    if v.language != "nl" or any(m.role in ("subject", "agent") for m in mentions):
        return None
    if not any(
        m.side == "buyer" and m.role == "object" and m.marker in ("aan", "naar") for m in mentions
    ):
        return None
    words = t.words
    aux = next((k for k, (_s, _e, w) in enumerate(words) if w in _WORDEN), None)
    if aux is None:
        return None
    for k in range(len(words) - 1, aux, -1):
        s, e, w = words[k]
        lm = lemma("nl", w)
        if _word_is_participle("nl", w, lm):
            if _in(v["buyer_act_lemmas"], w, lm):
                return None
            return Span(s, e, t.raw[s:e])
    return None


def _nl_participle_shape(w: str) -> bool:
    """``w`` has the shape of a Dutch participle, with or without a separable particle before
    its *ge-*, weak or strong ("opgenomen", "ingepland", "vastgelegd"), also when the dictionary
    does not know it; read so only after a passive auxiliary."""
    for sep in ("", *_NL_SEPARABLE):
        rest = w[len(sep) :] if w.startswith(sep) else ""
        if rest.startswith("ge") and len(rest) >= 6 and rest.endswith(("d", "t", "en")):
            return True
    return False


#: prepositions of place before the seller's own records ("in onze planning", "op onze lijst")
_INTO = frozenset({"in", "op", "into", "onto"})


def _passive_into_seller_records(
    v: Vocabulary, t: Text, mentions: Sequence[_Mention]
) -> Span | None:
    """A passive with no agent that puts something into the seller's own records ("Uw opdracht
    wordt in onze planning opgenomen", "The order is entered into our system"): the first
    person's possessive after a preposition of place says whose work it is. The participle
    is what the seller did; a buyer's act ("in onze winkel besteld") is the buyer's."""
    if any(m.role in ("subject", "agent") and m.side == "seller" for m in mentions):
        return None
    words = [w for _s, _e, w in t.words]
    own = v["seller_possessives"]
    places = [k for k in range(len(words) - 1) if words[k] in _INTO and own.has_word(words[k + 1])]
    if not places or any(v["agent_markers"].has_word(w) for w in words):
        return None
    aux = next((k for k, w in enumerate(words) if v["passive_auxiliaries"].has_word(w)), None)
    if aux is None:
        return None
    for k in range(aux + 1, len(words)):
        s, e, w = t.words[k]
        lm = lemma(v.language, w)
        if _word_is_participle(v.language, w, lm) or (
            v.language == "nl" and (_nl_prefixed_participle(w, lm) or _nl_participle_shape(w))
        ):
            if _in(v["buyer_act_lemmas"], w, lm) or _in(v["reception_lemmas"], w, lm):
                return None
            return Span(s, e, t.raw[s:e])
    return None


def _active_en(v: Vocabulary, t: Text, act: Span) -> bool:
    """``act`` is an active past tense with its own subject, not seller activity in the passive.

    "Person created a trial account" (a direct object follows), "colleagues who both logged
    in" (a relative pronoun is the subject): someone other than the seller acted.
    """
    words = t.words
    i = t.first_word_at(act.start)
    j = t.last_word_before(act.end)
    if i == 0 or i >= len(words):
        return False  # "Sent proposal": no subject before it
    k = i - 1
    while k > 0 and words[k][2] in _FILLERS_EN:
        k -= 1
    if v["passive_auxiliaries"].has_word(words[k][2]):
        return False  # "Buyer was sent the pricing sheet"
    nxt = words[j + 1][2] if j + 1 < len(words) else ""
    if nxt and (v["determiners"].has_word(nxt) or nxt in _NUMBER_EN or nxt.isdigit()):
        return True
    if _relative_perfect_en(v, [w for _, _, w in words], j):
        return True
    return words[k][2] in _RELATIVE_EN


#: reflexive pronouns: a participle with one after it is active ("have qualified themselves")
_REFLEXIVE_EN = frozenset({"themselves", "himself", "herself", "itself", "ourselves", "yourself"})


def _relative_perfect_en(v: Vocabulary, words: Sequence[str], i: int) -> bool:
    """The English participle at ``i`` is an active perfect of its own subject: after a relative
    pronoun and *have* ("any customer who has shown interest", "someone who has demonstrated
    value"), or with a reflexive object ("These people have self-qualified themselves"). A
    definition's relative clause says what the defined buyer did, not the seller's work."""
    if i + 1 < len(words) and words[i + 1] in _REFLEXIVE_EN:
        return True
    k = i - 1
    while k > 0 and words[k] in _FILLERS_EN:
        k -= 1
    if k < 1 or not (v["active_auxiliaries"].has_word(words[k]) or words[k] == "ve"):
        return False
    k -= 1
    while k > 0 and words[k] in _FILLERS_EN:
        k -= 1
    return words[k] in _RELATIVE_EN


def _before_its_noun_en(v: Vocabulary, t: Text, act: Span) -> bool:
    """A one-word participle between a determiner and a noun is an adjective on that noun, no
    seller activity: "Upon approval of the proposed estimate", "the quoted price"."""
    if " " in act.text.strip():
        return False
    i = t.first_word_at(act.start)
    if i == 0 or i + 1 >= len(t.words) or _punct_before(t, i + 1):
        return False
    prev, nxt = t.words[i - 1][2], t.words[i + 1][2]
    if not (
        v["determiners"].has_word(prev) or prev in _OWN or v["seller_possessives"].has_word(prev)
    ):
        return False
    return nxt.isalpha() and not (
        nxt in _VERBS_EN
        or _is_marker(v, nxt)
        or nxt in _PREPOSITIONS_EN
        or nxt in ("and", "or", "but", "to", "by")
    )


def _punct_before(t: Text, k: int) -> bool:
    return any(ch in t.raw[t.words[k - 1][1] : t.words[k][0]] for ch in ",;:.!?/+")


#: prepositions that make the buyer the recipient or owner of what the subject does
_RECIPIENT_MARKERS = frozenset({"aan", "naar", "van", "to", "of"})


def _ambiguous_is_seller(v: Vocabulary, t: Text, m: _Mention, mentions: Sequence[_Mention]) -> bool:
    """An actor that can be either side (``ambiguous_actors``: "hij", "Bedrijf", "he") read as
    the seller: its clause is seller work ("Hij kwalificeert de account", "Bedrijf controleert
    de bestelling") or has the buyer as an object ("Bedrijf stuurt aan de klant een offerte
    terug", "achterhaalt hij de wensen van de klant"), and no buyer act."""
    if not v["ambiguous_actors"].has_word(m.span.text.casefold()):
        return False
    i = t.first_word_at(m.span.start)
    a, b = next(((x, y) for x, y in _clauses(t) if x <= i < y), (0, len(t.words)))
    if m.span.text.casefold() in _POLITE:
        if v.addressee != "auto":
            return v.addressee == "seller"  # the project says who "u" is
        if _crm_user(v, t, i, a, b) or _reader_sells(v, t):
            return True
        if not _third_party_buyer(v, t, m, mentions):
            return False
    buyer = v["buyer_act_lemmas"]
    for k in range(a, b):
        w = t.words[k][2]
        if _in(buyer, w, lemma(v.language, w)):
            return False
    # the actor's own decision in the sentence: "u bepaalt ... en neemt de gunningsbeslissing"
    # (a light verb on a noun of a buyer's act), "U deelt uw gunningsbeslissing mee" (the
    # subject's possessive): the actor is the buyer
    end = next((k for k in range(i + 1, len(t.words)) if _punct_before(t, k)), len(t.words))
    for k in range(i + 1, end):
        if _own_buyer_act(v, t, k) or _seller_pronoun_object(t, k, end):
            return False
    # the buyer as recipient may come after a coordination of nouns ("de behoeften en wensen
    # van de klant"): look to the next punctuation, not to the next "en"
    stop = next((k for k in range(i + 1, len(t.words)) if _punct_before(t, k)), len(t.words))
    if any(
        o.side == "buyer"
        and o.role == "object"
        and o.marker in _RECIPIENT_MARKERS
        and o.span.start > m.span.end
        and t.first_word_at(o.span.start) < stop
        and not v["ambiguous_actors"].has_word(o.span.text.casefold())
        for o in mentions
    ):
        return True
    # the work of a purpose clause is not the actor's verb: "Hij gaat op zoek naar antwoorden
    # om de situatie te begrijpen" (the buyer searching); Dutch "om ... te" marks it
    purpose = next((k for k in range(i + 1, b) if t.words[k][2] == "om"), b)
    return _seller_work_in(v, t, a, purpose) is not None


def _crm_user(v: Vocabulary, t: Text, i: int, a: int, b: int) -> bool:
    """The polite "u" at ``i`` does the work of a CRM (``crm_lemmas``) in its clause ``a``..``b``
    and no buyer's act: it is the reader of a CRM's help page, the seller ("voordat u een Lead
    in een Opportuniteit omzet", "moet u koppelen aan een Account", "U hebt vastgesteld dat de
    persoon aan de criteria voldoet"). Other seller work leaves "u" the customer of a service
    firm's page ("legt u uit wat u nodig hebt", "U brengt een bod uit")."""
    crm, buyer = v["crm_lemmas"], v["buyer_act_lemmas"]
    # a finite form the dictionary does not know ("toewijst", "omzet" in a subordinate clause)
    finite = {f for x in crm.singles for st in [_nl_stem(x)] for f in (st, st + "t")}
    words = [w for _s, _e, w in t.words]
    found = False
    for k in range(a, b):
        w = words[k]
        lm = lemma(v.language, w)
        if _in(buyer, w, lm):
            return False
        split = k > 1 and words[k - 1] == "te" and crm.has_word(words[k - 2] + w)  # "om te zetten"
        if k != i and (_in(crm, w, lm) or w in finite or split):
            found = True
    return found


def _third_party_buyer(v: Vocabulary, t: Text, m: _Mention, mentions: Sequence[_Mention]) -> bool:
    """A buyer named in the third person besides the polite "u" ("de klant", "uw klant",
    "hen"). The seller writes "u" to whoever reads its page: on a service firm's page
    (*werkwijze*, terms) that is the customer ("U brengt een bod uit", "u neemt contact op met
    de makelaar", "U dient het werkblad te controleren"); a CRM's help page addresses its user,
    the seller, and then names the customer apart ("u moet een offerte naar de klant
    verzenden"), or acts on a third person ("U belt hen nog eens op"). Without either, "u"
    stays the buyer, whatever its verb."""
    ambiguous = v["ambiguous_actors"]
    if any(w in _THIRD_PERSON_OBJECTS for _s, _e, w in t.words):
        return True
    return any(
        o is not m and o.side == "buyer" and not ambiguous.has_word(o.span.text.casefold())
        for o in mentions
    )


#: third persons as objects only ("U belt hen nog eens op"): someone other than the reader
_THIRD_PERSON_OBJECTS = frozenset({"hen", "hem"})


#: prepositions before the seller's "ons"/"us" as an object ("bij ons", "to us")
_OBJECT_PREPOSITIONS = frozenset({"bij", "aan", "naar", "met", "voor", "to", "with", "for"})


#: the seller speaking in the first person as an object ("Je belt me", "You send us the form");
#: Dutch "ons" is also a possessive and is read by its place
_FIRST_PERSON_OBJECT = frozenset({"me", "mij", "us"})


def _seller_pronoun_object(t: Text, k: int, end: int) -> bool:
    """The word at ``k`` is the seller in the first person as an object of the ambiguous
    actor's clause ("u levert deze documenten bij ons in", "dat u ons vraagt ... te leveren",
    "he sends us the form"): the actor deals with the seller, so it is the other party. "ons"
    before a noun is a possessive ("ons voorstel") and is no object."""
    w = t.words[k][2]
    if w in _FIRST_PERSON_OBJECT:
        return True
    if w != "ons":
        return False
    prev = t.words[k - 1][2] if k > 0 else ""
    nxt = t.words[k + 1][2] if k + 1 < end else ""
    return prev in _OBJECT_PREPOSITIONS or not nxt or nxt in _NL_SEPARABLE or _nl_finite(nxt)


#: forms of the light verbs whose object names the act ("neemt de beslissing", "makes the
#: decision"); forms, not lemmas, so that no lemma outside the vocabularies is asked for
_LIGHT_VERBS = frozenset(
    {"neem", "neemt", "nemen", "nam", "namen", "genomen", "maak", "maakt", "maken", "maakte"}
    | {"maakten", "gemaakt", "take", "takes", "took", "taken", "make", "makes", "made"}
)
#: possessives that point back to the subject ("uw beslissing", "their decision")
_OWN = frozenset({"uw", "zijn", "haar", "hun", "your", "his", "her", "their", "its"})


#: the person addressed, who is the seller in a playbook and the buyer on a customer's page
_ADDRESSEE = frozenset({"je", "jij", "you"})
_ADDRESSEE_OWN = frozenset({"je", "jouw", "your"})
#: the pronouns of the one the text addresses, whose side the project's ``addressee`` declares
#: (:func:`_mentions`): the addressee of a playbook or a customer's page, the polite "u", and
#: the addressee's team ("Leads your team has reached out to")
ADDRESSED = _ADDRESSEE | {"jou", "u", "your team", "your sales team"}


#: prepositions that name the other party of a dealing ("de contracten met deze leveranciers",
#: "quotes from three vendors")
_COUNTERPART = frozenset({"met", "van", "bij", "with", "from"})
_DEMONSTRATIVES = frozenset(
    {"deze", "die", "dit", "dat", "these", "those", "this", "that", "twee", "drie", "vier"}
    | {"meerdere", "enkele", "verschillende", "two", "three", "four", "several", "multiple"}
)


def _supplier_as_counterpart(v: Vocabulary, t: Text, mentions: Sequence[_Mention]) -> bool:
    """The supplier named as the other party of a dealing, after a preposition, or what the
    buyer received as the attribute of a noun, and no seller as an actor: the text is written
    from the buyer's side, and its work with no actor is the buyer's ("De contracten met deze
    leveranciers worden ... vastgelegd", "Quotes from three vendors compared", "De verkregen
    offertes worden vergeleken")."""
    if any(m.side == "seller" and m.role in ("subject", "agent") for m in mentions):
        return False
    dets = v["determiners"]
    rec = v["reception_lemmas"]
    for k in range(1, len(t.words) - 1):
        w = t.words[k][2]
        if (
            dets.has_word(t.words[k - 1][2])
            and (_word_is_participle(v.language, w, lemma(v.language, w)) or w.endswith("en"))
            and _in(rec, w, lemma(v.language, w))
            and not v["buyer_artefacts"].has_word(t.words[k + 1][2])
        ):
            return True  # "De verkregen offertes worden vergeleken": the buyer got them
    for p in v.find("seller_parties", t):
        k = t.last_word_before(p.start)
        while k >= 0 and (
            dets.has_word(t.words[k][2])
            or t.words[k][2] in _DEMONSTRATIVES
            or t.words[k][2].isdigit()
        ):
            k -= 1
        if k >= 0 and t.words[k][2] in _COUNTERPART and not _punct_before(t, k + 1):
            return True
    return False


def _buyer_side_text(v: Vocabulary, t: Text, mentions: Sequence[_Mention]) -> bool:
    """The text is written for the buyer, and its work with no actor named is the buyer's: it
    names the buyer's own buying process or forms (``buyer_side_words``: "longlist", "programma
    van eisen", "RFI", "selectievakje", "click Submit"), or the sellers as the ones it acts on
    ("Nodig vijf bureaus uit", "Informatie over de leveranciers vergaren"), and no seller acts
    as subject or agent."""
    if any(m.side == "seller" and m.role in ("subject", "agent") for m in mentions):
        return False
    if v.find("buyer_side_words", t):
        return True
    return any(
        m.side == "seller" and m.role == "object" and v["seller_parties"].has_word(m.span.text)
        for m in mentions
    )


def _chosen_seller(v: Vocabulary, t: Text, m: _Mention) -> bool:
    """The seller is the patient of a passive buyer's decision ("de juiste leverancier is
    gekozen", "The vendor was selected"): a passive auxiliary right after it, then a
    participle of a buyer's act or decision in its clause with no agent. The buyer chose."""
    i = t.last_word_before(m.span.end)
    _a, b = next(((x, y) for x, y in _clauses(t) if x <= i < y), (0, len(t.words)))
    if i + 2 >= b + 1 or not v["passive_auxiliaries"].has_word(t.words[i + 1][2]):
        return False
    cats = (v["decision_lemmas"], v["buyer_act_lemmas"])
    for k in range(i + 2, b):
        w = t.words[k][2]
        if v["agent_markers"].has_word(w):
            return False
        if _word_is_participle(v.language, w, lemma(v.language, w)) and any(
            _in(c, w, lemma(v.language, w)) for c in cats
        ):
            return True
    return False


def _addressee_own_act(v: Vocabulary, t: Text, m: _Mention) -> bool:
    """The addressed "je"/"you" as subject takes its own decision in its clause ("Je bevestigt
    je akkoord per mail", "you sign your order"): a noun of a buyer's act after the addressee's
    own possessive ("je", "jouw", "your"); the addressee is the buyer. A buyer's act that is
    someone else's ("Je vraagt de klant om zijn akkoord") leaves the addressee the seller."""
    if m.span.text.casefold() not in _ADDRESSEE:
        return False
    i = t.first_word_at(m.span.end)
    end = next((k for k in range(i, len(t.words)) if k > i and _punct_before(t, k)), len(t.words))
    nouns = v["buyer_act_nouns"]
    for k in range(i + 1, end):
        w = t.words[k][2]
        if t.words[k - 1][2] in _ADDRESSEE_OWN and (
            nouns.has_word(w) or any(w.endswith(n) and len(w) > len(n) + 2 for n in nouns.singles)
        ):
            return True
    return False


#: the seller speaking in the first person: with it in the text, the one addressed is the
#: other party ("You accept our proposal", "Stuur uw documenten naar ons")
_FIRST_PERSON = {
    "en": frozenset({"we", "our", "ours", "us", "me", "my"}),
    "nl": frozenset({"wij", "we", "ons", "onze", "me", "mij", "mijn"}),
}


def _decides(v: Vocabulary, t: Text, i: int, a: int, b: int) -> bool:
    """The clause ``a``..``b`` of the addressee at ``i`` has a verb of a decision only the buyer
    takes (``decision_lemmas``): "Jij beslist of je die offerte aanvaardt", "je hebt besloten
    bij welke makelaar ...", "Je schrijft je gratis en vrijblijvend in op de groepsaankoop" (a
    Dutch separable verb joined back to its particle later in the sentence)."""
    cat = v["decision_lemmas"]
    words = [w for _s, _e, w in t.words]
    for k in range(a, b):
        if k == i:
            continue
        w = words[k]
        lm = lemma(v.language, w)
        if _in(cat, w, lm):
            return True
        if v.language == "nl" and any(
            p in _NL_SEPARABLE and cat.has_word(p + lm) for p in words[k + 1 :]
        ):
            return True
    return False


def _addressee_is_buyer(v: Vocabulary, t: Text, m: _Mention, mentions: Sequence[_Mention]) -> bool:
    """The addressed "je"/"jij"/"you" is the buyer, not the seller of a playbook:

    - it takes its own decision (:func:`_addressee_own_act`);
    - the seller speaks in the first person in the same text ("You accept our proposal",
      "You find our estimate acceptable"): the one addressed is the other party;
    - it is the actor of a buyer's act (``buyer_act_lemmas``) in a clause that names no buyer
      ("The quote is accepted by you", "you agree to pay a deposit"); a buyer named in the
      clause is whom the seller acts on ("you ask the customer for a date"). As a Dutch subject
      "je" is as often the impersonal "one" of a playbook ("je boekt de order"), so there only
      the agent of a passive ("door jou goedgekeurd") is read this way.
    """
    if m.span.text.casefold() not in _ADDRESSEE or v.addressee != "auto" or _reader_sells(v, t):
        return False  # a declared addressee has its side from :func:`_mentions`
    if m.role == "subject" and _addressee_own_act(v, t, m):
        return True
    i = t.first_word_at(m.span.start)
    a, b = next(((x, y) for x, y in _clauses(t) if x <= i < y), (0, len(t.words)))
    quoted = _quoted(t)
    first = _FIRST_PERSON.get(v.language, frozenset())
    if any(
        w in first and not any(q.start <= s < q.end for q in quoted) for s, _e, w in t.words
    ) and (not _addressee_verb_is_work(v, t, i, b) or _seller_as_object(t, i, b)):
        # ... unless the addressee does seller work: "You send our proposal" is the rep; but
        # "Je belt me", "je bezorgt me een getekend exemplaar": the seller is its object
        return True
    if any(
        o is not m and o.side == "buyer" and a <= t.first_word_at(o.span.start) < b
        for o in mentions
    ):
        return False
    if m.role == "subject" and v.language == "nl" and _decides(v, t, i, a, b):
        return True
    if m.role != "agent" and v.language == "nl":
        return False
    buyer = v["buyer_act_lemmas"]
    if m.role == "agent":
        near = range(max(a, i - 3), i)  # "accepted by you", "approved by you"
    else:
        near = range(i + 1, min(b, i + 4) if v.language == "en" else b)
    return any(_in(buyer, t.words[k][2], lemma(v.language, t.words[k][2])) for k in near)


#: words that conjoin two actors into one ("de koper en de verkoper", "zowel door u als door
#: de verkoper", "the buyer and our CEO")
_CONJOINING = frozenset({"en", "and", "als", "&", "door", "by", "de", "het", "the", "our", "ons"})


#: the buyer's own possessive before a duty noun ("uw verantwoordelijkheid", "your role"); the
#: addressed "je"/"jouw" can be the seller of a playbook, so it is no owner here
_BUYER_OWN = frozenset({"uw", "your"})
#: what introduces the duty's infinitive or gerund ("om ... te", "to provide", "het aanleveren")
_DUTY_VERB_MARKERS = frozenset({"te", "to", "om", "het"})


def _buyer_duty(v: Vocabulary, t: Text, mentions: Sequence[_Mention]) -> Span | None:
    """A duty noun (``duty_nouns``) owned by the buyer, with the act it asks for after it: "Het
    is de taak van de klant een correcte tekst aan te leveren", "Het is uw verantwoordelijkheid
    om ... zorg te dragen voor ...", "It is the customer's responsibility to provide access".
    The buyer is the one who does the infinitive, whatever its verb. The owner is the buyer's
    possessive "uw"/"your" before the noun, a buyer named after "van"/"of" (past an article), or
    a buyer with "'s" before it; not the addressed "jouw" (a playbook's seller) or an
    ambiguous actor."""
    words = [w for _s, _e, w in t.words]
    ambiguous = v["ambiguous_actors"]
    for d in v.find("duty_nouns", t):
        k = t.first_word_at(d.start)
        if not any(w in _DUTY_VERB_MARKERS or w.endswith("ing") for w in words[k + 1 :]):
            continue
        if k > 0 and words[k - 1] in _BUYER_OWN:
            s, e, _w = t.words[k - 1]
            return Span(s, e, t.raw[s:e])
        for m in mentions:
            if m.side != "buyer" or ambiguous.has_word(m.span.text.casefold()):
                continue
            x = t.first_word_at(m.span.start)
            after = (
                k + 2 <= x <= k + 3
                and words[k + 1] in _FROM | {"of"}
                and all(v["determiners"].has_word(w) for w in words[k + 2 : x])
            )
            before = m.span.end <= d.start and t.raw[m.span.end : d.start].strip() in ("'s", "’s")
            if after or before:
                return m.span
    return None


def _conjoined_buyer_act(v: Vocabulary, t: Text, mentions: Sequence[_Mention]) -> Span | None:
    """The buyer conjoined with a seller as the actor of one verb that is a buyer's act: "U en
    de verkoper hebben de koopakte ondertekend", "wordt zowel door u als de verkoper
    ondertekend", "The buyer and our CEO signed the contract". The buyer signs, pays or agrees
    with the seller: the buyer has moved. (Conjoined clauses, each with a verb of its own,
    are not conjoined actors: "They replied, and we sent the quote".)"""
    buyer = v["buyer_act_lemmas"]
    for x, y in itertools.pairwise(mentions):
        if {x.side, y.side} != {"buyer", "seller"} or "object" in (x.role, y.role):
            continue
        i, j = t.last_word_before(x.span.end), t.first_word_at(y.span.start)
        between = [w for _s, _e, w in t.words[i + 1 : j]]
        if not between or not all(w in _CONJOINING for w in between):
            continue
        if not any(w in ("en", "and", "als", "&") for w in between):
            continue
        b = next((y2 for x2, y2 in _clauses(t) if x2 <= j < y2), len(t.words))
        for k in range(j + 1, b):
            w = t.words[k][2]
            if _in(buyer, w, lemma(v.language, w)):
                return x.span if x.side == "buyer" else y.span
    return None


def _seller_as_object(t: Text, i: int, b: int) -> bool:
    """The first-person object stands right after the verb of the addressee at ``i`` (or after
    an inverted addressee: "Bel je me"): the addressee acts on the seller, as the buyer does."""
    return any(t.words[k][2] in _FIRST_PERSON_OBJECT for k in range(i + 1, min(b, i + 3)))


def _addressee_verb_is_work(v: Vocabulary, t: Text, i: int, b: int) -> bool:
    """The verb after the addressee at ``i`` (past its auxiliaries) is seller work or joint
    work: "You send our case study", "You've shared our pricing", "Je stuurt onze offerte"."""
    work = v["seller_work_lemmas"]
    aux = v["active_auxiliaries"], v["passive_auxiliaries"]
    for k in range(i + 1, min(b, i + 4)):
        w = t.words[k][2]
        if w in _VERBS_EN or w in ("ve", "ll", "d", "re") or any(a.has_word(w) for a in aux):
            continue
        lm = lemma(v.language, w)
        stems = [w[:-1], w[:-2]] if v.language == "en" and w.endswith("s") else []
        return any(
            _in(cat, w, lm) or any(cat.has_word(x) for x in stems)
            for cat in (work, v["joint_lemmas"])
        )
    return False


def _own_buyer_act(v: Vocabulary, t: Text, k: int) -> bool:
    """Word ``k`` is a noun of a buyer's act ("beslissing", or a compound ending in one:
    "gunningsbeslissing") that the clause's actor performs: the object of a light verb just
    before it or after the actor's own possessive."""
    w = t.words[k][2]
    nouns = v["buyer_act_nouns"]
    if not (nouns.has_word(w) or any(w.endswith(n) and len(w) > len(n) + 2 for n in nouns.singles)):
        return False
    before = [t.words[x][2] for x in range(max(0, k - 3), k)]
    if before and before[-1] in _OWN:
        return True
    return any(b in _LIGHT_VERBS for b in before)


def _work_in_other_clauses(
    v: Vocabulary, t: Text, m: _Mention, mentions: Sequence[_Mention]
) -> Span | None:
    """Seller work in a later clause that names no actor of its own: the buyer subject of the
    first clause does not act in it ("Final decision-makers engaged, pricing discussed",
    "New prospect, initial contact made")."""
    i = t.first_word_at(m.span.start)
    clauses = _clauses(t)
    for a, b in clauses:
        if a <= i:
            continue
        if any(a <= t.first_word_at(o.span.start) < b for o in mentions):
            continue
        if t.words[a - 1][2] in ("and", "en", "or", "of") or not _punct_before(t, a):
            continue  # "Buyer signed and returned the form": the same subject
        found = _seller_work_in(v, t, a, b)
        if found is None:
            continue
        k = t.first_word_at(found.end)
        if k < b and (v["determiners"].has_word(t.words[k][2]) or t.words[k][2].isdigit()):
            continue  # "they replied, booked a meeting": an active verb, the subject elided
        return found
    return None


#: first-person objects: the seller speaking ("van ons", "from us")
_US = frozenset({"ons", "us", "mij", "me"})
_FROM = frozenset({"van", "from"})


def _from_seller(v: Vocabulary, t: Text, mentions: Sequence[_Mention]) -> Span | None:
    """The seller as the source of what someone receives ("ontvangt u van ons de offerte", "you
    receive a proposal from us", "Klant ontvangt van de accountmanager een offerte"): the
    seller's act of sending, told from the receiver's side. A receiving verb in the infinitive
    ("opted in to hear from you", "wil graag van ons horen") is nothing received yet: the
    receiver's wish or consent, no sending."""
    rec = v["reception_lemmas"]
    words = t.words
    if not any(
        _in(rec, w, lemma(v.language, w)) and not (k > 0 and words[k - 1][2] in _TO_INFINITIVE)
        for k, (_s, _e, w) in enumerate(words)
    ):
        return None
    for k in range(len(words) - 1):
        if words[k][2] not in _FROM:
            continue
        _s, e, nxt = words[k + 1]
        if nxt in _US:
            return Span(words[k][0], e, t.raw[words[k][0] : e])
        for m in mentions:
            if (
                m.side == "seller"
                and m.marker in _FROM
                and k < t.first_word_at(m.span.start) <= k + 3
            ):
                return m.span
    return None


#: the markers of an infinitive right before its verb ("to hear", "te ontvangen")
_TO_INFINITIVE = frozenset({"to", "te"})


def _receives(v: Vocabulary, t: Text, m: _Mention) -> bool:
    """The verb of the seller's clause is one of receiving (``reception_lemmas``): "you have
    received a decision from the customer", "We hebben de getekende offerte terugontvangen"."""
    i = t.first_word_at(m.span.end)
    _a, b = next(((x, y) for x, y in _clauses(t) if x <= i < y), (i, len(t.words)))
    rec = v["reception_lemmas"]
    for k in range(i, b if v.language == "nl" else min(b, i + 4)):
        w = t.words[k][2]
        if _in(rec, w, lemma(v.language, w)):
            return True
    return False


def _buyer_voice(v: Vocabulary, t: Text, m: _Mention, acts: Sequence[Span]) -> bool:
    """The first person plural speaks for the buyer: its clause is negated or its verb is one of
    the buyer's own situation, search or decision (``buyer_voice_lemmas``), and no seller work,
    seller activity or activity noun stands in the clause ("We don't have budget", "We're just
    exploring options", "we have decided to start small"; "We haven't sent the proposal" and
    "We had a great demo" stay the seller's)."""
    if not v["first_person_plural"].has_word(m.span.text):
        return False
    i = t.first_word_at(m.span.end)
    a, b = next(((x, y) for x, y in _clauses(t) if x <= i < y), (i, len(t.words)))
    if any(t.first_word_at(x.start) in range(a, b) for x in acts):
        return False
    if _seller_work_in(v, t, a, b) is not None:
        return False
    negs, voice = v["negations"], v["buyer_voice_lemmas"]
    spoken = False
    for k in range(i, b):
        w = t.words[k][2]
        lm = lemma(v.language, w)
        if _activity_noun(v, w, lm) or _in(v["seller_work_lemmas"], w, lm):
            return False
        spoken = spoken or negs.has_word(w) or _in(voice, w, lm)
    return spoken


#: modal verbs of wanting: "Iemand wil een voorstel ontvangen" wants, has received nothing
_WANT = frozenset({"wil", "willen", "wilt", "wilde", "wilden", "want", "wants", "wanted"})


def _buyer_receives(v: Vocabulary, t: Text, m: _Mention) -> Span | None:
    """The buyer as the subject of a verb of receiving, in a text with no act of the buyer:
    the buyer got what the seller sent ("je ontvangt na de kennismaking een offerte op maat",
    "Na dit gesprek ontvangt u de offerte", "The client has received pricing"); the seller's
    act, not the buyer's progress. With an act of the buyer in the text ("Zodra de klant de
    offerte heeft ontvangen, kan hij deze ... markeren als goedgekeurd", "the prospect
    confirmed they received it") or a wish ("wil ... ontvangen") the buyer acts."""
    i = t.first_word_at(m.span.start)
    a, b = next(((x, y) for x, y in _clauses(t) if x <= i < y), (0, len(t.words)))
    rec, buyer = v["reception_lemmas"], v["buyer_act_lemmas"]
    words = [w for _s, _e, w in t.words]
    found: Span | None = None
    for k in range(a, b):
        if k > 0 and v["determiners"].has_word(words[k - 1]):
            continue  # "opent u de ontvangen inschrijvingen": an adjective
        if k != i and _in(rec, words[k], lemma(v.language, words[k])):
            if k > 0 and words[k - 1] in ("to", "te"):
                return None  # "ready to receive sales communications": nothing received yet
            s, e, _w = t.words[k]
            found = Span(s, e, t.raw[s:e])
            break
    if found is None:
        return None
    reporting = v["reporting_verbs"]
    for k, w in enumerate(words):
        lm = lemma(v.language, w)
        if _in(buyer, w, lm) or w in _WANT or reporting.has_word(w) or _own_buyer_act(v, t, k):
            return None
    return found


_HAVE = frozenset({"has", "have", "had", "holds", "heeft", "hebben", "hadden"})
_ARTICLES = frozenset({"de", "het", "een", "the", "a", "an"})
#: modal and future verbs whose infinitive carries the work
_MODAL_LEMMAS = frozenset({"zullen", "gaan", "moeten", "kunnen", "will", "shall", "must", "can"})


def _provider_subject(v: Vocabulary, t: Text, mentions: Sequence[_Mention]) -> Span | None:
    """A person the vocabulary does not know, as the subject, who acts on the buyer or does
    seller work: the one who provides the service ("De secretaresse vraagt de cliënt om de
    stukken", "The photographer provides a consultation"). Article, noun, finite verb at the
    start of the text: the noun phrase before the verb is its subject (Dutch main clauses put
    the subject first unless the verb comes first or an adverbial opens them); in Dutch also
    a finite verb opening a clause after a comma, then article and noun: the inverted subject
    ("Als de opdracht is aanvaard, zendt de advocaat de cliënt een bevestiging"; not after a
    clause that opens with its subject, whose verb the next clause shares: "De lead vult een
    formulier in, stuurt een e-mail"). A name with no article opens the text the same way
    (:func:`_leading_name`). A thing in that place (a document, an activity, the stage), a
    buyer's act or a verb of receiving leave the reading to the other rules, and so does a text
    written for the buyer (``buyer_side_words``)."""
    words = [w for _s, _e, w in t.words]
    if v.find("buyer_side_words", t):
        return None  # "An employee identifies a need and submits a Purchase Requisition"
    if len(words) >= 4 and words[0] in _ARTICLES:
        found = _provider_at(v, t, mentions, 1, 2)
        if found is not None:
            return found
    k = _leading_name(v, t, mentions) if words and words[0] not in _ARTICLES else None
    if k is not None:
        # a name with no article: "Snappy George prepares ...", "BKN onderzoekt of ..."
        found = _provider_at(v, t, mentions, k - 1, k, start=0)
        if found is not None:
            return found
    if v.language != "nl":
        return None
    clauses = _clauses(t)
    for (pa, _pb), (a, _b) in itertools.pairwise(clauses):
        if a > 0 and a + 3 < len(words) and _punct_before(t, a) and words[a + 1] in _ARTICLES:
            if any(
                m.role == "subject" and t.first_word_at(m.span.start) <= pa + 1 for m in mentions
            ):
                continue  # "De lead vult een formulier in, stuurt een e-mail": the same subject
            found = _provider_at(v, t, mentions, a + 2, a)
            if found is not None:
                return found
    return None


def _provider_at(
    v: Vocabulary, t: Text, mentions: Sequence[_Mention], n: int, k: int, start: int | None = None
) -> Span | None:
    """The noun at ``n`` (the name from word ``start`` on) is the provider acting with the
    finite verb at ``k``."""
    words = [w for _s, _e, w in t.words]
    if _punct_before(t, min(n, k) + 1) or _punct_before(t, max(n, k)):
        return None
    noun, verb = words[n], words[k]
    if any(min(n, k) - 1 <= t.first_word_at(m.span.start) <= max(n, k) for m in mentions):
        return None
    things = ("artefacts", "buyer_artefacts", "activity_nouns", "frame_nouns", "buyer_act_nouns")
    # after an article, what the seller offers is a thing ("The solution works for them"); a
    # name with no article is a proper name ("Onze Medische Dienst belt u op")
    for cat in (*things, "offering_nouns") if start is None else things:
        if v[cat].has_word(noun):
            return None
    lm = lemma(v.language, verb)
    if v.language == "nl":
        if not _nl_finite(verb):
            return None
    elif not _third_person_en(verb):
        return None
    if _in(v["buyer_act_lemmas"], verb, lm) or _in(v["reception_lemmas"], verb, lm):
        return None
    after = max(n, k)
    _a, b = next(((x, y) for x, y in _clauses(t) if x <= after < y), (0, len(words)))
    if any(v["buyer_act_nouns"].has_word(words[x]) for x in range(after + 1, b)):
        return None  # "De werkgever neemt de beslissing": a decision is the buyer's act
    # the buyer as the verb's (first) object, right after the verb and subject, with at most
    # an article before it and no possessive after it ("vraagt de cliënt", "zendt de advocaat
    # de cliënt"; not "meets the customer's needs")
    on_buyer = False
    for m in mentions:
        x = t.first_word_at(m.span.start)
        if m.side != "buyer" or not after < x <= after + 2 or x >= b:
            continue
        if x == after + 2 and words[after + 1] not in _ARTICLES:
            continue
        if t.raw[m.span.end : m.span.end + 2] in ("'s", "’s") or t.raw[
            m.span.end : m.span.end + 1
        ] in ("'", "’"):
            continue
        on_buyer = True
    work = v["seller_work_lemmas"]
    does_work = (
        _in(work, verb, lm)
        or (
            lm in _MODAL_LEMMAS  # "De secretaresse zal de cliënt informeren": the infinitive
            and any(_in(work, w, lemma(v.language, w)) for w in words[after + 1 : b])
        )
    )
    if not on_buyer and not does_work:
        return None
    s, e = t.words[n if start is None else start][0], t.words[n][1]
    return Span(s, e, t.raw[s:e])


def _holds_from_buyer(v: Vocabulary, t: Text, m: _Mention, mentions: Sequence[_Mention]) -> bool:
    """The seller has something from the buyer ("The rep has written confirmation from the
    economic buyer", "wij hebben een akkoord van de klant"): what the buyer gave, reported by
    the one who holds it, like a verb of receiving."""
    i = t.first_word_at(m.span.end)
    _a, b = next(((x, y) for x, y in _clauses(t) if x <= i < y), (i, len(t.words)))
    if i >= b or t.words[i][2] not in _HAVE:
        return False
    k = i + 1
    while k < b and t.words[k][2] in _ASPECT_ADVERBS:
        k += 1
    if k < b and _word_is_participle(v.language, t.words[k][2], lemma(v.language, t.words[k][2])):
        return False  # a perfect ("has forwarded the mail from the customer"), no holding
    for o in mentions:
        k = t.first_word_at(o.span.start)
        if o.side == "buyer" and i < k < b and o.marker in _FROM:
            return True
    return False


def _criterion_actor(v: Vocabulary, text: str) -> Actor | None:
    t = v.text(text)
    if _order_to_the_buyer(v, t):
        return None  # "Stuur uw documenten naar ons toe": the buyer is asked to act
    exc = v.find("exceptions", t) + _quoted(t)
    acts = _without(v.find("seller_activities", t), exc)
    if v.language == "en":
        acts = [a for a in acts if not _active_en(v, t, a) and not _before_its_noun_en(v, t, a)]
    arts = v.find("buyer_artefacts", t)
    buyer_acts = v["buyer_act_lemmas"]
    tw = [w for _s, _e, w in t.words]
    acts = [
        a
        for a in acts
        if not _buyer_artefact_near(v, t, a, arts)
        and not _buyer_act_subject(v, tw, 0, t.first_word_at(a.start))
        and not (v.language == "nl" and _buyer_object_nl(v, t, a))
        and not (
            " " not in a.text and _in(buyer_acts, a.text.casefold(), lemma(v.language, a.text))
        )
    ]
    mentions = _mentions(v, t, exc, acts)
    mentions = _without_apposed(v, t, mentions)
    if v.language == "nl":
        mentions = _inverted_first_person_nl(v, t, mentions)
    mentions = [m for m in mentions if not _in_free_relative(t, m)]
    if v.language == "nl":
        acts = [
            a
            for a in acts
            if not _in_relative_after_inverted_buyer(v, t, a, mentions)
            and not _perfect_of_buyer_relative(v, t, a, mentions)
        ]
    duty = _buyer_duty(v, t, mentions)
    if duty is not None:
        return Actor("buyer", duty.text, "subject")
    joint = _conjoined_buyer_act(v, t, mentions)
    if joint is not None:
        return Actor("buyer", joint.text, "subject")
    for m in mentions:
        if m.role == "agent":
            side: Side = "buyer" if _addressee_is_buyer(v, t, m, mentions) else m.side
            return Actor(side, m.span.text, "agent")
    waiting = _waiting(v, t)
    if waiting is not None:
        return Actor("seller", waiting.text, "waiting")
    order = _order_to_declared_buyer(v, t, mentions)
    if order is not None:
        return Actor("buyer", order.text, "subject")
    if v.language == "en" and not _buyer_side_text(v, t, mentions):
        todo = _todo_en(v, t) or _imperative_en(v, t, mentions) or _gerund_en(v, t)
        if todo is not None:
            return Actor("seller", todo.text, "todo")
    provider = _provider_subject(v, t, mentions)
    if provider is not None:
        return Actor("seller", provider.text, "subject")
    subjects = [m for m in mentions if m.role == "subject"]
    comps = v["complementizers"]
    if subjects and subjects[0].side == "seller":
        # "Wij denken dat de klant ...": the buyer is inside the seller's clause; so after a
        # verb or adjective of saying, knowing or belief with no complementizer ("The rep has
        # confirmed there is ... a decision-maker involved", "I am pretty sure they ...")
        head = subjects[0]
        subjects = [
            m
            for m in subjects
            if not (
                m.side == "buyer"
                and (comps.has_word(m.marker) or _complement_of(v, t, head.span, m.span))
            )
        ]
    patient: Span | None = None
    receiving = [
        m
        for m in subjects
        if m.side == "seller" and (_receives(v, t, m) or _holds_from_buyer(v, t, m, mentions))
    ]
    if receiving:
        # "We received the signed order form": the seller reports the buyer's act
        return Actor("buyer", receiving[0].span.text, "subject")
    source = _from_seller(v, t, mentions)
    if source is not None:
        # "ontvangt u van ons de offerte": the buyer receives what the seller sent
        return Actor("seller", source.text, "agent")
    later = [
        m
        for m in subjects[1:]
        if m.side == "seller"
        and (
            m.marker in _COORDINATORS.get(v.language, ())
            or m.marker in _MAIN_CLAUSE_CONJ.get(v.language, ())
            or m.marker == ""
            or (m.marker in _RELATIVE_EN and _defined_by_relative_en(t, m))
        )
        and not v["ambiguous_actors"].has_word(m.span.text)
    ]
    if later and subjects[0].side == "buyer":
        # "They've replied, or you've confirmed they have budget": a clause of its own whose
        # subject is the seller
        return Actor("seller", later[0].span.text, "subject")
    for m in subjects:
        if m.side == "buyer" and _ambiguous_is_seller(v, t, m, mentions):
            return Actor("seller", m.span.text, "subject")
        if m.side == "buyer":
            p = _passive_patient(v, t, m, acts)
            if p is None:
                rest = _work_in_other_clauses(v, t, m, mentions) or _buyer_receives(v, t, m)
                if rest is not None:
                    return Actor("seller", rest.text, "passive")
                return Actor("buyer", m.span.text, "subject")
            patient = patient or p
    for m in subjects:
        if m.side == "seller" and _addressee_is_buyer(v, t, m, mentions):
            return Actor("buyer", m.span.text, "subject")
        if m.side == "seller" and _chosen_seller(v, t, m):
            return Actor("buyer", m.span.text, "subject")
        if m.side == "seller" and _buyer_voice(v, t, m, acts):
            return Actor("buyer", m.span.text, "subject")
        if m.side == "seller":
            return Actor("seller", m.span.text, "subject")
    if patient is not None:
        return Actor("seller", patient.text, "passive")
    processed = _processed_submission(v, t, mentions)
    if processed is not None:
        return Actor("seller", processed.text, "passive")
    if (
        _indefinite_subject(v, t)
        or _supplier_as_counterpart(v, t, mentions)
        or _buyer_side_text(v, t, mentions)
    ):
        return None
    if v.language == "nl":
        todo = _todo_nl(v, t) or _imperative_nl(v, t) or _nominal_todo_nl(v, t, mentions)
        if todo is not None and not _in_quote(todo, _quoted(t)):
            return Actor("seller", todo.text, "todo")
    if acts:
        return Actor("seller", acts[0].text, "passive")
    first = _leading_work(v, t)
    if first is not None:
        return Actor("seller", first.text, "todo")
    nominal = _nominal_work_en(v, t, mentions) or _frame_subject(v, t, mentions)
    if nominal is not None:
        return Actor("seller", nominal.text, "passive")
    to_buyer = _passive_to_buyer_nl(v, t, mentions) or _passive_into_seller_records(v, t, mentions)
    if to_buyer is not None:
        return Actor("seller", to_buyer.text, "passive")
    objects = v["object_markers"]
    if any(
        m.side == "buyer" and not objects.has_word(m.marker) and not _patient_of_work(v, m)
        for m in mentions
    ):
        return None  # the buyer acts, perhaps after the verb: "plande de koper een afspraak"
    work = _seller_work(v, t)
    if work is not None:
        is_todo = work.text.casefold().startswith("to ")
        return Actor("seller", work.text, "todo" if is_todo else "passive")
    return None


# -- morphology -------------------------------------------------------------------------------

_NL_PREFIXES = ("be", "ver", "ont", "her", "er", "ge")
_NL_SEPARABLE = (
    "vast",
    "op",
    "af",
    "aan",
    "uit",
    "in",
    "door",
    "na",
    "klaar",
    "kennis",
    "terug",
    "mee",
    "voor",
    "over",
    "toe",
    "bij",
)


@lru_cache(maxsize=65536)
def lemma(language: str, word: str) -> str:
    """The dictionary form of ``word`` (simplemma, then rules for forms it does not know).

    English -ed/-ing forms and Dutch participles (ge-…-d/-t, with a separable prefix before
    ``ge``: *vastgelegd* → *vastleggen*) are reduced by rule when the dictionary has no entry.
    """
    w = word.casefold()
    return _rule_lemma(language, w, dictionary_lemma(language, w))


@lru_cache(maxsize=4096)
def inflection_lemma(language: str, word: str) -> str:
    """:func:`lemma`, exact also for whether a word outside the vocabularies is inflected at all
    (a finite verb, a plural): may load simplemma's dictionary, so asked only for that."""
    w = word.casefold()
    return _rule_lemma(language, w, dictionary_inflection_lemma(language, w))


def _rule_lemma(language: str, w: str, out: str) -> str:
    """The lemma of ``w`` when the dictionary says ``out``: the rules below for forms it does
    not know."""
    if out != w and not (language == "nl" and not _is_known_nl(out)):
        return out
    if language == "nl":
        for sep in ("", *_NL_SEPARABLE):
            rest = w[len(sep) :] if w.startswith(sep) else None
            if rest is None or not rest.startswith(("ge", "geï")) or len(rest) < 6:
                continue
            stem = rest[2:].lstrip("ï")
            if rest.startswith("geï"):
                stem = "i" + rest[3:]
            if stem.endswith(("eerd", "eert")):
                return sep + stem[:-4] + "eren"
            if stem.endswith(("d", "t")):
                return sep + _nl_weak_infinitive(stem[:-1], stem[-1])
    if out != w:
        return out
    if language == "en":
        if w in _IRREGULAR_EN:
            return _IRREGULAR_EN[w]
        if w.endswith("ied") and len(w) > 4:
            return w[:-3] + "y"
        if w.endswith("ed") and len(w) > 4:
            return w[:-2]
    return w


_NL_VOWELS = frozenset("aeiouy")
_NL_DIPHTHONGS = ("ei", "ij", "ui", "ou", "au", "ie", "oe", "eu")


def _nl_weak_infinitive(stem: str, ending: str) -> str:
    """The infinitive of a Dutch weak verb from the stem of its participle, by the spelling
    rules of open and closed syllables: a long vowel written double in the closed stem is single
    in the open infinitive (*maak* → *maken*), a short vowel keeps its syllable closed by a
    doubled consonant (*leg* → *leggen*, *stel* → *stellen*), a final *f*/*s* after a long vowel
    is voiced (*leef* → *leven*, *reis* → *reizen*); a stem that ends in *d*/*t* itself keeps it
    (*gemeld* → *melden*). The first of these spellings that the dictionary knows wins."""
    plain = stem + "en"
    spelt = plain
    last = stem[-1:]
    voiced = {"f": "v", "s": "z"}.get(last, last)
    if len(stem) >= 3 and last not in _NL_VOWELS:
        if stem[-2] == stem[-3] and stem[-2] in "aeou":
            spelt = stem[:-2] + voiced + "en"  # maak -> maken, leef -> leven
        elif stem[-3:-1] in _NL_DIPHTHONGS:
            spelt = stem[:-1] + voiced + "en"  # reis -> reizen
        elif stem[-2] in _NL_VOWELS and stem[-3] not in _NL_VOWELS and last not in "wjh":
            spelt = stem + last + "en"  # leg -> leggen, plan -> plannen
    for form in (spelt, plain, stem + ending + "en"):
        if _is_known_nl(form):
            return form
    return spelt


def _lemmas(v: Vocabulary, t: Text) -> list[str]:
    return [lemma(v.language, w) for _, _, w in t.words]


def _word_is_participle(language: str, word: str, lem: str) -> bool:
    if language == "en":
        return word != lem and (
            word.endswith(("ed", "en", "wn")) or word in _IRREGULAR_PARTICIPLES or word == "made"
        )
    if word == lem or not (word.startswith("ge") or "ge" in word[:9]):
        return False
    # weak ge-...-d/-t, and strong ge-...-en whose lemma is another verb ("geholpen": helpen)
    return word.endswith(("d", "t")) or (word.endswith("en") and lem.endswith("en"))


#: the voiceless stem endings ('t kofschip) after which a weak participle ends in -t
_NL_VOICELESS = frozenset("tkfschp")


def _nl_prefixed_participle(word: str, lem: str) -> bool:
    """A Dutch participle with no *ge-*: its verb starts with an unstressed prefix (*be-*,
    *ver-*, *ont-*, *her-*, *er-*), which takes the place of *ge-*: weak "verstuurd"
    (*versturen*), "besteld", "verwerkt" (a voiceless stem: 't kofschip), strong "besproken"
    (*bespreken*), "verkregen". The finite plural and the infinitive are the lemma itself;
    a -t after a voiced stem is the present ("verstuurt"), no participle. Such a form is also
    an adjective ("één stap verwijderd") or a state ("Verkocht"), so it is read as a
    participle only next to a passive auxiliary that the caller found."""
    prefix = next((p for p in _NL_PREFIXES if p != "ge" and word.startswith(p)), None)
    if prefix is None or not lem.startswith(prefix) or not lem.endswith("en"):
        return False
    if len(word) <= len(prefix) + 2:
        return False
    if word.endswith("d"):
        return True
    if word.endswith("t"):
        return word[-2] in _NL_VOICELESS
    return word.endswith("en")


def _leading_work(v: Vocabulary, t: Text) -> Span | None:
    """A clause starts with seller (or seller-led joint) work as a gerund: "Making initial
    contact and confirming basic fit with your ideal customer profile", "Active discovery,
    understanding needs", "Discussing pricing with the buyer"."""
    if not t.words or v.language != "en":
        return None
    buyer = v["buyer_act_lemmas"]
    for a, b in _clauses(t):
        if a + 1 < b and t.words[a][2].endswith("ly") and t.words[a + 1][2].endswith("ing"):
            a += 1  # "Actively working the opportunity": an adverb before the gerund
        s, e, w = t.words[a]
        lm = lemma("en", w)
        if not (w.endswith("ing") and _in(v["seller_work_lemmas"], w, lm)) and not (
            w.endswith("ing") and _in(v["joint_lemmas"], w, lm)
        ):
            continue
        if any(_in(buyer, x, lemma("en", x)) for _, _, x in t.words[a:b]):
            continue
        if a + 1 < b and _participle_like(v, t.words[a + 1][2]):
            continue  # "Closing date confirmed": a noun
        return Span(s, e, t.raw[s:e])
    return _leading_third_person(v, t)


def _leading_third_person(v: Vocabulary, t: Text) -> Span | None:
    """The text opens with the third person of seller work, its subject left out: the one who
    does the stage's work ("verifies that the business has a real need", "identifies key
    decision-makers in the business"). A plural noun in that place is followed by a
    preposition, a participle or nothing ("Calls with the buyer", "Quotes sent", "Demos")."""
    if len(t.words) < 2:
        return None
    s, e, w = t.words[0]
    nxt = t.words[1][2]
    if not w.endswith("s") or w.endswith("ss") or t.raw[:s].strip():
        return None
    base = _third_person_base_en(w)
    if base is None or not v["seller_work_lemmas"].has_word(base):
        return None
    if v["buyer_act_lemmas"].has_word(base) or v["joint_lemmas"].has_word(base):
        return None
    if nxt in _PREPOSITIONS_EN or nxt in ("and", "or") or _participle_like(v, nxt):
        return None
    return Span(s, e, t.raw[s:e])


#: word endings of English adjectives and nouns that simplemma also lists as verbs ("initial",
#: "verbal", "inbound", "decision"): such a first word is no order
_NOT_VERB_EN = (
    "al",
    "ive",
    "ous",
    "ic",
    "ful",
    "able",
    "ible",
    "ary",
    "ory",
    "bound",
    "tion",
    "sion",
    "ment",
    "ness",
    "ity",
    "ance",
    "ence",
    "ship",
    "er",
    "or",
    "ist",
)
#: verbs ending in -er that are verbs first ("deliver", "gather", "consider")
_VERBS_IN_ER = frozenset({"deliver", "gather", "consider", "discover", "answer", "offer", "enter"})
#: adjectives that simplemma also lists as verbs ("cleared", "opened", "readied")
_ADJECTIVES_EN = frozenset(
    {"good", "great", "clear", "open", "warm", "cool", "cold", "hot", "ready", "free", "full"}
    | {"close", "right", "wrong", "better", "best", "high", "low", "firm", "final", "late"}
    | {"strong", "weak", "fine", "real", "true", "total", "short", "long", "fast", "slow"}
)
#: adverbs of degree that simplemma also lists as verbs ("pretty much in the bag")
_INTENSIFIERS_EN = frozenset({"pretty", "very", "quite", "fairly", "rather", "almost", "nearly"})
_PARTICLES_EN = frozenset({"up", "out", "off", "back", "down", "in", "on", "over", "away"})
_PREPOSITIONS_EN = frozenset(
    {"in", "under", "on", "at", "by", "from", "of", "over", "per", "within", "after", "before"}
    | {"into", "to", "with", "for", "about", "as", "than", "via", "without", "through"}
)
#: the head of a compound noun after the first word ("Resource commitment", "Budget approval")
_NOUN_HEAD_EN = (
    "tion",
    "sion",
    "ment",
    "ance",
    "ence",
    "al",
    "ship",
    "ness",
    "ity",
    "iry",
    "ery",
    "ure",
)


@lru_cache(maxsize=16384)
def _base_verb_en(word: str) -> bool:
    """``word`` is the base form of an English verb by its morphology: the dictionary
    (simplemma) reduces one of its inflected forms (-ed, -ing, with a doubled consonant or
    y → ied) to it, and it does not end like an adjective or a noun."""
    w = word.casefold()
    if len(w) < 3 or not w.isalpha():
        return False
    if w.endswith(_NOT_VERB_EN) and w not in _VERBS_IN_ER:
        return False
    return dictionary_base_verb_en(w)


#: endings of English adjectives, read as such only where the form says nothing else
_ADJECTIVE_SUFFIXES_EN = ("ic", "ous", "able", "ible", "ive", "ful", "less")


def _imperative_en(v: Vocabulary, t: Text, mentions: Sequence[_Mention]) -> Span | None:
    """An order to the seller: the criterion starts with the base form of a verb followed by its
    object ("Evaluate lead viability", "Provide detailed solutions, terms, and expectations",
    "Understand lead's challenges").

    The first word is read as a verb only when nothing reads it as a noun: it is no word of a
    noun category (an actor, an artefact, an activity noun), the next word is no participle,
    verb, preposition or compound head ("Contact made", "Cash in the bank", "Resource
    commitment"), and no participle ends the first clause ("Budget holder identified"). The
    buyer's own act as an order ("Sign the order form") is the buyer's, unless its object is the
    buyer ("Evaluate lead viability").
    """
    if v.language != "en" or len(t.words) < 2:
        return None
    s, e, w = t.words[0]
    if t.raw[e : e + 1] in ("'", "-") or not _base_verb_en(w):
        return None
    nouns = (
        "activity_nouns",
        "seller_stage_nouns",
        "buyer_artefacts",
        "artefacts",
        "buyer_actors",
        "seller_actors",
        "determiners",
        "stopwords",
        "buyer_act_nouns",
        "completion_words",
        "waiting_words",
    )
    nxt = t.words[1][2]
    verb_then_object = (
        v["determiners"].has_word(nxt)
        and nxt not in ("no", "all", "each", "every")
        and v["seller_work_lemmas"].has_word(w)
        and not t.raw[e : t.words[1][0]].strip()
    )  # "research the prospect", "Call the buyer": a noun is not followed by an article
    if not verb_then_object and any(v[c].has_word(w) for c in nouns):
        return None
    judged = v.find("judgements", t)
    if w in _ADJECTIVES_EN or (judged and judged[0].start == s):
        return None  # "good fit", "Open opportunity": an adjective
    if w in _ASPECT_ADVERBS or w in _INTENSIFIERS_EN:
        return None  # "Just discovered your business", "pretty much in the bag": an adverb
    nxt = t.words[1][2]
    if t.raw[e : t.words[1][0]].strip():
        return None  # "Contact: ...", "Demo/Pitch": a label, not an order
    third = t.words[2][2] if len(t.words) > 2 else ""
    noun_next = (
        (
            _participle_like(v, nxt)
            and not (
                third
                and _base_noun_next(v, third)
                and third not in _PARTICLES_EN
                and not v["determiners"].has_word(third)
                and not third.endswith("ly")
            )
        )
        or nxt in _PREPOSITIONS_EN
        or nxt.endswith("ing")
        or (nxt.endswith(_NOUN_HEAD_EN) and (not third or not _base_noun_next(v, third)))
        or any(
            v[c].has_word(nxt)
            for c in (
                "object_markers",
                "agent_markers",
                "passive_auxiliaries",
                "active_auxiliaries",
                "clause_starters",
                "completion_words",
            )
        )
        or nxt in ("or", "and", "is", "are", "was", "were", "can", "could", "will", "would")
        # a predicative adjective that ends the clause: "Timeline realistic" (a noun and its
        # state, the verb left out), not "Send final proposal"
        or (nxt.endswith(_ADJECTIVE_SUFFIXES_EN) and _clauses(t)[0][1] == 2)
    )
    if noun_next and not v["buyer_actors"].has_word(nxt) and not v["determiners"].has_word(nxt):
        return None
    a, b = _clauses(t)[0]
    for i in range(max(a, 1), b):
        wi = t.words[i][2]
        if _word_is_participle("en", wi, lemma("en", wi)) and (
            i + 1 >= b or not _base_noun_next(v, t.words[i + 1][2])
        ):
            return None  # "Budget holder identified", "Need given: ...": a noun and a state
    if _in(v["buyer_act_lemmas"], w, w):
        on_buyer = any(m.side == "buyer" and m.span.start <= t.words[1][1] for m in mentions)
        if not on_buyer:
            return None  # "Sign the order form": the buyer's own act
    return Span(s, e, t.raw[s:e])


def _gerund_en(v: Vocabulary, t: Text) -> Span | None:
    """A criterion that starts with the gerund of seller work and its object: "Identifying
    hiring managers and key decision-makers via LinkedIn", "Determining if the lead ...". The
    buyers after it are its objects. Not when a verb follows the gerund ("Meeting booked",
    "Onboarding is complete": a noun)."""
    if len(t.words) < 2:
        return None
    s, e, w = t.words[0]
    if not w.endswith("ing") or t.raw[e : t.words[1][0]].strip():
        return None
    lm = lemma("en", w)
    if lm == w or not v["seller_work_lemmas"].has_word(lm):
        return None
    nxt = t.words[1][2]
    if (
        nxt in _VERBS_EN
        or _participle_like(v, nxt)
        or v["passive_auxiliaries"].has_word(nxt)
        or v["completion_words"].has_word(nxt)
    ):
        return None
    return Span(s, e, t.raw[s:e])


_ORDINALS_EN = frozenset({"first", "initial", "1st", "second", "third", "next", "further"})
_EXISTENTIAL_EN = (
    ("there", "needs", "to", "be"),
    ("there", "need", "to", "be"),
    ("there", "must", "be"),
    ("there", "should", "be"),
    ("there", "is"),
    ("there", "are"),
    ("there", "has", "been"),
    ("there", "have", "been"),
)
_VERBS_EN = frozenset(
    {"is", "are", "was", "were", "be", "been", "has", "have", "had", "will", "would", "can"}
    | {"could", "should", "must", "may", "might", "shall", "does", "do", "did"}
)


def _nominal_work_en(v: Vocabulary, t: Text, mentions: Sequence[_Mention]) -> Span | None:
    """Seller work named by a noun with no verb, the buyer only its object: "Active engagement
    with the client", "The first contact with a potential customer", "Initial Contact",
    "there needs to be 3 contacts/touches with the customer".

    The text (after an existential "there is / there needs to be") has no verb form; its head
    noun (the last word before the first preposition) is an activity noun, or a word for the
    buyer that reads as the act of contacting after an ordinal ("first contact") or before
    "with"; every buyer mentioned is the object of a preposition. "Customer engagement"
    (the buyer first) and "Budget approval with procurement" (a buyer's act) stay silent.
    """
    if v.language != "en" or not t.words:
        return None
    words = [w for _, _, w in t.words]
    start = 0
    for ex in _EXISTENTIAL_EN:
        if tuple(words[: len(ex)]) == ex:
            start = len(ex)
            break
    if start >= len(words):
        return None
    buyer = v["buyer_act_lemmas"]
    for w in words[start:]:
        lm = lemma("en", w)
        if (
            w in _VERBS_EN
            or _word_is_participle("en", w, lm)
            or _in(buyer, w, lm)
            or v["buyer_act_nouns"].has_word(w)
        ):
            return None
    h = len(words) - 1
    for i in range(start + 1, len(words)):
        if words[i] in _PREPOSITIONS_EN:
            h = i - 1
            break
    # several heads joined by "/" ("contacts/touches"): the last one before the preposition
    hs, he, head = t.words[h]
    with_buyer = h + 2 < len(words) + 1 and h + 1 < len(words) and words[h + 1] in ("with", "to")
    ordinal = h > start and words[h - 1] in _ORDINALS_EN
    for m in mentions:
        if m.span.start < hs and t.raw[m.span.end : hs].strip() not in ("/", "or", "and"):
            return None  # "Customer engagement": the buyer before the head
        if m.span.start >= he and not v["object_markers"].has_word(m.marker):
            return None
    is_buyer_word = v["buyer_actors"].has_word(head)
    if is_buyer_word:
        if not (_base_verb_en(lemma("en", head)) and (ordinal or with_buyer)):
            return None  # "Decision maker", "contact": the person
    elif not _activity_noun(v, head, lemma("en", head)):
        return None
    if not (with_buyer or ordinal or is_buyer_word):
        return None  # "Discovery", "Demo": a topic, judged as a name only
    if with_buyer and not any(m.side == "buyer" and m.span.start > he for m in mentions):
        return None  # "Meeting with our engineers"
    return Span(hs, he, t.raw[hs:he])


_COPULAS = frozenset({"is", "are", "was", "were", "zijn", "waren"})
_FRAME_DETERMINERS = frozenset(
    {"this", "the", "that", "each", "every", "a", "de", "het", "deze", "die", "elke", "iedere"}
    | {"een", "dit"}
)


def _frame_subject(v: Vocabulary, t: Text, mentions: Sequence[_Mention]) -> Span | None:
    """A word for the stage itself as the subject of an active verb: the stage does the work
    that someone does in it, and with no buyer as an actor that is the seller ("This phase
    compiles your wishes into a brief", "Deze fase resulteert in een offerte"). After a copula
    the complement must itself be seller work ("De eerste fase is het opmeten van het
    terrein"). "In deze fase kiest de klant ..." (the stage word after a preposition) and a
    stage word beside a buyer's act stay silent."""
    words = [w for _s, _e, w in t.words]
    frames = v["frame_nouns"]
    k = next((x for x in range(min(5, len(words))) if frames.has_word(words[x])), None)
    if k is None or k + 1 >= len(words) or k == 0 or words[0] not in _FRAME_DETERMINERS:
        return None
    if any(_is_marker(v, w) or w in _PREPOSITIONS_EN for w in words[1:k]):
        return None
    if any(m.side == "buyer" and m.role != "object" for m in mentions):
        return None
    buyer, work, nouns = v["buyer_act_lemmas"], v["seller_work_lemmas"], v["buyer_act_nouns"]
    if any(_in(buyer, w, lemma(v.language, w)) or nouns.has_word(w) for w in words[k + 1 :]):
        return None
    verb = words[k + 1]
    if verb in _COPULAS:
        # the complement is the work itself, as a noun: "is het opmeten van", "is measuring"
        found = next(
            (
                x
                for x in range(k + 2, len(words))
                if _in(work, words[x], lemma(v.language, words[x]))
                and (
                    words[x].endswith("ing") or (words[x - 1] == "het" and words[x].endswith("en"))
                )
            ),
            None,
        )
        if found is None:
            return None
        s, e, _w = t.words[found]
        return Span(s, e, t.raw[s:e])
    finite = (
        _nl_finite(verb)
        if v.language == "nl"
        else verb.endswith("s") and (_base_verb_en(verb[:-1]) or _base_verb_en(verb[:-2]))
    )
    if not finite:
        return None
    s, e = t.words[k][0], t.words[k + 1][1]
    return Span(s, e, t.raw[s:e])


def _base_noun_next(v: Vocabulary, w: str) -> bool:
    """``w`` can follow an attributive participle: a word that is no preposition or verb."""
    return not any(
        v[c].has_word(w)
        for c in ("object_markers", "agent_markers", "clause_starters", "stopwords")
    )


def _clauses(t: Text) -> list[tuple[int, int]]:
    """Word index ranges of the clauses of ``t``: split at , ; / + and "and"/"en"."""
    out: list[tuple[int, int]] = []
    start = 0
    words = [w for _, _, w in t.words]
    in_np = False  # inside Dutch coordinated adjectives: "een klantgerichte, aantrekkelijke en"
    for i, (s, _, w) in enumerate(t.words):
        if i == 0:
            continue
        between = t.raw[t.words[i - 1][1] : s]
        if any(ch in between for ch in ",;/+") or w in ("and", "en"):
            nxt = words[i + 1] if w == "en" and i + 1 < len(words) else w
            if ("," in between or w == "en") and _nl_adjectives(words, i - 1, nxt, in_np):
                in_np = True
                continue
            in_np = False
            out.append((start, i))
            start = i + 1 if w in ("and", "en") else i
    out.append((start, len(t.words)))
    return [c for c in out if c[0] < c[1]]


def _nl_adjectives(words: Sequence[str], k: int, nxt: str, in_np: bool) -> bool:
    """``words[k]`` and ``nxt`` are Dutch attributive adjectives (-e) in one noun phrase after
    an article: the comma or "en" between them joins adjectives, not clauses."""
    if not (words[k].endswith("e") and nxt.endswith("e") and len(nxt) > 3):
        return False
    return in_np or (k > 0 and words[k - 1] in ("een", "de", "het"))


def _seller_work(v: Vocabulary, t: Text) -> Span | None:
    """Seller work read from the verb's lemma, clause by clause (see :func:`_seller_work_in`);
    not inside a quote, which is what someone said ("‘... kan je over twee jaar terug
    bellen?’")."""
    clauses = _clauses(t)
    quoted = _quoted(t)
    if len(clauses) <= 1:
        found = _seller_work_in(v, t, 0, len(t.words))
        return None if found is not None and _in_quote(found, quoted) else found
    for a, b in clauses:
        found = _seller_work_in(v, t, a, b)
        if found is not None and not _in_quote(found, quoted):
            return found
    return None


def _in_quote(span: Span, quoted: Sequence[Span]) -> bool:
    return any(q.start <= span.start < q.end for q in quoted)


def _in(cat: Phrases, w: str, lm: str) -> bool:
    return cat.has_word(lm) or cat.has_word(w)


def _buyers_verb(v: Vocabulary, w: str, lm: str) -> bool:
    """``w`` (lemma ``lm``) is a buyer's act or a buying job."""
    return _in(v["buyer_act_lemmas"], w, lm) or _in(v["buyer_job_lemmas"], w, lm)


def _seller_work_in(v: Vocabulary, t: Text, a: int, b: int) -> Span | None:
    """Seller work read from the verb's lemma: a bare participle, a to-do, a gerund.

    "Champion identified, pain quantified", "Budget range bepalen", "Medewerker verkoop legt
    ... vast": the verb's lemma (or, for a Dutch infinitive the dictionary reads as a noun, the
    word itself) is in ``seller_work_lemmas`` and no buyer act is in the clause. A light verb
    after a noun for a buyer's act is that act ("decision made"); an activity noun followed by a
    word of completion is finished seller work ("BANT check done", "Discovery complete").
    """
    if a >= b:
        return None
    work, buyer = v["seller_work_lemmas"], v["buyer_act_lemmas"]
    nl = v.language == "nl"
    tw = t.words
    words = [w for _, _, w in tw]
    lems = [lemma(v.language, w) for w in words]
    parts = [p for p in words[a:b] if p in _NL_SEPARABLE] if nl else []
    for i in range(a, b):
        w, lm = words[i], lems[i]
        if _in(buyer, w, lm) or any(buyer.has_word(p + lm) for p in parts):
            return None
    acts = v["buyer_act_nouns"]
    done = v["completion_words"]
    joint = v["joint_lemmas"]
    for i in range(a, b):
        s, e, w = tw[i]
        lm = lems[i]
        if nl and any(words[k] in _LATEN for k in range(a, i)):
            break  # "laten hun maten opnemen": the causer has it done, the work is done for them
        if nl and i + 1 < b:
            # a separable verb split over the clause: "legt ... vast", "stelt ... op"
            for j in range(i + 1, b):
                if words[j] in _NL_SEPARABLE and _in(work, words[j] + w, words[j] + lm):
                    return Span(s, e, t.raw[s:e] + " … " + words[j])
        if i > a and done.has_word(w):
            h = i - 1
            while h > a and (
                v["passive_auxiliaries"].has_word(words[h])
                or v["active_auxiliaries"].has_word(words[h])
                or words[h] in _ASPECT_ADVERBS
            ):
                h -= 1  # "the discovery call has been completed", "Demo is al gedaan"
            if _activity_head(v, words[h], lems[h]):
                ps = tw[h][0]
                return Span(ps, e, t.raw[ps:e])  # "BANT check done", "Discovery complete"
        if (
            _in(joint, w, lm)
            and _word_is_participle(v.language, w, lm)
            and not (i > a and acts.has_word(words[i - 1]))
            and not (not nl and _attributive_en(v, t, i, b))
        ):
            return Span(s, e, t.raw[s:e])  # "Pricing discussed", "Planning afgestemd"
        if not _in(work, w, lm):
            continue
        if i > a and acts.has_word(words[i - 1]):
            continue  # "decision made", "payment made": the buyer's act
        if _buyer_act_subject(v, words, a, i):
            continue  # "a 50% deposit is made", "De betaling wordt vooraf geregeld"
        if nl and w.endswith("en") and _buyer_object_nl(v, t, Span(s, e, t.raw[s:e])):
            continue  # "Opstellen Offerteaanvraag": the buyer's own request
        if not nl and w == lm and i > 0 and words[i - 1] == "to":
            return Span(tw[i - 1][0], e, t.raw[tw[i - 1][0] : e])  # "To qualify"
        if _word_is_participle(v.language, w, lm):
            if not nl and _relative_perfect_en(v, words, i):
                continue  # "someone who has demonstrated value": the relative's own act
            if not nl and _attributive_en(v, t, i, b):
                continue  # "Qualified lead booked a demo": an adjective on the buyer
            if not nl and _before_its_noun_en(v, t, Span(s, e, t.raw[s:e])):
                continue  # "approval of the proposed estimate": an adjective on its noun
            return Span(s, e, t.raw[s:e])
        if i == 0 and (w == lm or (not nl and w.endswith("ing"))):
            nxt = words[1] if len(words) > 1 else ""
            if not nl and nxt and _participle_like(v, nxt):
                continue  # "Quote reviewed": a noun, not an order
            return Span(s, e, t.raw[s:e])  # "Overcome objections", "Making contact"
        if nl and w.endswith("en") and (w == lm or work.has_word(w)):
            if _nl_time_adjunct(v, words, i):
                continue  # "binnen 14 dagen na het sturen van de factuur": when, not what
            return Span(s, e, t.raw[s:e])  # "Budget range bepalen": the infinitive to-do
        if nl and i > 0 and w != lm and not w.endswith("en"):
            dets = v["determiners"]
            if dets.has_word(words[i - 1]) or (
                i > 1 and words[i - 1].endswith("e") and dets.has_word(words[i - 2])
            ):
                continue  # "een ontwerp", "het definitieve ontwerp": a noun, not "ontwerpt"
            if words[i - 1] in _PREPOSITIONS_NL:
                continue  # "kan gebeuren via mail": a noun after a preposition
            return Span(s, e, t.raw[s:e])  # a finite verb: "controleert", "sleept"
    return None


def _buyer_act_subject(v: Vocabulary, words: Sequence[str], a: int, i: int) -> bool:
    """The passive at ``i`` has a noun of a buyer's act as its subject: the noun, then no other
    noun phrase (no determiner), then a passive auxiliary before the participle ("the deposit
    of 50 euro is made", "De betaling wordt vooraf geregeld"): the buyer's act, reported."""
    acts, aux, dets = v["buyer_act_nouns"], v["passive_auxiliaries"], v["determiners"]
    for k in range(i - 1, a - 1, -1):
        if dets.has_word(words[k]):
            return False
        if acts.has_word(words[k]):
            # the head of its noun phrase: "decision process has been mapped" is a process
            head = aux.has_word(words[k + 1]) or words[k + 1] in ("of", "van")
            return head and any(aux.has_word(w) for w in words[k + 1 : i])
    return False


#: forms of the Dutch causative "laten" ("laat de ruimte opmeten")
_LATEN = frozenset({"laat", "laten", "liet", "lieten", "gelaten"})
#: adverbs of time between an activity and its completion ("has just been completed")
_ASPECT_ADVERBS = frozenset({"just", "already", "now", "al", "nu", "inmiddels", "net"})


def _attributive_en(v: Vocabulary, t: Text, i: int, b: int) -> bool:
    """The English participle at ``i`` modifies the buyer noun after it, and the clause has a
    verb of its own later ("Qualified lead booked a demo", "Engaged prospect has replied")."""
    if i + 1 >= b or not v["buyer_actors"].has_word(t.words[i + 1][2]):
        return False
    aux = v["active_auxiliaries"], v["passive_auxiliaries"]
    for k in range(i + 2, b):
        w = t.words[k][2]
        if w in _VERBS_EN or any(a.has_word(w) for a in aux):
            return True
        if _word_is_participle("en", w, lemma("en", w)) or _in(
            v["buyer_act_lemmas"], w, lemma("en", w)
        ):
            return True
    return False


def _activity_head(v: Vocabulary, w: str, lm: str) -> bool:
    """An activity noun, or a Dutch compound ending in an activity suffix ("verkoopgesprek")."""
    if _activity_noun(v, w, lm):
        return True
    if v.language != "nl":
        return False
    return any(w.endswith(x) for x in v["activity_noun_suffixes"].singles)


def _activity_noun(v: Vocabulary, w: str, lm: str) -> bool:
    """A noun for an activity (the seller's, or a meeting the seller runs)."""
    return any(
        v[c].has_word(w) or v[c].has_word(lm) for c in ("activity_nouns", "seller_stage_nouns")
    )


def _activity_word(v: Vocabulary, w: str, lm: str, suffixes: Sequence[str]) -> bool:
    """A seller-work verb form (gerund, participle, infinitive) or a Dutch activity compound."""
    nl = v.language == "nl"
    if v["seller_work_lemmas"].has_word(lm) and (w != lm or nl or w.endswith("ing")):
        return True
    if not nl:
        return False
    from salesblueprint.rules.norms import _names

    split = _names.compound(v, w)
    if split is not None and v["frame_nouns"].has_word(split[1]):
        # a phase is named by its modifier: "Onderhandelingsfase" is the seller's, "Gebruiksfase"
        # and "Initiatieffase" (a noun no class holds) are nobody's activity
        return _names._head_is_activity(v, w)
    if any(w.endswith(x) and len(w) > len(x) for x in suffixes):
        return True  # "onderhandelingsfase", "intakegesprek"
    return any(w.endswith(n) for n in v["activity_nouns"].singles)  # "leadkwalificatie"


#: Dutch separable particles that end a clause when split from their verb ("vraagt ... aan")
_NL_PARTICLES = frozenset({"aan", "op", "in", "uit", "door", "mee", "toe", "na", "terug", "af"})


def _activity_name(v: Vocabulary, t: Text) -> list[Span] | None:
    """A stage name made only of activity nouns, gerunds of seller work or waiting words."""
    skip = v["determiners"], v["stopwords"]
    content = [(s, e, w) for s, e, w in t.words if not any(x.has_word(w) for x in skip)]
    buyers = v.find("buyer_actors", t)
    content = [
        c
        for c in content
        if c[2] not in ("lead", "leads", "deal", "stage", "fase", "new", "nieuw", "nieuwe")
        and not any(b.start <= c[0] and c[1] <= b.end for b in buyers)
    ]
    if not content:
        return None
    waiting = v.find("waiting_words", t)
    if waiting:
        return waiting
    nouns = v.find("activity_nouns", t) + v.find("seller_stage_nouns", t)
    noun_cats = v["activity_nouns"], v["seller_stage_nouns"]
    suffixes = v["activity_noun_suffixes"].entries
    buyer = v["buyer_act_lemmas"]
    # a Dutch verb split from its particle at the end: "Klant vraagt offerte aan" (aanvragen)
    last = t.words[-1][2] if t.words else ""
    particle = last if v.language == "nl" and last in _NL_PARTICLES else ""
    hits: list[Span] = []
    for s, e, w in content:
        lm = lemma(v.language, w)
        if particle and w != last and buyer.has_word(particle + lm):
            return None
        covering = [n for n in nouns if n.start <= s and e <= n.end]
        if covering and " " in covering[0].text.strip():
            if covering[0] not in hits:
                hits.append(covering[0])  # a listed noun of several words: "Site Visit"
        elif covering or (lm != w and any(c.has_word(lm) for c in noun_cats)):
            # listed, or the plural of a listed noun: "Verstuurde offertes"
            hits.append(Span(s, e, t.raw[s:e]))
        elif hits and v["completion_words"].has_word(w):
            continue  # "Site visit done": the activity held
        elif buyer.has_word(lm):
            return None
        elif _activity_word(v, w, lm, suffixes):
            hits.append(Span(s, e, t.raw[s:e]))
        else:
            return None
    return hits or None


@dataclass(frozen=True)
class StageNameIssue:
    actor: Actor  # the seller-side words of the name and the class they were read in
    suggestion: str | None

    @property
    def why(self) -> str:
        return self.actor.reading


def _seller_nouns(spans: Sequence[Span]) -> Actor:
    """Words of a stage name read as nouns of seller activity ("'Demo' read as a noun of ...")."""
    return Actor("seller", ", ".join(dict.fromkeys(s.text for s in spans)), "noun")


def stage_name_issue(v: Vocabulary, name: str) -> StageNameIssue | None:
    """Why a stage name names seller activity, and a buyer-centric name to use instead."""
    return _cached(v, "stage_name", name, lambda: _stage_name_issue(v, name))


def _suggestion(v: Vocabulary, t: Text) -> str | None:
    for hint in v.stage_names:
        if hint.pattern.find(t):
            return hint.suggestion
    return None


def _stage_name_issue(v: Vocabulary, name: str) -> StageNameIssue | None:
    import re

    from salesblueprint.rules.norms import _names

    # "Bedrijfs- en marktanalyse": the cut-off first part of a compound shares the last one's head
    name = re.sub(r"\b\w+-\s+(?:en|of|and|or|&)\s+", "", name) if "-" in name else name
    # "PROPOSAL_SENT", "IN_DISCUSSION": a status code written with underscores is read as words
    if "_" in name and " " not in name.strip():
        name = name.replace("_", " ")
    # "AwaitingPayment", "ReadyToShip": a status written as one CamelCase word is read as words
    if " " not in name.strip():
        name = re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", " ", name)
    # "Proposal/Price Quote", "Solution / Demo", "Discovery (Validated)", "Demo's, presentaties",
    # "Prospecting: Identifying Potential Buyers":
    # each part is a name
    parts = [p.strip() for p in re.split(r"\s*[/,:]\s*|[()]", name) if p.strip()]
    parts = [q for p in parts for q in _names.conjuncts(v, p)]
    for part in parts if len(parts) > 1 else [name]:
        issue = _stage_name_part_issue(v, _without_frame(v, part))
        if issue is None and _names.english_in_dutch(v, part):
            # "Schedule", "Sales Qualified Lead (SQL)" in a Dutch pipeline: read as English
            en = vocabulary("en")
            issue = _stage_name_part_issue(en, _without_frame(en, part))
        if issue is not None:
            return issue
    return None


def _stage_name_part_issue(v: Vocabulary, name: str) -> StageNameIssue | None:
    """One part of a name; a name with plural nouns is read once more in the singular ("De
    eerste contacten" as "De eerste contact"), quoting the words as written."""
    import re

    issue = _stage_name_issue_one(v, name)
    if issue is not None:
        return issue
    t = v.text(name)
    # a plural the buyer's vocabulary knows as written stays ("Requirements building")
    known = [*v.find("buyer_artefacts", t), *v.find("buyer_actors", t)]
    plurals = [
        (s, e, w, p)
        for s, e, w in t.words
        if (p := _singular(v, w)) is not None
        and not any(k.start <= s and e <= k.end for k in known)
    ]
    if not plurals:
        return None
    single = t.raw
    for s, e, _, p in reversed(plurals):
        single = single[:s] + p + single[e:]
    issue = _stage_name_issue_one(v, single)
    if issue is None:
        return None
    words = issue.actor.why
    for s, e, _, p in plurals:
        words = re.sub(rf"(?<!\w){re.escape(p)}(?!\w)", t.raw[s:e], words, count=1, flags=re.I)
    return StageNameIssue(replace(issue.actor, why=words), issue.suggestion)


def _singular(v: Vocabulary, w: str) -> str | None:
    """The singular of a plural noun of seller activity or the seller's document, by its plural
    ending ("contacten" -> "contact", "gesprekken" -> "gesprek", "calls" -> "call"); None for
    any other word. Only a singular that is a word of those categories counts, so an infinitive
    or a participle keeps its form."""
    if v.language == "en":
        cands = [w[:-2], w[:-1]] if w.endswith("es") else [w[:-1]] if w.endswith("s") else []
    else:
        cands = [w[:-2]] if w.endswith(("en", "'s")) else [w[:-1]] if w.endswith("s") else []
        if w.endswith("en") and len(w) > 4 and w[-3] == w[-4]:
            cands.insert(0, w[:-3])  # "gesprekken": the consonant doubled before -en
    words = _seller_noun_words(v)
    found = next((c for c in cands if len(c) >= 3 and c in words), None)
    if found is None and v.language == "nl":
        # a compound whose head is one: "conceptoffertes" -> "conceptofferte"
        found = next(
            (
                c
                for c in cands
                for n in words
                if len(n) >= 5 and c.endswith(n) and len(c) > len(n) + 2
            ),
            None,
        )
    return found


def _seller_noun_words(v: Vocabulary) -> frozenset[str]:
    """The words of the entries of seller activity and the seller's documents."""
    import re

    key = ("_names", "seller_noun_words")
    got = v.cache.get(key)
    if isinstance(got, frozenset):
        return got
    out = frozenset(
        x
        for c in ("activity_nouns", "seller_stage_nouns", "seller_activities")
        for e in v[c].entries
        for x in re.findall(r"\w+", e.casefold())
    )
    v.cache[key] = out
    return out


def _without_frame(v: Vocabulary, name: str) -> str:
    """The name without a last word that is a frame noun ("stage", "phase", "gate", "fase"):
    a phase is named by the words before it, so "Discovery phase" is read as "Discovery",
    "Evaluation phase" as "Evaluation" (the Dutch compound "Oriëntatiefase" is read so by
    :mod:`._names`)."""
    t = v.text(name)
    if len(t.words) < 2 or not v["frame_nouns"].has_word(t.words[-1][2]):
        return name
    before = t.words[-2]
    if v["determiners"].has_word(before[2]) or v["stopwords"].has_word(before[2]):
        return name  # "The next step", "In de fase"
    return t.raw[: before[1]]


def _head_activity(v: Vocabulary, t: Text) -> Span | None:
    """A name whose head noun (English: the last word) names an activity: "Product
    Presentation", "Needs Analysis", "Initial Phone Call"."""
    from salesblueprint.rules.norms import _names

    if v.language != "en" or len(t.words) < 2:
        return None
    if v.find("buyer_actors", t) or v.find("buyer_artefacts", t):
        return None
    buyer = v["buyer_act_lemmas"]
    if any(_in(buyer, w, lemma("en", w)) for _, _, w in t.words):
        return None
    s, e, w = t.words[-1]
    lm = lemma("en", w)
    if _participle_like(v, w) or w.endswith("ing"):
        return None  # "Proposal reviewed": a state, read by the other checks
    if v["seller_stage_nouns"].has_word(w) or v["seller_stage_nouns"].has_word(lm):
        if t.words[0][2] in _names.UNDER:
            return None  # "Under contract": the state the signed document holds the deal in
        return Span(s, e, t.raw[s:e])
    if w.endswith(("tion", "sion")):
        return None  # "Problem Identification", "Supplier Selection": often the buyer's own job
    if _activity_noun(v, w, lm):
        return Span(s, e, t.raw[s:e])
    # a listed activity of several words at the end: "Technical deep dive", "Final walk through"
    ends = [a for a in v.find("activity_nouns", t) if a.end == e and a.start < s]
    return ends[0] if ends else None


#: Dutch words ending in -en that are no verb ("Lead binnen")
_NL_NOT_VERBS = frozenset({"binnen", "buiten", "boven", "beneden", "tussen", "tegen", "volgens"})


def _dutch_infinitive_name(v: Vocabulary, t: Text) -> Span | None:
    """A Dutch stage name built on an infinitive: "Prospecteren", "Onderzoeken van die
    prospects", "Het inventariseren", "Zoveel mogelijk kandidaat kopers zoeken"."""
    if v.language != "nl" or not t.words:
        return None
    words = [w for _, _, w in t.words]
    k = 1 if v["determiners"].has_word(words[0]) and len(words) > 1 else 0
    buyer, work = v["buyer_act_lemmas"], v["seller_work_lemmas"]
    # the buyer as the object ("Onderzoeken van die prospects", "kandidaat kopers zoeken")
    on_buyer = bool(v.find("buyer_actors", t))
    for i in {k, len(words) - 1}:
        s, e, w = t.words[i]
        lm = lemma("nl", w)
        if len(w) < 6 or not w.endswith("en") or _in(buyer, w, lm) or w in _NL_NOT_VERBS:
            continue
        if v["judgements"].has_word(w):
            continue  # "Klant tevreden": an adjective of judgement, not an infinitive
        if not (on_buyer or _in(work, w, lm)):
            continue  # "Informatie verzamelen", "Afwegen van de alternatieven": the buyer's job
        if _buyer_object_nl(v, t, Span(s, e, t.raw[s:e])):
            continue  # "Opstellen Offerteaanvraag": the buyer's own request
        if w == lm or work.has_word(w):
            if i == k and i + 1 < len(words) and words[i + 1] not in ("van", "op", "met", "aan"):
                continue  # "Klanten tevreden": a plural noun, not a verb
            return Span(s, e, t.raw[s:e])
    return None


def _stage_name_issue_one(v: Vocabulary, name: str) -> StageNameIssue | None:
    from salesblueprint.rules.norms import _names

    t = v.text(name)
    toward = _names.toward_buyer(v, t)
    if toward is not None:
        # "Bezoek aan klant": an act directed at the buyer is the seller's
        return StageNameIssue(Actor("seller", toward.text, "noun"), _suggestion(v, t))
    if _names.outcome_only(v, t) or _names.buyer_job(v, t) or _names.addressed_order(v, t):
        return None  # "Evaluation and contract", "Oriëntatiefase", "Lever je bestanden aan"
    content = [
        (s, e)
        for s, e, w in t.words
        if not v["determiners"].has_word(w) and not w.isdigit() and not v["stopwords"].has_word(w)
    ]
    nouns = v.find("seller_stage_nouns", t)
    if content and all(any(n.start <= s and e <= n.end for n in nouns) for s, e in content):
        return StageNameIssue(_seller_nouns(nouns), _suggestion(v, t))
    waiting = _names.waiting_for_buyer(v, t)
    if waiting is not None:
        # "Contract out for signature": the name is the wait for the buyer's act, whatever a
        # criterion would read as the seller's work in it
        return StageNameIssue(Actor("seller", waiting.text, "waiting"), _suggestion(v, t))
    actor = criterion_actor(v, name)
    if actor is not None and actor.how == "todo" and _generic_order_nl(v, t, actor):
        actor = None  # "Maak afspraken", "Log in en bestel": a name's order is read by its verb
    heading = _nominal_todo_nl(v, t, []) if v.language == "nl" else None
    if actor is not None and heading is not None and actor.why == heading.text:
        actor = None  # "Bepaling van de behoefte": a name's nouns are read by the names' classes
    if actor is not None and actor.side == "seller" and _party_modifies_noun(v, t, actor):
        actor = None  # "Sales opportunity": the seller's word qualifies the noun, acts in nothing
    if actor is not None and actor.side == "seller" and _compound_before_participle(t, actor):
        actor = None  # "Contact form submitted": a noun before the event, no order
    if actor is not None and actor.side == "seller" and _submitted_by_asker(v, t, actor):
        if actor.how == "todo":
            return None  # "Bod uitbrengen": the buyer's own step, read no further
        actor = None  # "Order submitted": put forward by the side that asks
    if actor is not None and actor.side == "seller" and _attained_thing(v, t, actor):
        return None  # "Agreement reached": a state attained, nobody's activity
    if actor is not None and actor.side == "seller":
        return StageNameIssue(actor, _suggestion(v, t))
    if actor is None or actor.how == "subject":
        activity = _activity_name(v, t)
        if activity:
            return StageNameIssue(_seller_nouns(activity), _suggestion(v, t))
    if actor is None or (actor.how == "subject" and v.language == "nl"):
        head = _head_activity(v, t) if actor is None else None
        head = head or _dutch_infinitive_name(v, t)
        if head is not None:
            return StageNameIssue(_seller_nouns([head]), _suggestion(v, t))
    if actor is None or actor.how == "subject":
        found = _names.seller_reading(v, t)
        if found is not None:
            span, how = found
            return StageNameIssue(Actor("seller", span.text, how), _suggestion(v, t))
    return None


def _compound_before_participle(t: Text, actor: Actor) -> bool:
    """An English order read from the first word of a name that ends in a participle: the first
    word is the modifier of a noun, and the name reports an event ("Contact form submitted",
    "Demo form completed"); an order does not end in a participle. Read by the words' shape, so
    the same with or without a dictionary's lemmas."""
    words = [w for _, _, w in t.words]
    if actor.how != "todo" or len(words) < 3 or " " in actor.why.strip():
        return False
    return words[0] == actor.why.casefold() and words[-1].endswith("ed")


def _submitted_by_asker(v: Vocabulary, t: Text, actor: Actor) -> bool:
    """Seller work read from a participle of putting forward (``submission_lemmas``) with no
    seller's document in the name: whoever submits an order, a form or an application is the
    side that asks ("Order submitted", "Aanvraagformulier ingestuurd"); "Proposal submitted"
    stays the seller's. So is an order to put forward the buyer's own document or bid ("Bod
    uitbrengen")."""
    from salesblueprint.rules.norms import _names

    cat = v["submission_lemmas"]
    words = [w for _, _, w in t.words]
    if actor.how == "todo":
        # an order to put forward the buyer's own document or bid: "Submit Pre-Approval Letter
        # to Agent", "Bod uitbrengen" (the buyer's step); "Submit proposal" stays the seller's
        verb = actor.why.casefold()
        if not (cat.has_word(verb) or cat.has_word(lemma(v.language, verb))):
            return False
        if not any(_buyer_document(v, w) for w in words if w != verb):
            return False
    elif actor.how != "passive":
        return False
    if not any(
        cat.has_word(x)
        for w in words
        for x in (w, lemma(v.language, w), *_names.participle_verb(v.language, w))
    ):
        return False
    return not any(v["seller_stage_nouns"].has_word(w) for w in words)


def _attained_thing(v: Vocabulary, t: Text, actor: Actor) -> bool:
    """Seller work read from a participle of attaining (``attainment_lemmas``) that ends the name
    after a thing: "Agreement reached", "Usage milestone reached", "Overeenstemming bereikt"
    report the state reached, not the seller reaching someone. After a person ("Decision maker
    reached", "Klant bereikt") or with no noun ("Reached") the seller's outreach stays."""
    from salesblueprint.rules.norms import _names

    words = t.words
    if actor.how != "passive" or len(words) < 2 or actor.why.casefold() != words[-1][2]:
        return False
    w = words[-1][2]
    cat = v["attainment_lemmas"]
    verbs = (lemma(v.language, w), *_names.participle_verb(v.language, w))
    if not any(cat.has_word(x) for x in verbs):
        return False
    before = t.raw[: words[-1][0]]
    persons = ("buyer_actors", "seller_actors", "buyer_synonyms")
    if any(v.find(c, v.text(before)) for c in persons):
        return False
    nouns = [x for _, _, x in words[:-1] if not v["determiners"].has_word(x)]
    return bool(nouns) and not any(x in _NEGATIONS_NAME for x in nouns)


_NEGATIONS_NAME = frozenset({"no", "not", "never", "geen", "niet", "nooit"})


def _party_modifies_noun(v: Vocabulary, t: Text, actor: Actor) -> bool:
    """The seller party read as the subject is a noun adjunct: it opens the name and one noun
    with no verb form follows ("Sales opportunity", "Vendor shortlist"), so it names a kind of
    thing, not who acts. A verb form after it keeps the reading ("Sales accepted", "Rep calls
    buyer"); a noun of seller work after it is read as before ("Sales demo"). Read by the
    word's shape and the vocabulary only, so the reading is the same with or without a
    dictionary's lemmas."""
    from salesblueprint.rules.norms import _names

    if actor.how != "subject":
        return False
    party = [w for _, _, w in v.text(actor.why).words]
    words = [w for _, _, w in t.words]
    if not party or words[: len(party)] != party or party[-1] in words[len(party) :]:
        return False
    rest = words[len(party) :]
    if len(rest) != 1:
        return False  # one noun after the party; longer names are read as clauses
    w = rest[0]
    if w.endswith(("ed", "en", "ing", "s")) or _word_is_participle(v.language, w, w):
        return False  # a verb form or a plural ("Sales accepted", "Rep calls")
    return _names.word_side(v, w) is None


# -- inspectable ------------------------------------------------------------------------------


EvidenceKind = Literal["judgement", "spoken"]


def evidence_issue(v: Vocabulary, evidence: str) -> tuple[EvidenceKind, str] | None:
    """Why ``evidence`` is no artefact a manager can look at, with the words that show it."""
    return _cached(v, "evidence", evidence, lambda: _evidence_issue(v, evidence))


def _evidence_issue(
    v: Vocabulary, evidence: str
) -> tuple[Literal["judgement", "spoken"], str] | None:
    t = v.text(evidence)
    exc = v.find("exceptions", t)
    belief = _seller_belief(v, t, exc)
    na = _without(v.find("non_artefacts", t), exc, belief)
    if na or belief:
        return "judgement", _quote(sorted([*belief, *na], key=lambda s: s.start))
    spoken = _without(v.find("unrecorded", t), exc)
    if spoken and not v.find("artefacts", t):
        return "spoken", _quote(spoken)
    return None


# -- redundancy -------------------------------------------------------------------------------


def content_words(v: Vocabulary, text: str) -> frozenset[str]:
    """The words that carry a criterion's meaning, normalized for comparison."""
    return _cached(v, "content", text, lambda: _content_words(v, text))


def _content_words(v: Vocabulary, text: str) -> frozenset[str]:
    t = v.text(text)
    stop = v["stopwords"]
    synonyms = v["buyer_synonyms"]
    canonical = synonyms.entries[0].casefold() if synonyms.entries else "buyer"
    out: set[str] = set()
    for _, _, w in t.words:
        if stop.has_word(w):
            continue
        if v.language == "en" and len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            w = w[:-1]
        elif v.language == "nl" and len(w) > 4 and w.endswith("en"):
            w = w[:-2]
        if synonyms.has_word(w):
            w = canonical
        out.add(w)
    return frozenset(out)


__all__ = [
    "Actor",
    "FactualIssue",
    "StageNameIssue",
    "content_words",
    "criterion_actor",
    "evidence_issue",
    "factual_issues",
    "stage_name_issue",
    "text_language",
    "vocab_for",
]
