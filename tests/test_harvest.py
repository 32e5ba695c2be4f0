"""`drafter snippets harvest`: draft positions from a past answers file or a rendered response;
each substantive answer once, drafts that validate, nothing written on bad input."""

from __future__ import annotations

import pytest

from drafter.library import load_library
from drafter.library.harvest import Said, harvest, text_digest, title_for
from tests.conftest import ROOT, run_drafter
from tests.library_helpers import layer, snapshot

EXAMPLE = ROOT / "examples" / "answers-example.yaml"
# the example's questions with a substantive answer (10 is a stance only, 11 no response)
SUBSTANTIVE = ["1", "2", "3", "3a", "4", "5", "6", "7", "8", "9"]


@pytest.fixture(scope="module")
def response_docx(tmp_path_factory):
    """The example answers as `drafter render` writes them."""
    out = tmp_path_factory.mktemp("rendered") / "response.docx"
    result = run_drafter("render", str(EXAMPLE), "-o", str(out))
    assert result.returncode == 0, result.stderr
    return out


def harvest_into(folder, file):
    return run_drafter("snippets", "harvest", str(file), "--library", str(folder))


def positions(folder):
    return load_library([folder], use_cache=False).positions


def test_the_example_answers_become_drafts_that_validate_and_a_second_harvest_adds_nothing(
    tmp_path,
):
    ours = tmp_path / "ours"
    first = harvest_into(ours, EXAMPLE)
    assert first.returncode == 0, first.stderr
    assert f"proposed 10 draft position(s) in {ours / 'positions'}:" in first.stdout
    found = positions(ours)
    assert sorted(p.origin.question for p in found.values()) == sorted(SUBSTANTIVE)
    assert {p.status for p in found.values()} == {"draft"}
    assert all(p.origin.file == "answers-example.yaml" for p in found.values())
    duty = next(p for p in found.values() if p.origin.question == "3")
    assert duty.text.startswith("Section 16 of the Social Services and Well-being")
    assert duty.written_for == ("sample-social-care, question 3",)
    assert {"co-operative", "social enterprise"} <= set(duty.topics)
    checked = run_drafter("snippets", "validate", "--library", str(ours), "--no-examples")
    assert checked.returncode == 0, checked.stderr
    assert "10 positions" in checked.stdout

    before = snapshot(ours)
    again = harvest_into(ours, EXAMPLE)
    assert again.returncode == 0
    assert "no new position to propose" in again.stdout
    assert "10 answer(s) already in the library" in again.stderr
    assert snapshot(ours) == before


def test_a_rendered_response_gives_the_same_drafts_and_then_the_answers_add_nothing(
    tmp_path, response_docx
):
    ours = tmp_path / "ours"
    result = harvest_into(ours, response_docx)
    assert result.returncode == 0, result.stderr
    found = positions(ours)
    assert sorted(p.origin.question for p in found.values()) == sorted(SUBSTANTIVE)
    barriers = next(p for p in found.values() if p.origin.question == "2")
    assert (
        barriers.title == "What barriers prevent smaller providers from bidding for care contracts"
    )
    assert "\n\n- contracts packaged in lots too large for a small provider;\n" in barriers.text
    assert barriers.written_for[0].startswith("Sample consultation: Commissioning social care")
    assert run_drafter("snippets", "validate", "--library", str(ours), "-q").returncode == 0
    before = snapshot(ours)
    for again in (response_docx, EXAMPLE):  # the same answers, read from either file
        assert "no new position" in harvest_into(ours, again).stdout
    assert snapshot(ours) == before


def test_an_answer_already_a_position_is_not_proposed_even_after_editing_its_origin(tmp_path):
    from drafter.library.harvest import read_said

    _, said = read_said(EXAMPLE)
    text = next(s for s in said if s.question == "9").text
    body = "\n".join("  " + line for line in text.splitlines())
    ours = layer(
        tmp_path,
        "ours",
        {
            "positions/ours.yaml": "id: ours\nkind: position\nversion: 2\nstatus: vetted\n"
            "approved_by: Board\napproved_on: 2026-11-01\nreview_by: 2027-11-01\n"
            f"title: Co-production\ntext: |\n{body}\n"
        },
    )
    result = harvest(EXAMPLE, load_library([ours], use_cache=False))
    assert "9" not in [p.origin.question for p in result.drafts]
    assert result.already == 1


def test_the_digest_ignores_markdown_lists_emphasis_quotes_and_white_space():
    markdown = "We *agree*:\n\n- first point;\n- it’s second.\n"
    as_read_from_word = "We agree:\n\nfirst point;\n\nit's second."
    assert text_digest(markdown) == text_digest(as_read_from_word)
    assert text_digest(markdown) != text_digest("We disagree:\n\n- first point;")


@pytest.mark.parametrize(
    ("question", "title"),
    [
        (
            "Do you agree that local authorities should give more weight to social value?",
            "Local authorities should give more weight to social value",
        ),
        (
            "If you answered yes, which of the following would make the most difference?",
            "Which of the following would make the most difference",
        ),
        (
            "What barriers prevent smaller providers, such as co-operatives, from bidding?",
            "What barriers prevent smaller providers from bidding",
        ),
        ("Question 12: how should care be funded?", "How should care be funded"),
        ("Q4. Do you agree that fees should rise?", "Fees should rise"),
    ],
)
def test_a_title_comes_from_the_question_without_its_lead_in(question, title):
    assert title_for(Said("1", question, "", ["An answer."])) == title


def test_a_long_question_is_cut_at_a_word():
    title = title_for(Said("1", "Should " + "abcdefghi " * 20 + "?", "", ["x"]))
    assert len(title) == 77 and title.endswith(" abcdefghi…")


def test_without_the_question_the_key_point_titles_the_draft():
    said = Said("4", None, "Social value should carry real weight.", ["An answer."])
    assert title_for(said) == "Social value should carry real weight"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", "We agree.", "cannot harvest this file: give an answers file (.yaml)"),
        ("entry.yaml", "id: x\nkind: concept\n", "is YAML but not an answers file"),
        ("empty.docx", None, "has no 'Question N' headings"),
        ("broken.docx", "not a zip", "is not a Word document"),
    ],
)
def test_a_file_that_is_not_answers_or_a_response_is_one_line_exit_2_nothing_written(
    tmp_path, name, content, message
):
    source = tmp_path / name
    if content is None:
        import docx

        document = docx.Document()
        document.add_paragraph("A letter, not a response.")
        document.save(source)
    else:
        source.write_text(content, encoding="utf-8")
    ours = tmp_path / "ours"
    result = harvest_into(ours, source)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
    assert str(source) in result.stderr
    assert not ours.exists()


def test_harvest_needs_a_library_folder_to_write_into(tmp_path):
    result = run_drafter("snippets", "harvest", str(EXAMPLE), cwd=tmp_path)
    assert result.returncode == 2
    assert "give --library DIR" in result.stderr


def test_a_harvested_draft_becomes_vetted_only_through_review(tmp_path):
    ours = tmp_path / "ours"
    harvest_into(ours, EXAMPLE)
    draft = next(p for p in positions(ours).values() if p.origin.question == "1")
    result = run_drafter(
        "snippets", "review", draft.id, "--by", "Policy committee", "--on", "2026-12-01",
        "--library", str(ours),
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (
        f"{draft.id}: approved by Policy committee on 2026-12-01, version 1 -> 2" in result.stdout
    )
    text = (ours / "positions" / f"{draft.id}.yaml").read_text(encoding="utf-8")
    assert "approved_by: Policy committee\napproved_on: 2026-12-01\n" in text
    vetted = positions(ours)[draft.id]
    assert (vetted.status, vetted.version, vetted.approved_by) == ("vetted", 2, "Policy committee")
    assert run_drafter("snippets", "validate", "--library", str(ours), "-q").returncode == 0


def test_harvest_help_shows_both_inputs_and_the_review_step():
    result = run_drafter("snippets", "harvest", "--help")
    assert result.returncode == 0
    for text in ("ANSWERS", ".docx", "drafter render", "--library DIR", "snippets review"):
        assert text in result.stdout, text


def test_a_response_quoting_vetted_text_proposes_only_the_respondents_own_words(tmp_path):
    from drafter.answers import Answer, Part, Pin, reference

    library = load_library()
    mutuals = library.passages["co-operatives-and-mutuals"]
    own = "We ask commissioners to:\n- publish how social value is scored in every tender;\n"
    own += "- let co-operatives bid for contracts in small lots."
    answer = Answer(stance="Yes")
    answer.set_parts([reference(Pin(passage=mutuals.id, version=mutuals.version), mutuals.text),
                      Part(text=own)])  # fmt: skip
    from tests.render_helpers import write_answers

    answers = write_answers(tmp_path / "quoting.yaml", {"3": answer})
    out = tmp_path / "quoting.docx"
    assert run_drafter("render", str(answers), "-o", str(out)).returncode == 0

    for source in (out, answers):
        (draft,) = harvest(source, library).drafts
        assert text_digest(draft.text) == text_digest(own), source  # the passage left out
        assert "in every tender;\n- let co-operatives" in draft.text  # the list kept tight


def test_a_stance_word_is_not_a_topic():
    from drafter.library.harvest import topics_for

    answer = "We agree, and strongly agree that social value and its weight matter. Weight it."
    topics = topics_for("Do you agree that social value matters?", answer, lambda text: [])
    assert "agree" not in topics and "strongly" not in topics
    assert {"value", "weight"} <= set(topics)
