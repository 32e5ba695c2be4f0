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
