"""The library entry format (docs/library-format.md): concepts, organisations and passages.

Concept entries follow the TBX concept-oriented model: one entry per concept, several
designations each with an administrative status. Everything the precision check knows comes
from these fields; no word lists live in Python.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

EntryStatus = Literal["draft", "vetted", "retired"]
TermStatus = Literal["preferred", "admitted", "deprecated", "superseded"]
TermKind = Literal["full-form", "short-form", "abbreviation", "variant"]
WelshStatus = Literal["legislation", "official-usage", "sector-usage", "unverified"]


# text that must say something: surrounding blanks are dropped, an empty or blank value is an error
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class Strict(BaseModel):
    # Validators are built on first use: a render served from the cache never needs them.
    # So defaults are made with model_construct (all-default, nothing to validate).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Source(Strict):
    """A citation. `ref` is the number in the reference fact sheet, kept for traceability."""

    title: Text
    publisher: str | None = None
    year: str | None = None
    url: str | None = None
    section: str | None = None
    ref: int | None = None

    @field_validator("year", mode="before")
    @classmethod
    def _year_as_text(cls, value: object) -> object:
        # `year: 2014` in hand-written YAML is an int; keep it as the text it means
        return str(value) if isinstance(value, int) else value


class Match(Strict):
    """How a designation is found in text."""

    case_sensitive: bool = False
    plurals: bool = True
    # "co-operative", "co operative" and "co‑operative" (U+2011) are the same designation
    hyphen_variants: bool = True


class Designation(Strict):
    text: str = Field(min_length=1)
    status: TermStatus = "preferred"
    kind: TermKind = "full-form"
    note: str | None = None
    # for deprecated/superseded designations: what to write instead (default: the preferred)
    use_instead: str | None = None
    match: Match = Match.model_construct()

    @field_validator("text")
    @classmethod
    def _has_letters(cls, value: str) -> str:
        if not any(ch.isalnum() for ch in value):
            raise ValueError("a designation needs at least one letter or digit")
        return value.strip()


class Relations(Strict):
    broader: tuple[str, ...] = ()
    narrower: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    # concepts that are different models and must not be run together ("X/Y", "X such as Y")
    contrast: tuple[str, ...] = ()


class Translation(Strict):
    text: str = Field(min_length=1)
    status: WelshStatus
    note: str | None = None
    sources: tuple[Source, ...] = ()


class MisuseContext(Strict):
    """Using the concept near these words is a misuse (e.g. co-production of a survey)."""

    near: tuple[Text, ...] = Field(min_length=1)
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


class Examples(Strict):
    must_flag: tuple[str, ...] = ()
    must_pass: tuple[str, ...] = ()


class EntryBase(Strict):
    id: str
    version: int = Field(ge=1)
    status: EntryStatus
    vetted_by: str | None = None
    vetted_on: dt.date | None = None
    review_by: dt.date | None = None
    sources: tuple[Source, ...] = ()

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", value):
            raise ValueError(
                f"{value!r} is not an id: use lower-case letters, digits and hyphens "
                "(e.g. worker-co-operative)"
            )
        return value


class Concept(EntryBase):
    kind: Literal["concept"] = "concept"
    subject: str
    short: Text
    definition: Text
    # a statutory or official definition quoted word for word, with its source
    quotation: str | None = None
    quotation_source: Source | None = None
    terms: tuple[Designation, ...] = Field(min_length=1)
    relations: Relations = Relations.model_construct()
    # a bare use is vague: the writer should name the model (e.g. "mutual" -> which mutual?)
    needs_qualifier: str | None = None
    misuse_contexts: tuple[MisuseContext, ...] = ()
    distinguish: tuple[str, ...] = ()
    misuses: tuple[str, ...] = ()
    translations: dict[str, tuple[Translation, ...]] = {}
    examples: Examples = Examples.model_construct()

    @property
    def preferred(self) -> str:
        for term in self.terms:
            if term.status == "preferred":
                return term.text
        return self.terms[0].text


class Organisation(EntryBase):
    kind: Literal["organisation"]
    name: Text
    aliases: tuple[Text, ...] = ()
    description: Text
    is_: tuple[str, ...] = Field(default=(), alias="is")
    is_not: tuple[str, ...] = ()
    # concept ids the sources neither confirm nor rule out: a claim using one is unverified
    not_verified: tuple[str, ...] = ()
    checked_on: dt.date | None = None
    examples: Examples = Examples.model_construct()

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Passage(EntryBase):
    kind: Literal["passage"]
    title: Text
    text: Text
    uses: tuple[str, ...] = ()


Entry = Concept | Organisation | Passage
