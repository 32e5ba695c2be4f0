"""Markdown: the text of headings, paragraphs, list items and table cells, with line and column.

Parsed with markdown-it-py (CommonMark plus tables). Code blocks and code spans are not
checked; link targets are not text; italic spans are treated as titles (like quotations);
HTML comments are dropped except drafter suppression markers, which are kept as text so the
engine can apply them.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.precision.suppress import MARKER
from drafter.readers.document import Chunk, Document, Location
from drafter.readers.sniff import read_text_file

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_LINE_STARTS = re.compile("\n")


@lru_cache(maxsize=1)
def source_parser() -> MarkdownIt:
    """The parser for Markdown a person wrote (a draft, a consultation): CommonMark plus
    tables, HTML kept as tokens so comments and suppression markers can be seen. The
    importer uses it too, so both read a .md file the same way."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def read_md(path: Path) -> Document:
    """A .md draft as chunks of checkable text with line and column."""
    source = read_text_file(path, "Markdown").replace("\r\n", "\n").replace("\r", "\n")
    return Document(Path(path), "md", markdown_chunks(source))


def markdown_chunks(source: str, line_offset: int = 0) -> list[Chunk]:
    """Chunks of checkable text in Markdown `source`; lines numbered from line_offset + 1."""
    parser = source_parser()
    line_starts = [0] + [m.end() for m in _LINE_STARTS.finditer(source)]
    line_starts.append(len(source) + 1)
    chunks: list[Chunk] = []
    for token in parser.parse(source):
        if token.map is None:
            continue
        lo = line_starts[token.map[0]]
        hi = line_starts[min(token.map[1], len(line_starts) - 1)]
        if token.type == "inline":
            chunks.append(_inline_chunk(token, source, lo, hi, line_starts, line_offset))
        elif token.type in ("html_block",):
            for m in MARKER.finditer(token.content):
                at = source.find(m.group(), lo)
                chunks.append(_plain_chunk(m.group(), max(at, lo), line_starts, line_offset))
    return [c for c in chunks if c.text.strip()]


def _inline_chunk(token, source, lo, hi, line_starts, line_offset) -> Chunk:
    parts: list[str] = []
    segments: list[tuple[int, int]] = []  # (offset in chunk text, offset in source)
    shielded: list[tuple[int, int]] = []
    cursor = lo
    length = 0
    em_start: int | None = None
    for child in token.children or []:
        kind = child.type
        if kind in ("text", "html_inline"):
            content = child.content
            if kind == "html_inline" and not MARKER.fullmatch(content.strip()):
                continue
            found = source.find(content, cursor, hi) if content else -1
            where = found if found >= 0 else cursor
            segments.append((length, where))
            if found >= 0:
                cursor = found + len(content)
            parts.append(content)
            length += len(content)
        elif kind in ("softbreak", "hardbreak"):
            parts.append("\n")
            length += 1
        elif kind == "code_inline":
            parts.append(" ")
            length += 1
        elif kind == "em_open":
            em_start = length
        elif kind == "em_close" and em_start is not None:
            shielded.append((em_start, length))
            em_start = None
    text = "".join(parts)
    return Chunk(text, _segment_locator(segments, line_starts, line_offset, lo), shielded=shielded)


def _plain_chunk(text: str, at: int, line_starts, line_offset) -> Chunk:
    return Chunk(text, _segment_locator([(0, at)], line_starts, line_offset, at))


def _segment_locator(segments, line_starts, line_offset, default):
    keys = [s for s, _ in segments]

    def locate(offset: int) -> Location:
        i = bisect.bisect_right(keys, offset) - 1
        src = segments[i][1] + (offset - segments[i][0]) if i >= 0 else default
        line = bisect.bisect_right(line_starts, src) - 1
        return Location(line + 1 + line_offset, src - line_starts[line] + 1)

    return locate
