"""Diagrams: goldens for DOT and Mermaid, SVG/PNG/PDF through Graphviz, hostile names, CLI."""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

import salesblueprint as sb
from salesblueprint.api import render
from salesblueprint.cli import cli
from salesblueprint.diagnostics.findings import Finding
from salesblueprint.diagrams import VIEWS, RenderError, ViewError
from salesblueprint.diagrams.extract import SHORT, _shorten, extract, extract_pages
from salesblueprint.diagrams.ir import clean, wrap
from salesblueprint.diagrams.layout import find_program
from salesblueprint.diagrams.renderers import formats
from salesblueprint.diagrams.renderers.dot import ALLOWED_ATTRIBUTES
from salesblueprint.model.blueprint import Blueprint
from salesblueprint.model.load import load_file, validate_data

from .large import large_blueprint, large_blueprint_data
from .svg_geometry import measure

HERE = Path(__file__).parent
DATA = HERE / "data"
GOLDEN = HERE / "golden"
EXAMPLES = HERE.parent.parent / "examples"
TEMPLATES = HERE.parent.parent / "src" / "salesblueprint" / "templates"
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.blueprint.yaml"))
FIXTURES = sorted(DATA.glob("*.blueprint.yaml"))
UPDATE = os.environ.get("SB_UPDATE_GOLDEN") == "1"
SVG_NS = "{http://www.w3.org/2000/svg}"


def _load(path: Path) -> Blueprint:
    result = load_file(path)
    assert result.blueprint is not None, [str(f) for f in result.findings]
    return result.blueprint


def _stem(path: Path) -> str:
    return path.name.split(".")[0]


# -- goldens ------------------------------------------------------------------------------


GOLDEN_CASES = [
    (f, view, fmt, fnd)
    for f in FIXTURES
    for view in VIEWS
    for fmt in ("dot", "mermaid")
    for fnd in (False, True)
    if not fnd or view in ("lifecycle", "pipeline")
]


@pytest.mark.parametrize(
    ("path", "view", "fmt", "findings"),
    GOLDEN_CASES,
    ids=[f"{_stem(f)}-{v}-{m}{'-findings' if x else ''}" for f, v, m, x in GOLDEN_CASES],
)
def test_golden(path: Path, view: str, fmt: str, findings: bool) -> None:
    """DOT and Mermaid sources are byte-identical to the goldens (SB_UPDATE_GOLDEN=1 rewrites)."""
    # fixed findings, so the goldens do not change when rules are added
    fixed = [
        Finding("SB900", "x-error", "error", "e", node=("lifecycle", "stages", 1)),
        Finding("SB901", "x-warning", "warning", "w", node=("lifecycle", "stages", 0, "x")),
        Finding("SB902", "x-info", "info", "i", node=("pipelines", 0, "stages", 0)),
        Finding("SB903", "x-warning", "warning", "w", node=("pipelines", 0, "stages", 1)),
    ]
    out = render(_load(path), view=view, format=fmt, findings=fixed if findings else False)
    assert isinstance(out, str)
    ext = {"dot": "dot", "mermaid": "mmd"}[fmt]
    golden = GOLDEN / f"{_stem(path)}.{view}{'.findings' if findings else ''}.{ext}"
    if UPDATE:
        golden.write_text(out, encoding="utf-8", newline="\n")
    assert golden.exists(), f"missing golden {golden.name}; run with SB_UPDATE_GOLDEN=1"
    assert out == golden.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=_stem)
def test_text_formats_are_deterministic(path: Path) -> None:
    for view in VIEWS:
        for fmt in ("dot", "mermaid"):
            a = render(_load(path), view=view, format=fmt, findings=True)
            b = render(_load(path), view=view, format=fmt, findings=True)
            assert a == b


def test_registry_lists_every_format() -> None:
    assert set(formats()) >= {"dot", "mermaid", "svg", "png", "pdf"}
    bp = _load(FIXTURES[0])
    with pytest.raises(RenderError, match="unknown format"):
        render(bp, format="gif")
    with pytest.raises(ViewError, match="unknown view"):
        render(bp, view="funnel", format="dot")
    with pytest.raises(ViewError, match="no pipeline 'nope'"):
        render(bp, view="pipeline:nope", format="dot")


def test_public_api_render_even_after_importing_the_package() -> None:
    import salesblueprint.diagrams  # noqa: F401  (a package of its own: sb.render stays the function)

    out = sb.render(_load(FIXTURES[0]), view="lifecycle", format="mermaid")
    assert isinstance(out, str) and out.startswith("---\ntitle:")


def test_pipeline_view_selects_one_pipeline() -> None:
    bp = _load(FIXTURES[0])
    d = extract(bp, "pipeline:new_business")
    titles = {n.title for n in d.nodes}
    assert {"Needs confirmed", "Closed won", "Closed lost", "Implementation started"} <= titles
    assert {e.kind for e in d.edges} >= {"forward", "lost"}
    assert any(it.kind == "lost" for it in d.legend)


def test_lifecycle_view_has_lanes_handoff_and_recycle() -> None:
    d = extract(_load(FIXTURES[0]), "lifecycle")
    assert [g.title for g in d.groups] == ["Marketing lane", "Sales lane", "Customer success lane"]
    handoff = [e for e in d.edges if e.kind == "handoff"]
    assert len(handoff) == 1 and "24h" in handoff[0].label
    assert any(e.kind == "recycle" for e in d.edges)
    assert any(n.kind == "terminal" for n in d.nodes)
    assert d.title and d.legend


@pytest.mark.parametrize(
    ("example", "lang", "one", "wrong"),
    [
        ("hubspot-default", "en", "1 attempt", "1 attempts"),
        ("nl-inbound", "nl", "1 poging", "1 pogingen"),
    ],
)
def test_handoff_attempts_singular(example: str, lang: str, one: str, wrong: str) -> None:
    """An SLA of one attempt says '1 attempt' ('1 poging'), on the lifecycle view's handoff
    edge and in the blueprint view's handoff box."""
    text = (EXAMPLES / f"{example}.blueprint.yaml").read_text(encoding="utf-8")
    assert "    attempts: 3\n" in text
    data = yaml.safe_load(text.replace("    attempts: 3\n", "    attempts: 1\n"))
    bp = validate_data(data).blueprint
    assert bp is not None
    edge = [e.label for e in extract(bp, "lifecycle").edges if e.kind == "handoff"]
    assert len(edge) == 1 and edge[0].endswith(f", {one}"), edge
    boxes = [n for n in extract(bp, "blueprint").nodes if n.kind == "handoff"]
    assert [ln.text for n in boxes for ln in n.lines if ln.text == one] == [one]
    out = render(bp, view="lifecycle", format="mermaid", lang=lang)
    assert isinstance(out, str) and one in out and wrong not in out


def test_findings_overlay_colours_stages() -> None:
    bp = _load(EXAMPLES / "hubspot-default.blueprint.yaml")
    d = extract(bp, "pipeline", sb.check(bp))
    assert any(n.status == "warning" for n in d.nodes)
    assert any(it.kind == "warning" for it in d.legend)
    plain = extract(bp, "pipeline")
    assert all(n.status == "" for n in plain.nodes)


# -- Graphviz: svg, png, pdf -------------------------------------------------------------


def _svg_texts(svg: str) -> str:
    root = ET.fromstring(svg.encode("utf-8"))
    return "\n".join("".join(t.itertext()) for t in root.iter(f"{SVG_NS}text"))


@pytest.mark.usefixtures("need_graphviz")
@pytest.mark.parametrize("path", [*FIXTURES, *EXAMPLE_FILES], ids=_stem)
def test_svg_shows_every_stage(path: Path) -> None:
    bp = _load(path)
    for view in VIEWS:
        svg = render(bp, view=view, format="svg")
        assert isinstance(svg, str)
        texts = _svg_texts(svg)
        d = extract(bp, view)
        for n in d.nodes:
            for line in wrap(n.title, 30):
                assert line in texts, (view, line)
        assert "Legend" in texts


@pytest.mark.usefixtures("need_graphviz")
@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=_stem)
def test_png_of_every_view(path: Path, tmp_path: Path) -> None:
    """Every view as a PNG, written where a person can look at them: ``SB_RENDER_OUT=DIR``
    keeps them (``SB_RENDER_OUT=out pytest tests/render -k png``), else a temporary folder."""
    out = Path(os.environ.get("SB_RENDER_OUT") or tmp_path)
    out.mkdir(parents=True, exist_ok=True)
    bp = _load(path)
    for view in VIEWS:
        for findings in (False, True):
            png = render(bp, view=view, format="png", findings=findings)
            assert isinstance(png, bytes) and png.startswith(b"\x89PNG\r\n\x1a\n")
            name = f"{_stem(path)}.{view}{'.findings' if findings else ''}.png"
            (out / name).write_bytes(png)


# -- the blueprint view on a slide: measured from the SVG geometry ---------------------------

BLUEPRINTS = [*EXAMPLE_FILES, *sorted(TEMPLATES.glob("*.blueprint.yaml"))]


def _texts(svg: str) -> str:
    return " ".join(t.text for t in measure(svg).texts)


@pytest.mark.usefixtures("need_graphviz")
@pytest.mark.parametrize("path", BLUEPRINTS, ids=lambda p: p.name.split(".")[0])
@pytest.mark.parametrize("findings", [False, True], ids=["plain", "findings"])
def test_blueprint_fits_a_slide(path: Path, findings: bool) -> None:
    """16:9 slide: width/height at most 2, no text under 9 px when the picture fills a
    1920×1080 slide, no text on another text or on an edge — on every page. With the default
    layout program (graphviz-pure) the examples are one page; an older Graphviz (Debian's
    2.43) lays the same cards out wider, and then the view is split into pages that fit."""
    bp = _load(path)
    svgs = sb.render_pages(bp, view="blueprint", format="svg", findings=findings)
    if find_program("svg").kind == "graphviz-pure":
        assert len(svgs) == 1
    for svg in svgs:
        assert isinstance(svg, str)
        _fits_slide(svg)


def _words(text: str) -> list[str]:
    """The words of a text as the cards wrap them (long texts may end in an ellipsis)."""
    return clean(text).split()


def _shown(words: list[str], texts: str) -> bool:
    """Whether the words appear in order in the picture's texts (lines joined by spaces)."""
    return " ".join(words) in texts


@pytest.mark.usefixtures("need_graphviz")
@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=_stem)
def test_blueprint_shows_who_does_what(path: Path) -> None:
    """Each stage's actions, rep action and exit criteria (shortened; whole in the tooltip), the
    handoff with its time, every way back with its reason, and every tool with its records."""
    bp = _load(path)
    svg = render(bp, view="blueprint", format="svg", lang="en")  # the English chrome
    assert isinstance(svg, str)
    texts = _texts(svg)
    tooltips = " ".join(
        v
        for el in ET.fromstring(svg.encode()).iter()
        for k, v in el.attrib.items()
        if k.endswith("title")
    )
    assert bp.lifecycle is not None
    for s in bp.lifecycle.stages:
        for a in s.actions:
            assert _shown(_words("• " + a), texts), a
    stages = [*bp.lifecycle.stages, *(d for p in bp.pipelines for d in [*p.stages, *p.after_close])]
    for st in stages:
        rep = getattr(st, "rep_action", None)
        if rep:
            assert _shown(_words("Rep: " + rep), texts), rep
        for c in st.exit_criteria:
            short = _shorten("Exit: " + c.outcome, SHORT).rstrip("…").split()
            assert _shown(short, texts), c.outcome
            assert " ".join(_words(c.outcome)) in " ".join(tooltips.split()), c.outcome
            if c.recorded_in:
                tool = bp.tool(c.recorded_in.partition(".")[0])
                assert tool is not None and _shown(_words(tool.label), texts)
    assert bp.sla is not None and bp.sla.handoff is not None
    assert _shown(_words(f"follow up within {bp.sla.handoff.follow_up_within}"), texts)
    backs = [r.when for r in bp.sla.recycle]
    backs += [t.when for t in bp.lifecycle.transitions if t.kind == "recycle"]
    backs += [t.when for p in bp.pipelines for t in p.transitions if t.kind == "recycle"]
    for when in filter(None, backs):
        assert _shown(_words(when), texts), when
    for t in bp.tools:
        assert _shown(_words(t.label), texts), t.label
        for r in t.records:
            assert r in texts, r
    d = extract(bp, "blueprint")
    assert not any(e.label for e in d.edges), "no edge labels in the blueprint view"


@pytest.mark.usefixtures("need_graphviz")
def test_blueprint_findings_in_words_codes_in_tooltip() -> None:
    bp = _load(EXAMPLES / "hubspot-default.blueprint.yaml")
    found = sb.check(bp)
    svg = render(bp, view="blueprint", format="svg", findings=found)
    assert isinstance(svg, str)
    texts = _texts(svg)
    assert "Buyer-centric:" in texts
    assert not re.search(r"\bSB\d{3}\b", texts), "codes only in the tooltip"
    assert re.search(r'xlink:title="[^"]*SB231', svg)


def test_chrome_strings_live_in_one_module() -> None:
    """The legend, lane and line texts come from diagrams/chrome.py (for translation)."""
    from salesblueprint.diagrams import chrome

    d = extract(_load(EXAMPLES / "hubspot-default.blueprint.yaml"), "blueprint")
    legend = {it.text for it in d.legend}
    texts = [chrome.NODE_LEGEND, chrome.NODE_LEGEND_BLUEPRINT, chrome.EDGE_LEGEND]
    assert legend <= {t for m in texts for t in m.values()}
    src = (Path(chrome.__file__).parent / "extract.py").read_text(encoding="utf-8")
    for literal in ('"converts', '"evidence in', '"Legend"', '" lane"', "to win"):
        assert literal not in src, literal


@pytest.mark.usefixtures("need_pdf")
def test_pdf() -> None:
    pdf = render(_load(FIXTURES[0]), view="blueprint", format="pdf")
    assert isinstance(pdf, bytes) and pdf.startswith(b"%PDF")


# -- hostile text -------------------------------------------------------------------------

HOSTILE = [
    "a:b:c",
    "<b>x</b>",
    "<<table><tr><td>x</td></tr></table>>",
    'say "hi"',
    "ends with backslash\\",
    "line\nbreak",
    "ctl" + "".join(chr(c) for c in range(0x20)),
    "close ] bracket [",
    "A --> B",
    "pipe | pipe",
    "`tick` #quot; &amp; %% comment",
    'URL="file:///etc/passwd" image="/etc/passwd"',
    "x" * 5000,
]


def _hostile_blueprint(name: str) -> Blueprint:
    data = {
        "salesblueprint": 1,
        "name": name,
        "teams": [{"id": "marketing", "name": name}, {"id": "sales"}],
        "lifecycle": {
            "stages": [
                {"id": "lead", "name": name, "owner": "marketing", "actions": [name]},
                {"id": "sql", "name": name + "\\", "owner": "sales", "pipeline": "p"},
            ]
        },
        "pipelines": [
            {
                "id": "p",
                "name": name,
                "stages": [
                    {
                        "id": "s1",
                        "name": name,
                        "rep_action": name,
                        "exit_criteria": [
                            {"outcome": name, "evidence": name, "recorded_in": "crm.deal"}
                        ],
                    },
                    {"id": "won", "name": name, "outcome": "won"},
                    {"id": "lost", "name": name, "outcome": "lost", "reasons": [name]},
                ],
                "transitions": [{"from": "won", "to": "s1", "kind": "recycle", "when": name}],
            }
        ],
        "sla": {
            "handoff": {"from": "lead", "to": "sql", "follow_up_within": "24h"},
            "recycle": [{"from": "sql", "to": "lead", "when": name}],
        },
        "tools": [
            {"id": "crm", "name": name, "category": name, "records": ["deal"]},
            {"id": "ma", "name": name, "records": ["deal"], "system_of_record": ["deal"]},
        ],
        "flows": [{"from": "ma", "to": "crm", "data": ["deal"], "trigger": "sql"}],
    }
    result = validate_data(data)
    assert result.blueprint is not None, [str(f) for f in result.findings]
    return result.blueprint


_ATTR = re.compile(r"\b([A-Za-z_]+)=")


def _strip_html_labels(dot: str) -> str:
    """The DOT source with every ``label=<...>`` (balanced angle brackets) cut out."""
    out, i = [], 0
    while (j := dot.find("label=<", i)) != -1:
        out.append(dot[i : j + 6])
        depth, k = 0, j + 6
        while True:
            depth += {"<": 1, ">": -1}.get(dot[k], 0)
            k += 1
            if depth == 0:
                break
        i = k
    out.append(dot[i:])
    return "".join(out)


@pytest.mark.parametrize("name", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_dot(name: str) -> None:
    bp = _hostile_blueprint(name)
    for view in VIEWS:
        dot = render(bp, view=view, format="dot")
        assert isinstance(dot, str)
        # node statements only use generated ids, edges only generated ids
        for m in re.finditer(r"^\t+(\S+) (?:-> (\S+) )?\[", dot, re.M):
            for ident in filter(None, m.groups()):
                assert re.fullmatch(r"n\d+|legend|graph|node|edge", ident), ident
        # outside labels, only the fixed attribute list
        # tooltips are quoted data: no quote or backslash inside but DOT's line break \n
        stripped = re.sub(r'tooltip="(?:[^"\\]|\\n)*"', "tooltip=", _strip_html_labels(dot))
        for attr in _ATTR.findall(stripped):
            assert attr in ALLOWED_ATTRIBUTES, attr
        assert "URL=" not in stripped and "image=" not in stripped
        assert not any(ord(c) < 0x20 and c not in "\t\n" for c in dot)


@pytest.mark.usefixtures("need_graphviz")
@pytest.mark.parametrize("name", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_svg_is_valid_xml(name: str) -> None:
    bp = _hostile_blueprint(name)
    for view in VIEWS:
        svg = render(bp, view=view, format="svg")
        assert isinstance(svg, str)
        root = ET.fromstring(svg.encode("utf-8"))  # raises on invalid XML
        hrefs = [k for el in root.iter() for k in el.attrib if k.endswith("href")]
        assert hrefs == []
        if name.startswith("<b>"):
            assert "<b>x</b>" in _svg_texts(svg)  # shown as text, not markup


_MERMAID_LABEL = re.compile(r'\["(.*?)"\]|\[\["(.*?)"\]\]|\(\["(.*?)"\]\)|\|"(.*?)"\|')


@pytest.mark.parametrize("name", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_mermaid(name: str) -> None:
    bp = _hostile_blueprint(name)
    for view in VIEWS:
        src = render(bp, view=view, format="mermaid")
        assert isinstance(src, str)
        body = src.split("---\n", 2)[2]
        for line in body.splitlines():
            # everything between our own tags is letters, digits, spaces, safe marks, entities
            inner = re.sub(r"</?(b|small)>|<br/>", "", line)
            for label in re.findall(r'"([^"]*)"', inner):
                assert re.fullmatch(r"[\w .,\-/'?!:@%+=#;]*", label), label
            assert line.count('"') % 2 == 0, line
        title = src.split("\n")[1]
        assert title.startswith('title: "') and title.endswith('"')


# -- the command line ---------------------------------------------------------------------


def test_cli_render_text_to_stdout() -> None:
    r = CliRunner().invoke(
        cli, ["render", str(FIXTURES[0]), "--view", "lifecycle", "--format", "mermaid"]
    )
    assert r.exit_code == 0, r.output
    assert "flowchart LR" in r.output


@pytest.mark.usefixtures("need_graphviz")
def test_cli_render_png_to_file(tmp_path: Path) -> None:
    out = tmp_path / "bp.png"
    args = ["render", str(FIXTURES[0]), "--format", "png", "--pages", "one", "-o", str(out)]
    r = CliRunner().invoke(cli, args)
    assert r.exit_code == 0, r.output
    assert out.read_bytes().startswith(b"\x89PNG")


def test_cli_bad_file_prints_findings(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("salesblueprint: 1\nname: x\nlifecycle: {stages: [{id: A}]}\n")
    r = CliRunner().invoke(cli, ["render", str(bad), "--format", "dot"])
    assert r.exit_code == 1
    assert "Traceback" not in r.output and "error" in r.output


def test_cli_unknown_view_is_a_usage_error() -> None:
    r = CliRunner().invoke(cli, ["render", str(FIXTURES[0]), "--view", "nope"])
    assert r.exit_code == 2
    assert "unknown view" in r.output


def test_cli_without_graphviz_writes_nothing_and_says_how_to_get_the_dot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from salesblueprint.diagrams import layout

    monkeypatch.setattr(layout, "programs", lambda: [])
    out = tmp_path / "bp.svg"
    r = CliRunner().invoke(cli, ["render", str(FIXTURES[0]), "-o", str(out)])
    assert r.exit_code == 1
    assert "no Graphviz found" in r.output
    assert f"--view blueprint --format dot -o {tmp_path / 'bp.dot'}" in r.output
    assert list(tmp_path.iterdir()) == []  # no file the user did not ask for


def test_env_variable_naming_no_program(monkeypatch: pytest.MonkeyPatch) -> None:
    from salesblueprint.diagrams.layout import ENV_VAR, NoGraphvizError

    monkeypatch.setenv(ENV_VAR, "/nonexistent/dot")
    with pytest.raises(NoGraphvizError, match=ENV_VAR):
        render(_load(FIXTURES[0]), format="svg")


# -- large blueprints: one page per pipeline ---------------------------------------------------


def _fits_slide(svg: str) -> None:
    geo = measure(svg)
    assert geo.ratio <= 2.0, geo.ratio
    assert geo.min_font_px >= 9.0, geo.min_font_px
    assert geo.text_overlaps() == []
    assert geo.edge_overlaps() == []


@pytest.mark.usefixtures("need_graphviz")
def test_large_blueprint_is_one_page_per_pipeline() -> None:
    """3 pipelines × 12 stages and 15 lifecycle stages do not fit one slide: page 1 has the
    tools and the lifecycle, pages 2-4 one pipeline each; every page fits a 16:9 slide."""
    bp = large_blueprint(pipelines=3, stages=12, lifecycle=15)
    svgs = sb.render_pages(bp, view="blueprint", format="svg")
    assert len(svgs) == 4
    for i, svg in enumerate(svgs, 1):
        assert isinstance(svg, str)
        _fits_slide(svg)
        assert f"page {i} of 4" in _texts(svg)
    first = _texts(svgs[0])
    assert "Marketing stage 1" in first and "Deal step" not in first
    assert "(page 2)" in first and "(page 3)" in first  # where the deals are worked
    for i, svg in enumerate(svgs[1:], 1):
        texts = _texts(svg)
        assert f"Pipeline {i}" in texts and "Deal step 12" in texts and "Closed lost" in texts
        assert "Marketing stage" not in texts
    # every stage on exactly one page
    d = extract_pages(bp, "blueprint")
    keys = [n.key for page in d for n in page.nodes if n.kind != "tool"]
    assert len(keys) == len(set(keys))
    assert len(keys) == 15 + 1 + 3 * (12 + 2 + 2)  # stages, the handoff box, deal stages


@pytest.mark.parametrize("path", BLUEPRINTS, ids=lambda p: p.name.split(".")[0])
def test_examples_stay_one_page(path: Path) -> None:
    bp = _load(path)
    assert len(extract_pages(bp, "blueprint")) == 1
    pages = extract_pages(bp, "blueprint", pages="pipeline")
    assert len(pages) == 1 + len(bp.pipelines)
    assert len(extract_pages(bp, "lifecycle", pages="pipeline")) == 1


@pytest.mark.usefixtures("need_graphviz")
@pytest.mark.parametrize("path", BLUEPRINTS, ids=lambda p: p.name.split(".")[0])
def test_every_pipeline_page_fits_a_slide(path: Path) -> None:
    """``pages="pipeline"`` also for small pipelines: a page of four cards is laid out in
    more rows (legend on top, long title wrapped), not as a strip wider than 2:1."""
    svgs = sb.render_pages(_load(path), view="blueprint", format="svg", pages="pipeline")
    for svg in svgs:
        assert isinstance(svg, str)
        _fits_slide(svg)


def test_retry_order_tries_narrower_rows_first() -> None:
    from salesblueprint.diagrams.extract import _retry_order

    assert _retry_order([6, 9, 5, 7, 3]) == [6, 5, 3, 7, 9]
    assert _retry_order([]) == []


def test_pages_unknown_mode() -> None:
    with pytest.raises(ViewError, match="unknown pages"):
        extract_pages(_load(FIXTURES[0]), "blueprint", pages="many")


@pytest.mark.usefixtures("need_graphviz")
def test_cli_pages_to_numbered_files(tmp_path: Path) -> None:
    src = tmp_path / "large.blueprint.yaml"
    src.write_text(yaml.safe_dump(large_blueprint_data()), encoding="utf-8")
    out = tmp_path / "bp.svg"
    r = CliRunner().invoke(cli, ["render", str(src), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert [p.name for p in sorted(tmp_path.glob("bp*.svg"))] == [
        f"bp-{i}.svg" for i in (1, 2, 3, 4)
    ]
    assert not out.exists()
    r = CliRunner().invoke(cli, ["render", str(src)])
    assert r.exit_code == 2 and "4 pages" in r.output
    r = CliRunner().invoke(cli, ["render", str(src), "--pages", "one", "-o", str(out)])
    assert r.exit_code == 0 and out.exists()
    r = CliRunner().invoke(
        cli,
        [
            "render",
            str(FIXTURES[0]),
            "--pages",
            "pipeline",
            "--format",
            "dot",
            "-o",
            str(tmp_path / "c.dot"),
        ],
    )
    assert r.exit_code == 0, r.output
    assert (tmp_path / "c-1.dot").read_text(encoding="utf-8").startswith("digraph")


# -- the other views, measured -----------------------------------------------------------------


@pytest.mark.usefixtures("need_graphviz")
@pytest.mark.parametrize("path", BLUEPRINTS, ids=lambda p: p.name.split(".")[0])
@pytest.mark.parametrize("view", ["lifecycle", "pipeline", "tools"])
def test_other_views_readable(path: Path, view: str) -> None:
    """Lifecycle, pipeline and tools are strips read on a screen, not slides: no text on
    another text or on an edge, and no text under 9 px when the picture is 1920 px wide."""
    for findings in (False, True):
        svg = render(_load(path), view=view, format="svg", findings=findings)
        assert isinstance(svg, str)
        geo = measure(svg)
        assert min(t.size for t in geo.texts) * 1920 / max(geo.width, 1920) >= 9.0
        assert geo.text_overlaps() == []
        assert geo.edge_overlaps() == [], geo.edge_overlaps()
