"""drafter.model: validation that names every problem with its field and line, and writing back."""

from __future__ import annotations

import pytest

from drafter.answers import load_answers
from drafter.consultation import Consultation, load_consultation
from drafter.errors import InputError
from drafter.model import problems, to_data, validate
from drafter.yamlio import load_yaml
from tests.conftest import ROOT, SAMPLE_CONSULTATION

BROKEN = """\
schema: 1
id: broken
title: A consultation
consulting_body: Someone
source: {note: test}
questions:
  - number: "1"
    text: First?
    kind: agree-scal
  - number: "2"
    text: Second?
    kind: choice
    options: [Only one]
  - number: "3"
    text: ""
    colour: blue
"""


def test_every_problem_is_named_with_its_field_and_line(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text(BROKEN)
    found = problems(load_yaml(path), Consultation, path)
    assert [(e.message, e.line) for e in found] == [
        (
            "questions.0.kind: must be one of: agree-scale, yes-no, choice, free-text",
            9,
        ),
        ("questions.1.options: a choice question needs at least two options", 13),
        (
            "questions.2.colour: unknown field (allowed: number, text, guidance, kind, options,"
            " explain, section, found_at)",
            16,
        ),
        ("questions.2.text: must not be empty", 15),
    ]
    with pytest.raises(InputError) as info:
        validate(load_yaml(path), Consultation, path)
    assert info.value.line == 9
    assert info.value.message.endswith(
        "(and 3 more problem(s): questions.1.options, line 13; questions.2.colour, line 16; "
        "questions.2.text, line 15)"
    )
    with pytest.raises(InputError) as info:  # as a reader numbers the questions
        load_consultation(path)
    assert info.value.message.startswith("questions.0.kind (question 1): must be one of")
    assert "questions.2.colour (question 3), line 16" in info.value.message


def test_a_blank_text_is_reported_beside_other_problems_in_the_same_record(tmp_path):
    from drafter.library.schema import Concept

    path = tmp_path / "e.yaml"
    path.write_text(
        "id: x\nversion: 1\nstatus: vetted\nsubject: s\nshort: [a, b]\n"
        'definition: "  "\nterms: [{text: x}]\n'
    )
    messages = [e.message for e in problems(load_yaml(path), Concept, path)]
    assert messages == ["short: expected text, got a list", "definition: must not be empty"]


def test_question_numbers_written_as_numbers_are_read_as_text(tmp_path):
    consultation = load_consultation(SAMPLE_CONSULTATION)
    path = tmp_path / "a.yaml"
    path.write_text(
        f"schema: 1\nconsultation: {consultation.id}\n"
        "answers:\n  1: {stance: Agree}\n  2.5: {response: x}\n"
    )
    with pytest.raises(InputError) as info:
        load_answers(path)
    assert info.value.message == "answers.2.5: write 2.5 in quotes: a key here is text"
    path.write_text(path.read_text().replace("  2.5: {response: x}\n", ""))
    assert load_answers(path).answers["1"].stance == "Agree"
    text = SAMPLE_CONSULTATION.read_text().replace('number: "1"', "number: 1", 1)
    (tmp_path / "c.yaml").write_text(text)
    assert load_consultation(tmp_path / "c.yaml").questions[0].number == "1"


def test_wrong_types_and_missing_fields_read_plainly(tmp_path):
    path = tmp_path / "c.yaml"
    path.write_text("schema: 1\nid: x\ntitle: 7\nsource: {note: n}\nquestions: []\n")
    messages = [e.message for e in problems(load_yaml(path), Consultation, path)]
    assert messages == [
        "title: expected text, got a whole number",
        "consulting_body: required field is missing",
        "questions: must not be empty",
    ]


def test_written_back_data_validates_to_the_same_record():
    for record, model in (
        (load_consultation(SAMPLE_CONSULTATION), Consultation),
        (load_answers(ROOT / "examples" / "answers-example.yaml"), None),
    ):
        model = model or type(record)
        data = to_data(record)
        assert "schema" in data and "schema_version" not in data  # the name files use
        assert validate(data, model) == record


# --- the question kinds' registry -------------------------------------------------------------


def test_the_schema_accepts_exactly_the_registered_question_kinds():
    from typing import get_args

    from drafter.consultation import QUESTION_KINDS, AnswerKind

    assert set(get_args(AnswerKind)) == set(QUESTION_KINDS)
    assert all(name == kind.name for name, kind in QUESTION_KINDS.items())


def test_the_formats_page_kinds_table_is_the_registry():
    from drafter.consultation import QUESTION_KINDS

    page = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    table = page.split("| kind | stances offered |", 1)[1].split("\n\n", 1)[0]
    rows = {
        cells[1].strip(" `"): cells[2].strip()
        for line in table.splitlines()
        if line.startswith("| `") and len(cells := line.split("|")) > 3
    }
    expected = {
        kind.name: ", ".join(kind.stances)
        or ("the question's `options` (two or more)" if kind.own_options else "none")
        for kind in QUESTION_KINDS.values()
    }
    assert rows == expected


def test_the_importer_recognises_every_registered_kind_from_its_boxes():
    """A kind with fixed stances is recognised from boxes labelled with them; one with its own
    options from any other set of two or more; no boxes is free text."""
    from drafter.consultation import QUESTION_KINDS
    from drafter.importer.options import kind_for

    for kind in QUESTION_KINDS.values():
        if kind.stances:
            assert kind_for(list(kind.stances)) == (kind.name, ())
        elif kind.own_options:
            assert kind_for(["Red", "Green"]) == (kind.name, ("Red", "Green"))
        else:
            assert kind_for([]) == (kind.name, ())


def test_question_numbers_match_however_they_are_written():
    """One rule for the interview's --ask and for filling a form's questions."""
    from drafter.consultation import number_key

    for written in ("3a", "Q3a", "q.3a", "Question 3a", "QUESTION 3A", "Cwestiwn 3a", " Q 3a "):
        assert number_key(written) == "3a", written
    assert number_key("13") != number_key("3")


def test_the_file_models_annotations_are_evaluated_at_import_not_on_first_validation():
    # string annotations (`from __future__ import annotations`) make msgspec compile and eval
    # every one on each run's first validation: ~3 ms of every render's start
    import msgspec

    from drafter.answers import AnswersFile
    from drafter.library.schema import KINDS

    models = [AnswersFile, Consultation, *KINDS.values()]
    seen: set[type] = set()
    while models:
        model = models.pop()
        if model in seen:
            continue
        seen.add(model)
        for klass in model.__mro__:
            for name, hint in vars(klass).get("__annotations__", {}).items():
                assert not isinstance(hint, str), f"{klass.__name__}.{name}: {hint!r}"
        for info in msgspec.structs.fields(model):
            models += _structs_in(info.type)
    assert len(seen) > 10  # the nested records were reached


def _structs_in(hint: object) -> list[type]:
    """The Structs a field's type names (itself, or inside a tuple, Annotated or union)."""
    import typing

    import msgspec

    if isinstance(hint, type) and issubclass(hint, msgspec.Struct):
        return [hint]
    return [found for arg in typing.get_args(hint) for found in _structs_in(arg)]
