"""The SLA on DuckDB: the activities input and the follow-up, attempts and recycle figures.

Kept apart from the conformance queries (``duckdb.py``): it only reads the ``steps`` table they
build (a deal's path elements are its ``is_start`` rows) and, for recycle reasons, the ``rows``
view. Definitions: :mod:`salesblueprint.audit.sla`.

- ``act_rows`` (a view): every activity row with its file, row number, parsed UTC time, reject
  reason and attempt type (``call``/``email``/``meeting``, NULL when not an attempt);
- ``acts``: the accepted attempts (deal id, time, type);
- ``sla_handoffs``: each entry into the handoff's ``to`` stage with when the visit ended, the
  stage it went to next, and the next handoff of the same deal (the end of its follow-up window);
- ``sla_follow``: per handoff, the first attempt in its window and the attempts in its visit.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from salesblueprint.audit.inputs import file_kind
from salesblueprint.audit.inputs.activities import ATTEMPT_TYPES, project_activities
from salesblueprint.audit.inputs.files import unreadable
from salesblueprint.audit.inputs.sources import ROW_NUMBER
from salesblueprint.audit.result import Activities, Example, Reason, RecycleMove, Sla
from salesblueprint.audit.sla import SlaPlan
from salesblueprint.i18n import _

if TYPE_CHECKING:
    from salesblueprint.audit.backends.duckdb import DuckDBAudit

EXAMPLES = 5
_ISO = "%Y-%m-%dT%H:%M:%SZ"


def attempt_type_sql(col: str) -> str:
    """The attempt type (``call``, ``email``, ``meeting``) of a type text, else NULL."""
    k = f"regexp_replace(lower({col}), '[^a-z]', '', 'g')"
    return (
        f"CASE WHEN {k} LIKE '%call%' OR {k} LIKE '%phone%' THEN 'call' "
        f"WHEN {k} LIKE '%meeting%' OR {k} IN ('event', 'appointment') THEN 'meeting' "
        f"WHEN {k} LIKE '%mail%' AND NOT ({k} LIKE 'incoming%' OR {k} LIKE 'inbound%' "
        f"OR {k} LIKE 'received%') THEN 'email' END"
    )


def load_activities(run: DuckDBAudit, files: Sequence[str], mapping: dict[str, str]) -> None:
    """Read the activity files into ``act_rows`` (a view) and ``acts`` (the attempts)."""
    parts: list[str] = []
    run.act_files = list(files)
    for i, path in enumerate(files):
        try:
            rel, numbered = run._relation(path, i, prefix="acts_csv")
            columns = [r[0] for r in run._q(f"DESCRIBE SELECT * FROM {rel}")]
        except run._error as e:
            raise unreadable(path, e) from None
        proj, has_type = project_activities(path, columns, mapping)
        inner = f"WITH raw AS (SELECT * FROM {numbered}) {proj}"
        kinds = {r[0]: str(r[1]).upper() for r in run._q(f"DESCRIBE ({inner})")}
        typed = kinds.get("timestamp", "")
        if typed in ("TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "DATE"):
            at = "timestamp"
            ts_sql = (
                "CAST(timestamp AT TIME ZONE 'UTC' AS TIMESTAMP)"
                if typed == "TIMESTAMP WITH TIME ZONE"
                else "CAST(timestamp AS TIMESTAMP)"
            )
        else:
            at = "nullif(trim(CAST(timestamp AS VARCHAR)), '')"
            ts_sql = run.sql.timestamp_text(at, True)
        kind = attempt_type_sql("t") if has_type else "'activity'"
        sql = f"""
            SELECT {i} AS f, n, d AS deal_id, ts, t AS type,
                CASE WHEN d IS NULL OR a IS NULL OR ({has_type} AND t IS NULL)
                        THEN 'missing_value'
                     WHEN ts IS NULL THEN 'bad_timestamp' END AS reject,
                CAST(a AS VARCHAR) AS raw_at, {kind} AS kind
            FROM (
                SELECT CAST({ROW_NUMBER} AS BIGINT) AS n, nullif(trim(deal_id), '') AS d,
                    {at} AS a, {ts_sql} AS ts, nullif(trim(type), '') AS t
                FROM ({inner})
            )
        """
        try:
            run._q(f"DESCRIBE {sql}")
        except run._error as e:
            raise unreadable(path, e) from None
        parts.append(sql)
    run.con.execute(f"CREATE TEMP VIEW act_rows AS {' UNION ALL '.join(parts)}")
    run.con.execute(
        "CREATE TEMP TABLE acts AS SELECT deal_id, ts, kind FROM act_rows "
        "WHERE reject IS NULL AND kind IS NOT NULL"
    )


def _activity_counts(run: DuckDBAudit) -> Activities:
    a = Activities(files=list(run.act_files))
    for reject, kind, typ, n in run._q(
        "SELECT reject, kind, CASE WHEN reject IS NULL AND kind IS NULL THEN type END, "
        "count(*) FROM act_rows GROUP BY ALL"
    ):
        a.rows += int(n)
        if reject is not None:
            a.rejected[reject] = a.rejected.get(reject, 0) + int(n)
            continue
        a.accepted += int(n)
        if kind is not None:
            a.attempts[kind] = a.attempts.get(kind, 0) + int(n)
        else:
            a.other_types[typ] = a.other_types.get(typ, 0) + int(n)
    a.attempts = {k: a.attempts[k] for k in (*ATTEMPT_TYPES, "activity") if k in a.attempts}
    a.other_types = dict(sorted(a.other_types.items(), key=lambda kv: (-kv[1], kv[0])))
    for reason in sorted(r for r, n in a.rejected.items() if n):
        found = run._q(
            "SELECT f, n, coalesce(deal_id, ''), coalesce(raw_at, '') FROM act_rows "
            f"WHERE reject = ? ORDER BY f, n LIMIT {EXAMPLES}",
            [reason],
        )
        a.examples[reason] = [
            Example(d, at=t, where=_where(run, int(f), int(n))) for f, n, d, t in found
        ]
    return a


def _where(run: DuckDBAudit, f: int, n: int) -> str:
    path = run.act_files[f]
    return f"{path}:{n + 2}" if file_kind(path) == "csv" else f"{path}: row {n + 1}"


def _hours(seconds: Any) -> float | None:
    return None if seconds is None else round(float(seconds) / 3600, 2)


def sla_figures(run: DuckDBAudit, sla: SlaPlan, as_of_sql: str, *, activities: bool) -> Sla:
    """The SLA's figures from ``steps`` (and ``acts`` when activities were given)."""
    q = run._q
    t = sla.to_index
    out = Sla(
        handoff_from=sla.from_stage,
        handoff_to=sla.to_stage,
        follow_up_within=sla.follow_up_within,
        attempts_required=sla.attempts,
        measured=activities,
    )
    run.con.execute(f"""
        CREATE TEMP TABLE sla_handoffs AS
        SELECT deal_id, ts, ord, next_ts, next_idx,
            lead(ts) OVER (PARTITION BY deal_id ORDER BY ts, ord) AS next_handoff
        FROM (
            SELECT deal_id, ts, ord, idx,
                lead(ts) OVER w AS next_ts, lead(idx) OVER w AS next_idx
            FROM steps WHERE is_start
            WINDOW w AS (PARTITION BY deal_id ORDER BY ts, ord)
        ) WHERE idx = {t}
    """)
    handoffs, contacts, recycled = q(
        f"SELECT count(*), count(DISTINCT deal_id), count(*) FILTER (WHERE next_idx < {t}) "
        "FROM sla_handoffs"
    )[0]
    out.handoffs, out.contacts, out.recycled = int(handoffs), int(contacts), int(recycled)
    _recycles(run, sla, out)
    if not activities:
        return out
    out.activities = _activity_counts(run)
    by_kind = "".join(
        f", count(a.ts) FILTER (WHERE a.kind = '{k}') AS n_{k}"
        for k in (*ATTEMPT_TYPES, "activity")
    )
    run.con.execute(f"""
        CREATE TEMP TABLE sla_follow AS
        SELECT h.deal_id, h.ts, h.ord, h.next_ts, h.next_idx, min(a.ts) AS first_touch,
            count(a.ts) FILTER (WHERE h.next_ts IS NULL OR a.ts < h.next_ts) AS attempts
            {by_kind}
        FROM sla_handoffs h LEFT JOIN acts a ON a.deal_id = h.deal_id AND a.ts >= h.ts
            AND (h.next_handoff IS NULL OR a.ts < h.next_handoff)
        GROUP BY h.deal_id, h.ts, h.ord, h.next_ts, h.next_idx
    """)
    now = f"CAST({as_of_sql} AT TIME ZONE 'UTC' AS TIMESTAMP)"
    delay = "date_diff('second', ts, first_touch)"
    within = sla.within_seconds
    due = f"date_diff('second', ts, {now}) > {within}" if within is not None else "TRUE"
    required = sla.attempts or 0
    row = q(f"""
        SELECT count(*) FILTER (WHERE {delay} <= {within if within is not None else "NULL"}),
            count(*) FILTER (WHERE {delay} > {within if within is not None else "NULL"}),
            count(*) FILTER (WHERE first_touch IS NULL AND ({due} IS NOT FALSE)),
            count(*) FILTER (WHERE first_touch IS NULL AND ({due}) IS FALSE),
            count(first_touch),
            quantile_cont({delay}, [0.5, 0.9]) FILTER (WHERE first_touch IS NOT NULL),
            count(*) FILTER (WHERE attempts >= {required}),
            count(*) FILTER (WHERE next_idx < {t} AND attempts < {required})
            {"".join(f", sum(n_{k})" for k in (*ATTEMPT_TYPES, "activity"))}
        FROM sla_follow
    """)[0]
    in_time, late, never, pending, touched, quant, met, short = row[:8]
    if within is not None:
        out.in_time, out.late, out.pending = int(in_time), int(late), int(pending)
    else:
        # no deadline: a handoff is followed up or not; nothing is late or pending
        out.in_time, out.late, out.pending = int(touched), 0, 0
    out.never = int(never)
    if quant is not None:
        out.hours_to_first_touch_median = _hours(quant[0])
        out.hours_to_first_touch_p90 = _hours(quant[1])
    if sla.attempts:
        out.attempts_met, out.recycled_short = int(met), int(short)
    kinds = (*ATTEMPT_TYPES, "activity")
    out.follow_up_types = {k: int(n) for k, n in zip(kinds, row[8:], strict=True) if n}
    # examples: late and never followed up, recycled with too few attempts
    hours = f"round({delay} / 3600.0, 1)"
    if out.late:
        found = q(f"""
            SELECT deal_id, strftime(ts, '{_ISO}'), {hours} FROM sla_follow
            WHERE {delay} > {within} ORDER BY ts, deal_id LIMIT {EXAMPLES}
        """)
        out.examples["late"] = [
            Example(d, stage=sla.to_stage, at=a, detail=_("first follow-up after {h:g} h", h=h))
            for d, a, h in found
        ]
    if out.never:
        found = q(f"""
            SELECT deal_id, strftime(ts, '{_ISO}') FROM sla_follow
            WHERE first_touch IS NULL AND ({due} IS NOT FALSE)
            ORDER BY ts, deal_id LIMIT {EXAMPLES}
        """)
        out.examples["never"] = [
            Example(d, stage=sla.to_stage, at=a, detail=_("no follow-up")) for d, a in found
        ]
    if out.recycled_short:
        found = q(f"""
            SELECT deal_id, {run._stage_id("next_idx")}, strftime(next_ts, '{_ISO}'), attempts
            FROM sla_follow WHERE next_idx < {t} AND attempts < {required}
            ORDER BY next_ts, deal_id LIMIT {EXAMPLES}
        """)
        out.examples["recycled_short"] = [
            Example(
                d,
                stage=s,
                from_stage=sla.to_stage,
                at=a,
                detail=_("{n} of {required} attempts", n=n, required=required),
            )
            for d, s, a, n in found
        ]
    return out


def _recycles(run: DuckDBAudit, sla: SlaPlan, out: Sla) -> None:
    """Moves from the ``to`` stage or later back to marketing's side, and their reasons."""
    q = run._q
    t = sla.to_index
    ids = [s.id for s in run.plan.stages]
    where = f"is_start AND before >= {t} AND idx < {t}"
    for a, b, n in q(f"SELECT before, idx, count(*) FROM steps WHERE {where} GROUP BY ALL"):
        move = (ids[int(a)], ids[int(b)])
        out.recycles.append(RecycleMove(move[0], move[1], int(n), move in sla.declared_recycles))
    out.recycles.sort(key=lambda m: (-m.count, m.from_stage, m.to_stage))
    if not out.recycles:
        return
    reason = "r.reason" if "reason" in run.optional else "CAST(NULL AS VARCHAR)"
    # the reason given on the row of the move (the rows are read again, for these few only)
    run.con.execute(f"""
        CREATE TEMP TABLE sla_recycles AS
        SELECT s.deal_id, s.ts, s.before, s.idx, {reason} AS reason
        FROM (SELECT * FROM steps WHERE {where}) s
        JOIN rows r ON r.f = s.ord >> 40 AND r.n = s.ord & {(1 << 40) - 1}
            AND r.keep AND r.reject IS NULL
    """)
    declared = {x.lower() for x in sla.recycle_reasons}
    for value, n in q(
        "SELECT reason, count(*) FROM sla_recycles GROUP BY 1 ORDER BY 2 DESC, 1 NULLS LAST"
    ):
        if value is None:
            out.recycles_without_reason = int(n)
        else:
            out.reasons.append(Reason(value, int(n), value.lower() in declared))
    found = q(f"""
        SELECT deal_id, {run._stage_id("before")}, {run._stage_id("idx")},
            strftime(ts, '{_ISO}'), coalesce(reason, '')
        FROM sla_recycles ORDER BY ts, deal_id LIMIT {EXAMPLES}
    """)
    out.examples["recycle"] = [
        Example(
            d, stage=b, from_stage=a, at=at, detail=_("reason: {reason}", reason=r) if r else ""
        )
        for d, a, b, at, r in found
    ]
