"""Which vetted passages and positions fit a question: BM25 (bm25s) over the library's
quotable entries, all local, each result explained by the keywords it shares with the question.

The index is built once per library (title and topics count twice: they say what an entry is
about); ranking a question then scores every entry in one vectorised pass, well under a
millisecond for thousands of entries.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from drafter.errors import InputError
from drafter.reuse.refs import vetted_texts

if TYPE_CHECKING:
    from drafter.library import Library

QUOTABLE = ("position", "passage")  # positions first: the organisation's own view
TOP = 3
WHY_WORDS = 4

_TOKEN = re.compile(r"[a-z0-9]+(?:[-'’][a-z0-9]+)*")
# common words that say nothing about a topic, and the words every question uses
STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers him his how i if in into is it its
    itself just may me might more most must my no nor not now of off on once only or other our
    ours out over own same she should so some such than that the their them then there these
    they this those through to too under until up very was we were what when where which while
    who whom why will with would you your yours please question questions think view views
    agree disagree explain answer any yes like made make give given way ways""".split()  # noqa: SIM905
)


def tokens(text: str) -> list[str]:
    """Lower-case words without stop words, a hyphen or apostrophe dropped ("co-operative"
    and "cooperative" are one word) and a plural -s taken off."""
    seen = _SEEN
    out = []
    for word in _TOKEN.findall(text.lower()):
        token = seen.get(word)
        if token is None:
            token = seen[word] = _token(word)
        if token:
            out.append(token)
    return out


# word -> its token ("" for a stop word): a library repeats its words many times over
_SEEN: dict[str, str] = {}


def _token(word: str) -> str:
    word = word.replace("-", "").replace("'", "").replace("’", "")
    return "" if word in STOPWORDS or len(word) < 2 else stem(word)


def stem(word: str) -> str:
    """A light stem: enough that "co-operatives" meets "co-operative", "services" meets
    "service" and "commissioners" and "commissioning" meet "commission", without a stemming
    library (the same stem on both sides is all a ranking needs)."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        word = word[:-1]
    for suffix in ("ing", "ed", "er"):
        if len(word) > len(suffix) + 5 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


@dataclass(frozen=True)
class Offer:
    """A library text offered for a question, with the one line that says why."""

    kind: str  # "position" or "passage"
    id: str
    version: int
    title: str
    text: str
    score: float
    shared: tuple[str, ...]  # the question's words it shares, most telling first

    @property
    def why(self) -> str:
        return "shares: " + ", ".join(self.shared) if self.shared else "found by search"


class Ranking:
    """The BM25 index of one library's vetted passages and positions."""

    def __init__(self, library: Library):
        import bm25s

        self.entries = [
            entry
            for kind in QUOTABLE
            for _, entry in sorted(vetted_texts(library, kind).items())
            if entry.status == "vetted"
        ]
        if not self.entries:
            raise InputError("the library has no vetted passages or positions to offer")
        corpus = [_entry_tokens(e) for e in self.entries]
        self._tokens = [set(words) for words in corpus]
        self._index = bm25s.BM25()
        self._index.index(corpus, show_progress=False)
        self._idf = _idf(self._tokens)

    def __len__(self) -> int:
        return len(self.entries)

    def offers(self, text: str, top: int = TOP, exclude: Iterable[str] = ()) -> list[Offer]:
        """Up to `top` entries that share words with `text`, best first."""
        words = tokens(text)
        if not words:
            return []
        scores = self._index.get_scores(words)
        skip = set(exclude)
        order = sorted(range(len(self.entries)), key=lambda i: (-scores[i], i))
        out = []
        for i in order:
            if scores[i] <= 0 or len(out) == top:
                break
            if self.entries[i].id not in skip:
                out.append(self._offer(i, float(scores[i]), text))
        return out

    def search(self, typed: str) -> list[Offer]:
        """Every entry whose id, title or text contains what was typed, or that shares words
        with it: the search box for entries the offers did not show."""
        wanted = typed.strip().lower()
        if not wanted:
            return [self._offer(i, 0.0, "") for i in range(len(self.entries))]
        ranked = {o.id: o for o in self.offers(typed, top=len(self.entries))}
        literal = [
            self._offer(i, 0.0, typed)
            for i, e in enumerate(self.entries)
            if e.id not in ranked and wanted in f"{e.id} {e.title} {e.text}".lower()
        ]
        return [*ranked.values(), *literal]

    def offer(self, entry_id: str, text: str = "") -> Offer:
        """The entry `entry_id` as an offer for `text` (KeyError if it is not offered)."""
        for index, entry in enumerate(self.entries):
            if entry.id == entry_id:
                return self._offer(index, 0.0, text)
        raise KeyError(entry_id)

    def _offer(self, index: int, score: float, text: str) -> Offer:
        entry = self.entries[index]
        have = self._tokens[index]
        shared: dict[str, str] = {}
        for word in _TOKEN.findall(text.lower()):
            token = tokens(word)
            if token and token[0] in have and token[0] not in shared:
                shared[token[0]] = word
        best = sorted(shared, key=lambda t: -self._idf.get(t, 0.0))[:WHY_WORDS]
        return Offer(
            kind=entry.kind,
            id=entry.id,
            version=entry.version,
            title=entry.title,
            text=entry.text,
            score=score,
            shared=tuple(shared[t] for t in best),
        )


def _entry_tokens(entry) -> list[str]:
    about = " ".join([entry.title, *getattr(entry, "topics", ()), *getattr(entry, "uses", ())])
    return tokens(about) * 2 + tokens(entry.text)


def _idf(documents: list[set[str]]) -> dict[str, float]:
    """How telling each word is: rarer across the entries, more telling."""
    import math

    counts: dict[str, int] = {}
    for words in documents:
        for word in words:
            counts[word] = counts.get(word, 0) + 1
    total = len(documents)
    return {w: math.log(1 + (total - n + 0.5) / (n + 0.5)) for w, n in counts.items()}
