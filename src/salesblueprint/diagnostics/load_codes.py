"""Codes reported while reading a file: YAML syntax, safety guards, the schema and references.

These are not checks that run on a loaded blueprint: they are the reasons a file could not be
loaded at all. They are declared here so that ``salesblueprint rule SB003`` explains them too.
"""

from __future__ import annotations

from salesblueprint.diagnostics.codes import declare

YAML_SYNTAX = declare(
    "SB001",
    "yaml-syntax",
    group="syntax",
    severity="error",
    doc="""
    The file is not valid YAML.

    ## What it does
    Reports where the YAML parser stopped and why (an unclosed quote, a bad indent, a
    ``key: value`` where a list item was expected ...).

    ## Why is this bad?
    Nothing in a file that does not parse can be checked.

    ## Example
    ```yaml
    name: "Acme
    ```
    Use instead:
    ```yaml
    name: "Acme"
    ```
    """,
)

DUPLICATE_KEY = declare(
    "SB002",
    "duplicate-key",
    group="syntax",
    severity="error",
    doc="""
    A mapping has the same key twice.

    ## What it does
    Reports the second occurrence of a key and where the first one is.

    ## Why is this bad?
    Most YAML readers silently keep the last value, so half of what you wrote disappears.

    ## Example
    ```yaml
    - id: mql
      name: MQL
      name: Marketing qualified lead
    ```
    Use instead:
    ```yaml
    - id: mql
      name: Marketing qualified lead
    ```
    """,
)

FORBIDDEN_TAG = declare(
    "SB003",
    "forbidden-tag",
    group="syntax",
    severity="error",
    doc="""
    A YAML tag outside the core schema (``!!python/object``, ``!!binary``, ``!custom`` ...).

    ## What it does
    Allows only ``!!str``, ``!!int``, ``!!float``, ``!!bool``, ``!!null``, ``!!map``, ``!!seq``
    and ``!``. Nothing is ever constructed from a tag.

    ## Why is this bad?
    Tags like ``!!python/object/apply`` run code in unsafe YAML readers. A blueprint is data.

    ## Example
    ```yaml
    name: !!python/object/apply:os.system ["rm -rf /"]
    ```
    Use instead:
    ```yaml
    name: Acme inbound
    ```
    """,
)

ALIAS_LIMIT = declare(
    "SB004",
    "alias-limit",
    group="syntax",
    severity="error",
    doc="""
    Aliases (``*name``) expand to more nodes than the file allows, or name no anchor.

    ## What it does
    Counts every node an alias stands for and stops reading when the total passes the limit
    (an "alias bomb" or "billion laughs" file). Also reports an alias whose anchor is undefined.

    ## Why is this bad?
    A few lines of nested aliases can expand to billions of nodes and exhaust memory.

    ## Example
    ```yaml
    a: &a [x, x, x, x, x, x, x, x, x]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
    ```
    Use instead: write the values out, or reuse a small anchor a few times.
    """,
)

TOO_DEEP = declare(
    "SB005",
    "nesting-too-deep",
    group="syntax",
    severity="error",
    doc="""
    Lists and mappings are nested deeper than any blueprint needs.

    ## What it does
    Stops reading at the nesting limit, before the nesting can exhaust the parser.

    ## Why is this bad?
    A blueprint is at most about ten levels deep; thousands of levels are a hostile file.

    ## Example
    ```yaml
    name: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[
    ```
    """,
)

FILE_TOO_LARGE = declare(
    "SB006",
    "file-too-large",
    group="syntax",
    severity="error",
    doc="""
    The file is over the size limit (64 MiB) or holds more than 5,000,000 keys, values and items.

    ## What it does
    Refuses to parse files over the size limit without reading them into a parser, and stops
    reading at the first node over the node limit, where it reports this finding.

    ## Why is this bad?
    A blueprint of a thousand stages holds about twenty thousand nodes, one of 200,000 stages
    (about 50 MiB, the largest the benchmarks check) about four million; a larger file is a
    mistake (a data dump, a binary) or an attack on the machine running the check. The limits
    keep the memory a check needs bounded, whatever the file holds.
    """,
)

INVALID_ENCODING = declare(
    "SB007",
    "invalid-encoding",
    group="syntax",
    severity="error",
    doc="""
    The file is not valid UTF-8.

    ## What it does
    Reports the line and column of the first byte that is not UTF-8.

    ## Why is this bad?
    Blueprints are shared between tools and people; text in another encoding turns into
    garbage in names and criteria. Save the file as UTF-8.
    """,
)

TAB_INDENT = declare(
    "SB008",
    "tab-indentation",
    group="syntax",
    severity="error",
    doc="""
    A line is indented with a tab.

    ## What it does
    Reports every line whose indentation contains a tab character.

    ## Why is this bad?
    YAML forbids tabs for indentation; editors show them at different widths, so the
    structure you see is not the structure the parser reads.

    ## Example
    ```yaml
    teams:
    <TAB>- id: sales
    ```
    Use instead:
    ```yaml
    teams:
      - id: sales
    ```
    """,
)

NOT_A_BLUEPRINT = declare(
    "SB009",
    "not-a-blueprint",
    group="syntax",
    severity="error",
    doc="""
    The file is empty, holds more than one YAML document, or its top level is not a mapping.

    ## What it does
    Checks that the file holds exactly one document whose top level is ``key: value`` pairs.

    ## Example
    ```yaml
    - id: lead
    - id: mql
    ```
    Use instead:
    ```yaml
    salesblueprint: 1
    name: Acme inbound
    lifecycle:
      stages:
        - id: lead
        - id: mql
    ```
    """,
)

UNSUPPORTED_VERSION = declare(
    "SB010",
    "unsupported-version",
    group="syntax",
    severity="error",
    doc="""
    ``salesblueprint:`` is missing or is not ``1``.

    ## What it does
    Every blueprint starts with the format version; this release reads version 1.

    ## Why is this bad?
    Without a version, a future format change could silently change what your file means.

    ## Example
    ```yaml
    name: Acme inbound
    ```
    Use instead:
    ```yaml
    salesblueprint: 1
    name: Acme inbound
    ```
    """,
)

UNREADABLE = declare(
    "SB011",
    "unreadable-file",
    group="syntax",
    severity="error",
    doc="""
    The file could not be read (permissions, a directory, a broken link).

    ## What it does
    Reports the operating system's reason instead of a crash.
    """,
)

UNSUPPORTED_YAML = declare(
    "SB012",
    "unsupported-yaml",
    group="syntax",
    severity="error",
    doc="""
    A YAML feature a blueprint does not use: merge keys (``<<``), or a list or mapping as a key.

    ## What it does
    Reports the key. Keys in a blueprint are always plain text.

    ## Why is this bad?
    Merge keys are a YAML 1.1 extension that readers handle differently; what one tool sees
    another does not. Write the keys out.
    """,
)

UNKNOWN_KEY = declare(
    "SB020",
    "unknown-key",
    group="schema",
    severity="error",
    doc="""
    A key the format does not define, usually a typo.

    ## What it does
    Reports the key and the nearest key that is allowed there ("did you mean ...").

    ## Why is this bad?
    A misspelt key would otherwise be silently dropped, and the setting you wrote would not
    apply.

    ## Example
    ```yaml
    - id: mql
      nmae: Marketing qualified lead
    ```
    Use instead:
    ```yaml
    - id: mql
      name: Marketing qualified lead
    ```
    """,
)

MISSING_KEY = declare(
    "SB021",
    "missing-key",
    group="schema",
    severity="error",
    doc="""
    A required key is missing.

    ## What it does
    Reports the key and the mapping that lacks it: ``name`` of the blueprint, ``id`` of a
    stage, ``outcome`` of an exit criterion ...

    ## Example
    ```yaml
    exit_criteria:
      - evidence: Signed order form
    ```
    Use instead:
    ```yaml
    exit_criteria:
      - outcome: Buyer signed the order form
        evidence: Signed order form
    ```
    """,
)

INVALID_VALUE = declare(
    "SB022",
    "invalid-value",
    group="schema",
    severity="error",
    doc="""
    A value of the wrong kind or out of range.

    ## What it does
    Reports the value, what was expected, and the allowed values where there is a fixed set:
    text where a list is expected, a probability above 1, an id with capitals, ``yes`` where
    ``true`` is meant, an unknown ``outcome`` ...

    ## Example
    ```yaml
    - id: Needs-Confirmed
      probability: 20%
    ```
    Use instead:
    ```yaml
    - id: needs_confirmed
      probability: 0.2
    ```
    """,
)

DUPLICATE_ID = declare(
    "SB023",
    "duplicate-id",
    group="schema",
    severity="error",
    doc="""
    Two items in one list share an ``id`` (two stages, two teams, two tools ...).

    ## Why is this bad?
    References (``owner:``, ``from:``, ``recorded_in:``) would be ambiguous.

    ## Example
    ```yaml
    stages:
      - id: lead
      - id: lead
    ```
    """,
)

UNKNOWN_REFERENCE = declare(
    "SB024",
    "unknown-reference",
    group="schema",
    severity="error",
    doc="""
    A reference names something the blueprint does not declare.

    ## What it does
    Resolves every reference and suggests the nearest existing id ("did you mean ..."): an
    ``owner`` that is not a team, a transition to a stage that does not exist, a lifecycle
    ``pipeline:`` that is not a pipeline, ``recorded_in`` a tool (or record) that is not in the
    tool map, a flow between unknown tools or triggered by an unknown stage.

    ## Example
    ```yaml
    teams: [{id: sales}]
    lifecycle:
      stages:
        - id: sql
          owner: sale
    ```
    Use instead:
    ```yaml
          owner: sales
    ```
    """,
)
