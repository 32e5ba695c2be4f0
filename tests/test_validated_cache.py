"""The validated-data cache: a hit equals a fresh validation, parses no YAML, never stale."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import msgspec
import pytest

from drafter import cache
from drafter.answers import load_answers
from drafter.consultation import load_consultation
from drafter.errors import InputError
from drafter.library import load_library, resolve_library_dirs
from tests.conftest import ROOT, SAMPLE_CONSULTATION

EXAMPLE = ROOT / "examples" / "answers-example.yaml"


def _same(cached, fresh) -> None:
    """Equal values and types (tuples stay tuples, dates stay dates), all the way down."""
    assert type(cached) is type(fresh)
    assert cached == fresh
    assert repr(cached) == repr(fresh)
    for name in fresh.__struct_fields__:
        a, b = getattr(cached, name), getattr(fresh, name)
        assert type(a) is type(b), name
        if isinstance(b, msgspec.Struct):
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


def test_a_cached_consultation_is_a_hit_equal_to_a_fresh_validation_and_never_stale(
    tmp_path, monkeypatch
):
    consultation, answers = tmp_path / "consultation.yaml", tmp_path / "answers.yaml"
    shutil.copy(SAMPLE_CONSULTATION, consultation)
    shutil.copy(EXAMPLE, answers)
    load_consultation(consultation), load_answers(answers)  # writes the store
    parsed = []
    real = cache.load_yaml
    monkeypatch.setattr(cache, "load_yaml", lambda path: parsed.append(path) or real(path))
    cached = load_consultation(consultation), load_answers(answers)
    assert parsed == [answers]  # the consultation is a hit; answers are never stored
    monkeypatch.setenv("DRAFTER_NO_CACHE", "1")
    fresh = load_consultation(consultation), load_answers(answers)
    assert parsed == [answers, consultation, answers]  # the fresh load parsed both
    for a, b in zip(cached, fresh, strict=True):
        _same(a, b)
    assert cached[0].questions_hash() == fresh[0].questions_hash()
    for number, answer in fresh[1].answers.items():
        _same(cached[1].answers[number], answer)
    monkeypatch.delenv("DRAFTER_NO_CACHE")
    title = fresh[0].title
    consultation.write_text(consultation.read_text().replace(title, "A changed title", 1))
    assert load_consultation(consultation).title == "A changed title"  # never served stale


def test_a_hit_parses_no_yaml(tmp_path):
    """Served from the cache, the consultation and library need no YAML parser at all."""
    script = (
        "import sys\n"
        "from drafter.consultation import load_consultation\n"
        "from drafter.library import load_library\n"
        f"load_consultation({str(SAMPLE_CONSULTATION)!r}); load_library()\n"
        "print('ruamel.yaml' in sys.modules)\n"
    )
    run = [sys.executable, "-c", script]
    first = subprocess.run(run, capture_output=True, text=True, cwd=ROOT, env=os.environ)
    assert first.returncode == 0, first.stderr
    again = subprocess.run(run, capture_output=True, text=True, cwd=ROOT, env=os.environ)
    assert again.stdout.strip() == "False", again.stderr
    off = subprocess.run(run, capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "DRAFTER_NO_CACHE": "1"})  # fmt: skip
    assert off.stdout.strip() == "True", off.stderr


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


def test_a_damaged_store_record_is_read_from_its_file_again(monkeypatch):
    """A cached record that no longer validates is never served: the file is read again."""
    import json

    dirs = resolve_library_dirs()
    load_library(dirs)
    fresh = load_library(dirs, use_cache=False)
    store = cache.cache_file(dirs[0])
    data = json.loads(store.read_text())
    damaged = next(k for k, v in data["files"].items() if v[1] == "Concept")
    data["files"][damaged][2]["version"] = "not a number"
    store.write_text(json.dumps(data))
    calls = []
    real = cache.load_yaml
    monkeypatch.setattr(cache, "load_yaml", lambda path: calls.append(path) or real(path))
    again = load_library(dirs)
    assert [str(p.resolve()) for p in calls] == [damaged]
    for a, b in zip(again.entries(), fresh.entries(), strict=True):
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


def test_stores_unused_for_a_month_are_pruned_when_another_is_written(tmp_path):
    load_consultation(SAMPLE_CONSULTATION)
    folder = cache.cache_file(SAMPLE_CONSULTATION).parent
    old, recent = folder / "old.json", folder / "recent.json"
    for path, days in ((old, 31), (recent, 29)):
        path.write_text("{}")
        stamp = path.stat().st_mtime - days * 86400
        os.utime(path, (stamp, stamp))
    load_consultation(SAMPLE_CONSULTATION)  # a hit writes nothing, so prunes nothing
    assert old.exists()
    copy = tmp_path / "c.yaml"
    shutil.copy(SAMPLE_CONSULTATION, copy)
    load_consultation(copy)  # a miss writes its store
    assert not old.exists() and recent.exists()
    assert cache.cache_file(copy).is_file()


def test_records_are_keyed_by_the_real_path_of_linked_folders_and_files(tmp_path):
    """A layer reached through a linked folder, and an entry file that is itself a link, are
    stored under the real paths: one record per real file, whichever way it was reached."""
    from tests.library_helpers import concept, layer

    real = layer(tmp_path, "real", {"terms/a.yaml": concept("alpha-term", "alpha term")})
    (real / "terms" / "b.yaml").symlink_to(tmp_path / "elsewhere.yaml")
    (tmp_path / "elsewhere.yaml").write_text(concept("beta-term", "beta term"))
    linked = tmp_path / "linked"
    linked.symlink_to(real)
    fresh = load_library([linked], use_cache=False)
    load_library([linked])  # writes the store
    stored = msgspec.json.decode(cache.cache_file(linked).read_bytes())["files"]
    assert set(stored) == {
        str((real / "terms" / "a.yaml").resolve()),
        str((tmp_path / "elsewhere.yaml").resolve()),
    }
    cached = load_library([linked])
    assert [e.id for e in cached.entries()] == ["alpha-term", "beta-term"]
    for entry in fresh.entries():
        _same(cached.get(entry.id), entry)
