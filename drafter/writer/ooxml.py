"""Namespaces, Clark names and the XML parser the .docx writer uses (plain lxml, no python-docx).

Parsing drops blank text and never resolves entities, as python-docx's parser does, so a
part edited here serialises the way it did when python-docx wrote it.
"""

from __future__ import annotations

from lxml import etree

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)
_CLARK: dict[str, str] = {}


def qn(tag: str) -> str:
    """The Clark name of a prefixed name: qn("w:p") -> "{http://...main}p"."""
    clark = _CLARK.get(tag)
    if clark is None:
        prefix, local = tag.split(":")
        clark = _CLARK[tag] = f"{{{NS[prefix]}}}{local}"
    return clark


def parse(xml: bytes | str):
    """The root element of an XML part (raises lxml's XMLSyntaxError if it is not XML)."""
    return etree.fromstring(xml, _PARSER)


def serialize(root) -> bytes:
    """A part's bytes, with the declaration python-docx and Word write."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def nsdecls(*prefixes: str) -> str:
    """Namespace declarations for an XML string: nsdecls("w") -> 'xmlns:w="..."'."""
    return " ".join(f'xmlns:{p}="{NS[p]}"' for p in prefixes)
