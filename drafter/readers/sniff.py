"""Decide whether bytes are text, and make text safe to check without moving offsets."""

from __future__ import annotations

import re
from pathlib import Path

from drafter.errors import InputError
from drafter.fsutil import decode_utf8, read_user_bytes

# C0 controls other than tab, LF and CR, DEL and C1 controls: replaced by spaces one for one
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def read_text_file(path: Path, kind: str) -> str:
    """Read `path` as UTF-8 text; InputError if it is binary or not UTF-8."""
    raw = read_user_bytes(path)
    head = raw[:8192]
    if b"\x00" in head or head.startswith((b"PK\x03\x04", b"%PDF", b"\xd0\xcf\x11\xe0")):
        raise InputError(f"is binary data, not a {kind} file", path=path)
    text = decode_utf8(raw, path, kind=kind)
    if "\x00" in text:
        raise InputError(f"is binary data, not a {kind} file", path=path)
    return safe_text(text)


def safe_text(text: str) -> str:
    """Control characters become spaces (one for one, so positions stay right)."""
    return _CONTROLS.sub(" ", text)
