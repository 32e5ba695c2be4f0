"""Load library folders into a Library. Later folders override earlier ones by id."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from drafter.errors import InputError
from drafter.library.schema import Concept, Organisation, Passage
from drafter.resources import bundled
from drafter.yamlio import load_yaml, schema_error

_KINDS = {"concept": Concept, "organisation": Organisation, "passage": Passage}


@dataclass
class Library:
    concepts: dict[str, Concept] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    passages: dict[str, Passage] = field(default_factory=dict)
    # where each entry came from, for messages and for `snippets review`
    paths: dict[str, Path] = field(default_factory=dict)
    layers: tuple[Path, ...] = ()

    def get(self, entry_id: str) -> Concept | Organisation | Passage:
        for table in (self.concepts, self.organisations, self.passages):
            if entry_id in table:
                return table[entry_id]
        raise KeyError(entry_id)

    def versions(self, ids: Iterable[str]) -> dict[str, int]:
        return {i: self.get(i).version for i in sorted(set(ids))}


def resolve_library_dirs(cli_dirs: Sequence[Path] = ()) -> list[Path]:
    """The bundled library first, then DRAFTER_LIBRARY (os.pathsep-separated), then --library."""
    dirs = [bundled("snippets")]
    env = os.environ.get("DRAFTER_LIBRARY", "")
    dirs += [Path(p) for p in env.split(os.pathsep) if p]
    dirs += [Path(p) for p in cli_dirs]
    return dirs


def parse_entry(path: Path) -> Concept | Organisation | Passage:
    data = load_yaml(path)
    if not isinstance(data, dict):
        raise InputError("a library entry must be a mapping of fields", path=path, line=1)
    kind = data.get("kind", "concept")
    model = _KINDS.get(kind)
    if model is None:
        raise InputError(f"unknown kind {kind!r} (allowed: {', '.join(_KINDS)})", path=path)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise schema_error(path, exc) from None


def entry_files(directory: Path) -> list[Path]:
    return sorted(p for p in Path(directory).rglob("*.yaml") if not p.name.startswith("."))


def load_library(dirs: Sequence[Path] | None = None) -> Library:
    """Load every entry from each folder in order; a later folder's entry replaces by id."""
    dirs = list(dirs) if dirs is not None else resolve_library_dirs()
    library = Library(layers=tuple(dirs))
    for directory in dirs:
        if not Path(directory).is_dir():
            raise InputError("library folder not found", path=directory)
        for path in entry_files(directory):
            entry = parse_entry(path)
            for table in (library.concepts, library.organisations, library.passages):
                table.pop(entry.id, None)
            if isinstance(entry, Concept):
                library.concepts[entry.id] = entry
            elif isinstance(entry, Organisation):
                library.organisations[entry.id] = entry
            else:
                library.passages[entry.id] = entry
            library.paths[entry.id] = path
    return library
