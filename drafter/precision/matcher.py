"""Find every designation and organisation name in one pass (Aho-Corasick over folded text).

The library is compiled once into an automaton whose keys are folded designations, their
plurals and hyphen/space variants, and organisation names and aliases. A scan yields every
occurrence; occurrences that are not whole words are dropped, and of overlapping ones the
leftmost-longest wins, so "Wales Co-operative Centre" hides the "co-operative" inside it.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING, NamedTuple

import ahocorasick

from drafter.precision.normalise import fold_keep_case, fold_term

if TYPE_CHECKING:
    from drafter.library import Library
    from drafter.library.schema import Designation


class Pattern(NamedTuple):
    """What one automaton key stands for (a NamedTuple: immutable like a frozen dataclass,
    and a library's few hundred are built in a third of the time)."""

    kind: str  # "term" or "org"
    entry_id: str
    written: str  # the designation or name as the library writes it
    designation: Designation | None = None
    plural: bool = False
    generated: bool = False  # a plural or hyphen variant the library did not spell out
    case_sensitive: bool = False

    @property
    def rank(self) -> tuple[int, int, int]:
        """Lower ranks first: explicit before generated, case-sensitive first, orgs first."""
        return (int(self.generated), int(not self.case_sensitive), int(self.kind != "org"))


class Hit(NamedTuple):
    """One occurrence: folded offsets [start, end) and the pattern it matched."""

    start: int
    end: int
    pattern: Pattern

    @property
    def kind(self) -> str:
        return self.pattern.kind

    @property
    def entry_id(self) -> str:
        return self.pattern.entry_id


def plural_of(word: str) -> str:
    """Regular English plural of the last word of a designation."""
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


def hyphen_variants(term: str) -> list[str]:
    """Every way of writing the hyphens of `term` as hyphens or spaces (at most 3 hyphens)."""
    parts = term.split("-")
    if len(parts) == 1 or len(parts) > 4:
        return [term]
    out = []
    for joins in itertools.product("- ", repeat=len(parts) - 1):
        out.append(parts[0] + "".join(j + p for j, p in zip(joins, parts[1:], strict=True)))
    return out


class Matcher:
    """An automaton compiled from one library."""

    def __init__(self, library: Library):
        table: dict[str, list[Pattern]] = {}

        def add(key: str, pattern: Pattern) -> None:
            if key.strip():
                table.setdefault(key, []).append(pattern)

        for concept in library.concepts.values():
            for term in concept.terms:
                folded = fold_term(term.text)
                cs = term.match.case_sensitive
                spellings = hyphen_variants(folded) if term.match.hyphen_variants else [folded]
                for i, spelling in enumerate(spellings):
                    base = Pattern("term", concept.id, term.text, term, False, i > 0, cs)
                    add(spelling, base)
                    if term.match.plurals and len(spelling) > 1:
                        # an abbreviation takes a bare s: CBSs, CICs
                        abbreviation = term.kind == "abbreviation"
                        plural = spelling + "s" if abbreviation else _plural_phrase(spelling)
                        add(plural, Pattern("term", concept.id, term.text, term, True, True, cs))
        for org in library.organisations.values():
            for name in (org.name, *org.aliases):
                for i, spelling in enumerate(hyphen_variants(fold_term(name))):
                    add(spelling, Pattern("org", org.id, name, None, False, i > 0, False))
        self.table = {k: sorted(v, key=lambda p: p.rank) for k, v in table.items()}
        self.keys = list(self.table)
        # the pattern to use without looking at the written text, where there is one
        self.simple = [
            p[0] if not p[0].case_sensitive and p[0].kind != "org" else None
            for p in self.table.values()
        ]
        self.automaton = ahocorasick.Automaton()
        for index, key in enumerate(self.keys):
            self.automaton.add_word(key, (index, len(key)))
        if self.keys:
            self.automaton.make_automaton()

    def scan(self, folded: str, original: str, to_original) -> list[Hit]:
        """Whole-word, leftmost-longest occurrences in `folded` (see the module docstring)."""
        if not self.keys:
            return []
        return self._scan(folded, original, to_original)

    def _scan(self, folded: str, original: str, to_original) -> list[Hit]:
        candidates: list[tuple[int, int, int]] = []
        append = candidates.append
        n = len(folded)
        for end_index, (index, length) in self.automaton.iter(folded):
            start = end_index - length + 1
            # whole words only: no letter or digit just before or just after
            if (start and folded[start - 1].isalnum()) or (
                end_index + 1 < n and folded[end_index + 1].isalnum()
            ):
                continue
            append((start, -end_index - 1, index))
        # leftmost first; of two that overlap the longer wins, so a name hides the terms in it
        candidates.sort()
        simple = self.simple
        hits: list[Hit] = []
        for start, neg_end, index in candidates:
            end = -neg_end
            if hits and start < hits[-1].end and end - start <= hits[-1].end - hits[-1].start:
                continue
            pattern = simple[index] or self._choose(
                self.keys[index], start, end, original, to_original
            )
            if pattern is None:
                continue
            if hits and start < hits[-1].end:
                hits[-1] = Hit(start, end, pattern)
            else:
                hits.append(Hit(start, end, pattern))
        return hits

    def _choose(self, key: str, start: int, end: int, original: str, to_original):
        """The first pattern for `key` whose case rules the written text satisfies."""
        written = None
        for pattern in self.table[key]:
            if not pattern.case_sensitive and pattern.kind != "org":
                return pattern
            if written is None:
                written = original[to_original(start) : to_original(end - 1) + 1]
            if pattern.kind == "org":
                if _capitals_kept(pattern.written, written):
                    return pattern
                continue
            wanted = _dash_fold(pattern.written)
            got = _dash_fold(written)
            if got == wanted or (pattern.plural and got.startswith(wanted)):
                return pattern
        return None


def _capitals_kept(name: str, written: str) -> bool:
    """A name's capitalised words are capitalised as written ("the Co-op", not "the co-op")."""
    if written.isupper():
        return True
    name_words = _WORDS.findall(name)
    written_words = _WORDS.findall(written)
    if len(name_words) != len(written_words):
        return True
    return all(
        not n[:1].isupper() or w[:1].isupper()
        for n, w in zip(name_words, written_words, strict=True)
    )


_WORDS = re.compile(r"[^\W_]+")


def _plural_phrase(spelling: str) -> str:
    head, _, last = spelling.rpartition(" ")
    return (head + " " if head else "") + plural_of(last)


def _dash_fold(text: str) -> str:
    return " ".join(fold_keep_case(text).split())
