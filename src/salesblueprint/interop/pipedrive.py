"""Pipedrive: the stages response (``GET /api/v2/stages``) in, the stages payload out.

Won and lost are deal statuses in Pipedrive, not stages: import adds both outcomes to every
pipeline, export leaves them out. ``deal_probability`` is 0-100; ``days_to_rotten`` (when deal
rotting is on) is the stage's ``expected_days``. Deleted stages are left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from salesblueprint.i18n import _
from salesblueprint.interop.base import (
    CrmData,
    CrmPipeline,
    CrmStage,
    FieldCheck,
    InteropError,
    fraction,
)
from salesblueprint.interop.build import OUTCOME_NAMES
from salesblueprint.interop.jsonio import (
    as_bool,
    as_dict,
    as_list,
    as_number,
    as_text,
    read_json_file,
)

if TYPE_CHECKING:
    from salesblueprint.model.blueprint import Blueprint, Pipeline

CRM = "pipedrive"
API_URL = "https://api.pipedrive.com"
MAX_DAYS = 36500  # days_to_rotten: a century is the most any pipeline means

_TOP = frozenset({"success", "data", "additional_data"})
_STAGE = frozenset(
    {
        "id",
        "order_nr",
        "name",
        "is_deleted",
        "deal_probability",
        "pipeline_id",
        "is_deal_rot_enabled",
        "days_to_rotten",
        "add_time",
        "update_time",
    }
)

CANNOT_ENFORCE: list[str] = [
    _("won and lost are deal statuses in Pipedrive, not stages: the outcome stages are left out"),
    _(
        "Pipedrive keeps no exit criteria and lets a deal move to any stage: nothing stops a "
        "skip; the blueprint's exit criteria are not carried"
    ),
    _("days_to_rotten marks a deal as rotten after expected_days; it does not move or stop it"),
]


def parse(
    body: Any,
    file: str,
    pipeline: str | None = None,
    names: dict[str, str] | None = None,
    source: str = "",
) -> CrmData:
    data = CrmData(CRM, source or file)
    check = FieldCheck(data)
    top = as_dict(body, _("the file"), file)
    if top.get("success") is False:
        err = top.get("error") or top.get("error_info") or _("no reason given")
        raise InteropError(_("Pipedrive reported failure: {reason}", reason=err), file)
    if "data" not in top:
        raise InteropError(
            _("not a Pipedrive stages response: expected 'data' (GET /api/v2/stages)"), file
        )
    check(top, _TOP, "")
    groups: dict[str, list[tuple[float, int, CrmStage]]] = {}
    order_seen: list[str] = []
    for i, raw in enumerate(as_list(top["data"] or [], "data", file)):
        at = f"data[{i}]"
        st = as_dict(raw, at, file)
        check(st, _STAGE, "data[]")
        sid = as_text(st.get("id", ""), f"{at}.id", file)
        name = as_text(st.get("name", sid), f"{at}.name", file)
        pid = as_text(st.get("pipeline_id", ""), f"{at}.pipeline_id", file)
        if pipeline is not None and pid != pipeline:
            continue
        if as_bool(st.get("is_deleted"), f"{at}.is_deleted", file):
            data.note(
                _(
                    "deleted stage '{stage}' (id {id}) of pipeline {pipeline} left out",
                    stage=name,
                    id=sid,
                    pipeline=pid,
                )
            )
            continue
        prob = as_number(st.get("deal_probability"), f"{at}.deal_probability", file)
        if prob is not None and not 0 <= prob <= 100:
            raise InteropError(
                _(
                    "{where}: {value} is not between 0 and 100",
                    where=f"{at}.deal_probability",
                    value=f"{prob:g}",
                ),
                file,
            )
        stage = CrmStage(sid, name, fraction(prob / 100) if prob is not None else None)
        days = as_number(st.get("days_to_rotten"), f"{at}.days_to_rotten", file)
        if days is not None and not 0 <= days <= MAX_DAYS:
            raise InteropError(
                _(
                    "{where}: {value} is not between 0 and {max} days",
                    where=f"{at}.days_to_rotten",
                    value=f"{days:g}",
                    max=MAX_DAYS,
                ),
                file,
            )
        if as_bool(st.get("is_deal_rot_enabled"), f"{at}.is_deal_rot_enabled", file):
            if days is not None and days >= 1:
                stage.expected_days = int(days)
        elif days:
            data.note(
                _(
                    "stage '{stage}': days_to_rotten {days} ignored, deal rotting is off",
                    stage=name,
                    days=f"{days:g}",
                )
            )
        order = as_number(st.get("order_nr"), f"{at}.order_nr", file)
        if pid not in groups:
            groups[pid] = []
            order_seen.append(pid)
        groups[pid].append((order if order is not None else float(i), i, stage))
    if pipeline is not None and pipeline not in groups:
        raise InteropError(_("no stages of pipeline {id}", id=pipeline), file)
    names = names or {}
    for pid in sorted(order_seen, key=_id_order):
        stages = [s for _, _, s in sorted(groups[pid], key=lambda t: (t[0], t[1]))]
        label = names.get(pid) or _("Pipeline {id}", id=pid)
        data.pipelines.append(CrmPipeline(pid, label, stages, outcomes_are_stages=False))
    data.note(
        _(
            "won and lost are deal statuses in Pipedrive: the outcome stages {won} and {lost} "
            "are added",
            won=OUTCOME_NAMES["won"],
            lost=OUTCOME_NAMES["lost"],
        )
    )
    if not names:
        data.note(
            _(
                "pipeline names are not in the stages response: named '{name}'",
                name=_("Pipeline {id}", id="<id>"),
            )
        )
    return data


def _id_order(pid: str) -> tuple[bool, int, str]:
    """Numeric ids in numeric order, then the others; without ``int()``, which refuses
    non-ASCII digits (``²``) and numbers of more than 4300 digits."""
    digits = pid.isascii() and pid.isdigit()
    n = pid.lstrip("0") if digits else pid
    return (not digits, len(n) if digits else 0, n)


def _api_id(pid: str) -> int | str:
    """A pipeline id for the API: an integer when it is one (ASCII digits), else the text."""
    return int(pid) if pid.isascii() and pid.isdigit() and len(pid) <= 18 else pid


def read(path: str, pipeline: str | None = None) -> CrmData:
    return parse(read_json_file(path), path, pipeline)


def fetch(
    token: str, pipeline: str | None = None, base_url: str | None = None, timeout: float = 30
) -> CrmData:
    """Read the stages (and the pipelines' names) over Pipedrive's API v2."""
    import os

    from salesblueprint.interop.http import Client

    base = base_url or os.environ.get("SALESBLUEPRINT_PIPEDRIVE_URL") or API_URL
    client = Client("Pipedrive", {"x-api-token": token}, timeout=timeout)
    stages = _all(client, base, "/api/v2/stages", {"pipeline_id": pipeline} if pipeline else {})
    names: dict[str, str] = {}
    for p in _all(client, base, "/api/v2/pipelines", {}):
        if isinstance(p, dict) and "id" in p and isinstance(p.get("name"), str):
            names[as_text(p["id"], "pipelines[].id", base + "/api/v2/pipelines")] = p["name"]
    return parse(
        {"success": True, "data": stages},
        base + "/api/v2/stages",
        pipeline,
        names,
        source="Pipedrive API",
    )


def _all(client: Any, base: str, path: str, params: dict[str, str]) -> list[Any]:
    where = base + path

    def next_cursor(body: Any) -> str | None:
        body = as_dict(body, _("response"), where)
        if body.get("success") is False:
            err = body.get("error")
            reason = as_text(err, "error", where) if err else _("no reason given")
            raise InteropError(_("Pipedrive reported failure: {reason}", reason=reason), where)
        extra = body.get("additional_data")
        nxt = extra.get("next_cursor") if isinstance(extra, dict) else None
        return as_text(nxt, "additional_data.next_cursor", where) if nxt else None

    out: list[Any] = []
    for body in client.pages(base, path, {**params, "limit": "500"}, "cursor", next_cursor):
        out.extend(as_list(body.get("data") or [], "data", where))
    return out


# -- export ---------------------------------------------------------------------------------
def stages_payload(p: Pipeline) -> dict[str, Any]:
    """One ``POST /api/v2/stages`` body per open stage, in order, under ``stages``."""
    pid = p.crm.get(CRM) if p.crm is not None else None
    stages: list[dict[str, Any]] = []
    for i, s in enumerate(x for x in p.stages if x.outcome is None):
        body: dict[str, Any] = {"name": s.label, "order_nr": i + 1}
        if pid is not None:
            body["pipeline_id"] = _api_id(pid)
        if s.probability is not None:
            body["deal_probability"] = round(s.probability * 100)
        body["is_deal_rot_enabled"] = s.expected_days is not None
        if s.expected_days is not None:
            body["days_to_rotten"] = s.expected_days
        stages.append(body)
    return {"pipeline": {"name": p.label}, "stages": stages}


def export_notes(bp: Blueprint, p: Pipeline) -> list[str]:
    notes = list(CANNOT_ENFORCE)
    if p.after_close:
        notes.append(_("after_close stages are left out: a Pipedrive pipeline ends at won/lost"))
    if p.crm is None or p.crm.get(CRM) is None:
        notes.append(
            _(
                "the pipeline has no {crm}: create the pipeline first (POST /api/v2/pipelines "
                "with the 'pipeline' body) and set pipeline_id on each stage",
                crm="crm: {pipedrive: ID}",
            )
        )
    return notes
