"""The Python API of the contract: ``import salesblueprint as sb``.

``sb.load`` / ``sb.check`` / ``sb.check_file``, the public types, and ``bp.graph``: a networkx
DiGraph whose typed nodes and edges follow the contract's default-flow semantics, checked on
the contract's own example (``tests/data/contract_example.yaml``, a copy of the first YAML block
of the format spec).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest

import salesblueprint as sb

CONTRACT = Path(__file__).parent / "data" / "contract_example.yaml"


def test_public_names() -> None:
    for name in ("load", "check", "check_file", "Blueprint", "Finding", "BlueprintError"):
        assert name in sb.__all__
        assert getattr(sb, name) is not None
    for name in sb.__all__:
        assert getattr(sb, name) is not None, name
    assert sorted(sb.__all__) == sorted(set(sb.__all__))
    assert issubclass(sb.BlueprintError, Exception)
    with pytest.raises(AttributeError):
        _ = sb.no_such_name  # type: ignore[attr-defined]


def test_load_check_and_check_file_agree() -> None:
    bp = sb.load(CONTRACT)
    assert isinstance(bp, sb.Blueprint)
    assert bp.name == "Acme B2B inbound"
    assert bp.file == str(CONTRACT)
    findings = sb.check(bp)
    assert isinstance(findings, list)
    assert all(isinstance(f, sb.Finding) for f in findings)
    assert findings == sb.check_file(CONTRACT)
    assert findings == sorted(findings, key=sb.Finding.sort_key)
    for f in findings:
        assert f.file == str(CONTRACT)
        assert f.line is not None and f.line >= 1
        assert f.column is not None and f.column >= 1


def test_load_accepts_str_and_path() -> None:
    assert sb.load(str(CONTRACT)).model_dump() == sb.load(CONTRACT).model_dump()


def test_load_raises_blueprint_error(tmp_path: Path) -> None:
    p = tmp_path / "bad.yaml"
    p.write_text("salesblueprint: 1\nname: Bad\nteams: [{id: Sales}]\nnmae: x\n", encoding="utf-8")
    with pytest.raises(sb.BlueprintError) as info:
        sb.load(p)
    findings = info.value.findings
    assert [(f.rule, f.line) for f in findings] == [("SB022", 3), ("SB020", 4)]
    assert all(isinstance(f, sb.Finding) for f in findings)
    assert "2 problems" in str(info.value)
    assert sb.check_file(p) == findings


def test_check_file_never_raises_for_bad_input(tmp_path: Path) -> None:
    assert [f.rule for f in sb.check_file(tmp_path / "missing.yaml")] == ["SB011"]
    assert [f.rule for f in sb.check_file(tmp_path)] == ["SB011"]


def test_check_with_config() -> None:
    bp = sb.load(CONTRACT)
    all_codes = {f.rule for f in sb.check(bp)}
    assert all_codes
    off = sb.Config(severity={code: None for code in all_codes})
    assert sb.check(bp, off) == []
    assert sb.check_file(CONTRACT, off) == []


def test_finding_to_dict_is_the_contract_shape() -> None:
    f = sb.Finding(
        "SB231",
        "exit-criterion-seller-action",
        "warning",
        "m",
        "blueprint.yaml",
        41,
        13,
        "pipelines[0].stages[1].exit_criteria[0]",
        "buyer-centric",
    )
    assert f.to_dict() == {
        "rule": "SB231",
        "name": "exit-criterion-seller-action",
        "norm": "buyer-centric",
        "severity": "warning",
        "message": "m",
        "file": "blueprint.yaml",
        "line": 41,
        "column": 13,
        "path": "pipelines[0].stages[1].exit_criteria[0]",
    }
    assert "norm" not in sb.Finding("SB101", "unreachable-stage", "error", "m").to_dict()
    assert str(f) == ("blueprint.yaml:41:13: warning SB231 exit-criterion-seller-action: m")


def test_blueprint_from_python_data() -> None:
    bp = sb.Blueprint.model_validate(
        {"salesblueprint": 1, "name": "Python", "lifecycle": {"stages": [{"id": "lead"}]}}
    )
    assert bp.file == ""
    assert bp.source is None
    assert bp.lifecycle is not None
    assert bp.lifecycle.stages[0].path == ("lifecycle", "stages", 0)
    assert list(bp.graph.nodes) == ["lead"]
    findings = sb.check(bp)
    assert all(f.line is None for f in findings)


# -- the graph ---------------------------------------------------------------------------------
LIFECYCLE = ["lead", "mql", "sql", "opportunity", "customer", "evangelist"]
NB = "new_business"
DEAL = [f"{NB}.{s}" for s in ("needs_confirmed", "product_evaluated", "won", "lost")]
AFTER = [f"{NB}.implementation"]
TOOLS = ["tool:hubspot", "tool:crm"]

# (source, target) -> every kind of move between them, as the contract's semantics give them
EXPECTED_EDGES: dict[tuple[str, str], set[str]] = {
    # lifecycle: list order, evangelist is terminal (and last)
    ("lead", "mql"): {"forward"},
    ("mql", "sql"): {"forward", "handoff"},  # sla.handoff from mql to sql
    ("sql", "opportunity"): {"forward"},
    ("opportunity", "customer"): {"forward"},
    ("customer", "evangelist"): {"forward"},
    ("opportunity", "sql"): {"recycle"},  # lifecycle.transitions
    ("sql", "mql"): {"recycle"},  # sla.recycle
    # the pipeline: open stages in order, the last open one to won, every open one to lost
    (f"{NB}.needs_confirmed", f"{NB}.product_evaluated"): {"forward"},
    (f"{NB}.product_evaluated", f"{NB}.won"): {"forward"},
    (f"{NB}.needs_confirmed", f"{NB}.lost"): {"lost"},
    (f"{NB}.product_evaluated", f"{NB}.lost"): {"lost"},
    # after_close follows won
    (f"{NB}.won", f"{NB}.implementation"): {"forward"},
    # tools
    ("tool:hubspot", "tool:crm"): {"flow"},
    ("lead", "tool:hubspot"): {"recorded_in"},
    (f"{NB}.needs_confirmed", "tool:crm"): {"recorded_in"},
    (f"{NB}.product_evaluated", "tool:crm"): {"recorded_in"},
    (f"{NB}.implementation", "tool:crm"): {"recorded_in"},
}
EDGE_KINDS = {"forward", "skip", "recycle", "lost", "handoff", "flow", "recorded_in"}


@pytest.fixture(scope="module")
def graph() -> nx.DiGraph:  # type: ignore[type-arg]
    return sb.load(CONTRACT).graph


def test_graph_is_a_networkx_digraph(graph: nx.DiGraph) -> None:  # type: ignore[type-arg]
    assert isinstance(graph, nx.DiGraph)
    assert graph.is_directed()


def test_graph_is_cached() -> None:
    bp = sb.load(CONTRACT)
    assert bp.graph is bp.graph


def test_graph_nodes_are_typed(graph: nx.DiGraph) -> None:  # type: ignore[type-arg]
    kinds = dict(graph.nodes(data="kind"))
    assert kinds == {
        **{n: "lifecycle_stage" for n in LIFECYCLE},
        **{n: "deal_stage" for n in DEAL + AFTER},
        **{n: "tool" for n in TOOLS},
    }
    assert graph.nodes["lead"]["label"] == "Lead"
    assert graph.nodes[f"{NB}.won"]["outcome"] == "won"
    assert graph.nodes[f"{NB}.lost"]["outcome"] == "lost"
    assert graph.nodes[f"{NB}.needs_confirmed"]["outcome"] is None
    assert graph.nodes[f"{NB}.won"]["pipeline"] == NB
    assert graph.nodes["evangelist"]["terminal"] is True
    assert graph.nodes["customer"]["terminal"] is False
    assert graph.nodes["tool:crm"]["category"] == "crm"
    assert graph.nodes["tool:crm"]["label"] == "Pipedrive"


def test_graph_edges_follow_the_default_flow(graph: nx.DiGraph) -> None:  # type: ignore[type-arg]
    actual = {(u, v): set(d["kinds"]) for u, v, d in graph.edges(data=True)}
    assert actual == EXPECTED_EDGES


def test_graph_edge_kinds(graph: nx.DiGraph) -> None:  # type: ignore[type-arg]
    for u, v, d in graph.edges(data=True):
        assert d["kind"] in EDGE_KINDS, (u, v)
        assert d["kind"] == d["kinds"][0]
        assert set(d["kinds"]) <= EDGE_KINDS
    assert graph.edges["tool:hubspot", "tool:crm"]["data"] == ("contact",)
    assert graph.edges[f"{NB}.needs_confirmed", "tool:crm"]["data"] == ("email",)
    assert graph.edges["lead", "tool:hubspot"]["data"] == ()


def test_graph_terminal_and_outcome_stages_have_no_default_next(
    graph: nx.DiGraph,  # type: ignore[type-arg]
) -> None:
    assert list(graph.successors("evangelist")) == []
    assert list(graph.successors(f"{NB}.lost")) == []
    assert list(graph.successors(f"{NB}.won")) == [f"{NB}.implementation"]


def test_graph_skip_transition(tmp_path: Path) -> None:
    p = tmp_path / "skip.yaml"
    p.write_text(
        "salesblueprint: 1\nname: Skip\nlifecycle:\n  stages:\n"
        "    - id: lead\n    - id: mql\n    - id: sql\n"
        "  transitions:\n    - {from: lead, to: sql, kind: skip}\n",
        encoding="utf-8",
    )
    g = sb.load(p).graph
    assert {(u, v): d["kinds"] for u, v, d in g.edges(data=True)} == {
        ("lead", "mql"): ("forward",),
        ("mql", "sql"): ("forward",),
        ("lead", "sql"): ("skip",),
    }


# -- import cost ---------------------------------------------------------------------------------
@pytest.mark.parametrize("module", ["salesblueprint", "salesblueprint.cli"])
def test_import_is_light(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "heavy = sorted(m for m in ('pydantic', 'networkx', 'jsonschema', 'graphviz') "
        "if m in sys.modules)\n"
        "print(','.join(heavy))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert proc.stdout.strip() == ""


def test_networkx_comes_with_the_graph() -> None:
    code = (
        "import sys, salesblueprint as sb\n"
        f"bp = sb.load({str(CONTRACT)!r})\n"
        "assert 'pydantic' in sys.modules\n"
        "assert 'networkx' not in sys.modules, 'loading imported networkx'\n"
        "bp.graph\n"
        "assert 'networkx' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], timeout=60, check=True)
