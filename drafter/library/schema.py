"""The library entry format (docs/library-format.md): concepts, organisations, passages and
positions.

Concept entries follow the TBX concept-oriented model: one entry per concept, several
designations each with an administrative status. Everything the precision check knows comes
# No `from __future__ import annotations` here: msgspec would then compile and eval each
# field's annotation string on a run's first validation (~3 ms over the file models);
# evaluated once at import, from the cached bytecode, they cost a fraction of that.
from these fields; no word lists live in Python.
"""

import datetime as dt
from typing import Annotated, ClassVar, Literal

from msgspec.structs import force_setattr

from drafter.model import Frozen, Meta, Text, check, check_id, field, is_id, strip_fields

EntryStatus = Literal["draft", "vetted", "retired"]
TermStatus = Literal["preferred", "admitted", "deprecated", "superseded"]
TermKind = Literal["full-form", "short-form", "abbreviation", "variant"]
# "informal": clear, but style for a formal response ("co-op"): a suggestion, never an error
Register = Literal["neutral", "informal"]
WelshStatus = Literal["legislation", "official-usage", "sector-usage", "unverified"]
# what a source is, best first: a response cites primary sources before commentary
SourceKind = Literal[
    "legislation", "regulator", "official-guidance", "sector-body", "academic", "press"
]
SOURCE_KINDS: tuple[str, ...] = SourceKind.__args__
# a designation's part of speech, so a Welsh term is printed beside an English term of the
# same kind only ("cydweithredol" is the adjective, not "a co-operative")
PartOfSpeech = Literal["noun", "plural noun", "uncountable noun", "adjective", "verb", "adverb"]

NonEmpty = Annotated[str, Meta(min_length=1)]


ID_EXAMPLE = "worker-co-operative"


def id_problem(value: str) -> str | None:
    """Why `value` cannot be an entry id, or None: model.check_id's rule and words, for the
    `snippets new` form (the entry's id and the ids it refers to)."""
    try:
        check_id(value, ID_EXAMPLE)
    except ValueError as exc:
        return str(exc).partition(": ")[2]
    return None


def unwrap(text: str) -> str:
    """Text without the hard line breaks YAML wrapping leaves mid-sentence: a spreadsheet cell
    shows them as broken lines. Paragraphs and list items keep their own lines."""
    paragraphs = []
    for block in text.strip().split("\n\n"):
        lines: list[str] = []
        for line in block.splitlines():
            stripped = line.strip()
            starts_item = stripped[:2] in ("- ", "* ", "> ") or stripped.split(".")[0].isdigit()
            if lines and stripped and not starts_item:
                lines[-1] += " " + stripped
            elif stripped:
                lines.append(stripped)
        paragraphs.append("\n".join(lines))
    return "\n\n".join(p for p in paragraphs if p)


class Source(Frozen, kw_only=True):
    """A citation. `ref` is the number in the reference fact sheet, kept for traceability."""

    title: Text
    publisher: str | None = None
    # `year: 2014` in hand-written YAML is a number; it is kept as the text it means
    year: str | int | None = None
    url: str | None = None
    section: str | None = None
    ref: int | None = None
    # old entries have none; `snippets validate` asks for it
    kind: SourceKind | None = None

    def __post_init__(self) -> None:
        strip_fields(self, "title")
        if isinstance(self.year, int) and not isinstance(self.year, bool):
            force_setattr(self, "year", str(self.year))


class Match(Frozen, kw_only=True):
    """How a designation is found in text."""

    case_sensitive: bool = False
    plurals: bool = True
    # "co-operative", "co operative" and "co‑operative" (U+2011) are the same designation
    hyphen_variants: bool = True


class Designation(Frozen, kw_only=True):
    text: NonEmpty
    status: TermStatus = "preferred"
    kind: TermKind = "full-form"
    register: Register = "neutral"
    note: str | None = None
    # for deprecated/superseded designations: what to write instead (default: the preferred)
    use_instead: str | None = None
    # for a superseded name that also names its statute ("the Industrial and Provident Societies
    # Acts"): the statute that replaced it, so the Act's name cited as current law is flagged
    statute_instead: str | None = None
    match: Match = field(default_factory=Match)
    # None: a noun, as glossary heads are
    part_of_speech: PartOfSpeech | None = None

    def __post_init__(self) -> None:
        has_letters = any(ch.isalnum() for ch in self.text)
        check(has_letters, "text", "a designation needs at least one letter or digit")
        strip_fields(self, "text")


class Relations(Frozen, kw_only=True):
    broader: tuple[str, ...] = ()
    narrower: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    # concepts that are different models and must not be run together ("X/Y", "X such as Y")
    contrast: tuple[str, ...] = ()


class Translation(Frozen, kw_only=True):
    text: NonEmpty
    status: WelshStatus
    note: str | None = None
    sources: tuple[Source, ...] = ()
    part_of_speech: PartOfSpeech | None = None
    # the English it renders when that is not the concept's term ("co-operative organisations"):
    # a related form kept for reference, never printed as the term's translation
    english: str | None = None


class DatedFact(Frozen, kw_only=True):
    """A fact true on a date ("committed to doubling ... by 2026"): printed with its date and
    never after `valid_until`."""

    text: Text
    # when the fact was stated or last checked; `snippets validate` requires it
    as_of: dt.date | None = None
    valid_until: dt.date | None = None
    sources: tuple[Source, ...] = ()

    def __post_init__(self) -> None:
        strip_fields(self, "text")

    def current(self, today: dt.date) -> bool:
        return self.as_of is not None and (self.valid_until is None or today <= self.valid_until)


class MisuseContext(Frozen, kw_only=True):
    """Using the concept near these words is a misuse (e.g. co-production of a survey)."""

    near: Annotated[tuple[Text, ...], Meta(min_length=1)]
    message: Text
    suggestion: str | None = None
    # words that make the use legitimate after all (co-produced *with service users*)
    unless_near: tuple[str, ...] = ()
    # where the near words must be: before the term ("registered as a social enterprise"),
    # after it, or either side; a near phrase that contains the term always counts
    side: Literal["before", "after", "either"] = "either"
    # the designations it applies to (default: all): "co-produced" said of a survey is the
    # misuse, while the noun "co-production" in a sentence that mentions a consultation is not
    terms: tuple[str, ...] = ()
    # at most this many words between the near words and the term ("constituted as a mutual"
    # but not "registered as a community benefit society and run as a mutual"); default: the
    # whole sentence
    within: Annotated[int, Meta(ge=0, le=20)] | None = None

    def __post_init__(self) -> None:
        strip_fields(self, "near", "message")


class Examples(Frozen, kw_only=True):
    must_flag: tuple[str, ...] = ()
    must_pass: tuple[str, ...] = ()


class EntryBase(Frozen, kw_only=True):
    id: str
    version: Annotated[int, Meta(ge=1)]
    status: EntryStatus
    vetted_by: str | None = None
    vetted_on: dt.date | None = None
    review_by: dt.date | None = None
    sources: tuple[Source, ...] = ()
    # a retired entry's replacement: the id of an entry of the same kind
    successor: str | None = None

    # what the entry files call `vetted_by` and `vetted_on` (a position is *approved*)
    SIGN_OFF: ClassVar[tuple[str, str]] = ("vetted_by", "vetted_on")

    def __post_init__(self) -> None:
        check_id(self.id, ID_EXAMPLE)
        if self.successor is not None:
            check(self.status == "retired", "successor", "only a retired entry has a successor")
            check(is_id(self.successor), "successor", f"{self.successor!r} is not an entry id")
            check(self.successor != self.id, "successor", "an entry cannot succeed itself")


class Concept(EntryBase, kw_only=True):
    kind: Literal["concept"] = "concept"
    subject: str
    short: Text
    definition: Text
    # what a response prints: one or two timeless sentences, no note to the maintainer
    # (old entries have none; `snippets validate` asks for it and a response prints `short`)
    response_definition: str | None = None
    # caveats and notes for maintainers: never printed in a response
    notes: str | None = None
    dated_facts: tuple[DatedFact, ...] = ()
    # a statutory or official definition quoted word for word, with its source
    quotation: str | None = None
    quotation_source: Source | None = None
    terms: Annotated[tuple[Designation, ...], Meta(min_length=1)]
    relations: Relations = field(default_factory=Relations)
    # a bare use is vague: the writer should name the model (e.g. "mutual" -> which mutual?)
    needs_qualifier: str | None = None
    misuse_contexts: tuple[MisuseContext, ...] = ()
    # words that say the organisation they govern is (or was) one of these ("demutualise the
    # Co-op Bank" says the bank is a mutual): said of an organisation recorded as not one, they
    # misattribute
    presupposed_by: tuple[NonEmpty, ...] = ()
    distinguish: tuple[str, ...] = ()
    misuses: tuple[str, ...] = ()
    translations: dict[str, tuple[Translation, ...]] = {}
    examples: Examples = field(default_factory=Examples)

    def __post_init__(self) -> None:
        super().__post_init__()
        strip_fields(self, "short", "definition")
        # YAML's wrapped lines are not line breaks: exports and exchange files get sentences whole
        for name in ("definition", "response_definition", "notes"):
            value = getattr(self, name)
            if value and "\n" in value:
                force_setattr(self, name, unwrap(value))

    @property
    def preferred_designation(self) -> Designation:
        for term in self.terms:
            if term.status == "preferred":
                return term
        return self.terms[0]

    @property
    def preferred(self) -> str:
        return self.preferred_designation.text

    @property
    def printed_definition(self) -> str:
        """The definition a response prints."""
        return " ".join((self.response_definition or self.short).split())


class Organisation(EntryBase, kw_only=True):
    kind: Literal["organisation"]
    name: Text
    aliases: tuple[Text, ...] = ()
    description: Text
    is_: tuple[str, ...] = field(default=(), name="is")
    is_not: tuple[str, ...] = ()
    # concept ids the sources neither confirm nor rule out: a claim using one is unverified
    not_verified: tuple[str, ...] = ()
    checked_on: dt.date | None = None
    examples: Examples = field(default_factory=Examples)

    def __post_init__(self) -> None:
        super().__post_init__()
        strip_fields(self, "name", "aliases", "description")


class Passage(EntryBase, kw_only=True):
    kind: Literal["passage"]
    title: Text
    text: Text
    uses: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        super().__post_init__()
        strip_fields(self, "title", "text")


class Origin(Frozen, kw_only=True):
    """Where a harvested position came from, so harvesting the same file again (or the .docx
    rendered from the same answers) proposes nothing twice."""

    # the file harvested, as it was named, and the question the answer was given to
    file: Text
    question: str | None = None
    # sha256 of the answer text with its white space collapsed (`harvest.text_digest`)
    digest: Annotated[str, Meta(pattern=r"^sha256:[0-9a-f]{64}$")]


class Position(EntryBase, kw_only=True):
    """The organisation's own approved stance on a topic. Unlike a passage it needs no source
    (it is a view, not a fact) but it needs an approver before it is vetted; the YAML says
    `approved_by` / `approved_on` where other entries say `vetted_by` / `vetted_on`."""

    kind: Literal["position"]
    vetted_by: str | None = field(default=None, name="approved_by")
    vetted_on: dt.date | None = field(default=None, name="approved_on")
    title: Text
    # keywords a respondent (or the ranking) finds it by
    topics: tuple[Text, ...] = ()
    text: Text
    # the questions or consultations it was written for, in words
    written_for: tuple[Text, ...] = ()
    origin: Origin | None = None

    SIGN_OFF: ClassVar[tuple[str, str]] = ("approved_by", "approved_on")

    def __post_init__(self) -> None:
        super().__post_init__()
        strip_fields(self, "title", "text", "topics", "written_for")
        if "\n" in self.text:  # as a definition's: exports get sentences whole
            force_setattr(self, "text", unwrap(self.text))

    @property
    def approved_by(self) -> str | None:
        return self.vetted_by

    @property
    def approved_on(self) -> dt.date | None:
        return self.vetted_on


Entry = Concept | Organisation | Passage | Position
# an entry's `kind` -> its model, in the order entries are listed
KINDS: dict[str, type[Entry]] = {
    "concept": Concept,
    "organisation": Organisation,
    "passage": Passage,
    "position": Position,
}
