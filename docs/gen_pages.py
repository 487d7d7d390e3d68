"""Generate the docs pages that must never be written twice (run by mkdocs-gen-files).

- ``rules/index.md`` and one ``rules/<CODE>.md`` per rule, from the rules' own docstrings
  (``salesblueprint.rules.registry.load_all()``), and the same pages in every other language
  under ``<lang>/rules/`` (``salesblueprint.rules.doc_pages``: summaries from the catalog, the
  rest from ``src/salesblueprint/i18n/docs/<lang>/<CODE>.md``);
- ``reference.md``, the key-by-key format reference, from the JSON Schema that
  ``salesblueprint schema`` prints (itself generated from the pydantic models).

Run ``python docs/gen_pages.py OUTDIR`` to write the pages to a directory instead.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from salesblueprint.i18n import DEFAULT, LANGUAGES, translator
from salesblueprint.rules.doc_pages import rule_page, rules_index
from salesblueprint.rules.registry import load_all
from salesblueprint.schema import blueprint_schema

Writer = Callable[[str, str], None]

# each language named in its own words, for the links between the rule lists
_LANG_NAMES = {"en": "English", "nl": "Nederlands", "de": "Deutsch", "fr": "Français"}

# sections of the format reference, in reading order; models not listed follow in name order
_ORDER = [
    "Blueprint",
    "Team",
    "Lifecycle",
    "LifecycleStage",
    "Transition",
    "Pipeline",
    "DealStage",
    "ExitCriterion",
    "CrmIds",
    "SLA",
    "Handoff",
    "Recycle",
    "Disqualify",
    "Scoring",
    "ScoringRule",
    "Targets",
    "Tool",
    "Flow",
    "LintSettings",
]
_YAML_KEY = {
    "Blueprint": "the top level of the file",
    "Team": "`teams[]`",
    "Lifecycle": "`lifecycle`",
    "LifecycleStage": "`lifecycle.stages[]`",
    "Transition": "`lifecycle.transitions[]`, `pipelines[].transitions[]`",
    "Pipeline": "`pipelines[]`",
    "DealStage": "`pipelines[].stages[]`, `pipelines[].after_close[]`",
    "ExitCriterion": "`exit_criteria[]` of any stage",
    "CrmIds": "`crm` on a pipeline or a stage",
    "SLA": "`sla`",
    "Handoff": "`sla.handoff`",
    "Recycle": "`sla.recycle[]`",
    "Disqualify": "`sla.disqualify`",
    "Scoring": "`sla.scoring`",
    "ScoringRule": "`sla.scoring.rules[]`",
    "Targets": "`sla.targets`",
    "Tool": "`tools[]`",
    "Flow": "`flows[]`",
    "LintSettings": "`lint` on the blueprint or any node",
}


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _anchor(model: str) -> str:
    return model.lower()


def _type(prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{_anchor(name)})"
    if "anyOf" in prop:
        return " or ".join(_type(p) for p in prop["anyOf"])
    if "const" in prop:
        return f"`{prop['const']}`"
    if "enum" in prop:
        return " \\| ".join(f"`{v}`" for v in prop["enum"])
    t = prop.get("type")
    if t == "array":
        return f"list of {_type(prop.get('items', {}))}"
    if isinstance(t, list):
        t = "text" if "string" in t else " or ".join(t)
    elif t == "string":
        t = "id" if prop.get("pattern") == "^[a-z][a-z0-9_]*$" else "text"
        if "pattern" in prop and "P(" in prop["pattern"]:
            t = "duration"
        elif "pattern" in prop and t == "text":
            t = "reference"
    bounds = []
    for key, word in (
        ("minimum", "≥"),
        ("exclusiveMinimum", ">"),
        ("maximum", "≤"),
        ("exclusiveMaximum", "<"),
    ):
        if key in prop:
            bounds.append(f"{word} {prop[key]}")
    return f"{t} ({', '.join(bounds)})" if bounds else str(t)


def _example(prop: dict[str, Any]) -> str:
    import json

    examples = prop.get("examples")
    if not examples:
        return ""
    ex = examples[0]
    text = ex if isinstance(ex, str) else json.dumps(ex, ensure_ascii=False)
    return f"`{text}`" if len(text) < 80 else ""


def _models(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    defs = {"Blueprint": schema, **schema["$defs"]}
    names = [n for n in _ORDER if n in defs] + sorted(set(defs) - set(_ORDER))
    for name in names:
        yield name, defs[name]


def format_reference() -> str:
    schema = blueprint_schema()
    lines = [
        "# Format reference",
        "",
        "Every key of a blueprint file, generated from the JSON Schema that "
        "`salesblueprint schema` prints (itself generated from the models). "
        "For the meaning of the parts and the default flow, see [the format](format.md).",
        "",
        "Types: *id* is lower-case letters, digits and `_`, starting with a letter; a "
        "*reference* is an id or `pipeline.stage` (or `tool.record` for `recorded_in`); a "
        "*duration* is `30m`, `24h`, `2d`, `1w` or ISO 8601 such as `PT24H`. "
        "Unknown keys are errors.",
        "",
    ]
    for name, definition in _models(schema):
        lines.append(f"## {name} {{#{_anchor(name)}}}")
        lines.append("")
        where = _YAML_KEY.get(name)
        desc = definition.get("description", "")
        if name == "Blueprint":
            desc = "A whole blueprint file."
        if where:
            lines.append(f"*Where:* {where}. {desc}".rstrip())
        elif desc:
            lines.append(desc)
        lines.append("")
        required = set(definition.get("required", []))
        lines.append("| Key | Type | Required | Description | Example |")
        lines.append("|---|---|---|---|---|")
        props = definition.get("properties", {})
        keys = sorted(props, key=lambda k: (k not in required, k == "lint", k))
        for key in keys:
            prop = props[key]
            desc = prop.get("description", "")
            if "default" in prop:
                desc += f" Default: `{str(prop['default']).lower()}`."
            req = "yes" if key in required else ""
            lines.append(
                f"| `{key}` | {_type(prop)} | {req} | {_cell(desc)} | {_cell(_example(prop))} |"
            )
        lines.append("")
    return "\n".join(lines)


def generate(write: Writer) -> None:
    rules = sorted(load_all().values(), key=lambda r: r.code)
    others = [lang for lang in LANGUAGES if lang != DEFAULT]
    links = " · ".join(
        f"[{_LANG_NAMES.get(lang, lang)}](../{lang}/rules/index.md)" for lang in others
    )
    write("rules/index.md", rules_index(rules, translator(DEFAULT), links))
    for r in rules:
        write(f"rules/{r.code}.md", rule_page(r, translator(DEFAULT)))
    for lang in others:
        tr = translator(lang)
        back = f"[{_LANG_NAMES[DEFAULT]}](../../rules/index.md)"
        write(f"{lang}/rules/index.md", rules_index(rules, tr, back))
        for r in rules:
            write(f"{lang}/rules/{r.code}.md", rule_page(r, tr))
    write("reference.md", format_reference())
    here = Path(__file__).resolve().parent
    if not (here / "diagrams.md").exists():  # until the diagrams guide lands
        write("diagrams.md", "# Diagrams\n\n`salesblueprint render` draws a blueprint.\n")


def _gen_files_writer() -> Writer:
    import mkdocs_gen_files

    def write(path: str, text: str) -> None:
        with mkdocs_gen_files.open(path, "w") as fh:
            fh.write(text)

    return write


def write_to(out: Path) -> Writer:
    def write(path: str, text: str) -> None:
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    return write


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python docs/gen_pages.py OUTDIR")
    generate(write_to(Path(sys.argv[1])))
elif __name__ == "<run_path>":  # run by mkdocs-gen-files
    generate(_gen_files_writer())
