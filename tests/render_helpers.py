"""Shared helpers for the render tests: a fixture library, stamped answers, a composed doc."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

from drafter.answers import Answer, AnswersFile, Respondent, load_answers, save_answers
from drafter.compose import compose
from drafter.consultation import load_consultation
from drafter.library import load_library
from drafter.resources import bundled
from tests.conftest import ROOT, SAMPLE_CONSULTATION

FIXTURE_LIBRARY = ROOT / "tests" / "fixtures" / "render-library"
EXAMPLE_ANSWERS = ROOT / "examples" / "answers-example.yaml"


def fixture_library():
    """Only the small test library (not the bundled one), so glossary tests are exact."""
    return load_library([FIXTURE_LIBRARY])


def sample_consultation():
    return load_consultation(SAMPLE_CONSULTATION)


def make_answers(answers: dict[str, Answer] | None = None, **respondent) -> AnswersFile:
    consultation = sample_consultation()
    data = AnswersFile(
        consultation=consultation.id,
        date=dt.date(2026, 11, 20),
        respondent=Respondent(
            **{"name": "Test Person", "organisation": "Test Co-op Org", **respondent}
        ),
        answers=answers or {},
    )
    data.stamp(consultation)
    return data


def write_answers(
    path: Path,
    answers: dict[str, Answer] | None = None,
    *,
    consultation_file: str | None = None,
    **respondent,
) -> Path:
    data = make_answers(answers, **respondent)
    data.consultation_file = consultation_file
    save_answers(data, path)
    return path


def compose_answers(answers: AnswersFile, *, consultation=None, templates_dir=None):
    return compose(
        answers,
        consultation or sample_consultation(),
        fixture_library(),
        templates_dir=templates_dir,
    )


def compose_example():
    return compose_answers(load_answers(EXAMPLE_ANSWERS))


def templates_with(tmp_path: Path, name: str, text: str) -> Path:
    """A copy of the bundled templates in which template `name` holds `text`."""
    folder = tmp_path / "templates"
    shutil.copytree(bundled("templates"), folder)
    (folder / name).write_text(text, encoding="utf-8")
    return folder
