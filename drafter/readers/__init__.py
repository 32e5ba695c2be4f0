"""Readers: turn a .docx, .md, .txt or answers file into text with locations.

Each reader returns a Document: the text to check (chunks joined by blank lines, so no
sentence runs from one chunk into the next) and a way back from an offset in that text to a
location a person can find in the file (line and column; paragraph and character in a .docx;
question and offset in an answers file). Only the .docx reader imports python-docx.
"""

from __future__ import annotations

from pathlib import Path

from drafter.errors import InputError
from drafter.readers.document import Chunk, Document, Location

__all__ = ["Chunk", "Document", "Location", "read_document", "FORMATS"]

FORMATS = {
    ".docx": "docx",
    ".md": "md",
    ".markdown": "md",
    ".txt": "txt",
    ".text": "txt",
    ".yaml": "answers",
    ".yml": "answers",
}


def format_of(path: Path) -> str:
    return FORMATS.get(path.suffix.lower(), "txt")


def read_document(path: Path) -> Document:
    """Read `path` by its extension; InputError (exit 2) if it is not what its name says."""
    path = Path(path)
    if path.is_dir():
        raise InputError("is a folder, not a file", path=path)
    if not path.exists():
        raise InputError("file not found", path=path)
    fmt = format_of(path)
    if fmt == "docx":
        from drafter.readers.docx_reader import read_docx

        return read_docx(path)
    if fmt == "md":
        from drafter.readers.md_reader import read_md

        return read_md(path)
    if fmt == "answers":
        from drafter.readers.answers_reader import read_answers

        return read_answers(path)
    from drafter.readers.txt_reader import read_txt

    return read_txt(path)
