"""Is an entry fit to print in a response sent to government? The content rules `snippets
validate` enforces: a short, timeless response definition with no note to the maintainer,
every source with a kind, a definition not resting on the press alone, dated facts with a
date, and Welsh terms whose part of speech matches the English term.

Each rule returns (keys, message) pairs: the YAML path to the problem and what is wrong.
"""

from __future__ import annotations

import re

from drafter.library.printed import term_part_of_speech
from drafter.library.schema import SOURCE_KINDS, Concept, EntryBase, Source

# wording that speaks to the library's maintainer, not to the reader of a response
MAINTAINER_NOTE = re.compile(
    r"paraphras|\bcheck(?:ed)?\b|\bconfirm\b|not a decided point|reading of the|"
    r"\bnot verified\b|\bunverified\b|as cited by|secondary sources|\bfact sheet\b|"
    r"\bpattern C\d|\bsee entry\b|\bTODO\b|\bFIXME\b|\bbefore (?:use|quoting|relying)\b",
    re.IGNORECASE,
)
# wording that ties a definition to a moment: dated facts go in `dated_facts`
TIME_BOUND = re.compile(
    r"\bby (?:19|20)\d\d\b|\bas of\b|\bcurrently\b|\bat present\b|\brecently\b|\bthis year\b",
    re.IGNORECASE,
)
MAX_SENTENCES = 2

Problem = tuple[tuple, str]


def sentences(text: str) -> int:
    """Sentences in `text`: a full stop, ! or ? followed by a space and a capital or a quote."""
    return len(re.findall(r"[.!?][\"”')]?(?=\s+[A-Z“\"]|\s*$)", text.strip())) or 1


def check_response_definition(text: str) -> str | None:
    """What is wrong with `text` as a response definition, or None (the first problem)."""
    found = _text_problems(text)
    return found[0] if found else None


def response_definition_problems(concept: Concept) -> list[Problem]:
    text = concept.response_definition
    key = ("response_definition",)
    if text is None:
        if concept.status != "vetted":
            return []
        return [
            (
                key,
                "a vetted concept needs a response_definition: one or two timeless sentences "
                "a response prints (until then a response prints `short`)",
            )
        ]
    return [(key, message) for message in _text_problems(text)]


def _text_problems(text: str) -> list[str]:
    out = []
    note = MAINTAINER_NOTE.search(text)
    if note:
        out.append(
            f"reads as a note to the maintainer ({note.group(0)!r}): a response prints it, so "
            "move caveats and instructions to `notes`"
        )
    dated = TIME_BOUND.search(text)
    if dated:
        out.append(
            f"is not timeless ({dated.group(0)!r}): put a dated fact under dated_facts with "
            "as_of and valid_until"
        )
    count = sentences(text)
    if count > MAX_SENTENCES:
        out.append(f"has {count} sentences; a response definition has one or two")
    return out


def source_problems(entry: EntryBase) -> list[Problem]:
    """Every source says what kind it is; a definition rests on more than the press."""
    out: list[Problem] = []
    kinds = ", ".join(SOURCE_KINDS)
    for number, source in enumerate(entry.sources):
        if source.kind is None:
            out.append(
                (("sources", number), f"source {source.title!r} has no kind (one of {kinds})")
            )
    if isinstance(entry, Concept):
        quoted = entry.quotation_source
        if quoted is not None and quoted.kind is None:
            out.append((("quotation_source",), f"the quotation's source has no kind ({kinds})"))
        for lang, items in entry.translations.items():
            for number, item in enumerate(items):
                out += _kinds_of(item.sources, ("translations", lang, number), kinds)
        for number, fact in enumerate(entry.dated_facts):
            out += _kinds_of(fact.sources, ("dated_facts", number), kinds)
        definition_sources = list(entry.sources) + ([quoted] if quoted else [])
        if definition_sources and all(s.kind == "press" for s in definition_sources):
            out.append(
                (
                    ("sources",),
                    "the definition's only sources are press: cite legislation, a regulator, "
                    "official guidance, a sector body or academic work",
                )
            )
    return out


def _kinds_of(sources: tuple[Source, ...], keys: tuple, kinds: str) -> list[Problem]:
    return [
        (keys, f"source {s.title!r} has no kind (one of {kinds})")
        for s in sources
        if s.kind is None
    ]


def dated_fact_problems(concept: Concept) -> list[Problem]:
    out: list[Problem] = []
    for number, fact in enumerate(concept.dated_facts):
        if fact.as_of is None:
            out.append(
                (
                    ("dated_facts", number),
                    "a dated fact needs as_of: the date it was stated or last checked",
                )
            )
        elif fact.valid_until and fact.valid_until < fact.as_of:
            out.append((("dated_facts", number), "valid_until is before as_of"))
    return out


def welsh_problems(concept: Concept) -> list[Problem]:
    """A Welsh designation has a part of speech, and it is the English term's unless the entry
    says which other English words it renders (`english`); only a match is ever printed."""
    out: list[Problem] = []
    want = term_part_of_speech(concept)
    for lang, items in concept.translations.items():
        for number, item in enumerate(items):
            keys = ("translations", lang, number)
            if item.part_of_speech is None:
                out.append(
                    (
                        keys,
                        f"{item.text!r} has no part_of_speech (noun, plural noun, adjective, "
                        "verb): without it a response cannot tell whether it fits the term",
                    )
                )
            elif item.part_of_speech != want and not item.english:
                out.append(
                    (
                        keys,
                        f"{item.text!r} is marked {item.part_of_speech} but "
                        f"{concept.preferred!r} is a {want}: a response would print the wrong "
                        "word; say what it renders in `english` (e.g. english: co-operative "
                        "(adjective))",
                    )
                )
    return out


def concept_problems(concept: Concept) -> list[Problem]:
    return (
        response_definition_problems(concept)
        + dated_fact_problems(concept)
        + welsh_problems(concept)
    )
