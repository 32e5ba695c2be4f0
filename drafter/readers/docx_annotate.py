"""Write a copy of a .docx with a Word comment at each finding (python-docx 1.2 comments).

The comment is anchored on exactly the characters of the finding: the runs around it are
split so the comment range starts and ends at the finding. Word allows comments only in the
main document, so a finding in a header or footer is noted on the first body paragraph.
The copy is written atomically; the original file is never touched.
"""

from __future__ import annotations

import copy
import io
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.fsutil import atomic_write_bytes
from drafter.readers.document import Document

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph
    from docx.text.run import Run

    from drafter.commands.lint_report import Record

AUTHOR = "drafter lint"


def annotate(document: Document, records: list[Record], out: Path, *, force: bool = False) -> int:
    """Add one comment per unsuppressed record; return how many were added."""
    docx_doc = document.source
    added = 0
    first_body = next((b.data for b in document.blocks if b.data is not None and _in_body(b)), None)
    for rec in records:
        f = rec.finding
        if f.suppressed:
            continue
        block = document.block_at(f.start)
        paragraph = block.data
        text = f"{f.severity}: {f.message}"
        if f.suggestion:
            text += f"\nSuggestion: {f.suggestion}"
        text += f"\n[{f.rule}]"
        if _in_body(block):
            start = f.start - block.start
            runs = isolate(paragraph, start, start + len(f.text))
        else:
            if first_body is None:
                continue
            text = (
                f"In the {block.locate(0).extra.get('part', 'header')}: \u201c{f.text}\u201d. "
                + text
            )
            runs = [r for r in first_body.runs if r.text][:1]
        if not runs:
            continue
        docx_doc.add_comment(runs, text=text, author=AUTHOR, initials="DL")
        added += 1
    buffer = io.BytesIO()
    docx_doc.save(buffer)
    atomic_write_bytes(Path(out), buffer.getvalue(), force=force)
    return added


def _in_body(block) -> bool:
    part = block.locate(0).extra.get("part", "body")
    return not part.startswith(("header", "footer"))


def isolate(paragraph: Paragraph, start: int, end: int) -> list[Run]:
    """The runs of `paragraph` covering exactly [start, end), splitting runs at the edges.

    Runs inside a hyperlink are never split (nor anchored on separately): the comment then
    starts at the nearest run outside it.
    """
    from drafter.readers.docx_reader import runs_with_offsets

    covering = []
    for run, r_start in list(runs_with_offsets(paragraph)):
        text = run.text
        r_end = r_start + len(text)
        if r_end <= start or r_start >= end or not text:
            continue
        if run._r.getparent() is not paragraph._p:  # inside a hyperlink: keep it whole
            continue
        if r_start < start:
            run = _split(run, start - r_start)
            r_start = start
        if r_end > end:
            _split(run, end - r_start)
        covering.append(run)
    if not covering:  # the finding lies wholly inside a hyperlink: anchor on the paragraph
        covering = [r for r in paragraph.runs if r.text][:1]
    return covering


def _split(run, at: int):
    """Split `run` at character `at`: it keeps the head; the new run after it (returned) holds
    the tail, with the same formatting."""
    from docx.text.run import Run

    text = run.text
    tail_element = copy.deepcopy(run._r)
    run._r.addnext(tail_element)
    tail = Run(tail_element, run._parent)
    run.text = text[:at]
    tail.text = text[at:]
    return tail
