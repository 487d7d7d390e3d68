"""From :class:`CrmData` to blueprint YAML: ids, the ``crm:`` keys, and a header comment
saying what the CRM held that the blueprint could not take, and which fields were ignored.

In another language than English (``import ... --lang nl``) the blueprint says ``language:``,
and the header, the description and the names salesblueprint gives (``Won``, ``Lost``, a
pipeline without a name) are in that language; the CRM's own labels stay as the CRM has them.
"""

from __future__ import annotations

from typing import Any

from salesblueprint.i18n import DEFAULT, Translator, _, translator
from salesblueprint.interop.base import CrmData, CrmPipeline, CrmStage, slug, unique

TITLES = {"hubspot": "HubSpot", "salesforce": "Salesforce", "pipedrive": "Pipedrive"}
OUTCOME_NAMES = {"won": _("Won"), "lost": _("Lost")}


def _stage(stage: CrmStage, crm: str, taken: set[str], tr: Translator) -> dict[str, Any]:
    label = tr(stage.label) or stage.id
    out: dict[str, Any] = {"id": unique(slug(label), taken)}
    out["name"] = label
    if stage.outcome is not None:
        out["outcome"] = stage.outcome
    else:
        if stage.guidance:
            out["rep_action"] = stage.guidance
        if stage.probability is not None:
            out["probability"] = stage.probability
        if stage.expected_days is not None:
            out["expected_days"] = stage.expected_days
    if stage.id:
        out["crm"] = {crm: stage.id}
    return out


def _pipeline(
    p: CrmPipeline, crm: str, taken: set[str], data: CrmData, tr: Translator
) -> dict[str, Any]:
    label = tr(p.label) or p.id
    out: dict[str, Any] = {"id": unique(slug(label, "pipeline"), taken)}
    out["name"] = label
    if p.id:
        out["crm"] = {crm: p.id}
    ids: set[str] = set()
    open_stages = [s for s in p.stages if s.outcome is None]
    won = [s for s in p.stages if s.outcome == "won"]
    lost = [s for s in p.stages if s.outcome == "lost"]
    if p.outcomes_are_stages:
        if not won:
            data.note(
                _(
                    "pipeline '{pipeline}' has no won stage in the CRM: added '{name}'",
                    pipeline=out["name"],
                    name=OUTCOME_NAMES["won"],
                )
            )
        if not lost:
            data.note(
                _(
                    "pipeline '{pipeline}' has no lost stage in the CRM: added '{name}'",
                    pipeline=out["name"],
                    name=OUTCOME_NAMES["lost"],
                )
            )
    # outcome stages without a CRM id are added, since every blueprint pipeline needs both
    won = won or [CrmStage("", OUTCOME_NAMES["won"], outcome="won")]
    lost = lost or [CrmStage("", OUTCOME_NAMES["lost"], outcome="lost")]
    out["stages"] = [_stage(s, crm, ids, tr) for s in [*open_stages, *won, *lost]]
    return out


def blueprint_data(
    data: CrmData, name: str | None = None, lang: str | None = None
) -> dict[str, Any]:
    """The blueprint as plain data (what :func:`blueprint_yaml` writes), in ``lang``."""
    tr = translator(lang)
    title = TITLES.get(data.crm, data.crm)
    if name is None:
        name = tr(
            data.pipelines[0].label
            if len(data.pipelines) == 1 and data.pipelines[0].label
            else _("{crm} deal pipelines", crm=title)
        )
    taken: set[str] = set()
    pipelines = [_pipeline(p, data.crm, taken, data, tr) for p in _with_open_stages(data)]
    out: dict[str, Any] = {"salesblueprint": 1}
    if tr.lang != DEFAULT:
        out["language"] = tr.lang
    out["name"] = name
    out["description"] = tr(_("Imported from {crm} ({source}).", crm=title, source=data.source))
    if data.lead_stages:
        out["lifecycle"] = {"stages": _lead_stages(data, pipelines)}
    out["pipelines"] = pipelines
    return out


def _with_open_stages(data: CrmData) -> list[CrmPipeline]:
    """The pipelines a deal can move through: one with no open stage (only won and lost, or
    nothing) is noted and left out, since a blueprint pipeline needs a path to won."""
    keep = []
    for p in data.pipelines:
        if any(s.outcome is None for s in p.stages):
            keep.append(p)
        else:
            data.note(
                _("pipeline '{pipeline}' has no open stage: left out", pipeline=p.label or p.id)
            )
    return keep


def _lead_stages(data: CrmData, pipelines: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The lead's statuses as lifecycle stages; the converted one, the last, carries
    ``lead_conversion`` and ``terminal`` (the lead record ends there) and, with one pipeline,
    leads into it (the conversion creates the opportunity)."""
    ids: set[str] = set()
    out = []
    for s in data.lead_stages:
        stage: dict[str, Any] = {"id": unique(slug(s.label or s.id), ids), "name": s.label or s.id}
        if s.converted:
            stage["lead_conversion"] = {"creates": ["contact", "account", "opportunity"]}
            if len(pipelines) == 1:
                stage["pipeline"] = pipelines[0]["id"]
            stage["terminal"] = True  # the lead record ends here, converted
        stage["crm"] = {data.crm: s.id}
        out.append(stage)
    return out


def header(data: CrmData, tr: Translator | None = None) -> str:
    """The comment at the top: where the blueprint came from, what it could not carry over."""
    tr = tr or translator()
    title = TITLES.get(data.crm, data.crm)
    lines = [
        "# "
        + tr(
            _(
                "Imported from {crm} ({source}) by salesblueprint import {name}.",
                crm=title,
                source=data.source,
                name=data.crm,
            )
        ),
        "# "
        + tr(_("Not carried over (the CRM does not hold it, or the format has no place for it):")),
        "#   - "
        + tr(
            _(
                "exit criteria: {crm} holds none; write what the buyer did to leave each stage",
                crm=title,
            )
        ),
    ]
    lines += [f"#   - {tr(n)}" for n in data.notes]
    if data.unknown_fields:
        lines.append("# " + tr(_("Fields ignored (not known to salesblueprint):")))
        lines += [f"#   - {f}" for f in sorted(data.unknown_fields)]
    return "\n".join(_comment_safe(x) for x in lines) + "\n"


def _comment_safe(line: str) -> str:
    """One comment line: YAML also breaks lines at NEL, LS and PS, so a CRM label holding one
    would end the comment and put the rest into the blueprint; every unprintable character is
    written as an escape instead (as in every other output)."""
    from salesblueprint.diagnostics.safe_text import one_line

    return one_line(line)


def blueprint_yaml(data: CrmData, name: str | None = None, lang: str | None = None) -> str:
    """The blueprint YAML text, with the header comment, in ``lang`` (default English)."""
    import yaml

    tr = translator(lang)
    if not _with_open_stages(data):
        from salesblueprint.interop.base import InteropError

        raise InteropError(
            _(
                "no pipeline to import from {source}{why}",
                source=data.source,
                why=f" ({'; '.join(tr(n) for n in data.notes)})" if data.notes else "",
            )
        )

    class _Dumper(yaml.SafeDumper):
        pass

    def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        style = "|" if "\n" in value else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)

    _Dumper.add_representer(str, _str)
    body = yaml.dump(
        blueprint_data(data, name, lang),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=None,
        width=100,
    )
    return header(data, tr) + body
