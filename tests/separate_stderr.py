"""A click test runner that keeps standard error apart, on every click release we support.

click 8.2 and newer always capture stderr separately; 8.1 (our lowest) mixes it into the
output unless asked not to.
"""

from __future__ import annotations

import inspect

from click.testing import CliRunner


def runner() -> CliRunner:
    if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters:
        return CliRunner(mix_stderr=False)  # type: ignore[call-arg,unused-ignore]
    return CliRunner()
