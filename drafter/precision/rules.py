"""The rules: each judges the hits of one text in their sentences and returns findings.

Rule ids, severities and explanations are listed in RULES (and in docs/precision.md). Every
judgement reads library data: designation statuses, concept relations, needs_qualifier,
misuse_contexts and what organisations are and are not. Grammar cues come from cues.yaml.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from drafter.precision.cues import Cues
from drafter.precision.finding import Finding
from drafter.precision.knowledge import Knowledge
from drafter.precision.matcher import Hit, plural_of
from drafter.precision.normalise import Folded, fold_snippet
from drafter.precision.segment import Spans, boundaries, in_proper_name

RULES: dict[str, tuple[str, str]] = {
    "house-spelling": (
        "warning",
        "A designation the library marks as a deprecated spelling variant (e.g. 'cooperative' "
        "in UK text). The fix is the preferred spelling.",
    ),
    "deprecated-term": (
        "warning",
        "A designation the library marks as deprecated: it is misleading or mixes two "
        "concepts. The fix is the designation's use_instead, or the concept's preferred term.",
    ),
    "superseded-term": (
        "warning",
        "A designation the library marks as superseded (an old name, e.g. of a legal form "
        "renamed by statute). The fix is the current designation.",
    ),
    "conflation": (
        "error",
        "Two concepts the library keeps apart are run together: 'X/Y', 'X or Y' as one "
        "category, 'X such as Y' where Y is not a kind of X, 'X-style Y', 'X, i.e. Y', "
        "'Xs are Ys'. Lists naming them as separate items are fine.",
    ),
    "misattribution": (
        "error",
        "A named organisation is called something the library records it is not: 'ORG is a "
        "X', 'ORG, a X,', 'Xs such as ORG', 'ORG and other Xs', 'an ORG-style X'. Negation, "
        "quotation and titles turn it off.",
    ),
    "vague-term": (
        "warning",
        "A bare use of a concept the library says needs its model named (e.g. 'a mutual': "
        "which kind?). Naming a narrower concept in the same sentence answers it.",
    ),
    "misuse-context": (
        "warning",
        "A concept used near words the library lists as a misuse (e.g. co-production said of "
        "a consultation or survey).",
    ),
    "glossary-missing": (
        "error",
        "In a rendered response (with a 'Terms used in this response' glossary), a library "
        "term used in the text but not defined in the glossary.",
    ),
    "undefined-terms": (
        "suggestion",
        "In a draft without a glossary, one note listing the library terms used but never "
        "defined (add a glossary or define each on first use).",
    ),
}

SEVERITY_RANK = {"suggestion": 0, "warning": 1, "error": 2}

# how far around a hit a rule looks (characters): keeps a text with no full stop linear
_WINDOW = 240


@dataclass
class Context:
    """One text being checked, its hits, and the sentence around each (found lazily)."""

    text: str
    folded: Folded
    hits: list[Hit]
    starts: list[int]  # original start of each hit
    ends: list[int]  # original end of each hit
    shielded: list[bool]  # quoted, a title, an address or part of a name: not judged
    knowledge: Knowledge
    cues: Cues
    named: set[int] = field(default_factory=set)  # part of a proper name: not a use at all
    glossary: tuple[int, int] | None = None  # the glossary of a rendered response
    cited: list[tuple[int, int]] = field(default_factory=list)  # lists of cited works
    findings: list[Finding] = field(default_factory=list)
    covered: set[int] = field(default_factory=set)  # hits already explained by a finding
    # where sentences begin, found only in the stretches of text around hits
    breaks: list[int] = field(default_factory=list)
    _before: dict[tuple[int, bool], str] = field(default_factory=dict)
    _after: dict[int, str] = field(default_factory=dict)

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
        return fold_snippet(self.text[self.ends[i] : self.starts[j]])

    def before(self, i: int, clause: bool = False) -> str:
        """Folded text from the start of hit i's sentence (or clause) to the hit."""
        key = (i, clause)
        if key not in self._before:
            sent_start, _ = self.sentence_bounds(i)
            chunk = fold_snippet(self.text[sent_start : self.starts[i]])
            if clause:
                cut = max(chunk.rfind(c) for c in ",;:()")
                chunk = chunk[cut + 1 :]
            self._before[key] = chunk
        return self._before[key]

    def after(self, i: int) -> str:
        if i not in self._after:
            _, sent_end = self.sentence_bounds(i)
            self._after[i] = fold_snippet(self.text[self.ends[i] : sent_end])
        return self._after[i]

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

    def add(
        self,
        rule: str,
        start: int,
        end: int,
        message: str,
        suggestion: str | None,
        concept: str | None,
        hits: tuple[int, ...] = (),
    ) -> None:
        severity = RULES[rule][0]
        self.findings.append(
            Finding(rule, severity, start, end, self.text[start:end], message, suggestion, concept)
        )
        self.covered.update(hits)


def build_context(
    text: str, folded: Folded, hits: list[Hit], knowledge: Knowledge, cues: Cues, shield: Spans
) -> Context:
    starts = [folded.original(h.start) for h in hits]
    ends = [folded.original_end(h.end) for h in hits]
    ctx = Context(text, folded, hits, starts, ends, [], knowledge, cues)
    regions: list[list[int]] = []
    for start, end in zip(starts, ends, strict=True):
        lo, hi = start - _WINDOW - 2, end + _WINDOW + 2
        if regions and lo <= regions[-1][1]:
            regions[-1][1] = max(regions[-1][1], hi)
        else:
            regions.append([lo, hi])
    for lo, hi in regions:
        ctx.breaks.extend(boundaries(text, lo, hi, cues.abbreviations))
    for i, hit in enumerate(hits):
        shielded = shield.covers(starts[i], ends[i])
        if not shielded and hit.kind == "term" and text[starts[i] : starts[i] + 1].isupper():
            sent_start, _ = ctx.sentence_bounds(i)
            shielded = in_proper_name(text, starts[i], ends[i], sent_start)
            if shielded:
                ctx.named.add(i)
        ctx.shielded.append(shielded)
    return ctx


# --- designations ---------------------------------------------------------------------------


def designation_rules(ctx: Context) -> None:
    """House spelling, deprecated and superseded designations, with the preferred as the fix."""
    for i, hit in enumerate(ctx.hits):
        term = hit.pattern.designation
        if hit.kind != "term" or ctx.shielded[i] or term is None:
            continue
        if term.status not in ("deprecated", "superseded"):
            continue
        if ctx.cues.mention_before.search(ctx.before(i)):
            continue  # the old name is mentioned, not used: "formerly known as ..."
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


def _letters(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _shape_like(fix: str, written: str, plural: bool) -> str:
    """The replacement with the plural and the initial capital of what was written."""
    if plural:
        head, _, last = fix.rpartition(" ")
        fix = (head + " " if head else "") + plural_of(last)
    if written.isupper() and len(written) > 1:
        return fix.upper()
    if written[:1].isupper() and fix[:1].islower():
        fix = fix[:1].upper() + fix[1:]
    return fix


# --- frames: conflation and misattribution ---------------------------------------------------


def frame_rules(ctx: Context) -> None:
    """Judge each pair of neighbouring hits in a sentence by the frame between them."""
    c = ctx.cues
    hits = ctx.hits
    for i in range(len(hits) - 1):
        j = i + 1
        if ctx.shielded[i] or ctx.shielded[j] or not ctx.same_sentence(i, j):
            continue
        if ctx.starts[j] - ctx.ends[i] > 80:
            continue
        gap = ctx.gap(i, j)
        a, b = hits[i], hits[j]
        if a.kind == "org" and b.kind == "term":
            if _claims(ctx, gap) and not _negated(ctx, i, gap):
                _claim(ctx, org=i, term=j, span=(i, j))
        elif a.kind == "term" and c.instance_gap.match(gap):
            if not _negated(ctx, i, gap):
                _instances(ctx, i, j)
        elif a.kind == "term" and b.kind == "org" and c.adjacent_gap.match(gap):
            # "the worker-owned Co-op Group": the term describes the organisation
            last = _LAST_WORD.search(ctx.before(i))
            described = last and last.group(1) in c.singular_determiners
            if described and not a.pattern.plural and not _negated(ctx, i, gap):
                _claim(ctx, org=j, term=i, span=(i, j))
        elif a.kind == "term" and b.kind == "term" and a.entry_id != b.entry_id:
            frame = _pair_frame(ctx, i, j, gap)
            if frame:
                _conflate(ctx, i, j, frame)


def _claims(ctx: Context, gap: str) -> bool:
    """The gap after an organisation name says what it is ("is a", ", a", "-style")."""
    c = ctx.cues
    for pattern in (c.copula_gap, c.apposition_gap):
        m = pattern.match(gap)
        if m:
            filler = (m.groupdict().get("fill") or "").split()
            # "is a partner of co-operatives" says something else
            return not any(w in c.function_words for w in filler)
    return bool(c.other_gap.match(gap) or c.style_gap.match(gap))


def _pair_frame(ctx: Context, i: int, j: int, gap: str) -> str | None:
    """The conflating frame between concept hits i and j, if there is one."""
    c, k = ctx.cues, ctx.knowledge
    x, y = ctx.hits[i].entry_id, ctx.hits[j].entry_id
    apart = k.contrasts_inherited(x, y)
    linked = apart or k.hierarchical(x, y)
    if c.slash_gap.match(gap):
        return "slash" if linked else None
    if c.or_gap.match(gap):
        # "X or Y models" offers two models to choose from; "Xs or Ys" makes one category
        ok = linked and _is_noun_use(ctx, j) and not _is_choice_or_list(ctx, i)
        return "or" if ok and not _negated(ctx, i, gap) else None
    if c.style_gap.match(gap):
        return "style" if apart else None
    if c.equation_gap.match(gap):
        return "equation" if linked and not _negated(ctx, i, gap) else None
    copula = c.concept_copula_gap.match(gap) and not k.is_narrower(x, y)
    if copula and apart and not _negated(ctx, i, gap):
        return None if c.quantifier_before.search(ctx.before(i)) else "copula"
    return None


def _is_noun_use(ctx: Context, i: int) -> bool:
    """Hit i is not followed by an open-class word it modifies ("mutual respect")."""
    nxt = _NEXT_TOKEN.match(ctx.after(i)).group(1)
    return not (nxt and nxt[0].isalnum() and nxt not in ctx.cues.function_words)


def _negated(ctx: Context, i: int, gap: str) -> bool:
    """A denial in the gap or earlier in the clause, or a reporting verb earlier in the
    sentence, turns the claim off."""
    c = ctx.cues
    return bool(
        c.negation.search(gap)
        or c.negation.search(ctx.before(i, True))
        or c.reporting.search(ctx.before(i))
    )


def _is_choice_or_list(ctx: Context, i: int) -> bool:
    """'whether X or Y', 'either X or Y', or 'W, X or Y' (a list of separate items)."""
    if ctx.cues.choice_before.search(ctx.before(i)):
        return True
    if i > 0 and ctx.same_sentence(i - 1, i) and ctx.hits[i - 1].kind == "term":
        return bool(ctx.cues.list_gap.match(ctx.gap(i - 1, i)))
    return False


def _instances(ctx: Context, i: int, j: int) -> None:
    """'X such as A, B and C': judge each item of the list against X."""
    k = ctx.knowledge
    x = ctx.hits[i].entry_id
    item = j
    while item < len(ctx.hits):
        if ctx.shielded[item]:
            break
        hit = ctx.hits[item]
        if hit.kind == "org":
            _claim(ctx, org=item, term=i, span=(i, item))
        elif hit.entry_id != x:
            y = hit.entry_id
            if not k.is_narrower(y, x) and (k.contrasts_inherited(x, y) or k.is_narrower(x, y)):
                _conflate(ctx, i, item, "instance")
        nxt = item + 1
        if nxt >= len(ctx.hits) or not ctx.same_sentence(item, nxt):
            break
        if not ctx.cues.list_gap.match(ctx.gap(item, nxt)):
            break
        item = nxt


_FRAME_WORDS = {
    "slash": "they are written as one ('{x}/{y}')",
    "or": "they are run together as one category",
    "style": "one is described in terms of the other",
    "equation": "they are equated",
    "copula": "they are equated",
    "instance": "'{y}' is offered as a kind of '{x}'",
}


def _conflate(ctx: Context, i: int, j: int, frame: str) -> None:
    k = ctx.knowledge
    x, y = ctx.hits[i].entry_id, ctx.hits[j].entry_id
    xn, yn = k.name(x), k.name(y)
    if k.contrasts(x, y):
        why = f"'{xn}' and '{yn}' are different models in the library"
    elif k.is_narrower(x, y):
        why = f"'{xn}' is one kind of '{yn}', not the same thing"
    elif k.is_narrower(y, x):
        why = f"'{yn}' is one kind of '{xn}', not the same thing"
    else:
        why = f"'{yn}' is not a kind of '{xn}'"
    message = f"{why}, but here {_FRAME_WORDS[frame].format(x=xn, y=yn)}."
    if frame == "instance":
        suggestion = (
            f"List them as separate items ('{_plural(xn)} and {_plural(yn)}'), "
            f"or say '{_plural(yn)} that operate as {_plural(xn)}'."
        )
    else:
        suggestion = (
            f"Say which you mean, or name each as a separate item "
            f"('{_plural(xn)} and {_plural(yn)}'), each defined on first use."
        )
    ctx.add("conflation", ctx.starts[i], ctx.ends[j], message, suggestion, y, (i, j))


def _claim(ctx: Context, org: int, term: int, span: tuple[int, int]) -> None:
    k = ctx.knowledge
    org_id, concept = ctx.hits[org].entry_id, ctx.hits[term].entry_id
    why = k.claim_is_wrong(org_id, concept)
    if why is None:
        return
    entry = k.library.organisations[org_id]
    name = ctx.written(org)
    actual = [k.name(c) for c in entry.is_]
    message = f"{name} is not {_article(k.name(concept))}"
    if why == "contrast" and actual:
        message += f": the library records it as {_article(actual[0])}, a different model"
    message += f". {entry.description.strip().splitlines()[0]}"
    suggestion = f"Describe it as {_article(actual[0])}." if actual else None
    if actual and len(actual) > 1:
        suggestion = "Describe it as " + " or ".join(_article(a) for a in actual) + "."
    start, end = ctx.starts[min(span)], ctx.ends[max(span)]
    ctx.add("misattribution", start, end, message, suggestion, concept, span)


def _article(name: str) -> str:
    return ("an " if name[:1].lower() in "aeiou" else "a ") + name


def _plural(name: str) -> str:
    head, _, last = name.rpartition(" ")
    return (head + " " if head else "") + plural_of(last)


# --- vague use ----------------------------------------------------------------------------------

_NEXT_TOKEN = re.compile(r"^\s*([\w'-]+|[^\w\s])?")
_LAST_WORD = re.compile(r"([\w'-]+)\s*$")


def vague_rule(ctx: Context) -> None:
    """A bare singular use of a concept that needs its model named ('run by a mutual')."""
    k = ctx.knowledge
    for i, hit in enumerate(ctx.hits):
        if hit.kind != "term" or ctx.shielded[i] or hit.pattern.plural or i in ctx.covered:
            continue
        concept = k.library.concepts[hit.entry_id]
        if not concept.needs_qualifier:
            continue
        last = _LAST_WORD.search(ctx.before(i))
        if not last or last.group(1) not in ctx.cues.singular_determiners:
            continue
        if not _is_noun_use(ctx, i):
            continue  # a modifier ("mutual respect", "mutual model"), not the bare noun
        if _NEXT_TOKEN.match(ctx.after(i)).group(1) == "(" or _names_the_model(ctx, i):
            continue
        if ctx.cues.negation.search(ctx.before(i, True)):
            continue  # "is not a mutual": a denial names no model and needs none
        ctx.add(
            "vague-term",
            ctx.starts[i],
            ctx.ends[i],
            concept.needs_qualifier.strip(),
            None,
            concept.id,
            (i,),
        )


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
        before, after = ctx.before(i), ctx.after(i)
        middle = fold_snippet(ctx.written(i))
        for misuse in concept.misuse_contexts:
            between = _near(misuse.near, before, middle, after, misuse.side)
            if between is None:
                continue
            if _near(misuse.unless_near, before, middle, after, "either") is not None:
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


def _near(words, before: str, middle: str, after: str, side: str) -> str | None:
    """The text between the hit and the nearest of `words` on the allowed side, or None.

    A match that overlaps the hit ("social enterprise status") counts on either side.
    """
    if not words:
        return None
    window = before + middle + after
    lo, hi = len(before), len(before) + len(middle)
    best: str | None = None
    for m in _words_pattern(tuple(words)).finditer(window):
        if m.end() <= lo:
            between = window[m.end() : lo] if side != "after" else None
        elif m.start() >= hi:
            between = window[hi : m.start()] if side != "before" else None
        else:
            between = ""
        if between is not None and (best is None or len(between) < len(best)):
            best = between
    return best


_WORD_PATTERNS: dict[tuple[str, ...], re.Pattern] = {}


def _words_pattern(words: tuple[str, ...]) -> re.Pattern:
    if words not in _WORD_PATTERNS:
        bodies = sorted(
            (r"\s+".join(re.escape(p) for p in fold_snippet(w.strip()).split()) for w in words),
            key=len,
            reverse=True,
        )
        _WORD_PATTERNS[words] = re.compile(rf"(?<![\w-])(?:{'|'.join(bodies)})(?:s|es)?(?![\w-])")
    return _WORD_PATTERNS[words]


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
    opener = _heading(c.glossary_headings).search(text)
    if opener is None:
        return None
    end = _heading(c.glossary_end_headings).search(text, opener.end())
    return opener.end(), end.start() if end else len(text)


def cited_spans(text: str, c: Cues) -> list[tuple[int, int]]:
    """Lists of cited works: from their heading to the next Markdown heading or the end."""
    spans = []
    for m in _heading(c.reference_headings).finditer(text):
        nxt = _NEXT_MD_HEADING.search(text, m.end())
        spans.append((m.end(), nxt.start() if nxt else len(text)))
    return spans


_NEXT_MD_HEADING = re.compile(r"(?m)^#{1,6}\s")
_HEADINGS: dict[tuple[str, ...], re.Pattern] = {}


def _heading(labels: tuple[str, ...]) -> re.Pattern:
    if labels not in _HEADINGS:
        _HEADINGS[labels] = re.compile(_HEADING_LINE.format("|".join(map(re.escape, labels))))
    return _HEADINGS[labels]


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
