"""Project configuration: ``[tool.salesblueprint]`` in pyproject.toml, or .salesblueprint.yaml.

```toml
[tool.salesblueprint]
preset = "recommended"            # "partial": without the completeness rules (a blueprint
                                  # that models one part on purpose); "correctness": only the
                                  # rules that find broken models
ignore = ["SB105", "dead-end-stage"]
[tool.salesblueprint.severity]
unused-ignore = "error"           # error | warning | info | off
[tool.salesblueprint.vocabulary.en]   # your own words for the norm checks (see norms_vocab/)
buyer_actors = ["purchasing board"]
[tool.salesblueprint.options.handoff-without-flow]   # a rule's options (see rules/options.py)
contact-records = ["contact", "klant"]
```

In ``.salesblueprint.yaml`` the same settings are top-level keys (``options: {rule: {...}}``).

The nearest such file at or above the current directory is used; ``--config`` names one.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from salesblueprint.diagnostics.findings import SEVERITIES, Severity
from salesblueprint.i18n import Msg, _
from salesblueprint.rules.options import OptionValue, resolve
from salesblueprint.rules.registry import PRESETS, PresetName, Rule, lookup, suggest

if TYPE_CHECKING:
    from salesblueprint.loading.yaml_reader import Limits

CONFIG_FILES = (".salesblueprint.yaml", ".salesblueprint.yml", "pyproject.toml")
_KEYS = {"preset", "ignore", "severity", "vocabulary", "options", "max-nodes", "addressee"}
#: the bounds of ``max-nodes``: the loader's node limit a project may choose
MAX_NODES_RANGE = (1_000, 50_000_000)
#: who the exit criteria address as "you" / "je" / "u": read from each sentence, or declared
Addressee = Literal["auto", "seller", "buyer"]
ADDRESSEES: tuple[Addressee, ...] = ("auto", "seller", "buyer")
_Choice = TypeVar("_Choice", bound=str)


class ConfigError(Exception):
    """The project configuration is invalid (a usage error: exit code 2).

    The message quotes the file's keys and values: it is kept on one line with control
    characters shown as escapes, since it is printed on the terminal."""

    def __init__(self, message: str) -> None:
        from salesblueprint.diagnostics.safe_text import one_line

        super().__init__(one_line(message))


@dataclass
class Config:
    preset: PresetName = "recommended"
    ignore: frozenset[str] = frozenset()  # rule codes
    severity: dict[str, Severity | None] = field(default_factory=dict)  # None = off
    source: str | None = None
    # the norm checks' vocabulary, added to the built-in one: language -> category -> phrases
    vocabulary: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # rule options the project sets: rule code -> option name -> value (checked against the
    # rule's declaration; what does not fit is in ``problems`` and left at its default)
    options: dict[str, dict[str, OptionValue]] = field(default_factory=dict)
    # what is wrong in the options: (keys leading to it, message), reported as SB903
    problems: tuple[tuple[tuple[str, ...], str], ...] = ()
    # the loader's node limit for ``check`` (SB006); None = the built-in default
    max_nodes: int | None = None
    # who "you"/"je"/"jij"/"u" is in the exit criteria: "seller" (criteria written to the rep),
    # "buyer" (written to the customer) or "auto" (read from each sentence)
    addressee: Addressee = "auto"

    def options_for(self, r: Rule) -> dict[str, Any]:
        """Every option of ``r``: the project's value, or else the default."""
        return resolve(r.options, self.options.get(r.code, {}))

    def selects(self, r: Rule) -> bool:
        if r.code in self.ignore or self.severity.get(r.code, r.severity) is None:
            return False
        return r.in_preset(self.preset)

    @classmethod
    def from_mapping(cls, data: Any, source: str) -> Config:
        if not isinstance(data, dict):
            raise ConfigError(
                _("{source}: salesblueprint settings must be a mapping", source=source)
            )
        unknown = sorted(set(data) - _KEYS)
        if unknown:
            raise ConfigError(
                _(
                    "{source}: unknown setting(s) {unknown}; allowed: {allowed}",
                    source=source,
                    unknown=", ".join(unknown),
                    allowed=", ".join(sorted(_KEYS)),
                )
            )
        preset = _one_of(data, "preset", "recommended", tuple(PRESETS), source)
        ignore = data.get("ignore", [])
        if not isinstance(ignore, list):
            raise ConfigError(
                _("{source}: ignore must be a list of rule codes or names", source=source)
            )
        codes = set()
        for key in ignore:
            r = _configurable(key, source, "ignore")
            codes.add(r.code)
        sev: dict[str, Severity | None] = {}
        raw = data.get("severity", {})
        if not isinstance(raw, dict):
            raise ConfigError(
                _("{source}: severity must map rule codes or names to a severity", source=source)
            )
        for key, value in raw.items():
            r = _configurable(key, source, "severity")
            if value == "off" or value is False:
                sev[r.code] = None
            elif value in SEVERITIES:
                sev[r.code] = value
            else:
                raise ConfigError(
                    _(
                        "{source}: severity of {key} must be error, warning, info or off",
                        source=source,
                        key=key,
                    )
                )
        vocab = _parse_vocabulary(data.get("vocabulary", {}), source)
        options, problems = _parse_options(data.get("options", {}), source)
        max_nodes = _parse_max_nodes(data.get("max-nodes"), source)
        addressee = _one_of(data, "addressee", "auto", ADDRESSEES, source)
        return cls(
            preset,
            frozenset(codes),
            sev,
            source,
            vocab,
            options,
            tuple(problems),
            max_nodes,
            addressee,
        )


def _one_of(
    data: dict[str, Any], key: str, default: _Choice, choices: Sequence[_Choice], source: str
) -> _Choice:
    """The setting ``key``: one of ``choices``, ``default`` when it is absent."""
    value = data.get(key, default)
    for choice in choices:
        if isinstance(value, str) and value == choice:
            return choice
    raise ConfigError(
        _(
            "{source}: {key} must be one of {values}",
            source=source,
            key=key,
            values=", ".join(repr(c) for c in choices),
        )
    )


def limits_for(config: Config | None) -> Limits:
    """The loader's bounds for every command that reads a blueprint: the built-in ones, with
    the project's ``max-nodes`` if it set one."""
    import dataclasses

    from salesblueprint.loading.yaml_reader import DEFAULT_LIMITS

    if config is None or config.max_nodes is None:
        return DEFAULT_LIMITS
    return dataclasses.replace(DEFAULT_LIMITS, max_nodes=config.max_nodes)


def _parse_max_nodes(raw: Any, source: str) -> int | None:
    """``max-nodes``: a whole number in :data:`MAX_NODES_RANGE`, or absent."""
    if raw is None:
        return None
    low, high = MAX_NODES_RANGE
    if isinstance(raw, bool) or not isinstance(raw, int) or not low <= raw <= high:
        raise ConfigError(
            _(
                "{source}: max-nodes must be a whole number from {low} to {high}",
                source=source,
                low=low,
                high=high,
            )
        )
    return raw


def _parse_options(
    raw: Any, source: str
) -> tuple[dict[str, dict[str, OptionValue]], list[tuple[tuple[str, ...], str]]]:
    """``options: {rule: {option: value}}``; what does not fit a rule's declaration is a
    problem (reported as a finding), not a usage error, so the other settings still apply."""
    from salesblueprint.i18n import did_you_mean
    from salesblueprint.rules.registry import all_names

    if not isinstance(raw, dict):
        raise ConfigError(
            _("{source}: options must map rule codes or names to their options", source=source)
        )
    out: dict[str, dict[str, OptionValue]] = {}
    problems: list[tuple[tuple[str, ...], str]] = []
    for key, values in sorted(raw.items(), key=lambda kv: str(kv[0])):
        key = str(key)
        r = lookup(key)
        if r is None:
            problems.append(
                (
                    (key,),
                    _(
                        "options: no rule '{key}'{hint}",
                        key=key,
                        hint=did_you_mean(key, all_names()),
                    ),
                )
            )
            continue
        if not r.options:
            problems.append(
                ((key,), _("options: {code} {name} has no options", code=r.code, name=r.name))
            )
            continue
        allowed = ", ".join(o.name for o in r.options)
        if not isinstance(values, dict):
            problems.append(
                (
                    (key,),
                    _(
                        "options.{key} must be a table of options ({allowed})",
                        key=key,
                        allowed=allowed,
                    ),
                )
            )
            continue
        mine = out.setdefault(r.code, {})
        for name, value in sorted(values.items(), key=lambda kv: str(kv[0])):
            name = str(name)
            o = r.option(name)
            if o is None:
                hint = did_you_mean(name, [o.name for o in r.options])
                problems.append(
                    (
                        (key, name),
                        _(
                            "options.{key}: {rule} has no option '{name}'{hint}; "
                            "its options: {allowed}",
                            key=key,
                            rule=r.name,
                            name=name,
                            hint=hint,
                            allowed=allowed,
                        ),
                    )
                )
                continue
            parsed = o.parse(value)
            if parsed is None:
                problems.append(
                    (
                        (key, name),
                        _(
                            "options.{key}.{name} must be a {kind} (default: {default}); "
                            "the default applies",
                            key=key,
                            name=name,
                            kind=Msg(o.kind, {}),
                            default=o.show(),
                        ),
                    )
                )
                continue
            mine[name] = parsed
    return {k: v for k, v in out.items() if v}, problems


def _parse_vocabulary(raw: Any, source: str) -> dict[str, dict[str, tuple[str, ...]]]:
    """``vocabulary: {en: {buyer_actors: [...]}}``: a team's own words for the norm checks."""
    from salesblueprint.norms_vocab import CATEGORIES, LANGUAGES, VocabularyError, check_entry

    if not isinstance(raw, dict):
        raise ConfigError(
            _("{source}: vocabulary must map a language (en, nl) to categories", source=source)
        )
    out: dict[str, dict[str, tuple[str, ...]]] = {}
    for lang, cats in sorted(raw.items(), key=lambda kv: str(kv[0])):
        if lang not in LANGUAGES:
            raise ConfigError(
                _(
                    "{source}: vocabulary: unknown language '{lang}'; use {languages}",
                    source=source,
                    lang=lang,
                    languages=", ".join(LANGUAGES),
                )
            )
        if not isinstance(cats, dict):
            raise ConfigError(
                _(
                    "{source}: vocabulary.{lang} must map categories to lists of words",
                    source=source,
                    lang=lang,
                )
            )
        parsed: dict[str, tuple[str, ...]] = {}
        for cat, entries in sorted(cats.items(), key=lambda kv: str(kv[0])):
            if cat not in CATEGORIES:
                raise ConfigError(
                    _(
                        "{source}: vocabulary.{lang}: unknown category '{cat}'; allowed: {allowed}",
                        source=source,
                        lang=lang,
                        cat=cat,
                        allowed=", ".join(sorted(CATEGORIES)),
                    )
                )
            if not isinstance(entries, list) or not all(isinstance(e, str) for e in entries):
                raise ConfigError(
                    _(
                        "{source}: vocabulary.{lang}.{cat} must be a list of strings",
                        source=source,
                        lang=lang,
                        cat=cat,
                    )
                )
            for e in entries:
                try:
                    check_entry(e)
                except VocabularyError as err:
                    raise ConfigError(f"{source}: vocabulary.{lang}.{cat}: {err}") from None
            parsed[cat] = tuple(entries)
        out[lang] = parsed
    return out


def _configurable(key: Any, source: str, setting: str) -> Rule:
    """The rule named by ``key``, if settings can apply to it (not a loader or schema code)."""
    r = lookup(str(key))
    if r is None:
        hint = suggest(str(key)) or _("; `salesblueprint rules` lists every code and name")
        raise ConfigError(
            _(
                "{source}: {setting}: no rule '{key}'{hint}",
                source=source,
                setting=setting,
                key=key,
                hint=hint,
            )
        )
    if r.check is None and r.group in ("syntax", "schema"):
        raise ConfigError(
            _(
                "{source}: {setting}: {code} {name} is reported while reading the file, "
                "where settings do not apply; a file with it cannot be checked",
                source=source,
                setting=setting,
                code=r.code,
                name=r.name,
            )
        )
    return r


def read_config(path: str) -> Config:
    """Read one configuration file."""
    from salesblueprint.loading.files import open_regular

    try:
        with open_regular(path) as fh:
            raw = fh.read()
    except OSError as e:
        raise ConfigError(
            _("{path}: cannot read: {reason}", path=path, reason=e.strerror or str(e))
        ) from None
    if path.endswith(".toml"):
        if sys.version_info >= (3, 11):
            import tomllib
        else:  # pragma: no cover - Python 3.10
            import tomli as tomllib
        try:
            doc = tomllib.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            raise ConfigError(f"{path}: {e}") from None
        except RecursionError:
            raise ConfigError(_("{path}: arrays or tables nested too deeply", path=path)) from None
        tool = doc.get("tool", {})
        if not isinstance(tool, dict):
            raise ConfigError(_("{path}: 'tool' must be a table", path=path))
        return Config.from_mapping(tool.get("salesblueprint", {}), path)
    import yaml

    try:
        doc = yaml.safe_load(raw) or {}
        return Config.from_mapping(doc, path)
    except yaml.YAMLError as e:
        raise ConfigError(_("{path}: invalid YAML: {error}", path=path, error=str(e))) from None
    except RecursionError:  # parsing, or walking, lists nested thousands deep
        raise ConfigError(_("{path}: lists or mappings nested too deeply", path=path)) from None


def find_config(start: str | None = None) -> Config:
    """The configuration that applies in ``start`` (default: the current directory)."""
    d = os.path.abspath(start or os.getcwd())
    while True:
        for name in CONFIG_FILES:
            p = os.path.join(d, name)
            if not os.path.isfile(p):
                continue
            if name == "pyproject.toml":
                with open(p, "rb") as fh:
                    if b"[tool.salesblueprint" not in fh.read():
                        continue
            return read_config(p)
        parent = os.path.dirname(d)
        if parent == d:
            return Config()
        d = parent
