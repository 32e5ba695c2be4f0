"""`drafter snippets validate`: every kind of bad input, all reported in one run, exit 2."""

from __future__ import annotations

import datetime as dt

import pytest

import drafter.precision as precision
from drafter.entry_examples import validate_with_examples as validate
from drafter.library import load_library
from drafter.resources import bundled
from tests.conftest import run_drafter
from tests.library_helpers import concept, layer, run, snapshot

BROKEN = {
    # broken YAML: an unclosed flow sequence on line 3
    "terms/broken.yaml": "id: broken\nkind: concept\nterms: [a, b\nversion: 1\n",
    # an unknown field
    "terms/unknown-field.yaml": concept("unknown-field", "alpha term", extra="colour: blue\n"),
    # a missing required field (no definition at all)
    "terms/missing.yaml": concept("missing-def", "beta term").replace(
        "definition: Definition of beta term.\n", ""
    ),
    # a duplicate id in one layer
    "terms/dup-a.yaml": concept("dup", "gamma term"),
    "terms/dup-b.yaml": concept("dup", "delta term"),
    # a relation to an unknown id
    "terms/relation.yaml": concept(
        "relation", "epsilon term", extra="relations:\n  broader: [no-such-concept]\n"
    ),
    # an invalid date
    "terms/bad-date.yaml": concept("bad-date", "zeta term").replace("2027-11-26", "2027-13-45"),
    # an empty definition
    "terms/empty-def.yaml": concept("empty-def", "eta term").replace(
        "definition: Definition of eta term.", 'definition: "   "'
    ),
    # a vetted entry with no source
    "terms/no-source.yaml": concept("no-source", "theta term").replace(
        "sources:\n  - {title: A test source, year: 2026, kind: academic}\n", ""
    ),
    # a designation that is only punctuation
    "terms/punct.yaml": concept("punct", "iota term", extra='  - text: "--/"\n'),
    # a designation that is empty
    "terms/empty-term.yaml": concept("empty-term", "kappa term", extra='  - text: ""\n'),
}

EXPECTED = [
    ("broken.yaml:4", "malformed YAML"),
    ("unknown-field.yaml:", "colour: unknown field (allowed: "),
    ("missing.yaml", "definition: required field is missing"),
    ("dup-b.yaml", "duplicate id 'dup'"),
    ("relation.yaml:", "relations.broader: unknown concept id 'no-such-concept'"),
    ("bad-date.yaml:7", "invalid date 2027-13-45"),
    ("empty-def.yaml:", "definition: must not be empty"),
    ("no-source.yaml", "a vetted entry needs at least one source"),
    ("punct.yaml:", "a designation needs at least one letter or digit"),
    ("empty-term.yaml:", "terms.1.text: must not be empty"),
]


@pytest.fixture
def broken_library(tmp_path):
    return layer(tmp_path, "broken", BROKEN)


def test_every_problem_reported_once_each_in_one_run_exit_2(broken_library, capsys):
    before = snapshot(broken_library)
    code, out, err = run(capsys, "snippets", "validate", "--library", str(broken_library))
    assert code == 2
    lines = err.strip().splitlines()
    for where, message in EXPECTED:
        hits = [line for line in lines if where in line and message in line]
        assert len(hits) == 1, (where, message, err)
    assert "Traceback" not in err
    assert lines[-1].startswith("drafter: error: ") and "problem(s) in the library" in lines[-1]
    assert snapshot(broken_library) == before  # no file changed


def test_unknown_field_names_the_allowed_fields(broken_library, capsys):
    _, _, err = run(capsys, "snippets", "validate", "--library", str(broken_library))
    line = next(x for x in err.splitlines() if "colour" in x)
    for allowed in ("definition", "terms", "relations", "translations"):
        assert allowed in line


def test_subprocess_has_no_traceback_and_exit_2(broken_library):
    result = run_drafter("snippets", "validate", "--library", str(broken_library))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "malformed YAML" in result.stderr


def test_bundled_library_passes(capsys):
    code, out, err = run(capsys, "snippets", "validate", "--today", "2026-11-26")
    assert code == 0, err
    assert "library OK: 21 concepts, 8 organisations, 2 passages" in out


def test_contrast_must_be_symmetric(tmp_path, capsys):
    lib = layer(
        tmp_path,
        "lib",
        {
            "terms/a.yaml": concept("aaa", "alpha term", extra="relations:\n  contrast: [bbb]\n"),
            "terms/b.yaml": concept("bbb", "beta term"),
        },
    )
    code, _, err = run(capsys, "snippets", "validate", "--library", str(lib))
    assert code == 2
    assert "relations.contrast: 'bbb' is listed here but 'bbb' does not list 'aaa'" in err


def test_misuse_context_terms_must_be_designations_of_the_concept(tmp_path, capsys):
    extra = (
        "misuse_contexts:\n  - near: [survey]\n    terms: [alpha terms, gamma]\n    message: m\n"
    )
    lib = layer(tmp_path, "lib", {"terms/a.yaml": concept("aaa", "alpha term", extra=extra)})
    code, _, err = run(capsys, "snippets", "validate", "--library", str(lib))
    assert code == 2
    assert "misuse_contexts.0.terms: 'gamma' is not one of the concept's designations" in err
    assert "'alpha terms'" in err  # a plural is not a designation: name the designation itself


def test_a_designation_claimed_by_two_concepts(tmp_path, capsys):
    lib = layer(
        tmp_path,
        "lib",
        {
            "terms/a.yaml": concept("aaa", "shared term"),
            "terms/b.yaml": concept("bbb", "Shared-Term"),
        },
    )
    code, _, err = run(capsys, "snippets", "validate", "--library", str(lib))
    assert code == 2
    assert "designation 'Shared-Term' is also claimed by concept 'aaa'" in err


def test_a_clash_with_the_bundled_library_is_reported_at_the_layer_that_brings_it(tmp_path, capsys):
    # an id that sorts before the bundled concept's, so id order would blame the bundled file
    ours = concept("coop-workers", "worker co-operative")
    lib = layer(tmp_path, "lib", {"terms/ours.yaml": ours})
    code, _, err = run(capsys, "snippets", "validate", "--library", str(lib), "--no-examples")
    assert code == 2
    [line] = [x for x in err.splitlines() if "also claimed" in x]
    assert line.startswith(f"{lib / 'terms' / 'ours.yaml'}:15: error: terms.0: ")
    assert "'worker co-operative' is also claimed by concept 'worker-co-operative'" in line
    assert line.endswith("snippets/terms/worker-co-operative.yaml)")


def test_review_date_passed_is_a_warning_unless_strict(tmp_path, capsys):
    lib = layer(tmp_path, "lib", {"terms/a.yaml": concept("aaa", "alpha term")})
    code, out, err = run(
        capsys, "snippets", "validate", "--library", str(lib), "--today", "2028-01-01"
    )
    assert code == 0
    assert "warning: review was due on 2027-11-26" in err
    code, _, _ = run(
        capsys, "snippets", "validate", "--library", str(lib), "--today", "2028-01-01", "--strict"
    )
    assert code == 2


def test_override_across_layers_is_allowed_and_reported(tmp_path, capsys):
    lib = layer(tmp_path, "lib", {"terms/mutual.yaml": _override_of_mutual()})
    code, out, err = run(
        capsys, "snippets", "validate", "--library", str(lib), "--today", "2026-11-26"
    )
    assert code == 0, err
    assert "note: overrides 'mutual' from" in out


def _override_of_mutual() -> str:
    text = (bundled("snippets") / "terms" / "mutual.yaml").read_text(encoding="utf-8")
    return text.replace("version: 1", "version: 7")


def test_examples_are_run_through_the_precision_check(tmp_path, monkeypatch):
    """With a (fake) engine: a must_flag it misses and a must_pass it flags are errors."""
    lib = layer(
        tmp_path,
        "lib",
        {
            "terms/a.yaml": concept(
                "aaa",
                "alpha term",
                extra="examples:\n  must_flag: [Nothing to see.]\n"
                "  must_pass: [The word BAD is here.]\n",
            )
        },
    )

    def fake_check(text, library):
        if "BAD" in text:
            return [precision.Finding("fake", "error", 9, 12, "BAD", "bad word")]
        return []

    monkeypatch.setattr(precision, "check_text", fake_check)
    report = validate([lib], today=dt.date(2026, 11, 26))
    messages = [p.message for p in report.errors]
    assert any("examples.must_flag.0: the precision check finds nothing" in m for m in messages)
    assert any("examples.must_pass.0: the precision check flags" in m for m in messages)
    lines = {p.line for p in report.errors if "examples" in p.message}
    assert None not in lines  # each points at its sentence's line


def test_bad_today_option_is_a_usage_error(capsys):
    code, _, err = run(capsys, "snippets", "validate", "--today", "26/11/2026")
    assert code == 2
    assert "--today: '26/11/2026' is not a date" in err


def test_document_level_rules_do_not_count_against_example_sentences(tmp_path, monkeypatch):
    """'Term used but not in the glossary' is about a whole document, not one sentence."""
    lib = layer(
        tmp_path,
        "lib",
        {
            "terms/a.yaml": concept(
                "aaa", "alpha term", extra="examples:\n  must_pass: [An alpha term.]\n"
            )
        },
    )

    def fake_check(text, library):
        return [
            precision.Finding("undefined-terms", "suggestion", 3, 13, "alpha term", "undefined")
        ]

    monkeypatch.setattr(precision, "check_text", fake_check)
    assert validate([lib], today=dt.date(2026, 11, 26)).errors == []


def test_a_library_built_in_memory_is_checked_without_paths():
    """Tests and tools build libraries without files; the between-entries check still runs."""
    from drafter.library import Library
    from drafter.library.schema import Concept, Designation, Relations
    from drafter.library.validate import library_warnings

    entry = Concept(
        id="aaa",
        version=1,
        status="draft",
        subject="s",
        short="s",
        definition="d",
        terms=(Designation(text="alpha term"),),
        relations=Relations(broader=("nowhere",)),
    )
    warnings = library_warnings(Library(concepts={"aaa": entry}))
    assert warnings == [
        "library: relations.broader: unknown concept id 'nowhere' (run `drafter snippets validate`)"
    ]


def _validate_layer(capsys, lib) -> tuple[int, str]:
    code, _, err = run(
        capsys,
        "snippets",
        "validate",
        "--library",
        str(lib),
        "--no-examples",
        "--today",
        "2026-11-26",
    )
    return code, err


@pytest.mark.parametrize(
    ("extra", "source", "expected"),
    [
        (
            "response_definition: Paraphrased; check the exact English wording.\n",
            "academic",
            "response_definition: reads as a note to the maintainer",
        ),
        (
            "dated_facts:\n  - text: A target for 2030.\n",
            "academic",
            "dated_facts.0: a dated fact needs as_of",
        ),
        (
            "translations:\n  cy:\n    - {text: cydweithredol, status: legislation,"
            " part_of_speech: adjective}\n",
            "academic",
            "is marked adjective but 'alpha term' is a noun",
        ),
        ("", None, "sources.0: source 'A test source' has no kind"),
        ("", "press", "sources: the definition's only sources are press"),
    ],
)
def test_validate_rejects_what_a_response_must_not_print(tmp_path, capsys, extra, source, expected):
    text = concept("aaa", "alpha term")
    text = text.replace(", kind: academic}", f", kind: {source}}}" if source else "}")
    if extra.startswith("response_definition"):
        text = text.replace("response_definition: Definition of alpha term.\n", extra)
    else:
        text += extra
    lib = layer(tmp_path, "lib", {"terms/a.yaml": text})
    code, err = _validate_layer(capsys, lib)
    assert code == 2, err
    assert expected in err


def test_an_old_entry_without_the_new_fields_loads_and_validate_names_them(tmp_path, capsys):
    text = concept("aaa", "alpha term").replace(", kind: academic}", "}")
    text = text.replace("response_definition: Definition of alpha term.\n", "")
    lib = layer(tmp_path, "lib", {"terms/a.yaml": text})
    library = load_library([lib], use_cache=False)
    assert library.concepts["aaa"].printed_definition == "Short definition of alpha term."
    code, err = _validate_layer(capsys, lib)
    assert code == 2
    assert "needs a response_definition" in err and "has no kind" in err


def test_entry_files_are_the_visible_yaml_files_but_the_top_level_config(tmp_path):
    from drafter.library.loader import entry_files

    names = [
        "config.yaml", "drafter.yaml", "top.yml", "a.b.yaml", ".hidden.yaml", "notes.txt",
        "UPPER.YAML", "terms/config.yaml", "terms/drafter.yaml", "terms/x.yaml",
        ".git/inside.yaml", "terms/.cache/inside.yaml",
    ]  # fmt: skip
    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("id: x\n")
    (tmp_path / "folder.yaml").mkdir()  # a folder named like an entry is no entry
    (tmp_path / "dangling.yaml").symlink_to(tmp_path / "gone.yaml")
    found = [str(p.relative_to(tmp_path)) for p in entry_files(tmp_path)]
    assert found == [
        "a.b.yaml", "terms/config.yaml", "terms/drafter.yaml", "terms/x.yaml", "top.yml",
    ]  # fmt: skip
