"""`drafter snippets`: list, show, search, write, validate, review and exchange library entries.

Thin: each command parses its options and calls drafter.library; heavy modules (lxml, docx,
questionary) are imported inside the commands that need them.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from drafter.commands._common import (
    force_option,
    format_option,
    library_option,
    load_library,
    make_console,
    output_option,
)
from drafter.errors import DrafterError, InputError
from drafter.library.schema import KINDS
from drafter.textclean import for_terminal

if TYPE_CHECKING:
    from drafter.library import Library
    from drafter.library.schema import Entry

TABLE_OR_JSON = format_option(
    "table", "json", default="table", help="A table for people, or JSON for programs."
)

HELP = """Maintain the vetted library: its entries, checks, review dates, import and export.

\b
Layers, later ones overriding earlier ones by id:
  the bundled library, DRAFTER_LIBRARY (folders separated by ':'),
  `library:` in the user config file, then each --library DIR.

\b
Examples:
  drafter snippets list --status draft
  drafter snippets show worker-co-operative
  drafter snippets validate --library ./our-library
  drafter snippets review mutual --by "A. Editor" --library ./our-library
  drafter snippets harvest past-answers.yaml --library ./our-library
  drafter snippets export --format tbx -o terms.tbx
"""


def _date(value: str | None, name: str) -> dt.date | None:
    """The date an option was given as (YYYY-MM-DD), None if not given; InputError if bad."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{name}: {value!r} is not a date (use YYYY-MM-DD)") from None


def _dirs(library_dirs: tuple[Path, ...]) -> list[Path]:
    """The library folders in layer order, for commands that work on folders, not entries."""
    from drafter.library import resolve_library_dirs

    return resolve_library_dirs(library_dirs)


@click.group(name="snippets", help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
def snippets() -> None:
    """The group: each subcommand below does one job on the library."""


# --- init ----------------------------------------------------------------------------------
@snippets.command("init", short_help="Start an organisation library in a folder.")
@click.argument("directory", type=click.Path(path_type=Path, file_okay=False))
@force_option("Write into a folder that already has files.")
def init_cmd(directory: Path, force: bool) -> None:
    """Start an organisation library in DIRECTORY: a README for its maintainers, an example
    entry and a pre-commit configuration that runs `drafter snippets validate`.

    \b
    Example:
      drafter snippets init ./our-library
    """
    from drafter.library.scaffold import scaffold

    written = scaffold(directory, force=force)
    for path in written:
        click.echo(f"wrote {path}")
    click.echo(f"next: cd {directory} && git init && pre-commit install")


# --- list ----------------------------------------------------------------------------------
@snippets.command("list", short_help="List entries (table or JSON), with filters.")
@library_option
@click.option(
    "--status", type=click.Choice(["draft", "vetted", "retired"]), help="Only this status."
)
@click.option("--subject", help="Only this subject (organisations: 'organisation').")
@click.option("--kind", type=click.Choice(list(KINDS)))
@click.option("--due", is_flag=True, help="Only entries whose review date has passed.")
@click.option("--today", metavar="DATE", help="Treat DATE (YYYY-MM-DD) as today.")
@TABLE_OR_JSON
def list_cmd(
    library_dirs: tuple[Path, ...],
    status: str | None,
    subject: str | None,
    kind: str | None,
    due: bool,
    today: str | None,
    fmt: str,
) -> None:
    """List library entries, with filters; `--format json` gives every field.

    \b
    Examples:
      drafter snippets list --status draft
      drafter snippets list --kind organisation --format json
    """
    from drafter.library import views

    library = load_library(library_dirs)
    day = _date(today, "--today") or dt.date.today()
    entries = views.select(library, status=status, subject=subject, kind=kind, due=due, today=day)
    if fmt == "json":
        _echo_json([views.as_json(e, library) for e in entries])
        return
    console = make_console()
    console.print(views.list_table(entries, library, day, console.width))


# --- show ----------------------------------------------------------------------------------
@snippets.command("show", short_help="Show one entry as a reader wants it.")
@click.argument("entry_id", metavar="ID")
@library_option
@format_option(
    "text",
    "markdown",
    "json",
    default="text",
    help="Formatted for the terminal, the Markdown source, or JSON for programs.",
)
def show_cmd(entry_id: str, library_dirs: tuple[Path, ...], fmt: str) -> None:
    """Show one entry as a reader wants it: definition, terms, relations, sources.

    \b
    Example:
      drafter snippets show worker-co-operative --format markdown
    """
    from drafter.library import views

    library = load_library(library_dirs)
    entry = _get(library, entry_id)
    if fmt == "json":
        _echo_json(views.as_json(entry, library))
        return
    text = for_terminal(views.show_markdown(entry, library))
    if fmt == "markdown":
        click.echo(text)
        return
    from rich.markdown import Markdown

    make_console().print(Markdown(text))


def _echo_json(data: object) -> None:
    """JSON for programs: indented, and Welsh letters as themselves rather than escapes."""
    click.echo(for_terminal(json.dumps(data, indent=2, ensure_ascii=False)))


def _get(library: Library, entry_id: str) -> Entry:
    try:
        return library.get(entry_id)
    except KeyError:
        import difflib

        ids = [e.id for e in library.entries()]
        close = difflib.get_close_matches(entry_id, ids, n=3)
        hint = f" (did you mean: {', '.join(close)}?)" if close else ""
        raise InputError(f"no library entry with id {entry_id!r}{hint}") from None


# --- search --------------------------------------------------------------------------------
@snippets.command("search", short_help="Find entries by id, term or definition words.")
@click.argument("words", nargs=-1, required=True)
@library_option
@TABLE_OR_JSON
def search_cmd(words: tuple[str, ...], library_dirs: tuple[Path, ...], fmt: str) -> None:
    """Find entries whose id, terms, names or definitions contain all WORDS.

    \b
    Example:
      drafter snippets search housing co-operative
    """
    from drafter.library import views

    library = load_library(library_dirs)
    found = views.search(library, list(words))
    if fmt == "json":
        rows = [
            {"id": e.id, "kind": e.kind, "label": views.label(e), "matched": w} for e, w in found
        ]
        _echo_json(rows)
        return
    if not found:
        click.echo(f"no entry mentions {' '.join(words)!r}")
        return
    console = make_console()
    console.print(views.search_table(found, console.width))


# --- validate ------------------------------------------------------------------------------
@snippets.command("validate", short_help="Check every layer; all problems in one run.")
@library_option
@click.option("--strict", is_flag=True, help="Treat warnings (review dates passed) as errors.")
@click.option("--today", metavar="DATE", help="Treat DATE (YYYY-MM-DD) as today.")
@click.option("--no-examples", is_flag=True, help="Skip running the example sentences.")
@click.option("--quiet", "-q", is_flag=True, help="Print problems only.")
def validate_cmd(
    library_dirs: tuple[Path, ...], strict: bool, today: str | None, no_examples: bool, quiet: bool
) -> None:
    """Check every layer: schema, ids, relations, designations, sources, review dates and
    the must_flag / must_pass examples. Every problem is reported, one line each. Exit 0 when
    the library is valid, 2 on any error.

    \b
    Example:
      drafter snippets validate --library ./our-library --strict
    """
    from drafter.entry_examples import validate_with_examples
    from drafter.fsutil import display_path

    dirs = _dirs(library_dirs)
    report = validate_with_examples(dirs, today=_date(today, "--today"), examples=not no_examples)
    for problem in report.problems:
        if quiet and problem.level == "note":
            continue
        where = ""
        if problem.path is not None:
            where = display_path(problem.path) + (f":{problem.line}" if problem.line else "") + ": "
        click.echo(f"{where}{problem.level}: {problem.message}", err=problem.level != "note")
    failing = report.errors + (report.warnings if strict else [])
    if failing:
        raise DrafterError(
            f"{len(failing)} problem(s) in the library ({len(report.errors)} error(s), "
            f"{len(report.warnings)} warning(s))"
        )
    lib = report.library
    if not quiet:
        click.echo(
            f"library OK: {len(lib.concepts)} concepts, {len(lib.organisations)} organisations, "
            f"{len(lib.passages)} passages, {len(lib.positions)} positions in {len(dirs)} "
            f"layer(s); {len(report.warnings)} warning(s)"
        )


# --- review / due --------------------------------------------------------------------------
@snippets.command("review", short_help="Mark an entry vetted and bump its version.")
@click.argument("entry_id", metavar="ID")
@click.option("--by", "by", required=True, metavar="NAME", help="Who checked the entry.")
@click.option("--on", "on", metavar="DATE", help="Date vetted (default today).")
@click.option("--review-by", metavar="DATE", help="Next review date (default: --months later).")
@click.option("--months", default=12, show_default=True, type=click.IntRange(1, 120))
@library_option
def review_cmd(
    entry_id: str,
    by: str,
    on: str | None,
    review_by: str | None,
    months: int,
    library_dirs: tuple[Path, ...],
) -> None:
    """Mark ID vetted by NAME (a position: approved by NAME): bumps its version and sets
    vetted_on (approved_on) and review_by, changing only those lines of its file (comments,
    order and layout are kept). This is how a harvested draft position becomes vetted.

    \b
    Example:
      drafter snippets review mutual --by "A. Editor" --library ./our-library
    """
    from drafter.fsutil import display_path
    from drafter.library.edit import add_months, review_entry

    if not by.strip():
        raise InputError("--by: give the name of the person who checked the entry")
    library = load_library(library_dirs)
    entry = _get(library, entry_id)
    day = _date(on, "--on") or dt.date.today()
    due = _date(review_by, "--review-by") or add_months(day, months)
    if due <= day:
        raise InputError("--review-by must be after the vetting date")
    path = library.paths[entry.id]
    old, new = review_entry(path, by=by.strip(), on=day, review_by=due, expected_id=entry.id)
    signed = "approved" if entry.kind == "position" else "vetted"
    click.echo(
        f"{entry.id}: {signed} by {by.strip()} on {day.isoformat()}, version {old} -> {new}, "
        f"review by {due.isoformat()} ({display_path(path)})"
    )


@snippets.command("due", short_help="List entries whose review date has passed.")
@library_option
@click.option("--today", metavar="DATE", help="Treat DATE (YYYY-MM-DD) as today.")
@TABLE_OR_JSON
def due_cmd(library_dirs: tuple[Path, ...], today: str | None, fmt: str) -> None:
    """List entries whose review date has passed (exit 1 if there are any).

    \b
    Example:
      drafter snippets due --library ./our-library --today 2027-01-01
    """
    from drafter.errors import FindingsError
    from drafter.library import views

    library = load_library(library_dirs)
    day = _date(today, "--today") or dt.date.today()
    entries = views.select(library, due=True, today=day)
    if fmt == "json":
        _echo_json([views.as_json(e, library) for e in entries])
    elif entries:
        console = make_console()
        console.print(views.list_table(entries, library, day, console.width))
    else:
        click.echo(f"no entry is due for review on {day.isoformat()}")
    if entries:
        raise FindingsError(
            f"{len(entries)} entr{'y is' if len(entries) == 1 else 'ies are'} due for review"
        )


# --- harvest -------------------------------------------------------------------------------
@snippets.command("harvest", short_help="Draft positions from a past answers file or response.")
@click.argument("file", type=click.Path(path_type=Path), metavar="ANSWERS.yaml|RESPONSE.docx")
@library_option
def harvest_cmd(file: Path, library_dirs: tuple[Path, ...]) -> None:
    """Propose draft positions from a past answers file or a response .docx written by
    `drafter render`: one per substantive answer, titled from its question, with
    keywords from its wording. They are written as drafts into the last --library DIR
    (positions/) for review; an answer already harvested, or already a position, is not
    proposed again.

    \b
    Examples:
      drafter snippets harvest examples/answers-example.yaml --library ./our-library
      drafter snippets harvest response.docx --library ./our-library
      drafter snippets review ID --by "Policy committee" --library ./our-library
    """
    from drafter.library import resolve_library_dirs
    from drafter.library.edit import FOLDERS, write_new_entries
    from drafter.library.harvest import harvest, summary

    if not library_dirs:
        raise InputError("give --library DIR: the library folder the draft positions go into")
    target = Path(library_dirs[-1])
    dirs = resolve_library_dirs(library_dirs)
    if not target.exists():  # a new library: nothing in it yet to compare with
        dirs = [d for d in dirs if Path(d) != target]
    from drafter.library import load_library as load

    result = harvest(file, load(dirs))
    for line in summary(result):
        click.echo(line, err=True)
    if not result.drafts:
        click.echo(f"no new position to propose from {file}")
        return
    paths = write_new_entries(result.drafts, target, command="harvest")  # all or nothing
    folder = target / FOLDERS["position"]
    click.echo(f"proposed {len(paths)} draft position(s) in {folder}:")
    for entry in result.drafts:
        click.echo(f"  {entry.id}: {entry.title}")
    click.echo(f"next: edit them, then drafter snippets review ID --by NAME --library {target}")


# --- new -----------------------------------------------------------------------------------
@snippets.command("new", short_help="Write a new entry (form, or flags for scripts).")
@click.option(
    "--dir",
    "directory",
    type=click.Path(path_type=Path, file_okay=False),
    default=".",
    show_default=True,
    metavar="DIR",
    help="Library folder to write into.",
)
@click.option("--kind", type=click.Choice(list(KINDS)), default="concept", show_default=True)
@click.option("--id", "entry_id", help="Lower-case id, e.g. housing-co-operative.")
@click.option(
    "--status",
    type=click.Choice(["draft", "vetted", "retired"]),
    default="draft",
    show_default=True,
)
@click.option("--version", type=int, default=1, show_default=True)
@click.option("--vetted-by")
@click.option("--vetted-on", metavar="DATE")
@click.option("--approved-by", help="Position: who approved it for the organisation.")
@click.option("--approved-on", metavar="DATE", help="Position: when it was approved.")
@click.option("--review-by", metavar="DATE")
@click.option("--successor", metavar="ID", help="Retired entry: the entry that replaces it.")
@click.option("--subject", help="Concept: subject, e.g. co-operatives.")
@click.option("--short", help="Concept: one-line definition.")
@click.option("--definition", help="Concept: definition in your own words.")
@click.option("--quotation", help="Concept: a statutory definition quoted word for word.")
@click.option(
    "--quotation-source", metavar="SOURCE", help="Source of the quotation (see --source)."
)
@click.option(
    "--term",
    "terms",
    multiple=True,
    metavar="TEXT[=STATUS[=KIND[=USE_INSTEAD]]]",
    help="Concept: a designation (repeatable; first is preferred unless a status is given).",
)
@click.option("--broader", multiple=True, metavar="ID")
@click.option("--narrower", multiple=True, metavar="ID")
@click.option("--related", multiple=True, metavar="ID")
@click.option("--contrast", multiple=True, metavar="ID")
@click.option("--needs-qualifier", help="Concept: why a bare use is vague.")
@click.option(
    "--misuse",
    "misuse_contexts",
    multiple=True,
    metavar="NEAR1|NEAR2=MESSAGE",
    help="Concept: misuse context.",
)
@click.option("--distinguish", multiple=True)
@click.option("--misuse-note", "misuses", multiple=True, help="Concept: a common misuse, in words.")
@click.option(
    "--translation",
    "translations",
    multiple=True,
    metavar="LANG=TEXT=STATUS",
    help="e.g. cy=undeb credyd=legislation",
)
@click.option("--must-flag", multiple=True, help="A sentence the precision check must flag.")
@click.option("--must-pass", multiple=True, help="A sentence the precision check must pass.")
@click.option(
    "--source",
    "sources",
    multiple=True,
    metavar="SOURCE",
    help="title=...;publisher=...;year=...;url=...;section=...;ref=N",
)
@click.option("--name", help="Organisation: name.")
@click.option("--alias", "aliases", multiple=True, help="Organisation: another name.")
@click.option("--is", "is_", multiple=True, metavar="ID", help="Organisation: a concept it is.")
@click.option("--is-not", multiple=True, metavar="ID", help="Organisation: a concept it is not.")
@click.option(
    "--not-verified", multiple=True, metavar="ID", help="Organisation: an unverified claim."
)
@click.option("--description", help="Organisation: what it is, with facts from its sources.")
@click.option("--checked-on", metavar="DATE")
@click.option("--title", help="Passage or position: title.")
@click.option("--text", help="Passage or position: the text (Markdown).")
@click.option("--uses", multiple=True, metavar="ID", help="Passage: a concept it uses.")
@click.option("--topic", "topics", multiple=True, help="Position: a keyword it is found by.")
@click.option(
    "--written-for", multiple=True, metavar="TEXT", help="Position: a question it answers."
)
@force_option()
@click.option(
    "--interactive/--no-interactive",
    default=None,
    help="Ask with a form (default: when no --id is given in a terminal).",
)
def new_cmd(directory: Path, force: bool, interactive: bool | None, **fields) -> None:
    """Write a new entry file (a form in a terminal, or flags for every field in scripts).

    \b
    Examples:
      drafter snippets new --dir ./our-library
      drafter snippets new --dir ./our-library --kind position --id social-value \\
        --title "Social value in procurement" --text "..." --topic "social value"
      drafter snippets new --dir ./our-library --id housing-co-operative \\
        --subject co-operatives --short "..." --definition "..." --term "housing co-operative"
    """
    from drafter.library.edit import write_new_entry
    from drafter.library.newentry import build_entry

    if interactive is None:
        interactive = fields["entry_id"] is None and sys.stdin.isatty() and sys.stdout.isatty()
    if interactive:
        from drafter.library.form import ask_fields

        fields = ask_fields(fields, directory, force, library=_form_library(directory))
    entry = build_entry(fields)
    path = write_new_entry(entry, directory, force=force)
    click.echo(f"wrote {path} ({entry.kind} {entry.id}, {entry.status})")
    click.echo(f"next: drafter snippets validate --library {directory}")


def _form_library(directory: Path):
    """The library the new entry joins (bundled, configured and its own folder), so the form
    can check the ids and examples typed; None when it cannot be read (validate reports why)."""
    from drafter.errors import DrafterError

    try:
        return load_library((directory,) if Path(directory).is_dir() else ())
    except DrafterError:
        return None


# --- export / import -----------------------------------------------------------------------
@snippets.command("export", short_help="Export as TBX, CSV, Markdown or .docx.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["tbx", "csv", "md", "docx"]),
    required=True,
    help="TBX-Basic or CSV for terminology tools; md or docx for a glossary to read.",
)
@output_option("File to write (default: stdout for tbx/csv/md).")
@click.option(
    "--status",
    type=click.Choice(["draft", "vetted", "retired", "all"]),
    help="Only entries with this status (csv: vetted unless given; `all` for every entry).",
)
@click.option(
    "--kind",
    type=click.Choice(["concept", "position"]),
    default="concept",
    show_default=True,
    help="Concepts (the glossary), or positions (csv, md, docx; TBX is for terms only).",
)
@force_option()
@library_option
def export_cmd(
    fmt: str,
    output: Path | None,
    status: str | None,
    kind: str,
    force: bool,
    library_dirs: tuple[Path, ...],
) -> None:
    """Export concepts as TBX-Basic (ISO 30042) or CSV for terminology tools, or as a
    Markdown / Word glossary; or positions as CSV, Markdown or Word.

    \b
    Examples:
      drafter snippets export --format tbx -o terms.tbx
      drafter snippets export --format docx --status vetted -o glossary.docx
      drafter snippets export --kind position --format csv -o positions.csv
    """
    from drafter.fsutil import write_output

    if fmt == "tbx" and kind == "position":
        raise InputError("TBX holds terminology: export positions as csv, md or docx")
    if fmt == "docx" and output is None:
        raise InputError("--format docx needs -o FILE.docx")
    library = load_library(library_dirs)
    if status is None and fmt == "csv":
        # a spreadsheet goes to people: drafts and the `init` example stay out unless asked for
        status = "vetted"
        click.echo(f"exporting vetted {kind}s only (--status all for every entry)", err=True)
    if status == "all":
        status = None
    if fmt == "tbx":
        from drafter.library.tbx import export_tbx

        data = export_tbx(library, status=status)
    elif fmt == "csv":
        from drafter.library.csvio import export_csv

        data = export_csv(library, status=status, kind=kind).encode("utf-8")
    elif fmt == "md":
        from drafter import library_documents as docs

        write = docs.positions_markdown if kind == "position" else docs.glossary_markdown
        data = write(library, status=status).encode("utf-8")
    else:
        from drafter import library_documents as docs

        write_docx = docs.positions_docx if kind == "position" else docs.glossary_docx
        data = write_docx(library, status=status)
    if output is None or str(output) == "-":
        write_output("-", data)
        return
    write_output(output, data, force=force)
    click.echo(f"wrote {output}", err=True)


@snippets.command("import", short_help="Import TBX or CSV into a library folder.")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(["tbx", "csv"]), help="Default: from the file's extension."
)
@click.option(
    "--into",
    "directory",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    metavar="DIR",
    help="Library folder to write the entries into.",
)
@force_option("Replace entry files that already exist.")
def import_cmd(file: Path, fmt: str | None, directory: Path, force: bool) -> None:
    """Import concepts from TBX or CSV, or positions from CSV, into a library folder, one
    file per entry. Nothing is written unless every entry is valid.

    \b
    Example:
      drafter snippets import terms.tbx --into ./our-library
    """
    from drafter.library.edit import write_new_entries

    fmt = fmt or file.suffix.lstrip(".").lower()
    if fmt == "tbx":
        from drafter.library.tbx import import_tbx

        warnings: list[str] = []
        entries = import_tbx(file, warnings)
        for warning in warnings:
            click.echo(f"warning: {warning}", err=True)
    elif fmt == "csv":
        from drafter.library.csvio import import_csv

        entries = import_csv(file)
    else:
        raise InputError("cannot tell the format; give --format tbx or --format csv", path=file)
    write_new_entries(entries, directory, force=force)  # all or nothing
    click.echo(
        f"imported {len(entries)} entr{'y' if len(entries) == 1 else 'ies'} into {directory}"
    )


# --- impact --------------------------------------------------------------------------------
@snippets.command("impact", short_help="List the answers that use an entry.")
@click.argument("entry_id", metavar="ID")
@click.option(
    "--answers",
    "answers_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("."),
    show_default=True,
    metavar="DIR",
    help="The folder searched (with its subfolders) for answers files.",
)
@library_option
def impact_cmd(entry_id: str, answers_dir: Path, library_dirs: tuple[Path, ...]) -> None:
    """List each answers file under DIR, and each question in it, that uses the library entry
    ID: quotes it (a passage or position), was adapted from it, or asks for its definition.

    \b
    Examples:
      drafter snippets impact social-value --answers responses/
      drafter snippets impact section-16-duty
    """
    from drafter.reuse.impact import answers_files, uses_of

    library = load_library(library_dirs)
    try:
        library.get(entry_id)
    except KeyError:
        raise InputError(f"unknown library entry {entry_id!r}") from None
    if not answers_dir.is_dir():
        raise InputError("folder not found", path=answers_dir)
    uses = uses_of(entry_id, answers_files(answers_dir))
    for use in uses:
        click.echo(for_terminal(f"{use.path}: question {use.question}: {use.how}"))
    files = len({use.path for use in uses})
    click.echo(f"{entry_id}: used {len(uses)} time(s) in {files} answers file(s)", err=True)


# --- suggest -------------------------------------------------------------------------------
@snippets.command("suggest", short_help="Passages and positions that fit a question.")
@click.argument("words", nargs=-1, required=True, metavar="QUESTION...")
@click.option("--top", type=click.IntRange(1, 20), default=3, show_default=True,
              help="How many to list.")  # fmt: skip
@library_option
def suggest_cmd(words: tuple[str, ...], top: int, library_dirs: tuple[Path, ...]) -> None:
    """List the vetted passages and positions that best fit QUESTION (its wording and any
    guidance), best first, each with the words it shares with the question: what `drafter
    draft` offers for a question. Exit 2 if the library has no vetted passage or position.

    \b
    Examples:
      drafter snippets suggest "How should commissioners weigh social value?"
      drafter snippets suggest section 16 duty --library ./our-library --top 5
    """
    from drafter.reuse.rank import Ranking

    offers = Ranking(load_library(library_dirs)).offers(" ".join(words), top=top)
    for offer in offers:
        click.echo(for_terminal(f"{offer.kind} {offer.id} v{offer.version}: {offer.title}"))
        click.echo(for_terminal(f"    {offer.why}"))
    if not offers:
        click.echo("no passage or position shares a word with the question", err=True)
