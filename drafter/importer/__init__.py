"""Read a consultation's questions from its own document.

Interface used by `drafter consultations import` and by `drafter draft --consultation FORM.docx`:

    import_consultation(path: Path) -> Consultation   # .docx, .doc, .md, .txt, .pdf

`scan(path)` returns the same reading with the importer's doubts, for `--check`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import InputError
from drafter.fsutil import decode_utf8, read_user_bytes
from drafter.importer.detect import Found, find_questions
from drafter.importer.meta import Meta, find_meta
from drafter.model import to_data
from drafter.ooxml.blocks import Block

if TYPE_CHECKING:
    from drafter.consultation import Consultation


@dataclass
class Scan:
    path: Path
    sha256: str
    meta: Meta
    questions: list[Found]
    notes: list[str] = field(default_factory=list)


def read_form(path: Path) -> tuple[list[Block], str]:
    """A consultation document's blocks and its metadata text (docx only: the core-properties
    title and the page headers' lines, which often carry the reference), by its real format."""
    from drafter.importer.legacy import converted_doc, sniff

    kind = sniff(path)
    if kind == "doc":
        with converted_doc(path) as docx_path:
            return _docx_blocks(docx_path, shown=path)
    if kind == "docx":
        return _docx_blocks(path, shown=path)
    if kind == "pdf":
        from drafter.importer.text_readers import pdf_to_text, read_text

        return read_text(pdf_to_text(path), page_lines=True), ""
    text = _read_text_file(path)
    from drafter.importer.text_readers import read_markdown, read_text

    return (read_markdown(text) if kind == "md" else read_text(text)), ""


def _docx_blocks(path: Path, shown: Path) -> tuple[list[Block], str]:
    from drafter.ooxml.package import open_docx

    document = open_docx(path, shown)
    blocks = docx_blocks(document)
    headers = [b.text for b in blocks if b.part == "header" and b.text.strip()]
    body = [b for b in blocks if b.part == "body"]
    return body, "\n".join([document.core_properties.title or "", *headers])


def docx_blocks(document) -> list[Block]:
    """The walker's blocks as the question finder reads them: the list label Word shows put
    before the text, and a paragraph split at its line breaks ("Question 2<br>What…?<br>For
    example…" are parts, as paragraphs are), each part keeping the spans of its characters."""
    import dataclasses

    from drafter.ooxml.blocks import read_blocks

    out: list[Block] = []
    for block in read_blocks(document):
        text, spans = block.text, block.spans
        if block.label and text.strip():
            offset = len(block.label) + 1
            text = f"{block.label} {text}"
            spans = [(a + offset, b + offset, el) for a, b, el in spans]
        pieces = text.split("\n") if "\n" in text.strip() else [text]
        start = 0
        for piece in pieces:
            end = start + len(piece)
            if piece.strip() or start == 0:
                out.append(
                    dataclasses.replace(
                        block,
                        text=piece,
                        cell_first=block.cell_first and start == 0,
                        spans=[
                            (a - start, b - start, el) for a, b, el in spans if start <= a < end
                        ],
                        emphasis=[],
                    )
                )
            start = end + 1
    return out


def _read_text_file(path: Path) -> str:
    from drafter.textclean import clean_text

    return clean_text(decode_utf8(read_user_bytes(path), path))[0]


def scan(path: Path) -> Scan:
    """What the importer found in a document, with its doubts (for --check and UNSURE notes)."""
    path = Path(path)
    blocks, core_title = read_form(path)
    digest = hashlib.sha256(read_user_bytes(path)).hexdigest()
    meta = find_meta(blocks, core_title, fallback=path.stem.replace("_", " ").replace("-", " "))
    questions = find_questions(blocks)
    if not questions:
        raise InputError(
            "found no numbered questions (looked for 'Question 1', 'Q1', '1.', '1)', '3a')",
            path=path,
        )
    return Scan(path=path, sha256=digest, meta=meta, questions=questions)


def _one_line(text: str) -> str:
    return "\n\n".join(" ".join(part.split()) for part in text.split("\n\n") if part.strip())


def slug(text: str) -> str:
    """A lower-case id from a title (at most 60 characters; "imported" if nothing is left)."""
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return words[:60].rstrip("-") or "imported"


def to_consultation(result: Scan) -> Consultation:
    """The question set a scan found, as a Consultation that records where it came from."""
    from drafter.consultation import Consultation, Question, SourceOfWording

    meta = result.meta
    questions = []
    for q in result.questions:
        kind, options = q.kind
        questions.append(
            Question(
                number=q.number,
                text=_one_line(q.text),
                guidance=_one_line("\n\n".join(q.guidance)) or None,
                kind=kind,
                options=tuple(options),
                section=_one_line(q.section) if q.section else None,
                found_at=q.found_at,
            )
        )
    return Consultation(
        id=slug(meta.reference or meta.title),
        title=_one_line(meta.title) or result.path.stem,
        consulting_body=meta.consulting_body,
        reference=meta.reference,
        deadline=meta.deadline,
        source=SourceOfWording(
            illustrative=False,
            note=(
                f"Imported by drafter from {result.path.name} on {dt.date.today().isoformat()}; "
                "check the wording against the document."
            ),
            document=result.path.name,
            sha256=result.sha256,
        ),
        questions=tuple(questions),
    )


def import_consultation(path: Path) -> Consultation:
    """The consultation question set in a document (docx, doc, md, txt, pdf)."""
    return to_consultation(scan(Path(path)))


def consultation_yaml(result: Scan) -> str:
    """YAML for the imported question set, with the importer's doubts as comments."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    from drafter.yamlio import dump_yaml

    consultation = to_consultation(result)
    data = to_data(consultation, omit_none=True)
    questions = CommentedSeq()
    for i, (q, found) in enumerate(zip(data.pop("questions"), result.questions, strict=True)):
        defaults = {"explain": True, "options": []}
        questions.append(CommentedMap((k, v) for k, v in q.items() if defaults.get(k, 0) != v))
        if found.unsure:
            questions.yaml_set_comment_before_after_key(
                i, before="\n".join(f"UNSURE: {u}" for u in found.unsure), indent=2
            )
    top = CommentedMap(data)
    top["questions"] = questions
    for key, why in result.meta.unsure.items():
        if key in top:
            top.yaml_set_comment_before_after_key(key, before=f"UNSURE: {why}")
    header = (
        f"# Imported by drafter from {result.path.name} (sha256 {result.sha256[:12]}…).\n"
        "# Check every question against the document; lines marked UNSURE need a look.\n"
    )
    return dump_yaml(top, header)
