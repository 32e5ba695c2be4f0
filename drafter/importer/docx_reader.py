"""Read a .docx into blocks: body paragraphs and table cells, in document order.

Walks the XML (not python-docx's paragraph.text) so text inside content controls, Word's
automatic list numbers, Wingdings box symbols and legacy check-box fields are all seen, and
each block remembers the elements that hold its text for the form filler.
"""

from __future__ import annotations

from pathlib import Path

from docx.oxml.ns import qn

from drafter.importer.blocks import Block

_BASEDON = qn("w:basedOn")
_BODY = qn("w:body")
_CHAR = qn("w:char")
_CHECKBOX = qn("w:checkBox")
_CUSTOMXML = qn("w:customXml")
_FFDATA = qn("w:ffData")
_GRIDSPAN = qn("w:gridSpan")
_I = qn("w:i")
_NAME = qn("w:name")
_OUTLINELVL = qn("w:outlineLvl")
_P = qn("w:p")
_PPR = qn("w:pPr")
_PSTYLE = qn("w:pStyle")
_R = qn("w:r")
_RPR = qn("w:rPr")
_SDT = qn("w:sdt")
_SDTCONTENT = qn("w:sdtContent")
_SDTPR = qn("w:sdtPr")
_SHOWINGPLCHDR = qn("w:showingPlcHdr")
_STYLE = qn("w:style")
_STYLEID = qn("w:styleId")
_T = qn("w:t")
_TBL = qn("w:tbl")
_TC = qn("w:tc")
_TCPR = qn("w:tcPr")
_TR = qn("w:tr")
_VMERGE = qn("w:vMerge")
_VAL = qn("w:val")

# Wingdings / Wingdings 2 private-use code points Word uses for boxes
_SYMBOL_BOXES = {"F06F": "☐", "F0A8": "☐", "F0A3": "☐", "F0FE": "☒", "F078": "☒", "F0FD": "☒"}
_TEXT_XPATH = (
    "./w:r/w:t | ./w:r/w:tab | ./w:r/w:br | ./w:r/w:cr | ./w:r/w:sym"
    " | ./w:r/w:fldChar[w:ffData/w:checkBox]"
    " | .//w:sdtContent/w:r/w:t | .//w:sdtContent/w:r/w:sym | .//w:hyperlink/w:r/w:t"
    " | .//w:ins/w:r/w:t | .//w:smartTag/w:r/w:t | .//w:fldSimple/w:r/w:t"
)


def legacy_checked(fld) -> bool:
    """Whether a legacy Word form check box (w:ffData) is ticked."""
    box = fld.find(_FFDATA).find(_CHECKBOX)
    for tag in ("w:checked", "w:default"):
        el = box.find(qn(tag))
        if el is not None:
            return el.get(_VAL, "1") not in {"0", "false"}
    return False


class _Styles:
    def __init__(self, document) -> None:
        self.by_id = {}
        for style in document.styles.element.findall(_STYLE):
            name_el = style.find(_NAME)
            based = style.find(_BASEDON)
            ppr = style.find(_PPR)
            outline = ppr.find(_OUTLINELVL) if ppr is not None else None
            rpr = style.find(_RPR)
            italic = rpr is not None and rpr.find(_I) is not None
            self.by_id[style.get(_STYLEID)] = (
                (name_el.get(_VAL) if name_el is not None else "").lower(),
                based.get(_VAL) if based is not None else None,
                int(outline.get(_VAL)) + 1 if outline is not None else 0,
                italic,
            )

    def kind(self, style_id: str | None) -> tuple[int, bool, bool]:
        """(heading level, is title, is italic) for a paragraph style, following basedOn."""
        italic = False
        for _ in range(5):
            if style_id not in self.by_id:
                break
            name, based, outline, style_italic = self.by_id[style_id]
            italic = italic or style_italic
            if name == "title":
                return 0, True, italic
            if name.startswith("heading ") and name[8:].strip().isdigit():
                return int(name[8:]), False, italic
            if outline and outline < 10:
                return outline, False, italic
            style_id = based
        return 0, False, italic


def placeholder_sdt(el):
    """The content control around `el` that is showing its placeholder text, if any."""
    node = el.getparent()
    while node is not None and node.tag not in {_BODY, _TC}:
        if node.tag == _SDT:
            props = node.find(_SDTPR)
            if props is not None and props.find(_SHOWINGPLCHDR) is not None:
                return node
        node = node.getparent()
    return None


def in_placeholder(el) -> bool:
    """Whether the element lies inside a content-control placeholder (answer space, not text)."""
    return placeholder_sdt(el) is not None


_TEXT_NODES = None


def paragraph_text(p) -> tuple[str, list]:
    """Visible text of a w:p and the (start, end, element) spans that hold it."""
    global _TEXT_NODES
    if _TEXT_NODES is None:  # compiled once: most of the time of reading a form is here
        from lxml import etree

        _TEXT_NODES = etree.XPath(_TEXT_XPATH, namespaces={"w": _T[1:].split("}")[0]})
    parts: list[str] = []
    spans = []
    pos = 0
    for el in _TEXT_NODES(p):
        if in_placeholder(el):
            continue  # "Click or tap here to enter text.": an empty answer space, not text
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "t":
            text = el.text or ""
        elif tag == "tab":
            text = "\t"
        elif tag in {"br", "cr"}:
            text = "\n"
        elif tag == "sym":
            text = _SYMBOL_BOXES.get((el.get(_CHAR) or "").upper(), "")
        else:  # legacy check-box form field
            text = "☒" if legacy_checked(el) else "☐"
        if not text:
            continue
        if tag in {"t", "sym", "fldChar"}:
            spans.append((pos, pos + len(text), el))
        parts.append(text)
        pos += len(text)
    return "".join(parts), spans


def _italic(p, style_italic: bool) -> bool:
    runs = [r for r in p.findall(_R) if (r.findtext(_T) or "").strip()]
    if not runs:
        return False

    def run_italic(r):
        rpr = r.find(_RPR)
        i = rpr.find(_I) if rpr is not None else None
        if i is None:
            return style_italic
        return i.get(_VAL, "1") not in {"0", "false"}

    return all(run_italic(r) for r in runs)


def read_docx(path: Path, document=None) -> list[Block]:
    """Blocks of a .docx; pass an open python-docx Document to keep its elements editable."""
    if document is None:
        import docx

        document = docx.Document(str(path))
    from drafter.importer.numbering import Numbering

    styles = _Styles(document)
    numbering = Numbering(document)
    blocks: list[Block] = []
    counts = {"paragraph": 0, "table": 0}

    def para(p, where: str, cell=None, tc=None, first=False) -> None:
        ppr = p.find(_PPR)
        style_el = ppr.find(_PSTYLE) if ppr is not None else None
        heading, title, style_italic = styles.kind(
            style_el.get(_VAL) if style_el is not None else "Normal"
        )
        if ppr is not None and ppr.find(_OUTLINELVL) is not None and not heading:
            level = int(ppr.find(_OUTLINELVL).get(_VAL))
            heading = level + 1 if level < 9 else 0
        text, spans = paragraph_text(p)
        label = numbering.label(p)
        if label and text.strip():
            offset = len(label) + 1
            text = f"{label} {text}"
            spans = [(a + offset, b + offset, el) for a, b, el in spans]
        italic = _italic(p, style_italic)
        # a line break inside a paragraph ("Question 2<br>What…?<br>For example…") separates
        # parts the way paragraphs do; each part keeps the spans of its own characters
        start = 0
        for piece in _lines(text):
            end = start + len(piece)
            if piece.strip() or start == 0:
                blocks.append(
                    Block(
                        text=piece,
                        where=where,
                        heading=heading,
                        title=title,
                        italic=italic,
                        cell=cell,
                        cell_first=first and start == 0,
                        element=p,
                        cell_element=tc,
                        spans=[
                            (a - start, b - start, el) for a, b, el in spans if start <= a < end
                        ],
                    )
                )
            start = end + 1

    def table(tbl) -> None:
        counts["table"] += 1
        t = counts["table"]
        for r, tr in enumerate(tbl.findall(_TR), start=1):
            col = 0
            for tc in tr.findall(_TC):
                tcpr = tc.find(_TCPR)
                span_el = tcpr.find(_GRIDSPAN) if tcpr is not None else None
                vmerge = tcpr.find(_VMERGE) if tcpr is not None else None
                col += 1
                c = col
                col += int(span_el.get(_VAL)) - 1 if span_el is not None else 0
                if vmerge is not None and vmerge.get(_VAL) != "restart":
                    continue  # the lower part of a vertically merged cell: no content of its own
                where = f"table {t} row {r} cell {c}"
                first = True
                for child in _block_children(tc):
                    if child.tag == _P:
                        para(child, where, (t, r, c), tc, first)
                        first = False
                    elif child.tag == _TBL:
                        table(child)

    def walk(container) -> None:
        for child in _block_children(container):
            if child.tag == _P:
                counts["paragraph"] += 1
                para(child, f"paragraph {counts['paragraph']}")
            elif child.tag == _TBL:
                table(child)

    walk(document.element.body)
    return blocks


def _lines(text: str) -> list[str]:
    return text.split("\n") if "\n" in text.strip() else [text]


def _block_children(container):
    """Paragraphs and tables of a container, looking through content controls and customXml."""
    for child in container.iterchildren():
        if child.tag in {_SDT}:
            content = child.find(_SDTCONTENT)
            if content is not None:
                yield from _block_children(content)
        elif child.tag == _CUSTOMXML:
            yield from _block_children(child)
        elif child.tag in {_P, _TBL}:
            yield child
