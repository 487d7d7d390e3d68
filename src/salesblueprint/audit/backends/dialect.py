"""The SQL pieces that differ between the audit's engines (DuckDB, Spark SQL, PostgreSQL).

The audit's queries are written once (in :mod:`salesblueprint.audit.backends.duckdb` and, for
the SLA, :mod:`salesblueprint.audit.backends.sla_queries`); every fragment whose spelling differs
between engines comes from a :class:`Dialect`: quoting, the text type, regular expressions,
timestamp parsing and formatting, window functions that skip NULLs, constant arrays, bit sets
and time differences. Everything else is standard SQL (``FILTER``, named subqueries, windows
with a partition and an order). A new analysis writes its SQL with these pieces and runs on every
backend; a new engine is a new ``Dialect`` (plus its way of reading files, see the backends).

Timestamps inside the queries are always naive UTC (``TIMESTAMP``; the session time zone is
UTC), so no piece here depends on the machine's zone.
"""

from __future__ import annotations

from collections.abc import Sequence

_ISO_PREFIX = "^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ]|$)"
# engines read an offset of any size (+99:00 as 99 hours): ISO 8601 and every CRM keep to
# -12:00..+14:00, so an hour past 18 or a minute past 59 is a bad timestamp
_BAD_OFFSET = (
    r"[T ][0-9]{2}:[0-9]{2}(:[0-9]{2}([.,][0-9]+)?)?\s*"
    r"[+-]((19|[2-9][0-9])(:?[0-9]{2})?|[0-9]{2}:?[6-9][0-9])$"
)


class Dialect:
    """DuckDB's spelling (the default engine)."""

    name = "duckdb"
    text = "VARCHAR"

    # -- names and values ---------------------------------------------------------------
    def quote(self, name: str) -> str:
        return '"' + name.replace('"', '""') + '"'

    def literal(self, text: str) -> str:
        return "'" + text.replace("'", "''") + "'"

    def cast_text(self, expr: str) -> str:
        return f"CAST({expr} AS {self.text})"

    def byte_length(self, expr: str) -> str:
        return f"strlen({expr})"

    def trimmed(self, expr: str) -> str:
        """``trim(expr)``, called only when it can change the value (:meth:`needs_trim`).

        DuckDB's ``trim`` also removes Unicode spaces (U+00A0 ...), and costs about as much as
        reading the column: most values are ASCII with no space at either end (the byte length
        is the character length and no ``LIKE`` matches), and those are kept as they are.
        """
        return f"CASE WHEN {self.needs_trim(expr)} THEN trim({expr}) ELSE {expr} END"

    def needs_trim(self, expr: str) -> str:
        """``trim`` may change the text ``expr``: it is not ASCII or has a space at an end
        (NULL when ``expr`` is NULL); when this is false, :meth:`trimmed` is ``expr``."""
        return (
            f"({expr} LIKE ' %' OR {expr} LIKE '% ' OR {self.byte_length(expr)} <> length({expr}))"
        )

    def trim_changes(self, expr: str) -> str:
        """Trimming changes the text ``expr`` (false or NULL when it does not): the costly
        ``trim`` only where :meth:`needs_trim` says it may (a ``CASE``: engines evaluate
        both sides of an ``AND`` on every row)."""
        return f"CASE WHEN {self.needs_trim(expr)} THEN trim({expr}) <> {expr} ELSE FALSE END"

    # -- patterns -----------------------------------------------------------------------
    def matches(self, expr: str, pattern: str) -> str:
        """``expr`` contains a match of the regular expression ``pattern``."""
        return f"regexp_matches({expr}, {self.literal(pattern)})"

    def full_match(self, expr: str, pattern: str) -> str:
        return f"regexp_full_match({expr}, {self.literal(pattern)})"

    def replace_all(self, expr: str, pattern: str, replacement: str) -> str:
        """``expr`` with every match of the regular expression ``pattern`` replaced."""
        return f"regexp_replace({expr}, {self.literal(pattern)}, {self.literal(replacement)}, 'g')"

    # -- time ---------------------------------------------------------------------------
    def parse_timestamp(self, expr: str) -> str:
        """Text (ISO 8601, zone optional: UTC without one) -> naive UTC, NULL when not one."""
        return f"CAST(try_cast({expr} AS TIMESTAMPTZ) AT TIME ZONE 'UTC' AS TIMESTAMP)"

    def epoch_timestamp(self, expr: str) -> str:
        """Digits of epoch seconds (9-11) or milliseconds (12-13) -> naive UTC."""
        return (
            f"CAST(to_timestamp(CAST({expr} AS DOUBLE) / "
            f"CASE WHEN length({expr}) >= 12 THEN 1000 ELSE 1 END) AT TIME ZONE 'UTC' AS TIMESTAMP)"
        )

    def timestamp_text(self, expr: str, epoch_ms: bool) -> str:
        """Text -> naive UTC TIMESTAMP (NULL when it is not one). Without a zone a time is UTC.

        Only ISO 8601 (a date ``YYYY-MM-DD``, then optionally a time and a zone) is a
        timestamp: engines would also read ``1/2/25`` or ``2025-1-1``, never what a CRM meant.
        """
        iso = (
            f"CASE WHEN {self.matches(expr, _ISO_PREFIX)} "
            f"AND NOT {self.matches(expr, _BAD_OFFSET)} "
            f"THEN {self.parse_timestamp(expr)} END"
        )
        if not epoch_ms:
            return iso
        digits = self.full_match(expr, "[0-9]{9,13}")
        return f"CASE WHEN {digits} THEN {self.epoch_timestamp(expr)} ELSE {iso} END"

    def typed_timestamp(self, expr: str, kind: str) -> str | None:
        """A column already of a time type (the engine's name ``kind``) -> naive UTC, or
        ``None`` when ``kind`` is not a time type."""
        if kind == "TIMESTAMP WITH TIME ZONE":
            return f"CAST({expr} AT TIME ZONE 'UTC' AS TIMESTAMP)"
        if kind in ("TIMESTAMP", "DATE"):
            return f"CAST({expr} AS TIMESTAMP)"
        return None

    def micros_between(self, start: str, end: str) -> str:
        return f"date_diff('microsecond', {start}, {end})"

    def iso(self, expr: str) -> str:
        """A naive UTC timestamp as ``2025-01-31T09:00:00Z`` text."""
        return f"strftime({expr}, '%Y-%m-%dT%H:%M:%SZ')"

    # -- windows, arrays, bit sets ------------------------------------------------------
    def ignore_nulls(self, function: str, expr: str) -> str:
        """``lag``/``lead`` of ``expr`` skipping NULLs; ``OVER ...`` follows."""
        return f"{function}({expr} IGNORE NULLS)"

    def ignore_nulls_over(self, function: str, expr: str, window: str) -> str:
        """``lag``/``lead`` of ``expr`` skipping NULLs over the named ``window`` (one with a
        partition and an order, no frame)."""
        return f"{self.ignore_nulls(function, expr)} OVER {window}"

    def any_value(self, expr: str) -> str:
        """An aggregate: any one value of ``expr`` (used where the group has one)."""
        return f"any_value({expr})"

    def to_double(self, expr: str) -> str:
        return f"CAST({expr} AS DOUBLE)"

    def array_at(self, values: Sequence[str], sql_type: str, index0: str) -> str:
        """Element ``index0`` (0-based SQL expression) of a constant array."""
        return f"CAST([{', '.join(values)}] AS {sql_type}[])[{index0} + 1]"

    def bit(self, index: str) -> str:
        """``1 << index`` as a 64-bit integer, for ``bit_or`` bit sets (index < 63)."""
        return f"CAST(1 AS UBIGINT) << CAST({index} AS UBIGINT)"


class SparkDialect(Dialect):
    """Spark SQL (3.5 and 4.x), session time zone UTC."""

    name = "spark"
    text = "STRING"

    def quote(self, name: str) -> str:
        return "`" + name.replace("`", "``") + "`"

    def literal(self, text: str) -> str:
        # Spark reads backslash escapes in string literals, and 'a''b' as 'a' 'b' (= 'ab')
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"

    def byte_length(self, expr: str) -> str:
        return f"octet_length({expr})"

    def matches(self, expr: str, pattern: str) -> str:
        return f"({expr} RLIKE {self.literal(pattern)})"

    def full_match(self, expr: str, pattern: str) -> str:
        return f"({expr} RLIKE {self.literal('^(' + pattern + ')$')})"

    def replace_all(self, expr: str, pattern: str, replacement: str) -> str:
        return f"regexp_replace({expr}, {self.literal(pattern)}, {self.literal(replacement)})"

    def parse_timestamp(self, expr: str) -> str:
        return f"try_cast({expr} AS TIMESTAMP)"

    def epoch_timestamp(self, expr: str) -> str:
        return (
            f"CASE WHEN length({expr}) >= 12 THEN timestamp_millis(CAST({expr} AS BIGINT)) "
            f"ELSE timestamp_seconds(CAST({expr} AS BIGINT)) END"
        )

    def typed_timestamp(self, expr: str, kind: str) -> str | None:
        if kind in ("TIMESTAMP", "TIMESTAMP_NTZ", "DATE"):
            return f"CAST({expr} AS TIMESTAMP)"
        return None

    def micros_between(self, start: str, end: str) -> str:
        return f"(unix_micros({end}) - unix_micros({start}))"

    def iso(self, expr: str) -> str:
        return f"date_format({expr}, \"yyyy-MM-dd'T'HH:mm:ss'Z'\")"

    def ignore_nulls(self, function: str, expr: str) -> str:
        return f"{function}({expr}) IGNORE NULLS"

    def array_at(self, values: Sequence[str], sql_type: str, index0: str) -> str:
        items = ", ".join(f"CAST({v} AS {sql_type})" for v in values)
        return f"element_at(array({items}), {index0} + 1)"

    def bit(self, index: str) -> str:
        return f"shiftleft(CAST(1 AS BIGINT), {index})"


# the types the queries name that PostgreSQL spells otherwise
_PG_TYPES = {"TINYINT": "SMALLINT", "DOUBLE": "DOUBLE PRECISION", "VARCHAR": "TEXT"}


class PostgresDialect(Dialect):
    """PostgreSQL (12 and later), session time zone UTC.

    PostgreSQL has no ``try_cast``, no ``IGNORE NULLS`` and (before 16) no ``any_value``: the
    backend creates, per connection, the temporary functions ``pg_temp.sb_ts`` (text ->
    timestamp with time zone, NULL when it is not one), ``pg_temp.sb_last`` and
    ``pg_temp.sb_first`` (aggregates: the last and first non-NULL value of a window frame);
    see :data:`POSTGRES_SETUP`. Text is compared in the ``"C"`` collation (code points, as
    DuckDB and Spark compare), whatever the database's collation.
    """

    name = "postgres"
    text = "TEXT"

    def cast_text(self, expr: str) -> str:
        return f'(CAST({expr} AS TEXT) COLLATE "C")'

    def matches(self, expr: str, pattern: str) -> str:
        return f"({expr} ~ {self.literal(pattern)})"

    def full_match(self, expr: str, pattern: str) -> str:
        return f"({expr} ~ {self.literal('^(' + pattern + ')$')})"

    def parse_timestamp(self, expr: str) -> str:
        return f"(pg_temp.sb_ts({expr}) AT TIME ZONE 'UTC')"

    def epoch_timestamp(self, expr: str) -> str:
        return (
            f"(to_timestamp(CAST({expr} AS DOUBLE PRECISION) / "
            f"CASE WHEN length({expr}) >= 12 THEN 1000 ELSE 1 END) AT TIME ZONE 'UTC')"
        )

    def micros_between(self, start: str, end: str) -> str:
        return f"CAST(EXTRACT(EPOCH FROM ({end}) - ({start})) * 1000000 AS BIGINT)"

    def iso(self, expr: str) -> str:
        return f"""to_char({expr}, 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"""

    def ignore_nulls(self, function: str, expr: str) -> str:  # pragma: no cover - unused
        raise NotImplementedError("PostgreSQL: use ignore_nulls_over")

    def ignore_nulls_over(self, function: str, expr: str, window: str) -> str:
        if function == "lag":
            frame = "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING"
            return f"pg_temp.sb_last({expr}) OVER ({window} {frame})"
        frame = "ROWS BETWEEN 1 FOLLOWING AND UNBOUNDED FOLLOWING"
        return f"pg_temp.sb_first({expr}) OVER ({window} {frame})"

    def any_value(self, expr: str) -> str:
        return f"max({expr})"

    def byte_length(self, expr: str) -> str:
        return f"octet_length({expr})"

    def to_double(self, expr: str) -> str:
        return f"CAST({expr} AS DOUBLE PRECISION)"

    def array_at(self, values: Sequence[str], sql_type: str, index0: str) -> str:
        kind = _PG_TYPES.get(sql_type, sql_type)
        return f"(CAST(ARRAY[{', '.join(values)}] AS {kind}[]))[{index0} + 1]"

    def bit(self, index: str) -> str:
        return f"(CAST(1 AS BIGINT) << CAST({index} AS INTEGER))"


# what the PostgreSQL dialect's SQL needs, created once per connection (temporary: nothing is
# left in the database)
POSTGRES_SETUP: tuple[str, ...] = (
    "SET TimeZone = 'UTC'",
    "SET DateStyle = 'ISO, YMD'",
    "SET IntervalStyle = 'postgres'",
    "CREATE FUNCTION pg_temp.sb_ts(text) RETURNS timestamptz LANGUAGE plpgsql IMMUTABLE AS "
    "$$ BEGIN RETURN $1::timestamptz; EXCEPTION WHEN others THEN RETURN NULL; END $$",
    "CREATE FUNCTION pg_temp.sb_last_step(anyelement, anyelement) RETURNS anyelement "
    "LANGUAGE sql IMMUTABLE AS 'SELECT coalesce($2, $1)'",
    "CREATE FUNCTION pg_temp.sb_first_step(anyelement, anyelement) RETURNS anyelement "
    "LANGUAGE sql IMMUTABLE AS 'SELECT coalesce($1, $2)'",
    "CREATE AGGREGATE pg_temp.sb_last(anyelement) "
    "(SFUNC = pg_temp.sb_last_step, STYPE = anyelement)",
    "CREATE AGGREGATE pg_temp.sb_first(anyelement) "
    "(SFUNC = pg_temp.sb_first_step, STYPE = anyelement)",
)

DUCKDB = Dialect()
SPARK = SparkDialect()
POSTGRES = PostgresDialect()
