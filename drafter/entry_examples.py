"""The library entries' example sentences, run through the precision check.

Each concept and organisation lists sentences the check must flag and sentences it must pass.
This sits above both the library (which knows the entries) and the precision engine (which
judges text), so neither has to import the other.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from drafter.library.loader import Library
from drafter.library.schema import Concept, Passage
from drafter.library.validate import Report, validate


def example_findings(sentence: str, library: Library, extra: Concept | None = None) -> list:
    """What the precision check finds in an example sentence (document-level rules aside);
    `extra`: a concept not in the library yet (the `snippets new` form's)."""
    import drafter.precision as precision

    if extra is not None:
        library = library.with_concept(extra)
    found = precision.check_text(sentence, library)
    return [f for f in found if not f.suppressed and f.rule not in precision.DOCUMENT_RULES]


def check_examples(report: Report, library: Library) -> None:
    """Add an error to `report` for every must_flag sentence the check misses and every
    must_pass sentence it flags, at the sentence's line."""
    from drafter.yamlio import line_of

    for entry in library.entries():
        examples = getattr(entry, "examples", None)
        if isinstance(entry, Passage) or examples is None:
            continue
        path = library.paths[entry.id]
        for number, sentence in enumerate(examples.must_flag):
            if not example_findings(sentence, library):
                report.add(
                    "error",
                    f"examples.must_flag.{number}: the precision check finds nothing in "
                    f"{sentence!r}",
                    path,
                    line_of(path, ("examples", "must_flag", number)),
                )
        for number, sentence in enumerate(examples.must_pass):
            found = example_findings(sentence, library)
            if found:
                rules = ", ".join(sorted({f"{f.rule} ({f.text!r})" for f in found}))
                report.add(
                    "error",
                    f"examples.must_pass.{number}: the precision check flags {sentence!r}: {rules}",
                    path,
                    line_of(path, ("examples", "must_pass", number)),
                )


def validate_with_examples(
    dirs: Sequence[Path], *, today: dt.date | None = None, examples: bool = True
) -> Report:
    """What `drafter snippets validate` reports: the library's own checks, then (unless
    `examples` is off) the example sentences."""
    report = validate(dirs, today=today)
    if examples:
        check_examples(report, report.library)
    return report
