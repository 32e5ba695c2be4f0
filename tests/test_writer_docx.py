"""The .docx writer: read the document back and check its structure, fields and properties."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from drafter.answers import Answer
from drafter.errors import InputError
from drafter.model import replace
from drafter.writer.docx import bundled_reference, write_docx
from tests.render_helpers import (
    compose_answers,
    compose_example,
    fixture_library,
    make_answers,
    sample_consultation,
)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture(scope="module")
def example_docx(tmp_path_factory):
    composed = compose_example()
    data, warnings = write_docx(composed)
    assert warnings == []
    path = tmp_path_factory.mktemp("docx") / "response.docx"
    path.write_bytes(data)
    return path, composed


def part(path, name: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(name).decode("utf-8")


def test_every_question_number_and_wording_with_heading_styles(example_docx):
    path, _ = example_docx
    document = docx.Document(str(path))
    headings = [
        (p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings[0] == ("Heading 1", sample_consultation().title)
    assert ("Heading 2", "Respondent information and publication consent") in headings
    assert ("Heading 2", "Key points") in headings
    assert ("Heading 2", "Terms used in this response") in headings
    assert ("Heading 2", "Sources") in headings
    # each question heading: its number, then its wording on a line of its own (and a stance)
    questions = [text.split("\n")[:2] for style, text in headings if style == "Heading 3"]
    assert questions == [
        [f"Question {q.number}", " ".join(q.text.split())] for q in sample_consultation().questions
    ]
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert quotes and all(q.startswith("“") for q in quotes)  # only the quoted definitions


def test_pandoc_reads_back_numbers_wording_and_glossary(example_docx):
    if not shutil.which("pandoc"):
        pytest.skip("pandoc not installed")
    path, _ = example_docx
    text = subprocess.run(
        ["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", str(path)],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    for question in sample_consultation().questions:
        # pandoc has no line breaks in a heading: number and wording read as one line
        assert f"Question {question.number} {' '.join(question.text.split())}" in text
    assert "Terms used in this response" in text
    assert "social enterprise (Welsh: menter gymdeithasol):" in text


def test_header_and_page_x_of_y_footer(example_docx):
    path, composed = example_docx
    document = docx.Document(str(path))
    section = document.sections[0]
    assert section.header.paragraphs[0].text == composed.header
    assert "Example Care Co-operative Network (fictional)" in composed.header
    assert "SAMPLE-2026-01" in composed.header
    footer = part(path, "word/footer1.xml")
    assert footer.index(">Page <") < footer.index(" PAGE ") < footer.index(" of ")
    assert footer.index(" of ") < footer.index(" NUMPAGES ")
    assert footer.count('w:fldCharType="begin"') == 2


def test_table_header_row_repeats(example_docx):
    path, _ = example_docx
    document = docx.Document(str(path))
    table = document.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["Item", "Response"]
    first, second = table.rows[0]._tr, table.rows[1]._tr
    assert first.find(f"{W}trPr/{W}tblHeader") is not None
    assert second.find(f"{W}trPr/{W}tblHeader") is None
    cells = {r.cells[0].text: r.cells[1].text for r in table.rows[1:]}
    assert cells["Organisation"] == "Example Care Co-operative Network (fictional)"
    assert cells["May the response be published?"].startswith("Yes")


def test_document_language_is_british_english(example_docx):
    path, _ = example_docx
    styles = part(path, "word/styles.xml")
    defaults = styles[styles.index("<w:docDefaults") : styles.index("</w:docDefaults>")]
    assert 'w:lang w:val="en-GB"' in defaults


def test_welsh_consultation_sets_cy_gb():
    welsh = replace(sample_consultation(), language="cy-GB")
    data, _ = write_docx(compose_answers(make_answers(), consultation=welsh))
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
    assert 'w:lang w:val="cy-GB"' in styles


def test_core_and_custom_properties(example_docx):
    path, composed = example_docx
    core = docx.Document(str(path)).core_properties
    assert core.title == "Response to " + sample_consultation().title
    assert core.author == "Example Care Co-operative Network (fictional)"
    assert "SAMPLE-2026-01" in core.subject
    assert "social enterprise" in core.keywords
    custom = part(path, "docProps/custom.xml")
    for entry, version in composed.library_versions.items():
        assert f"{entry}={version}" in custom
    assert 'name="DrafterLibrary"' in custom
    types = part(path, "[Content_Types].xml")
    assert 'PartName="/docProps/custom.xml"' in types
    assert "custom-properties+xml" in types
    assert "relationships/custom-properties" in part(path, "_rels/.rels")


def test_glossary_lists_exactly_the_terms_used(example_docx):
    path, composed = example_docx
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Terms used in this response")
    end = texts.index("Sources")
    glossary = document.paragraphs[start + 1 : end]
    entries = [
        p.text.split(":")[0].split(" (Welsh")[0] for p in glossary if p.style.name == "Normal"
    ]
    library = fixture_library()
    assert entries == [library.concepts[c].preferred for c in composed.concepts]
    assert "credit union" not in entries
    sources = [p for p in document.paragraphs[end + 1 :] if p.style.name == "List Number"]
    assert len(sources) >= len(entries)


def _num_ids(document, style):
    out = []
    for p in document.paragraphs:
        if p.style.name == style:
            out.append(p._p.find(f"{W}pPr/{W}numPr/{W}numId").get(qn("w:val")))
    return out


def test_numbered_lists_restart():
    answers = make_answers(
        {
            "2": Answer(response="1. first\n2. second\n\nBetween.\n\n1. again\n2. more"),
            "4": Answer(response="- a bullet\n- another"),
        }
    )
    data, _ = write_docx(compose_answers(answers))
    document = docx.Document(io.BytesIO(data))
    ids = _num_ids(document, "List Number")
    assert ids[0] == ids[1] and ids[2] == ids[3] and ids[0] != ids[2]
    numbering = document.part.numbering_part.element
    for num_id in {ids[0], ids[2]}:
        num = [n for n in numbering.findall(f"{W}num") if n.get(qn("w:numId")) == num_id][0]
        start = num.find(f"{W}lvlOverride/{W}startOverride")
        assert start is not None and start.get(qn("w:val")) == "1"
    assert len(_num_ids(document, "List Bullet")) >= 2


def test_a_reference_doc_without_the_styles_warns_once_and_borrows_ours(tmp_path):
    bare = docx.Document()
    styles = bare.styles.element
    for style in list(styles.findall(f"{W}style")):
        name = style.find(f"{W}name").get(qn("w:val")).lower()
        if name.startswith("heading") or name in {"quote", "table grid"}:
            styles.remove(style)
    reference = tmp_path / "ours.docx"
    bare.save(str(reference))
    data, warnings = write_docx(compose_example(), reference)
    assert len(warnings) == 1
    assert "'Heading 1'" in warnings[0] and "'Quote'" in warnings[0]
    assert "used drafter's own" in warnings[0]
    assert "'Normal'" not in warnings[0]  # the document has that one
    document = docx.Document(io.BytesIO(data))
    title = document.paragraphs[0]
    assert title.text == sample_consultation().title
    assert title.style.name == "Heading 1"  # copied from drafter's reference
    assert document.styles["Quote"].paragraph_format.left_indent is not None
    assert document.tables[0].style.name == "Table Grid"


def test_the_organisations_own_styles_are_used(tmp_path):
    own = docx.Document(str(bundled_reference()))
    own.styles["Heading 3"].font.name = "Georgia"
    reference = tmp_path / "house.docx"
    own.save(str(reference))
    data, warnings = write_docx(compose_example(), reference)
    assert warnings == []
    assert docx.Document(io.BytesIO(data)).styles["Heading 3"].font.name == "Georgia"


@pytest.mark.parametrize("content", [b"not a zip at all", None])
def test_a_reference_that_is_not_a_docx_is_a_one_line_error(tmp_path, content):
    reference = tmp_path / "fake.docx"
    if content is None:
        with zipfile.ZipFile(reference, "w") as archive:
            archive.writestr("hello.txt", "a zip, but not Word")
    else:
        reference.write_bytes(content)
    with pytest.raises(InputError) as info:
        write_docx(compose_example(), reference)
    assert str(reference) in str(info.value) and "\n" not in str(info.value)


def test_control_characters_leave_a_valid_docx():
    answers = make_answers({"2": Answer(response="a\x00b\x0bc\x0cd \ud83d e\r\nf\tg ŵ ŷ â 🙂")})
    data, _ = write_docx(compose_answers(answers))
    document = docx.Document(io.BytesIO(data))
    texts = [" ".join(p.text.split()) for p in document.paragraphs]
    assert "abcd e f g ŵ ŷ â 🙂" in texts


def test_a_reference_with_its_own_custom_properties_keeps_them(tmp_path, example_docx):
    path, composed = example_docx
    reference = tmp_path / "previous-response.docx"
    shutil.copy(path, reference)
    data, warnings = write_docx(composed, reference)
    custom = zipfile.ZipFile(io.BytesIO(data)).read("docProps/custom.xml").decode()
    assert custom.count('name="DrafterLibrary"') == 1
    types = zipfile.ZipFile(io.BytesIO(data)).read("[Content_Types].xml").decode()
    assert types.count("/docProps/custom.xml") == 1
    document = docx.Document(io.BytesIO(data))
    assert document.paragraphs[0].text == sample_consultation().title
    assert sum(p.text == "Sources" for p in document.paragraphs) == 1  # old body replaced
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    assert [n for n in names if n.startswith(("word/header", "word/footer"))] == [
        "word/header1.xml",
        "word/footer1.xml",
    ]  # the reference's own header and footer, refilled, not new ones beside them
    assert document.sections[0].header.paragraphs[0].text == composed.header


def test_long_titles_and_names_fit_the_core_property_limit():
    long_title = "A consultation on " + "co-operative commissioning " * 15
    consultation = replace(sample_consultation(), title=long_title.strip())
    answers = make_answers(organisation="The " + "Very Long Named " * 20 + "Co-operative")
    data, _ = write_docx(compose_answers(answers, consultation=consultation))
    core = docx.Document(io.BytesIO(data)).core_properties
    assert core.title.startswith("Response to A consultation") and core.title.endswith("…")
    assert len(core.title) <= 255 and len(core.author) <= 255 and len(core.subject) <= 255


def _bare_reference(path, document_xml: str, main_type: str = "document.main") -> None:
    """A package with only content types, the package relationships and a document part."""
    wml = "application/vnd.openxmlformats-officedocument.wordprocessingml."
    rels = "http://schemas.openxmlformats.org/package/2006/relationships"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/word/document.xml" ContentType="{wml}{main_type}+xml"/>'
            "</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{rels}"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="word/document.xml"/></Relationships>',
        )
        archive.writestr("word/document.xml", document_xml)


BARE_DOCUMENT = (
    f'<w:document xmlns:w="{W[1:-1]}"><w:body><w:p><w:r><w:t>old</w:t></w:r></w:p>'
    '<w:sectPr><w:pgSz w:w="12240" w:h="15840"/>'
    '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" '
    'w:footer="720" w:gutter="0"/></w:sectPr></w:body></w:document>'
)


def test_a_bare_reference_gets_the_parts_it_lacks(tmp_path):
    from tests.test_ooxml_schema import assert_valid_docx

    reference = tmp_path / "bare.docx"
    _bare_reference(reference, BARE_DOCUMENT)
    answers = make_answers({"2": Answer(response="1. first\n2. second\n\n- a bullet")})
    composed = compose_answers(answers)
    data, warnings = write_docx(composed, reference)
    assert warnings == []  # no styles part at all: drafter's own are used whole
    out = tmp_path / "out.docx"
    out.write_bytes(data)
    document = docx.Document(str(out))
    assert document.paragraphs[0].style.name == "Heading 1"
    assert "old" not in [p.text for p in document.paragraphs]
    ids = _num_ids(document, "List Number")
    assert ids[0] == ids[1] and len(set(ids)) >= 2  # the answer's list, then the sources
    numbering = document.part.numbering_part.element
    assert {n.get(qn("w:numId")) for n in numbering.findall(f"{W}num")} >= set(ids)
    assert document.sections[0].header.paragraphs[0].text == composed.header
    assert document.core_properties.title.startswith("Response to ")
    assert round(document.sections[0].page_width.inches, 1) == 8.5  # the reference's page
    widths = [c.get(qn("w:w")) for c in document.tables[0]._tbl.iter(f"{W}gridCol")]
    assert sum(int(w) for w in widths) in (12240 - 2 * 1440, 12240 - 2 * 1440 - 1)
    checked = assert_valid_docx(out)
    assert {"word/document.xml", "word/styles.xml", "word/numbering.xml"} <= set(checked)


def test_a_damaged_or_template_reference_is_a_one_line_error(tmp_path):
    damaged = tmp_path / "damaged.docx"
    _bare_reference(damaged, BARE_DOCUMENT[:-20])
    with pytest.raises(InputError) as info:
        write_docx(compose_example(), damaged)
    assert str(info.value) == f"{damaged}: is damaged (its XML cannot be read)"
    template = tmp_path / "template.docx"
    _bare_reference(template, BARE_DOCUMENT, main_type="template.main")
    with pytest.raises(InputError) as info:
        write_docx(compose_example(), template)
    message = str(info.value)
    assert message.startswith(f"{template}: is damaged or not a Word document (")
    assert "template.main+xml" in message and "\n" not in message


def test_a_reference_missing_a_part_it_refers_to_says_which(tmp_path):
    broken = tmp_path / "no-styles.docx"
    with zipfile.ZipFile(bundled_reference()) as src, zipfile.ZipFile(broken, "w") as out:
        for item in src.infolist():
            if item.filename != "word/styles.xml":
                out.writestr(item, src.read(item))
    with pytest.raises(InputError) as info:
        write_docx(compose_example(), broken)
    assert (
        str(info.value)
        == f"{broken}: is damaged: it has no word/styles.xml part, yet refers to one"
    )


def test_a_main_document_the_zip_lacks_is_named_once_in_plain_words(tmp_path):
    from drafter.ooxml.package import damaged

    zip_says = KeyError("There is no item named 'word/document.xml' in the archive")
    assert str(damaged(zip_says, tmp_path / "f.docx")) == (
        f"{tmp_path / 'f.docx'}: is damaged: it has no word/document.xml part, yet refers to one"
    )
    no_main = KeyError("no relationship of type 'http://x/officeDocument' in collection")
    assert str(damaged(no_main, tmp_path / "f.docx")).endswith("it has no main document")
