"""The parsed-YAML cache: used when files are unchanged, never stale when they change."""

from __future__ import annotations

import os

import pytest

from drafter import cache
from drafter.errors import DrafterError
from drafter.library import load_library
from tests.library_helpers import concept, layer


def test_cache_is_written_and_reused(tmp_path, monkeypatch):
    lib = layer(tmp_path, "lib", {"terms/a.yaml": concept("aaa", "alpha term")})
    assert load_library([lib]).concepts["aaa"].preferred == "alpha term"
    store = cache.cache_file(lib)
    assert store.is_file()
    calls = []
    monkeypatch.setattr(cache, "load_yaml", lambda path: calls.append(path))
    assert load_library([lib]).concepts["aaa"].preferred == "alpha term"
    assert calls == []  # served from the cache, not parsed


def test_a_changed_file_is_parsed_again_even_with_the_same_size(tmp_path):
    lib = layer(tmp_path, "lib", {"terms/a.yaml": concept("aaa", "alpha term")})
    load_library([lib])
    path = lib / "terms" / "a.yaml"
    text = path.read_text()
    stat = path.stat()
    path.write_text(text.replace("alpha term", "gamma term"))  # same length
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even with the old mtime
    assert load_library([lib]).concepts["aaa"].preferred == "gamma term"


def test_a_broken_file_is_never_cached_and_always_reported(tmp_path):
    lib = layer(tmp_path, "lib", {"terms/a.yaml": "id: [unclosed\n"})
    for _ in range(2):
        with pytest.raises(DrafterError, match="malformed YAML"):
            load_library([lib])


def test_removed_and_added_files_are_seen(tmp_path):
    lib = layer(tmp_path, "lib", {"terms/a.yaml": concept("aaa", "alpha term")})
    load_library([lib])
    (lib / "terms" / "a.yaml").unlink()
    (lib / "terms" / "b.yaml").write_text(concept("bbb", "beta term"))
    assert set(load_library([lib]).concepts) == {"bbb"}


def test_a_corrupt_cache_is_ignored(tmp_path):
    lib = layer(tmp_path, "lib", {"terms/a.yaml": concept("aaa", "alpha term")})
    load_library([lib])
    cache.cache_file(lib).write_text("{not json")
    assert load_library([lib]).concepts["aaa"].vetted_on.isoformat() == "2026-11-26"


def test_no_cache_env_turns_it_off(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_NO_CACHE", "1")
    lib = layer(tmp_path, "lib", {"terms/a.yaml": concept("aaa", "alpha term")})
    load_library([lib])
    assert not cache.cache_file(lib).exists()
