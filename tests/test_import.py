"""Importing a consultation's questions from its own document, in every layout we build."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest

from drafter.consultation import load_consultation
from drafter.errors import InputError
from drafter.importer import import_consultation, scan
from tests.conftest import run_drafter
from tests.fixtures.forms import build as fx

FORMS = Path(__file__).parent / "fixtures" / "forms"
Q4_BOTH = f"{fx.Q4_INTRO}\n\n{fx.Q4}"

PAPER = [
    ("1", "agree-scale", fx.Q1),
    ("2", "free-text", fx.Q2),
    ("3", "yes-no", fx.Q3),
    ("3a", "free-text", fx.Q3A),
    ("3b", "free-text", fx.Q3B),
    ("4", "choice", Q4_BOTH),
    ("5", "free-text", fx.Q5),
]
MARKDOWN = [*PAPER[:5], ("4", "free-text", Q4_BOTH), PAPER[6]]
TWO_COLUMN = [
    ("Q1", "free-text", fx.Q1),
    ("Q2", "free-text", fx.Q2),
    ("Q3", "free-text", fx.Q3),
    ("Q3a", "free-text", fx.Q3A),
    ("Q3b", "free-text", fx.Q3B),
    ("Q5", "free-text", fx.Q5),
]
ONE_CELL = [PAPER[0], PAPER[1], PAPER[2], PAPER[3], PAPER[6]]
TEXT = [("Q" + n, k, t) for n, k, t in PAPER if n != "4"]


def summary(consultation) -> list[tuple[str, str, str]]:
    return [(q.number, q.kind, q.text) for q in consultation.questions]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("paragraphs.docx", PAPER),
        ("two-column.docx", TWO_COLUMN),
        ("one-cell.docx", ONE_CELL),
        ("numbered-list.docx", MARKDOWN),
        ("questions.md", MARKDOWN),
        ("questions.txt", TEXT),
    ],
)
def test_each_layout_gives_the_exact_questions_numbers_and_kinds(name, expected):
    consultation = import_consultation(FORMS / name)
    assert summary(consultation) == expected
    assert consultation.title == fx.TITLE
    assert consultation.reference == fx.REFERENCE
    assert consultation.source.sha256 == hashlib.sha256((FORMS / name).read_bytes()).hexdigest()
    assert consultation.source.document == name
    assert not consultation.source.illustrative
    assert all(q.found_at for q in consultation.questions)


def test_options_guidance_sections_and_places_in_a_paragraph_form():
    c = import_consultation(FORMS / "paragraphs.docx")
    assert c.question("4").options == tuple(fx.Q4_OPTIONS)
    assert c.question("2").guidance == fx.Q2_GUIDANCE
    assert c.question("1").guidance == "Please explain your answer."
    assert c.question("3a").section == "Section C: A register"
    assert c.consulting_body == fx.BODY
    assert str(c.deadline) == "2027-03-14"
    # numbered body paragraphs ("1.1 This paper asks...") are not questions
    assert not any("This paper" in q.text for q in c.questions)
    # "Question 2" on its own line, its wording in the next paragraph
    assert c.question("2").found_at == "paragraph 19"


def test_table_forms_record_the_cell_each_question_is_in():
    c = import_consultation(FORMS / "two-column.docx")
    assert c.question("Q3a").found_at == "table 2 row 5 cell 1"
    assert c.question("Q2").guidance == fx.Q2_GUIDANCE
    one = import_consultation(FORMS / "one-cell.docx")
    assert one.question("1").found_at == "table 1 row 1 cell 1"
    assert one.question("2").guidance == fx.Q2_GUIDANCE


def test_word_content_control_boxes_and_an_unnumbered_other_comments_question():
    result = scan(FORMS / "content-controls.docx")
    c = import_consultation(FORMS / "content-controls.docx")
    assert summary(c) == [
        ("Q1", "agree-scale", fx.Q1),
        ("Q2", "free-text", fx.Q2),
        ("Q3", "yes-no", fx.Q3),
        ("other", "free-text", "Any other comments"),
    ]
    assert "not numbered" in result.questions[-1].unsure[0]


def test_doubts_are_recorded_not_hidden():
    result = scan(FORMS / "two-column.docx")
    notes = {q.number: q.unsure for q in result.questions}
    assert any("no tick boxes" in n for n in notes["Q1"])
    assert any("4 not found" in n for n in notes["Q5"])
    assert notes["Q2"] == []


def test_committed_fixtures_match_what_the_build_script_makes(tmp_path):
    fx.build_plain(tmp_path)
    for name in ("paragraphs.docx", "two-column.docx", "one-cell.docx", "content-controls.docx"):
        assert summary(import_consultation(tmp_path / name)) == summary(
            import_consultation(FORMS / name)
        )
    for name in ("questions.md", "questions.txt", "numbered-list.md", "form-table.md"):
        assert (tmp_path / name).read_text() == (FORMS / name).read_text()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs pdftotext")
def test_pdf_made_by_libreoffice_from_a_docx_fixture():
    c = import_consultation(FORMS / "paragraphs.pdf")
    flat = [(n, k, " ".join(t.split())) for n, k, t in PAPER]
    assert [(q.number, q.kind, " ".join(q.text.split())) for q in c.questions] == flat
    assert c.question("4").options == tuple(fx.Q4_OPTIONS)
    assert c.question("1").found_at.startswith("page 1 line ")
    table_form = import_consultation(FORMS / "shaded-rows.pdf")
    assert [(q.number, q.kind, q.options) for q in table_form.questions] == [
        ("1", "choice", ("Agree", "Disagree", "Neither")),
        ("2", "free-text", ()),
        ("3", "yes-no", ()),
    ]


@pytest.mark.slow
@pytest.mark.skipif(
    not (shutil.which("soffice") and shutil.which("pandoc")), reason="needs LibreOffice, pandoc"
)
def test_forms_made_by_pandoc_and_libreoffice_from_markdown(tmp_path):
    fx.build_plain(tmp_path)
    fx.build_office(tmp_path, pdfs=False)  # the PDFs are tested from the committed copies
    lo = import_consultation(tmp_path / "libreoffice-table.docx")
    assert summary(lo) == [
        ("1", "free-text", fx.Q1),
        ("2", "free-text", fx.Q2),
        ("3", "free-text", fx.Q3),
        ("5", "free-text", fx.Q5),
    ]
    assert lo.question("3").found_at == "table 1 row 4 cell 1"
    assert summary(import_consultation(tmp_path / "numbered-list.docx")) == MARKDOWN
    paper = import_consultation(tmp_path / "libreoffice-paper.docx")
    assert summary(paper) == [
        (
            "1",
            "free-text",
            "Do you agree that grants should be offered to communities buying their shop?",
        ),
        ("2", "free-text", "What else would help a community to take over its shop?"),
        ("3", "yes-no", "Should shops that also host a post office pay lower rates?"),
    ]
    assert paper.question("2").guidance == "For example, training for volunteers."
    assert paper.question("3").section == "3. Business rates"
    assert summary(import_consultation(tmp_path / "old-form.doc")) == PAPER


def _docx(tmp_path: Path, lines: list[tuple[str, str | None]], name="f.docx") -> Path:
    import docx

    d = docx.Document()
    for text, style in lines:
        d.add_paragraph(text, style=style)
    path = tmp_path / name
    d.save(path)
    return path


def test_unseen_numbering_styles(tmp_path):
    path = _docx(
        tmp_path,
        [
            ("Draft rules for village halls", "Title"),
            ("1. Introduction", "Heading 1"),
            ("2.1 Halls are run by volunteers.", None),
            ("3. The Office will publish a summary of responses.", None),
            ("1) How many volunteers run your hall?", None),
            ("2) Describe the training your volunteers would need.", None),
            ("2a) Who should pay for it?", None),
            ("Consultation question 4: Is the timetable right?", None),
            ("Q.5 Anything else?", None),
            ("Question 3", "Heading 2"),
            ("The rules would apply from next year.", None),
            ("When should the rules start?", None),
        ],
    )
    result = scan(path)
    c = import_consultation(path)
    assert summary(c) == [
        ("1", "free-text", "How many volunteers run your hall?"),
        ("2", "free-text", "Describe the training your volunteers would need."),
        ("2a", "free-text", "Who should pay for it?"),
        ("4", "free-text", "Is the timetable right?"),
        ("Q5", "free-text", "Anything else?"),
        ("3", "free-text", "The rules would apply from next year.\n\nWhen should the rules start?"),
    ]
    assert c.title == "Draft rules for village halls"
    # "1)" items beside a "Question 3" are imported, but the mix is pointed out
    assert ["list item" in " ".join(q.unsure) for q in result.questions] == [1, 1, 1, 0, 0, 0]


def test_a_question_list_repeated_in_an_annex_is_imported_once(tmp_path):
    path = _docx(
        tmp_path,
        [
            ("Question 1: Should halls be rate-free?", None),
            ("☐ Yes ☐ No", None),
            ("Question 2: What else would help?", None),
            ("Annex: list of questions", "Heading 1"),
            ("Question 1: Should halls be rate-free?", None),
            ("Question 2: What else would help?", None),
        ],
    )
    c = import_consultation(path)
    assert [(q.number, q.kind) for q in c.questions] == [("1", "yes-no"), ("2", "free-text")]
    assert c.question("1").found_at == "paragraph 1"


def test_line_breaks_inside_a_paragraph_separate_number_wording_and_guidance(tmp_path):
    import docx

    d = docx.Document()
    cell = d.add_table(rows=1, cols=1).cell(0, 0)
    run = cell.paragraphs[0].add_run("Question 2")
    run.add_break()
    run = cell.paragraphs[0].add_run("What else would help?")
    run.add_break()
    cell.paragraphs[0].add_run("For example, training.").italic = True
    d.add_paragraph("Q2. What else would help?")  # the annex repeats it as "Q2"
    path = tmp_path / "breaks.docx"
    d.save(path)
    c = import_consultation(path)
    assert summary(c) == [("2", "free-text", "What else would help?")]
    assert c.question("2").guidance == "For example, training."
    assert c.question("2").found_at == "table 1 row 1 cell 1"


def test_a_number_used_twice_for_different_questions_is_flagged(tmp_path):
    path = _docx(
        tmp_path,
        [("Q1 Should halls be rate-free?", None), ("Q1 Should halls open on Sundays?", None)],
    )
    result = scan(path)
    assert [q.number for q in result.questions] == ["Q1", "Q1-2"]
    assert "used twice" in result.questions[1].unsure[0]


def test_wingdings_symbol_boxes_and_legacy_check_box_fields(tmp_path):
    from docx.oxml import parse_xml

    path = _docx(tmp_path, [("Q1 Do you support the rules?", None), ("", None), ("", None)])
    import docx

    d = docx.Document(str(path))
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    sym = f'<w:r {w}><w:sym w:font="Wingdings" w:char="F0A8"/></w:r>'
    legacy = (
        f'<w:r {w}><w:fldChar w:fldCharType="begin"><w:ffData><w:checkBox><w:sizeAuto/>'
        '<w:default w:val="0"/></w:checkBox></w:ffData></w:fldChar></w:r>'
    )
    for p, box, label in ((d.paragraphs[1], sym, "Yes"), (d.paragraphs[2], legacy, "No")):
        p._p.append(parse_xml(box))
        p.add_run(f" {label}")
    d.save(path)
    c = import_consultation(path)
    assert summary(c) == [("Q1", "yes-no", "Do you support the rules?")]


def test_a_markdown_table_form(tmp_path):
    md = tmp_path / "form.md"
    md.write_text(
        "# Halls\n\n| No. | Question | Answer |\n|---|---|---|\n"
        "| 1 | Should halls be rate-free? | |\n| 2 | What else would help? | |\n"
    )
    c = import_consultation(md)
    assert summary(c) == [
        ("1", "free-text", "Should halls be rate-free?"),
        ("2", "free-text", "What else would help?"),
    ]
    assert c.question("2").found_at == "table 1 row 3 cell 1"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("encrypted.docx", None, "password-protected"),
        ("damaged.docx", None, "is damaged"),
        ("notes.rtf", b"{\\rtf1 hello}", "cannot import .rtf"),
        ("set.yaml", b"schema: 1\n", "is already a question set"),
        ("empty.txt", b"Just some words.\n", "found no numbered questions"),
        ("latin1.txt", "Caf\xe9 1. Why?".encode("latin-1"), "not UTF-8"),
        ("fake.pdf", b"hello", "damaged or not really a PDF"),
        ("fake.doc", b"hello", "damaged or not really a Word document"),
        ("cut.docx", (FORMS / "three-column.docx").read_bytes()[:3000], "incomplete or broken zip"),
    ],
)
def test_bad_files_give_one_line_and_exit_2(tmp_path, name, content, message):
    path = FORMS / name if content is None else tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        import_consultation(path)
    result = run_drafter("consultations", "import", str(path), "--check")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert message in result.stderr and name in result.stderr


def test_a_docx_with_broken_xml(tmp_path):
    import zipfile

    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(FORMS / "three-column.docx") as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(
                item, b"<w:document broken" if item.filename == "word/document.xml" else data
            )
    result = run_drafter("consultations", "import", str(broken), "--check")
    assert result.returncode == 2
    assert result.stderr == f"drafter: error: {broken}: is damaged (its XML cannot be read)\n"


def test_pdf_and_doc_without_the_tools_say_what_to_install(tmp_path):
    env = {"PATH": str(tmp_path)}  # no pdftotext, no soffice
    pdf = run_drafter("consultations", "import", str(FORMS / "paragraphs.pdf"), env=env)
    assert pdf.returncode == 2 and "install poppler-utils" in pdf.stderr
    doc = run_drafter("consultations", "import", str(FORMS / "old-form.doc"), env=env)
    assert doc.returncode == 2 and "install LibreOffice" in doc.stderr
    assert "Traceback" not in pdf.stderr + doc.stderr


def test_cli_check_prints_the_table_and_writes_nothing(tmp_path):
    result = run_drafter(
        "consultations",
        "import",
        str(FORMS / "two-column.docx"),
        "--check",
        cwd=tmp_path,
        env={"COLUMNS": "160"},
    )
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "6 questions found (nothing written)" in out
    assert "Q3a" in out and "table 2 row 5 cell 1" in out
    assert "no tick boxes" in out and "2 item(s) unsure" in out
    assert list(tmp_path.iterdir()) == []


def test_cli_import_writes_yaml_that_loads_and_refuses_to_overwrite(tmp_path):
    out = tmp_path / "energy.yaml"
    form = str(FORMS / "paragraphs.docx")
    first = run_drafter("consultations", "import", form, "-o", str(out))
    assert first.returncode == 0, first.stderr
    assert "Imported 7 questions" in first.stdout
    loaded = load_consultation(out)
    assert summary(loaded) == PAPER
    assert loaded.id == "fic-2027-04"
    assert (
        loaded.source.sha256 == hashlib.sha256((FORMS / "paragraphs.docx").read_bytes()).hexdigest()
    )
    before = out.read_bytes()
    again = run_drafter("consultations", "import", form, "-o", str(out))
    assert again.returncode == 2 and "--force" in again.stderr
    assert out.read_bytes() == before
    forced = run_drafter("consultations", "import", form, "-o", str(out), "--force")
    assert forced.returncode == 0
    shown = run_drafter("consultations", "show", str(out))
    assert shown.returncode == 0, shown.stderr
    assert (
        "found at paragraph 19" in shown.stdout
        and "a choice of options: Full community ownership" in shown.stdout
    )


def test_cli_import_default_name_and_unsure_comments(tmp_path):
    result = run_drafter("consultations", "import", str(FORMS / "two-column.docx"), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    written = tmp_path / "fic-2027-04.yaml"
    text = written.read_text()
    assert "# UNSURE: numbering jumps here" in text
    assert "2 item(s) marked UNSURE" in result.stdout
    assert [q.number for q in load_consultation(written).questions][-1] == "Q5"


def test_cli_list_and_show():
    listed = run_drafter("consultations", "list")
    assert listed.returncode == 0, listed.stderr
    assert "sample-social-care" in listed.stdout and "2027-01-29" in listed.stdout
    shown = run_drafter("consultations", "show", "sample-social-care")
    assert shown.returncode == 0, shown.stderr
    assert "3a." in shown.stdout and "Dedicated business support" in shown.stdout
    missing = run_drafter("consultations", "show", "no-such-thing")
    assert missing.returncode == 2 and "no consultation 'no-such-thing'" in missing.stderr


@pytest.mark.parametrize(
    ("args", "text"),
    [
        (["consultations", "--help"], "import form.docx --check"),
        (["consultations", "list", "--help"], "bundled consultations"),
        (["consultations", "show", "--help"], "readably"),
        (["consultations", "import", "--help"], "--check"),
    ],
)
def test_help_texts(args, text):
    result = run_drafter(*args)
    assert result.returncode == 0
    assert text in result.stdout


def test_shaded_question_rows_with_boxes_after_labels():
    c = import_consultation(FORMS / "shaded-rows.docx")
    assert summary(c) == [
        ("1", "choice", "Do you agree with a levy of one pound per overnight berth?"),
        ("2", "free-text", "How should the levy be spent?"),
        ("3", "yes-no", "Should small vessels be exempt?"),
    ]
    assert c.question("1").options == ("Agree", "Disagree", "Neither")
    assert c.title == "Response form: proposals for a harbour levy"
    assert c.reference == "HL/2027/3" and str(c.deadline) == "2027-06-30"
    assert scan(FORMS / "shaded-rows.docx").meta.unsure["title"].startswith("taken from")


def test_question_headings_with_yes_no_grids_and_any_other_comments():
    c = import_consultation(FORMS / "heading-per-question.docx")
    assert summary(c) == [
        ("1", "yes-no", "Should new shelters have seating?"),
        ("2", "yes-no", "Should shelters show live departure times?"),
        ("3", "free-text", "What else would make waiting for a bus more pleasant?"),
        ("other", "free-text", "Any other comments"),
    ]
    assert c.consulting_body == "Fictional Transport Board"


def test_word_list_numbering_with_question_labels_and_lettered_sub_items():
    c = import_consultation(FORMS / "word-numbering.docx")
    assert summary(c) == [
        ("1", "choice", "How often do you visit a park?"),
        ("2", "free-text", "Which of these should the council improve first?"),
        ("2a", "free-text", "Should play areas be fenced?"),
        ("2b", "free-text", "Should there be more benches?"),
        ("3", "free-text", "What would make parks safer after dark?"),
    ]
    assert c.question("1").options == ("Every day", "Every week", "Less often")
    assert c.question("3").guidance == "Please give as much detail as you can."


def test_number_in_its_own_cell():
    c = import_consultation(FORMS / "three-column.docx")
    assert summary(c) == [
        ("Q1", "free-text", "Which days do you use the library?"),
        ("Q2", "free-text", "Would you use a late opening on Thursdays?"),
        ("Q2a", "free-text", "If so, until what time?"),
    ]


def test_a_numbered_statement_is_imported_but_marked_unsure(tmp_path):
    path = _docx(
        tmp_path,
        [("Question 1: Should halls be rate-free?", None), ("Question 2 covers the costs.", None)],
    )
    result = scan(path)
    assert [q.number for q in result.questions] == ["1", "2"]
    assert result.questions[0].unsure == []
    assert "does not read as a question" in result.questions[1].unsure[0]


def test_reference_in_the_page_header_and_other_date_forms(tmp_path):
    import docx

    d = docx.Document()
    d.sections[0].header.is_linked_to_previous = False
    d.sections[0].header.paragraphs[0].text = "Consultation reference: HDR-7"
    d.add_paragraph("Halls", style="Title")
    d.add_paragraph("Responses by 05/11/2027 please.")
    d.add_paragraph("Q1 Should halls be rate-free?")
    path = tmp_path / "header.docx"
    d.save(path)
    c = import_consultation(path)
    assert c.reference == "HDR-7"
    assert str(c.deadline) == "2027-11-05"
