"""Hostile project configuration (QA pass on rule options): deeply nested values and control
characters in keys end in a usage error that names the file, never an internal error."""

from __future__ import annotations

from pathlib import Path

import pytest

from salesblueprint.rules.config import ConfigError, read_config


@pytest.mark.parametrize(
    ("name", "text"),
    [
        (
            ".salesblueprint.yaml",
            "options:\n  handoff-without-flow:\n    contact-records: "
            + "[" * 5000
            + "]" * 5000
            + "\n",
        ),
        ("pyproject.toml", "[tool.salesblueprint]\nx = " + "[" * 5000 + "]" * 5000 + "\n"),
    ],
)
def test_deep_nesting_is_a_config_error(tmp_path: Path, name: str, text: str) -> None:
    """RecursionError escaped from the YAML and TOML readers (an internal error)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match="nested too deeply") as e:
        read_config(str(path))
    assert name in str(e.value)


def test_control_characters_in_keys_are_escaped(tmp_path: Path) -> None:
    path = tmp_path / ".salesblueprint.yaml"
    path.write_text('"\\e]0;x\\a": 1\n', encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        read_config(str(path))
    assert "\x1b" not in str(e.value) and "\\x1b]0;x\\x07" in str(e.value)
