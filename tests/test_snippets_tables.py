"""`snippets list` and `snippets search` tables at the widths people's terminals have: a cell
wraps between words, or after a hyphen inside an id or a hyphenated term, never inside a
word ("registered-societ" / "ies" was what a 120-column terminal showed)."""

from __future__ import annotations

import re

import pytest

from drafter.library import load_library
from drafter.library.views import label, subject_of, summary
from drafter.resources import bundled
from tests.library_helpers import run


def pieces(word: str) -> list[str]:
    return re.findall(r"[^-]+-*|-+", word)


def allowed_tokens(texts: list[str]) -> set[str]:
    """Every run of whole hyphen pieces of every word: what a cell may show on one line."""
    out = set()
    for text in texts:
        for word in text.split():
            parts = pieces(word)
            for i in range(len(parts)):
                for j in range(i + 1, len(parts) + 1):
                    out.add("".join(parts[i:j]))
    return out


@pytest.fixture(scope="module")
def library():
    return load_library([bundled("snippets")], use_cache=False)


def tokens(out: str) -> list[str]:
    return [t for line in out.splitlines() for t in line.split() if set(t) - set("─━│┃")]


@pytest.mark.parametrize("columns", [80, 100, 120])
def test_list_never_cuts_a_word(capsys, monkeypatch, library, columns):
    monkeypatch.setenv("COLUMNS", str(columns))
    code, out, _ = run(capsys, "snippets", "list", "--today", "2026-11-26")
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= columns
    entries = library.entries()
    texts = [e.id for e in entries] + [label(e) for e in entries] + [subject_of(e) for e in entries]
    texts += ["31 library entries", "id kind name / preferred term status v subject review by"]
    texts += [e.kind for e in entries] + [e.status for e in entries] + ["1", "-", "2027-11-26"]
    cut = [t for t in tokens(out) if t not in allowed_tokens(texts)]
    assert cut == []


def test_at_120_columns_ids_and_subjects_are_whole_and_kind_is_shown(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "120")
    code, out, _ = run(capsys, "snippets", "list")
    lines = out.splitlines()
    assert lines[1].split()[:2] == ["id", "kind"]
    row = next(line for line in lines if line.startswith("community-benefit-society "))
    assert "registered-societies" in row
    assert any(line.startswith("voluntary-and-community-organisation ") for line in lines)


def test_at_80_columns_the_kind_column_makes_room(capsys, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, "snippets", "list")
    header = out.splitlines()[1:4]
    assert not any("kind" in line.split() for line in header)
    assert "organisation" in out  # the subject column names what is not a concept


def test_search_never_cuts_a_word(capsys, monkeypatch, library):
    monkeypatch.setenv("COLUMNS", "80")
    code, out, _ = run(capsys, "snippets", "search", "co-operative")
    assert code == 0
    entries = library.entries()
    texts = [e.id for e in entries] + [label(e) for e in entries] + [summary(e) for e in entries]
    texts += [out.splitlines()[0], "id kind name / preferred term matched in summary"]
    texts += [e.kind for e in entries] + ["name", "term", "definition", "id", "alias", "text"]
    cut = [t for t in tokens(out) if t not in allowed_tokens(texts)]
    assert cut == []
