"""Which links may appear in a response: one rule for the library check and the renderer."""

from __future__ import annotations

import functools
import re

LINK_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"\s*([A-Za-z][A-Za-z0-9+.-]*):")


@functools.cache
def link_targets() -> re.Pattern[str]:
    """Link targets written in Markdown: inline `[text](target)`, autolinks `<scheme:...>` and
    reference definitions `[label]: target`. Compiled on first use (~0.3 ms): most texts hold
    no link and never need it."""
    return re.compile(
        r"\]\(\s*<?([^)\s>]*)|<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>|^\s{0,3}\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)",
        re.MULTILINE,
    )


def allowed_link(url: str) -> bool:
    """Whether a link may go into a response: web and mail addresses only. A relative path,
    `file:` or an application scheme (`ms-word:`) in a shared definition would open or run
    something on the reader's machine."""
    scheme = _SCHEME.match(url)
    return scheme is not None and scheme[1].lower() in LINK_SCHEMES


def refused_links(text: str) -> list[str]:
    """The link targets in Markdown `text` that `allowed_link` refuses."""
    if "](" not in text and "<" not in text and "]:" not in text:
        return []
    found = (next(g for g in m.groups() if g is not None) for m in link_targets().finditer(text))
    return [url for url in found if not allowed_link(url)]
