"""The precision check: pure text in, findings out (docs/precision.md once issue 5 lands).

This is the stable interface the other rooms use:

    findings = check_text(text, library)          # list[Finding], positions are offsets
    terms = concepts_used(text, library)          # concept ids whose designations appear

Until the engine of issue 5 lands, check_text finds nothing and concepts_used does a simple
whole-word search; both keep their signatures when the real engine replaces them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from drafter.library import Library

Severity = Literal["error", "warning", "suggestion"]


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


def check_text(text: str, library: Library) -> list[Finding]:
    """Findings for one text. Placeholder until the issue-5 engine lands."""
    return []


def concepts_used(text: str, library: Library) -> list[str]:
    """Ids of concepts with a designation in `text`, in order of first appearance."""
    first: dict[str, int] = {}
    folded = _fold(text)
    for concept in library.concepts.values():
        for term in concept.terms:
            pattern = r"(?<![\w-])" + re.escape(_fold(term.text)).replace(r"\-", "[- ]")
            pattern += r"(?:s|es)?(?![\w-])"
            hit = re.search(pattern, folded if not term.match.case_sensitive else text)
            if hit and (concept.id not in first or hit.start() < first[concept.id]):
                first[concept.id] = hit.start()
    return sorted(first, key=first.get)


def _fold(text: str) -> str:
    return text.lower().replace("\u2010", "-").replace("\u2011", "-")
