"""From a file to a :class:`Blueprint`: read, validate against the schema, resolve references.

Every problem is collected as a finding with its line and column; nothing stops at the first.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
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
from salesblueprint.i18n import LANGUAGES, Translator, _, did_you_mean, translator
from salesblueprint.loading.yaml_reader import (
    DEFAULT_LIMITS,
    Limits,
    Pos,
    PosDict,
    YamlReader,
    locate,
    read_yaml,
    sniff_language,
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
    language: str = "en"  # the language of the messages (the file's ``language:``, or the override)

    @property
    def ok(self) -> bool:
        return self.blueprint is not None


class _Collector:
    def __init__(
        self,
        file: str,
        source: PosDict | None,
        default_pos: Pos | None = None,
        tr: Translator | None = None,
    ) -> None:
        self.file = file
        self.source = source
        self.default_pos = default_pos
        self.tr = tr or translator()
        self._found = CappedFindings(tr=self.tr)

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
            return make_finding(r, text, file=self.file, pos=pos, path=path, tr=self.tr)

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
            lambda: _(
                "{message}{hint}", message=message, hint=did_you_mean(ref, options) or fallback
            ),
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
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    if value is None:
        return _("nothing (an empty value)")
    return f"'{value}'"


def _schema_findings(col: _Collector, err: ValidationError) -> None:
    for e in err.errors(include_url=False):
        loc: Path = tuple(p for p in e["loc"] if isinstance(p, str | int))
        typ = e["type"]
        key = str(loc[-1]) if loc and isinstance(loc[-1], str) else ""
        where = f"'{key}'" if key else _("item")
        if typ == "extra_forbidden":

            def unknown(loc: Path = loc, key: str = key) -> str:
                model = _model_at(loc[:-1])
                allowed = _field_names(model) if model else []
                hint = did_you_mean(key, allowed)
                if not hint and allowed:
                    hint = _("; allowed here: {keys}", keys=", ".join(allowed))
                return _("unknown key '{key}'{hint}", key=key, hint=hint)

            col.add(codes.UNKNOWN_KEY, loc, unknown, key=True)
        elif typ == "missing":
            parent = format_path(loc[:-1]) or _("the blueprint")
            col.add(
                codes.MISSING_KEY,
                loc,
                _("missing required key '{key}' in {parent}", key=key, parent=parent),
            )
        elif typ in ("model_type", "dict_type", "model_attributes_type"):
            col.add(
                codes.INVALID_VALUE,
                loc,
                _(
                    "{where}: expected a mapping of keys, got {value}",
                    where=where,
                    value=_describe(e["input"]),
                ),
            )
        elif typ == "list_type":
            col.add(
                codes.INVALID_VALUE,
                loc,
                _(
                    "{where}: expected a list, got {value}",
                    where=where,
                    value=_describe(e["input"]),
                ),
            )
        elif typ == "literal_error":
            expected = e.get("ctx", {}).get("expected", "")
            col.add(
                codes.INVALID_VALUE,
                loc,
                _(
                    "{where}: expected {expected}, got {value}",
                    where=where,
                    expected=expected,
                    value=_describe(e["input"]),
                ),
            )
        elif typ == "value_error":
            error = e.get("ctx", {}).get("error")
            # our validators raise a translatable message (model/types.py)
            msg = error.args[0] if error is not None and error.args else e["msg"]
            col.add(codes.INVALID_VALUE, loc, _("{where}: {problem}", where=where, problem=msg))
        elif typ in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
            ctx = e.get("ctx", {})
            bound = {
                "greater_than_equal": _("at least {bound}", bound=ctx.get("ge")),
                "less_than_equal": _("at most {bound}", bound=ctx.get("le")),
                "greater_than": _("more than {bound}", bound=ctx.get("gt")),
                "less_than": _("less than {bound}", bound=ctx.get("lt")),
            }[typ]
            extra = _(" (a share between 0 and 1)") if ctx.get("le") == 1 else ""
            col.add(
                codes.INVALID_VALUE,
                loc,
                _(
                    "{where} must be {bound}{extra}, got {value}",
                    where=where,
                    bound=bound,
                    extra=extra,
                    value=_describe(e["input"]),
                ),
            )
        elif typ == "too_short":
            col.add(codes.INVALID_VALUE, loc, _("{where} needs at least one item", where=where))
        else:
            col.add(codes.INVALID_VALUE, loc, f"{where}: {e['msg']}")


# -- references -------------------------------------------------------------------------
def _duplicate_ids(col: _Collector, items: Sequence[Any], what: str) -> None:
    seen: dict[str, Path] = {}
    for item in items:
        if item.id in seen:
            first = locate(col.source, seen[item.id]) if col.source is not None else None
            at = _(" (first at line {line})", line=first[0]) if first else ""
            col.add(
                codes.DUPLICATE_ID,
                (*item.path, "id"),
                _("duplicate {what} '{id}'{at}", what=what, id=item.id, at=at),
            )
        else:
            seen[item.id] = item.path


def _references(col: _Collector, bp: Blueprint, lost: _Lost | None = None) -> None:
    """Duplicate ids and unresolved references.

    ``lost`` holds the ids of the parts of the file that did not validate (and are missing
    from ``bp``): a reference to one of them, or to a part whose ids cannot be read, is not
    reported.
    """
    lost = lost or _Lost()
    from salesblueprint.model.graph import StageIndex

    _duplicate_ids(col, bp.teams, _("team id"))
    _duplicate_ids(col, bp.tools, _("tool id"))
    _duplicate_ids(col, bp.pipelines, _("pipeline id"))
    if bp.lifecycle:
        _duplicate_ids(col, bp.lifecycle.stages, _("lifecycle stage id"))
    for p in bp.pipelines:
        what = _("stage id in pipeline '{id}':", id=p.id)
        _duplicate_ids(col, [*p.stages, *p.after_close], what)

    teams = [t.id for t in bp.teams]
    team_set = set(teams)
    no_team = (
        _(" (declare it under 'teams:')")
        if not teams
        else _("; teams: {teams}", teams=", ".join(teams))
    )

    def team(owner: str | None, path: Path) -> None:
        if owner is not None and owner not in team_set and not lost.may_be_team(owner):
            col.unknown(
                (*path, "owner"),
                _("owner '{owner}' is not a team", owner=owner),
                owner,
                teams,
                no_team,
            )

    idx = StageIndex.build(bp)

    def stage(ref: str, path: Path, key: str, pipeline: Pipeline | None = None) -> None:
        if idx.resolve(ref, pipeline) is None and not lost.may_be_stage(ref, pipeline):
            where = _(" in pipeline '{id}' or the lifecycle", id=pipeline.id) if pipeline else ""
            col.unknown(
                (*path, key),
                _("{key}: no stage '{ref}'{where}", key=key, ref=ref, where=where),
                ref,
                idx.candidates(pipeline),
            )

    if bp.lifecycle:
        pipelines = [p.id for p in bp.pipelines]
        for ls in bp.lifecycle.stages:
            team(ls.owner, ls.path)
            if (
                ls.pipeline is not None
                and ls.pipeline not in pipelines
                and not lost.may_be_pipeline(ls.pipeline)
            ):
                col.unknown(
                    (*ls.path, "pipeline"),
                    _("pipeline '{id}' is not declared under 'pipelines:'", id=ls.pipeline),
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
        if crit.recorded_in is None:
            continue
        tool_id, _dot, record = crit.recorded_in.partition(".")
        if lost.may_be_tool(tool_id):
            continue
        tool = tools.get(tool_id)
        path = (*crit.path, "recorded_in")
        if tool is None:
            no_tool = _(" (declare it under 'tools:')") if not tools else ""
            col.unknown(
                path, _("recorded_in: no tool '{tool}'", tool=tool_id), tool_id, tools, no_tool
            )
        elif record and record not in tool.records:
            col.unknown(
                path,
                _(
                    "recorded_in: tool '{tool}' does not record '{record}'",
                    tool=tool_id,
                    record=record,
                ),
                record,
                tool.records,
                _("; add '{record}' to its records", record=record),
            )
    for f in bp.flows:
        for key, ref in (("from", f.from_), ("to", f.to)):
            if ref not in tools and not lost.may_be_tool(ref):
                col.unknown(
                    (*f.path, key), _("{key}: no tool '{ref}'", key=key, ref=ref), ref, tools
                )
        if f.trigger is not None:
            stage(f.trigger, f.path, "trigger")


# -- entry points -----------------------------------------------------------------------
def _check_version(col: _Collector, root: Mapping[str, Any]) -> bool:
    if "salesblueprint" not in root:
        col.add(
            codes.UNSUPPORTED_VERSION,
            (),
            _("missing 'salesblueprint: 1' (the format version) at the top of the file"),
        )
        return False
    v = root["salesblueprint"]
    if v != "1" and v != 1:
        col.add(
            codes.UNSUPPORTED_VERSION,
            ("salesblueprint",),
            _(
                "format version {version} is not supported; this release reads 'salesblueprint: 1'",
                version=_describe(v),
            ),
        )
        return False
    return True


_SECTIONS = ("teams", "lifecycle", "pipelines", "sla", "tools", "flows")


# -- what the sections with errors still tell --------------------------------------------
@dataclass
class _Lost:
    """The ids declared in the parts of a file that did not validate.

    A reference to one of them is not reported, nor one into a part whose ids cannot be read
    (an item without a readable id): whether it resolves is unknown until the error is fixed.
    """

    teams: set[str] = field(default_factory=set)
    teams_unreadable: bool = False
    tools: set[str] = field(default_factory=set)  # tools lost, or whose records were
    tools_unreadable: bool = False
    pipelines: set[str] = field(default_factory=set)  # lost with all their stages
    pipelines_unreadable: bool = False
    stages: set[str] = field(default_factory=set)  # node ids: 'sql', 'new_business.won'
    scopes: set[str] = field(default_factory=set)  # stage lists with an unreadable id
    #                                                ('' is the lifecycle, else a pipeline id)

    def may_be_team(self, ref: str) -> bool:
        return self.teams_unreadable or ref in self.teams

    def may_be_tool(self, ref: str) -> bool:
        return self.tools_unreadable or ref in self.tools

    def may_be_pipeline(self, ref: str) -> bool:
        return self.pipelines_unreadable or ref in self.pipelines

    def may_be_stage(self, ref: str, pipeline: Pipeline | None) -> bool:
        if ref in self.stages:
            return True
        if "." in ref:
            scope = ref.partition(".")[0]
            return self.may_be_pipeline(scope) or scope in self.scopes
        if "" in self.scopes:
            return True
        return pipeline is not None and (
            f"{pipeline.id}.{ref}" in self.stages or pipeline.id in self.scopes
        )

    # where ids are declared (None: any list index), and what they name
    _SLOTS = (
        (("teams", None, "id"), "team"),
        (("tools", None, "id"), "tool"),
        (("tools", None, "records", None), "record"),
        (("pipelines", None, "id"), "pipeline"),
        (("pipelines", None, "stages", None, "id"), "deal_stage"),
        (("pipelines", None, "after_close", None, "id"), "deal_stage"),
        (("lifecycle", "stages", None, "id"), "lifecycle_stage"),
    )

    def add(self, root: Mapping[str, Any], removed: Path) -> None:
        """Note the ids that removing the node at ``removed`` (a path in ``root``) lost."""
        for pattern, kind in self._SLOTS:
            if len(removed) > len(pattern) or not all(
                (want is None and isinstance(got, int)) or want == got
                for want, got in zip(pattern, removed, strict=False)
            ):
                continue
            node = _walk(root, removed)
            for where, value in _expand(node, removed, pattern[len(removed) :]):
                self._note(root, kind, where, value)

    def _note(self, root: Mapping[str, Any], kind: str, where: Path, value: str | None) -> None:
        owner = _walk(root, (*where[:2], "id")) if len(where) >= 2 else None
        owner_id = owner if isinstance(owner, str) else None
        if kind == "team":
            self.teams_unreadable |= value is None
            self.teams |= {value} if value else set()
        elif kind in ("tool", "record"):
            tool = value if kind == "tool" else owner_id
            self.tools_unreadable |= tool is None
            self.tools |= {tool} if tool else set()
        elif kind == "pipeline":
            self.pipelines_unreadable |= value is None
            self.pipelines |= {value} if value else set()
        elif kind == "deal_stage":
            if owner_id is None:
                self.pipelines_unreadable = True
            elif value is None:
                self.scopes.add(owner_id)
            else:
                self.stages.add(f"{owner_id}.{value}")
        elif value is None:
            self.scopes.add("")
        else:
            self.stages.add(value)


def _walk(node: Any, path: Path) -> Any:
    for part in path:
        found = (isinstance(part, str) and isinstance(node, dict) and part in node) or (
            isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node)
        )
        if not found:
            return None
        node = node[part]
    return node


def _expand(
    node: Any, path: Path, rest: tuple[str | None, ...]
) -> Iterator[tuple[Path, str | None]]:
    """Each value at ``rest`` under ``node`` (``None`` where there is none to read)."""
    if not rest:
        yield path, node if isinstance(node, str) and node else None
    elif rest[0] is None and isinstance(node, list):
        for i, item in enumerate(node):
            yield from _expand(item, (*path, i), rest[1:])
    elif isinstance(rest[0], str) and isinstance(node, dict) and rest[0] in node:
        yield from _expand(node[rest[0]], (*path, rest[0]), rest[1:])
    else:
        yield path, None


_DROPPED = object()
_MAX_ROUNDS = 8  # each round removes what one level of nesting reported
_MAX_ERRORS = 2000  # more than this in one section: leave the section out, as a whole


class _Salvage:
    """A section that did not validate, with what failed removed, so what remains validates.

    A key that failed is removed when it is optional (or unknown); otherwise the list item
    that holds it, or its parent's key, and so on up to the whole section. Removed list
    items are remembered, so every node keeps the path (and line) it has in the file.
    """

    def __init__(self, key: str, raw: Any) -> None:
        self.key = key
        self.annotation: Any = Blueprint.model_fields[key].annotation
        self.origins: dict[int, list[int]] = {}  # id(list) -> index in the file of each item
        self.removed: list[Path] = []  # paths in the file, starting with the section key
        self.data = self._copy(raw)

    def _copy(self, value: Any) -> Any:
        if isinstance(value, dict):
            return {k: self._copy(v) for k, v in value.items()}
        if isinstance(value, list):
            out = [self._copy(v) for v in value]
            self.origins[id(out)] = list(range(len(out)))
            return out
        return value

    def run(self) -> Any:
        """The validated section, or ``None`` when nothing of it could be kept."""
        from pydantic import TypeAdapter

        adapter: TypeAdapter[Any] = TypeAdapter(self.annotation)
        for _round in range(_MAX_ROUNDS):
            try:
                return adapter.validate_python(self.data)
            except ValidationError as err:
                errors = err.errors(include_url=False)
                if len(errors) > _MAX_ERRORS:
                    break
                cuts = [self._cut_for(tuple(e["loc"])) for e in errors]
                if any(c is None for c in cuts):
                    break
                self._apply([c for c in cuts if c is not None])
        self.removed = [(self.key,)]
        return None

    def _cut_for(self, loc: tuple[Any, ...]) -> tuple[Path, Any, str | int] | None:
        """The deepest removable node on ``loc``: (its path in the file, container, key)."""
        node: Any = self.data
        model = _unwrap(self.annotation)
        path: Path = (self.key,)
        cut: tuple[Path, Any, str | int] | None = None
        for part in loc:
            if isinstance(part, str) and isinstance(node, dict) and part in node:
                info = _field(model, part) if model else None
                if info is None or not info.is_required():
                    cut = ((*path, part), node, part)
                path, node = (*path, part), node[part]
                model = _unwrap(info.annotation) if info else None
            elif isinstance(part, int) and isinstance(node, list) and 0 <= part < len(node):
                path = (*path, self.origins[id(node)][part])
                cut = (path, node, part)
                node = node[part]
            else:
                break
        return cut

    def _apply(self, cuts: list[tuple[Path, Any, str | int]]) -> None:
        lists: dict[int, list[Any]] = {}
        for path, container, part in sorted(cuts, key=lambda c: len(c[0])):
            if any(path[: len(r)] == r for r in self.removed):
                continue  # inside a node already removed
            self.removed.append(path)
            if isinstance(container, dict):
                del container[part]
            else:
                container[part] = _DROPPED
                lists[id(container)] = container
        for lst in lists.values():
            keep = [i for i, v in enumerate(lst) if v is not _DROPPED]
            self.origins[id(lst)] = [self.origins[id(lst)][i] for i in keep]
            lst[:] = [lst[i] for i in keep]

    def list_origins(self) -> dict[Path, list[int]]:
        """The path of each list that lost items, and the index in the file of each kept one."""
        out: dict[Path, list[int]] = {}

        def walk(value: Any, path: Path) -> None:
            if isinstance(value, dict):
                for k, v in value.items():
                    walk(v, (*path, k))
            elif isinstance(value, list):
                index = self.origins[id(value)]
                if index != list(range(len(index))):
                    out[path] = index
                for i, v in enumerate(value):
                    walk(v, (*path, index[i]))

        walk(self.data, (self.key,))
        return out


def _field(model: type[BaseModel], key: str) -> Any:
    return next((f for n, f in model.model_fields.items() if (f.alias or n) == key), None)


def _valid_sections(root: Mapping[str, Any], err: ValidationError) -> tuple[Blueprint, _Lost]:
    """A blueprint of all that validated, and the ids of what did not.

    A section with errors is kept without the keys and items that failed, so references into
    it and from it are resolved in the same run as the schema errors are reported.
    """
    from pydantic import TypeAdapter

    broken = {str(e["loc"][0]) for e in err.errors() if e["loc"] and e["loc"][0] in _SECTIONS}
    fields: dict[str, Any] = {}
    origin: dict[Path, list[int]] = {}
    lost = _Lost()
    for key in _SECTIONS:
        if key not in root:
            continue
        if key not in broken:
            annotation: Any = Blueprint.model_fields[key].annotation
            fields[key] = TypeAdapter(annotation).validate_python(root[key])
            continue
        salvage = _Salvage(key, root[key])
        value = salvage.run()
        if value is not None:
            fields[key] = value
            origin.update(salvage.list_origins())
        for removed in salvage.removed:
            lost.add(root, removed)
    partial = Blueprint.model_construct(salesblueprint=1, name="", **fields)
    _assign_paths(partial, (), origin)
    return partial, lost


def _language(root: Mapping[str, Any], lang: str | None) -> str:
    """The language of the messages: ``lang`` if given, else the file's ``language:``."""
    if lang:
        return lang
    value = root.get("language") if isinstance(root, Mapping) else None
    return value if isinstance(value, str) and value in LANGUAGES else "en"


def validate_data(
    root: PosDict | dict[str, Any], file: str = "", lang: str | None = None
) -> LoadResult:
    """Validate already-read data (from :func:`read_yaml`, or a plain dict) into a blueprint.

    Messages are in ``lang``, or else in the language the data names.
    """
    source = root if isinstance(root, PosDict) else None
    language = _language(root, lang)
    col = _Collector(file, source, tr=translator(language))
    if not _check_version(col, root):
        return LoadResult(file, None, col.findings, source, language)
    try:
        bp = Blueprint.model_validate(root)
    except ValidationError as err:
        _schema_findings(col, err)
        partial, lost = _valid_sections(root, err)
        _references(col, partial, lost)  # every problem in one run, not schema first
        return LoadResult(file, None, col.findings, source, language)
    _references(col, bp)
    if col.findings:
        return LoadResult(file, None, col.findings, source, language)
    bp._file = file
    bp._source = source
    return LoadResult(file, bp, [], source, language)


def load_bytes(
    data: bytes, file: str = "", limits: Limits = DEFAULT_LIMITS, lang: str | None = None
) -> LoadResult:
    language = lang or sniff_language(data) or "en"
    root, findings = read_yaml(data, file, limits, language)
    if root is None:
        return LoadResult(file, None, list(findings), language=language)
    result = validate_data(root, file, lang)
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


def load_file(
    path: FilePath, limits: Limits = DEFAULT_LIMITS, lang: str | None = None
) -> LoadResult:
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
        reader = YamlReader(name, limits, translator(lang))  # the size, before reading
        with open_regular(name) as fh:  # a FIFO or a device is a finding, not a hang
            if not reader.check_size(os.fstat(fh.fileno()).st_size):
                return LoadResult(name, None, reader.findings)
            data = fh.read(limits.max_bytes + 1)
    except (OSError, ValueError) as e:  # ValueError: a path the OS cannot take
        return _unreadable(name, f"cannot read the file: {getattr(e, 'strerror', None) or e}")
    return load_bytes(data, name, limits, lang)


def load(path: FilePath) -> Blueprint:
    """Load and validate a blueprint file.

    Raises :class:`salesblueprint.BlueprintError` listing every problem (with file, line and
    column) when the file is not a valid blueprint.
    """
    result = load_file(path)
    if result.blueprint is None:
        raise BlueprintError(result.findings)
    return result.blueprint
