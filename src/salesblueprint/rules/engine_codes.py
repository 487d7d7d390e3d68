"""Codes the rule engine itself reports: a check that failed, and ignores that do nothing."""

from __future__ import annotations

from salesblueprint.diagnostics.codes import declare
from salesblueprint.rules.registry import as_rule

RULE_ERROR = as_rule(
    declare(
        "SB900",
        "rule-error",
        group="engine",
        severity="error",
        doc="""
    A check failed with an internal error while checking this file.

    ## What it does
    Reports the rule and the error instead of stopping the whole run; every other rule still
    runs and reports.

    ## Why is this bad?
    It is a bug in salesblueprint, not in your file: please report it with the file that
    triggers it.
    """,
    )
)

UNUSED_IGNORE = as_rule(
    declare(
        "SB901",
        "unused-ignore",
        group="engine",
        severity="warning",
        preset="recommended",
        doc="""
    A ``lint: {ignore: [...]}`` entry that suppresses nothing.

    ## What it does
    Reports an ignore whose rule found nothing on that node or under it.

    ## Why is this bad?
    Stale ignores hide future problems: once the reason for the ignore is gone, the next real
    finding of that rule on that node would be silenced too.

    ## Example
    ```yaml
    - id: lead
      lint: {ignore: [dead-end-stage]}   # lead is not a dead end
    ```
    Use instead: remove the entry.
    """,
    )
)

UNKNOWN_RULE = as_rule(
    declare(
        "SB902",
        "unknown-rule",
        group="engine",
        severity="warning",
        preset="recommended",
        doc="""
    A ``lint: {ignore: [...]}`` entry that names no rule.

    ## What it does
    Reports the entry and the nearest rule code or name.

    ## Example
    ```yaml
    lint: {ignore: [dead-end]}
    ```
    Use instead:
    ```yaml
    lint: {ignore: [dead-end-stage]}
    ```
    """,
    )
)

INVALID_OPTION = as_rule(
    declare(
        "SB903",
        "invalid-option",
        group="engine",
        severity="error",
        preset="correctness",
        doc="""
    A rule option in the project's configuration that no rule declares, or of the wrong type.

    ## What it does
    Checks ``[tool.salesblueprint.options.<rule>]`` (or ``options:`` in
    ``.salesblueprint.yaml``) against the options each rule declares (``salesblueprint rule
    CODE`` lists them with their defaults): the rule must exist and have options, each option
    must be one of them, and its value of the option's type. What does not fit is reported
    against the configuration file, and the rule runs with its default.

    ## Why is this bad?
    A misspelt option is silently nothing: the rule keeps its default, and the team believes
    its own words are used.

    ## Example
    ```toml
    [tool.salesblueprint.options.handoff-without-flow]
    contact-record = "klant"
    ```
    Use instead:
    ```toml
    [tool.salesblueprint.options.handoff-without-flow]
    contact-records = ["contact", "klant"]
    ```
    """,
    )
)
