"""Check a layered library: every problem in one pass, each naming its file and line.

Errors make `drafter snippets validate` exit 2; warnings (a review date that has passed) and
notes (an entry overridden by a later layer, the example check skipped) are reported only.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from drafter.errors import DrafterError, InputError
from drafter.library.loader import Library, duplicate_problems, read_layer
from drafter.library.schema import Concept, Organisation, Passage

Level = Literal["error", "warning", "note"]


@dataclass(frozen=True)
class Problem:
    level: Level
    message: str
    path: Path | None = None
    line: int | None = None

    def format(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}" + (f":{self.line}" if self.line else "") + ": "
        return f"{where}{self.level}: {self.message}"


@dataclass
class Report:
    library: Library
    problems: list[Problem] = field(default_factory=list)
    layer_of: dict[str, int] = field(default_factory=dict)  # entry id -> layer index

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "warning"]

    def add(self, level: Level, message: str, path: Path | None = None, line=None) -> None:
        self.problems.append(Problem(level, message, path, line))


def _from_error(exc: DrafterError) -> list[Problem]:
    errors = getattr(exc, "errors", None) or [exc]
    return [Problem("error", e.message, e.path, e.line) for e in errors]


def validate(
    dirs: Sequence[Path], *, today: dt.date | None = None, examples: bool = True
) -> Report:
    """Validate the layers in order, then the merged library they make."""
    today = today or dt.date.today()
    library = Library(layers=tuple(Path(d) for d in dirs))
    report = Report(library)
    layer_of = report.layer_of
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
    _check_references(report, library, layer_of)
    _check_designations(report, library)
    if examples:
        _check_examples(report, library)
    return report


def _line(path: Path, *keys: str | int) -> int | None:
    from drafter.yamlio import line_of

    return line_of(path, keys)


def _check_entry(report: Report, entry, path: Path, today: dt.date) -> None:
    if entry.status == "vetted":
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
        report.add("error", "review_by is before vetted_on", path, _line(path, "review_by"))
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


_RELATIONS = ("broader", "narrower", "related", "contrast")
_MIRROR = {"broader": "narrower", "narrower": "broader", "contrast": "contrast"}


def _check_references(report: Report, library: Library, layer_of: dict[str, int]) -> None:
    concepts = library.concepts
    for cid, concept in concepts.items():
        path = library.paths[cid]
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
                elif kind in _MIRROR:
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
                            f"not list {cid!r} under {back} ({library.paths[target]})",
                            path,
                            _line(path, "relations", kind),
                        )
    for oid, org in library.organisations.items():
        path = library.paths[oid]
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
        path = library.paths[pid]
        for target in passage.uses:
            if target not in concepts:
                report.add(
                    "error", f"uses: unknown concept id {target!r}", path, _line(path, "uses")
                )


def fold(text: str) -> str:
    """The form designations are compared in: case-folded, hyphens and spaces unified."""
    text = re.sub(r"[\u2010\u2011\u2012\u2013\u2014\u2212-]", "-", text.casefold())
    return re.sub(r"[\s-]+", " ", text).strip()


def _check_designations(report: Report, library: Library) -> None:
    owner: dict[str, str] = {}
    for cid in sorted(library.concepts):
        concept = library.concepts[cid]
        path = library.paths[cid]
        for number, term in enumerate(concept.terms):
            key = fold(term.text)
            other = owner.get(key)
            if other == cid:
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
                    f"{other!r} ({library.paths[other]})",
                    path,
                    _line(path, "terms", number),
                )
            else:
                owner[key] = cid


def _check_examples(report: Report, library: Library) -> None:
    """Run every must_flag / must_pass sentence through the precision check."""
    import drafter.precision as precision

    def findings(sentence: str) -> list:
        found = precision.check_text(sentence, library)
        return [f for f in found if not f.suppressed and f.rule not in precision.DOCUMENT_RULES]

    for entry in library.entries():
        examples = getattr(entry, "examples", None)
        if isinstance(entry, Passage) or examples is None:
            continue
        path = library.paths[entry.id]
        for number, sentence in enumerate(examples.must_flag):
            if not findings(sentence):
                report.add(
                    "error",
                    f"examples.must_flag.{number}: the precision check finds nothing in "
                    f"{sentence!r}",
                    path,
                    _line(path, "examples", "must_flag", number),
                )
        for number, sentence in enumerate(examples.must_pass):
            found = findings(sentence)
            if found:
                rules = ", ".join(sorted({f"{f.rule} ({f.text!r})" for f in found}))
                report.add(
                    "error",
                    f"examples.must_pass.{number}: the precision check flags {sentence!r}: {rules}",
                    path,
                    _line(path, "examples", "must_pass", number),
                )


def raise_if_errors(report: Report) -> None:
    """For callers that want an exception: one InputError summarising the errors."""
    if report.errors:
        raise InputError(f"the library has {len(report.errors)} problem(s)")


__all__ = ["Organisation", "Problem", "Report", "fold", "validate"]
