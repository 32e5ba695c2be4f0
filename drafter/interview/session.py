"""The interview's state, without a terminal: what to ask next, what to save, and where.

Everything here is plain logic over the consultation and the answers file, so it is tested
directly. The prompts (drafter/interview/prompts.py) only ask; the flow
(drafter/interview/flow.py) connects the two.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.answers import Answer, AnswersFile, load_answers, save_answers
from drafter.consultation import Consultation, Question, number_key
from drafter.errors import InputError
from drafter.interview.lock import fingerprint

if TYPE_CHECKING:
    from drafter.precision.finding import Finding

FIRST_WORDS = 6


@dataclass(frozen=True)
class ReviewRow:
    """One line of the review screen."""

    number: str
    stance: str
    first_words: str
    status: str  # "answered", "no response", "not answered"
    findings_kept: int


class AnswersChanged(InputError):
    """The answers file was written by someone else during the interview: stop, keep both."""


@dataclass
class Session:
    """A consultation being answered into one answers file, saved after every change."""

    consultation: Consultation
    path: Path
    answers: AnswersFile
    # answers found in the file when the session opened: offered as defaults, never lost
    previous: dict[str, Answer] = field(default_factory=dict)
    # things to tell the respondent before the first question (e.g. a corrupt file kept)
    notices: list[str] = field(default_factory=list)
    existed: bool = False
    # what the answers file on disk looked like after this session last read or wrote it
    on_disk: tuple[int, int, int] | None = None

    # -- opening -------------------------------------------------------------------------

    @classmethod
    def open(
        cls, consultation: Consultation, path: Path, *, consultation_file: Path | None = None
    ) -> Session:
        """Open (or start) the answers file at `path` for `consultation`.

        A corrupt file is kept untouched and a new one is started beside it. A file that
        belongs to another (or a changed) consultation is an InputError: the respondent chose
        the wrong file, and guessing would risk mixing two responses.
        """
        path = Path(path)
        notices: list[str] = []
        answers: AnswersFile | None = None
        existed = False
        if path.exists():
            try:
                answers = load_answers(path)
            except InputError as exc:
                new_path = beside(path)
                notices.append(
                    f"{path} could not be read ({exc.message}). It is kept exactly as it is; "
                    f"your answers will be saved to {new_path} instead."
                )
                path = new_path
            else:
                answers.check_against(consultation, path)
                existed = True
        ensure_writable(path)
        if answers is None:
            answers = AnswersFile(consultation=consultation.id)
        answers.stamp(consultation)
        if consultation_file is not None:
            answers.consultation_file = relative_to_folder(consultation_file, path.parent)
        return cls(
            consultation=consultation,
            path=path,
            answers=answers,
            previous=copy.deepcopy(answers.answers),
            notices=notices,
            existed=existed,
            on_disk=fingerprint(path),
        )

    # -- what to ask ----------------------------------------------------------------------

    @property
    def numbers(self) -> list[str]:
        return [q.number for q in self.consultation.questions]

    def question(self, number: str) -> Question:
        return self.consultation.question(number)

    def ordinal(self, number: str) -> int:
        """Where a question comes, counting from 1, for "Question 3 of 12"."""
        return self.numbers.index(number) + 1

    def is_answered(self, number: str) -> bool:
        answer = self.answers.answers.get(number)
        return answer is not None and answer.is_answered and not answer.draft

    def unanswered(self) -> list[str]:
        return [n for n in self.numbers if not self.is_answered(n)]

    @property
    def complete(self) -> bool:
        """An answers file that was there already and answers everything, respondent too."""
        return self.existed and not self.unanswered() and not self.needs_respondent()

    def queue(
        self, *, resume: bool = False, ask: list[str] | None = None, resume_at: str | None = None
    ) -> list[str]:
        """The questions to ask, in order.

        --ask: exactly those. --resume: the question that was interrupted (if known), the
        unanswered ones after it, then those left for later before it. Otherwise: none when
        the file answers every question already (the review follows, where any can be
        changed), else every question, with the previous answers as defaults.
        """
        if ask:
            return list(ask)
        if resume:
            rest = self.unanswered()
            if resume_at not in self.numbers:
                return rest
            at = self.numbers.index(resume_at)
            after = [n for n in rest if self.numbers.index(n) > at]
            before = [n for n in rest if self.numbers.index(n) < at]
            return [resume_at] + after + before
        return [] if self.complete else self.numbers

    def resolve_numbers(self, spec: str) -> list[str]:
        """Turn "Q3, 7,3a" into the consultation's own numbers; unknown ones are an error."""
        wanted = [part.strip() for part in re.split(r"[,\s]+", spec) if part.strip()]
        if not wanted:
            raise InputError("--ask needs question numbers, e.g. --ask 3,7")
        out: list[str] = []
        for item in wanted:
            match = self._match_number(item)
            if match is None:
                raise InputError(
                    f"--ask: no question {item!r} in this consultation "
                    f"(its questions are {', '.join(self.numbers)})"
                )
            if match not in out:
                out.append(match)
        return out

    def _match_number(self, item: str) -> str | None:
        if item in self.numbers:
            return item
        for number in self.numbers:
            if number_key(number) == number_key(item):
                return number
        return None

    def needs_respondent(self) -> bool:
        who = self.answers.respondent
        return who.draft or not (who.name.strip() or who.organisation.strip())

    def default_answer(self, number: str) -> Answer:
        """What to offer at a question: the answer so far, else the one found in the file."""
        current = self.answers.answers.get(number) or self.previous.get(number)
        return copy.deepcopy(current) if current else Answer()

    # -- saving ---------------------------------------------------------------------------

    def save(self) -> Path:
        """Write the whole file at once, unless someone else has written it since we did: then
        ours is saved beside it and the interview stops, so neither is lost."""
        if self.answers.date is None:
            self.answers.date = dt.date.today()
        if fingerprint(self.path) != self.on_disk:
            aside = beside(self.path)
            save_answers(self.answers, aside)
            raise AnswersChanged(
                "was changed by another program since this interview last saved it; it is "
                f"left as it is, and your answers are saved to {aside}",
                path=self.path,
            )
        written = save_answers(self.answers, self.path)
        self.on_disk = fingerprint(self.path)
        return written

    @staticmethod
    def check_new_home(path: Path) -> None:
        """A place to move the answers to must be writable and must not hold another file."""
        if Path(path).exists():
            raise InputError("already exists; give a new file name", path=path)
        ensure_writable(path)

    def record(self, number: str, answer: Answer) -> Path:
        """Keep one answer and save the whole file at once (temp file, fsync, rename)."""
        self.question(number)  # a KeyError here is a bug in the caller, not user input
        self.answers.answers[number] = answer
        return self.save()

    def note_library(self, versions: dict[str, int]) -> None:
        """Record the library entries (and versions) the answers ask to define."""
        self.answers.library = dict(sorted(versions.items()))

    # -- review ---------------------------------------------------------------------------

    def rows(self) -> list[ReviewRow]:
        out = []
        for number in self.numbers:
            answer = self.answers.answers.get(number) or Answer()
            if answer.draft:
                status = "not finished"
            elif answer.no_response:
                status = "no response"
            elif answer.is_answered:
                status = "answered"
            else:
                status = "not answered"
            out.append(
                ReviewRow(
                    number=number,
                    stance=answer.stance or "",
                    first_words=first_words(answer.text),
                    status=status,
                    findings_kept=len(answer.kept_findings),
                )
            )
        return out

    def precision_summary(self, counts: dict[str, int] | None = None) -> str:
        """One line: what was checked, what was kept as written, and (given the counts by
        severity from checking the rendered response) what the whole response still has."""
        checked = sum(1 for a in self.answers.answers.values() if a.text.strip())
        kept = {n: len(a.kept_findings) for n, a in self.answers.answers.items() if a.kept_findings}
        parts = [f"{checked} response{'s' if checked != 1 else ''} checked"]
        if kept:
            where = ", ".join(f"Q{n}" for n in kept)
            total = sum(kept.values())
            parts.append(f"{total} finding{'s' if total != 1 else ''} kept as written ({where})")
        else:
            parts.append("no findings kept as written")
        if counts is not None:
            found = [f"{n} {sev}{'s' if n != 1 else ''}" for sev, n in counts.items() if n]
            parts.append("the whole response: " + (", ".join(found) if found else "no findings"))
        return "Precision check: " + "; ".join(parts) + "."


# -- small pure helpers ---------------------------------------------------------------------


def first_words(text: str, count: int = FIRST_WORDS) -> str:
    """The first `count` words, with an ellipsis if there are more (for lists and reviews)."""
    words = text.split()
    if not words:
        return ""
    shown = " ".join(words[:count])
    return shown + ("…" if len(words) > count else "")


def default_answers_path(consultation_id: str, folder: Path | None = None) -> Path:
    """Where answers go when no --answers is given: ID-answers.yaml in the current folder."""
    return (folder or Path(".")) / f"{consultation_id}-answers.yaml"


def default_output_path(answers_path: Path) -> Path:
    """answers.yaml -> response.docx; x-answers.yaml -> x-response.docx; x.yaml -> x-response."""
    stem = answers_path.stem
    if stem == "answers":
        name = "response"
    elif stem.endswith("-answers"):
        name = stem[: -len("-answers")] + "-response"
    else:
        name = stem + "-response"
    return answers_path.with_name(name + ".docx")


def beside(path: Path) -> Path:
    """A new, unused file name next to `path`: answers.yaml -> answers-2.yaml, -3, ..."""
    n = 2
    while True:
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix or '.yaml'}")
        if not candidate.exists():
            return candidate
        n += 1


def relative_to_folder(target: Path, folder: Path) -> str:
    """The path of `target` as seen from `folder`, so a saved reference survives moving both."""
    try:
        return os.path.relpath(Path(target).resolve(), Path(folder).resolve())
    except ValueError:  # another drive on Windows
        return str(Path(target).resolve())


def ensure_writable(path: Path) -> None:
    """Fail before the first question, not after the first answer, if we cannot save here."""
    path = Path(path)
    if path.is_dir():
        raise InputError("is a folder; give a file name for the answers", path=path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            f"cannot create the folder for the answers ({exc.strerror})", path=folder
        ) from None
    if path.exists() and not path.stat().st_mode & 0o222:
        raise InputError(
            "is read-only, so answers cannot be saved to it; "
            "make it writable or give another --answers file",
            path=path,
        )
    try:
        fd, probe = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".probe", dir=folder)
    except OSError as exc:
        raise InputError(
            f"cannot save answers in this folder ({exc.strerror}); give another --answers file",
            path=path,
        ) from None
    os.close(fd)
    with contextlib.suppress(OSError):
        os.unlink(probe)


# Findings the interview does not ask about: the glossary step (and the rendered "Terms used"
# section) is how an interview answer gets its terms defined.
NOT_ASKED_RULES = frozenset({"undefined-terms"})


def findings_to_ask(findings: list[Finding]) -> list[Finding]:
    """The findings worth asking the respondent about (not suppressed, not document-level)."""
    return [f for f in findings if not f.suppressed and f.rule not in NOT_ASKED_RULES]


def replacement(finding: Finding) -> str | None:
    """The suggestion if it is text to put in place of the finding, None if it is advice.

    The precision check's suggestions are either a drop-in ("co-operatives") or a sentence of
    advice ("List them as separate items (...)"); only a drop-in can be accepted as it stands.
    """
    text = (finding.suggestion or "").strip()
    if not text or len(text.split()) > 8 or text.endswith((".", "!", "?", ":")):
        return None
    if any(mark in text for mark in "()'\"‘’“”;:"):
        return None
    return text


def previously_kept(answer: Answer, finding: Finding) -> bool:
    """Whether the respondent already chose to keep this wording for this rule."""
    return any(k.covers(finding.rule, finding.text) for k in answer.kept_findings)


def line_and_column(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of `offset` in `text`."""
    before = text[:offset]
    line = before.count("\n") + 1
    column = offset - (before.rfind("\n") + 1) + 1
    return line, column
