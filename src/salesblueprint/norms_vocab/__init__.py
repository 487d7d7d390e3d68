"""Vocabularies of the norm checks: word lists per language, in ``en.yaml`` and ``nl.yaml``.

A vocabulary maps a category (``hedges``, ``seller_actors`` ...) to phrases. A phrase is matched
case-insensitively on word boundaries; a space also matches a hyphen or several spaces, a
hyphen is optional (``e-mail`` finds ``email``), a trailing ``*`` matches the rest of a word, and
an entry written as ``/regex/`` is a regular expression. Teams extend the built-in lists in the
project configuration (``vocabulary: {en: {buyer_actors: [...]}}``).

This module is imported only when a norm rule runs or the configuration has a ``vocabulary``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

LANGUAGES: tuple[str, ...] = ("en", "nl")

#: Every category a vocabulary has (the keys of ``en.yaml`` and ``nl.yaml``).
CATEGORIES: tuple[str, ...] = (
    "hedges",
    "judgements",
    "graded_judgements",
    "future",
    "seller_belief",
    "belief_verbs",
    "reporting_verbs",
    "complementizers",
    "question_verbs",
    "processing_lemmas",
    "seller_actors",
    "buyer_actors",
    "seller_possessives",
    "agent_markers",
    "object_markers",
    "clause_starters",
    "determiners",
    "passive_auxiliaries",
    "active_auxiliaries",
    "seller_activities",
    "seller_verbs",
    "infinitive_markers",
    "buyer_artefacts",
    "exceptions",
    "non_artefacts",
    "unrecorded",
    "artefacts",
    "seller_stage_nouns",
    "stage_names",
    "stopwords",
    "buyer_synonyms",
    "seller_work_lemmas",
    "buyer_act_lemmas",
    "activity_nouns",
    "activity_noun_suffixes",
    "waiting_words",
    "buyer_act_nouns",
    "completion_words",
    "ambiguous_actors",
    "reception_lemmas",
    "joint_lemmas",
    "indefinite_actors",
    "buyer_job_lemmas",
    "frame_nouns",
    "waiting_markers",
    "seller_parties",
    "seller_stage_verbs",
    "outcome_words",
    "sending_lemmas",
    "submission_lemmas",
    "fulfilment_lemmas",
    "requirement_words",
    "attainment_lemmas",
    "progress_nouns",
    "buyer_phase_nouns",
    "buyer_side_words",
    "two_sided_lemmas",
    "inquiry_lemmas",
    "offering_nouns",
    "decision_lemmas",
    "first_person_plural",
    "buyer_voice_lemmas",
    "negations",
    "plan_nouns",
    "record_lemmas",
    "duty_nouns",
    "crm_lemmas",
)

_WORD_RE = re.compile(r"\w+")
_PLAIN_WORD_RE = re.compile(r"^\w+$")
_PREFIX_RE = re.compile(r"^\w+\*$")
_SPACE = r"[\s\-]+"
MAX_TEXT = 2000  # characters of a text that are analysed: exit criteria and names are short
# analyses kept per vocabulary before the cache is emptied: each rule reads every stage in turn,
# so a blueprint with more distinct texts than the cache holds recomputes every text in every
# rule (200,000 entries made a 200,000-stage check 16 times slower than a 20,000-stage one)
CACHE_ENTRIES = 2_000_000


class VocabularyError(ValueError):
    """A vocabulary entry that cannot be used (a bad regular expression, an empty phrase)."""


def normalize(text: str) -> str:
    """NFC, with typographic apostrophes and dashes made plain."""
    text = unicodedata.normalize("NFC", text)
    return text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass
class Text:
    """A text prepared for matching: normalized, with its words (lower case) and their offsets."""

    raw: str
    words: list[tuple[int, int, str]] = field(default_factory=list)
    wordset: frozenset[str] = frozenset()
    hits: frozenset[str] | None = None  # categories that may match (set by Vocabulary)

    @classmethod
    def of(cls, raw: str) -> Text:
        norm = normalize(raw)
        words = [(m.start(), m.end(), m.group().casefold()) for m in _WORD_RE.finditer(norm)]
        return cls(norm, words, frozenset(w for _, _, w in words))

    def first_word_at(self, pos: int) -> int:
        """Index of the first word that starts at or after ``pos``."""
        for i, (s, _, _) in enumerate(self.words):
            if s >= pos:
                return i
        return len(self.words)

    def last_word_before(self, pos: int) -> int:
        """Index of the last word that ends at or before ``pos`` (-1 if none)."""
        out = -1
        for i, (_, e, _) in enumerate(self.words):
            if e <= pos:
                out = i
            else:
                break
        return out


def _entry_regex(entry: str) -> str:
    """The regular expression (with word boundaries) for one vocabulary entry."""
    e = normalize(entry).strip()
    if len(e) >= 2 and e.startswith("/") and e.endswith("/"):
        src = e[1:-1]
        try:
            re.compile(src)
        except re.error as err:
            raise VocabularyError(f"invalid regular expression {entry!r}: {err}") from None
        return rf"(?<!\w)(?:{src})(?!\w)"
    if not e or e == "*":
        raise VocabularyError(f"empty vocabulary entry {entry!r}")
    out: list[str] = []
    for i, ch in enumerate(e):
        if ch == "*" and i == len(e) - 1:
            out.append(r"\w*")
        elif ch.isspace():
            if not out or out[-1] != _SPACE:
                out.append(_SPACE)
        elif ch == "-":
            out.append(r"[\s\-]?")
        else:
            out.append(re.escape(ch))
    src = "".join(out)
    if e[0].isalnum() or e[0] == "_":
        src = r"(?<!\w)" + src
    if e.endswith("*") or e[-1].isalnum() or e[-1] == "_":
        src += r"(?!\w)"
    return src


def check_entry(entry: str) -> None:
    """Raise :class:`VocabularyError` when ``entry`` cannot be used."""
    _entry_regex(entry)


class Phrases:
    """The compiled entries of one category.

    Plain words are looked up in a set and ``word*`` entries by prefix, word by word; only
    phrases and regular expressions go through one combined regular expression.
    """

    def __init__(self, entries: Sequence[str]) -> None:
        self.entries = tuple(entries)
        singles: set[str] = set()
        prefixes: set[str] = set()
        keyed: dict[str, set[str]] = {}  # first word -> phrases that start with it
        anywhere: set[str] = set()  # regular expressions, phrases starting with a non-word
        for entry in entries:
            e = normalize(entry).strip().casefold()
            if _PLAIN_WORD_RE.match(e):
                singles.add(e)
            elif _PREFIX_RE.match(e):
                prefixes.add(e[:-1])
            else:
                m = _WORD_RE.match(e)
                if m is None or e.startswith("/"):
                    anywhere.add(_entry_regex(entry))
                    continue
                keyed.setdefault(m.group(), set()).add(entry)
                if e[m.end() : m.end() + 1] == "-":  # "e-mail" also finds "email"
                    m2 = _WORD_RE.match(e, m.end() + 1)
                    keyed.setdefault(m.group() + (m2.group() if m2 else ""), set()).add(entry)
        self.singles = frozenset(singles)
        self.prefixes = tuple(sorted(prefixes))
        self._keyed = {w: tuple(sorted(es)) for w, es in keyed.items()}
        self._first_words = frozenset(keyed)
        self._patterns: dict[str, re.Pattern[str]] = {}
        self.has_anywhere = bool(anywhere)
        self._anywhere_src = "|".join(sorted(anywhere, key=lambda s: (-len(s), s)))
        self._anywhere: re.Pattern[str] | None = None

    def _pattern(self, first_word: str) -> re.Pattern[str]:
        """The phrases starting with ``first_word``, compiled when a text first needs them.

        Compiling one small expression per first word that actually occurs keeps start-up
        cheap: a run compiles only the few groups its texts touch.
        """
        pat = self._patterns.get(first_word)
        if pat is None:
            srcs = {_entry_regex(e) for e in self._keyed[first_word]}
            # longer alternatives first, so that the longest phrase at a position wins
            src = "|".join(sorted(srcs, key=lambda s: (-len(s), s)))
            pat = self._patterns[first_word] = re.compile(src, re.IGNORECASE)
        return pat

    def find(self, t: Text) -> list[Span]:
        """Every match in text order; of overlapping matches the earliest, then longest, wins."""
        found: list[Span] = []
        if not self.singles.isdisjoint(t.wordset):
            for s, e, w in t.words:
                if w in self.singles:
                    found.append(Span(s, e, t.raw[s:e]))
        if self.prefixes:
            pre = self.prefixes
            for s, e, w in t.words:
                if w.startswith(pre):
                    found.append(Span(s, e, t.raw[s:e]))
        if not self._first_words.isdisjoint(t.wordset):
            for s, _, w in t.words:
                if w in self._first_words:
                    m = self._pattern(w).match(t.raw, s)
                    if m is not None and m.end() > s:
                        found.append(Span(s, m.end(), m.group()))
        if self._anywhere_src:
            if self._anywhere is None:
                self._anywhere = re.compile(self._anywhere_src, re.IGNORECASE)
            for m in self._anywhere.finditer(t.raw):
                if m.end() > m.start():
                    found.append(Span(m.start(), m.end(), m.group()))
        if len(found) < 2:
            return found
        found.sort(key=lambda sp: (sp.start, -(sp.end - sp.start)))
        out: list[Span] = []
        for sp in found:
            if out and sp.start < out[-1].end:
                continue
            out.append(sp)
        return out

    def trigger_words(self) -> frozenset[str]:
        """Words one of which a text must contain for a plain word or phrase to match."""
        return self.singles | self._first_words

    def has_word(self, word: str) -> bool:
        """Whether a single word is an entry (plain or ``word*``)."""
        w = word.casefold()
        return w in self.singles or bool(self.prefixes and w.startswith(self.prefixes))


@dataclass(frozen=True)
class StageNameHint:
    pattern: Phrases
    text: str
    suggestion: str


class Vocabulary:
    """One language's categories, built-in and team-added, compiled on first use."""

    def __init__(
        self, language: str, categories: Mapping[str, Sequence[str]], addressee: str = "auto"
    ) -> None:
        self.language = language
        #: who "you"/"je"/"jij"/"u" is: "seller", "buyer", or "auto" (read from each sentence)
        self.addressee = addressee
        self.categories = {k: tuple(v) for k, v in categories.items()}
        self._compiled: dict[str, Phrases] = {}
        self._stage_names: list[StageNameHint] | None = None
        self.cache: dict[tuple[str, str], Any] = {}  # analysis results per (kind, text)

    def text(self, raw: str) -> Text:
        """``raw`` prepared for matching (cached)."""
        key = ("text", raw)
        got = self.cache.get(key)
        if isinstance(got, Text):
            return got
        if len(self.cache) > CACHE_ENTRIES:
            self.cache.clear()
        text = self.cache[key] = Text.of(raw[:MAX_TEXT])
        return text

    def _index(self) -> None:
        word_cats: dict[str, set[str]] = {}
        prefix_cats: list[tuple[str, tuple[str, ...]]] = []
        always: set[str] = set()
        for cat in self.categories:
            p = self[cat]
            for w in p.trigger_words():
                word_cats.setdefault(w, set()).add(cat)
            if p.prefixes:
                prefix_cats.append((cat, p.prefixes))
            if p.has_anywhere:
                always.add(cat)
        self._word_cats = {w: frozenset(c) for w, c in word_cats.items()}
        self._prefix_cats = prefix_cats
        self._all_prefixes = tuple(sorted({x for _, ps in prefix_cats for x in ps}))
        self._always = frozenset(always)

    def hits(self, t: Text) -> frozenset[str]:
        """The categories that may match ``t`` (a cheap filter before :meth:`Phrases.find`)."""
        if t.hits is not None:
            return t.hits
        if not hasattr(self, "_word_cats"):
            self._index()
        out: set[str] = set(self._always)
        wc = self._word_cats
        pre = self._all_prefixes
        for w in t.wordset:
            cats = wc.get(w)
            if cats:
                out |= cats
            if pre and w.startswith(pre):
                out.update(cat for cat, ps in self._prefix_cats if w.startswith(ps))
        t.hits = frozenset(out)
        return t.hits

    def find(self, category: str, t: Text) -> list[Span]:
        """The matches of one category in ``t``."""
        hits = t.hits if t.hits is not None else self.hits(t)
        if category not in hits:
            return []
        return self[category].find(t)

    def __getitem__(self, category: str) -> Phrases:
        p = self._compiled.get(category)
        if p is None:
            p = self._compiled[category] = Phrases(self.categories.get(category, ()))
        return p

    @property
    def stage_names(self) -> list[StageNameHint]:
        """``pattern => suggestion`` entries, longest pattern first."""
        if self._stage_names is None:
            hints: list[tuple[str, str]] = []
            for entry in self.categories.get("stage_names", ()):
                pattern, sep, suggestion = entry.partition("=>")
                if sep and pattern.strip() and suggestion.strip():
                    hints.append((pattern.strip(), suggestion.strip()))
            hints.sort(key=lambda h: -len(h[0]))
            self._stage_names = [StageNameHint(Phrases([p]), p, s) for p, s in hints]
        return self._stage_names


@cache
def builtin(language: str) -> dict[str, tuple[str, ...]]:
    """The built-in vocabulary of a language, read from this package's data file."""
    from importlib import resources

    import yaml

    text = resources.files(__name__).joinpath(f"{language}.yaml").read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data = yaml.load(text, Loader=loader) or {}
    return {k: tuple(str(x) for x in (data.get(k) or ())) for k in CATEGORIES}


@lru_cache(maxsize=16)
def _vocabulary(
    language: str, extra: tuple[tuple[str, tuple[str, ...]], ...], addressee: str
) -> Vocabulary:
    cats = dict(builtin(language))
    for category, entries in extra:
        cats[category] = (*cats.get(category, ()), *entries)
    return Vocabulary(language, cats, addressee)


def vocabulary(
    language: str, extra: Mapping[str, Sequence[str]] | None = None, addressee: str = "auto"
) -> Vocabulary:
    """The vocabulary of ``language`` (``en`` or ``nl``), with a team's own entries added, and
    who the criteria address as "you"/"je"/"u" (``addressee``: ``auto``, ``seller`` or
    ``buyer``; the project's ``addressee`` setting)."""
    if language not in LANGUAGES:
        language = "en"
    key = tuple(sorted((k, tuple(v)) for k, v in (extra or {}).items()))
    return _vocabulary(language, key, addressee)
