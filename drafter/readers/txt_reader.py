"""Plain text: one block, positions as line and column."""

from __future__ import annotations

from pathlib import Path

from drafter.readers.document import Block, Document, line_locator
from drafter.readers.sniff import read_text_file


def read_txt(path: Path) -> Document:
    """A plain-text draft as one block, positions as line and column."""
    text = read_text_file(path, "text").replace("\r\n", "\n").replace("\r", "\n")
    return Document(Path(path), "txt", [Block(text, line_locator(text))])
