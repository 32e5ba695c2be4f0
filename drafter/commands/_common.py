"""Options and helpers every subcommand shares, so the same thing has the same name, metavar
and help wherever it appears (`--library DIR`, `--force`, `-o/--output FILE`).

Import-light on purpose: click only. Rich and the library load inside the helpers.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

LIBRARY_HELP = "An organisation library layered over the bundled one (repeatable; later wins)."


def library_option(func: F) -> F:
    """`--library DIR` (repeatable), passed to the command as `library_dirs`."""
    return click.option(
        "--library",
        "library_dirs",
        multiple=True,
        type=click.Path(path_type=Path, file_okay=False),
        metavar="DIR",
        help=LIBRARY_HELP,
    )(func)


def force_option(help: str = "Replace the output file if it exists.") -> Callable[[F], F]:
    """`--force`: the only way a command replaces a file that is already there."""
    return click.option("--force", is_flag=True, help=help)


def output_option(help: str, *, dest: str = "output", metavar: str = "FILE") -> Callable[[F], F]:
    """`-o/--output FILE`: where the command writes (never a folder)."""
    return click.option(
        "-o",
        "--output",
        dest,
        type=click.Path(path_type=Path, dir_okay=False),
        metavar=metavar,
        help=help,
    )


def format_option(*choices: str, default: str, help: str) -> Callable[[F], F]:
    """`--format`, passed as `fmt`: one of `choices`, the default shown in --help."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help=help,
    )


def load_library(library_dirs: tuple[Path, ...]) -> Any:
    """The bundled library with the user's layers (DRAFTER_LIBRARY, config, --library)."""
    from drafter.library import load_library as load
    from drafter.library import resolve_library_dirs

    return load(resolve_library_dirs(library_dirs))


def make_console(*, err: bool = False) -> Any:
    """A rich Console: styled on a terminal, plain text (no colour codes) in a pipe or file."""
    from rich.console import Console

    return Console(stderr=err, highlight=False, soft_wrap=False)


@contextlib.contextmanager
def collector_paused():
    """Pause the cyclic garbage collector while a command checks a file. The precision check
    makes many small objects that cannot form cycles; on a big text the collector would walk
    the whole heap again and again for nothing (a third of the time). The command decides
    this for its process; the engine itself never does."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
