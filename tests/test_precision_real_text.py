"""What real writing does that our own sentences did not: each case on the bundled library, in
sentences written for these tests (the real passages themselves stay in ../shared/corpus)."""

from __future__ import annotations

import pytest

from drafter.library import load_library, resolve_library_dirs
from drafter.precision import check_text


@pytest.fixture(scope="module")
def lib():
    return load_library(resolve_library_dirs([]))


def found(text, library, minimum=("warning", "error")):
    return [(f.rule, f.text) for f in check_text(text, library) if f.severity in minimum]


def test_informal_co_op_is_a_suggestion_of_style_never_a_warning(lib):
    findings = check_text("Three co-ops in Ceredigion run the village shops.", lib)
    [informal] = [f for f in findings if f.rule == "informal-term"]
    assert informal.severity == "suggestion"
    assert informal.suggestion == "co-operatives"
    assert informal.message == "'co-ops' is informal; a formal response writes 'co-operatives'."
    assert found("Three co-ops in Ceredigion run the village shops.", lib) == []


def test_the_co_op_names_the_co_operative_group(lib):
    # the library lists "the Co-op" as the Co-operative Group's alias: a name, not a style slip
    assert [f.rule for f in check_text("We buy our coffee at the Co-op.", lib)] == []


@pytest.mark.parametrize(
    "text",
    [
        "Some argue that John Lewis is a co-operative.",
        "It is often assumed that John Lewis is a co-operative, but it is owned through a trust.",
        "The minister said that John Lewis is a co-operative.",
    ],
)
def test_reported_and_hedged_claims_are_not_the_writers(lib, text):
    assert found(text, lib) == []


def test_the_same_claim_asserted_is_an_error(lib):
    assert ("misattribution", "John Lewis is a co-operative") in found(
        "John Lewis is a co-operative.", lib
    )


@pytest.mark.parametrize(
    "text",
    [
        "There is no legal definition of a mutual in UK law.",
        "What is a mutual, and who owns it?",
    ],
)
def test_sentences_about_the_words_use_no_term(lib, text):
    assert found(text, lib) == []


def test_a_superseded_name_in_its_own_period_is_correct(lib):
    assert found("Historically, these bodies were industrial and provident societies.", lib) == []
    assert [
        r for r, _ in found("The housing body is an industrial and provident society.", lib)
    ] == ["superseded-term"]


def test_can_be_x_or_y_offers_alternatives(lib):
    assert (
        found("A society can be a co-operative society or a community benefit society.", lib) == []
    )


def test_a_claim_true_of_the_named_kind_is_not_a_misuse(lib):
    assert found("Each credit union is a not-for-profit financial co-operative.", lib) == []
    assert ("misuse-context", "co-operative is a not-for-profit") in found(
        "Every co-operative is a not-for-profit body.", lib
    )


def test_a_known_name_misspelt_is_flagged_with_the_exact_name(lib):
    [f] = [f for f in check_text("The Wales Cooperative Centre published a report.", lib)
           if f.rule == "name-spelling"]  # fmt: skip
    assert f.text == "Wales Cooperative Centre"
    assert f.suggestion == "Wales Co-operative Centre"
    assert f.severity == "warning"
    act = "We are registered under the Co-Operatives and Community Benefit Societies Act (2014)."
    assert ("name-spelling", "Co-Operatives and Community Benefit Societies Act (2014)") in found(
        act, lib
    )


@pytest.mark.parametrize(
    "text",
    [
        "The Wales Co-operative Centre published a report.",
        "We are registered under the Co-operative and Community Benefit Societies Act 2014.",
        "THE WALES CO-OPERATIVE CENTRE PUBLISHED A REPORT.",
    ],
)
def test_a_known_name_written_as_its_owner_writes_it_passes(lib, text):
    assert [r for r, _ in found(text, lib)] == []


def test_co_producing_with_partner_organisations_is_collaboration(lib):
    assert ("misuse-context", "co-produce the action plan") in found(
        "Next year we will co-produce the action plan with our partners.", lib
    )
    assert (
        found(
            "Next year we will co-produce the action plan with the people who use the service.", lib
        )
        == []
    )


@pytest.mark.parametrize(
    "text", ["The library will become a staff mutual.", "It is now an employee-led mutual."]
)
def test_a_described_but_unnamed_mutual_is_vague(lib, text):
    assert [r for r, _ in found(text, lib)] == ["vague-term"]


def test_a_mutual_with_its_model_in_brackets_is_not_vague(lib):
    assert found("Staff formed an independent mutual (a society owned by its members).", lib) == []


def test_a_possessive_is_a_determiner_in_a_claim(lib):
    assert ("misattribution", "John Lewis Partnership is Wales's largest co-operative") in found(
        "The John Lewis Partnership is Wales's largest co-operative.", lib
    )


def test_a_dash_names_the_organisation_described(lib):
    [(rule, text)] = found("We studied the best-known mutual – the John Lewis Partnership.", lib)
    assert rule == "misattribution" and text.endswith("John Lewis Partnership")


def test_a_claim_about_the_organisation_named_in_the_sentence_before(lib):
    text = "We visited John Lewis last week. The company is a worker co-operative."
    [f] = [f for f in check_text(text, lib) if f.rule == "misattribution"]
    assert f.text == "The company is a worker co-operative"
    assert f.message.startswith("John Lewis is not a worker co-operative:")
    assert found("We visited John Lewis last week. The company is not a co-operative.", lib) == []
    assert found("We visited John Lewis. The company is an employee-owned business.", lib) == []


def test_a_community_benefit_society_is_not_a_kind_of_co_operative(lib):
    # "co-operative [society] or community benefit society" names two registrations; saying
    # both are run for their members is what is wrong, and only of the second
    assert [
        r
        for r, _ in found(
            "A co-operative or community benefit society is run for its members.", lib
        )
    ] == ["misuse-context"]
    assert found("Rules differ for co-operatives and community benefit societies.", lib) == []


def test_a_wrong_registrar_for_a_community_benefit_society_is_a_misuse(lib):
    assert [
        r
        for r, _ in found("Our community benefit society is registered with Companies House.", lib)
    ] == ["misuse-context"]


def test_coop_without_its_hyphen_is_a_spelling_slip(lib):
    [(rule, text)] = found("An energy coop sells power to its members.", lib)
    assert (rule, text) == ("deprecated-term", "coop")


def test_a_kind_claimed_as_the_leading_form_of_another_is_a_conflation(lib):
    assert [
        r for r, _ in found("Co-operatives are the largest form of social enterprise.", lib)
    ] == ["conflation"]


def test_a_list_under_a_category_must_hold_only_its_kinds(lib):
    rules = found(
        "Registered societies include co-operative societies and building societies.", lib
    )
    assert [r for r, _ in rules] == ["conflation"]
    assert (
        found(
            "Registered societies include co-operative societies and community benefit societies.",
            lib,
        )
        == []
    )


def test_a_capitalised_kind_after_a_or_an_is_judged(lib):
    assert [r for r, _ in found("The body was set up as a Mutual.", lib)] == ["vague-term"]


def test_a_name_with_a_hyphenated_suffix_is_still_checked(lib):
    assert ("name-spelling", "Wales Cooperative Centre") in found(
        "A Wales Cooperative Centre-led team.", lib
    )


def test_messages_carry_no_internal_labels(lib):
    texts = [
        "Every co-operative is a not-for-profit body.",
        "The council staff formed a cooperative.",
        "The survey was co-produced with a consultation.",
        "Our community benefit society is registered with Companies House.",
    ]
    for text in texts:
        for f in check_text(text, lib):
            for words in (f.message, f.suggestion or ""):
                assert "attern C" not in words and "[" not in words and "fact sheet" not in words


def test_a_property_of_some_kinds_claimed_of_all_is_a_misuse(lib):
    assert [r for r, _ in found("As with all social enterprises, they are asset-locked.", lib)] == [
        "misuse-context"
    ]
    assert found("Some social enterprises are asset-locked.", lib) == []
    assert found("A community interest company is an asset-locked social enterprise.", lib) == []


def test_a_bare_plural_subject_mutuals_is_vague(lib):
    assert [r for r, _ in found("Mutuals are a proven way to run public services.", lib)] == [
        "vague-term"
    ]
    assert found("Mutuals are owned by their members, as building societies are.", lib) == []


# --- a claim joined to the sentence's subject, or made by a participle ------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The Co-operative Bank has branches in Cardiff and is a mutual owned by customers.",
            ("misattribution", "and is a mutual"),
        ),
        (
            "A community interest company: regulated by the CIC Regulator, and so the same as a "
            "community benefit society.",
            ("conflation", "and so the same as a community benefit society"),
        ),
        (
            "The John Lewis Partnership was founded in 1929. Being a mutual, the company shares "
            "its profits with staff.",
            ("misattribution", "Being a mutual"),
        ),
    ],
)
def test_a_second_predicate_or_a_participle_is_about_the_subject(lib, text, expected):
    assert expected in found(text, lib)


@pytest.mark.parametrize(
    "text",
    [
        "The Co-operative Group owns food stores and is a consumer co-operative.",
        "A worker co-operative is owned by its staff and is a co-operative in the full sense.",
        "Being a registered society, the housing body reports to the regulator.",
        # the second subject ("the Co-op Group") is what "and is" is said of
        "John Lewis is employee-owned, while the Co-operative Group trades widely and is a "
        "consumer co-operative.",
    ],
)
def test_a_second_predicate_true_of_its_subject_is_not_flagged(lib, text):
    assert found(text, lib) == []


def test_a_word_that_presupposes_a_kind_misattributes_it(lib):
    assert found("The rescue will demutualise the Co-op Bank.", lib) == [
        ("misattribution", "demutualise the Co-op Bank")
    ]
    [f] = [f for f in check_text("John Lewis should demutualise.", lib) if f.severity == "error"]
    assert f.message.startswith("John Lewis is not a mutual, but 'demutualise' says it is")
    # said of a body that is one, it is fine
    assert found("Nationwide has resisted calls to demutualise.", lib) == []


# --- statutes, legal forms, tests that belong to another registration -------------------------


def test_a_replaced_act_cited_as_the_law_in_force_is_superseded(lib):
    [f] = found(
        "Our members are registered under the Industrial and Provident Societies Act 1965.", lib
    )
    assert f == ("superseded-term", "Industrial and Provident Societies Act 1965")
    for period in (
        "Before 1 August 2014 societies registered under the Industrial and Provident "
        "Societies Act 1965.",
        "The Industrial and Provident Societies Act 1965 was repealed by the 2014 Act.",
        "The society was previously registered under the Industrial and Provident Societies Acts.",
    ):
        assert found(period, lib) == [], period


def test_mutual_is_not_a_legal_form_a_body_is_constituted_as(lib):
    assert found("The trust is formally constituted as a Mutual Society.", lib) == [
        ("misuse-context", "constituted as a Mutual")
    ]
    # far from the registration words, it is not said to be the legal form
    assert ("misuse-context", "mutual") not in found(
        "It is registered as a building society, a mutual owned by its members.", lib
    )


def test_community_benefit_is_the_other_registration_s_test(lib):
    text = "Each co-operative society in the scheme must trade for the benefit of the community."
    [(rule, words)] = found(text, lib)
    assert rule == "misuse-context" and words.startswith("co-operative society")
    assert words.endswith("for the benefit of the community")
    assert (
        found(
            "A co-operative society is run for its members; a community benefit society is run for "
            "the benefit of the community.",
            lib,
        )
        == []
    )


def test_a_general_noun_after_mutual_names_no_model(lib):
    assert ("vague-term", "mutual") in found("We propose a mutual company for leisure.", lib)
    assert found("A mutual insurance company pays claims to its members.", lib) == []


# --- category claims ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Co-operatives or other types of social enterprise could bid.", "Co-operatives or"),
        (
            "Social enterprise covers co-operatives, mutuals and community interest companies.",
            "Social enterprise covers co-operatives",
        ),
        (
            "A community interest company (also known as a social enterprise) can bid.",
            "community interest company (also known as a social enterprise",
        ),
    ],
)
def test_a_category_claim_runs_two_kinds_together(lib, text, words):
    flagged = found(text, lib)
    assert flagged and flagged[0][0] == "conflation" and flagged[0][1].startswith(words)


@pytest.mark.parametrize(
    "text",
    [
        "Co-operatives and other types of mutual are owned by their members.",
        "The third sector covers social enterprises and voluntary organisations.",
        "A registered society (i.e. a co-operative society or a community benefit society) "
        "files returns.",
        "A mutual is not a legal form.",
        "A mutual means an organisation owned by its members.",
    ],
)
def test_a_true_category_claim_or_a_statement_about_the_term_passes(lib, text):
    assert found(text, lib) == []


# --- ownership said of the wrong kind, comparisons, "-style" phrases ------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "In every co-operative the shares are owned by employees.",
            ("kind-claim", "co-operative the shares are owned by employees"),
        ),
        (
            "Consumer co-operatives are owned by their workers.",
            ("kind-claim", "Consumer co-operatives are owned by their workers"),
        ),
        (
            "The Co-operative Group is owned by its staff.",
            ("misattribution", "The Co-operative Group is owned by its staff"),
        ),
        ("Employees own the Co-op Bank.", ("misattribution", "Employees own the Co-op Bank")),
        (
            "The business is owned by its staff – like the Co-operative Group.",
            ("misattribution", "owned by its staff – like the Co-operative Group"),
        ),
        (
            "It's not been an easy ride for Britain's biggest John Lewis-style employee-owned "
            "public sector spin-off.",
            ("misattribution", "John Lewis-style employee-owned public sector spin-off"),
        ),
        ("The shop was cooperatively owned.", ("house-spelling", "cooperatively")),
    ],
)
def test_what_marks_one_kind_said_of_another(lib, text, expected):
    assert expected in found(text, lib)


@pytest.mark.parametrize(
    "text",
    [
        "Co-operatives owned by their workers are called worker co-operatives.",
        "Suma is owned by its workers.",
        "John Lewis is owned by its staff through a trust.",
        "Every worker co-operative is owned by its workers.",
        "Mondragon is owned by its workers, like Suma.",
        "In a consumer co-operative, the customers own the society.",
        "It is not a John Lewis-style mutual.",
        "The FT described MyCSP as a John Lewis-style mutual.",
        "The shop was co-operatively owned.",
    ],
)
def test_what_marks_a_kind_said_of_that_kind_passes(lib, text):
    assert found(text, lib) == []


def test_a_heading_that_merges_two_kinds_over_one_definition(lib):
    text = "Mutuals & Co-operatives\nA mutual is an organisation owned by its members."
    assert found(text, lib) == [("conflation", "Mutuals & Co-operatives")]
    # a heading over text about both, or a sentence naming both, is not that
    assert found("Co-operatives and mutuals\n\nWe work with both across Wales.", lib) == []
    assert found("Co-operatives and mutuals are owned by their members.", lib) == []


def test_a_report_tag_after_the_claim_makes_it_reported(lib):
    assert found("John Lewis is a co-operative, according to the article.", lib) == []
    assert found("The Co-op Bank was demutualised in 2013, says the report.", lib) == []
    # "and says so" is the body speaking, not a report of someone else's claim
    assert found("John Lewis is a co-operative, and says so in its constitution.", lib) == [
        ("misattribution", "John Lewis is a co-operative")
    ]


def test_two_kinds_sharing_an_unsaid_noun_are_not_run_together(lib):
    # "co-operative [societies] or community benefit societies": two registrations, named apart
    assert found("They are registered co-operative or community benefit societies.", lib) == []
    assert found("Co-operatives or community benefit societies have existed for years.", lib)


def test_a_name_wrapped_across_lines_is_not_misspelt(lib):
    text = "It registered under the Co-operative and Community Benefit Societies Act\n2014."
    assert found(text, lib) == []


def test_a_plural_fix_puts_the_plural_on_the_term_not_its_bracket(lib):
    [f] = [
        f
        for f in check_text("Some industrial and provident societies bid.", lib)
        if f.rule == "superseded-term"
    ]
    assert f.suggestion.startswith("registered societies (co-operative society")


def test_one_kind_defined_in_the_words_of_another(lib):
    text = (
        "A community interest company is a business with primary social objectives whose "
        "surpluses are principally reinvested for that purpose in the business or in the "
        "community."
    )
    [(rule, words)] = found(text, lib)
    assert rule == "conflation" and words.startswith("community interest company is a business")
    [f] = [f for f in check_text(text, lib) if f.rule == "conflation"]
    assert "in the words the library uses for 'social enterprise'" in f.message
    # the kind's own definition, or a shared description after the definition, is fine
    own = text.replace("A community interest company", "A social enterprise")
    assert found(own, lib) == []
    shared = (
        "A credit union is a financial co-operative, owned and controlled by the people who use "
        "its services."
    )
    assert found(shared, lib) == []


def test_scare_quotes_around_a_vague_term_do_not_hide_it(lib):
    assert found("We favour a 'mutual' structure for the service.", lib) == [
        ("vague-term", "mutual")
    ]
    # quoted words about words, or before a noun that is not general, stay quotations
    assert found("The word 'mutual' is used with a range of meanings.", lib) == []
    assert found("Who would own the 'mutual' hospitals is unclear.", lib) == []


def test_mutualism_takes_no_article_and_is_as_vague_as_a_mutual(lib):
    assert found("Mutualism is the answer for public services.", lib) == [
        ("vague-term", "Mutualism")
    ]
    assert found("The union argued that privatisation was presented as mutualism.", lib) == []


def test_a_message_reads_as_sentences_once_the_maintainers_labels_are_gone(lib):
    [f] = [f for f in check_text("We met the local coop.", lib) if f.rule == "deprecated-term"]
    assert "Pattern" not in f.message
    assert ". An unhyphenated spelling" in f.message  # the sentence keeps its capital


def test_known_as_equates_and_an_aside_does_not_hide_an_instance_list(lib):
    text = "Energy groups are a form of co-operative, known legally as a community benefit society."
    assert ("conflation", "co-operative, known legally as a community benefit society") in found(
        text, lib
    )
    aside = "Social enterprises come in many forms, as we have heard, including co-operatives."
    assert found(aside, lib)[0][0] == "conflation"
    # a name for the same thing is not an equation
    assert found("Community benefit societies, known as bencoms, serve communities.", lib) == []


@pytest.mark.parametrize(
    "text",
    [
        "A building society (i.e. a mutual) lends to its members.",
        "A worker co-operative, i.e. a co-operative owned by its workers, is democratic.",
        "The society was registered under the Industrial and Provident Societies Act 1965 in 1982.",
        "In 1990 the society registered under the Industrial and Provident Societies Acts.",
    ],
)
def test_saying_what_kind_a_thing_is_or_dating_an_old_name_is_fine(lib, text):
    assert found(text, lib) == []


def test_equating_two_kinds_the_library_keeps_apart_is_still_a_conflation(lib):
    assert found("Co-operatives, i.e. mutuals, are owned by members.", lib)[0][0] == "conflation"
    narrowed = found("A registered society (i.e. a co-operative society) files returns.", lib)
    assert narrowed[0][0] == "conflation"


def test_the_status_talked_about_is_not_a_vague_use_but_a_body_that_became_one_is(lib):
    assert found("Being a mutual is about staff control and how you run the service.", lib) == []
    assert found("Becoming a mutual is something the trust would consider.", lib) == []
    assert found("The service became a mutual last year.", lib) == [("vague-term", "mutual")]


def test_a_model_named_in_the_sentence_before_answers_a_bare_mutual(lib):
    text = (
        "In the 1990s several building societies became public limited companies. In most "
        "cases a larger plc took over a small mutual."
    )
    assert found(text, lib) == []
    # a new paragraph starts afresh
    apart = "Several building societies became banks.\n\nA small mutual may now bid."
    assert found(apart, lib) == [("vague-term", "mutual")]


def test_a_report_tag_after_a_style_claim_makes_it_reported_too(lib):
    assert found("We want a John Lewis-style mutual.", lib)
    assert found("It is a John Lewis-style mutual, according to the article.", lib) == []
