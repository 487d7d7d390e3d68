"""The audit on a PostgreSQL server (``pip install 'salesblueprint[postgres]'``, psycopg 3).

``--backend postgresql://user@host:5432/db`` (or ``--backend postgresql`` with the URL in
``SALESBLUEPRINT_AUDIT_URL``; libpq's own ``PGHOST``, ``PGPASSWORD``, ``~/.pgpass`` ... fill in
what the URL leaves out). The same queries as DuckDB's
(:class:`~salesblueprint.audit.backends.duckdb.DuckDBAudit`), spelled by
:class:`~salesblueprint.audit.backends.dialect.PostgresDialect`; every table the run makes is
``TEMP`` (gone when the connection closes), the database is only read.

The history is either

- **tables read in place** (``table:schema.name``): the warehouse tables the connectors land
  (Fivetran's HubSpot ``deal_stage``, Salesforce ``opportunity_history`` ...), in any of the
  ``--source`` shapes; ties in time keep the table's physical order (``ctid``);
- or **files** (CSV, Parquet): read by DuckDB exactly as the DuckDB backend reads them, and
  streamed into a temporary table with ``COPY ... FROM STDIN`` (never whole in Python).

The password is never shown: messages name the server as ``postgresql://user@host:port/db``
and any text the driver returns is scrubbed of it.
"""

from __future__ import annotations

import contextlib
import difflib
import os
import re
import shutil
import tempfile
from collections.abc import Sequence
from typing import Any
from urllib.parse import unquote, urlsplit

from salesblueprint.audit.backends.dialect import POSTGRES, POSTGRES_SETUP
from salesblueprint.audit.backends.duckdb import (
    DuckDBAudit,
    InterpolatingAudit,
    Progress,
    _short,
)
from salesblueprint.audit.errors import AuditError
from salesblueprint.audit.inputs import file_kind
from salesblueprint.audit.inputs.files import TABLE_PREFIX, parse_table
from salesblueprint.audit.inputs.sources import ROW_NUMBER
from salesblueprint.audit.plan import Plan
from salesblueprint.audit.result import AuditResult
from salesblueprint.audit.sla import SlaPlan

URL_ENV = "SALESBLUEPRINT_AUDIT_URL"
SCHEMES = ("postgresql", "postgres")
# PostgreSQL's longest identifier (NAMEDATALEN - 1)
MAX_NAME = 63
_COPY_BLOCK = 1 << 20
# DuckDB's types the DuckDB backend reads as times (Dialect.typed_timestamp): kept as such
_TIME_TYPES = {
    "TIMESTAMP WITH TIME ZONE": "TIMESTAMPTZ",
    "TIMESTAMP": "TIMESTAMP",
    "DATE": "DATE",
}
_PG_TYPE_NAMES = {
    "timestamptz": "TIMESTAMP WITH TIME ZONE",
    "timestamp": "TIMESTAMP",
    "date": "DATE",
}


def is_postgres_url(backend: str) -> bool:
    scheme = backend.partition("://")[0].lower().split("+")[0]
    return backend.lower() in SCHEMES or ("://" in backend and scheme in SCHEMES)


def resolve_url(backend: str) -> str:
    """The connection URL of ``--backend``: the URL itself, or ``SALESBLUEPRINT_AUDIT_URL``
    for the bare name; a SQLAlchemy-style ``postgresql+psycopg://`` is taken as well."""
    if backend.lower() in SCHEMES:
        url = os.environ.get(URL_ENV, "").strip()
        if not url:
            # libpq's defaults and environment (PGHOST, PGUSER, PGPASSWORD, ~/.pgpass ...)
            return "postgresql://"
        if not is_postgres_url(url) or "://" not in url:
            raise AuditError(f"{URL_ENV}: not a postgresql:// URL ({redact(url)})")
        backend = url
    scheme, _, rest = backend.partition("://")
    return f"{scheme.split('+')[0].lower()}://{rest}"


def redact(url: str) -> str:
    """The URL without its password (also a ``password=`` parameter), read as text so that
    a URL that does not parse loses its password too."""
    scheme, sep, rest = url.partition("://")
    if not sep:
        return "(not a URL)"
    if not rest:
        return f"{scheme}:// (no URL: {URL_ENV} is not set; libpq's PGHOST, PGUSER ...)"
    userinfo, at, host = rest.rpartition("@")
    if at:
        rest = f"{userinfo.partition(':')[0]}@{host}"
    out = f"{scheme}://" + re.sub(r"(?i)(password=)[^&\s]*", r"\1***", rest)
    for secret in _passwords(url):
        out = out.replace(secret, "***")
    return out


def _passwords(url: str) -> list[str]:
    """The URL's password as written and decoded, to scrub from any text shown (libpq quotes
    a URL it cannot read): found in the raw text too, should the URL not parse."""
    found = []
    rest = url.partition("://")[2]
    if "@" in rest:
        user = rest.rpartition("@")[0]
        if ":" in user:
            found.append(user.partition(":")[2])
    found += re.findall(r"(?i)password=([^&\s]*)", url)
    try:
        parts = urlsplit(url)
        if parts.password:
            found.append(parts.password)
    except ValueError:
        pass
    found += [unquote(p) for p in found]
    # the longest first: a password that contains another is scrubbed whole
    return sorted({p for p in found if p}, key=len, reverse=True)


def _import_psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise AuditError(
            "--backend postgresql needs psycopg 3: pip install 'salesblueprint[postgres]'"
        ) from None
    return psycopg


class PostgresAudit(InterpolatingAudit):
    """One audit run on a PostgreSQL server."""

    sql = POSTGRES
    # ``rows`` is a table here (read and trimmed once): a second view would read the source again
    clean_rows = False

    def __init__(self, plan: Plan, pipelines: Sequence[tuple[str, str]], url: str) -> None:
        self._setup(plan, pipelines)
        psycopg = _import_psycopg()
        self.url = url
        self.shown_url = redact(url)
        self._secrets = _passwords(url)
        self._error = psycopg.Error
        self._reader: DuckDBAudit | None = None
        self._tmp = tempfile.mkdtemp(prefix="salesblueprint-audit-pg-")
        self._long_names: list[str] = []
        try:
            self.con = psycopg.connect(
                url,
                autocommit=True,
                connect_timeout=int(os.environ.get("SALESBLUEPRINT_PG_TIMEOUT", "10")),
                application_name="salesblueprint-audit",
            )
        except psycopg.Error as e:
            shutil.rmtree(self._tmp, ignore_errors=True)
            raise AuditError(
                f"--backend {self.shown_url}: cannot connect: {self._clean(e)}"
            ) from None
        except Exception as e:  # a malformed URL (psycopg's ProgrammingError is an Error)
            shutil.rmtree(self._tmp, ignore_errors=True)
            raise AuditError(
                f"--backend {self.shown_url}: not a usable connection URL: {self._clean(e)}"
            ) from None
        try:
            self.con.execute("SET client_encoding = 'UTF8'")
            for statement in POSTGRES_SETUP:
                self.con.execute(statement)
        except psycopg.Error as e:
            self.close()
            raise AuditError(f"--backend {self.shown_url}: {self._clean(e)}") from None

    def _clean(self, e: BaseException) -> str:
        text = _short(e)
        for secret in self._secrets:
            text = text.replace(secret, "***")
        return text

    def close(self) -> None:
        con = getattr(self, "con", None)
        if con is not None:
            # now, not when the server gets to it after the disconnect: the views on the
            # user's tables would block a DROP of them meanwhile
            with contextlib.suppress(self._error):
                con.execute("DISCARD TEMP")
            con.close()
        if self._reader is not None:
            self._reader.close()
        shutil.rmtree(self._tmp, ignore_errors=True)

    # -- the engine ---------------------------------------------------------------------
    def _q(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        if params:
            sql = _inline(sql, [self._value(p) for p in params])
        with self.con.cursor() as cur:
            cur.execute(sql.encode("utf-8"))
            rows: list[tuple[Any, ...]] = cur.fetchall() if cur.description else []
        return rows

    def _value(self, v: Any) -> str:
        if isinstance(v, bool) or v is None:
            return {True: "TRUE", False: "FALSE", None: "NULL"}[v]
        if isinstance(v, int | float):
            return repr(v)
        return self.sql.literal(str(v))

    def _describe(self, sql: str) -> list[tuple[str, str]]:
        with self.con.cursor() as cur:
            cur.execute(f"SELECT * FROM ({sql}) AS d LIMIT 0".encode())
            out = []
            for col in cur.description or []:
                info = self.con.adapters.types.get(col.type_code)
                name = info.name if info is not None else str(col.type_code)
                out.append((col.name, _PG_TYPE_NAMES.get(name, name.upper())))
        return out

    def _create(self, name: str, sql: str, *, table: bool = True) -> None:
        if name == "rows":
            # every row read once, parsed once: one snapshot of the tables read in place
            # (a connector's sync while the audit runs cannot make its counts disagree), and
            # text times parsed by a function PostgreSQL calls per row
            table = True
        kind = "TABLE" if table else "VIEW"
        self.con.execute(f"CREATE TEMP {kind} {name} AS {sql}".encode())
        if table:
            self.con.execute(f"ANALYZE {name}".encode())

    def _insert_pairs(self, name: str, pairs: Sequence[tuple[str, int]]) -> None:
        self.con.execute(f'CREATE TEMP TABLE {name} (stage TEXT COLLATE "C", idx INTEGER)')
        if pairs:
            with self.con.cursor() as cur:
                cur.executemany(f"INSERT INTO {name} VALUES (%s, %s)", list(pairs))

    def _loading(self) -> None:
        """Before more files are read (the activities): copied files keep their row numbers."""

    def _loaded(self) -> None:
        if self._long_names:
            shown = ", ".join(n[:40] for n in self._long_names[:5])
            self.notes.append(
                f"Columns whose names are longer than PostgreSQL's {MAX_NAME} bytes were not "
                f"loaded: {shown}"
            )
            self._long_names = []

    # -- the history: tables in place, files copied in ----------------------------------
    def _relation(self, path: str, i: int, prefix: str = "csv") -> tuple[str, str]:
        if path.startswith(TABLE_PREFIX):
            return self._table(path)
        return self._copy_file(path, i, prefix)

    def _table(self, ref: str) -> tuple[str, str]:
        schema, name = parse_table(ref)
        found = self._find_table(schema, name)
        if found is None:
            raise AuditError(self._no_table(ref, schema, name))
        schema_, name_, kind = found
        rel = f"{self.sql.quote(schema_)}.{self.sql.quote(name_)}"
        # ties in time keep the table's physical order (insertion order for a table that is
        # only appended to); a view has no ctid: its own order
        order = "ORDER BY ctid" if kind in ("r", "m") else ""
        numbered = (
            f"(SELECT t.*, row_number() OVER ({order}) - 1 AS {ROW_NUMBER} FROM {rel} t) "
            "AS numbered"
        )
        return rel, numbered

    def _find_table(self, schema: str | None, name: str) -> tuple[str, str, str] | None:
        """(schema, name, relkind) of the table or view: the exact name, else the one whose
        name matches case-insensitively (``Deal_Stage`` finds ``deal_stage``)."""
        kinds = "('r', 'v', 'm', 'f', 'p')"
        where = "n.nspname = %s" if schema is not None else "pg_table_is_visible(c.oid)"
        args: list[str] = [schema] if schema is not None else []
        for cmp in ("c.relname = %s", "lower(c.relname) = lower(%s)"):
            rows = self.con.execute(
                "SELECT n.nspname, c.relname, c.relkind FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                f"WHERE c.relkind IN {kinds} AND {where} AND {cmp} "
                "ORDER BY array_position(current_schemas(true), n.nspname), 1, 2",
                [*args, name],
            ).fetchall()
            if len(rows) == 1 or (rows and cmp.startswith("c.")):
                return str(rows[0][0]), str(rows[0][1]), str(rows[0][2])
            if schema is not None and not rows:
                rows = self.con.execute(
                    "SELECT n.nspname, c.relname, c.relkind FROM pg_class c "
                    "JOIN pg_namespace n ON n.oid = c.relnamespace "
                    f"WHERE c.relkind IN {kinds} AND lower(n.nspname) = lower(%s) AND {cmp}",
                    [schema, name],
                ).fetchall()
                if len(rows) == 1:
                    return str(rows[0][0]), str(rows[0][1]), str(rows[0][2])
        return None

    def _no_table(self, ref: str, schema: str | None, name: str) -> str:
        rows = self.con.execute(
            "SELECT n.nspname, c.relname FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'v', 'm', 'f', 'p') "
            "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
            "AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast%' "
            "ORDER BY 1, 2 LIMIT 5000"
        ).fetchall()
        names = [f"{s}.{t}" for s, t in rows]
        wanted = f"{schema}.{name}" if schema else name
        pool = names if schema else [*names, *(t for _, t in rows)]
        close = difflib.get_close_matches(wanted, pool, n=3, cutoff=0.6)
        hint = f"; close matches: {', '.join(TABLE_PREFIX + c for c in close)}" if close else ""
        return f"{ref}: no such table or view in {self.shown_url} (or no right to read it){hint}"

    def _copy_file(self, path: str, i: int, prefix: str) -> tuple[str, str]:
        """The file read by DuckDB (as the DuckDB backend reads it), streamed into a
        temporary table through ``COPY ... FROM STDIN``."""
        if self._reader is None:
            self._reader = DuckDBAudit(self.plan)
        reader = self._reader
        _, numbered = reader._relation(path, i, prefix)
        try:
            described = reader._describe(f"SELECT * FROM {numbered}")
        except reader._error as e:
            raise AuditError(f"{path}: cannot read it as {file_kind(path)}: {_short(e)}") from None
        cols: list[tuple[str, str]] = []
        for name, kind in described:
            if name == ROW_NUMBER:
                cols.append((name, "BIGINT"))
            elif len(name.encode("utf-8")) > MAX_NAME or "\x00" in name:
                self._long_names.append(name)
            else:
                cols.append((name, _TIME_TYPES.get(kind, "TEXT")))
        q = self.sql.quote
        table = f"{prefix}_{i}"
        self.con.execute(
            f"CREATE TEMP TABLE {table} ("
            + ", ".join(f"{q(n)} {t}{' COLLATE ' + q('C') if t == 'TEXT' else ''}" for n, t in cols)
            + ")"
        )
        out = os.path.join(self._tmp, f"{table}.csv")
        select = ", ".join(f"CAST({reader.sql.quote(n)} AS VARCHAR)" for n, _ in cols)
        try:
            reader.con.execute(
                f"COPY (SELECT {select} FROM {numbered}) TO {reader.sql.literal(out)} "
                "(FORMAT csv, HEADER false)"
            )
        except reader._error as e:
            raise AuditError(f"{path}: cannot read it as {file_kind(path)}: {_short(e)}") from None
        try:
            with (
                open(out, "rb") as fh,
                self.con.cursor() as cur,
                cur.copy(
                    f"COPY {table} ({', '.join(q(n) for n, _ in cols)}) FROM STDIN (FORMAT csv)"
                ) as copy,
            ):
                while block := fh.read(_COPY_BLOCK):
                    copy.write(block)
        except self._error as e:
            raise AuditError(f"{path}: cannot load it into PostgreSQL: {self._clean(e)}") from None
        finally:
            os.unlink(out)
        self.con.execute(f"ANALYZE {table}")
        return table, table

    def load(self, files: Sequence[str], *args: Any, **kwargs: Any) -> None:
        try:
            super().load(files, *args, **kwargs)
        except self._error as e:
            raise AuditError(f"cannot read the history: {self._clean(e)}") from None


def _inline(sql: str, values: Sequence[str]) -> str:
    """``sql`` with its ``?`` placeholders (outside quotes) replaced by ``values``."""
    out: list[str] = []
    it = iter(values)
    quote: str | None = None
    for ch in sql:
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"":
            quote = ch
        elif ch == "?":
            out.append(next(it))
            continue
        out.append(ch)
    return "".join(out)


def run_postgres(
    plan: Plan,
    files: Sequence[str],
    *,
    url: str,
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
    run = PostgresAudit(plan, pipelines, url)
    try:
        run.load(files, source, mapping, progress)
        try:
            if activities:
                from salesblueprint.audit.backends.sla_queries import load_activities

                load_activities(run, activities, activity_mapping or {})
            result = run.result(blueprint, source, as_of, sla)
        except run._error as e:
            raise AuditError(
                f"--backend {run.shown_url}: the audit failed: {run._clean(e)}"
            ) from None
        return result
    finally:
        run.close()


__all__ = ["PostgresAudit", "redact", "resolve_url", "run_postgres"]
