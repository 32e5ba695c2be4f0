"""Slow checks with external programs: the wheel works anywhere (LibreOffice: test_page_layout)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.render_helpers import EXAMPLE_ANSWERS

pytestmark = pytest.mark.slow


def test_the_built_wheel_renders_outside_the_checkout(tmp_path):
    pytest.importorskip("build")
    pytest.importorskip("hatchling")
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        check=True, capture_output=True, cwd=ROOT,
    )  # fmt: skip
    wheel = next(dist.glob("drafter-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for bundled in (
        "templates/reference.docx",
        "templates/response.md.j2",
        "consultations/sample-social-care.yaml",
        "examples/answers-example.yaml",
    ):
        assert f"drafter/_data/{bundled}" in names

    venv = tmp_path / "venv"
    # without a pip of its own (seeding one takes seconds): this pip installs into it
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, capture_output=True
    )
    venv_python = venv / "bin" / "python"
    # make this venv's dependencies visible (no network), but not the checkout itself
    site = subprocess.run(
        [str(venv_python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(site) / "deps.pth").write_text("\n".join(sorted(ours)) + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(venv_python), "install", "--no-deps",
         "--no-index", "--quiet", str(wheel)],
        check=True, capture_output=True,
    )  # fmt: skip
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copy(EXAMPLE_ANSWERS, work / "answers.yaml")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["DRAFTER_NO_TEMPLATE_CACHE"] = "1"
    result = subprocess.run(
        [str(venv / "bin" / "drafter"), "render", "answers.yaml", "-o", "out.docx"],
        cwd=work, env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (work / "out.docx").stat().st_size > 5000
    where = subprocess.run(
        [str(venv_python), "-c", "import drafter, sys; print(drafter.__file__)"],
        cwd=work, env=env, capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert str(ROOT) not in where and str(venv) in where
