"""A question's heading, wording and stance line stay on the page of its answer's first lines.

Read back from the .docx: the wording and the stance line ("Answer: Agree") are lines of the
question heading's own paragraph, so the keep-with-next chain is only heading -> first answer
paragraph (LibreOffice drops longer chains now and then); a very long wording is a Quote
paragraph of its own that keeps with next but may break; widow control is on everywhere.
The PDF pages themselves are checked in tests/test_page_layout.py.
"""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from drafter.answers import Answer
from drafter.model import replace
from drafter.writer.docx import KEEP_LINES_LIMIT, bundled_reference, write_docx
from tests.render_helpers import compose_answers, compose_example, make_answers, sample_consultation

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _own(paragraph, tag: str) -> bool | None:
    """The paragraph's direct w:keepNext / w:keepLines: True, False, or None if unset."""
    element = paragraph._p.find(f"{W}pPr/{W}{tag}")
    if element is None:
        return None
    return element.get(f"{W}val") not in ("0", "false", "off")


def _effective(paragraph, tag: str) -> bool:
    """The property as Word resolves it: the paragraph's own, else its style chain's."""
    own = _own(paragraph, tag)
    if own is not None:
        return own
    style = paragraph.style
    while style is not None:
        element = style.element.find(f"{W}pPr/{W}{tag}")
        if element is not None:
            return element.get(f"{W}val") not in ("0", "false", "off")
        style = style.base_style
    return False


def _blocks(document):
    """(heading, [paragraphs up to the next heading]) for every question heading."""
    blocks, current = [], None
    for p in document.paragraphs:
        if p.style.name.startswith("Heading"):
            current = None
            if p.style.name == "Heading 3":
                current = (p, [])
                blocks.append(current)
        elif current is not None:
            current[1].append(p)
    return blocks


def _document(composed) -> docx.Document:
    data, _ = write_docx(composed)
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="module")
def example():
    return _document(compose_example())


def _lines(paragraph) -> list[str]:
    """The paragraph's lines, split at its line breaks (python-docx reads w:br as a newline)."""
    return paragraph.text.split("\n")


def test_each_question_heading_carries_its_wording_and_stance_and_keeps_with_the_answer(example):
    blocks = _blocks(example)
    questions = sample_consultation().questions
    assert len(blocks) == len(questions)
    stances = 0
    for (heading, body), question in zip(blocks, questions, strict=True):
        assert _effective(heading, "keepNext") and _effective(heading, "keepLines")
        lines = _lines(heading)
        assert lines[:2] == [f"Question {question.number}", " ".join(question.text.split())]
        if len(lines) == 3:
            stances += 1
            assert lines[2].startswith("Answer: ")
        else:
            assert len(lines) == 2
        # the first answer paragraph ends the chain; no later paragraph of the answer joins it
        for p in body:
            assert not _effective(p, "keepNext"), (heading.text, p.text)
            assert not _effective(p, "keepLines"), (heading.text, p.text)
            assert not p.text.startswith("Answer: ")
    assert stances >= 5  # the example has stance lines to check


def test_the_wording_reads_as_body_text_and_the_stance_stays_bold(example):
    heading, _ = _blocks(example)[0]
    runs = heading.runs
    texts = [r.text for r in runs]
    wording = next(r for r in runs if r.text.startswith("Do you agree"))
    stance = next(r for r in runs if r.text.startswith("Answer: "))
    assert texts[0] == "Question 1"
    assert wording.bold is False and wording.font.size.pt == 11
    assert stance.bold is True and stance.font.size.pt == 11


def test_other_quotes_do_not_keep_with_next(example):
    """The glossary's quoted definitions follow a term, not a heading: they flow freely."""
    quoted = [p for p in example.paragraphs if p.style.name == "Quote" and p.text.startswith("“")]
    assert quoted
    assert not any(_effective(p, "keepNext") for p in quoted)


def test_a_very_long_wording_keeps_with_next_but_may_break():
    consultation = sample_consultation()
    long_text = "Please explain, in as much detail as you can, " * 20
    assert len(long_text) > KEEP_LINES_LIMIT
    questions = [replace(consultation.questions[0], text=long_text), *consultation.questions[1:]]
    consultation = replace(consultation, questions=questions)
    answers = make_answers({"1": Answer(stance="Agree", response="First.\n\nSecond.")})
    document = _document(compose_answers(answers, consultation=consultation))
    heading, body = _blocks(document)[0]
    assert heading.text == "Question 1"
    wording = body[0]
    assert wording.style.name == "Quote" and wording.text.startswith("Please explain")
    assert _own(wording, "keepNext") is True
    assert _own(wording, "keepLines") is None  # allowed to break across pages
    texts = [p.text for p in body]
    assert texts[1:4] == ["Answer: Agree", "First.", "Second."]
    assert _own(body[1], "keepNext") and _own(body[1], "keepLines")
    assert not _effective(body[2], "keepNext") and not _effective(body[3], "keepNext")


def test_no_response_ends_the_chain():
    document = _document(compose_answers(make_answers({})))
    for heading, body in _blocks(document):
        assert len(_lines(heading)) == 2  # number and wording, no stance
        assert body[0].text == "No response."
        assert not _effective(body[0], "keepNext")


def test_the_reference_turns_widow_control_on_for_every_paragraph():
    with zipfile.ZipFile(bundled_reference()) as archive:
        styles = archive.read("word/styles.xml").decode("utf-8")
    defaults = styles.split("<w:pPrDefault>", 1)[1].split("</w:pPrDefault>", 1)[0]
    assert "<w:widowControl/>" in defaults
    assert 'w:widowControl w:val="0"' not in styles
