"""Word comments anchored on exact characters of the walker's blocks, all in one pass.

Each paragraph is visited once: every edge of every comment in it is cut at once (a run is
split where an edge falls inside it, keeping its formatting), then the range markers go
round the runs that hold the characters. Comment ids are counted from the highest one in
the document, and comments are appended to the comments part directly, so anchoring n
comments costs time in proportion to n and the document's size, never n times either.
"""

from __future__ import annotations

import bisect
import copy
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from drafter.ooxml.blocks import Block
from drafter.ooxml.ns import XML_SPACE, nsdecls, parse, qn

_R = qn("w:r")
_RPR = qn("w:rPr")
_T = qn("w:t")
_ID = qn("w:id")


@dataclass
class Anchor:
    """A comment `text` on characters [start, end) of `block`'s text."""

    block: Block
    start: int
    end: int
    text: str


def add_comments(document, anchors: list[Anchor], *, author: str, initials: str) -> int:
    """Add a comment for each anchor to an open python-docx Document; return how many."""
    by_paragraph: dict[int, list[Anchor]] = defaultdict(list)
    for anchor in anchors:
        if anchor.block.spans and anchor.end > anchor.start:
            by_paragraph[id(anchor.block)].append(anchor)
    if not by_paragraph:
        return 0
    comments = document.comments._comments_elm  # python-docx makes the part if it is absent
    next_id = max((int(c.get(_ID)) for c in comments.iterfind(qn("w:comment"))), default=-1) + 1
    date = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    added = 0
    for group in by_paragraph.values():
        pieces = _cut(group[0].block, {edge for a in group for edge in (a.start, a.end)})
        for anchor in group:
            runs = [el.getparent() for s, e, el in pieces if s < anchor.end and e > anchor.start]
            if not runs:
                continue
            _mark(runs[0], runs[-1], next_id)
            comments.append(_comment(next_id, anchor.text, author, initials, date))
            next_id += 1
            added += 1
    return added


def _cut(block: Block, edges: set[int]) -> list[tuple[int, int, object]]:
    """Split the runs of `block` so that each edge falls between two runs; the (start, end,
    element) pieces of its text afterwards, in order."""
    ordered = sorted(edges)
    pieces = []
    for start, end, el in block.spans:
        if el.tag != _T or el.getparent().tag != _R:  # a box symbol or field: kept whole
            pieces.append((start, end, el))
            continue
        if start in edges:
            _split_before(el)
        for edge in ordered[bisect.bisect_right(ordered, start) : bisect.bisect_left(ordered, end)]:
            tail = _split_text(el, edge - start)
            pieces.append((start, edge, el))
            el, start = tail, edge
        pieces.append((start, end, el))
        if end in edges and el.getnext() is not None:
            _split_before(el.getnext())
    return pieces


def _split_text(t, at: int):
    """Cut w:t `t` at character `at` into two runs; return the w:t holding the tail."""
    text = t.text or ""
    tail = t.makeelement(_T, {})
    tail.text = text[at:]
    t.text = text[:at]
    for el in (t, tail):
        el.set(XML_SPACE, "preserve")
    t.addnext(tail)
    _split_before(tail)
    return tail


def _split_before(child) -> None:
    """Move `child` and what follows it in its run into a new run just after, with the same
    run properties; nothing happens if `child` is already the first content of its run."""
    run = child.getparent()
    previous = child.getprevious()
    if previous is None or previous.tag == _RPR:
        return
    new = run.makeelement(_R, {})
    rpr = run.find(_RPR)
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    node = child
    while node is not None:
        following = node.getnext()
        new.append(node)
        node = following
    run.addnext(new)


def _mark(first_run, last_run, comment_id: int) -> None:
    """commentRangeStart before `first_run`, commentRangeEnd and the reference after `last_run`."""
    start = first_run.makeelement(qn("w:commentRangeStart"), {_ID: str(comment_id)})
    first_run.addprevious(start)
    end = last_run.makeelement(qn("w:commentRangeEnd"), {_ID: str(comment_id)})
    reference = last_run.makeelement(_R, {})
    rpr = reference.makeelement(_RPR, {})
    rpr.append(rpr.makeelement(qn("w:rStyle"), {qn("w:val"): "CommentReference"}))
    reference.append(rpr)
    reference.append(reference.makeelement(qn("w:commentReference"), {_ID: str(comment_id)}))
    last_run.addnext(end)
    end.addnext(reference)


def _comment(comment_id: int, text: str, author: str, initials: str, date: str):
    """A w:comment holding `text`, one paragraph a line, as Word writes one."""
    comment = parse(
        f'<w:comment {nsdecls("w")} w:id="{comment_id}" w:author="" w:initials="" w:date=""/>'
    )
    comment.set(qn("w:author"), author)
    comment.set(qn("w:initials"), initials)
    comment.set(qn("w:date"), date)
    for i, line in enumerate(text.split("\n")):
        p = comment.makeelement(qn("w:p"), {})
        ppr = p.makeelement(qn("w:pPr"), {})
        ppr.append(ppr.makeelement(qn("w:pStyle"), {qn("w:val"): "CommentText"}))
        p.append(ppr)
        if i == 0:
            ref = p.makeelement(_R, {})
            rpr = ref.makeelement(_RPR, {})
            rpr.append(rpr.makeelement(qn("w:rStyle"), {qn("w:val"): "CommentReference"}))
            ref.append(rpr)
            ref.append(ref.makeelement(qn("w:annotationRef"), {}))
            p.append(ref)
        run = p.makeelement(_R, {})
        t = run.makeelement(_T, {XML_SPACE: "preserve"})
        t.text = line
        run.append(t)
        p.append(run)
        comment.append(p)
    return comment
