"""Compose one Markdown response from an answers file, its consultation and the library.

The template is rendered twice: first without the glossary, to learn which library
concepts the document's own text uses, then with the glossary of exactly those concepts
(plus the ones the respondent asked to define).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING

from msgspec import Struct, field

from drafter.compose.env import TemplateFunctions, make_environment, render_template
from drafter.compose.escape import SafeMarkdown, user_blocks
from drafter.compose.markdown import parse, plain_text
from drafter.textclean import clean_text

if TYPE_CHECKING:
    from drafter.answers import AnswersFile
    from drafter.consultation import Consultation
    from drafter.library import Library
    from drafter.reuse.refs import Resolved

TEMPLATE = "response.md.j2"

CONSENT_LABELS = {
    "publish-with-name": "Yes: the response may be published with the respondent's name",
    "publish-anonymously": "Yes, anonymously: publish the response without the name",
    "do-not-publish": "No: this response is confidential and should not be published",
}


class QuestionAnswer(Struct):
    """One question with its (cleaned) answer, as the .txt writer and the template see it.
    (A msgspec Struct, like the file models: a dataclass costs ten times as much to define,
    and every render pays for defining it.)"""

    number: str
    text: str
    section: str | None
    stance: str | None
    response: str  # the whole response as it reads: cleaned user text and vetted copies
    no_response: bool
    key_point: str
    define: tuple[str, ...] = ()
    # the response block by block: (text, True for vetted library Markdown, False for typed)
    blocks: tuple[tuple[str, bool], ...] = ()

    @property
    def answered(self) -> bool:
        return not self.no_response and bool(self.stance or self.response.strip())


class Composed(Struct):
    """The finished document (Markdown and its tokens) and what the writers need."""

    markdown: str
    tokens: list
    text: str  # the visible text, for the precision check
    title: str
    author: str
    subject: str
    keywords: str
    header: str
    language: str
    questions: list[QuestionAnswer]
    concepts: list[str]  # the glossary, in order
    library_versions: dict[str, int]
    warnings: list[str] = field(default_factory=list)


def compose(
    answers: AnswersFile,
    consultation: Consultation,
    library: Library,
    *,
    templates_dir: Path | None = None,
    today: dt.date | None = None,
    answers_path: Path | None = None,
) -> Composed:
    from drafter.precision import concepts_used
    from drafter.resources import bundled
    from drafter.reuse.refs import resolve_answers

    # referenced vetted texts: unknown ones stop here, naming the answers file and line
    references, warnings = resolve_answers(answers, library, answers_path)
    questions = _questions(answers, consultation, warnings, references)
    respondent = _clean_respondent(answers, warnings)
    date = answers.date or today or dt.date.today()
    organisation = respondent["organisation"] or respondent["name"] or "Respondent"

    env = make_environment(templates_dir or bundled("templates"))
    context = {
        "consultation": {
            "id": consultation.id,
            "title": consultation.title,
            "consulting_body": consultation.consulting_body,
            "reference": consultation.reference or "",
            "deadline": _long_date(consultation.deadline) if consultation.deadline else "",
            "language": consultation.language,
            "illustrative": consultation.source.illustrative,
        },
        "respondent": respondent,
        "organisation": organisation,
        "contact": ", ".join(
            v for v in (respondent["name"], respondent["role"], respondent["email"]) if v
        ),
        "consent": CONSENT_LABELS[answers.respondent.consent],
        "date": _long_date(date),
        "questions": [_question_context(q) for q in questions],
        "key_points": [
            {"number": q.number, "text": q.key_point} for q in questions if q.key_point.strip()
        ],
        "language": consultation.language,
    }

    # pass 1: the document without its glossary, to see which terms it uses
    helpers = TemplateFunctions(library)
    body = render_template(env, TEMPLATE, {**context, **helpers.functions(), "glossary": None})
    found = concepts_used(_rough_text(body), library)
    found += [c for r in references.values() for c in r.uses if c in library.concepts]
    glossary = _glossary(found, questions, library, warnings)
    if consultation.language.startswith("cy"):
        for concept_id in glossary:
            if not helpers.translation(concept_id, "cy"):
                warnings.append(
                    f"no verified Welsh term for {library.concepts[concept_id].preferred!r}; "
                    "the glossary gives the English term only"
                )

    # pass 2: the whole document
    helpers = TemplateFunctions(library)
    markdown = render_template(
        env, TEMPLATE, {**context, **helpers.functions(), "glossary": glossary}
    )
    tokens = parse(markdown)
    keywords = ["consultation response", *(library.concepts[c].preferred for c in glossary)]
    reference = consultation.reference or consultation.id
    return Composed(
        markdown=markdown,
        tokens=tokens,
        text=plain_text(tokens),
        title=f"Response to {consultation.title}",
        author=organisation,
        subject=f"{consultation.title} ({reference})",
        keywords=_fit_keywords(keywords),
        header=f"{organisation} \u2013 response to {reference}",
        language=consultation.language,
        questions=questions,
        concepts=glossary,
        library_versions=dict(
            sorted({**helpers.used, **{r.id: r.version for r in references.values()}}.items())
        ),
        warnings=warnings,
    )


def _questions(
    answers: AnswersFile,
    consultation: Consultation,
    warnings: list[str],
    references: dict[tuple[str, int], Resolved],
) -> list[QuestionAnswer]:
    out = []
    for question in consultation.questions:
        answer = answers.answers.get(question.number)
        blocks: list[tuple[str, bool]] = []
        removed = 0
        for index, part in enumerate(answer.parts() if answer else []):
            resolved = references.get((question.number, index))
            text, dropped = clean_text(resolved.text if resolved else part.text)
            removed += dropped
            if text.strip():
                blocks.append((text.strip(), resolved is not None))
        # as it reads: vetted Markdown without its markup (the .txt a portal is pasted from)
        response = "\n\n".join(
            plain_text(parse(text)).strip() if vetted else text for text, vetted in blocks
        )
        key_point, removed_kp = clean_text(answer.key_point) if answer else ("", 0)
        if removed or removed_kp:
            warnings.append(
                f"question {question.number}: removed {removed + removed_kp} control or "
                "invalid character(s) from the answer"
            )
        out.append(
            QuestionAnswer(
                number=question.number,
                text=question.text,
                section=question.section,
                stance=answer.stance if answer else None,
                response=response.strip(),
                no_response=bool(answer and answer.no_response),
                key_point=" ".join(key_point.split()),
                define=tuple(answer.define) if answer else (),
                blocks=tuple(blocks),
            )
        )
    return out


def _response_markdown(blocks: tuple[tuple[str, bool], ...]) -> SafeMarkdown:
    """Typed text as the respondent's data (paragraphs and simple lists only); vetted library
    text as the Markdown the library wrote."""
    return SafeMarkdown(
        "\n\n".join(SafeMarkdown(text) if vetted else user_blocks(text) for text, vetted in blocks)
    )


def _clean_respondent(answers: AnswersFile, warnings: list[str]) -> dict[str, str]:
    respondent = answers.respondent
    out = {}
    for key in respondent.__struct_fields__:
        value = getattr(respondent, key)
        cleaned, removed = clean_text(str(value))
        if removed:
            warnings.append(f"respondent {key}: removed {removed} control or invalid character(s)")
        out[key] = cleaned.strip()
    return out


def _question_context(q: QuestionAnswer) -> dict:
    return {
        "number": q.number,
        "text": q.text,
        "section": q.section,
        "stance": q.stance,
        "response": _response_markdown(q.blocks) if q.response else None,
        "no_response": q.no_response,
        "answered": q.answered,
        "key_point": q.key_point,
    }


def _glossary(
    found: list[str], questions: list[QuestionAnswer], library: Library, warnings: list[str]
) -> list[str]:
    """The concepts the document's text uses (in order of first use), then those asked for.

    Terms that only the glossary's own definitions use are not added: the glossary defines
    what the response says, and `drafter lint` reads a rendered response the same way.
    """
    glossary: list[str] = []
    for concept_id in [*found, *_defines(questions, library, warnings)]:
        if concept_id in glossary:
            continue
        concept = library.concepts[concept_id]
        if concept.status != "vetted":
            warnings.append(
                f"{concept.preferred!r} is used but its library entry is {concept.status}, "
                "so the glossary does not define it"
            )
            continue
        glossary.append(concept_id)
    return glossary


def _defines(questions: list[QuestionAnswer], library: Library, warnings: list[str]) -> list[str]:
    """The concept ids respondents listed under `define`, unknown ones warned about."""
    out = []
    for q in questions:
        for concept_id in q.define:
            if concept_id in library.concepts:
                out.append(concept_id)
            else:
                warnings.append(
                    f"question {q.number}: define lists {concept_id!r}, which the library "
                    "does not have; left out of the glossary"
                )
    return out


_ESCAPED = re.compile(r"\\([!-/:-@\[-`{-~])")


def _rough_text(markdown: str) -> str:
    """Markdown with its backslash escapes undone: enough to find the terms it uses.

    (The full parse happens once, on the finished document.)
    """
    return _ESCAPED.sub(r"\1", markdown)


def _long_date(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


def _fit_keywords(keywords: list[str], limit: int = 255) -> str:
    """Keywords joined by commas, as many whole ones as fit the .docx core-property limit."""
    out = ""
    for word in keywords:
        candidate = f"{out}, {word}" if out else word
        if len(candidate) > limit:
            break
        out = candidate
    return out
