"""A document as a flat list of text blocks in reading order, whatever its format.

Every reader (docx, Markdown, text, PDF) produces blocks; the question finder works on blocks
only, so it is written once. A .docx block also keeps its XML element and which `w:t` holds
which characters, so the form filler can tick a box in place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Block:
    text: str
    where: str  # "paragraph 12", "table 2 row 3 cell 1", "line 40", "page 2 line 7"
    heading: int = 0  # heading level; 0 for body text
    title: bool = False  # styled as the document title
    italic: bool = False
    cell: tuple[int, int, int] | None = None  # (table, row, cell), 1-based
    cell_first: bool = False  # first paragraph of its table cell
    # .docx only: the w:p element, its cell's w:tc, and (start, end, w:t) spans of the text
    element: Any = None
    cell_element: Any = None
    spans: list[tuple[int, int, Any]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.text.strip()

    @property
    def in_table(self) -> bool:
        return self.cell is not None
