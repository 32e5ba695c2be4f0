#!/usr/bin/env python3
"""The floor for any tool that writes .docx with python-docx: a bare script writing the same
headings and paragraphs as a response, with no styles of its own, glossary or checks.

    python bench/floor_python_docx.py RESPONSE.md OUT.docx

Reads drafter's own Markdown of a response (`drafter render --format md`): "#" lines become
headings, other blocks paragraphs (list items one paragraph each). bench_floor.py times whole
processes of this against `drafter render` and pandoc. On the demo it takes 104-121 ms
(2026-12-04), of which ~51 ms of CPU is importing python-docx (with lxml) and ~10 ms Python's start.
"""

import sys

import docx


def main(source: str, out: str) -> None:
    document = docx.Document()
    with open(source, encoding="utf-8") as handle:
        blocks = handle.read().split("\n\n")
    for block in blocks:
        block = block.strip()
        if not block:
            continue
        if block.startswith("#"):
            level = len(block) - len(block.lstrip("#"))
            document.add_heading(block[level:].strip(), level=min(level, 9))
        elif block.startswith(("- ", "* ", "1. ")):
            for line in block.splitlines():
                document.add_paragraph(line.lstrip("-*0123456789. ").strip())
        else:
            document.add_paragraph(" ".join(block.split()))
    document.save(out)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
