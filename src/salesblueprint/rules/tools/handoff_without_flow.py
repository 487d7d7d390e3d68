from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import N_, _
from salesblueprint.model.blueprint import Blueprint
from salesblueprint.rules.analysis.sides import SIDE_OPTIONS
from salesblueprint.rules.engine import Context
from salesblueprint.rules.options import Option
from salesblueprint.rules.registry import Problem, rule

CONTACT_RECORDS = Option(
    "contact-records",
    (
        *("contact", "contacts", "lead", "leads", "person", "persons", "people"),
        *("prospect", "prospects", "subscriber", "subscribers"),
        *("persoon", "personen", "contactpersoon", "contactpersonen", "relatie", "relaties"),
    ),
    N_(
        "A record is a contact when its id, or the last word of its id (after the last "
        "underscore), is one of these."
    ),
)


def is_contact_record(record: str, words: tuple[str, ...]) -> bool:
    """A record that is a person: its last word is one of ``words`` (contact, lead, person ...),
    so ``sales_lead`` is one and ``lead_score`` is not."""
    return record in words or record.rsplit("_", 1)[-1] in words


def sales_tools(ctx: Context) -> set[str]:
    """Tools that record the exit criteria of sales-owned stages; else tools of category crm."""
    bp = ctx.bp
    idx = ctx.stages.index
    sides = ctx.sides
    out: set[str] = set()
    for node in idx.nodes.values():
        if sides.of_node(node) != "sales":
            continue
        for c in node.stage.exit_criteria:
            if c.recorded_in:
                out.add(c.recorded_in.partition(".")[0])
    if not out:
        out = {t.id for t in bp.tools if (t.category or "").strip().lower() == "crm"}
    return out


def _in_time(bp: Blueprint, trigger: str | None, handoff_to: str) -> bool:
    """The flow runs at or before the handoff: no trigger (always in sync), or a lifecycle
    stage no later than the handoff's `to`."""
    if trigger is None or bp.lifecycle is None:
        return True
    order = {s.id: i for i, s in enumerate(bp.lifecycle.stages)}
    if handoff_to not in order:
        return True
    return trigger in order and order[trigger] <= order[handoff_to]


@rule(
    "SB409",
    "handoff-without-flow",
    group="tools",
    severity="warning",
    options=(CONTACT_RECORDS, *SIDE_OPTIONS),
)
def check(ctx: Context) -> Iterator[Problem]:
    """At the handoff, no flow carries the contact to the sales team's tool.

    ## What it does
    Finds the sales team's tools (those that record the exit criteria of stages the sales side
    owns; without any, the tools of category ``crm``) and the tools that hold a contact-like
    record (a record whose id ends in contact, lead, person, prospect or subscriber, or the
    Dutch contactpersoon, persoon or relatie). When a tool outside the sales tools holds
    contacts, some flow must carry a contact-like record from such a tool into a sales tool,
    with no ``trigger`` (always in sync) or triggered by a lifecycle stage no later than
    ``sla.handoff.to``. The sides come from the handoff: its ``to`` owner is sales.

    The finding points at the flow that comes closest (its ``trigger`` when it runs after the
    handoff, its ``data`` when it carries no contact), or else at the handoff.

    ## Why is this bad?
    The handoff happens in the tools, not in the SLA document. If marketing's leads live in the
    marketing automation tool and nothing moves them to the CRM when they become sales-ready,
    sales never sees them, and the follow-up time in the SLA is a promise nobody can keep.

    ## Example
    ```yaml
    sla:
      handoff: {from: mql, to: sql, follow_up_within: 24h}
    tools:
      - {id: hubspot, records: [contact, lead_score], system_of_record: [contact, lead_score]}
      - {id: pipedrive, category: crm, records: [contact, deal], system_of_record: [deal]}
    flows: []
    ```
    Use instead:
    ```yaml
    flows:
      - {from: hubspot, to: pipedrive, data: [contact], trigger: sql}
    ```
    """
    bp = ctx.bp
    h = bp.sla.handoff if bp.sla else None
    if h is None or not bp.tools:
        return
    sales = sales_tools(ctx)
    if not sales:
        return
    words: tuple[str, ...] = ctx.options[CONTACT_RECORDS.name]

    def is_contact(record: str) -> bool:
        return is_contact_record(record, words)

    outside = sorted(
        t.id for t in bp.tools if t.id not in sales and any(map(is_contact, t.records))
    )
    if not outside:
        return  # the contacts live in the sales tools from the start
    into = [f for f in bp.flows if f.to in sales and f.from_ in outside]
    carrying = [f for f in into if any(map(is_contact, f.data))]
    if any(_in_time(bp, f.trigger, h.to) for f in carrying):
        return
    if carrying:  # the contact moves, but only after the handoff
        f = carrying[0]
        yield Problem(
            f.path,
            _(
                "this flow carries the contact to the sales tool '{f_to}' only when a "
                "contact reaches '{f_trigger}', after the handoff to '{h_to}'; trigger "
                "it at '{h_to}' (or earlier) so that sales has the lead when the "
                "follow-up time starts",
                f_to=f.to,
                f_trigger=f.trigger,
                h_to=h.to,
            ),
            at="trigger",
        )
        return
    if into:  # a flow into the sales tool, but without the contact
        f = into[0]
        yield Problem(
            f.path,
            _(
                "this flow into the sales tool '{f_to}' does not carry the contact, so "
                "at the handoff from '{h_from_}' to '{h_to}' sales does not get the "
                "lead; add the contact record of '{f_from_}' to its data",
                f_to=f.to,
                h_from_=h.from_,
                h_to=h.to,
                f_from_=f.from_,
            ),
            at="data",
        )
        return
    target = ", ".join(f"'{t}'" for t in sorted(sales))
    yield Problem(
        h.path,
        _(
            "at the handoff from '{h_from_}' to '{h_to}' no flow carries the contact "
            "from {value} to the sales tool {target}; add a flow, e.g. {{from: "
            "{outside}, to: {sales}, data: [contact], trigger: {h_to}}}",
            h_from_=h.from_,
            h_to=h.to,
            value=", ".join(repr(t) for t in outside),
            target=target,
            outside=outside[0],
            sales=sorted(sales)[0],
        ),
        at="to",
    )
