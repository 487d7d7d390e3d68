"""Which files a HISTORY argument names: a file, a glob, or a folder of CSV/Parquet files."""

from __future__ import annotations

import glob
import os
from collections.abc import Sequence

from salesblueprint.audit.errors import AuditError
from salesblueprint.i18n import N_, _

CSV_SUFFIXES = (".csv", ".csv.gz", ".tsv", ".txt")
PARQUET_SUFFIXES = (".parquet", ".pq", ".parq")
_GLOB_CHARS = set("*?[")


def file_kind(path: str) -> str:
    """``csv`` or ``parquet`` (by suffix; anything else is read as CSV)."""
    return "parquet" if path.lower().endswith(PARQUET_SUFFIXES) else "csv"


_WHAT = {"history": N_("history"), "activity": N_("activity")}


def _what(what: str) -> str:
    """``history`` or ``activity``, translatable (as in "no history files match ...")."""
    return _(_WHAT[what]) if what in _WHAT else what


def collect_history(args: Sequence[str], what: str = "history") -> list[str]:
    """The history (or activity) files, in the order given; folders are searched for *.csv
    and *.parquet."""
    out: list[str] = []
    for arg in args:
        if os.path.isdir(arg):
            found = []
            for root, dirs, files in os.walk(arg):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.lower().endswith(CSV_SUFFIXES + PARQUET_SUFFIXES) and not (
                        name.startswith(".")
                    ):
                        found.append(os.path.join(root, name))
            if not found:
                raise AuditError(
                    _(
                        "no {what} files (*.csv, *.parquet) in folder {arg}",
                        what=_what(what),
                        arg=arg,
                    )
                )
            for path in found:
                _regular(path, what)  # a FIFO named *.csv would block the read forever
            out.extend(found)
        elif os.path.isfile(arg):
            out.append(arg)
        elif _GLOB_CHARS & set(arg):
            matches = sorted(p for p in glob.glob(arg, recursive=True) if not os.path.isdir(p))
            if not matches:
                raise AuditError(_("no {what} files match {arg}", what=_what(what), arg=repr(arg)))
            for path in matches:
                _regular(path, what)
            out.extend(matches)
        elif os.path.exists(arg):
            _regular(arg, what)
            raise AuditError(
                _("cannot read {what} {arg}: not a file or folder", what=_what(what), arg=arg)
            )
        else:
            raise AuditError(_("no such {what} file or folder: {arg}", what=_what(what), arg=arg))
    return list(dict.fromkeys(out))


def _regular(path: str, what: str = "history") -> None:
    """Refuses a FIFO, device or socket (DuckDB would wait on it, or read it forever)."""
    from salesblueprint.loading.files import non_regular

    kind = non_regular(path)
    if kind is not None:
        raise AuditError(
            _(
                "cannot read {what} {path}: it is {kind}; only regular files are read",
                what=_what(what),
                path=path,
                kind=kind,
            )
        )
