"""How far two annotators agree on the norm corpus's labels (issue 11).

``norms_corpus/relabel_*.yaml`` holds items of the tuning pool labelled a second time, blind (the
second annotator saw the texts, their URLs and the labelling rules, not the first labels). This
script finds each item's first label in the corpus file the relabel file names and prints, per
norm and language, on the items neither annotator marked ``amb``: how many, the share on which
both agree, and Cohen's kappa (agreement corrected for chance). It also prints how often the
exact label matched and how many items each annotator left out as ``amb``.

An annotator agreement near the issue's target (0.90 accuracy) would mean the target is out of
reach of any checker, whatever its method; well above it, the shortfall is the checker's.

    python benchmarks/norms_agreement.py [RELABEL_FILE]
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import norms_benchmark as nb  # noqa: E402

DEFAULT = nb.CORPUS_DIR / "relabel_2026-12-01.yaml"
NORM_OF = {"bc": "buyer-centric", "fact": "factual"}


@dataclass
class Pair:
    kind: str
    lang: str
    first: str
    second: str


def pairs(path: Path = DEFAULT) -> list[Pair]:
    """Each relabelled item with its first label; raises if an item is not in its file."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    out: list[Pair] = []
    cache: dict[str, dict[tuple[str, str, str, str], str]] = {}
    for entry in doc["items"]:
        name = entry["file"]
        if name not in cache:
            cache[name] = {
                (i.kind, i.lang, i.text, i.url): i.label for i in nb.load(nb.CORPUS_DIR / name)
            }
        k = (entry["kind"], entry["lang"], entry["text"], entry["url"])
        if k not in cache[name]:
            raise ValueError(f"{name} has no item {entry['text']!r} from {entry['url']}")
        if entry["label"] not in nb.LABELS:
            raise ValueError(f"bad label {entry['label']!r} for {entry['text']!r}")
        out.append(Pair(entry["kind"], entry["lang"], cache[name][k], entry["label"]))
    return out


@dataclass
class Agreement:
    n: int
    agree: int
    kappa: float

    @property
    def share(self) -> float:
        return self.agree / self.n if self.n else 0.0


def agreement(items: list[Pair], kind: str, lang: str, norm: str) -> Agreement:
    """Agreement on one norm (``bc`` or ``fact``) over the items neither marked ``amb``."""
    both = [
        (norm in nb.bad_of(p.first), norm in nb.bad_of(p.second))
        for p in items
        if p.kind == kind and p.lang == lang and "amb" not in (p.first, p.second)
    ]
    n = len(both)
    agree = sum(a == b for a, b in both)
    if not n:
        return Agreement(0, 0, 0.0)
    p1 = sum(a for a, _ in both) / n
    p2 = sum(b for _, b in both) / n
    chance = p1 * p2 + (1 - p1) * (1 - p2)
    observed = agree / n
    kappa = 1.0 if chance == 1 else (observed - chance) / (1 - chance)
    return Agreement(n, agree, kappa)


ROWS = (
    ("buyer-centric criteria", "criterion", "bc"),
    ("buyer-centric names", "stage", "bc"),
    ("factual", "criterion", "fact"),
)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    path = Path(args[0]) if args else DEFAULT
    if not path.is_file():
        print(f"error: {path} not found", file=sys.stderr)
        return 2
    items = pairs(path)
    print(f"relabelled: {path.name} ({len(items)} items)")
    print(f"{'norm':<24}{'lang':<5}{'items':>6}{'agree':>8}{'kappa':>7}")
    print("-" * 50)
    for title, kind, norm in ROWS:
        for lang in nb.LANGS:
            a = agreement(items, kind, lang, norm)
            print(f"{title:<24}{lang:<5}{a.n:>6}{a.share:>8.3f}{a.kappa:>7.3f}")
    print("-" * 50)
    exact = sum(p.first == p.second for p in items)
    print(f"same label: {exact}/{len(items)}")
    print(
        f"amb: first annotator {sum(p.first == 'amb' for p in items)}, "
        f"second {sum(p.second == 'amb' for p in items)}, "
        f"either {sum('amb' in (p.first, p.second) for p in items)}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
