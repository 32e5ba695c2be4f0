"""The layer contracts in pyproject.toml hold, and they bite: an import that breaks one, made in
a scratch copy of the package, makes `lint-imports` (run by `make lint`) fail."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed")


def _lint_imports(folder: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(folder)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=folder, env=env, capture_output=True, text=True
    )


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    shutil.copytree(
        ROOT / "drafter", tmp_path / "drafter", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_contracts_hold_and_a_library_module_importing_questionary_breaks_one(scratch):
    assert _lint_imports(scratch).returncode == 0
    loader = scratch / "drafter" / "library" / "loader.py"
    loader.write_text(loader.read_text(encoding="utf-8") + "\nimport questionary  # noqa\n")
    result = _lint_imports(scratch)
    assert result.returncode != 0
    assert "drafter.library.loader is not allowed to import questionary" in result.stdout
