"""The library as a document to read: the glossary of concepts, or the positions; Markdown,
and .docx through the response writer."""

from __future__ import annotations

from drafter.library.loader import Library
from drafter.library.printed import SourceList, relation_rows
from drafter.library.schema import Concept, Position


def _escape(text: str) -> str:
    """Library text is vetted, but keep Markdown punctuation in it literal."""
    out = text.strip()
    for ch in ("\\", "*", "_", "`", "[", "]", "<", ">", "#", "|"):
        out = out.replace(ch, "\\" + ch)
    return out


def _concepts(library: Library, status: str | None) -> list[Concept]:
    chosen = [c for c in library.concepts.values() if not status or c.status == status]
    return sorted(chosen, key=lambda c: c.preferred.casefold())


# how each verification status reads in a glossary (docs/library-format.md, "Translations")
_WELSH_STATUS = {
    "official-usage": "official usage",
    "sector-usage": "sector usage, not confirmed as standard",
    "unverified": "unverified: check with a Welsh-language editor before use",
}


def _relation_lines(library: Library, concept: Concept) -> list[str]:
    """'A kind of', 'Includes' and 'Not the same as' lines, as every view of a concept words
    them (library/printed.relation_rows)."""
    lines = []
    for label, ids in relation_rows(concept, ("broader", "narrower", "contrast")):
        names = [_escape(library.concepts[c].preferred) for c in ids if c in library.concepts]
        if names:
            lines += [f"{label}: " + ", ".join(names), ""]
    return lines


def glossary_markdown(library: Library, *, status: str | None = None) -> str:
    """Every concept with its definition, terms and sources, as a Markdown glossary."""
    concepts = _concepts(library, status)
    lines = ["# Glossary of terms", ""]
    lines += [
        f"{len(concepts)} terms from the drafter library. Welsh terms marked *unverified* must be "
        "checked by a Welsh-language editor before use.",
        "",
    ]
    sources = SourceList()  # numbered as a response numbers them: one number an Act or address
    for concept in concepts:
        lines += [f"## {_escape(concept.preferred)}", ""]
        lines += [f"*{_escape(concept.short)}*", ""]
        lines += [_escape(p) for p in concept.definition.strip().split("\n\n")]
        lines.append("")
        if concept.quotation and concept.quotation_source:
            lines += [
                f"> “{_escape(concept.quotation)}” ({_escape(concept.quotation_source.title)})",
                "",
            ]
        others = [t for t in concept.terms if t.status != "preferred"]
        admitted = [t.text for t in others if t.status == "admitted"]
        avoid = [t for t in others if t.status in ("deprecated", "superseded")]
        if admitted:
            lines += ["Also: " + ", ".join(_escape(a) for a in admitted), ""]
        if avoid:
            lines += [
                "Avoid: "
                + "; ".join(
                    f"{_escape(t.text)} ({t.status}"
                    + (f", write “{_escape(t.use_instead)}”" if t.use_instead else "")
                    + ")"
                    for t in avoid
                ),
                "",
            ]
        lines += _relation_lines(library, concept)
        for item in concept.translations.get("cy", ()):
            status = _WELSH_STATUS.get(item.status, item.status)
            note = f": {_escape(item.note)}" if item.note else ""
            lines += [f"Welsh: *{_escape(item.text)}* ({status}){note}", ""]
        numbers = sources.numbers(concept.sources)
        if numbers:
            lines += ["Sources: " + " ".join(_escape(f"[{n}]") for n in numbers), ""]
    lines += ["## Sources", ""]
    for number, source in enumerate(sources.sources, 1):
        parts = [p for p in (source.title, source.publisher, source.year, source.section) if p]
        text = _escape(", ".join(str(p) for p in parts))
        if source.url:
            text += f". <{source.url}>"
        lines.append(f"{number}. {text}")
    lines.append("")
    return "\n".join(lines)


def glossary_docx(library: Library, *, status: str | None = None) -> bytes:
    """The glossary as .docx, written by the same writer as responses."""
    concepts = _concepts(library, status)
    return markdown_docx(
        glossary_markdown(library, status=status),
        concepts,
        title="Glossary of terms",
        subject="Vetted definitions from the drafter library",
        keywords="glossary; co-operatives; terminology",
    )


def positions_markdown(library: Library, *, status: str | None = None) -> str:
    """Every position with its text, topics, approval and what it was written for, as
    Markdown. The text is the organisation's own Markdown and is kept as written."""
    positions = _positions(library, status)
    lines = ["# Positions", ""]
    lines += [f"{len(positions)} positions: the organisation's own views.", ""]
    for position in positions:
        lines += [f"## {_escape(position.title)}", "", position.text.strip(), ""]
        meta = f"*{position.status}, version {position.version}"
        if position.approved_by:
            meta += f"; approved by {_escape(position.approved_by)}"
        if position.approved_on:
            meta += f" on {position.approved_on.isoformat()}"
        if position.review_by:
            meta += f"; review by {position.review_by.isoformat()}"
        lines += [meta + "*", ""]
        if position.topics:
            lines += ["Topics: " + ", ".join(_escape(t) for t in position.topics), ""]
        if position.written_for:
            lines += ["Written for: " + "; ".join(_escape(w) for w in position.written_for), ""]
    return "\n".join(lines)


def positions_docx(library: Library, *, status: str | None = None) -> bytes:
    """The positions as .docx, written by the same writer as responses."""
    return markdown_docx(
        positions_markdown(library, status=status),
        _positions(library, status),
        title="Positions",
        subject="The organisation's approved positions",
        keywords="positions",
    )


def _positions(library: Library, status: str | None) -> list[Position]:
    chosen = [p for p in library.positions.values() if not status or p.status == status]
    return sorted(chosen, key=lambda p: p.title.casefold())


def markdown_docx(markdown: str, entries, *, title: str, subject: str, keywords: str) -> bytes:
    """A library document (glossary, positions) as .docx, its entries' versions stamped."""
    from drafter.compose import Composed
    from drafter.compose.markdown import parse, plain_text
    from drafter.writer.docx import write_docx

    tokens = parse(markdown)
    composed = Composed(
        markdown=markdown,
        tokens=tokens,
        text=plain_text(tokens),
        title=title,
        author="drafter",
        subject=subject,
        keywords=keywords,
        header=title,
        language="en-GB",
        questions=[],
        concepts=[e.id for e in entries if isinstance(e, Concept)],
        library_versions={e.id: e.version for e in entries},
    )
    data, _warnings = write_docx(composed)
    return data
