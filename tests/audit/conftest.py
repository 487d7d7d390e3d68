"""Fixtures for the audit tests (defined in helpers)."""

from .helpers import bp_path, spark

__all__ = ["bp_path", "spark"]
