"""The store of compiled regular expressions: served patterns are exactly re's, a bad store
is never used, and the program keeps its patterns from one run to the next."""

from __future__ import annotations

import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from drafter.regex_store import RegexStore, _engine

ROOT = Path(__file__).resolve().parents[1]

# named groups, inline and passed flags, lookarounds, Unicode classes, a big alternation
PATTERNS = [
    (r"(?<![\w-])(?:Wales\s+Co[-‐‑ ]?operatives?\s+Centres?)(?!\w)", re.IGNORECASE),
    (r"^\s*(?:,\s*(?:which|that|who)\s+)?(?:is|are)\s+(?:(?P<det>an?|the)\s+)?$", 0),
    (r"(?m)^#{1,6}\s", 0),
    (r"(?x) a  b # a comment\n c", 0),
    (r"[.!?\u2026][\"'\u201d\u2019)\]]*(\s+)(?=[\"'\u201c\u2018(\[]?[^\W_a-z])", 0),
    ("|".join(f"word{i}" for i in range(300)), re.IGNORECASE | re.MULTILINE),
]
TEXTS = [
    "The wales Cooperative Centres said so.",
    ", which are the ",
    "# Heading\ntext\n## Two",
    "abc",
    "One. Two! 'Three' … Four",
    "WORD17 and word299\nword3",
]


@pytest.fixture
def engine(monkeypatch):
    found = _engine()
    if found is None:
        pytest.skip("this interpreter keeps no compiled patterns")
    parts, stamp = found
    # whatever a test installs is undone after it: re's compile step is restored
    monkeypatch.setattr(parts[1], "compile", parts[1].compile)
    re.purge()
    yield parts, stamp
    re.purge()


def _store(tmp_path: Path) -> RegexStore:
    root = tmp_path / "cache"
    root.mkdir(mode=0o700)
    return RegexStore(root / "regex" / "test.marshal", root)


def test_a_served_pattern_is_the_one_re_compiles_and_matches_alike(tmp_path, engine):
    parts, stamp = engine
    expected = [re.compile(p, f) for p, f in PATTERNS]

    first = _store(tmp_path)
    first.load(stamp)
    first.install(parts)
    re.purge()
    for pattern, flags in PATTERNS:
        re.compile(pattern, flags)
    assert set(first.new) == set(PATTERNS) and not first.used
    first.new_cost = 1.0  # as if they had taken long to compile: worth keeping
    first.save(parts, stamp)
    assert first.path.is_file()
    assert oct(first.path.stat().st_mode & 0o777) == "0o600"

    second = RegexStore(first.path, first.root)
    second.load(stamp)
    assert set(second.programs) == set(PATTERNS)
    second.install(parts)
    re.purge()
    served = [re.compile(p, f) for p, f in PATTERNS]
    assert second.used == set(PATTERNS) and not second.new
    # equal Patterns have the same text, flags and engine code
    assert served == expected
    for got, want in zip(served, expected, strict=True):
        assert got.groupindex == want.groupindex and got.groups == want.groups
        for text in TEXTS:
            assert [m.span() for m in got.finditer(text)] == [m.span() for m in want.finditer(text)]


def test_a_run_that_compiled_little_does_not_rewrite_the_store(tmp_path, engine):
    parts, stamp = engine
    store = _store(tmp_path)
    store.install(parts)
    re.compile(r"a[bc]d", 0)
    assert store.new and store.new_cost < 0.001
    store.save(parts, stamp)
    assert not store.path.exists()


def _saved_store(tmp_path: Path, parts, stamp) -> RegexStore:
    store = _store(tmp_path)
    store.install(parts)
    re.purge()
    re.compile(PATTERNS[0][0], PATTERNS[0][1])
    store.new_cost = 1.0
    store.save(parts, stamp)
    return store


def test_a_store_from_another_python_or_damaged_is_not_used(tmp_path, engine):
    parts, stamp = engine
    saved = _saved_store(tmp_path, parts, stamp)
    other = RegexStore(saved.path, saved.root)
    other.load((*stamp[:-1], stamp[-1] + 1))  # another engine code size
    assert other.programs == {}

    saved.path.write_bytes(b"not a store")
    garbled = RegexStore(saved.path, saved.root)
    garbled.load(stamp)
    assert garbled.programs == {}


def test_a_damaged_program_is_dropped_and_the_pattern_compiled_as_usual(tmp_path, engine):
    parts, stamp = engine
    saved = _saved_store(tmp_path, parts, stamp)
    key = (PATTERNS[0][0], PATTERNS[0][1])
    _, programs = marshal.loads(saved.path.read_bytes())
    flags, code, groups, groupindex = programs[key]
    programs[key] = (flags, [9999, *code[1:]], groups, groupindex)
    saved.path.write_bytes(marshal.dumps((stamp, programs)))

    store = RegexStore(saved.path, saved.root)
    store.load(stamp)
    store.install(parts)
    re.purge()
    got = re.compile(*key)
    assert key not in store.programs and key in store.new
    assert got.search("the Wales Co-operative Centre").group() == "Wales Co-operative Centre"


def test_a_store_someone_else_could_have_written_is_not_read(tmp_path, engine):
    parts, stamp = engine
    saved = _saved_store(tmp_path, parts, stamp)
    saved.path.parent.chmod(0o777)
    try:
        store = RegexStore(saved.path, saved.root)
        store.load(stamp)
        assert store.programs == {}
    finally:
        saved.path.parent.chmod(0o700)


def _run(args: list[str], cache: Path, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "DRAFTER_NO_CACHE"}
    environ.update(XDG_CACHE_HOME=str(cache), **env)
    return subprocess.run(
        [sys.executable, "-m", "drafter", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environ,
    )


def test_the_program_keeps_its_patterns_and_a_second_run_leaves_them_be(tmp_path):
    if _engine() is None:
        pytest.skip("this interpreter keeps no compiled patterns")
    cache = tmp_path / "cache"
    out = tmp_path / "r.md"
    args = ["render", "examples/answers-example.yaml", "--format", "md", "-o", str(out)]
    first = _run(args, cache)
    assert first.returncode == 0, first.stderr
    [store] = (cache / "drafter" / "regex").iterdir()
    stamp, programs = marshal.loads(store.read_bytes())
    assert stamp[1] == sys.version and len(programs) > 50
    before = store.stat().st_mtime_ns
    second = _run([*args, "--force"], cache)
    assert second.returncode == 0, second.stderr
    assert out.read_text(encoding="utf-8").startswith("# ")
    assert store.stat().st_mtime_ns == before  # nothing new worth keeping


def test_no_store_when_the_caches_are_off(tmp_path):
    cache = tmp_path / "cache"
    done = _run(["--version"], cache, DRAFTER_NO_CACHE="1")
    assert done.returncode == 0, done.stderr
    assert not (cache / "drafter" / "regex").exists()


def test_no_store_is_written_where_it_could_never_be_read(tmp_path, engine):
    parts, stamp = engine
    store = _store(tmp_path)
    store.root.chmod(0o777)  # anyone could plant a store here: it would never be loaded
    store.install(parts)
    re.purge()
    re.compile(PATTERNS[0][0], PATTERNS[0][1])
    store.new_cost = 1.0
    store.save(parts, stamp)
    assert not store.path.exists()
