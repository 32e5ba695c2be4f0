"""TBX-Basic (ISO 30042:2019, TBX v3 DCA style) export and import of concept entries.

The standard parts carry what terminology tools understand: one conceptEntry per concept, a
subjectField, an English langSec with the definition (descripGrp + admin source) and one
termSec per designation with administrativeStatus and termType, langSecs for translations,
crossReference refs for relations, and a transacGrp for the vetting. Fields TBX-Basic has no
place for (examples, misuse contexts, versions, structured sources...) travel in one
`<note>` per entry that starts with "drafter:" and holds JSON, so export then import gives back
the same library. A TBX file from another tool imports too: its entries come in as drafts.
"""

from __future__ import annotations

import json
from pathlib import Path

from drafter.errors import DrafterError, InputError, MultipleErrors
from drafter.fsutil import read_user_bytes
from drafter.library.loader import Library, entry_from_data
from drafter.library.schema import Concept
from drafter.model import to_data

TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_NS = "http://www.w3.org/XML/1998/namespace"
LANG = f"{{{XML_NS}}}lang"
SCHEMA_PI = (
    'href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/DCA/'
    'TBXcoreStructV03_TBX-Basic_integrated.rng" type="application/xml" '
    'schematypens="http://relaxng.org/ns/structure/1.0"'
)
STATUS_TO_TBX = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
    "superseded": "supersededTerm-admn-sts",
}
TBX_TO_STATUS = {v: k for k, v in STATUS_TO_TBX.items()}
KIND_TO_TBX = {
    "full-form": "fullForm",
    "short-form": "shortForm",
    "abbreviation": "abbreviation",
    "variant": "variant",
}
TBX_TO_KIND = {v: k for k, v in KIND_TO_TBX.items()} | {"acronym": "abbreviation"}
NOTE_PREFIX = "drafter:"
# fields carried by standard TBX elements; everything else goes in the drafter note
STANDARD = {"id", "kind", "subject", "definition", "terms", "translations", "relations"}


def _q(tag: str) -> str:
    return f"{{{TBX_NS}}}{tag}"


def _source_text(source) -> str:
    parts = [source.title, source.publisher, source.year, source.section, source.url]
    return ", ".join(p for p in parts if p)


def export_tbx(library: Library, *, status: str | None = None) -> bytes:
    """Concepts as TBX-Basic XML for terminology tools, with drafter's own fields in a note."""
    from lxml import etree

    root = etree.Element(_q("tbx"), nsmap={None: TBX_NS})
    root.set("type", "TBX-Basic")
    root.set("style", "dca")
    root.set(LANG, "en")
    header = etree.SubElement(root, _q("tbxHeader"))
    file_desc = etree.SubElement(header, _q("fileDesc"))
    source_desc = etree.SubElement(file_desc, _q("sourceDesc"))
    etree.SubElement(source_desc, _q("p")).text = (
        "Exported by drafter from its vetted library. Welsh terms carry their "
        "verification status in a note; 'unverified' terms must be checked before use."
    )
    body = etree.SubElement(etree.SubElement(root, _q("text")), _q("body"))
    for cid in sorted(library.concepts):
        concept = library.concepts[cid]
        if status and concept.status != status:
            continue
        body.append(_concept_element(concept))
    tree = etree.ElementTree(root)
    pi = etree.ProcessingInstruction("xml-model", SCHEMA_PI)
    root.addprevious(pi)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _concept_element(concept: Concept):
    from lxml import etree

    entry = etree.Element(_q("conceptEntry"), id=concept.id)
    etree.SubElement(entry, _q("descrip"), type="subjectField").text = concept.subject
    for kind in ("broader", "narrower", "related", "contrast"):
        for target in getattr(concept.relations, kind):
            ref = etree.SubElement(entry, _q("ref"), type="crossReference", target=target)
            ref.text = kind
    if concept.vetted_on:
        grp = etree.SubElement(entry, _q("transacGrp"))
        etree.SubElement(grp, _q("transac"), type="transactionType").text = "modification"
        etree.SubElement(grp, _q("date")).text = concept.vetted_on.isoformat()
        if concept.vetted_by:
            note = etree.SubElement(grp, _q("transacNote"), type="responsibility")
            note.text = concept.vetted_by
    extra = to_data(concept, omit_defaults=True)
    extra = {k: v for k, v in extra.items() if k not in STANDARD}
    # the version and status are always written, so a reader of the note sees them
    extra["version"], extra["status"] = concept.version, concept.status
    etree.SubElement(entry, _q("note")).text = NOTE_PREFIX + json.dumps(
        extra, ensure_ascii=False, sort_keys=True
    )

    english = etree.SubElement(entry, _q("langSec"))
    english.set(LANG, "en")
    grp = etree.SubElement(english, _q("descripGrp"))
    etree.SubElement(grp, _q("descrip"), type="definition").text = concept.definition
    for source in concept.sources:
        etree.SubElement(grp, _q("admin"), type="source").text = _source_text(source)
    for term in concept.terms:
        sec = etree.SubElement(english, _q("termSec"))
        etree.SubElement(sec, _q("term")).text = term.text
        status = STATUS_TO_TBX[term.status]
        etree.SubElement(sec, _q("termNote"), type="administrativeStatus").text = status
        etree.SubElement(sec, _q("termNote"), type="termType").text = KIND_TO_TBX[term.kind]
        term_extra = to_data(term, omit_defaults=True)
        term_extra = {k: v for k, v in term_extra.items() if k not in ("text", "status", "kind")}
        if term_extra:
            etree.SubElement(sec, _q("note")).text = NOTE_PREFIX + json.dumps(
                term_extra, ensure_ascii=False, sort_keys=True
            )
    for lang, items in concept.translations.items():
        sec_lang = etree.SubElement(entry, _q("langSec"))
        sec_lang.set(LANG, lang)
        for item in items:
            sec = etree.SubElement(sec_lang, _q("termSec"))
            etree.SubElement(sec, _q("term")).text = item.text
            # TBX has no verification status: admitted, plus our status in a note
            etree.SubElement(
                sec, _q("termNote"), type="administrativeStatus"
            ).text = "admittedTerm-admn-sts"
            data = to_data(item, omit_defaults=True)
            data.pop("text")
            etree.SubElement(sec, _q("note")).text = NOTE_PREFIX + json.dumps(
                data, ensure_ascii=False, sort_keys=True
            )
    return entry


def _note_data(element, path: Path, where: str) -> dict:
    for note in element.findall(_q("note")):
        text = note.text or ""
        if text.startswith(NOTE_PREFIX):
            from drafter.library.jsontext import load_json_text

            try:
                data = load_json_text(text[len(NOTE_PREFIX) :])
            except ValueError as exc:
                raise InputError(
                    f"{where}: the drafter note is not valid JSON ({exc})",
                    path=path,
                    line=note.sourceline,
                ) from None
            if not isinstance(data, dict):
                raise InputError(
                    f"{where}: the drafter note is not an object", path=path, line=note.sourceline
                )
            return data
    return {}


def import_tbx(path: Path, warnings: list[str] | None = None) -> list[Concept]:
    """Concepts from a TBX file; every problem reported (one line each, with the TBX file's
    line), nothing partial. What the file holds that drafter does not carry (an element it
    does not know, a TBX-Basic category such as partOfSpeech) is added to `warnings`."""
    from lxml import etree

    path = Path(path)
    raw = read_user_bytes(path)
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        root = etree.fromstring(raw, parser)
    except etree.XMLSyntaxError as exc:
        line = exc.lineno if exc.lineno else None
        raise InputError(
            f"is not TBX: not well-formed XML ({exc.msg})", path=path, line=line
        ) from None
    if etree.QName(root).localname != "tbx":
        raise InputError(
            f"is not TBX: the root element is <{etree.QName(root).localname}>, not <tbx>",
            path=path,
            line=root.sourceline,
        )
    ns = etree.QName(root).namespace
    if ns != TBX_NS:
        raise InputError(
            f"is not TBX v3: namespace {ns or '(none)'!r}, expected {TBX_NS!r}",
            path=path,
            line=root.sourceline,
        )
    concepts: list[Concept] = []
    ignored: dict[str, list[int]] = {}  # what is not imported -> the lines it is on
    problems: list[DrafterError] = []
    first_line: dict[str, int] = {}
    for element in root.iter(_q("conceptEntry")):
        cid = element.get("id") or ""
        if cid in first_line:
            problems.append(
                InputError(
                    f"conceptEntry id {cid!r} comes twice (first on line {first_line[cid]})",
                    path=path,
                    line=element.sourceline,
                )
            )
            continue
        first_line[cid] = element.sourceline
        try:
            concepts.append(_concept_from(element, path, ignored))
        except MultipleErrors as exc:
            problems += exc.errors
        except DrafterError as exc:
            problems.append(exc)
    _unknown_elements(root, ignored)
    if warnings is not None:
        for what, lines in ignored.items():
            times = f" ({len(lines)} times)" if len(lines) > 1 else ""
            warnings.append(f"{path}:{lines[0]}: {what} is not imported{times}")
    if problems:
        raise problems[0] if len(problems) == 1 else MultipleErrors(problems)
    if not concepts:
        raise InputError("is TBX but holds no conceptEntry", path=path)
    return concepts


def _concept_from(element, path: Path, ignored: dict[str, list[int]]) -> Concept:
    cid = element.get("id") or ""
    where = f"conceptEntry {cid!r} (line {element.sourceline})"
    problems = _category_problems(element, path, f"conceptEntry {cid!r}", ignored)
    try:
        concept = _concept_data(element, path, where)
    except MultipleErrors as exc:
        problems += exc.errors
    except DrafterError as exc:
        problems.append(exc)
    if problems:
        raise problems[0] if len(problems) == 1 else MultipleErrors(problems)
    return concept


def _concept_data(element, path: Path, where: str) -> Concept:
    cid = element.get("id") or ""
    data: dict = _note_data(element, path, where)
    data.setdefault("status", "draft")
    data.setdefault("version", 1)
    data["id"] = cid
    data["kind"] = "concept"
    subjects = [d.text for d in element.findall(_q("descrip")) if d.get("type") == "subjectField"]
    data["subject"] = subjects[0] if subjects and subjects[0] else "imported"
    relations: dict[str, list[str]] = {}
    for ref in element.findall(_q("ref")):
        kind = (ref.text or "related").strip()
        relations.setdefault(
            kind if kind in ("broader", "narrower", "contrast") else "related", []
        ).append(ref.get("target", ""))
    if relations:
        data["relations"] = relations
    terms: list[dict] = []
    translations: dict[str, list[dict]] = {}
    for lang_sec in element.findall(_q("langSec")):
        lang = lang_sec.get(LANG) or ""
        if lang.split("-")[0] == "en":
            definition = lang_sec.find(f"{_q('descripGrp')}/{_q('descrip')}")
            if definition is None:
                definition = lang_sec.find(_q("descrip"))
            if definition is not None:
                data["definition"] = definition.text or ""
            if "sources" not in data:
                data["sources"] = [
                    {"title": admin.text or ""}
                    for admin in lang_sec.iter(_q("admin"))
                    if admin.get("type") == "source"
                ]
            for sec in lang_sec.findall(_q("termSec")):
                terms.append(_term_from(sec, path, where))
        else:
            for sec in lang_sec.findall(_q("termSec")):
                item = {"text": sec.findtext(_q("term")) or "", "status": "unverified"}
                item.update(_note_data(sec, path, where))
                translations.setdefault(lang, []).append(item)
    data["terms"] = terms
    if translations:
        data["translations"] = translations
    if "short" not in data and data.get("definition"):
        data["short"] = data["definition"].strip().split(". ")[0].rstrip(".") + "."
    try:
        return entry_from_data(data, path)
    except MultipleErrors as exc:
        raise MultipleErrors([_at(e, where, element.sourceline) for e in exc.errors]) from None
    except DrafterError as exc:
        raise _at(exc, where, element.sourceline) from None


# TBX-Basic data categories: type -> the values allowed (None: any text), and whether drafter
# imports it. An unknown type or value is an error: it would otherwise be dropped silently
# (an unknown status read as preferred, an unknown subject field as "imported").
CATEGORIES: dict[str, dict[str, tuple[tuple[str, ...] | None, bool]]] = {
    "descrip": {
        "subjectField": (None, True),
        "definition": (None, True),
        "context": (None, False),
    },
    "termNote": {
        "administrativeStatus": (tuple(TBX_TO_STATUS), True),
        "termType": (tuple(TBX_TO_KIND), True),
        "partOfSpeech": (None, False),
        "grammaticalGender": (None, False),
        "geographicalUsage": (None, False),
        "termLocation": (None, False),
    },
    "admin": {
        "source": (None, True),
        "customerSubset": (None, False),
        "projectSubset": (None, False),
    },
    "transac": {"transactionType": (("origination", "modification"), True)},
    "transacNote": {"responsibility": (None, True)},
    "ref": {"crossReference": (None, True)},
    "xref": {"externalCrossReference": (None, False), "xGraphic": (None, False)},
}
# every element of TBX-Basic (DCA style); any other is not imported (a warning)
ELEMENTS = {
    *CATEGORIES,
    *("tbx", "tbxHeader", "fileDesc", "titleStmt", "title", "publicationStmt", "sourceDesc"),
    *("encodingDesc", "revisionDesc", "change", "p", "text", "body", "back", "conceptEntry"),
    *("langSec", "termSec", "term", "note", "date", "descripGrp", "adminGrp", "termNoteGrp"),
    *("transacGrp", "adminNote", "hi", "foreign", "sc", "ec", "ph"),
}


def _category_problems(
    element, path: Path, where: str, ignored: dict[str, list[int]]
) -> list[DrafterError]:
    """An error for each unknown data category, value or date in one conceptEntry."""
    import datetime as dt

    problems: list[DrafterError] = []
    for item in element.iter(*(_q(name) for name in (*CATEGORIES, "date"))):
        name = _localname(item)
        text = (item.text or "").strip()
        if name == "date":
            try:
                dt.date.fromisoformat(text[:10])
                ok = len(text) == 10 or text[10] == "T"
            except ValueError:
                ok = False
            if not ok:
                problems.append(
                    InputError(
                        f"{where}: <date> {text!r} is not a date (use YYYY-MM-DD)",
                        path=path,
                        line=item.sourceline,
                    )
                )
            continue
        kind = item.get("type") or ""
        known = CATEGORIES[name]
        if kind not in known:
            problems.append(
                InputError(
                    f"{where}: <{name} type={kind!r}> is not a TBX-Basic data category "
                    f"(known: {', '.join(known)})",
                    path=path,
                    line=item.sourceline,
                )
            )
            continue
        values, imported = known[kind]
        if values is not None and text not in values:
            problems.append(
                InputError(
                    f"{where}: unknown {kind} {text!r} (known: {', '.join(values)})",
                    path=path,
                    line=item.sourceline,
                )
            )
        if not imported:
            ignored.setdefault(f"<{name} type={kind!r}>", []).append(item.sourceline)
    return problems


def _unknown_elements(root, ignored: dict[str, list[int]]) -> None:
    for item in root.iter():
        if not isinstance(item.tag, str):  # a comment or processing instruction
            continue
        name = _localname(item)
        if name not in ELEMENTS or _namespace(item) != TBX_NS:
            ignored.setdefault(f"unknown element <{name}>", []).append(item.sourceline)


def _localname(item) -> str:
    return item.tag.rpartition("}")[2]


def _namespace(item) -> str:
    return item.tag[1:].partition("}")[0] if item.tag.startswith("{") else ""


def _term_from(sec, path: Path, where: str) -> dict:
    term: dict = {"text": sec.findtext(_q("term")) or ""}
    for note in sec.findall(_q("termNote")):
        text = (note.text or "").strip()  # an unknown value is reported by _category_problems
        if note.get("type") == "administrativeStatus" and text in TBX_TO_STATUS:
            term["status"] = TBX_TO_STATUS[text]
        elif note.get("type") == "termType" and text in TBX_TO_KIND:
            term["kind"] = TBX_TO_KIND[text]
    term.update(_note_data(sec, path, where))
    return term


def _at(exc: DrafterError, where: str, line: int | None) -> InputError:
    return InputError(f"{where}: {exc.message}", path=exc.path, line=line)
