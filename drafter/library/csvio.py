"""CSV export and import of concept entries (one row per concept) for spreadsheets and
terminology tools.

Simple fields are plain columns; the preferred term and Welsh terms get readable columns too.
Structured fields (terms, relations, sources, translations, examples, ...) are JSON in their
own columns, so a CSV exported here imports back to the same library.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from drafter.errors import DrafterError, InputError, MultipleErrors
from drafter.fsutil import decode_utf8, read_user_bytes
from drafter.library.loader import Library, entry_from_data
from drafter.library.schema import Concept
from drafter.model import to_data

SIMPLE = [
    "id",
    "status",
    "version",
    "subject",
    "short",
    "definition",
    "response_definition",
    "notes",
    "quotation",
    "needs_qualifier",
    "vetted_by",
    "vetted_on",
    "review_by",
]
STRUCTURED = [
    "terms",
    "relations",
    "sources",
    "quotation_source",
    "misuse_contexts",
    "distinguish",
    "misuses",
    "translations",
    "dated_facts",
    "examples",
]
READABLE = ["preferred_term", "welsh_terms"]  # for people; ignored on import
COLUMNS = SIMPLE[:1] + READABLE + SIMPLE[1:] + STRUCTURED


def export_csv(library: Library, *, status: str | None = None) -> str:
    """Concepts as CSV, one row a concept; structured fields as JSON so the file imports back."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for cid in sorted(library.concepts):
        concept = library.concepts[cid]
        if status and concept.status != status:
            continue
        data = to_data(concept)
        row = {k: "" if data.get(k) is None else data[k] for k in SIMPLE}
        for key in STRUCTURED:
            value = data.get(key)
            row[key] = "" if value in (None, [], {}, ()) else json.dumps(value, ensure_ascii=False)
        row["preferred_term"] = concept.preferred
        row["welsh_terms"] = "; ".join(
            f"{t.text} [{t.status}]" for t in concept.translations.get("cy", ())
        )
        writer.writerow(row)
    return out.getvalue()


def import_csv(path: Path) -> list[Concept]:
    """Concepts from a CSV file; every bad row reported at once, nothing returned partial."""
    path = Path(path)
    text = decode_utf8(read_user_bytes(path), path, kind="CSV")
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in ("id", "subject", "short", "definition", "terms") if c not in header]
    if missing:
        raise InputError(
            f"is not a drafter CSV: missing column(s) {', '.join(missing)}", path=path, line=1
        )
    unknown = [c for c in header if c not in COLUMNS]
    if unknown:
        raise InputError(
            f"unknown column(s) {', '.join(unknown)} (allowed: {', '.join(COLUMNS)})",
            path=path,
            line=1,
        )
    concepts: list[Concept] = []
    problems: list[DrafterError] = []
    for row in reader:
        line = reader.line_num
        data: dict = {"kind": "concept"}
        try:
            for key in SIMPLE:
                if row.get(key):
                    data[key] = row[key]
            # CSV cells are text; the one whole-number column is read as the number it says
            if data.get("version", "").strip().isdigit():
                data["version"] = int(data["version"])
            for key in STRUCTURED:
                if row.get(key):
                    try:
                        data[key] = json.loads(row[key])
                    except json.JSONDecodeError as exc:
                        raise InputError(
                            f"{key}: not valid JSON ({exc.msg})", path=path, line=line
                        ) from None
            concepts.append(entry_from_data(data, path))
        except MultipleErrors as exc:
            problems += [InputError(e.message, path=path, line=line) for e in exc.errors]
        except DrafterError as exc:
            problems.append(InputError(exc.message, path=path, line=line))
    if problems:
        raise problems[0] if len(problems) == 1 else MultipleErrors(problems)
    return concepts
