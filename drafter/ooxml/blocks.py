"""The one walk through a .docx: one `Block` per paragraph, in reading order.

Body paragraphs and table cells (nested tables in place), looking through block content
controls and customXml, then each section's own headers and footers. The text is what Word
shows: text inside content controls, hyperlinks, insertions and simple fields, Wingdings box
symbols and legacy check-box fields as ☐/☒; a content control's placeholder ("Click or tap
here to enter text.") is an empty answer space, not text. Each block keeps the elements that
hold its text, so comments and form filling can edit it in place, and its emphasis: italic
stretches whether set on the run, through a character style or through the paragraph style
(a Quote-styled title is italic though no run says so).

Every reader of a .docx (lint, import, form filling) uses these blocks; the importer's
Markdown, text and PDF readers make the same `Block` without any XML.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from drafter.ooxml.ns import NS, qn

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
_RSTYLE = qn("w:rStyle")
_RPR = qn("w:rPr")
_SDT = qn("w:sdt")
_SDTCONTENT = qn("w:sdtContent")
_SDTPR = qn("w:sdtPr")
_SHOWINGPLCHDR = qn("w:showingPlcHdr")
_STYLE = qn("w:style")
_STYLEID = qn("w:styleId")
_TBL = qn("w:tbl")
_TC = qn("w:tc")
_TCPR = qn("w:tcPr")
_TR = qn("w:tr")
_TYPE = qn("w:type")
_VMERGE = qn("w:vMerge")
_VAL = qn("w:val")
_RID = qn("r:id")

# Wingdings / Wingdings 2 private-use code points Word uses for boxes
_SYMBOL_BOXES = {"F06F": "☐", "F0A8": "☐", "F0A3": "☐", "F0FE": "☒", "F078": "☒", "F0FD": "☒"}
_TEXT_XPATH = (
    "./w:r/w:t | ./w:r/w:tab | ./w:r/w:br | ./w:r/w:cr | ./w:r/w:sym"
    " | ./w:r/w:fldChar[w:ffData/w:checkBox]"
    " | .//w:sdtContent/w:r/w:t | .//w:sdtContent/w:r/w:sym | .//w:hyperlink/w:r/w:t"
    " | .//w:ins/w:r/w:t | .//w:smartTag/w:r/w:t | .//w:fldSimple/w:r/w:t"
)
_HEADER_FOOTER = {qn("w:headerReference"): "header", qn("w:footerReference"): "footer"}


@dataclass
class Block:
    """One paragraph-like unit of a source document, in reading order."""

    text: str
    where: str  # "paragraph 12", "table 2 row 3 cell 1", "header (section 1)", "line 40"
    heading: int = 0  # heading level; 0 for body text
    title: bool = False  # styled as the document title
    italic: bool = False  # every run with text is italic (a quotation or a cited title)
    cell: tuple[int, int, int] | None = None  # (table, row, cell), 1-based
    cell_first: bool = False  # first paragraph of its table cell
    # .docx only: where the paragraph is ("body", "header", "footer"), the label Word's list
    # numbering shows before it (not part of `text`), its italic [start, end) stretches
    part: str = "body"
    label: str = ""
    emphasis: list[tuple[int, int]] = field(default_factory=list)
    # .docx only: the w:p element, its cell's w:tc, and (start, end, element) spans of the
    # w:t, w:sym and check-box w:fldChar elements that hold the text
    element: Any = None
    cell_element: Any = None
    spans: list[tuple[int, int, Any]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.text.strip()

    @property
    def in_table(self) -> bool:
        return self.cell is not None


def legacy_checked(fld) -> bool:
    """Whether a legacy Word form check box (w:ffData) is ticked."""
    box = fld.find(_FFDATA).find(_CHECKBOX)
    for tag in ("w:checked", "w:default"):
        el = box.find(qn(tag))
        if el is not None:
            return el.get(_VAL, "1") not in {"0", "false"}
    return False


def _on(element) -> bool:
    """A toggle property (w:i, w:b) is on unless its w:val says otherwise."""
    return element.get(_VAL, "1") not in {"0", "false", "off"}


class _Styles:
    """Paragraph and character styles by id: name, basedOn, outline level, italic."""

    def __init__(self, document) -> None:
        self.by_id: dict[str | None, tuple[str, str | None, int, bool | None]] = {}
        for style in document.styles.element.findall(_STYLE):
            name_el = style.find(_NAME)
            based = style.find(_BASEDON)
            ppr = style.find(_PPR)
            outline = ppr.find(_OUTLINELVL) if ppr is not None else None
            rpr = style.find(_RPR)
            i = rpr.find(_I) if rpr is not None else None
            self.by_id[style.get(_STYLEID)] = (
                (name_el.get(_VAL) if name_el is not None else "").lower(),
                based.get(_VAL) if based is not None else None,
                int(outline.get(_VAL)) + 1 if outline is not None else 0,
                _on(i) if i is not None else None,
            )
        self._italic: dict[str | None, bool] = {}

    def italic(self, style_id: str | None) -> bool:
        """Whether a style makes its text italic, following basedOn (nearest setting wins)."""
        if style_id not in self._italic:
            found, current = False, style_id
            for _ in range(10):
                if current not in self.by_id:
                    break
                _name, based, _outline, italic = self.by_id[current]
                if italic is not None:
                    found = italic
                    break
                current = based
            self._italic[style_id] = found
        return self._italic[style_id]

    def kind(self, style_id: str | None) -> tuple[int, bool]:
        """(heading level, is title) for a paragraph style, following basedOn."""
        for _ in range(5):
            if style_id not in self.by_id:
                break
            name, based, outline, _italic = self.by_id[style_id]
            if name == "title":
                return 0, True
            if name.startswith("heading ") and name[8:].strip().isdigit():
                return int(name[8:]), False
            if outline and outline < 10:
                return outline, False
            style_id = based
        return 0, False


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


_TEXT_NODES = None


def _text_nodes(p) -> list:
    global _TEXT_NODES
    if _TEXT_NODES is None:  # compiled once: most of the time of reading a form is here
        from lxml import etree

        _TEXT_NODES = etree.XPath(_TEXT_XPATH, namespaces={"w": NS["w"]})
    return _TEXT_NODES(p)


def _paragraph(p, styles: _Styles | None, style_italic: bool):
    """(text, spans, [(start, end, italic)] for each stretch of text) of a w:p."""
    parts: list[str] = []
    spans = []
    runs = []
    pos = 0
    for el in _text_nodes(p):
        if placeholder_sdt(el) is not None:
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
            if tag == "t" and styles is not None:
                italic = _run_italic(el.getparent(), styles, style_italic)
                runs.append((pos, pos + len(text), italic))
        parts.append(text)
        pos += len(text)
    return "".join(parts), spans, runs


def _run_italic(run, styles: _Styles, style_italic: bool) -> bool:
    """A run's italic: set on the run, else through its character style, else the paragraph's."""
    rpr = run.find(_RPR)
    if rpr is not None:
        i = rpr.find(_I)
        if i is not None:
            return _on(i)
        rstyle = rpr.find(_RSTYLE)
        if rstyle is not None and styles.italic(rstyle.get(_VAL)):
            return True
    return style_italic


def _emphasis(text: str, runs: list[tuple[int, int, bool]]) -> tuple[list[tuple[int, int]], bool]:
    """Italic stretches (adjacent runs joined) and whether all the text that shows is italic."""
    shown = [italic for start, end, italic in runs if text[start:end].strip()]
    return _join(runs), bool(shown) and all(shown)


def _join(runs: list[tuple[int, int, bool]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for start, end, italic in runs:
        if not italic or start == end:
            continue
        if out and out[-1][1] == start:
            out[-1] = (out[-1][0], end)
        else:
            out.append((start, end))
    return out


def read_blocks(document) -> list[Block]:
    """The blocks of an open python-docx Document: body, then headers and footers."""
    from drafter.ooxml.numbering import Numbering

    return _Walker(document, _Styles(document), Numbering(document)).walk()


class _Walker:
    def __init__(self, document, styles: _Styles, numbering) -> None:
        self.document = document
        self.styles = styles
        self.numbering = numbering
        self.blocks: list[Block] = []
        self.paragraphs = 0
        self.tables = 0

    def walk(self) -> list[Block]:
        body = self.document.element.body
        self.container(body, "body")
        related = self.document.part.related_parts
        sections = body.xpath("./w:p/w:pPr/w:sectPr | ./w:sectPr")
        for number, sect_pr in enumerate(sections, 1):
            for ref in sect_pr:
                kind = _HEADER_FOOTER.get(ref.tag)
                if kind is None or ref.get(_TYPE, "default") != "default":
                    continue
                part = related.get(ref.get(_RID))
                if part is not None:
                    self.container(part.element, kind, f"{kind} (section {number})")
        return self.blocks

    def container(self, container, part: str, where: str | None = None) -> None:
        for child in _block_children(container):
            if child.tag == _P:
                if where is None:
                    self.paragraphs += 1
                self.paragraph(child, where or f"paragraph {self.paragraphs}", part)
            elif child.tag == _TBL:
                self.table(child, part)

    def table(self, tbl, part: str) -> None:
        self.tables += 1
        t = self.tables
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
                first = True
                for child in _block_children(tc):
                    if child.tag == _P:
                        where = f"table {t} row {r} cell {c}"
                        self.paragraph(child, where, part, (t, r, c), tc, first)
                        first = False
                    elif child.tag == _TBL:
                        self.table(child, part)

    def paragraph(self, p, where, part, cell=None, tc=None, first=False) -> None:
        ppr = p.find(_PPR)
        style_el = ppr.find(_PSTYLE) if ppr is not None else None
        style_id = style_el.get(_VAL) if style_el is not None else "Normal"
        heading, title = self.styles.kind(style_id)
        if ppr is not None and ppr.find(_OUTLINELVL) is not None and not heading:
            level = int(ppr.find(_OUTLINELVL).get(_VAL))
            heading = level + 1 if level < 9 else 0
        text, spans, runs = _paragraph(p, self.styles, self.styles.italic(style_id))
        emphasis, italic = _emphasis(text, runs)
        self.blocks.append(
            Block(
                text=text,
                where=where,
                heading=heading,
                title=title,
                italic=italic,
                cell=cell,
                cell_first=first,
                part=part,
                label=self.numbering.label(p),
                emphasis=emphasis,
                element=p,
                cell_element=tc,
                spans=spans,
            )
        )


def _block_children(container):
    """Paragraphs and tables of a container, looking through content controls and customXml."""
    for child in container.iterchildren():
        if child.tag == _SDT:
            content = child.find(_SDTCONTENT)
            if content is not None:
                yield from _block_children(content)
        elif child.tag == _CUSTOMXML:
            yield from _block_children(child)
        elif child.tag in {_P, _TBL}:
            yield child
