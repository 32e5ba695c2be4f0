"""`drafter lint --explain`: why a rule fires, or what a concept or organisation is."""

from __future__ import annotations

from typing import TYPE_CHECKING

from drafter.errors import InputError
from drafter.precision.normalise import fold_term
from drafter.precision.rules import RULES

if TYPE_CHECKING:
    from drafter.library import Library


def explain_text(query: str, library: Library) -> str:
    """What `drafter lint --explain` prints for a rule id, or a concept or organisation."""
    key = query.strip()
    if key.lower() in RULES:
        rule = RULES[key.lower()]
        severity, why = rule.severity, rule.doc
        return (
            f"{key.lower()} (default severity: {severity})\n\n{why}\n\n"
            "Suppress one finding in the text with [drafter: ignore "
            f"{key.lower()}] (or <!-- drafter: ignore {key.lower()} --> in Markdown). "
            "See docs/precision.md."
        )
    folded = fold_term(key)
    for concept in library.concepts.values():
        names = {concept.id} | {fold_term(t.text) for t in concept.terms}
        if folded in names:
            return _concept(concept, library)
    for org in library.organisations.values():
        names = {org.id} | {fold_term(n) for n in (org.name, *org.aliases)}
        if folded in names:
            return _organisation(org, library)
    raise InputError(
        f"--explain: {query!r} is not a rule ({', '.join(RULES)}) nor a concept or "
        "organisation in the library"
    )


def _concept(concept, library: Library) -> str:
    lines = [f"{concept.preferred} ({concept.id}, {concept.status}, version {concept.version})"]
    lines += ["", concept.short.strip(), "", "Definition:", concept.definition.strip()]
    if concept.quotation:
        quote = f"\u201c{concept.quotation.strip()}\u201d"
        source = concept.quotation_source
        if source:
            quote += f" ({source.title}" + (f", {source.year}" if source.year else "") + ")"
        lines += ["", "Quoted definition:", quote]
    lines += ["", "Designations:"]
    for term in concept.terms:
        fix = (
            f" -> use '{term.use_instead or concept.preferred}'"
            if term.status
            in (
                "deprecated",
                "superseded",
            )
            else ""
        )
        lines.append(f"  {term.text} ({term.status}){fix}")
    rel = concept.relations
    for label, ids in (
        ("Broader", rel.broader),
        ("Narrower", rel.narrower),
        ("Kept apart from (contrast)", rel.contrast),
    ):
        if ids:
            lines.append(f"{label}: " + ", ".join(_name(i, library) for i in ids))
    if concept.needs_qualifier:
        lines.append(f"Needs its model named: {concept.needs_qualifier.strip()}")
    for misuse in concept.misuse_contexts:
        lines.append(f"Misuse near {', '.join(misuse.near)}: {misuse.message.strip()}")
    if concept.sources:
        lines += ["", "Sources:"]
        lines += [
            f"  {s.title}"
            + (f", {s.publisher}" if s.publisher else "")
            + (f" ({s.year})" if s.year else "")
            + (f" {s.url}" if s.url else "")
            for s in concept.sources
        ]
    return "\n".join(lines)


def _organisation(org, library: Library) -> str:
    lines = [f"{org.name} ({org.id}, organisation)", "", org.description.strip()]
    if org.aliases:
        lines.append("Also written: " + ", ".join(org.aliases))
    if org.is_:
        lines.append("Is: " + ", ".join(_name(i, library) for i in org.is_))
    if org.is_not:
        lines.append("Is not: " + ", ".join(_name(i, library) for i in org.is_not))
    return "\n".join(lines)


def _name(concept_id: str, library: Library) -> str:
    concept = library.concepts.get(concept_id)
    return concept.preferred if concept else concept_id
