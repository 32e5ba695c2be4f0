"""What a reference document (`render --reference-doc`) may lend a response: its look only.

A reference is a user's file, perhaps someone else's: it may carry an attached template on a
remote server, mail-merge sources, macros, embedded files or parts no relationship names. The
response keeps the package's properties, the main document's styles, numbering, theme, fonts
(and the fonts they embed), settings stripped of every external relationship, and the header
and footer parts the final section refers to (with their own pictures and web links). Every
other part is dropped before the writer starts, so none of it is copied into the response.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from drafter.ooxml.ns import qn
from drafter.ooxml.package import CONTENT_TYPES, RT, Package

_PACKAGE_KEEPS = {
    RT.OFFICE_DOCUMENT,
    RT.CORE_PROPERTIES,
    RT.EXTENDED_PROPERTIES,
    RT.CUSTOM_PROPERTIES,
}
_DOCUMENT_KEEPS = {RT.STYLES, RT.NUMBERING, RT.SETTINGS, RT.THEME, RT.FONT_TABLE}
_PART_KEEPS = {RT.FONT_TABLE: {RT.FONT}, RT.HEADER: {RT.IMAGE}, RT.FOOTER: {RT.IMAGE}}
_LINK_SCHEMES = {"http", "https", "mailto"}


def look_only(package: Package) -> None:
    """Drop from `package` every part and relationship a response must not inherit."""
    document = package.document
    body = package.xml(document).find(qn("w:body"))
    sect_pr = body.find(qn("w:sectPr")) if body is not None else None
    referenced = set()
    if sect_pr is not None:
        for ref in sect_pr:
            if ref.tag in {qn("w:headerReference"), qn("w:footerReference")}:
                referenced.add(ref.get(qn("r:id")))
    keep = {"", CONTENT_TYPES, document}
    _prune(package, "", lambda rel: rel.get("Type") in _PACKAGE_KEEPS, keep)

    def document_keeps(rel) -> bool:
        kind = rel.get("Type")
        if kind in {RT.HEADER, RT.FOOTER}:
            return rel.get("Id") in referenced
        return kind in _DOCUMENT_KEEPS

    for name, kind in _prune(package, document, document_keeps, keep):
        allowed = _PART_KEEPS.get(kind, set())
        links = kind in {RT.HEADER, RT.FOOTER}
        _prune(package, name, lambda rel, a=allowed, w=links: _part_keeps(rel, a, w), keep)
        if kind == RT.SETTINGS:
            _unlink_missing(package, name, package.xml(name))
    if sect_pr is not None:
        _unlink_missing(package, document, sect_pr)
    for name in package.names():
        if name in keep or name.endswith(".rels"):
            continue
        package.drop(name)
    for name in package.names():  # relationships of dropped parts, and emptied ones
        source = _source_of(name) if name.endswith(".rels") else None
        if source is not None and (source not in keep or not package.relationships(source)):
            package.drop(name)


def _part_keeps(rel, allowed: set[str], links: bool) -> bool:
    if rel.get("TargetMode") == "External":
        scheme = urlsplit(rel.get("Target") or "").scheme.lower()
        return links and rel.get("Type") == RT.HYPERLINK and scheme in _LINK_SCHEMES
    return rel.get("Type") in allowed


def _prune(package: Package, source: str, keeps, keep: set[str]) -> list[tuple[str, str]]:
    """Remove the relationships of `source` that `keeps` refuses; add the internal targets
    of the rest to `keep` and return them as (part, relationship type)."""
    kept = []
    for rel in package.relationships(source):
        if not keeps(rel):
            rel.getparent().remove(rel)
            continue
        if rel.get("TargetMode") == "External":
            continue
        target = package.resolve(source, rel)
        if package.has(target):
            keep.add(target)
            kept.append((target, rel.get("Type")))
    return kept


def _unlink_missing(package: Package, name: str, root) -> None:
    """Remove each child of `root` (settings' attachedTemplate or mailMerge, a section's
    printerSettings) that refers to a relationship of part `name` that was dropped, so no
    r:id points nowhere."""
    ids = {rel.get("Id") for rel in package.relationships(name)}
    r_id = qn("r:id")
    for child in list(root):
        if any(e.get(r_id) not in ids for e in child.iter() if e.get(r_id) is not None):
            root.remove(child)


def _source_of(rels_name: str) -> str:
    """ "word/_rels/document.xml.rels" -> "word/document.xml"; "_rels/.rels" -> ""."""
    folder, base = rels_name.rsplit("/", 1) if "/" in rels_name else ("", rels_name)
    parent = folder[: -len("_rels")].rstrip("/")
    source = base[: -len(".rels")]
    return f"{parent}/{source}" if parent else source
