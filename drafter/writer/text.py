"""The .md and .txt outputs of a composed response.

`.md` is the composed Markdown itself. `.txt` is for online consultation portals, which ask
each question in its own box: per question, its number, the stance to tick, and the response
as the respondent typed it, with its character count (portals often limit the length).
"""

from __future__ import annotations

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
            count = len(q.response)
            words = len(q.response.split())
            lines += [
                f"Response ({count} characters including spaces, {words} words):",
                q.response,
                "",
            ]
    lines.append(RULE)
    return "\n".join(lines) + "\n"
