"""Answering from the library in a real pseudo-terminal: a position inserted as it is from the
ranked offers, a passage found by search and adapted, then the .docx read back."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from drafter.answers import Pin, load_answers
from drafter.library import load_library, resolve_library_dirs
from tests.conftest import ROOT
from tests.test_draft_e2e import DOWN, ENTER, FINISH, Terminal

pytest.importorskip("pexpect")

POSITIONS = ROOT / "examples" / "library-positions"
EXAMPLE = ROOT / "examples" / "answers-example.yaml"


def _answers_without(tmp_path: Path, *numbers: str) -> Path:
    """The example answers with `numbers` left unanswered (the interview answers them)."""
    from drafter.answers import save_answers

    answers = load_answers(EXAMPLE)
    for number in numbers:
        del answers.answers[number]
    path = tmp_path / "answers.yaml"
    save_answers(answers, path)
    return path


def test_insert_a_position_adapt_a_passage_and_make_the_docx(tmp_path):
    _answers_without(tmp_path, "3", "5")
    library = load_library([*resolve_library_dirs(), POSITIONS])
    position = library.positions["section-16-reporting"]
    passage = library.passages["section-16-duty"]
    term = Terminal(
        "--answers", "answers.yaml", "--ask", "3,5", "--library", str(POSITIONS),
        "-o", "response.docx", cwd=tmp_path,
    )  # fmt: skip

    # question 3: Yes; the best offer is the position written for it: preview, then insert
    term.wait("Question 3 ")
    term.wait("Your answer")
    term.send(ENTER)
    term.wait("Quote or adapt a vetted text?")
    term.wait(f"Position: {position.title[:30]}")  # a long title is shortened, not the reason
    term.wait("— shares: duty, local, authorities, promote")
    term.send(DOWN + ENTER)  # the first offer
    term.wait("Preview it")
    term.send(ENTER)
    term.wait("like to see that duty reported on")  # the preview shows the text
    term.wait("Insert it as it is")
    term.send(DOWN + ENTER)
    term.wait("Quoted position section-16-reporting v1")
    term.wait("Remove the quoted position")  # the list again, with the quote in it
    term.send(ENTER)  # on to our own words
    term.wait("Your response")
    term.send("We also ask for yearly figures." + FINISH)
    term.keep_findings_until("Key point")
    term.send(ENTER)

    # question 5: Strongly agree; the passage found by search, adapted in the editor
    term.wait_after_glossary("Question 5 ")
    term.wait("Your answer")
    term.send(ENTER)
    term.wait("Quote or adapt a vetted text?")
    term.send("\x1b[A" + ENTER)  # Up wraps round to "Search the library…"
    term.wait("Library text (type to search")
    term.send("passage section-16-duty" + ENTER)
    term.wait("Insert it and adapt it")
    term.send(DOWN * 2 + ENTER)
    term.wait("Adapting passage section-16-duty v1")
    term.wait("Your response")
    term.send(" We add our own example." + FINISH)
    term.keep_findings_until("Key point")
    term.send(ENTER)

    term.wait_after_glossary("Make the Word response")
    term.send(ENTER)
    term.wait("Wrote response.docx")
    assert term.exit_code() == 0

    answers = load_answers(tmp_path / "answers.yaml")
    [quoted] = answers.answers["3"].references()
    assert (quoted.pin, quoted.text) == (
        Pin(position="section-16-reporting", version=1),
        position.text,
    )
    assert answers.answers["3"].typed == "We also ask for yearly figures."
    [adapted] = answers.answers["5"].parts()
    assert adapted.adapted_from == Pin(passage="section-16-duty", version=1)
    assert adapted.text.endswith("We add our own example.")

    paragraphs = [p.text for p in docx.Document(str(tmp_path / "response.docx")).paragraphs]
    body = "\n".join(paragraphs)
    assert body.count(" ".join(position.text.split())) == 1  # the vetted text, once and whole
    assert paragraphs.count("We also ask for yearly figures.") == 1
    first_words = " ".join(passage.text.split()[:12])
    assert body.count(first_words) == 1  # the adapted text, once
    glossary = paragraphs[paragraphs.index("Terms used in this response") :]
    for term_used in ("social enterprise", "third sector"):  # from the quoted and adapted texts
        assert any(p.lower().startswith(term_used) for p in glossary), term_used
