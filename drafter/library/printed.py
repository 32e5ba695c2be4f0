"""What a response prints from a concept: its sources (the best two, primary first, one
number per Act or URL across the response), its current dated facts and its Welsh term; and
how a concept's relations read wherever a concept is shown.

One place for these rules, so the response's glossary, the library glossary export,
`snippets show`, `lint --explain` and `snippets validate` agree on them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from drafter.library.schema import SOURCE_KINDS, Concept, DatedFact, Source, Translation

# how many sources a response cites for one term
SOURCES_PER_TERM = 2
# Welsh terms printed as the term's translation: a statute or an official publication uses them
VERIFIED_TRANSLATION = ("legislation", "official-usage")

_RANK = {kind: rank for rank, kind in enumerate(SOURCE_KINDS)}

# how each kind of relation between concepts reads, in the order they are shown
RELATION_LABELS = {
    "broader": "A kind of",
    "narrower": "Includes",
    "related": "Related to",
    "contrast": "Not the same as",
}


def relation_rows(
    concept: Concept, kinds: Iterable[str] = tuple(RELATION_LABELS)
) -> list[tuple[str, tuple[str, ...]]]:
    """(label, concept ids) for each of `kinds` the concept has. A concept may be both
    narrower than and in contrast with another (a co-operative is a kind of mutual, yet
    "co-operatives/mutuals" hides which is meant): it is shown as a kind of it, not also as
    "not the same as" it."""
    rel = concept.relations
    family = set(rel.broader) | set(rel.narrower)
    rows = []
    for kind in kinds:
        ids = tuple(getattr(rel, kind))
        if kind == "contrast":
            ids = tuple(i for i in ids if i not in family)
        if ids:
            rows.append((RELATION_LABELS[kind], ids))
    return rows


def source_key(source: Source) -> tuple[str, str]:
    """Sources that are the same for a reader: the same Act (whatever section or language
    version is cited), or the same address."""
    if source.kind == "legislation":
        return ("act", " ".join(source.title.casefold().split()))
    if source.url:
        url = source.url.strip().casefold()
        url = re.sub(r"^https?://", "", url)
        url = re.sub(r"^www\.", "", url).split("#")[0].rstrip("/")
        return ("url", url)
    return ("title", " ".join(f"{source.title} {source.publisher or ''}".casefold().split()))


def best_sources(concept: Concept, limit: int = SOURCES_PER_TERM) -> list[Source]:
    """The sources a response cites for `concept`: the quoted definition's source first (the
    quotation is printed with it), then primary before commentary, in the entry's order
    within a kind; one per Act or address."""
    chosen: list[Source] = []
    seen: set[tuple[str, str]] = set()
    ranked = sorted(concept.sources, key=lambda s: _RANK.get(s.kind or "", len(_RANK)))
    for source in ([concept.quotation_source] if concept.quotation_source else []) + ranked:
        key = source_key(source)
        if key not in seen:
            seen.add(key)
            chosen.append(source)
    return chosen[:limit]


def merged(first: Source, other: Source) -> Source:
    """One list entry for two citations of the same Act: the sections of both."""
    import msgspec

    parts = [p for s in (first.section, other.section) if s for p in s.split("; ")]
    # "s.16" covers "s.16(2)": cite the whole section once, not both
    kept = [p for p in dict.fromkeys(parts) if not any(_within(p, q) for q in parts if q != p)]
    section = "; ".join(kept) or None
    return first if section == first.section else msgspec.structs.replace(first, section=section)


def _within(part: str, whole: str) -> bool:
    """`part` cites a subsection or paragraph of `whole` ("s.16(2)" of "s.16")."""
    return part.startswith(whole) and part[len(whole) : len(whole) + 1] in ("(", " ")


class SourceList:
    """The numbered sources of one document: each Act or address gets one number."""

    def __init__(self) -> None:
        self.sources: list[Source] = []
        self._numbers: dict[tuple[str, str], int] = {}

    def numbers(self, sources: Iterable[Source]) -> list[int]:
        out = []
        for source in sources:
            key = source_key(source)
            number = self._numbers.get(key)
            if number is None:
                self.sources.append(source)
                number = self._numbers[key] = len(self.sources)
            else:
                self.sources[number - 1] = merged(self.sources[number - 1], source)
            out.append(number)
        return sorted(set(out))


def current_facts(concept: Concept, today: dt.date | None = None) -> list[DatedFact]:
    """Dated facts still true today: each has its date and has not passed `valid_until`."""
    today = today or dt.date.today()
    return [fact for fact in concept.dated_facts if fact.current(today)]


def fact_text(fact: DatedFact) -> str:
    """'TEXT (as of 23 November 2022)'."""
    assert fact.as_of is not None
    when = f"{fact.as_of.day} {fact.as_of:%B %Y}"
    return f"{fact.text.rstrip('.')} (as of {when})."


def term_part_of_speech(concept: Concept) -> str:
    return concept.preferred_designation.part_of_speech or "noun"


def printed_translation(concept: Concept, language: str = "cy") -> Translation | None:
    """The verified translation printed beside the term: a statute or official publication
    uses it, it renders the term itself, and its part of speech is the English term's."""
    want = term_part_of_speech(concept)
    for item in concept.translations.get(language, ()):
        if item.status in VERIFIED_TRANSLATION and not item.english and item.part_of_speech == want:
            return item
    return None
