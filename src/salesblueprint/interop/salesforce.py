"""Salesforce: Metadata API source format (what ``sf project retrieve start`` writes), in and out.

Import reads the ``OpportunityStage`` value set (order, probability 0-100, closed, won), the
Opportunity business processes (one pipeline each; a ``/`` in a value name is written ``%2F``),
record types (to find each process's Path), Path guidance (HTML, to plain text, as the stage's
``rep_action``) and the ``LeadStatus`` value set. XML is parsed with ``defusedxml``: a file with
a DTD, entities or external references is refused.

Export writes a deployable source folder: the value set, the business process, a record type,
the Path with guidance from ``rep_action`` and the exit criteria, a validation rule that stops a
deal from skipping a required stage (``PRIORVALUE(StageName)``), and ``package.xml``.
"""

from __future__ import annotations

import html
import itertools
import os
import re
import weakref
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, unquote
from xml.etree.ElementTree import Element

from salesblueprint.i18n import Msg, Translator, _, did_you_mean, translator
from salesblueprint.interop.base import (
    CrmData,
    CrmPipeline,
    CrmStage,
    InteropError,
    fraction,
)

if TYPE_CHECKING:
    from salesblueprint.model.blueprint import Blueprint, DealStage, LifecycleStage, Pipeline

CRM = "salesforce"
NS = "http://soap.sforce.com/2006/04/metadata"
API_VERSION = "60.0"
MAX_BYTES = 20 * 1024 * 1024
GUIDANCE_LIMIT = 1000  # characters of Path guidance per step (rich text)

_STAGE_SET = "OpportunityStage.standardValueSet-meta.xml"
_LEAD_SET = "LeadStatus.standardValueSet-meta.xml"
_VALUE_SET = frozenset({"fullName", "sorted", "standardValue", "groupingStringEnum"})
_VALUE = frozenset(
    {
        "fullName",
        "default",
        "label",
        "closed",
        "won",
        "forecastCategory",
        "probability",
        "description",
        "color",
        "isActive",
        "converted",
        "cssExposed",
        "reverseRole",
        "highPriority",
        "allowEmail",
        "groupingString",
    }
)
# the values of a standardValue's forecastCategory (the Metadata API's ForecastCategories)
FORECAST_CATEGORIES = ("Omitted", "Pipeline", "BestCase", "Forecast", "Closed")
_PROCESS = frozenset({"fullName", "isActive", "description", "values"})
_PROCESS_VALUE = frozenset({"fullName", "default", "color"})
_RECORD_TYPE = frozenset(
    {
        "fullName",
        "active",
        "businessProcess",
        "label",
        "description",
        "picklistValues",
        "compactLayoutAssignment",
    }
)
_PATH = frozenset(
    {
        "fullName",
        "active",
        "entityName",
        "fieldName",
        "masterLabel",
        "pathAssistantSteps",
        "recordTypeName",
    }
)
_PATH_STEP = frozenset({"fieldNames", "info", "picklistValueName"})

CANNOT_ENFORCE: list[str] = [
    _(
        "exit criteria are shown as Path guidance: Salesforce shows them to the rep but does not "
        "check them (add validation rules on the fields that hold the evidence to enforce one)"
    ),
    _(
        "the validation rule stops skips of required stages on every save (UI, API, imports), "
        "unless a user's profile bypasses validation rules; it does not stop moving backwards"
    ),
    _("expected_days has no Salesforce field: report on Stage Duration instead"),
]


# -- XML ------------------------------------------------------------------------------------
def _parse_xml(path: str) -> Element:
    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    from salesblueprint.loading.files import open_regular

    try:
        with open_regular(path) as fh:  # a FIFO is an error, not a hang
            raw = fh.read(MAX_BYTES + 1)
    except OSError as e:
        raise InteropError(_("cannot read: {reason}", reason=e.strerror or str(e)), path) from None
    if len(raw) > MAX_BYTES:
        raise InteropError(_("larger than {n} MB", n=MAX_BYTES // (1024 * 1024)), path)
    located = _Located()
    try:
        parser = SafeET.DefusedXMLParser(target=located, forbid_dtd=True)
        located.expat = parser.parser
        parser.feed(raw)
        root: Element = parser.close()
    except DefusedXmlException as e:
        line = _decl_line(raw)
        raise InteropError(
            _(
                "refused: the XML declares a DTD, entities or external references ({reason}); "
                "Metadata API files have none, and salesblueprint does not expand them",
                reason=str(e),
            ),
            path,
            line,
        ) from None
    except SafeET.ParseError as e:
        line, column = getattr(e, "position", None) or (None, None)
        msg = str(e).split(":", 1)[0]
        raise InteropError(
            _("malformed XML: {reason}", reason=msg),
            path,
            line,
            column + 1 if column is not None else None,
        ) from None
    _POSITIONS.update(located.positions)
    return root


# where each element read starts (line, column from 1): values are reported there
_POSITIONS: weakref.WeakKeyDictionary[Element, tuple[int, int]] = weakref.WeakKeyDictionary()


class _Located:
    """ElementTree's tree builder, noting where each element starts (from expat, which the
    pure-Python parser defusedxml uses exposes as ``parser.parser``)."""

    def __init__(self) -> None:
        from xml.etree.ElementTree import TreeBuilder

        self._builder = TreeBuilder()
        self.expat: Any = None
        self.positions: dict[Element, tuple[int, int]] = {}

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        el = self._builder.start(tag, attrs)
        if self.expat is not None:
            self.positions[el] = (
                self.expat.CurrentLineNumber,
                self.expat.CurrentColumnNumber + 1,
            )
        return el

    def end(self, tag: str) -> Element:
        return self._builder.end(tag)

    def data(self, data: str) -> None:
        self._builder.data(data)

    def close(self) -> Element:
        return self._builder.close()


def _error(message: str, path: str, el: Element | None) -> InteropError:
    """``message`` about element ``el`` of ``path``: ``file:line:column: message``."""
    line, column = _POSITIONS.get(el, (None, None)) if el is not None else (None, None)
    return InteropError(message, path, line, column)


def _decl_line(raw: bytes) -> int | None:
    idx = raw.find(b"<!")
    return raw[:idx].count(b"\n") + 1 if idx >= 0 else None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(el: Element, name: str) -> list[Element]:
    return [c for c in el if _local(c.tag) == name]


def _child(el: Element, name: str) -> Element | None:
    return next((c for c in el if _local(c.tag) == name), None)


def _text(el: Element, name: str, default: str = "") -> str:
    c = _child(el, name)
    return (c.text or "").strip() if c is not None else default


def _flag(el: Element, name: str, default: bool = False, path: str = "") -> bool:
    """A ``true``/``false`` child; anything else is an error at its place in ``path``."""
    t = _text(el, name)
    if not t:
        return default
    if t.lower() not in ("true", "false"):
        raise _error(
            _("<{name}>: '{value}' is not true or false", name=name, value=t),
            path,
            _child(el, name),
        )
    return t.lower() == "true"


def _check_fields(el: Element, known: frozenset[str], where: str, data: CrmData) -> None:
    for c in el:
        name = _local(c.tag)
        if name not in known:
            data.unknown_fields.add(f"{where}.{name}")


def _root(path: str, expect: str) -> Element:
    root = _parse_xml(path)
    if _local(root.tag) != expect:
        raise InteropError(
            _(
                "expected a <{expect}> document, found <{found}>",
                expect=expect,
                found=_local(root.tag),
            ),
            path,
        )
    return root


# -- HTML guidance to plain text ------------------------------------------------------------
class _Text(HTMLParser):
    _BLOCK = frozenset({"p", "div", "br", "ul", "ol", "li", "h1", "h2", "h3", "h4", "tr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BLOCK:
            self.parts.append("\n")
        if tag == "li":
            self.parts.append("- ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Path guidance HTML as plain text: paragraphs and list items on their own lines."""
    p = _Text()
    p.feed(markup)
    p.close()
    lines = [" ".join(line.split()) for line in "".join(p.parts).splitlines()]
    return "\n".join(line for line in lines if line).strip()


# -- import ---------------------------------------------------------------------------------
def _find(root: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {"stages": [], "leads": [], "process": [], "rt": [], "path": []}
    for d, dirs, files in os.walk(root):
        dirs[:] = sorted(x for x in dirs if not x.startswith("."))
        parts = d.replace(os.sep, "/").split("/")
        for name in sorted(files):
            p = os.path.join(d, name)
            if name == _STAGE_SET:
                found["stages"].append(p)
            elif name == _LEAD_SET:
                found["leads"].append(p)
            elif name.endswith(".businessProcess-meta.xml") and "Opportunity" in parts:
                found["process"].append(p)
            elif name.endswith(".recordType-meta.xml") and "Opportunity" in parts:
                found["rt"].append(p)
            elif name.endswith(".pathAssistant-meta.xml"):
                found["path"].append(p)
    return found


def _name_of(path: str, suffix: str) -> str:
    return unquote(os.path.basename(path)[: -len(suffix)])


def read(path: str, process: str | None = None) -> CrmData:
    """Import a source-format folder (the project, ``force-app/main/default``, or any folder
    above the metadata)."""
    if not os.path.isdir(path):
        raise InteropError(
            _(
                "not a directory; give the folder 'sf project retrieve start' wrote "
                "(e.g. force-app/main/default)"
            ),
            path,
        )
    data = CrmData(CRM, path)
    files = _find(path)
    if not files["stages"]:
        raise InteropError(
            _(
                "no standardValueSets/{file} under this folder; retrieve it with: "
                "sf project retrieve start -m StandardValueSet:OpportunityStage",
                file=_STAGE_SET,
            ),
            path,
        )
    if len(files["stages"]) > 1:
        data.note(_("several {file} files: read {path}", file=_STAGE_SET, path=files["stages"][0]))
    values = _read_values(files["stages"][0], data)
    by_name = {v.id: v for v in values}
    guidance = _read_paths(files, data)

    processes = []
    for f in files["process"]:
        root = _root(f, "BusinessProcess")
        _check_fields(root, _PROCESS, "BusinessProcess", data)
        name = unquote(_text(root, "fullName")) or _name_of(f, ".businessProcess-meta.xml")
        if "." in name and name.startswith("Opportunity."):
            name = name.split(".", 1)[1]
        if not _flag(root, "isActive", True, f) and process is None:
            data.note(_("inactive business process '{name}' left out", name=name))
            continue
        names = []
        for v in _children(root, "values"):
            _check_fields(v, _PROCESS_VALUE, "BusinessProcess.values", data)
            vn = unquote(_text(v, "fullName"))
            if vn not in by_name:
                data.note(
                    _(
                        "business process '{name}': value '{value}' is not in the value set",
                        name=name,
                        value=vn,
                    )
                )
                continue
            names.append(vn)
        processes.append((name, set(names)))
    if process is not None:
        processes = [p for p in processes if p[0] == process]
        if not processes:
            raise InteropError(
                _("no Opportunity business process named '{name}'", name=process), path
            )

    def stages_for(keep: set[str] | None, key: str) -> list[CrmStage]:
        out = []
        for v in values:
            if keep is not None and v.id not in keep:
                continue
            s = CrmStage(v.id, v.label, v.probability, v.outcome)
            g = guidance.get(key, {}).get(v.id) or guidance.get("", {}).get(v.id)
            if g:
                s.guidance = g
            out.append(s)
        return out

    if processes:
        for name, keep in sorted(processes):
            data.pipelines.append(CrmPipeline(name, name, stages_for(keep, name)))
    else:
        data.pipelines.append(CrmPipeline("", _("Opportunity stages"), stages_for(None, "")))
        data.note(_("no business process: one pipeline with every opportunity stage"))
    if files["leads"]:
        _read_leads(files["leads"][0], data)
    return data


def _active_values(
    path: str, data: CrmData, inactive: Callable[[str], Msg]
) -> Iterator[tuple[Element, str]]:
    """A StandardValueSet's active ``standardValue`` elements and their names, in order; an
    inactive one is noted with ``inactive(name)`` and left out."""
    root = _root(path, "StandardValueSet")
    _check_fields(root, _VALUE_SET, "StandardValueSet", data)
    for el in _children(root, "standardValue"):
        _check_fields(el, _VALUE, "standardValue", data)
        name = unquote(_text(el, "fullName"))
        if not name:
            raise _error(_("a standardValue without fullName"), path, el)
        if not _flag(el, "isActive", True, path):
            data.note(inactive(name))
            continue
        yield el, name


def _read_values(path: str, data: CrmData) -> list[CrmStage]:
    out: list[CrmStage] = []
    forecast: set[str] = set()
    for el, name in _active_values(
        path, data, lambda name: _("inactive stage '{name}' left out", name=name)
    ):
        label = _text(el, "label") or name
        raw = _text(el, "probability")
        prob: float | None = None
        if raw:
            try:
                prob = float(raw)
            except ValueError:
                raise _error(
                    _(
                        "stage '{name}': probability '{value}' is not a number",
                        name=name,
                        value=raw,
                    ),
                    path,
                    _child(el, "probability"),
                ) from None
            if not 0 <= prob <= 100:
                raise _error(
                    _("stage '{name}': probability {value} is not 0-100", name=name, value=raw),
                    path,
                    _child(el, "probability"),
                )
        outcome = None
        if _flag(el, "closed", path=path):
            outcome = "won" if _flag(el, "won", path=path) else "lost"
        category = _text(el, "forecastCategory")
        if category:
            if category not in FORECAST_CATEGORIES:
                raise _error(
                    _(
                        "stage '{name}': unknown forecastCategory '{value}'{hint}; Salesforce "
                        "has {categories}",
                        name=name,
                        value=category,
                        hint=did_you_mean(category, FORECAST_CATEGORIES),
                        categories=", ".join(FORECAST_CATEGORIES),
                    ),
                    path,
                    _child(el, "forecastCategory"),
                )
            forecast.add(f"{label}: {category}")
        s = CrmStage(name, label, fraction(prob / 100) if prob is not None else None)
        if outcome is not None:
            s.outcome = "won" if outcome == "won" else "lost"
            s.probability = None
        elif prob is None:
            data.note(_("stage '{name}' has no probability", name=name))
        out.append(s)
    if forecast:
        data.note(
            _(
                "forecast categories (the format has none; export derives them): {items}",
                items="; ".join(sorted(forecast)),
            )
        )
    return out


def _read_paths(files: dict[str, list[str]], data: CrmData) -> dict[str, dict[str, str]]:
    """Business process name ('' for the master record type) -> stage -> guidance text."""
    rt_process: dict[str, str] = {}
    for f in files["rt"]:
        root = _root(f, "RecordType")
        _check_fields(root, _RECORD_TYPE, "RecordType", data)
        rt = _text(root, "fullName") or _name_of(f, ".recordType-meta.xml")
        rt_process[rt.split(".", 1)[-1]] = unquote(_text(root, "businessProcess"))
    out: dict[str, dict[str, str]] = {}
    for f in files["path"]:
        root = _root(f, "PathAssistant")
        _check_fields(root, _PATH, "PathAssistant", data)
        if _text(root, "entityName", "Opportunity") != "Opportunity":
            continue
        if _text(root, "fieldName", "StageName") != "StageName":
            continue
        rt = _text(root, "recordTypeName", "__MASTER__")
        key = "" if rt == "__MASTER__" else rt_process.get(rt)
        if key is None:
            data.note(
                _(
                    "Path {file}: record type '{rt}' not found, guidance left out",
                    file=os.path.basename(f),
                    rt=rt,
                )
            )
            continue
        steps = out.setdefault(key, {})
        for step in _children(root, "pathAssistantSteps"):
            _check_fields(step, _PATH_STEP, "PathAssistant.pathAssistantSteps", data)
            value = unquote(_text(step, "picklistValueName"))
            text = html_to_text(_text(step, "info"))
            if _children(step, "fieldNames"):
                data.note(
                    _("Path key fields (fieldNames) left out: the format has no place for them")
                )
            if value and text:
                steps[value] = text
    return out


def _read_leads(path: str, data: CrmData) -> None:
    """The lead statuses in order up to the first one marked ``converted``: the lifecycle a
    lead goes through until it is converted. Statuses after it (a lead closed without
    conversion) have no place on that path and are noted."""
    statuses: list[CrmStage] = []
    for el, name in _active_values(
        path, data, lambda name: _("inactive lead status '{name}' left out", name=name)
    ):
        statuses.append(
            CrmStage(name, _text(el, "label") or name, converted=_flag(el, "converted", path=path))
        )
    data.lead_statuses = statuses
    at = next((i for i, s in enumerate(statuses) if s.converted), None)
    if at is None:
        if statuses:
            data.note(
                _(
                    "lead statuses (none is marked converted, so the lead conversion is "
                    "unknown): {names}",
                    names=", ".join(s.id for s in statuses),
                )
            )
        return
    data.lead_stages = statuses[: at + 1]
    rest = statuses[at + 1 :]
    others = [s.id for s in rest if s.converted]
    if others:
        data.note(
            _(
                "more converted lead statuses (the blueprint has one conversion point, at "
                "'{at}'): {names}",
                at=statuses[at].id,
                names=", ".join(others),
            )
        )
    closed = [s.id for s in rest if not s.converted]
    if closed:
        data.note(
            _(
                "lead statuses after the converted one (leads that end without conversion; "
                "list why under sla.disqualify): {names}",
                names=", ".join(closed),
            )
        )


# -- export ---------------------------------------------------------------------------------
def api_name(text: str, fallback: str = "Pipeline") -> str:
    """A Salesforce API name: letters, digits and single underscores, starting with a letter."""
    s = re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_")
    s = re.sub(r"_+", "_", s)
    if not s or not s[0].isalpha():
        s = f"{fallback}_{s}".rstrip("_")
    return s[:40].rstrip("_")


def value_name(s: DealStage | LifecycleStage) -> str:
    cid = s.crm.get(CRM) if s.crm is not None else None
    return cid or s.label


# what XML 1.0 cannot hold, even escaped: C0 controls but tab, LF and CR; U+FFFE, U+FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(text: str) -> str:
    """``text`` escaped for an XML element; a character XML cannot hold at all is an error,
    not a file Salesforce refuses at deploy (or one written without the character)."""
    bad = _NOT_XML.search(text)
    if bad is not None:
        raise InteropError(
            _(
                "'{text}' holds the control character {char}, which Salesforce metadata (XML) "
                "cannot hold; take it out of the blueprint",
                text=text[:60],
                char=f"U+{ord(bad.group()):04X}",
            )
        )
    return html.escape(text, quote=False)


def _doc(root: str, body: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<{root} xmlns="{NS}">\n' + "".join(body) + f"</{root}>\n"
    )


def _el(name: str, value: str | bool | int, indent: int = 1) -> str:
    if isinstance(value, bool):
        value = "true" if value else "false"
    return f"{'    ' * indent}<{name}>{_x(str(value))}</{name}>\n"


def forecast_category(s: DealStage) -> str:
    if s.outcome == "won":
        return "Closed"
    if s.outcome == "lost":
        return "Omitted"
    return "Pipeline"


def required_stages(p: Pipeline) -> list[DealStage]:
    """Open stages every deal passes on its way to won: on every path from the first open stage
    to a won stage, following the default flow and the pipeline's transitions."""
    opens = [s for s in p.stages if s.outcome is None]
    if not opens:
        return []
    ids = [s.id for s in p.stages]
    edges: dict[str, set[str]] = {i: set() for i in ids}
    for a, b in itertools.pairwise(opens):
        edges[a.id].add(b.id)
    for s in p.stages:
        if s.outcome == "won":
            edges[opens[-1].id].add(s.id)
    for t in p.transitions:
        src, dst = t.from_.split(".")[-1], t.to.split(".")[-1]
        if src in edges and dst in edges:
            edges[src].add(dst)
    won = {s.id for s in p.stages if s.outcome == "won"}

    def reaches_won(without: str) -> bool:
        start = opens[0].id
        if start == without:
            return False
        seen, todo = {start}, [start]
        while todo:
            n = todo.pop()
            if n in won:
                return True
            for m in edges[n]:
                if m != without and m not in seen:
                    seen.add(m)
                    todo.append(m)
        return False

    return [s for s in opens if not reaches_won(s.id)]


def _formula_text(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def skip_rule_formula(p: Pipeline, record_type: str | None) -> str | None:
    """The error condition of the no-skipped-stage validation rule, or None when no stage can
    be skipped.

    With the open stages and the won stage numbered in order, a move skips a required stage
    when more required stages lie before the new stage than at or before the prior one. Two
    ``CASE`` expressions say it, whatever the number of stages (the formula limit is 3,900
    characters): a prior stage the rule does not know (lost, empty) never fires, nor does a
    move to one.
    """
    required = {s.id for s in required_stages(p)}
    ordered = [s for s in p.stages if s.outcome is None] + [
        s for s in p.stages if s.outcome == "won"
    ]
    before: list[int] = []  # required stages strictly before each stage
    upto: list[int] = []  # required stages at or before each stage
    count = 0
    for s in ordered:
        before.append(count)
        count += s.id in required
        upto.append(count)
    if not any(before[i] > upto[j] for i in range(len(ordered)) for j in range(i)):
        return None

    def case(expr: str, numbers: list[int], default: int) -> str:
        pairs = ", ".join(
            f"{_formula_text(value_name(s))}, {n}" for s, n in zip(ordered, numbers, strict=True)
        )
        return f"CASE({expr}, {pairs}, {default})"

    parts = ["NOT(ISNEW())", "ISCHANGED(StageName)"]
    if record_type:
        parts.append(f"RecordType.DeveloperName = {_formula_text(record_type)}")
    parts.append(
        case("StageName", before, 0) + "\n  >\n  " + case("PRIORVALUE(StageName)", upto, 9999)
    )
    return "AND(\n  " + ",\n  ".join(parts) + "\n)"


def _guidance(s: DealStage, tr: Translator) -> str:
    parts = []
    if s.rep_action:
        parts.append(f"<p>{_x(s.rep_action)}</p>")
    if s.exit_criteria:
        items = []
        for c in s.exit_criteria:
            text = c.outcome
            if c.evidence and c.recorded_in:
                text += tr(
                    _(
                        " (evidence: {evidence}, in {where})",
                        evidence=c.evidence,
                        where=c.recorded_in,
                    )
                )
            elif c.evidence:
                text += tr(_(" (evidence: {evidence})", evidence=c.evidence))
            items.append(f"<li>{_x(text)}</li>")
        heading = tr(_("Exit criteria"))
        parts.append(f"<p><b>{_x(heading)}</b></p><ul>" + "".join(items) + "</ul>")
    return "".join(parts)


def _lead_statuses(bp: Blueprint, notes: list[str]) -> str | None:
    """The ``LeadStatus`` value set: the lifecycle stages up to the lead conversion, the
    conversion stage's value marked ``converted`` (``None`` without a conversion point)."""
    stages = bp.lifecycle.stages if bp.lifecycle else []
    at = next((i for i, s in enumerate(stages) if s.lead_conversion is not None), None)
    if at is None:
        return None
    body = [_el("sorted", False)]
    for i, s in enumerate(stages[: at + 1]):
        body.append("    <standardValue>\n")
        body.append(_el("fullName", value_name(s), 2))
        body.append(_el("default", i == 0, 2))
        body.append(_el("label", s.label, 2))
        body.append(_el("converted", i == at, 2))
        body.append("    </standardValue>\n")
    conv = stages[at]
    notes.append(
        _(
            "LeadStatus: the lifecycle stages up to '{stage}' (marked converted) are the "
            "lead statuses; the deploy sets the org's LeadStatus values to these, so add the "
            "statuses of leads closed without conversion (e.g. 'Closed - Not Converted') to the "
            "file first, or leave LeadStatus out of package.xml",
            stage=conv.label,
        )
    )
    if conv.lead_conversion is not None and "opportunity" not in conv.lead_conversion.creates:
        notes.append(
            _(
                "the conversion creates no opportunity: Salesforce's Convert still offers one; in "
                "Lead Settings, make 'do not create an opportunity' the default"
            )
        )
    if any(s.lead_conversion is not None for s in stages[at + 1 :]):
        notes.append(
            _(
                "several stages convert the lead: only '{stage}' is marked converted",
                stage=conv.label,
            )
        )
    return _doc("StandardValueSet", body)


def export(bp: Blueprint, pipelines: list[Pipeline]) -> tuple[dict[str, str], list[str]]:
    """Files (relative path -> text) of a deployable source folder, and notes."""
    notes = list(CANNOT_ENFORCE)
    tr = translator(bp.language)  # the text Salesforce shows its users: the blueprint's language
    files: dict[str, str] = {}
    members: dict[str, list[str]] = {}
    values: dict[str, DealStage] = {}
    for p in pipelines:
        for s in p.stages:
            name = value_name(s)
            old = values.get(name)
            if old is None:
                values[name] = s
            elif (old.probability, old.outcome) != (s.probability, s.outcome):
                notes.append(
                    _(
                        "stage value '{name}' differs between pipelines; the value set takes the "
                        "first (probability and outcome are per value, not per process)",
                        name=name,
                    )
                )
    body = [_el("sorted", False)]
    for name, s in values.items():
        prob = 100 if s.outcome == "won" else 0 if s.outcome == "lost" else s.probability
        body.append("    <standardValue>\n")
        body.append(_el("fullName", name, 2))
        body.append(_el("default", False, 2))
        body.append(_el("label", s.label, 2))
        body.append(_el("closed", s.outcome is not None, 2))
        body.append(_el("forecastCategory", forecast_category(s), 2))
        if prob is not None:
            pct = round(prob * 100) if s.outcome is None else prob
            body.append(_el("probability", int(pct), 2))
        body.append(_el("won", s.outcome == "won", 2))
        body.append("    </standardValue>\n")
    files[f"standardValueSets/{_STAGE_SET}"] = _doc("StandardValueSet", body)
    members["StandardValueSet"] = ["OpportunityStage"]
    for p in pipelines:
        proc = (p.crm.get(CRM) if p.crm is not None else None) or p.label
        rt = api_name(p.id.title().replace("_", " ") if p.label == p.id else p.label)
        body = [_el("fullName", proc), _el("isActive", True)]
        if p.description:
            body.append(_el("description", p.description))
        first_open = next((s for s in p.stages if s.outcome is None), None)
        for s in p.stages:
            body.append("    <values>\n")
            body.append(_el("fullName", quote(value_name(s), safe=" ()&.,'-_"), 2))
            body.append(_el("default", s is first_open, 2))
            body.append("    </values>\n")
        files[
            f"objects/Opportunity/businessProcesses/{quote(proc, safe=' ')}"
            ".businessProcess-meta.xml"
        ] = _doc("BusinessProcess", body)
        members.setdefault("BusinessProcess", []).append(f"Opportunity.{proc}")
        files[f"objects/Opportunity/recordTypes/{rt}.recordType-meta.xml"] = _doc(
            "RecordType",
            [
                _el("fullName", rt),
                _el("active", True),
                _el("businessProcess", proc),
                _el("label", p.label),
            ],
        )
        members.setdefault("RecordType", []).append(f"Opportunity.{rt}")
        steps = []
        for s in p.stages:
            g = _guidance(s, tr)
            if not g:
                continue
            if len(g) > GUIDANCE_LIMIT:
                notes.append(
                    _(
                        "Path guidance of '{stage}' is {n} characters; Salesforce keeps at most "
                        "{limit}: shorten rep_action or criteria",
                        stage=s.label,
                        n=len(g),
                        limit=GUIDANCE_LIMIT,
                    )
                )
            steps.append(
                "    <pathAssistantSteps>\n"
                + _el("info", g, 2)
                + _el("picklistValueName", value_name(s), 2)
                + "    </pathAssistantSteps>\n"
            )
        path_name = f"{rt}_Path"
        files[f"pathAssistants/{path_name}.pathAssistant-meta.xml"] = _doc(
            "PathAssistant",
            [
                _el("active", True),
                _el("entityName", "Opportunity"),
                _el("fieldName", "StageName"),
                _el("masterLabel", tr(_("{pipeline} path", pipeline=p.label))),
                *steps,
                _el("recordTypeName", rt),
            ],
        )
        members.setdefault("PathAssistant", []).append(path_name)
        formula = skip_rule_formula(p, rt)
        if formula is not None:
            vr = f"{rt}_No_Skipped_Stage"[:40].rstrip("_")
            req = ", ".join(value_name(s) for s in required_stages(p)[1:]) or tr(_("every stage"))
            files[f"objects/Opportunity/validationRules/{vr}.validationRule-meta.xml"] = _doc(
                "ValidationRule",
                [
                    _el("fullName", vr),
                    _el("active", True),
                    _el(
                        "description",
                        tr(
                            _(
                                "{pipeline}: every deal passes {stages} (salesblueprint)",
                                pipeline=p.label,
                                stages=req,
                            )
                        ),
                    ),
                    _el("errorConditionFormula", formula),
                    _el("errorDisplayField", "StageName"),
                    _el(
                        "errorMessage",
                        tr(
                            _(
                                "A deal in {pipeline} cannot skip a required stage ({stages}): "
                                "move it one stage at a time.",
                                pipeline=p.label,
                                stages=req,
                            )
                        ),
                    ),
                ],
            )
            members.setdefault("ValidationRule", []).append(f"Opportunity.{vr}")
        if p.after_close:
            notes.append(
                _(
                    "{pipeline}: after_close stages are left out (an Opportunity ends at Closed "
                    "Won)",
                    pipeline=p.id,
                )
            )
    leads = _lead_statuses(bp, notes)
    if leads is not None:
        files[f"standardValueSets/{_LEAD_SET}"] = leads
        members["StandardValueSet"].append("LeadStatus")
    pkg = []
    for kind in sorted(members):
        pkg.append("    <types>\n")
        pkg += [_el("members", m, 2) for m in sorted(members[kind])]
        pkg.append(_el("name", kind, 2) + "    </types>\n")
    pkg.append(_el("version", API_VERSION))
    files["package.xml"] = _doc("Package", pkg)
    return files, notes
