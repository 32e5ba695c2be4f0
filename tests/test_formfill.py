"""Filling a consultation's own response form: every answer in its place, nothing else changed."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from drafter.answers import load_answers
from drafter.errors import InputError, OutputExistsError
from drafter.formfill import fill_form
from drafter.importer import import_consultation
from tests.conftest import run_drafter
from tests.fixtures.forms import build as fx

FORMS = Path(__file__).parent / "fixtures" / "forms"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"

ANSWERS = """\
schema: 1
consultation: fic-2027-04
date: 2027-02-01
respondent:
  name: Ceri Jones
  organisation: Cwmni Ynni Bro (fictional)
  email: ceri@example.org
  address: 1 Heol y Bryn, Aberystwyth
  consent: {consent}
answers:
  "1":
    stance: Agree
    response: |-
      Community schemes are small and can connect quickly.

      A queue position would help.
  "2":
    response: Match funding for share offers.
  "3":
    stance: "Yes"
    response: A public register builds trust.
  "3a":
    response: Owner, size and date of connection.
  "9":
    response: This question is not in the form.
"""


@pytest.fixture
def answers(tmp_path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(ANSWERS.format(consent="publish-anonymously"))
    return path


def fill(answers: Path, form: str, tmp_path: Path):
    out = tmp_path / f"filled-{form}"
    report = fill_form(answers, FORMS / form, out)
    return report, docx.Document(str(out)), out


def body_texts(document) -> list[str]:
    return [p.text for p in document.paragraphs]


def test_paragraph_form_ticks_boxes_and_writes_below_each_question(answers, tmp_path):
    report, d, _ = fill(answers, "paragraphs.docx", tmp_path)
    texts = body_texts(d)
    assert (
        "☐ Strongly agree  ☒ Agree  ☐ Neither agree nor disagree"
        in texts[texts.index("Please explain your answer.") - 1]
    )
    after = texts.index("Please explain your answer.")
    assert texts[after + 1 : after + 3] == [
        "Community schemes are small and can connect quickly.",
        "A queue position would help.",
    ]
    yes_no = texts.index("☒ Yes    ☐ No    ☐ Don't know")
    assert texts[yes_no + 1] == "A public register builds trust."
    assert texts[yes_no + 2] == f"(a) {fx.Q3A}"
    assert texts[yes_no + 3] == "Owner, size and date of connection."
    guidance = texts.index(fx.Q2_GUIDANCE)
    assert texts[guidance + 1] == "Match funding for share offers."
    assert "Name: Ceri Jones" in texts and "Email: ceri@example.org" in texts
    assert texts[texts.index("Address: 1 Heol y Bryn, Aberystwyth") + 1].endswith(
        "please tick this box: ☒"
    )
    assert "question 9: the form has no such question" in report.not_filled
    unanswered = [line for line in report.not_filled if "has no answer" in line]
    assert [line.split()[1] for line in unanswered] == ["3b", "4", "5"]
    assert any(line.startswith("question 1: ticked 'Agree'") for line in report.filled)
    assert "consent: ticked 'publish anonymously'" in report.filled
    assert not report.complete
    assert "NOT filled: question 9" in str(report)


def test_two_column_form_fills_answer_cells_and_the_details_table(answers, tmp_path):
    report, d, _ = fill(answers, "two-column.docx", tmp_path)
    details, questions = d.tables
    assert [row.cells[1].text for row in details.rows] == [
        "Ceri Jones",
        "Cwmni Ynni Bro (fictional)",
        "ceri@example.org",
        "1 Heol y Bryn, Aberystwyth",
        "☐",  # consent is 'publish anonymously': the 'keep confidential' box stays empty
    ]
    answer_cells = [row.cells[1] for row in questions.rows[1:]]
    assert [p.text for p in answer_cells[0].paragraphs] == [
        "Agree.",
        "Community schemes are small and can connect quickly.",
        "A queue position would help.",
    ]
    assert answer_cells[1].text == "Match funding for share offers."
    assert answer_cells[2].text == "Yes.\nA public register builds trust."
    assert answer_cells[3].text == "Owner, size and date of connection."
    assert answer_cells[4].text == answer_cells[5].text == ""
    assert any("stance written as text" in line for line in report.filled)


def test_one_cell_form_with_option_grids(answers, tmp_path):
    _, d, _ = fill(answers, "one-cell.docx", tmp_path)
    tables = d.tables
    assert [c.text for c in tables[1].rows[1].cells] == ["☐", "☒", "☐", "☐", "☐"]
    assert tables[2].cell(0, 0).text == (
        "Community schemes are small and can connect quickly.\nA queue position would help."
    )
    assert tables[3].cell(1, 0).text == "Match funding for share offers."
    assert [c.text for c in tables[5].rows[0].cells] == ["Yes", "X", "No", "", "Don't know", ""]
    assert tables[6].cell(0, 0).text == "A public register builds trust."


def test_content_control_boxes_are_checked_in_the_control_too(answers, tmp_path):
    _, d, _ = fill(answers, "content-controls.docx", tmp_path)
    checked = [el.get(f"{W14}val") for el in d.element.body.iter(f"{W14}checked")]
    # Q1's five boxes then Q3's two: Agree and Yes are checked
    assert checked == ["0", "1", "0", "0", "0", "1", "0"]
    assert "Name: Ceri Jones" in body_texts(d)


def test_the_form_itself_is_never_modified_and_styles_stay(answers, tmp_path):
    form = FORMS / "one-cell.docx"
    before = hashlib.sha256(form.read_bytes()).hexdigest()
    _, d, out = fill(answers, "one-cell.docx", tmp_path)
    assert hashlib.sha256(form.read_bytes()).hexdigest() == before

    def part(path: Path, name: str) -> bytes:
        with zipfile.ZipFile(path) as z:
            return etree.tostring(etree.fromstring(z.read(name)), method="c14n")

    assert part(out, "word/styles.xml") == part(form, "word/styles.xml")
    original = docx.Document(str(form))
    assert [len(t.rows) for t in d.tables] == [len(t.rows) for t in original.tables]
    assert len(d.paragraphs) == len(original.paragraphs)


def test_refuses_to_overwrite(answers, tmp_path):
    with pytest.raises(InputError, match="overwrite the form"):
        fill_form(answers, FORMS / "one-cell.docx", FORMS / "one-cell.docx")
    out = tmp_path / "out.docx"
    out.write_text("keep me")
    with pytest.raises(OutputExistsError):
        fill_form(answers, FORMS / "one-cell.docx", out)
    assert out.read_text() == "keep me"
    fill_form(answers, FORMS / "one-cell.docx", out, force=True)
    assert zipfile.is_zipfile(out)
    with pytest.raises(InputError, match=r"\.docx"):
        fill_form(answers, FORMS / "one-cell.docx", tmp_path / "out.txt")
    with pytest.raises(InputError, match="only a Word form"):
        fill_form(answers, FORMS / "questions.md", tmp_path / "md.docx")


def test_do_not_publish_ticks_the_confidential_box(tmp_path):
    path = tmp_path / "answers.yaml"
    text = ANSWERS.format(consent="do-not-publish").replace(
        "  consent: do-not-publish", "  consent: do-not-publish\n  confidentiality_reason: Draft"
    )
    path.write_text(text)
    report, d, _ = fill(path, "two-column.docx", tmp_path)
    assert d.tables[0].rows[4].cells[1].text == "☒"
    assert "consent: ticked 'keep confidential'" in report.filled


def test_a_stance_the_form_does_not_offer_is_reported(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text(ANSWERS.format(consent="publish-with-name").replace("Agree", "Tend to agree"))
    report, d, _ = fill(path, "paragraphs.docx", tmp_path)
    assert any("'Tend to agree' is not one of the form's boxes" in n for n in report.not_filled)
    assert "Tend to agree." in body_texts(d)
    assert "☒" not in body_texts(d)[13]


def test_wingdings_and_legacy_check_boxes_are_ticked(tmp_path, answers):
    from docx.oxml import parse_xml

    form = tmp_path / "legacy.docx"
    d = docx.Document()
    d.add_paragraph("Q1 Do you support the rules?")
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    sym = f'<w:r {w}><w:sym w:font="Wingdings" w:char="F0A8"/></w:r>'
    legacy = (
        f'<w:r {w}><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox><w:sizeAuto/>'
        '<w:default w:val="0"/></w:checkBox></w:ffData></w:fldChar></w:r>'
    )
    for box, label in ((sym, "Yes"), (legacy, "No")):
        p = d.add_paragraph()
        p._p.append(parse_xml(box))
        p.add_run(f" {label}")
    d.save(form)
    for stance in ("Yes", "No"):
        path = tmp_path / f"a-{stance}.yaml"
        path.write_text(f'schema: 1\nconsultation: x\nanswers:\n  "1":\n    stance: "{stance}"\n')
        out = tmp_path / f"out-{stance}.docx"
        fill_form(path, form, out)
        xml = zipfile.ZipFile(out).read("word/document.xml").decode()
        if stance == "Yes":
            assert 'w:char="F0FE"' in xml and "<w:checked" not in xml
        else:
            assert 'w:char="F0A8"' in xml and '<w:checked w:val="1"/>' in xml


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="needs LibreOffice")
def test_filled_forms_open_in_libreoffice(answers, tmp_path):
    outs = [fill(answers, name, tmp_path)[2] for name in ("one-cell.docx", "paragraphs.docx")]
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *map(str, outs),
        ],
        check=True,
        capture_output=True,
        timeout=240,
    )
    for out in outs:
        pdf = out.with_suffix(".pdf")
        assert pdf.stat().st_size > 1000
        if shutil.which("pdftotext"):
            text = subprocess.run(
                ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
            ).stdout
            assert "A public register builds trust." in text and "☒" in text


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("soffice"), reason="needs LibreOffice")
def test_an_old_doc_form_is_converted_and_filled(answers, tmp_path):
    before = hashlib.sha256((FORMS / "old-form.doc").read_bytes()).hexdigest()
    report = fill_form(answers, FORMS / "old-form.doc", tmp_path / "filled.docx")
    texts = body_texts(docx.Document(str(tmp_path / "filled.docx")))
    assert "A public register builds trust." in texts
    assert any(line.startswith("question 3: ticked 'Yes'") for line in report.filled)
    assert hashlib.sha256((FORMS / "old-form.doc").read_bytes()).hexdigest() == before


def test_cli_render_into_a_form(answers, tmp_path):
    out = tmp_path / "cli.docx"
    result = run_drafter(
        "render", str(answers), "--into", str(FORMS / "one-cell.docx"), "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert "NOT filled: question 9: the form has no such question" in result.stdout
    assert docx.Document(str(out)).tables[6].cell(0, 0).text == "A public register builds trust."


def test_other_layouts_each_answer_lands_in_its_box(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text(
        "schema: 1\nconsultation: x\nrespondent:\n  name: Alys Bevan\n  email: a@example.org\n"
        "  consent: publish-anonymously\nanswers:\n"
        '  "1": {stance: "Agree", response: "One."}\n'
        '  "2": {stance: "Yes", response: "Two."}\n'
        '  "Q2a": {response: "Eight."}\n'
        '  "other": {response: "Thanks."}\n'
    )
    _, levy, _ = fill(path, "shaded-rows.docx", tmp_path)
    assert levy.tables[0].cell(2, 1).text == "a@example.org"
    assert levy.tables[1].cell(1, 0).text == "Agree ☒   Disagree □   Neither □"
    assert levy.tables[2].cell(0, 0).text == "One."
    assert levy.paragraphs[3].text.endswith("withheld: ☒")
    report, shelter, _ = fill(path, "heading-per-question.docx", tmp_path)
    assert [c.text for c in shelter.tables[2].rows[1].cells] == ["X", "", ""]
    assert shelter.tables[3].cell(0, 0).text == "Two."
    assert shelter.tables[-1].cell(0, 0).text == "Thanks."
    assert any("'Agree' is not one of the form's boxes" in n for n in report.not_filled)
    _, library, _ = fill(path, "three-column.docx", tmp_path)
    assert [library.tables[0].cell(r, 2).text for r in (1, 2, 3)] == [
        "Agree.\nOne.",
        "Yes.\nTwo.",
        "Eight.",
    ]


def test_content_control_placeholders_are_replaced_by_the_answer(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text(
        "schema: 1\nconsultation: x\nrespondent:\n  name: Alys Bevan\nanswers:\n"
        '  "1": {response: "Match funding."}\n'
    )
    assert [q.text for q in import_consultation(FORMS / "placeholders.docx").questions] == [
        fx.Q2,
        fx.Q5,
    ]
    report, d, out = fill(path, "placeholders.docx", tmp_path)
    assert d.paragraphs[1].text.strip() == "Name:"  # python-docx does not see inside controls
    xml = zipfile.ZipFile(out).read("word/document.xml").decode()
    assert xml.count(fx.PLACEHOLDER) == 1  # question 2's box keeps its placeholder
    assert xml.count("<w:showingPlcHdr/>") == 1
    assert "Match funding.</w:t></w:r></w:sdtContent>" in xml
    assert "Alys Bevan</w:t></w:r></w:sdtContent>" in xml
    assert "respondent name (paragraph 2)" in report.filled


def test_bracket_boxes_and_responding_as_boxes(tmp_path):
    form = tmp_path / "brackets.docx"
    d = docx.Document()
    d.add_paragraph("I am responding: [ ] as an individual  [ ] on behalf of an organisation")
    d.add_paragraph("Question 1: Should halls be rate-free?")
    d.add_paragraph("() Yes  ( ) No")
    d.save(form)
    path = tmp_path / "answers.yaml"
    path.write_text(
        "schema: 1\nconsultation: x\nrespondent: {responding_as: individual}\n"
        'answers:\n  "1": {stance: "No"}\n'
    )
    report = fill_form(path, form, tmp_path / "out.docx")
    texts = body_texts(docx.Document(str(tmp_path / "out.docx")))
    assert texts[0] == "I am responding: [X] as an individual  [ ] on behalf of an organisation"
    assert texts[2] == "() Yes  (X) No"
    assert "responding as: ticked 'as an individual'" in report.filled


def test_a_different_version_of_the_form_is_pointed_out(tmp_path):
    imported = run_drafter(
        "consultations", "import", str(FORMS / "two-column.docx"), "-o", str(tmp_path / "q.yaml")
    )
    assert imported.returncode == 0, imported.stderr
    path = tmp_path / "answers.yaml"
    path.write_text(
        "schema: 1\nconsultation: fic-2027-04\nconsultation_file: q.yaml\nanswers:\n"
        '  "Q2": {response: "Match funding."}\n'
    )
    same = fill_form(path, FORMS / "two-column.docx", tmp_path / "same.docx")
    assert not any(line.startswith("form:") for line in same.not_filled)
    other = fill_form(path, FORMS / "one-cell.docx", tmp_path / "other.docx")
    assert any(
        "is not the document the questions were imported from" in n for n in other.not_filled
    )


def test_a_wrapped_paragraph_is_one_line_and_a_list_keeps_its_items(tmp_path):
    # Answers files (and the interview) wrap long paragraphs; as in the rendered response, a
    # line break inside a paragraph is a soft break, while a list keeps one item per line.
    wrapped = ANSWERS.format(consent="publish-anonymously").replace(
        "    response: Match funding for share offers.\n",
        "    response: |-\n      Match funding for share offers, and advice on\n"
        "      model rules.\n\n      - a share offer template\n      - a mentor\n",
    )
    answers = tmp_path / "answers.yaml"
    answers.write_text(wrapped, encoding="utf-8")
    _, d, _ = fill(answers, "paragraphs.docx", tmp_path)
    texts = body_texts(d)
    guidance = texts.index(fx.Q2_GUIDANCE)
    assert texts[guidance + 1] == "Match funding for share offers, and advice on model rules."
    assert texts[guidance + 2] == "- a share offer template\n- a mentor"


def test_the_sample_form_imports_as_the_bundled_consultation_and_fills_completely(tmp_path):
    from drafter.consultation import load_consultation
    from tests.conftest import ROOT, SAMPLE_CONSULTATION

    form = ROOT / "examples" / "sample-response-form.docx"
    imported = import_consultation(form)
    bundled = load_consultation(SAMPLE_CONSULTATION)
    assert [(q.number, q.kind, q.options) for q in imported.questions] == [
        (q.number, q.kind, q.options) for q in bundled.questions
    ]
    assert [" ".join(q.text.split()) for q in imported.questions] == [
        " ".join(q.text.split()) for q in bundled.questions
    ]
    report = fill_form(ROOT / "examples" / "answers-example.yaml", form, tmp_path / "f.docx")
    assert report.not_filled == []
    assert len([line for line in report.filled if line.startswith("question ")]) == 12


def test_the_sample_form_is_rebuilt_byte_for_byte(tmp_path):
    import subprocess
    import sys

    from tests.conftest import ROOT

    out = tmp_path / "form.docx"
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_sample_form.py"), str(out)],
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == (ROOT / "examples" / "sample-response-form.docx").read_bytes()


def test_the_report_follows_the_form_order_not_the_answers_order(tmp_path):
    head, rest = ANSWERS.format(consent="publish-anonymously").split("answers:\n")
    blocks = rest.replace('\n  "', '\n\x00  "').split("\x00")
    path = tmp_path / "reversed.yaml"
    path.write_text(head + "answers:\n" + "".join(reversed(blocks)).rstrip() + "\n")
    assert list(load_answers(path).answers)[0] == "9"  # the file lists them backwards
    report, _, _ = fill(path, "one-cell.docx", tmp_path)
    numbers = [line.split(":")[0] for line in report.filled if line.startswith("question")]
    assert numbers == ["question 1", "question 2", "question 3", "question 3a"]


def test_a_list_typed_under_its_lead_in_line_keeps_its_items_in_the_form(tmp_path):
    listed = ANSWERS.format(consent="publish-anonymously").replace(
        "    response: Match funding for share offers.\n",
        "    response: |-\n      We ask for:\n      - a share offer template\n      - a mentor\n",
    )
    answers = tmp_path / "answers.yaml"
    answers.write_text(listed, encoding="utf-8")
    _, d, _ = fill(answers, "paragraphs.docx", tmp_path)
    texts = body_texts(d)
    guidance = texts.index(fx.Q2_GUIDANCE)
    assert texts[guidance + 1] == "We ask for:\n- a share offer template\n- a mentor"


def test_the_glossary_is_added_as_an_appendix_the_same_as_the_rendered_one(tmp_path):
    from drafter.render import render_answers
    from tests.conftest import ROOT

    answers = ROOT / "examples" / "answers-example.yaml"
    form = ROOT / "examples" / "sample-response-form.docx"
    report = fill_form(answers, form, tmp_path / "filled.docx")
    assert report.glossary.startswith('"Terms used in this response" (7 terms, with their sources)')
    assert report.lines()[-1] == f"glossary: {report.glossary}"
    filled = docx.Document(str(tmp_path / "filled.docx")).paragraphs
    response = docx.Document(
        str(render_answers(answers, tmp_path / "response.docx").out_path)
    ).paragraphs
    title = [p.text for p in filled].index("Terms used in this response")
    start = [p.text for p in response].index("Terms used in this response")
    # the response numbers its sources with Word's list numbering; the form, as text
    unnumbered = [re.sub(r"^\d+\. ", "", p.text) for p in filled[title:]]
    assert unnumbered == [p.text for p in response[start:]]
    assert filled[title].paragraph_format.page_break_before  # an appendix on a page of its own
    assert filled[title].runs[0].bold and filled[title].paragraph_format.keep_with_next
    term = filled[title + 1]  # each entry's term in bold, as in the response
    assert term.text.startswith("co-operative: ") and [r.bold for r in term.runs] == [True, None]
    assert term.runs[0].text == "co-operative"
    sources = [p.text for p in filled].index("Sources")
    assert filled[sources + 1].text.startswith("1. “")
    # what the form held before is untouched: the appendix only follows it
    original = [p.text for p in docx.Document(str(form)).paragraphs]
    assert len(filled) - len(filled[title:]) >= len(original)


def test_without_its_consultation_the_form_is_filled_and_says_why_there_is_no_glossary(
    answers, tmp_path
):
    report, d, _ = fill(answers, "paragraphs.docx", tmp_path)
    assert report.glossary.startswith("not added: it is composed with the consultation")
    assert "Terms used in this response" not in body_texts(d)
    assert f"glossary: {report.glossary}" in str(report)
