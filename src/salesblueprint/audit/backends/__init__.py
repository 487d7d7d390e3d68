"""Backends run the audit's queries where the history is. DuckDB (embedded) is the one shipped."""

from __future__ import annotations

from salesblueprint.audit.errors import AuditError

BACKENDS: tuple[str, ...] = ("duckdb",)


def check_backend(name: str) -> str:
    """The backend's name, or an :class:`AuditError` saying what is available."""
    if name == "duckdb":
        return name
    if name == "pyspark" or "://" in name:
        raise AuditError(
            f"--backend {name}: not available in this version; the audit runs on DuckDB "
            "(--backend duckdb). Export the table to Parquet and audit the files."
        )
    raise AuditError(f"--backend {name}: unknown; choose duckdb")
