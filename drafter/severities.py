"""The severities of a precision finding: the one list, least severe first.

Kept out of the precision package so `drafter lint --help` can offer them as choices without
loading the engine. The rule registry, lint's options and reports, render's counts, the JSON
schema's enum and docs/precision.md read this list or are tested against it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

Severity = Literal["error", "warning", "suggestion"]

# lowest first: a severity's rank is its index
SEVERITIES: tuple[Severity, ...] = ("suggestion", "warning", "error")
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITIES)}
MOST_SEVERE_FIRST: tuple[Severity, ...] = SEVERITIES[::-1]


def count_by_severity(findings: Iterable) -> dict[str, int]:
    """How many findings of each severity, most severe first, leaving out suppressed ones
    (kept as written, or marked to ignore): what every summary of a check reports."""
    counts = dict.fromkeys(MOST_SEVERE_FIRST, 0)
    for finding in findings:
        if not finding.suppressed:
            counts[finding.severity] += 1
    return counts
