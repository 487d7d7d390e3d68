"""Opening input files: only regular files are read.

Opening a FIFO for reading blocks until a writer comes, and reading a character device such
as ``/dev/zero`` never ends, so ``check``, ``render``, ``funnel`` and ``diff`` would hang on
them. :func:`open_regular` opens without blocking, then refuses anything that is not a
regular file (symbolic links to regular files are fine).
"""

from __future__ import annotations

import errno
import os
import stat
from typing import BinaryIO

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


class NotRegularFileError(OSError):
    """The path names a directory, FIFO, device or socket; ``strerror`` says which."""

    def __init__(self, path: str, kind: str) -> None:
        super().__init__(errno.EINVAL, f"it is {kind}; only regular files are read")
        self.filename = path
        self.kind = kind


def kind_of(mode: int) -> str | None:
    """What a non-regular file is ("a FIFO", "a directory" ...), or ``None`` for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "a special file")


def non_regular(path: str) -> str | None:
    """``kind_of`` the file at ``path`` (following links), without opening it; ``None`` for a
    regular file or one that cannot be looked at (opening it will say why)."""
    try:
        return kind_of(os.stat(path).st_mode)
    except (OSError, ValueError):
        return None


def open_regular(path: str) -> BinaryIO:
    """``path`` opened for reading in binary; raises :class:`NotRegularFileError` (an
    ``OSError``) unless it is a regular file, and never blocks on a FIFO."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except IsADirectoryError:
        raise NotRegularFileError(path, "a directory") from None
    try:
        kind = kind_of(os.fstat(fd).st_mode)
        if kind is not None:
            raise NotRegularFileError(path, kind)
        if flags & getattr(os, "O_NONBLOCK", 0) and hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
