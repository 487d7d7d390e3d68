"""StageGraph.immediate_dominators (Cooper-Harvey-Kennedy) against networkx."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest

from salesblueprint.model.graph import Edge, StageGraph

KINDS = frozenset({"forward", "skip"})


def _graph(n: int, m: int, seed: int) -> tuple[StageGraph, nx.DiGraph]:  # type: ignore[type-arg]
    r = random.Random(seed)
    g = StageGraph.__new__(StageGraph)
    nodes = [f"n{i}" for i in range(n)]
    g.edges = []
    g.succ = {x: [] for x in nodes}
    g.pred = {x: [] for x in nodes}
    ref: nx.DiGraph = nx.DiGraph()  # type: ignore[type-arg]
    ref.add_nodes_from(nodes)
    for _ in range(m):
        a, b = r.choice(nodes), r.choice(nodes)
        kind = r.choice(["forward", "skip", "lost"])
        e = Edge(a, b, kind)  # type: ignore[arg-type]
        g.edges.append(e)
        g.succ[a].append(e)
        g.pred[b].append(e)
        if kind in KINDS:
            ref.add_edge(a, b)
    return g, ref


@pytest.mark.parametrize("seed", range(400))
def test_matches_networkx(seed: int) -> None:
    r = random.Random(seed)
    n = r.randint(1, 40)
    g, ref = _graph(n, r.randint(0, 3 * n), seed)
    mine = g.immediate_dominators("n0", KINDS)
    expected = nx.immediate_dominators(ref, "n0")
    assert mine["n0"] == "n0"
    assert {k: v for k, v in mine.items() if k != "n0"} == {
        k: v for k, v in expected.items() if k != "n0"
    }


def test_dominator_chain() -> None:
    g, _ = _graph(1, 0, 0)
    g.succ = {x: [] for x in "abcd"}
    g.pred = {x: [] for x in "abcd"}
    for a, b, kind in [
        ("a", "b", "forward"),
        ("b", "c", "forward"),
        ("a", "c", "skip"),
        ("c", "d", "forward"),
    ]:
        e = Edge(a, b, kind)  # type: ignore[arg-type]
        g.succ[a].append(e)
        g.pred[b].append(e)
    idom = g.immediate_dominators("a", KINDS)
    assert idom == {"a": "a", "b": "a", "c": "a", "d": "c"}
    assert g.dominators("d", idom) == ["d", "c", "a"]
    assert g.dominators("zzz", idom) == []


def test_large_pipeline_is_fast() -> None:
    import time

    g, _ = _graph(1, 0, 0)
    nodes = [f"s{i}" for i in range(20_000)]
    g.succ = {x: [] for x in nodes}
    g.pred = {x: [] for x in nodes}
    for a, b in itertools.pairwise(nodes):
        e = Edge(a, b, "forward")
        g.succ[a].append(e)
        g.pred[b].append(e)
    t = time.perf_counter()
    idom = g.immediate_dominators("s0", KINDS)
    assert time.perf_counter() - t < 2.0
    assert idom["s19999"] == "s19998"
