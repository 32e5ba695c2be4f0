"""The precision engine: each rule's positive and negative cases, on a small fixture library,
and every bundled entry's must_flag / must_pass examples on the real library."""

from __future__ import annotations

import statistics
import time
from pathlib import Path

import pytest

from drafter.library import load_library
from drafter.precision import DOCUMENT_RULES, RULES, check_text, concepts_used
from drafter.precision.normalise import fold

FIXTURE = Path(__file__).parent / "fixtures" / "lint-library"


@pytest.fixture(scope="module")
def lib():
    return load_library([FIXTURE])


def rules_in(text, library):
    return [(f.rule, f.text) for f in check_text(text, library) if f.rule not in DOCUMENT_RULES]


def rule_ids(text, library):
    return {rule for rule, _ in rules_in(text, library)}


# --- normalisation ------------------------------------------------------------------------------


def test_fold_maps_back_to_original_offsets():
    text = "A\u00a0 worker\u2011co\u2010operative\u00ad  here"
    folded = fold(text)
    assert folded.text == "a worker-co-operative here"
    for i, ch in enumerate(folded.text):
        original = text[folded.original(i)]
        assert fold(original).text in (ch, " ", "") or original.lower() == ch


@pytest.mark.parametrize(
    "written",
    [
        "co\u2011operatives",
        "co\u2010operatives",
        "co\u2013operatives",
        "CO-OPERATIVES",
        "co operatives",
        "co-\u00adoperatives",
    ],
)
def test_unicode_hyphens_spaces_and_case_match_the_designation(lib, written):
    assert concepts_used(f"We back {written} in Wales.", lib) == ["co-operative"]


def test_finding_offsets_point_at_the_original_text(lib):
    text = "Intro\u00a0\u00a0text.  Support for\u2003cooperatives\u00ad matters."
    (finding,) = [f for f in check_text(text, lib) if f.rule == "house-spelling"]
    assert text[finding.start : finding.end] == finding.text == "cooperatives"


def test_whole_words_only(lib):
    assert concepts_used("Uncooperative staff and mutually agreed co-opted members.", lib) == []


def test_plurals_and_possessives(lib):
    assert concepts_used("Building societies' members and a worker co-operative's rules.", lib) == [
        "building-society",
        "worker-co-operative",
    ]


# --- longest match and names ----------------------------------------------------------------------


def test_organisation_names_shield_the_terms_inside_them(lib):
    text = "The Wales Co-operative Centre and Nationwide Building Society met the Co-op Bank."
    assert concepts_used(text, lib) == []
    assert rules_in(text, lib) == []


def test_unknown_proper_names_shield_their_terms(lib):
    assert rules_in("Mondragon Cooperative Corporation employs many people.", lib) == []
    assert rules_in("Co-operatives UK publishes guidance.", lib) == []


def test_quoted_titles_shield_spelling(lib):
    assert (
        rules_in("The ICA's \u201cStatement on the Cooperative Identity\u201d is from 1995.", lib)
        == []
    )
    assert rules_in("The ICA's 'Statement on the Cooperative Identity' dates from 1995.", lib) == []


def test_reader_shielded_spans_count_as_titles(lib):
    text = "We cite the cooperative identity statement here."
    start = text.index("the")
    assert rule_ids(text, lib) == {"house-spelling"}
    assert rule_ids_shielded(text, lib, (start, start + 34)) == set()


def rule_ids_shielded(text, library, span):
    return {f.rule for f in check_text(text, library, shielded=[span])} - DOCUMENT_RULES


# --- house spelling, deprecated and superseded ---------------------------------------------


def test_house_spelling_keeps_case_and_plural_in_the_fix(lib):
    (finding,) = [f for f in check_text("Cooperatives grow.", lib) if f.rule == "house-spelling"]
    assert finding.suggestion == "Co-operatives"


def test_deprecated_term_suggests_use_instead(lib):
    findings = [f for f in check_text("Three co-ops applied.", lib) if f.rule != "undefined-terms"]
    assert [(f.rule, f.suggestion) for f in findings] == [("deprecated-term", "co-operatives")]


def test_deprecated_term_without_use_instead_suggests_preferred(lib):
    findings = check_text("It is a community benefit company.", lib)
    assert ("deprecated-term", "community benefit society") in [
        (f.rule, f.suggestion) for f in findings
    ]


def test_superseded_term(lib):
    (finding,) = [
        f
        for f in check_text("An industrial and provident society.", lib)
        if f.rule == "superseded-term"
    ]
    assert finding.suggestion == "registered society"


def test_organisation_names_keep_their_capitals(lib):
    # "Co-op Group" is a name; "co-op group" is the informal word and a common noun
    assert rule_ids("The co-op group met on Tuesday.", lib) == {"deprecated-term"}
    assert rule_ids("The Co-op Group met on Tuesday.", lib) == set()
    assert "misattribution" in rule_ids("THE CO-OP GROUP IS A WORKER CO-OPERATIVE.", lib)


def test_text_in_capitals_is_judged_and_fixed_in_capitals(lib):
    (finding,) = [
        f for f in check_text("WE SUPPORT COOPERATIVES.", lib) if f.rule == "house-spelling"
    ]
    assert finding.suggestion == "CO-OPERATIVES"


def test_preferred_and_admitted_terms_pass(lib):
    assert rules_in("A workers' co-operative and a co-operative.", lib) == []


# --- conflation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Support for co-operatives/mutuals is welcome.",
        "Co-operatives and/or mutuals should bid.",
        "Social enterprises such as co-operatives deliver care.",
        "Social enterprises, including co-operatives, deliver care.",
        "Funding for mutuals or social enterprises is limited.",
        "Employee-owned businesses, i.e. worker co-operatives, keep jobs local.",
        "A social enterprise-style co-operative.",
        "Employee-owned businesses are worker co-operatives.",
        "Mutuals such as social enterprises can apply.",
        "Social enterprises can take many forms, including co-operatives and charities.",
        "Social enterprises include co-operatives and mutuals.",
        "Co-operatives are a form of social enterprise.",
        "Social enterprises (such as co-operatives) should be supported.",
    ],
)
def test_conflation_positive(lib, text):
    assert "conflation" in rule_ids(text, lib), text


@pytest.mark.parametrize(
    "text",
    [
        "Co-operatives, mutuals and social enterprises all deliver care.",
        "Co-operatives, mutuals or social enterprises may bid.",
        "Mutuals such as building societies are owned by members.",
        "Mutuals such as co-operatives are owned by members.",
        "Whether a co-operative or a social enterprise, the provider must register.",
        "Is it a co-operative or a social enterprise?",
        "Either co-operatives or social enterprises could run it.",
        "Worker co-operatives rather than employee-owned businesses.",
        "Some employee-owned businesses are worker co-operatives.",
        "Employee-owned businesses are not worker co-operatives.",
        "A worker co-operative is a co-operative.",
        "Worker co-operatives are a type of co-operative.",
        "Mutuals include building societies and co-operatives.",
        "The Co-operative and Mutuals Commission reported in 2014.",
        "\u201cCo-operatives/mutuals\u201d was the heading of the old report.",
    ],
)
def test_conflation_negative(lib, text):
    assert "conflation" not in rule_ids(text, lib), text


# --- misattribution ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "John Lewis is a worker co-operative.",
        "John Lewis was a large co-operative.",
        "The John Lewis Partnership, a mutual, is a model.",
        "Mutuals such as John Lewis are thriving.",
        "Co-operatives like JLP show the way.",
        "We want a John Lewis-style mutual.",
        "We want a John Lewis style mutual.",
        "John Lewis and other co-operatives are growing.",
        "The Co-op Bank is a co-operative.",
        "Nationwide is a co-operative.",
        "The Co-operative Group is a worker co-operative.",
        "Unlike Suma, John Lewis is a co-operative.",
        "The worker co-operative John Lewis pays a bonus.",
    ],
)
def test_misattribution_positive(lib, text):
    assert "misattribution" in rule_ids(text, lib), text


@pytest.mark.parametrize(
    "text",
    [
        "John Lewis is not a worker co-operative.",
        "John Lewis isn't a co-operative.",
        "John Lewis is an employee-owned business rather than a co-operative.",
        "Unlike a co-operative, John Lewis is employee-owned.",
        "It is a myth that John Lewis is a co-operative.",
        "John Lewis is often wrongly described as a co-operative.",
        "The article said \u201cJohn Lewis is a co-operative\u201d, which is wrong.",
        "Suma is a worker co-operative.",
        "The Co-operative Group is a consumer co-operative.",
        "Nationwide Building Society is a mutual.",
        "Co-operatives such as Suma are thriving.",
        "John Lewis is owned by co-operatives.",
        "John Lewis is not a co-operative but an employee-owned business.",
        "John Lewis is a partner of co-operatives.",
        "The FT described MyCSP as a John Lewis-style mutual.",
        "We visited the worker co-operative Suma.",
    ],
)
def test_misattribution_negative(lib, text):
    assert "misattribution" not in rule_ids(text, lib), text


def test_misattribution_message_and_fix_come_from_the_library(lib):
    (finding,) = [
        f for f in check_text("John Lewis is a co-operative.", lib) if f.rule == "misattribution"
    ]
    assert finding.text == "John Lewis is a co-operative"
    assert finding.message == (
        "John Lewis is not a co-operative: the library records it as an employee-owned business."
    )
    assert finding.suggestion == "Describe it as an employee-owned business."
    assert finding.severity == "error"


def test_misattribution_message_is_one_whole_sentence_about_the_organisation():
    bundled = load_library()
    (finding,) = [
        f for f in check_text("John Lewis is a mutual.", bundled) if f.rule == "misattribution"
    ]
    # one sentence that names the organisation and what it is: no fragment of a description
    assert finding.message == (
        "John Lewis is not a mutual: the library records it as an employee-owned business."
    )


# --- vague use -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The service will be run by a mutual.",
        "Staff set up a new mutual in 2013.",
        # a general noun after it names no model either
        "A mutual model could work.",
        "They plan to set up a mutual company for IT services.",
    ],
)
def test_vague_positive(lib, text):
    assert "vague-term" in rule_ids(text, lib)


@pytest.mark.parametrize(
    "text",
    [
        "There is mutual respect between partners.",
        "A mutual insurance company pays claims to its members.",
        "Co-operatives and mutuals deliver care.",
        "The mutual, a building society, lends to members.",
        "Nationwide is a mutual.",
    ],
)
def test_vague_negative(lib, text):
    assert "vague-term" not in rule_ids(text, lib), text


# --- misuse contexts -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["The strategy was co-produced through a survey.", "Our consultation was co-produced."],
)
def test_misuse_positive(lib, text):
    assert "misuse-context" in rule_ids(text, lib)


@pytest.mark.parametrize(
    "text",
    [
        "The service was co-produced with the people who use it.",
        "A consultation is not co-production.",
        "Co-production means designing services with service users; a survey is not enough.",
    ],
)
def test_misuse_negative(lib, text):
    assert "misuse-context" not in rule_ids(text, lib), text


def test_misuse_context_limited_to_some_designations(tmp_path):
    # `terms:` scopes a misuse context: the verb form said of a survey is the misuse, the noun in
    # a sentence that mentions one is not.
    entry = (
        "id: coprod\nkind: concept\nversion: 1\nstatus: draft\nsubject: t\nshort: s.\n"
        "definition: d.\nterms:\n  - text: co-production\n  - text: co-produced\n"
        "misuse_contexts:\n  - near: [survey]\n    terms: [co-produced]\n    message: m\n"
    )
    (tmp_path / "coprod.yaml").write_text(entry, encoding="utf-8")
    library = load_library([tmp_path], use_cache=False)
    assert "misuse-context" in rule_ids("The plan was co-produced through a survey.", library)
    assert "misuse-context" not in rule_ids("We want co-production, not a survey.", library)
    assert "misuse-context" not in rule_ids("A survey asked about co-production.", library)


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("One is a worker co-operative on the John Lewis model.", True),
        ("The council wants a mutual modelled on John Lewis.", True),
        ("A public service mutual based on the John Lewis Partnership could work.", True),
        ("A worker co-operative on the Mondragon model is owned by its workers.", False),
        ("Our co-operative is not modelled on John Lewis.", False),
        ("We met a worker co-operative on the John Lewis site.", False),
    ],
)
def test_misattribution_modelled_on_an_organisation(text, flagged):
    # "X modelled on ORG" / "X on the ORG model" claim what "an ORG-style X" claims
    from drafter.resources import bundled

    library = load_library([bundled("snippets")])
    assert ("misattribution" in rule_ids(text, library)) is flagged, text


def test_a_conflated_kind_of_is_not_called_a_different_model():
    from drafter.resources import bundled

    library = load_library([bundled("snippets")])
    (finding,) = [
        f
        for f in check_text("We support co-operatives/mutuals.", library)
        if f.rule == "conflation"
    ]
    assert finding.message.startswith("'co-operative' is one kind of 'mutual', not the same thing")
    (finding,) = [
        f
        for f in check_text("Co-operatives/social enterprises bid.", library)
        if f.rule == "conflation"
    ]
    assert "different models" in finding.message


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        # the bundled library: a response discusses co-production beside the consultation it answers
        ("The consultation asks how co-production can be strengthened in commissioning.", False),
        ("Question 7 of the consultation is about co-production.", False),
        ("Co-production goes further than consultation: people design the service.", False),
        ("The new service was co-produced with service users after a consultation.", False),
        ("The plan was co-produced through a consultation.", True),
        ("The multi-agency plan is an example of co-production.", True),
    ],
)
def test_co_production_near_consultation_in_the_bundled_library(text, flagged):
    from drafter.resources import bundled

    library = load_library([bundled("snippets")])
    assert ("misuse-context" in rule_ids(text, library)) is flagged, text


# --- definition coverage -------------------------------------------------------------------------


def test_undefined_terms_is_one_suggestion_listing_the_terms(lib):
    findings = check_text("Co-operatives matter. Building societies matter too.", lib)
    (finding,) = [f for f in findings if f.rule == "undefined-terms"]
    assert finding.severity == "suggestion"
    assert "co-operative" in finding.message and "building society" in finding.message


def test_a_term_defined_in_the_text_is_not_listed(lib):
    text = "A building society means a mutual lender. Building societies matter."
    findings = [f for f in check_text(text, lib) if f.rule == "undefined-terms"]
    assert all("building society" not in f.message for f in findings)


def test_glossary_must_cover_every_term_used(lib):
    text = (
        "# Response\n\nWorker co-operatives and building societies help.\n\n"
        "## Terms used in this response\n\n**Worker co-operative**: owned by its workers.\n\n"
        "## Sources\n\n1. A building society report.\n"
    )
    findings = check_text(text, lib)
    assert [(f.rule, f.text, f.concept) for f in findings if f.rule == "glossary-missing"] == [
        ("glossary-missing", "building societies", "building-society")
    ]
    assert not [f for f in findings if f.rule == "undefined-terms"]


def test_glossary_and_cited_titles_are_not_judged(lib):
    text = (
        "We back worker co-operatives.\n\n## Terms used in this response\n\n"
        "**worker co-operative**: a co-operative owned by its workers; a mutual.\n\n"
        "## Sources\n\n1. Cooperatives and the run of a mutual, Some Press (2001).\n"
        "2. A study of building societies.\n"
    )
    assert [(f.rule, f.text) for f in check_text(text, lib)] == []


# --- suppression ---------------------------------------------------------------------------------


def test_marker_suppresses_its_rule_in_its_paragraph_only(lib):
    text = "We back cooperatives. [drafter: ignore house-spelling]\n\nMore cooperatives."
    found = [(f.rule, f.suppressed) for f in check_text(text, lib) if f.rule == "house-spelling"]
    assert found == [("house-spelling", True), ("house-spelling", False)]


def test_marker_alone_covers_the_next_paragraph_and_all_rules(lib):
    text = "<!-- drafter: ignore -->\n\nJohn Lewis is a co-operative run by cooperatives."
    findings = check_text(text, lib)
    assert findings and all(f.suppressed for f in findings)


def test_marker_for_another_rule_does_not_suppress(lib):
    text = "John Lewis is a co-operative. [drafter: ignore house-spelling]"
    (finding,) = [f for f in check_text(text, lib) if f.rule == "misattribution"]
    assert not finding.suppressed


# --- bad input -----------------------------------------------------------------------------------


def test_empty_and_termless_text(lib):
    assert check_text("", lib) == []
    assert check_text("Nothing relevant here.", lib) == []


def test_control_characters_and_right_to_left_text(lib):
    text = "\x01\x02 \u202bمرحبا\u202c John Lewis\x07 is a co-operative. שלום cooperatives"
    rules = {f.rule for f in check_text(text, lib)}
    assert {"misattribution", "house-spelling"} <= rules
    for f in check_text(text, lib):
        assert text[f.start : f.end] == f.text


def test_text_without_a_full_stop_is_checked_in_linear_time(lib):
    """Ten times the text costs at most fifteen times the CPU time (median of three runs)."""
    filler = "the council will support local care providers across wales and " * 160
    chunk = filler + "co-operatives and mutuals "

    def cpu_seconds(size: int) -> float:
        text = chunk * (size // len(chunk) + 1) + "John Lewis is a co-operative"
        assert "." not in text
        runs = []
        for _ in range(3):
            start = time.process_time()
            claims = [f for f in check_text(text, lib) if f.rule == "misattribution"]
            runs.append(time.process_time() - start)
            assert len(claims) == 1 and claims[0].end == len(text)
        return statistics.median(runs)

    small, large = cpu_seconds(200_000), cpu_seconds(2_000_000)
    assert large <= 15 * small, f"10x the text took {large / small:.1f}x the time"


def test_library_with_single_letter_and_regex_metacharacter_designations(tmp_path):
    folder = tmp_path / "terms"
    folder.mkdir()
    (folder / "odd.yaml").write_text(
        "id: odd\nversion: 1\nstatus: vetted\nsubject: s\nshort: s\ndefinition: d\n"
        "terms:\n  - text: X\n  - text: 'C++ (model)'\n    status: deprecated\n"
        "  - text: a.b*\n    status: deprecated\n",
        encoding="utf-8",
    )
    library = load_library([tmp_path])
    text = "An x, a C++ (model) and a.b* and axb and aab."
    findings = [f for f in check_text(text, library) if f.rule != "undefined-terms"]
    assert sorted(f.text for f in findings) == ["C++ (model)", "a.b*"]
    assert concepts_used("Plain words only.", library) == []


def test_rule_registry_is_the_one_list_of_rules_and_severities():
    """The docs table agrees with the registry (the severities: tests/test_registries.py)."""
    root = Path(__file__).parents[1]
    doc = (root / "docs" / "precision.md").read_text()
    table = {
        cells[1].strip("` "): cells[2].strip()
        for line in doc.splitlines()
        if line.startswith("| `") and len(cells := line.split("|")) > 3
    }
    assert {rid: table.get(rid) for rid in RULES} == {r.id: r.severity for r in RULES.values()}


def test_precision_engine_does_no_io_and_keeps_no_module_state():
    """The engine is pure: no file, process or terminal access, no garbage-collector toggling,
    no module-level caches (compiled data lives on the compiled-library object), and it
    imports nothing from the layers above it (the library only for type hints)."""
    import ast

    banned_modules = {"gc", "os", "io", "pathlib", "shutil", "subprocess", "rich", "click"}
    banned_prefixes = ("drafter.library", "drafter.readers", "drafter.commands", "drafter.ui")
    for path in sorted((Path(__file__).parents[1] / "drafter" / "precision").glob("*.py")):
        tree = ast.parse(path.read_text())
        type_only = {
            id(n)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            for n in ast.walk(node)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in type_only:
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                names.append(getattr(node, "module", None) or "")
                for name in filter(None, names):
                    assert name.split(".")[0] not in banned_modules, (path.name, name)
                    assert not name.startswith(banned_prefixes), (path.name, name)
            if isinstance(node, ast.Call) and ast.unparse(node.func) == "open":
                raise AssertionError(f"{path.name} opens a file")
            if isinstance(node, ast.Global):
                raise AssertionError(f"{path.name} rebinds a module global")
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                decorators = {ast.unparse(d).split("(")[0] for d in node.decorator_list}
                assert not decorators & {"functools.cache", "functools.lru_cache"}, (
                    path.name,
                    node.name,
                )
            value = getattr(node, "value", None)
            if isinstance(node, ast.Assign | ast.AnnAssign) and isinstance(
                value, ast.Dict | ast.List | ast.Set
            ):
                target = ast.unparse(
                    node.targets[0] if isinstance(node, ast.Assign) else node.target
                )
                assert value.keys if isinstance(value, ast.Dict) else value.elts, (
                    f"{path.name}: {target} is an empty module-level container (a cache?)"
                )


def test_compiled_library_is_kept_on_the_library_and_renewed_when_it_changes():
    from drafter.precision.knowledge import knowledge_of

    library = load_library()
    first = knowledge_of(library)
    assert knowledge_of(library) is first
    library.add(next(iter(library.concepts.values())), Path("again.yaml"))
    assert knowledge_of(library) is not first


# --- bundled library: every entry's examples ----------------------------------------------------


def _examples():
    library = load_library()
    for entry in [*library.concepts.values(), *library.organisations.values()]:
        for text in entry.examples.must_flag:
            yield pytest.param(entry.id, text, True, id=f"{entry.id}-flag-{text[:30]}")
        for text in entry.examples.must_pass:
            yield pytest.param(entry.id, text, False, id=f"{entry.id}-pass-{text[:30]}")


@pytest.fixture(scope="module")
def bundled():
    return load_library()


@pytest.mark.parametrize(("entry", "text", "flag"), list(_examples()))
def test_bundled_examples(bundled, entry, text, flag):
    found = rules_in(text, bundled)
    assert bool(found) == flag, (entry, text, found)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        # the closed-up verb, said of a body's own framework
        ("Public Health Wales has coproduced a healthcare framework.", "misuse-context"),
        # an abbreviation's plural, and a bracket closing the subject of "are"
        ("CBSs (or BenComs) are co-operatives owned by local people.", "conflation"),
    ],
)
def test_closed_up_verbs_and_abbreviation_plurals_are_matched(bundled, text, rule):
    assert rule in {f.rule for f in check_text(text, bundled)}


def test_a_framework_coproduced_with_service_users_passes(bundled):
    text = "The council coproduced its care framework with service users as equals."
    assert "misuse-context" not in {f.rule for f in check_text(text, bundled)}


def test_org_as_the_kind_counts_the_organisation_as_one(bundled):
    text = "Suma overtook the Co-operative Group as the country's largest worker-owned business."
    assert "misattribution" in {f.rule for f in check_text(text, bundled)}
    assert "misattribution" not in {
        f.rule for f in check_text("Suma was set up as a worker co-operative.", bundled)
    }
