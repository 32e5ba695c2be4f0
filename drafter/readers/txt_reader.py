"""Plain text: one chunk, locations as line and column."""

from __future__ import annotations

from pathlib import Path

from drafter.readers.document import Chunk, Document, line_locator
from drafter.readers.sniff import read_text_file


def read_txt(path: Path) -> Document:
    """A plain-text draft as one chunk, locations as line and column."""
    text = read_text_file(path, "text").replace("\r\n", "\n").replace("\r", "\n")
    return Document(Path(path), "txt", [Chunk(text, line_locator(text))])
