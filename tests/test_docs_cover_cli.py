"""The docs cover the CLI: docs/cli.md is every command's current --help, and the README shows
every command at work. A new option or command without docs fails here."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _reference_tool():
    spec = importlib.util.spec_from_file_location("cli_reference", ROOT / "tools/cli_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_command_reference_is_up_to_date():
    tool = _reference_tool()
    written = (ROOT / "docs/cli.md").read_text(encoding="utf-8")
    assert written == tool.reference(), "docs/cli.md is out of date: run `make docs`"


def test_every_option_of_every_command_is_in_the_reference():
    import click

    from drafter.cli import cli

    tool = _reference_tool()
    page = (ROOT / "docs/cli.md").read_text(encoding="utf-8")
    for path in tool.command_paths(cli):
        title = " ".join(("drafter", *path))
        assert f"## `{title}`" in page, f"{title} is missing from docs/cli.md"
        command = cli
        for name in path:
            command = command.get_command(click.Context(command), name)
        for param in command.params:
            for opt in getattr(param, "opts", []):
                if opt.startswith("--"):
                    assert opt in page, f"{title} {opt} is missing from docs/cli.md"


def test_the_readme_shows_every_command():
    from drafter.cli import cli

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    tool = _reference_tool()
    for path in tool.command_paths(cli):
        if path:
            title = " ".join(("drafter", *path))
            assert title in readme, f"the README never shows `{title}`"
