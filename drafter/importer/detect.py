"""Find numbered questions, their options, guidance and answer space in a list of blocks.

Used by the importer (to write a question set) and by the form filler (to find where each
answer goes), so a form is always read the same way. Where the reading is a guess, the
question carries an `unsure` note instead of a silent choice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.importer import options as opt
from drafter.ooxml.blocks import Block

_SEP = r"\s*[:.)\-–—]?\s*"
_SUB = r"(?:([a-zA-Z])\b|\s?\(([a-z])\))?"
WORD_START = re.compile(
    r"^(?:consultation\s+)?(?:question|cwestiwn)\s*(\d{1,3}(?:\.\d{1,2})?)" + _SUB + _SEP, re.I
)
Q_START = re.compile(r"^Q\.?\s?(\d{1,3}(?:\.\d{1,2})?)" + _SUB + _SEP)
BARE_START = re.compile(
    r"^(\d{1,3})(?:([a-z])(?=[\s.):])|\s?\(([a-z])\))?(?:\s*[.):](?!\d)|\t)\s*(?=\S)"
    r"|^(\d{1,3})([a-z])\s+(?=\S)"
)
NUMBER_ONLY = re.compile(
    r"^(?:((?:consultation\s+)?question|cwestiwn)\s*|(Q)\.?\s?)?(\d{1,3})([a-z])?[.):]?$", re.I
)
SUB_START = re.compile(r"^(?:\(([a-z])\)|([a-z])[.)])\s+(?=\S)")
_ASKING = re.compile(
    r"^(please|describe|explain|tell us|give|list|provide|outline|identify|suggest|comment|"
    r"what|how|why|which|who|where|when|do|does|did|should|would|could|will|is|are|can|"
    r"have|has|to what extent|in your (view|opinion)|if|any other|we (would like|welcome|"
    r"invite)|thinking about|considering|overall)\b",
    re.I,
)
_GUIDANCE = re.compile(
    r"^(\(|please|you (may|might|could|can|should)|for example|e\.g\.|guidance|note|hint|"
    r"this (could|might|may) include|consider|in particular|where possible|if (so|yes|no|"
    r"you)|tick|select|choose|mark)",
    re.I,
)
_ANSWER_LABEL = re.compile(
    r"^(?!.*\?)([\w/]+ ){0,3}(comments?|response|answer|reasons?|explanation|views?)"
    r"( [\w/()]+){0,4}\s*[:.]?$"
    r"|^please (explain|give (your )?reasons|comment|provide (your )?comments)[^.?]{0,60}[:.]?$",
    re.I,
)
OTHER_COMMENTS = re.compile(
    r"\bany (other|further|additional)\b.{0,60}\b(comments?|views|issues|points|thoughts|"
    r"information|observations)\b|\banything else\b",
    re.I,
)


@dataclass
class Mark:
    label: str
    block: int  # index of the block that holds the box (or the empty cell to mark)
    offset: int | None  # where the box glyph is in the block text; None: an empty cell


@dataclass
class Found:
    number: str
    text: str
    start: int
    end: int
    style: str  # "word" (Question 1), "q" (Q1), "bare" (1.), "sub" ((a)), "other"
    section: str | None = None
    guidance: list[str] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    answer_cell: int | None = None
    unsure: list[str] = field(default_factory=list)
    found_at: str = ""

    @property
    def kind(self) -> tuple[str, tuple[str, ...]]:
        return opt.kind_for([m.label for m in self.marks if m.label])


def asks(text: str) -> bool:
    """Whether the text reads as a question or an instruction to answer ("Please explain...")."""
    return "?" in text or bool(_ASKING.match(text.strip()))


def _start(block: Block, parent: str | None, last_sub: str | None):
    """(number, rest of text, style) if the block begins a question, else None."""
    text = block.text.strip()
    for style, pattern in (("word", WORD_START), ("q", Q_START)):
        m = pattern.match(text)
        if m:
            letter = (m.group(2) or m.group(3) or "").lower()
            prefix = "Q" if style == "q" else ""
            return prefix + m.group(1) + letter, text[m.end() :], style
    only = NUMBER_ONLY.match(text)
    if only and (only.group(1) or only.group(2) or block.in_table or block.heading):
        prefix = "Q" if only.group(2) else ""
        style = "word" if only.group(1) else "q" if only.group(2) else "bare"
        return prefix + only.group(3) + (only.group(4) or "").lower(), "", style
    m = BARE_START.match(text)
    if m:
        number = (m.group(1) or m.group(4)) + (m.group(2) or m.group(3) or m.group(5) or "")
        return number, text[m.end() :], "bare"
    m = SUB_START.match(text)
    if m and parent:
        letter = m.group(1) or m.group(2)
        roman = letter == "i" and (last_sub or "") != "h"
        if not roman:
            return parent + letter, text[m.end() :], "sub"
    return None


class _Grid:
    """Table cells by (table, row, cell), to read option rows and columns."""

    def __init__(self, blocks: list[Block]) -> None:
        self.cells: dict[tuple[int, int, int], list[int]] = {}
        for i, b in enumerate(blocks):
            if b.cell is not None:
                self.cells.setdefault(b.cell, []).append(i)
        self.blocks = blocks
        self.rows: dict[tuple[int, int], list] = {}
        self.columns: dict[tuple[int, int], list] = {}
        for key in self.cells:
            self.rows.setdefault(key[:2], []).append(key)
            self.columns.setdefault((key[0], key[2]), []).append(key)

    def text(self, key) -> str | None:
        if key not in self.cells:
            return None
        return "\n".join(self.blocks[i].text for i in self.cells[key]).strip()

    def left(self, key):
        t, r, c = key
        return max((k for k in self.rows.get((t, r), ()) if k[2] < c), default=None)

    def above(self, key):
        t, r, c = key
        return max((k for k in self.columns.get((t, c), ()) if k[1] < r), default=None)

    def marks(self) -> tuple[dict[int, tuple[str, int | None]], set[int]]:
        """Cells that are boxes (or empty cells beside a known option), and their labels."""
        out: dict[int, tuple[str, int | None]] = {}
        labels: set[int] = set()
        for key, idxs in self.cells.items():
            text = self.text(key) or ""
            first = idxs[0]
            glyph = opt.only_boxes(text)
            if not glyph and text:
                continue
            for neighbour in (self.left(key), self.above(key)):
                label = self.text(neighbour) if neighbour else None
                if not label or opt.only_boxes(label) or len(label) > 80 or "\n" in label:
                    continue
                if not glyph and not opt.is_known(label):
                    continue
                if glyph:
                    holder = next(i for i in idxs if opt.only_boxes(self.blocks[i].text))
                    offset = opt.BOX.search(self.blocks[holder].text).start()
                    out[holder] = (label, offset)
                else:
                    out[first] = (label, None)
                labels.update(self.cells[neighbour])
                break
        return out, labels


def find_questions(blocks: list[Block]) -> list[Found]:
    """The questions of a document, in order, each with where its parts are."""
    grid = _Grid(blocks)
    cell_marks, label_blocks = grid.marks()
    starts: dict[int, tuple[str, str, str]] = {}
    parent = last_sub = None
    for i, b in enumerate(blocks):
        if b.empty:
            continue
        s = _start(b, parent, last_sub)
        if s is None:
            continue
        number, rest, style = s
        if style == "sub":
            last_sub = number[-1]
        else:
            parent, last_sub = number.rstrip("abcdefghijklmnopqrstuvwxyz") or number, None
        starts[i] = s
    labelled = any(s[2] in {"word", "q"} for s in starts.values())

    def is_start(i: int) -> bool:
        if i not in starts:
            return False
        number, rest, style = starts[i]
        if style == "bare":
            if blocks[i].heading and (labelled or not asks(rest)):
                return False  # "2. Background", or a heading in a "Question N" document
            # "1. Introduction": a numbered heading or paragraph, not a question
            return not rest or asks(rest) or _next_asks(blocks, i)
        if style == "sub":
            return asks(rest)
        return True

    found: list[Found] = []
    section = None
    i = 0
    while i < len(blocks):
        b = blocks[i]
        if b.empty:
            i += 1
            continue
        if is_start(i):
            number, rest, style = starts[i]
            q = Found(number, rest.strip(), i, i, style, section=section, found_at=b.where)
            i = _extend(q, blocks, i + 1, is_start, cell_marks, label_blocks)
            found.append(q)
            continue
        if found and _other_comments(b):
            q = Found("other", b.text.strip(), i, i, "other", section=section, found_at=b.where)
            q.unsure.append("not numbered in the document; numbered 'other' by drafter")
            i = _extend(q, blocks, i + 1, is_start, cell_marks, label_blocks)
            found.append(q)
            continue
        if b.heading and any(not x.empty for x in blocks[:i]):
            section = b.text.strip()  # (the first line of all is the document's title)
        i += 1
    return _tidy(found, blocks, labelled)


def _other_comments(b: Block) -> bool:
    """An unnumbered "Any other comments" heading, box or short prompt (not a sentence in
    the "how to respond" text that merely mentions other comments)."""
    text = b.text.strip()
    if not OTHER_COMMENTS.search(text) or len(text) > 250:
        return False
    return bool(b.heading or b.in_table or not text.endswith("."))


def _next_asks(blocks: list[Block], i: int) -> bool:
    for b in blocks[i + 1 : i + 3]:
        if not b.empty:
            question = b.text.strip().endswith("?") and not b.heading
            return question and _start(b, None, None) is None
    return False


def _extend(q: Found, blocks, j: int, is_start, cell_marks, label_blocks) -> int:
    """Take the blocks after a question's start that belong to it; return the next index."""
    first = blocks[q.start]
    while j < len(blocks):
        b = blocks[j]
        same_cell = b.cell is not None and b.cell == first.cell
        if is_start(j) or (b.heading and not same_cell) or b.title:
            break
        if first.in_table and not b.in_table:
            break
        if j in cell_marks:
            label, offset = cell_marks[j]
            q.marks.append(Mark(label, j, offset))
        elif j in label_blocks:
            pass
        elif b.empty:
            if b.cell is not None and b.cell_first and q.answer_cell is None and not same_cell:
                q.answer_cell = j
                q.end = j
                j += 1
                break
            j += 1
            continue
        elif opt.boxes(b.text):
            for label, offset in opt.boxes(b.text):
                if label:
                    q.marks.append(Mark(label, j, offset))
        elif (
            q.text
            and not same_cell
            and OTHER_COMMENTS.search(b.text)
            and not _GUIDANCE.match(b.text.strip())
        ):
            break  # "Any other comments": a question of its own
        elif _ANSWER_LABEL.match(b.text.strip()) and not b.text.strip().lower().startswith(
            "please"
        ):
            pass  # "Comments:", "Your response": a label for the answer space, not wording
        elif not q.text:
            q.text = b.text.strip()
        elif (
            not q.marks
            and "?" not in q.text
            and b.text.strip().endswith("?")
            and not _GUIDANCE.match(b.text.strip())
        ):
            q.text = f"{q.text}\n\n{b.text.strip()}"
        elif _is_guidance(b, same_cell, first):
            q.guidance.append(b.text.strip())
        else:
            break
        q.end = j
        j += 1
    return j


def _is_guidance(b: Block, same_cell: bool, first: Block) -> bool:
    """Text after a question that explains it: in the question's own cell, in italics, or
    worded as advice; or a short note in the table that follows a question paragraph."""
    if same_cell or b.italic or _GUIDANCE.match(b.text.strip()):
        return True
    return b.in_table and not first.in_table and len(b.text) < 300 and not asks(b.text)


def _tidy(found: list[Found], blocks: list[Block], labelled: bool) -> list[Found]:
    """Drop repeated listings, give clashing numbers unique names, and flag gaps."""
    out: list[Found] = []
    by_number: dict[str, Found] = {}
    by_key: dict[str, Found] = {}
    for q in found:
        if not q.text:
            q.unsure.append("no question text found after the number")
            q.text = "(no wording found)"
        key = q.number.lower().lstrip("q")
        if key in by_key and _same_words(by_key[key].text, q.text):
            # the same question listed twice ("Question 3" in the text, "Q3" in an annex):
            # keep the listing that has the boxes or the answer space, under its number
            earlier = by_key[key]
            if (q.marks or q.answer_cell is not None) and not (
                earlier.marks or earlier.answer_cell is not None
            ):
                q.number = earlier.number
                out[out.index(earlier)] = q
                by_number[q.number] = by_key[key] = q
            continue
        if q.number in by_number:
            n = 2
            while f"{q.number}-{n}" in by_number:
                n += 1
            q.unsure.append(f"number {q.number} is used twice; this one renamed {q.number}-{n}")
            q.number = f"{q.number}-{n}"
        by_number[q.number] = q
        by_key.setdefault(key, q)
        out.append(q)
    previous = None
    for q in out:
        digits = re.match(r"^Q?(\d+)$", q.number)
        if digits:
            n = int(digits.group(1))
            if previous is not None and n > previous + 1:
                missing = ", ".join(str(k) for k in range(previous + 1, n))
                q.unsure.append(f"numbering jumps here; question(s) {missing} not found")
            previous = n
        if q.style == "bare" and labelled:
            q.unsure.append("numbered like a list item while others say 'Question N' or 'QN'")
        if q.style == "bare" and blocks[q.start].heading:
            q.unsure.append("a numbered heading; it may be a section title, not a question")
        if (
            q.style != "other"
            and "?" not in q.text
            and not q.marks
            and q.answer_cell is None
            and not _ASKING.match(q.text)
        ):
            q.unsure.append("does not read as a question (no question mark, no answer space)")
        kind, _ = q.kind
        if not q.marks and re.search(r"\b(agree|disagree)\b", q.text, re.I):
            q.unsure.append("asks agree/disagree but prints no tick boxes; imported as free text")
        if q.marks and kind == "free-text":
            q.unsure.append("found a single tick box; imported as free text")
    return out


def _same_words(a: str, b: str) -> bool:
    return opt.norm(a) == opt.norm(b)


def all_boxes(blocks: list[Block]) -> list[tuple[Mark, str]]:
    """Every tick box in the document with the text around it (for consent and 'responding
    as' boxes, which are not questions)."""
    cell_marks, _ = _Grid(blocks).marks()
    out = []
    for i, b in enumerate(blocks):
        if i in cell_marks:
            label, offset = cell_marks[i]
            if offset is not None:
                out.append((Mark(label, i, offset), label))
        elif not b.empty and b.cell is None or (b.cell is not None and not opt.only_boxes(b.text)):
            for label, offset in opt.boxes(b.text):
                out.append((Mark(label, i, offset), b.text))
    return out
