"""The answers file (docs/formats.md): who responds, their consent, and each answer.

The interview writes it after every answer; `drafter render` reads it. It records the
consultation it answers (id and a hash of the questions) so a changed consultation is noticed.
"""

# No `from __future__ import annotations` here: msgspec would then compile and eval each
# field's annotation string on a run's first validation (~3 ms over the file models);
# evaluated once at import, from the cached bytecode, they cost a fraction of that.
import datetime as dt
from pathlib import Path
from typing import Annotated, Literal

from drafter.consultation import Consultation
from drafter.errors import InputError
from drafter.model import Meta, Mutable, check, field, to_data
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


# the library entry kinds an answer may quote whole: vetted, dated text with a version
REFERENCE_KINDS = ("passage", "position")


class Pin(Mutable, kw_only=True):
    """A vetted library text at one version: `{position: social-value, version: 3}`."""

    passage: str | None = None
    position: str | None = None
    version: Annotated[int, Meta(ge=1)] | None = None

    def __post_init__(self) -> None:
        named = [k for k in REFERENCE_KINDS if getattr(self, k) is not None]
        check(
            len(named) == 1,
            named[1] if len(named) > 1 else "passage",
            "name exactly one library text: `passage: ID` or `position: ID`",
        )

    @property
    def kind(self) -> str:
        return "passage" if self.passage is not None else "position"

    @property
    def id(self) -> str:
        return self.passage if self.passage is not None else self.position or ""

    @property
    def label(self) -> str:
        """How messages name it: "position social-value v3"."""
        version = f" v{self.version}" if self.version is not None else ""
        return f"{self.kind} {self.id}{version}"


class Part(Mutable, kw_only=True):
    """One block of a response (docs/formats.md, "References to vetted text"): either a
    reference to a vetted text, pinned to a version and holding a copy of the text as it was
    (so a render is reproducible), or typed text, perhaps adapted from a vetted text."""

    passage: str | None = None
    position: str | None = None
    version: Annotated[int, Meta(ge=1)] | None = None
    text: str = ""
    # typed text that started as a vetted text: provenance, not a reference
    adapted_from: Pin | None = None

    def __post_init__(self) -> None:
        named = [k for k in REFERENCE_KINDS if getattr(self, k) is not None]
        check(len(named) <= 1, "position", "a part refers to one library text, not two")
        if named:
            check(self.adapted_from is None, "adapted_from", "only typed text is adapted")
        else:
            check(self.version is None, "version", "only a reference has a version")

    @property
    def is_reference(self) -> bool:
        return self.passage is not None or self.position is not None

    @property
    def pin(self) -> Pin | None:
        """The vetted text this part refers to, or None for typed text."""
        if not self.is_reference:
            return None
        return Pin(passage=self.passage, position=self.position, version=self.version)

    def repinned(self, version: int, text: str) -> "Part":
        return Part(passage=self.passage, position=self.position, version=version, text=text)


def reference(pin: Pin, text: str) -> Part:
    """A response part quoting `text`, the vetted text `pin` names at its version."""
    return Part(passage=pin.passage, position=pin.position, version=pin.version, text=text)


class PinnedText(Mutable, kw_only=True):
    """A library text at one version, copied as it was when the answers relied on it."""

    version: Annotated[int, Meta(ge=1)]
    text: str = ""


class Answer(Mutable, kw_only=True):
    stance: str | None = None
    # the respondent's text, or a list of parts mixing typed text and vetted references
    response: str | list[str | Part] = ""
    key_point: str = ""
    define: list[str] = []
    no_response: bool = False
    kept_findings: list[KeptFinding] = []
    # saved by the interview after each prompt of the question, until its last: not finished
    draft: bool = False

    @property
    def is_answered(self) -> bool:
        return self.no_response or bool(self.stance) or bool(self.text.strip())

    def parts(self) -> list[Part]:
        """The response as parts: typed text (a plain string is one part) and references."""
        if isinstance(self.response, str):
            return [Part(text=self.response)] if self.response.strip() else []
        return [Part(text=p) if isinstance(p, str) else p for p in self.response]

    def references(self) -> list[Part]:
        return [p for p in self.parts() if p.is_reference]

    @property
    def typed(self) -> str:
        """What the respondent wrote (adapted text included), paragraphs apart: the text the
        precision check holds them to."""
        return "\n\n".join(p.text.strip() for p in self.parts() if not p.is_reference)

    @property
    def text(self) -> str:
        """The whole response as it reads: typed text and the vetted copies, in order."""
        if isinstance(self.response, str):
            return self.response
        return "\n\n".join(p.text.strip() for p in self.parts() if p.text.strip())

    def set_parts(self, parts: list[Part]) -> None:
        """Store `parts`; a response of one plain typed text stays a plain string, so files
        without references read exactly as before."""
        kept = [p for p in parts if p.is_reference or p.text.strip()]
        if all(not p.is_reference and p.adapted_from is None for p in kept):
            self.response = "\n\n".join(p.text.strip() for p in kept)
        else:
            self.response = [
                p.text if not p.is_reference and p.adapted_from is None else p for p in kept
            ]


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
    # the glossary definitions the answers asked for, as they were (for `drafter check`)
    definitions: dict[str, PinnedText] = {}

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

    data = to_data(answers)
    if not data["definitions"]:  # files that pin no definitions read as they always have
        del data["definitions"]
    for answer in data["answers"].values():
        if isinstance(answer["response"], list):  # a part says only what it is
            answer["response"] = [_part_data(p) for p in answer["response"]]
    return dump_yaml(literal(data))


def _part_data(part: object) -> object:
    """A response part as written: `{position: social-value, version: 3, text: ...}`."""
    if not isinstance(part, dict):
        return part
    out = {k: v for k, v in part.items() if v is not None}
    if isinstance(out.get("adapted_from"), dict):
        out["adapted_from"] = {k: v for k, v in out["adapted_from"].items() if v is not None}
    return out


def save_answers(answers: AnswersFile, path: Path) -> Path:
    from drafter.fsutil import atomic_write_text

    return atomic_write_text(Path(path), dump_answers(answers), force=True, may_replace_input=True)
