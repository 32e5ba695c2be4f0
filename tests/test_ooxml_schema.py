"""Every .docx drafter writes is valid WordprocessingML: its XML parts validate against the
ECMA-376 transitional schemas, after the markup-compatibility processing a consumer does
(ECMA-376 Part 3: ignorable namespaces such as w14 are dropped before validation)."""

from __future__ import annotations

import zipfile
from functools import cache
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import run_drafter
from tests.render_helpers import EXAMPLE_ANSWERS

XSD = Path(__file__).parent / "fixtures" / "ooxml-xsd"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@cache
def schema(name: str) -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(XSD / name)))


def understood(root: etree._Element) -> etree._Element:
    """Apply markup compatibility: choose each AlternateContent's Fallback, drop ignorables."""
    for alternate in list(root.iter(f"{{{MC}}}AlternateContent")):
        parent = alternate.getparent()
        fallback = alternate.find(f"{{{MC}}}Fallback")
        at = parent.index(alternate)
        for child in reversed(list(fallback) if fallback is not None else []):
            parent.insert(at, child)
        parent.remove(alternate)
    prefixes = (root.get(f"{{{MC}}}Ignorable") or "").split()
    ignorable = {root.nsmap[p] for p in prefixes if p in root.nsmap} | {MC}
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if etree.QName(element).namespace in ignorable:
            element.getparent().remove(element)
            continue
        for name in list(element.attrib):
            if etree.QName(name).namespace in ignorable:
                del element.attrib[name]
    return root


def assert_valid_docx(path: Path, only: tuple[str, ...] = ()) -> list[str]:
    """Validate every WordprocessingML part and the custom properties (or `only` these parts);
    return the parts checked."""
    checked = []
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if not name.endswith(".xml") or name.startswith("[") or "_rels" in name:
                continue
            if only and name not in only:
                continue
            root = etree.fromstring(package.read(name))
            if etree.QName(root).namespace == W:
                xsd = "wml.xsd"
            elif name == "docProps/custom.xml":
                xsd = "shared-documentPropertiesCustom.xsd"
            else:
                continue  # theme, core properties: not written by drafter's own code
            validator = schema(xsd)
            ok = validator.validate(etree.ElementTree(understood(root)))
            assert ok, f"{path.name}:{name}: {validator.error_log.last_error}"
            checked.append(name)
    return checked


@pytest.fixture(scope="module")
def response(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("ooxml") / "response.docx"
    result = run_drafter("render", str(EXAMPLE_ANSWERS), "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out


def test_the_rendered_response_is_valid_against_the_transitional_schema(response):
    checked = assert_valid_docx(response)
    for part in ("word/document.xml", "word/styles.xml", "word/numbering.xml"):
        assert part in checked
    assert "docProps/custom.xml" in checked  # the DrafterLibrary property
    assert any(p.startswith("word/header") for p in checked)
    assert any(p.startswith("word/footer") for p in checked)


def test_the_glossary_export_is_valid(tmp_path):
    out = tmp_path / "glossary.docx"
    result = run_drafter("snippets", "export", "--format", "docx", "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "word/document.xml" in assert_valid_docx(out)


def test_an_annotated_draft_with_comments_is_valid(tmp_path):
    import docx

    document = docx.Document()
    document.add_heading("Our response", level=1)
    document.add_paragraph("We support co-operatives/mutuals in social care.")
    source, out = tmp_path / "draft.docx", tmp_path / "checked.docx"
    document.save(str(source))
    result = run_drafter("lint", str(source), "--annotate", str(out))
    assert result.returncode == 1, result.stderr
    # the parts --annotate writes; the rest are the input's own (python-docx's blank template
    # has a w:zoom without w:percent, which is not drafter's to fix)
    parts = ("word/document.xml", "word/comments.xml")
    assert set(assert_valid_docx(out, parts)) == set(parts)


def test_the_validator_rejects_an_invalid_part(tmp_path):
    # the check can fail: an element WordprocessingML does not define
    root = etree.fromstring(
        f'<w:document xmlns:w="{W}"><w:body><w:nonsense/></w:body></w:document>'
    )
    assert not schema("wml.xsd").validate(etree.ElementTree(understood(root)))


@pytest.mark.parametrize("form", ["two-column.docx", "one-cell.docx", "content-controls.docx"])
def test_a_filled_form_stays_valid(tmp_path, form):
    from drafter.formfill import fill_form
    from tests.test_formfill import ANSWERS, FORMS

    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS.format(consent="publish-anonymously"), encoding="utf-8")
    out = tmp_path / "filled.docx"
    fill_form(answers, FORMS / form, out)
    assert "word/document.xml" in assert_valid_docx(out, ("word/document.xml",))
