"""Text prompts that wrap long lines between words, not in the middle of one.

prompt_toolkit wraps a line that is wider than the window at the last column, whatever the
character there. `WordWrap` is an input processor that, on screen only, pads the row before a
word that would be cut so the whole word starts the next row; the text typed or kept is never
changed, and the cursor moves over the padding as if it were not there.
"""

from __future__ import annotations

from prompt_toolkit.application.current import get_app
from prompt_toolkit.formatted_text import to_formatted_text
from prompt_toolkit.formatted_text.utils import fragment_list_to_text
from prompt_toolkit.layout.processors import Processor, Transformation, TransformationInput
from prompt_toolkit.utils import get_cwidth


def word_breaks(text: str, width: int, prefix=lambda row: 0) -> dict[int, int]:
    """{index: spaces}: pad `spaces` before text[index] so that no word is cut when the text
    wraps at `width` columns, row `n` starting after `prefix(n)` columns; -1 hides the space
    at index, which would otherwise start a row. A word wider than a row is cut as before."""
    edits: dict[int, int] = {}
    row, col = 0, prefix(0)
    word_start, word_col = None, 0
    for index, char in enumerate(text):
        size = get_cwidth(char)
        if char == " ":
            word_start = None
            if col + size > width:  # a space at the end of a row: the next row starts after it
                edits[index] = -1
                row += 1
                col = prefix(row)
                continue
        elif word_start is None:
            word_start, word_col = index, col
        if col + size > width:  # this character would start the next row
            row += 1
            start = prefix(row)
            if word_start < index and word_col > prefix(row - 1):
                edits[word_start] = width - word_col
                col = start + (col - word_col)  # the word so far moves down with it
            else:
                col = start
            word_col = start
        col += size
    return edits


class WordWrap(Processor):
    """Pads each row of a wrapped line so that it breaks between words (display only)."""

    def apply_transformation(self, ti: TransformationInput) -> Transformation:
        prefix = _line_prefix(ti)
        text = fragment_list_to_text(ti.fragments)
        edits = word_breaks(text, ti.width, lambda row: prefix(ti.lineno, row))
        if not edits:
            return Transformation(ti.fragments)
        fragments = []
        to_display: list[int] = []  # source index -> display index
        to_source: list[int] = []  # display index -> source index
        chars = [(style, char) for style, chars, *_ in ti.fragments for char in chars]
        for index, (style, char) in enumerate(chars):
            spaces = edits.get(index, 0)
            if spaces > 0:
                fragments.append((style, " " * spaces))
                to_source += [index] * spaces  # on the padding: the word it comes before
            to_display.append(len(to_source))
            if spaces >= 0:
                fragments.append((style, char))
                to_source.append(index)
        to_display.append(len(to_source))
        to_source.append(len(chars))

        def source_to_display(i: int) -> int:
            return to_display[i] if 0 <= i < len(to_display) else i - len(chars) + to_display[-1]

        def display_to_source(i: int) -> int:
            return to_source[i] if 0 <= i < len(to_source) else i - to_display[-1] + len(chars)

        return Transformation(fragments, source_to_display, display_to_source)


def _line_prefix(ti: TransformationInput):
    """The width of what the window prints before each row (the prompt, then its
    continuation): the columns a row of the line itself may use start after it."""
    window = next(
        (w for w in get_app().layout.find_all_windows() if w.content is ti.buffer_control), None
    )
    get = getattr(window, "get_line_prefix", None)
    if get is None:
        return lambda line, row: 0

    def width(line: int, row: int) -> int:
        return get_cwidth(fragment_list_to_text(to_formatted_text(get(line, row))))

    return width
