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


@pytest.mark.parametrize("lang", _lemmas.LANGUAGES)
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


@pytest.mark.parametrize("lang", _lemmas.LANGUAGES)
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


def test_english_check_loads_no_dictionary() -> None:
    """``check`` on an English blueprint never imports simplemma (nor the optional parts)."""
    if not _lemmas._same_dictionary("en"):
        pytest.skip(f"the table is made for simplemma {_lemmas.committed().simplemma}")
    code = (
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
    for name in ("hubspot-default", "startup-lead-process", "siriusdecisions-waterfall"):
        example = ROOT / "examples" / f"{name}.blueprint.yaml"
        proc = subprocess.run(
            [sys.executable, "-c", code, str(example)], capture_output=True, text=True
        )
        loaded = [ln for ln in proc.stdout.splitlines() if ln.startswith("LOADED")]
        assert loaded == ["LOADED "], (name, loaded, proc.stderr[-2000:])


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
