"""Fill a consultation's own response form (.docx) with the answers.

Interface used by `drafter render ANSWERS --into FORM.docx -o OUT.docx`:

    fill_form(answers_path, form_path, out_path, *, force=False, library_dirs=()) -> FillReport

The form is read with the one Word walker (drafter.ooxml) and the importer's question finder,
so a form is understood the same way whether it is imported, linted or filled; the edits are
drafter.ooxml.forms'. Only text is added (a tick, a run, new
paragraphs in the form's default style, and the response's "Terms used" glossary as an
appendix from a new page at the end); nothing in the form's layout or styles is changed, and
the original file is never written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from drafter.errors import InputError, OutputExistsError
from drafter.ooxml import forms


@dataclass
class FillReport:
    """What went where, and what could not be placed (the caller prints both)."""

    out_path: Path
    filled: list[str] = field(default_factory=list)
    not_filled: list[str] = field(default_factory=list)
    glossary: str = ""  # what became of the "Terms used" glossary, said last

    @property
    def complete(self) -> bool:
        return not self.not_filled

    def lines(self) -> list[str]:
        out = [f"filled: {line}" for line in self.filled]
        out += [f"NOT filled: {line}" for line in self.not_filled]
        if self.glossary:
            out.append(f"glossary: {self.glossary}")
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())


def fill_form(
    answers_path: Path,
    form_path: Path,
    out_path: Path,
    *,
    force: bool = False,
    library_dirs: Sequence[Path] = (),
) -> FillReport | None:
    """Write the answers into a copy of the consultation's own form; the form is never changed."""
    from drafter.answers import load_answers
    from drafter.importer.legacy import converted_doc, sniff

    answers_path, form_path, out_path = Path(answers_path), Path(form_path), Path(out_path)
    answers = load_answers(answers_path)
    if out_path.resolve() == form_path.resolve():
        raise InputError("would overwrite the form itself; give another output file", path=out_path)
    if out_path.suffix.lower() != ".docx":
        raise InputError("a filled form is written as .docx; name the output *.docx", path=out_path)
    if out_path.exists() and not force:
        raise OutputExistsError("already exists; use --force to replace it", path=out_path)
    kind = sniff(form_path)
    if kind == "doc":
        with converted_doc(form_path) as converted:
            return _fill(answers, answers_path, converted, form_path, out_path, force, library_dirs)
    if kind != "docx":
        raise InputError("only a Word form (.docx or .doc) can be filled in", path=form_path)
    return _fill(answers, answers_path, form_path, form_path, out_path, force, library_dirs)


def _fill(
    answers,
    answers_path: Path,
    path: Path,
    shown: Path,
    out_path: Path,
    force: bool,
    library_dirs: Sequence[Path],
) -> FillReport:
    from drafter.fsutil import atomic_write_bytes
    from drafter.importer import docx_blocks
    from drafter.importer.detect import all_boxes, find_questions
    from drafter.ooxml.package import open_docx

    document = open_docx(path, shown)
    blocks = docx_blocks(document)
    questions = find_questions(blocks)
    report = FillReport(out_path=out_path)
    _check_same_form(answers, answers_path, shown, report)
    writer = _Writer(blocks)
    matched = _match(questions, answers.answers, report)
    answered = {id(q): number for number, q in matched.items()}
    for q in questions:  # the report follows the form's order, not the answers file's
        number = answered.get(id(q))
        if number is not None:
            _fill_question(q, answers.answers[number], writer, report, number)
        else:
            report.not_filled.append(
                f"question {q.number} ({q.found_at}): the answers file has no answer for it"
            )
    regions = [(q.start, q.end) for q in questions]
    _fill_respondent(answers.respondent, blocks, all_boxes(blocks), regions, writer, report)
    _add_glossary(document, answers_path, library_dirs, report)
    buffer = BytesIO()
    document.save(buffer)
    atomic_write_bytes(out_path, buffer.getvalue(), force=force)
    return report


def _add_glossary(document, answers_path: Path, library_dirs, report: FillReport) -> None:
    """The response's "Terms used" glossary and its sources, as an appendix at the end of the
    form (from a new page), composed exactly as `drafter render` composes it; or why not."""
    from drafter.compose import compose
    from drafter.compose.markdown import GLOSSARY_TITLE, section_blocks
    from drafter.render import load_inputs

    try:
        answers, consultation, library = load_inputs(answers_path, library_dirs)
    except InputError as exc:  # a form needs no consultation file; the glossary does
        report.glossary = f"not added: it is composed with the consultation, and {exc.message}"
        return
    composed = compose(answers, consultation, library)
    blocks = section_blocks(composed.tokens, GLOSSARY_TITLE)
    if not blocks:
        report.glossary = "none: the response uses no term from the library"
        return
    forms.append_appendix(document.element.body, blocks)
    sources = sum(1 for kind, _text, _bold in blocks if kind == "heading") > 1
    report.glossary = (
        f'"{GLOSSARY_TITLE}" ({len(composed.concepts)} terms'
        + (", with their sources" if sources else "")
        + ") added as an appendix on a new page at the end"
    )


def _check_same_form(answers, answers_path: Path, form: Path, report: FillReport) -> None:
    """If the answers' questions were imported from a document, was it this one?"""
    import hashlib

    from drafter.consultation import load_consultation
    from drafter.fsutil import read_user_bytes

    if not answers.consultation_file:
        return
    path = answers_path.parent / answers.consultation_file
    if not path.is_file():
        return
    recorded = load_consultation(path).source.sha256
    actual = hashlib.sha256(read_user_bytes(form)).hexdigest()
    if recorded and recorded != actual:
        report.not_filled.append(
            f"form: {form.name} is not the document the questions were imported from "
            f"({path.name} records another sha256); check that the numbers still match"
        )


def _match(questions, answers: dict, report: FillReport) -> dict:
    """Answer number -> form question: exact numbers first, then 'Q3' = '3' = 'Question 3'."""
    from drafter.consultation import number_key

    exact = {q.number: q for q in questions}
    loose = {number_key(q.number): q for q in questions}
    out: dict = {}
    taken: dict[int, str] = {}
    for number in sorted(answers, key=lambda n: n not in exact):
        q = exact.get(number) or loose.get(number_key(number))
        if q is None:
            if answers[number].is_answered:
                report.not_filled.append(f"question {number}: the form has no such question")
        elif id(q) in taken:
            report.not_filled.append(
                f"question {number}: form question {q.number} already takes the answer to "
                f"{taken[id(q)]}; not written twice"
            )
        else:
            taken[id(q)] = number
            out[number] = q
    return out


def _fill_question(q, answer, writer: _Writer, report: FillReport, number: str) -> None:
    from drafter.importer.options import same_option

    done = []
    prefix = ""
    if answer.no_response and not answer.stance and not answer.text.strip():
        report.filled.append(f"question {number}: no response (left blank, as answered)")
        return
    if answer.stance:
        match = next((m for m in q.marks if same_option(m.label, answer.stance)), None)
        if match is not None:
            writer.tick(match)
            done.append(f"ticked {match.label!r}")
        elif q.marks:
            labels = ", ".join(repr(m.label) for m in q.marks)
            report.not_filled.append(
                f"question {number}: stance {answer.stance!r} is not one of the form's "
                f"boxes ({labels}); written at the top of the response instead"
            )
            prefix = f"{answer.stance}."
        else:
            prefix = f"{answer.stance}."
            done.append("stance written as text (the form has no boxes)")
    text = "\n\n".join(part for part in (prefix, answer.text.strip()) if part)
    if text:
        where = writer.write_answer(q, text)
        done.append(f"response {where}")
    if done:
        report.filled.append(f"question {number}: " + "; ".join(done))


_FIELDS = [
    ("organisation", re.compile(r"^(name of )?(organi[sz]ation|company|group)\b", re.I)),
    ("email", re.compile(r"^(your )?e-?mail\b", re.I)),
    ("address", re.compile(r"^(your )?(postal )?address\b", re.I)),
    ("role", re.compile(r"^(your )?(role|job title|position)\b", re.I)),
    ("name", re.compile(r"^(your |full )?name\b", re.I)),
]
_FILLER = re.compile(r"[_.…]{3,}")


def _field_of(text: str) -> tuple[str, str] | None:
    """('email', rest) if the text is a respondent-details label such as 'Email:' or 'Name: ___'."""
    text = text.strip()
    if len(text) > 70 or "?" in text:
        return None
    for name, pattern in _FIELDS:
        m = pattern.match(text)
        if m:
            rest = text[m.end() :]
            extra = r"(\s*(\([^)]*\)|/\s*[\w ]{1,25}|address|details))*"
            if re.fullmatch(extra + r"\s*[:\-]?\s*([_.…\s]*)", rest, re.I):
                return name, rest
    return None


def _fill_respondent(respondent, blocks, boxes, regions, writer: _Writer, report) -> None:
    covered = {i for a, b in regions for i in range(a, b + 1)}

    def in_question(i: int) -> bool:
        return i in covered

    seen: set[str] = set()
    for i, b in enumerate(blocks):
        if b.empty or in_question(i):
            continue
        found = _field_of(b.text)
        if found is None or found[0] in seen:
            continue
        name, _ = found
        value = " ".join(getattr(respondent, name).split())
        seen.add(name)
        if not value:
            report.not_filled.append(f"form field {b.text.strip()!r}: the answers give no {name}")
            continue
        where = writer.write_field(i, value)
        if where:
            report.filled.append(f"respondent {name} ({where})")
        else:
            report.not_filled.append(f"respondent {name}: no space for it beside {b.where}")
    for name in ("name", "organisation", "email", "address"):
        if name not in seen and getattr(respondent, name).strip():
            report.not_filled.append(f"respondent {name}: the form has no field for it")
    _tick_consent(respondent, boxes, in_question, writer, report)


def _tick_consent(respondent, boxes, in_question, writer: _Writer, report) -> None:
    anonymous = re.compile(r"anonym|without (your|my) name|not .*name|withh[oe]ld", re.I)
    secret = re.compile(r"confidential|not (to )?be published|do not (want|wish).*publish", re.I)
    individual = re.compile(r"\bindividual\b|\bmyself\b|\bpersonal\b", re.I)
    organisation = re.compile(r"\borgani[sz]ation\b|on behalf of", re.I)
    for mark, context in boxes:
        if in_question(mark.block):
            continue
        text = f"{mark.label} {context}"
        if secret.search(text):
            if respondent.consent == "do-not-publish":
                writer.tick(mark)
                report.filled.append("consent: ticked 'keep confidential'")
        elif anonymous.search(text):
            if respondent.consent == "publish-anonymously":
                writer.tick(mark)
                report.filled.append("consent: ticked 'publish anonymously'")
            elif respondent.consent == "do-not-publish":
                writer.tick(mark)
                report.not_filled.append(
                    "consent: the form offers 'anonymous' but not 'do not publish'; ticked "
                    "anonymous; tell the consulting body your response is not for publication"
                )
        elif (individual.search(mark.label) and respondent.responding_as == "individual") or (
            organisation.search(mark.label) and respondent.responding_as == "organisation"
        ):
            writer.tick(mark)
            report.filled.append(f"responding as: ticked {mark.label!r}")


class _Writer:
    """The few edits a form gets: tick a box, write text into a cell or after a paragraph."""

    def __init__(self, blocks) -> None:
        self.blocks = blocks
        self.grid: dict[tuple[int, int, int], int] = {}
        for i, b in enumerate(blocks):
            if b.cell is not None:
                self.grid.setdefault(b.cell, i)

    def tick(self, mark) -> None:
        block = self.blocks[mark.block]
        if mark.offset is None:  # an empty cell beside the label: mark it with an X
            forms.append_run(block.element, "X")
            return
        span = next((s for s in block.spans if s[0] <= mark.offset < s[1]), None)
        if span is None:
            return
        start, _end, el = span
        if forms.tick_element(el):
            return
        from drafter.importer.options import BOX

        local = mark.offset - start
        text = el.text or ""
        box = BOX.match(text, local)
        if box is None:
            return
        glyph = box.group(0)
        ticked = f"{glyph[0]}X{glyph[-1]}" if glyph[0] in "[(" else "☒"
        el.text = text[:local] + ticked + text[box.end() :]
        forms.check_content_control(el)

    def write_answer(self, q, text: str) -> str:
        """Put the response in the question's answer cell, else just below the question."""
        from drafter.writer.text import portal_text

        # as the rendered response shows it: wrapped lines rejoined, a typed list line by line
        paragraphs = [p for p in portal_text(text).split("\n\n") if p.strip()]
        if q.answer_cell is not None:
            block = self.blocks[q.answer_cell]
            forms.write_into(block.element, paragraphs)
            return f"in the answer box ({block.where})"
        last = self.blocks[q.end]
        following = q.end + 1
        if (
            following < len(self.blocks)
            and self.blocks[following].empty
            and self.blocks[following].cell == last.cell
        ):
            forms.write_into(self.blocks[following].element, paragraphs)
            return f"in the blank space after the question ({self.blocks[following].where})"
        anchor = last.element
        for paragraph in paragraphs:
            anchor = forms.new_paragraph_after(anchor, paragraph)
        return f"below the question (after {last.where})"

    def write_field(self, i: int, value: str) -> str | None:
        block = self.blocks[i]
        if block.cell is not None:
            t, r, c = block.cell
            for key in ((t, r, c + 1), (t, r + 1, c)):
                j = self.grid.get(key)
                if j is not None and self.blocks[j].empty:
                    forms.write_into(self.blocks[j].element, [value])
                    return self.blocks[j].where
            return None
        if forms.put_in_control(block.element, value):
            return block.where
        for _start, _end, el in block.spans:
            if el.tag.endswith("}t") and _FILLER.search(el.text or ""):
                el.text = _FILLER.sub(value, el.text, count=1)
                return block.where
        forms.append_run(block.element, (" " if not block.text.endswith(" ") else "") + value)
        return block.where
