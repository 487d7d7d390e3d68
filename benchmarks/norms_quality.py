"""Measure the norm checks on the labelled corpus (``tests/norms/corpus.yaml``).

Usage::

    python benchmarks/norms_quality.py [CORPUS]

Every corpus item goes through the real rules (``salesblueprint.check``): the exit criteria are
written into one blueprint per language, one stage each; the stage names into another pipeline;
the ``required`` cases are blueprints of their own. The table gives, per norm and language, the
number of items, accuracy, precision and recall (a "positive" is an item that violates the
norm), and the share of good criteria (no norm violated) that some norm flags anyway.

``tests/norms/test_quality.py`` runs the same code and asserts the targets: accuracy ≥ 0.90 per
norm per language, and at most 5% of the good criteria flagged.

``--set holdout`` measures only the criteria marked ``set: holdout``: 84 items written after
the heuristics had been tuned on the rest. Their first measurement, before any change, is the
honest estimate of how the checks do on text they have not seen:

    norm           lang items accuracy precision recall
    factual        en      43    0.907     0.875  0.700
    factual        nl      41    0.902     0.875  0.700
    inspectable    en      43    0.953     1.000  0.333
    inspectable    nl      41    0.976     1.000  0.667
    buyer-centric  en      43    0.930     1.000  0.750
    buyer-centric  nl      41    0.902     1.000  0.667
    good criteria flagged by any norm: en 1/20 = 0.050, nl 1/18 = 0.056

The misses were then fixed in the vocabularies (not in code): judgement words ("strong
candidate", "is committed", "hinted" / "sterke kandidaat", "gecommitteerd", "liet
doorschemeren"), "cold"/"koud" narrowed to "cold lead"/"koude lead", "te gaan" no longer read as
future, "handshake"/"remembers" as non-artefact evidence, "meeting"/"afspraak" no longer counted
as an artefact, and seller activities ("discussed", "provisioned", "Demo completed" /
"besproken", "bezorgd", "Demo afgerond").

``--set holdout2`` is a second batch of 88 items written after those fixes and measured once
with no change since: every norm scored 1.000 in both languages and no good criterion was
flagged. Its author knew the heuristics, so read it as a regression set rather than as an
unbiased estimate; the first batch's numbers above are the better guide.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "norms" / "corpus.yaml"
NORMS = ("required", "factual", "inspectable", "buyer-centric")
LANGS = ("en", "nl")


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    tn: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, expected: bool, got: bool, what: str) -> None:
        if expected and got:
            self.tp += 1
        elif expected:
            self.fn += 1
            self.misses.append(f"missed: {what}")
        elif got:
            self.fp += 1
            self.misses.append(f"false alarm: {what}")
        else:
            self.tn += 1

    @property
    def n(self) -> int:
        return self.tp + self.fp + self.tn + self.fn

    @property
    def accuracy(self) -> float:
        return (self.tp + self.tn) / self.n if self.n else 1.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def good_flagged(self) -> float:
        """The share of good items (no violation) flagged anyway."""
        good = self.tn + self.fp
        return self.fp / good if good else 0.0


@dataclass
class Result:
    scores: dict[tuple[str, str], Score]
    good: dict[str, tuple[int, int]]  # language -> (good criteria flagged, good criteria)
    misses: list[str]


def _header(lang: str, name: str, tools: list[dict[str, Any]]) -> dict[str, Any]:
    return {"salesblueprint": 1, "name": name, "language": lang, "tools": tools}


def _check(doc: dict[str, Any], name: str) -> list[Any]:
    from salesblueprint.model.load import load_bytes
    from salesblueprint.rules.config import Config
    from salesblueprint.rules.engine import run_rules

    data = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True).encode("utf-8")
    result = load_bytes(data, name)
    if result.blueprint is None:
        problems = "\n".join(str(f) for f in result.findings)
        raise ValueError(f"corpus blueprint {name} does not load:\n{problems}")
    findings = run_rules(result.blueprint, Config())
    broken = [str(f) for f in findings if f.rule == "SB900"]
    if broken:
        raise RuntimeError("a rule failed on the corpus:\n" + "\n".join(broken))
    return findings


def _norms_by_node(findings: Iterable[Any]) -> dict[tuple[Any, ...], set[str]]:
    out: dict[tuple[Any, ...], set[str]] = {}
    for f in findings:
        if f.norm:
            out.setdefault(tuple(f.node), set()).add(f.norm)
    return out


def evaluate(corpus: Path = CORPUS, subset: str | None = None) -> Result:
    doc = yaml.safe_load(corpus.read_text(encoding="utf-8"))
    if subset is not None:
        doc["criteria"] = [c for c in doc["criteria"] if c.get("set") == subset]
        doc["stage_names"] = [c for c in doc.get("stage_names", []) if c.get("set") == subset]
        doc["required"] = [c for c in doc.get("required", []) if c.get("set") == subset]
    defaults = doc.get("defaults", {})
    tools = doc.get("tools", [])
    scores = {(n, lang): Score() for n in NORMS for lang in LANGS}
    good: dict[str, tuple[int, int]] = {}
    misses: list[str] = []

    for lang in LANGS:
        items = [c for c in doc["criteria"] if c["lang"] == lang]
        stages: list[dict[str, Any]] = []
        for i, item in enumerate(items):
            crit: dict[str, Any] = {"outcome": item["text"]}
            for key in ("evidence", "recorded_in"):
                value = item.get(key, defaults.get(key))
                if value is not None:
                    crit[key] = value
            stages.append({"id": f"s{i}", "name": f"Step {i}", "exit_criteria": [crit]})
        names = [s for s in doc.get("stage_names", []) if s["lang"] == lang]
        name_stages = [
            {"id": f"n{i}", "name": s["text"], "exit_criteria": ["Buyer signed the order form"]}
            for i, s in enumerate(names)
        ]
        outcomes = [{"id": "won", "outcome": "won"}, {"id": "lost", "outcome": "lost"}]
        bp = _header(lang, f"corpus-{lang}", tools)
        bp["pipelines"] = [
            {"id": "criteria", "stages": [*stages, *outcomes]},
            {"id": "names", "stages": [*name_stages, *outcomes]},
        ]
        by_node = _norms_by_node(_check(bp, f"corpus-{lang}.yaml"))
        flagged_good = total_good = 0
        for i, item in enumerate(items):
            got = by_node.get(("pipelines", 0, "stages", i, "exit_criteria", 0), set())
            expected = set(item["bad"])
            for norm in ("factual", "inspectable", "buyer-centric"):
                scores[(norm, lang)].add(norm in expected, norm in got, f"[{lang}] {item['text']}")
            if not expected:
                total_good += 1
                if got:
                    flagged_good += 1
                    misses.append(
                        f"good criterion flagged ({', '.join(sorted(got))}): "
                        f"[{lang}] {item['text']}"
                    )
        good[lang] = (flagged_good, total_good)
        for i, s in enumerate(names):
            got = by_node.get(("pipelines", 1, "stages", i), set())
            scores[("buyer-centric", lang)].add(
                "buyer-centric" in s["bad"], "buyer-centric" in got, f"[{lang}] stage {s['text']}"
            )

    for case in doc.get("required", []):
        lang = case["lang"]
        body = yaml.safe_load(case["blueprint"])
        bp = {**_header(lang, case["name"], tools), **body}
        findings = _check(bp, f"{case['name']}.yaml")
        flagged = {tuple(f.node) for f in findings if f.norm == "required"}
        from salesblueprint.model.load import load_bytes

        loaded = load_bytes(yaml.safe_dump(bp).encode(), "x.yaml").blueprint
        assert loaded is not None
        from salesblueprint.model.graph import StageIndex

        idx = StageIndex.build(loaded)
        for nid, node in idx.nodes.items():
            stage = node.stage
            if getattr(stage, "outcome", None) is not None:
                continue
            scores[("required", lang)].add(
                nid in case["bad"], tuple(node.path) in flagged, f"[{lang}] {case['name']}: {nid}"
            )

    for s in scores.values():
        misses.extend(s.misses)
    return Result(scores, good, misses)


def table(result: Result) -> str:
    lines = [
        f"{'norm':<14} {'lang':<4} {'items':>5} {'accuracy':>8} {'precision':>9} {'recall':>6}",
        "-" * 51,
    ]
    for norm in NORMS:
        for lang in LANGS:
            s = result.scores[(norm, lang)]
            if s.n == 0:
                lines.append(f"{norm:<14} {lang:<4} {0:>5} {'-':>8} {'-':>9} {'-':>6}")
                continue
            lines.append(
                f"{norm:<14} {lang:<4} {s.n:>5} {s.accuracy:>8.3f} {s.precision:>9.3f} "
                f"{s.recall:>6.3f}"
            )
    lines.append("-" * 51)
    for lang in LANGS:
        flagged, total = result.good[lang]
        rate = flagged / total if total else 0.0
        lines.append(f"good criteria flagged by any norm [{lang}]: {flagged}/{total} = {rate:.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=CORPUS)
    parser.add_argument("--set", dest="subset", help="measure only the items of this set")
    args = parser.parse_args(argv)
    result = evaluate(args.corpus, args.subset)
    print(table(result))
    if result.misses:
        print("\nDisagreements with the labels:")
        for m in result.misses:
            print(f"  {m}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
