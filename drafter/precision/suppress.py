"""Suppression markers written in the checked text itself (docs/precision.md).

`[drafter: ignore RULE, RULE]` (plain text, .docx, answers) or `<!-- drafter: ignore RULE -->`
(Markdown) marks the findings of those rules (all rules when none is named) as suppressed in
the paragraph that holds the marker; a marker alone in its paragraph covers the next one.
Suppressed findings stay in the output, marked as such, and never fail a run.
"""

from __future__ import annotations

import bisect
import dataclasses
import re

from drafter.precision.finding import Finding

MARKER = re.compile(
    r"(?:<!--\s*drafter:\s*ignore\b(?P<a>[^>]*?)-->|\[drafter:\s*ignore\b(?P<b>[^\]]*)\])",
    re.IGNORECASE,
)
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def markers(text: str) -> list[tuple[int, int, frozenset[str]]]:
    """(start, end, rules) of each paragraph a marker covers; empty rules mean all."""
    if "drafter:" not in text.lower():
        return []
    breaks = [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text)] + [len(text) + 1]
    out = []
    for m in MARKER.finditer(text):
        names = (m.group("a") or m.group("b") or "").replace(",", " ").split()
        rules = frozenset(n.lower() for n in names if n.lower() not in ("all", "*"))
        para = bisect.bisect_right(breaks, m.start(), hi=len(breaks) - 1) - 1
        start, end = breaks[para], breaks[para + 1]
        rest = (text[start : m.start()] + text[m.end() : end]).strip()
        if not rest and para + 2 < len(breaks):  # alone in its paragraph: covers the next
            start, end = breaks[para + 1], breaks[para + 2]
        out.append((start, end, rules))
    return out


def apply_markers(text: str, findings: list[Finding]) -> list[Finding]:
    """The findings with those a `drafter: ignore RULE` marker covers marked suppressed."""
    scopes = markers(text)
    if not scopes:
        return findings
    # scopes are whole paragraphs, so they never partly overlap: index them by their start,
    # merging the rules of markers covering the same paragraph (None: every rule)
    covered: dict[int, tuple[int, frozenset[str] | None]] = {}
    for start, end, rules in scopes:
        _, before = covered.get(start, (end, frozenset()))
        merged = None if before is None or not rules else before | rules
        covered[start] = (end, merged)
    starts = sorted(covered)
    out = []
    for f in findings:
        i = bisect.bisect_right(starts, f.start) - 1
        hidden = False
        if i >= 0:
            end, rules = covered[starts[i]]
            hidden = f.start < end and (rules is None or f.rule in rules)
        out.append(dataclasses.replace(f, suppressed=True) if hidden else f)
    return out
