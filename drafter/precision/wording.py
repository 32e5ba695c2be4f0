"""Messages as a reader sees them: the library's internal labels taken out.

Library notes and messages cite the fact sheet for maintainers ("Pattern C7.", "(pattern C13)",
"(fact sheet entry 7, [92])", "[sheet 16]"). Those mean nothing to the person reading a finding;
`drafter lint --explain` still shows the library's text in full.
"""

from __future__ import annotations

import re

_LABELS = re.compile(
    r"""
      \s*\((?:see\s+)?(?:the\s+)?(?:fact\s+sheet|patterns?\s+C\d|entry\s+\d|sheet\s+\d)[^)]*\)
    | \b[Pp]atterns?\s+C\d+(?:\s*(?:[-–,]|and)\s*C?\d+)*\s*[.;:]?(?=\s|$)
    | \s*\[(?:sheet\s+)?\d+\](?:\s*\[\d+\])*
    """,
    re.VERBOSE,
)
_SPACE_BEFORE_STOP = re.compile(r"\s+([.,;:])")


def for_readers(text: str) -> str:
    """`text` without maintainers' labels, its spacing and first capital mended."""
    if "attern" not in text and "[" not in text and "sheet" not in text and "entry" not in text:
        return text
    marked = " ".join(_LABELS.sub(" \0 ", text).split())
    # a sentence that began with a label ("... 'co-operative'. Pattern C6: an unhyphenated")
    # begins with a capital once the label is gone
    marked = _AFTER_LABEL.sub(lambda m: m.group(1) + m.group(2).upper(), marked)
    cleaned = _SPACE_BEFORE_STOP.sub(r"\1", " ".join(marked.replace("\0", " ").split()))
    cleaned = cleaned.lstrip(".;: ")
    return cleaned[:1].upper() + cleaned[1:] if cleaned else cleaned


_AFTER_LABEL = re.compile(r"([.!?]\s+\0\s+)([a-z])")
