"""Start-up of the command line: the garbage collector is paused while ``check`` imports, and
collects again before any file is read; run in-process (with arguments) nothing changes."""

from __future__ import annotations

import gc
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from salesblueprint import api, cli

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "hubspot-default.blueprint.yaml"


@pytest.fixture
def restore_gc() -> Iterator[None]:
    was = gc.isenabled()
    yield
    gc.unfreeze()
    if was:
        gc.enable()
    cli._gc_paused = False


def _record(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    seen: list[bool] = []
    real = api.check_file_language

    def spy(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(api, "check_file_language", spy)
    return seen


@pytest.mark.parametrize("command", [["check", str(EXAMPLE)], ["rules"]])
def test_console_run_collects_again_before_reading(
    command: list[str], monkeypatch: pytest.MonkeyPatch, restore_gc: None
) -> None:
    seen = _record(monkeypatch)
    gc.unfreeze()
    monkeypatch.setattr(sys, "argv", ["salesblueprint", *command])
    with pytest.raises(SystemExit):
        cli.main()  # as the console script calls it
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0  # paused, then what start-up allocated was frozen
    assert seen == ([True] if command[0] == "check" else [])


def test_in_process_run_leaves_the_collector_alone(
    monkeypatch: pytest.MonkeyPatch, restore_gc: None
) -> None:
    seen = _record(monkeypatch)
    frozen = gc.get_freeze_count()
    with pytest.raises(SystemExit):
        cli.main(["check", str(EXAMPLE)])
    assert seen == [True]
    assert gc.get_freeze_count() == frozen
