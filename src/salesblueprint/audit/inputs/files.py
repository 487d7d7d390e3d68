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
                check_readable(path, what)
            out.extend(found)
        elif os.path.isfile(arg):
            check_readable(arg, what)
            out.append(arg)
        elif _GLOB_CHARS & set(arg):
            matches = sorted(p for p in glob.glob(arg, recursive=True) if not os.path.isdir(p))
            if not matches:
                raise AuditError(_("no {what} files match {arg}", what=_what(what), arg=repr(arg)))
            for path in matches:
                _regular(path, what)
                check_readable(path, what)
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


# -- files the engines cannot read -------------------------------------------------------------
# DuckDB and Spark say why they cannot read a file in their own words (English, with their own
# options as the fix). What a user can get wrong is checked here first, for both engines, from
# the file's first bytes; what only shows further in the file is put in words by unreadable().

_HEAD = 64 * 1024
_PARQUET_MAGIC = b"PAR1"
_EXCEL_FIX = N_("save it as UTF-8 (in Excel: Save as, 'CSV UTF-8')")


def check_readable(path: str, what: str = "history") -> None:
    """Raises :class:`AuditError` naming ``path`` when it is empty, cannot be opened, or is not
    what its name says (a damaged Parquet file, a CSV that is binary, UTF-16 or not UTF-8)."""
    kind = file_kind(path)
    try:
        with open(path, "rb") as fh:
            head = fh.read(_HEAD)
            size = fh.seek(0, os.SEEK_END)
            fh.seek(max(0, size - len(_PARQUET_MAGIC)))
            tail = fh.read()
    except OSError as e:
        raise AuditError(
            _("{path}: cannot read it: {reason}", path=path, reason=_os_reason(e))
        ) from None
    if not head:
        raise AuditError(
            _(
                "{path}: the {what} file is empty (not even a header row)",
                path=path,
                what=_what(what),
            )
        )
    if kind == "parquet":
        if not head.startswith(_PARQUET_MAGIC):
            raise AuditError(
                _(
                    "{path}: not a Parquet file (one starts with 'PAR1'); a CSV file needs a "
                    "name ending in .csv",
                    path=path,
                )
            )
        if tail != _PARQUET_MAGIC:
            raise AuditError(_parquet_damaged(path))
        return
    if path.lower().endswith(".gz"):
        if not head.startswith(b"\x1f\x8b"):
            raise AuditError(
                _("{path}: the name ends in .gz, but it is not gzip-compressed", path=path)
            )
        return
    problem = _not_csv(head)
    if problem is not None:
        raise AuditError(_("{path}: {problem}", path=path, problem=problem))
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.start < len(head) - 3:  # not a character cut off by the 64 KiB
            raise AuditError(_not_utf8(path, head.count(b"\n", 0, e.start) + 1)) from None


def _not_csv(head: bytes) -> str | None:
    """Why text that should be CSV is not, from its first bytes."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _("UTF-16 text; {fix}", fix=_(_EXCEL_FIX))
    if head.startswith(_PARQUET_MAGIC):
        return _("a Parquet file with a CSV name: give it a name ending in .parquet")
    if head.startswith(b"PK\x03\x04"):
        return _("a ZIP archive or an Excel workbook, not CSV: export it as CSV UTF-8")
    if b"\x00" in head:
        return _("not a text file (binary data); CSV or Parquet is needed")
    return None


def _not_utf8(path: str, line: int | None) -> str:
    where = f"{path}:{line}" if line else path
    return _("{where}: not UTF-8 text; {fix}", where=where, fix=_(_EXCEL_FIX))


def _parquet_damaged(path: str) -> str:
    return _(
        "{path}: a damaged or incomplete Parquet file (cut off while it was written or "
        "copied?); write it again",
        path=path,
    )


def _os_reason(e: OSError) -> str:
    import errno

    if e.errno in (errno.EACCES, errno.EPERM):
        return _("no permission to read it")
    if e.errno == errno.EISDIR:
        return _("it is a folder")
    return e.strerror or str(e)


_CSV_LINE = re.compile(r"CSV Error on Line: (\d+)")
_ENGINE_PREFIX = re.compile(r"^(?:[A-Za-z ]*(?:Error|Exception)|\[[A-Z_.]+\]):\s*")


def unreadable(path: str, error: BaseException) -> AuditError:
    """The error for a file DuckDB or Spark could not read, in words, naming ``path`` (and its
    line when the engine gives one); the engine's own first line when it is not a known case."""
    text = str(error)
    kind = file_kind(path)
    match = _CSV_LINE.search(text)
    line = int(match.group(1)) if match else None
    low = text.lower()
    if "invalid unicode" in low or "not utf-8" in low or "malformedinput" in low:
        return AuditError(_not_utf8(path, line))
    if any(
        k in low
        for k in ("no magic bytes", "footer length", "is not a parquet file", "read_file_footer")
    ):
        return AuditError(_parquet_damaged(path))
    if "gzip" in low:
        return AuditError(
            _("{path}: the name ends in .gz, but it is not gzip-compressed", path=path)
        )
    if "permission denied" in low:
        return AuditError(
            _("{path}: cannot read it: {reason}", path=path, reason=_("no permission to read it"))
        )
    if "error when sniffing" in low:
        return AuditError(
            _(
                "{path}: no CSV layout found in it (a header row, then columns separated by "
                "commas, semicolons, tabs or '|')",
                path=path,
            )
        )
    reason = _engine_reason(text) or type(error).__name__
    where = f"{path}:{line}" if line else path
    return AuditError(
        _("{where}: cannot read it as {kind}: {reason}", where=where, kind=kind, reason=reason)
    )


def _engine_reason(text: str) -> str:
    """The engine's explanation: its first line that says something, without its class name
    (``Invalid Input Error:``), the line quoted back, or its own options as fixes."""
    for raw in text.strip().splitlines():
        line = _ENGINE_PREFIX.sub("", raw.strip()).strip()
        if not line or line.startswith(
            ("CSV Error on Line", "Original Line", "Possible ", "LINE ")
        ):
            continue
        return line[:200]
    return ""
