"""The answers file (docs/formats.md): who responds, their consent, and each answer.

The interview writes it after every answer; `drafter render` reads it. It records the
consultation it answers (id and a hash of the questions) so a changed consultation is noticed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

from drafter.consultation import Consultation
from drafter.errors import InputError
from drafter.model import Mutable, check, field, to_data
from drafter.model import validate as validate_model

SCHEMA_VERSION = 1

Consent = Literal["publish-with-name", "publish-anonymously", "do-not-publish"]


class Respondent(Mutable, kw_only=True):
    name: str = ""
    organisation: str = ""
    role: str = ""
    email: str = ""
    address: str = ""
    responding_as: Literal["organisation", "individual"] = "organisation"
    consent: Consent = "publish-with-name"
    # required when consent is do-not-publish: UK and Welsh consultations ask why
    confidentiality_reason: str = ""
    # the interview saves each detail as it is given; true until the last one (consent) is
    draft: bool = False

    def __post_init__(self) -> None:
        check(
            self.consent != "do-not-publish" or bool(self.confidentiality_reason.strip()),
            "confidentiality_reason",
            "give confidentiality_reason when consent is do-not-publish",
        )


class KeptFinding(Mutable, kw_only=True):
    """A precision finding the respondent chose to keep as written (recorded by the interview)."""

    rule: str
    text: str
    note: str = ""

    def covers(self, rule: str, text: str) -> bool:
        """Whether this keeps a finding of `rule` on `text`: the same rule on the same words
        (line breaks and runs of spaces aside). The one test the interview and lint share."""
        return rule == self.rule and text.split() == self.text.split()


class Answer(Mutable, kw_only=True):
    stance: str | None = None
    response: str = ""
    key_point: str = ""
    define: list[str] = []
    no_response: bool = False
    kept_findings: list[KeptFinding] = []
    # saved by the interview after each prompt of the question, until its last: not finished
    draft: bool = False

    @property
    def is_answered(self) -> bool:
        return self.no_response or bool(self.stance) or bool(self.response.strip())


class AnswersFile(Mutable, kw_only=True):
    schema_version: int = field(default=SCHEMA_VERSION, name="schema")
    consultation: str
    consultation_file: str | None = None
    questions_hash: str | None = None
    # per-question fingerprints, so a changed consultation can say which questions differ
    question_fingerprints: dict[str, str] = {}
    date: dt.date | None = None
    respondent: Respondent = field(default_factory=Respondent)
    answers: dict[str, Answer] = {}
    # library entries and versions used by the last render (written by render and interview)
    library: dict[str, int] = {}

    def check_against(self, consultation: Consultation, path: Path) -> None:
        """Raise InputError if these answers belong to another or a changed consultation."""
        if self.consultation != consultation.id:
            raise InputError(
                f"answers are for consultation {self.consultation!r}, not {consultation.id!r}",
                path=path,
            )
        numbers = {q.number for q in consultation.questions}
        unknown = [n for n in self.answers if n not in numbers]
        if unknown:
            raise InputError(
                f"answers questions the consultation does not have: {', '.join(unknown)}",
                path=path,
                line=_line(path, ("answers", unknown[0])),
            )
        if self.question_fingerprints:
            changed = [
                q.number
                for q in consultation.questions
                if self.question_fingerprints.get(q.number) not in (None, q.fingerprint())
            ]
            added = [
                q.number
                for q in consultation.questions
                if q.number not in self.question_fingerprints
            ]
            removed = [n for n in self.question_fingerprints if n not in numbers]
            if changed or added or removed:
                parts = []
                if changed:
                    parts.append(f"changed wording or kind: {', '.join(changed)}")
                if added:
                    parts.append(f"new: {', '.join(added)}")
                if removed:
                    parts.append(f"removed: {', '.join(removed)}")
                raise InputError(
                    "the consultation has changed since these answers were written ("
                    + "; ".join(parts)
                    + ")",
                    path=path,
                )
        for number, answer in self.answers.items():
            question = consultation.question(number)
            if answer.stance and question.stances and answer.stance not in question.stances:
                raise InputError(
                    f"question {number}: stance {answer.stance!r} is not one of "
                    + ", ".join(repr(s) for s in question.stances),
                    path=path,
                    line=_line(path, ("answers", number, "stance")),
                )

    def stamp(self, consultation: Consultation) -> None:
        """Record which consultation (and which wording) these answers belong to."""
        self.consultation = consultation.id
        self.questions_hash = consultation.questions_hash()
        self.question_fingerprints = {q.number: q.fingerprint() for q in consultation.questions}


def load_answers(path: Path) -> AnswersFile:
    """The answers in `path`, validated.

    Never through the parsed-data cache: answers may be confidential ("do not publish"), and a
    copy of them must not outlive the file the user keeps, or deletes, themselves.
    """
    from drafter.cache import load_file

    return load_file(path, _validate, AnswersFile, use=False)


def _validate(data: object, path: Path) -> AnswersFile:
    if not isinstance(data, dict):
        raise InputError("an answers file must be a mapping of fields", path=path, line=1)
    version = data.get("schema", SCHEMA_VERSION)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise InputError(
            f"schema: expected a whole number such as {SCHEMA_VERSION}, got {version!r}",
            path=path,
            line=_line(path, ("schema",)),
        )
    if version > SCHEMA_VERSION:
        raise InputError(
            f"answers schema {version!r} is newer than this drafter understands "
            f"({SCHEMA_VERSION}); upgrade drafter",
            path=path,
        )
    for key in ("answers", "question_fingerprints"):
        if key in data:
            data[key] = _numbers_as_text(data[key], path, key)
    return validate_model(data, AnswersFile, path)


def _numbers_as_text(table: object, path: Path, key: str) -> object:
    """YAML reads `1:` as the number 1; a question number is text ("1", "3a"), so a whole
    number is taken as the number it prints as."""
    if not isinstance(table, dict) or all(isinstance(k, str) for k in table):
        return table
    out: dict = {}
    for number, value in table.items():
        if isinstance(number, int) and not isinstance(number, bool):
            number = str(number)
        if number in out:
            raise InputError(f"{key}: question {number} appears twice", path=path)
        out[number] = value
    return out


def _line(path: Path, loc: tuple) -> int | None:
    from drafter.yamlio import line_of

    return line_of(path, loc)


def dump_answers(answers: AnswersFile) -> str:
    """YAML text for an answers file, with literal blocks for multi-line responses."""
    from ruamel.yaml.scalarstring import LiteralScalarString

    from drafter.yamlio import dump_yaml

    def literal(value):
        if isinstance(value, str) and "\n" in value:
            return LiteralScalarString(value)
        if isinstance(value, dict):
            return {k: literal(v) for k, v in value.items()}
        if isinstance(value, list):
            return [literal(v) for v in value]
        return value

    return dump_yaml(literal(to_data(answers)))


def save_answers(answers: AnswersFile, path: Path) -> Path:
    from drafter.fsutil import atomic_write_text

    return atomic_write_text(Path(path), dump_answers(answers), force=True, may_replace_input=True)
