"""Change entry files without disturbing them: round-trip YAML keeps comments, order, layout.

`review` touches only status, version, vetted_by, vetted_on and review_by (a position's
approved_by and approved_on), so `git diff` shows just those lines. `write_new_entry` writes a
fresh, valid file atomically.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from pathlib import Path

from drafter.errors import InputError, OutputExistsError
from drafter.fsutil import atomic_write_text
from drafter.library.loader import entry_from_data
from drafter.library.schema import KINDS, Concept, Entry
from drafter.model import to_data

# where an entry's fields go when we write a new file: the order maintainers read them in
FIELD_ORDER = [
    *("id", "kind", "version", "status", "successor", "vetted_by", "vetted_on"),
    *("approved_by", "approved_on", "review_by", "checked_on"),
    *("subject", "name", "title", "topics", "written_for", "short", "definition", "quotation"),
    *("quotation_source", "aliases", "is", "is_not", "not_verified", "description", "text"),
    *("uses", "origin", "sources"),
    *("terms", "relations", "needs_qualifier", "misuse_contexts", "distinguish", "misuses"),
    *("translations", "examples"),
]
FOLDERS = {
    "concept": "terms",
    "organisation": "organisations",
    "passage": "passages",
    "position": "positions",
}


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap a maintainer's lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or that month's last day if it is shorter (31 Jan -> 28 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def review_entry(
    path: Path, *, by: str, on: dt.date, review_by: dt.date, expected_id: str
) -> tuple[int, int]:
    """Mark the entry in `path` vetted; returns (old version, new version)."""
    yaml = _yaml()
    source = path.read_text(encoding="utf-8")
    data = yaml.load(source)
    if not isinstance(data, dict) or data.get("id") != expected_id:
        raise InputError(f"does not hold entry {expected_id!r}", path=path)
    old = int(data.get("version", 0) or 0)
    model = KINDS.get(data.get("kind", "concept"), Concept)
    by_key, on_key = model.SIGN_OFF  # a position is approved: approved_by, approved_on
    updates = {  # in file order: new keys go after the previous one
        "version": old + 1,
        "status": "vetted",
        by_key: by,
        on_key: on,
        "review_by": review_by,
    }
    anchor = "kind"
    for key, value in updates.items():
        if key in data:
            data[key] = value
        else:  # insert after the previous of our keys, so new lines sit together
            keys = list(data.keys())
            position = keys.index(anchor) + 1 if anchor in keys else len(keys)
            data.insert(position, key, value)
        anchor = key
    out = io.StringIO()
    yaml.dump(data, out)
    text = out.getvalue()
    # the edited file must still be a valid entry before it replaces the old one
    from drafter.yamlio import parse_yaml

    entry_from_data(parse_yaml(text, path), path)
    atomic_write_text(path, text, force=True, may_replace_input=True)
    return old, old + 1


def entry_yaml(entry: Entry, comment: str | None = None) -> str:
    """A new entry as YAML, fields in the documented order, defaults left out."""
    from ruamel.yaml.comments import CommentedMap

    data = to_data(entry, dates=None, omit_defaults=True)
    data["id"], data["kind"] = entry.id, entry.kind
    data["version"], data["status"] = entry.version, entry.status
    ordered = CommentedMap()
    for key in FIELD_ORDER:
        if key in data:
            ordered[key] = _plain(data[key])
    for key in data:
        if key not in ordered:
            ordered[key] = _plain(data[key])
    if comment:
        ordered.yaml_set_start_comment(comment)
    out = io.StringIO()
    _yaml().dump(ordered, out)
    return out.getvalue()


def _plain(value):
    """Tuples to lists and multi-line text to literal blocks, so the file reads naturally."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    if isinstance(value, dict):  # a year of digits reads better unquoted; it loads back as text
        return {
            k: int(v) if k == "year" and isinstance(v, str) and v.isdigit() else _plain(v)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, str) and "\n" in value.rstrip("\n"):
        return LiteralScalarString(value)
    return value


def write_new_entry(entry: Entry, library_dir: Path, *, force: bool = False) -> Path:
    """Write `entry` to LIBRARY/<folder>/<id>.yaml atomically; refuse to overwrite."""
    return write_new_entries([entry], library_dir, force=force, command="new")[0]


def write_new_entries(
    entries: list[Entry], library_dir: Path, *, force: bool = False, command: str = "import"
) -> list[Path]:
    """Write each entry to LIBRARY/<folder>/<id>.yaml, all or nothing (`snippets import`).

    Everything is checked before anything is written: each file's text must load back as the
    entry, no id may come twice, and no file may exist unless `force`. Then every file goes to
    a temporary name and all are renamed into place (fsutil.atomic_write_many); on a failure
    nothing is left behind, not even a folder this call created.
    """
    from drafter.fsutil import atomic_write_many
    from drafter.yamlio import parse_yaml

    files: dict[Path, bytes] = {}
    for entry in entries:
        path = Path(library_dir) / FOLDERS[entry.kind] / f"{entry.id}.yaml"
        if path in files:
            raise InputError(f"id {entry.id!r} comes twice; each entry needs its own id")
        text = entry_yaml(
            entry, comment=f"{entry.kind} {entry.id}: written by drafter snippets {command}"
        )
        entry_from_data(parse_yaml(text, path), path)  # what we write must load back
        files[path] = text.encode("utf-8")
    clashes = [path for path in files if path.exists()]
    if clashes and not force:
        more = f" (and {len(clashes) - 1} more)" if len(clashes) > 1 else ""
        raise OutputExistsError(f"already exists{more}; use --force to replace", path=clashes[0])
    created = _make_folders({path.parent for path in files})
    try:
        return atomic_write_many(files, force=force, may_replace_input=True)
    except BaseException:
        for folder in reversed(created):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if still empty
        raise


def _make_folders(folders: set[Path]) -> list[Path]:
    """Create the folders that do not exist yet; returns them, outermost first."""
    created: list[Path] = []
    for folder in sorted(folders):
        missing = [f for f in (folder, *folder.parents) if not f.exists()]
        for new in reversed(missing):
            try:
                new.mkdir()
            except FileExistsError:
                continue
            except OSError as exc:
                raise InputError(f"cannot create the folder ({exc.strerror})", path=new) from None
            created.append(new)
    return created
