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


# what a terminal may take as the start of a command (ESC, CSI, OSC ...) or that moves the
# cursor: every C0 control but tab and line feed, DEL and every C1 control
_TERMINAL_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def for_terminal(text: str) -> str:
    """`text` safe to print: each control character shown as its `\\u00XX` escape, so text
    from a document or a shared file can never retitle the window or clear the screen (the
    escape is also valid inside a JSON string)."""
    return _TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)
