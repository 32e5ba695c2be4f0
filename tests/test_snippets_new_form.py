"""`drafter snippets new`: each answer of the form is checked at its prompt with the schema's
own rules, explained in plain words; the flags give the same rules (e.g. --version 0).

The form runs on its real questionary prompts, keys sent down a pipe (create_pipe_input) and
drawn to nowhere (DummyOutput). A prompt that refuses an answer keeps it in the buffer, so the
keys then clear it (Ctrl-U) and type the right one; a prompt that wrongly accepted it would put
every later key at the wrong prompt, and the pipe running dry ends the form with an error.
"""

from __future__ import annotations

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from drafter.library import load_library
from drafter.library.edit import write_new_entry
from drafter.library.form import ask_fields
from drafter.library.newentry import build_entry, field_problem, source_problem, term_problem
from drafter.library.schema import Concept, id_problem
from drafter.resources import bundled
from tests.library_helpers import run

ENTER, CLEAR, DOWN, FINISH = "\r", "\x15", "\x1b[B", "\x1b\r"  # FINISH ends a multi-line text


def fill(keys: str, **kwargs) -> dict:
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()
        with create_app_session(input=pipe, output=DummyOutput()):
            return ask_fields({"kind": None, "entry_id": None}, **kwargs)


def test_each_bad_answer_is_refused_at_its_prompt_and_the_form_goes_on(tmp_path):
    keys = (
        ENTER  # kind: concept
        + "Tenants Co-op" + ENTER + CLEAR + "tenants-co-op" + ENTER  # not an id, then an id
        + ENTER + "co-operatives" + ENTER  # a blank subject is refused
        + "tenants co-op" + ENTER
        + "tenants coop=favourite" + ENTER + CLEAR + "tenants coop=deprecated" + ENTER + ENTER
        + "A co-operative run by its tenants." + ENTER
        + "   " + FINISH + CLEAR + "Owned and run by its tenant-members." + FINISH  # blank
        + "Check the wording." + ENTER + CLEAR + "A co-operative owned by its tenants." + ENTER
        + "Co-operative" + ENTER + CLEAR + "co-operative" + ENTER + ENTER  # broader: not an id
        + ENTER * 5  # narrower, related, contrast, must_flag, must_pass: none
        + "titel=An Act" + ENTER + CLEAR + "title=An Act;year=2014" + ENTER + ENTER
        + ENTER  # status: draft
    )  # fmt: skip
    fields = fill(keys)
    assert fields["entry_id"] == "tenants-co-op"
    assert fields["terms"] == ["tenants co-op", "tenants coop=deprecated"]
    assert fields["definition"] == "Owned and run by its tenant-members."
    assert fields["response_definition"] == "A co-operative owned by its tenants."
    assert fields["broader"] == ["co-operative"]
    assert fields["sources"] == ["title=An Act;year=2014"]
    entry = build_entry(fields)
    write_new_entry(entry, tmp_path)
    concept = load_library([tmp_path], use_cache=False).concepts["tenants-co-op"]
    assert concept.terms[1].status == "deprecated" and concept.status == "draft"


def test_an_id_whose_file_exists_is_refused_at_the_prompt(tmp_path):
    (tmp_path / "passages").mkdir()
    (tmp_path / "passages" / "taken.yaml").write_text("id: taken\n")
    rest = "A title" + ENTER + "Some text." + FINISH + ENTER + ENTER + ENTER  # uses, source, draft
    passage = DOWN * 2 + ENTER
    fields = fill(passage + "taken" + ENTER + CLEAR + "fresh" + ENTER + rest, directory=tmp_path)
    assert fields["entry_id"] == "fresh" and fields["title"] == "A title"
    fields = fill(passage + "taken" + ENTER + rest, directory=tmp_path, force=True)
    assert fields["entry_id"] == "taken"  # --force: it will be replaced


def test_vetted_cannot_be_chosen_without_a_source():
    keys = (
        DOWN + ENTER  # organisation
        + "example-org" + ENTER + "Example Org" + ENTER + ENTER  # id, name, no other name
        + "It is an example." + FINISH + ENTER + ENTER  # description; no is, no is_not
        + ENTER  # no source
        + DOWN + ENTER  # vetted is greyed out: the cursor stays on draft
    )  # fmt: skip
    fields = fill(keys)
    assert fields["kind"] == "organisation" and fields["status"] == "draft"


@pytest.mark.parametrize(
    "problem, expected",
    [
        (lambda: id_problem("Tenants Co-op"), "'Tenants Co-op' is not an id: use lower-case"),
        (
            lambda: term_problem("tenants co-op=favourite"),
            "the status 'favourite' is not allowed: must be one of: preferred, admitted, "
            "deprecated, superseded",
        ),
        (
            lambda: term_problem("tenants co-op=admitted=fullform"),
            "the kind 'fullform' is not allowed: must be one of: full-form, short-form",
        ),
        (
            lambda: term_problem("--/", first=True),
            "the term '--/' is not allowed: a designation needs at least one letter or digit",
        ),
        (lambda: term_problem(""), "the term: must not be empty"),
        (lambda: source_problem("titel=An Act"), "'titel=An Act' is not KEY=VALUE (KEY one of"),
        (lambda: source_problem("title=An Act;ref=six"), "ref 'six' is not allowed: expected a"),
        (
            lambda: field_problem(Concept, "definition", "  ", "The definition"),
            "The definition must not be empty",
        ),
    ],
)
def test_the_prompts_say_what_is_wrong_in_plain_words(problem, expected):
    assert problem().startswith(expected)


def test_good_answers_pass_the_same_checks():
    assert id_problem("tenants-co-op") is None
    assert term_problem("tenants coop=deprecated=variant=tenants co-op") is None
    assert source_problem("title=An Act;year=2014;ref=3") is None
    assert field_problem(Concept, "definition", "Owned by its members.", "The definition") is None


def test_version_0_is_refused_and_nothing_is_written(tmp_path, capsys):
    code, _, err = run(
        capsys, "snippets", "new", "--dir", str(tmp_path), "--id", "x-y", "--subject", "s",
        "--short", "Short.", "--definition", "Defined.", "--term", "x y", "--version", "0",
        "--no-interactive",
    )  # fmt: skip
    assert code == 2
    assert err == "drafter: error: --version: must be 1 or more\n"
    assert not list(tmp_path.rglob("*"))


def test_an_unknown_broader_id_and_an_unflagged_must_flag_are_refused_at_the_prompt():
    """With the library the entry joins: a typo in a broader id, and a must-flag sentence
    the precision check finds nothing in, are refused where they are typed."""
    library = load_library([bundled("snippets")], use_cache=False)
    keys = (
        ENTER + "tenants-co-op" + ENTER + "co-operatives" + ENTER
        + "tenants co-op" + ENTER + ENTER  # no other terms
        + "A co-operative run by its tenants." + ENTER
        + "Owned and run by its tenant-members." + FINISH
        + ENTER  # no response definition yet
        + "co-operativ" + ENTER + CLEAR + "co-operative" + ENTER + ENTER  # broader: a typo
        + ENTER * 3  # narrower, related, contrast
        + "Tenants own the homes." + ENTER + CLEAR  # nothing flags it
        + "The cooperative movement in Wales has grown." + ENTER + ENTER
        + ENTER  # must_pass
        + ENTER  # no source
        + ENTER  # status: draft
    )  # fmt: skip
    fields = fill(keys, library=library)
    assert fields["broader"] == ["co-operative"]
    assert fields["must_flag"] == ["The cooperative movement in Wales has grown."]


def test_the_form_says_why_an_id_or_an_example_is_refused():
    from drafter.library.form import _flagged_by_check, _known_concept

    library = load_library([bundled("snippets")], use_cache=False)
    message = _known_concept(set(library.concepts))("co-operativ")
    assert message.startswith("unknown concept id 'co-operativ'")
    assert "did you mean co-operative" in message
    check = _flagged_by_check({"kind": "concept", "entry_id": "x-y", "terms": ["x y"]}, library)
    assert "finds nothing" in check("Tenants own the homes.")
    assert check("Several co-ops now deliver home care in the county.") is None
