"""Namespaces, Clark names and the one XML parser for Word parts (plain lxml).

Parsing drops blank text, never resolves entities and never reaches the network, as
python-docx's parser does, so a part edited here serialises the way it did when python-docx
wrote it. A DTD is refused before parsing (`package.read_package`), so no part gets here
with one.
"""

from __future__ import annotations

from lxml import etree

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "w14": "http://schemas.microsoft.com/office/word/2010/wordml",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)
_CLARK: dict[str, str] = {}


def qn(tag: str) -> str:
    """The Clark name of a prefixed name: qn("w:p") -> "{http://...main}p"."""
    clark = _CLARK.get(tag)
    if clark is None:
        prefix, local = tag.split(":")
        clark = _CLARK[tag] = f"{{{NS[prefix]}}}{local}"
    return clark


def local_name(element) -> str:
    """The tag without its namespace: "t" for a w:t."""
    return element.tag.rsplit("}", 1)[-1]


def parse(xml: bytes | str):
    """The root element of an XML part (raises lxml's XMLSyntaxError if it is not XML)."""
    return etree.fromstring(xml, _PARSER)


def serialize(root) -> bytes:
    """A part's bytes, with the declaration python-docx and Word write."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def nsdecls(*prefixes: str) -> str:
    """Namespace declarations for an XML string: nsdecls("w") -> 'xmlns:w="..."'."""
    return " ".join(f'xmlns:{p}="{NS[p]}"' for p in prefixes)
