"""User text is data: the one place that makes it safe to put into Markdown.

Everything a template prints passes through `escape_markdown` unless it is `SafeMarkdown`
(Markdown the template itself or the vetted library produced). So a response that contains
`# Heading`, `[link](http://x)`, `<b>`, a table row or `{{ 7*7 }}` prints exactly as typed.

The one structure we keep from user text (docs/formats.md, "What a response may contain"):
paragraphs separated by blank lines, and a simple list typed as lines that start with "- ",
"* " or "• " (bullets), with "1. ", "2. ", ... counting up from 1 (a numbered list of two or
more items) or with "(a) ", "(b) ", ... from (a) (two or more items, printed as bullets that keep
their letters). A list may follow a line of text in the same block ("We ask commissioners
to:" then the items): the text is a paragraph and the list follows it, as the respondent
meant. Anything else that Markdown would turn into structure (a lone "2014. was the year"
line, "---", "> quote", indented code) is printed literally.
"""

from __future__ import annotations

import re


class SafeMarkdown(str):
    """Markdown produced by a template or the vetted library: printed without escaping."""

    __slots__ = ()


# Characters that can start inline structure anywhere in a line: emphasis, code, links,
# images, autolinks/HTML, tables, strikethrough and backslash escapes themselves.
_INLINE = re.compile(r"([\\`*_\[\]<>|~])")
# An HTML entity or numeric character reference, which Markdown would decode.
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# Line starts that Markdown reads as block structure.
_LINE_START = frozenset("#>+=-")
# "2014. was a good year" would start a numbered list: escape the dot, not the digits.
_LINE_NUMBER = re.compile(r"^(\d+)([.)])")
_BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*(\d{1,3})[.)]\s+(.*)$")
_LETTERED = re.compile(r"^\s*\(([a-z])\)\s+(.*)$")


def _one_newline(text: str) -> str:
    """CRLF and lone CR become LF: Markdown ends a line at a CR too, so every line start must
    be seen (and escaped) here, whether the text came from an answer or a hand-written file."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def escape_markdown(text: str) -> str:
    """Return `text` as Markdown that displays exactly these characters and no structure.

    Tabs become spaces and each line loses its leading and trailing whitespace (which would
    otherwise make code blocks or hard line breaks).
    """
    text = _one_newline(str(text)).replace("\t", " ")
    # (a sub with a replacement template costs more than a search that finds nothing, and
    # most values have nothing to escape: a third of a template pass went on escaping)
    if _INLINE.search(text):
        text = _INLINE.sub(r"\\\1", text)
    if "&" in text:
        text = _ENTITY.sub(r"\\&", text)
    return "\n".join([_escape_line_start(line.strip()) for line in text.split("\n")])


def _escape_line_start(line: str) -> str:
    """A line with the start Markdown would read as block structure escaped."""
    first = line[:1]
    if not first:
        return line
    if first in _LINE_START:
        return "\\" + line
    if first.isdecimal():  # exactly what \d matches
        return _LINE_NUMBER.sub(r"\1\\\2", line)
    return line


def escape_line(text: str) -> str:
    """Escape text that must stay on one line (a table cell, a heading): newlines collapse."""
    return escape_markdown(" ".join(str(text).split()))


def user_blocks(text: str) -> SafeMarkdown:
    """A respondent's text as Markdown blocks: paragraphs and simple lists kept, nothing else."""
    text = _one_newline(str(text))
    blocks = [b for b in re.split(r"\n[ \t]*\n", text.strip()) if b.strip()]
    out = []
    for block in blocks:
        lines = [line for line in block.split("\n") if line.strip()]
        start = list_start(lines)
        if start is None:
            out.append(escape_markdown(block))
            continue
        if start:  # the lead-in: "We ask commissioners to:"
            out.append(escape_markdown("\n".join(lines[:start])))
        listed = _as_list(lines[start:])
        if listed:
            out.append(listed)
    return SafeMarkdown("\n\n".join(out))


def list_start(lines: list[str]) -> int | None:
    """Where the simple list that ends this block of lines starts (0: the whole block is one),
    or None if the block does not end in one. The one rule for what a typed list is."""
    for start in range(len(lines)):
        if _as_list(lines[start:]) is not None:
            return start
    return None


def _as_list(lines: list[str]) -> str | None:
    """`lines` as a Markdown list if every one is an item of one simple list, else None ("" for
    a list of empty items, which prints nothing)."""
    bullets = [_BULLET.match(line) for line in lines]
    if all(bullets):
        items = [m.group(1) for m in bullets if m.group(1).strip()]  # "- " alone: nothing
        return "\n".join("- " + escape_line(item) for item in items)
    if len(lines) < 2:
        return None
    numbers = [_NUMBERED.match(line) for line in lines]
    if all(numbers) and [int(m.group(1)) for m in numbers] == list(range(1, len(lines) + 1)):
        items = [m.group(2) for m in numbers if m.group(2).strip()]
        return "\n".join(f"{i}. " + escape_line(item) for i, item in enumerate(items, 1))
    letters = [_LETTERED.match(line) for line in lines]
    expected = [chr(ord("a") + i) for i in range(len(lines))]
    if all(letters) and [m.group(1) for m in letters] == expected:
        return "\n".join(f"- ({m.group(1)}) " + escape_line(m.group(2)) for m in letters)
    return None
