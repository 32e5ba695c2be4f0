"""Load library folders into a Library. Later folders override earlier ones by id.

The layers, in order (docs/library-format.md, "Layers"): the bundled library, then each folder
in DRAFTER_LIBRARY, then the folders named in the user config file, then each `--library DIR`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from msgspec import Struct, field

from drafter.errors import DrafterError, InputError, MultipleErrors
from drafter.library.schema import KINDS, Concept, Entry, Organisation, Passage, Position
from drafter.model import problems as model_problems
from drafter.resources import bundled
from drafter.yamlio import load_yaml

_KINDS = KINDS
_MODELS = tuple(_KINDS.values())
CONFIG_NAME = "config.yaml"


class Library(Struct, dict=True):
    """The entries of every layer, by kind (a msgspec Struct: a tenth of a dataclass's cost
    to define at import). `dict=True` lets the precision check keep its compiled form on the
    object without it counting as a field (not compared, not in the repr)."""

    concepts: dict[str, Concept] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    passages: dict[str, Passage] = field(default_factory=dict)
    positions: dict[str, Position] = field(default_factory=dict)
    # where each entry came from, for messages and for `snippets review`
    paths: dict[str, Path] = field(default_factory=dict)
    layers: tuple[Path, ...] = ()
    # ids replaced by a later layer: id -> the files, earliest first
    overridden: dict[str, list[Path]] = field(default_factory=dict)
    # entry id -> the index in `layers` of the layer it comes from
    layer_of: dict[str, int] = field(default_factory=dict)
    # the precision check's compiled form of this library (its matcher and relation graph),
    # built on first use; cleared whenever an entry is added
    compiled = None

    def tables(self) -> tuple[dict[str, Entry], ...]:
        """The entries by kind, in listing order: concepts, organisations, passages, positions."""
        return (self.concepts, self.organisations, self.passages, self.positions)

    def get(self, entry_id: str) -> Entry:
        for table in self.tables():
            if entry_id in table:
                return table[entry_id]
        raise KeyError(entry_id)

    def versions(self, ids: Iterable[str]) -> dict[str, int]:
        return {i: self.get(i).version for i in sorted(set(ids))}

    def entries(self) -> list[Entry]:
        """Every entry: concepts, organisations, passages, then positions, each sorted by id."""
        out: list[Entry] = []
        for table in self.tables():
            out += [table[key] for key in sorted(table)]
        return out

    def with_concept(self, concept: Concept | None) -> Library:
        """A copy with `concept` added (or replacing its id): to try an entry not yet saved."""
        if concept is None:
            return self
        return Library(
            concepts={**self.concepts, concept.id: concept},
            organisations=self.organisations,
            passages=self.passages,
            positions=self.positions,
            paths=self.paths,
            layers=self.layers,
        )

    def add(self, entry: Entry, path: Path) -> None:
        """Add an entry, replacing any earlier one with the same id."""
        self.compiled = None
        for table in self.tables():
            table.pop(entry.id, None)
        if isinstance(entry, Concept):
            self.concepts[entry.id] = entry
        elif isinstance(entry, Organisation):
            self.organisations[entry.id] = entry
        elif isinstance(entry, Position):
            self.positions[entry.id] = entry
        else:
            self.passages[entry.id] = entry
        self.paths[entry.id] = path


def user_config_path() -> Path:
    """The per-user config file (platformdirs), e.g. ~/.config/drafter/config.yaml."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("drafter", appauthor=False)) / CONFIG_NAME


def config_library_dirs(path: Path | None = None) -> list[Path]:
    """Library folders listed under `library:` in the user config file (relative to it)."""
    from drafter.fsutil import config_file_present

    path = path or user_config_path()
    if not config_file_present(path):
        return []
    data = load_yaml(path) or {}
    if not isinstance(data, dict):
        raise InputError("the config file must be a mapping (e.g. `library: [DIR]`)", path=path)
    value = data.get("library", [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError("`library` must be a folder or a list of folders", path=path)
    return [(path.parent / Path(v).expanduser()) for v in value]


def resolve_library_dirs(cli_dirs: Sequence[Path] = ()) -> list[Path]:
    """Bundled first, then DRAFTER_LIBRARY (os.pathsep-separated), the config file, --library."""
    dirs = [bundled("snippets")]
    env = os.environ.get("DRAFTER_LIBRARY", "")
    dirs += [Path(p).expanduser() for p in env.split(os.pathsep) if p]
    dirs += config_library_dirs()
    dirs += [Path(p) for p in cli_dirs]
    return dirs


def check_library_dirs(dirs: Sequence[Path]) -> None:
    """Stop before any question when a library folder is missing, rather than at the end."""
    for directory in dirs:
        if not Path(directory).is_dir():
            raise InputError("library folder not found", path=directory)


def entry_from_data(data: object, path: Path) -> Entry:
    """Validate parsed YAML as an entry; raise one error listing every problem in the file."""
    problems = entry_problems(data, path)
    if isinstance(problems, list):
        raise problems[0] if len(problems) == 1 else MultipleErrors(list(problems))
    return problems


def entry_problems(data: object, path: Path) -> Entry | list[DrafterError]:
    """The entry, or every problem with it (one error per field, with its line)."""
    if not isinstance(data, dict):
        return [InputError("a library entry must be a mapping of fields", path=path, line=1)]
    kind = data.get("kind", "concept")
    model = _KINDS.get(kind) if isinstance(kind, str) else None
    if model is None:
        allowed = ", ".join(_KINDS)
        return [InputError(f"kind: unknown kind {kind!r} (allowed: {allowed})", path=path)]
    return model_problems(data, model, path)


def parse_entry(path: Path) -> Entry:
    return entry_from_data(load_yaml(path), path)


def entry_files(directory: Path) -> list[Path]:
    """Every entry file in a library folder: *.yaml / *.yml, skipping hidden files and folders
    and the top-level config files a library repository may hold. A subfolder that cannot be
    read is an error naming it: skipping it would quietly use other layers' definitions."""
    root = Path(directory)
    out = []
    unreadable: list[OSError] = []
    top = os.fspath(root)
    for folder, subfolders, names in os.walk(root, onerror=unreadable.append, followlinks=True):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in names:
            if name.startswith(".") or not name.endswith((".yaml", ".yml")):
                continue
            if folder == top and name in NOT_ENTRIES:
                continue
            path = Path(folder, name)
            if path.is_file():
                out.append(path)
    if unreadable:
        exc = unreadable[0]
        raise InputError(
            f"cannot read this library folder ({exc.strerror or exc})", path=exc.filename
        )
    return sorted(out)


# files at the top of a library repository that are not entries
NOT_ENTRIES = {"config.yaml", "drafter.yaml"}


def read_layer(
    directory: Path, *, use_cache: bool = True
) -> tuple[list[tuple[Path, Entry]], list[DrafterError]]:
    """Parse every file of one layer, collecting every problem instead of stopping."""
    from drafter import cache

    entries: list[tuple[Path, Entry]] = []
    problems: list[DrafterError] = []
    try:
        check_library_dirs([directory])
    except InputError as problem:
        return [], [problem]
    loaded = cache.load_files(
        Path(directory), entry_files(directory), entry_problems, _MODELS, use=use_cache
    )
    for path, result in loaded:
        if isinstance(result, DrafterError):
            problems.append(result)
        elif isinstance(result, list):
            problems += result
        else:
            entries.append((path, result))
    return entries, problems


def duplicate_problems(entries: list[tuple[Path, Entry]]) -> list[DrafterError]:
    """An id used by two files of the same layer is ambiguous: one problem per extra file."""
    seen: dict[str, Path] = {}
    out: list[DrafterError] = []
    for path, entry in entries:
        if entry.id in seen:
            out.append(
                InputError(f"id: duplicate id {entry.id!r} (also in {seen[entry.id]})", path=path)
            )
        else:
            seen[entry.id] = path
    return out


def load_library(dirs: Sequence[Path] | None = None, *, use_cache: bool = True) -> Library:
    """Load every entry from each folder in order; a later folder's entry replaces by id.

    Raises one MultipleErrors (or InputError) listing every problem found, so a user fixes
    them all in one go.
    """
    dirs = list(dirs) if dirs is not None else resolve_library_dirs()
    library = Library(layers=tuple(Path(d) for d in dirs))
    problems: list[DrafterError] = []
    layer_of = library.layer_of
    for index, directory in enumerate(dirs):
        entries, layer_problems = read_layer(Path(directory), use_cache=use_cache)
        problems += layer_problems + duplicate_problems(entries)
        for path, entry in entries:
            if layer_of.get(entry.id, index) != index:
                earlier = library.overridden.setdefault(entry.id, [library.paths[entry.id]])
                earlier.append(path)
            layer_of[entry.id] = index
            library.add(entry, path)
    if problems:
        raise problems[0] if len(problems) == 1 else MultipleErrors(problems)
    return library
