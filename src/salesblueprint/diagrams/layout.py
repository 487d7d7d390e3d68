"""Finding and running the Graphviz ``dot`` program that lays a DOT source out.

Order: the program named by the ``SALESBLUEPRINT_DOT`` environment variable; then
``graphviz-pure`` (a pip-installed, self-contained port of Graphviz 16.1: svg and png, no pdf);
then ``dot`` on ``PATH``. Layout runs in a subprocess with a timeout and with limits on the
crossing-minimisation and network-simplex passes, so a big graph cannot hang the command.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sysconfig
from dataclasses import dataclass

ENV_VAR = "SALESBLUEPRINT_DOT"
TIMEOUT = 120.0
"""Seconds a layout may take."""

LIMITS = ("-Gmclimit=1", "-Gnslimit=4", "-Gnslimit1=4", "-Gsearchsize=30")
"""Bounds on Graphviz's passes: same pictures for small graphs, bounded time for huge ones."""

PURE_FORMATS = frozenset({"svg", "png"})


class LayoutError(RuntimeError):
    """Graphviz failed, timed out, or is not available; ``dot`` holds the DOT source."""

    def __init__(self, message: str, dot: str = "") -> None:
        super().__init__(message)
        self.dot = dot


class NoGraphvizError(LayoutError):
    """No program that can lay out this format was found."""


@dataclass(frozen=True)
class Program:
    path: str
    kind: str  # "env", "graphviz-pure" or "dot"

    def supports(self, fmt: str) -> bool:
        return self.kind != "graphviz-pure" or fmt in PURE_FORMATS


def _pure() -> str | None:
    dirs = [sysconfig.get_path("scripts")]
    with contextlib.suppress(KeyError):  # no user scheme on some platforms
        dirs.append(sysconfig.get_path("scripts", f"{os.name}_user"))
    for d in dirs:
        found = shutil.which("graphviz-pure", path=d)
        if found:
            return found
    return shutil.which("graphviz-pure")


def programs() -> list[Program]:
    """The layout programs found, in the order they are tried."""
    out: list[Program] = []
    env = os.environ.get(ENV_VAR, "").strip()
    if env:
        found = shutil.which(env)
        if not found:
            raise NoGraphvizError(
                f"{ENV_VAR}={env!r} is not an executable program; point it at a Graphviz "
                "'dot' or 'graphviz-pure', or unset it"
            )
        out.append(Program(found, "env"))
    pure = _pure()
    if pure:
        out.append(Program(pure, "graphviz-pure"))
    dot = shutil.which("dot")
    if dot:
        out.append(Program(dot, "dot"))
    return out


def find_program(fmt: str) -> Program:
    """The first program that can produce ``fmt``, or :class:`NoGraphvizError`."""
    progs = programs()
    for p in progs:
        if p.supports(fmt):
            return p
    if fmt == "pdf" and progs:
        raise NoGraphvizError(
            "PDF needs Graphviz's own 'dot' (graphviz-pure does svg and png): install Graphviz "
            f"(apt-get install graphviz, brew install graphviz) or set {ENV_VAR} to its dot"
        )
    raise NoGraphvizError(
        "no Graphviz found: pip install graphviz-pure (or apt-get install graphviz, "
        f"brew install graphviz), or set {ENV_VAR} to a 'dot' program"
    )


def run_layout(source: str, fmt: str, timeout: float = TIMEOUT) -> bytes:
    """Lay ``source`` out with Graphviz and return the ``fmt`` output."""
    try:
        prog = find_program(fmt)
    except NoGraphvizError as e:
        raise NoGraphvizError(str(e), source) from None
    cmd = [prog.path, f"-T{fmt}", *LIMITS]
    try:
        proc = subprocess.run(
            cmd,
            input=source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise LayoutError(
            f"Graphviz layout took longer than {timeout:g} s; try a smaller view "
            "(pipeline:ID) or the dot format",
            source,
        ) from None
    except OSError as e:
        raise LayoutError(f"cannot run {prog.path}: {e.strerror or e}", source) from None
    if proc.returncode != 0 or not proc.stdout:
        err = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = "; ".join(err[-3:]) or f"exit code {proc.returncode}"
        raise LayoutError(f"Graphviz ({prog.path}) failed: {detail}", source)
    return proc.stdout


SLIDE = (1920.0, 1080.0)


def slide_scale(svg: str) -> tuple[float, float]:
    """Pixels per point when a Graphviz SVG is fitted onto a 1920 × 1080 slide, and its
    width/height; ``(0, 0)`` when the SVG has no size."""
    import re

    m = re.search(r'<svg[^>]*\bwidth="([\d.]+)pt"[^>]*\bheight="([\d.]+)pt"', svg)
    if not m:
        return 0.0, 0.0
    w, h = float(m.group(1)), float(m.group(2))
    if w <= 0 or h <= 0:
        return 0.0, 0.0
    return min(SLIDE[0] / w, SLIDE[1] / h), w / h
