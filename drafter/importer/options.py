"""Tick-box option sets: find the boxes in a line, and name the answer kind they make."""

from __future__ import annotations

import re
from functools import lru_cache

from drafter.consultation import AGREE_SCALE, YES_NO

UNTICKED = "☐□❑❒▢◻⬜○◯"
TICKED = "☒☑✓✔■▣✗✘●"
BOX = re.compile(r"[☐□❑❒▢◻⬜☒☑▣]|\[[ xX✓]?\]|\([ xX]?\)(?=\s*\w)|(?<!\w)[○◯●](?=\s)")
_SEPARATORS = " \t\n:;,/|-–—_."


@lru_cache(maxsize=4096)
def norm(label: str) -> str:
    """Compare labels loosely: case, curly quotes, punctuation and spaces do not matter."""
    label = label.replace("’", "'").replace("‘", "'").lower()
    label = re.sub(r"\s*\(.*?\)\s*", " ", label)  # "Other (please specify)"
    return " ".join(re.sub(r"[^a-z0-9' ]+", " ", label).replace("'", "").split())


_SYNONYMS = {
    norm("Neither agree or disagree"): norm("Neither agree nor disagree"),
    norm("Neither"): norm("Neither agree nor disagree"),
    norm("Neutral"): norm("Neither agree nor disagree"),
    norm("Not sure"): norm("Don't know"),
    norm("Unsure"): norm("Don't know"),
    norm("Do not know"): norm("Don't know"),
    norm("Don't know / not sure"): norm("Don't know"),
}
_AGREE = {norm(s) for s in AGREE_SCALE}
_YES_NO = {norm(s) for s in YES_NO}
KNOWN = _AGREE | _YES_NO | set(_SYNONYMS) | {norm(s) for s in ("Tend to agree", "Tend to disagree")}


def canonical(label: str) -> str:
    """A tick-box label in a standard spelling, so "Yes" and "yes." count as one option."""
    key = norm(label)
    return _SYNONYMS.get(key, key)


def same_option(a: str, b: str) -> bool:
    """Whether two labels name the same option once spelling is set aside."""
    return canonical(a) == canonical(b)


def is_known(label: str) -> bool:
    """Whether the label is one of the answer options forms commonly use."""
    return norm(label) in KNOWN


def kind_for(labels: list[str]) -> tuple[str, tuple[str, ...]]:
    """(kind, options) for the labels of one question's boxes."""
    keys = {canonical(label) for label in labels}
    if keys == _AGREE and len(labels) == len(AGREE_SCALE):
        return "agree-scale", ()
    if {norm("Yes"), norm("No")} <= keys <= _YES_NO and len(labels) == len(keys):
        return "yes-no", ()
    if len(labels) >= 2:
        return "choice", tuple(labels)
    return "free-text", ()


@lru_cache(maxsize=4096)
def boxes(text: str) -> tuple[tuple[str, int], ...]:
    """(label, offset of its box) for each box in a line, or [] if the line has none.

    Handles "☐ Agree ☐ Disagree" (box first, after any lead-in text) and "Agree ☐  Disagree ☐"
    (label first); a box with no label gets ''.
    """
    found = list(BOX.finditer(text))
    if not found:
        return ()
    # "☐ Agree ☐ Disagree" (or "Lead-in: ☐ Agree ☐ Disagree"): labels follow their boxes;
    # "Agree ☐ Disagree ☐": the line ends with a box, so labels come before
    starts_with_box = bool(text[found[-1].end() :].strip(_SEPARATORS))
    out = []
    for i, m in enumerate(found):
        if starts_with_box:
            end = found[i + 1].start() if i + 1 < len(found) else len(text)
            label = text[m.end() : end]
        else:
            start = found[i - 1].end() if i else 0
            label = text[start : m.start()]
        out.append((_clean_label(label), m.start()))
    return tuple(out)


def _clean_label(label: str) -> str:
    label = " ".join(label.split())
    return label.strip(_SEPARATORS)


def is_ticked(glyph: str) -> bool:
    """Whether a box glyph ("☒", "[x]", ...) shows a ticked box."""
    return glyph in TICKED or glyph.lower() in {"[x]", "(x)", "[✓]"}


def only_boxes(text: str) -> bool:
    """The text is nothing but a box (a table cell holding just ☐)."""
    return bool(text.strip()) and not BOX.sub("", text).strip(_SEPARATORS)
