"""The audit on DuckDB (embedded): the history is read by DuckDB where it is (Parquet in place,
CSV parsed once into a table), never into Python; Python only receives counts, quantiles and a
few examples.

One sort: every figure comes from one windowed pass over the accepted rows (partitioned by deal,
ordered by time, ties in input order), materialised once as ``steps``:

- ``rows`` (a view): every data row of every file with its file ``f``, its row number ``n`` in
  the file, the parsed UTC timestamp and the reject reason (NULL when accepted);
- ``rows_clean`` (a view, not on PostgreSQL where ``rows`` is a table): the same rows without
  trimming deal id, stage and time; the first pass reads it and tells whether trimming would
  change a deal id or time (``dirty``, checked per row) or a stage (per distinct value); only
  then it reads ``rows``, and the windowed pass reads ``rows`` too;
- ``smap``: each distinct stage value and the index of the plan's stage it names (matched in
  Python), or ``-k`` for the k-th value (code point order) the plan does not know;
- ``vals_reason`` (``vals_owner``, ``vals_source``, for the columns the history has): each
  distinct value and an integer code; the windowed pass and ``deals`` carry the code, not the
  text, and the queries that group deals by one decode the groups;
- ``steps``: the windowed pass, keeping the rows that matter (path elements, the end of every
  run of repeats, rows of unknown stages and each deal's last row): the previous and next known
  stage (``lag``/``lead`` ignoring unknown stages), the row's position ``pos`` in the deal
  (1, 2, ...), for a row of an unknown stage the value's code ``unknown`` and its place in the
  input ``uord``; rows giving a reason, owner or source are kept too (a deal's last row always
  is: it ends a run or has an unknown stage). The verdict of a move is not a column: it is
  looked up per group of moves (``before``, ``idx``) in Python;
- ``deals``: per deal (a hash aggregate of ``steps``, no sort; "last" is the greatest ``pos``)
  the final state (the last won/lost stage) and, for open deals, the last stage and when it
  was entered (one integer maximum gives both the last outcome and the last stage), the last
  reason, owner and source, the stages visited as a bit set; ``deal`` are those with a path
  (not only rows of unknown stages). Deals with a violation are counted from the few rows of
  ``steps`` that have one.

Time in stage needs the next path element's time: ``lead`` gives it for a visit of one row; a
visit with repeats ends at its run's last row, found by a second window over those few rows only.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Sequence
from typing import Any

from salesblueprint.audit.analyses import calibration, wilson
from salesblueprint.audit.backends.dialect import DUCKDB, Dialect
from salesblueprint.audit.errors import AuditError
from salesblueprint.audit.inputs import OPTIONAL, file_kind, project
from salesblueprint.audit.inputs.files import unreadable
from salesblueprint.audit.inputs.sources import ROW_NUMBER
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
from salesblueprint.audit.sla import SlaPlan
from salesblueprint.i18n import _

Progress = Callable[[int, int, str], None]
EXAMPLES = 5
REASONS_PER_VALUE = 10  # reasons listed per owner / source
# verdict codes of the ``steps`` table
VERDICTS = ("allowed", "skip", "backward", "after_outcome")
# the modulus that packs a row's position and a value code into one integer (see ``_build``)
CODES = 1 << 32


def _import_duckdb() -> Any:
    try:
        import duckdb
    except ImportError:
        raise AuditError("the audit needs DuckDB: pip install 'salesblueprint[audit]'") from None
    return duckdb


class DuckDBAudit:
    """One audit run: ``load`` the files, then ``result`` computes every figure.

    The queries are the audit's for every engine: what an engine spells differently comes from
    ``self.sql`` (a :class:`~salesblueprint.audit.backends.dialect.Dialect`), and what it does
    differently (reading files, making tables, running queries) from the methods a backend
    overrides: ``_relation``, ``_describe``, ``_create``, ``_insert_pairs``, ``_q``, ``close``
    (see :mod:`salesblueprint.audit.backends.spark`).
    """

    sql: Dialect = DUCKDB
    # a second view of the rows without trimming (``rows_clean``), used when no value needs it
    clean_rows = True

    def __init__(self, plan: Plan, pipelines: Sequence[tuple[str, str]] = ()) -> None:
        self._setup(plan, pipelines)
        duckdb = _import_duckdb()
        self._tmp = tempfile.mkdtemp(prefix="salesblueprint-audit-")
        self.con = duckdb.connect(":memory:")
        self.con.execute("SET TimeZone = 'UTC'")
        self.con.execute(f"SET temp_directory = {self.sql.literal(self._tmp)}")
        self.con.execute("SET preserve_insertion_order = true")
        # DuckDB's own progress bar writes to stdout, into the report: never
        self.con.execute("SET enable_progress_bar = false")
        # bounded memory: DuckDB spills to the temporary folder beyond this. The process peaks
        # about 100 MB above it (Python, the allocator): 1650MB keeps a 5M-deal history's
        # ``steps`` table and per-deal aggregate nearly in memory, under 1.8 GB in all
        limit = os.environ.get("SALESBLUEPRINT_AUDIT_MEMORY", "1650MB")
        try:
            self.con.execute(f"SET memory_limit = {self.sql.literal(limit)}")
        except duckdb.Error:
            raise AuditError(
                f"SALESBLUEPRINT_AUDIT_MEMORY={limit}: not a memory size; write e.g. 2GB"
            ) from None
        self._error = duckdb.Error

    def _setup(self, plan: Plan, pipelines: Sequence[tuple[str, str]]) -> None:
        """The engine-independent state of a run."""
        self.plan = plan
        # the blueprint's pipelines (id, name): rows naming another pipeline are left out
        self.pipelines = list(pipelines)
        self.files: list[str] = []
        self.kinds: list[str] = []
        self.per_row: list[int] = []
        self.optional: set[str] = set()  # optional columns some file has
        self.other_pipeline_rows = 0
        self.lifecycle_shape = False
        self.notes: list[str] = []
        # the activities input (the SLA's follow-up), if any
        self.act_files: list[str] = []
        # stage values a source names otherwise (HubSpot's marketingqualifiedlead -> mql)
        self.aliases: dict[str, tuple[str, ...]] = {}
        self.dirty_rows = 0  # rows with a value that trimming changes
        # the stage values the plan does not know, in code point order (``steps.unknown`` - 1)
        self.unknown_values: list[str] = []

    def close(self) -> None:
        self.con.close()
        shutil.rmtree(self._tmp, ignore_errors=True)

    # -- reading ------------------------------------------------------------------------
    def _q(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        rows: list[tuple[Any, ...]] = self.con.execute(sql, list(params)).fetchall()
        return rows

    def _describe(self, sql: str) -> list[tuple[str, str]]:
        """The columns (name, upper-case type) of a query; raises ``self._error``."""
        return [(str(r[0]), str(r[1]).upper()) for r in self._q(f"DESCRIBE {sql}")]

    def _create(self, name: str, sql: str, *, table: bool = True) -> None:
        """``name`` for the rest of the run: a table (computed once) or a view."""
        kind = "TABLE" if table else "VIEW"
        self.con.execute(f"CREATE TEMP {kind} {name} AS {sql}")

    def _insert_pairs(self, name: str, pairs: Sequence[tuple[str, int]]) -> None:
        """The table ``name (stage text, idx integer)`` with these rows."""
        self.con.execute(f"CREATE TEMP TABLE {name} (stage VARCHAR, idx INTEGER)")
        if pairs:
            self.con.executemany(f"INSERT INTO {name} VALUES (?, ?)", pairs)

    def _relation(self, path: str, i: int, prefix: str = "csv") -> tuple[str, str]:
        """The file as a relation to describe, and the same with its row numbers."""
        literal = self.sql.literal
        if file_kind(path) == "parquet":
            rel = f"read_parquet({literal(path)})"
            numbered = (
                f"(SELECT *, file_row_number AS {ROW_NUMBER} "
                f"FROM read_parquet({literal(path)}, file_row_number = true))"
            )
            return rel, numbered
        # comment = '': the sniffer takes '#' for a comment mark when a row starts with one,
        # and drops the rows of deals with ids like '#1042' without a word
        rel = (
            f"read_csv({literal(path)}, all_varchar = true, header = true, "
            "auto_detect = true, null_padding = true, comment = '')"
        )
        # CSV is parsed once, into a table whose row ids are the file's order
        try:
            self.con.execute(f"CREATE TEMP TABLE {prefix}_{i} AS SELECT * FROM {rel}")
        except self._error as e:
            raise unreadable(path, e) from None
        return f"{prefix}_{i}", f"(SELECT *, rowid AS {ROW_NUMBER} FROM {prefix}_{i})"

    def load(
        self,
        files: Sequence[str],
        source: str,
        mapping: dict[str, str],
        progress: Progress | None = None,
    ) -> None:
        pipeline_keys = self._pipeline_keys()
        parts: list[str] = []
        clean_parts: list[str] = []
        for i, path in enumerate(files):
            if progress:
                progress(i, len(files), path)
            try:
                rel, numbered = self._relation(path, i)
                columns = [c for c, _ in self._describe(f"SELECT * FROM {rel}")]
            except self._error as e:
                raise unreadable(path, e) from None
            proj = project(source, path, columns, mapping, self.sql)
            self.lifecycle_shape = self.lifecycle_shape or proj.lifecycle
            if proj.note and proj.note not in self.notes:
                self.notes.append(proj.note)
            self.optional |= {c for c in ("reason", "owner", "source") if proj.has(c)}
            self.aliases.update(proj.aliases)
            inner = f"WITH raw AS (SELECT * FROM {numbered}) {proj.sql}"
            kind = self._typed_time(inner)
            sql = self._rows_sql(i, inner, kind, proj.epoch_ms, pipeline_keys, clean=False)
            if self.clean_rows:
                clean_parts.append(
                    self._rows_sql(i, inner, kind, proj.epoch_ms, pipeline_keys, clean=True)
                )
            try:
                self._describe(sql)
            except self._error as e:
                raise unreadable(path, e) from None
            parts.append(sql)
            self.files.append(path)
            self.kinds.append(file_kind(path))
            self.per_row.append(proj.per_row)
        self._create("rows", " UNION ALL ".join(parts), table=False)
        if self.clean_rows:
            self._create("rows_clean", " UNION ALL ".join(clean_parts), table=False)
        self._loaded()
        if progress:
            progress(len(files), len(files), "")

    def _rows_sql(
        self,
        i: int,
        inner: str,
        kind: str,
        epoch_ms: bool,
        pipeline_keys: set[str] | None,
        *,
        clean: bool,
    ) -> str:
        """The rows of file ``i`` (its projection ``inner``, whose ``entered_at`` has the
        engine's type ``kind``): trimmed values, the parsed time,
        the reject reason, and whether the deal id, stage or time needed trimming (``dirty``).

        ``clean``: the same for a history where none of those needs trimming, untrimmed (the
        other columns are few values, mostly NULL, and still trimmed); its ``dirty`` tells
        whether trimming would change the deal id or time (the first pass checks the stage per
        distinct value).
        """
        # the values the clean variant does not trim: (alias, raw text); the others (reason,
        # owner, source, pipeline) are few values, mostly NULL, and are trimmed in both
        checked = [("d", "deal_id"), ("s", "stage")]
        text_at = self.sql.cast_text("entered_at")

        def trimmed(expr: str) -> str:
            return expr if clean and expr in (c for _, c in checked) else self.sql.trimmed(expr)

        # a Parquet TIMESTAMP (naive: UTC) or TIMESTAMPTZ: nothing to parse
        ts_sql = self.sql.typed_timestamp("entered_at", kind)
        if ts_sql is not None:
            at = "entered_at"
        else:
            checked.append(("a", text_at))
            at = f"nullif({trimmed(text_at)}, '')"
            ts_sql = self.sql.timestamp_text(at, epoch_ms)
        # trimmed text, NULL when empty
        val = {c: f"nullif({trimmed(c)}, '')" for c in ("deal_id", "stage", *OPTIONAL)}
        keep = "TRUE"
        if pipeline_keys is not None:
            keys = ", ".join(self.sql.literal(k) for k in sorted(pipeline_keys))
            keep = f"({val['pipeline']} IS NULL OR lower({val['pipeline']}) IN ({keys}))"
        # the row's value differs from the clean variant's; the clean variant tells whether
        # trimming would change its deal id or time (the stage is checked per distinct value,
        # see ``_scan``)
        raw = ", ".join(f"{c} AS raw_{v}" for v, c in checked)
        if clean:
            dirty = " OR ".join(self.sql.trim_changes(f"raw_{v}") for v, _ in checked if v != "s")
        else:
            dirty = " OR ".join(f"{v} IS DISTINCT FROM nullif(raw_{v}, '')" for v, _ in checked)
        return f"""
            SELECT {i} AS f, n, d AS deal_id, s AS stage, ts,
                CASE WHEN d IS NULL OR s IS NULL OR a IS NULL THEN 'missing_value'
                     WHEN ts IS NULL THEN 'bad_timestamp' END AS reject,
                CASE WHEN d IS NULL OR s IS NULL OR a IS NULL OR ts IS NULL
                    THEN {self.sql.cast_text("a")} END AS raw_at,
                keep, reason, owner, source, {dirty} AS dirty
            FROM (
                SELECT CAST({ROW_NUMBER} AS BIGINT) AS n,
                    {val["deal_id"]} AS d, {val["stage"]} AS s,
                    {at} AS a, {ts_sql} AS ts, {keep} AS keep, {val["reason"]} AS reason,
                    {val["owner"]} AS owner, {val["source"]} AS source, {raw}
                FROM ({inner}) AS p
            ) AS q
        """

    def _loading(self) -> None:
        """Before more files are read (the activities): CSV tables keep the file order."""
        self.con.execute("SET preserve_insertion_order = true")

    def _loaded(self) -> None:
        # the CSV tables keep the file order; from here on the order is explicit (``n``)
        self.con.execute("SET preserve_insertion_order = false")

    def _typed_time(self, inner: str) -> str:
        """The engine's type of the projected ``entered_at`` ('' when it cannot be told)."""
        try:
            found = self._describe(f"SELECT * FROM ({inner}) AS t")
        except self._error:
            return ""  # the DESCRIBE of the whole query reports the problem
        return dict(found).get("entered_at", "")

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
    def _scan(self) -> tuple[History, list[str]]:
        """One pass over every row: the history's counts and span, and the stage values."""
        h = History(files=list(self.files))
        values: list[str] = []
        first: Any = None
        last: Any = None
        for keep, reject, stage, n, lo, hi in self._first_pass():
            if not keep:
                self.other_pipeline_rows += int(n)
                continue
            h.rows += int(n)
            if reject is not None:
                h.rejected[reject] = h.rejected.get(reject, 0) + int(n)
                continue
            h.accepted += int(n)
            values.append(stage)
            first = lo if first is None or lo < first else first
            last = hi if last is None or hi > last else last
        h.first_at, h.last_at = first, last
        for reason in sorted(r for r, n in h.rejected.items() if n):
            found = self._q(
                "SELECT f, n, coalesce(deal_id, ''), coalesce(stage, ''), coalesce(raw_at, '') "
                f"FROM rows WHERE keep AND reject = ? ORDER BY f, n LIMIT {EXAMPLES}",
                [reason],
            )
            h.examples[reason] = [
                Example(d, stage=s, at=a, where=self._where(f, n)) for f, n, d, s, a in found
            ]
        return h, values

    def _first_pass(self) -> list[tuple[Any, ...]]:
        """The rows grouped by (keep, reject, stage of an accepted row): count, first and
        last time; sets ``dirty_rows``.

        With a clean view it reads that (no trimming of deal ids, stages and times) and counts
        the rows whose deal id or time trimming would change, and checks each distinct stage
        value; only when one would change (or no clean view), it reads ``rows`` (trimmed),
        which counts them exactly. Without such values both give the same groups.
        """
        iso = self.sql.iso
        if self.clean_rows:
            # grouped by every stage value (also of rejected rows: a stage of spaces is a
            # missing value once trimmed), summed here
            found = self._q(f"""
                SELECT keep, reject, stage, n, lo, hi, dirty, {self.sql.trim_changes("stage")}
                FROM (
                    SELECT keep, reject, stage, count(*) AS n, {iso("min(ts)")} AS lo,
                        {iso("max(ts)")} AS hi, count(*) FILTER (WHERE dirty) AS dirty
                    FROM rows_clean GROUP BY 1, 2, 3
                ) AS g
            """)
            if not any(int(dirty) or stage_dirty for *_, dirty, stage_dirty in found):
                self.dirty_rows = 0
                # the groups of the trimmed rows: rejected rows' stages are not kept apart
                merged: dict[tuple[Any, Any, Any], list[Any]] = {}
                for keep, reject, stage, n, lo, hi, _, _ in found:
                    key = (keep, reject, stage if keep and reject is None else None)
                    m = merged.setdefault(key, [0, lo, hi])
                    m[0] += int(n)
                    # ISO texts of one width compare as the times do (NULL: no time)
                    m[1] = min((x for x in (m[1], lo) if x is not None), default=None)
                    m[2] = max((x for x in (m[2], hi) if x is not None), default=None)
                return [(*key, *m) for key, m in merged.items()]
        found = self._q(f"""
            SELECT keep, reject, CASE WHEN keep AND reject IS NULL THEN stage END,
                count(*), {iso("min(ts)")}, {iso("max(ts)")}, count(*) FILTER (WHERE dirty)
            FROM rows GROUP BY 1, 2, 3
        """)
        self.dirty_rows = sum(int(r[6]) for r in found)
        return [r[:6] for r in found]

    def _match_stages(self, values: Sequence[str]) -> None:
        keys = self.plan.match_keys()
        exact = {k: sid for k, sid, prio in keys if prio <= 1}
        folded = {k: sid for k, sid, prio in keys if prio == 2}
        squashed = {k: sid for k, sid, prio in keys if prio == 3}
        index = {s.id: s.index for s in self.plan.stages}
        pairs: list[tuple[str, int]] = []
        unknown: list[str] = []

        def find(v: str) -> str | None:
            return exact.get(v) or folded.get(v.lower()) or squashed.get(squash(v))

        for v in values:
            sid = find(v) or next(
                (x for x in map(find, self.aliases.get(squash(v), ())) if x), None
            )
            if sid:
                pairs.append((v, index[sid]))
            else:
                unknown.append(v)
        # a stage value the plan does not know: a negative number, -1 for the first in code
        # point order (``steps`` keeps its positive code, not its text)
        unknown.sort()
        self.unknown_values = unknown
        pairs += [(v, -k) for k, v in enumerate(unknown, 1)]
        self._insert_pairs("smap", pairs)

    def _verdicts(self) -> list[int]:
        """The verdict code (see ``VERDICTS``) of every move ``a -> b`` of stage indices, at
        ``a * n + b`` (n stages): computed here, per group of moves, not on every row."""
        codes = []
        for a in self.plan.stages:
            for b in self.plan.stages:
                if (a.id, b.id) in self.plan.edges or a.id == b.id:
                    codes.append(0)
                elif a.kind in ("won", "lost", "after_close"):
                    codes.append(VERDICTS.index("after_outcome"))
                elif b.index < a.index:
                    codes.append(VERDICTS.index("backward"))
                else:
                    codes.append(VERDICTS.index("skip"))
        return codes

    def _moves_with(self, *verdicts: str) -> str:
        """SQL: the row of ``steps`` is a move (a path element after another) with one of
        these verdicts."""
        n = len(self.plan.stages)
        wanted = {VERDICTS.index(v) for v in verdicts}
        found = [str(i) for i, code in enumerate(self._verdicts()) if code in wanted]
        if not found:
            return "FALSE"
        return f"(is_start AND before IS NOT NULL AND before * {n} + idx IN ({', '.join(found)}))"

    def _indices(self, *kinds: str) -> str:
        found = [str(s.index) for s in self.plan.stages if s.kind in kinds]
        return f"({', '.join(found)})" if found else "(NULL)"

    def _build(self, values: Sequence[str]) -> None:
        self._match_stages(values)
        extra = sorted(self.optional)
        # no value needs trimming (the first pass counted them): the rows without the checks
        rows = "rows_clean" if self.clean_rows and not self.dirty_rows else "rows"
        # reason, owner and source travel as integer codes (``vals_<column>``: each distinct
        # value and its code), decoded once per deal: the sort carries and ``steps`` keeps a
        # number instead of text, and a deal's last value is an integer maximum
        for c in extra:
            self._create(
                f"vals_{c}",
                f"SELECT v, CAST(row_number() OVER (ORDER BY v) AS INTEGER) AS code FROM "
                f"(SELECT DISTINCT {c} AS v FROM {rows} WHERE {c} IS NOT NULL) AS d",
            )
        carried = "".join(f", v_{c}.code AS {c}" for c in extra)
        coded = "".join(f" LEFT JOIN vals_{c} v_{c} ON v_{c}.v = r.{c}" for c in extra)
        carried_y = "".join(f", {c}" for c in extra)
        lag = self.sql.ignore_nulls_over
        # rows giving a reason (owner, source) are kept: the deal's last one is taken below
        given = "".join(f" OR {c} IS NOT NULL" for c in extra)
        outcomes = self._indices("won", "lost")
        # rows of one deal in time order, ties in input order (file, then row in the file)
        self._create(
            "steps",
            f"""
            WITH x AS (
                SELECT r.deal_id, CAST(r.f AS BIGINT) * {1 << 40} + r.n AS ord, r.ts,
                    CASE WHEN m.idx >= 0 THEN CAST(m.idx AS SMALLINT) END AS idx,
                    CASE WHEN m.idx < 0 THEN -m.idx END AS unknown{carried}
                FROM {rows} r LEFT JOIN smap m ON m.stage = r.stage{coded}
                WHERE r.keep AND r.reject IS NULL
            ), y AS (
                SELECT x.*,
                    {lag("lag", "idx", "w")} AS before,
                    {lag("lead", "idx", "w")} AS after,
                    {lag("lead", "CASE WHEN idx IS NOT NULL THEN ts END", "w")} AS after_ts,
                    row_number() OVER w AS pos
                FROM x
                WINDOW w AS (PARTITION BY deal_id ORDER BY ts, ord)
            )
            SELECT deal_id, CASE WHEN idx IS NULL THEN ord END AS uord, ts, idx, unknown,
                before, after_ts, CAST(pos AS INTEGER) AS pos{carried_y},
                idx IS NOT NULL AND before IS DISTINCT FROM idx AS is_start,
                idx IS NOT NULL AND after IS DISTINCT FROM idx AS is_end
            FROM y
            WHERE idx IS NULL OR before IS DISTINCT FROM idx OR after IS DISTINCT FROM idx{given}
        """,
        )
        won, lost = self._indices("won"), self._indices("lost")
        n = len(self.plan.stages)

        # a value (0 <= value < n) on the row with the greatest ``pos`` is the greatest
        # ``pos * n + value`` (an integer maximum, much cheaper than an ``arg_max`` state per
        # deal), taken ``% n``; codes are 1.. the number of distinct values (< 2^31: pos * 2^32
        # fits 63 bits)
        deal_extra = "".join(f", max(CAST(pos AS BIGINT) * {CODES} + {c}) AS {c}" for c in extra)
        visited = self._visited_sql()
        # with the visited bit set, the highest stage reached is its highest bit (in Python)
        # one maximum for the final state and the last stage: an outcome row's key is 2^31
        # ``pos`` higher (pos < 2^31), so the greatest key is the last outcome when the deal has
        # one (final won/lost), else its last known stage (open: ``last_idx`` is needed only
        # for open deals, the rotting ones)
        key = f"(CAST(pos AS BIGINT) + CASE WHEN idx IN {outcomes} THEN {1 << 31} ELSE 0 END)"
        carry = [f"CAST(last % {n} AS SMALLINT) AS last_idx", "last_ts"]
        carry += ["visited"] if visited else ["max_idx"]
        # the codes stay codes: the few queries that group deals by them decode the groups
        decoded = [f"CAST({c} % {CODES} AS INTEGER) AS {c}" for c in extra]
        self._create(
            "deals",
            f"""
            SELECT deal_id, CASE WHEN last < {(1 << 31) * n} THEN 'open'
                WHEN last % {n} IN {won} THEN 'won' WHEN last % {n} IN {lost} THEN 'lost'
                ELSE 'open' END AS final,
                {", ".join(carry + decoded)}
            FROM (
                SELECT deal_id,
                    {"" if visited else "max(idx) AS max_idx,"}
                    max({key} * {n} + idx) AS last,
                    max(ts) FILTER (WHERE is_start) AS last_ts
                    {visited}{deal_extra}
                FROM steps GROUP BY deal_id
            ) AS g
        """,
        )
        # the deals with a path (not only rows of unknown stages)
        path = "visited" if visited else "max_idx"
        self._create("deal", f"SELECT * FROM deals WHERE {path} IS NOT NULL", table=False)

    def _late(self) -> str:
        """The row is a deal's first known stage, and not the pipeline's first."""
        return f"(idx IS NOT NULL AND before IS NULL AND idx <> {self.plan.stages[0].index})"

    def _visited_sql(self) -> str:
        """The stages a deal visited as a bit set, when they fit in 64 bits."""
        if len(self.plan.stages) > 63:
            return ""
        return f", bit_or({self.sql.bit('idx')}) AS visited"

    def _stage_counts(self) -> dict[str, tuple[int, int, int, int]]:
        """Per stage: deals entered, won, lost, and converted (reached a later stage)."""
        if not self._visited_sql():
            ids = [s.id for s in self.plan.stages]
            return {
                ids[int(r[0])]: (int(r[1]), int(r[2]), int(r[3]), int(r[4]))
                for r in self._q("""
                SELECT v.idx, count(*), count(*) FILTER (WHERE d.final = 'won'),
                    count(*) FILTER (WHERE d.final = 'lost'),
                    count(*) FILTER (WHERE d.max_idx > v.idx)
                FROM (SELECT DISTINCT deal_id, idx FROM steps WHERE is_start) v
                JOIN deal d USING (deal_id) GROUP BY v.idx
                """)
            }
        # one pass over the deals; the groups (final state x visited set) are few
        totals = [[0, 0, 0, 0] for _ in self.plan.stages]
        for final, visited, n in self._q("SELECT final, visited, count(*) FROM deal GROUP BY 1, 2"):
            max_idx = int(visited).bit_length() - 1
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

    def _where(self, f: int, n: int) -> str:
        n //= self.per_row[f]
        if self.kinds[f] == "csv":
            return f"{self.files[f]}:{n + 2}"
        return f"{self.files[f]}: row {n + 1}"

    def _stage_id(self, index0: str) -> str:
        """The id of the stage whose index is the SQL expression ``index0``."""
        ids = [self.sql.literal(s.id) for s in self.plan.stages]
        return self.sql.array_at(ids, self.sql.text, index0)

    def result(
        self, blueprint: str, source: str, as_of: str | None, sla: SlaPlan | None = None
    ) -> AuditResult:
        q = self._q
        history, values = self._scan()
        self._build(values)
        history.deals = int(q("SELECT count(*) FROM deals")[0][0])
        conformance = self._conformance()
        if as_of is None:
            as_of = history.last_at
        as_of_sql = (
            "CAST(NULL AS TIMESTAMP)"
            if as_of is None
            else self.sql.timestamp_text(self.sql.literal(as_of), False)
        )
        as_of_ts = q(f"SELECT {self.sql.iso(as_of_sql)}")[0][0]
        if as_of is not None and as_of_ts is None:
            raise AuditError(f"--as-of {as_of}: not a timestamp; write e.g. 2025-06-30T00:00:00Z")
        stages = self._stages(as_of_sql)
        final = dict.fromkeys(("won", "lost", "open"), 0)
        final.update({k: int(n) for k, n in q("SELECT final, count(*) FROM deal GROUP BY 1")})
        required = {
            s.id: final["won"] - stages[s.id].won for s in self.plan.stages if s.kind == "open"
        }
        reasons, without = self._reasons()
        result = AuditResult(
            blueprint=blueprint,
            pipeline=self.plan.pipeline,
            source=source,
            history=history,
            conformance=conformance,
            stages=stages,
            required=required,
            as_of=as_of_ts,
            final=final,
            reasons=reasons,
            deals_without_reason=without,
            breakdowns=self._breakdowns(),
            rotting_examples=self._rotting_examples(as_of_sql),
        )
        result.notes += self.notes
        if sla is not None:
            from salesblueprint.audit.backends.sla_queries import sla_figures

            result.sla = sla_figures(self, sla, as_of_sql, activities=bool(self.act_files))
        if self.other_pipeline_rows:
            result.notes.append(
                _(
                    "{n} rows belong to other pipelines (column 'pipeline') and were left out; "
                    "audit those with --pipeline ID.",
                    n=self.other_pipeline_rows,
                )
            )
        if self.lifecycle_shape and self.plan.pipeline != LIFECYCLE:
            result.notes.append(
                _(
                    "The history looks like a lifecycle history (lead or contact status); "
                    "audit it with --pipeline lifecycle."
                )
            )
        return result

    def _conformance(self) -> Conformance:
        q = self._q
        c = Conformance()
        ids = [s.id for s in self.plan.stages]
        c.moves = []
        verdicts = self._verdicts()
        n_stages = len(ids)
        # a move is a path element after another (``before <> idx``); its verdict per group
        for a, b, n in q(
            "SELECT before, idx, count(*) FROM steps WHERE is_start AND before IS NOT NULL "
            "GROUP BY 1, 2"
        ):
            verdict = VERDICTS[verdicts[int(a) * n_stages + int(b)]]
            c.moves.append((ids[int(a)], ids[int(b)], verdict, int(n)))
            c.transitions += int(n)
            if verdict == "allowed":
                c.allowed += int(n)
            else:
                c.violations[verdict] += int(n)
        c.moves.sort(key=lambda m: (-m[3], m[0], m[1]))
        late = self._late()
        unknown, late_n = q(
            f"SELECT count(*) FILTER (WHERE idx IS NULL), count(*) FILTER (WHERE {late}) FROM steps"
        )[0]
        # the few rows with a violation, not a flag aggregated over every deal
        bad_deals = q(
            f"SELECT count(DISTINCT deal_id) FROM steps "
            f"WHERE {self._moves_with(*VERDICTS[1:])} OR idx IS NULL OR {late}"
        )[0][0]
        c.violations["unknown_stage"] = int(unknown)
        c.violations["late_entry"] = int(late_n)
        c.deals_with_violations = int(bad_deals)
        for kind in ("skip", "backward", "after_outcome"):
            if not c.violations[kind]:
                continue
            found = q(
                f"SELECT deal_id, {self._stage_id('before')}, {self._stage_id('idx')}, "
                f"{self.sql.iso('ts')} FROM steps "
                f"WHERE {self._moves_with(kind)} "
                f"ORDER BY deal_id, ts, 3 LIMIT {EXAMPLES}"
            )
            c.examples[kind] = [Example(d, stage=b, from_stage=a, at=t) for d, a, b, t in found]
        if unknown:
            # ``unknown`` is the value's code: 1 for the first of ``unknown_values``
            names = self.unknown_values
            found = q(
                f"SELECT uord, deal_id, unknown, {self.sql.iso('ts')} FROM steps "
                f"WHERE idx IS NULL ORDER BY uord LIMIT {EXAMPLES}"
            )
            c.examples["unknown_stage"] = [
                Example(d, stage=names[int(k) - 1], at=t, where=self._where(o >> 40, o % (1 << 40)))
                for o, d, k, t in found
            ]
            counted = [
                (names[int(k) - 1], int(n))
                for k, n in q("SELECT unknown, count(*) FROM steps WHERE idx IS NULL GROUP BY 1")
            ]
            counted.sort(key=lambda x: (-x[1], x[0]))
            c.unknown_stages = dict(counted[:50])
        if late_n:
            found = q(
                f"SELECT deal_id, {self._stage_id('idx')}, {self.sql.iso('ts')} FROM steps "
                f"WHERE {late} ORDER BY deal_id LIMIT {EXAMPLES}"
            )
            c.examples["late_entry"] = [Example(d, stage=s, at=t) for d, s, t in found]
        return c

    def _durations(self) -> dict[int, tuple[float, float]]:
        """Median and p90 days in stage per stage index, over the visits with a next step.

        A visit of one row ends at ``after_ts``; a visit with repeats at its run's last row's
        ``after_ts``: a second window pairs each run's first and last row, over those rows only
        (ordered by ``pos``, the row's place in the deal's time order: one integer to sort by).
        """
        days = self._days("{}")
        return {
            int(i): (float(v[0]), float(v[1]))
            for i, v in self._q(f"""
            SELECT idx, quantile_cont(d, [0.5, 0.9]) FROM (
                SELECT idx, {days.format("after_ts")} AS d FROM steps
                WHERE is_start AND is_end AND after_ts IS NOT NULL
                UNION ALL
                SELECT idx, {days.format("end_ts")} FROM (
                    SELECT idx, ts, is_start,
                        lead(after_ts) OVER (PARTITION BY deal_id ORDER BY pos) AS end_ts
                    FROM steps WHERE is_start <> is_end
                ) WHERE is_start AND end_ts IS NOT NULL
            ) GROUP BY idx
            """)
        }

    def _quantiles(
        self, values_sql: str, qs: Sequence[float] = (0.5, 0.9)
    ) -> dict[Any, tuple[float, ...]]:
        """Per group ``g`` of ``values_sql`` (columns ``g``, ``v``), the quantiles ``qs`` of
        its non-NULL ``v`` by linear interpolation (other engines: ``backends/quantiles.py``)."""
        wanted = ", ".join(repr(x) for x in qs)
        return {
            g: tuple(float(x) for x in v)
            for g, v in self._q(
                f"SELECT g, quantile_cont(v, [{wanted}]) FROM ({values_sql}) AS x "
                "WHERE v IS NOT NULL GROUP BY g"
            )
        }

    def _days(self, end: str) -> str:
        """Days (a double) from ``ts`` to ``end``: microseconds / 86400e6."""
        return f"{self.sql.to_double(self.sql.micros_between('ts', end))} / 86400000000.0"

    def _stages(self, as_of_sql: str) -> dict[str, StageFigures]:
        q = self._q
        counts = self._stage_counts()
        quantiles = self._durations()
        open_now: dict[int, tuple[int, int]] = {}
        for i, n, late in q(f"""
            SELECT d.last_idx, count(*),
                count(*) FILTER (WHERE {self._rotting("d.last_ts", "d.last_idx", as_of_sql)})
            FROM deal d WHERE d.final = 'open' GROUP BY 1
        """):
            open_now[int(i)] = (int(n), int(late))
        out: dict[str, StageFigures] = {}
        for s in self.plan.stages:
            entered, won, lost, converted = counts.get(s.id, (0, 0, 0, 0))
            med, p90 = quantiles.get(s.index) or (None, None)
            f = StageFigures(
                id=s.id,
                name=s.name,
                kind=s.kind,
                entered=int(entered),
                won=int(won),
                lost=int(lost),
                win_rate=won / (won + lost) if won + lost else None,
                declared_probability=s.probability,
                median_days=med,
                p90_days=p90,
                expected_days=s.expected_days,
            )
            if s.kind in ("open", "lifecycle"):
                f.open_now, f.rotting = open_now.get(s.index, (0, 0))
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

    def _rotting(self, last_ts: str, last_idx: str, as_of_sql: str) -> str:
        """The deal has been in its last stage longer than the stage's ``expected_days``."""
        vals = [str(s.expected_days) if s.expected_days else "NULL" for s in self.plan.stages]
        expected = self.sql.array_at(vals, "DOUBLE", last_idx)
        return f"{self.sql.micros_between(last_ts, as_of_sql)} > {expected} * 86400000000.0"

    def _rotting_examples(self, as_of_sql: str) -> list[Example]:
        found = self._q(f"""
            SELECT deal_id, {self._stage_id("last_idx")}, {self.sql.iso("last_ts")} FROM deal
            WHERE final = 'open' AND {self._rotting("last_ts", "last_idx", as_of_sql)}
            ORDER BY last_ts, deal_id LIMIT {EXAMPLES}
        """)
        return [Example(d, stage=s, at=t) for d, s, t in found]

    def _reasons(self) -> tuple[list[Reason], int]:
        """Why deals were lost: the last reason given on the deal's rows, in time order (lost
        deals; for the lifecycle, every contact with a reason)."""
        lifecycle = self.plan.pipeline == LIFECYCLE
        if "reason" not in self.optional:
            return [], 0 if lifecycle else int(
                self._q("SELECT count(*) FROM deal WHERE final = 'lost'")[0][0]
            )
        which = "TRUE" if lifecycle else "final = 'lost'"
        rows = self._q(f"""
            SELECT v.v, g.n FROM (
                SELECT reason, count(*) AS n FROM deal WHERE {which} GROUP BY reason
            ) AS g LEFT JOIN vals_reason v ON v.code = g.reason ORDER BY 2 DESC, 1
        """)
        declared = {x.lower() for x in self.plan.lost_reasons}
        out, without = [], 0
        for reason, n in rows:
            if reason is None:
                without = 0 if lifecycle else int(n)
                continue
            out.append(Reason(reason, int(n), reason.lower() in declared))
        return out, without

    def _breakdowns(self) -> list[Breakdown]:
        """Per owner / source (the 20 largest values): deals, won, lost and, with a reason
        column, the most frequent reasons (of lost deals; for the lifecycle, every contact's
        last)."""
        out: list[Breakdown] = []
        declared = {x.lower() for x in self.plan.lost_reasons}
        which = "TRUE" if self.plan.pipeline == LIFECYCLE else "final = 'lost'"
        for col in ("owner", "source"):
            if col not in self.optional:
                continue
            # grouped by the value's code (``deals`` keeps codes), decoded per group
            found = self._q(f"""
                SELECT v.v, g.n, g.w, g.lo, g.code FROM (
                    SELECT {col} AS code, count(*) AS n,
                        count(*) FILTER (WHERE final = 'won') AS w,
                        count(*) FILTER (WHERE final = 'lost') AS lo
                    FROM deal WHERE {col} IS NOT NULL GROUP BY {col}
                ) AS g JOIN vals_{col} v ON v.code = g.code ORDER BY 2 DESC, 1 LIMIT 20
            """)
            rows = {
                int(code): Breakdown(col, v, int(n), int(w), int(lo)) for v, n, w, lo, code in found
            }
            if rows and "reason" in self.optional:
                codes = ", ".join(str(c) for c in rows)
                for code, reason, n in sorted(
                    self._q(f"""
                        SELECT g.code, v.v, g.n FROM (
                            SELECT {col} AS code, reason, count(*) AS n FROM deal
                            WHERE {which} AND reason IS NOT NULL AND {col} IN ({codes})
                            GROUP BY {col}, reason
                        ) AS g JOIN vals_reason v ON v.code = g.reason
                    """),
                    key=lambda r: (-int(r[2]), r[1]),
                ):
                    if len(rows[int(code)].reasons) < REASONS_PER_VALUE:
                        rows[int(code)].reasons.append(
                            Reason(reason, int(n), reason.lower() in declared)
                        )
            out += rows.values()
        return out


class InterpolatingAudit(DuckDBAudit):
    """An engine without DuckDB's ``quantile_cont`` (Spark's ``percentile`` and PostgreSQL's
    ``percentile_cont`` round otherwise): the neighbours of each quantile's position come from
    the engine, the interpolation is done in Python (``backends/quantiles.py``)."""

    def _quantiles(
        self, values_sql: str, qs: Sequence[float] = (0.5, 0.9)
    ) -> dict[Any, tuple[float, ...]]:
        from salesblueprint.audit.backends.quantiles import neighbour_quantiles

        return neighbour_quantiles(self._q, values_sql, qs)

    def _durations(self) -> dict[int, tuple[float, float]]:
        """Median and p90 days in stage per stage index (see DuckDB's), via ``_quantiles``."""
        days = self._days("{}")
        window = "PARTITION BY deal_id ORDER BY pos"
        # in two steps: one query of both windows trips an internal error of Spark 4.x
        self._create(
            "visits",
            f"""
            SELECT idx, {days.format("after_ts")} AS d FROM steps
            WHERE is_start AND is_end AND after_ts IS NOT NULL
            UNION ALL
            SELECT idx, {days.format("end_ts")} FROM (
                SELECT idx, ts, is_start, lead(after_ts) OVER ({window}) AS end_ts
                FROM steps WHERE is_start <> is_end
            ) AS e WHERE is_start AND end_ts IS NOT NULL
        """,
        )
        found = self._quantiles("SELECT idx AS g, d AS v FROM visits")
        return {int(i): (v[0], v[1]) for i, v in found.items()}


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
    sla: SlaPlan | None = None,
    activities: Sequence[str] = (),
    activity_mapping: dict[str, str] | None = None,
) -> AuditResult:
    run = DuckDBAudit(plan, pipelines)
    try:
        run.load(files, source, mapping, progress)
        if activities:
            from salesblueprint.audit.backends.sla_queries import load_activities

            load_activities(run, activities, activity_mapping or {})
        return run.result(blueprint, source, as_of, sla)
    finally:
        run.close()


__all__ = ["VIOLATION_KINDS", "DuckDBAudit", "run_duckdb"]
