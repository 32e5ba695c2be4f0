"""The bundled vetted content: every concept of the fact sheet, traceable and self-consistent."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from drafter.entry_examples import validate_with_examples as validate
from drafter.library import load_library
from drafter.library.validate import fold
from drafter.resources import bundled

SHEET_CONCEPTS = {
    "co-operative",
    "consumer-co-operative",
    "worker-co-operative",
    "producer-co-operative",
    "multi-stakeholder-co-operative",
    "credit-union",
    "co-operative-society",
    "community-benefit-society",
    "mutual",
    "public-service-mutual",
    "social-enterprise",
    "community-interest-company",
    "employee-owned-business",
    "employee-ownership-trust",
    "co-production",
    "third-sector",
    "user-led-organisation",
}
ORGANISATIONS = {
    "john-lewis-partnership",
    "co-operative-group",
    "co-operative-bank",
    "mondragon",
    "tower-colliery",
    "suma",
    "nationwide-building-society",
    "cwmpas",
}


@pytest.fixture(scope="module")
def library():
    return load_library([bundled("snippets")], use_cache=False)


def test_every_sheet_concept_is_vetted_with_definition_source_and_dates(library):
    assert set(library.concepts) >= SHEET_CONCEPTS
    for cid in SHEET_CONCEPTS:
        concept = library.concepts[cid]
        assert concept.status == "vetted", cid
        assert concept.definition and concept.short, cid
        assert concept.sources and all(s.ref for s in concept.sources), cid
        assert concept.vetted_on == dt.date(2026, 11, 26), cid
        assert concept.review_by and concept.review_by > concept.vetted_on, cid
        assert concept.examples.must_flag and concept.examples.must_pass, cid


def test_every_organisation_named_in_the_brief_is_present(library):
    assert set(library.organisations) >= ORGANISATIONS


def test_nationwide_asserts_nothing_the_sheet_does_not_give(library):
    nationwide = library.organisations["nationwide-building-society"]
    assert nationwide.status == "draft"
    assert not nationwide.is_ and not nationwide.sources
    assert "not verified" in nationwide.description.lower()


def test_unverified_legal_forms_are_not_asserted(library):
    cwmpas = library.organisations["cwmpas"]
    assert "community-benefit-society" in cwmpas.not_verified
    assert "community-benefit-society" not in cwmpas.is_
    tower = library.organisations["tower-colliery"]
    assert "worker-co-operative" in tower.not_verified
    assert "co-operative-society" not in tower.is_


def test_bundled_library_validates_without_errors(library):
    report = validate([bundled("snippets")], today=dt.date(2026, 11, 26))
    assert report.errors == [], [p.format() for p in report.errors]


def test_welsh_terms_carry_the_sheet_status():
    # The statuses here are copied from the sheet by hand: a change to the data must be deliberate.
    expected = {
        ("credit-union", "undeb credyd"): "legislation",
        ("social-enterprise", "menter gymdeithasol"): "legislation",
        ("co-production", "cydgynhyrchu"): "official-usage",
        ("co-operative", "cwmni cydweithredol"): "sector-usage",
        ("worker-co-operative", "cwmni cydweithredol gweithwyr"): "unverified",
        ("consumer-co-operative", "cymdeithas gydweithredol defnyddwyr"): "unverified",
        ("community-interest-company", "cwmni buddiant cymunedol"): "legislation",
        ("third-sector", "trydydd sector"): "legislation",
        ("mutual", "cydfuddiannol"): "sector-usage",
    }
    library = load_library([bundled("snippets")], use_cache=False)
    for (cid, text), status in expected.items():
        found = {t.text: t.status for t in library.concepts[cid].translations["cy"]}
        assert found[text] == status, (cid, text)
    # No Welsh term for these in the sheet: none is invented.
    for cid in ("public-service-mutual", "employee-ownership-trust", "user-led-organisation"):
        assert "cy" not in library.concepts[cid].translations, cid


def test_conflation_patterns_are_data(library):
    co_op = {fold(t.text): t for t in library.concepts["co-operative"].terms}
    assert co_op["cooperative"].status == "deprecated"  # C6
    assert co_op["co op"].use_instead == "co-operative"  # C7
    cbs = {t.text: t for t in library.concepts["community-benefit-society"].terms}
    assert cbs["community benefit company"].status == "deprecated"  # C9
    society = {t.text: t for t in library.concepts["registered-society"].terms}
    assert society["industrial and provident society"].status == "superseded"  # C16
    assert library.concepts["mutual"].needs_qualifier  # bare "mutual"
    assert "mutual" in library.concepts["co-operative"].relations.contrast  # C1
    assert "co-operative" in library.concepts["social-enterprise"].relations.contrast  # C2
    near = [n for m in library.concepts["co-production"].misuse_contexts for n in m.near]
    assert "consultation" in near  # C13
    jlp = library.organisations["john-lewis-partnership"]
    assert {"co-operative", "mutual"} <= set(jlp.is_not)  # C3, C4


def test_sources_cite_sheet_numbers_that_exist():
    sheet = Path("/work/shared/reference/terms-fact-sheet.md")
    if not sheet.exists():
        pytest.skip("reference sheet not available on this machine")
    listed = {int(n) for n in re.findall(r"^(\d+)\. ", sheet.read_text(), flags=re.M)}
    library = load_library([bundled("snippets")], use_cache=False)
    for entry in library.entries():
        for source in entry.sources:
            assert source.ref in listed, (entry.id, source.ref)


def _bundled_glossary(today=None) -> str:
    from drafter.answers import load_answers
    from drafter.compose import compose
    from tests.render_helpers import EXAMPLE_ANSWERS, sample_consultation

    library = load_library([bundled("snippets")], use_cache=False)
    composed = compose(load_answers(EXAMPLE_ANSWERS), sample_consultation(), library)
    return composed.markdown.split("## Terms used in this response", 1)[1]


def test_welsh_beside_co_operative_only_with_the_same_part_of_speech():
    # The sheet verifies the adjective "cydweithredol" and the plural "mentrau cydweithredol"
    # (s.16 heading) but no singular noun: neither may be printed beside the noun "co-operative".
    library = load_library([bundled("snippets")], use_cache=False)
    welsh = {t.text: t for t in library.concepts["co-operative"].translations["cy"]}
    assert welsh["cydweithredol"].part_of_speech == "adjective"
    assert welsh["mentrau cydweithredol"].part_of_speech == "plural noun"
    glossary = _bundled_glossary()
    assert "**co-operative**:" in glossary
    assert "cydweithredol*)" not in glossary.split("**co-operative**", 1)[1].split("\n", 1)[0]
    # a verified noun of the same part of speech is still printed
    assert "**social enterprise** (Welsh: *menter gymdeithasol*)" in glossary


def test_every_bundled_response_definition_is_publishable():
    from drafter.library.publishable import MAINTAINER_NOTE, TIME_BOUND, sentences

    library = load_library([bundled("snippets")], use_cache=False)
    for cid, concept in library.concepts.items():
        text = concept.response_definition
        assert text, cid
        assert not MAINTAINER_NOTE.search(text), (cid, MAINTAINER_NOTE.search(text))
        assert not re.search(r"\bcheck\b|paraphrased|point of law", text, re.I), cid
        assert not TIME_BOUND.search(text), cid
        assert 1 <= sentences(text) <= 2, cid
        assert all(source.kind for source in concept.sources), cid


def test_the_response_glossary_cites_two_sources_a_term_each_once():
    glossary = _bundled_glossary()
    body, _, listed = glossary.partition("## Sources")
    for block in body.strip().split("\n\n"):
        if block.startswith("**"):
            assert len(re.findall(r"\\\[(\d+)\\\]", block)) <= 2, block
    lines = [line for line in listed.splitlines() if re.match(r"\d+\. ", line)]
    entries = [line.split(". ", 1)[1] for line in lines]
    assert len(entries) == len(set(entries))
    urls = re.findall(r"<(https?://[^>]+)>", listed)
    assert len(urls) == len(set(urls))
    assert "paraphrased" not in glossary and "check the exact" not in glossary
    assert "as cited by" not in glossary and "dev.mysociety" not in glossary


def test_a_dated_fact_prints_with_its_date_until_valid_until():
    from drafter.compose.env import TemplateFunctions
    from drafter.library.printed import current_facts

    library = load_library([bundled("snippets")], use_cache=False)
    concept = library.concepts["employee-owned-business"]
    assert "2026" not in concept.response_definition
    fact = concept.dated_facts[0]
    assert current_facts(concept, fact.as_of) == [fact]
    assert current_facts(concept, fact.valid_until + dt.timedelta(days=1)) == []
    printed = str(TemplateFunctions(library).definition("employee-owned-business"))
    if current_facts(concept):
        assert "(as of 23 November 2022)" in printed
    else:
        assert "by 2026" not in printed


def test_the_demo_docx_glossary_read_back_has_two_sources_a_term_none_twice():
    import io

    from docx import Document

    from drafter.answers import load_answers
    from drafter.compose import compose
    from drafter.writer.docx import write_docx
    from tests.render_helpers import EXAMPLE_ANSWERS, sample_consultation

    library = load_library([bundled("snippets")], use_cache=False)
    data, _ = write_docx(compose(load_answers(EXAMPLE_ANSWERS), sample_consultation(), library))
    paras = [p.text.strip() for p in Document(io.BytesIO(data)).paragraphs]
    start = paras.index("Terms used in this response")
    end = paras.index("Sources", start)
    terms = [t for t in paras[start + 1 : end] if re.match(r"^[\w -]+( \(Welsh: [^)]*\))?: ", t)]
    assert len(terms) >= 5
    for text in terms:
        assert 1 <= len(re.findall(r"\[(\d+)\]", text)) <= 2, text
        assert "cydweithredol" not in text.split(":", 1)[0], text
    listed = [t for t in paras[end + 1 :] if t]
    assert listed and len(listed) == len(set(listed))
    assert len(listed) <= 2 * len(terms)
