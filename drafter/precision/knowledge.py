"""What the library says about how concepts relate, and what organisations are and are not.

Relations are declared on either side (A narrower B, or B broader A; A contrast B) and read
here as one symmetric graph, so an entry author need not declare both directions.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING

from drafter.precision.cues import Cues
from drafter.precision.matcher import Matcher
from drafter.precision.names import exact_names, name_pattern

if TYPE_CHECKING:
    from drafter.library import Library


class Knowledge:
    """The compiled library: the matcher plus the relation graph."""

    def __init__(self, library: Library):
        self.library = library
        self.matcher = Matcher(library)
        self.cues = Cues()
        self.broader: dict[str, set[str]] = {c: set() for c in library.concepts}
        self.contrast: dict[str, set[str]] = {c: set() for c in library.concepts}
        self.related: dict[str, set[str]] = {c: set() for c in library.concepts}
        for concept in library.concepts.values():
            rel = concept.relations
            for other in rel.broader:
                self.broader[concept.id].add(other)
            for other in rel.narrower:
                self.broader.setdefault(other, set()).add(concept.id)
            for other in rel.contrast:
                self.contrast[concept.id].add(other)
                self.contrast.setdefault(other, set()).add(concept.id)
            for other in rel.related:
                self.related[concept.id].add(other)
                self.related.setdefault(other, set()).add(concept.id)
        self._ancestors: dict[str, frozenset[str]] = {}

    @functools.cached_property
    def exact_names(self) -> dict[str, str]:
        """Organisation and statute names as their owners write them."""
        return exact_names(self.library)

    @functools.cached_property
    def name_pattern(self) -> re.Pattern | None:
        return name_pattern(self.exact_names)

    @functools.cached_property
    def presupposed(self) -> dict[str, tuple[str, ...]]:
        """The words that say a body is of a kind ("demutualise": a mutual), lower-cased, each
        mapped to the kinds it says (several entries may list the same words)."""
        out: dict[str, tuple[str, ...]] = {}
        for concept in self.library.concepts.values():
            for word in concept.presupposed_by:
                key = " ".join(word.casefold().split())
                out[key] = (*out.get(key, ()), concept.id)
        return out

    @functools.cached_property
    def presupposition_pattern(self) -> re.Pattern | None:
        """`presupposed`'s words as one pattern (None if the library has none)."""
        if not self.presupposed:
            return None
        words = sorted(self.presupposed, key=len, reverse=True)
        body = "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in words)
        return re.compile(rf"(?<![\w-])(?:{body})(?![\w-])")

    @functools.cached_property
    def definition_runs(self) -> dict[str, tuple[str, ...]]:
        """Every run of SHINGLE words in a concept's definitions (short, definition, response
        definition, quotation), mapped to the concepts whose definitions hold it: how a text
        that defines one kind in another's words is recognised."""
        index: dict[str, tuple[str, ...]] = {}
        for concept in self.library.concepts.values():
            texts = (concept.short, concept.definition, concept.response_definition)
            cid = concept.id
            for run in set(shingles(" ".join(t or "" for t in (*texts, concept.quotation)))):
                index[run] = (*index[run], cid) if run in index else (cid,)
        return index

    def ancestors(self, concept: str) -> frozenset[str]:
        """Every concept broader than `concept`, transitively (not itself)."""
        if concept not in self._ancestors:
            seen: set[str] = set()
            todo = list(self.broader.get(concept, ()))
            while todo:
                current = todo.pop()
                if current in seen or current == concept:
                    continue
                seen.add(current)
                todo.extend(self.broader.get(current, ()))
            self._ancestors[concept] = frozenset(seen)
        return self._ancestors[concept]

    def is_narrower(self, narrow: str, broad: str) -> bool:
        return broad in self.ancestors(narrow)

    def contrasts(self, a: str, b: str) -> bool:
        return b in self.contrast.get(a, ()) or a in self.contrast.get(b, ())

    def contrasts_inherited(self, a: str, b: str) -> bool:
        """A contrast declared on either concept or on anything broader than it.

        Credit unions are co-operatives, and co-operatives contrast with social enterprises,
        so "social enterprises such as credit unions" runs two different models together.
        """
        if self.contrasts(a, b):
            return True
        if self.hierarchical(a, b):
            return False
        return any(self.contrasts(x, b) for x in self.ancestors(a)) or any(
            self.contrasts(a, y) for y in self.ancestors(b)
        )

    def hierarchical(self, a: str, b: str) -> bool:
        return self.is_narrower(a, b) or self.is_narrower(b, a)

    def narrower_exists(self, broad: str, concepts: set[str]) -> bool:
        return any(self.is_narrower(c, broad) for c in concepts)

    def claim_is_wrong(self, org_id: str, concept: str) -> str | None:
        """Why saying organisation `org_id` is a `concept` is wrong, or None if not known wrong.

        Wrong when the organisation is recorded as not being the concept or anything broader
        than it (not a co-operative, so not a worker co-operative either), or when it is
        recorded as a concept that contrasts with the claimed one.
        """
        org = self.library.organisations[org_id]
        excluded = ({concept} | self.ancestors(concept)) & set(org.is_not)
        if excluded:
            return "is-not"
        for actual in org.is_:
            if actual == concept or concept in self.ancestors(actual):
                return None
        for actual in org.is_:
            if self.contrasts(actual, concept):
                return "contrast"
        return None

    def name(self, concept: str) -> str:
        entry = self.library.concepts.get(concept)
        return entry.preferred if entry else concept


SHINGLE = 6
_WORDS = re.compile(r"[a-z0-9]+(?:['-][a-z0-9]+)*")


def shingles(text: str, limit: int | None = None) -> list[str]:
    """The runs of SHINGLE consecutive words in `text` (in its first `limit` words), lower-cased."""
    words = _WORDS.findall(text.casefold())[:limit]
    return [" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]


def knowledge_of(library: Library) -> Knowledge:
    """The compiled form of `library`, built once and kept on the library object itself (no
    module-level cache: two libraries never share or evict each other's compiled form)."""
    built = library.compiled
    if not isinstance(built, Knowledge):
        built = Knowledge(library)
        library.compiled = built
    return built
