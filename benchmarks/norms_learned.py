"""Leave-one-file-out: does a small learned layer generalise to new files better than the rules?

Usage::

    pip install -e '.[bench]'          # scikit-learn, for this benchmark only
    python benchmarks/norms_learned.py [--detail] [--file NAME ...] [--top N]
    python benchmarks/norms_learned.py --rounds [--detail]   # each file as it happened

The labelled corpus files (``FILES``: corpus.yaml, fresh.yaml, tune3_criteria.yaml,
tune3_names.yaml, tune4_criteria.yaml, tune4_names.yaml; never the held-out fresh2.yaml) are
each held out in turn: a model is trained on the items of the other files and predicts the items
of the held-out one. Items labelled ``amb`` are left out, as in ``norms_benchmark.py``, and so
are training items whose text (case-folded, same language and kind) also occurs in the held-out
file, so that a file is judged as new text.

Three tasks, as in ``norms_benchmark.py``: ``buyer-centric criteria`` (``bc`` in the label of an
exit criterion), ``factual`` (``fact`` in it) and ``buyer-centric names`` (``bc`` on a stage
name). One model per task, over both languages. Compared, per held-out file and pooled over the
held-out files:

- ``rules``: the library's rules as they are (``run_rules``, exactly as ``norms_benchmark.py``
  scores them). They were tuned on every file but tune4_criteria.yaml, so their figure on that
  file is a first run and on the others a tuned-on figure;
- ``lr+rules``: logistic regression on the rules' own analysis (the verdicts of the three norms,
  the actor's side and how it was read, the kinds of factual issue, the class the stage-name
  reading put a name in, the vocabulary categories that match, the lemma classes of the words,
  participles) plus lemma unigrams and bigrams (with sentence boundaries) and character 3-5
  grams of the words;
- ``lr``: the same without the rules' features (text only);
- ``hybrid``: the rules' verdict, overruled by the text-only model when it is confident: an
  item the rules pass is flagged when the model's probability is at least 0.85, a rule flag is
  vetoed when it is at most 0.15. The thresholds were fixed before any run (``Settings``).

``--rounds`` scores instead each file that was once new (``ROUNDS``) with the rules of the commit
of its first run, and trains the models on the files those rules had been tuned on, with the
rule features of that commit's code: every figure a first run.

Everything is deterministic (fixed seed, one thread, L-BFGS); a run takes a few seconds.
Results and conclusion: benchmarks/norms_corpus/README.md, "Learned layer".
"""

from __future__ import annotations

import itertools
import os
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import norms_benchmark as nb
from norms_quality import Score

ROOT = nb.ROOT
CORPUS_DIR = ROOT / "benchmarks" / "norms_corpus"
FILES = (
    "corpus.yaml",
    "fresh.yaml",
    "tune3_criteria.yaml",
    "tune3_names.yaml",
    "tune4_criteria.yaml",
    "tune4_names.yaml",
)
#: files the rules on main were never tuned on: their ``rules`` figure is a first run
#: (tune4_names.yaml was tuned on in round normsnames4, merged after 652669f)
FIRST_RUN = frozenset({"tune4_criteria.yaml"})
FORBIDDEN = "fresh2.yaml"  # held out while this experiment ran (scored 2026-12-01): kept out
TASKS: dict[str, tuple[str, str]] = {  # task -> (item kind, label part that is a violation)
    "buyer-centric criteria": ("criterion", "bc"),
    "factual": ("criterion", "fact"),
    "buyer-centric names": ("stage", "bc"),
}
MODELS = ("rules", "lr+rules", "lr", "hybrid")
SEED = 0


@dataclass(frozen=True)
class Settings:
    """The models' settings, fixed before any run (the options change them to check how much
    the figures depend on them)."""

    c: float = 1.0  # inverse L2 strength of the logistic regression
    balanced: bool = False  # class weights inversely proportional to the class sizes
    high: float = 0.85  # hybrid: the text model flags an item the rules pass at this probability
    low: float = 0.15  # hybrid: the text model vetoes a rule flag at this probability


DEFAULT = Settings()

#: vocabulary categories whose plain entries are lemmas (a word's lemma is looked up in them)
LEMMA_CLASSES = (
    "seller_work_lemmas",
    "buyer_act_lemmas",
    "joint_lemmas",
    "reception_lemmas",
    "buyer_job_lemmas",
    "sending_lemmas",
    "submission_lemmas",
    "seller_stage_verbs",
    "seller_verbs",
    "activity_nouns",
    "buyer_act_nouns",
    "frame_nouns",
)


@dataclass(frozen=True)
class Row:
    """One scored item of one corpus file, with what the rules said about it."""

    file: str
    item: nb.Item
    rules: frozenset[str]  # the norms the rules flag on it: buyer-centric, factual
    analysis: dict[str, float] = field(default_factory=dict, compare=False)  # rule features

    @property
    def key(self) -> tuple[str, str, str]:
        """What makes two items the same text: kind, language, case-folded words."""
        return (self.item.kind, self.item.lang, " ".join(self.item.text.casefold().split()))

    def target(self, task: str) -> bool:
        return TASKS[task][1] in self.item.bad

    def rule_flag(self, task: str) -> bool:
        return ("factual" if task == "factual" else "buyer-centric") in self.rules


def corpus_paths(names: Iterable[str] = FILES, base: Path = CORPUS_DIR) -> list[Path]:
    """The corpus files to use, in order; refuses the held-out set."""
    out: list[Path] = []
    for name in names:
        if Path(name).name == FORBIDDEN:
            raise ValueError(f"{FORBIDDEN} is the held-out set: it is never used here")
        out.append(base / name)
    return out


def scored_items(path: Path) -> list[nb.Item]:
    """The items of a corpus file that are scored (every label but ``amb``)."""
    return [i for i in nb.load(path) if i.label != "amb"]


def rule_verdicts(items: Sequence[nb.Item]) -> list[frozenset[str]]:
    """The norms the library's rules flag on each item (as ``norms_benchmark.evaluate``)."""
    out: list[frozenset[str]] = [frozenset()] * len(items)
    for lang in nb.LANGS:
        crit = [k for k, i in enumerate(items) if i.lang == lang and i.kind == "criterion"]
        names = [k for k, i in enumerate(items) if i.lang == lang and i.kind == "stage"]
        if not crit and not names:
            continue
        on_crits, on_names = nb._found(
            lang, [items[k] for k in crit], [items[k] for k in names], True, False
        )
        for j, k in enumerate(crit):
            out[k] = frozenset(on_crits[j] & {"buyer-centric", "factual"})
        for j, k in enumerate(names):
            out[k] = frozenset(on_names[j] & {"buyer-centric"})
    return out


def analyse(items: Sequence[nb.Item]) -> list[tuple[frozenset[str], dict[str, float]]]:
    """The rules' verdicts on each item and their analysis of it, with the code imported."""
    return [(v, rule_features(i, v)) for i, v in zip(items, rule_verdicts(items), strict=True)]


def analyse_at(commit: str, path: Path) -> list[tuple[frozenset[str], dict[str, float]]]:
    """:func:`analyse` with the library's code as it was at ``commit`` (``git archive`` of
    ``src/`` into a temporary folder, run in a child process): the rules of an earlier round."""
    import json
    import subprocess
    import tempfile

    with tempfile.TemporaryDirectory(prefix="norms_learned_") as tmp:
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", commit, "src"], check=True, capture_output=True
        ).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        env = {**os.environ, "PYTHONPATH": str(Path(tmp) / "src")}
        out = subprocess.run(
            [sys.executable, str(Path(__file__).resolve()), "--analyse", str(path)],
            check=True,
            capture_output=True,
            text=True,
            env=env,
            cwd=str(Path(__file__).resolve().parent),
        ).stdout
    return [(frozenset(d["rules"]), dict(d["features"])) for d in json.loads(out)]


def load_rows(
    paths: Sequence[Path], commit: str | None = None, with_rules: bool = True
) -> list[Row]:
    """The scored items of each file, with the rules' verdicts and analysis (of the code as it is,
    or at ``commit``)."""
    rows: list[Row] = []
    for path in paths:
        items = scored_items(path)
        if not with_rules:
            done = [(frozenset[str](), dict[str, float]())] * len(items)
        elif commit is None:
            done = analyse(items)
        else:
            done = analyse_at(commit, path)
        if len(done) != len(items):
            raise RuntimeError(f"{path.name}: {len(done)} analyses for {len(items)} items")
        rows += [Row(path.name, i, v, a) for i, (v, a) in zip(items, done, strict=True)]
    return rows


def split(rows: Sequence[Row], held_out: str, task: str) -> tuple[list[Row], list[Row], int]:
    """Training and test rows of ``task`` with ``held_out`` as the test file.

    Training rows whose text also occurs in the held-out file are dropped (their number is the
    third value): the held-out file must be new text to the model.
    """
    kind = TASKS[task][0]
    test = [r for r in rows if r.file == held_out and r.item.kind == kind]
    seen = {r.key for r in test}
    other = [r for r in rows if r.file != held_out and r.item.kind == kind]
    train = [r for r in other if r.key not in seen]
    return train, test, len(other) - len(train)


# -- features -----------------------------------------------------------------------------------

_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


def text_features(lang: str, text: str) -> dict[str, float]:
    """Lemma unigrams and bigrams (per language, with boundaries) and character n-grams.

    The lemmas are simplemma's, not the rules' (so the text-only model shares no code with the
    rules, whatever version of them is scored)."""
    import simplemma

    words = _words(text)
    lemmas = [simplemma.lemmatize(w, lang=lang).casefold() for w in words]
    out: dict[str, float] = {f"lang={lang}": 1.0}
    for lm in lemmas:
        out[f"l:{lang}:{lm}"] = 1.0
    seq = ["<s>", *lemmas, "</s>"]
    for a, b in itertools.pairwise(seq):
        out[f"b:{lang}:{a}_{b}"] = 1.0
    for w in words:
        padded = f"<{w}>"
        for n in (3, 4, 5):
            for k in range(len(padded) - n + 1):
                out[f"c:{padded[k : k + n]}"] = 1.0
    return out


def _class_of(why: str) -> str:
    """The class words of a reading, without the quoted words of the text."""
    return " ".join(re.sub(r"'[^']*'", " ", why).split())


def rule_features(item: nb.Item, rules: frozenset[str]) -> dict[str, float]:
    """The rules' own analysis of the item: verdicts, actor, factual kinds, classes."""
    from salesblueprint.norms_vocab import vocabulary
    from salesblueprint.norms_vocab.detect import detect
    from salesblueprint.rules.norms._language import (
        criterion_actor,
        factual_issues,
        lemma,
        stage_name_issue,
    )

    lang = detect(item.text) or item.lang
    v = vocabulary(lang)
    out: dict[str, float] = {f"rule:{n}": 1.0 for n in sorted(rules)}
    if not rules:
        out["rule:none"] = 1.0
    actor = criterion_actor(v, item.text)
    out[f"actor:{actor.side}:{actor.how}" if actor else "actor:none"] = 1.0
    if item.kind == "criterion":
        for issue in factual_issues(v, item.text):
            out[f"factual:{issue.kind}"] = 1.0
    else:
        name = stage_name_issue(v, item.text)
        out[f"name:{_class_of(name.why)}" if name else "name:none"] = 1.0
    t = v.text(item.text)
    for cat in sorted(v.hits(t)):
        if v.find(cat, t):
            out[f"cat:{cat}"] = 1.0
    for _, _, w in t.words:
        lm = lemma(lang, w)
        for cat in LEMMA_CLASSES:
            if v[cat].has_word(lm) or v[cat].has_word(w):
                out[f"class:{cat}"] = 1.0
        if lm != w and (w.endswith(("ed", "en")) if lang == "en" else w.startswith("ge")):
            out["participle"] = 1.0
    if lang != item.lang:
        out["other-language"] = 1.0
    return out


def features(row: Row, with_rules: bool) -> dict[str, float]:
    out = text_features(row.item.lang, row.item.text)
    if with_rules:
        out.update(row.analysis)
    return out


# -- models -------------------------------------------------------------------------------------


class Model:
    """Logistic regression on a bag of named features (scikit-learn, imported on use)."""

    def __init__(self, with_rules: bool, settings: Settings = DEFAULT) -> None:
        self.with_rules = with_rules
        self.settings = settings

    def fit(self, rows: Sequence[Row], task: str) -> Model:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
        from threadpoolctl import threadpool_limits

        self.vec = DictVectorizer()
        x = self.vec.fit_transform([features(r, self.with_rules) for r in rows])
        y = [r.target(task) for r in rows]
        self.clf = LogisticRegression(
            C=self.settings.c,
            class_weight="balanced" if self.settings.balanced else None,
            solver="lbfgs",
            random_state=SEED,
            max_iter=2000,
        )
        with threadpool_limits(limits=1):  # one core: the machine is shared
            self.clf.fit(x, y)
        return self

    def proba(self, rows: Sequence[Row]) -> list[float]:
        x = self.vec.transform([features(r, self.with_rules) for r in rows])
        return [float(p) for p in self.clf.predict_proba(x)[:, 1]]

    def top(self, n: int = 15) -> list[tuple[str, float]]:
        """The features with the largest weights towards a violation."""
        names = self.vec.get_feature_names_out()
        pairs = sorted(zip(names, self.clf.coef_[0], strict=True), key=lambda p: -p[1])
        return [(str(a), float(b)) for a, b in pairs[:n]]


def hybrid(rule: bool, p: float, settings: Settings = DEFAULT) -> bool:
    """The rules' verdict, overruled only by a confident text model."""
    return p > settings.low if rule else p >= settings.high


def predict(
    train: Sequence[Row], test: Sequence[Row], task: str, settings: Settings = DEFAULT
) -> dict[str, list[bool]]:
    """Each model's flags on ``test`` after training on ``train``."""
    rules = [r.rule_flag(task) for r in test]
    out: dict[str, list[bool]] = {"rules": rules}
    if not any(r.target(task) for r in train) or all(r.target(task) for r in train):
        raise ValueError(f"{task}: the training files hold one class only")
    p_both = Model(True, settings).fit(train, task).proba(test)
    p_text = Model(False, settings).fit(train, task).proba(test)
    out["lr+rules"] = [p >= 0.5 for p in p_both]
    out["lr"] = [p >= 0.5 for p in p_text]
    out["hybrid"] = [hybrid(r, p, settings) for r, p in zip(rules, p_text, strict=True)]
    return out


# -- scoring ------------------------------------------------------------------------------------

Scores = dict[tuple[str, str, str], Score]  # (model, task, language) -> confusion counts


def score(scores: Scores, task: str, test: Sequence[Row], flags: dict[str, list[bool]]) -> None:
    for model, got in flags.items():
        for r, g in zip(test, got, strict=True):
            s = scores.setdefault((model, task, r.item.lang), Score())
            s.add(r.target(task), g, f"[{r.item.lang}] {r.item.text}")


def evaluate(
    rows: Sequence[Row],
    held: str,
    train_files: Iterable[str] | None = None,
    settings: Settings = DEFAULT,
) -> tuple[Scores, int]:
    """Each model's scores on file ``held``, trained on ``train_files`` (default: every other
    file of ``rows``); and the number of training items dropped as duplicates of held-out ones."""
    chosen = [
        r for r in rows if train_files is None or r.file in set(train_files) or r.file == held
    ]
    scores: Scores = {}
    dropped = 0
    for task in TASKS:
        train, test, dup = split(chosen, held, task)
        if not test:
            continue
        dropped += dup
        score(scores, task, test, predict(train, test, task, settings))
    return scores, dropped


def leave_one_file_out(
    rows: Sequence[Row], settings: Settings = DEFAULT
) -> tuple[dict[str, Scores], dict[str, int]]:
    """Per held-out file, each model's scores; and the training items dropped as duplicates."""
    per_file: dict[str, Scores] = {}
    dropped: dict[str, int] = {}
    for held in dict.fromkeys(r.file for r in rows):
        per_file[held], dropped[held] = evaluate(rows, held, None, settings)
    return per_file, dropped


#: The rounds as they happened: the code the rules had when a file was first scored, the file,
#: and the files the rules had been tuned on by then (the model is trained on those only).
ROUNDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("21e272200bee4c01cffd97412097d9c4c14ed5db", "fresh.yaml", ("corpus.yaml",)),
    (
        "d779064fd89eadb509e92a1891b910d5e49d72e1",
        "tune3_criteria.yaml",
        ("corpus.yaml", "fresh.yaml"),
    ),
    ("d779064fd89eadb509e92a1891b910d5e49d72e1", "tune3_names.yaml", ("corpus.yaml", "fresh.yaml")),
    ("652669f9b580272c4b3e816dcadbb879b296ab92", "tune4_criteria.yaml", FILES[:4]),
    ("652669f9b580272c4b3e816dcadbb879b296ab92", "tune4_names.yaml", FILES[:4]),
)


def as_it_happened(settings: Settings = DEFAULT) -> tuple[dict[str, Scores], dict[str, int]]:
    """Each round's new file, scored by the rules of that round (a first run) and by models
    trained on what the rules had been tuned on, with the rule features of that round's code."""
    per_file: dict[str, Scores] = {}
    dropped: dict[str, int] = {}
    cache: dict[tuple[str, str], list[Row]] = {}
    for commit, held, train_files in ROUNDS:
        rows: list[Row] = []
        for name in (*train_files, held):
            if (commit, name) not in cache:
                cache[(commit, name)] = load_rows(corpus_paths([name]), commit)
            rows += cache[(commit, name)]
        per_file[held], dropped[held] = evaluate(rows, held, train_files, settings)
    return per_file, dropped


def pooled(per_file: dict[str, Scores], files: Iterable[str] | None = None) -> Scores:
    """The confusion counts summed over held-out files."""
    chosen = set(per_file if files is None else files)
    out: Scores = {}
    for f, scores in per_file.items():
        if f not in chosen:
            continue
        for key, s in scores.items():
            t = out.setdefault(key, Score())
            t.tp += s.tp
            t.fp += s.fp
            t.tn += s.tn
            t.fn += s.fn
    return out


def table(scores: Scores) -> str:
    head = f"{'norm':<24}{'lang':<5}{'model':<10}{'items':>6}{'acc':>7}{'prec':>7}{'recall':>7}"
    lines = [head + f"{'good fl.':>9}", "-" * 75]
    for task in TASKS:
        for lang in nb.LANGS:
            for model in MODELS:
                s = scores.get((model, task, lang))
                if s is None or not s.n:
                    continue
                lines.append(
                    f"{task:<24}{lang:<5}{model:<10}{s.n:>6}{s.accuracy:>7.3f}{s.precision:>7.3f}"
                    f"{s.recall:>7.3f}{s.good_flagged:>9.3f}"
                )
    return "\n".join(lines)


def summary(scores: Scores) -> dict[str, tuple[float, float]]:
    """Per model: accuracy over all tasks and languages, and the share of good items flagged."""
    out: dict[str, tuple[float, float]] = {}
    for model in MODELS:
        ss = [s for (m, _, _), s in scores.items() if m == model]
        n = sum(s.n for s in ss)
        good = sum(s.tn + s.fp for s in ss)
        if n:
            acc = sum(s.tp + s.tn for s in ss) / n
            out[model] = (acc, sum(s.fp for s in ss) / good if good else 0.0)
    return out


def report(
    per_file: dict[str, Scores], dropped: dict[str, int], first_run: Iterable[str], detail: bool
) -> None:
    """Per held-out file a summary line (and table), then the pooled tables."""
    first = set(first_run)
    for f in per_file:
        kind = "first run" if f in first else "tuned on"
        print(f"held out: {f} (rules: {kind}; {dropped[f]} duplicate training items dropped)")
        s = summary(per_file[f])
        print("  " + ", ".join(f"{m} {a:.3f} / {g:.3f}" for m, (a, g) in s.items()))
        if detail:
            print(table(per_file[f]))
    pools: list[tuple[str, list[str]]] = [("pooled over every held-out file", list(per_file))]
    never = [f for f in per_file if f in first]
    if never and len(never) < len(per_file):
        pools.append(("pooled over the files the rules were never tuned on", never))
    for title, files in pools:
        scores = pooled(per_file, files)
        print(f"\n{title}\n{table(scores)}")
        print(
            "all norms (accuracy, good flagged): "
            + ", ".join(f"{m} {a:.3f}, {g:.3f}" for m, (a, g) in summary(scores).items())
        )


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--detail", action="store_true", help="a table per held-out file too")
    parser.add_argument(
        "--file", action="append", default=None, help="a corpus file name (default: all six)"
    )
    parser.add_argument(
        "--rounds",
        action="store_true",
        help="score each round's new file with the rules of that round and models trained on "
        "the files tuned on by then (needs the git history)",
    )
    parser.add_argument("--top", type=int, default=0, help="print the N top-weighted features")
    d = DEFAULT
    parser.add_argument("--c", type=float, default=d.c, help=f"L2: inverse strength ({d.c})")
    parser.add_argument("--balanced", action="store_true", help="balanced class weights")
    parser.add_argument("--high", type=float, default=d.high, help=f"hybrid: flag at ({d.high})")
    parser.add_argument("--low", type=float, default=d.low, help=f"hybrid: veto at ({d.low})")
    parser.add_argument("--analyse", type=Path, help=argparse.SUPPRESS)  # used by analyse_at
    args = parser.parse_args(argv)
    settings = Settings(args.c, args.balanced, args.high, args.low)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")  # one core, before numpy is imported
    if args.analyse is not None:  # the child process of analyse_at: this code's analysis
        import json

        done = analyse(scored_items(args.analyse))
        print(json.dumps([{"rules": sorted(v), "features": a} for v, a in done]))
        return 0
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("scikit-learn is missing: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    try:
        paths = corpus_paths(args.file or FILES)
    except ValueError as err:
        print(err, file=sys.stderr)
        return 2
    missing = [p for p in paths if not p.is_file()]
    if missing:
        print(f"no such corpus file: {missing[0]}", file=sys.stderr)
        return 2
    if args.rounds:
        print("rounds as they happened: each file scored by the rules of its first run")
        per_file, dropped = as_it_happened(settings)
        report(per_file, dropped, per_file, args.detail)
        return 0
    rows = load_rows(paths)
    per_file, dropped = leave_one_file_out(rows, settings)
    print("leave one file out, rules as they are now")
    report(per_file, dropped, FIRST_RUN, args.detail)
    for task in TASKS if args.top else ():
        train = [r for r in rows if r.item.kind == TASKS[task][0]]
        for with_rules in (True, False):
            m = Model(with_rules, settings).fit(train, task)
            label = "lr+rules" if with_rules else "lr"
            print(f"\n{task}, {label}, trained on every file: top features towards a violation")
            for name, w in m.top(args.top):
                print(f"  {w:+.2f}  {name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
