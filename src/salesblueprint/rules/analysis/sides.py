"""Who is marketing and who is sales? Owners of stages, and the two sides of the SLA.

Team ids are free text, so the sides are inferred:

1. the SLA handoff defines them: the owner of ``sla.handoff.from`` is the marketing side, the
   owner of ``sla.handoff.to`` the sales side (unless both ends have the same owner, or the
   names say the handoff runs the wrong way: then the handoff settles nothing);
2. any other team with a ``role`` is on its role's side (``marketing``; ``sdr``, ``ae`` and
   ``sales`` are sales; ``csm`` and ``other`` have no side);
3. any other team counts as marketing when its id or name contains "marketing", and as sales
   when it contains "sales" or the Dutch "verkoop"; a team matching both, or neither, has no
   side. The words are the options ``sales-words`` and ``marketing-words`` of the rules that
   use the sides (:data:`SIDE_OPTIONS`), so a project can name its teams its own way.

The owner of a lifecycle stage is its ``owner``; the owner of a deal stage is its ``owner``, or
else its pipeline's ``owner``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from salesblueprint.i18n import N_
from salesblueprint.model.blueprint import Blueprint, Team
from salesblueprint.model.graph import StageGraph, StageIndex, StageNode
from salesblueprint.rules.options import Option

Side = Literal["marketing", "sales"]

SALES_WORDS = Option(
    "sales-words",
    ("sales", "verkoop"),
    N_(
        "A team whose id or name contains one of these words is on the sales side of the "
        "SLA (unless the handoff settles the sides)."
    ),
)
MARKETING_WORDS = Option(
    "marketing-words",
    ("marketing",),
    N_(
        "A team whose id or name contains one of these words is on the marketing side of the "
        "SLA (unless the handoff settles the sides)."
    ),
)
#: the options of every rule that tells the sides apart (read through ``ctx.side_words``)
SIDE_OPTIONS = (SALES_WORDS, MARKETING_WORDS)


@dataclass(frozen=True)
class SideWords:
    """The words that put a team on the sales or the marketing side."""

    sales: tuple[str, ...] = SALES_WORDS.default  # type: ignore[assignment]
    marketing: tuple[str, ...] = MARKETING_WORDS.default  # type: ignore[assignment]


DEFAULT_WORDS = SideWords()

_ROLE_SIDE: dict[str, Side | None] = {
    "marketing": "marketing",
    "sdr": "sales",
    "ae": "sales",
    "sales": "sales",
    "csm": None,
    "other": None,
}


def node_owner(node: StageNode) -> str | None:
    """The team that owns a stage: its own ``owner``, or its pipeline's."""
    if node.stage.owner is not None:
        return node.stage.owner
    return node.pipeline.owner if node.pipeline is not None else None


def name_side(
    team: Team | None, team_id: str = "", words: SideWords = DEFAULT_WORDS
) -> Side | None:
    """The side a team's ``role`` says it is on; without a role, the side its id or name says,
    if it says exactly one."""
    if team is not None and team.role is not None:
        return _ROLE_SIDE[team.role]
    text = f"{team_id} {team.id} {team.name or ''}" if team else team_id
    text = text.lower()
    m = any(w.lower() in text for w in words.marketing)
    s = any(w.lower() in text for w in words.sales)
    if m == s:
        return None
    return "marketing" if m else "sales"


@dataclass(frozen=True)
class Sides:
    marketing: frozenset[str]
    sales: frozenset[str]
    from_handoff: bool  # the handoff settled the sides

    def of_team(self, team_id: str | None) -> Side | None:
        if team_id is None:
            return None
        if team_id in self.marketing:
            return "marketing"
        if team_id in self.sales:
            return "sales"
        return None

    def of_node(self, node: StageNode) -> Side | None:
        return self.of_team(node_owner(node))

    @property
    def known(self) -> bool:
        return bool(self.marketing) and bool(self.sales)


def handoff_owners(bp: Blueprint, idx: StageIndex) -> tuple[str | None, str | None]:
    """Owners of the handoff's ``from`` and ``to`` stages (``None`` when unknown)."""
    h = bp.sla.handoff if bp.sla else None
    if h is None:
        return None, None
    a, b = idx.resolve(h.from_), idx.resolve(h.to)
    return (
        node_owner(idx.nodes[a]) if a else None,
        node_owner(idx.nodes[b]) if b else None,
    )


def handoff_is_reversed(bp: Blueprint, a: str, b: str, words: SideWords = DEFAULT_WORDS) -> bool:
    """The names say the handoff starts at sales or ends at marketing."""
    return (
        name_side(bp.team(a), a, words) == "sales" or name_side(bp.team(b), b, words) == "marketing"
    )


def infer_sides(bp: Blueprint, idx: StageIndex, words: SideWords = DEFAULT_WORDS) -> Sides:
    marketing: set[str] = set()
    sales: set[str] = set()
    a, b = handoff_owners(bp, idx)
    from_handoff = False
    if a and b and a != b and not handoff_is_reversed(bp, a, b, words):
        marketing.add(a)
        sales.add(b)
        from_handoff = True
    for t in bp.teams:
        if t.id in marketing or t.id in sales:
            continue
        side = name_side(t, words=words)
        if side == "marketing":
            marketing.add(t.id)
        elif side == "sales":
            sales.add(t.id)
    return Sides(frozenset(marketing), frozenset(sales), from_handoff)


def side_nodes(idx: StageIndex, sides: Sides, side: Side) -> list[StageNode]:
    return [n for n in idx.nodes.values() if sides.of_node(n) == side]


def way_back_status(
    bp: Blueprint, g: StageGraph, words: SideWords = DEFAULT_WORDS
) -> tuple[Sides, bool] | None:
    """The sides, and whether a recycle goes from a sales-owned stage to a marketing-owned one.

    ``None`` when the sides cannot be told apart, or one side owns no stage (then there is no
    way back to ask about). A recycle from or to a stage without an owner may be the way back:
    it counts as one (the missing owner is reported by the rules that need it).
    """
    sides = infer_sides(bp, g.index, words)
    if not sides.known:
        return None
    if not side_nodes(g.index, sides, "marketing") or not side_nodes(g.index, sides, "sales"):
        return None
    nodes = g.index.nodes

    def maybe(node: StageNode, side: Side) -> bool:
        return node_owner(node) is None or sides.of_node(node) == side

    back = any(
        e.kind == "recycle"
        and maybe(nodes[e.source], "sales")
        and maybe(nodes[e.target], "marketing")
        for e in g.edges
    )
    return sides, back
