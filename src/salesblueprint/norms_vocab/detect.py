"""Which language a short text is written in: English or Dutch, deterministically, offline.

Exit criteria and stage names are short ("Offerte verstuurd", "Proposal sent"), so a
statistical detector has little to go on. This one weighs three kinds of evidence, each word at
most once:

- **function words** that exist in one language only (*de, het, een, heeft, wordt, naar* /
  *the, has, been, with, our, will*): strong evidence;
- **the norm vocabularies' own words** (``en.yaml``, ``nl.yaml``): a word that appears in one
  language's vocabulary and not in the other's (*verstuurd, ingepland, klant* / *sent,
  scheduled, customer*);
- **spelling**: Dutch digraphs and endings (*ij, uu, aa, sch-, -heid, -lijk, -atie*, the
  participle *ge…d/t*), English ones (*th, -tion, -ed, sh, ck*): weak evidence.

A text is given a language only when one side clearly wins (:data:`MARGIN`); otherwise
:func:`detect` returns ``None`` and the caller keeps the blueprint's declared language. English
loanwords that Dutch sales teams use (*demo, pipeline, lead, pricing*) therefore do not make a
Dutch text English.

simplemma's dictionaries would know more words, but loading the Dutch one costs about half a
second, on every run of an English blueprint, for texts that are mostly decided by the signals
above; they are not used here.
"""

from __future__ import annotations

import re
from functools import lru_cache

from salesblueprint.norms_vocab import builtin, normalize

#: How much more evidence the winning language needs.
MARGIN = 2.0


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_FUNCTION = {
    "nl": _words(
        "de het een en van heeft hebben heb wordt worden werd werden zijn door voor naar aan bij "
        "niet geen wij ik jij jouw uw onze ons die dat deze dit er ook nog om te tot uit als "
        "wanneer wel maar nadat zodra omdat dan wat wie welke hun zij hij kan kunnen moet moeten "
        "zal zullen gaat gaan nieuw nieuwe eerste binnen elke iedere alle andere eigen klant "
        "klanten koper verkoper offerte afspraak gesprek akkoord opdracht fase verkoopkans "
        "beslisser zich heeft wacht tussen zonder tijdens na"
    ),
    "en": _words(
        "the a an and has have had been was were are be by with for to from at not our you your "
        "they their them this that which who it its will would should could may might must "
        "after before when once than then there what each every first customer buyer client "
        "sent signed received meeting proposal quote call agreed confirmed scheduled booked "
        "decision maker of into about has is"
    ),
}
# words that look like one language's function word but are common in the other, too
_SHARED = frozenset({"is", "in", "we", "met", "over", "of", "al", "per", "via", "demo", "lead"})

_RE_WORD = re.compile(r"[^\W\d_]+")
_NL_SPELLING = re.compile(
    r"ij|uu|aa|oe[^s]|[ëï]|ee[rl]?[dt]$|^sch|cht$|heid$|lijk$|isch$|atie$|eren$|^ge\w{3,}[dt]$|^ver\w{3,}[dt]$"
)
_EN_SPELLING = re.compile(r"th|tion$|[^eo]ed$|sh|ck|^wh|ing$|y$|ly$|ment$|ity$")


@lru_cache(maxsize=1)
def _vocabulary_words() -> dict[str, frozenset[str]]:
    words: dict[str, set[str]] = {"en": set(), "nl": set()}
    for lang in words:
        for entries in builtin(lang).values():
            for entry in entries:
                if entry.startswith("/"):
                    continue  # a regular expression
                words[lang].update(w.casefold() for w in _RE_WORD.findall(entry.split("=>")[0]))
    both = words["en"] & words["nl"]
    return {lang: frozenset(ws - both - _SHARED) for lang, ws in words.items()}


def scores(text: str) -> dict[str, float]:
    """The evidence for each language in ``text`` (see the module docstring)."""
    vocab = _vocabulary_words()
    out = {"en": 0.0, "nl": 0.0}
    for w in dict.fromkeys(w.casefold() for w in _RE_WORD.findall(normalize(text)[:2000])):
        if w in _SHARED or len(w) < 2:
            continue
        for lang in out:
            if w in _FUNCTION[lang]:
                out[lang] += 2.0
            elif w in vocab[lang]:
                out[lang] += 1.5
        if w in _FUNCTION["nl"] or w in _FUNCTION["en"]:
            continue
        if _NL_SPELLING.search(w):
            out["nl"] += 1.0
        if _EN_SPELLING.search(w):
            out["en"] += 1.0
    return out


@lru_cache(maxsize=65536)
def detect(text: str) -> str | None:
    """``"en"`` or ``"nl"`` when ``text`` is clearly written in it, else ``None``."""
    s = scores(text)
    if s["nl"] >= s["en"] + MARGIN:
        return "nl"
    if s["en"] >= s["nl"] + MARGIN:
        return "en"
    return None


__all__ = ["MARGIN", "detect", "scores"]
