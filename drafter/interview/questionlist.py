"""Correcting an imported question list before answering it: edit, merge, split, drop.

An importer reads questions out of a consultation's own document and can get them wrong (two
questions run together, a heading taken for a question). These pure functions return a new
Consultation with the correction made; the interview asks which one the respondent wants.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from drafter.consultation import QUESTION_KINDS, Consultation, Question
from drafter.errors import InputError
from drafter.model import replace, to_data, validate


def _index(consultation: Consultation, number: str) -> int:
    for i, question in enumerate(consultation.questions):
        if question.number == number:
            return i
    raise InputError(f"no question {number!r} in the list")


def _with(consultation: Consultation, questions: list[Question]) -> Consultation:
    if not questions:
        raise InputError("a consultation needs at least one question; keep one")
    return replace(consultation, questions=tuple(questions))


def edit_wording(consultation: Consultation, number: str, text: str) -> Consultation:
    """A copy with question `number` worded as `text` (whitespace folded; empty is refused)."""
    text = " ".join(text.split())
    if not text:
        raise InputError("the wording of a question cannot be empty")
    questions = list(consultation.questions)
    i = _index(consultation, number)
    questions[i] = replace(questions[i], text=text)
    return _with(consultation, questions)


def merge_with_previous(consultation: Consultation, number: str) -> Consultation:
    """Join a question onto the one before it (its wording and guidance follow on)."""
    i = _index(consultation, number)
    if i == 0:
        raise InputError(f"question {number} is the first; there is nothing before it to join")
    questions = list(consultation.questions)
    before, this = questions[i - 1], questions[i]
    guidance = " ".join(g for g in (before.guidance, this.guidance) if g) or None
    questions[i - 1] = replace(before, text=f"{before.text} {this.text}", guidance=guidance)
    del questions[i]
    return _with(consultation, questions)


def free_number(consultation: Consultation, number: str) -> str:
    """A number for the second half of a split: 4 -> 4b (or 4-2, 4-3 ... if 4b is taken)."""
    taken = {q.number for q in consultation.questions}
    for candidate in [number + "b"] + [f"{number}-{n}" for n in range(2, 100)]:
        if candidate not in taken:
            return candidate
    raise InputError(f"cannot find a free number after {number!r}")


def split(
    consultation: Consultation, number: str, first: str, second: str, second_number: str
) -> Consultation:
    """Make one question two; the second is free text unless the respondent changes it later."""
    first, second = " ".join(first.split()), " ".join(second.split())
    if not first or not second:
        raise InputError("both parts of a split question need some wording")
    if any(q.number == second_number for q in consultation.questions):
        raise InputError(f"there is already a question {second_number!r}")
    i = _index(consultation, number)
    questions = list(consultation.questions)
    original = questions[i]
    questions[i] = replace(original, text=first)
    questions.insert(
        i + 1,
        Question(number=second_number, text=second, section=original.section, kind="free-text"),
    )
    return _with(consultation, questions)


def change_kind(
    consultation: Consultation, number: str, kind: str, options: Sequence[str] = ()
) -> Consultation:
    """Say how a question is answered (an importer may take "Do you agree...?" for free text)."""
    options = tuple(o.strip() for o in options if o.strip())
    own_options = QUESTION_KINDS[kind].own_options
    if own_options and len(options) < 2:
        raise InputError(f"a {kind} question needs at least two options")
    questions = list(consultation.questions)
    i = _index(consultation, number)
    data = to_data(questions[i], dates=None)
    data.update(kind=kind, options=options if own_options else ())
    questions[i] = validate(data, Question)
    return _with(consultation, questions)


def drop(consultation: Consultation, number: str) -> Consultation:
    """A copy without question `number` (something the importer took for a question)."""
    questions = list(consultation.questions)
    del questions[_index(consultation, number)]
    return _with(consultation, questions)


def remainder(original: str, first: str) -> str:
    """What is left of `original` after the first part, as the default for the second part."""
    original, first = " ".join(original.split()), " ".join(first.split())
    return original[len(first) :].strip() if original.startswith(first) else ""


def dump_consultation(consultation: Consultation) -> str:
    """YAML text of a consultation (the format of consultations/*.yaml)."""
    from drafter.yamlio import dump_yaml

    data = to_data(consultation, omit_none=True)
    for question in data["questions"]:
        if not question.get("options"):
            question.pop("options", None)
    header = "# Questions as confirmed in `drafter draft`; edit freely, then run it again.\n"
    return dump_yaml(data, header)


def save_consultation(consultation: Consultation, path: Path) -> Path:
    """Write the confirmed question list atomically (the caller asks before replacing)."""
    from drafter.fsutil import atomic_write_text

    return atomic_write_text(
        Path(path), dump_consultation(consultation), force=True, may_replace_input=True
    )
