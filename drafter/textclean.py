"""Make pasted text safe to store and to put in a .docx, and say what was removed."""

from __future__ import annotations

import functools
import re

# XML 1.0 forbids C0 controls other than tab, LF and CR; Word chokes on them. Lone surrogates
# cannot be encoded as UTF-8 at all. DEL and C1 controls are invisible noise from pasting.
_CONTROLS = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"
_UNSAFE_BEYOND_LATIN1 = r"\ud800-\udfff\ufffe\uffff"
_UNSAFE_CONTROLS = re.compile(_CONTROLS)


@functools.cache
def _unsafe() -> re.Pattern[str]:
    """The whole unsafe set. A class reaching past U+00FF costs re ~1 ms to compile (it builds
    a 64K-entry map), so it is compiled only for text that holds one of those characters."""
    return re.compile(_CONTROLS[:-1] + _UNSAFE_BEYOND_LATIN1 + "]")


def _only_controls_unsafe(text: str) -> bool:
    """Whether the only unsafe characters `text` may hold are the controls (no lone surrogate,
    which UTF-8 cannot encode, and no U+FFFE or U+FFFF)."""
    if text.isascii():
        return True
    if "\ufffe" in text or "\uffff" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def clean_text(text: str) -> tuple[str, int]:
    """Return the text with CRLF/CR made LF and unsafe characters removed, and how many went."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pattern = _UNSAFE_CONTROLS if _only_controls_unsafe(text) else _unsafe()
    cleaned, removed = pattern.subn("", text)
    return cleaned, removed


# what a terminal may take as the start of a command (ESC, CSI, OSC ...) or that moves the
# cursor: every C0 control but tab and line feed, DEL and every C1 control
_TERMINAL_UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def for_terminal(text: str) -> str:
    """`text` safe to print: each control character shown as its `\\u00XX` escape, so text
    from a document or a shared file can never retitle the window or clear the screen (the
    escape is also valid inside a JSON string)."""
    return _TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)
