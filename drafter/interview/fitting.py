"""Fit a precision suggestion into the respondent's sentence, or say it cannot be fitted.

The check's suggestions are written for the term ("consulted / engaged", "member-owned"); the
sentence needs one word in the same form as the one it replaces ("were co-produced" ->
"were consulted"), with "a"/"an" before it agreeing. A suggestion that does not fit is
offered as advice to edit, never pasted in.
"""

from __future__ import annotations

import re

from drafter.interview.session import replacement
from drafter.precision import Finding

_ALTERNATIVES = re.compile(r"\s*(?:/|\bor\b)\s*")


def word_form(word: str) -> str:
    """A rough inflection class of the last word: past ("ed"), "ing", plural ("s") or base."""
    last = re.split(r"[\s-]", word.strip().lower())[-1]
    if last.endswith("ed"):
        return "ed"
    if last.endswith("ing"):
        return "ing"
    if last.endswith("s") and not last.endswith(("ss", "us", "is")):
        return "s"
    return "base"


def _same_word(a: str, b: str) -> bool:
    """A spelling variant of the same word ("cooperative" / "co-operative")."""
    letters = re.compile(r"[^a-z]")
    return letters.sub("", a.lower()) == letters.sub("", b.lower())


def fitted_replacement(text: str, finding: Finding) -> str | None:
    """One alternative that fits where `finding` stands in `text`, or None (advice only)."""
    suggestion = replacement(finding)
    if suggestion is None:
        return None
    start, end = finding.fix_span
    old = text[start:end]
    alternatives = [a for a in _ALTERNATIVES.split(suggestion) if a]
    for alternative in alternatives:
        if _same_word(alternative, old) or word_form(alternative) == word_form(old):
            return _matching_case(alternative, old)
    return None


def _matching_case(new: str, old: str) -> str:
    """Capitalised where the old word began a sentence ("Co-ops" -> "Co-operatives")."""
    if old[:1].isupper() and new[:1].islower():
        return new[:1].upper() + new[1:]
    return new


def apply_fitted(text: str, finding: Finding, new: str) -> tuple[str, int, int]:
    """`text` with the finding replaced by `new` and a preceding "a"/"an" made to agree;
    returns the new text and where the changed words now stand (start, end)."""
    start, end = finding.fix_span
    before = text[:start]
    article = re.search(r"\b([Aa]n?)(\s+)$", before)
    if article:
        wanted = "an" if new[:1].lower() in "aeiou" else "a"
        if article.group(1)[0].isupper():
            wanted = wanted.capitalize()
        if wanted != article.group(1):
            before = before[: article.start(1)] + wanted + article.group(2)
    out = before + new + text[end:]
    return out, len(before), len(before) + len(new)


def marked(text: str, start: int, end: int) -> str:
    """The line holding text[start:end], the changed words between ⟦ ⟧, so they show."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    return f"{text[line_start:start]}⟦{text[start:end]}⟧{text[end:line_end]}"
