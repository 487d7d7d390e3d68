"""Which files a HISTORY argument names: a file, a glob, or a folder of CSV/Parquet files; or a
table read in place by a database backend (``table:schema.name``)."""

from __future__ import annotations

import glob
import os
import re
from collections.abc import Sequence

from salesblueprint.audit.errors import AuditError
from salesblueprint.i18n import N_, _

CSV_SUFFIXES = (".csv", ".csv.gz", ".tsv", ".txt")
PARQUET_SUFFIXES = (".parquet", ".pq", ".parq")
_GLOB_CHARS = set("*?[")


TABLE_PREFIX = "table:"
# one part of a table name: PostgreSQL's unquoted identifier (looked up exactly, then
# case-insensitively), or any text in double quotes ("" for a quote): exactly that name
_PART = r'(?:[A-Za-z_][A-Za-z0-9_$]*|"(?:[^"\x00-\x1f\x7f]|"")+")'
_TABLE_RE = re.compile(rf"({_PART})(?:\.({_PART}))?")
MAX_NAME = 63  # bytes, PostgreSQL's longest identifier


def file_kind(path: str) -> str:
    """``csv`` or ``parquet`` (by suffix; anything else is read as CSV), or ``table``."""
    if path.startswith(TABLE_PREFIX):
        return "table"
    return "parquet" if path.lower().endswith(PARQUET_SUFFIXES) else "csv"


def parse_table(ref: str) -> tuple[str | None, str]:
    """``table:schema.name`` (or ``table:name``) -> (schema or None, name), unquoted.

    Only names are accepted, never SQL: each part is an identifier (letters, digits, ``_``,
    ``$``, not starting with a digit) or a double-quoted name; the backend quotes them.
    """
    text = ref[len(TABLE_PREFIX) :]
    m = _TABLE_RE.fullmatch(text)
    if m is None:
        raise AuditError(
            _(
                "{ref}: not a table name; write table:schema.name or table:name (letters, "
                'digits and _; other names in double quotes: table:"My Schema"."Deal Stage")',
                ref=repr(ref),
            )
        )
    parts = [_unquote(p) for p in m.groups() if p is not None]
    for part in parts:
        if len(part.encode("utf-8")) > MAX_NAME:
            raise AuditError(
                _(
                    "{ref}: '{part}' is longer than {n} bytes, the longest name a database "
                    "table can have",
                    ref=ref,
                    part=part[:MAX_NAME],
                    n=MAX_NAME,
                )
            )
    if len(parts) == 1:
        return None, parts[0]
    return parts[0], parts[1]


def _unquote(part: str) -> str:
    if part.startswith('"'):
        return part[1:-1].replace('""', '"')
    return part


_WHAT = {"history": N_("history"), "activity": N_("activity")}


def _what(what: str) -> str:
    """``history`` or ``activity``, translatable (as in "no history files match ...")."""
    return _(_WHAT[what]) if what in _WHAT else what


def collect_history(args: Sequence[str], what: str = "history") -> list[str]:
    """The history (or activity) files, in the order given; folders are searched for *.csv
    and *.parquet."""
    out: list[str] = []
    for arg in args:
        if arg.startswith(TABLE_PREFIX) and what == "history":
            parse_table(arg)  # a clear error now for a name that is not one
            out.append(arg)
        elif os.path.isdir(arg):
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
