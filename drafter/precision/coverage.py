"""Definition coverage: the glossary of a rendered response, or terms never defined."""

from __future__ import annotations

import re

from drafter.precision.context import Context
from drafter.precision.cues import Cues
from drafter.precision.segment import Spans

# --- definition coverage ---------------------------------------------------------------------


_HEADING_LINE = r"(?im)^[ \t#*_>\d.)-]*(?:{})[ \t#*_:.]*$"


def coverage_rules(ctx: Context) -> None:
    """Glossary coverage in a rendered response; a list of undefined terms in any draft."""
    glossary = ctx.glossary
    cited = Spans(ctx.cited)
    used: dict[str, int] = {}
    in_glossary: set[str] = set()
    for i, hit in enumerate(ctx.hits):
        if hit.kind != "term" or i in ctx.named or cited.covers(ctx.starts[i], ctx.ends[i]):
            continue
        if glossary and glossary[0] <= ctx.starts[i] < glossary[1]:
            in_glossary.add(hit.entry_id)
        else:
            used.setdefault(hit.entry_id, i)
    k = ctx.knowledge
    if glossary:
        for concept, i in used.items():
            if concept not in in_glossary:
                ctx.add(
                    "glossary-missing",
                    ctx.starts[i],
                    ctx.ends[i],
                    f"'{k.name(concept)}' is used but not defined in the glossary "
                    "('Terms used in this response').",
                    f"Add '{k.name(concept)}' to the glossary (render picks it up when the "
                    "answer's `define` lists it).",
                    concept,
                )
        return
    defined = _defined_in_text(ctx)
    undefined = [c for c in used if c not in defined]
    if undefined:
        names = ", ".join(k.name(c) for c in undefined)
        first = used[undefined[0]]
        ctx.add(
            "undefined-terms",
            ctx.starts[first],
            ctx.ends[first],
            f"Terms used but never defined: {names}.",
            "Define each on first use, or add a glossary of the terms used "
            "(drafter render does this from the vetted library).",
            None,
        )


def glossary_span(text: str, c: Cues) -> tuple[int, int] | None:
    """Where the glossary section lies (after its heading, up to the next heading), if any."""
    opener = _heading(c, c.glossary_headings).search(text)
    if opener is None:
        return None
    end = _heading(c, c.glossary_end_headings).search(text, opener.end())
    return opener.end(), end.start() if end else len(text)


def cited_spans(text: str, c: Cues) -> list[tuple[int, int]]:
    """Lists of cited works: from their heading to the next Markdown heading or the end."""
    spans = []
    for m in _heading(c, c.reference_headings).finditer(text):
        nxt = _NEXT_MD_HEADING.search(text, m.end())
        spans.append((m.end(), nxt.start() if nxt else len(text)))
    return spans


_NEXT_MD_HEADING = re.compile(r"(?m)^#{1,6}\s")


def _heading(c: Cues, labels: tuple[str, ...]) -> re.Pattern:
    return c.memo(
        ("heading", labels),
        lambda: re.compile(_HEADING_LINE.format("|".join(map(re.escape, labels)))),
    )


def _defined_in_text(ctx: Context) -> set[str]:
    """Concepts some sentence defines: it opens with the term and a defining cue
    ('A mutual means ...', 'Co-production: ...')."""
    defined: set[str] = set()
    for i, hit in enumerate(ctx.hits):
        if hit.kind != "term" or hit.entry_id in defined:
            continue
        sent_start, _ = ctx.sentence_bounds(i)
        if ctx.starts[i] - sent_start > 12:
            continue
        before = ctx.before(i).strip(" *_\"'-#")
        if before and before not in ("a", "an", "the", "by", "by a", "by an", "by the"):
            continue
        if ctx.cues.definition_after.match(ctx.after(i).lstrip("*_\"'")):
            defined.add(hit.entry_id)
    return defined
