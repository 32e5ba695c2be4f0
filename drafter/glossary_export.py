"""The library as a glossary document: Markdown, and .docx through the response writer."""

from __future__ import annotations

from drafter.library.loader import Library
from drafter.library.printed import SourceList, relation_rows
from drafter.library.schema import Concept


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
    from drafter.compose import Composed
    from drafter.compose.markdown import parse, plain_text
    from drafter.writer.docx import write_docx

    markdown = glossary_markdown(library, status=status)
    tokens = parse(markdown)
    concepts = _concepts(library, status)
    composed = Composed(
        markdown=markdown,
        tokens=tokens,
        text=plain_text(tokens),
        title="Glossary of terms",
        author="drafter",
        subject="Vetted definitions from the drafter library",
        keywords="glossary; co-operatives; terminology",
        header="Glossary of terms",
        language="en-GB",
        questions=[],
        concepts=[c.id for c in concepts],
        library_versions={c.id: c.version for c in concepts},
    )
    data, _warnings = write_docx(composed)
    return data
