"""The audit on PySpark (``pip install 'salesblueprint[spark]'``, Java 17+).

The same queries as DuckDB's (:class:`~salesblueprint.audit.backends.duckdb.DuckDBAudit`),
spelled by :class:`~salesblueprint.audit.backends.dialect.SparkDialect` and run through Spark
SQL; the tables the DuckDB run keeps (``steps``, ``deals``) are cached DataFrames here. Results
are identical to DuckDB's, figure for figure (tests/audit/test_backends.py).

The session: the active one when there is one (a cluster's, under ``spark-submit``), else a local
one (``local[2]``, no UI, UTC; ``SALESBLUEPRINT_SPARK_MASTER`` overrides the master). Each history
file is read by one task, so that a row's number in its file (ties in time keep the input order,
rejected rows are shown as ``file:line``) is its position in that task: split a large history
into several files to read it in parallel.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from salesblueprint.audit.backends.dialect import SPARK
from salesblueprint.audit.backends.duckdb import InterpolatingAudit, _short
from salesblueprint.audit.errors import AuditError
from salesblueprint.audit.inputs import file_kind
from salesblueprint.audit.inputs.sources import ROW_NUMBER
from salesblueprint.audit.plan import Plan

_SESSION_CONF = {
    "spark.sql.session.timeZone": "UTC",
    # every file is one split (see the module's doc)
    "spark.sql.files.maxPartitionBytes": str(1 << 40),
    "spark.sql.ansi.enabled": "false",
    "spark.sql.caseSensitive": "true",
}


def spark_session() -> Any:
    """The active Spark session, or a new local one."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise AuditError(
            "--backend pyspark needs PySpark and Java 17+: pip install 'salesblueprint[spark]'"
        ) from None
    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    master = os.environ.get("SALESBLUEPRINT_SPARK_MASTER", "local[2]")
    partitions = os.environ.get("SALESBLUEPRINT_SPARK_PARTITIONS", "4")
    builder = (
        SparkSession.builder.master(master)
        .appName("salesblueprint-audit")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", partitions)
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.session.timeZone", "UTC")
    )
    try:
        session = builder.getOrCreate()
    except Exception as e:  # no Java, a Java too old: Py4J / PySpark errors of many kinds
        raise AuditError(f"--backend pyspark: Spark could not start: {_short(e)}") from None
    session.sparkContext.setLogLevel("ERROR")
    return session


class SparkAudit(InterpolatingAudit):
    """One audit run on Spark."""

    sql = SPARK

    def __init__(self, plan: Plan, pipelines: Sequence[tuple[str, str]] = ()) -> None:
        self._setup(plan, pipelines)
        self.spark = spark_session()
        from pyspark.errors import PySparkException

        try:
            from py4j.protocol import Py4JError
        except ImportError:  # pragma: no cover - py4j comes with pyspark
            self._error: Any = PySparkException
        else:
            self._error = (PySparkException, Py4JError)
        self._saved = {k: self.spark.conf.get(k, None) for k in _SESSION_CONF}
        for k, v in _SESSION_CONF.items():
            self.spark.conf.set(k, v)
        self._views: list[str] = []
        self._cached: list[Any] = []

    def close(self) -> None:
        for df in self._cached:
            df.unpersist()
        for name in self._views:
            self.spark.catalog.dropTempView(name)
        for k, v in self._saved.items():
            if v is None:
                self.spark.conf.unset(k)
            else:
                self.spark.conf.set(k, v)

    # -- the engine ---------------------------------------------------------------------
    def _q(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        df = self.spark.sql(sql, args=list(params)) if params else self.spark.sql(sql)
        return [tuple(r) for r in df.collect()]

    def _describe(self, sql: str) -> list[tuple[str, str]]:
        schema = self.spark.sql(sql).schema
        return [(f.name, f.dataType.simpleString().upper()) for f in schema.fields]

    def _view(self, name: str, df: Any) -> None:
        df.createOrReplaceTempView(name)
        self._views.append(name)

    def _create(self, name: str, sql: str, *, table: bool = True) -> None:
        df = self.spark.sql(sql)
        if table:
            df = df.persist()
            df.count()  # computed once, here
            self._cached.append(df)
        self._view(name, df)

    def _insert_pairs(self, name: str, pairs: Sequence[tuple[str, int]]) -> None:
        df = self.spark.createDataFrame(list(pairs), "stage STRING, idx INT")
        self._view(name, df)

    def _relation(self, path: str, i: int, prefix: str = "csv") -> tuple[str, str]:
        from pyspark.sql.functions import monotonically_increasing_id

        reader = self.spark.read
        if file_kind(path) == "parquet":
            df = reader.parquet(path)
        else:
            sep = "\t" if path.lower().endswith(".tsv") else ","
            df = reader.csv(
                path,
                header=True,
                inferSchema=False,
                sep=sep,
                encoding="UTF-8",
                mode="PERMISSIVE",
                multiLine=False,
            )
        name = f"{prefix}_file_{i}"
        self._view(name, df)
        # one split per file (maxPartitionBytes above): the id is the row's number in the file
        self._view(f"{name}_n", df.withColumn(ROW_NUMBER, monotonically_increasing_id()))
        return name, f"{name}_n"

    def load(self, files: Sequence[str], *args: Any, **kwargs: Any) -> None:
        try:
            super().load(files, *args, **kwargs)
        except self._error as e:
            raise AuditError(f"cannot read the history: {_short(e)}") from None

    def _loading(self) -> None:
        pass

    def _loaded(self) -> None:
        pass


def run_spark(
    plan: Plan,
    files: Sequence[str],
    *,
    source: str,
    mapping: dict[str, str],
    blueprint: str,
    pipelines: Sequence[tuple[str, str]] = (),
    as_of: str | None = None,
    progress: Any = None,
    sla: Any = None,
    activities: Sequence[str] = (),
    activity_mapping: dict[str, str] | None = None,
) -> Any:
    run = SparkAudit(plan, pipelines)
    try:
        run.load(files, source, mapping, progress)
        try:
            if activities:
                from salesblueprint.audit.backends.sla_queries import load_activities

                load_activities(run, activities, activity_mapping or {})
            return run.result(blueprint, source, as_of, sla)
        except run._error as e:
            raise AuditError(f"--backend pyspark: the audit failed: {_short(e)}") from None
    finally:
        run.close()


__all__ = ["SparkAudit", "run_spark", "spark_session"]
