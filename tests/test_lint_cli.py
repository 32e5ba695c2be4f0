"""`drafter lint` as a user runs it: output, JSON schema, exit codes, suppression, --annotate,
--explain, and no python-docx import unless a .docx is an input."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT, run_drafter

FIXTURE = str(Path(__file__).parent / "fixtures" / "lint-library")
SCHEMA = ROOT / "docs" / "lint-output.schema.json"


def lint(*args, **kw):
    return run_drafter("lint", "--library", FIXTURE, *args, **kw)


@pytest.fixture
def draft(tmp_path):
    path = tmp_path / "draft.md"
    path.write_text(
        "# Response\n\n"
        "Social enterprises such as co-operatives should lead.\n\n"
        "John Lewis is a worker co-operative.\n\n"
        "<!-- drafter: ignore house-spelling -->\n"
        "We support cooperatives.\n",
        encoding="utf-8",
    )
    return path


def test_help_text():
    result = run_drafter("lint", "--help")
    assert result.returncode == 0
    for option in (
        "--format",
        "--min-severity",
        "--fail-on",
        "--annotate",
        "--library",
        "--explain",
        "drafter: ignore",
    ):
        assert option in result.stdout
    # each suppression marker is shown whole, on one line, so it can be copied
    assert "[drafter: ignore RULE]" in result.stdout
    assert "<!-- drafter: ignore RULE -->" in result.stdout


def test_text_output_grouped_by_file_with_position_sentence_reason_fix(draft):
    result = lint(str(draft))
    assert result.returncode == 1
    # findings are the check doing its job, not an error of drafter's
    assert result.stderr.startswith("drafter: ") and "error:" not in result.stderr
    assert "finding(s) at or above 'warning'" in result.stderr
    out = result.stdout
    assert out.startswith(f"{draft}: ")
    assert "line 3, column 1: error [conflation]" in out
    assert "in:   Social enterprises such as co-operatives should lead." in out
    assert "why:  " in out and "fix:  " in out
    assert "line 5, column 1: error [misattribution]" in out
    assert "suppressed [house-spelling]" in out
    assert "\x1b[" not in out  # plain when not a terminal
    assert "Traceback" not in result.stderr


def test_json_output_matches_the_documented_schema(draft, tmp_path):
    jsonschema = pytest.importorskip("jsonschema")
    other = tmp_path / "other.txt"
    other.write_text("Nothing to see.\n", encoding="utf-8")
    result = lint(str(draft), str(other), "--format", "json")
    data = json.loads(result.stdout)
    jsonschema.validate(data, json.loads(SCHEMA.read_text()))
    assert data["schema"] == "drafter-lint/1"
    first = data["files"][0]["findings"]
    rules = [(f["rule"], f["line"], f["column"], f["suppressed"]) for f in first]
    assert ("conflation", 3, 1, False) in rules
    assert ("misattribution", 5, 1, False) in rules
    assert ("house-spelling", 8, 12, True) in rules
    assert data["files"][1]["findings"] == []
    assert data["summary"]["error"] == 2 and data["summary"]["suppressed"] == 1


def test_exit_codes(draft, tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("A worker co-operative is owned by its workers.\n", encoding="utf-8")
    assert lint(str(clean)).returncode == 0  # only a suggestion (undefined terms)
    assert lint(str(clean), "--fail-on", "suggestion").returncode == 1
    assert lint(str(draft)).returncode == 1
    assert lint(str(draft), "--fail-on", "never").returncode == 0
    warn = tmp_path / "w.txt"
    warn.write_text("We support cooperatives.\n", encoding="utf-8")
    assert lint(str(warn), "--fail-on", "error").returncode == 0
    assert lint(str(warn)).returncode == 1
    result = lint(str(warn), "--min-severity", "error")
    assert result.returncode == 0 and "house-spelling" not in result.stdout


def test_unreadable_input_is_exit_2_and_other_files_still_checked(draft, tmp_path):
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00\x01\x02binary")
    result = lint(str(binary), str(draft))
    assert result.returncode == 2
    assert f"{binary}: is binary data" in result.stderr
    assert "misattribution" in result.stdout
    assert "Traceback" not in result.stderr


def test_usage_errors_are_exit_2(tmp_path):
    assert lint().returncode == 2
    assert lint("--format", "xml", "x.md").returncode == 2
    md = tmp_path / "a.md"
    md.write_text("x\n", encoding="utf-8")
    result = lint(str(md), "--annotate", str(tmp_path / "out.docx"))
    assert result.returncode == 2 and "--annotate needs exactly one .docx" in result.stderr


def test_empty_file_is_fine(tmp_path):
    empty = tmp_path / "e.txt"
    empty.write_bytes(b"")
    result = lint(str(empty))
    assert result.returncode == 0 and "0 finding(s)" in result.stdout


def test_answers_file_kept_findings_are_suppressed(tmp_path):
    path = tmp_path / "answers.yaml"
    path.write_text(
        "schema: 1\nconsultation: sample-social-care\nanswers:\n"
        "  '1':\n    response: John Lewis is a co-operative. Three co-ops applied.\n"
        "    kept_findings:\n      - {rule: misattribution, text: John Lewis is a co-operative}\n",
        encoding="utf-8",
    )
    data = json.loads(lint(str(path), "--format", "json").stdout)
    found = {(f["rule"], f["suppressed"], f["question"]) for f in data["files"][0]["findings"]}
    assert ("misattribution", True, "1") in found
    assert ("deprecated-term", False, "1") in found


def _make_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "On behalf of a mutual."
    paragraph = document.add_paragraph("We think ")
    paragraph.add_run("John Lewis is a worker co-operative").bold = True
    paragraph.add_run(" and that cooperatives matter.")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "Social enterprises such as co-operatives."
    document.save(path)


def test_annotate_writes_comments_on_the_exact_text(tmp_path):
    import docx

    source = tmp_path / "draft.docx"
    _make_docx(source)
    before = source.read_bytes()
    out = tmp_path / "checked.docx"
    result = lint(str(source), "--annotate", str(out))
    assert result.returncode == 1, result.stderr
    assert source.read_bytes() == before  # original untouched
    annotated = docx.Document(str(out))
    texts = [c.text for c in annotated.comments]
    assert any("[misattribution]" in t and "John Lewis" in t for t in texts)
    assert any("[house-spelling]" in t for t in texts)
    assert any("[conflation]" in t for t in texts)
    assert any(t.startswith("In the header") for t in texts)
    assert annotated.paragraphs[0].text == docx.Document(str(source)).paragraphs[0].text
    ranges = _comment_ranges(annotated.paragraphs[0]._p)
    assert "John Lewis is a worker co-operative" in ranges.values()
    assert "cooperatives" in ranges.values()
    # refuses to overwrite without --force, and never writes over the input
    again = lint(str(source), "--annotate", str(out))
    assert again.returncode == 2 and "--force" in again.stderr
    assert lint(str(source), "--annotate", str(out), "--force").returncode == 1
    assert lint(str(source), "--annotate", str(source), "--force").returncode == 2


def _comment_ranges(paragraph_element) -> dict[str, str]:
    """Comment id -> the text between its commentRangeStart and commentRangeEnd."""
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    open_ranges: dict[str, list[str]] = {}
    done: dict[str, str] = {}
    for element in paragraph_element.iter():
        if element.tag == f"{w}commentRangeStart":
            open_ranges[element.get(f"{w}id")] = []
        elif element.tag == f"{w}commentRangeEnd":
            cid = element.get(f"{w}id")
            done[cid] = "".join(open_ranges.pop(cid, []))
        elif element.tag == f"{w}t":
            for parts in open_ranges.values():
                parts.append(element.text or "")
    return done


def test_annotate_after_a_hyperlink_keeps_offsets(tmp_path):
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    source = tmp_path / "link.docx"
    document = docx.Document()
    paragraph = document.add_paragraph("See ")
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), document.part.relate_to("https://example.org", rel, is_external=True))
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "our page"
    run.append(text)
    link.append(run)
    paragraph._p.append(link)
    paragraph.add_run(" where John Lewis is a worker co-operative, we say.")
    document.save(source)
    out = tmp_path / "out.docx"
    assert lint(str(source), "--annotate", str(out)).returncode == 1
    ranges = _comment_ranges(docx.Document(str(out)).paragraphs[0]._p)
    assert "John Lewis is a worker co-operative" in ranges.values()


@pytest.mark.slow
def test_annotated_comments_appear_in_libreoffice_pdf_export(tmp_path):
    if not shutil.which("soffice") or not shutil.which("pdftotext"):
        pytest.skip("LibreOffice and poppler-utils are needed")
    pypdf = pytest.importorskip("pypdf")
    source = tmp_path / "draft.docx"
    _make_docx(source)
    out = tmp_path / "checked.docx"
    lint(str(source), "--annotate", str(out))
    option = 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}'
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            option,
            "--outdir",
            str(tmp_path),
            str(out),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "checked.pdf"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "John Lewis is a worker co-operative" in text
    notes = [
        str(annot.get_object().get("/Contents"))
        for page in pypdf.PdfReader(str(pdf)).pages
        for annot in page.get("/Annots") or []
        if annot.get_object().get("/Subtype") == "/Text"
    ]
    assert any("[misattribution]" in n for n in notes)
    assert any("[conflation]" in n for n in notes)


def test_explain_rule_and_concept_and_organisation():
    result = lint("--explain", "conflation")
    assert result.returncode == 0 and "such as" in result.stdout
    result = lint("--explain", "mutual")
    assert result.returncode == 0
    assert "Definition:" in result.stdout and "family of member-owned" in result.stdout
    result = lint("--explain", "John Lewis")
    assert "Is not: co-operative" in result.stdout
    result = lint("--explain", "no-such-thing")
    assert result.returncode == 2 and "not a rule" in result.stderr


def test_explain_uses_the_bundled_library_by_default():
    result = run_drafter("lint", "--explain", "worker co-operative")
    assert result.returncode == 0
    assert "Definition:" in result.stdout and "worker" in result.stdout.lower()


def test_an_unreadable_file_is_one_line_on_stderr(tmp_path):
    ok = tmp_path / "ok.txt"
    ok.write_text("Co-operatives are owned by their members.\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    result = lint(str(missing))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"drafter: error: {missing}: file not found"]
    assert "missing" not in result.stdout
    # a readable file beside it is still checked and reported; the error is said once
    result = lint(str(ok), str(missing))
    assert result.returncode == 2
    assert f"{ok}: 1 finding(s)" in result.stdout  # the undefined-terms note
    assert result.stderr.count("file not found") == 1


def test_the_readme_example_draft_shows_every_kind_of_finding():
    # README section 3 runs the checks on examples/draft-to-check.md: keep it instructive
    result = run_drafter("lint", "examples/draft-to-check.md", "--format", "json")
    assert result.returncode == 1
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(json.loads(result.stdout), json.loads(SCHEMA.read_text()))
    rules = {f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]}
    assert {
        "conflation",
        "misattribution",
        "house-spelling",
        "informal-term",
        "misuse-context",
        "vague-term",
    } <= rules


def test_the_output_schema_lists_exactly_the_rules_and_severities():
    from drafter.precision import RULES, SEVERITY_RANK

    finding = json.loads(SCHEMA.read_text())["$defs"]["finding"]["properties"]
    assert set(finding["rule"]["enum"]) == set(RULES)
    assert set(finding["severity"]["enum"]) == set(SEVERITY_RANK)


def test_a_long_sentence_is_quoted_cut_between_words_and_marked_as_cut():
    from drafter.commands.lint_report import sentence_of

    text = "Within " + "this long list of many kinds of body, " * 8 + "we count cooperatives."
    hit = text.index("cooperatives")
    quoted = sentence_of(text, hit, hit + len("cooperatives"))
    assert quoted.startswith("… ") and quoted.endswith("we count cooperatives.")
    first = quoted.removeprefix("… ").split()[0]
    assert f" {first} " in f" {text} "  # a whole word, not the tail of one
    short = "We count cooperatives."
    assert sentence_of(short, 9, 21) == short
