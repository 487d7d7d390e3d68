"""The lemma table (``rules/norms/_lemmas.py``): current, used, and the same findings as simplemma.

When ``test_committed_table_is_current`` fails, regenerate the table::

    python -m salesblueprint.rules.norms._lemmas
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from salesblueprint.rules.norms import _lemmas

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).parent
REGENERATE = "regenerate it: python -m salesblueprint.rules.norms._lemmas"


def test_committed_table_is_current() -> None:
    committed = _lemmas.committed()
    if committed.simplemma != version("simplemma"):
        pytest.skip(f"table made with simplemma {committed.simplemma}, {version('simplemma')} here")
    table, base = _lemmas.generate()
    assert committed.fingerprints == table.fingerprints, f"a vocabulary changed: {REGENERATE}"
    assert committed.dictionaries == table.dictionaries, f"simplemma changed: {REGENERATE}"
    for lang, lemmas in table.lemmas.items():
        have = committed.lemmas.get(lang, {})
        missing = sorted(set(lemmas.items()) - set(have.items()))[:10]
        extra = sorted(set(have.items()) - set(lemmas.items()))[:10]
        assert not missing and not extra, f"{lang}: missing {missing}, stale {extra}: {REGENERATE}"
    assert _lemmas.base_verbs() == frozenset(base), f"base verbs are stale: {REGENERATE}"
    listed = _lemmas._read(_lemmas.INFLECTED_EN) or ""
    have = [w for w in listed.splitlines() if w and not w.startswith("#")]
    assert have == _lemmas.inflected_en(), f"inflected_en.txt is stale: {REGENERATE}"


def _committed_dutch() -> _lemmas.Blocks:
    from importlib import resources

    data = resources.files(_lemmas.__package__).joinpath(_lemmas.DUTCH).read_bytes()
    return _lemmas.Blocks(data)


def test_committed_dutch_table_is_current() -> None:
    """The Dutch table is simplemma's Dutch dictionary, as the installed simplemma has it (the
    lines, not the bytes: another zlib may compress the same lines differently)."""
    table = _committed_dutch()
    if table.fields.get("simplemma") != version("simplemma"):
        pytest.skip(f"table made with simplemma {table.fields.get('simplemma')}")
    assert table.fields.get("dictionary") == _lemmas.dictionary_checksum("nl"), REGENERATE
    have, want = list(table.lines()), _lemmas.dutch_lines()
    assert len(have) == int(table.fields["lines"])
    assert have == want, f"{_lemmas.DUTCH} is stale: {REGENERATE}"


@pytest.mark.parametrize(
    ("word", "lemma"),
    [("klanten", ""), ("belde", ""), ("offerte", ""), ("x", ""), ("86ed", ""), ("3", "")],
)
def test_lemma_codes_round_trip(word: str, lemma: str) -> None:
    for target in (lemma or word, "bellen", "klant", "", "7up", "!x", word + "s", word[:-1]):
        code = _lemmas.encode_lemma(word, target)
        assert _lemmas.decode_lemma(word, code) == target, (word, target, code)


def test_dutch_blocks_bisect_to_every_line() -> None:
    lines = sorted({"aap", "aapje\t2", "b", "beller\t2len", "de-x\t!d", "z\tzz"})
    table = _lemmas.Blocks(_lemmas.Blocks.dump(lines, {"k": "v"}, size=2))
    assert table.fields == {"k": "v"}
    assert list(table.lines()) == lines
    for line in lines:
        w, _, code = line.partition("\t")
        assert table.get(w) == code
    for w in ("", "a", "aa", "aapj", "aapjes", "bel", "c", "zz", "\uffff"):
        assert table.get(w) is None, w


def _held_out(path: Path) -> bool:
    import yaml

    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return isinstance(doc, dict) and doc.get("held_out") is True


def _words_of(path: Path) -> set[str]:
    import re

    import yaml

    out: set[str] = set()

    def walk(x: object) -> None:
        if isinstance(x, dict):
            for val in x.values():
                walk(val)
        elif isinstance(x, list):
            for val in x:
                walk(val)
        elif isinstance(x, str):
            out.update(w.casefold() for w in re.findall(r"\w+(?:[-_]\w+)*", x))
            out.update(w.casefold() for w in re.findall(r"\w+", x))

    walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return out


def test_dutch_table_answers_as_simplemma() -> None:
    """For every word of the vocabularies, the corpora (``benchmarks/norms_corpus``, the test
    corpus), the examples, and a sample of the dictionary and of words it lacks: the table's
    lemma and ``is_known`` are simplemma's. A corpus file marked ``held_out: true`` is not read:
    no library code runs on held-out text before its one scoring."""
    import simplemma

    from salesblueprint.norms_vocab import builtin

    table = _lemmas._dutch()
    if table is None:
        pytest.skip("the Dutch table is not made from this simplemma's dictionary")
    words: set[str] = set()
    for lang in ("en", "nl"):
        for entries in builtin(lang).values():
            for entry in entries:
                words.update(_words_of_text(entry))
    files = [
        *sorted(
            f for f in (ROOT / "benchmarks" / "norms_corpus").glob("*.yaml") if not _held_out(f)
        ),
        HERE / "corpus.yaml",
        *sorted((HERE / "data").glob("*.yaml")),
        *sorted((ROOT / "examples").glob("*.yaml")),
    ]
    for f in files:
        words |= _words_of(f)
    sample = [ln.partition("\t")[0] for ln in list(table.lines())[::37]]
    words.update(sample)
    words.update(w + suffix for w in sample[:2000] for suffix in ("s", "en", "-x", "_y", "t"))
    words.update(("e-mail", "e-mails", "offerte-aanvraag", "x-", "-", "12", "³", "foo_bar"))
    assert len(words) > 15000
    for w in sorted(words):
        w = w.casefold()
        if not w:
            continue
        assert _lemmas._dutch_answer(table, w) == _lemmas.simplemma_lemma("nl", w), w
        assert _lemmas.known("nl", w) == simplemma.is_known(w, lang="nl"), w


def _words_of_text(text: str) -> set[str]:
    import re

    return {w.casefold() for w in re.findall(r"\w+(?:[-_]\w+)*|\w+", text)} | {
        w.casefold() for w in re.findall(r"\w+", text)
    }


@pytest.mark.parametrize("lang", _lemmas.TABLE_LANGUAGES)
def test_another_dictionary_is_not_read_from_the_table(
    lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_lemmas, "dictionary_checksum", lambda _lang: "00000000")
    _lemmas._same_dictionary.cache_clear()
    _lemmas._usable.cache_clear()
    try:
        assert _lemmas._usable(lang) is None
    finally:
        monkeypatch.undo()
        _lemmas._same_dictionary.cache_clear()
        _lemmas._usable.cache_clear()


def test_another_dutch_dictionary_is_not_read_from_the_table(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    usable = _lemmas._dutch() is not None
    monkeypatch.setattr(_lemmas, "dictionary_checksum", lambda _lang: "00000000")
    _lemmas._dutch.cache_clear()
    try:
        assert _lemmas._dutch() is None
        assert _lemmas.dutch_lemma("klanten") == "klant"  # simplemma answers
    finally:
        monkeypatch.undo()
        _lemmas._dutch.cache_clear()
    assert (_lemmas._dutch() is not None) == usable


@pytest.mark.parametrize("lang", _lemmas.TABLE_LANGUAGES)
def test_table_matches_the_builtin_vocabulary(lang: str) -> None:
    """A vocabulary edited since the table was made falls back to simplemma: slow, not wrong."""
    assert _lemmas.committed().fingerprints.get(lang) == _lemmas.fingerprint(lang), REGENERATE


@pytest.mark.parametrize(
    "word",
    ["sends", "tested", "ministries", "achievements", "classes", "12", "dictatrices", "kitchen"],
)
def test_rules_are_simplemmas(word: str) -> None:
    """The rules for a word the dictionary lacks are simplemma's own (copied, not imported)."""
    from simplemma.strategies.defaultrules import DEFAULT_RULES

    for lang in _lemmas.LANGUAGES:
        expected = DEFAULT_RULES[lang](word) or word
        assert _lemmas.rules_lemma(lang, word) == expected


def test_rules_agree_on_every_dictionary_word() -> None:
    from simplemma.strategies.defaultrules import DEFAULT_RULES

    for lang in _lemmas.LANGUAGES:
        for w in _lemmas._dictionary_words(lang):
            if w.isnumeric():
                continue
            assert _lemmas.rules_lemma(lang, w) == (DEFAULT_RULES[lang](w) or w).casefold().replace(
                "_", ""
            ), w


_ANALYSE = """
import json, sys
import yaml
from salesblueprint.norms_vocab import vocabulary
from salesblueprint.rules.norms import _language as lg

out = []
for path in sys.argv[1:]:
    doc = yaml.safe_load(open(path, encoding="utf-8"))
    texts = []
    def walk(x, lang):
        if isinstance(x, dict):
            lang = x.get("lang", x.get("language", lang))
            for k, val in x.items():
                walk(val, lang)
        elif isinstance(x, list):
            for val in x:
                walk(val, lang)
        elif isinstance(x, str) and any(c.isalpha() for c in x):
            texts.append((lang if lang in ("en", "nl") else "en", x))
    walk(doc, "en")
    for lang, text in texts:
        for v in (vocabulary("en"), vocabulary("nl")):
            out.append([
                v.language, text, repr(lg.criterion_actor(v, text)),
                repr(lg.factual_issues(v, text)), repr(lg.stage_name_issue(v, text)),
                repr(lg.evidence_issue(v, text)), sorted(lg.content_words(v, text)),
            ])
print(json.dumps({"results": out, "simplemma": "simplemma" in sys.modules}))
"""


def _analyse(files: list[Path], table: bool) -> dict[str, object]:
    env = {**os.environ, _lemmas.ENV: "1" if table else "0"}
    proc = subprocess.run(
        [sys.executable, "-c", _ANALYSE, *map(str, files)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def test_same_readings_as_simplemma() -> None:
    """Every text of the labelled corpus, the fixtures and the examples, read as English and as
    Dutch: who acts, why it is no fact, the stage name and evidence issues and the content words
    are the same with the table as with simplemma for every word."""
    files = [
        HERE / "corpus.yaml",
        *sorted((HERE / "data").glob("*.yaml")),
        *sorted((ROOT / "examples").glob("*.yaml")),
        *sorted((ROOT / "tests" / "rules" / "cases").glob("SB2*.yaml")),
    ]
    with_table, without = _analyse(files, True), _analyse(files, False)
    assert len(with_table["results"]) > 2000  # type: ignore[arg-type]
    assert with_table["results"] == without["results"]


_LOADED = (
    "import sys\n"
    "from salesblueprint.cli import main\n"
    "try:\n"
    "    main(['check', sys.argv[1]])\n"
    "except SystemExit:\n"
    "    pass\n"
    "heavy = ('simplemma', 'duckdb', 'graphviz', 'pyspark', 'salesblueprint.diagrams',\n"
    "         'salesblueprint.interop', 'salesblueprint.audit')\n"
    "print('LOADED', ','.join(sorted(m for m in heavy if m in sys.modules)))\n"
)


def _loaded(path: Path, cwd: Path | None = None) -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-c", _LOADED, str(path)], capture_output=True, text=True, cwd=cwd
    )
    loaded = [ln for ln in proc.stdout.splitlines() if ln.startswith("LOADED")]
    assert loaded, proc.stderr[-2000:]
    return loaded


def test_english_check_loads_no_dictionary() -> None:
    """``check`` on an English blueprint never imports simplemma (nor the optional parts)."""
    if not _lemmas._same_dictionary("en"):
        pytest.skip(f"the table is made for simplemma {_lemmas.committed().simplemma}")
    for name in ("hubspot-default", "startup-lead-process", "siriusdecisions-waterfall"):
        example = ROOT / "examples" / f"{name}.blueprint.yaml"
        assert _loaded(example) == ["LOADED "], name


def test_dutch_check_loads_no_dictionary(tmp_path: Path) -> None:
    """Nor on a Dutch one, also with findings and with a project's own Dutch vocabulary (the
    Dutch table does not depend on the vocabulary)."""
    if _lemmas._dutch() is None:
        pytest.skip("the Dutch table is not made from this simplemma's dictionary")
    files = [
        ROOT / "examples" / "nl-inbound.blueprint.yaml",
        HERE / "data" / "nl_seller_activities.yaml",
        HERE / "data" / "buyer_centric_nl.yaml",
    ]
    for path in files:
        assert _loaded(path) == ["LOADED "], path.name
    bp = tmp_path / "bp.blueprint.yaml"
    bp.write_text(files[1].read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / ".salesblueprint.yaml").write_text(
        "vocabulary:\n  nl:\n    buyer_act_lemmas: [paraferen]\n", encoding="utf-8"
    )
    assert _loaded(bp, cwd=tmp_path) == ["LOADED "]


def test_extended_vocabulary_asks_simplemma(tmp_path: Path) -> None:
    """A project's own vocabulary is not in the table: the words are read with simplemma."""
    code = (
        "import sys\n"
        "from salesblueprint.cli import main\n"
        "from salesblueprint.rules.norms import _lemmas\n"
        "try:\n"
        "    main(['check', sys.argv[1]])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('EXTENDED', sorted(_lemmas._extended))\n"
    )
    bp = tmp_path / "bp.blueprint.yaml"
    bp.write_text((ROOT / "examples" / "hubspot-default.blueprint.yaml").read_text())
    (tmp_path / ".salesblueprint.yaml").write_text(
        "vocabulary:\n  en:\n    buyer_act_lemmas: [countersign]\n", encoding="utf-8"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(bp)], capture_output=True, text=True, cwd=tmp_path
    )
    assert "EXTENDED ['en']" in proc.stdout, proc.stderr[-2000:]


def test_committed_detection_words_are_current() -> None:
    """Language detection reads the vocabularies' words from ``norms_vocab/detect_words.txt``
    while it is current (regenerated with the lemma tables), else from the YAML files."""
    from salesblueprint.norms_vocab import detect

    have = detect.committed_words()
    assert have is not None, f"norms_vocab/{detect.WORDS} is stale: {REGENERATE}"
    assert have == detect.computed_words()


def test_stale_detection_words_are_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    from salesblueprint.norms_vocab import detect

    monkeypatch.setattr(detect, "_source", lambda: "another vocabulary")
    assert detect.committed_words() is None
