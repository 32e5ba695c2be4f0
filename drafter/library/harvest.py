"""Harvest: draft positions from what the organisation has already said.

A past answers file, or a response .docx written by `drafter render`, holds the organisation's
answers to a consultation's questions. Each substantive answer becomes a *draft* position
(titled from its question, with keywords from its wording) for a person to edit and approve
with `drafter snippets review`; nothing harvested is ever vetted. Each draft records where it
came from and a digest of its text (`origin`), so harvesting the same answer again, from the
same file, its .docx or another copy, proposes nothing twice.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from drafter.errors import InputError
from drafter.library.loader import Library
from drafter.library.schema import Origin, Position
from drafter.library.validate import fold

# fewer words than this is not a position ("Yes.", "See question 3.")
SUBSTANTIVE_WORDS = 12
MAX_TITLE = 80
MAX_ID = 40
MAX_TOPICS = 6
# concepts of the library named in the answer come first among the topics, then its most
# frequent other words, up to MAX_TOPICS
MAX_TERM_TOPICS = 4
_QUESTION_HEADING = re.compile(r"Question\s+(\S+)")
# how consultations open a question, which a title does without
_LEAD_IN = re.compile(
    r"^(?:question\s+\w+|q\d+\w*)\s*[:.)]\s*|"  # the number, when the wording repeats it
    r"^(?:if you answered \w+|in your (?:view|opinion)),\s*|"
    r"^(?:to what extent |how far )?(?:do|would) you (?:agree|think|consider)"
    r"(?: or disagree)?(?: that| with)?\s+|^please (?:describe|explain|tell us about|give)\s+",
    re.IGNORECASE,
)
# an aside a title does without: ", such as co-operatives and social enterprises,"
_ASIDE = re.compile(r",\s(?:such as|for example|including)\b[^,]*,", re.I)
# common English words that say nothing about a topic
_STOP = frozenset(
    """\
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers him his how i if in into is it its
    itself just let me more most much must my no nor not now of off on once only or other our
    ours out over own same she should so some such than that the their theirs them then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your yours yes one two many well need needs make
    made give given want like think know see seen said says say within without whether often
    please example examples question questions answer answered thing things way ways
    already still every really rather across among upon onto per agree disagree strongly
    """.split()  # noqa: SIM905
)


@dataclass
class Said:
    """One answer found in a file: the question it answered and the answer's Markdown."""

    question: str
    question_text: str | None = None
    key_point: str = ""
    paragraphs: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The paragraphs as Markdown: a blank line between paragraphs, none between the
        items of a list (a .docx gives each item as a paragraph of its own)."""
        text = ""
        for before, paragraph in zip(["", *self.paragraphs], self.paragraphs, strict=False):
            in_list = _LIST_MARK.match(before) and _LIST_MARK.match(paragraph)
            text += ("\n" if in_list else "\n\n") + paragraph
        return text.strip()


@dataclass
class Harvest:
    """What a harvest found: the drafts to write and how many answers it passed over."""

    drafts: list[Position]
    already: int = 0  # substantive answers already in the library
    too_short: int = 0  # answers with too few words to be a position


def text_digest(text: str) -> str:
    """The digest that identifies an answer's text wherever it is read from: Markdown list
    markers and emphasis, typographic quotes and white space do not change it, so an answers
    file and the .docx rendered from it give the same digest."""
    lines = [_LIST_MARK.sub("", line) for line in text.splitlines()]
    plain = " ".join(" ".join(lines).translate(_PLAIN).split())
    return "sha256:" + hashlib.sha256(plain.encode("utf-8")).hexdigest()


_LIST_MARK = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_PLAIN = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "*": None, "_": None, "`": None})


# --- reading -------------------------------------------------------------------------------


def read_said(path: Path) -> tuple[str, list[Said]]:
    """(what the answers were written for, each answer) from an answers file or a .docx
    response; InputError (exit 2) for anything else."""
    path = Path(path)
    if path.is_dir():
        raise InputError("is a folder, not a file", path=path)
    if not path.is_file():
        raise InputError("file not found", path=path)
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return _from_answers(path)
    if suffix == ".docx":
        return _from_docx(path)
    raise InputError(
        "cannot harvest this file: give an answers file (.yaml) or a response written by "
        "`drafter render` (.docx)",
        path=path,
    )


def _from_answers(path: Path) -> tuple[str, list[Said]]:
    from drafter.answers import load_answers
    from drafter.yamlio import load_yaml

    data = load_yaml(path)
    if not isinstance(data, dict) or "answers" not in data or "consultation" not in data:
        raise InputError(
            "is YAML but not an answers file (no 'consultation' and 'answers' fields)", path=path
        )
    answers = load_answers(path)
    questions = _question_texts(answers, path)
    said = []
    for number, answer in answers.answers.items():
        # the respondent's own words: a quoted passage or position is in the library already
        if answer.no_response or not answer.typed.strip():
            continue
        said.append(
            Said(
                number,
                questions.get(number),
                answer.key_point.strip(),
                [answer.typed.strip()],
            )
        )
    return answers.consultation, said


def _question_texts(answers, path: Path) -> dict[str, str]:
    """Question number -> wording, from the consultation the answers name; none when it
    cannot be found (the titles then come from the key points or the answers)."""
    from drafter.consultation import find_consultation, load_consultation
    from drafter.errors import DrafterError

    try:
        if answers.consultation_file:
            found = path.parent / answers.consultation_file
        else:
            found = find_consultation(answers.consultation, near=path)
        consultation = load_consultation(found)
    except DrafterError:
        return {}
    return {q.number: q.text for q in consultation.questions}


def _from_docx(path: Path) -> tuple[str, list[Said]]:
    """A response as `drafter render` writes it: a "Question N" heading whose next lines are
    the question's wording and "Answer: STANCE" (or, for a long wording or an older response,
    those as paragraphs after it), then the response's paragraphs until the next heading."""
    from drafter.ooxml.blocks import read_blocks
    from drafter.ooxml.ns import qn
    from drafter.ooxml.package import open_docx

    document = open_docx(path)
    said: list[Said] = []
    current: Said | None = None
    numbered = qn("w:numPr")
    for block in read_blocks(document):
        if block.part != "body" or block.in_table:
            continue
        text = " ".join(block.text.split())
        if block.heading:
            lines = [" ".join(line.split()) for line in block.text.split("\n") if line.strip()]
            match = _QUESTION_HEADING.fullmatch(lines[0]) if lines else None
            current = Said(match[1]) if match else None
            if current:
                said.append(current)
                if len(lines) > 1:  # the wording (and stance) on the heading's own lines
                    current.question_text = lines[1]
            continue
        if current is None or not text:
            continue
        if current.question_text is None:
            current.question_text = text
        elif not current.paragraphs and (text.startswith("Answer: ") or text == "No response."):
            continue
        else:
            listed = block.element is not None and block.element.find(f".//{numbered}") is not None
            current.paragraphs.append(("- " if listed else "") + text)
    if not said:
        raise InputError(
            "has no 'Question N' headings: harvest reads responses written by `drafter render`",
            path=path,
        )
    title = (document.core_properties.title or "").removeprefix("Response to ").strip()
    return title or path.stem, [s for s in said if s.paragraphs]


# --- proposing -----------------------------------------------------------------------------


def harvest(path: Path, library: Library) -> Harvest:
    """Draft positions for the substantive answers in `path` that `library` does not hold yet
    (by origin digest, or by a position with the same text)."""
    written_for, said = read_said(path)
    known = {p.origin.digest for p in library.positions.values() if p.origin}
    known |= {text_digest(p.text) for p in library.positions.values()}
    ids = {e.id for e in library.entries()}
    terms = _term_finder(library)
    result = Harvest([])
    quoted = _vetted_paragraphs(library)
    for answer in said:
        if text_digest(answer.text) in known:
            result.already += 1
            continue
        answer.paragraphs = _without_quotes(answer.paragraphs, quoted)
        text = answer.text
        if not text:  # nothing but vetted text quoted from the library
            result.already += 1
            continue
        if len(re.findall(r"\w+", text)) < SUBSTANTIVE_WORDS:
            result.too_short += 1
            continue
        digest = text_digest(text)
        if digest in known:
            result.already += 1
            continue
        known.add(digest)
        title = title_for(answer)
        entry_id = _unique_id(title, ids)
        ids.add(entry_id)
        result.drafts.append(
            Position(
                id=entry_id,
                kind="position",
                version=1,
                status="draft",
                title=title,
                topics=tuple(topics_for(answer.question_text or "", text, terms)),
                text=text,
                written_for=(f"{written_for}, question {answer.question}",),
                origin=Origin(file=Path(path).name, question=answer.question, digest=digest),
            )
        )
    return result


def _plain(paragraph: str) -> str:
    return " ".join(_LIST_MARK.sub("", paragraph).translate(_PLAIN).split())


def _vetted_paragraphs(library: Library) -> list[list[str]]:
    """Each vetted passage's and position's text as a response prints it: one paragraph per
    block of text and one per list item (plain, as `_plain` compares them)."""
    found = []
    for entry in (*library.passages.values(), *library.positions.values()):
        if entry.status == "draft":
            continue
        paragraphs: list[str] = []
        for block in entry.text.split("\n\n"):
            lines: list[str] = []
            for line in block.splitlines():
                if _LIST_MARK.match(line) or not lines:
                    lines.append(line)
                else:  # a wrapped line of the same paragraph or list item
                    lines[-1] += f" {line}"
            paragraphs += [_plain(line) for line in lines if line.strip()]
        found.append(paragraphs)
    return found


def _without_quotes(paragraphs: list[str], quoted: list[list[str]]) -> list[str]:
    """The paragraphs less every run that is a whole vetted text quoted from the library (a
    rendered response prints a quoted passage or position among the respondent's words)."""
    plain = [_plain(p) for p in paragraphs]
    keep = [True] * len(paragraphs)
    for run in quoted:
        size = len(run)
        for start in range(len(plain) - size + 1):
            if size and plain[start : start + size] == run:
                keep[start : start + size] = [False] * size
    return [p for p, kept in zip(paragraphs, keep, strict=True) if kept]


def title_for(answer: Said) -> str:
    """A title from the question's wording ("Do you agree that X?" -> "X"), else from the
    key point or the answer's first sentence; at most MAX_TITLE characters."""
    source = answer.question_text or answer.key_point or _first_sentence(answer.text)
    title = " ".join(source.split())
    while _LEAD_IN.match(title):
        title = _LEAD_IN.sub("", title, count=1)
    title = _ASIDE.sub("", title).rstrip("?.:; ")
    title = title[:1].upper() + title[1:]
    if len(title) > MAX_TITLE:
        title = title[: MAX_TITLE - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return title or f"Answer to question {answer.question}"


def _first_sentence(text: str) -> str:
    plain = _LIST_MARK.sub("", text.strip().split("\n\n")[0])
    return re.split(r"(?<=[.!?])\s", plain, maxsplit=1)[0]


def _unique_id(title: str, taken: set[str]) -> str:
    title = title.casefold().replace("’", "").replace("'", "")
    words = [w for w in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", title) if w not in _STOP]
    while len("-".join(words)) > MAX_ID and len(words) > 1:
        words.pop()
    slug = "-".join(words)[:MAX_ID].strip("-") or "position"
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


def _term_finder(library: Library):
    """A function giving the library's concepts named in a text, by their preferred terms,
    in order of first mention: one pattern for every designation, so a 2,000-entry library
    costs one pass over each answer."""
    names: dict[str, str] = {}
    for concept in library.concepts.values():
        for term in concept.terms:
            if term.status in ("preferred", "admitted"):
                names.setdefault(fold(term.text), concept.preferred)
    if not names:
        return lambda text: []
    alternatives = sorted(names, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, alternatives)) + r")s?\b")

    def find(text: str) -> list[str]:
        found: list[str] = []
        for match in pattern.finditer(fold(text)):
            name = names.get(match[0]) or names.get(match[0][:-1])
            if name and name not in found:
                found.append(name)
        return found

    return find


def topics_for(question: str, answer: str, terms) -> list[str]:
    """Keywords from the wording: the library's terms the question or answer uses, then the
    answer's other words that recur or that the question uses too (not common ones)."""
    topics = terms(f"{question}\n{answer}")[:MAX_TERM_TOPICS]
    taken = {w for t in topics for w in (t, *t.split())}

    def words(text: str) -> list[str]:
        found = re.findall(r"[a-z][a-z'-]{3,}", text.casefold())
        return [_singular(w) for w in found if w not in _STOP]

    asked = set(words(question))
    score = Counter(words(answer))
    for word in score:
        score[word] += 2 * (word in asked)
    for word, count in score.most_common():
        if len(topics) >= MAX_TOPICS or count < 2:
            break
        if word not in taken:
            topics.append(word)
            taken.add(word)
    return topics


def _singular(word: str) -> str:
    """ "authorities" -> "authority", "providers" -> "provider"; "business" stays."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def summary(result: Harvest) -> Iterable[str]:
    """Lines for the person who ran the harvest: what was passed over and why."""
    if result.already:
        yield f"{result.already} answer(s) already in the library: not proposed again"
    if result.too_short:
        yield f"{result.too_short} answer(s) under {SUBSTANTIVE_WORDS} words: not proposed"


__all__ = ["Harvest", "Said", "harvest", "read_said", "text_digest", "title_for", "topics_for"]
