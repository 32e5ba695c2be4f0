"""`drafter lint`: check drafts for imprecise, conflated or misattributed terms.

Imports stay inside the command so `drafter lint draft.md` never loads python-docx: only the
.docx reader (and --annotate) import it.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from drafter.commands._common import (
    collector_paused,
    force_option,
    format_option,
    library_option,
    load_library,
)
from drafter.severities import SEVERITIES, SEVERITY_RANK
from drafter.textclean import for_terminal

if TYPE_CHECKING:
    from drafter.commands.lint_report import FileResult
    from drafter.library import Library
    from drafter.readers import Document


@click.command(name="lint")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@format_option(
    "text",
    "json",
    default="text",
    help="Output for people (grouped by file) or for programs (docs/precision.md).",
)
@click.option(
    "--min-severity",
    type=click.Choice(SEVERITIES),
    default="suggestion",
    show_default=True,
    help="Show findings at or above this level.",
)
@click.option(
    "--fail-on",
    type=click.Choice([*SEVERITIES, "never"]),
    default="warning",
    show_default=True,
    help="Exit 1 when an unsuppressed finding is at or above this level.",
)
@click.option(
    "--annotate",
    "annotate_out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write a copy of the (single) .docx input with a Word comment at each finding.",
)
@force_option("Let --annotate replace an existing file.")
@library_option
@click.option(
    "--explain",
    metavar="RULE-OR-CONCEPT",
    help="Explain a rule id, or a concept or organisation with its vetted definition.",
)
def lint(
    files: tuple[Path, ...],
    fmt: str,
    min_severity: str,
    fail_on: str,
    annotate_out: Path | None,
    force: bool,
    library_dirs: tuple[Path, ...],
    explain: str | None,
) -> None:
    """Check drafts (.docx, .md, .txt, or an answers .yaml) for imprecise use of terms.

    \b
    Examples:
      drafter lint draft.docx
      drafter lint response.md notes.txt --format json
      drafter lint draft.docx --annotate draft-checked.docx
      drafter lint draft.md --fail-on error --min-severity warning
      drafter lint --explain conflation
      drafter lint --explain mutual

    Exit status: 0 nothing at or above --fail-on, 1 findings at or above it, 2 a file could
    not be read or the command was used wrongly.

    \b
    Suppress a finding by writing, in the text:
      [drafter: ignore RULE]          in .txt, .docx and answers files
      <!-- drafter: ignore RULE -->   in .md
    """
    from drafter.errors import DrafterError, FindingsError, InputError, OutputExistsError

    library = load_library(library_dirs)
    if explain:
        from drafter.library.views import explain_entry
        from drafter.precision.explain import explain_rule
        from drafter.precision.rules import RULES

        text = explain_rule(explain) or explain_entry(explain, library)
        if text is None:
            raise InputError(
                f"--explain: {explain!r} is not a rule ({', '.join(RULES)}) nor a concept or "
                "organisation in the library"
            )
        click.echo(for_terminal(text))
        return
    if not files:
        raise InputError("give at least one file to check (or --explain RULE-OR-CONCEPT)")
    from drafter.library.validate import library_warnings

    for warning in library_warnings(library):  # raises if unsafe to check with
        click.echo(f"warning: {warning}", err=True)
    if annotate_out is not None:
        docx_inputs = [f for f in files if f.suffix.lower() == ".docx"]
        if len(files) != 1 or len(docx_inputs) != 1:
            raise InputError("--annotate needs exactly one .docx input")
        if annotate_out.resolve() == files[0].resolve():
            raise InputError("--annotate must write a new file, not the input", path=annotate_out)
        if annotate_out.exists() and not force:
            raise OutputExistsError("already exists; use --force to replace it", path=annotate_out)

    from drafter.commands.lint_report import FileResult, to_json, to_text

    results: list[FileResult] = []
    documents = {}
    unreadable: list[DrafterError] = []
    for path in files:
        try:
            with collector_paused():
                document, result = _check(path, library)
        except DrafterError as exc:
            unreadable.append(exc)  # reported once, on stderr, after the findings
            results.append(FileResult(str(path), None, error=exc.message))
            continue
        documents[str(path)] = document
        floor = SEVERITY_RANK[min_severity]
        result.records = [r for r in result.records if SEVERITY_RANK[r.finding.severity] >= floor]
        results.append(result)

    if fmt == "json":
        click.echo(for_terminal(to_json(results)))
    else:
        styled = sys.stdout.isatty()
        out = for_terminal(to_text(results, styled))
        if styled:
            from rich.console import Console

            Console(highlight=False, soft_wrap=True).print(out, end="")
        else:
            click.echo(out, nl=False)

    if annotate_out is not None and not unreadable:
        from drafter.readers.docx_annotate import annotate

        result = results[0]
        findings = [record.finding for record in result.records]
        count = annotate(documents[result.file], findings, annotate_out, force=force)
        click.echo(f"wrote {annotate_out} with {count} comment(s)", err=True)

    if len(unreadable) == 1:
        raise unreadable[0]
    if unreadable:
        from drafter.errors import MultipleErrors

        raise MultipleErrors(unreadable)
    if fail_on != "never":
        level = SEVERITY_RANK[fail_on]
        failing = [
            r
            for res in results
            for r in res.records
            if not r.finding.suppressed and SEVERITY_RANK[r.finding.severity] >= level
        ]
        if failing:
            raise FindingsError(f"{len(failing)} finding(s) at or above '{fail_on}'")


def _check(path: Path, library: Library) -> tuple[Document, FileResult]:
    """Read one file and check it; returns (document, FileResult)."""
    import dataclasses

    from drafter.commands.lint_report import place
    from drafter.precision import check_text
    from drafter.readers import read_document

    document = read_document(path)
    findings = check_text(document.text, library, shielded=document.shielded())
    kept_findings = []
    for f in findings:
        chunk = document.chunk_at(f.start)
        if any(kept.covers(f.rule, f.text) for kept in chunk.kept):
            f = dataclasses.replace(f, suppressed=True)
        kept_findings.append(f)
    return document, place(document, kept_findings)
