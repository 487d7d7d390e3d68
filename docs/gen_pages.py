"""Generate the docs pages that must never be written twice (run by mkdocs-gen-files).

- ``rules/index.md`` and one ``rules/<CODE>.md`` per rule, from the rules' own docstrings
  (``salesblueprint.rules.registry.load_all()``);
- ``reference.md``, the key-by-key format reference, from the JSON Schema that
  ``salesblueprint schema`` prints (itself generated from the pydantic models).

Run ``python docs/gen_pages.py OUTDIR`` to write the pages to a directory instead.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from salesblueprint.diagnostics.codes import BANDS
from salesblueprint.rules.registry import Rule, load_all, options_doc
from salesblueprint.schema import blueprint_schema

Writer = Callable[[str, str], None]

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


def rule_page(r: Rule) -> str:
    meta = [
        f"**Group:** {r.group}",
        f"**Default severity:** {r.severity}",
        f"**Preset:** {r.preset}",
    ]
    if r.norm:
        meta.append(f"**Norm:** {r.norm}")
    if r.aliases:
        meta.append(f"**Old names:** {', '.join(r.aliases)}")
    doc = r.doc.strip()
    first, _, rest = doc.partition("\n")
    options = f"{options_doc(r)}\n" if r.options else ""
    return (
        f"# {r.code} {r.name}\n\n{first}\n\n{' · '.join(meta)}\n\n{rest.strip()}\n\n"
        f"{options}"
        f"Silence it on a node with `lint: {{ignore: [{r.name}]}}`, or for the project with "
        f'`ignore = ["{r.code}"]` in `[tool.salesblueprint]`. '
        f"`salesblueprint rule {r.code}` prints this page.\n"
    )


def rules_index(rules: list[Rule]) -> str:
    lines = [
        "# Rules",
        "",
        "Every code a finding can carry. The *correctness* preset runs only the rules that "
        "find broken models; *partial* all but the *completeness* group; *recommended* (the "
        "default) runs them all ([presets](../configuration.md)). "
        "`salesblueprint rules` prints this list.",
        "",
        "Codes come in bands, one per theme; a new rule takes the next free code of its band:",
        "",
        "| Codes | What they are about |",
        "|---|---|",
        *(f"| {first}–{last} | {what} |" for first, last, what in BANDS),
        "",
        "| Code | Name | Group | Severity | Preset | Norm | Summary |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rules:
        lines.append(
            f"| [{r.code}]({r.code}.md) | {r.name} | {r.group} | {r.severity} | {r.preset} "
            f"| {r.norm or ''} | {_cell(r.summary)} |"
        )
    return "\n".join(lines) + "\n"


def generate(write: Writer) -> None:
    rules = sorted(load_all().values(), key=lambda r: r.code)
    write("rules/index.md", rules_index(rules))
    for r in rules:
        write(f"rules/{r.code}.md", rule_page(r))
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
