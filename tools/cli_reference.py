"""Write docs/cli.md: every drafter command's --help, so the docs never miss a command or option.

Run `make docs` after changing a command's options or help text; tests/test_docs_cover_cli.py
fails while docs/cli.md differs from what this writes.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "cli.md"
WIDTH = 100

HEADER = """# Command reference

Every command's `--help`, as `drafter` prints it. Made by `make docs`
(`tools/cli_reference.py`); a test fails while this page is out of date. The README shows
the commands at work; this page lists every option.
"""


def command_paths(group: click.Group) -> Iterator[tuple[str, ...]]:
    """Each command's path below `group` (the group itself first), in help order."""
    yield ()
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        if isinstance(command, click.Group):
            yield from ((name, *rest) for rest in command_paths(command))
        else:
            yield (name,)


def help_text(cli: click.Group, path: tuple[str, ...]) -> str:
    """What `drafter PATH --help` prints at a fixed width."""
    result = CliRunner().invoke(
        cli, [*path, "--help"], prog_name="drafter", terminal_width=WIDTH, max_content_width=WIDTH
    )
    if result.exit_code != 0:
        raise RuntimeError(f"drafter {' '.join(path)} --help exited {result.exit_code}")
    return result.output.rstrip() + "\n"


def reference() -> str:
    """The whole page."""
    from drafter.cli import cli

    parts = [HEADER]
    for path in command_paths(cli):
        title = " ".join(("drafter", *path))
        parts.append(f"\n## `{title}`\n\n```text\n{help_text(cli, path)}```\n")
    return "".join(parts)


def main() -> int:
    TARGET.write_text(reference(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
