"""Make pasted text safe to store and to put in a .docx, and say what was removed."""

from __future__ import annotations

import re

# XML 1.0 forbids C0 controls other than tab, LF and CR; Word chokes on them. Lone surrogates
# cannot be encoded as UTF-8 at all. DEL and C1 controls are invisible noise from pasting.
_UNSAFE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> tuple[str, int]:
    """Return the text with CRLF/CR made LF and unsafe characters removed, and how many went."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    cleaned, removed = _UNSAFE.subn("", text)
    return cleaned, removed
