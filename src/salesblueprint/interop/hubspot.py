"""HubSpot: the deal pipelines response (``GET /crm/v3/pipelines/deals``) in and out.

Import reads ``{"results": [pipeline]}`` (or one pipeline object); archived pipelines and
stages are left out; stage order is ``displayOrder``; ``metadata`` values are strings. A closed
stage is won with probability 1 and lost with probability 0, whatever its id or label says
(ids keep their default names after a relabel). Export writes the create payload
``{label, displayOrder, stages: [{label, displayOrder, metadata}]}`` and a plan against an
existing account's pipelines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from salesblueprint.i18n import _
from salesblueprint.interop.base import (
    CrmData,
    CrmPipeline,
    CrmStage,
    FieldCheck,
    InteropError,
    Outcome,
    fraction,
)
from salesblueprint.interop.jsonio import (
    as_bool,
    as_dict,
    as_list,
    as_number,
    as_text,
    read_json_file,
)

if TYPE_CHECKING:
    from salesblueprint.i18n import Translator
    from salesblueprint.model.blueprint import Blueprint, Pipeline

CRM = "hubspot"
API_URL = "https://api.hubapi.com"
_PATH = "/crm/v3/pipelines/deals"

_TOP = frozenset({"results", "paging"})
_PIPELINE = frozenset(
    {"id", "label", "displayOrder", "archived", "stages", "createdAt", "updatedAt", "archivedAt"}
)
_STAGE = frozenset(
    {
        "id",
        "label",
        "displayOrder",
        "archived",
        "metadata",
        "createdAt",
        "updatedAt",
        "archivedAt",
        "writePermissions",
    }
)
_METADATA = frozenset({"probability", "isClosed"})

CANNOT_ENFORCE: list[str] = [
    _(
        "HubSpot keeps no exit criteria: put them in the stage's required properties or a "
        "playbook; HubSpot does not check them"
    ),
    _(
        "HubSpot's pipeline rules (restrict skipping stages, only allow stage changes by certain "
        "users) stop moves in the HubSpot UI only: API calls, imports and workflows still move "
        "deals anywhere"
    ),
    _("expected_days has no HubSpot field: use a deal-stage time report or a workflow"),
]


def parse(body: Any, file: str, pipeline: str | None = None, source: str = "") -> CrmData:
    """The pipelines in a HubSpot pipelines response body (already decoded from JSON)."""
    data = CrmData(CRM, source or file)
    check = FieldCheck(data)
    top = as_dict(body, _("the file"), file)
    if "results" in top:
        check(top, _TOP, "")
        raw = [(f"results[{i}]", p) for i, p in enumerate(as_list(top["results"], "results", file))]
    elif "stages" in top:  # one pipeline: GET /crm/v3/pipelines/deals/{id}
        raw = [("", top)]
    else:
        raise InteropError(
            _(
                "not a HubSpot pipelines response: expected 'results' "
                "(GET /crm/v3/pipelines/deals) or one pipeline with 'stages'"
            ),
            file,
        )
    found: list[tuple[float, int, CrmPipeline]] = []
    for where, p in raw:
        obj = as_dict(p, where or _("the pipeline"), file)
        check(obj, _PIPELINE, "pipelines[]")
        pid = as_text(obj.get("id", ""), f"{where}.id", file)
        label = as_text(obj.get("label", pid), f"{where}.label", file)
        if pipeline is not None and pipeline not in (pid, label):
            continue
        if as_bool(obj.get("archived"), f"{where}.archived", file):
            data.note(_("archived pipeline '{label}' (id {id}) left out", label=label, id=pid))
            continue
        order = as_number(obj.get("displayOrder"), f"{where}.displayOrder", file) or 0.0
        found.append((order, len(found), _pipeline(obj, where, pid, label, file, data, check)))
    if pipeline is not None and not found:
        raise InteropError(_("no pipeline with id or label '{id}'", id=pipeline), file)
    data.pipelines = [p for _, _, p in sorted(found, key=lambda t: (t[0], t[1]))]
    return data


def _pipeline(
    obj: dict[str, Any],
    where: str,
    pid: str,
    label: str,
    file: str,
    data: CrmData,
    check: FieldCheck,
) -> CrmPipeline:
    stages: list[tuple[float, int, CrmStage]] = []
    prefix = f"{where}." if where else ""
    for i, s in enumerate(as_list(obj.get("stages", []), f"{prefix}stages", file)):
        at = f"{prefix}stages[{i}]"
        st = as_dict(s, at, file)
        check(st, _STAGE, "stages[]")
        sid = as_text(st.get("id", ""), f"{at}.id", file)
        slabel = as_text(st.get("label", sid), f"{at}.label", file)
        if as_bool(st.get("archived"), f"{at}.archived", file):
            data.note(
                _(
                    "archived stage '{stage}' (id {id}) of '{pipeline}' left out",
                    stage=slabel,
                    id=sid,
                    pipeline=label,
                )
            )
            continue
        meta = as_dict(st.get("metadata", {}), f"{at}.metadata", file)
        check(meta, _METADATA, "stages[].metadata")
        prob = as_number(meta.get("probability"), f"{at}.metadata.probability", file)
        if prob is not None and not 0 <= prob <= 1:
            raise InteropError(
                _(
                    "{where}: '{value}' is not between 0.0 and 1.0",
                    where=f"{at}.metadata.probability",
                    value=meta["probability"],
                ),
                file,
            )
        closed = as_bool(meta.get("isClosed"), f"{at}.metadata.isClosed", file)
        stage = CrmStage(sid, slabel, fraction(prob) if prob is not None else None)
        if closed:
            if prob is None or prob not in (0.0, 1.0):
                shown = _("no probability") if prob is None else _("probability {p}", p=f"{prob:g}")
                guess: Outcome = "won" if prob is not None and prob >= 0.5 else "lost"
                data.note(
                    _(
                        "closed stage '{stage}' (id {id}) has {shown}, neither 1 (won) nor 0 "
                        "(lost): imported as {guess}",
                        stage=slabel,
                        id=sid,
                        shown=shown,
                        guess=_("won") if guess == "won" else _("lost"),
                    )
                )
                stage.outcome = guess
            else:
                stage.outcome = "won" if prob == 1.0 else "lost"
            stage.probability = None
        elif prob is None:
            data.note(_("stage '{stage}' (id {id}) has no probability", stage=slabel, id=sid))
        order = as_number(st.get("displayOrder"), f"{at}.displayOrder", file)
        stages.append((order if order is not None else float(i), i, stage))
    ordered = [s for _, _, s in sorted(stages, key=lambda t: (t[0], t[1]))]
    return CrmPipeline(pid, label, ordered)


def read(path: str, pipeline: str | None = None) -> CrmData:
    """Import a saved pipelines response (JSON file)."""
    return parse(read_json_file(path), path, pipeline)


def fetch(
    token: str, pipeline: str | None = None, base_url: str | None = None, timeout: float = 30
) -> CrmData:
    """Read the pipelines over HubSpot's API with a private-app token."""
    import os

    from salesblueprint.interop.http import Client

    base = base_url or os.environ.get("SALESBLUEPRINT_HUBSPOT_URL") or API_URL
    client = Client("HubSpot", {"Authorization": f"Bearer {token}"}, timeout=timeout)
    where = base + _PATH

    def next_after(body: Any) -> str | None:
        paging = as_dict(body, _("response"), where).get("paging")
        nxt = paging.get("next") if isinstance(paging, dict) else None
        after = nxt.get("after") if isinstance(nxt, dict) else None
        return as_text(after, "paging.next.after", where) if after else None

    results: list[Any] = []
    for body in client.pages(base, _PATH, {"archived": "false"}, "after", next_after):
        results.extend(as_list(body.get("results", []), "results", where))
    return parse({"results": results}, where, pipeline, source="HubSpot API")


# -- export ---------------------------------------------------------------------------------
def _meta(prob: float, closed: bool) -> dict[str, str]:
    return {"probability": _num(prob), "isClosed": "true" if closed else "false"}


def _num(x: float) -> str:
    s = f"{round(x, 4):.4f}".rstrip("0")
    return s + "0" if s.endswith(".") else s


def _stage_prob(stage: Any) -> float:
    if stage.outcome == "won":
        return 1.0
    if stage.outcome == "lost":
        return 0.0
    return float(stage.probability) if stage.probability is not None else 0.0


def create_payload(p: Pipeline, order: int = 0) -> dict[str, Any]:
    """The body of ``POST /crm/v3/pipelines/deals`` for one blueprint pipeline."""
    return {
        "label": p.label,
        "displayOrder": order,
        "stages": [
            {
                "label": s.label,
                "displayOrder": i,
                "metadata": _meta(_stage_prob(s), s.outcome is not None),
            }
            for i, s in enumerate(p.stages)
        ],
    }


def export_notes(bp: Blueprint, p: Pipeline) -> list[str]:
    notes = list(CANNOT_ENFORCE)
    if p.after_close:
        notes.append(
            _("after_close stages are left out: a HubSpot deal pipeline ends at closed won/lost")
        )
    if p.transitions:
        notes.append(_("transitions (skip/recycle) have no HubSpot equivalent; they are left out"))
    missing = [s.id for s in p.stages if s.outcome is None and s.probability is None]
    if missing:
        notes.append(
            _("stages without a probability exported with 0.0: {ids}", ids=", ".join(missing))
        )
    return notes


@dataclass
class Plan:
    """What applying the blueprint to an existing HubSpot pipeline would change."""

    pipeline_id: str
    pipeline_label: str
    create: list[dict[str, Any]] = field(default_factory=list)
    relabel: list[dict[str, Any]] = field(default_factory=list)
    reorder: list[dict[str, Any]] = field(default_factory=list)
    update: list[dict[str, Any]] = field(default_factory=list)
    archive: list[dict[str, Any]] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.create or self.relabel or self.reorder or self.update or self.archive)

    def to_dict(self) -> dict[str, Any]:
        return {
            "pipeline": {"id": self.pipeline_id, "label": self.pipeline_label},
            "create": self.create,
            "relabel": self.relabel,
            "reorder": self.reorder,
            "update": self.update,
            "archive": self.archive,
            "unchanged": self.unchanged,
        }

    def text(self, tr: Translator | None = None) -> str:
        """The plan for people, in ``tr``'s language (English by default)."""
        from salesblueprint.i18n import translator

        tr = tr or translator()
        lines: list[str] = [
            _(
                "Plan for HubSpot pipeline '{pipeline}' (id {id}):",
                pipeline=self.pipeline_label,
                id=self.pipeline_id,
            )
        ]
        for c in self.create:
            lines.append(
                _(
                    "  create   '{stage}' at displayOrder {order} (probability {p}, closed "
                    "{closed})",
                    stage=c["label"],
                    order=c["displayOrder"],
                    p=c["metadata"]["probability"],
                    closed=c["metadata"]["isClosed"],
                )
            )
        for r in self.relabel:
            lines.append(
                _(
                    "  relabel  {id}: '{old}' -> '{new}' (id kept)",
                    id=r["id"],
                    old=r["from"],
                    new=r["to"],
                )
            )
        for r in self.reorder:
            lines.append(
                _(
                    "  reorder  {id} '{stage}': {old} -> {new}",
                    id=r["id"],
                    stage=r["label"],
                    old=r["from"],
                    new=r["to"],
                )
            )
        for u in self.update:
            lines.append(
                _(
                    "  update   {id} '{stage}' metadata: {changes}",
                    id=u["id"],
                    stage=u["label"],
                    changes=", ".join(
                        f"{k} {v[0]} -> {v[1]}" for k, v in sorted(u["changes"].items())
                    ),
                )
            )
        for a in self.archive:
            lines.append(
                _(
                    "  archive  {id} '{stage}' (deals in it must move first; HubSpot refuses to "
                    "archive a stage that holds deals)",
                    id=a["id"],
                    stage=a["label"],
                )
            )
        if self.empty:
            lines.append(_("  nothing to change"))
        lines = [tr(x) for x in lines]
        from salesblueprint.diagnostics.safe_text import one_line

        # labels and ids come from the account: each line printable, no terminal escapes
        return "\n".join(one_line(x) for x in lines) + "\n"


def plan(p: Pipeline, existing: CrmData, raw_stages: dict[str, dict[str, Any]]) -> Plan:
    """Compare blueprint pipeline ``p`` with the matching pipeline of ``existing``."""
    from salesblueprint.interop.match import match_pipeline, match_stages

    crm_p = match_pipeline(p, existing.pipelines, CRM)
    if crm_p is None:
        raise InteropError(
            _(
                "no HubSpot pipeline matches '{pipeline}' (by crm: hubspot id or label); "
                "the account has: {names}",
                pipeline=p.label,
                names=", ".join(x.label for x in existing.pipelines) or _("none"),
            ),
            existing.source,
        )
    out = Plan(crm_p.id, crm_p.label)
    pairs, only_bp, only_crm = match_stages(p.stages, crm_p.stages, CRM)
    by_bp = {id(b): c for b, c in pairs}
    for i, s in enumerate(p.stages):
        want = _meta(_stage_prob(s), s.outcome is not None)
        c = by_bp.get(id(s))
        if c is None:
            out.create.append({"label": s.label, "displayOrder": i, "metadata": want})
            continue
        changed = False
        if c.label != s.label:
            out.relabel.append({"id": c.id, "from": c.label, "to": s.label})
            changed = True
        old_order = raw_stages.get(c.id, {}).get("displayOrder")
        if old_order != i:
            out.reorder.append({"id": c.id, "label": s.label, "from": old_order, "to": i})
            changed = True
        old_meta = raw_stages.get(c.id, {}).get("metadata") or {}
        diff = {
            k: (str(old_meta.get(k)) if k in old_meta else None, v)
            for k, v in want.items()
            if _norm(old_meta.get(k)) != _norm(v)
        }
        if diff:
            out.update.append({"id": c.id, "label": s.label, "changes": diff})
            changed = True
        if not changed:
            out.unchanged.append(c.id)
    for c in only_crm:
        out.archive.append({"id": c.id, "label": c.label})
    del only_bp
    return out


def _norm(v: Any) -> str:
    if v is None:
        return ""
    try:
        return f"{float(v):.4f}"
    except (TypeError, ValueError):
        return str(v).strip().lower()


def raw_stages(body: Any) -> dict[str, dict[str, Any]]:
    """Stage id -> the raw stage object of a pipelines response (for the plan)."""
    out: dict[str, dict[str, Any]] = {}
    pipelines = body.get("results", [body]) if isinstance(body, dict) else []
    for p in pipelines if isinstance(pipelines, list) else []:
        for s in p.get("stages", []) if isinstance(p, dict) else []:
            if isinstance(s, dict) and "id" in s:
                out[str(s["id"])] = s
    return out
