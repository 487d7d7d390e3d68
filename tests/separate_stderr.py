"""A click test runner that keeps standard error apart, on every click release we support.

click 8.2 and newer always capture stderr separately; 8.1 (our lowest) mixes it into the
output unless asked not to. :func:`run_module` runs the CLI in a new process instead, with its
own standard output and error.
"""

from __future__ import annotations

import inspect
import subprocess
import sys

from click.testing import CliRunner


def runner() -> CliRunner:
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg,unused-ignore]
    return CliRunner()


def run_module(*args: str) -> subprocess.CompletedProcess[str]:
    """``python -m salesblueprint ARGS`` in a new process, its output as UTF-8 text."""
    return subprocess.run(
        [sys.executable, "-m", "salesblueprint", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
