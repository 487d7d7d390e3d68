"""Stage names read by their morphology: what a name's nouns and verbs are made of.

A stage name is mostly a noun phrase or a short verb phrase. Which side's work it names follows
from how its words are built, not from a list of names:

- a **nominalisation** is read through the verb it comes from (:func:`verbs_of`): English
  -ation/-ication/-ition/-sion/-sis/-ment/-al/-ery/-ance/-ure/-ing, Dutch -atie/-ie/-ing and a
  bare stem; "Evaluation" and "Beoordeling" are the buyer's evaluating, "Onderhandeling" the
  negotiating the seller runs;
- a **Dutch compound** is read by its head, the longest known noun it ends in, with the linking
  -s- of the modifier dropped (:func:`compound`): "Productdemonstratie" is a demonstration;
  a *frame noun* head ("-fase", "stage") names a phase by its modifier, so "Oriëntatiefase"
  is the buyer's orienting and "Onderhandelingsfase" the seller's negotiation;
- a **verb-built Dutch name** (an infinitive with its object, "Offerte maken", "Het voeren van het
  verkoopgesprek") is an order to the seller when the object is the seller's document, an
  activity or the buyer, unless the verb is the buyer's own act ("Offertes evalueren");
- a **bare English verb** as the whole name ("Develop", "Close") is an order to the seller
  unless it is the buyer's job ("Decide", "Evaluate");
- **waiting for the buyer's act** ("Ter ondertekening", "Contract out for signature") is the
  seller's queue;
- the seller's **document with a participle** of a verb that is no buyer's ("Quote issued") and
  a **participle behind a prefix** ("Disqualified", "Teruggebeld") are seller work;
- **outcomes** alone ("Closed won", "Deal gesloten") are nobody's activity.

The verbs are classed by the vocabulary (``seller_work_lemmas``, ``seller_stage_verbs``,
``buyer_act_lemmas``, ``buyer_job_lemmas``), and so are ``frame_nouns``, ``waiting_markers``,
``seller_parties`` and ``outcome_words``; nothing here lists stage names.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any, Literal

from salesblueprint.norms_vocab import Span, Text, Vocabulary

NameSide = Literal["seller", "buyer"]

#: (noun ending, verb endings to put in its place), tried in this order; every candidate verb is
#: only looked up in the vocabulary's verb classes, so a wrong guess costs nothing
_EN_DERIVATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ication", ("y", "icate")),  # qualification -> qualify, fabrication -> fabricate
    ("ation", ("ate", "e", "")),  # negotiation, preparation, confirmation
    ("isition", ("ire",)),  # acquisition -> acquire, requisition -> require
    ("ition", ("e",)),  # proposition -> propose, definition -> define
    ("ison", ("e",)),  # comparison -> compare
    ("ssion", ("ss", "t")),  # discussion -> discuss, submission -> submit
    ("sion", ("de", "d", "t")),  # decision -> decide, expansion -> expand, conversion
    ("ction", ("ct", "ce")),  # selection -> select, introduction -> introduce
    ("tion", ("te", "t")),  # execution -> execute
    ("sis", ("se", "ze")),  # analysis -> analyse
    ("ment", ("",)),  # engagement -> engage, procurement -> procure
    ("ery", ("er",)),  # discovery -> discover
    ("ance", ("", "e")),  # acceptance -> accept
    ("ence", ("", "e")),
    ("ure", ("e",)),  # closure -> close
    ("al", ("", "e")),  # approval -> approve, renewal -> renew
    ("ing", ("", "e")),  # a gerund: the dictionary's lemma comes first
)
_NL_DERIVATIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("atie", ("eren",)),  # kwalificatie -> kwalificeren, oriëntatie -> oriënteren
    ("ctie", ("cteren", "ceren")),  # selectie -> selecteren, productie -> produceren
    ("ie", ("eren",)),  # prospectie -> prospecteren
    ("ing", ("en",)),  # onderhandeling -> onderhandelen, beoordeling -> beoordelen
    ("st", ("en",)),  # ontvangst -> ontvangen
    ("age", ("eren",)),  # montage -> monteren
    ("e", ("eren",)),  # analyse -> analyseren
    ("", ("en",)),  # bezoek -> bezoeken, onderzoek -> onderzoeken
)

#: words that join the parts of a name ("Evaluation and contract", "Ontvangst en opening")
_JOINERS = frozenset({"and", "or", "&", "en", "of"})


def _memo(v: Vocabulary, kind: str, word: str, fn: Callable[[Vocabulary, str], Any]) -> Any:
    """``fn(v, word)``, kept in the vocabulary's cache (a team's entries change the answer)."""
    key = (kind, word)
    if key in v.cache:
        return v.cache[key]
    out = v.cache[key] = fn(v, word)
    return out


def _lemma(language: str, word: str) -> str:
    from salesblueprint.rules.norms._language import lemma

    return lemma(language, word)


@lru_cache(maxsize=16384)
def verbs_of(language: str, word: str) -> tuple[str, ...]:
    """The verbs ``word`` may be built from: its lemma, and for a nominalisation the verbs its
    ending points to ("negotiation" → *negotiate*, "beoordeling" → *beoordelen*). Dutch
    inflected participles used as adjectives ("getekende") are reduced to their verb."""
    w = word.casefold()
    lm = _lemma(language, w)
    out: list[str] = [lm, w]
    if language == "nl" and w.endswith("e") and len(w) > 5:
        out.append(_lemma("nl", w[:-1]))  # "getekende" -> "getekend" -> "tekenen"
    rules = _EN_DERIVATIONS if language == "en" else _NL_DERIVATIONS
    for base in dict.fromkeys((lm, w)):
        for ending, replacements in rules:
            if not base.endswith(ending) or len(base) - len(ending) < 3:
                continue
            stem = base[: len(base) - len(ending)]
            for r in replacements:
                out.append(stem + r)
                if language == "en" and len(stem) > 2 and stem[-1] == stem[-2]:
                    out.append(stem[:-1] + r)  # "referral" -> "refer"
            if language == "nl" and ending == "":
                out.extend(_nl_open_syllable(stem))
            break
    if language == "en" and w.startswith(_EN_DISTANCE) and len(w) > 8:
        # work done at a distance is the same work: "teleprospecting" -> *prospect*
        rest = w[len(next(p for p in _EN_DISTANCE if w.startswith(p))) :].lstrip("-")
        out.extend(verbs_of(language, rest))
    return tuple(dict.fromkeys(x for x in out if len(x) >= 3))


#: English prefixes of work done at a distance ("teleprospecting", "telemarketing")
_EN_DISTANCE = ("tele",)


def _nl_open_syllable(stem: str) -> list[str]:
    """Dutch infinitives of a stem whose spelling changes in an open syllable: a doubled vowel
    is written single ("inkoop" -> "inkopen"), a final f/s becomes v/z ("bewijs" ->
    "bewijzen")."""
    out: list[str] = []
    if len(stem) > 3 and stem[-2] == stem[-3] and stem[-2] in "aeou":
        stem = stem[:-3] + stem[-2] + stem[-1]
        out.append(stem + "en")
    if stem.endswith("f"):
        out.append(stem[:-1] + "ven")
    elif stem.endswith("s"):
        out.append(stem[:-1] + "zen")
    return out


def _is_verb_of(v: Vocabulary, category: str, word: str) -> str | None:
    cat = v[category]
    for verb in verbs_of(v.language, word):
        if cat.has_word(verb):
            return verb
    return None


@lru_cache(maxsize=16384)
def _compound_cached(heads: frozenset[str], word: str) -> tuple[str, str] | None:
    w = word.casefold()
    for k in range(3, len(w) - 2):
        head = w[k:]
        if head in heads:
            mod = w[:k].rstrip("-")
            if mod.endswith("s") and not mod.endswith("ss") and len(mod) > 4:
                mod = mod[:-1]  # the linking -s-: "onderhandelings|fase"
            return mod, head
    return None


def compound(v: Vocabulary, word: str) -> tuple[str, str] | None:
    """A Dutch compound split into (modifier, head) at the longest known head noun it ends in:
    "onderhandelingsfase" → ("onderhandeling", "fase"), "productdemonstratie" → ("product",
    "demonstratie"). None for English, or when no known noun ends the word."""
    if v.language != "nl":
        return None
    heads = v.cache.get(("_names", "heads"))
    if heads is None:
        heads = v.cache[("_names", "heads")] = frozenset(
            h
            for c in ("activity_nouns", "seller_stage_nouns", "frame_nouns")
            for h in (*v[c].singles, *v["activity_noun_suffixes"].entries)
            if len(h) >= 4
        )
    return _compound_cached(heads, word)


def word_side(v: Vocabulary, word: str) -> tuple[NameSide, str] | None:
    return _memo(v, "names_side", word, _word_side)  # type: ignore[no-any-return]


def _word_side(v: Vocabulary, word: str) -> tuple[NameSide, str] | None:
    """Whose work a word of a name names, with the verb that shows it: a buyer act or buying
    job ("evaluation", "beoordeling", and the modifier of a frame noun: "oriëntatiefase"), or
    seller work ("onderhandeling", "solutioning", the last part of a Dutch compound:
    "leadgeneratie"). None for a word that names no verb."""
    w = word.casefold()
    parts = [w]
    split = compound(v, w)
    if split is not None and v["frame_nouns"].has_word(split[1]):
        parts = [split[0]]  # a phase is named by its modifier
    elif v.language == "nl" and len(w) >= 9:
        # the head of a compound no list knows: "leadgeneratie", "klantonderzoek"
        parts += [w[k:] for k in range(3, len(w) - 4)]
    for part in parts:
        if v["buyer_act_nouns"].has_word(part) or (part != w and v["buyer_actors"].has_word(part)):
            return "buyer", part  # "Keuze gemaakt", "Keuzefase", "Leadfase": the buyer's
        # a verb of receiving reports the buyer's act in a name, whoever received: "Quote
        # received" (by the buyer), "Order received" (from the buyer), "Ontvangst offertes"
        for cat in ("buyer_act_lemmas", "buyer_job_lemmas", "reception_lemmas"):
            verb = _is_verb_of(v, cat, part)
            if verb is not None:
                return "buyer", verb
        for cat in ("seller_work_lemmas", "seller_stage_verbs", "fulfilment_lemmas"):
            verb = _is_verb_of(v, cat, part)
            if verb is not None:
                return "seller", verb
    return None


def english_in_dutch(v: Vocabulary, part: str) -> bool:
    """A part of a name read with the Dutch vocabulary that is English: the spelling and the
    words of the English vocabulary weigh more than the Dutch (:func:`detect.scores`), and the
    words of it that are no Dutch words are English ones ("Schedule", "Discover", "Sales
    Qualified Lead" in a
    Dutch team's pipeline, which the language of the whole name does not decide: one or two
    words are too few). Loanwords Dutch uses ("Lead", "Demo", "Pipeline") decide nothing."""
    from salesblueprint.norms_vocab.detect import scores
    from salesblueprint.rules.norms._lemmas import known

    if v.language != "nl":
        return False
    got = scores(part)
    if got.get("en", 0.0) <= got.get("nl", 0.0):
        return False
    loans = _vocabulary_word_set(v)
    foreign = [w for _, _, w in v.text(part).words if not w.isdigit() and not known("nl", w)]
    # every word the Dutch dictionary lacks is English (a base verb, an inflected form of an
    # English lemma, a word of the English vocabulary) or a loanword of the team's vocabulary
    # ("sales"); "vrijgemaakt", a Dutch participle the dictionary lacks, is neither
    return bool(foreign) and all(w in loans or _english_word(w) for w in foreign)


def _vocabulary_word_set(v: Vocabulary) -> frozenset[str]:
    """The words of the vocabulary's entries: the loanwords a team uses ("sales", "lead") are
    words of its language."""
    import re

    key = ("_names", "vocabulary_words")
    got = v.cache.get(key)
    if isinstance(got, frozenset):
        return got
    out = frozenset(
        w.casefold()
        for entries in v.categories.values()
        for e in entries
        if not e.startswith("/")
        for w in re.findall(r"[^\W\d_]+", e.split("=>")[0])
    )
    v.cache[key] = out
    return out


def _english_word(w: str) -> bool:
    from salesblueprint.norms_vocab.detect import _vocabulary_words
    from salesblueprint.rules.norms._language import _base_verb_en, inflection_lemma

    if _base_verb_en(w) or w in _vocabulary_words()["en"]:
        return True
    return inflection_lemma("en", w) != w


def conjuncts(v: Vocabulary, name: str) -> list[str]:
    """An English name of two steps joined by "and"/"&" split into its steps ("Discovery &
    Brief", "Fulfillment and Post-Sell", "Plan, Buy & Hold"): either step named as seller
    activity makes the name one. Not when the whole name is the buyer's job or an outcome
    ("Evaluation and contract", "Negotiation and contracting": read as a whole), nor inside a
    listed activity of several words ("Meet and greet"). Dutch names are read whole: "Ontvangst
    en opening offertes" shares its object between the steps."""
    import re

    t = v.text(name)
    parts = [q.strip() for q in re.split(r"\s+and\s+|\s*&\s*", name, flags=re.I) if q.strip()]
    if v.language != "en" or len(parts) < 2:
        return [name]
    if buyer_job(v, t) or outcome_only(v, t):
        return [name]
    if any(re.search(r"\band\b|&", a.text, flags=re.I) for a in v.find("activity_nouns", t)):
        return [name]  # "Meet and greet"
    return parts


def _modifies_next(v: Vocabulary, t: Text, word: str, end: int) -> bool:
    """``word`` (ending at ``end``) is the seller's document directly before another noun, as
    its modifier ("Quote approval", "Invoice payment"); not before "and"/"&" ("Demo & Trial")."""
    k = t.last_word_before(end) + 1
    if k >= len(t.words) or not _document(v, word):
        return False
    return t.words[k][2] not in _JOINERS and not t.raw[end : t.words[k][0]].strip()


def _document(v: Vocabulary, word: str) -> bool:
    """The seller's document ("quote", "invoice", "offerte"), also in the plural."""
    cat = v["seller_stage_nouns"]
    return cat.has_word(word) or cat.has_word(_lemma(v.language, word))


def _buyer_modifier(v: Vocabulary, word: str) -> bool:
    return bool(_memo(v, "names_buyer_mod", word, _buyer_modifier_of))


def _buyer_modifier_of(v: Vocabulary, word: str) -> bool:
    """A Dutch compound whose first part is a buyer act or buying job: "gunningsadvies",
    "aankoopbeslissing", "bestelformulier"."""
    w = word.casefold()
    if v.language != "nl" or len(w) < 9:
        return False
    for k in range(5, len(w) - 3):
        mod = w[:k]
        for m in (mod, mod[:-1] if mod.endswith("s") else mod):
            if any(_is_verb_of(v, c, m) for c in ("buyer_act_lemmas", "buyer_job_lemmas")):
                # the head is seller work on the buyer's act: "Betalingsherinnering" is a
                # reminder to pay, the seller's; "Gunningsadvies", "Aankoopbeslissing" stay
                head = word_side(v, w[len(m) :].lstrip("s")) if len(w) - len(m) >= 6 else None
                return head is None or head[0] != "seller"
    return False


def _activity(v: Vocabulary, word: str) -> bool:
    return bool(_memo(v, "names_activity", word, _activity_of))


def _activity_of(v: Vocabulary, word: str) -> bool:
    """A noun for an activity, listed or the head of a Dutch compound."""
    w = word.casefold()
    lm = _lemma(v.language, w)
    if any(v[c].has_word(w) or v[c].has_word(lm) for c in ("activity_nouns",)):
        return True
    split = compound(v, w)
    return split is not None and v["activity_nouns"].has_word(split[1])


def _content(v: Vocabulary, t: Text) -> list[tuple[int, int, str]]:
    skip = (v["determiners"], v["stopwords"])
    return [
        (s, e, w)
        for s, e, w in t.words
        if w not in _JOINERS and not w.isdigit() and not any(x.has_word(w) for x in skip)
    ]


def buyer_job(v: Vocabulary, t: Text) -> bool:
    """The name is the buyer's job: a word in it names a buyer act or buying job ("Evaluation
    and contract", "Beoordeling offertes", "Oriëntatiefase", "Proposal review"), and no word
    names an activity, seller work in a verb form or a waiting state. Or the seller is only the
    object of a preposition ("negotiations with the supplier"): the buyer's side is speaking."""
    from salesblueprint.rules.norms._language import _AUTHORING_NL

    content = _content(v, t)
    if not content or v.find("waiting_words", t) or waiting_for_buyer(v, t):
        return False
    if requirement_queue(v, t) is not None or _te_infinitive_nl(v, t) is not None:
        return False  # "Goedkeuring noodzakelijk", "Te ondertekenen": still to come
    if _seller_as_object(v, t):
        return True
    if seller_agent_participle(v, t) is not None:
        return False  # "Sales Accepted Lead": accepted by the seller, not the buyer's acceptance
    if any(len(v.text(a.text).words) > 1 for a in v.find("activity_nouns", t)):
        return False  # a listed activity of several words is one noun: "Site visit done"
    actors = v.find("buyer_actors", t)
    buyer = False
    joined = any(w in _JOINERS for _, _, w in t.words)
    for s, e, w in content:
        if _inquiry_into_offering(v, w, [x for _, _, x in content if x != w]):
            buyer = True  # "Solution research", "Leveranciersonderzoek": the buyer looks around
            continue
        if joined and _is_verb_of(v, "two_sided_lemmas", w):
            continue  # "Onderhandelen en contracteren": a dealing of both, named by the other part
        if _activity(v, w):
            return False
        if (s, e, w) != content[-1] and _modifies_next(v, t, w, e):
            continue  # the seller's document before a noun is its object: "Quote approval"
        if any(a.start <= s and e <= a.end and a.end - a.start > e - s for a in actors):
            continue  # "decision" in "decision makers"
        if _buyer_modifier(v, w):
            buyer = True
            continue
        side = word_side(v, w)
        if side is None or side[1] in _light():
            continue  # a light verb names no work of its own: "Decision making" is its object's
        lm = _lemma(v.language, w)
        if side[0] == "seller" and _after_buyer_act(v, t, s, w, lm):
            buyer = True  # "Quote request submitted", "Aanvraag verstuurd": the buyer's act
            continue
        if side[0] == "seller" and side[1] in (lm, w) and side[1] not in _AUTHORING_NL:
            return False  # "Proposal sent for approval", "Identify decision makers": a verb
        if side[0] == "buyer":
            buyer = True
    return buyer


def _offering(v: Vocabulary, word: str) -> bool:
    """What the seller offers, or the seller as the buyer names it: "solution", "products",
    "leveranciers"."""
    lm = _lemma(v.language, word)
    return any(v[c].has_word(x) for c in ("offering_nouns", "seller_parties") for x in (word, lm))


def _inquiry_into_offering(v: Vocabulary, word: str, others: list[str]) -> bool:
    """``word`` is an inquiry (``inquiry_lemmas``: research, onderzoek) into what the seller
    offers, named beside it or as the first part of a Dutch compound: "Solution research",
    "Research of vendors", "Leveranciersonderzoek" are the buyer looking around; research of the
    buyer ("Account research", "Onderzoeken van die prospects") stays the seller's."""
    split = compound(v, word)
    if split is not None and _is_verb_of(v, "inquiry_lemmas", split[1]):
        return _offering(v, split[0])
    if not _is_verb_of(v, "inquiry_lemmas", word):
        return False
    return any(_offering(v, x) for x in others)


def _after_buyer_act(v: Vocabulary, t: Text, start: int, word: str, lm: str) -> bool:
    """``word`` is a participle right after a noun of the buyer's act or artefact, which it
    reports: "Quote request submitted", "Aanvraag verstuurd", "RFP sent" (by the buyer)."""
    from salesblueprint.rules.norms._language import _word_is_participle

    k = t.last_word_before(start)
    if k < 0 or not (_unstressed_nl(v, word, lm) or _word_is_participle(v.language, word, lm)):
        return False
    if not any(v["sending_lemmas"].has_word(x) for x in (lm, *participle_verb(v.language, word))):
        return False  # "Bestelling verwerkt", "Order processed": the seller handled it
    prev = t.words[k][2]
    cats = ("buyer_act_nouns", "buyer_artefacts")
    if any(v[c].has_word(prev) for c in cats):
        return True
    # a Dutch compound on one: "Offerteaanvraag verstuurd"
    return v.language == "nl" and any(
        v[c].has_word(prev[i:]) for c in cats for i in range(3, len(prev) - 4)
    )


def _light() -> frozenset[str]:
    from salesblueprint.rules.norms._language import _LIGHT_VERBS

    return _LIGHT_VERBS


def _unstressed_nl(v: Vocabulary, word: str, lm: str) -> bool:
    """A Dutch participle of a verb with an unstressed prefix, which takes no ge-: "verstuurd",
    "besproken", "verwerkt"."""
    return (
        v.language == "nl"
        and word != lm
        and lm.endswith("en")
        and word.startswith(("ver", "be", "ont", "her", "er"))
        and word.endswith(("d", "t", "en"))
    )


_PREPOSITIONS = frozenset(
    {"with", "from", "to", "by", "of", "met", "van", "aan", "bij", "door", "naar", "tot"}
)


def _seller_as_object(v: Vocabulary, t: Text) -> bool:
    """The seller is named only after a preposition ("with the supplier", "aan de leverancier")."""
    found = v.find("seller_parties", t)
    if not found:
        return False
    for sp in found:
        before = [w for s, e, w in t.words if e <= sp.start]
        while before and v["determiners"].has_word(before[-1]):
            before.pop()
        while before and before[-1] not in _PREPOSITIONS:
            # an adjective between the preposition and the seller ("the selected supplier")
            if before[-1].endswith(("ed", "de", "te", "ing", "en")):
                before.pop()
                while before and v["determiners"].has_word(before[-1]):
                    before.pop()
                continue
            break
        if not before or before[-1] not in _PREPOSITIONS:
            return False
    return True


#: prepositions that make the buyer the one an act is directed at ("Bezoek aan klant")
_TOWARD = frozenset({"aan", "to"})


def toward_buyer(v: Vocabulary, t: Text) -> Span | None:
    """A noun of an act directed at the buyer, who is named only after "aan"/"to": "Bezoek aan
    klant", "Visit to customer", "Presentation to the board" are the seller's acts, whatever the
    noun's verb is elsewhere (a buyer visits a trade show). Not when a word before names the
    buyer or the buyer's artefact, or is a participle ("Offerte getekend aan ...")."""
    from salesblueprint.rules.norms._language import _word_is_participle

    words = t.words
    at = next((i for i in range(1, len(words) - 1) if words[i][2] in _TOWARD), None)
    if at is None:
        return None
    buyers = v.find("buyer_actors", t)
    if not buyers or buyers[-1].end != words[-1][1] or buyers[0].start < words[at][1]:
        return None
    between = [w for s, e, w in words[at + 1 :] if e <= buyers[-1].start]
    if any(not v["determiners"].has_word(w) and not v["judgements"].has_word(w) for w in between):
        return None  # only "the", "de", "potential" between the preposition and the buyer
    for _, _, w in words[:at]:
        if v["buyer_artefacts"].has_word(w) or _word_is_participle(
            v.language, w, _lemma(v.language, w)
        ):
            return None
        if v["determiners"].has_word(w) or v["stopwords"].has_word(w):
            return None
    return _span(t, words[0][0], words[-1][1])


def seller_agent_participle(v: Vocabulary, t: Text) -> Span | None:
    """An English name that opens with the seller's team or function and a participle before a
    noun: the first words are the participle's agent, as in the compound adjective they stand for
    ("Sales Accepted Lead" is a sales-accepted lead, "Sales Rejected Lead", "Teleprospecting
    generated lead", "Marketing qualified account"): the seller's judgement or work on the
    buyer's record, whatever the verb (accepting and rejecting are the buyer's acts elsewhere).
    The agent is a seller actor (``seller_actors``) or a gerund of seller work; a noun must
    follow the participle: alone, the word before it is its patient ("Rep assigned", "Vendor
    selected")."""
    from salesblueprint.rules.norms._language import _word_is_participle

    words = t.words
    if v.language != "en" or len(words) < 3:
        return None
    agents = [a for a in v.find("seller_actors", t) if a.start == words[0][0]]
    k = 0
    if agents:
        k = next((i for i, x in enumerate(words) if x[1] == agents[0].end), -1) + 1
    elif words[0][2].endswith("ing"):
        side = word_side(v, words[0][2])
        k = 1 if side is not None and side[0] == "seller" else 0
    if k <= 0 or k >= len(words) - 1:
        return None
    _, e, w = words[k]
    if not w.endswith("ed") or not _word_is_participle("en", w, _lemma("en", w)):
        return None
    after = words[k + 1][2]
    if v["seller_actors"].has_word(after) or v["seller_parties"].has_word(after):
        return None
    return _span(t, words[0][0], e)


def seller_reading(
    v: Vocabulary, t: Text
) -> tuple[Span, Literal["todo", "waiting", "noun", "passive", "agent"]] | None:
    """Seller activity read from the name's morphology, with the words that show it and how:
    an order ("Offerte maken", "Develop"), a waiting state ("Ter ondertekening") or a noun of
    seller work ("Onderhandelen" as a noun, "Productdemonstratie", "Concept offerte")."""
    content = _content(v, t)
    if not content:
        return None
    waiting = waiting_for_buyer(v, t) or requirement_queue(v, t)
    if waiting is not None:
        return waiting, "waiting"
    agent = seller_agent_participle(v, t)
    if agent is not None:
        return agent, "agent"
    order = (
        _verb_built_nl(v, t)
        or _bare_verb_en(v, t, content)
        or _separable_order_nl(v, t)
        or _imperative_order_nl(v, t)
    )
    if order is not None:
        return order, "todo"
    done = (
        _prefixed_participle(v, t)
        or _document_handled(v, t)
        or _fulfilment_participle(v, t)
        or _record_participle(v, t)
        or _outreach_ability(v, t)
    )
    if done is not None:
        return done, "passive"
    queue = _te_infinitive_nl(v, t)
    if queue is not None:
        return queue, "todo"
    noun = in_progress(v, t) or _head_noun(v, t, content) or _plan(v, t, content)
    if noun is not None:
        return noun, "noun"
    return None


def _plan(v: Vocabulary, t: Text, content: list[tuple[int, int, str]]) -> Span | None:
    """A plan of the seller's pursuit ends the name (``plan_nouns``, in Dutch also as the head of
    a compound): "Strategy", "Bid strategy", "Showing strategy", "Verkoopstrategie". A plan is
    the one's who is named before it, so not after a buyer's role or the buyer's act or job
    ("Procurement strategy", "Buying strategy", "Inkoopstrategie")."""
    if not content:
        return None
    cat = v["plan_nouns"]
    s, e, last = content[-1]
    found = [p for p in v.find("plan_nouns", t) if p.end == e]
    start = found[0].start if found else s
    if not found:
        heads = [n for n in cat.singles if len(n) >= 6 and last.endswith(n) and last != n]
        if v.language != "nl" or not heads or _buyer_modifier(v, last):
            return None
        mod = last[: len(last) - len(heads[0])].rstrip("-")
        mod = mod[:-1] if mod.endswith("s") and len(mod) > 4 else mod
        side = word_side(v, mod)
        if v.find("buyer_actors", v.text(mod)) or (side is not None and side[0] == "buyer"):
            return None  # "Klantstrategie" is the customer's, "Inkoopstrategie" the buyer's
    named = [*v.find("buyer_actors", t), *v.find("buyer_artefacts", t)]
    if any(not (start <= a.start and a.end <= e) for a in named):
        return None  # "account" in "Account plan" is the plan's own word
    for _, ws_e, w in content:
        if ws_e > start:
            break
        side = word_side(v, w)
        if (side is not None and side[0] == "buyer") or v["buyer_act_nouns"].has_word(w):
            return None
    return _span(t, start, e)


#: prepositions of the state a deal is in while work on it goes on ("In process", "Aan de slag")
_IN_STATE = frozenset({"in", "aan", "under", "onder"})


def in_progress(v: Vocabulary, t: Text) -> Span | None:
    """Work under way on the deal: a preposition of state and a noun of work going on
    (``progress_nouns``: "In process", "In-progress", "In uitvoering", "Aan de slag") or, in
    English, a noun made from a verb of seller work ("In qualification"; Dutch ones are read by
    their head noun). A status of the seller's work in progress, not the buyer's; not when a
    buyer is named, nor for a noun of the buyer's side ("In review", "Under contract")."""
    words = [x for x in t.words if not v["determiners"].has_word(x[2])]
    if len(words) != 2 or words[0][2] not in _IN_STATE or v.find("buyer_actors", t):
        return None
    _, e, noun = words[1]
    cat = v["progress_nouns"]
    if cat.has_word(noun) or cat.has_word(_lemma(v.language, noun)):
        return _span(t, words[0][0], e)
    side = word_side(v, noun)
    if v.language != "en" or side is None or side[0] != "seller":
        return None
    if noun == side[1] or noun.endswith(_NOMINAL_ENDINGS):
        return _span(t, words[0][0], e)
    return None


def _te_infinitive_nl(v: Vocabulary, t: Text) -> Span | None:
    """A Dutch name that ends in "te" and an infinitive, with no "om" before it: a task still to
    be done, whoever's the verb is ("Af te wijzen", "Nog te factureren", "Offerte nog te
    versturen", "Te ondertekenen": waiting for the buyer's act is the seller's queue too).
    "Klaar om te versturen" and "Gekwalificeerd om te kopen" are read by the other checks."""
    words = [w for _, _, w in t.words]
    if v.language != "nl" or len(words) < 2 or words[-2] != "te" or "om" in words:
        return None
    last = words[-1]
    if len(last) < 4 or not last.endswith("en") or last in _NL_NOT_VERBS:
        return None
    lm = _lemma("nl", last)
    if lm != last and not (lm + "en" == last or lm + "n" == last):
        return None  # a plural noun, not an infinitive
    k = len(words) - 2
    while k > 0 and (words[k - 1] in _NL_PARTICLES_TE or words[k - 1] == "nog"):
        k -= 1  # the particle of a separable verb and "nog" belong to it: "Nog af te wijzen"
    return _span(t, t.words[k][0], t.words[-1][1])


#: separable particles before "te" ("af te wijzen", "op te volgen")
_NL_PARTICLES_TE = frozenset({"aan", "op", "in", "uit", "door", "mee", "toe", "na", "terug", "af"})


#: prefixes before a participle that keep its verb's class: "Disqualified", "Requalified",
#: "Gediskwalificeerd", "Teruggebeld" (a Dutch separable particle)
_PARTICIPLE_PREFIXES = {
    "en": ("un", "dis", "re", "pre"),
    "nl": ("dis", "her", "terug", "na", "op", "toe", "door", "mee", "uit", "aan", "in"),
}


def participle_verb(language: str, word: str) -> tuple[str, ...]:
    """The verb of a participle with a prefix the dictionary does not know: "disqualified" →
    *qualify*, "teruggebeld" → *bellen*, "gediskwalificeerd" → *kwalificeren*."""
    w = word.casefold()
    if language == "en" and not w.endswith("ed"):
        return ()
    if language == "nl" and not ("ge" in w[:9] and w.endswith(("d", "t"))):
        return ()
    rest = w[2:] if language == "nl" and w.startswith("ge") else w
    for p in _PARTICIPLE_PREFIXES.get(language, ()):
        if rest.startswith(p) and len(rest) - len(p) >= 5:
            stem = rest[len(p) :]
            if language == "nl" and not stem.startswith("ge"):
                stem = "ge" + stem  # "gedis|kwalificeerd" -> "gekwalificeerd"
            lm = _lemma(language, stem)
            if language == "nl" and stem.startswith("ge") and len(stem) > 4:
                # "gebeld" -> "bellen": a short vowel doubles the consonant before -en
                base = stem[2:-1]
                return (lm, base + "en", base + base[-1] + "en")
            if lm != stem:
                return (lm,)
    return ()


def _prefixed_participle(v: Vocabulary, t: Text) -> Span | None:
    """A one-word name that is a participle of seller work behind a prefix: "Disqualified",
    "Teruggebeld", "Gediskwalificeerd"."""
    if len(t.words) != 1:
        return None
    s, e, w = t.words[0]
    if not any(v["seller_work_lemmas"].has_word(x) for x in participle_verb(v.language, w)):
        return None
    return _span(t, s, e)


#: adjectives of what can be done to something, with the endings of their verb in its place
_ABLE = {"en": (("able", ("", "e")), ("ible", ("", "e"))), "nl": (("baar", ("en",)),)}


def _outreach_ability(v: Vocabulary, t: Text) -> Span | None:
    """A name that is only an adjective of whether the seller's outreach can be done, perhaps
    negated: "Unreachable", "Not contactable", "Onbereikbaar", "Niet bereikbaar" report the
    state of the seller's attempts (the verb, by its -able/-baar adjective, is seller work or
    attaining someone: ``seller_work_lemmas``, ``attainment_lemmas``)."""
    words = [w for _, _, w in t.words if w not in _NEGATIONS]
    if len(words) != 1:
        return None
    w = words[0]
    for prefix in ("un", "on", "non", ""):
        if not w.startswith(prefix):
            continue
        rest = w[len(prefix) :]
        for ending, verb_endings in _ABLE.get(v.language, ()):
            if not rest.endswith(ending) or len(rest) - len(ending) < 4:
                continue
            stem = rest[: -len(ending)]
            cats = ("seller_work_lemmas", "attainment_lemmas")
            if any(v[c].has_word(stem + x) for c in cats for x in verb_endings):
                return _span(t, t.words[0][0], t.words[-1][1])
    return None


def _document_handled(v: Vocabulary, t: Text) -> Span | None:
    """The seller's document and a participle of a verb that is no buyer's act or job: the
    seller handled it ("Quote issued", "Invoice issued", "Proposal finalised"); "Contract
    signed", "Proposal reviewed", "Quote received" stay the buyer's."""
    from salesblueprint.rules.norms._language import _word_is_participle

    words = t.words
    if len(words) != 2:
        return None
    first = words[0][2]
    # the buyer's order or request handled by a verb of seller work: "Bestelling verwerkt",
    # "Aanvraag beantwoord"; sending it ("Aanvraag verstuurd") and placing it are the buyer's
    order = v["buyer_artefacts"].has_word(first)
    # a listed activity of the seller is handled like its document: "Discovery confirmed"
    activity = v["activity_nouns"].has_word(first)
    if not v["seller_stage_nouns"].has_word(first) and not order and not activity:
        return None
    _, e, w = words[1]
    lm = _lemma(v.language, w)
    if not _word_is_participle(v.language, w, lm) and not (order and _unstressed_nl(v, w, lm)):
        return None
    side = word_side(v, w)
    if side is not None and side[0] == "buyer":
        return None
    if order and (side is None or w in _light() or _after_buyer_act(v, t, words[1][0], w, lm)):
        return None  # "Decision made", "Besluit genomen": a light verb is the buyer's act itself
    if v["completion_words"].has_word(w) or v["waiting_words"].has_word(w):
        return None  # read by the other checks
    return _span(t, words[0][0], e)


def outcome_only(v: Vocabulary, t: Text) -> bool:
    """The name only states an outcome (``outcome_words``, with "deal" or "opportunity"):
    "Closed won", "Deal gesloten", "Gesloten verloren" are neutral, nobody's activity."""
    content = _content(v, t)
    if not content:
        return False
    found = v.find("outcome_words", t)
    covered = [c for c in content if any(f.start <= c[0] and c[1] <= f.end for f in found)]
    rest = [c for c in content if c not in covered]
    return bool(covered) and all(w in _OUTCOME_TOPICS for _, _, w in rest)


_OUTCOME_TOPICS = frozenset({"deal", "deals", "opportunity", "kans", "verkoopkans", "order"})


def _span(t: Text, s: int, e: int) -> Span:
    return Span(s, e, t.raw[s:e])


def requirement_queue(v: Vocabulary, t: Text) -> Span | None:
    """A need still open ends the name (``requirement_words``): "Additional check needed",
    "Goedkeuring noodzakelijk", "Approval required" are a queue of work not yet done, whoever
    is to do it, so not the buyer's progress. Not after a negation ("Geen contract nodig",
    "No approval needed": nothing waits)."""
    words = t.words
    if len(words) < 2 or not v["requirement_words"].has_word(words[-1][2]):
        return None
    before = [w for _, _, w in words[:-1]]
    if any(w in _NEGATIONS for w in before):
        return None
    if not any(not v["determiners"].has_word(w) and not v["stopwords"].has_word(w) for w in before):
        return None
    return _span(t, words[0][0], words[-1][1])


_NEGATIONS = frozenset({"no", "not", "geen", "niet"})


def _fulfilment_participle(v: Vocabulary, t: Text) -> Span | None:
    """A participle of a verb of making or delivering what was sold (``fulfilment_lemmas``):
    "Dispatched", "Order is shipped", "Partially shipped", "Geïnstalleerd" report the seller's
    delivery work, unless a buyer is named ("Customer installed the app")."""
    from salesblueprint.rules.norms._language import _word_is_participle

    if v.find("buyer_actors", t):
        return None
    cat = v["fulfilment_lemmas"]
    for s, e, w in t.words:
        lm = _lemma(v.language, w)
        if not (_word_is_participle(v.language, w, lm) or participle_verb(v.language, w)):
            continue
        if any(cat.has_word(x) for x in (lm, *participle_verb(v.language, w))):
            return _span(t, s, e)
    return None


def _record_participle(v: Vocabulary, t: Text) -> Span | None:
    """A name that opens with a participle of a verb of keeping the seller's records and listings
    (``record_lemmas``): "Created", "Unassigned", "Listed for sale", "Imported in Backoffice"
    report the seller's administration of the deal itself. Only when the participle opens the
    name: a noun before it may be the buyer's own thing ("Budget assigned", "Business case
    created", "Vendors listed"), and nominalisations and orders ("Import", "Assign the lead")
    are read as before. Not when a buyer is named either: the buyer may be the one who acted
    ("Created by customer")."""
    from salesblueprint.rules.norms._language import _word_is_participle

    content = _content(v, t)
    if not content or v.find("buyer_actors", t) or v.find("buyer_artefacts", t):
        return None
    s, e, w = content[0]
    lm = _lemma(v.language, w)
    if not (_word_is_participle(v.language, w, lm) or participle_verb(v.language, w)):
        return None
    if not any(v["record_lemmas"].has_word(x) for x in (lm, *participle_verb(v.language, w))):
        return None
    return _span(t, s, e)


def waiting_for_buyer(v: Vocabulary, t: Text) -> Span | None:
    """Waiting for the buyer's act: "Ter ondertekening", "Ter goedkeuring bij klant",
    "Contract out for signature", "Sent for approval": a marker of purpose before a noun of a
    buyer act (``waiting_markers``)."""
    words = t.words
    markers = v["waiting_markers"]
    if (
        v.language == "en"
        and len(words) > 1
        and words[-1][2] == "out"
        and v["seller_stage_nouns"].has_word(words[-2][2])
    ):
        return _span(t, words[-2][0], words[-1][1])  # "Contract Out": sent, now waiting
    for i in range(len(words) - 1):
        s, _, w = words[i]
        if not markers.has_word(w):
            continue
        j = i + 1
        if v.language == "en" and words[j][2] == "for" and j + 1 < len(words):
            j += 1  # "out for signature"
        elif v.language == "en":
            continue
        elif i == len(words) - 1:
            break
        _, e, nxt = words[j]
        side = word_side(v, nxt)
        if (side is not None and side[0] == "buyer") or v["buyer_artefacts"].has_word(nxt):
            return _span(t, s, e)
    return None


#: Dutch words ending in -en that are no verb ("Lead binnen")
_NL_NOT_VERBS = frozenset({"binnen", "buiten", "boven", "beneden", "tussen", "tegen", "volgens"})


def _verb_built_nl(v: Vocabulary, t: Text) -> Span | None:
    """A Dutch name built on an infinitive with its object: "Offerte maken", "Voorstel
    schrijven", "Het voeren van het verkoopgesprek", "Maken van een offerte". The object is the
    seller's document or an activity (``seller_stage_nouns``, ``activity_nouns``, a compound
    ending in one) or the buyer; the verb is no buyer act or buying job ("Offertes evalueren",
    "Contract tekenen")."""
    if v.language != "nl" or len(t.words) < 2 or imperative(v, t) is not None:
        return None  # after an order's verb no infinitive ends the clause: "Breng ... in kaart"
    words = [w for _, _, w in t.words]
    k = 1 if v["determiners"].has_word(words[0]) else 0
    if words[k] in _START_NL and len(words) > k + 2:
        k += 1  # "Start bouwen website": the start of the work names the work
    # the verb ends the clause, before a trailing prepositional phrase: "Voorstel bespreken met
    # klant", "Offerte versturen naar de klant"
    last = next(
        (j - 1 for j in range(k + 2, len(words)) if words[j] in _PREPOSITIONS | _HEAD_ENDS),
        len(words) - 1,
    )
    for i in dict.fromkeys((k, last)):
        s, e, w = t.words[i]
        if len(w) < 4 or not w.endswith("en") or w in _NL_NOT_VERBS:
            continue
        lm = _lemma("nl", w)
        if lm != w and not (lm + "en" == w or lm + "n" == w):
            continue  # a plural noun or a participle, not an infinitive
        if any(v[c].has_word(w) for c in ("determiners", "stopwords", "judgements")):
            continue  # "Klant tevreden": an adjective, not an infinitive
        side = word_side(v, w)
        if side is not None and side[0] == "buyer":
            continue
        others = [x for j, x in enumerate(words) if j != i and j >= k]
        if any(_object_of_seller(v, x) for x in others):
            return _span(t, s, e)
        if others and v["fulfilment_lemmas"].has_word(lm):
            return _span(t, s, e)  # making what was sold, whatever it is: "Website bouwen"
    return None


#: Dutch nouns of beginning before a verb-built name ("Start bouwen website")
_START_NL = frozenset({"start", "begin", "aanvang"})


def _separable_order_nl(v: Vocabulary, t: Text) -> Span | None:
    """A Dutch order built on a separable verb, read by its word order, not by a list of verbs:
    the name opens with the verb's stem, its object follows with an article, and the particle
    closes it ("Maak een opdrachtbon aan", "Wijs een monteur toe", "Voer de opdracht uit") —
    an instruction to whoever runs the stage, the seller. Not when the joined verb is the
    buyer's act or job ("Vraag een offerte aan": *aanvragen*), the object is the buyer's
    artefact or a record either side fills in ("Voer de opdracht uit", "Vul het formulier
    in"), or the name speaks to the buyer ("Vul uw gegevens in")."""
    from salesblueprint.rules.norms._language import _NL_PARTICLES, _word_is_participle

    words = t.words
    if v.language != "nl" or len(words) < 3 or words[-1][2] not in _NL_PARTICLES:
        return None
    s, _, w = words[0]
    art = words[1][2]
    if art not in ("een", "de", "het", "deze", "dit", "die", "alle"):
        return None  # "Vul uw gegevens in" addresses the buyer
    skip = ("determiners", "stopwords", "judgements", "buyer_actors", "seller_parties")
    if len(w) < 3 or any(v[c].has_word(w) for c in skip) or w.endswith("en"):
        return None  # an infinitive or a noun opens other names
    if _word_is_participle("nl", w, _lemma("nl", w)):
        return None
    for _, _, x in words[2:-1]:
        if v["buyer_artefacts"].has_word(x) or (v["artefacts"].has_word(x) and not _document(v, x)):
            return None  # "Voer de opdracht uit", "Vul het formulier in": either side's
    particle = words[-1][2]
    for verb in (particle + x for x in (w + "en", *_nl_open_syllable(w))):
        side = word_side(v, verb)
        if side is not None and side[0] == "buyer":
            return None
    return _span(t, s, words[-1][1])


#: possessives of the reader a name addresses ("je", "uw", "your"): the buyer in a stage name
_ADDRESSED_POSSESSIVES = frozenset({"je", "jouw", "uw", "your"})


def imperative(v: Vocabulary, t: Text) -> Span | None:
    """The verb of a name that opens with an order in the imperative: a Dutch verb's stem whose
    infinitive the dictionary gives ("Maak afspraken", "Breng de behoeften in kaart", "Lever je
    bestanden aan": *maken*, *brengen*, *leveren*), an English base verb before an addressed
    possessive ("Upload your files"). Such a name is a clause: its nouns are the verb's objects,
    not the head of a noun phrase, so the noun readings do not apply. Not a stem that is also a
    listed noun ("Bezoek aan klant", "Onderzoek"), nor a noun of beginning ("Start bouwen
    website": read by the verb after it)."""
    words = t.words
    if len(words) < 2:
        return None
    s, e, w = words[0]
    if v.language == "en":
        if words[1][2] not in _ADDRESSED_POSSESSIVES:
            return None
        from salesblueprint.rules.norms._language import _base_verb_en

        return _span(t, s, e) if _base_verb_en(w) else None
    if v.language != "nl" or len(w) < 2 or w.endswith("en") or w in _START_NL | _ADDRESSED:
        return None
    if t.raw[e : words[1][0]].strip() or words[1][2] in _PREPOSITIONS | {"om"}:
        return None  # "Bouw-/ uitvoering", "Ontwerp van het concept", "Verzoek om offerte": nouns
    last = words[-1][2]
    if last.endswith("en") and _lemma("nl", last) == last:
        return None  # "Verkoop klaarmaken": the verb ends the name, the first word is its object
    skip = ("determiners", "stopwords", "judgements", "buyer_actors", "seller_parties")
    nouns = ("activity_nouns", "seller_stage_nouns", "buyer_act_nouns", "buyer_artefacts")
    if any(v[c].has_word(w) for c in (*skip, *nouns, "artefacts", "progress_nouns")):
        return None
    side = word_side(v, w)
    if side is not None and side[0] == "buyer":
        return None  # "Bezoek", "Keuze": the noun of the buyer's act as often as an order
    lm = _lemma("nl", w)
    # the infinitive of the stem: "breng" -> "brengen", "doe" -> "doen", "ga" -> "gaan", "plan"
    # -> "plannen", and in an open syllable "maak" -> "maken", "geef" -> "geven", "kies" -> "kiezen"
    stems = {w + "en", w + "n", w + w[-1] + "en", w + w[-1] + "n", *_nl_open_syllable(w)}
    return _span(t, s, e) if lm != w and lm in stems else None


def _imperative_order_nl(v: Vocabulary, t: Text) -> Span | None:
    """A Dutch order in the imperative whose object is the seller's document, an activity named
    in the singular or a noun of seller work ("Maak een offerte", "Stuur het conceptcontract
    door", "Houd een intakegesprek", "Maak een planning"): the seller's to-do, unless the verb
    is the buyer's act or job. A plural of an activity is left alone: "Maak afspraken" is the
    agreeing of both sides."""
    verb = imperative(v, t) if v.language == "nl" else None
    if verb is None:
        return None
    side = word_side(v, _lemma("nl", verb.text))
    if side is not None and side[0] == "buyer":
        return None  # "Kies een offerte": the buyer's choice
    heads = ("activity_nouns", "seller_stage_nouns", "activity_noun_suffixes")
    for _, e, w in t.words[1:]:
        if w in _PREPOSITIONS or w in _HEAD_ENDS:
            break  # the object ends at a preposition: "Stuur de opdrachtbon door naar ..."
        split = compound(v, w)
        side = word_side(v, w)
        if (
            _document(v, w)
            or v["activity_nouns"].has_word(w)  # as written: "afspraken" is no "afspraak"
            or (split is not None and any(v[c].has_word(split[1]) for c in heads))
            or (side is not None and side[0] == "seller")  # "Maak een planning"
        ):
            return _span(t, verb.start, e)
    return None


def addressed_order(v: Vocabulary, t: Text) -> bool:
    """An order whose object is the addressed reader's own thing ("Lever je bestanden aan",
    "Upload your files", "Kies uw pakket"): the reader who has files, a package or details to
    give is the buyer, whose step it is. A playbook addresses its rep the same way, so not when
    the reader's thing is the seller's: its document, an activity, seller work or the buyer
    ("Send your proposal", "Plan je demo", "Qualify your leads", "Bel je klant" stay orders to
    the seller)."""
    verb = imperative(v, t)
    if verb is None:
        return False
    words = t.words
    at = next((i for i in (1, 2) if i < len(words) and words[i][2] in _ADDRESSED_POSSESSIVES), None)
    if at is None or at + 1 >= len(words):
        return False
    thing = words[at + 1][2]
    if _seller_object(v, thing) or v.find("buyer_actors", v.text(thing)):
        return False
    return not v["buyer_synonyms"].has_word(_lemma(v.language, thing))


def _object_of_seller(v: Vocabulary, w: str) -> bool:
    """A noun the seller works on: its document, an activity, or the buyer."""
    lm = _lemma(v.language, w)
    for c in ("seller_stage_nouns", "activity_nouns", "buyer_synonyms"):
        if v[c].has_word(w) or v[c].has_word(lm):
            return True
    split = compound(v, w)
    return split is not None and not v["frame_nouns"].has_word(split[1])


def _bare_verb_en(v: Vocabulary, t: Text, content: list[tuple[int, int, str]]) -> Span | None:
    """A one-word English name that is the base form of a seller's verb (``seller_work_lemmas``,
    ``seller_stage_verbs``): "Develop", "Close", "Expand". Not when the word is a noun of a
    category (an actor, an artefact) or a buyer act or buying job ("Decide", "Evaluate"); a
    verb of no class is left alone, since most such words are nouns too ("Budget", "Plan")."""
    if v.language != "en" or len(t.words) != 1:
        return None
    from salesblueprint.rules.norms._language import _base_verb_en

    s, e, w = t.words[0]
    if not _base_verb_en(w) or w in ("won", "lost", "done", "set", "met", "paid"):
        return None
    nouns = (
        "buyer_actors",
        "seller_actors",
        "buyer_artefacts",
        "artefacts",
        "buyer_act_nouns",
        "judgements",
        "completion_words",
        "frame_nouns",
    )
    if any(v[c].has_word(w) for c in nouns):
        return None
    side = word_side(v, w)
    if side is None or side[0] == "buyer":
        return None  # "Open", "Budget", "Plan": a noun or adjective as often as a verb
    return _span(t, s, e)


#: prepositions of means: what follows says how, not on what ("Leadgeneratie via LinkedIn")
_MEANS = frozenset({"via", "per"})

#: prepositions of a state a document holds something in ("Under contract", "Onder contract")
UNDER = frozenset({"under", "onder"})

#: more words that end the noun phrase of a name ("Offerte in concept", "Onderhandelen over prijs")
_HEAD_ENDS = frozenset({"in", "op", "voor", "over", "for", "on", "about", "om", "via", "per"})


def _head_noun(v: Vocabulary, t: Text, content: list[tuple[int, int, str]]) -> Span | None:
    """The head noun of the name names seller activity.

    The head is the last word before the first preposition (Dutch and English noun phrases end
    in their head: "Concept offerte", "Telefonische afspraak", "Objection handling"); it is a
    noun of seller activity when it is a listed activity or seller-stage noun, the head of a
    Dutch compound that is one ("Productdemonstratie"), a bare infinitive whose noun is one
    ("Onderhandelen": *onderhandeling*), or a gerund of seller work ("Objection handling",
    "Solutioning"). The other words must not name the buyer's side: no participle ("Getekende
    offerte") and no buyer artefact ("Requirements building"); before the seller's document
    also no buyer act, job or actor ("Ontvangst en opening offertes"), while before an
    activity they are its object ("Stakeholder mapping", "Order processing", "Proposal review
    meeting")."""
    words = t.words
    h = len(words) - 1
    for i in range(1, len(words)):
        if words[i][2] in _PREPOSITIONS or words[i][2] in _HEAD_ENDS:
            h = i - 1
            break
    from salesblueprint.rules.norms._language import _word_is_participle

    hs, he, head = words[h]
    if h < len(words) - 1 and v.language == "en":
        return None  # English names with a prepositional phrase are read by the other checks
    if imperative(v, t) is not None:
        return None  # "Maak afspraken": a clause, whose last noun is the order's object

    if v.language == "nl" and _word_is_participle("nl", head, _lemma("nl", head)):
        return None  # "Klant heeft geïnstalleerd": a participle is no noun of activity
    document = not _head_is_activity(v, head, bare=True, documents=False)
    if document and h > 0 and words[0][2] in UNDER:
        return None  # "Under contract", "Onder contract": a state the document holds the deal in
    # a listed activity noun of an event names it whatever its topic: "Requirements meeting"
    event = v["activity_nouns"].has_word(head) or v["activity_nouns"].has_word(
        _lemma(v.language, head)
    )
    for s, e, w in content:
        if (s, e) == (hs, he):
            continue
        if v["buyer_artefacts"].has_word(w) and not event:
            return None
        if _word_is_participle(v.language, w, _lemma(v.language, w)) or (
            v.language == "nl" and word_side(v, w) is not None and w.endswith(("de", "te"))
        ):
            return None  # "Offerte verstuurd", "Getekende offerte": a state
        if not document:
            continue
        if v.find("buyer_actors", v.text(w)):
            return None
        side = word_side(v, w)
        if side is not None and side[0] == "buyer":
            return None
    if v["buyer_artefacts"].has_word(head) or v["buyer_act_nouns"].has_word(head):
        return None  # "Contract signature"
    # a means ("via LinkedIn", "per mail") is no complement of the head
    bare = h == len(words) - 1 or words[h + 1][2] in _MEANS
    if not bare and words[h + 1][2] == "van" and _the_buyers(v, t, h + 2):
        bare = True  # "Controle van uw online-activiteit": seller work on the buyer's things
    if _head_is_activity(v, head, bare=bare):
        return _span(t, hs, he)
    side = word_side(v, head)
    if (
        v.language == "en"
        and len(content) == 1
        and side is not None
        and side[0] == "seller"
        and side[1] != head
        and head.endswith(_NOMINAL_ENDINGS)
    ):
        # a noun of seller work that is the whole name: "Verification", "Submission"; with an
        # object the buyer may be its subject ("Problem identification")
        return _span(t, hs, he)
    # a nominalisation whose object is the seller's document or activity: "Proposal creation",
    # "Quote development", "Uitwerking van de inventarisatie" (a verb the vocabulary does not
    # class; the buyer's are left out above)
    derived = set(verbs_of(v.language, head)) - {head, _lemma(v.language, head)}
    if (
        derived
        and (side is None or side[0] == "seller")
        and head.endswith(_NOMINAL_ENDINGS)
        and any(_seller_object(v, w) for s, e, w in content if (s, e) != (hs, he))
    ):
        return _span(t, content[0][0], he)
    return None


#: possessives of the reader a seller's page addresses: the buyer ("uw situatie")
_ADDRESSED = frozenset({"uw", "je", "jouw"})


def _the_buyers(v: Vocabulary, t: Text, k: int) -> bool:
    """The noun phrase from word ``k`` on is the buyer or the buyer's: "uw online-activiteit",
    "de klant", "je bedrijf"."""
    rest = t.words[k:]
    if not rest:
        return False
    if rest[0][2] in _ADDRESSED:
        return True
    return bool(v.find("buyer_actors", v.text(t.raw[rest[0][0] :])))


def _seller_object(v: Vocabulary, word: str) -> bool:
    """The seller's document, an activity noun or a noun of seller work ("inventarisatie")."""
    if _document(v, word) or _activity(v, word):
        return True
    side = word_side(v, word)
    return side is not None and side[0] == "seller"


#: endings of nouns made from verbs (see :data:`_EN_DERIVATIONS` and :data:`_NL_DERIVATIONS`)
_NOMINAL_ENDINGS = (
    *("tion", "sion", "ment", "sis", "ing", "ery", "al", "ance", "ence"),
    *("atie", "tie"),
)


def _document_nominal(v: Vocabulary, word: str) -> bool:
    """A Dutch compound of the seller's document and a noun made from a verb that is no buyer's
    act or job: "Offertebespreking", "Offerteberekening", "Contractbespreking", read as the
    separate words are ("Proposal creation"); "Offertebeoordeling", "Contractondertekening" stay
    the buyer's."""
    w = word.casefold()
    if v.language != "nl" or not w.endswith(("ing", "atie")):
        return False
    for doc in v["seller_stage_nouns"].singles:
        rest = w[len(doc) :].lstrip("-")
        if len(doc) >= 4 and w.startswith(doc) and len(rest) >= 6:
            side = word_side(v, rest)
            return side is None or side[0] == "seller"
    return False


def _unplaced_phase(v: Vocabulary, mod: str) -> bool:
    """A Dutch phase named by a noun no list places on either side ("Retentiefase",
    "Diagnosefase", "Vervolgfase", "Planvormingsfase"): in a seller's pipeline a phase is the
    seller's step unless its noun says the buyer's (the buyer's phases are named by the
    buyer's verbs: "Oriëntatiefase", "Beslissingsfase", which :func:`word_side` reads). Not a
    short or English modifier ("See-fase", "Do-fase": a model's label), and only a "-fase":
    a "Proefperiode" is the buyer's trial."""
    return (
        len(mod) >= 5
        and mod.isalpha()
        and not v["buyer_phase_nouns"].has_word(mod)
        and not v["buyer_actors"].has_word(mod)
        and not english_in_dutch(v, mod)
    )


def _head_is_activity(v: Vocabulary, head: str, bare: bool = True, documents: bool = True) -> bool:
    """``head`` names seller activity; with ``documents``, also the seller's document or a
    seller-stage noun ("offerte", "Proposal")."""
    lm = _lemma(v.language, head)
    if v["frame_nouns"].has_word(head):
        return False
    if _activity(v, head) or _document_nominal(v, head):
        return True
    split = compound(v, head)
    if split is not None and v["frame_nouns"].has_word(split[1]):
        # a phase named by the seller's document or activity: "Offertetraject"
        mod = split[0]
        side = word_side(v, mod)
        # or by work under way ("Uitvoeringsfase", "Werkfase", "Afrondingsfase"); the phase of
        # the buyer's using or initiative ("Gebruiksfase", "Initiatieffase") stays unread
        return (
            v["seller_stage_nouns"].has_word(mod)
            or v["progress_nouns"].has_word(mod)
            or _activity(v, mod)
            or (side is not None and side[0] == "seller")
            or (side is None and split[1] == "fase" and _unplaced_phase(v, mod))
        )
    if documents and (
        v["seller_stage_nouns"].has_word(head)
        or v["seller_stage_nouns"].has_word(lm)
        or (split is not None and v["seller_stage_nouns"].has_word(split[1]))
    ):
        return True
    side = word_side(v, head)
    if side is not None and side[1] in _light():
        return False  # "Decision making", "Besluitvorming nemen": the object names the act
    if side is None or side[0] != "seller":
        if v.language == "nl" and head.endswith("en") and lm in (head, head[:-1], head[:-2]):
            # a bare infinitive whose noun is an activity: "onderhandelen" -> "onderhandeling"
            noun = head[:-2] + "ing"
            return v["activity_nouns"].has_word(noun)
        return False
    if v.language == "nl" and head == side[1]:
        return True  # an infinitive: "Onderhandelen over prijs"
    if v.language == "en":
        # "Objection handling", "Solutioning"; other nominalisations only of the verbs that are
        # the seller's in a name ("Needs assessment"), not of every seller-work verb: "Problem
        # identification" is the buyer's job
        step = any(v[c].has_word(side[1]) for c in ("seller_stage_verbs", "fulfilment_lemmas"))
        # a noun that is the verb's own form, of delivering what was sold: "System design",
        # "Panel install"; not of every step verb ("Technical win", "Creative brief")
        own = head == side[1] and v["fulfilment_lemmas"].has_word(head)
        return head.endswith("ing") or (step and head.endswith(_NOMINAL_ENDINGS)) or own
    # "Leadgeneratie", "Klantonderzoek"; not with a complement ("bepaling van de behoefte"
    # is as often the buyer's own job)
    return bare
