"""The precision check: pure text in, findings out (docs/precision.md).

This is the stable interface the other rooms use:

    findings = check_text(text, library)          # list[Finding], positions are offsets
    terms = concepts_used(text, library)          # concept ids whose designations appear

One pass of an Aho-Corasick automaton over the folded text finds every designation and
organisation name; the rules in rules.py then judge each hit in its sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from drafter.precision.finding import Finding, Severity
from drafter.precision.rules import DOCUMENT_RULES, RULES, SEVERITIES, SEVERITY_RANK, Rule

if TYPE_CHECKING:
    from drafter.library import Library

__all__ = [
    "DOCUMENT_RULES",
    "RULES",
    "SEVERITIES",
    "SEVERITY_RANK",
    "Rule",
    "Finding",
    "Severity",
    "check_text",
    "concepts_used",
]


def check_text(
    text: str, library: Library, *, shielded: Sequence[tuple[int, int]] = ()
) -> list[Finding]:
    """Findings for one text, in order of position (the one document-level note last).

    `shielded` lists extra [start, end) spans to treat like quotations (a reader passes the
    titles it saw in italics). Suppression markers in the text mark findings suppressed.
    """
    from drafter.precision.suppress import apply_markers

    return apply_markers(text, _judge(text, library, shielded))


def _judge(text: str, library: Library, shielded: Sequence[tuple[int, int]]) -> list[Finding]:
    from drafter.precision.rules import run_rules

    ctx = _context(text, library, shielded)
    if ctx is None:
        return []
    run_rules(ctx)
    # by position; the one document-level note (terms never defined) comes last
    return sorted(ctx.findings, key=lambda f: (f.rule == "undefined-terms", f.start, f.end, f.rule))


def concepts_used(text: str, library: Library) -> list[str]:
    """Ids of concepts with a designation in `text`, in order of first appearance.

    Quoted uses count (a quoted term still needs defining); parts of proper names do not.
    """
    from drafter.precision.context import first_uses

    found = _hits(text, library)
    if found is None:
        return []
    folded, hits, knowledge = found
    c = knowledge.cues
    return first_uses(text, folded, hits, knowledge, c, lambda: _shield(text, c, ())[0])


def _hits(text: str, library: Library):
    """The folded text, its hits and the compiled library; None if there are no hits."""
    from drafter.precision.knowledge import knowledge_of
    from drafter.precision.normalise import fold

    if not text:
        return None
    knowledge = knowledge_of(library)
    folded = fold(text)
    hits = knowledge.matcher.scan(folded.text, text, folded.original)
    if not hits:
        return None
    return folded, hits, knowledge


def _shield(text: str, c, shielded: Sequence[tuple[int, int]]):
    """The spans whose hits are not judged: quotations, cited titles, the glossary's vetted
    definitions and `shielded`; and the glossary and cited spans themselves."""
    from drafter.precision.coverage import cited_spans, glossary_span
    from drafter.precision.segment import Spans, quoted_spans

    glossary = glossary_span(text, c)
    cited = cited_spans(text, c)
    quoted = [span for span in quoted_spans(text) if not _scare_quotes(text, span, c)]
    spans = Spans(quoted + cited + ([glossary] if glossary else []) + list(shielded))
    return spans, glossary, cited


def _scare_quotes(text: str, span: tuple[int, int], c) -> bool:
    """ "a 'mutual' structure": one or two words in quotation marks between an article and a
    general noun are the writer's own word held at arm's length, not someone else's words."""
    start, end = span
    if end - start > 40 or len(text[start:end].split()) > 2:
        return False
    before = text[max(0, start - 6) : start - 1].split()
    if not before or before[-1].casefold() not in ("a", "an", "the"):
        return False
    return bool(c.generic_head.match(text[end : end + 30].casefold()))


def _context(text: str, library: Library, shielded: Sequence[tuple[int, int]]):
    from drafter.precision.context import build_context

    found = _hits(text, library)
    if found is None:
        return None
    folded, hits, knowledge = found
    c = knowledge.cues
    # the glossary's vetted definitions and cited titles are not judged
    shield, glossary, cited = _shield(text, c, shielded)
    ctx = build_context(text, folded, hits, knowledge, c, shield)
    ctx.glossary, ctx.cited = glossary, cited
    return ctx
