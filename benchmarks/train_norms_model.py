"""Fit the learned second reading of exit criteria (``salesblueprint.rules.norms._learned``).

Usage::

    pip install -e '.[bench]'                     # scikit-learn, for fitting only
    python benchmarks/train_norms_model.py          # write src/.../norms/learned_weights.json
    python benchmarks/train_norms_model.py --check  # exit 1 unless the shipped weights are what
                                                    # fitting on today's pool gives
    python benchmarks/train_norms_model.py --corpus A.yaml --corpus B.yaml --out W.json

One L2 logistic regression (scikit-learn, L-BFGS, ``C = 1``) per model of ``SPEC``, on the exit
criteria of the tuning pool (``norms_benchmark.TUNING``; items labelled ``amb`` left out) of the
model's language, with the features of ``_learned.features`` (the rules' analysis and the lemmas
of the words). The target is the corpus label: ``fact`` in it for the factual norm, ``bc`` for
the buyer-centric one. Weights are rounded to four decimals and those that round to zero are
left out; the document lists the files fitted on with their SHA-256, so that a test can tell
when the pool changed and the weights must be fitted again. Fitting is deterministic: the same
pool gives the same file.

Which models exist, and their use, was chosen on the fresh7 and fresh8 files while they were
still new to the rules (benchmarks/norms_corpus/README.md, "Learned second reading"): a veto on
the factual rules in both languages, and in English an addition to the buyer-centric rules where
they read no actor; the buyer-centric model in Dutch and a model for stage names did not help.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import norms_benchmark as nb

ROOT = nb.ROOT
OUT = ROOT / "src" / "salesblueprint" / "rules" / "norms" / "learned_weights.json"
#: (norm, language, use, label part that is a violation, threshold): the addition asks for
#: p >= 0.6, which left one file out over fresh6 to fresh9 made as many right additions (net) as
#: 0.5 with a third fewer wrong ones
SPEC = (
    ("factual", "en", "veto", "fact", 0.5),
    ("factual", "nl", "veto", "fact", 0.5),
    ("buyer-centric", "en", "add", "bc", 0.6),
)
C = 1.0


def fit(paths: list[Path] | tuple[Path, ...]) -> dict[str, Any]:
    """The weights document for the exit criteria of ``paths``."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    from salesblueprint.norms_vocab import vocabulary
    from salesblueprint.rules.norms._learned import features

    items = [i for i in nb.load_all(paths) if i.label != "amb" and i.kind == "criterion"]
    models = []
    for norm, lang, use, part, threshold in SPEC:
        chosen = [i for i in items if i.lang == lang]
        v = vocabulary(lang)
        xs = [dict.fromkeys(sorted(features(v, i.text)), 1.0) for i in chosen]
        ys = [part in i.bad for i in chosen]
        if len(set(ys)) < 2:
            raise SystemExit(f"{norm} [{lang}]: the corpus needs good and bad criteria")
        dv = DictVectorizer(sort=True)
        x = dv.fit_transform(xs)
        lr = LogisticRegression(C=C, solver="lbfgs", max_iter=10000, tol=1e-8)
        lr.fit(x, ys)
        weights = {
            name: round(float(w), 4)
            for name, w in zip(dv.get_feature_names_out(), lr.coef_[0], strict=True)
            if round(float(w), 4) != 0.0
        }
        models.append(
            {
                "norm": norm,
                "language": lang,
                "use": use,
                "threshold": threshold,
                "bias": round(float(lr.intercept_[0]), 4),
                "items": len(chosen),
                "violations": sum(ys),
                "weights": dict(sorted(weights.items())),
            }
        )
    return {
        "about": "salesblueprint's learned second reading of exit criteria; written by "
        "benchmarks/train_norms_model.py, do not edit",
        "C": C,
        "fitted_on": {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in paths},
        "models": models,
    }


def dump(doc: dict[str, Any]) -> str:
    """Deterministic text: sorted keys, one weight per line."""
    return json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def differences(shipped: dict[str, Any], fitted: dict[str, Any], tol: float = 0.002) -> list[str]:
    """How the shipped weights differ from freshly fitted ones (empty: the same, up to ``tol``
    per weight: another BLAS may change the last digits)."""
    out: list[str] = []
    if shipped.get("fitted_on") != fitted["fitted_on"]:
        out.append("fitted on other corpus files (or other versions of them)")
    pairs = zip(shipped.get("models", []), fitted["models"], strict=False)
    if len(shipped.get("models", [])) != len(fitted["models"]):
        out.append("another number of models")
    for a, b in pairs:
        what = f"{b['norm']} [{b['language']}]"
        if (a["norm"], a["language"], a["use"], a["threshold"]) != (
            b["norm"],
            b["language"],
            b["use"],
            b["threshold"],
        ):
            out.append(f"{what}: another model")
            continue
        keys = set(a["weights"]) | set(b["weights"])
        off = [k for k in keys if abs(a["weights"].get(k, 0.0) - b["weights"].get(k, 0.0)) > tol]
        if abs(a["bias"] - b["bias"]) > tol:
            off.append("bias")
        if off:
            out.append(f"{what}: {len(off)} weights differ, e.g. {sorted(off)[:3]}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", help="default: the tuning pool")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    paths = args.corpus or list(nb.TUNING)
    held = [p.name for p in paths if nb.held_out_only(p)]
    if held:
        print(f"refused: {', '.join(held)} is held out (never fitted on)", file=sys.stderr)
        return 2
    doc = fit(paths)
    if args.check:
        shipped = json.loads(args.out.read_text(encoding="utf-8"))
        diff = differences(shipped, doc)
        for line in diff:
            print(f"{args.out.name}: {line}", file=sys.stderr)
        if diff:
            print("fit again: python benchmarks/train_norms_model.py", file=sys.stderr)
            return 1
        print(f"{args.out.name}: as fitted on {len(paths)} corpus files")
        return 0
    args.out.write_text(dump(doc), encoding="utf-8")
    for m in doc["models"]:
        print(
            f"{m['norm']} [{m['language']}] {m['use']}: {m['items']} criteria, "
            f"{m['violations']} violations, {len(m['weights'])} weights"
        )
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
