"""Conflation and misattribution: what the words between two neighbouring hits say."""

from __future__ import annotations

import re

from drafter.precision.context import (
    LAST_WORD,
    RANKING,
    Context,
    after_a_determiner,
    is_noun_use,
    negated,
)
from drafter.precision.matcher import plural_of
from drafter.precision.normalise import fold_stretch

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
            if c.style_gap.match(gap):
                # "-style" is inside a noun phrase: only a denial of that phrase turns it off
                if not negated(ctx, i, gap, phrase=True):
                    _claim(ctx, org=i, term=j, span=(i, j))
                    _style_heads(ctx, i, j)
            elif _claims(ctx, gap) and not negated(ctx, i, gap):
                _claim(ctx, org=i, term=j, span=(i, j))
        elif a.kind == "term" and c.may_hold("instance_frames", gap) and c.instance_gap.match(gap):
            if not negated(ctx, i, gap):
                _instances(ctx, i, j)
        elif a.kind == "term" and b.kind == "org" and c.adjacent_gap.match(gap):
            # "the worker-owned Co-op Group": the term describes the organisation
            last = LAST_WORD.search(ctx.before(i))
            described = last and last.group(1) in c.singular_determiners
            if described and not a.pattern.plural and not negated(ctx, i, gap):
                _claim(ctx, org=j, term=i, span=(i, j))
        elif a.kind == "term" and b.kind == "org" and c.dash_apposition_gap.match(gap):
            # "Britain's best-known mutual – the John Lewis Partnership"
            if after_a_determiner(ctx, i, possessive=True) and not negated(ctx, i, gap):
                _claim(ctx, org=j, term=i, span=(i, j))
        elif a.kind == "term" and b.kind == "org" and _modelled_on(ctx, j, gap):
            # "a mutual modelled on John Lewis", "a co-operative on the John Lewis model"
            if not negated(ctx, i, gap):
                _claim(ctx, org=j, term=i, span=(i, j))
        elif a.kind == "term" and b.kind == "term" and a.entry_id != b.entry_id:
            frame = _pair_frame(ctx, i, j, gap)
            if frame:
                _conflate(ctx, i, j, frame)


def reference_rule(ctx: Context) -> None:
    """ "The company is an employee trust co-operative." after a sentence that names the John
    Lewis Partnership: the claim is about the organisation referred back to."""
    for i, _hit in ctx.unjudged_terms():
        before = ctx.before(i)
        c = ctx.cues
        if c.may_hold("anaphors", before) and c.anaphor_claim.match(before):
            org = _last_named_organisation(ctx, i)
        elif c.may_hold("participle_openers", before) and c.participle_claim.match(before):
            org = _participle_subject(ctx, i)
        else:
            continue
        if org is not None and not negated(ctx, i, ""):
            start = ctx.starts[i] - len(before.lstrip())
            _claim(ctx, org=org, term=i, span=(i, i), start=start)


def borrowed_definition_rule(ctx: Context) -> None:
    """ "A community interest company is a business with primary social objectives whose
    surpluses are principally reinvested ...": one kind defined in the words the library uses
    for another (eight words or more of its definition in the first clause)."""
    from drafter.precision.knowledge import shingles

    k = ctx.knowledge
    for i, hit in ctx.unjudged_terms():
        if not _opens_clause(ctx, i):
            continue
        after = ctx.after(i)
        if not _DEFINES.match(after):
            continue
        x = hit.entry_id
        clause = after.split(",")[0]  # the definition proper, not a description added after it
        runs = shingles(clause, limit=40)
        if len(runs) < 3:
            continue
        counts: dict[str, int] = {}
        for run in runs:
            for y in k.definition_runs.get(run, ()):
                counts[y] = counts.get(y, 0) + 1
        if x in counts or max(counts.values(), default=0) < 3:
            continue  # its own definition, or too little of another's
        if negated(ctx, i, "") or ctx.about_terms(i):
            continue
        for y, count in sorted(counts.items(), key=lambda item: -item[1]):
            if count < 3 or y == x or k.hierarchical(x, y):
                continue
            xn, yn = k.name(x), k.name(y)
            message = (
                f"'{ctx.written(i)}' is defined here in the words the library uses for "
                f"'{yn}'; '{xn}' and '{yn}' are different things."
            )
            suggestion = f"Define '{xn}' in its own terms, or say it is one form '{yn}' can take."
            end = min(ctx.ends[i] + len(clause), ctx.sentence_bounds(i)[1])
            ctx.add("conflation", ctx.starts[i], end, message, suggestion, y, (i,))
            break


# "is a business with ...", "means a ...": the words after open a definition
_DEFINES = re.compile(r"^\s+(?:is|are|means)\s+(?:an?\s+|the\s+)?")


def heading_rule(ctx: Context) -> None:
    """A heading that puts two kinds under one name over one definition ("Mutuals &
    Co-operatives", then "A mutual is ..."): the definition then speaks for both."""
    k = ctx.knowledge
    for i in range(len(ctx.hits) - 1):
        j = i + 1
        a, b = ctx.hits[i], ctx.hits[j]
        if a.kind != "term" or b.kind != "term" or a.entry_id == b.entry_id:
            continue
        if ctx.text[ctx.ends[i] : ctx.starts[j]].strip().casefold() not in _HEADING_JOINS:
            continue
        if ctx.shielded[i] or ctx.shielded[j]:
            continue
        text = ctx.text
        line_start = text.rfind("\n", 0, ctx.starts[i]) + 1
        line_end = text.find("\n", ctx.ends[j])
        if line_end < 0 or text[line_start : ctx.starts[i]].strip("#* \t"):
            continue
        if text[ctx.ends[j] : line_end].strip(" \t*:") != "":
            continue
        following = text[line_end : line_end + 200].lstrip()
        if not _ONE_DEFINITION.match(following.casefold()):
            continue
        x, y = a.entry_id, b.entry_id
        if k.contrasts_inherited(x, y) or k.hierarchical(x, y):
            _conflate(ctx, i, j, "heading")


_HEADING_JOINS = frozenset({"&", "and", "+"})
# the text under a heading opens by defining one thing ("A mutual is ...", "This means ...")
_ONE_DEFINITION = re.compile(
    r"^(?:an?\s+|the\s+|this\s+|it\s+|they\s+)?(?:[\w'-]+\s+){0,3}?(?:is|are|means|refers to)\s"
)


def coordinated_rule(ctx: Context) -> None:
    """ "Co-op Bank is part of the Group ... and is the UK's only mutually owned bank": a second
    predicate joined by "and" says what the sentence's subject is, however far back it stands."""
    for j, hit in ctx.unjudged_terms():
        before = ctx.before(j)
        if not ctx.cues.may_hold("coordinators", before):
            continue
        m = ctx.cues.coordinated_claim.search(before)
        if not m or _closed_fill(ctx, m.group("fill")) or negated(ctx, j, ""):
            continue
        subject = _subject_of(ctx, j)
        if subject is None:
            continue
        start = ctx.starts[j] - (len(before) - m.start()) + (before[m.start()] in " ,;–—")
        if ctx.hits[subject].kind == "org":
            _claim(ctx, org=subject, term=j, span=(j, j), start=start)
            continue
        x, y = ctx.hits[subject].entry_id, hit.entry_id
        k = ctx.knowledge
        if x == y or k.is_narrower(x, y):
            continue  # "a worker co-operative ... and so a co-operative": true of its kind
        if k.contrasts_inherited(x, y) or (m.group("equal") and k.hierarchical(x, y)):
            _conflate(ctx, subject, j, "equation", start=start)


def presupposition_rule(ctx: Context) -> None:
    """ "demutualise the Co-op Bank", "John Lewis should demutualise", "owned by its staff – like
    the Co-operative Group": words that say the organisation is (or was) a kind the library
    records it is not."""
    pattern = ctx.knowledge.presupposition_pattern
    if pattern is None:
        return
    for i, hit in enumerate(ctx.hits):
        if hit.kind != "org" or ctx.shielded[i] or i in ctx.covered:
            continue
        before, after = ctx.before(i, True), ctx.after(i)
        word = None
        m = _last(pattern, before)
        if m and _OBJECT_GAP.match(before[m.end() :]):
            word, start, end = m.group(0), ctx.starts[i] - (len(before) - m.start()), ctx.ends[i]
        else:
            m = pattern.search(after)
            opens = _subject_of(ctx, i, verb=False) == i
            if m and opens and _PREDICATE_GAP.match(after[: m.start()]):
                word, start, end = m.group(0), ctx.starts[i], ctx.ends[i] + m.end()
        if word is None or negated(ctx, i, ""):
            continue
        kinds = ctx.knowledge.presupposed[word]
        k, org = ctx.knowledge, hit.entry_id
        if all(k.claim_is_wrong(org, kind) for kind in kinds):
            said = f"'{word}' says it is (or was) one"
            _claim_of(ctx, i, kinds, start, end, (i,), why=said)


def kind_claim_rule(ctx: Context) -> None:
    """ "In every co-operative the shares are owned by employees": what the library says marks
    one kind (worker co-operatives, employee-owned businesses) said of every member of another."""
    pattern = ctx.knowledge.presupposition_pattern
    if pattern is None:
        return
    k = ctx.knowledge
    for i, hit in ctx.unjudged_terms():
        if not _generic_use(ctx, i):
            continue
        after = ctx.after(i)
        m = pattern.search(after)
        if not m or not _states_of_subject(after[: m.start()], m.group(0)):
            continue
        x, word = hit.entry_id, m.group(0)
        kinds = k.presupposed[word]
        if any(x == kind or k.is_narrower(x, kind) for kind in kinds):
            continue
        if not all(k.is_narrower(kind, x) or k.contrasts_inherited(x, kind) for kind in kinds):
            continue
        if negated(ctx, i, after[: m.start()]) or ctx.about_terms(i):
            continue
        names = " or ".join(_article(k.name(kind)) for kind in kinds)
        subject = _plural(k.name(x))
        message = (
            f"'{word}' describes {names}, not {subject} in general; here it is said of every one."
        )
        suggestion = f"Name the kind it is true of ({names}), or say what holds for all {subject}."
        end = ctx.ends[i] + m.end()
        ctx.add("kind-claim", ctx.starts[i], end, message, suggestion, x, (i,))


def _generic_use(ctx: Context, i: int) -> bool:
    """Hit i speaks of its kind in general: "every co-operative", "in a co-operative, ...",
    "Co-operatives are ..." (a bare plural opening its clause)."""
    words = ctx.before(i, True).split()
    if not words:
        return ctx.hits[i].pattern.plural
    if words[-1] in ctx.cues.universal_quantifiers:
        return True
    return len(words) == 2 and words[0] == "in" and words[1] in ("a", "an", "any", "every")


# "demutualise the ORG"; "owned by its staff – like the ORG" (dashes are folded to "-")
_OBJECT_GAP = re.compile(
    r"^\s+(?:of\s+)?(?:the\s+)?$|^\s*(?:[-,]\s*)?(?:just\s+|much\s+)?like\s+(?:the\s+)?$"
)
# "John Lewis should demutualise", "Nationwide voted to demutualise", "the bank demutualised"
_PREDICATE_GAP = re.compile(r"^\s+(?:[\w'-]+\s+){0,3}$")
# "co-operatives are owned by ...", "in every co-operative the shares are owned by ..."
_COPULA_GAP = re.compile(r"^(?:[\s,]+[\w'-]+){0,3}\s+(?:is|are|was|were)\s+$")
# "in a co-operative, the employees own ..."
_SUBJECT_GAP = re.compile(r"^\s*,?\s*(?:the\s+|its\s+|their\s+)?$")


def _states_of_subject(gap: str, words: str) -> bool:
    """The presupposing words say something of the subject: after a copula ("are owned by
    their workers"), or as a clause of their own ("the employees own"), not as a modifier
    that picks some out ("co-operatives owned by their workers")."""
    if words.startswith("owned"):
        return bool(_COPULA_GAP.match(gap))
    return bool(_COPULA_GAP.match(gap) or _SUBJECT_GAP.match(gap))


def _last(pattern: re.Pattern, text: str) -> re.Match | None:
    found = None
    for found in pattern.finditer(text):  # noqa: B007 - the last one is wanted
        pass
    return found


def _closed_fill(ctx: Context, fill: str | None) -> bool:
    """The words between the determiner and the term say something else ("is a partner of")."""
    c = ctx.cues
    return any(w in c.function_words and w not in RANKING for w in (fill or "").split())


def _subject_of(ctx: Context, j: int, *, verb: bool = True) -> int | None:
    """The subject of hit j's sentence: the last hit up to j (before it, if `verb`) that opens
    its clause and (if `verb`) is followed by a verb or a defining colon."""
    for s in reversed(ctx.sentence_hits(j)):
        if s > j or (verb and s == j) or ctx.shielded[s]:
            continue
        if not _opens_clause(ctx, s, after_conjunction=True):
            continue
        if not verb or ctx.cues.subject_predicate.match(ctx.after(s)):
            return s
    return None


def _opens_clause(ctx: Context, i: int, *, after_conjunction: bool = False) -> bool:
    """Hit i opens its clause, perhaps after one determiner ("A CIC is", "The Co-op Bank
    has") and, if `after_conjunction`, a word such as "while" that opens a new clause."""
    c = ctx.cues
    opening = ctx.before(i, True).split()
    if after_conjunction and opening and opening[0] in c.clause_openers:
        opening = opening[1:]
    return len(opening) <= 1 and (not opening or opening[0] in c.singular_determiners)


def _style_heads(ctx: Context, org: int, j: int) -> None:
    """ "a John Lewis-style employee-owned public sector spin-off": "-style" describes the whole
    noun phrase, so each later term in it is modelled on the organisation too."""
    item = j
    while item + 1 < len(ctx.hits) and ctx.same_sentence(item, item + 1):
        nxt = item + 1
        if ctx.hits[nxt].kind != "term" or not _NOUN_PHRASE_GAP.match(ctx.gap(item, nxt)):
            return
        _claim(ctx, org=org, term=nxt, span=(org, nxt))
        item = nxt


# words inside one noun phrase: no punctuation, at most three words
_NOUN_PHRASE_GAP = re.compile(r"^\s+(?:[a-z][\w'-]*\s+){0,3}$")


def _last_named_organisation(ctx: Context, i: int) -> int | None:
    """The nearest organisation named before hit i, in the one or two sentences before it."""
    sentence_start, _ = ctx.sentence_bounds(i)
    for j in range(i - 1, -1, -1):
        if ctx.starts[j] < sentence_start - 2 * 240:
            return None
        if ctx.hits[j].kind == "org" and not ctx.shielded[j] and ctx.starts[j] < sentence_start:
            return j
    return None


def _participle_subject(ctx: Context, i: int) -> int | None:
    """ "Being a mutual, the Co-op Group ..." or "Being mutually owned ..., the company ...": the
    organisation the main clause is about, named there or referred back to."""
    for j in ctx.sentence_hits(i):
        if j > i and ctx.hits[j].kind == "org" and not ctx.shielded[j]:
            return j
    if ctx.cues.anaphor_subject.search(ctx.after(i)):
        return _last_named_organisation(ctx, i)
    return None


def _modelled_on(ctx: Context, org: int, gap: str) -> bool:
    """The concept is said to be modelled on the organisation: 'modelled on ORG', or 'on the
    ORG model' (the name must then be followed by 'model', 'lines'...)."""
    m = ctx.cues.modelled_gap.match(gap)
    if not m:
        return False
    return not m.group("on") or bool(ctx.cues.model_after.match(ctx.after(org)))


def _claims(ctx: Context, gap: str) -> bool:
    """The gap after an organisation name says what it is ("is a", ", a", "-style")."""
    c = ctx.cues
    for pattern in (c.copula_gap, c.apposition_gap, c.as_gap):
        m = pattern.match(gap)
        if m:
            filler = (m.groupdict().get("fill") or "").split()
            # "is a partner of co-operatives" says something else; "the UK's only" does not
            return not any(w in c.function_words and w not in RANKING for w in filler)
    other = c.may_hold("other_frames", gap) and c.other_gap.match(gap)
    return bool(other or c.style_gap.match(gap))


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
        if _elided_head(ctx, i, j):
            return None  # "co-operative or community benefit societies": two kinds of society
        ok = linked and is_noun_use(ctx, j) and not _is_choice_or_list(ctx, i)
        return "or" if ok and not negated(ctx, i, gap) else None
    if c.style_gap.match(gap):
        return "style" if apart else None
    if c.may_hold("equation_frames", gap) and c.equation_gap.match(gap):
        # two entries of the library are two things: "X, also known as Y" equates them; "X (i.e.
        # Y or Z)" with Y and Z kinds of X spells out what X covers
        if _enumerates_kinds(ctx, i, j) or negated(ctx, i, gap):
            return None
        if k.is_narrower(x, y) and not k.contrasts(x, y):
            return None  # "a building society (i.e. a mutual)": says what kind it is
        return "equation"
    if c.may_hold("other_frames", gap) and c.other_gap.match(gap):
        # "co-operatives or other types of social enterprise" counts X among the Ys
        counted = not k.is_narrower(x, y) and (apart or k.is_narrower(y, x))
        return "other" if counted and not negated(ctx, i, gap) else None
    copula = (
        c.may_hold("copulas", gap) and c.concept_copula_gap.match(gap) and not k.is_narrower(x, y)
    )
    if copula and apart and not negated(ctx, i, gap):
        return None if c.quantifier_before.search(ctx.before(i)) else "copula"
    return None


def _enumerates_kinds(ctx: Context, i: int, j: int) -> bool:
    """Hit j and the hits listed after it ("Y or Z", "Y and Z") are all kinds of hit i."""
    k, x = ctx.knowledge, ctx.hits[i].entry_id
    item = j
    listed = 0
    while True:
        hit = ctx.hits[item]
        if hit.kind != "term" or not k.is_narrower(hit.entry_id, x):
            return False
        listed += 1
        nxt = item + 1
        if nxt >= len(ctx.hits) or not ctx.same_sentence(item, nxt):
            break
        if not _LIST_ITEM_GAP.match(ctx.gap(item, nxt)):
            break
        item = nxt
    return listed > 1


_LIST_ITEM_GAP = re.compile(r"^\s*(?:,|,?\s*and|,?\s*or)\s+(?:an?\s+|the\s+)?$")


def _elided_head(ctx: Context, i: int, j: int) -> bool:
    """ "co-operative or community benefit societies": hit i with hit j's last word is itself a
    designation ("co-operative societies"), so i is a modifier whose noun is left unsaid."""
    head = ctx.written(j).split()[-1]
    key = fold_stretch(f"{ctx.written(i)} {head}")
    table = ctx.knowledge.matcher.table
    return key in table and any(p.kind == "term" for p in table[key])


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
    "other": "'{x}' is counted as a kind of '{y}'",
    "heading": "one heading puts them together over one definition",
}


def _conflate(ctx: Context, i: int, j: int, frame: str, start: int | None = None) -> None:
    k = ctx.knowledge
    x, y = ctx.hits[i].entry_id, ctx.hits[j].entry_id
    xn, yn = k.name(x), k.name(y)
    # a kind-of relation first: a co-operative is a kind of mutual even though the two are in
    # contrast (so "co-operatives/mutuals" is flagged); calling them "different models" is wrong
    if k.is_narrower(x, y):
        why = f"'{xn}' is one kind of '{yn}', not the same thing"
    elif k.is_narrower(y, x):
        why = f"'{yn}' is one kind of '{xn}', not the same thing"
    elif k.contrasts(x, y):
        why = f"'{xn}' and '{yn}' are different models in the library"
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
    start = ctx.starts[i] if start is None else start
    ctx.add("conflation", start, ctx.ends[j], message, suggestion, y, (i, j))


def _claim(
    ctx: Context, org: int, term: int, span: tuple[int, int], start: int | None = None
) -> None:
    end = ctx.ends[max(span)]
    start = ctx.starts[min(span)] if start is None else start
    _claim_of(ctx, org, ctx.hits[term].entry_id, start, end, span)


def _claim_of(
    ctx: Context,
    org: int,
    concept: str | tuple[str, ...],
    start: int,
    end: int,
    hits: tuple[int, ...],
    why: str | None = None,
) -> None:
    """Report calling organisation hit `org` a `concept` (or any of several) if the library
    says it is not one."""
    k = ctx.knowledge
    org_id = ctx.hits[org].entry_id
    kinds = (concept,) if isinstance(concept, str) else concept
    wrong = k.claim_is_wrong(org_id, kinds[0])
    if wrong is None:
        return
    entry = k.library.organisations[org_id]
    name = ctx.written(org)
    actual = [k.name(c) for c in entry.is_]
    called = " or ".join(_article(k.name(c)) for c in kinds)
    message = f"{name} is not {called}"
    if why:
        message += f", but {why}"
    if actual:
        kinds = " and ".join(_article(a) for a in actual)
        different = ", a different model" if wrong == "contrast" else ""
        message += f": the library records it as {kinds}{different}"
    message += "."
    suggestion = f"Describe it as {_article(actual[0])}." if actual else None
    if actual and len(actual) > 1:
        suggestion = "Describe it as " + " or ".join(_article(a) for a in actual) + "."
    ctx.add("misattribution", start, end, message, suggestion, kinds[0], hits)


def _article(name: str) -> str:
    return ("an " if name[:1].lower() in "aeiou" else "a ") + name


def _plural(name: str) -> str:
    head, _, last = name.rpartition(" ")
    return (head + " " if head else "") + plural_of(last)
