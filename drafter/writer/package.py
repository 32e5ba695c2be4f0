"""A Word package (.docx) read with zipfile and edited with lxml, so rendering needs no python-docx.

Part names are zip member names ("word/document.xml"; "" is the package itself). A part the
writer asks for with `xml()` is parsed once and written back from its tree; every other part
is copied byte for byte. Relationships and content types are edited in place, as a
consumer expects: a new rId fills the first gap ("rId2" when rId1 and rId3 are taken), as
python-docx numbered them, so documents come out as they did when it wrote them.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path

from lxml import etree

from drafter.writer.ooxml import parse, serialize

CONTENT_TYPES = "[Content_Types].xml"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"


class RT:
    """Relationship types the writer follows or adds."""

    OFFICE_DOCUMENT = _OFFICE + "officeDocument"
    CORE_PROPERTIES = RELS_NS + "/metadata/core-properties"
    CUSTOM_PROPERTIES = _OFFICE + "custom-properties"
    STYLES = _OFFICE + "styles"
    NUMBERING = _OFFICE + "numbering"
    SETTINGS = _OFFICE + "settings"
    HEADER = _OFFICE + "header"
    FOOTER = _OFFICE + "footer"
    HYPERLINK = _OFFICE + "hyperlink"


class CT:
    """Content types of the parts the writer may add."""

    _WML = "application/vnd.openxmlformats-officedocument.wordprocessingml."
    DOCUMENT = _WML + "document.main+xml"
    STYLES = _WML + "styles+xml"
    NUMBERING = _WML + "numbering+xml"
    HEADER = _WML + "header+xml"
    FOOTER = _WML + "footer+xml"
    CORE_PROPERTIES = "application/vnd.openxmlformats-package.core-properties+xml"
    CUSTOM_PROPERTIES = "application/vnd.openxmlformats-officedocument.custom-properties+xml"


class Package:
    """The parts of one .docx, in their zip order; `save()` gives the edited package's bytes."""

    def __init__(self, path: Path):
        with zipfile.ZipFile(path) as archive:
            self._blobs = {
                info.filename: archive.read(info)
                for info in archive.infolist()
                if not info.filename.endswith("/")
            }
        self._xml: dict[str, etree._Element] = {}
        self._new: list[str] = []
        self.types = self.xml(CONTENT_TYPES)
        self.document = self.main_document()

    # --- parts ---------------------------------------------------------------------
    def xml(self, name: str):
        """The parsed root of part `name` (KeyError if the package has no such part)."""
        root = self._xml.get(name)
        if root is None:
            root = self._xml[name] = parse(self._blobs[name])
        return root

    def has(self, name: str) -> bool:
        return name in self._blobs or name in self._xml

    def add_part(self, name: str, content_type: str, root) -> None:
        """A new XML part, with its content type declared."""
        if not self.has(name):
            self._new.append(name)
        self._xml[name] = root
        partname = "/" + name
        for override in self.types.iterfind(f"{{{CT_NS}}}Override"):
            if (override.get("PartName") or "").lower() == partname.lower():
                override.set("ContentType", content_type)
                return
        etree.SubElement(
            self.types, f"{{{CT_NS}}}Override", PartName=partname, ContentType=content_type
        )

    def content_type(self, name: str) -> str | None:
        partname = "/" + name.lower()
        for override in self.types.iterfind(f"{{{CT_NS}}}Override"):
            if (override.get("PartName") or "").lower() == partname:
                return override.get("ContentType")
        ext = posixpath.splitext(name)[1][1:].lower()
        for default in self.types.iterfind(f"{{{CT_NS}}}Default"):
            if (default.get("Extension") or "").lower() == ext:
                return default.get("ContentType")
        return None

    def new_partname(self, template: str, first: str | None = None) -> str:
        """`first` if that is free, else the first free name for `template`
        ("word/header%d.xml" -> "word/header1.xml")."""
        if first is not None and not self.has(first):
            return first
        n = 1
        while self.has(template % n):
            n += 1
        return template % n

    def main_document(self) -> str:
        """The main document part; ValueError (as python-docx words it) if it is not Word's."""
        targets = self.related("", RT.OFFICE_DOCUMENT)
        if not targets:
            raise KeyError(f"no relationship of type '{RT.OFFICE_DOCUMENT}' in collection")
        name = targets[0]
        content_type = self.content_type(name)
        if content_type != CT.DOCUMENT:
            raise ValueError(f"file '{name}' is not a Word file, content type is '{content_type}'")
        if not self.has(name):
            raise KeyError(f"There is no item named '{name}' in the archive")
        return name

    # --- relationships -------------------------------------------------------------
    @staticmethod
    def _rels_name(source: str) -> str:
        folder, base = posixpath.split(source)
        return posixpath.join(folder, "_rels", base + ".rels")

    def rels(self, source: str):
        """The Relationships element of part `source` ("" for the package), made if absent."""
        name = self._rels_name(source)
        if not self.has(name):
            self.add_rels(name)
        return self.xml(name)

    def add_rels(self, name: str) -> None:
        self._new.append(name)
        self._xml[name] = etree.Element(f"{{{RELS_NS}}}Relationships", nsmap={None: RELS_NS})

    def _existing_rels(self, source: str) -> list:
        name = self._rels_name(source)
        if not self.has(name):
            return []
        return list(self.xml(name).iterfind(f"{{{RELS_NS}}}Relationship"))

    def _target(self, source: str, rel) -> str:
        target = rel.get("Target") or ""
        if target.startswith("/"):
            return posixpath.normpath(target)[1:]
        return posixpath.normpath(posixpath.join("/", posixpath.dirname(source), target))[1:]

    def related(self, source: str, reltype: str) -> list[str]:
        """The parts `source` relates to by `reltype` (internal relationships only)."""
        return [
            self._target(source, rel)
            for rel in self._existing_rels(source)
            if rel.get("Type") == reltype and rel.get("TargetMode") != "External"
        ]

    def target(self, source: str, r_id: str) -> str:
        """The part relationship `r_id` of `source` points at (KeyError if there is none)."""
        for rel in self._existing_rels(source):
            if rel.get("Id") == r_id and rel.get("TargetMode") != "External":
                return self._target(source, rel)
        raise KeyError(f"no relationship '{r_id}' in {self._rels_name(source)}")

    def relate(self, source: str, reltype: str, target: str, *, external: bool = False) -> str:
        """The rId of a relationship from `source` to `target` (a part name or, when
        `external`, a URL), reusing a matching one."""
        rels = self.rels(source)
        taken = set()
        for rel in rels.iterfind(f"{{{RELS_NS}}}Relationship"):
            r_id = rel.get("Id")
            taken.add(r_id)
            if rel.get("Type") != reltype or (rel.get("TargetMode") == "External") != external:
                continue
            found = rel.get("Target") if external else self._target(source, rel)
            if found == target:
                return r_id
        n = 1
        while f"rId{n}" in taken:
            n += 1
        r_id = f"rId{n}"
        ref = target
        if not external:
            ref = posixpath.relpath("/" + target, posixpath.join("/", posixpath.dirname(source)))
        rel = etree.SubElement(rels, f"{{{RELS_NS}}}Relationship", Id=r_id, Type=reltype)
        rel.set("Target", ref)
        if external:
            rel.set("TargetMode", "External")
        return r_id

    # --- writing -------------------------------------------------------------------
    def save(self) -> bytes:
        """The package's bytes: content types first, then the parts in their original order,
        then new ones; parsed parts written from their trees, the rest as they were."""
        names = [CONTENT_TYPES]
        names += [n for n in self._blobs if n != CONTENT_TYPES]
        names += [n for n in self._new if n not in self._blobs]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in names:
                root = self._xml.get(name)
                archive.writestr(name, serialize(root) if root is not None else self._blobs[name])
        return buffer.getvalue()
