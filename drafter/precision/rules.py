"""The rule registry: every rule's id, severity, documentation and judging functions.

The CLI's choices, `--explain`, the JSON schema's enum and the table in docs/precision.md are
read from or tested against RULES and SEVERITIES. A judging function may report several rules
(the designation rules share one pass) and a rule may have several (misattribution in a
sentence and by reference); each function runs once, in registry order.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from drafter.precision.context import Context
from drafter.precision.coverage import coverage_rules
from drafter.precision.designations import designation_rules
from drafter.precision.finding import Severity
from drafter.precision.frames import (
    borrowed_definition_rule,
    coordinated_rule,
    frame_rules,
    heading_rule,
    kind_claim_rule,
    presupposition_rule,
    reference_rule,
)
from drafter.precision.names import name_spelling_rule
from drafter.precision.usage import misuse_rule, vague_rule
from drafter.severities import SEVERITIES, SEVERITY_RANK

__all__ = ["DOCUMENT_RULES", "RULES", "SEVERITIES", "SEVERITY_RANK", "Rule", "run_rules"]

Judge = Callable[[Context], None]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    doc: str  # what it fires on and what the fix is (shown by `lint --explain RULE`)
    judges: tuple[Judge, ...]
    # "sentence" rules judge one sentence; "document" rules need the whole text (is every term
    # defined?), so example sentences and passage-level scoring leave them out
    scope: Literal["sentence", "document"] = "sentence"


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule(
            "house-spelling",
            "warning",
            "A designation the library marks as a deprecated spelling variant (e.g. "
            "'cooperative' in UK text). The fix is the preferred spelling.",
            (designation_rules,),
        ),
        Rule(
            "deprecated-term",
            "warning",
            "A designation the library marks as deprecated: it is misleading or mixes two "
            "concepts. The fix is the designation's use_instead, or the concept's preferred "
            "term.",
            (designation_rules,),
        ),
        Rule(
            "informal-term",
            "suggestion",
            "A designation the library marks as informal (e.g. 'co-op'): clear in running "
            "prose, but a formal response writes the full form. ('The Co-op' is an "
            "organisation's alias.)",
            (designation_rules,),
        ),
        Rule(
            "superseded-term",
            "warning",
            "A designation the library marks as superseded (an old name, e.g. of a legal form "
            "renamed by statute). The fix is the current designation.",
            (designation_rules,),
        ),
        Rule(
            "name-spelling",
            "warning",
            "An organisation's or an Act's name written otherwise than its owner writes it "
            "('Wales Cooperative Centre', 'Co-Operatives and Community Benefit Societies "
            "Act'): names come from the library's organisations and the Acts its entries "
            "cite.",
            (name_spelling_rule,),
        ),
        Rule(
            "conflation",
            "error",
            "Two concepts the library keeps apart are run together: 'X/Y', 'X or Y' as one "
            "category, 'X such as Y' where Y is not a kind of X, 'X-style Y', 'X, i.e. Y', "
            "'Xs are Ys', 'X ... and so identical to Y', a heading 'Xs & Ys' over one "
            "definition. Lists naming them as separate items are fine.",
            (frame_rules, coordinated_rule, heading_rule, borrowed_definition_rule),
        ),
        Rule(
            "misattribution",
            "error",
            "A named organisation is called something the library records it is not: 'ORG is "
            "a X', 'ORG, a X,', 'Xs such as ORG', 'ORG and other Xs', 'an ORG-style X', "
            "'demutualise ORG' (a word the library says presupposes the kind). "
            "Negation, quotation and titles turn it off.",
            (frame_rules, reference_rule, coordinated_rule, presupposition_rule),
        ),
        Rule(
            "kind-claim",
            "warning",
            "What the library says marks one kind (its `presupposed_by` words, e.g. 'owned by "
            "its workers' for worker co-operatives) said of every member of a broader or "
            "different kind: 'in every co-operative the shares are owned by employees'.",
            (kind_claim_rule,),
        ),
        Rule(
            "misuse-context",
            "warning",
            "A concept used near words the library lists as a misuse (e.g. co-production said "
            "of a consultation or survey).",
            (misuse_rule,),
        ),
        Rule(
            "vague-term",
            "warning",
            "A bare use of a concept the library says needs its model named (e.g. 'a mutual': "
            "which kind?). Naming a narrower concept in the same sentence answers it.",
            (vague_rule,),
        ),
        Rule(
            "glossary-missing",
            "error",
            "In a rendered response (with a 'Terms used in this response' glossary), a "
            "library term used in the text but not defined in the glossary.",
            (coverage_rules,),
            scope="document",
        ),
        Rule(
            "undefined-terms",
            "suggestion",
            "In a draft without a glossary, one note listing the library terms used but never "
            "defined (add a glossary or define each on first use).",
            (coverage_rules,),
            scope="document",
        ),
    )
}

DOCUMENT_RULES = frozenset(rule.id for rule in RULES.values() if rule.scope == "document")
_SEVERITY_OF = {rule.id: rule.severity for rule in RULES.values()}
_JUDGES = tuple(dict.fromkeys(judge for rule in RULES.values() for judge in rule.judges))


def run_rules(ctx: Context) -> None:
    """Every rule over one text; findings collect on ctx.findings."""
    ctx.severity_of = _SEVERITY_OF
    for judge in _JUDGES:
        judge(ctx)
