"""Small library layers written into tmp folders, and running the CLI in-process."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.cli import main

VETTED = """\
version: 1
status: vetted
vetted_by: Test Editor
vetted_on: 2026-11-26
review_by: 2027-11-26
"""


def concept(cid: str, term: str, *, extra: str = "", vetted: bool = True) -> str:
    head = VETTED if vetted else "version: 1\nstatus: draft\n"
    return (
        f"id: {cid}\nkind: concept\n{head}subject: testing\n"
        f"short: Short definition of {term}.\ndefinition: Definition of {term}.\n"
        f"response_definition: Definition of {term}.\n"
        "sources:\n  - {title: A test source, year: 2026, kind: academic}\n"
        f"terms:\n  - text: {term}\n" + extra
    )


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def layer(tmp_path: Path, name: str, files: dict[str, str]) -> Path:
    folder = tmp_path / name
    folder.mkdir(parents=True, exist_ok=True)
    for file, text in files.items():
        write(folder, file, text)
    return folder


def run(capsys, *args: str) -> tuple[int, str, str]:
    """`drafter ARGS` in this process: exit code, stdout, stderr."""
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out, err = capsys.readouterr()
    return info.value.code, out, err


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }
