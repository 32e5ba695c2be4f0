"""`drafter check`: which answers rely on vetted text that has changed since they were given."""

from __future__ import annotations

from pathlib import Path

import click

from drafter.commands._common import library_option, load_library
from drafter.errors import FindingsError, InputError


@click.command(name="check")
@click.argument(
    "answers_paths", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False),
    metavar="ANSWERS.yaml...",
)  # fmt: skip
@click.option(
    "--update",
    is_flag=True,
    help="After showing the changes, move each pin to the library's current version and text.",
)
@library_option
def check(answers_paths: tuple[Path, ...], update: bool, library_dirs: tuple[Path, ...]) -> None:
    """List every answer whose referenced passage or position, or whose glossary definition,
    has changed in the library since it was answered, with the words that changed.

    Exit status: 0 nothing has changed, 1 something has (or, with --update, could not be
    moved: a retired text), 2 bad input (a file that is not an answers file, a reference to an
    unknown entry or to one of another kind). With --update each file is rewritten atomically,
    and only if a pin moved.

    \b
    Examples:
      drafter check answers.yaml
      drafter check responses/*.yaml --library ./our-library
      drafter check answers.yaml --update
    """
    from drafter.answers import dump_answers, load_answers, save_answers
    from drafter.reuse.drift import drifts, update_pins

    library = load_library(library_dirs)
    loaded = []
    for path in answers_paths:  # every file read and checked before any is written
        if not path.is_file():
            raise InputError("answers file not found", path=path)
        answers = load_answers(path)
        loaded.append((path, answers, drifts(answers, library, path)))
    left = shown = 0
    for path, answers, found in loaded:
        shown += len(found)
        for drift in found:
            for line in drift.lines():
                click.echo(f"{path}: {line}" if not line.startswith(" ") else line)
        if update:
            before = dump_answers(answers)
            moved = update_pins(answers, library)
            if dump_answers(answers) != before:  # also pins what was never pinned
                save_answers(answers, path)
            if moved:
                click.echo(f"{path}: moved {moved} pin(s) to the library's current versions")
            left += len(drifts(answers, library, path))
        else:
            left += len(found)
    if left:
        hint = "" if update else "; after reading them, drafter check --update moves the pins"
        raise FindingsError(f"{left} vetted text(s) changed since answered{hint}")
    files = len(loaded)
    checked = f"({files} answers file{'s' if files != 1 else ''} checked)"
    if shown:  # --update moved them: the changes above were real
        click.echo(f"Every pin now matches the library's current version {checked}.")
    else:
        click.echo(f"No vetted text has changed since it was answered {checked}.")
