"""The bundled reference .docx is rebuilt reproducibly by tools/build_reference_docx.py."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import docx

from drafter.writer.docx import bundled_reference
from tests.conftest import ROOT

TOOL = ROOT / "tools" / "build_reference_docx.py"


def test_rebuilding_gives_the_committed_file(tmp_path):
    first, second = tmp_path / "one.docx", tmp_path / "two.docx"
    for out in (first, second):
        subprocess.run([sys.executable, str(TOOL), str(out)], check=True, capture_output=True)
    assert first.read_bytes() == second.read_bytes()  # deterministic zip
    committed = zipfile.ZipFile(bundled_reference())
    rebuilt = zipfile.ZipFile(first)
    assert committed.namelist() == rebuilt.namelist()
    for name in committed.namelist():
        assert committed.read(name) == rebuilt.read(name), f"{name} differs: rerun {TOOL.name}"
        assert rebuilt.getinfo(name).date_time == (2026, 1, 1, 0, 0, 0)


def test_reference_has_the_styles_the_writer_uses_and_no_content():
    document = docx.Document(str(bundled_reference()))
    names = {s.name for s in document.styles}
    wanted = "Normal,Heading 1,Heading 2,Heading 3,Quote,List Bullet,List Number,List Continue"
    wanted += ",Table Grid,Header,Footer,Hyperlink"
    for name in wanted.split(","):
        assert name in names
    assert document.paragraphs == [] or all(not p.text for p in document.paragraphs)
    section = document.sections[0]
    assert round(section.page_width.cm, 1) == 21.0 and round(section.page_height.cm, 1) == 29.7
