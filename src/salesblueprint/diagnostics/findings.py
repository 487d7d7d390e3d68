"""Findings: what every check, the loader and the schema report.

A :class:`Finding` is a plain value with the rule that produced it, a short message (what is
wrong), optionally a ``fix`` (what to do about it, like ruff's fix title), and where it points:
the file, a 1-based line and column, and the path of the node in the blueprint
(``pipelines[0].stages[1].exit_criteria[0]``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal, Protocol

if TYPE_CHECKING:
    from salesblueprint.diagnostics.codes import Code

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_RANK: dict[str, int] = {"error": 0, "warning": 1, "info": 2}

PathPart = str | int
Path = tuple[PathPart, ...]


def format_path(path: Sequence[PathPart]) -> str:
    """Render ``("pipelines", 0, "stages", 1)`` as ``pipelines[0].stages[1]``."""
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        else:
            out.append(f".{part}" if out else part)
    return "".join(out)


@dataclass(frozen=True)
class Finding:
    """One problem found in a blueprint file."""

    rule: str
    name: str
    severity: Severity
    message: str
    file: str = ""
    line: int | None = None
    column: int | None = None
    path: str = ""
    norm: str | None = None
    fix: str | None = None  # what to do about it, when the rule can say
    # the node path as a tuple, for tools that want to walk the model; not part of the output
    node: Path = field(default=(), compare=False, repr=False)
    # a closing "… and N more" finding: the N findings it stands for (0 for any other finding)
    more: int = field(default=0, compare=False, repr=False)

    def to_dict(self) -> dict[str, object]:
        """The finding as the contract's JSON object.

        ``norm`` only for the four-norm rules, ``fix`` only when the finding has one.
        """
        data: dict[str, object] = {"rule": self.rule, "name": self.name}
        if self.norm is not None:
            data["norm"] = self.norm
        data.update(
            severity=self.severity,
            message=self.message,
            file=self.file,
            line=self.line,
            column=self.column,
            path=self.path,
        )
        if self.fix is not None:
            data["fix"] = self.fix
        return data

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line or 0, self.column or 0, self.rule, self.message)

    @property
    def where(self) -> str:
        """``file:line:col`` (``file`` alone without a position; ``<blueprint>`` without one)."""
        where = self.file or "<blueprint>"
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        return where

    def __str__(self) -> str:
        text = f"{self.where}: {self.severity} {self.rule} {self.name}: {self.message}"
        return text if self.fix is None else f"{text}\n    fix: {self.fix}"


def make_finding(
    code: Code,
    message: str,
    *,
    file: str = "",
    pos: tuple[int, int] | None = None,
    path: Path = (),
    severity: Severity | None = None,
    fix: str | None = None,
    tr: Callable[[str], str] = str,
) -> Finding:
    """The one way to build a finding: a code, a message and where it points.

    ``pos`` is the 1-based line and column (none: the finding has no position); ``severity``
    overrides the code's default (the project's configuration, or one problem's own); ``fix``
    says what to do about it, when the caller can say. ``tr`` renders the message and the fix
    in the language of the file (an ``i18n.Translator``; the default keeps the English text).
    """
    return Finding(
        rule=code.code,
        name=code.name,
        severity=severity or code.severity,
        message=tr(message),
        file=file,
        line=pos[0] if pos else None,
        column=pos[1] if pos else None,
        path=format_path(path),
        norm=code.norm,
        fix=None if fix is None else tr(fix),
        node=path,
    )


MAX_FINDINGS_PER_CODE = 50
MORE_NODE: Path = ("…",)
"""The ``node`` of a closing "… and N more" finding (no real node has this path)."""


class Speaker(Protocol):
    """What renders the "… and N more" text: an ``i18n.Translator`` (a layer above)."""

    def ngettext(self, singular: str, plural: str, n: int, /, **params: Any) -> str: ...


class _English:
    def ngettext(self, singular: str, plural: str, n: int, /, **params: Any) -> str:
        return (singular if n == 1 else plural).format(n=n, **params)


_ENGLISH = _English()


class CappedFindings:
    """Findings, at most ``limit`` per rule and file; the rest are only counted.

    :meth:`close` adds one closing finding per rule that went over: "… and N more", at the
    place of the first one not shown. :meth:`add` builds a finding only when it is kept, so a
    file with 300,000 unknown keys costs 51 findings, not 300,000.
    """

    def __init__(self, limit: int = MAX_FINDINGS_PER_CODE, tr: Speaker | None = None) -> None:
        self.limit = limit
        self.tr: Speaker = tr or _ENGLISH  # the language of the "… and N more" findings
        self.items: list[Finding] = []
        self._counts: dict[tuple[str, str], int] = {}
        self._first_over: dict[tuple[str, str], Finding] = {}
        self._closings: list[Finding] = []  # "… and N more" of an earlier cap, kept as they are

    def add(self, rule: str, file: str, build: Callable[[], Finding]) -> None:
        """Count a finding of ``rule`` in ``file``; ``build`` it only when it is kept (or is the
        first one over the limit, whose place the closing finding takes)."""
        key = (file, rule)
        n = self._counts.get(key, 0) + 1
        self._counts[key] = n
        if n <= self.limit:
            self.items.append(build())
        elif n == self.limit + 1:
            self._first_over[key] = build()

    def append(self, f: Finding) -> None:
        if f.node == MORE_NODE:  # capped before: its count already says how many more
            self._closings.append(f)
        else:
            self.add(f.rule, f.file, lambda: f)

    def extend(self, findings: Sequence[Finding]) -> None:
        for f in findings:
            self.append(f)

    def close(self) -> list[Finding]:
        """The kept findings and one "… and N more" finding per rule that went over."""
        out = [*self.items, *self._closings]
        for key, n in self._counts.items():
            if n <= self.limit:
                continue
            first = self._first_over[key]
            more = n - self.limit
            out.append(
                replace(
                    first,
                    fix=None,
                    node=MORE_NODE,
                    more=more,
                    message=self.tr.ngettext(
                        "… and {count:,} more {name} finding in this file (only the first "
                        "{limit} of each rule are shown)",
                        "… and {count:,} more {name} findings in this file (only the first "
                        "{limit} of each rule are shown)",
                        more,
                        count=more,
                        name=first.name,
                        limit=self.limit,
                    ),
                )
            )
        return out


def cap_per_code(
    findings: Sequence[Finding],
    limit: int = MAX_FINDINGS_PER_CODE,
    tr: Speaker | None = None,
) -> list[Finding]:
    """``findings`` with at most ``limit`` per rule and file, then each "… and N more" (in
    ``tr``'s language)."""
    capped = CappedFindings(limit, tr)
    capped.extend(findings)
    return capped.close()


def summarize(findings: Sequence[Finding]) -> dict[str, int]:
    """How many findings of each severity, as if uncapped: a closing "… and N more" finding
    counts as the N it stands for."""
    counts: dict[str, int] = {s: 0 for s in SEVERITIES}
    for f in findings:
        counts[f.severity] += f.more or 1
    return counts


class BlueprintError(Exception):
    """Raised by :func:`salesblueprint.load` when a file cannot be turned into a blueprint.

    ``findings`` lists every problem found, each with file, line and column.
    """

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings: list[Finding] = sorted(findings, key=Finding.sort_key)
        lines = [str(f) for f in self.findings[:20]]
        if len(self.findings) > 20:
            lines.append(f"... and {len(self.findings) - 20} more")
        n = len(self.findings)
        super().__init__(f"{n} problem{'s' if n != 1 else ''}:\n" + "\n".join(lines))
