"""Fixtures for the audit tests (defined in helpers)."""

from .helpers import bp_path, engine, spark

__all__ = ["bp_path", "engine", "spark"]
