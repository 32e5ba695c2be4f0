"""The .md and .txt outputs of a composed response.

`.md` is the composed Markdown itself. `.txt` is for online consultation portals, which ask
each question in its own box: per question, its number, the stance to tick, and the response
as the respondent typed it, with its character count (portals often limit the length).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from drafter.compose import Composed

RULE = "-" * 72


def markdown_output(composed: Composed) -> str:
    return composed.markdown.rstrip("\n") + "\n"


def text_output(composed: Composed) -> str:
    lines = [composed.title, f"From: {composed.author}", ""]
    for q in composed.questions:
        lines += [RULE, f"Question {q.number}", " ".join(q.text.split()), ""]
        if not q.answered:
            lines += ["No response.", ""]
            continue
        if q.stance:
            lines += [f"Answer: {q.stance}", ""]
        if q.response:
            text = portal_text(q.response)
            lines += [
                f"Response ({len(text)} characters including spaces, {len(text.split())} words):",
                text,
                "",
            ]
    lines.append(RULE)
    return "\n".join(lines) + "\n"


_LIST_LINE = re.compile(r"^\s*(?:[-*•]|\d{1,3}[.)])\s+")


def portal_text(response: str) -> str:
    """The response as a portal's text box should get it: each paragraph on one line.

    Line breaks inside a paragraph (from wrapping in the answers file) become spaces, so the
    text reflows in the box; blank lines between paragraphs and list lines are kept.
    """
    blocks = [b for b in re.split(r"\n[ \t]*\n", response.strip()) if b.strip()]
    out = []
    for block in blocks:
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if all(_LIST_LINE.match(line) for line in lines):
            out.append("\n".join(lines))
        else:
            out.append(" ".join(lines))
    return "\n\n".join(out)
