"""Backends run the audit's queries where the history is: DuckDB (embedded, the default),
PySpark (``--backend pyspark``) and a PostgreSQL server (``--backend postgresql://...``). The
queries are written once; what an engine spells differently comes from its
:mod:`~salesblueprint.audit.backends.dialect`."""

from __future__ import annotations

from salesblueprint.audit.errors import AuditError

BACKENDS: tuple[str, ...] = ("duckdb", "pyspark", "postgresql")
# the backends that read tables in place (table:schema.name)
DATABASE_BACKENDS: tuple[str, ...] = ("postgresql",)


def check_backend(name: str) -> str:
    """The backend's kind (one of :data:`BACKENDS`; a ``postgresql://`` URL is
    ``postgresql``), or an :class:`AuditError` saying what is available."""
    from salesblueprint.audit.backends.postgres import is_postgres_url, redact

    if name in BACKENDS[:2]:
        return name
    if is_postgres_url(name):
        return "postgresql"
    if "://" in name:
        scheme = name.partition("://")[0]
        raise AuditError(
            f"--backend {redact(name)}: '{scheme}' URLs are not supported; the audit runs on "
            "duckdb, pyspark or a PostgreSQL server (postgresql://user@host:5432/db). "
            "Export the table to Parquet and audit the files."
        )
    raise AuditError(
        f"--backend {name}: unknown; choose one of duckdb, pyspark, postgresql://URL "
        "(or postgresql with the URL in SALESBLUEPRINT_AUDIT_URL)"
    )
