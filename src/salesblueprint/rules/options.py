"""Rule options: settings a rule declares, with defaults, that a project may change.

A rule lists its options on its decorator, as yamllint's rules do::

    @rule("SB409", "handoff-without-flow", group="tools", severity="warning",
          options=(Option("contact-records", ("contact", "lead"), "Record ids ..."),))

and reads them from ``ctx.options`` while it runs. A project sets them per rule, by code, name
or an old name (alias)::

    [tool.salesblueprint.options.handoff-without-flow]      # pyproject.toml
    contact-records = ["contact", "klant"]

    options:                                                # .salesblueprint.yaml
      handoff-without-flow: {contact-records: [contact, klant]}

The type of an option is the type of its default: a boolean, an integer, a string, or a list of
strings (a tuple default). A value of another type is rejected with a finding (``SB903``) and
the default is used.

This module is imported on every run: it must stay light.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from salesblueprint.i18n import N_

__all__ = ["Option", "OptionValue", "kind_of"]

OptionValue = bool | int | str | tuple[str, ...]


def kind_of(value: OptionValue) -> str:
    """The type of an option, as the docs and messages name it."""
    if isinstance(value, bool):
        return N_("boolean")
    if isinstance(value, int):
        return N_("integer")
    if isinstance(value, str):
        return N_("string")
    return N_("list of strings")


@dataclass(frozen=True)
class Option:
    """One setting of a rule: its kebab-case name, its default and what it means."""

    name: str
    default: OptionValue
    doc: str

    @property
    def kind(self) -> str:
        return kind_of(self.default)

    def parse(self, value: Any) -> OptionValue | None:
        """``value`` as this option's type, or ``None`` when it is not of that type."""
        default = self.default
        if isinstance(default, bool):
            return value if isinstance(value, bool) else None
        if isinstance(default, int):
            ok = isinstance(value, int) and not isinstance(value, bool)
            return value if ok else None
        if isinstance(default, str):
            return value if isinstance(value, str) else None
        if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
            return tuple(value)
        return None

    def show(self, value: OptionValue | None = None) -> str:
        """A value written as in the configuration (TOML)."""
        v = self.default if value is None else value
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int):
            return str(v)
        if isinstance(v, str):
            return f'"{v}"'
        return "[" + ", ".join(f'"{s}"' for s in v) + "]"


def resolve(options: tuple[Option, ...], values: Mapping[str, OptionValue]) -> dict[str, Any]:
    """The defaults of ``options``, overridden by the project's ``values``."""
    return {o.name: values.get(o.name, o.default) for o in options}
