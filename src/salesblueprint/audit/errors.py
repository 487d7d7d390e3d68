"""The one error an audit raises for bad input: the command turns it into exit 2."""

from __future__ import annotations


class AuditError(Exception):
    """Unusable input (a missing column, an unreadable file, an unknown pipeline ...).

    The message names the file and what to do about it; it is shown as it is.
    """
