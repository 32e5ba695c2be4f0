"""The few edits form filling makes to a Word form: tick a box, add text where answers go.

Only text is added (a tick, a run, new paragraphs in the form's own paragraph style);
nothing in the form's layout or styles changes. Works on the elements the walker's blocks
keep (`Block.element`, `Block.spans`).
"""

from __future__ import annotations

import copy

from drafter.ooxml.blocks import placeholder_sdt
from drafter.ooxml.ns import NS, XML_SPACE, local_name, qn

_W14 = NS["w14"]


def tick_element(el) -> bool:
    """Tick the box a w:sym (Wingdings) or legacy check-box w:fldChar is; False for a w:t,
    whose box is in its text (the caller edits that, then calls `check_content_control`)."""
    tag = local_name(el)
    if tag == "sym":
        el.set(qn("w:char"), "F0FE")
        return True
    if tag == "fldChar":
        box = el.find(qn("w:ffData")).find(qn("w:checkBox"))
        checked = box.find(qn("w:checked"))
        if checked is None:
            checked = box.makeelement(qn("w:checked"), {})
            box.append(checked)
        checked.set(qn("w:val"), "1")
        return True
    return False


def check_content_control(t_el) -> None:
    """A ☐ inside a Word check-box content control: also set the control's checked state."""
    node = t_el.getparent()
    while node is not None and local_name(node) != "sdt":
        node = node.getparent()
    if node is None:
        return
    checked = node.find(f".//{{{_W14}}}checkbox/{{{_W14}}}checked")
    if checked is not None:
        checked.set(f"{{{_W14}}}val", "1")


def new_run(parent, text: str):
    """A plain w:r holding `text` (line breaks as w:br), in the paragraph's own style."""
    run = parent.makeelement(qn("w:r"), {})
    for i, line in enumerate(text.split("\n")):
        if i:
            run.append(run.makeelement(qn("w:br"), {}))
        t = run.makeelement(qn("w:t"), {XML_SPACE: "preserve"})
        t.text = line
        run.append(t)
    return run


def append_run(p, text: str) -> None:
    p.append(new_run(p, text))


def _clear_placeholder(p):
    """Remove a content control's placeholder ('Click or tap here to enter text.') from a
    paragraph; return the control's content element to write into, if the control is inline."""
    inline = None
    for t in list(p.iter(qn("w:t"))):
        sdt = placeholder_sdt(t)
        if sdt is None:
            continue
        props = sdt.find(qn("w:sdtPr"))
        flag = props.find(qn("w:showingPlcHdr"))
        if flag is not None:
            props.remove(flag)
        run = t.getparent()
        content = run.getparent()
        content.remove(run)
        if content.tag == qn("w:sdtContent") and content.getparent().getparent() is p:
            inline = content
    return inline


def put_in_control(p, text: str) -> bool:
    """Replace a content control's placeholder in `p` with `text`; False if it has none."""
    control = _clear_placeholder(p)
    if control is None:
        return False
    control.append(new_run(control, text))
    return True


def write_into(p, paragraphs: list[str]) -> None:
    """Fill an empty paragraph (an answer cell's), adding sibling paragraphs for the rest."""
    if not put_in_control(p, paragraphs[0]):
        append_run(p, paragraphs[0])
    anchor = p
    for text in paragraphs[1:]:
        new = copy.deepcopy(p)
        for child in list(new):
            if child.tag != qn("w:pPr"):
                new.remove(child)
        anchor.addnext(new)
        append_run(new, text)
        anchor = new


def new_paragraph_after(anchor, text: str):
    """A new plain paragraph holding `text`, just after `anchor`."""
    new = anchor.makeelement(qn("w:p"), {})
    anchor.addnext(new)
    append_run(new, text)
    return new


def append_appendix(body, blocks: list[tuple[str, str, int]]) -> None:
    """Add `blocks` ((kind, text, bold): kind "heading", "paragraph" or "quote", the first
    `bold` characters in bold) at the end of the document body, from a new page, in the
    form's default paragraph style: a heading is bold and kept with the next paragraph, a
    quote indented. Nothing else in the form changes."""
    end = body.find(qn("w:sectPr"))
    for i, (kind, text, bold) in enumerate(blocks):
        p = body.makeelement(qn("w:p"), {})
        ppr = p.makeelement(qn("w:pPr"), {})
        if kind == "heading":
            ppr.append(ppr.makeelement(qn("w:keepNext"), {}))
        if i == 0:
            ppr.append(ppr.makeelement(qn("w:pageBreakBefore"), {}))
        if kind == "quote":
            ppr.append(ppr.makeelement(qn("w:ind"), {qn("w:left"): "567"}))
        if len(ppr):
            p.append(ppr)
        bold = len(text) if kind == "heading" else bold
        for part, strong in ((text[:bold], True), (text[bold:], False)):
            if not part:
                continue
            run = new_run(p, part)
            if strong:
                rpr = run.makeelement(qn("w:rPr"), {})
                rpr.append(rpr.makeelement(qn("w:b"), {}))
                run.insert(0, rpr)
            p.append(run)
        if end is not None:
            end.addprevious(p)
        else:
            body.append(p)
