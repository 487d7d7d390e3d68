"""The audit on DuckDB (embedded): the history is streamed from the files into DuckDB, never
into Python; Python only receives counts, quantiles and a few examples.

Tables, in order (all temporary, in one in-memory database that spills to a temporary folder):

- ``rows``: every data row with its input order (``rowid``: files in the order given, rows in
  file order), the parsed UTC timestamp and the reject reason (NULL when accepted);
- ``smap``: each distinct stage value that names a stage of the plan (matched in Python);
- ``steps``: the path of every deal (accepted, known-stage rows ordered by time then input
  order, repeats of the previous stage taken out) with the previous stage and the next time;
- ``moves``: the transitions with their verdict (allowed, skip, backward, after_outcome);
- ``deal``: per deal its first and last stage, final state and last time.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from typing import Any

from salesblueprint.audit.analyses import calibration, wilson
from salesblueprint.audit.errors import AuditError
from salesblueprint.audit.inputs import file_kind, project
from salesblueprint.audit.inputs.sources import literal
from salesblueprint.audit.plan import LIFECYCLE, Plan, squash
from salesblueprint.audit.result import (
    VIOLATION_KINDS,
    AuditResult,
    Breakdown,
    Conformance,
    Example,
    History,
    Reason,
    StageFigures,
)

Progress = Callable[[int, int, str], None]
EXAMPLES = 5
_ISO = "%Y-%m-%dT%H:%M:%SZ"
_OUTCOME_KINDS = "('won', 'lost', 'after_close')"


def _import_duckdb() -> Any:
    try:
        import duckdb
    except ImportError:
        raise AuditError("the audit needs DuckDB: pip install 'salesblueprint[audit]'") from None
    return duckdb


def _timestamp_sql(col: str, epoch_ms: bool) -> str:
    """Text -> naive UTC TIMESTAMP (NULL when it is not one). Without a zone a time is UTC.

    Only ISO 8601 (a date ``YYYY-MM-DD``, then optionally a time and a zone) is a timestamp:
    DuckDB would also read ``1/2/25`` as the year 1, which is never what a CRM meant.
    """
    # DuckDB reads an offset of any size (+99:00 as 99 hours): ISO 8601 and every CRM keep
    # to -12:00..+14:00, so an hour past 18 or a minute past 59 is a bad timestamp
    bad_offset = (
        f"regexp_matches({col}, '[T ][0-9]{{2}}:[0-9]{{2}}(:[0-9]{{2}}([.,][0-9]+)?)?\\s*"
        f"[+-]((19|[2-9][0-9])(:?[0-9]{{2}})?|[0-9]{{2}}:?[6-9][0-9])$')"
    )
    iso = (
        f"CASE WHEN regexp_matches({col}, '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}([T ]|$)') "
        f"AND NOT {bad_offset} "
        f"THEN CAST(try_cast({col} AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS TIMESTAMP) END"
    )
    if not epoch_ms:
        return iso
    epoch = (
        f"CAST(to_timestamp(CAST({col} AS DOUBLE) / "
        f"CASE WHEN length({col}) >= 12 THEN 1000 ELSE 1 END) AT TIME ZONE 'UTC' AS TIMESTAMP)"
    )
    return f"CASE WHEN regexp_full_match({col}, '[0-9]{{9,13}}') THEN {epoch} ELSE {iso} END"


class DuckDBAudit:
    """One audit run: ``load`` the files, then ``result`` computes every figure."""

    def __init__(self, plan: Plan, pipelines: Sequence[tuple[str, str]] = ()) -> None:
        self.plan = plan
        # the blueprint's pipelines (id, name): rows naming another pipeline are left out
        self.pipelines = list(pipelines)
        duckdb = _import_duckdb()
        self._tmp = tempfile.mkdtemp(prefix="salesblueprint-audit-")
        self.con = duckdb.connect(":memory:")
        self.con.execute("SET TimeZone = 'UTC'")
        self.con.execute(f"SET temp_directory = {literal(self._tmp)}")
        self.con.execute("SET preserve_insertion_order = true")
        # DuckDB's own progress bar writes to stdout, into the report: never
        self.con.execute("SET enable_progress_bar = false")
        # bounded memory: DuckDB spills to the temporary folder beyond this
        limit = os.environ.get("SALESBLUEPRINT_AUDIT_MEMORY", "1GB")
        try:
            self.con.execute(f"SET memory_limit = {literal(limit)}")
        except duckdb.Error:
            raise AuditError(
                f"SALESBLUEPRINT_AUDIT_MEMORY={limit}: not a memory size; write e.g. 2GB"
            ) from None
        self.files: list[str] = []
        self.starts: list[int] = []
        self.kinds: list[str] = []
        self.other_pipeline_rows = 0
        self.lifecycle_shape = False
        self.notes: list[str] = []
        self._error = duckdb.Error

    def close(self) -> None:
        self.con.close()
        shutil.rmtree(self._tmp, ignore_errors=True)

    # -- reading ------------------------------------------------------------------------
    def _q(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = self.con.execute(sql, list(params)).fetchall()
        return rows

    def _relation(self, path: str) -> str:
        if file_kind(path) == "parquet":
            return f"read_parquet({literal(path)})"
        # comment = '': the sniffer takes '#' for a comment mark when a row starts with one,
        # and drops the rows of deals with ids like '#1042' without a word
        return (
            f"read_csv({literal(path)}, all_varchar = true, header = true, "
            "auto_detect = true, null_padding = true, comment = '')"
        )

    def load(
        self,
        files: Sequence[str],
        source: str,
        mapping: dict[str, str],
        progress: Progress | None = None,
    ) -> None:
        self.con.execute(
            "CREATE TEMP TABLE rows (f INTEGER, deal_id VARCHAR, stage VARCHAR, ts TIMESTAMP, "
            "reject VARCHAR, raw_at VARCHAR, keep BOOLEAN, reason VARCHAR, owner VARCHAR, "
            "source VARCHAR)"
        )
        pipeline_keys = self._pipeline_keys()
        for i, path in enumerate(files):
            if progress:
                progress(i, len(files), path)
            rel = self._relation(path)
            try:
                columns = [r[0] for r in self._q(f"DESCRIBE SELECT * FROM {rel}")]
            except self._error as e:
                raise AuditError(
                    f"{path}: cannot read it as {file_kind(path)}: {_short(e)}"
                ) from None
            proj = project(source, path, columns, mapping)
            self.lifecycle_shape = self.lifecycle_shape or proj.lifecycle
            if proj.note and proj.note not in self.notes:
                self.notes.append(proj.note)
            typed = self._typed_time(rel, proj.sql)
            if typed:
                # a Parquet TIMESTAMP (naive: UTC) or TIMESTAMPTZ: nothing to parse
                at = "CAST(entered_at AS VARCHAR)"
                ts_sql = (
                    "CAST(entered_at AT TIME ZONE 'UTC' AS TIMESTAMP)"
                    if typed == "TIMESTAMP WITH TIME ZONE"
                    else "CAST(entered_at AS TIMESTAMP)"
                )
            else:
                at = "nullif(trim(CAST(entered_at AS VARCHAR)), '')"
                ts_sql = _timestamp_sql(at, proj.epoch_ms)
            keep = "TRUE"
            if pipeline_keys is not None:
                keep = (
                    "(nullif(trim(pipeline), '') IS NULL OR lower(trim(pipeline)) IN "
                    f"({', '.join(literal(k) for k in sorted(pipeline_keys))}))"
                )
            sql = f"""
                INSERT INTO rows
                SELECT {i}, d, s, ts,
                    CASE WHEN d IS NULL OR s IS NULL OR a IS NULL THEN 'missing_value'
                         WHEN ts IS NULL THEN 'bad_timestamp' END,
                    CASE WHEN d IS NULL OR s IS NULL OR a IS NULL OR ts IS NULL THEN a END,
                    keep, reason, owner, source
                FROM (
                    SELECT nullif(trim(deal_id), '') AS d, nullif(trim(stage), '') AS s,
                        {at} AS a, {ts_sql} AS ts, {keep} AS keep,
                        nullif(trim(reason), '') AS reason, nullif(trim(owner), '') AS owner,
                        nullif(trim(source), '') AS source
                    FROM (WITH raw AS (SELECT * FROM {rel}) {proj.sql})
                )
            """
            start = self._q("SELECT count(*) FROM rows")[0][0]
            try:
                self.con.execute(sql)
            except self._error as e:
                raise AuditError(f"{path}: cannot read it: {_short(e)}") from None
            self.files.append(path)
            self.starts.append(int(start))
            self.kinds.append(file_kind(path))
        if progress:
            progress(len(files), len(files), "")
        self.other_pipeline_rows = self._q("SELECT count(*) FROM rows WHERE NOT keep")[0][0]

    def _typed_time(self, rel: str, sql: str) -> str:
        """The type of the projected ``entered_at`` when it is a timestamp already, else ''."""
        try:
            found = self._q(f"DESCRIBE (WITH raw AS (SELECT * FROM {rel}) {sql})")
        except self._error:
            return ""  # the INSERT reports the problem
        kinds = {r[0]: str(r[1]).upper() for r in found}
        kind = kinds.get("entered_at", "")
        return kind if kind in ("TIMESTAMP", "TIMESTAMP WITH TIME ZONE", "DATE") else ""

    def _pipeline_keys(self) -> set[str] | None:
        """Lower-cased values of a ``pipeline`` column that mean this pipeline, when it matters
        (the blueprint has several); ``None`` keeps every row."""
        if self.plan.pipeline == LIFECYCLE or len(self.pipelines) < 2:
            return None
        for pid, name in self.pipelines:
            if pid == self.plan.pipeline:
                return {pid.lower(), name.lower(), squash(name), squash(pid)}
        return None

    # -- the queries --------------------------------------------------------------------
    def _match_stages(self) -> None:
        values = [
            r[0] for r in self._q("SELECT DISTINCT stage FROM rows WHERE keep AND reject IS NULL")
        ]
        keys = self.plan.match_keys()
        exact = {k: sid for k, sid, prio in keys if prio <= 1}
        folded = {k: sid for k, sid, prio in keys if prio == 2}
        squashed = {k: sid for k, sid, prio in keys if prio == 3}
        pairs = []
        for v in values:
            sid = exact.get(v) or folded.get(v.lower()) or squashed.get(squash(v))
            if sid:
                pairs.append((v, sid))
        self.con.execute("CREATE TEMP TABLE smap (stage VARCHAR, stage_id VARCHAR)")
        if pairs:
            self.con.executemany("INSERT INTO smap VALUES (?, ?)", pairs)
        self.con.execute("CREATE TEMP TABLE st (stage_id VARCHAR, idx INTEGER, kind VARCHAR)")
        self.con.executemany(
            "INSERT INTO st VALUES (?, ?, ?)", [(s.id, s.index, s.kind) for s in self.plan.stages]
        )
        self.con.execute("CREATE TEMP TABLE edges (src VARCHAR, dst VARCHAR)")
        if self.plan.edges:
            self.con.executemany("INSERT INTO edges VALUES (?, ?)", sorted(self.plan.edges))

    def _build(self) -> None:
        self._match_stages()
        self.con.execute(f"""
            CREATE TEMP TABLE steps AS
            WITH m AS (
                SELECT r.rowid AS ord, r.deal_id, s.stage_id, r.ts
                FROM rows r JOIN smap s ON s.stage = r.stage
                WHERE r.keep AND r.reject IS NULL
            ), marked AS (
                SELECT *, lag(stage_id) OVER (PARTITION BY deal_id ORDER BY ts, ord) AS before
                FROM m
            ), path AS (
                SELECT * FROM marked WHERE before IS DISTINCT FROM stage_id
            ), w AS (
                SELECT p.deal_id, p.stage_id, p.ts, p.ord, st.idx, st.kind,
                    row_number() OVER w AS pos,
                    lag(p.stage_id) OVER w AS prev_stage,
                    lead(p.ts) OVER w AS next_ts
                FROM path p JOIN st USING (stage_id)
                WINDOW w AS (PARTITION BY p.deal_id ORDER BY p.ts, p.ord)
            )
            SELECT w.*,
                CASE WHEN w.prev_stage IS NULL THEN NULL
                     WHEN e.src IS NOT NULL THEN 'allowed'
                     WHEN ps.kind IN {_OUTCOME_KINDS} THEN 'after_outcome'
                     WHEN w.idx < ps.idx THEN 'backward'
                     ELSE 'skip' END AS verdict
            FROM w LEFT JOIN st ps ON ps.stage_id = w.prev_stage
            LEFT JOIN edges e ON e.src = w.prev_stage AND e.dst = w.stage_id
        """)
        self.con.execute(
            "CREATE TEMP VIEW moves AS SELECT deal_id, prev_stage, stage_id, ts, verdict "
            "FROM steps WHERE verdict IS NOT NULL"
        )
        self.con.execute(f"""
            CREATE TEMP TABLE deal AS
            SELECT deal_id,
                coalesce(arg_max(kind, pos) FILTER (WHERE kind IN ('won', 'lost')), 'open')
                    AS final,
                arg_min(stage_id, pos) AS first_stage, arg_min(ts, pos) AS first_ts,
                arg_max(stage_id, pos) AS last_stage, arg_max(kind, pos) AS last_kind,
                max(ts) AS last_ts, max(idx) AS max_idx{self._visited_sql()}
            FROM steps GROUP BY deal_id
        """)
        self.con.execute("""
            CREATE TEMP TABLE unknown AS
            SELECT r.rowid AS ord, r.f, r.deal_id, r.stage, r.ts FROM rows r
            WHERE r.keep AND r.reject IS NULL
              AND NOT EXISTS (SELECT 1 FROM smap s WHERE s.stage = r.stage)
        """)

    def _visited_sql(self) -> str:
        """The stages a deal visited as a bit set, when they fit in 64 bits."""
        if len(self.plan.stages) > 63:
            return ""
        return ", bit_or(CAST(1 AS UBIGINT) << CAST(idx AS UBIGINT)) AS visited"

    def _stage_counts(self) -> dict[str, tuple[int, int, int, int]]:
        """Per stage: deals entered, won, lost, and converted (reached a later stage)."""
        if not self._visited_sql():
            return {
                r[0]: (int(r[1]), int(r[2]), int(r[3]), int(r[4]))
                for r in self._q("""
                SELECT v.stage_id, count(*), count(*) FILTER (WHERE d.final = 'won'),
                    count(*) FILTER (WHERE d.final = 'lost'),
                    count(*) FILTER (WHERE d.max_idx > v.idx)
                FROM (SELECT DISTINCT deal_id, stage_id, idx FROM steps) v
                JOIN deal d USING (deal_id) GROUP BY v.stage_id
                """)
            }
        # one pass over the deals; the groups (final state x visited set) are few
        totals = [[0, 0, 0, 0] for _ in self.plan.stages]
        for final, visited, max_idx, n in self._q(
            "SELECT final, visited, max_idx, count(*) FROM deal GROUP BY ALL"
        ):
            for s in self.plan.stages:
                if int(visited) >> s.index & 1:
                    t = totals[s.index]
                    t[0] += n
                    t[1] += n if final == "won" else 0
                    t[2] += n if final == "lost" else 0
                    t[3] += n if max_idx > s.index else 0
        return {
            s.id: (t[0], t[1], t[2], t[3]) for s, t in zip(self.plan.stages, totals, strict=True)
        }

    def _where(self, f: int, ord_: int) -> str:
        n = ord_ - self.starts[f]
        if self.kinds[f] == "csv":
            return f"{self.files[f]}:{n + 2}"
        return f"{self.files[f]}: row {n + 1}"

    def result(self, blueprint: str, source: str, as_of: str | None) -> AuditResult:
        self._build()
        q = self._q
        history = self._history()
        conformance = self._conformance()
        if as_of is None:
            as_of = history.last_at
        # a typed NULL when no row has a time: a bare NULL AT TIME ZONE is ambiguous to DuckDB
        as_of_sql = (
            "CAST(NULL AS TIMESTAMPTZ)"
            if as_of is None
            else f"try_cast({literal(as_of)} AS TIMESTAMPTZ)"
        )
        as_of_ts = q(f"SELECT CAST({as_of_sql} AT TIME ZONE 'UTC' AS TIMESTAMP)")[0][0]
        if as_of is not None and as_of_ts is None:
            raise AuditError(f"--as-of {as_of}: not a timestamp; write e.g. 2025-06-30T00:00:00Z")
        stages = self._stages(as_of_sql)
        won_total = q("SELECT count(*) FROM deal WHERE final = 'won'")[0][0]
        required = {
            s.id: won_total - stages[s.id].won for s in self.plan.stages if s.kind == "open"
        }
        final = dict.fromkeys(("won", "lost", "open"), 0)
        final.update({k: int(n) for k, n in q("SELECT final, count(*) FROM deal GROUP BY 1")})
        reasons, without = self._reasons()
        result = AuditResult(
            blueprint=blueprint,
            pipeline=self.plan.pipeline,
            source=source,
            history=history,
            conformance=conformance,
            stages=stages,
            required=required,
            as_of=q(
                f"SELECT strftime(CAST({as_of_sql} AT TIME ZONE 'UTC' AS TIMESTAMP), '{_ISO}')"
            )[0][0],
            final=final,
            reasons=reasons,
            deals_without_reason=without,
            breakdowns=self._breakdowns(),
            rotting_examples=self._rotting_examples(as_of_sql),
        )
        result.notes += self.notes
        if self.other_pipeline_rows:
            result.notes.append(
                f"{self.other_pipeline_rows} rows belong to other pipelines (column 'pipeline') "
                "and were left out; audit those with --pipeline ID."
            )
        if self.lifecycle_shape and self.plan.pipeline != LIFECYCLE:
            result.notes.append(
                "The history looks like a lifecycle history (lead or contact status); "
                "audit it with --pipeline lifecycle."
            )
        return result

    def _history(self) -> History:
        q = self._q
        h = History(files=list(self.files))
        rows, accepted = q(
            "SELECT count(*), count(*) FILTER (WHERE reject IS NULL) FROM rows WHERE keep"
        )[0]
        h.rows, h.accepted = int(rows), int(accepted)
        for reason, n in q(
            "SELECT reject, count(*) FROM rows WHERE keep AND reject IS NOT NULL GROUP BY 1"
        ):
            h.rejected[reason] = int(n)
        h.deals = int(
            q("SELECT count(DISTINCT deal_id) FROM rows WHERE keep AND reject IS NULL")[0][0]
        )
        first, last = q(
            f"SELECT strftime(min(ts), '{_ISO}'), strftime(max(ts), '{_ISO}') "
            "FROM rows WHERE keep AND reject IS NULL"
        )[0]
        h.first_at, h.last_at = first, last
        for reason in h.rejected:
            found = q(
                "SELECT rowid, f, coalesce(deal_id, ''), coalesce(stage, ''), coalesce(raw_at, '') "
                f"FROM rows WHERE keep AND reject = ? ORDER BY rowid LIMIT {EXAMPLES}",
                [reason],
            )
            if found:
                h.examples[reason] = [
                    Example(d, stage=s, at=a, where=self._where(f, o)) for o, f, d, s, a in found
                ]
        return h

    def _conformance(self) -> Conformance:
        q = self._q
        c = Conformance()
        for verdict, n in q("SELECT verdict, count(*) FROM moves GROUP BY 1"):
            c.transitions += int(n)
            if verdict == "allowed":
                c.allowed = int(n)
            else:
                c.violations[verdict] = int(n)
        c.violations["unknown_stage"] = int(q("SELECT count(*) FROM unknown")[0][0])
        first = literal(self.plan.first)
        c.violations["late_entry"] = int(
            q(f"SELECT count(*) FROM deal WHERE first_stage <> {first}")[0][0]
        )
        c.deals_with_violations = int(
            q(f"""
            SELECT count(*) FROM (
                SELECT deal_id FROM moves WHERE verdict <> 'allowed'
                UNION SELECT deal_id FROM unknown
                UNION SELECT deal_id FROM deal WHERE first_stage <> {first}
            )""")[0][0]
        )
        for kind in ("skip", "backward", "after_outcome"):
            found = q(
                f"SELECT deal_id, prev_stage, stage_id, strftime(ts, '{_ISO}') FROM moves "
                f"WHERE verdict = ? ORDER BY deal_id, ts, stage_id LIMIT {EXAMPLES}",
                [kind],
            )
            if found:
                c.examples[kind] = [Example(d, stage=b, from_stage=a, at=t) for d, a, b, t in found]
        found = q(
            f"SELECT ord, f, deal_id, stage, strftime(ts, '{_ISO}') FROM unknown "
            f"ORDER BY ord LIMIT {EXAMPLES}"
        )
        if found:
            c.examples["unknown_stage"] = [
                Example(d, stage=s, at=t, where=self._where(f, o)) for o, f, d, s, t in found
            ]
        found = q(
            f"SELECT deal_id, first_stage, strftime(first_ts, '{_ISO}') FROM deal "
            f"WHERE first_stage <> {first} ORDER BY deal_id LIMIT {EXAMPLES}"
        )
        if found:
            c.examples["late_entry"] = [Example(d, stage=s, at=t) for d, s, t in found]
        c.unknown_stages = {
            s: int(n)
            for s, n in q(
                "SELECT stage, count(*) FROM unknown GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 50"
            )
        }
        c.moves = [
            (a, b, v, int(n))
            for a, b, v, n in q(
                "SELECT prev_stage, stage_id, verdict, count(*) FROM moves GROUP BY 1, 2, 3 "
                "ORDER BY 4 DESC, 1, 2"
            )
        ]
        return c

    def _stages(self, as_of_sql: str) -> dict[str, StageFigures]:
        q = self._q
        counts = self._stage_counts()
        quantiles = {
            r[0]: r[1]
            for r in q("""
            SELECT stage_id, quantile_cont(
                date_diff('microsecond', ts, next_ts) / 86400000000.0, [0.5, 0.9])
            FROM steps WHERE next_ts IS NOT NULL GROUP BY stage_id
            """)
        }
        open_now: dict[str, tuple[int, int]] = {}
        for sid, n, late in q(f"""
            SELECT d.last_stage, count(*),
                count(*) FILTER (WHERE date_diff('microsecond', d.last_ts,
                    CAST({as_of_sql} AT TIME ZONE 'UTC' AS TIMESTAMP))
                    > st.expected * 86400000000.0)
            FROM deal d JOIN (
                SELECT * FROM (VALUES {self._expected_values()}) t(stage_id, expected)
            ) st ON st.stage_id = d.last_stage
            WHERE d.final = 'open' GROUP BY 1
        """):
            open_now[sid] = (int(n), int(late))
        out: dict[str, StageFigures] = {}
        for s in self.plan.stages:
            entered, won, lost, converted = counts.get(s.id, (0, 0, 0, 0))
            med, p90 = quantiles.get(s.id) or (None, None)
            f = StageFigures(
                id=s.id,
                name=s.name,
                kind=s.kind,
                entered=int(entered),
                won=int(won),
                lost=int(lost),
                win_rate=won / (won + lost) if won + lost else None,
                declared_probability=s.probability,
                median_days=None if med is None else float(med),
                p90_days=None if p90 is None else float(p90),
                expected_days=s.expected_days,
            )
            if s.kind in ("open", "lifecycle"):
                f.open_now, f.rotting = open_now.get(s.id, (0, 0))
            if s.kind == "open":
                f.win_rate_interval = wilson(f.won, f.won + f.lost)
                f.calibration = calibration(s.probability, f.win_rate_interval)
            if s.kind == "lifecycle":
                f.converted = int(converted) if s.index < len(self.plan.stages) - 1 else None
                f.conversion = (
                    f.converted / f.entered if f.converted is not None and f.entered else None
                )
                f.declared_conversion = s.conversion_rate
                if f.converted is not None:
                    f.win_rate_interval = wilson(f.converted, f.entered)
                    f.calibration = calibration(s.conversion_rate, f.win_rate_interval)
            out[s.id] = f
        return out

    def _expected_values(self) -> str:
        vals = [
            f"({literal(s.id)}, {s.expected_days if s.expected_days else 'NULL'})"
            for s in self.plan.stages
        ]
        return ", ".join(vals)

    def _rotting_examples(self, as_of_sql: str) -> list[Example]:
        found = self._q(f"""
            SELECT d.deal_id, d.last_stage, strftime(d.last_ts, '{_ISO}') FROM deal d
            JOIN (SELECT * FROM (VALUES {self._expected_values()}) t(stage_id, expected)) st
                ON st.stage_id = d.last_stage
            WHERE d.final = 'open' AND date_diff('microsecond', d.last_ts,
                CAST({as_of_sql} AT TIME ZONE 'UTC' AS TIMESTAMP)) > st.expected * 86400000000.0
            ORDER BY d.last_ts, d.deal_id LIMIT {EXAMPLES}
        """)
        return [Example(d, stage=s, at=t) for d, s, t in found]

    def _reasons(self) -> tuple[list[Reason], int]:
        """Why deals were lost: the last reason given on the deal's rows (lost deals; for the
        lifecycle, every contact with a reason)."""
        which = "TRUE" if self.plan.pipeline == LIFECYCLE else "d.final = 'lost'"
        rows = self._q(f"""
            WITH r AS (
                SELECT r.deal_id, arg_max(r.reason, r.rowid) AS reason FROM rows r
                WHERE r.keep AND r.reject IS NULL AND r.reason IS NOT NULL GROUP BY 1
            )
            SELECT r.reason, count(*) FROM deal d LEFT JOIN r USING (deal_id)
            WHERE {which} GROUP BY 1 ORDER BY 2 DESC, 1
        """)
        declared = {x.lower() for x in self.plan.lost_reasons}
        out, without = [], 0
        for reason, n in rows:
            if reason is None:
                without = 0 if self.plan.pipeline == LIFECYCLE else int(n)
                continue
            out.append(Reason(reason, int(n), reason.lower() in declared))
        return out, without

    def _breakdowns(self) -> list[Breakdown]:
        out: list[Breakdown] = []
        for col in ("owner", "source"):
            found = self._q(f"""
                WITH v AS (
                    SELECT deal_id, arg_max({col}, rowid) AS value FROM rows
                    WHERE keep AND reject IS NULL AND {col} IS NOT NULL GROUP BY 1
                )
                SELECT v.value, count(*), count(*) FILTER (WHERE d.final = 'won'),
                    count(*) FILTER (WHERE d.final = 'lost')
                FROM v JOIN deal d USING (deal_id) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20
            """)
            out += [Breakdown(col, v, int(n), int(w), int(lo)) for v, n, w, lo in found]
        return out


def _short(e: BaseException) -> str:
    text = str(e).strip().splitlines()
    return text[0] if text else type(e).__name__


def run_duckdb(
    plan: Plan,
    files: Sequence[str],
    *,
    source: str,
    mapping: dict[str, str],
    blueprint: str,
    pipelines: Sequence[tuple[str, str]] = (),
    as_of: str | None = None,
    progress: Progress | None = None,
) -> AuditResult:
    run = DuckDBAudit(plan, pipelines)
    try:
        run.load(files, source, mapping, progress)
        return run.result(blueprint, source, as_of)
    finally:
        run.close()


__all__ = ["VIOLATION_KINDS", "DuckDBAudit", "run_duckdb"]
