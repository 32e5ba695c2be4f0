"""Write a copy of a .docx with a Word comment at each finding (drafter.ooxml.comments).

The comment is anchored on exactly the characters of the finding. Word allows comments only
in the main document, so a finding in a header or footer is noted on the first body
paragraph. The copy is written atomically; the original file is never touched.
"""

from __future__ import annotations

import io
from pathlib import Path

from drafter.fsutil import atomic_write_bytes
from drafter.precision.finding import Finding
from drafter.readers.document import Document

AUTHOR = "drafter lint"


def annotate(document: Document, findings: list[Finding], out: Path, *, force: bool = False) -> int:
    """Add one comment per unsuppressed finding; return how many were added."""
    from drafter.ooxml.comments import Anchor, add_comments

    first_body = next(
        (c.block for c in document.chunks if c.block.part == "body" and _first_text(c.block)), None
    )
    anchors = []
    for f in findings:
        if f.suppressed:
            continue
        chunk = document.chunk_at(f.start)
        text = f"{f.severity}: {f.message}"
        if f.suggestion:
            text += f"\nSuggestion: {f.suggestion}"
        text += f"\n[{f.rule}]"
        if chunk.block.part == "body":
            start = f.start - chunk.start
            anchors.append(Anchor(chunk.block, start, start + len(f.text), text))
        elif first_body is not None:
            where = chunk.locate(0).extra.get("part", "header")
            text = f"In the {where}: \u201c{f.text}\u201d. " + text
            anchors.append(Anchor(first_body, *_first_text(first_body), text))
    added = add_comments(document.source, anchors, author=AUTHOR, initials="DL")
    buffer = io.BytesIO()
    document.source.save(buffer)
    atomic_write_bytes(Path(out), buffer.getvalue(), force=force)
    return added


def _first_text(block) -> tuple[int, int] | None:
    """The characters of the first piece of text of a block (its first run's, as Word has it)."""
    return next(((s, e) for s, e, el in block.spans if el.tag.endswith("}t")), None)
