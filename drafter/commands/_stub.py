"""Placeholder for a subcommand whose issue has not landed yet."""

from __future__ import annotations

import click

from drafter.errors import DrafterError


def not_yet(name: str, issue: int) -> click.Command:
    @click.command(name=name, context_settings={"ignore_unknown_options": True})
    @click.argument("args", nargs=-1, type=click.UNPROCESSED)
    def command(args: tuple[str, ...]) -> None:
        raise DrafterError(f"`drafter {name}` is not available yet (issue {issue})")

    command.help = f"Not available yet (issue {issue})."
    return command
