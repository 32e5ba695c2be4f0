"""The library's passages and positions offered for a question: the ranking on its own, and the
interview's offers driven through the real prompts (pipe input)."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.answers import Pin, load_answers
from drafter.errors import InputError
from drafter.interview.flow import Options
from drafter.library import load_library, resolve_library_dirs
from drafter.library.loader import load_library as real_load_library
from drafter.reuse.rank import Ranking, tokens
from tests.conftest import run_drafter
from tests.library_helpers import layer
from tests.test_interview_flow import CTRL_C, DOWN, ENTER, FINISH, drive


def position(pid: str, title: str, topics: str, text: str, status: str = "vetted") -> str:
    return (
        f"id: {pid}\nkind: position\nversion: 1\nstatus: {status}\n"
        "approved_by: Policy committee\napproved_on: 2026-11-20\nreview_by: 2027-11-20\n"
        f"title: {title}\ntopics: [{topics}]\ntext: {text}\n"
    )


SOCIAL_VALUE = position(
    "social-value", "Social value in commissioning", "social value, commissioning, tenders",
    "Commissioners should weigh social value when they buy care, and say how it is scored.",
)  # fmt: skip
SMALL_PROVIDERS = position(
    "small-providers", "Small providers and tenders", "small providers, tenders, lots",
    "Contracts should be let in lots small enough for small providers to bid.",
)  # fmt: skip
CONFLATED = position(
    "conflated", "Social value from member-owned providers", "social value, commissioning",
    "Co-ops/social enterprises add social value when commissioners weigh it.",
)  # fmt: skip


def ours(tmp_path: Path, *entries: str) -> Path:
    return layer(tmp_path, "ours", {f"p{i}.yaml": text for i, text in enumerate(entries)})


# -- the ranking ------------------------------------------------------------------------------


def test_offers_are_ranked_explained_and_at_most_three(tmp_path):
    library = load_library([*resolve_library_dirs(), ours(tmp_path, SOCIAL_VALUE, SMALL_PROVIDERS)])
    ranking = Ranking(library)
    offers = ranking.offers("How should commissioners weigh social value in care tenders?")
    assert len(offers) <= 3
    assert offers[0].id == "social-value"
    assert offers[0].why.startswith("shares: ") and "social" in offers[0].why
    assert "weigh" in offers[0].shared and "how" not in offers[0].shared  # no stop words
    again = ranking.offers("social value", exclude={"social-value"})
    assert "social-value" not in [o.id for o in again]
    assert ranking.offers("zzz qqq") == []
    assert [o.id for o in ranking.search("lots small enough")][:1] == ["small-providers"]


def test_only_vetted_texts_are_offered_and_an_empty_library_is_an_error(tmp_path):
    draft = position("drafty", "Social value draft", "social value", "Not yet.", status="draft")
    library = load_library([*resolve_library_dirs(), ours(tmp_path, draft)])
    assert "drafty" not in [e.id for e in Ranking(library).entries]
    from drafter.library import Library

    with pytest.raises(InputError, match="no vetted passages or positions"):
        Ranking(Library())


def test_words_meet_across_hyphens_and_plurals():
    assert tokens("Co-operatives and cooperative services") == [
        "cooperative", "cooperative", "service",
    ]  # fmt: skip


def test_suggest_lists_the_best_with_why_and_refuses_an_empty_library(tmp_path):
    ok = run_drafter("snippets", "suggest", "social value in tenders",
                     "--library", str(ours(tmp_path, SOCIAL_VALUE)))  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    title, why = ok.stdout.splitlines()[:2]
    assert title == "position social-value v1: Social value in commissioning"
    assert set(why.removeprefix("    shares: ").split(", ")) == {"social", "value", "tenders"}
    retire = {  # every bundled passage retired in a layer: nothing vetted left to offer
        f"{pid}.yaml": (Path(__file__).parents[1] / "snippets" / "passages" / f"{pid}.yaml")
        .read_text()
        .replace("status: vetted", "status: draft")
        for pid in ("section-16-duty", "co-operatives-and-mutuals")
    }
    empty = layer(tmp_path, "empty", retire)
    result = run_drafter("snippets", "suggest", "social value", "--library", str(empty))
    assert result.returncode == 2
    assert result.stderr == (
        "drafter: error: the library has no vetted passages or positions to offer\n"
    )
    assert result.stdout == ""
    helped = run_drafter("snippets", "suggest", "--help")
    assert helped.returncode == 0 and "QUESTION..." in helped.stdout and "--top" in helped.stdout


# -- the interview ----------------------------------------------------------------------------

ANSWERED = """\
schema: 1
consultation: sample-social-care
respondent: {name: Ann Example, organisation: Example Care Co-operative}
answers: {}
"""


@pytest.fixture
def interview(tmp_path, monkeypatch):
    """`drafter draft --ask 1` over the bundled library with `entries` layered on it."""
    monkeypatch.setattr("drafter.library.load_library", real_load_library)
    said: list[str] = []
    import drafter.interview.prompts as prompts

    real_say = prompts.say

    def say(text: str = "", style: str = "") -> None:
        said.append(text)
        real_say(text, style)

    monkeypatch.setattr(prompts, "say", say)

    def run(keys: str, *entries: str) -> tuple[int, Path, list[str]]:
        path = tmp_path / "answers.yaml"
        path.write_text(ANSWERED)
        options = Options(answers=path, ask="1", library_dirs=(ours(tmp_path, *entries),))
        return drive(keys, options), path, said

    return run


AGREE = DOWN + ENTER  # question 1: Agree
FIRST_OFFER = DOWN + ENTER  # the list: below "Go on to the response"
INSERT, ADAPT = DOWN + ENTER, DOWN * 2 + ENTER  # the actions below "Preview it"


def test_insert_remove_then_adapt_keeps_the_provenance(interview):
    keys = AGREE + FIRST_OFFER + INSERT  # quote the best offer...
    keys += DOWN + ENTER  # ...then remove it again ("Remove the quoted ...", below "Go on")
    keys += FIRST_OFFER + ADAPT  # adapt it instead: it becomes the response's text
    keys += " We add this." + FINISH + ENTER  # the key point
    keys += CTRL_C  # at the glossary list or the review: what was given is saved
    code, path, said = interview(keys, SOCIAL_VALUE, SMALL_PROVIDERS)
    assert code in (0, 130)
    answer = load_answers(path).answers["1"]
    [part] = answer.parts()
    assert part.adapted_from == Pin(position="social-value", version=1)
    assert part.text == (
        "Commissioners should weigh social value when they buy care, and say how it is "
        "scored. We add this."
    )
    assert answer.references() == []
    assert "Quoted position social-value v1: it prints as the library's text." in said


def test_a_quoted_text_is_saved_at_once_and_without_own_words_is_an_answer(interview):
    keys = AGREE + FIRST_OFFER + INSERT + ENTER  # quote it, then on to the response
    keys += FINISH  # no words of our own: the quote is the answer
    keys += "Weigh it" + ENTER + CTRL_C
    code, path, _ = interview(keys, SOCIAL_VALUE)
    assert code in (0, 130)
    answer = load_answers(path).answers["1"]
    [quoted] = answer.parts()
    assert quoted.pin == Pin(position="social-value", version=1)
    assert quoted.text.startswith("Commissioners should weigh social value")
    assert (answer.stance, answer.key_point, answer.draft) == ("Agree", "Weigh it", False)

    stopped = interview(AGREE + FIRST_OFFER + INSERT + CTRL_C, SOCIAL_VALUE)[1]
    draft = load_answers(stopped).answers["1"]  # killed at the next prompt: the quote is kept
    assert draft.draft and draft.references()[0].pin.id == "social-value"


def test_a_finding_in_vetted_text_is_a_library_defect_not_the_respondents(interview):
    search = "\x1b[A" + ENTER + "position conflated" + ENTER  # Up wraps round to the search
    keys = AGREE + search + INSERT + ENTER + FINISH + ENTER  # quoted; no own words; key point
    keys += ENTER + CTRL_C  # the glossary list (the quote's terms, ticked): keep the ticks
    code, path, said = interview(keys, CONFLATED)
    assert code in (0, 130)
    defects = [s for s in said if s.startswith("Library defect in position conflated v1")]
    assert defects and "not yours to fix" in defects[0], "\n".join(said)
    answer = load_answers(path).answers["1"]
    assert answer.kept_findings == []  # never asked about, never recorded as the respondent's
    assert answer.references()[0].pin.id == "conflated"
    # the glossary picking covers the quoted text, and pins each definition for drafter check
    assert "social-enterprise" in answer.define
    pinned = load_answers(path).definitions["social-enterprise"]
    library = load_library()
    assert pinned.version == library.concepts["social-enterprise"].version
    assert pinned.text == library.concepts["social-enterprise"].printed_definition


def test_a_quoted_text_is_named_by_its_first_words_with_a_mark_that_more_follow():
    from drafter.answers import reference
    from drafter.interview.flow import _quoted_view

    long = reference(
        Pin(position="p", version=2), "We agree. Price-led tendering favours large providers."
    )
    short = reference(Pin(passage="s", version=1), "We agree.")
    assert _quoted_view(long).title == "We agree. Price-led tendering favours large…"
    assert _quoted_view(short).title == "We agree."
