"""`drafter draft`: answer a consultation in the terminal, saving after every answer."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from drafter.commands._common import library_option, output_option
from drafter.errors import InputError


@click.command(name="draft")
@click.option(
    "--consultation",
    "-c",
    metavar="ID|FILE",
    help="A bundled consultation id, a question-set .yaml, or the consultation's own "
    ".docx/.md/.txt (its questions are read and shown to you to confirm). "
    "Asked if not given.",
)
@click.option(
    "--answers",
    "-a",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="FILE",
    help="Where the answers are saved after every answer "
    "[default: ./<consultation-id>-answers.yaml]. An existing file's answers are offered "
    "as defaults.",
)
@click.option("--resume", is_flag=True, help="Carry on at the first unanswered question.")
@click.option("--ask", metavar="Q3,Q7", help="Ask only these questions again, then review.")
@output_option(
    "The response to write at the end (.docx, .md or .txt) "
    "[default: beside the answers, e.g. <consultation-id>-response.docx].",
    metavar="OUT.docx",
)
@library_option
def draft(
    consultation: str | None,
    answers: Path | None,
    resume: bool,
    ask: str | None,
    output: Path | None,
    library_dirs: tuple[Path, ...],
) -> None:
    """Answer a consultation question by question, in the terminal.

    Your answers are saved after every answer. Press Ctrl-C at any time to stop: what you
    have typed is kept, and `drafter draft --answers FILE --resume` carries on. At the end, a
    review lets you go back to any answer, then writes the Word response.

    \b
    Keys: arrow keys and Enter to choose; in a response, Enter starts a new line and
    Esc then Enter finishes; Ctrl-E opens the response in $VISUAL, $EDITOR, else nano (or vi).

    \b
    Examples:
      drafter draft --consultation sample-social-care
      drafter draft --answers my-answers.yaml --resume
      drafter draft --answers my-answers.yaml --ask 3,7
      drafter draft --library ~/our-library --consultation sample-social-care
    """
    if not sys.stdin.isatty():
        raise InputError(
            "`drafter draft` asks questions, so it needs a terminal (stdin is not one). "
            "To make the response from an answers file without questions, run: "
            "drafter render ANSWERS.yaml -o response.docx"
        )
    from drafter.interview.flow import Options, run_interview

    code = run_interview(
        Options(
            consultation=consultation,
            answers=answers,
            resume=resume,
            ask=ask,
            output=output,
            library_dirs=tuple(library_dirs),
        )
    )
    if code:
        raise SystemExit(code)
