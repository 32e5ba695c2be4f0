"""Compose: answers + consultation + vetted library -> one Markdown document (sandboxed Jinja)."""

from drafter.compose.document import Composed, QuestionAnswer, compose
from drafter.compose.escape import SafeMarkdown, escape_markdown, user_blocks

__all__ = [
    "Composed",
    "QuestionAnswer",
    "SafeMarkdown",
    "compose",
    "escape_markdown",
    "user_blocks",
]
