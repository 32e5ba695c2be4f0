"""The rules, in the order they run (docs/precision.md lists them with their severities)."""

from __future__ import annotations

from drafter.precision.context import RULES, SEVERITY_RANK, Context
from drafter.precision.coverage import coverage_rules
from drafter.precision.designations import designation_rules
from drafter.precision.frames import frame_rules, reference_rule
from drafter.precision.names import name_spelling_rule
from drafter.precision.usage import misuse_rule, vague_rule

__all__ = ["RULES", "SEVERITY_RANK", "run_rules"]


def run_rules(ctx: Context) -> None:
    """Every rule over one text; findings collect on ctx.findings."""
    designation_rules(ctx)
    name_spelling_rule(ctx)
    frame_rules(ctx)
    reference_rule(ctx)
    misuse_rule(ctx)  # before vague use: a misuse already explains the hit
    vague_rule(ctx)
    coverage_rules(ctx)
