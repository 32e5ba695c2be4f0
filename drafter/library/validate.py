"""Check a layered library: every problem in one pass, each naming its file and line.

Errors make `drafter snippets validate` exit 2; warnings (a review date that has passed) and
notes (an entry overridden by a later layer) are reported only. Running the entries' example
sentences through the precision check is `drafter.entry_examples`'s job, a layer above both.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from drafter import fsutil
from drafter.errors import DrafterError, InputError, MultipleErrors
from drafter.library.loader import Library, duplicate_problems, read_layer
from drafter.library.schema import Concept, Organisation, Position

Level = Literal["error", "warning", "note"]


class Problem:
    """One problem found in the library. A plain class: render imports this module, and a
    dataclass or NamedTuple costs a millisecond to build."""

    __slots__ = ("level", "message", "path", "line", "unsafe")

    def __init__(
        self,
        level: Level,
        message: str,
        path: Path | None = None,
        line: int | None = None,
        unsafe: bool = False,
    ) -> None:
        self.level = level
        self.message = message
        self.path = path
        self.line = line
        # render and lint stop on it: the precision check cannot give a reliable answer
        self.unsafe = unsafe

    def __repr__(self) -> str:
        return f"Problem({self.format()!r})"

    def format(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}" + (f":{self.line}" if self.line else "") + ": "
        return f"{where}{self.level}: {self.message}"


class Report:
    """The merged library and every problem found in it."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.problems: list[Problem] = []

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    def add(
        self, level: Level, message: str, path: Path | None = None, line=None, unsafe=False
    ) -> None:
        self.problems.append(Problem(level, message, path, line, unsafe))


def _from_error(exc: DrafterError) -> list[Problem]:
    errors = getattr(exc, "errors", None) or [exc]
    return [Problem("error", e.message, e.path, e.line) for e in errors]


def validate(dirs: Sequence[Path], *, today: dt.date | None = None) -> Report:
    """Validate the layers in order, then the merged library they make."""
    today = today or dt.date.today()
    library = Library(layers=tuple(Path(d) for d in dirs))
    report = Report(library)
    layer_of = library.layer_of
    for index, directory in enumerate(dirs):
        entries, problems = read_layer(Path(directory))
        for exc in problems + duplicate_problems(entries):
            report.problems += _from_error(exc)
        seen_here: set[str] = set()
        for path, entry in entries:
            if entry.id in seen_here:
                continue  # reported as a duplicate; the first file wins
            seen_here.add(entry.id)
            if layer_of.get(entry.id, index) != index:
                earlier = library.paths[entry.id]
                library.overridden.setdefault(entry.id, [earlier]).append(path)
                report.add("note", f"overrides {entry.id!r} from {earlier}", path)
            layer_of[entry.id] = index
            library.add(entry, path)
            _check_entry(report, entry, path, today)
    report.problems += cross_entry_problems(library)
    return report


def _line(path: Path, *keys: str | int) -> int | None:
    from drafter.yamlio import line_of

    return line_of(path, keys)


def _check_entry(report: Report, entry, path: Path, today: dt.date) -> None:
    # here, not at the top: render and lint import this module for `library_warnings` only,
    # and the content rules compile their patterns on import
    from drafter.library.publishable import concept_problems, source_problems

    by_key, on_key = entry.SIGN_OFF
    if isinstance(entry, Position):
        _check_approval(report, entry, path)
    elif entry.status == "vetted":
        if not entry.sources:
            report.add(
                "error", "a vetted entry needs at least one source", path, _line(path, "status")
            )
        missing = [f for f in ("vetted_by", "vetted_on", "review_by") if not getattr(entry, f)]
        if missing:
            report.add(
                "error",
                f"a vetted entry needs {', '.join(missing)}",
                path,
                _line(path, "status"),
            )
    if entry.vetted_on and entry.review_by and entry.review_by < entry.vetted_on:
        report.add("error", f"review_by is before {on_key}", path, _line(path, "review_by"))
    if entry.status != "retired" and entry.review_by and entry.review_by < today:
        report.add(
            "warning",
            f"review was due on {entry.review_by.isoformat()} "
            f"(run `drafter snippets review {entry.id} --by NAME` after checking it)",
            path,
            _line(path, "review_by"),
        )
    if isinstance(entry, Concept):
        for number, term in enumerate(entry.terms):
            if term.status in ("deprecated", "superseded") and not (
                term.use_instead or any(t.status == "preferred" for t in entry.terms)
            ):
                report.add(
                    "error",
                    f"terms.{number}: {term.status} designation {term.text!r} has no "
                    "use_instead and the concept has no preferred designation",
                    path,
                    _line(path, "terms", number),
                )
        designations = {fold(t.text) for t in entry.terms}
        for number, misuse in enumerate(entry.misuse_contexts):
            for text in misuse.terms:
                if fold(text) not in designations:
                    report.add(
                        "error",
                        f"misuse_contexts.{number}.terms: {text!r} is not one of the "
                        "concept's designations",
                        path,
                        _line(path, "misuse_contexts", number),
                    )
        if entry.quotation and not entry.quotation_source:
            report.add(
                "error", "a quotation needs a quotation_source", path, _line(path, "quotation")
            )
        for keys, message in concept_problems(entry):
            report.add("error", f"{_dotted(keys)}: {message}", path, _line(path, *keys))
    for keys, message in source_problems(entry):
        report.add("error", f"{_dotted(keys)}: {message}", path, _line(path, *keys))


def _check_approval(report: Report, position: Position, path: Path) -> None:
    """A position is the organisation's own view: it needs no source, but once it is more than
    a draft it needs the person or body who approved it (and, vetted, when and until when)."""
    if position.status == "draft":
        return
    needed = ["approved_by"]
    if position.status == "vetted":
        needed += ["approved_on", "review_by"]
    values = {
        "approved_by": position.vetted_by,
        "approved_on": position.vetted_on,
        "review_by": position.review_by,
    }
    missing = [key for key in needed if not values[key]]
    if missing:
        report.add(
            "error",
            f"a {position.status} position needs {', '.join(missing)} (who approved it for "
            "the organisation, when, and when it must be reviewed)",
            path,
            _line(path, "status"),
        )


def _dotted(keys: tuple) -> str:
    return ".".join(str(k) for k in keys)


_RELATIONS = ("broader", "narrower", "related", "contrast")
_MIRROR = {"broader": "narrower", "narrower": "broader", "contrast": "contrast"}


def cross_entry_problems(library: Library, *, for_use: bool = False) -> list[Problem]:
    """What is wrong between entries (relations to unknown ids, designations claimed twice):
    what a layer can break in a library whose every file is valid on its own. Cheap when there
    is nothing to report (no YAML is read), so render and lint run it on every load.

    `for_use`: only what changes what render and lint do. A relation declared on one side only
    is left out: the precision check reads relations as a symmetric graph either way.
    """
    report = Report(library)
    _check_references(report, library, mirror=not for_use)
    _check_designations(report, library, twice=not for_use)
    return report.problems


def _check_references(report: Report, library: Library, *, mirror: bool = True) -> None:
    concepts = library.concepts
    layer_of = library.layer_of
    for cid, concept in concepts.items():
        path = library.paths.get(cid)
        for kind in _RELATIONS:
            for target in getattr(concept.relations, kind):
                if target == cid:
                    report.add("error", f"relations.{kind}: {cid!r} refers to itself", path)
                elif target not in concepts:
                    report.add(
                        "error",
                        f"relations.{kind}: unknown concept id {target!r}",
                        path,
                        _line(path, "relations", kind),
                    )
                elif mirror and kind in _MIRROR:
                    back = _MIRROR[kind]
                    # broader/narrower must mirror within a layer; an organisation library may
                    # hang a narrower concept under a bundled one without overriding it
                    same_layer = layer_of.get(cid) == layer_of.get(target)
                    if kind == "contrast" or same_layer:
                        missing = cid not in getattr(concepts[target].relations, back)
                    else:
                        missing = False
                    if missing:
                        report.add(
                            "error",
                            f"relations.{kind}: {target!r} is listed here but {target!r} does "
                            f"not list {cid!r} under {back} "
                            f"({display_path(library.paths.get(target))})",
                            path,
                            _line(path, "relations", kind),
                        )
    for oid, org in library.organisations.items():
        path = library.paths.get(oid)
        for kind in ("is_", "is_not", "not_verified"):
            name = kind.rstrip("_")
            for target in getattr(org, kind):
                if target not in concepts:
                    report.add(
                        "error", f"{name}: unknown concept id {target!r}", path, _line(path, name)
                    )
        clash = set(org.is_) & (set(org.is_not) | set(org.not_verified))
        if clash:
            report.add(
                "error",
                f"is: {', '.join(sorted(clash))} also listed under is_not or not_verified",
                path,
                _line(path, "is"),
            )
    for pid, passage in library.passages.items():
        path = library.paths.get(pid)
        for target in passage.uses:
            if target not in concepts:
                report.add(
                    "error", f"uses: unknown concept id {target!r}", path, _line(path, "uses")
                )
    _check_successors(report, library)


def _check_successors(report: Report, library: Library) -> None:
    """A retired entry's successor must be an entry of the same kind."""
    for entry in library.entries():
        if entry.successor is None:
            continue
        path = library.paths.get(entry.id)
        try:
            successor = library.get(entry.successor)
        except KeyError:
            message = f"successor: unknown {entry.kind} id {entry.successor!r}"
        else:
            if successor.kind == entry.kind:
                continue
            message = f"successor: {entry.successor!r} is a {successor.kind}, not a {entry.kind}"
        report.add("error", message, path, _line(path, "successor"))


def display_path(path: Path | None) -> str:
    """A path as messages show it; an entry built in memory (not loaded from a folder) has none."""
    return "not from a file" if path is None else fsutil.display_path(path)


def fold(text: str) -> str:
    """The form designations are compared in: case-folded, hyphens and spaces unified."""
    text = text.casefold()
    if not text.isascii():
        text = text.translate(_DASHES_TO_SPACE)
    return " ".join(text.replace("-", " ").split())


# every dash a designation may be written with (U+2011 is the non-breaking hyphen)
_DASHES_TO_SPACE = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2212-", " "))


def _check_designations(report: Report, library: Library, *, twice: bool = True) -> None:
    """A designation is owned by the first concept that claims it, in layer order, so a clash
    is reported at the file of the layer that introduced it, naming the other file."""
    owner: dict[str, str] = {}
    order = sorted(library.concepts, key=lambda c: (library.layer_of.get(c, 0), c))
    for cid in order:
        concept = library.concepts[cid]
        path = library.paths.get(cid)
        for number, term in enumerate(concept.terms):
            key = fold(term.text)
            other = owner.get(key)
            if other == cid:
                if not twice:  # the same concept either way: harmless to the check
                    continue
                report.add(
                    "error",
                    f"terms.{number}: designation {term.text!r} is listed twice",
                    path,
                    _line(path, "terms", number),
                )
            elif other:
                report.add(
                    "error",
                    f"terms.{number}: designation {term.text!r} is also claimed by concept "
                    f"{other!r} ({display_path(library.paths.get(other))})",
                    path,
                    _line(path, "terms", number),
                    unsafe=True,
                )
            else:
                owner[key] = cid


def library_warnings(library: Library) -> list[str]:
    """For the commands that use the library (render, lint): what `snippets validate` would
    report between entries, as one warning line each, e.g. a relation to an unknown id (the
    relation is then ignored; the check is as good as without it). A designation claimed by
    two concepts is unsafe: which definition and which rules apply would depend on load
    order, so that raises InputError instead (docs/library-format.md, "Using a library with
    problems").
    """
    problems = cross_entry_problems(library, for_use=True)
    if not problems:
        return []
    hint = "(run `drafter snippets validate`)"
    unsafe = [
        InputError(
            f"{p.message}; the precision check cannot tell which is meant {hint}",
            path=display_path(p.path) if p.path else None,
            line=p.line,
        )
        for p in problems
        if p.unsafe
    ]
    if unsafe:
        raise unsafe[0] if len(unsafe) == 1 else MultipleErrors(unsafe)
    out = []
    for p in problems:
        where = display_path(p.path) + (f":{p.line}" if p.line else "") + ": " if p.path else ""
        out.append(f"library: {where}{p.message} {hint}")
    return out


def raise_if_errors(report: Report) -> None:
    """For callers that want an exception: one InputError summarising the errors."""
    if report.errors:
        raise InputError(f"the library has {len(report.errors)} problem(s)")


__all__ = ["Organisation", "Problem", "Report", "fold", "validate"]
