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


def portal_text(response: str) -> str:
    """The response as a portal's text box should get it: each paragraph on one line.

    Line breaks inside a paragraph (from wrapping in the answers file) become spaces, so the
    text reflows in the box; blank lines between paragraphs and a typed list's lines (the same
    lists the Word response shows: `compose.escape.list_start`) are kept.
    """
    from drafter.compose.escape import list_start

    blocks = [b for b in re.split(r"\n[ \t]*\n", response.strip()) if b.strip()]
    out = []
    for block in blocks:
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        start = list_start(lines)
        if start is None:
            out.append(" ".join(lines))
        elif start:
            out.append(" ".join(lines[:start]) + "\n" + "\n".join(lines[start:]))
        else:
            out.append("\n".join(lines))
    return "\n\n".join(out)
