"""Word (.docx): body paragraphs and tables in reading order, then headers and footers.

Positions are the paragraph number (counted over everything read, in that order) and the
character within it; `part` says where the paragraph is (body, table, header, footer).
Italic runs are treated as titles, like quotations. Imports python-docx, so only a .docx
input loads it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from drafter.docxio import open_docx
from drafter.readers.document import Block, Document, Position
from drafter.readers.sniff import safe_text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from docx.document import Document as DocxDocument
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run


def iter_paragraphs(document: DocxDocument) -> Iterator[tuple[str, Paragraph]]:
    """(part, paragraph) in reading order: body (tables in place), then headers and footers."""
    from docx.table import Table

    def walk(container, part):
        for item in container.iter_inner_content():
            if isinstance(item, Table):
                yield from walk_table(item)
            else:
                yield part, item

    def walk_table(table):
        for r, row in enumerate(table.rows, 1):
            seen = set()
            for c, cell in enumerate(row.cells, 1):
                if id(cell._tc) in seen:  # a merged cell appears once per grid column
                    continue
                seen.add(id(cell._tc))
                yield from walk(cell, f"table row {r} cell {c}")

    yield from walk(document, "body")
    for number, section in enumerate(document.sections, 1):
        for label, part in (("header", section.header), ("footer", section.footer)):
            if part.is_linked_to_previous and number > 1:
                continue
            yield from walk(part, f"{label} (section {number})")


def runs_with_offsets(paragraph: Paragraph) -> Iterator[tuple[Run, int]]:
    """(run, offset in paragraph.text) for every run, including those inside hyperlinks."""
    from docx.text.hyperlink import Hyperlink

    offset = 0
    for item in paragraph.iter_inner_content():
        runs = item.runs if isinstance(item, Hyperlink) else [item]
        for run in runs:
            yield run, offset
            offset += len(run.text)


def read_docx(path: Path) -> Document:
    """A .docx draft as one block a paragraph, positions as paragraph and character."""
    document = open_docx(path)
    blocks = []
    for number, (part, paragraph) in enumerate(iter_paragraphs(document), 1):
        text = safe_text(paragraph.text)
        shielded = []
        for run, offset in runs_with_offsets(paragraph):
            if run.italic and run.text:
                shielded.append((offset, offset + len(run.text)))
        if not text.strip():
            continue
        blocks.append(Block(text, _locator(number, part), shielded=shielded, data=paragraph))
    return Document(Path(path), "docx", blocks, source=document)


def _locator(number: int, part: str):
    def locate(offset: int) -> Position:
        return Position(number, offset + 1, {"paragraph": number, "part": part})

    return locate
