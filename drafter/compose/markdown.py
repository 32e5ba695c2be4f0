"""One Markdown dialect for the whole pipeline: CommonMark plus tables, no raw HTML.

Compose, the .docx writer and the precision check all parse with `parse()`, so the text the
checker sees is exactly the text the reader of the .docx sees.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def parser():
    from markdown_it import MarkdownIt

    from drafter.links import allowed_link

    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    md.validateLink = allowed_link  # any other link stays text: never a link in a response
    return md


def parse(markdown: str) -> list:
    """markdown-it block tokens for `markdown`."""
    return parser().parse(markdown)


_BLOCK_ENDS = {"paragraph_close", "heading_close", "th_close", "td_close", "tr_close"}


def plain_text(tokens: list) -> str:
    """The visible text of the document: blocks separated by blank lines, no markup."""
    out: list[str] = []
    for token in tokens:
        if token.type == "inline":
            out.append(inline_text(token.children or []))
        elif token.type in _BLOCK_ENDS:
            out.append("\n" if token.type in {"th_close", "td_close"} else "\n\n")
        elif token.type in {"code_block", "fence"}:
            out.append(token.content + "\n")
    return "".join(out)


def inline_text(children: list) -> str:
    parts = []
    for child in children:
        if child.type in {"text", "code_inline"}:
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts)


# the heading the response template gives its glossary (templates/glossary.md.j2)
GLOSSARY_TITLE = "Terms used in this response"


def section_blocks(tokens: list, title: str) -> list[tuple[str, str, int]]:
    """The blocks from the level-2 heading `title` to the end, as (kind, plain text, bold):
    kind "heading", "paragraph" or "quote"; `bold` is how many characters at the start are
    bold (a glossary entry's term); a numbered item's text starts with its number ("1. ").
    Empty if the document has no such heading. For writing a section into another document
    (a filled form's appendix) without its Markdown."""
    out: list[tuple[str, str, int]] = []
    inside = False
    kind = "paragraph"
    prefix = ""  # a list item's number (or bullet), put before its first paragraph
    quote = 0
    numbers: list[int | None] = []
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            text = inline_text(tokens[i + 1].children or [])
            if token.tag == "h2" and text == title:
                inside = True
            kind = "heading"
        elif token.type == "heading_close":
            kind = "paragraph"
        elif token.type == "blockquote_open":
            quote += 1
        elif token.type == "blockquote_close":
            quote -= 1
        elif token.type == "ordered_list_open":
            numbers.append(int(token.attrGet("start") or 1))
        elif token.type == "bullet_list_open":
            numbers.append(None)
        elif token.type in ("ordered_list_close", "bullet_list_close"):
            numbers.pop()
        elif token.type == "list_item_open" and numbers:
            number = numbers[-1]
            prefix = "• " if number is None else f"{number}. "
            if number is not None:
                numbers[-1] = number + 1
        elif token.type == "inline":
            if inside:
                children = token.children or []
                text = prefix + " ".join(inline_text(children).split())
                out.append(("quote" if quote else kind, text, _bold_lead(children)))
            prefix = ""
    return out


def _bold_lead(children: list) -> int:
    """How many characters of the visible text the paragraph's opening bold run covers."""
    children = [c for c in children if c.type != "text" or c.content]
    if not children or children[0].type != "strong_open":
        return 0
    end = next((i for i, c in enumerate(children) if c.type == "strong_close"), len(children))
    return len(" ".join(inline_text(children[1:end]).split()))
