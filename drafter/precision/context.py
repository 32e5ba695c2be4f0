"""The text being judged: its hits, the sentence around each, and the rule table.

Rule ids, severities and explanations are in the registry of rules.py (and docs/precision.md). The
rules themselves live in designations.py, frames.py, usage.py and coverage.py; every judgement
reads library data, and grammar cues come from cue_words.py.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

from drafter.precision.cues import Cues
from drafter.precision.finding import Finding
from drafter.precision.knowledge import Knowledge
from drafter.precision.matcher import Hit
from drafter.precision.normalise import Folded, fold_stretch
from drafter.precision.segment import Spans, boundaries, in_proper_name
from drafter.precision.wording import for_readers

# how far around a hit a rule looks (characters): keeps a text with no full stop linear
_WINDOW = 240


class Context:
    """One text being checked, its hits, and the sentence around each (found lazily).

    (A plain class: a dataclass of this size cost ~1.5 ms to create at every start.)"""

    def __init__(
        self,
        text: str,
        folded: Folded,
        hits: list[Hit],
        starts: list[int],  # original start of each hit
        ends: list[int],  # original end of each hit
        shielded: list[bool],  # quoted, a title, an address or part of a name: not judged
        knowledge: Knowledge,
        cues: Cues,
    ) -> None:
        self.text = text
        # rule id -> severity: given by the rule runner (rules.py), which owns the registry
        self.severity_of: dict[str, str] = {}
        self.folded = folded
        self.hits = hits
        self.starts = starts
        self.ends = ends
        self.shielded = shielded
        self.knowledge = knowledge
        self.cues = cues
        self.named: set[int] = set()  # part of a proper name: not a use at all
        self.glossary: tuple[int, int] | None = None  # the glossary of a rendered response
        self.cited: list[tuple[int, int]] = []  # lists of cited works
        self.findings: list[Finding] = []
        self.covered: set[int] = set()  # hits already explained by a finding
        # where sentences begin, found only in the stretches of text around hits
        self.breaks: list[int] = []
        self._before: dict[tuple[int, bool], str] = {}
        self._after: dict[int, str] = {}

    def sentence_bounds(self, i: int) -> tuple[int, int]:
        """Hit i's sentence, cut at _WINDOW characters either side of the hit."""
        k = bisect.bisect_right(self.breaks, self.starts[i]) - 1
        start = max(self.breaks[k] if k >= 0 else 0, self.starts[i] - _WINDOW, 0)
        k = bisect.bisect_left(self.breaks, self.ends[i])
        end = self.breaks[k] if k < len(self.breaks) else len(self.text)
        return start, min(end, self.ends[i] + _WINDOW, len(self.text))

    def same_sentence(self, i: int, j: int) -> bool:
        """No sentence boundary between hit i and hit j."""
        lo, hi = (i, j) if i < j else (j, i)
        if self.starts[hi] - self.ends[lo] > _WINDOW:
            return False
        k = bisect.bisect_right(self.breaks, self.ends[lo])
        return k >= len(self.breaks) or self.breaks[k] > self.starts[hi]

    def gap(self, i: int, j: int) -> str:
        """The folded text between hit i and hit j."""
        return fold_stretch(self.text[self.ends[i] : self.starts[j]])

    def before(self, i: int, clause: bool = False) -> str:
        """Folded text from the start of hit i's sentence (or clause) to the hit."""
        key = (i, clause)
        if key not in self._before:
            sent_start, _ = self.sentence_bounds(i)
            chunk = fold_stretch(self.text[sent_start : self.starts[i]])
            if clause:
                cut = max(chunk.rfind(c) for c in ",;:()")
                chunk = chunk[cut + 1 :]
            self._before[key] = chunk
        return self._before[key]

    def after(self, i: int) -> str:
        if i not in self._after:
            _, sent_end = self.sentence_bounds(i)
            self._after[i] = fold_stretch(self.text[self.ends[i] : sent_end])
        return self._after[i]

    def sentence(self, i: int) -> str:
        """Hit i's whole sentence, folded."""
        return self.before(i) + fold_stretch(self.written(i)) + self.after(i)

    def about_terms(self, i: int) -> bool:
        """Hit i's sentence is about words, not bodies ("no single definition of a mutual")."""
        return bool(self.cues.metalinguistic.search(self.sentence(i)))

    def written(self, i: int) -> str:
        return self.text[self.starts[i] : self.ends[i]]

    def sentence_hits(self, i: int) -> range:
        """Indexes of the hits in hit i's sentence."""
        lo = i
        while lo > 0 and self.same_sentence(lo - 1, i):
            lo -= 1
        hi = i
        while hi + 1 < len(self.hits) and self.same_sentence(i, hi + 1):
            hi += 1
        return range(lo, hi + 1)

    def unjudged_terms(self):
        """(index, hit) for each concept hit not shielded and not yet explained by a finding,
        read as the rules go (a finding made meanwhile covers its hits)."""
        for i, hit in enumerate(self.hits):
            if hit.kind == "term" and not self.shielded[i] and i not in self.covered:
                yield i, hit

    def add(
        self,
        rule: str,
        start: int,
        end: int,
        message: str,
        suggestion: str | None,
        concept: str | None,
        hits: tuple[int, ...] = (),
        replaces: tuple[int, int] | None = None,
    ) -> None:
        severity = self.severity_of[rule]
        message = for_readers(message)
        suggestion = for_readers(suggestion) if suggestion else suggestion
        text = self.text[start:end]
        self.findings.append(
            Finding(rule, severity, start, end, text, message, suggestion, concept, False, replaces)
        )
        self.covered.update(hits)


def build_context(
    text: str, folded: Folded, hits: list[Hit], knowledge: Knowledge, cues: Cues, shield: Spans
) -> Context:
    starts = [folded.original(h.start) for h in hits]
    ends = [folded.original_end(h.end) for h in hits]
    ctx = Context(text, folded, hits, starts, ends, [], knowledge, cues)
    for lo, hi in _regions(starts, ends):
        ctx.breaks.extend(boundaries(text, lo, hi, cues.abbreviations))
    for i in range(len(hits)):
        shielded = shield.covers(starts[i], ends[i])
        if not shielded and _may_be_named(ctx, i):
            shielded = _in_name(ctx, i)
            if shielded:
                ctx.named.add(i)
        ctx.shielded.append(shielded)
    return ctx


def first_uses(
    text: str,
    folded: Folded,
    hits: list[Hit],
    knowledge: Knowledge,
    cues: Cues,
    shield: Callable[[], Spans],
) -> list[str]:
    """Ids of the concepts whose terms `hits` holds, in order of first use, leaving out hits
    that are part of a proper name: what build_context's `named` gives, at a fraction of the
    cost. Only a concept's first capitalised hits need the name test, so sentence breaks are
    found only in their regions (the same breaks build_context finds there; a hit's sentence
    never reaches past its region) and the shield is built only if one is needed.
    """
    starts = [folded.original(h.start) for h in hits]
    ends = [folded.original_end(h.end) for h in hits]
    ctx = Context(text, folded, hits, starts, ends, [], knowledge, cues)
    regions = _regions(starts, ends)
    region = 0  # hits come in order, so their regions do too
    searched = -1
    spans: Spans | None = None
    seen: dict[str, None] = {}
    for i, hit in enumerate(hits):
        if hit.kind != "term" or hit.entry_id in seen:
            continue
        if _may_be_named(ctx, i):
            if spans is None:
                spans = shield()
            if not spans.covers(starts[i], ends[i]):
                while regions[region][1] < ends[i] + _WINDOW + 2:
                    region += 1
                if region != searched:
                    lo, hi = regions[region]
                    ctx.breaks.extend(boundaries(text, lo, hi, cues.abbreviations))
                    searched = region
                if _in_name(ctx, i):
                    continue
        seen[hit.entry_id] = None
    return list(seen)


def _regions(starts: list[int], ends: list[int]) -> list[list[int]]:
    """The stretches of text within reach of a hit's sentence (_WINDOW either side), merged."""
    regions: list[list[int]] = []
    for start, end in zip(starts, ends, strict=True):
        lo, hi = start - _WINDOW - 2, end + _WINDOW + 2
        if regions and lo <= regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], hi)
        else:
            regions.append([lo, hi])
    return regions


def _may_be_named(ctx: Context, i: int) -> bool:
    """A term written with a capital: it may be part of a proper name."""
    return ctx.hits[i].kind == "term" and ctx.text[ctx.starts[i] : ctx.starts[i] + 1].isupper()


def _in_name(ctx: Context, i: int) -> bool:
    sent_start, _ = ctx.sentence_bounds(i)
    return in_proper_name(ctx.text, ctx.starts[i], ctx.ends[i], sent_start)


NEXT_TOKEN = re.compile(r"^\s*([\w'-]+|[^\w\s])?")
LAST_WORD = re.compile(r"([\w'-]+)\s*$")


# words that may stand between a determiner and what it describes though they are closed-class
# ("the UK's only mutually owned bank", "Britain's most famous mutual")
RANKING = frozenset({"only", "most", "more", "very"})


def after_a_determiner(ctx: Context, i: int, *, possessive: bool = False) -> bool:
    """A singular determiner (or, if `possessive`, a possessive such as "Britain's") before hit
    i, perhaps with one or two describing words between ("a staff mutual", "Britain's most
    famous mutual"): the hit describes one body."""
    words = [w for w in (w.strip("'\"‘’“”") for w in ctx.before(i).split()) if w][-3:]
    for back in range(1, len(words) + 1):
        word = words[-back].strip(",;:()")
        if word in ctx.cues.singular_determiners or (possessive and word.endswith("'s")):
            return True
        closed = word in ctx.cues.function_words and word not in RANKING
        if back == 3 or not word[:1].isalpha() or closed:
            return False
    return False


def is_noun_use(ctx: Context, i: int) -> bool:
    """Hit i is not followed by an open-class word it modifies ("mutual respect")."""
    nxt = NEXT_TOKEN.match(ctx.after(i)).group(1)
    return not (nxt and nxt[0].isalnum() and nxt not in ctx.cues.function_words)


def negated(ctx: Context, i: int, gap: str, *, phrase: bool = False) -> bool:
    """A denial in the gap or earlier in the clause, or a reporting verb earlier in the
    sentence or in a tag after it ("..., says the report"), turns the claim off.

    With `phrase`, the claim sits inside a noun phrase ("a John Lewis-style mutual"): only a
    denial just before it ("not a ...") counts, not one of the clause's verb ("it's not been an
    easy ride for a John Lewis-style mutual")."""
    c = ctx.cues
    clause = ctx.before(i, True)
    if phrase:
        clause = " ".join(clause.split()[-3:])
    return bool(
        c.negation.search(gap)
        or c.negation.search(clause)
        or c.reporting.search(ctx.before(i))
        or c.metalinguistic.search(ctx.before(i))
        or c.reported_after.search(ctx.after(i))
    )
