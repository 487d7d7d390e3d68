"""Input shapes: how one file's own columns become the generic history columns.

Every source turns a file with columns ``columns`` into a SQL ``SELECT`` over the relation
``raw`` with the columns :data:`CANONICAL` + :data:`OPTIONAL` (all text, NULL where the file has
none) and :data:`ROW_NUMBER` (the row's number in the file, which the backend adds to ``raw``).
Missing or misnamed columns raise :class:`AuditError` naming the file, the column and the
closest columns the file does have.

- ``generic``: ``deal_id, stage, entered_at`` (+ ``pipeline, amount, owner, reason, source``),
  renamed with ``--columns deal_id=Id,stage=StageName``.
- ``salesforce``: ``OpportunityHistory`` (``OpportunityId, StageName, CreatedDate, Amount`` ...;
  a row written for an amount or date change repeats the stage, and the path treats it as a
  repeat) or ``LeadHistory`` (``LeadId, Field, OldValue, NewValue, CreatedDate``; the rows with
  ``Field = Status`` are the lifecycle's moves, others are not stage entries and are left out).
- ``hubspot``: the flattened ``propertiesWithHistory=dealstage`` (or ``lifecyclestage``) answer,
  one row per history entry: an object id column (``dealId``, ``objectId``, ``hs_object_id``,
  ``id``, ``Record ID``) and ``value, timestamp`` (+ ``sourceType, sourceId``); or the export's
  ``hs_v2_date_entered_<stageId>`` columns, one per stage (only the latest entry into each stage:
  repeated visits and the moves between them cannot be seen).
- Warehouse tables as the connectors land them (read in place with ``table:schema.name``, or
  exported to files): Fivetran's Salesforce ``opportunity_history`` / ``lead_history``
  (``opportunity_id, stage_name, created_date, amount`` ...; ``lead_id, field, new_value``) are
  ``salesforce``; Fivetran's HubSpot ``deal_stage`` (``deal_id, value, date_entered, source,
  source_id``) is ``hubspot``. Rows a connector marks deleted (``_fivetran_deleted``,
  ``is_deleted`` / ``IsDeleted`` true) are not history and are left out.
- ``hubspot-lifecycle``: a contact's ``propertiesWithHistory=lifecyclestage`` answer flattened
  to one row per entry: a contact id column (``contactId``, ``vid``, ``objectId``,
  ``hs_object_id``, ``Record ID``, ``id``) and ``value, timestamp, sourceType, sourceId``.
  Always the lifecycle. HubSpot's internal values (``marketingqualifiedlead``,
  ``salesqualifiedlead`` ...) also find stages with the ids ``mql``, ``sql`` ...; an empty
  ``value`` is the stage being cleared (HubSpot requires it before a contact can be set to an
  earlier stage), not a stage entry, and is left out.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from salesblueprint.audit.backends.dialect import DUCKDB, Dialect
from salesblueprint.audit.errors import AuditError
from salesblueprint.i18n import Msg, _

CANONICAL: tuple[str, ...] = ("deal_id", "stage", "entered_at")
OPTIONAL: tuple[str, ...] = ("pipeline", "amount", "owner", "reason", "source")
ALL_COLUMNS = CANONICAL + OPTIONAL
SOURCES: tuple[str, ...] = ("generic", "salesforce", "hubspot", "hubspot-lifecycle")
# sources whose rows are always lifecycle (contact) stages: audited with --pipeline lifecycle
LIFECYCLE_SOURCES: tuple[str, ...] = ("hubspot-lifecycle",)
# HubSpot's internal lifecycle stage values, and the short ids and names blueprints use
HUBSPOT_LIFECYCLE_ALIASES: dict[str, tuple[str, ...]] = {
    "marketingqualifiedlead": ("mql", "marketing qualified lead"),
    "salesqualifiedlead": ("sql", "sales qualified lead"),
    "opportunity": ("opp", "opportunity"),
    "customer": ("customer", "klant"),
    "evangelist": ("evangelist", "ambassador", "ambassadeur"),
}
HUBSPOT_WIDE_PREFIX = "hs_v2_date_entered_"
# the row's number in its file (0-based), which the backend adds to ``raw``: ties in time keep
# the input order
ROW_NUMBER = "__sb_row"


def quote(name: str) -> str:
    """An identifier in DuckDB's spelling (other engines: :mod:`~..backends.dialect`)."""
    return DUCKDB.quote(name)


def literal(text: str) -> str:
    """A string literal in DuckDB's spelling."""
    return DUCKDB.literal(text)


def parse_columns(spec: str | Mapping[str, str] | None) -> dict[str, str]:
    """``deal_id=Id,stage=StageName`` -> ``{"deal_id": "Id", "stage": "StageName"}``."""
    return column_map(
        spec,
        ALL_COLUMNS,
        lambda part: _(
            "--columns {part}: write COLUMN=NAME, e.g. deal_id=OpportunityId", part=part
        ),
        lambda key, hint: _(
            "--columns: unknown history column '{key}'{hint}; the columns are {columns}",
            key=key,
            hint=hint,
            columns=", ".join(ALL_COLUMNS),
        ),
    )


def column_map(
    spec: str | Mapping[str, str] | None,
    known: Sequence[str],
    bad_part: Callable[[str], Msg],
    unknown: Callable[[str, Msg | str], Msg],
) -> dict[str, str]:
    """``COLUMN=NAME,...`` (or a mapping) -> ``{COLUMN: NAME}``, every COLUMN one of ``known``.

    A part that is not ``COLUMN=NAME`` is an :class:`AuditError` with ``bad_part(repr(part))``;
    an unknown COLUMN one with ``unknown(key, hint)`` (hint: " (did you mean ...?)" or "").
    """
    if spec is None:
        return {}
    if isinstance(spec, Mapping):
        items = list(spec.items())
    else:
        items = []
        for part in spec.split(","):
            if not part.strip():
                continue
            key, sep, value = part.partition("=")
            if not sep or not key.strip() or not value.strip():
                raise AuditError(bad_part(repr(part.strip())))
            items.append((key.strip(), value.strip()))
    out: dict[str, str] = {}
    for key, value in items:
        if key not in known:
            close = difflib.get_close_matches(key, known, n=1)
            hint = _(" (did you mean '{name}'?)", name=close[0]) if close else ""
            raise AuditError(unknown(key, hint))
        out[key] = value
    return out


def _missing(
    file: str, what: str, wanted: str, columns: Sequence[str], how: str = ""
) -> AuditError:
    close = difflib.get_close_matches(wanted, columns, n=3, cutoff=0.5)
    close += [c for c in columns if c.lower() == wanted.lower() and c not in close]
    hint = _("; close matches: {names}", names=", ".join(close)) if close else ""
    shown = ", ".join(columns[:20]) + (" ..." if len(columns) > 20 else "")
    message = _(
        "{file}: no column '{wanted}' for {what}{hint}. The file has: {columns}",
        file=file,
        wanted=wanted,
        what=what,
        hint=hint,
        columns=shown or _("(no columns)"),
    )
    return AuditError(_("{message}. {how}", message=message, how=how) if how else message)


@dataclass(frozen=True)
class Projection:
    """The SELECT that turns ``raw`` into the generic columns, and whether times are epochs."""

    sql: str
    epoch_ms: bool = False
    lifecycle: bool = False  # the shape is a lifecycle history (LeadHistory, contacts)
    note: str = ""  # what this shape cannot show, for the report
    present: frozenset[str] = frozenset()  # the columns the file gives (the others are NULL)
    # stage values the blueprint may name otherwise: value -> keys to try when it matches none
    aliases: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    per_row: int = 1  # history rows per file row (ROW_NUMBER is row * per_row + entry)

    def has(self, column: str) -> bool:
        return column in self.present


def _select(exprs: Mapping[str, str], from_: str = "raw", where: str = "") -> str:
    cols = ", ".join(f"{exprs.get(c, 'NULL')} AS {c}" for c in ALL_COLUMNS)
    return f"SELECT {cols}, {ROW_NUMBER} FROM {from_}" + (f" WHERE {where}" if where else "")


_DELETED = ("_fivetran_deleted", "is_deleted", "IsDeleted")


def _live(d: Dialect, columns: Sequence[str], where: str = "") -> str:
    """``where``, and not a row the connector marks deleted (see the module's doc)."""
    conds = [where] if where else []
    for name in _DELETED:
        if name in columns:
            flag = d.cast_text(d.quote(name))
            conds.append(f"coalesce(lower(trim({flag})) NOT IN ('true', 't', '1'), TRUE)")
    return " AND ".join(conds)


def _text(d: Dialect, col: str, target: str = "") -> str:
    """The column as text; ``entered_at`` keeps its type (a Parquet timestamp stays one)."""
    if target == "entered_at":
        return d.quote(col)
    return d.cast_text(d.quote(col))


def _find(columns: Sequence[str], *names: str) -> str | None:
    lower = {c.lower(): c for c in columns}
    for n in names:
        if n.lower() in lower:
            return lower[n.lower()]
    return None


def project(
    source: str,
    file: str,
    columns: Sequence[str],
    mapping: Mapping[str, str],
    dialect: Dialect = DUCKDB,
) -> Projection:
    """The projection of one file of ``source`` with these ``columns``, in ``dialect``'s SQL."""
    if source == "generic":
        return _generic(dialect, file, columns, mapping)
    if source == "salesforce":
        return _salesforce(dialect, file, columns, mapping)
    if source == "hubspot":
        return _hubspot(dialect, file, columns, mapping)
    if source == "hubspot-lifecycle":
        return _hubspot_lifecycle(dialect, file, columns, mapping)
    raise AuditError(
        _(
            "--source {source}: unknown; choose one of {sources}",
            source=source,
            sources=", ".join(SOURCES),
        )
    )


def _generic(
    d: Dialect, file: str, columns: Sequence[str], mapping: Mapping[str, str]
) -> Projection:
    exprs: dict[str, str] = {}
    for col in ALL_COLUMNS:
        name = mapping.get(col, col)
        if name in columns:
            exprs[col] = _text(d, name, col)
        elif col in CANONICAL or col in mapping:
            how = (
                _("Map it with --columns {col}=<column>", col=col)
                if col not in mapping
                else _("--columns maps {col} to '{name}'", col=col, name=name)
            )
            raise _missing(file, col, name, columns, how)
    return Projection(_select(exprs, where=_live(d, columns)), present=frozenset(exprs))


# the API's names (exports, Airbyte), then Fivetran's snake_case
_SF_OPPORTUNITY = {
    "deal_id": ("OpportunityId", "opportunity_id"),
    "stage": ("StageName", "stage_name"),
    "entered_at": ("CreatedDate", "created_date"),
    "amount": ("Amount",),
    "owner": ("CreatedById", "created_by_id"),
    "reason": ("Loss_Reason__c", "LossReason", "Reason", "loss_reason_c", "loss_reason"),
}
_SF_LEAD = {
    "deal_id": ("LeadId", "lead_id"),
    "stage": ("NewValue", "new_value"),
    "entered_at": ("CreatedDate", "created_date"),
}


def _by_names(
    d: Dialect,
    file: str,
    columns: Sequence[str],
    mapping: Mapping[str, str],
    names: Mapping[str, tuple[str, ...]],
    shape: str,
) -> dict[str, str]:
    exprs: dict[str, str] = {}
    for col in ALL_COLUMNS:
        if col in mapping:
            found = mapping[col] if mapping[col] in columns else None
            wanted = mapping[col]
        else:
            found = _find(columns, *names.get(col, ()))
            wanted = names[col][0] if col in names else col
        if found is not None:
            exprs[col] = _text(d, found, col)
        elif col in CANONICAL or col in mapping:
            raise _missing(file, f"{col} ({shape})", wanted, columns, _("Rename it with --columns"))
    return exprs


def _salesforce(
    d: Dialect, file: str, columns: Sequence[str], mapping: Mapping[str, str]
) -> Projection:
    if _find(columns, "Field") and _find(columns, "NewValue", "new_value"):
        exprs = _by_names(d, file, columns, mapping, _SF_LEAD, "Salesforce LeadHistory")
        field = d.quote(_find(columns, "Field") or "Field")
        return Projection(
            _select(exprs, where=_live(d, columns, f"lower({field}) = 'status'")),
            lifecycle=True,
            present=frozenset(exprs),
            note=_(
                "Salesforce LeadHistory holds changes only: a lead's first status (set when "
                "it was created) is not in it, so most leads count as late entries."
            ),
        )
    exprs = _by_names(d, file, columns, mapping, _SF_OPPORTUNITY, "Salesforce OpportunityHistory")
    return Projection(_select(exprs, where=_live(d, columns)), present=frozenset(exprs))


_HS_IDS = ("dealId", "deal_id", "objectId", "contactId", "hs_object_id", "Record ID", "id")


def _hubspot(
    d: Dialect, file: str, columns: Sequence[str], mapping: Mapping[str, str]
) -> Projection:
    wide = [c for c in columns if c.lower().startswith(HUBSPOT_WIDE_PREFIX)]
    if "stage" not in mapping and _find(columns, "value") is None and wide:
        id_col = mapping.get("deal_id") or _find(columns, *_HS_IDS)
        if id_col is None or id_col not in columns:
            raise _missing(
                file, "deal_id (HubSpot export)", mapping.get("deal_id", "Record ID"), columns
            )
        arms = [
            f"SELECT {_text(d, id_col)} AS deal_id, "
            f"{d.literal(c[len(HUBSPOT_WIDE_PREFIX) :])} AS stage, "
            f"{_text(d, c, 'entered_at')} AS entered_at, "
            f"{ROW_NUMBER} * {len(wide)} + {j} AS {ROW_NUMBER} FROM raw "
            f"WHERE {d.quote(c)} IS NOT NULL"
            for j, c in enumerate(wide)
        ]
        inner = " UNION ALL ".join(arms)
        exprs = {c: c for c in CANONICAL}
        return Projection(
            _select(exprs, from_=f"({inner}) AS wide"),
            epoch_ms=True,
            per_row=len(wide),
            note=_(
                "HubSpot's hs_v2_date_entered_<stage> columns keep one date per stage: a deal "
                "that went back and entered a stage again shows only one entry, so backward "
                "moves and repeated visits cannot be seen, and days in stage span the revisits."
            ),
        )
    names = {
        "deal_id": _HS_IDS,
        "stage": ("value",),
        "entered_at": ("timestamp", "date_entered"),
        "source": ("sourceType", "source"),
        "pipeline": ("pipeline",),
        "owner": ("hubspot_owner_id", "owner"),
        "reason": ("closed_lost_reason", "reason"),
        "amount": ("amount",),
    }
    exprs = _by_names(d, file, columns, mapping, names, "HubSpot dealstage history")
    lifecycle = "lifecycle" in file.lower() or _find(columns, "contactId") is not None
    return Projection(
        _select(exprs, where=_live(d, columns)),
        epoch_ms=True,
        lifecycle=lifecycle,
        present=frozenset(exprs),
    )


_HS_CONTACT_IDS = ("contactId", "contact_id", "vid", "objectId", "hs_object_id", "Record ID", "id")


def _hubspot_lifecycle(
    d: Dialect, file: str, columns: Sequence[str], mapping: Mapping[str, str]
) -> Projection:
    names = {
        "deal_id": _HS_CONTACT_IDS,
        "stage": ("value",),
        "entered_at": ("timestamp",),
        "reason": ("reason", "hs_lead_status"),
    }
    exprs = _by_names(d, file, columns, mapping, names, "HubSpot lifecyclestage history")
    value = exprs["stage"]
    return Projection(
        # an empty value clears the stage (before a move back): not a stage entry
        _select(exprs, where=f"nullif(trim({value}), '') IS NOT NULL"),
        epoch_ms=True,
        lifecycle=True,
        present=frozenset(exprs),
        aliases=HUBSPOT_LIFECYCLE_ALIASES,
        note=_(
            "HubSpot lifecyclestage history: rows with an empty value (the stage cleared, as "
            "HubSpot requires before a contact is set to an earlier stage) are not stage "
            "entries and are left out."
        ),
    )
