"""Codes the rule engine itself reports: a check that failed, and ignores that do nothing."""

from __future__ import annotations

from salesblueprint.rules.registry import declare

RULE_ERROR = declare(
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

UNUSED_IGNORE = declare(
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

UNKNOWN_RULE = declare(
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
