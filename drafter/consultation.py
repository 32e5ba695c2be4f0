"""Consultation question sets (docs/formats.md): numbered questions and how each is answered."""

# No `from __future__ import annotations` here: msgspec would then compile and eval each
# field's annotation string on a run's first validation (~3 ms over the file models);
# evaluated once at import, from the cached bytecode, they cost a fraction of that.
import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Literal

from msgspec import Struct
from msgspec.structs import force_setattr

from drafter.errors import InputError
from drafter.model import Frozen, Meta, Text, check, check_id, field, strip_fields
from drafter.model import validate as validate_model
from drafter.resources import bundled

AGREE_SCALE = (
    "Strongly agree",
    "Agree",
    "Neither agree nor disagree",
    "Disagree",
    "Strongly disagree",
)
YES_NO = ("Yes", "No", "Don't know")


class QuestionKind(Struct, frozen=True):
    """One way a question is answered: its name in a question set, how the interview and
    `consultations show` describe it, the stances it offers and whether the question lists
    its own options (a msgspec Struct: a NamedTuple costs several times as much to define)."""

    name: str
    label: str
    stances: tuple[str, ...] = ()
    own_options: bool = False


# The registry of question kinds, in the order the interview offers them: the schema
# (AnswerKind), the interview, `consultations show`, the importer's recognition and the kinds
# table of docs/formats.md are read from or tested against it (tests/test_model.py).
QUESTION_KINDS: dict[str, QuestionKind] = {
    kind.name: kind
    for kind in (
        QuestionKind("free-text", "free text"),
        QuestionKind("agree-scale", "agree / disagree scale", AGREE_SCALE),
        QuestionKind("yes-no", "yes / no / don't know", YES_NO),
        QuestionKind("choice", "a choice of options", own_options=True),
    )
}
# the names of QUESTION_KINDS, spelled out for the schema and for type checkers (tested)
AnswerKind = Literal["agree-scale", "yes-no", "choice", "free-text"]


class Question(Frozen, kw_only=True):
    # as the consultation prints it: 3, 3a, Q12 (YAML reads an unquoted 3 as a number: kept
    # as the text "3")
    number: Text | int
    text: Text
    guidance: str | None = None
    kind: AnswerKind = "free-text"
    options: tuple[str, ...] = ()
    # for a stance kind: whether the consultation also asks "please explain"
    explain: bool = True
    section: str | None = None
    # where the importer found it (paragraph or table cell), when imported
    found_at: str | None = None

    def __post_init__(self) -> None:
        if isinstance(self.number, int) and not isinstance(self.number, bool):
            force_setattr(self, "number", str(self.number))
        strip_fields(self, "number", "text", "options")
        if QUESTION_KINDS[self.kind].own_options:
            enough = len(self.options) >= 2
            check(enough, "options", f"a {self.kind} question needs at least two options")
            twice = sorted({o for o in self.options if self.options.count(o) > 1})
            check(not twice, "options", f"{', '.join(map(repr, twice))} is listed twice")
        else:
            kind = self.kind
            check(not self.options, "options", f"options are only for kind 'choice', not {kind!r}")

    @property
    def stances(self) -> tuple[str, ...]:
        """The stance labels a respondent may pick, or () for free text."""
        return QUESTION_KINDS[self.kind].stances or self.options

    @property
    def takes_text(self) -> bool:
        return self.kind == "free-text" or self.explain

    def fingerprint(self) -> str:
        import hashlib  # here, not at the top: most commands never fingerprint a question
        import json

        payload = json.dumps([self.number, self.text, self.kind, list(self.options)])
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:12]


class SourceOfWording(Frozen, kw_only=True):
    illustrative: bool = False
    note: str
    url: str | None = None
    document: str | None = None
    sha256: str | None = None


class Consultation(Frozen, kw_only=True):
    schema_version: Literal[1] = field(default=1, name="schema")
    id: str
    title: Text
    consulting_body: Text
    reference: str | None = None
    deadline: dt.date | None = None
    language: Literal["en-GB", "cy-GB"] = "en-GB"
    source: SourceOfWording
    questions: Annotated[tuple[Question, ...], Meta(min_length=1)]

    def __post_init__(self) -> None:
        check_id(self.id, "social-care-2026")
        strip_fields(self, "title", "consulting_body")
        seen: set[str] = set()
        for question in self.questions:
            number = question.number
            check(number not in seen, "questions", f"question number {number!r} appears twice")
            seen.add(number)

    def question(self, number: str) -> Question:
        for q in self.questions:
            if q.number == number:
                return q
        raise KeyError(number)

    def questions_hash(self) -> str:
        import hashlib

        joined = "\n".join(q.fingerprint() for q in self.questions)
        return "sha256:" + hashlib.sha256(joined.encode("utf-8")).hexdigest()


_NUMBER_PREFIX = re.compile(r"^(?:question|cwestiwn|q)\.?\s*", re.I)


def number_key(number: str) -> str:
    """A question number as people may write it ("Q3", "Question 3", "Cwestiwn 3", "q.3a")
    reduced to what identifies it ("3", "3a"), to match a number typed or printed elsewhere."""
    return _NUMBER_PREFIX.sub("", number.strip()).lower()


def load_consultation(path: Path) -> Consultation:
    """The consultation in `path`, validated (or served validated from the cache)."""
    from drafter.cache import load_file

    return load_file(path, _validate, Consultation)


def _validate(data: object, path: Path) -> Consultation:
    if not isinstance(data, dict):
        raise InputError("a consultation file must be a mapping of fields", path=path, line=1)
    try:
        return validate_model(data, Consultation, path)
    except InputError as exc:
        raise InputError(_by_number(exc.message, data), path=path, line=exc.line) from None


def _by_number(message: str, data: dict) -> str:
    """`questions.2.kind` is question 3 (or 3a): say which, as a reader numbers them."""
    questions = data.get("questions")

    def name(match: re.Match) -> str:
        index = int(match[1])
        if isinstance(questions, list) and index < len(questions):
            number = questions[index].get("number") if isinstance(questions[index], dict) else None
            if isinstance(number, (str, int)) and str(number).strip():
                return f"{match[0]} (question {number})"
        return match[0]

    return re.sub(r"\bquestions\.(\d+)(?:\.\w+)*", name, message)


def bundled_consultations() -> dict[str, Path]:
    """Bundled consultation ids and their files."""
    folder = bundled("consultations")
    return {p.stem: p for p in sorted(folder.glob("*.yaml"))}


def find_consultation(ref: str, *, near: Path | None = None) -> Path:
    """A consultation given as a file path, or as the id of a bundled one."""
    candidates = [Path(ref)]
    if near is not None:
        candidates.append(near.parent / ref)
    for candidate in candidates:
        if candidate.suffix in {".yaml", ".yml"} and candidate.is_file():
            return candidate
    known = bundled_consultations()
    if ref in known:
        return known[ref]
    raise InputError(
        f"no consultation {ref!r}: not a file, nor a bundled id ({', '.join(known) or 'none'})"
    )
