"""CSV export and import of library entries for spreadsheets and terminology tools: one
sheet of concepts (one row per concept), or one of positions (one row per position).

Simple fields are plain columns; the preferred term and Welsh terms get readable columns too.
Structured fields (terms, relations, sources, translations, examples, topics, ...) are JSON in
their own columns, so a CSV exported here imports back to the same library. Which sheet a
file is, import tells from its columns.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import DrafterError, InputError, MultipleErrors
from drafter.fsutil import decode_utf8, read_user_bytes
from drafter.library.loader import Library, entry_from_data
from drafter.library.schema import Concept, Entry
from drafter.model import to_data


@dataclass(frozen=True)
class Sheet:
    """The columns of one kind of entry's CSV."""

    kind: str
    simple: tuple[str, ...]
    structured: tuple[str, ...]
    required: tuple[str, ...]
    readable: tuple[str, ...] = ()  # for people; ignored on import

    @property
    def columns(self) -> list[str]:
        return [self.simple[0], *self.readable, *self.simple[1:], *self.structured]


CONCEPTS = Sheet(
    kind="concept",
    simple=(
        *("id", "status", "version", "subject", "short", "definition", "response_definition"),
        *("notes", "quotation", "needs_qualifier", "vetted_by", "vetted_on", "review_by"),
        "successor",
    ),
    structured=(
        *("terms", "relations", "sources", "quotation_source", "misuse_contexts"),
        "presupposed_by",
        *("distinguish", "misuses", "translations", "dated_facts", "examples"),
    ),
    required=("id", "subject", "short", "definition", "terms"),
    readable=("preferred_term", "welsh_terms"),
)
POSITIONS = Sheet(
    kind="position",
    simple=(
        *("id", "status", "version", "title", "text", "approved_by", "approved_on"),
        *("review_by", "successor"),
    ),
    structured=("topics", "written_for", "sources", "origin"),
    required=("id", "title", "text"),
)
SHEETS = {sheet.kind: sheet for sheet in (CONCEPTS, POSITIONS)}
COLUMNS = CONCEPTS.columns

# a spreadsheet runs a cell beginning with one of these as a formula (OWASP: CSV injection);
# such a cell is written with a leading single quote, which import takes off again
FORMULA = re.compile(r"'*[=+\-@\t\r]")
MAX_CELL = 131_072  # characters; a larger cell is not a library field


def neutralise(cell: str) -> str:
    """A cell a spreadsheet shows as text: a quote before a formula's first character (and
    before a quote already there, so `restore` is its exact inverse)."""
    return "'" + cell if FORMULA.match(cell) else cell


def restore(cell: str) -> str:
    """The cell as exported before `neutralise`."""
    return cell[1:] if cell.startswith("'") and FORMULA.match(cell[1:]) else cell


def export_csv(library: Library, *, status: str | None = None, kind: str = "concept") -> str:
    """Entries of `kind` (concepts or positions) as CSV, one row an entry; structured fields
    as JSON so the file imports back."""
    sheet = SHEETS[kind]
    table = library.positions if kind == "position" else library.concepts
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=sheet.columns, lineterminator="\n")
    writer.writeheader()
    for entry_id in sorted(table):
        entry = table[entry_id]
        if status and entry.status != status:
            continue
        data = to_data(entry)
        row = {k: "" if data.get(k) is None else data[k] for k in sheet.simple}
        for key in sheet.structured:
            value = data.get(key)
            row[key] = "" if value in (None, [], {}, ()) else json.dumps(value, ensure_ascii=False)
        if isinstance(entry, Concept):
            row["preferred_term"] = entry.preferred
            row["welsh_terms"] = "; ".join(
                f"{t.text} [{t.status}]" for t in entry.translations.get("cy", ())
            )
        writer.writerow({k: neutralise(v) if isinstance(v, str) else v for k, v in row.items()})
    return out.getvalue()


def _sheet_of(header: list[str], path: Path) -> Sheet:
    """Positions when the header has a position's columns and no concept's terms, else
    concepts; InputError naming the columns a sheet of concepts lacks."""
    positions = "terms" not in header and all(c in header for c in POSITIONS.required)
    sheet = POSITIONS if positions else CONCEPTS
    missing = [c for c in sheet.required if c not in header]
    if missing:
        raise InputError(
            f"is not a drafter CSV: missing column(s) {', '.join(missing)} (a sheet of "
            f"positions needs {', '.join(POSITIONS.required)})",
            path=path,
            line=1,
        )
    return sheet


def import_csv(path: Path) -> list[Entry]:
    """Concepts or positions from a CSV file; every bad row reported at once, nothing
    returned partial."""
    path = Path(path)
    text = decode_utf8(read_user_bytes(path), path, kind="CSV")
    reader = csv.DictReader(io.StringIO(text))
    csv.field_size_limit(MAX_CELL)
    try:
        header = reader.fieldnames or []
    except csv.Error as exc:
        raise InputError(f"not readable as CSV ({exc})", path=path, line=1) from None
    sheet = _sheet_of(header, path)
    unknown = [c for c in header if c not in sheet.columns]
    if unknown:
        raise InputError(
            f"unknown column(s) {', '.join(unknown)} (allowed: {', '.join(sheet.columns)})",
            path=path,
            line=1,
        )
    entries: list[Entry] = []
    problems: list[DrafterError] = []
    first_line: dict[str, int] = {}
    for line, row in _rows(reader, path):
        row = {k: restore(v) if isinstance(v, str) else v for k, v in row.items()}
        data: dict = {"kind": sheet.kind}
        try:
            for key in sheet.simple:
                if row.get(key):
                    data[key] = row[key]
            # CSV cells are text; the one whole-number column is read as the number it says
            if re.fullmatch(r"[0-9]{1,9}", data.get("version", "").strip()):
                data["version"] = int(data["version"])
            for key in sheet.structured:
                if row.get(key):
                    data[key] = _json_cell(key, row[key], path, line)
            cid = data.get("id", "")
            if cid in first_line:
                raise InputError(f"id {cid!r} comes twice (first on line {first_line[cid]})")
            first_line[cid] = line
            entries.append(entry_from_data(data, path))
        except MultipleErrors as exc:
            problems += [InputError(e.message, path=path, line=line) for e in exc.errors]
        except DrafterError as exc:
            problems.append(InputError(exc.message, path=path, line=line))
    if problems:
        raise problems[0] if len(problems) == 1 else MultipleErrors(problems)
    return entries


def _rows(reader: csv.DictReader, path: Path):
    """(line, row) for each row; a row the csv module cannot read is one line naming it."""
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            message = str(exc)
            if "field larger than field limit" in message:
                message = f"a cell is over {MAX_CELL:,} characters"
            raise InputError(
                f"not readable as CSV ({message})", path=path, line=reader.line_num
            ) from None
        yield reader.line_num, row


def _json_cell(key: str, cell: str, path: Path, line: int) -> object:
    """A structured column's JSON, or one problem naming the column and line."""
    from drafter.library.jsontext import load_json_text

    try:
        return load_json_text(cell)
    except ValueError as exc:
        raise InputError(f"{key}: not valid JSON ({exc})", path=path, line=line) from None
