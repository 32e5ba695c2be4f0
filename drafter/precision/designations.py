"""House spelling, deprecated and superseded designations, with the preferred as the fix."""

from __future__ import annotations

from drafter.precision.context import Context
from drafter.precision.matcher import plural_of

# --- designations ---------------------------------------------------------------------------


def designation_rules(ctx: Context) -> None:
    """House spelling, deprecated and superseded designations, with the preferred as the fix."""
    for i, hit in enumerate(ctx.hits):
        term = hit.pattern.designation
        if hit.kind != "term" or term is None:
            continue
        if ctx.shielded[i]:
            if i in ctx.named and term.statute_instead:
                _superseded_statute(ctx, i)
            continue
        if term.register == "informal":
            _informal(ctx, i)
            continue
        if term.status not in ("deprecated", "superseded"):
            continue
        if ctx.cues.mention_before.search(ctx.before(i)):
            continue  # the old name is mentioned, not used: "formerly known as ..."
        if term.status == "superseded" and ctx.cues.period.search(ctx.sentence(i)):
            continue  # the old name for its own time: "in the past ... were known as ..."
        concept = ctx.knowledge.library.concepts[hit.entry_id]
        fix = term.use_instead or concept.preferred
        if fix.casefold() == term.text.casefold():
            continue
        written = ctx.written(i)
        replacement = _shape_like(fix, written, hit.pattern.plural)
        if term.status == "superseded":
            rule = "superseded-term"
            why = f"'{written}' is a superseded designation; the current one is '{fix}'."
        elif _letters(term.text) == _letters(fix):
            rule = "house-spelling"
            why = f"'{written}' is not the house spelling; write '{replacement}'."
        else:
            rule = "deprecated-term"
            why = f"'{written}' is a deprecated designation; use '{fix}'."
        if term.note:
            why += " " + term.note.strip()
        ctx.add(rule, ctx.starts[i], ctx.ends[i], why, replacement, concept.id, (i,))


def _superseded_statute(ctx: Context, i: int) -> None:
    """ "registration under the Industrial and Provident Societies Acts": a superseded name
    inside its statute's name, cited as the law in force rather than placed in its period."""
    c = ctx.cues
    statute = c.statute_after.match(ctx.text[ctx.ends[i] : ctx.ends[i] + 40].casefold())
    if not statute or c.mention_before.search(ctx.before(i)) or c.period.search(ctx.sentence(i)):
        return
    term = ctx.hits[i].pattern.designation
    end = ctx.ends[i] + statute.end()
    written = ctx.text[ctx.starts[i] : end]
    why = (
        f"'{written}' is cited as the law in force, but it was replaced: the current statute is "
        f"the {term.statute_instead}. Keep the old name only for its own period."
    )
    concept = ctx.hits[i].entry_id
    ctx.add("superseded-term", ctx.starts[i], end, why, term.statute_instead, concept, (i,))


def _informal(ctx: Context, i: int) -> None:
    """An informal designation ("co-op"): clear, so a suggestion of style, never an error."""
    hit = ctx.hits[i]
    concept = ctx.knowledge.library.concepts[hit.entry_id]
    written = ctx.written(i)
    preferred = hit.pattern.designation.use_instead or concept.preferred
    fix = _shape_like(preferred, written, hit.pattern.plural)
    why = f"'{written}' is informal; a formal response writes '{fix}'."
    ctx.add("informal-term", ctx.starts[i], ctx.ends[i], why, fix, concept.id, (i,))


def _letters(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _shape_like(fix: str, written: str, plural: bool) -> str:
    """The replacement with the plural and the initial capital of what was written."""
    if plural:
        # "registered society (co-operative society or ...)": the plural goes on the term, not
        # on the explanation in brackets after it
        term, bracket, rest = fix.partition(" (")
        head, _, last = term.rpartition(" ")
        fix = (head + " " if head else "") + plural_of(last) + bracket + rest
    if written.isupper() and len(written) > 1:
        return fix.upper()
    if written[:1].isupper() and fix[:1].islower():
        fix = fix[:1].upper() + fix[1:]
    return fix
