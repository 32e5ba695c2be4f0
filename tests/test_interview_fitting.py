"""A suggestion is fitted into the sentence (one alternative, same form, article agreeing)."""

from __future__ import annotations

from drafter.interview.fitting import apply_fitted, fitted_replacement, marked
from drafter.precision import Finding


def finding_at(text: str, word: str, suggestion: str | None) -> Finding:
    start = text.index(word)
    return Finding("test-rule", "warning", start, start + len(word), word, "msg", suggestion)


def test_one_alternative_in_the_same_form_as_the_word_replaced():
    text = "Services were co-produced each spring."
    assert fitted_replacement(text, finding_at(text, "co-produced", "consulted / engaged")) == (
        "consulted"
    )
    assert fitted_replacement(text, finding_at(text, "co-produced", "consult / engaged")) == (
        "engaged"
    )


def test_a_word_of_another_form_is_advice_not_a_replacement():
    text = "Treat every co-operative as a not-for-profit body."
    assert fitted_replacement(text, finding_at(text, "co-operative", "member-owned")) is None


def test_a_spelling_variant_and_the_capital_at_a_sentence_start():
    text = "Cooperatives bid."
    assert fitted_replacement(text, finding_at(text, "Cooperatives", "co-operatives")) == (
        "Co-operatives"
    )


def test_the_article_before_the_replacement_agrees():
    text = "We are a mutual today."
    new, start, end = apply_fitted(text, finding_at(text, "mutual", None), "employee-owned body")
    assert new == "We are an employee-owned body today."
    assert marked(new, start, end) == "We are an ⟦employee-owned body⟧ today."
    text = "An only choice."
    assert apply_fitted(text, finding_at(text, "only", None), "single")[0] == "A single choice."


def test_a_misuse_shown_with_its_context_replaces_only_the_term():
    """The check shows 'co-produced through a satisfaction survey' (the term and the words that
    make it a misuse); accepting the suggestion changes the term alone."""
    from drafter.library import load_library, resolve_library_dirs
    from drafter.precision import check_text

    text = "Our own services were co-produced through a satisfaction survey each spring."
    library = load_library(resolve_library_dirs([]))
    (found,) = [f for f in check_text(text, library) if f.rule == "misuse-context"]
    assert found.text == "co-produced through a satisfaction survey"
    new = fitted_replacement(text, found)
    assert new == "consulted"
    changed, start, end = apply_fitted(text, found, new)
    assert changed == "Our own services were consulted through a satisfaction survey each spring."
    assert changed[start:end] == "consulted"
