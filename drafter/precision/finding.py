"""A finding: what the precision check reports about one span of a checked text."""

from __future__ import annotations

from dataclasses import dataclass

from drafter.severities import Severity


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    start: int  # offset into the checked text
    end: int
    text: str  # the matched text as written
    message: str  # why, in plain words
    suggestion: str | None = None
    concept: str | None = None
    suppressed: bool = False
    # the words a drop-in suggestion replaces, when the finding shows more than them (a misuse
    # shows the term and the words that make it one); None: the whole span
    replaces: tuple[int, int] | None = None

    @property
    def fix_span(self) -> tuple[int, int]:
        """Where a drop-in suggestion goes."""
        return self.replaces or (self.start, self.end)
