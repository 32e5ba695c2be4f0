"""The grammar cues of cues.yaml, compiled once into the regular expressions the rules use.

These describe how English frames a claim, a list or a denial; they hold no domain words.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

_FILE = Path(__file__).with_name("cues.yaml")


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


@dataclass(frozen=True)
class Cues:
    negation: re.Pattern
    reporting: re.Pattern
    copula_gap: re.Pattern
    apposition_gap: re.Pattern
    instance_gap: re.Pattern
    list_gap: re.Pattern
    other_gap: re.Pattern
    equation_gap: re.Pattern
    slash_gap: re.Pattern
    or_gap: re.Pattern
    style_gap: re.Pattern
    concept_copula_gap: re.Pattern
    adjacent_gap: re.Pattern
    modelled_gap: re.Pattern
    model_after: re.Pattern
    choice_before: re.Pattern
    quantifier_before: re.Pattern
    definition_after: re.Pattern
    mention_before: re.Pattern
    function_words: frozenset[str]
    singular_determiners: frozenset[str]
    abbreviations: frozenset[str]
    glossary_headings: tuple[str, ...]
    glossary_end_headings: tuple[str, ...]
    reference_headings: tuple[str, ...]


@functools.lru_cache(maxsize=1)
def cues() -> Cues:
    from drafter.library.cache import load_data

    data = load_data(_FILE)  # served from the cache: a render then needs no YAML parser
    det = _alternation(data["determiners"])
    cop = _alternation(data["copulas"])
    word = r"[\w'-]+"
    # "is a large worker co-operative": copula, optional determiner, up to two modifiers
    fill = rf"(?P<fill>(?:{word}\s+){{0,2}})"
    copula_gap = rf"^\s*(?:,\s*(?:which|that|who)\s+)?{cop}\s+(?:(?P<det>{det})\s+{fill})?$"
    return Cues(
        negation=re.compile(_alternation(data["negation"])),
        reporting=re.compile(_alternation(data["reporting"])),
        copula_gap=re.compile(copula_gap),
        apposition_gap=re.compile(rf"^\s*(?:,|\()\s*(?:{det})\s+(?P<fill>(?:{word}\s+){{0,2}})$"),
        instance_gap=re.compile(
            rf"^\s*(?:{_alternation(data['instance_leads'])}\s*)?[,(]?\s*"
            rf"(?:{_alternation(data['instance_frames'])})\s*,?\s*(?:the\s+)?$"
        ),
        list_gap=re.compile(r"^\s*(?:,|&|and|or|, and|, or|,\s*and|,\s*or)\s*(?:the\s+)?$"),
        other_gap=re.compile(rf"^\s*(?:{_alternation(data['other_frames'])})\s+(?:{word}\s+)?$"),
        equation_gap=re.compile(
            rf"^\s*[,(]?\s*(?:{_alternation(data['equation_frames'])})\s*,?\s*(?:an?\s+|the\s+)?$"
        ),
        slash_gap=re.compile(rf"^\s*(?:{_alternation(data['slash_frames'])})\s*$"),
        or_gap=re.compile(r"^\s+or\s+$"),
        style_gap=re.compile(rf"^\s?(?:{_alternation(data['style_suffixes'])})\s+$"),
        concept_copula_gap=re.compile(
            rf"^\s+{cop}\s+(?:an?\s+|{_alternation(data['kind_of'])}\s+)?$"
        ),
        adjacent_gap=re.compile(r"^[ \t]+$"),
        modelled_gap=re.compile(
            rf"^\s+(?:(?:{_alternation(data['modelled_on'])})\s+(?:the\s+)?"
            rf"|(?P<on>{_alternation(data['on_the'])})\s+)$"
        ),
        model_after=re.compile(rf"^(?:'s)?[\s-]+(?:{_alternation(data['model_nouns'])})\b"),
        choice_before=re.compile(rf"{_alternation(data['choice_openers'])}\s+(?:an?\s+|the\s+)?$"),
        quantifier_before=re.compile(
            rf"{_alternation(data['quantifiers'])}\s+(?:of\s+)?(?:the\s+)?$"
        ),
        definition_after=re.compile(
            rf"^\s*(?:\)|,)?\s*(?:{_alternation(data['definition_cues'])}|:)"
        ),
        mention_before=re.compile(rf"{_alternation(data['mention_cues'])}\s+(?:an?\s+|the\s+)?$"),
        function_words=frozenset(data["function_words"]),
        singular_determiners=frozenset(data["singular_determiners"]),
        abbreviations=frozenset(data["abbreviations"]),
        glossary_headings=tuple(data["glossary_headings"]),
        glossary_end_headings=tuple(data["glossary_end_headings"]),
        reference_headings=tuple(data["reference_headings"]),
    )
