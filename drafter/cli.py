"""The `drafter` command: thin. Parses arguments, imports the heavy rooms lazily, maps errors.

Each subcommand lives in drafter/commands/<name>.py and is imported only when it runs, so
`drafter --help` and `drafter lint` start without loading docx, questionary or jinja2.
"""

from __future__ import annotations

import importlib
import os
import sys

import click

from drafter import __version__
from drafter.errors import EXIT_BAD_INPUT, EXIT_INTERRUPTED, DrafterError, FindingsError

# name -> (module:attribute, one-line help shown by `drafter --help` without importing it)
COMMANDS: dict[str, tuple[str, str]] = {
    "draft": ("drafter.commands.draft:draft", "Interview: answer a consultation in the terminal."),
    "render": ("drafter.commands.render:render", "Write the response (.docx, .md or .txt)."),
    "lint": ("drafter.commands.lint:lint", "Check a draft for imprecise use of terms."),
    "check": ("drafter.commands.check:check", "Show answers whose vetted texts have changed."),
    "snippets": ("drafter.commands.snippets:snippets", "Maintain the vetted library."),
    "consultations": (
        "drafter.commands.consultations:consultations",
        "List, show and import consultation question sets.",
    ),
}

EXIT_INTERNAL = 70


class LazyGroup(click.Group):
    """A click group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        target, _ = COMMANDS[cmd_name]
        module_name, attr = target.split(":")
        return getattr(importlib.import_module(module_name), attr)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, short) for name, (_, short) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="drafter")
def cli() -> None:
    """Write consultation responses in which every co-operative-sector term is used
    precisely and defined from a vetted library.

    \b
    Start here:
      drafter draft                          answer the sample consultation
      drafter render answers.yaml -o r.docx  write the Word response
      drafter lint draft.docx                check a colleague's draft
      drafter snippets list                  see the vetted library
    """


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI, turning user errors into one line and an exit code."""
    from drafter.fsutil import command_scope
    from drafter.textclean import for_terminal

    try:
        with command_scope():
            cli.main(args=argv, prog_name="drafter", standalone_mode=False)
    except FindingsError as exc:  # not a failure of drafter: the check did its job
        click.echo(for_terminal(f"drafter: {exc.format()}"), err=True)
        sys.exit(exc.exit_code)
    except DrafterError as exc:
        click.echo(for_terminal(f"drafter: error: {exc.format()}"), err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("drafter: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except KeyboardInterrupt:
        click.echo("\ndrafter: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.ClickException as exc:  # click's own three-line usage error, as one line
        click.echo(for_terminal(f"drafter: error: {_click_message(exc)}"), err=True)
        sys.exit(EXIT_BAD_INPUT if exc.exit_code == 2 else exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)
    except OSError as exc:  # the file system refused (a name too long, no permission, a
        # file where a folder should be): the user's to fix, never an internal error
        from drafter.errors import InputError
        from drafter.fsutil import os_reason

        where = exc.filename if exc.filename is not None else None
        error = InputError(f"cannot use this path ({os_reason(exc)})", path=where)
        click.echo(for_terminal(f"drafter: error: {error.format()}"), err=True)
        sys.exit(EXIT_BAD_INPUT)
    except Exception as exc:  # a bug: one line for the user, the traceback on request
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        click.echo(
            f"drafter: internal error: {type(exc).__name__}: {exc} "
            "(set DRAFTER_DEBUG=1 to see the traceback, and please report it)",
            err=True,
        )
        sys.exit(EXIT_INTERNAL)
    sys.exit(0)


def _click_message(exc: click.ClickException) -> str:
    """click's message on one line, pointing at the command's --help for usage errors."""
    message = " ".join(exc.format_message().split()).rstrip(".")
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, click.UsageError) and ctx is not None:
        message += f" (see {ctx.command_path} --help)"
    return message
