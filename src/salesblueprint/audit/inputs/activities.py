"""Activities (calls, emails, meetings): how one file's columns become the activity columns.

One row per activity: ``deal_id`` (the deal or contact the activity was logged on, the same ids
as the history's), ``timestamp`` (ISO 8601, without a zone UTC; or epoch milliseconds) and
optionally ``type``. Common CRM names are found without a mapping (HubSpot's ``hs_timestamp``
and ``hs_engagement_type``, Salesforce's ``WhoId``/``WhatId``, ``ActivityDate``,
``TaskSubtype``); others are mapped with ``--activity-columns deal_id=WhoId,timestamp=When``.

Only calls, emails and meetings are attempts: the type is read loosely (``CALL``, ``Phone
call``, ``outgoing_email``, ``Meeting``, ``event``); an incoming email, a note or a task is not
an attempt and is counted by its type in the report. Without a ``type`` column every activity
is an attempt.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from salesblueprint.audit.backends.dialect import DUCKDB, Dialect
from salesblueprint.audit.inputs.sources import ROW_NUMBER, _find, _missing, column_map
from salesblueprint.i18n import _

ACTIVITY_COLUMNS: tuple[str, ...] = ("deal_id", "timestamp", "type")
ATTEMPT_TYPES: tuple[str, ...] = ("call", "email", "meeting")
_NAMES: dict[str, tuple[str, ...]] = {
    "deal_id": (
        "deal_id",
        "contact_id",
        "dealId",
        "contactId",
        "objectId",
        "hs_object_id",
        "WhoId",
        "WhatId",
        "LeadId",
        "ContactId",
        "OpportunityId",
        "id",
    ),
    "timestamp": (
        "timestamp",
        "hs_timestamp",
        "occurred_at",
        "created_at",
        "ActivityDate",
        "ActivityDateTime",
        "CompletedDateTime",
        "CreatedDate",
        "date",
        "at",
    ),
    "type": (
        "type",
        "activity_type",
        "hs_engagement_type",
        "hs_activity_type",
        "engagement_type",
        "TaskSubtype",
        "EventSubtype",
        "Type",
    ),
}


def parse_activity_columns(spec: str | Mapping[str, str] | None) -> dict[str, str]:
    """``deal_id=WhoId,timestamp=ActivityDate`` -> ``{"deal_id": "WhoId", ...}``."""
    return column_map(
        spec,
        ACTIVITY_COLUMNS,
        lambda part: _(
            "--activity-columns {part}: write COLUMN=NAME, e.g. deal_id=WhoId", part=part
        ),
        lambda key, hint: _(
            "--activity-columns: unknown activity column '{key}'{hint}; the columns are {columns}",
            key=key,
            hint=hint,
            columns=", ".join(ACTIVITY_COLUMNS),
        ),
    )


def project_activities(
    file: str, columns: Sequence[str], mapping: Mapping[str, str], dialect: Dialect = DUCKDB
) -> tuple[str, bool]:
    """The SELECT over ``raw`` giving ``deal_id, timestamp, type`` (text; ``timestamp`` keeps
    its type) and the row number, in ``dialect``'s SQL; and whether the file has a type
    column."""
    d = dialect
    exprs: dict[str, str] = {}
    for col in ACTIVITY_COLUMNS:
        if col in mapping:
            found = mapping[col] if mapping[col] in columns else None
            wanted = mapping[col]
        else:
            found = _find(columns, *_NAMES[col])
            wanted = col
        if found is not None:
            exprs[col] = d.quote(found) if col == "timestamp" else d.cast_text(d.quote(found))
        elif col != "type" or col in mapping:
            how = (
                _("--activity-columns maps {col} to '{name}'", col=col, name=wanted)
                if col in mapping
                else _("Map it with --activity-columns {col}=<column>", col=col)
            )
            raise _missing(file, _("activity {col}", col=col), wanted, columns, how)
    null = d.cast_text("NULL")
    cols = ", ".join(f"{exprs.get(c, null)} AS {d.quote(c)}" for c in ACTIVITY_COLUMNS)
    return f"SELECT {cols}, {ROW_NUMBER} FROM raw", "type" in exprs
