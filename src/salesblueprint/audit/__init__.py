"""``salesblueprint audit``: hold the CRM's real stage history against the blueprint.

```python
import salesblueprint as sb
bp = sb.load("blueprint.yaml")
result = sb.audit(bp, "history/*.parquet")          # -> sb.AuditResult
result.conformance.violations["skip"], result.stages["demo"].win_rate
```

The history is read by DuckDB (``pip install 'salesblueprint[audit]'``), with
``backend="pyspark"`` by Spark (``pip install 'salesblueprint[spark]'``), or with
``backend="postgresql://user@host/db"`` by a PostgreSQL server (``pip install
'salesblueprint[postgres]'``), which also reads warehouse tables in place
(``history="table:hubspot.deal_stage"``); nothing here is imported by ``check``.
"""

from __future__ import annotations

import functools
import os
import sys
import types
from collections.abc import Mapping, Sequence
from typing import Any

from salesblueprint.audit.errors import AuditError
from salesblueprint.audit.result import AuditResult

__all__ = ["AuditError", "AuditResult", "audit"]


def audit(
    bp: object,
    history: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    pipeline: str | None = None,
    source: str = "generic",
    columns: str | Mapping[str, str] | None = None,
    backend: str = "duckdb",
    as_of: str | None = None,
    progress: object = None,
    activities: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
    activity_columns: str | Mapping[str, str] | None = None,
) -> AuditResult:
    """Audit ``history`` (files, globs or folders of CSV/Parquet; with a PostgreSQL
    ``backend`` also tables, ``table:schema.name``) against blueprint ``bp``.

    ``bp`` is a loaded :class:`~salesblueprint.Blueprint` or a path to a blueprint file.
    ``pipeline`` is a pipeline id or ``lifecycle`` (default: the first pipeline). ``columns``
    renames the generic columns (``{"deal_id": "Id"}`` or ``"deal_id=Id,stage=Stage"``).
    ``as_of`` is the "now" for rotting deals (default: the latest time in the history).
    ``activities`` (files, globs or folders of calls, emails and meetings) measures the SLA's
    follow-up after each handoff; ``activity_columns`` renames their columns
    (``{"deal_id": "WhoId"}`` or ``"deal_id=WhoId,timestamp=ActivityDate"``).
    Raises :class:`AuditError` for unusable input.
    """
    from salesblueprint.audit.backends import DATABASE_BACKENDS, check_backend
    from salesblueprint.audit.backends.duckdb import Progress, run_duckdb
    from salesblueprint.audit.inputs import SOURCES, collect_history, file_kind, parse_columns
    from salesblueprint.audit.inputs.activities import parse_activity_columns
    from salesblueprint.audit.inputs.sources import LIFECYCLE_SOURCES
    from salesblueprint.audit.plan import LIFECYCLE, build_plan
    from salesblueprint.audit.sla import build_sla
    from salesblueprint.i18n import _
    from salesblueprint.model.blueprint import Blueprint

    if isinstance(bp, str | os.PathLike):
        from salesblueprint.model.load import load

        bp = load(bp)
    if not isinstance(bp, Blueprint):
        raise TypeError("audit() needs a Blueprint (sb.load(...)) or a path to a blueprint file")
    kind = check_backend(backend)
    if source not in SOURCES:
        raise AuditError(
            _(
                "--source {source}: unknown; choose one of {sources}",
                source=source,
                sources=", ".join(SOURCES),
            )
        )
    if source in LIFECYCLE_SOURCES:
        if pipeline is None:
            pipeline = LIFECYCLE
        elif pipeline != LIFECYCLE:
            raise AuditError(
                _(
                    "--source {source} holds contacts' lifecycle stages: audit it with "
                    "--pipeline lifecycle (or leave --pipeline out)",
                    source=source,
                )
            )
    files = collect_history(_paths(history))
    tables = [f for f in files if file_kind(f) == "table"]
    if tables and kind not in DATABASE_BACKENDS:
        raise AuditError(
            _(
                "{table}: tables are read in place by a database backend; run with "
                "--backend postgresql://user@host:5432/db (or export the table to Parquet)",
                table=tables[0],
            )
        )
    plan = build_plan(bp, pipeline)
    mapping = parse_columns(columns)
    act_mapping = parse_activity_columns(activity_columns)
    act_files = collect_history(_paths(activities), what="activity") if activities else []
    sla = build_sla(bp, plan, required=bool(act_files))
    callback: Progress | None = progress if callable(progress) else None
    run: Any = run_duckdb
    if kind == "pyspark":
        from salesblueprint.audit.backends.spark import run_spark

        run = run_spark
    elif kind == "postgresql":
        from salesblueprint.audit.backends.postgres import resolve_url, run_postgres

        run = functools.partial(run_postgres, url=resolve_url(backend))
    return run(  # type: ignore[no-any-return]
        plan,
        files,
        source=source,
        mapping=mapping,
        blueprint=bp.file or bp.name,
        pipelines=[(p.id, p.label) for p in bp.pipelines],
        as_of=as_of,
        progress=callback,
        sla=sla,
        activities=act_files,
        activity_mapping=act_mapping,
    )


def _paths(
    arg: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
) -> list[str]:
    if isinstance(arg, str | os.PathLike):
        return [os.fspath(arg)]
    return [os.fspath(h) for h in arg]


class _CallableModule(types.ModuleType):
    """``salesblueprint.audit`` is this package *and* the function: importing the package sets
    the attribute ``salesblueprint.audit`` to the module, so the module calls :func:`audit`."""

    def __call__(self, *args: Any, **kwargs: Any) -> AuditResult:
        return audit(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
