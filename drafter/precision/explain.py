"""`drafter lint --explain RULE`: why a rule fires (a concept or organisation is explained by
drafter.library.views.explain_entry, which shows it as `snippets show` words it)."""

from __future__ import annotations

from drafter.precision.rules import RULES


def explain_rule(query: str) -> str | None:
    """What `drafter lint --explain` prints for a rule id; None if `query` names no rule."""
    key = query.strip().lower()
    if key not in RULES:
        return None
    rule = RULES[key]
    return (
        f"{key} (default severity: {rule.severity})\n\n{rule.doc}\n\n"
        f"Suppress one finding in the text with [drafter: ignore {key}] "
        f"(or <!-- drafter: ignore {key} --> in Markdown). See docs/precision.md."
    )
