"""Read Markdown (markdown-it-py tokens), plain text and PDF (via pdftotext) into blocks."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from drafter.errors import InputError
from drafter.importer.legacy import run_tool
from drafter.importer.options import BOX
from drafter.ooxml.blocks import Block
from drafter.textclean import clean_text

# a line that begins something new even without a blank line before it
_NEW_LINE = re.compile(
    r"^\s*(?:(?:question|cwestiwn)\s*\d|Q\s?\d{1,3}\b|\d{1,3}[a-z]?[.):]\s|\(?[a-z]\)\s|"
    r"[☐□❑❒▢◻⬜☒☑]|\[[ xX]?\]|[-*•]\s)",
    re.I,
)
_LABEL_LINE = re.compile(r"^\s*[A-Z][A-Za-z ]{2,30}:(\s|$)")  # "Closing date: ...", "Comments:"


def read_markdown(text: str) -> list[Block]:
    """A consultation written in Markdown as blocks: headings, paragraphs, list items, cells."""
    from drafter.readers.md_reader import source_parser

    tokens = source_parser().parse(text)
    blocks: list[Block] = []
    heading = 0
    pending_label = ""
    line = 1
    table = row = col = 0
    in_cell = False
    for i, tok in enumerate(tokens):
        if tok.map:
            line = tok.map[0] + 1
        if tok.type == "heading_open":
            heading = int(tok.tag[1:])
        elif tok.type == "heading_close":
            heading = 0
        elif tok.type == "list_item_open" and tok.info:
            pending_label = f"{tok.info}{tok.markup}"  # "3." or "3)": the number as printed
        elif tok.type == "table_open":
            table += 1
            row = 0
        elif tok.type == "tr_open":
            row += 1
            col = 0
        elif tok.type in {"th_open", "td_open"}:
            col += 1
            in_cell = True
        elif tok.type in {"th_close", "td_close"}:
            in_cell = False
        elif tok.type == "inline":
            plain, italic = _inline_text(tok)
            if pending_label and tokens[i - 1].type == "paragraph_open":
                plain = f"{pending_label} {plain}"
                pending_label = ""
            cell = (table, row, col) if in_cell else None
            where = f"table {table} row {row} cell {col}" if in_cell else f"line {line}"
            blocks.append(
                Block(
                    text=plain,
                    where=where,
                    heading=heading,
                    italic=italic,
                    cell=cell,
                    cell_first=in_cell,
                )
            )
    return blocks


def _inline_text(tok) -> tuple[str, bool]:
    parts = []
    italic_depth = 0
    all_italic = True
    for child in tok.children or []:
        if child.type in {"em_open"}:
            italic_depth += 1
        elif child.type == "em_close":
            italic_depth -= 1
        elif child.type in {"text", "code_inline"}:
            parts.append(child.content)
            if child.content.strip() and not italic_depth:
                all_italic = False
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
    text = "".join(parts)
    return text, all_italic and bool(text.strip())


def read_text(text: str, *, page_lines: bool = False) -> list[Block]:
    """Paragraphs separated by blank lines; a numbered or boxed line also starts a block."""
    blocks: list[Block] = []
    current: list[str] = []
    where = ""
    page, line_in_page = 1, 0

    def flush():
        if current:
            blocks.append(Block(text=" ".join(s.strip() for s in current), where=where))
            current.clear()

    for number, raw in enumerate(text.split("\n"), start=1):
        if "\f" in raw:
            page += raw.count("\f")
            line_in_page = 0
            raw = raw.replace("\f", "")
        line_in_page += 1
        if not raw.strip():
            flush()
            continue
        if current and (
            _NEW_LINE.match(raw)
            or _LABEL_LINE.match(raw)
            or _LABEL_LINE.match(current[-1])
            or current[-1].rstrip().endswith("?")
            or _complete_box_line(" ".join(current))
        ):
            flush()
        if not current:
            where = f"page {page} line {line_in_page}" if page_lines else f"line {number}"
        current.append(raw)
    flush()
    return blocks


def _complete_box_line(line: str) -> bool:
    """A line of boxes ends its block, unless it ends with a box whose label wrapped."""
    found = list(BOX.finditer(line))
    return bool(found) and bool(line[found[-1].end() :].strip())


PDFTOTEXT_TIMEOUT = 120  # seconds


def pdf_to_text(path: Path) -> str:
    """The text of a PDF via poppler's pdftotext (an argument list and a timeout, no shell)."""
    tool = shutil.which("pdftotext")
    if tool is None:
        raise InputError(
            "reading a PDF needs pdftotext; install poppler-utils "
            "(e.g. `apt-get install poppler-utils` or `brew install poppler`)",
            path=path,
        )
    try:
        result = run_tool([tool, "-enc", "UTF-8", str(path), "-"], timeout=PDFTOTEXT_TIMEOUT)
    except subprocess.TimeoutExpired:
        raise InputError("pdftotext took too long to read this PDF", path=path) from None
    if result.returncode != 0:
        detail = result.stderr.decode("utf-8", "replace").strip().splitlines()
        reason = detail[-1] if detail else f"exit {result.returncode}"
        if "password" in reason.lower() or "encrypt" in reason.lower():
            raise InputError("the PDF is password-protected; save an unprotected copy", path=path)
        raise InputError(f"pdftotext could not read it ({reason})", path=path)
    text, _ = clean_text(result.stdout.decode("utf-8", "replace"))
    return text
