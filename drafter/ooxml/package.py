"""The .docx zip package: the one check that a file is a Word package, read within limits.

Every command that reads a user's .docx (lint, import, form filling, a reference document)
comes through `read_package`, so a file that is not a zip, not Word, damaged, too large, a
zip bomb or carrying a DTD gets the same one line whichever command met it. Declared sizes
and the compression ratio are checked before anything is inflated, and each part is read in
chunks against its declared size, so a lying header cannot inflate more either.

`open_docx` hands the checked bytes to python-docx (for reading with the walker and editing
comments and forms); `Package` is the writer's lxml-only view, so rendering needs no
python-docx. Part names are zip member names ("word/document.xml"; "" is the package
itself). A part asked for with `xml()` is parsed once and written back from its tree; every
other part is copied byte for byte. Relationships and content types are edited in place: a
new rId fills the first gap ("rId2" when rId1 and rId3 are taken), as python-docx numbered
them, so documents come out as they did when it wrote them.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree

from drafter.errors import InputError
from drafter.ooxml.ns import parse, serialize

# the same words whichever command meets a file that is not a Word package
NOT_A_ZIP = "is not a Word document (.docx is a zip package; this is not)"
NOT_WORD = "is a zip file but not a Word document (no word/ part)"
BROKEN_ZIP = "is damaged (an incomplete or broken zip archive)"

MB = 1024 * 1024
MAX_PACKED = 100 * MB  # the .docx file itself
MAX_UNPACKED = 250 * MB  # all its parts together, as declared and as read
MAX_RATIO = 200  # unpacked/packed for one part; Word's own XML stays far below
RATIO_FLOOR = 4 * MB  # small parts may compress as well as they like
_CHUNK = 64 * 1024
_DOCTYPES = tuple("<!DOCTYPE".encode(e) for e in ("utf-8", "utf-16-le", "utf-16-be"))


def _mb(size: int) -> str:
    return f"{size / MB:.1f}" if size < 10 * MB else f"{size / MB:.0f}"


def too_large(size: int, limit: int, shown: Path, what: str = "") -> InputError:
    """The one-line error for a Word file over a size limit."""
    return InputError(
        f"is too large{what} ({_mb(size)} MB; the limit is {_mb(limit)} MB)", path=shown
    )


def read_package(path: Path, shown: Path | None = None) -> tuple[bytes, dict[str, bytes]]:
    """The file's bytes and its parts by name, after every check a user's .docx gets.

    InputError naming `shown` (default `path`): missing, not a zip, a broken zip, not a Word
    package, too large packed or unpacked, a part compressed past any real document's ratio,
    or a part with a DTD.
    """
    from drafter.fsutil import read_user_bytes

    path = Path(path)
    shown = shown or path
    try:
        size = path.stat().st_size
    except OSError:
        size = 0
    if size > MAX_PACKED:
        raise too_large(size, MAX_PACKED, shown)
    raw = read_user_bytes(path)
    if len(raw) > MAX_PACKED:
        raise too_large(len(raw), MAX_PACKED, shown)
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(BROKEN_ZIP if raw.startswith(b"PK") else NOT_A_ZIP, path=shown) from None
    with archive:
        infos = [info for info in archive.infolist() if not info.filename.endswith("/")]
        names = {info.filename for info in infos}
        if "[Content_Types].xml" not in names or not any(n.startswith("word/") for n in names):
            raise InputError(NOT_WORD, path=shown)
        declared = sum(info.file_size for info in infos)
        if declared > MAX_UNPACKED:
            raise too_large(declared, MAX_UNPACKED, shown, " unpacked")
        for info in infos:
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(
                info.compress_size, 1
            ):
                raise InputError(
                    f"is too large unpacked: {info.filename} unpacks to {_mb(info.file_size)} "
                    f"MB from {_mb(info.compress_size)} MB (a zip bomb? the limit is "
                    f"{MAX_RATIO} to 1)",
                    path=shown,
                )
        try:
            parts = {info.filename: _read_capped(archive, info, shown) for info in infos}
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, RuntimeError) as exc:
            raise InputError(f"is damaged ({exc})", path=shown) from None
    for name, data in parts.items():
        if _looks_like_xml(name, data) and any(d in data for d in _DOCTYPES):
            raise InputError(
                f"has a DTD (<!DOCTYPE>) in its {name} part; Word never writes one, so "
                "drafter does not read it",
                path=shown,
            )
    return raw, parts


def _looks_like_xml(name: str, data: bytes) -> bool:
    """An XML part by its name, or by its first byte (a part may be named anything and still
    be declared XML in [Content_Types].xml)."""
    return name.endswith((".xml", ".rels")) or data[:64].lstrip(
        b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n"
    ).startswith(b"<")


def _read_capped(archive: zipfile.ZipFile, info: zipfile.ZipInfo, shown: Path) -> bytes:
    """A part's bytes, read in chunks and never more than it declared."""
    chunks = []
    left = info.file_size
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(min(_CHUNK, left + 1))
            if not chunk:
                break
            left -= len(chunk)
            if left < 0:
                raise too_large(info.file_size - left, MAX_UNPACKED, shown, " unpacked")
            chunks.append(chunk)
    return b"".join(chunks)


def open_docx(path: Path, shown: Path | None = None) -> Any:
    """A python-docx Document for `path` after `read_package`'s checks; InputError naming
    `shown` (default `path`) if the file is not a usable Word package."""
    raw, _parts = read_package(path, shown)
    import docx

    try:
        return docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises several kinds on a damaged package
        raise damaged(exc, shown or Path(path)) from None


def damaged(exc: Exception, shown: Path) -> InputError:
    """The one-line error for a Word package that failed while being read."""
    if type(exc).__name__ in {"XMLSyntaxError", "BadZipFile"}:
        return InputError("is damaged (its XML cannot be read)", path=shown)
    if isinstance(exc, KeyError) and exc.args:  # a relationship names a part the zip lacks
        said = str(exc.args[0])
        if said.startswith("no relationship"):
            return InputError("is damaged or not a Word document: it has no main document",
                              path=shown)  # fmt: skip
        named = _NAMED.search(said)  # zipfile: "There is no item named 'X' in the archive"
        part = named.group(1) if named else said
        return InputError(f"is damaged: it has no {part} part, yet refers to one", path=shown)
    return InputError(f"is damaged or not a Word document ({exc})", path=shown)


_NAMED = re.compile(r"named '([^']+)'")

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
    EXTENDED_PROPERTIES = _OFFICE + "extended-properties"
    THEME = _OFFICE + "theme"
    FONT_TABLE = _OFFICE + "fontTable"
    FONT = _OFFICE + "font"
    IMAGE = _OFFICE + "image"


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

    def __init__(self, parts: dict[str, bytes]):
        self._blobs = parts
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

    def names(self) -> list[str]:
        """Every part's name, in zip order, new parts last."""
        return [*self._blobs, *(n for n in self._new if n not in self._blobs)]

    def drop(self, name: str) -> None:
        """Remove part `name` and its content-type override (its relationships stay the
        caller's business: they are a part of their own)."""
        self._blobs.pop(name, None)
        self._xml.pop(name, None)
        if name in self._new:
            self._new.remove(name)
        partname = "/" + name.lower()
        for override in list(self.types.iterfind(f"{{{CT_NS}}}Override")):
            if (override.get("PartName") or "").lower() == partname:
                self.types.remove(override)

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

    def relationships(self, source: str) -> list:
        """The Relationship elements of part `source` ("" for the package); [] if none."""
        return self._existing_rels(source)

    def rels_name(self, source: str) -> str:
        return self._rels_name(source)

    def resolve(self, source: str, rel) -> str:
        """The part name an internal relationship of `source` points at."""
        return self._target(source, rel)

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
        names = [CONTENT_TYPES] + [n for n in self.names() if n != CONTENT_TYPES]
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in names:
                root = self._xml.get(name)
                archive.writestr(name, serialize(root) if root is not None else self._blobs[name])
        return buffer.getvalue()
