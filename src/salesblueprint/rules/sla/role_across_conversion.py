from __future__ import annotations

from collections.abc import Iterator

from salesblueprint.i18n import _
from salesblueprint.rules.analysis.conversion import conversion_point
from salesblueprint.rules.analysis.sides import node_owner
from salesblueprint.rules.engine import Context
from salesblueprint.rules.registry import Problem, rule


@rule("SB317", "role-across-conversion", group="sla", severity="warning")
def check(ctx: Context) -> Iterator[Problem]:
    """An SDR team owns a stage after the lead conversion, or an AE team one before it.

    ## What it does
    With a conversion point (the lifecycle stage with ``lead_conversion``), reports every stage
    owned by a team with ``role: ae`` that comes before it, and every stage owned by a team
    with ``role: sdr`` that comes after it. "Before" and "after" follow the forward moves
    (default flow, forward and skip transitions, the handoff, and the links between the
    lifecycle and its pipelines); a deal stage without an ``owner`` belongs to its pipeline's
    owner. The conversion stage itself may belong to either: the SDR converts the lead, or the
    AE takes it over converted. Teams without a role are not judged.

    ## Why is this bad?
    The conversion is the line between the two jobs: sales development works leads (research,
    first contact, qualification), account executives work contacts, accounts and
    opportunities that someone already vetted. An AE stage before the conversion has the AE
    qualifying raw leads; an SDR stage after it has the SDR working deals the AE should own.
    Either way the blueprint and the CRM disagree about who owns the record at that stage. (If
    your SDRs build out accounts after conversion on purpose, ignore this rule for that stage.)

    ## Example
    ```yaml
    teams:
      - {id: sdr, role: sdr}
      - {id: ae, role: ae}
    lifecycle:
      stages:
        - {id: sal, owner: sdr}
        - {id: sql, owner: ae}
        - {id: opportunity, owner: sdr, terminal: true, lead_conversion: {}}
    ```
    Use instead:
    ```yaml
    lifecycle:
      stages:
        - {id: sal, owner: sdr}
        - {id: sql, owner: sdr}
        - {id: opportunity, owner: ae, terminal: true, lead_conversion: {}}
    ```
    """
    bp = ctx.bp
    point = conversion_point(bp, ctx.stages)
    if point is None:
        return
    conv = point.node.stage.id
    for nid, node in ctx.stages.index.nodes.items():
        owner = node_owner(node)
        team = bp.team(owner) if owner else None
        if team is None or team.role not in ("sdr", "ae"):
            continue
        if team.role == "ae" and nid in point.before:
            where, job, fix = (
                _("before"),
                _("account executives"),
                _(
                    "let the SDR team own it, or move `lead_conversion:` from '{conv}' to the "
                    "first stage the account executives own",
                    conv=conv,
                ),
            )
        elif team.role == "sdr" and nid in point.after:
            where, job, fix = (
                _("after"),
                _("sales development"),
                _(
                    "let the AE team own it, or move `lead_conversion:` from '{conv}' to the "
                    "stage where sales development hands the lead over",
                    conv=conv,
                ),
            )
        else:
            continue
        yield Problem(
            node.path,
            _(
                "stage '{nid}' comes {where} the lead conversion at '{conv}' but team "
                "'{team}' ({job}, role: {team_role}) owns it",
                nid=nid,
                where=where,
                conv=conv,
                team=team.id,
                job=job,
                team_role=team.role,
            ),
            at="owner" if node.stage.owner is not None else "id",
            fix=fix,
        )
