"""`drafter consultations`: list and show question sets, and import one from its document."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from drafter.commands._common import force_option, make_console, output_option
from drafter.errors import OutputExistsError

if TYPE_CHECKING:
    from drafter.consultation import Question
    from drafter.importer import Scan


@click.group(name="consultations")
def consultations() -> None:
    """List, show and import consultation question sets.

    \b
    Examples:
      drafter consultations list
      drafter consultations show sample-social-care
      drafter consultations import form.docx --check     # see what would be imported
      drafter consultations import form.docx -o my-consultation.yaml
    """


def _kind(question: Question) -> str:
    from drafter.consultation import QUESTION_KINDS

    kind = QUESTION_KINDS[question.kind]
    if kind.own_options:
        return f"{kind.label}: " + " / ".join(question.options)
    return kind.label


@consultations.command("list", short_help="List the bundled consultations.")
def list_command() -> None:
    """List the bundled consultations: id, title, closing date and number of questions.

    \b
    Example:
      drafter consultations list
    """
    from rich.table import Table

    from drafter.consultation import bundled_consultations, load_consultation

    table = Table(show_lines=False)
    for column in ("id", "title", "closing date", "questions"):
        table.add_column(column, overflow="fold")
    for ref, path in bundled_consultations().items():
        c = load_consultation(path)
        table.add_row(
            ref, c.title, c.deadline.isoformat() if c.deadline else "-", str(len(c.questions))
        )
    make_console().print(table)


@consultations.command("show", short_help="Print a consultation's questions.")
@click.argument("consultation")
def show_command(consultation: str) -> None:
    """Print a consultation's questions readably (a bundled id or a .yaml file).

    \b
    Examples:
      drafter consultations show sample-social-care
      drafter consultations show my-consultation.yaml
    """
    from rich.markup import escape

    from drafter.consultation import find_consultation, load_consultation

    c = load_consultation(find_consultation(consultation))
    console = make_console()
    console.print(f"[bold]{escape(c.title)}[/bold]")
    console.print(f"{escape(c.consulting_body)}")
    facts = [f"id {c.id}"]
    if c.reference:
        facts.append(f"reference {c.reference}")
    if c.deadline:
        facts.append(f"closes {c.deadline.isoformat()}")
    facts.append(f"{len(c.questions)} questions")
    console.print(escape(" · ".join(facts)))
    source = c.source.note + (" (illustrative wording)" if c.source.illustrative else "")
    console.print(f"[dim]Source: {escape(source)}[/dim]")
    section = None
    for q in c.questions:
        if q.section and q.section != section:
            section = q.section
            console.print(f"\n[bold underline]{escape(section)}[/bold underline]")
        console.print(f"\n[bold]{escape(q.number)}.[/bold] {escape(q.text)}")
        console.print(
            f"   [cyan]{escape(_kind(q))}[/cyan]" + ("" if q.takes_text else " (no text)")
        )
        if q.guidance:
            console.print(f"   [dim]{escape(q.guidance)}[/dim]")
        if q.found_at:
            console.print(f"   [dim]found at {escape(q.found_at)}[/dim]")


@consultations.command("import", short_help="Read questions from a consultation's document.")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=True))
@output_option("Where to write the question set (default: ID.yaml in the current folder).")
@click.option("--check", is_flag=True, help="Show what was found as a table; write nothing.")
@force_option()
def import_command(file: Path, output: Path | None, check: bool, force: bool) -> None:
    """Read a consultation's questions from its document (.docx, .doc, .md, .txt, .pdf).

    Finds the title, reference, closing date and the numbered questions ("Question 1",
    "Q1", "1.", "1)", "3a", "(a)"), their tick-box options (which set each answer kind),
    guidance and where each was found. Where the importer is unsure it says so: in the
    --check table and as UNSURE comments in the written YAML.

    \b
    Examples:
      drafter consultations import form.docx --check
      drafter consultations import form.docx -o my-consultation.yaml
    """
    from drafter.importer import consultation_yaml, scan, to_consultation

    result = scan(file)
    if check:
        _print_check(result)
        return
    consultation = to_consultation(result)
    out = output or Path(f"{consultation.id}.yaml")
    if out.exists() and not force:
        raise OutputExistsError("already exists; use --force to replace it", path=out)
    from drafter.fsutil import atomic_write_text

    text = consultation_yaml(result)
    _must_load(text, out)  # checked before writing, so a bad import leaves no file behind
    atomic_write_text(out, text, force=force)
    unsure = sum(1 for q in result.questions if q.unsure) + len(result.meta.unsure)
    click.echo(f"Imported {len(consultation.questions)} questions from {file} to {out}")
    if unsure:
        click.echo(
            f"{unsure} item(s) marked UNSURE in {out}: check them against the document "
            f"(`drafter consultations import {file} --check` shows them)"
        )


def _must_load(text: str, out: Path) -> None:
    """What we are about to write must load as a consultation (InputError naming `out` if not)."""
    from drafter.consultation import Consultation
    from drafter.errors import InputError
    from drafter.model import validate
    from drafter.yamlio import parse_yaml

    data = parse_yaml(text, out)
    if not isinstance(data, dict):
        raise InputError("a consultation file must be a mapping of fields", path=out, line=1)
    validate(data, Consultation, out)


def _print_check(result: Scan) -> None:
    from rich.markup import escape
    from rich.table import Table

    from drafter.importer import to_consultation

    c = to_consultation(result)
    console = make_console()
    unsure = result.meta.unsure

    def fact(label: str, value: object, key: str) -> None:
        note = (
            f"  [bold yellow]unsure: {escape(unsure[key])}[/bold yellow]" if key in unsure else ""
        )
        shown = escape(str(value)) if value else "[dim]not found[/dim]"
        console.print(f"[bold]{label}:[/bold] {shown}{note}")

    console.print(f"[bold]File:[/bold] {escape(str(result.path))}")
    console.print(f"[bold]SHA-256:[/bold] [dim]{result.sha256}[/dim]")
    fact("Title", c.title, "title")
    fact("Reference", c.reference, "reference")
    fact("Consulting body", c.consulting_body, "consulting_body")
    fact("Closing date", c.deadline.isoformat() if c.deadline else None, "deadline")
    fact("Id", c.id, "id")
    table = Table(title=f"{len(c.questions)} questions found (nothing written)", show_lines=True)
    table.add_column("No.", no_wrap=True)
    table.add_column("Question", ratio=3, overflow="fold")
    table.add_column("Answer kind", ratio=1, overflow="fold")
    table.add_column("Found at", ratio=1, overflow="fold")
    table.add_column("Unsure", ratio=1, overflow="fold", style="bold yellow")
    for q, found in zip(c.questions, result.questions, strict=True):
        text = escape(q.text)
        if q.guidance:
            text += f"\n[dim]{escape(q.guidance)}[/dim]"
        table.add_row(
            escape(q.number),
            text,
            escape(_kind(q)),
            escape(q.found_at or ""),
            escape("; ".join(found.unsure)) if found.unsure else "",
        )
    console.print(table)
    doubts = sum(1 for q in result.questions if q.unsure) + len(unsure)
    if doubts:
        console.print(
            f"[bold yellow]{doubts} item(s) unsure:[/bold yellow] check them in the document."
        )
