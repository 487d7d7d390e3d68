"""Backends run the audit's queries where the history is: DuckDB (embedded, the default) and
PySpark (``--backend pyspark``). The queries are written once; what an engine spells differently
comes from its :mod:`~salesblueprint.audit.backends.dialect`."""

from __future__ import annotations

from salesblueprint.audit.errors import AuditError

BACKENDS: tuple[str, ...] = ("duckdb", "pyspark")


def check_backend(name: str) -> str:
    """The backend's name, or an :class:`AuditError` saying what is available."""
    if name in BACKENDS:
        return name
    if "://" in name:
        raise AuditError(
            f"--backend {name}: warehouse URLs are not available in this version; the audit "
            "runs on duckdb or pyspark. Export the table to Parquet and audit the files."
        )
    raise AuditError(f"--backend {name}: unknown; choose one of {', '.join(BACKENDS)}")
