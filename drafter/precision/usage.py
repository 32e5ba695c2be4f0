"""Vague use (a bare term that needs its model named) and misuse contexts."""

from __future__ import annotations

import re

from drafter.precision.context import NEXT_TOKEN, Context, after_a_determiner, is_noun_use
from drafter.precision.cues import Cues
from drafter.precision.normalise import fold_stretch

# --- vague use ----------------------------------------------------------------------------------


def vague_rule(ctx: Context) -> None:
    """A bare singular use of a concept that needs its model named ('run by a mutual')."""
    k = ctx.knowledge
    for i, hit in ctx.unjudged_terms():
        concept = k.library.concepts[hit.entry_id]
        if not concept.needs_qualifier:
            continue
        designation = hit.pattern.designation
        uncountable = designation is not None and designation.part_of_speech == "uncountable noun"
        if hit.pattern.plural:
            if not _generic_subject(ctx, i):
                continue
        elif not uncountable and not after_a_determiner(ctx, i):
            continue  # "mutualism" takes no article: any use of it is bare
        if not is_noun_use(ctx, i) and not ctx.cues.generic_head.match(ctx.after(i)):
            continue  # a modifier ("mutual respect", "mutual aid"), not the bare noun
        if NEXT_TOKEN.match(ctx.after(i)).group(1) == "(" or _names_the_model(ctx, i):
            continue
        if ctx.cues.negation.search(ctx.before(i, True)):
            continue  # "is not a mutual": a denial names no model and needs none
        if ctx.cues.reporting.search(ctx.before(i)) or ctx.cues.reported_after.search(ctx.after(i)):
            continue  # "the FT described MyCSP as a mutual": someone else's word, reported
        if ctx.about_terms(i) or _defined_or_denied(ctx, i):
            continue  # "there is no single definition of a mutual": about the word
        ctx.add(
            "vague-term",
            ctx.starts[i],
            ctx.ends[i],
            concept.needs_qualifier.strip(),
            None,
            concept.id,
            (i,),
        )


def _defined_or_denied(ctx: Context, i: int) -> bool:
    """ "A mutual is not a legal form", "A mutual means ...": the sentence opens with the term
    to say what it is or is not in general, so it names no body and needs no model."""
    opening = ctx.before(i).split()
    after = ctx.after(i)
    if opening[:1] in (["being"], ["becoming"]) and len(opening) == 2 and _IS.match(after):
        return True  # "Being a mutual is about staff control": the status talked about
    if len(opening) != 1 or opening[0] not in ctx.cues.singular_determiners:
        return False
    return bool(ctx.cues.definition_after.match(after) or _DENIED.match(after))


_DENIED = re.compile(r"^\s+(?:is|are)\s+(?:not|never)\b")
_IS = re.compile(r"^\s+(?:is|was|would\s+be|means)\b")


def _generic_subject(ctx: Context, i: int) -> bool:
    """A bare plural opening its sentence as the subject ("Mutuals are an established model"):
    a claim about every kind at once."""
    return not ctx.before(i).strip() and ctx.after(i).startswith(" are ")


def _names_the_model(ctx: Context, i: int) -> bool:
    """Another hit in the sentence names a narrower concept (or an organisation that is one),
    or the sentence before it in the same paragraph names a narrower concept ("... several
    building societies became plcs. ... a larger plc took over a small mutual")."""
    k = ctx.knowledge
    broad = ctx.hits[i].entry_id
    word = fold_stretch(ctx.written(i)).rstrip("s")
    if _named_just_before(ctx, i, broad):
        return True
    for other in ctx.sentence_hits(i):
        hit = ctx.hits[other]
        if hit.kind == "term" and k.is_narrower(hit.entry_id, broad):
            return True
        if (
            hit.kind == "term"
            and hit.entry_id != broad
            and word in fold_stretch(ctx.written(other))
        ):
            return True  # "the staff mutual, a public service mutual": a longer name for it
        if hit.kind == "org":
            org = k.library.organisations[hit.entry_id]
            if any(c == broad or k.is_narrower(c, broad) for c in org.is_):
                return True
    return False


def _named_just_before(ctx: Context, i: int, broad: str) -> bool:
    """A narrower concept named in the sentence before hit i's, in the same paragraph."""
    k = ctx.knowledge
    start, _ = ctx.sentence_bounds(i)
    for j in range(i - 1, -1, -1):
        if ctx.ends[j] > start:
            continue  # in hit i's own sentence
        between = ctx.text[ctx.ends[j] : start]
        if ctx.starts[j] < start - 400 or "\n\n" in between or between.count(". ") > 1:
            return False
        hit = ctx.hits[j]
        if hit.kind == "term" and not ctx.shielded[j] and k.is_narrower(hit.entry_id, broad):
            return True
    return False


# --- misuse contexts ---------------------------------------------------------------------------


def misuse_rule(ctx: Context) -> None:
    """A concept near words its entry lists as a misuse, unless denied or excused."""
    for i, hit in enumerate(ctx.hits):
        if hit.kind != "term" or ctx.shielded[i]:
            continue
        concept = ctx.knowledge.library.concepts[hit.entry_id]
        if not concept.misuse_contexts:
            continue
        if ctx.about_terms(i) or _kind_is_the_subject(ctx, i):
            continue
        if ctx.cues.quantifier_before.search(ctx.before(i)):
            continue  # "some social enterprises are asset-locked": true of some
        before, after = ctx.before(i), ctx.after(i)
        middle = fold_stretch(ctx.written(i))
        for misuse in concept.misuse_contexts:
            if misuse.terms and not _applies_to(hit, misuse.terms):
                continue
            between = _near(ctx.cues, misuse.near, before, middle, after, misuse.side)
            if between is None or (
                misuse.within is not None and len(between.split()) > misuse.within
            ):
                continue
            if _near(ctx.cues, misuse.unless_near, before, middle, after, "either") is not None:
                continue
            if ctx.cues.negation.search(between) or ctx.cues.negation.search(before[-12:]):
                continue
            start, end = _with_near_words(ctx, i, misuse.near, misuse.side)
            ctx.add(
                "misuse-context",
                start,
                end,
                misuse.message.strip(),
                misuse.suggestion,
                concept.id,
                (i,),
                replaces=(ctx.starts[i], ctx.ends[i]),
            )
            break


_COPULA = re.compile(r"^\s*(?:is|are|was|were)\s")


def _kind_is_the_subject(ctx: Context, i: int) -> bool:
    """A narrower kind, or another model as the subject of "is", is named earlier in the
    sentence ("a credit union is a not-for-profit financial co-operative", "a CIC is an
    asset-locked social enterprise"): the entry's misuse contexts are claims about the concept
    in general, and the other entry says what holds for its own kind."""
    k = ctx.knowledge
    broad = ctx.hits[i].entry_id
    for other in ctx.sentence_hits(i):
        if other >= i:
            break
        hit = ctx.hits[other]
        if hit.kind == "term" and k.is_narrower(hit.entry_id, broad):
            return True
        if hit.kind == "term" and hit.entry_id != broad and _COPULA.match(ctx.gap(other, i)):
            return True
        if hit.kind == "org":
            org = k.library.organisations[hit.entry_id]
            if any(k.is_narrower(c, broad) for c in org.is_):
                return True
    return False


def _with_near_words(ctx: Context, i: int, words, side: str) -> tuple[int, int]:
    """The finding's span: the hit and the nearest of the words that make it a misuse
    ("Community Benefit Society ... registered with Companies House"), so a reader sees both."""
    lo, hi = ctx.sentence_bounds(i)
    start, end = ctx.starts[i], ctx.ends[i]
    key = tuple(words)
    pattern = ctx.cues.memo(("words", key), lambda: _words_pattern(key))
    best: tuple[int, int] | None = None
    for m in pattern.finditer(ctx.text[lo:hi].lower()):
        a, b = lo + m.start(), lo + m.end()
        if (b <= start and side == "after") or (a >= end and side == "before"):
            continue
        distance = start - b if b <= start else a - end
        if best is None or distance < best[0]:
            best = (distance, a if a < start else b)
    if best is None:
        return start, end
    return min(start, best[1]), max(end, best[1])


def _applies_to(hit, terms: tuple[str, ...]) -> bool:
    """The hit matched one of these designations (or its plural or hyphen variant)."""
    designation = hit.pattern.designation
    written = designation.text if designation is not None else hit.pattern.written
    return fold_stretch(written) in {fold_stretch(t) for t in terms}


def _near(cues: Cues, words, before: str, middle: str, after: str, side: str) -> str | None:
    """The text between the hit and the nearest of `words` on the allowed side, or None.

    A match that overlaps the hit ("social enterprise status") counts on either side.
    """
    if not words:
        return None
    window = before + middle + after
    lo, hi = len(before), len(before) + len(middle)
    best: str | None = None
    key = tuple(words)
    for m in cues.memo(("words", key), lambda: _words_pattern(key)).finditer(window):
        if m.end() <= lo:
            between = window[m.end() : lo] if side != "after" else None
        elif m.start() >= hi:
            between = window[hi : m.start()] if side != "before" else None
        else:
            between = ""
        if between is not None and (best is None or len(between) < len(best)):
            best = between
    return best


def _words_pattern(words: tuple[str, ...]) -> re.Pattern:
    """The near words as one pattern; each word may be written plural or possessive
    ("employee shares" also finds "employees' shares" and "employees shares")."""
    inflected = r"(?:'s|s'|s|es)?"
    bodies = sorted(
        (
            r"\s+".join(re.escape(p) + inflected for p in fold_stretch(w.strip()).split())
            for w in words
        ),
        key=len,
        reverse=True,
    )
    return re.compile(rf"(?<![\w-])(?:{'|'.join(bodies)})(?![\w-])")
