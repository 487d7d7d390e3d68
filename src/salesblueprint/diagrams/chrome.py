"""Every fixed text a diagram shows around the user's own words ("chrome"), in one place.

Legend texts, group and lane titles, line prefixes and the small templates that put a number or
a name into a sentence all live here as named strings, so they can be wrapped for translation
in one module (``str.format`` templates with named fields; no other module writes a visible
English word into a diagram). User text never passes through these templates unescaped: the
renderers escape the result for their syntax.

Translation: the texts marked ``N_`` are gettext message ids. ``extract`` draws a view inside
``with speaking(tr):``, and reads the texts through :data:`C`, which gives each one in ``tr``'s
language (a translated template keeps its ``{fields}``). The language lives in a context
variable for the length of that one call, so diagrams drawn one after the other (or in threads)
never share it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from salesblueprint.i18n import ENGLISH, N_, Translator

# -- view titles: "<blueprint name> — <view>" -----------------------------------------------
TITLE = "{name} — {view}"
VIEW_NAMES: dict[str, str] = {
    "lifecycle": N_("lifecycle"),
    "pipeline": N_("pipeline"),
    "tools": N_("tool map"),
    "blueprint": N_("sales blueprint"),
}
VIEW_ONE_PIPELINE = N_("pipeline {label}")
# the blueprint view split into pages: the lifecycle first, then one page per pipeline
TITLE_PAGE = N_("{name} — {view}, page {page} of {pages}: {part}")
PAGE_OVERVIEW = N_("tools and lifecycle")

# -- groups ------------------------------------------------------------------------------------
LANE = N_("{team} lane")
NO_OWNER = N_("No owner")
PIPELINE = N_("Pipeline: {label}")
PIPELINE_OWNED = N_("Pipeline: {label} · owner {team}")
OPEN_STAGES = N_("open stages")
AFTER_CLOSE = N_("after close")
TOOLS = N_("Tools")
BLIND_SPOTS = N_("Blind spots")
LEGEND = N_("Legend")
CATEGORY_TITLES: dict[str, str] = {
    "crm": "CRM",
    "erp": "ERP",
    "cpq": "CPQ",
    "marketing_automation": N_("Marketing automation"),
    "quoting": N_("Quoting"),
    "invoicing": N_("Invoicing"),
    "project_management": N_("Project management"),
    "other": N_("Other"),
}
OTHER_CATEGORY = "other"

# -- lines in a stage card -------------------------------------------------------------------
ACTION = "• {text}"
CONVERTS = N_("converts {pct}")
DEALS_IN = N_("deals: {pipeline}")
LEAD_CONVERTED = N_("lead converted here → {records}")
TEAM_WORKS_DEALS = N_("{team} works the deals in {pipeline} (below)")
TEAM_WORKS_DEALS_PAGE = N_("{team} works the deals in {pipeline} (page {page})")
TO_WIN = N_("{pct} to win")
DAYS = N_("~{days} days")
REASONS = N_("reasons: {reasons}")
REP = N_("Rep: {text}")
EXIT = N_("Exit: {text}")
EVIDENCE = N_("{evidence} in {tool}")
EVIDENCE_TOOL = N_("evidence in {tool}")
OWNER = N_("owner: {team}")
AFTER_CLOSE_OWNER = N_("after close · owner: {team}")
BACK_TO = N_("← back to {stage}: {reason}")
BACK_TO_PLAIN = N_("← back to {stage}")
SKIP_TO = N_("→ skip to {stage}: {reason}")
SKIP_TO_PLAIN = N_("→ skip to {stage}")
DATA_FLOW = N_("data {source} → {target}: {records}")
FACTS_SEP = " · "
LIST_SEP = ", "

# -- the handoff, as a box of its own in the blueprint view ----------------------------------
HANDOFF = N_("SLA handoff → {team}")
HANDOFF_FOLLOW_UP = N_("follow up within {time}")
HANDOFF_EDGE = N_("SLA handoff")
HANDOFF_EDGE_TIME = N_("SLA handoff: follow up within {time}")
HANDOFF_EDGE_ATTEMPTS = N_("{label}, {attempts}")  # attempts: n_attempts(n)

# -- tools -----------------------------------------------------------------------------------
SYSTEM_OF_RECORD = N_("system of record: {records}")
ALSO_HOLDS = N_("also holds: {records}")
RECORD_SOR = N_("{record} (system of record)")
RECORD = "• {record}"
FLOW_ON = N_("on {stage}")

# -- blind spots -----------------------------------------------------------------------------
NO_SOR = N_("{record}: no system of record")
MANY_SOR = N_("{record}: {count} systems of record")
UNRECORDED = N_("evidence not recorded in a tool: {stages}")

# -- findings --------------------------------------------------------------------------------
FINDING = N_("{mark}{what}: {message}")
FINDING_MORE = N_("+{count} more (see the tooltip)")
SEVERITY_MARK: dict[str, str] = {"error": "!! ", "warning": "! ", "info": ""}
FINDING_TIP = N_("{rule} {name} ({severity}): {message}")

# -- legend ----------------------------------------------------------------------------------
NODE_LEGEND: dict[str, str] = {
    "stage": N_("stage: what the team does in it"),
    "deal_stage": N_("deal stage: rep action, exit criteria, evidence"),
    "terminal": N_("terminal stage: contacts stay here"),
    "won": N_("won outcome"),
    "lost": N_("lost outcome, with lost reasons"),
    "after_close": N_("stage after the win"),
    "handoff": N_("SLA handoff marketing → sales"),
    "tool": N_("tool: its records; bold = system of record"),
    "note": N_("blind spots"),
}
EDGE_LEGEND: dict[str, str] = {
    "forward": N_("next stage"),
    "handoff": N_("SLA handoff marketing → sales (follow-up time)"),
    "skip": N_("skip: jumps ahead (→ reason in the stage)"),
    "recycle": N_("way back (← reason in the stage)"),
    "lost": N_("any open stage can be lost"),
    "pipeline": N_("deals run in this pipeline"),
    "won": N_("won deal goes on"),
    "flow": N_("data flow (records · triggering stage)"),
    "recorded_in": N_("evidence recorded in"),
}
NODE_LEGEND_BLUEPRINT: dict[str, str] = {  # the blueprint view's cards say more
    "stage": N_("stage: team, what it does, exit criteria, evidence"),
}
STATUS_LEGEND: dict[str, str] = {
    "error": N_("has an error finding"),
    "warning": N_("has a warning finding"),
    "info": N_("has an info finding"),
}
NO_FINDINGS = N_("no findings on any stage")


# -- the texts in the language of the diagram being drawn -------------------------------------
_UNTRANSLATED = frozenset(
    {"TITLE", "OTHER_CATEGORY", "ACTION", "FACTS_SEP", "LIST_SEP", "RECORD", "SEVERITY_MARK"}
)
_SPEAKING: ContextVar[Translator | None] = ContextVar("salesblueprint_chrome", default=None)


@contextmanager
def speaking(tr: Translator) -> Iterator[None]:
    """Within the block, :data:`C` gives the texts in ``tr``'s language."""
    token = _SPEAKING.set(tr)
    try:
        yield
    finally:
        _SPEAKING.reset(token)


def language() -> str:
    """The language of the diagram being drawn (``en`` outside :func:`speaking`)."""
    tr = _SPEAKING.get()
    return tr.lang if tr is not None else "en"


class _Chrome:
    """This module's texts, translated into the language of the diagram being drawn."""

    def __getattr__(self, name: str) -> Any:
        value = globals()[name]
        tr = _SPEAKING.get()
        if tr is None or tr.lang == "en" or name in _UNTRANSLATED:
            return value
        if isinstance(value, dict):
            return {k: tr.gettext(v) for k, v in value.items()}
        return tr.gettext(value)


def n_attempts(n: int) -> str:
    """``1 attempt``, ``3 attempts``: the SLA's attempts in the diagram's language."""
    return (_SPEAKING.get() or ENGLISH).ngettext("{n} attempt", "{n} attempts", n)


C: Any = _Chrome()
"""``C.LANE.format(team=...)``: every text of this module, in the current diagram's language."""
