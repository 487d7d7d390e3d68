"""From a file to a :class:`Blueprint`: read, validate against the schema, resolve references.

Every problem is collected as a finding with its line and column; nothing stops at the first.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, get_args

from pydantic import BaseModel, ValidationError

from salesblueprint.diagnostics import load_codes as codes
from salesblueprint.diagnostics.codes import Code
from salesblueprint.diagnostics.findings import (
    BlueprintError,
    CappedFindings,
    Finding,
    Path,
    format_path,
    make_finding,
)
from salesblueprint.diagnostics.suggest import did_you_mean
from salesblueprint.loading.yaml_reader import (
    DEFAULT_LIMITS,
    Limits,
    Pos,
    PosDict,
    YamlReader,
    locate,
    read_yaml,
)
from salesblueprint.model.blueprint import (
    Blueprint,
    Handoff,
    Pipeline,
    Recycle,
    _assign_paths,
)


@dataclass
class LoadResult:
    """A blueprint (or ``None`` when it could not be built) and the findings of loading it."""

    file: str
    blueprint: Blueprint | None
    findings: list[Finding] = field(default_factory=list)
    source: PosDict | None = None

    @property
    def ok(self) -> bool:
        return self.blueprint is not None


class _Collector:
    def __init__(self, file: str, source: PosDict | None, default_pos: Pos | None = None) -> None:
        self.file = file
        self.source = source
        self.default_pos = default_pos
        self._found = CappedFindings()

    @property
    def findings(self) -> list[Finding]:
        """At most 50 findings per rule, then one "… and N more" (a file can hold 50,000)."""
        return self._found.close()

    def add(
        self, r: Code, path: Path, message: str | Callable[[], str], *, key: bool = False
    ) -> None:
        """Report ``message`` at ``path``; a callable message is only built when it is shown."""

        def build() -> Finding:
            pos = locate(self.source, path, key=key) if self.source is not None else None
            pos = pos or self.default_pos
            text = message if isinstance(message, str) else message()
            return make_finding(r, text, file=self.file, pos=pos, path=path)

        self._found.add(r.code, self.file, build)

    def unknown(
        self, path: Path, message: str, ref: str, options: Iterable[str], fallback: str = ""
    ) -> None:
        """An unknown reference: ``message`` and a did-you-mean hint (else ``fallback``).

        The hint, a fuzzy match over every id, is only worked out for a finding that is shown:
        10,000 broken references among 10,000 stages must not cost 10,000 of them.
        """
        self.add(
            codes.UNKNOWN_REFERENCE,
            path,
            lambda: message + (did_you_mean(ref, options) or fallback),
        )


# -- schema errors ----------------------------------------------------------------------
def _unwrap(tp: Any) -> type[BaseModel] | None:
    """The model class inside ``X | None``, ``list[X]`` ... if any."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    for arg in get_args(tp):
        m = _unwrap(arg)
        if m is not None:
            return m
    return None


def _model_at(loc: Sequence[str | int]) -> type[BaseModel] | None:
    model: type[BaseModel] | None = Blueprint
    for part in loc:
        if isinstance(part, int) or model is None:
            continue
        info = next(
            (f for n, f in model.model_fields.items() if (f.alias or n) == part),
            None,
        )
        model = _unwrap(info.annotation) if info else None
    return model


def _field_names(model: type[BaseModel]) -> list[str]:
    return [f.alias or n for n, f in model.model_fields.items()]


def _describe(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (an empty value)"
    return f"'{value}'"


def _schema_findings(col: _Collector, err: ValidationError) -> None:
    for e in err.errors(include_url=False):
        loc: Path = tuple(p for p in e["loc"] if isinstance(p, str | int))
        typ = e["type"]
        key = str(loc[-1]) if loc and isinstance(loc[-1], str) else ""
        where = f"'{key}'" if key else "item"
        if typ == "extra_forbidden":

            def unknown(loc: Path = loc, key: str = key) -> str:
                model = _model_at(loc[:-1])
                allowed = _field_names(model) if model else []
                hint = did_you_mean(key, allowed)
                if not hint and allowed:
                    hint = f"; allowed here: {', '.join(allowed)}"
                return f"unknown key '{key}'{hint}"

            col.add(codes.UNKNOWN_KEY, loc, unknown, key=True)
        elif typ == "missing":
            parent = format_path(loc[:-1]) or "the blueprint"
            col.add(codes.MISSING_KEY, loc, f"missing required key '{key}' in {parent}")
        elif typ in ("model_type", "dict_type", "model_attributes_type"):
            col.add(
                codes.INVALID_VALUE,
                loc,
                f"{where}: expected a mapping of keys, got {_describe(e['input'])}",
            )
        elif typ == "list_type":
            col.add(
                codes.INVALID_VALUE, loc, f"{where}: expected a list, got {_describe(e['input'])}"
            )
        elif typ == "literal_error":
            expected = e.get("ctx", {}).get("expected", "")
            col.add(
                codes.INVALID_VALUE,
                loc,
                f"{where}: expected {expected}, got {_describe(e['input'])}",
            )
        elif typ == "value_error":
            msg = str(e.get("ctx", {}).get("error", e["msg"]))
            col.add(codes.INVALID_VALUE, loc, f"{where}: {msg}")
        elif typ in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            ctx = e.get("ctx", {})
            bound = {
                "greater_than_equal": f"at least {ctx.get('ge')}",
                "less_than_equal": f"at most {ctx.get('le')}",
                "greater_than": f"more than {ctx.get('gt')}",
                "less_than": f"less than {ctx.get('lt')}",
            }[typ]
            extra = " (a share between 0 and 1)" if ctx.get("le") == 1 else ""
            col.add(
                codes.INVALID_VALUE,
                loc,
                f"{where} must be {bound}{extra}, got {_describe(e['input'])}",
            )
        elif typ == "too_short":
            col.add(codes.INVALID_VALUE, loc, f"{where} needs at least one item")
        else:
            col.add(codes.INVALID_VALUE, loc, f"{where}: {e['msg']}")


# -- references -------------------------------------------------------------------------
def _duplicate_ids(col: _Collector, items: Sequence[Any], what: str) -> None:
    seen: dict[str, Path] = {}
    for item in items:
        if item.id in seen:
            first = locate(col.source, seen[item.id]) if col.source is not None else None
            at = f" (first at line {first[0]})" if first else ""
            col.add(codes.DUPLICATE_ID, (*item.path, "id"), f"duplicate {what} '{item.id}'{at}")
        else:
            seen[item.id] = item.path


def _references(col: _Collector, bp: Blueprint, broken: frozenset[str] = frozenset()) -> None:
    """Duplicate ids and unresolved references.

    ``broken`` names top-level sections that did not validate (and are empty in ``bp``):
    references into them are not checked, since their ids are unknown.
    """
    from salesblueprint.model.graph import StageIndex

    _duplicate_ids(col, bp.teams, "team id")
    _duplicate_ids(col, bp.tools, "tool id")
    _duplicate_ids(col, bp.pipelines, "pipeline id")
    if bp.lifecycle:
        _duplicate_ids(col, bp.lifecycle.stages, "lifecycle stage id")
    for p in bp.pipelines:
        _duplicate_ids(col, [*p.stages, *p.after_close], f"stage id in pipeline '{p.id}':")

    teams = [t.id for t in bp.teams]
    team_set = set(teams)
    no_team = " (declare it under 'teams:')" if not teams else f"; teams: {', '.join(teams)}"

    def team(owner: str | None, path: Path) -> None:
        if owner is not None and owner not in team_set and "teams" not in broken:
            col.unknown((*path, "owner"), f"owner '{owner}' is not a team", owner, teams, no_team)

    idx = StageIndex.build(bp)

    stages_known = not {"lifecycle", "pipelines"} & broken

    def stage(ref: str, path: Path, key: str, pipeline: Pipeline | None = None) -> None:
        if stages_known and idx.resolve(ref, pipeline) is None:
            where = f" in pipeline '{pipeline.id}' or the lifecycle" if pipeline else ""
            col.unknown(
                (*path, key), f"{key}: no stage '{ref}'{where}", ref, idx.candidates(pipeline)
            )

    if bp.lifecycle:
        pipelines = [p.id for p in bp.pipelines]
        for ls in bp.lifecycle.stages:
            team(ls.owner, ls.path)
            if ls.pipeline is not None and ls.pipeline not in pipelines and stages_known:
                col.unknown(
                    (*ls.path, "pipeline"),
                    f"pipeline '{ls.pipeline}' is not declared under 'pipelines:'",
                    ls.pipeline,
                    pipelines,
                )
        for t in bp.lifecycle.transitions:
            for key, ref in (("from", t.from_), ("to", t.to)):
                stage(ref, t.path, key)
    for p in bp.pipelines:
        team(p.owner, p.path)
        for ds in [*p.stages, *p.after_close]:
            team(ds.owner, ds.path)
        for t in p.transitions:
            for key, ref in (("from", t.from_), ("to", t.to)):
                stage(ref, t.path, key, p)
    if bp.sla:
        moves: list[Handoff | Recycle] = [bp.sla.handoff] if bp.sla.handoff else []
        for m in [*moves, *bp.sla.recycle]:
            stage(m.from_, m.path, "from")
            stage(m.to, m.path, "to")

    tools = {t.id: t for t in bp.tools}
    for _stage, crit in bp.iter_criteria():
        if crit.recorded_in is None or "tools" in broken:
            continue
        tool_id, _, record = crit.recorded_in.partition(".")
        tool = tools.get(tool_id)
        path = (*crit.path, "recorded_in")
        if tool is None:
            no_tool = " (declare it under 'tools:')" if not tools else ""
            col.unknown(path, f"recorded_in: no tool '{tool_id}'", tool_id, tools, no_tool)
        elif record and record not in tool.records:
            col.unknown(
                path,
                f"recorded_in: tool '{tool_id}' does not record '{record}'",
                record,
                tool.records,
                f"; add '{record}' to its records",
            )
    for f in bp.flows:
        for key, ref in (("from", f.from_), ("to", f.to)):
            if ref not in tools and "tools" not in broken:
                col.unknown((*f.path, key), f"{key}: no tool '{ref}'", ref, tools)
        if f.trigger is not None:
            stage(f.trigger, f.path, "trigger")


# -- entry points -----------------------------------------------------------------------
def _check_version(col: _Collector, root: Mapping[str, Any]) -> bool:
    if "salesblueprint" not in root:
        col.add(
            codes.UNSUPPORTED_VERSION,
            (),
            "missing 'salesblueprint: 1' (the format version) at the top of the file",
        )
        return False
    v = root["salesblueprint"]
    if v != "1" and v != 1:
        col.add(
            codes.UNSUPPORTED_VERSION,
            ("salesblueprint",),
            f"format version {_describe(v)} is not supported; this release reads "
            "'salesblueprint: 1'",
        )
        return False
    return True


_SECTIONS = ("teams", "lifecycle", "pipelines", "sla", "tools", "flows")


def _valid_sections(
    root: Mapping[str, Any], err: ValidationError
) -> tuple[Blueprint, frozenset[str]]:
    """A blueprint of the sections that validated, and the names of those that did not."""
    from pydantic import TypeAdapter

    broken = frozenset(
        str(e["loc"][0]) for e in err.errors() if e["loc"] and e["loc"][0] in _SECTIONS
    )
    fields: dict[str, Any] = {}
    for key in _SECTIONS:
        if key in root and key not in broken:
            annotation: Any = Blueprint.model_fields[key].annotation
            try:
                fields[key] = TypeAdapter(annotation).validate_python(root[key])
            except ValidationError:  # pragma: no cover - it validated as part of the whole
                broken |= {key}
    partial = Blueprint.model_construct(salesblueprint=1, name="", **fields)
    _assign_paths(partial, ())
    return partial, broken


def validate_data(root: PosDict | dict[str, Any], file: str = "") -> LoadResult:
    """Validate already-read data (from :func:`read_yaml`, or a plain dict) into a blueprint."""
    source = root if isinstance(root, PosDict) else None
    col = _Collector(file, source)
    if not _check_version(col, root):
        return LoadResult(file, None, col.findings, source)
    try:
        bp = Blueprint.model_validate(root)
    except ValidationError as err:
        _schema_findings(col, err)
        partial, broken = _valid_sections(root, err)
        _references(col, partial, broken)  # every problem in one run, not schema first
        return LoadResult(file, None, col.findings, source)
    _references(col, bp)
    if col.findings:
        return LoadResult(file, None, col.findings, source)
    bp._file = file
    bp._source = source
    return LoadResult(file, bp, [], source)


def load_bytes(data: bytes, file: str = "", limits: Limits = DEFAULT_LIMITS) -> LoadResult:
    root, findings = read_yaml(data, file, limits)
    if root is None:
        return LoadResult(file, None, list(findings))
    result = validate_data(root, file)
    # a node the reader already reported (a forbidden tag ...) is not reported twice
    seen = {(f.line, f.column) for f in findings}
    result.findings = [*findings, *(f for f in result.findings if (f.line, f.column) not in seen)]
    if findings:  # e.g. a duplicate key: the data is incomplete, so no blueprint
        result.blueprint = None
    return result


FilePath = str | bytes | os.PathLike[str] | os.PathLike[bytes]


def _unreadable(name: str, message: str) -> LoadResult:
    col = _Collector(name, None, (1, 1))
    col.add(codes.UNREADABLE, (), message)
    return LoadResult(name, None, col.findings)


def load_file(path: FilePath, limits: Limits = DEFAULT_LIMITS) -> LoadResult:
    """Load one file; every problem becomes a finding, nothing raises for bad input.

    That includes a ``path`` that names no file: ``None``, a number, a path with a NUL
    character, a directory or a missing file are each one ``SB011 unreadable-file`` finding.
    """
    from salesblueprint.loading.files import open_regular

    if not isinstance(path, str | bytes | os.PathLike):
        return _unreadable(
            "", f"not a file path: expected str, bytes or os.PathLike, got {type(path).__name__}"
        )
    try:
        name = os.fsdecode(path)
    except Exception as e:  # a PathLike whose __fspath__ fails or returns no path
        return _unreadable("", f"not a file path: {e}")
    if "\x00" in name:
        return _unreadable(name, "cannot read the file: its path contains a NUL character")
    try:
        reader = YamlReader(name, limits)
        with open_regular(name) as fh:  # a FIFO or a device is a finding, not a hang
            if not reader.check_size(os.fstat(fh.fileno()).st_size):
                return LoadResult(name, None, reader.findings)
            data = fh.read(limits.max_bytes + 1)
    except (OSError, ValueError) as e:  # ValueError: a path the OS cannot take
        return _unreadable(name, f"cannot read the file: {getattr(e, 'strerror', None) or e}")
    return load_bytes(data, name, limits)


def load(path: FilePath) -> Blueprint:
    """Load and validate a blueprint file.

    Raises :class:`salesblueprint.BlueprintError` listing every problem (with file, line and
    column) when the file is not a valid blueprint.
    """
    result = load_file(path)
    if result.blueprint is None:
        raise BlueprintError(result.findings)
    return result.blueprint
