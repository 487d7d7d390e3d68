"""Rendering cost: ``sb.render(..., format="svg")`` of a 50-stage pipeline vs Graphviz alone.

Usage::

    python benchmarks/render_bench.py [--stages 50] [--repeat 7]

Builds a blueprint with one pipeline of ``--stages`` open stages (plus won, lost and a skip and
a recycle), then times, best of ``--repeat``:

- ``render``: ``sb.render(bp, view="pipeline", format="svg")``: view extraction, DOT source,
  the Graphviz subprocess and decoding;
- ``layout``: the same DOT laid out by calling the same Graphviz program directly (same flags).

and prints both and their ratio (target: at most 1.5).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from typing import Any

from salesblueprint.diagrams import extract, render
from salesblueprint.diagrams.layout import LIMITS, find_program
from salesblueprint.diagrams.renderers.dot import to_dot
from salesblueprint.model.blueprint import Blueprint
from salesblueprint.model.load import validate_data


def blueprint(stages: int) -> Blueprint:
    open_stages: list[dict[str, Any]] = [
        {
            "id": f"s{i}",
            "name": f"Stage {i}: buyer step {i}",
            "rep_action": f"Do the seller work for step {i}",
            "probability": round(min(0.95, 0.05 + i / (stages + 5)), 2),
            "expected_days": 7,
            "exit_criteria": [
                {
                    "outcome": f"Buyer confirmed step {i} in a reply",
                    "evidence": "Email reply",
                    "recorded_in": "crm.email",
                }
            ],
        }
        for i in range(stages)
    ]
    data: dict[str, Any] = {
        "salesblueprint": 1,
        "name": f"Benchmark {stages}-stage pipeline",
        "pipelines": [
            {
                "id": "big",
                "name": "Big pipeline",
                "stages": [
                    *open_stages,
                    {"id": "won", "name": "Closed won", "outcome": "won"},
                    {"id": "lost", "name": "Closed lost", "outcome": "lost", "reasons": ["x"]},
                ],
                "transitions": [
                    {"from": "s1", "to": "s4", "kind": "skip", "when": "Small deal"},
                    {"from": f"s{stages - 2}", "to": "s2", "kind": "recycle", "when": "Re-scope"},
                ],
            }
        ],
        "tools": [{"id": "crm", "name": "CRM", "records": ["email"]}],
    }
    result = validate_data(data)
    assert result.blueprint is not None, [str(f) for f in result.findings]
    return result.blueprint


def best(fn: Any, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--stages", type=int, default=50)
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args(argv)
    bp = blueprint(args.stages)
    prog = find_program("svg")
    dot = to_dot(extract(bp, "pipeline"))
    cmd = [prog.path, "-Tsvg", *LIMITS]

    def direct() -> None:
        subprocess.run(cmd, input=dot.encode("utf-8"), capture_output=True, check=True)

    render(bp, view="pipeline", format="svg")  # warm up imports
    t_render = best(lambda: render(bp, view="pipeline", format="svg"), args.repeat)
    t_layout = best(direct, args.repeat)
    ratio = t_render / t_layout
    print(f"graphviz: {prog.path} ({prog.kind})")
    print(f"stages: {args.stages}, DOT: {len(dot)} bytes")
    print(f"sb.render svg:   {t_render * 1000:8.1f} ms")
    print(f"dot -Tsvg alone: {t_layout * 1000:8.1f} ms")
    print(f"ratio: {ratio:.2f} (target <= 1.5)")
    return 0 if ratio <= 1.5 else 1


if __name__ == "__main__":
    sys.exit(main())
