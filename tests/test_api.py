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
    # opportunity has `pipeline: new_business`: its deals start at the first stage, and a won
    # deal moves the contact on to the next lifecycle stage
    ("opportunity", f"{NB}.needs_confirmed"): {"pipeline"},
    (f"{NB}.won", "customer"): {"won"},
    # tools
    ("tool:hubspot", "tool:crm"): {"flow"},
    ("lead", "tool:hubspot"): {"recorded_in"},
    (f"{NB}.needs_confirmed", "tool:crm"): {"recorded_in"},
    (f"{NB}.product_evaluated", "tool:crm"): {"recorded_in"},
    (f"{NB}.implementation", "tool:crm"): {"recorded_in"},
}
EDGE_KINDS = {
    "forward",
    "skip",
    "recycle",
    "lost",
    "handoff",
    "pipeline",
    "won",
    "flow",
    "recorded_in",
}


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
    assert sorted(graph.successors(f"{NB}.won")) == ["customer", f"{NB}.implementation"]


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


def test_lifecycle_and_pipeline_are_connected_as_the_diagram_draws(
    graph: nx.DiGraph,  # type: ignore[type-arg]
) -> None:
    assert nx.has_path(graph, "lead", f"{NB}.won")
    assert nx.has_path(graph, f"{NB}.needs_confirmed", "evangelist")  # through won → customer
    assert not nx.has_path(graph, f"{NB}.lost", "customer")
    assert graph.edges["opportunity", f"{NB}.needs_confirmed"]["label"] == "New business"
    assert graph.edges[f"{NB}.won", "customer"]["label"] == ""


def test_every_node_and_edge_has_a_documented_kind(graph: nx.DiGraph) -> None:  # type: ignore[type-arg]
    from typing import get_args

    from salesblueprint.model.graph import EdgeKind, NodeKind

    assert {k for _, k in graph.nodes(data="kind")} == set(get_args(NodeKind))
    assert {k for _, _, k in graph.edges(data="kind")} <= set(get_args(EdgeKind))
    assert set(get_args(EdgeKind)) == EDGE_KINDS
    doc = (Path(__file__).parent.parent / "docs" / "api.md").read_text("utf-8")
    for kind in [*get_args(NodeKind), *get_args(EdgeKind)]:
        assert f"`{kind}`" in doc, kind


def test_stage_graph_holds_stages_only() -> None:
    bp = sb.load(CONTRACT)
    stages = bp.stage_graph
    assert set(stages.nodes) == set(LIFECYCLE + DEAL + AFTER)
    assert {k for _, k in stages.nodes(data="kind")} == {"lifecycle_stage", "deal_stage"}
    assert not {"flow", "recorded_in"} & {
        k for _, _, d in stages.edges(data=True) for k in d["kinds"]
    }
    assert not any(n.startswith("tool:") for n in nx.descendants(stages, "lead"))
    assert nx.descendants(stages, "lead") == nx.descendants(bp.graph, "lead") - set(TOOLS)
    assert stages.edges["lead", "mql"] == bp.graph.edges["lead", "mql"]


def _linked(tmp_path: Path, opportunity: str, after: str = "    - id: customer\n") -> nx.DiGraph:  # type: ignore[type-arg]
    p = tmp_path / "linked.yaml"
    p.write_text(
        "salesblueprint: 1\nname: Linked\nlifecycle:\n  stages:\n    - id: lead\n"
        f"    - {{id: opportunity, pipeline: deals{opportunity}}}\n{after}"
        "pipelines:\n  - id: deals\n    stages:\n      - id: demo\n"
        "      - {id: won, outcome: won}\n      - {id: lost, outcome: lost}\n",
        encoding="utf-8",
    )
    return sb.load(p).graph


def test_won_moves_the_contact_to_the_next_lifecycle_stage(tmp_path: Path) -> None:
    g = _linked(tmp_path, "")
    assert g.edges["opportunity", "deals.demo"]["kinds"] == ("pipeline",)
    assert g.edges["deals.won", "customer"]["kinds"] == ("won",)
    assert list(g.successors("deals.lost")) == []


@pytest.mark.parametrize(
    ("opportunity", "after"), [(", terminal: true", "    - id: customer\n"), ("", "")]
)
def test_no_won_link_from_a_terminal_or_last_stage(
    tmp_path: Path, opportunity: str, after: str
) -> None:
    g = _linked(tmp_path, opportunity, after)
    assert g.has_edge("opportunity", "deals.demo")
    assert list(g.successors("deals.won")) == []


# -- the graph follows the model ---------------------------------------------------------------
def test_graph_is_rebuilt_when_the_model_changes() -> None:
    bp = sb.load(CONTRACT)
    before, stages_before = bp.graph, bp.stage_graph
    assert bp.lifecycle is not None
    removed = bp.lifecycle.stages.pop()
    assert removed.id == "evangelist"
    assert "evangelist" not in bp.graph
    assert "evangelist" not in bp.stage_graph
    assert "evangelist" in before and "evangelist" in stages_before  # old graphs stay as they were
    assert bp.graph is bp.graph  # and the new one is cached again
    bp.lifecycle.stages[0].name = "Raw lead"
    assert bp.graph.nodes["lead"]["label"] == "Raw lead"
    bp.pipelines[0].stages[0].outcome = "lost"
    assert bp.graph.nodes[f"{NB}.needs_confirmed"]["outcome"] == "lost"


def test_graph_of_a_copy_follows_the_copy() -> None:
    bp = sb.load(CONTRACT)
    g = bp.graph
    copy = bp.model_copy(update={"tools": []})
    assert "tool:crm" not in copy.graph
    assert bp.graph is g


def test_graph_when_an_assigned_value_does_not_serialise() -> None:
    bp = sb.load(CONTRACT)
    bp.description = object()  # type: ignore[assignment]
    assert "lead" in bp.graph  # built every time instead of cached, but built


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
