"""Every fixed text a diagram shows around the user's own words ("chrome"), in one place.

Legend texts, group and lane titles, line prefixes and the small templates that put a number or
a name into a sentence all live here as named strings, so they can be wrapped for translation
in one module (``str.format`` templates with named fields; no other module writes a visible
English word into a diagram). User text never passes through these templates unescaped: the
renderers escape the result for their syntax.
"""

from __future__ import annotations

# -- view titles: "<blueprint name> — <view>" -----------------------------------------------
TITLE = "{name} — {view}"
VIEW_NAMES: dict[str, str] = {
    "lifecycle": "lifecycle",
    "pipeline": "pipeline",
    "tools": "tool map",
    "blueprint": "sales blueprint",
}
VIEW_ONE_PIPELINE = "pipeline {label}"
# the blueprint view split into pages: the lifecycle first, then one page per pipeline
TITLE_PAGE = "{name} — {view}, page {page} of {pages}: {part}"
PAGE_OVERVIEW = "tools and lifecycle"

# -- groups ------------------------------------------------------------------------------------
LANE = "{team} lane"
NO_OWNER = "No owner"
PIPELINE = "Pipeline: {label}"
PIPELINE_OWNED = "Pipeline: {label} · owner {team}"
OPEN_STAGES = "open stages"
AFTER_CLOSE = "after close"
TOOLS = "Tools"
BLIND_SPOTS = "Blind spots"
LEGEND = "Legend"
CATEGORY_TITLES: dict[str, str] = {"crm": "CRM", "erp": "ERP", "cpq": "CPQ"}
OTHER_CATEGORY = "other"

# -- lines in a stage card -------------------------------------------------------------------
ACTION = "• {text}"
CONVERTS = "converts {pct}"
DEALS_IN = "deals: {pipeline}"
LEAD_CONVERTED = "lead converted here → {records}"
TEAM_WORKS_DEALS = "{team} works the deals in {pipeline} (below)"
TEAM_WORKS_DEALS_PAGE = "{team} works the deals in {pipeline} (page {page})"
TO_WIN = "{pct} to win"
DAYS = "~{days} days"
REASONS = "reasons: {reasons}"
REP = "Rep: {text}"
EXIT = "Exit: {text}"
EVIDENCE = "{evidence} in {tool}"
EVIDENCE_TOOL = "evidence in {tool}"
OWNER = "owner: {team}"
AFTER_CLOSE_OWNER = "after close · owner: {team}"
BACK_TO = "← back to {stage}: {reason}"
BACK_TO_PLAIN = "← back to {stage}"
SKIP_TO = "→ skip to {stage}: {reason}"
SKIP_TO_PLAIN = "→ skip to {stage}"
DATA_FLOW = "data {source} → {target}: {records}"
FACTS_SEP = " · "
LIST_SEP = ", "

# -- the handoff, as a box of its own in the blueprint view ----------------------------------
HANDOFF = "SLA handoff → {team}"
HANDOFF_FOLLOW_UP = "follow up within {time}"
HANDOFF_ATTEMPTS = "{attempts} attempts"
HANDOFF_EDGE = "SLA handoff"
HANDOFF_EDGE_TIME = "SLA handoff: follow up within {time}"
HANDOFF_EDGE_ATTEMPTS = "{label}, {attempts} attempts"

# -- tools -----------------------------------------------------------------------------------
SYSTEM_OF_RECORD = "system of record: {records}"
ALSO_HOLDS = "also holds: {records}"
RECORD_SOR = "{record} (system of record)"
RECORD = "• {record}"
FLOW_ON = "on {stage}"

# -- blind spots -----------------------------------------------------------------------------
NO_SOR = "{record}: no system of record"
MANY_SOR = "{record}: {count} systems of record"
UNRECORDED = "evidence not recorded in a tool: {stages}"

# -- findings --------------------------------------------------------------------------------
FINDING = "{mark}{what}: {message}"
FINDING_MORE = "+{count} more (see the tooltip)"
SEVERITY_MARK: dict[str, str] = {"error": "!! ", "warning": "! ", "info": ""}
FINDING_TIP = "{rule} {name} ({severity}): {message}"

# -- legend ----------------------------------------------------------------------------------
NODE_LEGEND: dict[str, str] = {
    "stage": "stage: what the team does in it",
    "deal_stage": "deal stage: rep action, exit criteria, evidence",
    "terminal": "terminal stage: contacts stay here",
    "won": "won outcome",
    "lost": "lost outcome, with lost reasons",
    "after_close": "stage after the win",
    "handoff": "SLA handoff marketing → sales",
    "tool": "tool: its records; bold = system of record",
    "note": "blind spots",
}
EDGE_LEGEND: dict[str, str] = {
    "forward": "next stage",
    "handoff": "SLA handoff marketing → sales (follow-up time)",
    "skip": "skip: jumps ahead (→ reason in the stage)",
    "recycle": "way back (← reason in the stage)",
    "lost": "any open stage can be lost",
    "pipeline": "deals run in this pipeline",
    "won": "won deal goes on",
    "flow": "data flow (records · triggering stage)",
    "recorded_in": "evidence recorded in",
}
NODE_LEGEND_BLUEPRINT: dict[str, str] = {  # the blueprint view's cards say more
    "stage": "stage: team, what it does, exit criteria, evidence",
}
STATUS_LEGEND: dict[str, str] = {
    "error": "has an error finding",
    "warning": "has a warning finding",
    "info": "has an info finding",
}
NO_FINDINGS = "no findings on any stage"
