"""References from answers to vetted library texts (passages and positions): looking them up,
and deciding what a render prints for each one.

A reference is pinned to the version the respondent chose, with a copy of the text as it was
(docs/formats.md, "References to vetted text"). A render prints the pinned copy, so the same
answers render the same document whatever the library has since become; it says so when the
library has moved on. An unknown entry, or an entry of another kind, is bad input.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct

from drafter.errors import InputError
from drafter.model import text_problems

if TYPE_CHECKING:
    from drafter.answers import AnswersFile, Part, Pin
    from drafter.library import Library


def vetted_texts(library: Library, kind: str) -> dict:
    """The library's entries of one quotable kind (passage or position), by id."""
    return getattr(library, f"{kind}s", None) or {}


def entry_kind(library: Library, entry_id: str) -> str | None:
    """What kind of entry `entry_id` is in the library, or None if it has none."""
    try:
        entry = library.get(entry_id)
    except KeyError:
        return None
    return getattr(entry, "kind", "concept")


def entry_text(entry: object) -> str:
    """The vetted text an entry contributes when quoted whole."""
    return str(getattr(entry, "text", "")).strip()


def lookup(library: Library, pin: Pin):
    """The library entry `pin` names; KeyError with a one-line reason if there is none of that
    kind (another kind of entry with that id is named in the reason)."""
    entry = vetted_texts(library, pin.kind).get(pin.id)
    if entry is not None:
        return entry
    other = entry_kind(library, pin.id)
    if other is not None:
        raise KeyError(f"{pin.id!r} is a {other} in the library, not a {pin.kind}")
    raise KeyError(
        f"unknown {pin.kind} {pin.id!r} (not in the library; was it quoted from a --library DIR?)"
    )


class Resolved(Struct, frozen=True):
    """What a render prints for one reference, and the version it stands for (a msgspec
    Struct: cheap to define at import)."""

    kind: str
    id: str
    version: int
    text: str
    uses: tuple[str, ...] = ()


def resolve_part(part: Part, library: Library, where: str, warnings: list[str]) -> Resolved:
    """The text to print for a reference part; warnings for a retired or draft entry, a
    library that has moved on since the pin, or a missing pin. KeyError if unknown."""
    pin = part.pin
    assert pin is not None
    entry = lookup(library, pin)
    label = f"{pin.kind} {pin.id!r}"
    status = getattr(entry, "status", "vetted")
    if status == "retired":
        successor = getattr(entry, "successor", None)
        instead = f"; its successor is {successor!r}" if successor else ""
        warnings.append(f"{where}: {label} is retired{instead}")
    elif status != "vetted" and pin.version is None:
        warnings.append(f"{where}: {label} is a {status}, not vetted")
    uses = tuple(getattr(entry, "uses", ()) or ())
    if pin.version is None or not part.text.strip():
        if pin.version is not None and pin.version != entry.version:
            warnings.append(
                f"{where}: {label} v{pin.version} has no copy of its text; printing the "
                f"library's v{entry.version} (run drafter check --update to pin it)"
            )
        elif pin.version is None:
            warnings.append(
                f"{where}: {label} is not pinned to a version; printing the library's "
                f"v{entry.version} (run drafter check --update to pin it)"
            )
        return Resolved(pin.kind, pin.id, entry.version, entry_text(entry), uses)
    if entry.version != pin.version:
        warnings.append(
            f"{where}: the library has {label} v{entry.version}; this response prints the "
            f"v{pin.version} it was answered with (drafter check shows the change)"
        )
        return Resolved(pin.kind, pin.id, pin.version, part.text.strip(), uses)
    # same version: the library's text is the vetted one (a copy edited by hand is not)
    if " ".join(part.text.split()) != " ".join(entry_text(entry).split()):
        warnings.append(
            f"{where}: the copy of {label} v{pin.version} in the answers differs from the "
            "library's; the library's text is printed"
        )
    return Resolved(pin.kind, pin.id, pin.version, entry_text(entry), uses)


def resolve_answers(
    answers: AnswersFile, library: Library, path: Path | None = None
) -> tuple[dict[tuple[str, int], Resolved], list[str]]:
    """Every reference in the answers resolved, keyed by (question, part index), with the
    warnings; InputError naming the file and line of the first unknown or wrong-kind one."""
    resolved: dict[tuple[str, int], Resolved] = {}
    warnings: list[str] = []
    for number, answer in answers.answers.items():
        if isinstance(answer.response, str):
            continue
        for index, part in enumerate(answer.parts()):
            if not part.is_reference:
                continue
            try:
                resolved[(number, index)] = found = resolve_part(
                    part, library, f"question {number}", warnings
                )
                # a copy printed from the answers file is held to what the library allows
                problem = (
                    text_problems(found.text, ("text",)) if found.text == part.text.strip() else []
                )
                if problem:
                    raise KeyError(f"the copy of {pin_label(part)} {problem[0][1]}")
            except KeyError as exc:
                raise InputError(
                    f"question {number}: {exc.args[0]}",
                    path=path,
                    line=part_line(path, number, index) if path else None,
                ) from None
    return resolved, warnings


def pin_label(part: Part) -> str:
    pin = part.pin
    return pin.label if pin is not None else "the text"


def part_line(path: Path, number: str, index: int) -> int | None:
    """The line of one response part in an answers file (a question number may have been
    written as a YAML number)."""
    from drafter.yamlio import line_of

    key: str | int = number
    if number.isdecimal() and f"\n  {number}:" in Path(path).read_text(encoding="utf-8"):
        key = int(number)
    return line_of(path, ("answers", key, "response", index))
