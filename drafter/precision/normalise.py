"""Fold text for matching while keeping a map back to the original offsets.

Matching runs on a folded copy: lower case, every Unicode hyphen and dash made "-", curly
quotes made straight, every kind of space and line break made " ", invisible characters
(soft hyphen, zero-width space, BOM) dropped and runs of spaces squeezed to one. Most of this
is one-for-one, so offsets stay put; the few deletions are recorded as break points and
`Folded.original()` maps a folded offset back with a binary search.
"""

from __future__ import annotations

import bisect
import re

# one character for one character: offsets do not move
_ONE_FOR_ONE = {
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d", "-"),
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\uff07", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\uff02", '"'),
    **dict.fromkeys("\t\n\r\x0b\x0c\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005", " "),
    **dict.fromkeys("\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\x85", " "),
    # other control characters are noise from pasting: they separate words like a space
    **{chr(c): " " for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)] if chr(c) not in "\t\n\r"},
    "\u2044": "/",
    "\u2215": "/",
    "\uff0f": "/",
}
_TABLE = str.maketrans(_ONE_FOR_ONE)
# the characters to replace in a text that is not ASCII; each is looked for with `in`, which
# costs less than compiling a character-class regex (~0.6 ms a start) and scanning with it
_RARE = tuple(c for c in _ONE_FOR_ONE if c not in "\n\t\r")
# dropped: soft hyphen, zero-width characters, word joiner, BOM, bidi marks; squeezed: spaces
_INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
# runs of two or more spaces: the same matches as " {2,}", but the literal "  " lets the
# regex engine jump between candidates (30 times faster on a long text)
_SPACES = re.compile("  [ ]*")
_STRETCH_TABLE = str.maketrans(
    {**_ONE_FOR_ONE, **dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"), None)}
)


class Folded:
    """The folded text and the break points that map it back to the original.

    (A plain class: creating it as a dataclass cost ~0.8 ms at every start.)"""

    __slots__ = ("text", "original_text", "_points", "_shifts")

    def __init__(
        self,
        text: str,
        original_text: str,
        points: list[int] | None = None,
        shifts: list[int] | None = None,
    ) -> None:
        self.text = text
        self.original_text = original_text
        # sorted folded offsets at which the cumulative shift changes, and the shift from
        # there on
        self._points = points or []
        self._shifts = shifts or []

    def original(self, offset: int) -> int:
        """The offset in the original text of the folded offset `offset`."""
        if not self._points:
            return offset
        i = bisect.bisect_right(self._points, offset) - 1
        return offset + (self._shifts[i] if i >= 0 else 0)

    def original_end(self, end: int) -> int:
        """The original offset just after the folded character at `end - 1`."""
        return self.original(end - 1) + 1 if end > 0 else 0


def fold_chars(text: str) -> str:
    """The one-for-one part of folding: case, dashes, quotes and spaces."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters (e.g. "İ") lower-case to two
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if lowered.isascii():  # translate has a fast path for ASCII
        return lowered.translate(_TABLE)
    # otherwise replace only the few special characters present (translate is slow here)
    for ch in _RARE:
        if ch in lowered:
            lowered = lowered.replace(ch, _ONE_FOR_ONE[ch])
    return lowered.replace("\n", " ").replace("\t", " ").replace("\r", " ")


def fold(text: str) -> Folded:
    """Fold `text` for matching (see the module docstring)."""
    one = fold_chars(text)
    invisible = not one.isascii() and any(c in one for c in _INVISIBLE_CHARS)
    if "  " not in one and not invisible:
        return Folded(one, text)  # nothing to drop: offsets are unchanged
    pieces: list[str] = []
    points: list[int] = []
    shifts: list[int] = []
    last = 0
    shift = 0
    for m in (_DROP if invisible else _SPACES).finditer(one):
        keep_space = m.group().startswith(" ")
        pieces.append(one[last : m.start()])
        if keep_space:
            pieces.append(" ")
            dropped = len(m.group()) - 1
            folded_at = m.start() + 1 - shift
        else:
            dropped = len(m.group())
            folded_at = m.start() - shift
        shift += dropped
        points.append(folded_at)
        shifts.append(shift)
        last = m.end()
    pieces.append(one[last:])
    return Folded("".join(pieces), text, points, shifts)


# runs of invisible characters, and runs of spaces (used only for a text that has an
# invisible character)
_DROP = re.compile("[" + _INVISIBLE_CHARS + "]+| {2,}")


def fold_term(term: str) -> str:
    """Fold a designation the same way as the text it is matched against."""
    return fold(term.strip()).text


def fold_keep_case(text: str) -> str:
    """Dashes, quotes and spaces folded as for matching, but the case kept."""
    return text.translate(_TABLE)


_ASCII_ODD = re.compile(r"[\x00-\x1f\x7f]")


def fold_stretch(text: str) -> str:
    """Fold a short stretch of text (no offset map): for judging the words around a hit."""
    if text.isascii():  # the common case: only case, line breaks and controls to fold
        lowered = text.lower()
        if _ASCII_ODD.search(lowered):
            lowered = _ASCII_ODD.sub(" ", lowered)
    else:
        lowered = text.lower().translate(_STRETCH_TABLE)
    return _SPACES.sub(" ", lowered) if "  " in lowered else lowered
