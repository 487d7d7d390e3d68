"""The norm checks on real-world wording: the corpus in ``benchmarks/norms_corpus/``.

Usage::

    python benchmarks/norms_benchmark.py [--split tune|heldout|all] [--misses] [--folds 3]
    python benchmarks/norms_benchmark.py --domain sales      # only the product's domain
    python benchmarks/norms_benchmark.py --declared-reader   # each page's reader declared
    python benchmarks/norms_benchmark.py --corpus benchmarks/norms_corpus/fresh5_en.yaml \
        --agreed benchmarks/norms_corpus/relabel_fresh5.yaml  # items both annotators agree on

Every item of the corpus goes through the library's real rules (``run_rules``, as
``salesblueprint check`` runs them): the exit criteria are written into one blueprint per
language (one stage each, with evidence and a record so that only the judged norms can fire),
the stage names into another pipeline. Per norm and language the table gives the number of
items, accuracy, precision and recall (a "positive" is an item that violates the norm) and the
share of good items (no violation) that the checks flag anyway.

``--domain sales|other`` scores only the items of one kind of page (``domains.yaml`` and the
files' ``domain:``): ``sales`` is the product's domain, pages on how a selling organisation runs
its sales and marketing pipeline. ``--agreed RELABEL`` keeps only the items a second, blind
labelling (``relabel_*.yaml``, see ``norms_agreement.py``) labelled the same.

``--declared-reader`` judges each page's items with the page's reader (its source's ``reader:``,
``seller`` or ``buyer``: whom the page addresses as "you"/"je"/"u") declared as the project's
``addressee``, as a team does that says whom its criteria address; pages of no declared reader
(``mixed``, ``none`` or none given) are read as without the setting.

Norms judged: ``buyer-centric criteria`` (SB231 and the other buyer-centric rules on exit
criteria), ``buyer-centric names`` (SB232), ``factual`` (the factual rules on exit criteria).
Items labelled ``amb`` (ambiguous) are left out of every figure.

The split is fixed by the source: an item is in ``heldout`` when the first byte of the SHA-256
of its page's URL is divisible by 3, so the items of one page stay together. ``--misses``
prints the disagreements, and refuses to do so for ``heldout``. Since the seventh round the
held-out split has been scored too often to be clean, and the rules are tuned on the whole
corpus (``--split all``); ``--folds N`` scores N folds of the chosen split (``tune`` or
``all``) so that a change designed on one fold can be checked on the others. The folds are
leave-source-out: every item of one page falls into the same fold.

The tuning pool is ``corpus.yaml``, ``fresh.yaml``, ``tune3_criteria.yaml``,
``tune3_names.yaml``, ``tune4_criteria.yaml``, ``tune4_names.yaml``, ``fresh2.yaml``,
``fresh3_en.yaml``, ``fresh3_nl.yaml``, ``fresh4_en.yaml``, ``fresh4_nl.yaml``,
``fresh5_en.yaml``, ``fresh5_nl.yaml``, ``fresh6_en.yaml``, ``fresh6_nl.yaml``,
``fresh7_en.yaml``, ``fresh7_nl.yaml``, ``fresh8_en.yaml``, ``fresh8_nl.yaml``,
``fresh9_en.yaml``, ``fresh9_nl.yaml``, ``fresh10_en.yaml``, ``fresh10_nl.yaml``,
``fresh11_en.yaml`` and ``fresh11_nl.yaml`` together (``TUNING``, the default; ``fresh.yaml``
was scored once as held-out on 2026-11-30, ``fresh2.yaml`` and the fresh3 to fresh11 files on
2026-12-01,
the tune3 and tune4 files once each before they were tuned on; all are tuning data since).
``--corpus`` can be given several times to score several files together. A corpus file marked
``held_out: true`` (never tuned on) is scored alone and as one split: ``--split`` defaults to
``all`` for it, and ``tune``, ``heldout``, ``--misses``, ``--folds`` and mixing it with other
files are refused.
"""

from __future__ import annotations

import hashlib
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from norms_quality import Score  # the same confusion counts as the labelled corpus's

ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = ROOT / "benchmarks" / "norms_corpus"
CORPUS = CORPUS_DIR / "corpus.yaml"
FRESH = CORPUS_DIR / "fresh.yaml"
TUNE3 = CORPUS_DIR / "tune3_criteria.yaml"
TUNE3_NAMES = CORPUS_DIR / "tune3_names.yaml"
TUNE4 = CORPUS_DIR / "tune4_criteria.yaml"
TUNE4_NAMES = CORPUS_DIR / "tune4_names.yaml"
FRESH2 = CORPUS_DIR / "fresh2.yaml"
FRESH3_EN = CORPUS_DIR / "fresh3_en.yaml"
FRESH3_NL = CORPUS_DIR / "fresh3_nl.yaml"
FRESH4_EN = CORPUS_DIR / "fresh4_en.yaml"
FRESH4_NL = CORPUS_DIR / "fresh4_nl.yaml"
FRESH5_EN = CORPUS_DIR / "fresh5_en.yaml"
FRESH5_NL = CORPUS_DIR / "fresh5_nl.yaml"
FRESH6_EN = CORPUS_DIR / "fresh6_en.yaml"
FRESH6_NL = CORPUS_DIR / "fresh6_nl.yaml"
FRESH7_EN = CORPUS_DIR / "fresh7_en.yaml"
FRESH7_NL = CORPUS_DIR / "fresh7_nl.yaml"
FRESH8_EN = CORPUS_DIR / "fresh8_en.yaml"
FRESH8_NL = CORPUS_DIR / "fresh8_nl.yaml"
FRESH9_EN = CORPUS_DIR / "fresh9_en.yaml"
FRESH9_NL = CORPUS_DIR / "fresh9_nl.yaml"
FRESH10_EN = CORPUS_DIR / "fresh10_en.yaml"
FRESH10_NL = CORPUS_DIR / "fresh10_nl.yaml"
FRESH11_EN = CORPUS_DIR / "fresh11_en.yaml"
FRESH11_NL = CORPUS_DIR / "fresh11_nl.yaml"
#: collected after fresh11 became tuning data (new pages of used hosts allowed: ``host_used``)
FRESH12_EN = CORPUS_DIR / "fresh12_en.yaml"
FRESH12_NL = CORPUS_DIR / "fresh12_nl.yaml"
#: collected after fresh12 became tuning data, the same way
FRESH13_EN = CORPUS_DIR / "fresh13_en.yaml"
FRESH13_NL = CORPUS_DIR / "fresh13_nl.yaml"
#: the tuning pool: every file whose score is known
TUNING = (
    CORPUS,
    FRESH,
    TUNE3,
    TUNE3_NAMES,
    TUNE4,
    TUNE4_NAMES,
    FRESH2,
    FRESH3_EN,
    FRESH3_NL,
    FRESH4_EN,
    FRESH4_NL,
    FRESH5_EN,
    FRESH5_NL,
    FRESH6_EN,
    FRESH6_NL,
    FRESH7_EN,
    FRESH7_NL,
    FRESH8_EN,
    FRESH8_NL,
    FRESH9_EN,
    FRESH9_NL,
    FRESH10_EN,
    FRESH10_NL,
    FRESH11_EN,
    FRESH11_NL,
    FRESH12_EN,
    FRESH12_NL,
    FRESH13_EN,
    FRESH13_NL,
)
NORMS = ("buyer-centric criteria", "buyer-centric names", "factual")
LANGS = ("en", "nl")
EVIDENCE = "Email reply logged on the deal"
LABELS = ("ok", "bc", "fact", "bc+fact", "amb")


def bad_of(label: str) -> frozenset[str]:
    """The norms a label says are violated (``bc``, ``fact``); none for ``ok`` and ``amb``."""
    return frozenset() if label in ("ok", "amb") else frozenset(label.split("+"))


@dataclass(frozen=True)
class Item:
    kind: str  # criterion | stage
    lang: str
    label: str
    text: str
    url: str
    # sales: a page on how a selling organisation runs its sales and marketing pipeline (the
    # product's domain); other: another trade's work steps, order statuses, buying-side pages ...
    domain: str | None = None
    # whom the page addresses as "you"/"je"/"u" (its source's ``reader:``): ``seller`` or
    # ``buyer``, which ``--declared-reader`` passes on as the project's ``addressee``; ``auto``
    # for a page that addresses no one or both, or was not annotated
    reader: str = "auto"
    # the page is a new page of a host an earlier corpus file already drew from (its source's
    # ``host_used: true``; allowed from fresh12 on, when the search corpus had few unused hosts)
    host_used: bool = False

    @property
    def split(self) -> str:
        return split_of(self.url)

    @property
    def bad(self) -> frozenset[str]:
        return bad_of(self.label)


def split_of(url: str) -> str:
    """``heldout`` for one page in three, chosen by the hash of its URL; else ``tune``."""
    return "heldout" if hashlib.sha256(url.encode()).digest()[0] % 3 == 0 else "tune"


def fold_of(url: str, folds: int = 3) -> int:
    """The fold of a ``tune`` page for cross-checking within ``tune`` (another byte of the hash,
    so the folds are independent of the held-out split): a rule designed on the items of some
    folds should also help on the others."""
    return hashlib.sha256(url.encode()).digest()[1] % folds


def held_out_only(path: Path) -> bool:
    """Whether the corpus file is marked ``held_out: true``: never tuned on, scored as a whole."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    return isinstance(doc, dict) and doc.get("held_out") is True


#: a source's ``reader:``: whom the page addresses as "you"/"je"/"u" (``mixed`` and ``none``
#: are read as the product reads an undeclared blueprint, ``auto``)
READERS = ("seller", "buyer", "mixed", "none", "auto")
DOMAINS_FILE = CORPUS_DIR / "domains.yaml"
DOMAINS = ("sales", "other")


@lru_cache(maxsize=1)
def domains() -> dict[str, str]:
    """The domain of each source page of the files that do not name one (``domains.yaml``)."""
    if not DOMAINS_FILE.is_file():
        return {}
    doc = yaml.safe_load(DOMAINS_FILE.read_text(encoding="utf-8")) or {}
    bad = {url: d for url, d in doc.items() if d not in DOMAINS}
    if bad:
        raise ValueError(f"{DOMAINS_FILE.name}: not sales or other: {sorted(bad)[:3]}")
    return dict(doc)


def load(path: Path = CORPUS) -> list[Item]:
    """The items of one corpus file. Each item's domain is its source's ``domain:``, else the
    file's ``domain:``, else the page's entry in ``domains.yaml`` (None when none says)."""
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    out: list[Item] = []
    if not isinstance(doc, dict) or not isinstance(doc.get("sources"), list):
        raise ValueError(f"{path}: no sources")
    by_url = domains()
    for src in doc["sources"]:
        domain = src.get("domain", doc.get("domain", by_url.get(src["url"])))
        if domain not in (*DOMAINS, None):
            raise ValueError(f"{path}: bad domain {domain!r} for {src['url']}")
        reader = src.get("reader", "auto")
        if reader not in READERS:
            raise ValueError(f"{path}: bad reader {reader!r} for {src['url']}")
        reader = reader if reader in ("seller", "buyer") else "auto"
        for kind, lang, label, text in src["items"]:
            if kind not in ("criterion", "stage") or lang not in LANGS:
                raise ValueError(f"bad item {text!r}")
            if label not in LABELS:
                raise ValueError(f"bad label {label!r} for {text!r}")
            used = src.get("host_used", False)
            if not isinstance(used, bool):
                raise ValueError(f"{path}: host_used must be true or false for {src['url']}")
            out.append(Item(kind, lang, label, str(text), src["url"], domain, reader, used))
    return out


def load_all(paths: list[Path] | tuple[Path, ...] = TUNING) -> list[Item]:
    """The items of several corpus files, in order (the tuning pool by default)."""
    return [item for path in paths for item in load(path)]


def agreed(items: list[Item], relabel: Path) -> list[Item]:
    """The items a second, blind labelling (``relabel_*.yaml``: ``items`` of ``kind``, ``lang``,
    ``text``, ``url`` and the second ``label``) labelled the same; every item must be in it."""
    doc = yaml.safe_load(relabel.read_text(encoding="utf-8"))
    second = {(e["kind"], e["lang"], e["text"], e["url"]): e["label"] for e in doc["items"]}
    kept = []
    for i in items:
        label = second.get((i.kind, i.lang, i.text, i.url))
        if label is None:
            raise SystemExit(f"{relabel.name} has no second label for {i.text!r} ({i.url})")
        if label == i.label:
            kept.append(i)
    scored = sum(i.label != "amb" for i in items)
    print(
        f"agreed with {relabel.name}: {sum(i.label != 'amb' for i in kept)} of {scored} "
        "scored items keep their label"
    )
    return kept


@dataclass
class Result:
    scores: dict[tuple[str, str], Score]
    good: dict[str, tuple[int, int]]  # language -> (good items flagged, good items)


#: the rule options that turn the learned second reading off (``--rules-only``)
RULES_ONLY = {code: {"learned-reading": False} for code in ("SB211", "SB231")}


def _run(
    lang: str,
    crits: list[Item],
    names: list[Item],
    learned: bool = True,
    addressee: str = "auto",
) -> dict[tuple[Any, ...], set[str]]:
    from salesblueprint.model.load import load_bytes
    from salesblueprint.rules.config import Config
    from salesblueprint.rules.engine import run_rules

    outcomes = [{"id": "won", "outcome": "won"}, {"id": "lost", "outcome": "lost"}]
    crit_stages = [
        {
            "id": f"s{i}",
            "name": f"Step {i}",
            "exit_criteria": [
                {"outcome": c.text, "evidence": EVIDENCE, "recorded_in": "crm.email"}
            ],
        }
        for i, c in enumerate(crits)
    ]
    name_stages = [
        {"id": f"n{i}", "name": s.text, "exit_criteria": ["Buyer signed the order form"]}
        for i, s in enumerate(names)
    ]
    bp = {
        "salesblueprint": 1,
        "name": f"real-{lang}",
        "language": lang,
        "tools": [{"id": "crm", "records": ["email", "deal"]}],
        "pipelines": [
            {"id": "criteria", "stages": [*crit_stages, *outcomes]},
            {"id": "names", "stages": [*name_stages, *outcomes]},
        ],
    }
    data = yaml.safe_dump(bp, sort_keys=False, allow_unicode=True).encode("utf-8")
    loaded = load_bytes(data, f"real-{lang}.yaml")
    if loaded.blueprint is None:
        raise ValueError("\n".join(str(f) for f in loaded.findings))
    out: dict[tuple[Any, ...], set[str]] = {}
    config = Config(options={} if learned else dict(RULES_ONLY), addressee=addressee)
    for f in run_rules(loaded.blueprint, config):
        if f.rule == "SB900":
            raise RuntimeError(str(f))
        if f.norm:
            out.setdefault(tuple(f.node), set()).add(f.norm)
    return out


def _found(
    lang: str, crits: list[Item], names: list[Item], learned: bool, declared: bool
) -> tuple[list[set[str]], list[set[str]]]:
    """The norms found on each criterion and each name, in order. With ``declared`` the items
    of each kind of page run in a blueprint of their own, with the page's reader as the
    project's ``addressee`` (as a team that declares whom its criteria address)."""
    groups = sorted({i.reader for i in (*crits, *names)}) if declared else ["auto"]
    on_crits: list[set[str]] = [set() for _ in crits]
    on_names: list[set[str]] = [set() for _ in names]
    for reader in groups:
        ck = [k for k, i in enumerate(crits) if not declared or i.reader == reader]
        nk = [k for k, i in enumerate(names) if not declared or i.reader == reader]
        by_node = _run(lang, [crits[k] for k in ck], [names[k] for k in nk], learned, reader)
        for n, k in enumerate(ck):
            on_crits[k] = by_node.get(("pipelines", 0, "stages", n, "exit_criteria", 0), set())
        for n, k in enumerate(nk):
            on_names[k] = by_node.get(("pipelines", 1, "stages", n), set())
    return on_crits, on_names


def evaluate(
    items: list[Item], split: str = "all", learned: bool = True, declared: bool = False
) -> Result:
    chosen = [i for i in items if i.label != "amb" and split in ("all", i.split)]
    scores = {(n, lang): Score() for n in NORMS for lang in LANGS}
    good: dict[str, tuple[int, int]] = {}
    for lang in LANGS:
        crits = [i for i in chosen if i.lang == lang and i.kind == "criterion"]
        names = [i for i in chosen if i.lang == lang and i.kind == "stage"]
        on_crits, on_names = _found(lang, crits, names, learned, declared)
        flagged = total = 0
        for k, c in enumerate(crits):
            got = on_crits[k]
            what = f"[{lang}] {c.text}"
            scores[("buyer-centric criteria", lang)].add(
                "bc" in c.bad, "buyer-centric" in got, what
            )
            scores[("factual", lang)].add("fact" in c.bad, "factual" in got, what)
            if not c.bad:
                total += 1
                flagged += bool(got & {"buyer-centric", "factual"})
        for k, s in enumerate(names):
            got = on_names[k]
            scores[("buyer-centric names", lang)].add(
                "bc" in s.bad, "buyer-centric" in got, f"[{lang}] stage {s.text}"
            )
            if not s.bad:
                total += 1
                flagged += "buyer-centric" in got
        good[lang] = (flagged, total)
    return Result(scores, good)


def table(result: Result) -> str:
    head = f"{'norm':<24}{'lang':<5}{'items':>6}{'accuracy':>9}{'precision':>10}{'recall':>7}"
    lines = [head + f"{'good flagged':>13}", "-" * 74]
    for norm in NORMS:
        for lang in LANGS:
            s = result.scores[(norm, lang)]
            lines.append(
                f"{norm:<24}{lang:<5}{s.n:>6}{s.accuracy:>9.3f}{s.precision:>10.3f}"
                f"{s.recall:>7.3f}{s.good_flagged:>13.3f}"
            )
    lines.append("-" * 74)
    for lang in LANGS:
        flagged, total = result.good[lang]
        rate = flagged / total if total else 0.0
        lines.append(f"good items flagged by any norm [{lang}]: {flagged}/{total} = {rate:.3f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--split",
        choices=("tune", "heldout", "all"),
        default=None,
        help="default: all",
    )
    parser.add_argument("--misses", action="store_true", help="print the disagreements")
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        default=None,
        help="a corpus file; repeat to score several together (default: the tuning pool, "
        + " + ".join(p.name for p in TUNING)
        + ")",
    )
    parser.add_argument(
        "--agreed",
        type=Path,
        default=None,
        help="score only the items a second, blind labelling (a relabel_*.yaml file) gave the "
        "same label (a figure without the items the two annotators disagree on)",
    )
    parser.add_argument(
        "--domain",
        choices=DOMAINS,
        default=None,
        help="score only the items of pages of this domain (sales: how a selling organisation "
        "runs its pipeline, the product's domain; other: other trades, order statuses, buying "
        "side ...)",
    )
    parser.add_argument(
        "--hosts",
        choices=("new", "used"),
        default=None,
        help="score only the items of pages of hosts no earlier corpus file drew from (new) or "
        "of new pages of such hosts (used: a source's host_used: true)",
    )
    parser.add_argument(
        "--folds",
        type=int,
        default=0,
        help="also score each of N leave-source-out folds of the split (by the URL hash)",
    )
    parser.add_argument(
        "--rules-only",
        action="store_true",
        help="the rules alone, without the learned second reading (which is fitted on the "
        "tuning pool: on it, only the rules' figure is not a fitted-on figure)",
    )
    parser.add_argument(
        "--declared-reader",
        action="store_true",
        help="judge each page's items with the page's reader (its source's reader: seller or "
        "buyer) declared as the project's addressee, as a team that says whom its criteria "
        "address as you/je/u; pages of no declared reader are read as without it",
    )
    args = parser.parse_args(argv)
    paths: list[Path] = args.corpus or list(TUNING)
    missing = [p for p in paths if not p.is_file()]
    if missing:
        print(f"no such corpus file: {missing[0]}", file=sys.stderr)
        return 2
    held = [p for p in paths if held_out_only(p)]
    if held and (len(paths) > 1 or args.split not in (None, "all") or args.misses or args.folds):
        print(
            f"{held[0]} is a held-out corpus: it is scored alone and as one split "
            "(--split all), without --misses or --folds",
            file=sys.stderr,
        )
        return 2
    if args.split is None:
        args.split = "all"
    items = load_all(paths)
    print("corpus: " + " + ".join(p.name for p in paths))
    if args.agreed is not None:
        if not args.agreed.is_file():
            print(f"no such relabel file: {args.agreed}", file=sys.stderr)
            return 2
        items = agreed(items, args.agreed)
    if args.domain is not None:
        untagged = sum(i.domain is None for i in items)
        items = [i for i in items if i.domain == args.domain]
        print(f"domain: {args.domain} ({len(items)} items; {untagged} items of no known domain)")
    if args.hosts is not None:
        items = [i for i in items if i.host_used == (args.hosts == "used")]
        print(f"hosts: {args.hosts} ({len(items)} items)")
    if args.folds:
        if args.split == "heldout":
            print("folds are taken from the tune split or the whole corpus", file=sys.stderr)
            return 2
        pool = [i for i in items if args.split in ("all", i.split)]
        for k in range(args.folds):
            print(f"fold {k + 1}/{args.folds} of {args.split}")
            part = [i for i in pool if fold_of(i.url, args.folds) == k]
            print(table(evaluate(part, args.split, not args.rules_only, args.declared_reader)))
            print()
    result = evaluate(items, args.split, not args.rules_only, args.declared_reader)
    print(f"split: {args.split}")
    reading = "the rules alone" if args.rules_only else "rules + learned second reading"
    if args.declared_reader:
        reading += "; each page's reader declared as the project's addressee"
    print(f"reading: {reading}")
    print(table(result))
    if args.misses:
        if args.split == "heldout":
            print("misses are not shown for the held-out split", file=sys.stderr)
            return 2
        for (norm, lang), s in result.scores.items():
            if s.misses:
                print(f"{norm} [{lang}]:")
            for m in s.misses:
                print(f"  {m}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
