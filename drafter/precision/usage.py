"""Vague use (a bare term that needs its model named) and misuse contexts."""

from __future__ import annotations

import re

from drafter.precision.context import (
    NEXT_TOKEN,
    Context,
    about_the_terms,
    is_noun_use,
)
from drafter.precision.cues import Cues
from drafter.precision.normalise import fold_snippet

# --- vague use ----------------------------------------------------------------------------------


def vague_rule(ctx: Context) -> None:
    """A bare singular use of a concept that needs its model named ('run by a mutual')."""
    k = ctx.knowledge
    for i, hit in enumerate(ctx.hits):
        if hit.kind != "term" or ctx.shielded[i] or i in ctx.covered:
            continue
        concept = k.library.concepts[hit.entry_id]
        if not concept.needs_qualifier:
            continue
        if hit.pattern.plural:
            if not _bare_plural_subject(ctx, i):
                continue
        elif not _after_a_singular_determiner(ctx, i):
            continue
        if not is_noun_use(ctx, i):
            continue  # a modifier ("mutual respect", "mutual model"), not the bare noun
        if NEXT_TOKEN.match(ctx.after(i)).group(1) == "(" or _names_the_model(ctx, i):
            continue
        if ctx.cues.negation.search(ctx.before(i, True)) or about_the_terms(ctx, i):
            continue  # "is not a mutual", "no definition of a mutual": no model is needed
        ctx.add(
            "vague-term",
            ctx.starts[i],
            ctx.ends[i],
            concept.needs_qualifier.strip(),
            None,
            concept.id,
            (i,),
        )


def _bare_plural_subject(ctx: Context, i: int) -> bool:
    """'Mutuals are an established model': a bare plural opening its sentence as the subject,
    in a sentence that says nothing of who owns or controls them."""
    if ctx.before(i).strip(" \"'*_"):
        return False
    after = ctx.after(i)
    if not re.match(r"\s+(?:are|were|have|remain|can|could|should|would|will)\b", after):
        return False
    return not ctx.cues.ownership.search(after)


def _after_a_singular_determiner(ctx: Context, i: int) -> bool:
    """'a mutual', or with up to two open-class modifiers that name no model: 'a staff mutual',
    'an employee-led mutual' (a modifier that names a model is matched as its own term)."""
    words = ctx.before(i).split()[-3:]
    c = ctx.cues
    for n in range(1, len(words) + 1):
        det, modifiers = words[-n], words[len(words) - n + 1 :]
        if det in c.singular_determiners:
            if modifiers and det not in ("a", "an"):
                return False  # "the staff mutual" refers back to one already named
            return all(w[:1].isalpha() and w not in c.function_words for w in modifiers)
    return False


def _names_the_model(ctx: Context, i: int) -> bool:
    """Another hit in the sentence names a narrower concept (or an organisation that is one)."""
    k = ctx.knowledge
    broad = ctx.hits[i].entry_id
    for other in ctx.sentence_hits(i):
        hit = ctx.hits[other]
        if hit.kind == "term" and k.is_narrower(hit.entry_id, broad):
            return True
        if hit.kind == "org":
            org = k.library.organisations[hit.entry_id]
            if any(c == broad or k.is_narrower(c, broad) for c in org.is_):
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
        if _about_a_narrower_kind(ctx, i):
            continue  # "a credit union is a not-for-profit co-operative": not every co-operative
        before, after = ctx.before(i), ctx.after(i)
        middle = fold_snippet(ctx.written(i))
        for misuse in concept.misuse_contexts:
            if misuse.terms and not _applies_to(hit, misuse.terms):
                continue
            between = _near(ctx.cues, misuse.near, before, middle, after, misuse.side)
            if between is None:
                continue
            if _near(ctx.cues, misuse.unless_near, before, middle, after, "either") is not None:
                continue
            if ctx.cues.negation.search(between) or ctx.cues.negation.search(before[-12:]):
                continue
            ctx.add(
                "misuse-context",
                ctx.starts[i],
                ctx.ends[i],
                misuse.message.strip(),
                misuse.suggestion,
                concept.id,
                (i,),
            )
            break


def _about_a_narrower_kind(ctx: Context, i: int) -> bool:
    """An earlier hit in the sentence names a narrower kind of hit i's concept: the sentence is
    about that kind, so a warning about the broad concept in general does not apply."""
    k = ctx.knowledge
    broad = ctx.hits[i].entry_id
    return any(
        other < i
        and ctx.hits[other].kind == "term"
        and k.is_narrower(ctx.hits[other].entry_id, broad)
        for other in ctx.sentence_hits(i)
    )


def _applies_to(hit, terms: tuple[str, ...]) -> bool:
    """The hit matched one of these designations (or its plural or hyphen variant)."""
    designation = hit.pattern.designation
    written = designation.text if designation is not None else hit.pattern.written
    return fold_snippet(written) in {fold_snippet(t) for t in terms}


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
    bodies = sorted(
        (r"\s+".join(re.escape(p) for p in fold_snippet(w.strip()).split()) for w in words),
        key=len,
        reverse=True,
    )
    return re.compile(rf"(?<![\w-])(?:{'|'.join(bodies)})(?:s|es)?(?![\w-])")
