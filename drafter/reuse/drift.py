"""Drift: which answers rely on a vetted text (a referenced passage or position, or a glossary
definition asked for) that has changed since they were answered, and moving their pins on.

An answer records the version of each text it relied on and, for references and definitions,
a copy of the text as it was; the change is shown as a word diff of that copy against the
library's text now.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import InputError
from drafter.reuse.refs import entry_text, lookup, part_line

if TYPE_CHECKING:
    from drafter.answers import AnswersFile
    from drafter.library import Library


@dataclass(frozen=True)
class Drift:
    """One vetted text an answer relies on that is no longer what the answer was given with."""

    question: str
    what: str  # "position social-value v3 -> v4"
    diff: str  # the words that changed, or a sentence saying why there is no diff

    def lines(self) -> list[str]:
        return [
            f"question {self.question}: {self.what}",
            *("    " + d for d in self.diff.split("\n")),
        ]


def word_diff(old: str, new: str) -> str:
    """The change from `old` to `new` word by word: removed words as [-...-], added as {+...+},
    unchanged runs longer than a few words shortened to their ends. Punctuation counts as a
    word of its own, so "on," -> "on each year," shows just {+each year+}."""
    a, b = _WORD.findall(old), _WORD.findall(new)
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            same = a[i1:i2]
            out.append(_join(same) if len(same) <= 8 else _join([*same[:3], "…", *same[-3:]]))
            continue
        if op in ("delete", "replace"):
            out.append("[-" + _join(a[i1:i2]) + "-]")
        if op in ("insert", "replace"):
            out.append("{+" + _join(b[j1:j2]) + "+}")
    return _join(out)


_WORD = re.compile(r"[\w'’-]+|[^\w\s]")
_BEFORE_PUNCTUATION = re.compile(r" (?=[,.;:!?)\]](?:\s|$|[-+]))")


def _join(words: list[str]) -> str:
    return _BEFORE_PUNCTUATION.sub("", " ".join(words))


def _same(a: str, b: str) -> bool:
    return a.split() == b.split()


def drifts(answers: AnswersFile, library: Library, path: Path) -> list[Drift]:
    """Every drift in one answers file, in question order; InputError (with the line) for a
    reference to an unknown entry or one of another kind."""
    found: list[Drift] = []
    for number, answer in answers.answers.items():
        for index, part in enumerate(answer.parts()):
            pin = part.pin
            if pin is None:
                continue
            try:
                entry = lookup(library, pin)
            except KeyError as exc:
                raise InputError(
                    f"question {number}: {exc.args[0]}", path=path,
                    line=part_line(path, number, index),
                ) from None  # fmt: skip
            now = entry_text(entry)
            name = f"{pin.kind} {pin.id}"
            if entry.status == "retired":
                successor = getattr(entry, "successor", None)
                instead = f"use {successor!r} instead" if successor else "it has no successor"
                found.append(Drift(number, f"{name} is retired", f"{instead} (edit the answer)"))
            elif pin.version is None:
                what = f"{name} is not pinned (library: v{entry.version})"
                found.append(Drift(number, what, "what prints follows the library until pinned"))
            elif pin.version != entry.version or not _same(part.text, now):
                what = f"{name} v{pin.version} -> v{entry.version}"
                if pin.version == entry.version:
                    what = f"{name} v{pin.version}: text changed without a new version"
                diff = word_diff(part.text, now) if part.text.strip() else "(no copy was kept)"
                found.append(Drift(number, what, diff))
        for concept_id in answer.define:
            concept = library.concepts.get(concept_id)
            if concept is None:
                continue  # render warns about it; nothing to compare
            pinned = answers.definitions.get(concept_id)
            version = pinned.version if pinned else answers.library.get(concept_id)
            now = concept.printed_definition
            if version is None:
                continue  # never recorded: nothing to compare with
            if version != concept.version or (pinned and not _same(pinned.text, now)):
                what = f"glossary definition of {concept_id} v{version} -> v{concept.version}"
                diff = word_diff(pinned.text, now) if pinned else "(the earlier text was not kept)"
                found.append(Drift(number, what, diff))
    return found


def update_pins(answers: AnswersFile, library: Library) -> int:
    """Move every pin (references and glossary definitions) to the library's current version
    and text; returns how many moved. A retired entry is left for the respondent to replace."""
    from drafter.answers import PinnedText

    moved = 0
    for answer in answers.answers.values():
        if isinstance(answer.response, str):
            parts = None
        else:
            parts = answer.parts()
            for index, part in enumerate(parts):
                pin = part.pin
                if pin is None:
                    continue
                entry = lookup(library, pin)
                now = entry_text(entry)
                if entry.status == "retired":
                    continue
                if pin.version != entry.version or not _same(part.text, now):
                    parts[index] = part.repinned(entry.version, now)
                    moved += 1
            answer.set_parts(parts)
        for concept_id in answer.define:
            concept = library.concepts.get(concept_id)
            if concept is None:
                continue
            pinned = answers.definitions.get(concept_id)
            now = PinnedText(version=concept.version, text=concept.printed_definition)
            if pinned != now:
                recorded = pinned is not None or concept_id in answers.library
                answers.definitions[concept_id] = now
                answers.library[concept_id] = concept.version
                moved += 1 if recorded else 0
    return moved
