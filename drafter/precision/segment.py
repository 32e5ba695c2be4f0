"""Sentences, quotations and proper names in the original text (offsets into it).

Rules judge a hit within its sentence; a hit inside quotation marks is someone else's words;
a capitalised hit next to another capitalised word is part of a name ("Mondragon Cooperative
Corporation", "Co-operatives UK") that the library does not list. All scans are single regex
passes, so a 50 MB text with no full stop costs the same as one with many.
"""

from __future__ import annotations

import bisect
import re

# a sentence end: terminal punctuation, closing quotes or brackets, space, then a capital,
# digit, opening quote or bracket
_END = re.compile(r"[.!?\u2026][\"'\u201d\u2019)\]]*(\s+)(?=[\"'\u201c\u2018(\[]?[^\W_a-z])")
# paragraph breaks, and a new line that starts a list item or follows ':' or sentence end
# (each branch starts with a literal character, so the regex engine skips straight to the
# candidates: "[.!?:;][ \t]*\n" as one branch made it try every position, 2.5 times slower)
_BREAK = re.compile(
    r"\n[ \t]*\n\s*|\n(?=[ \t]*(?:[-*\u2022+]|\d+[.)])\s)"
    r"|\.[ \t]*\n|![ \t]*\n|\?[ \t]*\n|:[ \t]*\n|;[ \t]*\n"
)
_DOUBLE = re.compile(
    r"[\"\u201c\u201d\u201e]([^\"\u201c\u201d\u201e]{1,400})[\"\u201c\u201d\u201e]"
)
_SINGLE = re.compile(r"[\u2018'](?<!\w[\u2018'])([^\u2018\u2019'\n]{1,200}?)[\u2019'](?![\w])")
_PREV_WORD = re.compile(r"([^\W\d_][\w'\u2019&.-]*)(?:[ \t]+|[ \t]*\n[ \t]*)$")
_NEXT_WORD = re.compile(r"^(?:[ \t]+|[ \t]*\n[ \t]*)([^\W\d_][\w'\u2019&-]*)")
# web and mail addresses: their words are not prose
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"\u201d)\]]+")
_MAIL_LEFT = re.compile(r"[\w.+-]+$")
_MAIL_RIGHT = re.compile(r"[\w-]+\.[\w.-]+")


def boundaries(text: str, lo: int, hi: int, abbreviations: frozenset[str]) -> list[int]:
    """Offsets in [lo, hi] at which a sentence begins (not counting lo itself)."""
    lo, hi = max(0, lo), min(len(text), hi)
    found = []
    # look a few characters past hi: the capital that confirms a sentence end may lie there
    for m in _END.finditer(text, lo, min(len(text), hi + 8)):
        # the word just before the stop (its last 30 characters at most): "Dr." "e.g." "J.";
        # stepping back over word characters (what \w matches) is cheaper than a regex
        # search of the 30 characters, which tried every starting position
        stop = word_start = m.start()
        floor = max(0, stop - 30)
        while word_start > floor:
            char = text[word_start - 1]
            if not (char.isalnum() or char == "_"):
                break
            word_start -= 1
        if word_start < stop:
            word = text[word_start:stop]
            if word.lower() in abbreviations or (len(word) == 1 and word.isupper()):
                continue
        found.append(m.end())
    found += [m.end() for m in _BREAK.finditer(text, lo, min(len(text), hi + 8))]
    return sorted(b for b in found if lo < b <= hi)


def sentence_starts(text: str, abbreviations: frozenset[str]) -> list[int]:
    """Sorted offsets at which sentences begin (always including 0)."""
    return [0, *boundaries(text, 0, len(text), abbreviations)]


def sentence_around(
    text: str, start: int, end: int, abbreviations: frozenset[str], window: int = 300
) -> tuple[int, int]:
    """The sentence holding [start, end), looking at most `window` characters either way."""
    before = boundaries(text, start - window, start, abbreviations)
    s = before[-1] if before else max(0, start - window)
    after = boundaries(text, end, end + window, abbreviations)
    # a boundary found at `end` itself starts the next sentence only after whitespace
    e = after[0] if after else min(len(text), end + window)
    return s, e


class Spans:
    """Sorted, non-overlapping [start, end) spans with a fast membership test."""

    def __init__(self, spans: list[tuple[int, int]]):
        merged: list[tuple[int, int]] = []
        for start, end in sorted(spans):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        self.starts = [s for s, _ in merged]
        self.ends = [e for _, e in merged]

    def covers(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self.starts, start) - 1
        return i >= 0 and end <= self.ends[i]


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The insides of double and single quotation marks, and web and mail addresses."""
    spans = [(m.start(1), m.end(1)) for m in _DOUBLE.finditer(text)]
    spans += [(m.start(1), m.end(1)) for m in _SINGLE.finditer(text)]
    spans += [m.span() for m in _URL.finditer(text)]
    at = text.find("@")
    while at >= 0:  # mail addresses: expand around each "@" (cheaper than a regex scan)
        left = _MAIL_LEFT.search(text, max(0, at - 64), at)
        right = _MAIL_RIGHT.match(text, at + 1)
        if left and right:
            spans.append((left.start(), right.end()))
        at = text.find("@", at + 1)
    return spans


def in_proper_name(text: str, start: int, end: int, sentence_start: int) -> bool:
    """True if the capitalised words at [start, end) run into another capitalised word."""
    written = text[start:end]
    if not written[:1].isupper():
        return False
    shouting = written.isupper() and len(written) > 3  # text in capitals: no sign of a name
    previous = _PREV_WORD.search(text[max(sentence_start, start - 8) : start])
    if previous and previous.group(1) in ("a", "an"):
        return False  # "a Mutual Society": a kind capitalised, not one body's name
    after = _NEXT_WORD.match(text[end : end + 40])
    if after and "\n" in after.group(0) and after.group(1) in _LINE_OPENERS:
        after = None  # a heading line, then a sentence: "Mutuals & Co-operatives\nA mutual is"
    if after and after.group(1)[:1].isupper() and after.group(1) != "I":
        return not (shouting and after.group(1).isupper())
    while start > sentence_start:
        before = _PREV_WORD.search(text[max(sentence_start, start - 40) : start])
        if not before:
            return False
        word = before.group(1)
        word_start = start - len(before.group(0))
        if word in _NAME_JOINERS:  # "Center for Cooperatives": look one word further back
            start = word_start
            continue
        if not word[:1].isupper() or (shouting and word.isupper()):
            return False
        return word_start > sentence_start and not text[sentence_start:word_start].isspace()
    return False


# capitalised words that open a sentence, never continue a name from the line before
_LINE_OPENERS = frozenset({"A", "An", "The", "This", "It", "We", "Our", "They"})

# small words inside multi-word names ("Promotion of Cooperatives Recommendation")
_NAME_JOINERS = frozenset({"of", "for", "and", "on", "the", "de", "in", "&"})
