"""No heading is stranded at the foot of a page: the demo response and a long one, converted to
PDF by LibreOffice, read back page by page (pypdf).

A page may not end with a section heading, a question heading (with the wording and stance it
carries) or an "Answer: ..." stance line: each must share its page with the start of what it
introduces. One LibreOffice run converts both documents for the whole module.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from bench.bench_render import generate
from drafter.render import render_answers
from tests.render_helpers import EXAMPLE_ANSWERS

pytestmark = pytest.mark.slow

FOOTER = re.compile(r"Page \d+ of \d+\s*$")


def _flat(text: str) -> str:
    return " ".join(text.split())


def introductions(path: Path) -> list[str]:
    """Every text that must not end a page: each heading below the title (whole, and up to
    each of its lines) and each stance line, whitespace folded."""
    found = []
    for p in docx.Document(str(path)).paragraphs:
        if p.style.name in ("Heading 2", "Heading 3"):
            lines = p.text.split("\n")
            found += [_flat(" ".join(lines[: i + 1])) for i in range(len(lines))]
            found += [_flat(line) for line in lines if line.startswith("Answer: ")]
        elif p.text.startswith("Answer: "):
            found.append(_flat(p.text))
    return found


def page_texts(pdf: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(str(pdf)).pages]


def stranded(pages: list[str], texts: list[str]) -> list[tuple[int, str]]:
    """(page number, text) for each page whose last words, footer aside, are one of `texts`."""
    out = []
    for number, page in enumerate(pages, 1):
        body = _flat(FOOTER.sub("", page.strip()))
        out += [(number, t) for t in texts if body.endswith(t)][:1]
    return out


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("layout")
    documents = {
        "demo": render_answers(EXAMPLE_ANSWERS, folder / "demo.docx").out_path,
        "long": render_answers(generate(folder), folder / "long.docx").out_path,
    }
    subprocess.run(
        [soffice, f"-env:UserInstallation={(folder / 'lo-profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(folder), *map(str, documents.values())],
        check=True, capture_output=True, timeout=240,
    )  # fmt: skip
    return {name: (path, path.with_suffix(".pdf")) for name, path in documents.items()}


@pytest.mark.parametrize("name", ["demo", "long"])
def test_no_page_ends_with_a_heading_or_a_stance_line(converted, name):
    path, pdf = converted[name]
    texts = introductions(path)
    assert any(t.startswith("Question 1 ") for t in texts)  # question headings are checked
    assert any(t.startswith("Answer: ") for t in texts)  # and stance lines
    assert stranded(page_texts(pdf), texts) == []


def test_the_demo_converts_whole_with_its_footer(converted):
    pages = page_texts(converted["demo"][1])
    assert len(pages) >= 3 and "Question 3a" in "".join(pages) and "Page 1 of " in pages[0]


def test_the_reading_finds_a_stranded_heading():
    pages = ["Some text.\nSocial enterprises\nPage 1 of 2", "Answer: Agree\nWe agree.\nPage 2 of 2"]
    texts = ["Social enterprises", "Question 4", "Answer: Agree"]
    assert stranded(pages, texts) == [(1, "Social enterprises")]
