"""The translations: every message has a Dutch translation with the same placeholders, the
shipped ``.mo`` files match the ``.po`` files, and Dutch output has no English words of its own.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from salesblueprint.i18n import LANGUAGES, LOCALE_DIR, Msg, _, ngettext, translator
from separate_stderr import run_module as _run

babel = pytest.importorskip("babel")
from babel.messages.extract import extract_from_dir  # noqa: E402
from babel.messages.mofile import read_mo  # noqa: E402
from babel.messages.pofile import read_po  # noqa: E402

ROOT = Path(__file__).parent.parent
SRC = ROOT / "src" / "salesblueprint"
EXAMPLES = ROOT / "examples"
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "gettext": None}
OTHER = [lang for lang in LANGUAGES if lang != "en"]


def _source_ids() -> set[str | tuple[str, str]]:
    """Every message id marked in the source, as ``pybabel extract`` finds them."""
    from babel.messages import frontend

    parse = getattr(frontend, "parse_mapping_cfg", None) or frontend.parse_mapping
    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse(fh)
    out: set[str | tuple[str, str]] = set()
    for _f, _line, msg, _c, _ctx in extract_from_dir(
        str(SRC.parent), method_map, options_map, keywords=KEYWORDS
    ):
        out.add(msg if isinstance(msg, str) else (msg[0], msg[1]))
    return out


def _po(lang: str):  # type: ignore[no-untyped-def]
    path = LOCALE_DIR / lang / "LC_MESSAGES" / "salesblueprint.po"
    with path.open("rb") as fh:
        return read_po(fh, locale=lang)


def _key(value: object) -> object:
    return tuple(value) if isinstance(value, list | tuple) else value


def _fields(text: str) -> set[str]:
    return {f"{name}:{spec}" for _t, name, spec, _c in string.Formatter().parse(text) if name}


def test_nl_is_a_language() -> None:
    assert "nl" in LANGUAGES
    from salesblueprint.cli import _LANG_CHOICES

    assert set(_LANG_CHOICES) == set(LANGUAGES)


@pytest.mark.parametrize("lang", OTHER)
def test_every_message_is_translated_with_the_same_placeholders(lang: str) -> None:
    cat = _po(lang)
    ids = _source_ids()
    assert len(ids) > 400  # the extraction found the messages
    missing, wrong = [], []
    for mid in sorted(ids, key=str):
        key = mid if isinstance(mid, str) else mid[0]
        m = cat.get(key)
        if m is None or not m.string or m.fuzzy:
            missing.append(mid)
            continue
        originals = [mid] if isinstance(mid, str) else list(mid)
        translations = [m.string] if isinstance(m.string, str) else list(m.string)
        if not all(translations):
            missing.append(mid)
            continue
        want = set().union(*(_fields(o) for o in originals))
        if len({frozenset(_fields(o)) for o in originals}) > 1:
            # click's plural texts name other fields in each form ({choice} / {choices}):
            # each form uses some of them, together all of them
            used = [_fields(t) for t in translations]
            if not all(u <= want for u in used) or set().union(*used) != want:
                wrong.append((mid, translations))
            continue
        for t in translations:
            got = _fields(t)
            # a singular may leave out {n} ("1 file" → "één bestand"), never add one
            if got != want and not (got <= want and want - got == {"n:"}):
                wrong.append((mid, t))
    assert not missing, f"{lang}.po lacks translations for:\n" + "\n".join(map(repr, missing))
    assert not wrong, f"{lang}.po placeholders differ:\n" + "\n".join(map(repr, wrong))


@pytest.mark.parametrize("lang", OTHER)
def test_the_shipped_mo_matches_the_po(lang: str) -> None:
    """The compiled catalog is what ``pybabel compile`` makes of the ``.po`` (run it)."""
    mo = LOCALE_DIR / lang / "LC_MESSAGES" / "salesblueprint.mo"
    with mo.open("rb") as fh:
        compiled = {_key(m.id): _key(m.string) for m in read_mo(fh) if m.id}
    source = {_key(m.id): _key(m.string) for m in _po(lang) if m.id and m.string and not m.fuzzy}
    assert compiled == source, "the .mo is out of date: run pybabel compile (docs/i18n.md)"


def test_msg_is_english_text_and_translates_later() -> None:
    m = _("no rule '{text}'{hint}", text="x", hint=_(" (did you mean '{name}'?)", name="y"))
    assert m == "no rule 'x' (did you mean 'y'?)"
    assert type(str(m)) is str
    nl = translator("nl")
    assert nl(m) == "geen regel 'x' (bedoelde je 'y'?)"
    assert nl("user text") == "user text"
    assert translator("en")(m) == m
    assert nl(ngettext("{n} file", "{n} files", 2)) == "2 bestanden"
    assert isinstance(ngettext("{n} file", "{n} files", 1), Msg)
    assert translator("xx").lang == "en"


# -- Dutch output has no English words of its own -----------------------------------------
_EN_WORDS = frozenset(
    re.findall(
        r"\w+",
        """the and to are has have not no on with from for which but or when it its this that
        add stage stages pipeline found file files error errors warning warnings lifecycle
        missing unknown should does never every where what must owned owner would""",
    )
)
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|`[^`]*`|\{[^}]*\}|\[[^\]]*\]")


def english_words(text: str) -> set[str]:
    """The English stopwords in ``text`` once quoted user text, ids and YAML are removed."""
    text = _QUOTED.sub(" ", text)
    return {w for w in re.findall(r"[A-Za-z]+", text) if w.lower() in _EN_WORDS}


def _dutch_example() -> Path:
    found = sorted(EXAMPLES.glob("nl-*.yaml"))
    assert found
    return found[0]


def _defects(tmp_path: Path) -> Path:
    """A Dutch blueprint with many defects, so that many rules speak."""
    return ROOT / "tests" / "data" / "nl_defects.yaml"


def test_dutch_findings_have_no_english_words(tmp_path: Path) -> None:
    from salesblueprint.api import check_file

    findings = check_file(_defects(tmp_path))
    assert len({f.rule for f in findings}) >= 25
    for f in findings:
        for text in (f.message, f.fix or ""):
            assert not english_words(text), f"English in a Dutch finding: {f}"


def test_lang_overrides_the_blueprint(tmp_path: Path) -> None:
    p = _defects(tmp_path)
    nl = _run("check", str(p), "--no-color")
    en = _run("check", str(p), "--no-color", "--lang", "en")
    assert "gevonden in 1 bestand." in nl.stdout
    assert "Found " in en.stdout and " in 1 file." in en.stdout
    assert "fase" not in en.stdout.replace("fase_", "")
    assert nl.returncode == en.returncode


def test_each_file_gets_its_own_language(tmp_path: Path) -> None:
    from salesblueprint.api import check_file

    nl = _defects(tmp_path)
    en = tmp_path / "en.yaml"
    en.write_text(
        "salesblueprint: 1\nname: X\npipelines:\n  - id: p\n    stages:\n"
        "      - id: a\n      - {id: won, outcome: won}\n",
        encoding="utf-8",
    )
    out = _run("check", str(nl), str(en), "--no-color", "--format", "json").stdout
    assert "pijplijn 'p'" not in out and "pipeline 'p' has no lost outcome" in out
    assert "fase '" in out
    lost = [f for f in check_file(en, lang="nl") if f.rule == "SB104"]
    assert lost and lost[0].message.startswith("pijplijn 'p'"), lost


def test_summary_in_dutch() -> None:
    from salesblueprint.diagnostics import DECLARED, make_finding
    from salesblueprint.report.text import format_text

    code = next(iter(DECLARED.values()))
    f = make_finding(code, "x", file="a.yaml")
    out = format_text(["a.yaml", "b.yaml"], [f, f], tr=translator("nl")).splitlines()[-1]
    assert "2 bestanden" in out and not english_words(out), out
    clean = format_text(["a.yaml"], [], tr=translator("nl"))
    assert clean == "Alles in orde: 1 bestand gecontroleerd, geen bevindingen.\n"


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_dutch_funnel(fmt: str) -> None:
    out = _run("funnel", str(_dutch_example()), "--format", fmt, "--what-if", "mql=0.5")
    assert out.returncode == 0, out.stderr
    if fmt == "json":
        import json

        names = [s["name"] for s in json.loads(out.stdout)["steps"]]
        assert names[0] == "Gewonnen deals"
        return
    assert "Omgekeerde trechter" in out.stdout and "Wat als" in out.stdout
    assert not english_words(out.stdout.replace("Sales qualified lead", "")), out.stdout
    english = _run("funnel", str(_dutch_example()), "--format", fmt, "--lang", "en").stdout
    assert "Reverse funnel" in english


def test_dutch_funnel_gaps(tmp_path: Path) -> None:
    p = tmp_path / "nl.yaml"
    text = _dutch_example().read_text(encoding="utf-8")
    p.write_text(re.sub(r"\n\s+conversion_rate: 0\.4", "", text), encoding="utf-8")
    out = _run("funnel", str(p))
    assert out.returncode == 1
    assert "Ontbreekt voor de trechterberekening:" in out.stdout
    assert not english_words(out.stdout.replace("Sales qualified lead", "")), out.stdout


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_dutch_diff(tmp_path: Path, fmt: str) -> None:
    old = _dutch_example()
    text = old.read_text(encoding="utf-8")
    text = text.replace("probability: 0.4", "probability: 0.45")
    text = text.replace("name: Product geëvalueerd", "name: Product beoordeeld")
    text = text.replace(
        "reasons: [verkeerd_moment, geen_beslissing]", "reasons: [geen_beslissing, budget]"
    )
    text = re.sub(r"\n\s+- id: ambassadeur\n(\s{8}.*\n)+", "\n", text, count=1)
    new = tmp_path / "new.yaml"
    new.write_text(text, encoding="utf-8")
    out = _run("diff", str(old), str(new), "--format", fmt)
    assert out.returncode == 0, out.stderr + out.stdout
    if fmt == "json":
        import json

        for c in json.loads(out.stdout)["changes"]:
            assert not english_words(c["message"]), c
        return
    assert "hernoemd" in out.stdout and "toegevoegd" in out.stdout
    body = out.stdout.split("\n", 1)[1].replace("Sales qualified lead", "")
    assert not english_words(body), out.stdout
    assert "renamed" in _run("diff", str(old), str(new), "--lang", "en").stdout


def _diagram_texts(view: str, lang: str | None = None, findings: bool = False) -> list[str]:
    from salesblueprint.api import check
    from salesblueprint.diagrams.extract import extract
    from salesblueprint.model.load import load

    bp = load(_dutch_example())
    found = check(bp) if findings else None
    d = extract(bp, view, found, translator(lang) if lang else None)
    texts = [d.title, d.legend_title, *(g.title for g in d.groups)]
    texts += [n.title for n in d.nodes] + [ln.text for n in d.nodes for ln in n.lines]
    texts += [e.label for e in d.edges] + [it.text for it in d.legend]
    return texts


@pytest.mark.parametrize("view", ["lifecycle", "pipeline", "pipeline:nieuwe_klanten", "tools"])
def test_every_dutch_diagram_view_is_dutch(view: str) -> None:
    for findings in (False, True):
        texts = _diagram_texts(view, findings=findings)
        assert "Legenda" in texts
        for text in texts:
            assert not english_words(text), (view, text)
    assert "Legend" in _diagram_texts(view, "en")


def test_dutch_blueprint_view_and_renderers() -> None:
    from salesblueprint.diagrams import render
    from salesblueprint.model.load import load

    for text in _diagram_texts("blueprint", findings=True):
        assert not english_words(text), text
    bp = load(_dutch_example())
    for fmt in ("mermaid", "dot"):
        out = str(render(bp, "blueprint", fmt))
        assert "Legenda" in out and "Legend<" not in out and '"Legend"' not in out
        assert "sales blueprint" in out  # the view's name, in Dutch too


def test_rules_and_rule_in_dutch() -> None:
    listing = _run("rules", "--lang", "nl")
    assert listing.returncode == 0
    line = next(x for x in listing.stdout.splitlines() if x.startswith("SB231"))
    assert "Een exitcriterium dat iets is wat de verkoper doet" in line
    one = _run("rule", "SB231", "--lang", "nl").stdout
    assert "Groep: norms." in one and "## Waarom is dit slecht?" in one
    assert _run("rule", "SB231").stdout.startswith("# SB231")
    assert "Group: norms." in _run("rule", "SB231").stdout


def test_ids_shown_as_words_or_display_names(tmp_path: Path) -> None:
    from salesblueprint.diagrams.extract import extract
    from salesblueprint.model.load import load

    text = _dutch_example().read_text(encoding="utf-8")
    texts = " ".join(_diagram_texts("pipeline"))
    assert "geen budget" in texts and "geen_budget" not in texts
    named = text.replace(
        "\nteams:",
        "\ndisplay_names:\n  reasons: {geen_budget: Geen budget dit jaar}\n"
        "  categories: {crm: Klantsysteem}\n  records: {e_mail: E-mail}\nteams:",
        1,
    )
    p = tmp_path / "named.yaml"
    p.write_text(named, encoding="utf-8")
    bp = load(p)
    lines = [ln.text for n in extract(bp, "pipeline").nodes for ln in n.lines]
    assert any("Geen budget dit jaar" in x for x in lines)
    tools = extract(bp, "tools")
    assert "Klantsysteem" in [g.title for g in tools.groups]
    assert any("E-mail (bronsysteem)" in ln.text for n in tools.nodes for ln in n.lines)


# -- rule docs in every language ---------------------------------------------------------------

# the section markers of the English docs, as each language writes them
_DOC_MARKERS = {
    "nl": {
        "## What it does": "## Wat het doet",
        "## Why is this bad?": "## Waarom is dit slecht?",
        "## Example": "## Voorbeeld",
        "## What to do": "## Wat te doen",
        "Use instead:": "Gebruik in plaats daarvan:",
    }
}
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)


def _markers(text: str, markers: list[str]) -> list[str]:
    return [m for line in text.splitlines() for m in markers if line.startswith(m)]


def _shape(value: object) -> object:
    """Keys and list lengths of a parsed YAML example; strings may differ (they are prose),
    other values (numbers, booleans) may not."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(v) for v in value]
    return "text" if isinstance(value, str) else value


def _example_shape(lang: str, body: str) -> object:
    import yaml

    if lang == "toml":  # tables and keys (tomllib is Python 3.11+)
        return re.findall(r"^\s*(\[[^\]]*\]|[\w.-]+)\s*=?", body, re.M)
    try:
        return _shape(yaml.safe_load(body))
    except yaml.YAMLError:  # an example of a broken file: the same broken text
        return re.sub(r"\s+#.*", "", body)


def _docs() -> list[tuple[str, str, str]]:
    from salesblueprint.rules.registry import load_all

    return [(r.code, r.doc, lang) for r in load_all().values() for lang in OTHER]


@pytest.mark.parametrize(("code", "doc", "lang"), _docs(), ids=lambda x: str(x)[:6])
def test_every_rule_has_docs_in_every_language(code: str, doc: str, lang: str) -> None:
    """One source per language: ``i18n/docs/<lang>/<CODE>.md`` has the English docs'
    sections in the same order, and examples with the same keys."""
    from salesblueprint.i18n import rule_doc_file

    path = rule_doc_file(code, lang)
    assert path.is_file(), f"{code} has no {lang} docs: write {path.relative_to(ROOT)}"
    text = path.read_text(encoding="utf-8")
    english = doc.partition("\n")[2]
    table = _DOC_MARKERS[lang]
    assert [table[m] for m in _markers(english, list(table))] == _markers(
        text, list(table.values())
    ), f"{code}: the {lang} docs' sections differ from the English ones"
    en_examples = _FENCE.findall(english)
    examples = _FENCE.findall(text)
    assert len(examples) == len(en_examples), f"{code}: not as many examples as in English"
    for i, ((en_lang, en_body), (ex_lang, body)) in enumerate(
        zip(en_examples, examples, strict=True)
    ):
        assert ex_lang == en_lang, f"{code}: example {i + 1} is {ex_lang}, not {en_lang}"
        assert _example_shape(ex_lang, body) == _example_shape(en_lang, en_body), (
            f"{code}: example {i + 1} has other keys than the English one"
        )


@pytest.mark.parametrize("lang", OTHER)
def test_no_docs_for_rules_that_do_not_exist(lang: str) -> None:
    from salesblueprint.i18n import DOCS_DIR
    from salesblueprint.rules.registry import load_all

    stale = {p.stem for p in (DOCS_DIR / lang).glob("*.md")} - set(load_all())
    assert not stale, f"docs for unknown rules: {sorted(stale)}"


def test_the_shape_check_catches_a_changed_key() -> None:
    assert _example_shape("yaml", "a: {b: x}") == _example_shape("yaml", "a: {b: y}")
    assert _example_shape("yaml", "a: {b: x}") != _example_shape("yaml", "a: {c: x}")
    assert _example_shape("yaml", "a: [x]") != _example_shape("yaml", "a: [x, y]")
    assert _example_shape("yaml", "p: 0.2") != _example_shape("yaml", "p: 0.3")


def test_rule_in_dutch_is_dutch_throughout() -> None:
    out = _run("rule", "SB409", "--lang", "nl").stdout
    assert "## Wat het doet" in out and "## Opties" in out and "What it does" not in out
    assert "in het Engels" not in out and "Stel ze in onder" in out
    assert "| `contact-records` | lijst met teksten |" in out


@pytest.mark.parametrize("lang", OTHER)
def test_rule_docs_have_no_english_words(lang: str) -> None:
    """The prose of the translated docs; examples, ``code`` and *italics* (the vocabulary
    a rule reads, quoted in both languages) aside."""
    from salesblueprint.i18n import DOCS_DIR

    for path in sorted((DOCS_DIR / lang).glob("*.md")):
        text = _FENCE.sub("", path.read_text(encoding="utf-8")).replace("``", "`")
        text = re.sub(r"\*[^*]*\*", " ", text)
        assert not english_words(text), f"{path.name}: {english_words(text)}"


# -- the reader speaks the file's language before the file is parsed -------------------------


def test_sniff_language_reads_only_a_top_level_line() -> None:
    from salesblueprint.loading.yaml_reader import sniff_language

    assert sniff_language(b"salesblueprint: 1\nlanguage: nl\n") == "nl"
    assert sniff_language(b"language: 'nl'   # Nederlands\r\nname: x\n") == "nl"
    assert sniff_language(b"teams:\n  language: nl\n") is None  # not top-level
    assert sniff_language(b"language: xx\n") is None  # no catalog
    assert sniff_language(b"name: x\n") is None
    assert sniff_language(b"\xff\xfelanguage: nl\n") is None  # not at a line start


def test_reader_findings_in_the_files_language(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "salesblueprint: 1\nlanguage: nl\nname: x\nteams:\n  - id: a\n    id: b\n", "utf-8"
    )
    nl = _run("check", str(bad))
    assert "sleutel 'id' staat er twee keer" in nl.stdout and "gevonden in 1 bestand" in nl.stdout
    en = _run("check", str(bad), "--lang", "en")
    assert "duplicate key 'id' (first at line 5)" in en.stdout
    plain = tmp_path / "plain.yaml"
    plain.write_text("- a\n", "utf-8")
    assert "het hoogste niveau is een lijst" in _run("check", str(plain), "--lang", "nl").stdout
    assert "the top level is a list" in _run("check", str(plain)).stdout


def test_capped_findings_in_dutch(tmp_path: Path) -> None:
    many = tmp_path / "many.yaml"
    keys = "".join(f"  k{i}: 1\n  k{i}: 2\n" for i in range(60))
    many.write_text(f"salesblueprint: 1\nlanguage: nl\nname: x\nlint:\n{keys}", "utf-8")
    out = _run("check", str(many)).stdout
    assert "… en nog 10 bevindingen duplicate-key in dit bestand" in out


# -- the audit report follows the blueprint's language ------------------------------------------

_HISTORY = """deal_id,stage,entered_at,reason
d1,behoefte_bevestigd,2025-01-01,
d1,product_geevalueerd,2025-01-10,
d1,gewonnen,2025-02-01,
d2,behoefte_bevestigd,2025-01-03,
d2,offerte_beoordeeld,2025-01-15,
d2,verloren,2025-02-01,prijs
d3,product_geevalueerd,2025-01-05,
d3,behoefte_bevestigd,2025-01-07,
d3,onbekend,2025-01-08,
d4,,2025-01-08,
d5,behoefte_bevestigd,geen datum,
"""
# the contract's ids, which stay as they are in every language (JSON keys, --fail-on kinds)
_AUDIT_IDS = re.compile(r"\b(?:skip|backward|after_outcome|unknown_stage|late_entry)\b")


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_dutch_audit(tmp_path: Path, fmt: str) -> None:
    pytest.importorskip("duckdb")
    import json

    history = tmp_path / "h.csv"
    history.write_text(_HISTORY, encoding="utf-8")
    out = _run("audit", str(_dutch_example()), str(history), "--format", fmt)
    assert out.returncode == 0, out.stderr
    if fmt == "json":
        data = json.loads(out.stdout)
        assert set(data["conformance"]["violations"]) >= {"skip", "late_entry"}
        for note in data["notes"]:
            assert not english_words(note), note
        return
    text = _AUDIT_IDS.sub(" ", out.stdout)
    if fmt == "html":
        assert '<html lang="nl">' in text and "Afwijkingen" in text
        text = re.sub(r"<[^>]*>", " ", text)
    assert not english_words(text), sorted(english_words(text))
    english = _run("audit", str(_dutch_example()), str(history), "--format", fmt, "--lang", "en")
    assert "against the history" in english.stdout or "Conformance:" in english.stdout


def test_dutch_audit_numbers_and_usage_errors(tmp_path: Path) -> None:
    pytest.importorskip("duckdb")
    history = tmp_path / "h.csv"
    history.write_text(_HISTORY, encoding="utf-8")
    text = _run("audit", str(_dutch_example()), str(history)).stdout
    assert re.search(r"  \d+,\d  ", text) and "Naleving:" in text, text  # days with a comma
    bad = _run("audit", str(_dutch_example()), str(history), "--pipeline", "nope")
    assert bad.returncode == 2 and "bestaat niet" in bad.stderr
    bad = _run("audit", str(_dutch_example()), str(history), "--fail-on", "skp", "--lang", "nl")
    assert bad.returncode == 2 and "onbekende soort" in bad.stderr
    assert "unknown kind" in _run("audit", "x", "y", "--fail-on", "skp").stderr


def test_numbers_in_the_language() -> None:
    from salesblueprint.i18n.numbers import localize, number

    nl, en = translator("nl"), translator("en")
    assert number(240000, "nl") == "240.000" and number(240000, "en") == "240,000"
    assert nl.number(2.5, ".1f") == "2,5" and en.number(2.5, ".1f") == "2.5"
    assert localize("+1,200.5%", "nl") == "+1.200,5%"
    msg = _("To win {deals:,} deals", deals=3000)
    assert nl(msg).endswith("3.000 deals") or "3.000" in nl(msg)
    assert en(msg) == "To win 3,000 deals"
    # a number quoted from the blueprint (:g) stays as the file has it
    q = _(
        "the average deal size ({deal_size:g}) is above the revenue target for a {period} "
        "({revenue:g}); check the period and the amounts",
        deal_size=0.5,
        period="x",
        revenue=1,
    )
    assert "0.5" in nl(q)


def test_config_errors_follow_lang(tmp_path: Path) -> None:
    cfg = tmp_path / "cfg.yaml"
    cfg.write_text("preset: x\n", encoding="utf-8")
    p = str(_dutch_example())
    nl = _run("check", p, "--config", str(cfg), "--lang", "nl")
    assert nl.returncode == 2 and "preset moet een van deze zijn" in nl.stderr
    en = _run("check", p, "--config", str(cfg))  # no --lang: the config speaks English
    assert "preset must be one of" in en.stderr
    cfg.write_text("options:\n  dead-end-stage: {foo: 1}\n", encoding="utf-8")
    out = _run("check", p, "--config", str(cfg), "--lang", "nl").stdout
    message = out.split("invalid-option:", 1)[1].splitlines()[0].replace("dead-end-stage", "")
    assert "heeft geen opties" in message and not english_words(message), out
