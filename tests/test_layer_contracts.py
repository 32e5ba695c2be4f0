"""The layer contracts in pyproject.toml hold, and they bite: imports that break them, made in
a scratch copy of the package, make `lint-imports` (run by `make lint`) fail. The layers
contract is the table in docs/architecture.md, and places every module of drafter."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")
CONTRACTS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"][
    "importlinter"
]["contracts"]
[LAYERS] = [c["layers"] for c in CONTRACTS if c["type"] == "layers"]
# package files that only re-export or hold the version: placed in no layer
UNPLACED = {"drafter", "drafter.library", "drafter.interview"}

needs_lint_imports = pytest.mark.skipif(
    not LINT_IMPORTS.exists(), reason="import-linter not installed"
)


def _lint_imports(folder: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(folder)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"], cwd=folder, env=env, capture_output=True, text=True
    )


def _layer_modules(layer: str) -> list[str]:
    return [name.strip() for name in re.split(r"[:|]", layer)]


def _module_names() -> set[str]:
    names = set()
    for path in (ROOT / "drafter").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.add(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    shutil.copytree(
        ROOT / "drafter", tmp_path / "drafter", ignore=shutil.ignore_patterns("__pycache__")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _append(scratch: Path, module: str, line: str) -> None:
    path = scratch / "drafter" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}  # noqa\n", encoding="utf-8")


@needs_lint_imports
def test_the_contracts_hold_and_imports_against_them_break_them(scratch):
    assert _lint_imports(scratch).returncode == 0
    _append(scratch, "library/loader.py", "import questionary")
    _append(scratch, "library/validate.py", "import drafter.precision")
    _append(scratch, "readers/docx_annotate.py", "import drafter.commands.lint_report")
    _append(scratch, "precision/segment.py", "import gc")
    result = _lint_imports(scratch)
    assert result.returncode != 0
    assert "drafter.library.loader is not allowed to import questionary" in result.stdout
    # the layers contract: the domain reaching an engine, io reaching the command line
    assert "drafter.library.validate is not allowed to import drafter.precision" in result.stdout
    assert "drafter.readers is not allowed to import drafter.commands" in result.stdout
    assert "drafter.precision is not allowed to import gc" in result.stdout


def test_every_module_of_drafter_is_in_exactly_one_layer():
    placed = [m for layer in LAYERS for m in _layer_modules(layer)]
    assert len(placed) == len(set(placed)), "a module is in two layers"

    def layer_of(module: str) -> str | None:
        return next((p for p in placed if module == p or module.startswith(p + ".")), None)

    unplaced = sorted(m for m in _module_names() - UNPLACED if layer_of(m) is None)
    assert not unplaced, f"place in a layer (pyproject.toml, docs/architecture.md): {unplaced}"


def test_the_architecture_page_lists_the_contract_layers_in_order():
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = page.split("## Layers", 1)[1].split("\n\n| layer |", 1)[1].split("\n\n", 1)[0]
    rows = [line.split("|")[2] for line in table.splitlines()[2:]]
    on_page = [
        sorted(
            path.removesuffix("/").removesuffix(".py").replace("/", ".")
            for path in re.findall(r"`(drafter/[^`]+)`", row)
        )
        for row in rows
    ]
    # a row may name a module inside a package it names too (for the reader): the contract's
    # layer is the outermost names
    outermost = [
        [m for m in row if not any(m.startswith(o + ".") for o in row if o != m)] for row in on_page
    ]
    assert outermost == [sorted(_layer_modules(layer)) for layer in LAYERS]
    independent = ["not each other" in row for row in rows]
    assert independent == ["|" in layer for layer in LAYERS]


@pytest.mark.parametrize(("package", "allowed_layers"), [("questionary", {0, 1}), ("docx", {3, 4})])
def test_the_third_party_contracts_cover_every_module_outside_their_layers(package, allowed_layers):
    """Only the cli and ui layers may use the terminal packages, only the io and Word layers
    python-docx and lxml: every other module must be a source of the contract that says so."""
    [contract] = [
        c
        for c in CONTRACTS
        if c["name"].startswith("Only the") and package in c.get("forbidden_modules", ())
    ]
    sources = contract["source_modules"]
    for index, layer in enumerate(LAYERS):
        if index in allowed_layers:
            continue
        for module in _layer_modules(layer):
            covered = any(module == s or module.startswith(s + ".") for s in sources)
            assert covered, f"{module} is not checked against {package}"
