"""The Document a reader returns: the text to check, cut into chunks, and the way back from an
offset in that text to a location a person can find in the file."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# chunks are joined with a blank line: the sentence splitter and suppression markers treat
# each chunk as its own paragraph
SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Location:
    """Where an offset is in the source file. `line`/`column` are 1-based."""

    line: int | None
    column: int | None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Chunk:
    """A stretch of the checked text (a paragraph, one answer, a whole .txt file) and how to
    locate offsets inside it. Not a `drafter.ooxml.blocks.Block`, which is a paragraph's
    structure in a source document; a .docx chunk keeps its Block in `block`."""

    text: str
    # offset in the chunk -> Location
    locate: Callable[[int], Location]
    start: int = 0  # offset of the chunk in Document.text (set by Document)
    # extra [start, end) spans inside the chunk to treat like quotations (titles in italics)
    shielded: list[tuple[int, int]] = field(default_factory=list)
    # the findings the respondent kept as written here (answers files: drafter.answers.KeptFinding)
    kept: list[Any] = field(default_factory=list)
    block: Any = None  # .docx: the paragraph's drafter.ooxml.blocks.Block (used by --annotate)


@dataclass
class Document:
    path: Path
    format: str
    chunks: list[Chunk]
    source: Any = None  # the parsed source (a python-docx Document for .docx)
    text: str = ""
    _starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        parts: list[str] = []
        offset = 0
        for chunk in self.chunks:
            chunk.start = offset
            self._starts.append(offset)
            parts.append(chunk.text)
            offset += len(chunk.text) + len(SEPARATOR)
        self.text = SEPARATOR.join(parts)

    def chunk_at(self, offset: int) -> Chunk:
        i = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return self.chunks[i]

    def location(self, offset: int) -> Location:
        chunk = self.chunk_at(offset)
        return chunk.locate(min(max(0, offset - chunk.start), len(chunk.text)))

    def shielded(self) -> list[tuple[int, int]]:
        return [(c.start + s, c.start + e) for c in self.chunks for s, e in c.shielded]


def line_locator(
    text: str, first_line: int = 1, first_column: int = 1, extra: dict | None = None
) -> Callable[[int], Location]:
    """Offsets in `text` as line and column, the text starting at (first_line, first_column)."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def locate(offset: int) -> Location:
        i = bisect.bisect_right(starts, offset) - 1
        column = offset - starts[i] + (first_column if i == 0 else 1)
        return Location(first_line + i, column, dict(extra or {}))

    return locate
