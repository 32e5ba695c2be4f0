"""render_answers, the function `drafter render` and the interview call."""

from __future__ import annotations

import shutil
import zipfile

import pytest

from drafter.answers import Answer
from drafter.errors import InputError, OutputExistsError
from drafter.render import RenderResult, render_answers
from tests.render_helpers import FIXTURE_LIBRARY, write_answers


def test_result_reports_glossary_versions_warnings_and_findings(tmp_path):
    answers = write_answers(
        tmp_path / "a.yaml",
        {"2": Answer(response="We are a worker co-operative.\x0c", define=["no-such-id"])},
    )
    result = render_answers(answers, tmp_path / "out.md", "md")
    assert isinstance(result, RenderResult)
    assert result.out_path == tmp_path / "out.md" and result.fmt == "md"
    assert "worker-co-operative" in result.concepts
    assert set(result.concepts) <= set(result.library_versions)
    assert any(w.startswith("question 2: removed 1") for w in result.warnings)
    assert any("no-such-id" in w for w in result.warnings)
    assert isinstance(result.findings, list)
    assert result.counts().keys() == {"error", "warning", "suggestion"}


def test_a_library_layer_overrides_the_bundled_entry(tmp_path):
    layer = tmp_path / "ours"
    shutil.copytree(FIXTURE_LIBRARY, layer)
    entry = layer / "terms" / "worker-co-operative.yaml"
    entry.write_text(entry.read_text().replace("version: 3", "version: 42"))
    answers = write_answers(tmp_path / "a.yaml", {"2": Answer(response="A worker co-operative.")})
    out = tmp_path / "out.docx"
    result = render_answers(answers, out, library_dirs=[layer])
    assert result.library_versions["worker-co-operative"] == 42
    custom = zipfile.ZipFile(out).read("docProps/custom.xml").decode()
    assert "worker-co-operative=42" in custom


def test_never_overwrites_without_force_and_checks_before_working(tmp_path):
    answers = write_answers(tmp_path / "a.yaml")
    out = tmp_path / "out.txt"
    out.write_text("keep me")
    with pytest.raises(OutputExistsError):
        render_answers(answers, out, "txt")
    assert out.read_text() == "keep me"
    render_answers(answers, out, "txt", force=True)
    assert out.read_text().startswith("Response to ")


def test_missing_consultation_file_names_the_answers_file(tmp_path):
    answers = write_answers(tmp_path / "a.yaml", consultation_file="gone.yaml")
    with pytest.raises(InputError) as info:
        render_answers(answers, tmp_path / "out.md", "md")
    assert info.value.path == answers and "gone.yaml" in str(info.value)


def test_unknown_format_is_bad_input(tmp_path):
    with pytest.raises(InputError, match="unknown format 'pdf'"):
        render_answers(write_answers(tmp_path / "a.yaml"), tmp_path / "o.pdf", "pdf")


def test_output_folder_is_created(tmp_path):
    out = tmp_path / "build" / "demo" / "response.docx"
    render_answers(write_answers(tmp_path / "a.yaml"), out)
    assert out.is_file() and (out.stat().st_mode & 0o777) != 0o600
