"""The validated-data cache: a hit equals a fresh validation, builds no validator, never stale."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from drafter.answers import load_answers
from drafter.consultation import load_consultation
from drafter.errors import InputError
from drafter.library import cache, load_library, resolve_library_dirs
from tests.conftest import ROOT, SAMPLE_CONSULTATION

EXAMPLE = ROOT / "examples" / "answers-example.yaml"


def _same(cached, fresh) -> None:
    """Equal values, types (tuples stay tuples) and fields set, all the way down."""
    assert type(cached) is type(fresh)
    assert cached == fresh
    assert repr(cached) == repr(fresh)
    assert cached.model_fields_set == fresh.model_fields_set
    for name in type(fresh).model_fields:
        a, b = getattr(cached, name), getattr(fresh, name)
        assert type(a) is type(b), name
        if hasattr(b, "model_fields_set"):
            _same(a, b)


def test_cached_library_equals_a_fresh_validation():
    dirs = resolve_library_dirs()
    load_library(dirs)  # writes the cache
    assert cache.cache_file(dirs[0]).is_file()
    cached, fresh = load_library(dirs), load_library(dirs, use_cache=False)
    assert [e.id for e in cached.entries()] == [e.id for e in fresh.entries()]
    for a, b in zip(cached.entries(), fresh.entries(), strict=True):
        _same(a, b)
        for x, y in zip(getattr(a, "terms", ()), getattr(b, "terms", ()), strict=True):
            _same(x, y)


def test_cached_consultation_and_answers_equal_a_fresh_validation(monkeypatch):
    first = load_consultation(SAMPLE_CONSULTATION), load_answers(EXAMPLE)
    cached = load_consultation(SAMPLE_CONSULTATION), load_answers(EXAMPLE)
    monkeypatch.setenv("DRAFTER_NO_CACHE", "1")
    fresh = load_consultation(SAMPLE_CONSULTATION), load_answers(EXAMPLE)
    for a, b, c in zip(first, cached, fresh, strict=True):
        _same(a, c)
        _same(b, c)
    assert cached[0].questions_hash() == fresh[0].questions_hash()
    for number, answer in fresh[1].answers.items():
        _same(cached[1].answers[number], answer)


def test_a_hit_builds_no_validator(tmp_path):
    """Served from the cache, the consultation and library build no pydantic validator.

    The answers are always validated afresh: they are never cached (they may be confidential).
    """
    answers = tmp_path / "answers.yaml"
    shutil.copy(EXAMPLE, answers)
    script = (
        "import sys\n"
        "from drafter.answers import AnswersFile, load_answers\n"
        "from drafter.consultation import Consultation, load_consultation\n"
        "from drafter.library import load_library\n"
        "from drafter.library.schema import Concept\n"
        f"load_answers({str(answers)!r}); load_consultation({str(SAMPLE_CONSULTATION)!r})\n"
        "load_library()\n"
        "built = [m.__name__ for m in (AnswersFile, Consultation, Concept)"
        " if m.__pydantic_complete__]\n"
        "print(built, 'pydantic.plugin._loader' in sys.modules)\n"
    )
    run = [sys.executable, "-c", script]
    first = subprocess.run(run, capture_output=True, text=True, cwd=ROOT, env=os.environ)
    assert first.stdout.strip() == "['AnswersFile', 'Consultation', 'Concept'] True", first.stderr
    again = subprocess.run(run, capture_output=True, text=True, cwd=ROOT, env=os.environ)
    assert again.stdout.strip() == "['AnswersFile'] True", again.stderr


def test_an_edited_answers_file_is_validated_again(tmp_path):
    answers = tmp_path / "answers.yaml"
    shutil.copy(EXAMPLE, answers)
    name = load_answers(answers).respondent.name
    assert name
    answers.write_text(answers.read_text().replace(name, "Someone Else"))
    assert load_answers(answers).respondent.name == "Someone Else"
    answers.write_text(answers.read_text().replace("Someone Else", "[unclosed"))
    with pytest.raises(InputError, match="malformed YAML"):
        load_answers(answers)
    answers.write_text(answers.read_text().replace("[unclosed", "Someone Else"))
    assert load_answers(answers).respondent.name == "Someone Else"
    answers.write_text(answers.read_text().replace("schema: 1", "schema: 1\nbogus: 1"))
    with pytest.raises(InputError, match="bogus"):
        load_answers(answers)


def test_a_store_written_by_other_code_is_not_used(tmp_path, monkeypatch):
    """The validated data depend on the models: a store from other code is read again."""
    load_consultation(SAMPLE_CONSULTATION)
    calls = []
    real = cache.load_yaml
    monkeypatch.setattr(cache, "load_yaml", lambda path: calls.append(path) or real(path))
    load_consultation(SAMPLE_CONSULTATION)
    assert calls == []
    monkeypatch.setattr(cache, "_code_key", lambda models: ["another drafter"])
    load_consultation(SAMPLE_CONSULTATION)
    assert calls == [SAMPLE_CONSULTATION]


def test_a_large_layer_is_revalidated_from_the_cache_with_the_same_result(monkeypatch):
    dirs = resolve_library_dirs()
    load_library(dirs)
    fresh = load_library(dirs, use_cache=False)
    monkeypatch.setattr(cache, "CONSTRUCT_MAX", 0)
    calls = []
    monkeypatch.setattr(cache, "load_yaml", lambda path: calls.append(path))
    revalidated = load_library(dirs)
    assert calls == []  # still served from the cache
    for a, b in zip(revalidated.entries(), fresh.entries(), strict=True):
        _same(a, b)


def test_answers_are_never_copied_into_the_cache(tmp_path):
    """Answers may be confidential: no copy of them may outlive the user's own file."""
    answers = tmp_path / "answers.yaml"
    shutil.copy(EXAMPLE, answers)
    load_answers(answers)
    load_answers(answers)
    assert not cache.cache_file(answers).exists()


def test_the_cache_folder_is_private():
    load_consultation(SAMPLE_CONSULTATION)
    store = cache.cache_file(SAMPLE_CONSULTATION)
    assert store.is_file()
    assert store.parent.stat().st_mode & 0o777 == 0o700
