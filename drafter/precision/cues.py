"""The grammar cues of cue_words.py, compiled into the regular expressions the rules use.

These describe how English frames a claim, a list or a denial; they hold no domain words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from drafter.precision.cue_words import CUE_WORDS

ABBREVIATIONS = frozenset(CUE_WORDS["abbreviations"])


def _phrase(cue: str) -> str:
    """A regex for a cue's words: spaces in it match any run of spaces."""
    return r"\s+".join(re.escape(part) for part in cue.split())


def _alternation(cues: list[str]) -> str:
    """One group matching any cue; cues that start or end with a letter match whole words.

    The word-edge checks sit outside the alternation so the regex engine can scan fast.
    """
    words = [c for c in cues if c[:1].isalnum() and c[-1:].isalnum() and "'" not in c]
    others = [c for c in cues if c not in words]
    parts = []
    if words:
        body = "|".join(_phrase(c) for c in sorted(words, key=len, reverse=True))
        parts.append(rf"(?<![\w-])(?:{body})(?!\w)")
    for cue in sorted(others, key=len, reverse=True):
        body = _phrase(cue)
        if cue[:1].isalnum() and not cue.startswith("n'"):  # "n't" ends a word: isn't
            body = r"(?<![\w-])" + body
        if cue[-1:].isalnum():
            body += r"(?!\w)"
        parts.append(body)
    return "(?:" + "|".join(parts) + ")"


_WORD = r"[\w'-]+"


class Cues:
    """The cue word lists, and each rule's regex compiled on its first use.

    A render uses about a third of the patterns (6 of 19 on the benchmark's document), and
    compiling them all cost ~8 ms a process; a compiled pattern is kept by this object, which
    the compiled library holds.
    """

    def __init__(self, data=CUE_WORDS) -> None:
        self._data = data
        self._memo: dict[tuple, re.Pattern] = {}
        self.function_words = frozenset(data["function_words"])
        self.singular_determiners = frozenset(data["singular_determiners"])
        self.clause_openers = frozenset(data["clause_openers"])
        self.universal_quantifiers = frozenset(data["universal_quantifiers"])
        self.abbreviations = frozenset(data["abbreviations"])
        self.glossary_headings = tuple(data["glossary_headings"])
        self.glossary_end_headings = tuple(data["glossary_end_headings"])
        self.reference_headings = tuple(data["reference_headings"])

    def memo(self, key: tuple, build: Callable[[], re.Pattern]) -> re.Pattern:
        """A pattern built from library data (headings, misuse words), compiled once for the
        life of this object, which the compiled library holds."""
        pattern = self._memo.get(key)
        if pattern is None:
            pattern = self._memo[key] = build()
        return pattern

    def may_hold(self, key: str, text: str) -> bool:
        """Whether folded `text` could hold a cue of list `key`: a plain substring test, so a
        pattern built on the list is compiled (once a process, ~0.5 ms each) only when it
        could match. False only where the pattern cannot match."""
        return any(cue in text for cue in self._data[key])

    def _any(self, key: str) -> str:
        return _alternation(self._data[key])

    def _determiner(self) -> str:
        """A determiner, or a possessive that works as one ("Britain's", "the UK's")."""
        return rf"(?:{self._any('determiners')}|(?:the\s+)?[\w-]+'s)"

    @functools.cached_property
    def anaphor_claim(self) -> re.Pattern:
        """A sentence that opens by referring back to a body and says what it is ("The company
        is an ...", "It is a ...")."""
        det = self._determiner()
        return re.compile(
            rf"^\s*(?:{self._any('anaphors')})\s+{self._any('copulas')}\s+"
            rf"(?:{det})\s+(?:{_WORD}\s+){{0,2}}$"
        )

    @functools.cached_property
    def participle_claim(self) -> re.Pattern:
        """A sentence that opens with a participle saying what its subject is ("Being mutually
        owned and controlled, the company ...")."""
        det = self._determiner()
        return re.compile(
            rf"^\s*(?:{self._any('participle_openers')})\s+(?:(?:{det})\s+)?"
            rf"(?:{_WORD}\s+){{0,1}}$"
        )

    @functools.cached_property
    def anaphor_subject(self) -> re.Pattern:
        """Where a clause's subject refers back to a body ("..., the company exists ...")."""
        anaphor, copula = self._any("anaphors"), self._any("copulas")
        return re.compile(rf"(?:^|[,;)])\s*(?:{anaphor})\s+(?!{copula}\s)")

    @functools.cached_property
    def coordinated_claim(self) -> re.Pattern:
        """A second predicate joined to the sentence's subject that says what it is ("... and
        is the UK's only ...", "..., and so identical to a ...")."""
        det, cop = self._determiner(), self._any("copulas")
        fill = rf"(?P<fill>(?:{_WORD}\s+){{0,2}})"
        equal = rf"(?P<equal>{self._any('equation_predicates')})\s+(?:an?\s+|the\s+)?"
        return re.compile(
            rf"(?:^|[\s,;–—])(?:{self._any('coordinators')})\s+"
            rf"(?:(?:(?:{cop})\s+)?{equal}|(?:{cop})\s+(?:(?P<det>{det})\s+)?{fill})$"
        )

    @functools.cached_property
    def subject_predicate(self) -> re.Pattern:
        """What follows a clause's subject: a verb ("is part of"), perhaps after an aside
        between commas, or a colon that defines it ("Co-operative Society: Registered ...")."""
        cop, closed = self._any("copulas"), self._any("not_verbs")
        # or an open-class word in the form of a verb ("pays", "owned"): rough, but the subject
        # must also open its clause
        verb = rf"(?!{closed})[a-z][\w-]*(?:s|ed)\s"
        return re.compile(rf"^\s*(?:,[^,]{{1,80}},\s*)?(?:(?:{cop}|has|have|had)\s|:|{verb})")

    @functools.cached_property
    def generic_head(self) -> re.Pattern:
        """A general noun after a term ("a mutual company"): the term still names no model."""
        return re.compile(rf"^['’]?\s+(?:{self._any('generic_heads')})(?![\w-])")

    @functools.cached_property
    def dash_apposition_gap(self) -> re.Pattern:
        """ "Britain's best-known mutual – the John Lewis Partnership": a dash or colon names it."""
        return re.compile(r"^\s*(?:[–—:]|-\s|--)\s*(?:the\s+)?$")

    @functools.cached_property
    def negation(self) -> re.Pattern:
        return re.compile(self._any("negation"))

    @functools.cached_property
    def reporting(self) -> re.Pattern:
        return re.compile(self._any("reporting"))

    @functools.cached_property
    def reported_after(self) -> re.Pattern:
        """A report tag after the claim ("..., says the report", "..., according to X")."""
        return re.compile(rf"[,(]\s*(?!and\b)(?:[\w'-]+\s+){{0,3}}?{self._any('reporting')}")

    @functools.cached_property
    def copula_gap(self) -> re.Pattern:
        # "is a large worker co-operative": copula, optional determiner, up to two modifiers
        det, cop = self._determiner(), self._any("copulas")
        fill = rf"(?P<fill>(?:{_WORD}\s+){{0,2}})"
        return re.compile(
            rf"^\s*(?:,\s*(?:which|that|who)\s+)?{cop}\s+(?:(?P<det>{det})\s+{fill})?$"
        )

    @functools.cached_property
    def as_gap(self) -> re.Pattern:
        """'overtook the Co-operative Group as the country's largest worker-owned business':
        'ORG as the X' counts the organisation as an X."""
        det = self._determiner()
        return re.compile(rf"^\s*as\s+(?:{det})\s+(?P<fill>(?:{_WORD}\s+){{0,2}})$")

    @functools.cached_property
    def apposition_gap(self) -> re.Pattern:
        det = self._determiner()
        return re.compile(rf"^\s*(?:,|\()\s*(?:{det})\s+(?P<fill>(?:{_WORD}\s+){{0,2}})$")

    @functools.cached_property
    def instance_gap(self) -> re.Pattern:
        return re.compile(
            # "..., as we've heard, including": an aside between commas after the lead
            rf"^\s*(?:(?:{self._any('lead_modals')}\s+)?{self._any('instance_leads')}\s*)?"
            rf"(?:,[^,]{{1,30}},)?[,(]?\s*"
            rf"(?:{self._any('instance_frames')})\s*,?\s*(?:the\s+)?$"
        )

    @functools.cached_property
    def list_gap(self) -> re.Pattern:
        return re.compile(r"^\s*(?:,|&|and|or|, and|, or|,\s*and|,\s*or)\s*(?:the\s+)?$")

    @functools.cached_property
    def other_gap(self) -> re.Pattern:
        # "and other large Xs", "or other types of X"
        kinds = r"(?:(?:types?|kinds?|forms?|sorts?)\s+of\s+)?"
        return re.compile(rf"^\s*(?:{self._any('other_frames')})\s+(?:{_WORD}\s+)?{kinds}$")

    @functools.cached_property
    def equation_gap(self) -> re.Pattern:
        return re.compile(
            rf"^\s*[,(]?\s*(?:{self._any('equation_frames')})\s*,?\s*(?:an?\s+|the\s+)?$"
        )

    @functools.cached_property
    def slash_gap(self) -> re.Pattern:
        return re.compile(rf"^\s*(?:{self._any('slash_frames')})\s*$")

    @functools.cached_property
    def or_gap(self) -> re.Pattern:
        return re.compile(r"^\s+or\s+$")

    @functools.cached_property
    def style_gap(self) -> re.Pattern:
        return re.compile(rf"^\s?(?:{self._any('style_suffixes')})\s+$")

    @functools.cached_property
    def concept_copula_gap(self) -> re.Pattern:
        cop = self._any("copulas")
        # "are the most established form of": a superlative before the kind word
        ranked = rf"the\s+(?:{_WORD}\s+){{0,4}}(?:form|type|kind)s?\s+of"
        # "(or BenComs) are co-operatives": a closing bracket may end the subject
        return re.compile(rf"^\)?\s+{cop}\s+(?:an?\s+|{self._any('kind_of')}\s+|{ranked}\s+)?$")

    @functools.cached_property
    def adjacent_gap(self) -> re.Pattern:
        return re.compile(r"^[ \t]+$")

    @functools.cached_property
    def modelled_gap(self) -> re.Pattern:
        return re.compile(
            rf"^\s+(?:(?:{self._any('modelled_on')})\s+(?:the\s+)?"
            rf"|(?P<on>{self._any('on_the')})\s+)$"
        )

    @functools.cached_property
    def model_after(self) -> re.Pattern:
        return re.compile(rf"^(?:'s)?[\s-]+(?:{self._any('model_nouns')})\b")

    @functools.cached_property
    def choice_before(self) -> re.Pattern:
        return re.compile(rf"{self._any('choice_openers')}\s+(?:an?\s+|the\s+)?$")

    @functools.cached_property
    def quantifier_before(self) -> re.Pattern:
        return re.compile(rf"{self._any('quantifiers')}\s+(?:of\s+)?(?:the\s+)?$")

    @functools.cached_property
    def definition_after(self) -> re.Pattern:
        return re.compile(rf"^\s*(?:\)|,)?\s*(?:{self._any('definition_cues')}|:)")

    @functools.cached_property
    def metalinguistic(self) -> re.Pattern:
        return re.compile(self._any("metalinguistic"))

    @functools.cached_property
    def period(self) -> re.Pattern:
        # "until 2014", "before 1 August 2014", "prior to 2014": a year bounds the statement
        # "in 1982": a dated statement is about its own time
        bounded = (
            r"(?<![\w-])(?:until|before|prior\s+to|up\s+to|in)\s+(?:\d{1,2}\s+[a-z]+\s+)?\d{4}\b"
        )
        return re.compile(rf"{self._any('period_cues')}|{bounded}")

    @functools.cached_property
    def statute_after(self) -> re.Pattern:
        """A statute word after a name, with its year if given ("Act 1965", "Acts 1965 to
        2002")."""
        year = r"(?:\s+\d{4}(?:\s+(?:to|-|–)\s+\d{4})?)?"
        return re.compile(rf"^\s+(?:{self._any('statute_words')}){year}")

    @functools.cached_property
    def mention_before(self) -> re.Pattern:
        return re.compile(rf"{self._any('mention_cues')}\s+(?:an?\s+|the\s+)?$")
