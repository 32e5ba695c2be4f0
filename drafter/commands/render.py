"""`drafter render`: write the response from an answers file (.docx, .md or .txt)."""

from __future__ import annotations

from pathlib import Path

import click

from drafter.commands._common import force_option, library_option, output_option
from drafter.errors import FindingsError, InputError
from drafter.render import FORMATS, format_of


@click.command(name="render")
@click.argument("answers", type=click.Path(path_type=Path, dir_okay=False))
@output_option(
    "Output file. Default: ANSWERS' name with the format's suffix, in the current folder.",
    dest="out",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default=None,
    help="docx (Word), md (the composed Markdown) or txt (per question, with character "
    "counts, for pasting into online portals). Default: from -o's suffix, else docx.",
)
@click.option(
    "--reference-doc",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Your organisation's own .docx whose styles give the look (default: drafter's).",
)
@force_option()
@library_option
@click.option(
    "--strict",
    is_flag=True,
    help="Exit 1 if the precision check finds errors in the rendered text.",
)
@click.option(
    "--into",
    "form",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Fill the consultation's own response form (.docx) instead of writing a new document.",
)
def render(
    answers: Path,
    out: Path | None,
    fmt: str | None,
    reference_doc: Path | None,
    force: bool,
    library_dirs: tuple[Path, ...],
    strict: bool,
    form: Path | None,
) -> None:
    """Write the consultation response for the answers file ANSWERS.

    The response has a cover block, respondent information and publication consent, the key
    points, every question with its number, exact wording, the answer and the response, and
    "Terms used in this response": the library terms the document uses, each with its
    vetted definition and numbered sources. User text is printed exactly as typed.

    \b
    Examples:
      drafter render answers.yaml                      writes answers.docx here
      drafter render answers.yaml -o response.docx --force
      drafter render answers.yaml --format txt         per-question text for portals
      drafter render answers.yaml --reference-doc our-style.docx
      drafter render answers.yaml --into form.docx -o filled.docx

    Exit codes: 0 written; 1 with --strict when the rendered text has precision errors;
    2 bad input (the message names the file and line).
    """
    if form is not None:
        if out is not None:
            _not_an_input(out, answers, form)
        _fill_form(answers, form, out, force, library_dirs, strict)
        return
    from drafter.render import render_answers

    if fmt is None:
        fmt = (format_of(out) if out is not None else None) or "docx"
    chosen = out is not None
    if out is None:  # here, not beside the answers (which may be a shared or tracked folder)
        out = Path(answers.with_suffix(FORMATS[fmt]).name)
    _not_an_input(out, answers, reference_doc)
    result = render_answers(
        answers,
        out,
        fmt,
        force=force,
        library_dirs=library_dirs,
        reference_doc=reference_doc,
    )
    to_stdout = str(out) == "-"  # the document is the output: everything else to stderr
    if not to_stdout:
        click.echo(f"wrote {result.out_path}{'' if chosen else _where_by_default(answers)}")
    suffix = out.suffix.lower()
    if suffix in FORMATS.values() and suffix != FORMATS[fmt]:
        result.warnings.append(f"wrote {fmt} into a file named {out.name}; check the suffix")
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    _report_precision(result.counts(), result.out_path, strict, err=to_stdout)


def _report_precision(counts: dict[str, int], checked: Path, strict: bool, *, err: bool) -> None:
    """The one-line precision summary, and exit 1 under --strict when there are errors."""
    if any(counts.values()):
        summary = ", ".join(f"{n} {kind}(s)" for kind, n in counts.items())
        click.echo(f"precision check: {summary} (details: drafter lint {checked})", err=err)
    else:
        click.echo("precision check: no findings", err=err)
    if strict and counts["error"]:
        raise FindingsError(
            f"--strict: the rendered text has {counts['error']} precision error(s)", path=checked
        )


def _where_by_default(answers: Path) -> str:
    """Said when -o was not given and the answers are in another folder, so nobody looks for
    the response beside them."""
    here = Path.cwd().resolve()
    if answers.resolve().parent == here:
        return ""
    return f" (in the current folder, {here}; -o chooses another place)"


def _not_an_input(out: Path, *inputs: Path | None) -> None:
    """Refuse to write over a file this command reads, even with --force."""
    for given in inputs:
        if given is not None and out.resolve() == given.resolve():
            raise InputError("-o must name a new file, not one of the inputs", path=out)


def _fill_form(
    answers: Path,
    form: Path,
    out: Path | None,
    force: bool,
    library_dirs: tuple[Path, ...],
    strict: bool,
) -> None:
    """Fill the form, then check the answers written into it as `render` checks its text."""
    from drafter.formfill import fill_form
    from drafter.render import check_answers_text

    chosen = out is not None
    if out is None:
        out = Path(f"{answers.stem}-form.docx")
    counts = check_answers_text(answers, library_dirs)  # a bad library stops before writing
    report = fill_form(answers, form, out, force=force, library_dirs=library_dirs)
    click.echo(f"wrote {out}{'' if chosen else _where_by_default(answers)}")
    if report is not None:
        click.echo(str(report))
    _report_precision(counts, out, strict, err=False)
