"""Semantic diff of two blueprints: what a change does to the sales process.

Stages are matched by id, so a stage whose name changes is *renamed*, not removed and added.
The diff reports stages added, removed, renamed and reordered; changes to exit criteria,
probabilities, conversion rates, owners and other stage fields; transitions; teams; the SLA
terms; tools, records, systems of record and flows; and the findings the change introduces
and resolves. Output as text, JSON or Markdown (for a pull-request comment). Ordering is
deterministic: the order of the file, then by id.

Either side may be a file or a git revision (``HEAD~1:blueprint.yaml``), read with
``git show``.
"""

from __future__ import annotations

import difflib
import os
import subprocess
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from salesblueprint.diagnostics.findings import Finding
from salesblueprint.i18n import Msg, _
from salesblueprint.model.blueprint import (
    Blueprint,
    DealStage,
    ExitCriterion,
    LifecycleStage,
    Node,
    Transition,
)
from salesblueprint.model.load import LoadResult, load_bytes, load_file
from salesblueprint.rules.config import Config, limits_for


@dataclass(frozen=True)
class Change:
    """One difference. ``section`` groups changes (``lifecycle``, ``pipeline new_business``,
    ``sla``, ``tools`` ...); ``kind`` is ``added``, ``removed``, ``renamed``, ``reordered``
    or ``changed``; ``subject`` names what changed (``stage 'mql'``) and ``field`` which key."""

    section: str
    kind: str
    subject: str
    message: str
    field: str | None = None
    old: Any = None
    new: Any = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "kind": self.kind,
            "subject": self.subject,
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "message": self.message,
        }


@dataclass
class Side:
    """One side of the diff: its label (file or ``REV:path``) and what loading it gave."""

    label: str
    result: LoadResult
    findings: list[Finding] = field(default_factory=list)

    @property
    def blueprint(self) -> Blueprint | None:
        return self.result.blueprint


@dataclass
class BlueprintDiff:
    old: Side
    new: Side
    changes: list[Change] = field(default_factory=list)
    introduced: list[Finding] = field(default_factory=list)
    resolved: list[Finding] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Both sides loaded."""
        return self.old.blueprint is not None and self.new.blueprint is not None

    def summary(self) -> dict[str, int]:
        counts: Counter[str] = Counter(c.kind for c in self.changes)
        out = {k: counts.get(k, 0) for k in ("added", "removed", "renamed", "reordered")}
        out["changed"] = counts.get("changed", 0)
        out["findings_introduced"] = len(self.introduced)
        out["findings_resolved"] = len(self.resolved)
        return out


# -- reading the sides -------------------------------------------------------------------
class SideError(Exception):
    """A side could not be read at all (git missing, unknown revision ...)."""


def _git_show(spec: str) -> bytes:
    rev, _, path = spec.partition(":")
    if rev.startswith("-"):  # an option to git (--output=FILE writes a file), not a revision
        raise SideError(f"cannot read {spec}: '{rev}' is not a git revision")
    directory = "."
    if path.startswith(("./", "../")) or os.path.dirname(path) == "":
        # relative to the current directory, as the user sees it
        directory, path = os.path.dirname(path) or ".", "./" + os.path.basename(path)
    try:
        proc = subprocess.run(
            # git 2.24+: whatever the user wrote after this is a revision, never an option
            ["git", "-C", directory, "show", "--end-of-options", f"{rev}:{path}"],
            capture_output=True,
            check=False,
            timeout=60,
        )
    except FileNotFoundError:
        raise SideError(f"cannot read {spec}: git is not installed") from None
    except (OSError, subprocess.SubprocessError) as e:
        raise SideError(f"cannot read {spec} from git: {e}") from None
    if proc.returncode != 0:
        msg = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise SideError(f"cannot read {spec} from git: {msg[-1] if msg else 'git show failed'}")
    return proc.stdout


def is_git_spec(arg: str) -> bool:
    """``REV:path`` that is not an existing file (``C:\\x`` on Windows is a file)."""
    return ":" in arg and not os.path.exists(arg) and not arg.startswith(":")


def read_side(arg: str, config: Config | None = None, lang: str | None = None) -> Side:
    """Load one side (a file, or ``REV:path`` from git; within the project's ``max-nodes``)
    and check it (messages in ``lang``, or else in the side's ``language:``)."""
    from salesblueprint.rules.engine import run_rules

    limits = limits_for(config)
    if is_git_spec(arg):
        result = load_bytes(_git_show(arg), arg, limits, lang=lang)
    else:
        result = load_file(arg, limits, lang=lang)
    side = Side(arg, result)
    if result.blueprint is not None:
        side.findings = run_rules(result.blueprint, config, lang)
    return side


# -- comparing ----------------------------------------------------------------------------
def _show(v: Any) -> str:
    if v is None:
        return "(none)"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    if isinstance(v, list | tuple):
        return "[" + ", ".join(_show(x) for x in v) + "]"
    return str(v)


def _plain(v: Any) -> Any:
    """A JSON-friendly copy of a value (models to dicts, tuples to lists)."""
    if isinstance(v, Node):
        return v.model_dump(by_alias=True, exclude_defaults=True)
    if isinstance(v, list | tuple):
        return [_plain(x) for x in v]
    return v


_STAGE = _("stage")
_TRANSITION = _("transition")
_PLURALS = {
    "stage": _("stages"),
    "after-close stage": _("after-close stages"),
    "team": _("teams"),
    "pipeline": _("pipelines"),
    "tool": _("tools"),
    "flow": _("flows"),
    "transition": _("transitions"),
    "scoring rule": _("scoring rules"),
    "recycle": _("recycles"),
}


def _subject(what: str, key: str) -> Msg:
    return _("{what} '{key}'", what=what, key=key)


def _criterion(subject: str, outcome: str) -> Msg:
    return _("{subject} exit criterion '{outcome}'", subject=subject, outcome=outcome)


class _Differ:
    def __init__(self) -> None:
        self.changes: list[Change] = []

    def add(
        self,
        section: str,
        kind: str,
        subject: str,
        message: str,
        field: str | None = None,
        old: Any = None,
        new: Any = None,
    ) -> None:
        self.changes.append(
            Change(section, kind, subject, message, field, _plain(old), _plain(new))
        )

    def renamed(self, section: str, what: str, k: str, a: Any, b: Any) -> None:
        """A change of ``name`` on two nodes matched by id."""
        if a.name != b.name:
            self.add(
                section,
                "renamed",
                _subject(what, k),
                _(
                    "{what} '{key}' renamed: {old} → {new}",
                    what=what,
                    key=k,
                    old=_show(a.name),
                    new=_show(b.name),
                ),
                "name",
                a.name,
                b.name,
            )

    def fields(
        self,
        section: str,
        subject: str,
        old: Node,
        new: Node,
        skip: Iterable[str] = (),
    ) -> None:
        """Compare the plain fields of two nodes (everything but lists of nodes and ``lint``)."""
        skipped = {"lint", "id", *skip}
        for name, info in type(new).model_fields.items():
            key = info.alias or name
            if key in skipped:
                continue
            a, b = getattr(old, name, None), getattr(new, name, None)
            if _holds_nodes(a) or _holds_nodes(b):
                continue  # compared item by item elsewhere
            if a == b:
                continue
            if isinstance(a, list) and isinstance(b, list):
                gone = [x for x in a if x not in b]
                came = [x for x in b if x not in a]
                parts: list[str] = []
                if came:
                    parts.append(_("added {values}", values=_show(came)))
                if gone:
                    parts.append(_("removed {values}", values=_show(gone)))
                if not parts:
                    parts.append(_("reordered {old} → {new}", old=_show(a), new=_show(b)))
                changes = parts[0]
                for part in parts[1:]:
                    changes = _("{first}; {second}", first=changes, second=part)
                message = _("{subject}: {key} {changes}", subject=subject, key=key, changes=changes)
                self.add(section, "changed", subject, message, key, a, b)
            else:
                self.add(
                    section,
                    "changed",
                    subject,
                    _(
                        "{subject}: {key} {old} → {new}",
                        subject=subject,
                        key=key,
                        old=_show(a),
                        new=_show(b),
                    ),
                    key,
                    a,
                    b,
                )

    def keyed(
        self,
        section: str,
        what: str,
        old: Sequence[Any],
        new: Sequence[Any],
        key: Callable[[Any], str],
        describe: Callable[[Any], str],
        compare: Callable[[str, Any, Any], None] | None = None,
        order: bool = False,
    ) -> None:
        """Match two lists by key: added, removed, (optionally) reordered, then compare."""
        old_keys = _unique([key(x) for x in old])
        new_keys = _unique([key(x) for x in new])
        old_by = dict(zip(old_keys, old, strict=True))
        new_by = dict(zip(new_keys, new, strict=True))
        for i, k in enumerate(new_keys):
            if k not in old_by:
                after = next((new_keys[j] for j in range(i - 1, -1, -1)), None)
                where = (
                    _(" after '{key}'", key=after)
                    if order and after
                    else (_(" first") if order else "")
                )
                self.add(
                    section,
                    "added",
                    _subject(what, k),
                    _(
                        "{what} {thing} added{where}",
                        what=what,
                        thing=describe(new[i]),
                        where=where,
                    ),
                    None,
                    None,
                    new[i],
                )
        for i, k in enumerate(old_keys):
            if k not in new_by:
                self.add(
                    section,
                    "removed",
                    _subject(what, k),
                    _("{what} {thing} removed", what=what, thing=describe(old[i])),
                    None,
                    old[i],
                    None,
                )
        common_old = [k for k in old_keys if k in new_by]
        common_new = [k for k in new_keys if k in old_by]
        if order and common_old != common_new:
            self.add(
                section,
                "reordered",
                f"{what}s",
                _(
                    "{things} reordered: {old} → {new}",
                    things=_PLURALS.get(what, f"{what}s"),
                    old=", ".join(common_old),
                    new=", ".join(common_new),
                ),
                "order",
                common_old,
                common_new,
            )
        if compare is not None:
            for k in common_new:
                compare(k, old_by[k], new_by[k])

    # -- the parts of a blueprint ---------------------------------------------------------
    def stages(
        self,
        section: str,
        old: Sequence[LifecycleStage | DealStage],
        new: Sequence[LifecycleStage | DealStage],
        what: str = _STAGE,
    ) -> None:
        def compare(k: str, a: LifecycleStage | DealStage, b: LifecycleStage | DealStage) -> None:
            subject = _subject(what, k)
            self.renamed(section, what, k, a, b)
            self.fields(section, subject, a, b, skip=("name", "exit_criteria"))
            self.criteria(section, subject, a.exit_criteria, b.exit_criteria)

        self.keyed(section, what, old, new, lambda s: s.id, _describe_stage, compare, order=True)

    def criteria(
        self, section: str, subject: str, old: list[ExitCriterion], new: list[ExitCriterion]
    ) -> None:
        old_out = [c.outcome for c in old]
        new_out = [c.outcome for c in new]
        gone = [c for c in old if c.outcome not in new_out]
        came = [c for c in new if c.outcome not in old_out]
        # a criterion whose words changed a little is reworded, not removed and added
        for c in list(came):
            best = max(
                gone,
                key=lambda g: difflib.SequenceMatcher(None, g.outcome, c.outcome).ratio(),
                default=None,
            )
            if best is not None and (
                difflib.SequenceMatcher(None, best.outcome, c.outcome).ratio() >= 0.6
            ):
                gone.remove(best)
                came.remove(c)
                self.add(
                    section,
                    "changed",
                    subject,
                    _(
                        "{subject}: exit criterion reworded: '{old}' → '{new}'",
                        subject=subject,
                        old=best.outcome,
                        new=c.outcome,
                    ),
                    "exit_criteria",
                    best,
                    c,
                )
                self.fields(section, _criterion(subject, c.outcome), best, c, skip=("outcome",))
        for c in came:
            self.add(
                section,
                "added",
                subject,
                _(
                    "{subject}: exit criterion added: '{outcome}'{where}",
                    subject=subject,
                    outcome=c.outcome,
                    where=_where(c),
                ),
                "exit_criteria",
                None,
                c,
            )
        for c in gone:
            self.add(
                section,
                "removed",
                subject,
                _(
                    "{subject}: exit criterion removed: '{outcome}'",
                    subject=subject,
                    outcome=c.outcome,
                ),
                "exit_criteria",
                c,
                None,
            )
        for b in new:
            a = next((x for x in old if x.outcome == b.outcome), None)
            if a is not None:
                self.fields(section, _criterion(subject, b.outcome), a, b, skip=("outcome",))
        old_common = [o for o in old_out if o in new_out]
        new_common = [o for o in new_out if o in old_out]
        if old_common != new_common:
            self.add(
                section,
                "reordered",
                subject,
                _("{subject}: exit criteria reordered", subject=subject),
                "exit_criteria",
                old_common,
                new_common,
            )

    def transitions(self, section: str, old: list[Transition], new: list[Transition]) -> None:
        def key(t: Transition) -> str:
            return f"{t.from_} → {t.to}"

        def describe(t: Transition) -> str:
            when = f" (when: {t.when})" if t.when else ""
            return f"'{t.from_} → {t.to}' ({t.kind}){when}"

        def compare(k: str, a: Transition, b: Transition) -> None:
            self.fields(section, _subject(_TRANSITION, k), a, b, skip=("from", "to"))

        self.keyed(section, _TRANSITION, old, new, key, describe, compare)


def _unique(keys: list[str]) -> list[str]:
    """Keys made unique by occurrence (two transitions between the same stages ...)."""
    seen: Counter[str] = Counter()
    out = []
    for k in keys:
        seen[k] += 1
        out.append(k if seen[k] == 1 else f"{k} #{seen[k]}")
    return out


def _holds_nodes(value: Any) -> bool:
    if isinstance(value, Node):
        return True
    return isinstance(value, list) and any(isinstance(x, Node) for x in value)


def _describe_stage(s: LifecycleStage | DealStage) -> str:
    label = f"'{s.id}'" if not s.name else f"'{s.id}' ({s.name})"
    if isinstance(s, DealStage) and s.outcome:
        label += f" [outcome: {s.outcome}]"
    return label


def _where(c: ExitCriterion) -> str:
    parts = []
    if c.evidence:
        parts.append(f"evidence: {c.evidence}")
    if c.recorded_in:
        parts.append(_("recorded in {tool}", tool=c.recorded_in))
    if not parts:
        return ""
    return (
        _(" ({parts})", parts=parts[0])
        if len(parts) == 1
        else _(" ({first}; {second})", first=parts[0], second=parts[1])
    )


def _id(x: Any) -> str:
    return str(x.id)


def _label(x: Any) -> str:
    name = getattr(x, "name", None)
    return f"'{x.id}' ({name})" if name else f"'{x.id}'"


def compare_blueprints(old: Blueprint, new: Blueprint) -> list[Change]:
    """Every difference between two loaded blueprints, in a deterministic order."""
    d = _Differ()
    d.fields("blueprint", _("blueprint"), old, new)
    team_, pipeline_, tool_, flow_ = _("team"), _("pipeline"), _("tool"), _("flow")

    def team(k: str, a: Any, b: Any) -> None:
        d.renamed("teams", team_, k, a, b)
        d.fields("teams", _subject(team_, k), a, b, skip=("name",))

    d.keyed("teams", team_, old.teams, new.teams, _id, _label, team)

    old_lc, new_lc = old.lifecycle, new.lifecycle
    if old_lc is None and new_lc is not None:
        d.add(
            "lifecycle",
            "added",
            "lifecycle",
            _(
                "lifecycle added [stages: {stages}]",
                stages=", ".join(s.id for s in new_lc.stages),
            ),
            None,
            None,
            [s.id for s in new_lc.stages],
        )
    elif old_lc is not None and new_lc is None:
        d.add(
            "lifecycle",
            "removed",
            "lifecycle",
            _("lifecycle removed"),
            None,
            [s.id for s in old_lc.stages],
            None,
        )
    elif old_lc is not None and new_lc is not None:
        d.stages("lifecycle", old_lc.stages, new_lc.stages)
        d.transitions("lifecycle", old_lc.transitions, new_lc.transitions)

    def pipeline(k: str, a: Any, b: Any) -> None:
        section = f"pipeline {k}"
        d.renamed(section, pipeline_, k, a, b)
        d.fields(section, _subject(pipeline_, k), a, b, skip=("name",))
        d.stages(section, a.stages, b.stages)
        d.stages(section, a.after_close, b.after_close, _("after-close stage"))
        d.transitions(section, a.transitions, b.transitions)

    def describe_pipeline(p: Any) -> str:
        return f"{_label(p)} [stages: {', '.join(s.id for s in [*p.stages, *p.after_close])}]"

    d.keyed("pipelines", pipeline_, old.pipelines, new.pipelines, _id, describe_pipeline, pipeline)

    _sla(d, old, new)

    def tool(k: str, a: Any, b: Any) -> None:
        d.renamed("tools", tool_, k, a, b)
        d.fields("tools", _subject(tool_, k), a, b, skip=("name",))

    d.keyed("tools", tool_, old.tools, new.tools, _id, _label, tool)

    def flow_key(f: Any) -> str:
        return f"{f.from_} → {f.to}"

    def flow(k: str, a: Any, b: Any) -> None:
        d.fields("flows", _subject(flow_, k), a, b, skip=("from", "to"))

    d.keyed(
        "flows",
        flow_,
        old.flows,
        new.flows,
        flow_key,
        lambda f: f"'{flow_key(f)}' (data: {_show(f.data)})",
        flow,
    )
    return d.changes


_KINDS = {"added": _("added"), "removed": _("removed")}


def _sla(d: _Differ, old: Blueprint, new: Blueprint) -> None:
    a, b = old.sla, new.sla
    if a is None and b is None:
        return
    if a is None or b is None:
        kind = "added" if a is None else "removed"
        d.add("sla", kind, "sla", _("SLA {kind}", kind=_KINDS[kind]), None, a, b)
        return
    d.fields("sla", "sla", a, b)
    for part in ("handoff", "disqualify", "scoring", "targets"):
        x, y = getattr(a, part), getattr(b, part)
        if x is None and y is None:
            continue
        if x is None or y is None:
            kind = "added" if x is None else "removed"
            message = _("SLA {part} {kind}", part=part, kind=_KINDS[kind])
            d.add("sla", kind, f"sla {part}", message, part, x, y)
            continue
        d.fields("sla", f"sla {part}", x, y)
    if a.scoring is not None and b.scoring is not None:

        def rule(k: str, x: Any, y: Any) -> None:
            d.fields("sla", _subject(scoring_rule, k), x, y, skip=("signal",))

        scoring_rule = _("scoring rule")
        d.keyed(
            "sla",
            scoring_rule,
            a.scoring.rules,
            b.scoring.rules,
            lambda r: str(r.signal),
            lambda r: _("'{signal}' ({points} points)", signal=r.signal, points=_show(r.points)),
            rule,
        )

    def recycle_key(r: Any) -> str:
        return f"{r.from_} → {r.to}"

    def recycle(k: str, x: Any, y: Any) -> None:
        d.fields("sla", _subject(recycle_, k), x, y, skip=("from", "to"))

    recycle_ = _("recycle")
    d.keyed(
        "sla",
        recycle_,
        a.recycle,
        b.recycle,
        recycle_key,
        lambda r: f"'{recycle_key(r)}'",
        recycle,
    )


def _finding_key(f: Finding) -> tuple[str, str]:
    return (f.rule, f.message)


def _finding_delta(old: list[Finding], new: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """Findings only on the new side (introduced) and only on the old side (resolved).

    Matched by rule and message, not by line: lines move when anything above them changes.
    """
    old_count = Counter(_finding_key(f) for f in old)
    new_count = Counter(_finding_key(f) for f in new)
    introduced, resolved = [], []
    seen: Counter[tuple[str, str]] = Counter()
    for f in new:
        k = _finding_key(f)
        seen[k] += 1
        if seen[k] > old_count.get(k, 0):
            introduced.append(f)
    seen.clear()
    for f in old:
        k = _finding_key(f)
        seen[k] += 1
        if seen[k] > new_count.get(k, 0):
            resolved.append(f)
    return introduced, resolved


def diff_sides(old: Side, new: Side) -> BlueprintDiff:
    result = BlueprintDiff(old, new)
    if old.blueprint is None or new.blueprint is None:
        return result
    result.changes = compare_blueprints(old.blueprint, new.blueprint)
    result.introduced, result.resolved = _finding_delta(old.findings, new.findings)
    return result


def diff(
    old: str, new: str, config: Config | None = None, lang: str | None = None
) -> BlueprintDiff:
    """Diff two blueprints given as files or ``REV:path`` git specs."""
    return diff_sides(read_side(old, config, lang), read_side(new, config, lang))
