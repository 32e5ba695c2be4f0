#!/usr/bin/env python3
"""Build templates/reference.docx, the look of drafter's Word responses, reproducibly.

Usage: python tools/build_reference_docx.py [OUT]   (default: templates/reference.docx)

Starts from python-docx's default template, keeps only the styles drafter uses (so every
render loads a small styles part), sets them up (A4, Arial 11pt, en-GB, clear headings, list
numbering that restarts), and writes a zip with fixed timestamps and a fixed entry order, so
running it twice gives the same bytes. tests/test_reference_docx.py rebuilds and compares.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from docx import Document  # noqa: E402
from docx.enum.style import WD_STYLE_TYPE  # noqa: E402
from docx.opc.constants import RELATIONSHIP_TYPE as RT  # noqa: E402
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls, qn  # noqa: E402
from docx.shared import Cm, Pt, RGBColor  # noqa: E402

from drafter.writer.numbering import (  # noqa: E402
    BULLET_ABSTRACT_ID,
    DECIMAL_ABSTRACT_ID,
    add_num,
    ensure_abstract_nums,
)

FIXED_TIME = dt.datetime(2026, 1, 1, 0, 0, 0)
ZIP_TIME = (2026, 1, 1, 0, 0, 0)
FONT = "Arial"
INK = RGBColor(0x1F, 0x2A, 0x44)

KEEP = {
    "Normal",
    "Default Paragraph Font",
    "Normal Table",
    "No List",
    "Title",
    "Heading 1",
    "Heading 2",
    "Heading 3",
    "Heading 4",
    "Quote",
    "List Paragraph",
    "List Bullet",
    "List Bullet 2",
    "List Number",
    "List Number 2",
    "List Continue",
    "Table Grid",
    "Header",
    "Footer",
    "Hyperlink",
}


def build() -> bytes:
    doc = Document()
    styles = doc.styles
    _setup_styles(doc)
    _prune_styles(doc)
    _setup_numbering(doc)
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.5))
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.2)
    section.header_distance, section.footer_distance = Cm(1.2), Cm(1.0)
    # the reference carries looks, not content
    body = doc.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    _drop_parts(doc)
    zoom = doc.settings.element.find(qn("w:zoom"))
    if zoom is not None:  # the default template's zoom lacks the required percent
        zoom.set(qn("w:percent"), "100")
    core = doc.core_properties
    core.title = "drafter reference document"
    core.author = core.last_modified_by = "drafter"
    core.subject = core.keywords = core.comments = core.category = ""
    core.created = core.modified = FIXED_TIME
    core.revision = 1
    assert styles["Normal"] is not None
    buffer = io.BytesIO()
    doc.save(buffer)
    return deterministic_zip(buffer.getvalue())


def _setup_styles(doc) -> None:
    styles = doc.styles
    rpr_default = doc.styles.element.find(qn("w:docDefaults"))
    rpr = rpr_default.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for old in rpr.findall(qn("w:rFonts")) + rpr.findall(qn("w:lang")):
        rpr.remove(old)
    rpr.insert(
        0,
        parse_xml(
            f'<w:rFonts {nsdecls("w")} w:ascii="{FONT}" w:hAnsi="{FONT}" '
            f'w:eastAsia="{FONT}" w:cs="{FONT}"/>'
        ),
    )
    rpr.append(
        parse_xml(f'<w:lang {nsdecls("w")} w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA"/>')
    )
    # widow and orphan control everywhere, said outright: the OOXML default when no style sets
    # it is off, and a kept heading needs at least two lines of the answer under it
    ppr_default = rpr_default.find(qn("w:pPrDefault")).find(qn("w:pPr"))
    ppr_default.insert(0, parse_xml(f"<w:widowControl {nsdecls('w')}/>"))
    _reorder_ppr(ppr_default)

    normal = styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(8)
    normal.paragraph_format.line_spacing = 1.15

    sizes = {"Title": 24, "Heading 1": 20, "Heading 2": 15, "Heading 3": 12.5, "Heading 4": 11}
    for name, size in sizes.items():
        style = styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = INK
        fmt = style.paragraph_format
        fmt.space_before = Pt(18 if name in ("Heading 1", "Heading 2") else 12)
        fmt.space_after = Pt(6)
        fmt.keep_with_next = True
        _set_theme_fonts_off(style)

    quote = styles["Quote"]
    quote.font.italic = False
    quote.font.color.rgb = INK
    quote.font.size = Pt(11)
    qfmt = quote.paragraph_format
    qfmt.left_indent = Cm(0.5)
    qfmt.right_indent = Cm(0)
    qfmt.space_before, qfmt.space_after = Pt(2), Pt(8)
    qfmt.keep_with_next = False  # only a question's wording keeps with next (the writer says so)
    ppr = quote.element.get_or_add_pPr()
    for old in ppr.findall(qn("w:pBdr")) + ppr.findall(qn("w:shd")):
        ppr.remove(old)
    ppr.append(
        parse_xml(
            f'<w:pBdr {nsdecls("w")}><w:left w:val="single" w:sz="18" w:space="8" '
            'w:color="7A8BA6"/></w:pBdr>'
        )
    )
    _reorder_ppr(ppr)

    for name in ("List Bullet", "List Bullet 2", "List Number", "List Number 2", "List Continue"):
        fmt = styles[name].paragraph_format
        fmt.space_after = Pt(4)

    for name in ("Header", "Footer"):
        styles[name].font.size = Pt(9)
        styles[name].font.color.rgb = RGBColor(0x55, 0x5F, 0x73)

    if "Hyperlink" not in [s.name for s in styles]:
        link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        link.base_style = styles["Default Paragraph Font"]
        link.font.color.rgb = RGBColor(0x1F, 0x4E, 0x9A)
        link.font.underline = True
        link.unhide_when_used = True


def _set_theme_fonts_off(style) -> None:
    """python-docx leaves asciiTheme attributes that would override our font: drop them."""
    rpr = style.element.rPr
    fonts = rpr.find(qn("w:rFonts")) if rpr is not None else None
    if fonts is not None:
        for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(attr), None)


_PPR_ORDER = [
    "pStyle",
    "keepNext",
    "keepLines",
    "pageBreakBefore",
    "framePr",
    "widowControl",
    "numPr",
    "suppressLineNumbers",
    "pBdr",
    "shd",
    "tabs",
    "suppressAutoHyphens",
    "kinsoku",
    "wordWrap",
    "overflowPunct",
    "topLinePunct",
    "autoSpaceDE",
    "autoSpaceDN",
    "bidi",
    "adjustRightInd",
    "snapToGrid",
    "spacing",
    "ind",
    "contextualSpacing",
    "mirrorIndents",
    "suppressOverlap",
    "jc",
    "textDirection",
    "textAlignment",
    "textboxTightWrap",
    "outlineLvl",
    "divId",
    "cnfStyle",
    "rPr",
    "sectPr",
    "pPrChange",
]


def _reorder_ppr(ppr) -> None:
    """Put w:pPr children in schema order (we appended some by hand)."""
    rank = {qn(f"w:{name}"): i for i, name in enumerate(_PPR_ORDER)}
    children = sorted(ppr, key=lambda el: rank.get(el.tag, len(rank)))
    for child in children:
        ppr.append(child)


def _prune_styles(doc) -> None:
    """Keep the styles drafter uses and those they are based on, linked to or followed by."""
    root = doc.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in root.findall(qn("w:style"))}
    name_of = {sid: s.find(qn("w:name")).get(qn("w:val")) for sid, s in by_id.items()}
    wanted = {name.lower() for name in KEEP}  # files spell built-ins "heading 1"
    keep = {sid for sid, name in name_of.items() if name.lower() in wanted}
    queue = list(keep)
    while queue:
        style = by_id[queue.pop()]
        for tag in ("w:basedOn", "w:link", "w:next"):
            ref = style.find(qn(tag))
            if ref is not None and ref.get(qn("w:val")) in by_id:
                target = ref.get(qn("w:val"))
                if target not in keep:
                    keep.add(target)
                    queue.append(target)
    for sid, style in by_id.items():
        if sid not in keep:
            root.remove(style)
    latent = root.find(qn("w:latentStyles"))
    if latent is not None:
        root.remove(latent)


def _setup_numbering(doc) -> None:
    numbering = doc.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    ensure_abstract_nums(numbering)
    bullets = add_num(numbering, BULLET_ABSTRACT_ID)
    decimal = add_num(numbering, DECIMAL_ABSTRACT_ID)
    for name, num_id, level in (
        ("List Bullet", bullets, 0),
        ("List Bullet 2", bullets, 1),
        ("List Number", decimal, 0),
        ("List Number 2", decimal, 1),
    ):
        ppr = doc.styles[name].element.get_or_add_pPr()
        for old in ppr.findall(qn("w:numPr")) + ppr.findall(qn("w:ind")):
            ppr.remove(old)
        ppr.append(
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/>'
                "</w:numPr>"
            )
        )
        _reorder_ppr(ppr)


def _drop_parts(doc) -> None:
    """Drop the default template's thumbnail, customXml and stylesWithEffects parts."""
    package_rels = doc.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            del package_rels[rid]
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype in (RT.CUSTOM_XML, RT.WEB_SETTINGS) or rel.reltype.endswith(
            "/stylesWithEffects"
        ):
            del doc.part.rels[rid]


def deterministic_zip(data: bytes) -> bytes:
    """The same zip with fixed timestamps and attributes, entries in a fixed order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    ordered = ["[Content_Types].xml"] + sorted(n for n in names if n != "[Content_Types].xml")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            target.writestr(info, source.read(name), compresslevel=9)
    return out.getvalue()


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "templates" / "reference.docx"
    out.write_bytes(build())
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
