"""`drafter render` as a user runs it: outputs, exit codes, and every kind of bad input."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from drafter.answers import Answer
from drafter.precision import Finding
from tests.conftest import SAMPLE_CONSULTATION
from tests.conftest import run_drafter as _run_drafter
from tests.render_helpers import EXAMPLE_ANSWERS, FIXTURE_LIBRARY, write_answers


@pytest.fixture(autouse=True)
def _in_a_scratch_folder(tmp_path, monkeypatch):
    """render writes into the current folder by default: here, each test's own."""
    monkeypatch.chdir(tmp_path)


def run_drafter(*args: str, cwd: Path | None = None, **options):
    return _run_drafter(*args, cwd=cwd or Path.cwd(), **options)


def in_process(capsys, *args: str) -> tuple[int, str, str]:
    result = run_drafter(*args, cwd=Path.cwd())
    return result.returncode, result.stdout, result.stderr


def no_traceback(result) -> None:
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout


def docx_text(path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def test_help_explains_usage_with_examples():
    result = run_drafter("render", "--help")
    assert result.returncode == 0
    for text in ("ANSWERS", "--format", "--reference-doc", "--force", "--library", "--strict",
                 "--into", "Examples:", "drafter render answers.yaml", "portals"):  # fmt: skip
        assert text in result.stdout, text


def test_renders_into_the_current_folder_by_default(tmp_path):
    (tmp_path / "shared").mkdir()
    answers = write_answers(
        tmp_path / "shared" / "ours.yaml", {"1": Answer(stance="Agree", response="Yes.")}
    )
    result = run_drafter("render", str(answers), "--library", str(FIXTURE_LIBRARY), cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    out = tmp_path / "ours.docx"
    assert not (tmp_path / "shared" / "ours.docx").exists()  # the answers' folder is left alone
    assert result.stdout.splitlines()[0] == (
        f"wrote ours.docx (in the current folder, {tmp_path.resolve()}; -o chooses another place)"
    )
    assert "precision check:" in result.stdout
    assert "Question 1" in docx_text(out)


def test_existing_output_needs_force(tmp_path):
    answers = write_answers(tmp_path / "a.yaml")
    out = tmp_path / "a.md"
    out.write_text("precious")
    result = run_drafter("render", str(answers), "-o", str(out))
    no_traceback(result)
    assert result.returncode == 2
    assert (
        result.stderr.strip() == f"drafter: error: {out}: already exists; use --force to replace it"
    )
    assert out.read_text() == "precious"
    result = run_drafter("render", str(answers), "-o", str(out), "--force")
    assert result.returncode == 0 and out.read_text().startswith("# ")


def test_unwritable_output_path_is_a_clean_error(tmp_path):
    answers = write_answers(tmp_path / "a.yaml")
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file")
    result = run_drafter("render", str(answers), "-o", str(blocker / "out.docx"))
    no_traceback(result)
    assert result.returncode == 2
    assert str(blocker) in result.stderr and len(result.stderr.strip().splitlines()) == 1
    result = run_drafter("render", str(answers), "-o", str(tmp_path))
    assert result.returncode == 2 and "is a directory" in result.stderr


def test_malformed_yaml_names_file_and_line(tmp_path):
    bad = tmp_path / "answers.yaml"
    bad.write_text("schema: 1\nconsultation: sample-social-care\nanswers: [unclosed\n  x: 1\n")
    result = run_drafter("render", str(bad))
    no_traceback(result)
    assert result.returncode == 2
    assert f"{bad}:4: malformed YAML" in result.stderr


def _consultation_copy(tmp_path, old: str, new: str):
    text = SAMPLE_CONSULTATION.read_text()
    assert old in text
    path = tmp_path / "consultation.yaml"
    path.write_text(text.replace(old, new, 1))
    return path


def test_answers_for_a_changed_consultation_say_which_questions(tmp_path):
    _consultation_copy(tmp_path, "How should commissioners", "How could commissioners")
    answers = write_answers(tmp_path / "a.yaml", consultation_file="consultation.yaml")
    result = run_drafter("render", str(answers))
    no_traceback(result)
    assert result.returncode == 2
    assert "changed wording or kind: 4)" in result.stderr and str(answers) in result.stderr


def test_answers_for_a_different_consultation(tmp_path):
    _consultation_copy(tmp_path, "id: sample-social-care", "id: another-consultation")
    answers = write_answers(tmp_path / "a.yaml", consultation_file="consultation.yaml")
    result = run_drafter("render", str(answers))
    assert result.returncode == 2
    assert "answers are for consultation 'sample-social-care', not 'another-consultation'" in (
        result.stderr
    )


def test_unknown_consultation_id(tmp_path):
    answers = write_answers(tmp_path / "a.yaml")
    answers.write_text(
        answers.read_text().replace("consultation: sample-social-care", "consultation: nope")
    )
    result = run_drafter("render", str(answers))
    no_traceback(result)
    assert result.returncode == 2 and f"{answers}: no consultation 'nope'" in result.stderr


def test_question_id_the_consultation_lacks(tmp_path):
    answers = write_answers(tmp_path / "a.yaml", {"99": Answer(response="Orphan.")})
    result = run_drafter("render", str(answers))
    no_traceback(result)
    assert result.returncode == 2
    assert "answers questions the consultation does not have: 99" in result.stderr


def test_control_characters_are_removed_with_a_warning_and_docx_is_valid(tmp_path):
    answers = write_answers(tmp_path / "a.yaml", {"2": Answer(response="x")})
    # written by hand: YAML escapes put the characters into the loaded text (libyaml rejects
    # the lone-surrogate escape; drafter.yamlio then asks ruamel's pure parser, which accepts)
    escaped = 'response: "nul\\0 vt\\v ff\\f bel\\a lone\\uD800 end"'
    answers.write_text(answers.read_text().replace("response: x", escaped))
    out = tmp_path / "a.docx"
    result = run_drafter("render", str(answers), "-o", str(out))
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert "warning: question 2: removed 5 control or invalid character(s)" in result.stderr
    assert "nul vt ff bel lone end" in docx_text(out)
    with zipfile.ZipFile(out) as archive:
        assert archive.testzip() is None
        assert "\x00" not in archive.read("word/document.xml").decode()


def test_crlf_and_tabs(tmp_path):
    answers = write_answers(tmp_path / "a.yaml", {"2": Answer(response="x")})
    answers.write_text(
        answers.read_text().replace(
            "response: x", 'response: "one\\r\\ntwo\\tthree\\r\\n\\r\\nfour"'
        )
    )
    answers.write_bytes(answers.read_bytes().replace(b"\n", b"\r\n"))  # a Windows-edited file
    for fmt in ("md", "txt", "docx"):
        result = run_drafter("render", str(answers), "--format", fmt)
        no_traceback(result)
        assert result.returncode == 0, result.stderr
    md = (tmp_path / "a.md").read_text()
    assert "\r" not in md and "one\ntwo three\n\nfour" in md
    assert "\r" not in (tmp_path / "a.txt").read_text()
    assert "one two three" in docx_text(tmp_path / "a.docx")


def test_one_megabyte_of_response_text(tmp_path):
    paragraph = "A worker co-operative is owned by the people who work in it. " * 16
    big = "\n\n".join([paragraph] * (1_000_000 // len(paragraph) + 1))
    assert len(big) > 1_000_000
    answers = write_answers(tmp_path / "a.yaml", {"2": Answer(response=big)})
    result = run_drafter("render", str(answers))
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    document = docx.Document(str(tmp_path / "a.docx"))
    total = sum(len(p.text) for p in document.paragraphs if p.text.startswith("A worker"))
    assert total >= 1_000_000 - len(big) // 100


def test_welsh_letters_emoji_and_markup_appear_literally(tmp_path):
    typed = "Gŵyl ŷd â 🙂\n\n{{ 7*7 }}\n\n# Heading\n\n[link](http://x)\n\n<b>bold</b>"
    answers = write_answers(tmp_path / "a.yaml", {"2": Answer(response=typed)})
    for fmt in ("docx", "md", "txt"):
        assert run_drafter("render", str(answers), "--format", fmt).returncode == 0
    text = docx_text(tmp_path / "a.docx")
    paragraphs = text.split("\n")
    for literal in ("Gŵyl ŷd â 🙂", "{{ 7*7 }}", "# Heading", "[link](http://x)", "<b>bold</b>"):
        assert literal in paragraphs
    document = docx.Document(str(tmp_path / "a.docx"))
    assert not [p for p in document.paragraphs if p.text == "Heading"]
    assert (
        "w:hyperlink"
        not in zipfile.ZipFile(tmp_path / "a.docx")
        .read("word/document.xml")
        .decode()
        .split("Question 3")[0]
    )
    assert "{{ 7*7 }}" in (tmp_path / "a.txt").read_text()
    assert "\\# Heading" in (tmp_path / "a.md").read_text()


def test_txt_gives_number_and_character_count_per_question(tmp_path):
    answers = write_answers(
        tmp_path / "a.yaml",
        {
            "1": Answer(stance="Agree", response="Twelve chars"),
            "2": Answer(response="Wrapped in the\nanswers file.\n\n- one\n- two"),
            "11": Answer(no_response=True),
        },
    )
    result = run_drafter("render", str(answers), "--format", "txt")
    assert result.returncode == 0
    text = (tmp_path / "a.txt").read_text()
    block = text.split("Question 1\n", 1)[1].split("Question 2\n", 1)[0]
    assert "Answer: Agree" in block
    assert "Response (12 characters including spaces, 2 words):\nTwelve chars\n" in block
    # a paragraph is one line for the portal's box; paragraphs and list lines are kept
    assert (
        "(41 characters including spaces, 9 words):\nWrapped in the answers file.\n\n- one\n- two\n"
        in text
    )
    assert "Question 11\n" in text and text.split("Question 11\n")[1].count("No response.") == 1


def test_format_follows_the_output_suffix(tmp_path):
    answers = write_answers(tmp_path / "a.yaml")
    assert run_drafter("render", str(answers), "-o", str(tmp_path / "r.md")).returncode == 0
    assert (tmp_path / "r.md").read_text().startswith("# Sample consultation")
    result = run_drafter("render", str(answers), "--format", "md", "-o", str(tmp_path / "r.docx"))
    assert result.returncode == 0
    assert "warning: wrote md into a file named r.docx; check the suffix" in result.stderr


def test_reference_doc_that_is_not_a_docx(tmp_path):
    answers = write_answers(tmp_path / "a.yaml")
    fake = tmp_path / "style.docx"
    fake.write_text("hello")
    result = run_drafter("render", str(answers), "--reference-doc", str(fake))
    no_traceback(result)
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == f"drafter: error: {fake}: is not a Word document (.docx is a zip package; this is not)"
    )
    assert not (tmp_path / "a.docx").exists()


def test_strict_exits_1_when_the_rendered_text_has_errors(tmp_path, capsys, monkeypatch):
    answers = write_answers(tmp_path / "a.yaml", {"2": Answer(response="Loose words.")})

    def fake_check(text, library):
        start = text.index("Loose")
        return [Finding("test-rule", "error", start, start + 5, "Loose", "too loose")]

    monkeypatch.setattr("drafter.precision.check_text", fake_check)
    code, out, err = in_process(capsys, "render", str(answers))
    assert code == 0 and "precision check: 1 error(s), 0 warning(s), 0 suggestion(s)" in out
    code, out, err = in_process(capsys, "render", str(answers), "--strict", "--force")
    assert code == 1 and "--strict" in err
    assert (tmp_path / "a.docx").exists()


def test_into_calls_the_form_filler(tmp_path, capsys, monkeypatch):
    calls = []

    def fake_fill(answers_path, form_path, out_path, *, force=False, library_dirs=()):
        calls.append((answers_path, form_path, out_path, force, library_dirs))
        return "filled 3 of 12 answers"

    monkeypatch.setattr("drafter.formfill.fill_form", fake_fill)
    answers = write_answers(tmp_path / "a.yaml")
    form = tmp_path / "form.docx"
    library = tmp_path / "library"
    library.mkdir()
    code, out, err = in_process(
        capsys, "render", str(answers), "--into", str(form), "--force", "--library", str(library)
    )
    assert code == 0, err
    assert calls == [(answers, form, Path("a-form.docx"), True, (library,))]
    assert "filled 3 of 12 answers" in out


def test_the_example_renders_in_every_format(tmp_path):
    for fmt in ("docx", "md", "txt"):
        out = tmp_path / f"response.{fmt}"
        result = run_drafter("render", str(EXAMPLE_ANSWERS), "-o", str(out))
        no_traceback(result)
        assert result.returncode == 0, result.stderr
        assert out.stat().st_size > 1000
    assert (
        b"Example Care Co-operative Network"
        in io.BytesIO((tmp_path / "response.md").read_bytes()).read()
    )


def test_rendering_to_docx_does_not_import_python_docx(tmp_path):
    """The writer opens the reference with zipfile and lxml: python-docx's import (most of the
    writer's cost) stays off `drafter render`'s path, with the bundled and a user reference."""
    from tests.test_cli_consistency import _imported

    reference = tmp_path / "house.docx"
    document = docx.Document()
    document.add_paragraph("old content")
    document.save(str(reference))
    for extra in ((), ("--reference-doc", str(reference))):
        out = tmp_path / f"response{len(extra)}.docx"
        imported = _imported("render", str(EXAMPLE_ANSWERS), "-o", str(out), *extra)
        assert "drafter" in imported and "lxml" in imported
        assert "docx" not in imported, extra
        assert docx.Document(str(out)).paragraphs[0].text  # it did write the response


def test_into_checks_precision_and_honours_strict(tmp_path, capsys, monkeypatch):
    answers = write_answers(tmp_path / "a.yaml", {"2": Answer(response="Loose words.")})
    checked = []

    def fake_check(text, library):
        checked.append(text)
        start = text.index("Loose")
        return [Finding("test-rule", "error", start, start + 5, "Loose", "too loose")]

    monkeypatch.setattr("drafter.precision.check_text", fake_check)
    monkeypatch.setattr("drafter.formfill.fill_form", lambda *a, **k: "filled: question 2")
    form = tmp_path / "form.docx"
    code, out, err = in_process(capsys, "render", str(answers), "--into", str(form))
    assert code == 0 and len(checked) == 1 and "Loose words." in checked[0]
    assert "precision check: 1 error(s), 0 warning(s), 0 suggestion(s)" in out
    code, out, err = in_process(capsys, "render", str(answers), "--into", str(form), "--strict")
    assert code == 1 and "--strict" in err


def test_into_with_a_missing_library_stops_before_writing(tmp_path, capsys):
    answers = write_answers(tmp_path / "a.yaml", {"2": Answer(response="Words.")})
    form = tmp_path / "form.docx"
    code, out, err = in_process(
        capsys, "render", str(answers), "--into", str(form), "--library", str(tmp_path / "no")
    )
    assert code == 2 and "library folder not found" in err
    assert not (tmp_path / "a-form.docx").exists()


def test_the_default_output_says_it_is_in_the_current_folder_when_the_answers_are_not(
    tmp_path, capsys, monkeypatch
):
    (tmp_path / "answers").mkdir()
    answers = write_answers(tmp_path / "answers" / "a.yaml")
    monkeypatch.chdir(tmp_path)
    code, out, err = in_process(capsys, "render", str(answers))
    assert code == 0 and (tmp_path / "a.docx").is_file()
    assert out.splitlines()[0] == (
        f"wrote a.docx (in the current folder, {tmp_path.resolve()}; -o chooses another place)"
    )
    monkeypatch.chdir(answers.parent)
    code, out, err = in_process(capsys, "render", "a.yaml", "--force")
    assert code == 0 and out.splitlines()[0] == "wrote a.docx"


def test_into_counts_no_undefined_term_that_the_forms_glossary_appendix_defines(tmp_path):
    form = Path(__file__).resolve().parents[1] / "examples" / "sample-response-form.docx"
    out = tmp_path / "filled.docx"
    result = run_drafter("render", str(EXAMPLE_ANSWERS), "--into", str(form), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "glossary: " in result.stdout and "added as an appendix" in result.stdout
    assert result.stdout.splitlines()[-1] == "precision check: no findings"
    assert run_drafter("lint", str(out)).stdout.startswith(f"{out}: 0 finding(s)")
