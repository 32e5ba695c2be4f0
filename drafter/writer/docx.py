"""Composed Markdown -> .docx, without python-docx (its import cost more than the writing).

markdown-it tokens are turned straight into WordprocessingML elements (lxml), with every
style id looked up once. The reference document (the look) is opened as a zip package
(drafter.ooxml.package), keeping only what lends the look (drafter.ooxml.reference): the
parts drafter edits (document, styles, numbering, header,
footer, core and custom properties, relationships, content types) are parsed with lxml and
every other part is copied byte for byte.
"""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from lxml.etree import Element as _element
from lxml.etree import SubElement as _sub_element

from drafter.errors import InputError
from drafter.ooxml.ns import NS, XML_SPACE, nsdecls, parse, qn
from drafter.ooxml.package import CT, RT, Package
from drafter.writer.numbering import (
    BULLET_ABSTRACT_ID,
    DECIMAL_ABSTRACT_ID,
    add_num,
    ensure_abstract_nums,
)

if TYPE_CHECKING:
    from drafter.compose import Composed

CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
PROPERTY_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"
LIBRARY_PROPERTY = "DrafterLibrary"

HEADING_SIZES = {1: 40, 2: 30, 3: 25, 4: 22}  # half-points, for the fallback only
# A question's wording (the quote right under its heading) up to this many characters, and
# the stance line after it ("Answer: Agree"), are written inside the heading's own paragraph,
# each on a line of its own at body size. LibreOffice (7.x) often drops a keep-with-next chain
# of four paragraphs (heading, wording, stance, answer), leaving a heading alone at the foot of
# a page; a question heading that carries its wording and stance keeps with the answer in both
# LibreOffice and Word. A longer wording stays a Quote paragraph that keeps with next and may
# break across pages, like any long paragraph.
KEEP_LINES_LIMIT = 600
WORDING_SIZE = 22  # half-points

# the root of a new header or footer part, with the namespaces Word's (and python-docx's) have
_HDR_FTR = (
    '<w:{tag} xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"'
    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:mo="http://schemas.microsoft.com/office/mac/office/2008/main"'
    ' xmlns:mv="urn:schemas-microsoft-com:mac:vml"'
    ' xmlns:o="urn:schemas-microsoft-com:office:office"'
    ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'
    ' xmlns:v="urn:schemas-microsoft-com:vml"'
    ' xmlns:w10="urn:schemas-microsoft-com:office:word"'
    ' xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"'
    ' xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:wne="http://schemas.microsoft.com/office/word/2006/wordml"'
    ' xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing"'
    ' xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
    ' xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"'
    ' xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"'
    ' xmlns:wpi="http://schemas.microsoft.com/office/word/2010/wordprocessingInk"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    ' mc:Ignorable="w14 wp14"/>'
)
# what may follow w:headerReference / w:footerReference inside w:sectPr
_SECT_PR_LATER = tuple(
    qn("w:" + t)
    for t in [
        *("footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc", "pgBorders"),
        *("lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg"),
        *("textDirection", "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange"),
    ]
)
_UNIVERSAL_EMU = {"mm": 36000, "cm": 360000, "in": 914400, "pt": 12700, "pc": 152400, "pi": 152400}


def bundled_reference() -> Path:
    from drafter.resources import bundled

    return bundled("templates") / "reference.docx"


def open_reference(path: Path | None) -> _Parts:
    """The reference document's package, its look only, or a one-line InputError if it is
    not a usable .docx (the same words every reader of a .docx gives)."""
    from drafter.ooxml.package import damaged, read_package
    from drafter.ooxml.reference import look_only

    path = Path(path) if path is not None else bundled_reference()
    if not path.is_file():
        raise InputError("reference document not found", path=path)
    _raw, parts = read_package(path)
    try:
        package = Package(parts)
        look_only(package)
        return _Parts(package)
    except Exception as exc:  # a damaged package fails in many ways; all are one line
        raise damaged(exc, path) from None


class _Parts:
    """The parts of a reference the writer edits, parsed up front so that a damaged one is
    reported as such before any writing starts."""

    def __init__(self, package: Package):
        self.package = package
        doc = package.document
        self.document = package.xml(doc)
        self.body = self.document.find(qn("w:body"))
        if self.body is None:
            self.body = _sub_element(self.document, qn("w:body"))
        self.styles = self._one(doc, RT.STYLES)
        self.numbering = self._one(doc, RT.NUMBERING)
        self.settings = self._one(doc, RT.SETTINGS)
        self.core = self._one("", RT.CORE_PROPERTIES)
        self.custom = self._one("", RT.CUSTOM_PROPERTIES)
        sect_pr = self.body.find(qn("w:sectPr"))
        self.header = self._hdr_ftr(sect_pr, "w:headerReference")
        self.footer = self._hdr_ftr(sect_pr, "w:footerReference")

    def _one(self, source: str, reltype: str):
        """The root of the part `source` relates to by `reltype`, or None."""
        targets = self.package.related(source, reltype)
        return self.package.xml(targets[0]) if targets else None

    def _hdr_ftr(self, sect_pr, tag: str):
        """The default header (or footer) part of the body's section, or None."""
        if sect_pr is None:
            return None
        for ref in sect_pr.iterfind(qn(tag)):
            if ref.get(qn("w:type")) == "default":
                return self.package.xml(
                    self.package.target(self.package.document, ref.get(qn("r:id")))
                )
        return None


class DocxWriter:
    """Writes one Composed document into a copy of a reference .docx."""

    def __init__(self, reference: Path | None = None):
        self.doc = open_reference(reference)
        self.package = self.doc.package
        self.warnings: list[str] = []
        self._missing: list[str] = []
        self._own_styles: dict | None = None
        self._own_by_id: dict = {}
        if self.doc.styles is None:  # a package without styles: start from drafter's own
            self.doc.styles = copy.deepcopy(open_reference(None).styles)
            name = self.package.new_partname("word/styles%d.xml", "word/styles.xml")
            self.package.add_part(name, CT.STYLES, self.doc.styles)
            self.package.relate(self.package.document, RT.STYLES, name)
        self._style_ids = self._read_style_ids()
        self._numbering = None
        self._bullet_num: int | None = None
        self._text_width: int | None = None

    # --- styles --------------------------------------------------------------------
    def _read_style_ids(self) -> dict[str, str]:
        """name -> styleId for every style, read once."""
        ids = {}
        w_val, w_name = qn("w:val"), qn("w:name")
        for style in self.doc.styles.iterfind(qn("w:style")):
            name = style.find(w_name)
            if name is not None:
                ids[name.get(w_val)] = style.get(qn("w:styleId"))
        # Word's built-in names are case-insensitive ("heading 1" in files, "Heading 1" in UI)
        ids.update({k.lower(): v for k, v in list(ids.items())})
        return ids

    def style_id(self, name: str) -> str | None:
        """The id of style `name`; one the reference lacks is copied from drafter's own
        reference (and named in the one warning), or None if even that has none."""
        found = self._style_ids.get(name) or self._style_ids.get(name.lower())
        if found is None and name not in self._missing:
            self._missing.append(name)
            found = self._adopt(name)
        return found

    def _adopt(self, name: str) -> str | None:
        """Copy style `name` (and any style it is based on or linked to) from the bundled
        reference into this document, so a house style without, say, 'Quote' still works."""
        if self._own_styles is None:
            own = open_reference(None).styles
            self._own_styles = {
                s.find(qn("w:name")).get(qn("w:val")).lower(): s
                for s in own.findall(qn("w:style"))
                if s.find(qn("w:name")) is not None
            }
            self._own_by_id = {s.get(qn("w:styleId")): s for s in self._own_styles.values()}
        style = self._own_styles.get(name.lower())
        if style is None:
            return None
        taken = set(self._style_ids.values())
        queue = [style]
        while queue:
            element = queue.pop()
            style_id = element.get(qn("w:styleId"))
            if style_id in taken:
                continue
            self.doc.styles.append(copy.deepcopy(element))
            taken.add(style_id)
            self._style_ids[element.find(qn("w:name")).get(qn("w:val"))] = style_id
            self._style_ids[element.find(qn("w:name")).get(qn("w:val")).lower()] = style_id
            for tag in ("w:basedOn", "w:link"):
                ref = element.find(qn(tag))
                if ref is not None and ref.get(qn("w:val")) in self._own_by_id:
                    queue.append(self._own_by_id[ref.get(qn("w:val"))])
        return style.get(qn("w:styleId"))

    # --- document ------------------------------------------------------------------
    def write(self, composed: Composed, *, now: dt.datetime | None = None) -> bytes:
        body = self.doc.body
        sect_pr = body.find(qn("w:sectPr"))
        for child in list(body):
            if child is not sect_pr:
                body.remove(child)
        if sect_pr is None:  # every section needs its properties; Word's defaults apply
            sect_pr = _sub_element(body, qn("w:sectPr"))
        self._sect_pr = sect_pr
        blocks = _Blocks(self)
        for element in blocks.convert(composed.tokens):
            sect_pr.addprevious(element)
        self._header_footer(composed)
        settings = self.doc.settings
        zoom = settings.find(qn("w:zoom")) if settings is not None else None
        if zoom is not None and zoom.get(qn("w:percent")) is None:
            zoom.set(qn("w:percent"), "100")  # required by the schema; some templates omit it
        self._language(composed.language)
        self._properties(composed, now or dt.datetime.now(dt.timezone.utc))
        if self._missing:
            self.warnings.append(
                "the reference document has no style named "
                + ", ".join(repr(m) for m in self._missing)
                + "; used drafter's own for "
                + ("that" if len(self._missing) == 1 else "those")
            )
        return self.package.save()

    def numbering(self):
        if self._numbering is None:
            if self.doc.numbering is None:
                name = self.package.new_partname("word/numbering%d.xml", "word/numbering.xml")
                self.doc.numbering = parse(f"<w:numbering {nsdecls('w')}/>")
                self.package.add_part(name, CT.NUMBERING, self.doc.numbering)
                self.package.relate(self.package.document, RT.NUMBERING, name)
            self._numbering = self.doc.numbering
            ensure_abstract_nums(self._numbering)
        return self._numbering

    def new_list(self, ordered: bool, start: int = 1) -> int:
        """A num id for a new list: each numbered list restarts; bullets share one."""
        if ordered:
            return add_num(self.numbering(), DECIMAL_ABSTRACT_ID, start=start)
        if self._bullet_num is None:
            self._bullet_num = add_num(self.numbering(), BULLET_ABSTRACT_ID)
        return self._bullet_num

    def hyperlink(self, href: str) -> str:
        """The rId of an external hyperlink relationship to `href` (one per distinct URL)."""
        return self.package.relate(self.package.document, RT.HYPERLINK, href, external=True)

    def text_width(self) -> int:
        """The width between the section's margins, in twips."""
        if self._text_width is None:
            page = self._sect_pr.find(qn("w:pgSz"))
            margins = self._sect_pr.find(qn("w:pgMar"))
            width = _emu(page, "w:w", 11906)
            left, right = _emu(margins, "w:left", 1440), _emu(margins, "w:right", 1440)
            self._text_width = int((width - left - right) / 635)  # EMU -> twips
        return self._text_width

    def _hdr_ftr_part(self, kind: str):
        """The section's default header or footer root, emptied; a new part if it has none."""
        root = getattr(self.doc, kind)
        if root is None:
            tag, ref_tag = (
                ("hdr", "w:headerReference") if kind == "header" else ("ftr", "w:footerReference")
            )
            name = self.package.new_partname(f"word/{kind}%d.xml")
            root = parse(_HDR_FTR.format(tag=tag))
            self.package.add_part(name, CT.HEADER if kind == "header" else CT.FOOTER, root)
            reltype = RT.HEADER if kind == "header" else RT.FOOTER
            r_id = self.package.relate(self.package.document, reltype, name)
            ref = _E(ref_tag)
            ref.set(qn("w:type"), "default")
            ref.set(qn("r:id"), r_id)
            later = next((c for c in self._sect_pr if c.tag in _SECT_PR_LATER), None)
            if later is not None:
                later.addprevious(ref)
            else:
                self._sect_pr.append(ref)
            setattr(self.doc, kind, root)
        for child in list(root):
            root.remove(child)
        return root

    def _header_footer(self, composed: Composed) -> None:
        header = self._hdr_ftr_part("header")
        footer = self._hdr_ftr_part("footer")
        header_style = self.style_id("Header")
        footer_style = self.style_id("Footer")
        p = _paragraph(header_style)
        p.append(_run(composed.header))
        header.append(p)
        p = _paragraph(footer_style, jc="center")
        p.append(_run("Page "))
        p.extend(_field("PAGE"))
        p.append(_run(" of "))
        p.extend(_field("NUMPAGES"))
        footer.append(p)

    def _language(self, language: str) -> None:
        """Set the document language in styles.xml docDefaults (en-GB or cy-GB)."""
        styles = self.doc.styles
        defaults = styles.find(qn("w:docDefaults"))
        if defaults is None:
            defaults = _E("w:docDefaults")
            styles.insert(0, defaults)
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is None:
            rpr_default = _E("w:rPrDefault")
            defaults.insert(0, rpr_default)
        rpr = rpr_default.find(qn("w:rPr"))
        if rpr is None:
            rpr = _E("w:rPr")
            rpr_default.append(rpr)
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = _E("w:lang")
            # w:lang comes after most rPr children and before eastAsianLayout/specVanish/oMath
            later = [rpr.find(qn(t)) for t in ("w:eastAsianLayout", "w:specVanish", "w:oMath")]
            later = [e for e in later if e is not None]
            if later:
                later[0].addprevious(lang)
            else:
                rpr.append(lang)
        lang.set(qn("w:val"), language)

    def _properties(self, composed: Composed, now: dt.datetime) -> None:
        core = self._core()
        _set_core(core, "dc:title", _fit(composed.title))
        _set_core(core, "dc:creator", _fit(composed.author))
        _set_core(core, "dc:subject", _fit(composed.subject))
        _set_core(core, "cp:keywords", _fit(composed.keywords))
        _set_core(core, "cp:lastModifiedBy", "drafter")
        _set_core(core, "dc:description", "Written with drafter from vetted library entries.")
        _set_core(core, "dc:language", composed.language)
        stamp = now.replace(microsecond=0, tzinfo=None).strftime("%Y-%m-%dT%H:%M:%SZ")
        for name in ("dcterms:created", "dcterms:modified"):
            element = _set_core(core, name, stamp)
            # declare xsi on the root, not on each element that uses it (as python-docx did)
            core.set(qn("xsi:foo"), "bar")
            element.set(qn("xsi:type"), "dcterms:W3CDTF")
            del core.attrib[qn("xsi:foo")]
        _set_core(core, "cp:revision", "1")
        listing = "; ".join(f"{k}={v}" for k, v in composed.library_versions.items())
        self._custom_property(LIBRARY_PROPERTY, listing or "(none)")

    def _core(self):
        """The core properties root; a new part if the reference has none."""
        if self.doc.core is None:
            core = parse(f"<cp:coreProperties {nsdecls('cp', 'dc', 'dcterms')}/>")
            # the order python-docx's new part had its first elements in
            for name in ("dc:title", "cp:lastModifiedBy", "cp:revision", "dcterms:modified"):
                _set_core(core, name, "")
            name = "docProps/core.xml"
            self.package.add_part(name, CT.CORE_PROPERTIES, core)
            self.package.relate("", RT.CORE_PROPERTIES, name)
            self.doc.core = core
        return self.doc.core

    def _custom_property(self, name: str, value: str) -> None:
        """Set a text custom property (docProps/custom.xml), adding the part if needed."""
        root = self.doc.custom
        if root is None:
            root = parse(f'<Properties xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}"/>')
            part = "docProps/custom.xml"
            self.package.add_part(part, CT.CUSTOM_PROPERTIES, root)
            self.package.relate("", RT.CUSTOM_PROPERTIES, part)
            self.doc.custom = root
        props = [p for p in root if p.get("name") != name]
        pids = [int(p.get("pid", "1")) for p in props]
        for child in list(root):
            root.remove(child)
        root.extend(props)
        prop = parse(
            f'<property xmlns="{CUSTOM_NS}" xmlns:vt="{VT_NS}" fmtid="{PROPERTY_FMTID}" '
            f'pid="{max(pids, default=1) + 1}" name="{xml_escape(name)}">'
            f"<vt:lpwstr>{xml_escape(value)}</vt:lpwstr></property>"
        )
        root.append(prop)


def _set_core(core, name: str, text: str):
    """Set core property `name` ("dc:title"), adding its element at the end if absent."""
    element = core.find(qn(name))
    if element is None:
        prefix = name.split(":")[0]
        element = _element(qn(name), nsmap={prefix: NS[prefix]})
        core.append(element)
    element.text = text
    return element


def _emu(element, attr: str, default: int) -> int:
    """A twips measure ("1417", or with units as in "2.5cm") in EMU; `default` twips if absent."""
    value = element.get(qn(attr)) if element is not None else None
    if value is None:
        return default * 635
    if "i" in value or "m" in value or "p" in value:
        return int(round(float(value[:-2]) * _UNIVERSAL_EMU[value[-2:]]))
    return int(round(float(value))) * 635


def _fit(text: str, limit: int = 255) -> str:
    """A core property value within the 255 characters Word allows."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "\u2026"


def xml_escape(text: str) -> str:
    """Escape text for an XML attribute or element (saxutils would import urllib and http)."""
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


# --- element builders ------------------------------------------------------------------
_W_NSMAP = {"w": NS["w"]}
_SCRATCH = []


def _E(tag: str):
    """A new element such as _E("w:p"), made by plain lxml inside one scratch document.

    python-docx's OxmlElement parses the prefix and starts a new XML document on every call:
    that was most of the writer's time. Here the Clark name is worked out once per tag, and
    each element is born in a shared scratch parent; appending it elsewhere moves it there.
    """
    clark = qn(tag)
    if not _SCRATCH:
        _SCRATCH.append(_element(qn("w:body"), nsmap=_W_NSMAP))
    return _sub_element(_SCRATCH[0], clark)


def _paragraph(style_id: str | None, *, jc: str | None = None, outline: int | None = None):
    p = _E("w:p")
    if style_id or jc or outline is not None:
        ppr = _E("w:pPr")
        if style_id:
            ppr.append(_val("w:pStyle", style_id))
        if jc:
            ppr.append(_val("w:jc", jc))
        if outline is not None:
            ppr.append(_val("w:outlineLvl", str(outline)))
        p.append(ppr)
    return p


def _ppr(p):
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        ppr = _E("w:pPr")
        p.insert(0, ppr)
    return ppr


def _keep(p, *, lines: bool) -> None:
    """Keep paragraph `p` on the page of the next one (w:keepNext) and, if `lines`, in one
    piece (w:keepLines); both go straight after w:pStyle, as the schema orders them."""
    ppr = _ppr(p)
    at = 1 if len(ppr) and ppr[0].tag == _PSTYLE else 0
    ppr.insert(at, _E("w:keepNext"))
    if lines:
        ppr.insert(at + 1, _E("w:keepLines"))


_PSTYLE = qn("w:pStyle")


def _set_spacing(p, *, after: int) -> None:
    """Space after a paragraph, in twentieths of a point (w:spacing goes after w:numPr)."""
    ppr = _ppr(p)
    spacing = _E("w:spacing")
    spacing.set(qn("w:after"), str(after))
    anchor = ppr.find(qn("w:numPr"))
    if anchor is None:
        anchor = ppr.find(qn("w:pStyle"))
    if anchor is not None:
        anchor.addnext(spacing)
    else:
        ppr.insert(0, spacing)


def _val(tag: str, value: str):
    element = _E(tag)
    element.set(qn("w:val"), value)
    return element


def _run(text: str, *, bold=False, italic=False, code=False, size: int | None = None):
    r = _E("w:r")
    if bold or italic or code or size:
        rpr = _E("w:rPr")
        if code:
            fonts = _E("w:rFonts")
            for attr in ("w:ascii", "w:hAnsi", "w:cs"):
                fonts.set(qn(attr), "Courier New")
            rpr.append(fonts)
        if bold:
            rpr.append(_E("w:b"))
        if italic:
            rpr.append(_E("w:i"))
        if size:
            rpr.append(_val("w:sz", str(size)))
        r.append(rpr)
    parts = text.split("\t")
    for i, part in enumerate(parts):
        if i:
            r.append(_E("w:tab"))
        if part:
            t = _E("w:t")
            t.text = part
            if part[0] == " " or part[-1] == " ":
                t.set(XML_SPACE, "preserve")
            r.append(t)
    return r


def _break():
    """A run holding a line break (w:br)."""
    r = _E("w:r")
    r.append(_E("w:br"))
    return r


def _field(instruction: str) -> list:
    """A complex field (fldChar begin / instrText / separate / result / end)."""
    runs = []
    for kind in ("begin", None, "separate", "result", "end"):
        r = _E("w:r")
        if kind in ("begin", "separate", "end"):
            fld = _E("w:fldChar")
            fld.set(qn("w:fldCharType"), kind)
            r.append(fld)
        elif kind is None:
            instr = _E("w:instrText")
            instr.set(XML_SPACE, "preserve")
            instr.text = f" {instruction} "
            r.append(instr)
        else:
            t = _E("w:t")
            t.text = "1"
            r.append(t)
        runs.append(r)
    return runs


class _Blocks:
    """Walks markdown-it block tokens and yields body elements (w:p, w:tbl)."""

    def __init__(self, writer: DocxWriter):
        self.w = writer
        self._ids: dict[str, str | None] = {}
        self.list_stack: list[dict] = []  # {"num": id, "first": bool}
        self.quote_depth = 0
        self.table = None
        self.row = None
        self.in_head = False
        self.cell_header = False
        self.pending_item = False
        # True from a heading until the first paragraph that is neither the heading's quote
        # (a question's wording) nor a bold lead-in: the keep-with-next chain ends there
        self.after_heading = False
        self.heading = None  # the last heading paragraph, while nothing else followed it
        self.question = None  # a heading that took its question's wording, until the next block

    def sid(self, name: str) -> str | None:
        """A style's id, looked up once; a style the document never uses is never asked for."""
        if name not in self._ids:
            self._ids[name] = self.w.style_id(name)
        return self._ids[name]

    def convert(self, tokens: list):
        out = []
        heading_level = None
        for token in tokens:
            kind = token.type
            if kind == "heading_open":
                heading_level = int(token.tag[1])
            elif kind == "heading_close":
                heading_level = None
            elif kind == "inline":
                element = self._inline_block(token, heading_level)
                if element is not None:
                    out.append(element)
            elif kind in ("bullet_list_open", "ordered_list_open"):
                ordered = kind == "ordered_list_open"
                start = int(token.attrGet("start") or 1) if ordered else 1
                self.list_stack.append({"num": self.w.new_list(ordered, start), "ordered": ordered})
            elif kind in ("bullet_list_close", "ordered_list_close"):
                self.list_stack.pop()
                self.pending_item = False
                if not self.list_stack and out and out[-1].tag == qn("w:p"):
                    _set_spacing(out[-1], after=160)  # breathing space before the next text
            elif kind == "list_item_open":
                self.pending_item = True
            elif kind == "blockquote_open":
                self.quote_depth += 1
            elif kind == "blockquote_close":
                self.quote_depth -= 1
            elif kind == "table_open":
                self.after_heading, self.heading = False, None
                self.table = self._table_start()
                out.append(self.table)
            elif kind == "table_close":
                self._table_finish()
                self.table = None
            elif kind == "thead_open":
                self.in_head = True
            elif kind == "thead_close":
                self.in_head = False
            elif kind == "tr_open":
                self.row = self._row()
            elif kind in ("th_open", "td_open"):
                self.cell_header = kind == "th_open"
            elif kind in ("code_block", "fence"):
                self.after_heading, self.heading = False, None
                for line in token.content.rstrip("\n").split("\n"):
                    p = _paragraph(self.sid("Normal"))
                    p.append(_run(line, code=True))
                    out.append(p)
            elif kind == "hr":
                self.after_heading, self.heading = False, None
                out.append(_paragraph(self.sid("Normal")))
        return out

    # --- paragraphs ----------------------------------------------------------------
    def _inline_block(self, token, heading_level: int | None):
        if self.table is not None and self.row is not None:
            self._cell(token)
            return None
        after_heading, self.after_heading = self.after_heading, False
        heading, self.heading = self.heading, None
        question, self.question = self.question, None
        if heading_level is not None:
            name = f"Heading {min(heading_level, 4)}"
            style = self.sid(name)
            p = _paragraph(style, outline=None if style else heading_level - 1)
            if style is None:  # the heading styles keep with next; the fallback must say so
                _keep(p, lines=True)
            self._inlines(p, token.children or [], bold=style is None,
                          size=None if style else HEADING_SIZES[min(heading_level, 4)])  # fmt: skip
            self.after_heading = True
            self.heading = p
            return p
        if self.quote_depth and heading is not None and len(token.content) <= KEEP_LINES_LIMIT:
            self._into_heading(heading, token.children or [])
            self.after_heading = True
            self.question = heading
            return None
        if self.list_stack:
            current = self.list_stack[-1]
            if self.pending_item:
                self.pending_item = False
                name = "List Number" if current["ordered"] else "List Bullet"
                p = _paragraph(self.sid(name))
                ppr = _ppr(p)
                numpr = _E("w:numPr")
                numpr.append(_val("w:ilvl", str(min(len(self.list_stack) - 1, 2))))
                numpr.append(_val("w:numId", str(current["num"])))
                style = ppr.find(qn("w:pStyle"))
                if style is not None:
                    style.addnext(numpr)
                else:
                    ppr.insert(0, numpr)
            else:  # a second paragraph in the same item: indented, no number
                p = _paragraph(self.sid("List Continue"))
        elif self.quote_depth:
            p = _paragraph(self.sid("Quote"))
            if after_heading:
                # a wording too long to join its heading: it stays with the heading above and
                # the answer below (Word: its last line with the next paragraph's first)
                self.after_heading = True
                _keep(p, lines=False)
        else:
            p = _paragraph(self.sid("Normal"))
            children = token.children or []
            kinds = [c.type for c in children if c.type != "text" or c.content]
            if kinds and kinds[0] == "strong_open" and kinds[-1] == "strong_close":
                if question is not None:  # a question's stance line: into its heading
                    self._into_heading(question, children)
                    return None
                # a bold lead-in line stays with what follows it
                _keep(p, lines=True)
        self._inlines(p, token.children or [])
        return p

    def _into_heading(self, heading, children) -> None:
        """A question's wording (plain) or stance (bold) on a new line of its heading's
        paragraph, at body size."""
        scratch = _E("w:p")
        self._inlines(scratch, children)
        heading.append(_break())
        for run in scratch.iterfind(qn("w:r")):
            rpr = run.find(qn("w:rPr"))
            if rpr is None:
                rpr = _E("w:rPr")
                run.insert(0, rpr)
            if rpr.find(qn("w:b")) is None:  # after w:rStyle and w:rFonts, as the schema orders
                fonts = rpr.find(qn("w:rFonts"))
                at = 0 if fonts is None else rpr.index(fonts) + 1
                rpr.insert(at, _val("w:b", "0"))
            if rpr.find(qn("w:sz")) is None:
                rpr.append(_val("w:sz", str(WORDING_SIZE)))
            heading.append(run)

    def _inlines(self, p, children, *, bold=False, size=None) -> None:
        strong = 1 if bold else 0
        em = 0
        link = None
        for child in children:
            kind = child.type
            if kind == "text":
                if not child.content:
                    continue
                run = _run(child.content, bold=strong > 0, italic=em > 0, size=size)
                (link if link is not None else p).append(run)
            elif kind == "strong_open":
                strong += 1
            elif kind == "strong_close":
                strong -= 1
            elif kind == "em_open":
                em += 1
            elif kind == "em_close":
                em -= 1
            elif kind == "code_inline":
                p.append(_run(child.content, code=True))
            elif kind == "softbreak":
                (link if link is not None else p).append(_run(" "))
            elif kind == "hardbreak":
                p.append(_break())
            elif kind == "link_open":
                link = self._hyperlink(child.attrGet("href") or "")
            elif kind == "link_close":
                if link is not None:
                    p.append(link.element)
                link = None
            elif kind == "image":
                p.append(_run(child.content or "", italic=True))

    def _hyperlink(self, href: str):
        r_id = self.w.hyperlink(href)
        link = _E("w:hyperlink")
        link.set(qn("r:id"), r_id)
        return _StyledLink(link, self.w.style_id("Hyperlink"))

    # --- tables --------------------------------------------------------------------
    def _table_start(self):
        tbl = _E("w:tbl")
        tblpr = _E("w:tblPr")
        style = self.w.style_id("Table Grid")
        if style:
            tblpr.append(_val("w:tblStyle", style))
        width = _E("w:tblW")
        width.set(qn("w:w"), "5000")
        width.set(qn("w:type"), "pct")
        tblpr.append(width)
        layout = _E("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        tblpr.append(layout)
        look = _E("w:tblLook")
        for attr, value in (("w:val", "04A0"), ("w:firstRow", "1"), ("w:lastRow", "0"),
                            ("w:firstColumn", "1"), ("w:lastColumn", "0"),
                            ("w:noHBand", "0"), ("w:noVBand", "1")):  # fmt: skip
            look.set(qn(attr), value)
        tblpr.append(look)
        tbl.append(tblpr)
        tbl.append(_E("w:tblGrid"))
        return tbl

    def _row(self):
        tr = _E("w:tr")
        trpr = _E("w:trPr")
        trpr.append(_E("w:cantSplit"))
        if self.in_head:  # the header row repeats at the top of each page
            trpr.append(_E("w:tblHeader"))
        tr.append(trpr)
        self.table.append(tr)
        return tr

    def _cell(self, token):
        tc = _E("w:tc")
        tcpr = _E("w:tcPr")
        tc.append(tcpr)
        if self.cell_header:
            shade = _E("w:shd")
            shade.set(qn("w:val"), "clear")
            shade.set(qn("w:color"), "auto")
            shade.set(qn("w:fill"), "E3E8F0")
            tcpr.append(shade)
        p = _paragraph(self.sid("Normal"))
        spacing = _E("w:spacing")
        spacing.set(qn("w:before"), "40")
        spacing.set(qn("w:after"), "40")
        _ppr(p).append(spacing)
        self._inlines(p, token.children or [], bold=self.cell_header)
        tc.append(p)
        self.row.append(tc)

    def _table_finish(self):
        """Column widths: a narrow label column when there are two, else equal shares."""
        rows = self.table.findall(qn("w:tr"))
        columns = max((len(r.findall(qn("w:tc"))) for r in rows), default=1)
        text_width = self.w.text_width()
        if columns == 2:
            widths = [int(text_width * 0.34), text_width - int(text_width * 0.34)]
        else:
            widths = [text_width // columns] * columns
        grid = self.table.find(qn("w:tblGrid"))
        for width in widths:
            col = _E("w:gridCol")
            col.set(qn("w:w"), str(width))
            grid.append(col)
        for row in rows:
            for tc, width in zip(row.findall(qn("w:tc")), widths, strict=False):
                tcw = _E("w:tcW")
                tcw.set(qn("w:w"), str(width))
                tcw.set(qn("w:type"), "dxa")
                tc.find(qn("w:tcPr")).insert(0, tcw)
        self.row = None


class _StyledLink:
    """A w:hyperlink that gives each run appended to it the Hyperlink character style."""

    def __init__(self, element, style_id: str | None):
        self.element = element
        self.style_id = style_id

    def append(self, run) -> None:
        if self.style_id:
            rpr = run.find(qn("w:rPr"))
            if rpr is None:
                rpr = _E("w:rPr")
                run.insert(0, rpr)
            rpr.insert(0, _val("w:rStyle", self.style_id))
        self.element.append(run)


def write_docx(composed: Composed, reference: Path | None = None) -> tuple[bytes, list[str]]:
    """The .docx bytes for `composed`, and any warnings (e.g. a style the reference lacks)."""
    writer = DocxWriter(reference)
    data = writer.write(composed)
    return data, writer.warnings
