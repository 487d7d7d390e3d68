"""The rule engine: runs the selected rules on a blueprint and turns problems into findings.

- Rules are chosen by the configuration's preset, ignores and severities.
- ``lint: {ignore: [...]}`` on the blueprint or any node suppresses a rule, by code or name, for
  that node and everything under it; an entry that suppresses nothing is itself reported.
- A rule that raises becomes a ``rule-error`` finding; the other rules still run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from salesblueprint.diagnostics.findings import (
    Finding,
    Path,
    format_path,
    make_finding,
)
from salesblueprint.i18n import Translator, _, translator
from salesblueprint.loading.yaml_reader import locate
from salesblueprint.rules import engine_codes
from salesblueprint.rules.config import Config
from salesblueprint.rules.registry import Problem, Rule, load_all, lookup

if TYPE_CHECKING:
    from salesblueprint.model.blueprint import Blueprint
    from salesblueprint.model.graph import StageGraph
    from salesblueprint.rules.analysis.funnel import FunnelGap
    from salesblueprint.rules.analysis.sides import Sides, SideWords
    from salesblueprint.rules.analysis.stages import Stage
    from salesblueprint.rules.analysis.suggest import StageKind


class Context:
    """What a rule sees: the blueprint and derived structures, computed once per run.

    What several rules share is computed in ``rules/analysis/`` and cached here, so that a
    rule never imports another rule and nothing is computed twice.
    """

    def __init__(self, bp: Blueprint, config: Config, tr: Translator | None = None) -> None:
        self.bp = bp
        self.config = config
        # the language of the messages: the blueprint's, unless the caller chose another
        self.tr = tr or translator(bp.language)
        self.rule: Rule | None = None  # the rule running now (set by the engine)
        self._sides: dict[tuple[tuple[str, ...], tuple[str, ...]], Sides] = {}
        self._way_back: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[Sides, bool] | None]
        self._way_back = {}

    @property
    def options(self) -> dict[str, Any]:
        """The options of the rule running now: the project's values, or else the defaults."""
        return self.config.options_for(self.rule) if self.rule is not None else {}

    def _side_words(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        from salesblueprint.rules.analysis.sides import MARKETING_WORDS, SALES_WORDS

        opts = self.options
        return (
            tuple(opts.get(SALES_WORDS.name, SALES_WORDS.default)),
            tuple(opts.get(MARKETING_WORDS.name, MARKETING_WORDS.default)),
        )

    @cached_property
    def stages(self) -> StageGraph:
        from salesblueprint.model.graph import StageGraph

        return StageGraph(self.bp)

    @property
    def side_words(self) -> SideWords:
        """The words that tell sales from marketing, as the running rule's options set them."""
        from salesblueprint.rules.analysis.sides import SideWords

        sales, marketing = self._side_words()
        return SideWords(sales, marketing)

    @property
    def sides(self) -> Sides:
        """Which teams are marketing and which are sales (see ``analysis/sides.py``), with the
        running rule's words; computed once per set of words."""
        from salesblueprint.rules.analysis.sides import infer_sides

        key = self._side_words()
        if key not in self._sides:
            self._sides[key] = infer_sides(self.bp, self.stages.index, self.side_words)
        return self._sides[key]

    @property
    def way_back(self) -> tuple[Sides, bool] | None:
        """The sides, and whether a recycle leads from sales back to marketing."""
        from salesblueprint.rules.analysis.sides import way_back_status

        key = self._side_words()
        if key not in self._way_back:
            self._way_back[key] = way_back_status(self.bp, self.stages, self.side_words)
        return self._way_back[key]

    @cached_property
    def funnel_gaps(self) -> list[FunnelGap]:
        """What the reverse funnel misses (see ``analysis/funnel.py``)."""
        from salesblueprint.rules.analysis.funnel import funnel_gaps

        return funnel_gaps(self.bp)

    @cached_property
    def stage_lists(self) -> list[list[Stage]]:
        """The lifecycle, and each pipeline's open plus after-close stages."""
        from salesblueprint.rules.analysis.stages import stage_lists

        return list(stage_lists(self.bp))

    @cached_property
    def stage_lists_split(self) -> list[list[Stage]]:
        """As :attr:`stage_lists`, with each pipeline's after-close stages a list of their own."""
        from salesblueprint.rules.analysis.stages import stage_lists

        return list(stage_lists(self.bp, split_after_close=True))

    @cached_property
    def stage_kinds(self) -> dict[int, StageKind]:
        """The kind of each stage its position decides, for suggestions (``analysis/suggest``)."""
        from salesblueprint.rules.analysis.suggest import stage_kinds

        return stage_kinds(self.bp)


@dataclass
class _Ignore:
    node: Path  # the node whose lint settings hold the entry
    item: Path  # the entry itself, for findings about it
    rule: Rule | None
    text: str
    used: bool = False


@dataclass
class _Ignores:
    by_node: dict[Path, list[_Ignore]] = field(default_factory=dict)

    @classmethod
    def collect(cls, bp: Blueprint) -> _Ignores:
        out = cls()
        from pydantic import BaseModel

        from salesblueprint.model.blueprint import Linted

        todo: list[BaseModel] = [bp]
        while todo:
            node = todo.pop()
            if isinstance(node, Linted) and node.lint and node.lint.ignore:
                entries = [
                    _Ignore(node.path, (*node.path, "lint", "ignore", i), lookup(text), text)
                    for i, text in enumerate(node.lint.ignore)
                ]
                out.by_node[node.path] = entries
            for name in type(node).model_fields:
                value = getattr(node, name)
                if isinstance(value, BaseModel):
                    todo.append(value)
                elif isinstance(value, list):
                    todo.extend(v for v in value if isinstance(v, BaseModel))
        return out

    def suppresses(self, r: Rule, path: Path) -> bool:
        if not self.by_node:
            return False
        hit = False
        for n in range(len(path) + 1):
            for entry in self.by_node.get(path[:n], ()):
                if entry.rule is r:
                    entry.used = True
                    hit = True
        return hit

    def entries(self) -> list[_Ignore]:
        return [e for es in self.by_node.values() for e in es]


def _finding(bp: Blueprint, r: Rule, p: Problem, config: Config, tr: Translator) -> Finding:
    pos = None
    if bp.source is not None:
        pos = locate(bp.source, (*p.path, p.at) if p.at else p.path)
    # the user's configured severity wins over a problem's own, which wins over the default
    severity = config.severity.get(r.code) or p.severity
    return make_finding(
        r, p.message, file=bp.file, pos=pos, path=p.path, severity=severity, fix=p.fix, tr=tr
    )


def config_findings(config: Config, tr: Translator | None = None) -> list[Finding]:
    """What is wrong in the project's rule options (``SB903``), against the config file.

    Reported once per run (not per blueprint), by whoever reads the configuration; in the
    language of ``tr`` (``--lang``: the configuration belongs to no blueprint), else English.
    """
    r = engine_codes.INVALID_OPTION
    if not config.problems or not config.selects(r):
        return []
    file = config.source or ""
    lines: list[str] = []
    if file:
        import os

        try:  # a file found above the current directory is named relative to it
            rel = os.path.relpath(file)
            file = file if rel.startswith("..") else rel
        except ValueError:  # pragma: no cover - another drive on Windows
            pass
        try:
            with open(file, encoding="utf-8") as fh:
                lines = fh.read().splitlines()
        except (OSError, UnicodeDecodeError):
            lines = []
    out = []
    for keys, message in config.problems:
        pos = _locate_keys(lines, ("options", *keys))
        sev = config.severity.get(r.code)
        out.append(
            make_finding(r, message, file=file, pos=pos, severity=sev, tr=tr or translator())
        )
    return sorted(out, key=Finding.sort_key)


def _locate_keys(lines: list[str], keys: tuple[str, ...]) -> tuple[int, int] | None:
    """The line and column of the last of ``keys``, each searched from where the one before
    was found (a TOML header ``[tool.salesblueprint.options.x]`` holds two at once)."""
    pos = None
    row = 0
    for key in keys:
        for i in range(row, len(lines)):
            col = lines[i].find(key)
            if col >= 0:
                pos, row = (i + 1, col + 1), i
                break
        else:
            return pos
    return pos


# engine codes that lint settings do apply to
_META = (engine_codes.UNUSED_IGNORE, engine_codes.UNKNOWN_RULE)


def run_rules(
    bp: Blueprint, config: Config | None = None, lang: str | None = None
) -> list[Finding]:
    """Run every selected rule on a loaded blueprint; findings sorted by position.

    Messages are in ``lang``, or else in the blueprint's ``language:``.
    """
    config = config or Config()
    rules = [r for r in load_all().values() if r.check is not None and config.selects(r)]
    ctx = Context(bp, config, translator(lang or bp.language))
    tr = ctx.tr
    ignores = _Ignores.collect(bp)
    findings: list[Finding] = []
    err = engine_codes.RULE_ERROR
    for r in sorted(rules, key=lambda r: r.code):
        ctx.rule = r
        try:
            problems = list(r.run(ctx))
        except Exception as e:  # a bug in a rule must not stop the run
            if config.selects(err):
                msg = _(
                    "rule {code} {name} failed: {error}: {detail}",
                    code=r.code,
                    name=r.name,
                    error=type(e).__name__,
                    detail=str(e),
                )
                findings.append(_finding(bp, err, Problem((), msg), config, tr))
            continue
        for p in problems:
            if not ignores.suppresses(r, p.path):
                findings.append(_finding(bp, r, p, config, tr))

    meta: list[tuple[Rule, Problem]] = []
    for entry in ignores.entries():
        if entry.rule is None:
            from salesblueprint.rules.registry import suggest

            hint = suggest(entry.text)
            meta.append(
                (
                    engine_codes.UNKNOWN_RULE,
                    Problem(
                        entry.item,
                        _("no rule '{text}'{hint}", text=entry.text, hint=hint),
                        fix=None if hint else _("`salesblueprint rules` lists every code and name"),
                    ),
                )
            )
        elif entry.rule.check is None and entry.rule not in _META:
            meta.append(
                (
                    engine_codes.UNUSED_IGNORE,
                    Problem(
                        entry.item,
                        _(
                            "ignore '{text}' can never suppress anything: {name} is reported "
                            "while reading the file or by the engine itself, where lint "
                            "settings do not apply; remove it",
                            text=entry.text,
                            name=entry.rule.name,
                        ),
                    ),
                )
            )
        elif (
            not entry.used and entry.rule in rules and entry.rule is not engine_codes.UNUSED_IGNORE
        ):
            where = format_path(entry.node) or _("the blueprint")
            meta.append(
                (
                    engine_codes.UNUSED_IGNORE,
                    Problem(
                        entry.item,
                        _(
                            "ignore '{text}' suppresses nothing on {where}; remove it",
                            text=entry.text,
                            where=where,
                        ),
                    ),
                )
            )
    for r, p in meta:
        if config.selects(r) and not ignores.suppresses(r, p.path):
            findings.append(_finding(bp, r, p, config, tr))
    findings.sort(key=Finding.sort_key)
    return findings
