"""The Document a reader returns, and positions within the file it came from."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# blocks are joined with a blank line: the sentence splitter and suppression markers treat
# each block as its own paragraph
SEPARATOR = "\n\n"


@dataclass(frozen=True)
class Position:
    """Where an offset is in the source file. `line`/`column` are 1-based."""

    line: int | None
    column: int | None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class Block:
    """One paragraph-like unit of the source, and how to locate offsets inside it."""

    text: str
    # offset in the block -> Position
    locate: Callable[[int], Position]
    start: int = 0  # offset of the block in Document.text (set by Document)
    # extra [start, end) spans inside the block to treat like quotations (titles in italics)
    shielded: list[tuple[int, int]] = field(default_factory=list)
    # rule ids the user kept as written here (answers files: kept_findings), as (rule, text)
    kept: list[tuple[str, str]] = field(default_factory=list)
    data: Any = None  # the reader's handle on the source paragraph (used by --annotate)


@dataclass
class Document:
    path: Path
    format: str
    blocks: list[Block]
    source: Any = None  # the parsed source (a python-docx Document for .docx)
    text: str = ""
    _starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        parts: list[str] = []
        offset = 0
        for block in self.blocks:
            block.start = offset
            self._starts.append(offset)
            parts.append(block.text)
            offset += len(block.text) + len(SEPARATOR)
        self.text = SEPARATOR.join(parts)

    def block_at(self, offset: int) -> Block:
        i = max(0, bisect.bisect_right(self._starts, offset) - 1)
        return self.blocks[i]

    def position(self, offset: int) -> Position:
        block = self.block_at(offset)
        return block.locate(min(max(0, offset - block.start), len(block.text)))

    def shielded(self) -> list[tuple[int, int]]:
        return [(b.start + s, b.start + e) for b in self.blocks for s, e in b.shielded]


def line_locator(
    text: str, first_line: int = 1, first_column: int = 1, extra: dict | None = None
) -> Callable[[int], Position]:
    """Offsets in `text` as line and column, the text starting at (first_line, first_column)."""
    starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def locate(offset: int) -> Position:
        i = bisect.bisect_right(starts, offset) - 1
        column = offset - starts[i] + (first_column if i == 0 else 1)
        return Position(first_line + i, column, dict(extra or {}))

    return locate
