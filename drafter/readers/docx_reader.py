"""Word (.docx) for the precision check: the one walker's blocks (drafter.ooxml.blocks).

Body paragraphs and table cells in reading order (content controls included), then each
section's headers and footers. Positions are the paragraph number (counted over everything
read, in that order, empty paragraphs too) and the character within it; `part` says where
the paragraph is (body, table, header, footer). Italic text, whether italic on the run or
through its style, is treated as a title, like quotations. Only a .docx input loads
python-docx.
"""

from __future__ import annotations

from pathlib import Path

from drafter.readers.document import Chunk, Document, Location
from drafter.readers.sniff import safe_text


def read_docx(path: Path) -> Document:
    """A .docx draft as one chunk a paragraph, locations as paragraph and character."""
    from drafter.ooxml.blocks import read_blocks
    from drafter.ooxml.package import open_docx

    document = open_docx(path)
    chunks = []
    for number, block in enumerate(read_blocks(document), 1):
        if not block.text.strip():
            continue
        chunks.append(
            Chunk(
                safe_text(block.text),
                _locator(number, _part(block)),
                shielded=list(block.emphasis),
                block=block,
            )
        )
    return Document(Path(path), "docx", chunks, source=document)


def _part(block) -> str:
    """ "body", "table row 2 cell 1", "header (section 1)": where a person finds it."""
    if block.part != "body":
        return block.where
    if block.cell is not None:
        _table, row, cell = block.cell
        return f"table row {row} cell {cell}"
    return "body"


def _locator(number: int, part: str):
    def locate(offset: int) -> Location:
        return Location(number, offset + 1, {"paragraph": number, "part": part})

    return locate
