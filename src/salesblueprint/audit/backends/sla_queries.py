"""The SLA's queries: the activities input and the follow-up, attempts and recycle figures.

Written once for every backend: what an engine spells differently comes from the run's
:class:`~salesblueprint.audit.backends.dialect.Dialect` (``run.sql``), and tables, views and
quantiles from the run's methods (``_create``, ``_describe``, ``_quantiles``), as for the
conformance queries (``duckdb.py``). It only reads the ``steps`` table those build (a deal's path
elements are its ``is_start`` rows) and, for recycle reasons, the ``rows`` view. Definitions:
:mod:`salesblueprint.audit.sla`.

- ``act_rows`` (a view): every activity row with its file, row number, parsed UTC time, reject
  reason and attempt type (``call``/``email``/``meeting``, NULL when not an attempt);
- ``acts``: the accepted attempts (deal id, time, type);
- ``sla_handoffs``: each entry into the handoff's ``to`` stage with when the visit ended, the
  stage it went to next, and the next handoff of the same deal (the end of its follow-up window);
- ``sla_follow``: per handoff, the first attempt in its window and the attempts in its visit.

Times are compared in microseconds (``Dialect.micros_between``); hours are rounded in Python, so
every engine reports the same figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from salesblueprint.audit.backends.dialect import Dialect
from salesblueprint.audit.inputs import file_kind
from salesblueprint.audit.inputs.activities import ATTEMPT_TYPES, project_activities
from salesblueprint.audit.inputs.files import unreadable
from salesblueprint.audit.inputs.sources import ROW_NUMBER
from salesblueprint.audit.result import Activities, Example, Reason, RecycleMove, Sla
from salesblueprint.audit.sla import SlaPlan
from salesblueprint.i18n import _, ngettext

if TYPE_CHECKING:
    from salesblueprint.audit.backends.duckdb import DuckDBAudit

EXAMPLES = 5
KINDS = (*ATTEMPT_TYPES, "activity")
_US = 1_000_000  # microseconds in a second


def attempt_type_sql(d: Dialect, col: str) -> str:
    """The attempt type (``call``, ``email``, ``meeting``) of a type text, else NULL."""
    k = d.replace_all(f"lower({col})", "[^a-z]", "")
    return (
        f"CASE WHEN {k} LIKE '%call%' OR {k} LIKE '%phone%' THEN 'call' "
        f"WHEN {k} LIKE '%meeting%' OR {k} IN ('event', 'appointment') THEN 'meeting' "
        f"WHEN {k} LIKE '%mail%' AND NOT ({k} LIKE 'incoming%' OR {k} LIKE 'inbound%' "
        f"OR {k} LIKE 'received%') THEN 'email' END"
    )


def load_activities(run: DuckDBAudit, files: Sequence[str], mapping: dict[str, str]) -> None:
    """Read the activity files into ``act_rows`` (a view) and ``acts`` (the attempts)."""
    d = run.sql
    stamp = d.quote("timestamp")
    parts: list[str] = []
    run.act_files = list(files)
    run._loading()  # row numbers are the files' order (rejected rows shown as file:line)
    for i, path in enumerate(files):
        try:
            rel, numbered = run._relation(path, i, prefix="acts_csv")
            columns = [c for c, _ in run._describe(f"SELECT * FROM {rel}")]
        except run._error as e:
            raise unreadable(path, e) from None
        proj, has_type = project_activities(path, columns, mapping, d)
        inner = f"WITH raw AS (SELECT * FROM {numbered}) {proj}"
        try:
            kinds = dict(run._describe(f"SELECT * FROM ({inner}) AS t"))
        except run._error as e:
            raise unreadable(path, e) from None
        # a Parquet TIMESTAMP (naive: UTC) or TIMESTAMPTZ: nothing to parse
        ts_sql = d.typed_timestamp(stamp, kinds.get("timestamp", ""))
        if ts_sql is not None:
            at = stamp
        else:
            at = f"nullif(trim({d.cast_text(stamp)}), '')"
            ts_sql = d.timestamp_text(at, True)
        kind = attempt_type_sql(d, "t") if has_type else "'activity'"
        no_type = "t IS NULL" if has_type else "FALSE"
        sql = f"""
            SELECT {i} AS f, n, d AS deal_id, ts, t AS act_type,
                CASE WHEN d IS NULL OR a IS NULL OR {no_type} THEN 'missing_value'
                     WHEN ts IS NULL THEN 'bad_timestamp' END AS reject,
                {d.cast_text("a")} AS raw_at, {kind} AS kind
            FROM (
                SELECT CAST({ROW_NUMBER} AS BIGINT) AS n, nullif(trim(deal_id), '') AS d,
                    {at} AS a, {ts_sql} AS ts, nullif(trim({d.quote("type")}), '') AS t
                FROM ({inner}) AS p
            ) AS q
        """
        try:
            run._describe(sql)
        except run._error as e:
            raise unreadable(path, e) from None
        parts.append(sql)
    run._loaded()
    run._create("act_rows", " UNION ALL ".join(parts), table=False)
    run._create(
        "acts",
        "SELECT deal_id, ts, kind FROM act_rows WHERE reject IS NULL AND kind IS NOT NULL",
    )


def _activity_counts(run: DuckDBAudit) -> Activities:
    a = Activities(files=list(run.act_files))
    for reject, kind, typ, n in run._q(
        "SELECT reject, kind, CASE WHEN reject IS NULL AND kind IS NULL THEN act_type END, "
        "count(*) FROM act_rows GROUP BY 1, 2, 3"
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
    a.attempts = {k: a.attempts[k] for k in KINDS if k in a.attempts}
    a.other_types = dict(sorted(a.other_types.items(), key=lambda kv: (-kv[1], kv[0])))
    for reason in sorted(r for r, n in a.rejected.items() if n):
        found = run._q(
            "SELECT f, n, coalesce(deal_id, ''), coalesce(raw_at, '') FROM act_rows "
            f"WHERE reject = {run.sql.literal(reason)} ORDER BY f, n LIMIT {EXAMPLES}"
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


def _hours_1(micros: Any) -> float:
    """Microseconds as hours to one decimal, halves rounded up (30.25 h -> 30.3 h)."""
    exact = Decimal(int(micros)) / Decimal(3600 * _US)
    return float(exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def sla_figures(run: DuckDBAudit, sla: SlaPlan, as_of_sql: str, *, activities: bool) -> Sla:
    """The SLA's figures from ``steps`` (and ``acts`` when activities were given)."""
    q = run._q
    d = run.sql
    t = sla.to_index
    out = Sla(
        handoff_from=sla.from_stage,
        handoff_to=sla.to_stage,
        follow_up_within=sla.follow_up_within,
        attempts_required=sla.attempts,
        measured=activities,
    )
    # ``pos`` is the row's place in the deal's time order (ties in input order)
    window = "PARTITION BY deal_id ORDER BY pos"
    run._create(
        "sla_handoffs",
        f"""
        SELECT deal_id, ts, pos, next_ts, next_idx,
            lead(ts) OVER ({window}) AS next_handoff
        FROM (
            SELECT deal_id, ts, pos, idx,
                lead(ts) OVER ({window}) AS next_ts, lead(idx) OVER ({window}) AS next_idx
            FROM steps WHERE is_start
        ) AS p WHERE idx = {t}
        """,
    )
    handoffs, contacts, recycled = q(
        f"SELECT count(*), count(DISTINCT deal_id), count(*) FILTER (WHERE next_idx < {t}) "
        "FROM sla_handoffs"
    )[0]
    out.handoffs, out.contacts, out.recycled = int(handoffs), int(contacts), int(recycled)
    _recycles(run, sla, out)
    if not activities:
        return out
    out.activities = _activity_counts(run)
    by_kind = "".join(f", count(a.ts) FILTER (WHERE a.kind = '{k}') AS n_{k}" for k in KINDS)
    run._create(
        "sla_follow",
        f"""
        SELECT h.deal_id, h.ts, h.pos, h.next_ts, h.next_idx, min(a.ts) AS first_touch,
            count(a.ts) FILTER (WHERE h.next_ts IS NULL OR a.ts < h.next_ts) AS attempts
            {by_kind}
        FROM sla_handoffs h LEFT JOIN acts a ON a.deal_id = h.deal_id AND a.ts >= h.ts
            AND (h.next_handoff IS NULL OR a.ts < h.next_handoff)
        GROUP BY h.deal_id, h.ts, h.pos, h.next_ts, h.next_idx
        """,
    )
    delay = d.micros_between("ts", "first_touch")
    within = sla.within_seconds
    # the deadline has passed by --as-of (unknown without a time: then it has)
    due = (
        f"coalesce({d.micros_between('ts', as_of_sql)} > {within * _US}, TRUE)"
        if within is not None
        else "TRUE"
    )
    late_sql = f"{delay} > {within * _US}" if within is not None else "FALSE"
    in_time_sql = f"{delay} <= {within * _US}" if within is not None else "FALSE"
    required = sla.attempts or 0
    row = q(f"""
        SELECT count(*) FILTER (WHERE {in_time_sql}), count(*) FILTER (WHERE {late_sql}),
            count(*) FILTER (WHERE first_touch IS NULL AND {due}),
            count(*) FILTER (WHERE first_touch IS NULL AND NOT {due}),
            count(first_touch),
            count(*) FILTER (WHERE attempts >= {required}),
            count(*) FILTER (WHERE next_idx < {t} AND attempts < {required})
            {"".join(f", sum(n_{k})" for k in KINDS)}
        FROM sla_follow
    """)[0]
    in_time, late, never, pending, touched, met, short = row[:7]
    if within is not None:
        out.in_time, out.late, out.pending = int(in_time), int(late), int(pending)
    else:
        # no deadline: a handoff is followed up or not; nothing is late or pending
        out.in_time, out.late, out.pending = int(touched), 0, 0
    out.never = int(never)
    quant = run._quantiles(
        f"SELECT 0 AS g, {d.to_double(delay)} / {_US}.0 AS v FROM sla_follow"
    ).get(0)
    if quant is not None:
        out.hours_to_first_touch_median = _hours(quant[0])
        out.hours_to_first_touch_p90 = _hours(quant[1])
    if sla.attempts:
        out.attempts_met, out.recycled_short = int(met), int(short)
    out.follow_up_types = {k: int(n) for k, n in zip(KINDS, row[7:], strict=True) if n}
    # examples: late and never followed up, recycled with too few attempts
    if out.late:
        found = q(f"""
            SELECT deal_id, {d.iso("ts")}, {delay} FROM sla_follow
            WHERE {late_sql} ORDER BY ts, deal_id LIMIT {EXAMPLES}
        """)
        out.examples["late"] = [
            Example(
                c,
                stage=sla.to_stage,
                at=a,
                detail=_("first follow-up after {h:g} h", h=_hours_1(us)),
            )
            for c, a, us in found
        ]
    if out.never:
        found = q(f"""
            SELECT deal_id, {d.iso("ts")} FROM sla_follow
            WHERE first_touch IS NULL AND {due}
            ORDER BY ts, deal_id LIMIT {EXAMPLES}
        """)
        out.examples["never"] = [
            Example(c, stage=sla.to_stage, at=a, detail=_("no follow-up")) for c, a in found
        ]
    if out.recycled_short:
        found = q(f"""
            SELECT deal_id, {run._stage_id("next_idx")}, {d.iso("next_ts")}, attempts
            FROM sla_follow WHERE next_idx < {t} AND attempts < {required}
            ORDER BY next_ts, deal_id LIMIT {EXAMPLES}
        """)
        out.examples["recycled_short"] = [
            Example(
                c,
                stage=s,
                from_stage=sla.to_stage,
                at=a,
                detail=ngettext(
                    "{done} of {n} attempt", "{done} of {n} attempts", required, done=int(n)
                ),
            )
            for c, s, a, n in found
        ]
    return out


def _recycles(run: DuckDBAudit, sla: SlaPlan, out: Sla) -> None:
    """Moves from the ``to`` stage or later back to marketing's side, and their reasons."""
    q = run._q
    d = run.sql
    t = sla.to_index
    ids = [s.id for s in run.plan.stages]
    where = f"is_start AND before >= {t} AND idx < {t}"
    for a, b, n in q(f"SELECT before, idx, count(*) FROM steps WHERE {where} GROUP BY 1, 2"):
        move = (ids[int(a)], ids[int(b)])
        out.recycles.append(RecycleMove(move[0], move[1], int(n), move in sla.declared_recycles))
    out.recycles.sort(key=lambda m: (-m.count, m.from_stage, m.to_stage))
    if not out.recycles:
        return
    moves = f"SELECT deal_id, ts, before, idx FROM steps WHERE {where}"
    if "reason" in run.optional:
        # the reason given on the row of the move (``steps`` keeps its code)
        sql = f"""
            SELECT s.deal_id, s.ts, s.before, s.idx, v.v AS reason
            FROM (SELECT deal_id, ts, before, idx, reason FROM steps WHERE {where}) AS s
            LEFT JOIN vals_reason v ON v.code = s.reason
        """
    else:
        sql = f"SELECT deal_id, ts, before, idx, {d.cast_text('NULL')} AS reason FROM ({moves}) m"
    run._create("sla_recycles", sql)
    declared = {x.lower() for x in sla.recycle_reasons}
    counted = q("SELECT reason, count(*) FROM sla_recycles GROUP BY 1")
    for value, n in sorted(counted, key=lambda r: (-int(r[1]), r[0] is None, r[0] or "")):
        if value is None:
            out.recycles_without_reason = int(n)
        else:
            out.reasons.append(Reason(value, int(n), value.lower() in declared))
    found = q(f"""
        SELECT deal_id, {run._stage_id("before")}, {run._stage_id("idx")},
            {d.iso("ts")}, coalesce(reason, '')
        FROM sla_recycles ORDER BY ts, deal_id LIMIT {EXAMPLES}
    """)
    out.examples["recycle"] = [
        Example(
            c, stage=b, from_stage=a, at=at, detail=_("reason: {reason}", reason=r) if r else ""
        )
        for c, a, b, at, r in found
    ]
