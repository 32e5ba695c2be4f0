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
    assert info.value.message.endswith("(and 3 more problem(s))")


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
