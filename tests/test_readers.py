"""Readers: each format's text and locations, and files that are not what their name says."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from drafter.errors import InputError
from drafter.readers import read_document


def test_txt_positions_are_line_and_column(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("First line.\nSecond co-operative here.\n", encoding="utf-8")
    doc = read_document(path)
    at = doc.text.index("co-operative")
    pos = doc.location(at)
    assert (pos.line, pos.column) == (2, 8)


def test_txt_crlf_and_bom(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("\ufeffOne.\r\nTwo mutual.\r\n".encode())
    doc = read_document(path)
    pos = doc.location(doc.text.index("mutual"))
    assert (pos.line, pos.column) == (2, 5)


def test_md_ignores_code_and_link_targets_and_keeps_positions(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        "# Heading about mutuals\n\n"
        "Text with `cooperative code` and [a link](https://co-op.example/cooperative).\n"
        "  Second line says cooperatives.\n\n"
        "```\ncooperative in a fence\n```\n\n"
        "    cooperative in an indented block\n\n"
        "| col | other |\n|---|---|\n| cell mutual | x |\n",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert "code" not in doc.text and "https" not in doc.text and "fence" not in doc.text
    assert "indented" not in doc.text
    assert "a link" in doc.text
    pos = doc.location(doc.text.index("cooperatives"))
    assert (pos.line, pos.column) == (4, 20)
    pos = doc.location(doc.text.index("cell mutual") + 5)
    assert (pos.line, pos.column) == (14, 8)
    assert doc.location(doc.text.index("mutuals")).line == 1


def test_md_italics_are_shielded_titles(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("We cite *the cooperative identity* here.\n", encoding="utf-8")
    doc = read_document(path)
    ((start, end),) = doc.shielded()
    assert doc.text[start:end] == "the cooperative identity"


def _make_docx(path: Path, body=True):
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Header about a mutual."
    section.footer.paragraphs[0].text = "Footer co-operatives/mutuals."
    if body:
        document.add_paragraph("Body paragraph about cooperatives.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Model"
    table.cell(1, 1).text = "John Lewis is a co-operative."
    document.save(path)


def test_docx_reads_body_tables_headers_and_footers(tmp_path):
    path = tmp_path / "d.docx"
    _make_docx(path)
    doc = read_document(path)
    parts = [b.locate(0).extra["part"] for b in doc.chunks]
    assert parts == [
        "body",
        "table row 1 cell 1",
        "table row 2 cell 2",
        "header (section 1)",
        "footer (section 1)",
    ]
    pos = doc.location(doc.text.index("cooperatives"))
    assert (pos.line, pos.column, pos.extra["paragraph"]) == (1, 22, 1)


def test_docx_with_tables_and_headers_only(tmp_path):
    path = tmp_path / "d.docx"
    _make_docx(path, body=False)
    doc = read_document(path)
    assert "John Lewis is a co-operative." in doc.text
    assert "Header about a mutual." in doc.text


def test_docx_that_is_a_zip_of_something_else(tmp_path):
    path = tmp_path / "fake.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("notes.txt", "hello")
    with pytest.raises(InputError, match="not a Word document"):
        read_document(path)


def test_docx_that_is_not_a_zip(tmp_path):
    path = tmp_path / "fake.docx"
    path.write_text("plain text pretending", encoding="utf-8")
    with pytest.raises(InputError, match="not a Word document"):
        read_document(path)


def test_empty_files(tmp_path):
    for name in ("e.txt", "e.md"):
        path = tmp_path / name
        path.write_bytes(b"")
        assert read_document(path).text == ""


@pytest.mark.parametrize("name", ["b.txt", "b.md"])
def test_binary_data_is_refused(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(InputError, match="binary"):
        read_document(path)


def test_non_utf8_is_refused_with_line(tmp_path):
    path = tmp_path / "l.txt"
    path.write_bytes(b"ok line\ncaf\xe9\n")
    with pytest.raises(InputError) as info:
        read_document(path)
    assert info.value.line == 2


def test_control_characters_become_spaces(tmp_path):
    path = tmp_path / "c.txt"
    path.write_bytes(b"a\x01b\x1bc mutual")
    doc = read_document(path)
    assert doc.text == "a b c mutual"


def test_answers_file_positions_are_question_and_offset(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text(
        "schema: 1\nconsultation: sample-social-care\nanswers:\n"
        "  '1':\n    stance: Agree\n    response: |\n      First line.\n"
        "      John Lewis is a co-operative.\n"
        "    kept_findings:\n      - {rule: misattribution, text: John Lewis is a co-operative}\n"
        "  '2':\n    response: Plain mutual answer.\n",
        encoding="utf-8",
    )
    doc = read_document(path)
    pos = doc.location(doc.text.index("John"))
    assert pos.extra == {"question": "1", "offset": 12}
    assert (pos.line, pos.column) == (8, 7)
    pos = doc.location(doc.text.index("mutual"))
    assert pos.extra == {"question": "2", "offset": 6}
    assert (pos.line, pos.column) == (12, 21)
    [kept] = doc.chunks[0].kept
    assert (kept.rule, kept.text) == ("misattribution", "John Lewis is a co-operative")


def test_yaml_that_is_not_an_answers_file(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("id: something\nterms: []\n", encoding="utf-8")
    with pytest.raises(InputError, match="not an answers file"):
        read_document(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="folder"):
        read_document(tmp_path)
